//! `mta-sts-check report`: the summary and findings for people and as JSON (snapshots), and the
//! exit statuses: 0 for pass or warn, 1 for fail, 2 when no file held a readable report.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

mod common;

use common::Scratch;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../tests/data/tlsrpt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).expect("fixture present")
}

/// A scratch folder holding the named fixtures under their own names.
fn with_fixtures(names: &[&str]) -> Scratch {
    let scratch = Scratch::new();
    for name in names {
        scratch.file(name, &fixture(name));
    }
    scratch
}

fn shown(scratch: &Scratch, args: &[&str]) -> String {
    let run = scratch.run(args);
    run.assert_no_panic();
    format!("exit: {:?}\n{}", run.code, run.stdout())
}

const MIXED: [&str; 3] = [
    "parsedmarc__smtp_tls.json",
    "mail-auth__rpt01_attachment.json.gz",
    "synthetic__multipart-report-rpt01-gzip.eml",
];

#[test]
fn report_human_summary_of_json_gzip_and_email() {
    let scratch = with_fixtures(&MIXED);
    let mut args = vec!["report"];
    args.extend(MIXED);
    insta::assert_snapshot!(shown(&scratch, &args));
}

#[test]
fn report_json_summary_of_json_gzip_and_email() {
    let scratch = with_fixtures(&MIXED);
    let mut args = vec!["report", "--json"];
    args.extend(MIXED);
    let run = scratch.run(&args);
    run.assert_code(0);
    let json = run.json();
    assert_eq!(json["totals"]["successful"], 5326);
    assert_eq!(json["totals"]["failed"], 306);
    assert_eq!(json["totals"]["duplicates"], 1);
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).expect("JSON"));
}

#[test]
fn report_that_fails_with_a_syntax_error_beside_it() {
    let scratch = with_fixtures(&["mail-auth__rpt03.json"]);
    scratch.file(
        "cut.json",
        b"{\"organization-name\": \"x\",\n  \"report-id\": }\n",
    );
    insta::assert_snapshot!(shown(
        &scratch,
        &["report", "mail-auth__rpt03.json", "cut.json"]
    ));
}

#[test]
fn report_exit_statuses() {
    let scratch = with_fixtures(&[
        "parsedmarc__google.com_2024-09-03.json.gz",
        "parsedmarc__mail.ru.json",
        "mail-auth__rpt03.json",
    ]);
    scratch
        .run(&["report", "parsedmarc__google.com_2024-09-03.json.gz"])
        .assert_code(0);
    scratch
        .run(&["report", "parsedmarc__mail.ru.json"])
        .assert_code(0);
    scratch
        .run(&["report", "--json", "mail-auth__rpt03.json"])
        .assert_code(1);

    scratch.file("junk.txt", b"not a report");
    let run = scratch.run(&["report", "junk.txt"]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("no TLS-RPT report could be read")
            && run.stderr.contains("neither JSON, gzip data nor an e-mail"),
        "{}",
        run.stderr
    );

    // One readable file is enough to report; the other is an error finding.
    scratch
        .run(&["report", "junk.txt", "parsedmarc__mail.ru.json"])
        .assert_code(1);

    let run = scratch.run_with_stdin(
        &["report", "--json", "-"],
        &fixture("parsedmarc__mail.ru.json"),
    );
    run.assert_code(0);
    assert_eq!(run.json()["inputs"][0], "<stdin>");
    scratch.run(&["report", "-", "-"]).assert_code(2);
    scratch.run(&["report"]).assert_code(2);
}

#[test]
fn files_read_at_once_are_added_up_in_the_order_given() {
    // Every fixture, a report given twice (in the same file and across files, as JSON and
    // inside an e-mail), a file that is not a report and one with a syntax error: the output
    // must not depend on how many files are read at once.
    let mut names: Vec<String> = std::fs::read_dir(format!(
        "{}/../tests/data/tlsrpt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixtures")
    .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
    .filter(|name| name != "PROVENANCE.md")
    .collect();
    names.sort();
    let scratch = with_fixtures(&names.iter().map(String::as_str).collect::<Vec<_>>());
    scratch.file("junk.txt", b"not a report");
    scratch.file("cut.json", &fixture("mail-auth__rpt03.json")[..200]);
    let mut args = vec!["report", "--json"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["junk.txt", "mail-auth__rpt01.json", "cut.json"]);
    args.extend(names.iter().rev().map(String::as_str));

    let one_at_a_time = scratch.run(&[&args[..], &["--jobs", "1"]].concat());
    one_at_a_time.assert_code(1);
    assert!(one_at_a_time.json()["totals"]["duplicates"].as_u64() > Some(names.len() as u64));
    for jobs in ["2", "3", "7"] {
        let several = scratch.run(&[&args[..], &["--jobs", jobs]].concat());
        assert_eq!(several.code, one_at_a_time.code);
        assert_eq!(several.stdout(), one_at_a_time.stdout(), "--jobs {jobs}");
    }

    // The first file in order that cannot be opened stops the command, whichever is read first.
    let mut missing = args.clone();
    missing.insert(5, "missing.json");
    for jobs in ["1", "4"] {
        let run = scratch.run(&[&missing[..], &["--jobs", jobs]].concat());
        run.assert_code(2);
        assert!(run.stderr.contains("missing.json"), "{}", run.stderr);
    }
}

#[test]
fn a_file_that_cannot_be_read_ends_the_command_while_a_stream_stays_open() {
    // Standard input is a pipe nobody writes to or closes: the missing file before it must end
    // the command at once, whatever is still waiting on the pipe.
    let scratch = with_fixtures(&["mail-auth__rpt01.json"]);
    for jobs in ["1", "2"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mta-sts-check"))
            .args([
                "report",
                "--jobs",
                jobs,
                "missing.json",
                "-",
                "mail-auth__rpt01.json",
            ])
            .current_dir(scratch.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let open_stdin = child.stdin.take();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("the child can be waited for") {
                break Some(status);
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        drop(open_stdin);
        let status = status.expect("the command ended without waiting for standard input");
        assert_eq!(status.code(), Some(2), "--jobs {jobs}");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
            .expect("stderr is text");
        assert!(stderr.contains("missing.json"), "{stderr}");
    }
}

#[test]
fn one_stream_named_twice_is_read_by_one_thread_in_order() {
    // `/dev/stdin` twice: the first takes the whole stream and the second finds it empty,
    // however many threads could read; two threads must never split the stream between them.
    let scratch = Scratch::new();
    let array = format!(
        "[{}]",
        vec![
            String::from_utf8(fixture("mail-auth__rpt03.json")).expect("the fixture is UTF-8");
            200
        ]
        .join(",")
    );
    let args = |jobs| {
        [
            "report",
            "--json",
            "--jobs",
            jobs,
            "/dev/stdin",
            "/dev/stdin",
        ]
    };
    let one = scratch.run_with_stdin(&args("1"), array.as_bytes());
    let json = one.json();
    assert_eq!(json["files"][0]["reports"], 200);
    assert_eq!(json["files"][1]["reports"], 0);
    for jobs in ["2", "4"] {
        let several = scratch.run_with_stdin(&args(jobs), array.as_bytes());
        assert_eq!(several.stdout(), one.stdout(), "--jobs {jobs}");
    }
}
