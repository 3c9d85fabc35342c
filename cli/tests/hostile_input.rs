//! Hostile and broken input: nothing from the input reaches the terminal raw (escape sequences,
//! C1 controls, bidirectional overrides), and non-UTF-8 bytes, NUL, a byte order mark, 10 MB,
//! a 1 MB line and 100,000 lines all give findings or a clear error, quickly, never a panic.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{GOOD_POLICY, Run, Scratch};
use mta_sts_check::MAX_DIAGNOSTICS_PER_INPUT;

/// Far more than any of these inputs takes even in a debug build; a hang or a quadratic blow-up
/// goes over it.
const QUICK: Duration = Duration::from_secs(20);

/// Characters that must never appear raw in a report: ESC, CSI as a C1 control, DEL, and the
/// right-to-left override.
const RAW_CONTROLS: [char; 4] = ['\u{1b}', '\u{9b}', '\u{7f}', '\u{202e}'];

fn assert_no_raw_controls(run: &Run) {
    let text = String::from_utf8_lossy(&run.stdout);
    for raw in RAW_CONTROLS {
        assert!(!text.contains(raw), "raw {raw:?} in the report:\n{text}");
    }
    for raw in RAW_CONTROLS {
        assert!(
            !run.stderr.contains(raw),
            "raw {raw:?} on stderr:\n{}",
            run.stderr
        );
    }
}

fn timed(scratch: &Scratch, args: &[&str]) -> Run {
    let started = Instant::now();
    let run = scratch.run(args);
    assert!(
        started.elapsed() < QUICK,
        "{args:?} took {:?}",
        started.elapsed()
    );
    run
}

#[test]
fn escape_sequences_in_a_policy_are_escaped_in_text_and_json() {
    let scratch = Scratch::new();
    scratch.file(
        "evil.txt",
        "version: STSv1\nmode: enforce\u{1b}[31m\nmx: mail.example.com\nmax_age: 604800\n\
         \u{1b}[2Jkey\u{9b}: v\u{7f}\u{202e}\n"
            .as_bytes(),
    );

    let text = scratch.run(&["policy", "evil.txt"]);
    text.assert_code(1);
    assert_no_raw_controls(&text);
    assert!(text.stdout().contains("\\u{1b}[31m"), "{}", text.stdout());
    assert!(text.stdout().contains("\\u{1b}[2J"), "{}", text.stdout());

    let json = scratch.run(&["policy", "--json", "evil.txt"]);
    json.assert_code(1);
    assert_no_raw_controls(&json);
    assert_eq!(json.json()["verdict"], "fail");
}

#[test]
fn escape_sequences_in_arguments_are_escaped() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    let record = scratch.run(&["sts-record", "v=STSv1; id=1\u{1b}[31m; x=\u{9b}1m"]);
    record.assert_code(1);
    assert_no_raw_controls(&record);

    let quoted = scratch.run(&[
        "tlsrpt-record",
        r#""v=TLSRPTv1; rua=mailto:a@b.example\027[2J""#,
    ]);
    quoted.assert_no_panic();
    assert_no_raw_controls(&quoted);

    let host = scratch.run(&[
        "mx",
        "--policy",
        "good.txt",
        "mx\u{1b}[2J.example.org\u{202e}",
    ]);
    host.assert_code(1);
    assert_no_raw_controls(&host);
    assert!(host.stdout().contains("\\u{1b}[2J"), "{}", host.stdout());

    let json = scratch.run(&[
        "mx",
        "--json",
        "--policy",
        "good.txt",
        "mx\u{9b}.example.org",
    ]);
    json.assert_code(1);
    assert_no_raw_controls(&json);
    assert_eq!(
        json.json()["mx"]["hosts"][0]["host"],
        "mx\u{9b}.example.org"
    );
}

#[test]
fn escape_sequences_in_file_names_are_escaped() {
    let scratch = Scratch::new();
    let name = "evil\u{1b}[2J.txt";
    scratch.file(name, b"version: STSv2\n");

    let run = scratch.run(&["policy", name]);
    run.assert_code(1);
    assert_no_raw_controls(&run);
    assert!(
        run.stdout().contains("evil\\u{1b}[2J.txt:1:"),
        "{}",
        run.stdout()
    );

    let missing = scratch.run(&["policy", "gone\u{1b}[2J.txt"]);
    missing.assert_code(2);
    assert_no_raw_controls(&missing);
}

#[test]
fn non_utf8_bytes_are_findings() {
    let scratch = Scratch::new();
    scratch.file(
        "latin1.txt",
        b"version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\nnote: caf\xe9\n",
    );

    let run = timed(&scratch, &["policy", "latin1.txt"]);
    run.assert_code(1);
    assert!(run.stdout().contains("note: caf\\xe9"), "{}", run.stdout());

    let json = scratch.run(&["policy", "--json", "latin1.txt"]);
    assert!(json.rules().contains(&"STS-POLICY-025".to_owned()));
}

#[test]
fn nul_bytes_are_findings() {
    let scratch = Scratch::new();
    scratch.file(
        "nul.txt",
        b"version: STSv1\nmode: enf\0orce\nmx: mail.example.com\nmax_age: 604800\n",
    );

    let run = timed(&scratch, &["policy", "nul.txt"]);
    run.assert_code(1);
    assert!(
        run.stdout().contains("mode: enf\\0orce"),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout.contains(&0));

    let rules = scratch.run(&["policy", "--json", "nul.txt"]).rules();
    assert!(rules.contains(&"STS-POLICY-020".to_owned()), "{rules:?}");
}

#[test]
fn a_byte_order_mark_is_a_finding() {
    let scratch = Scratch::new();
    scratch.file(
        "bom.txt",
        b"\xEF\xBB\xBFversion: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n\
          max_age: 604800\r\n",
    );

    let run = timed(&scratch, &["policy", "bom.txt"]);
    run.assert_code(1);
    assert!(
        run.stdout().contains("\\u{feff}version"),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout().contains('\u{feff}'));
}

#[test]
fn ten_megabytes_are_too_large_but_reported() {
    let scratch = Scratch::new();
    let mut body = GOOD_POLICY.to_vec();
    body.resize(10 * 1024 * 1024, b'a');
    scratch.file("huge.txt", &body);

    let run = timed(&scratch, &["policy", "--json", "huge.txt"]);
    run.assert_code(1);
    assert_eq!(run.rules(), ["STS-INPUT-001"]);

    let text = timed(&scratch, &["policy", "huge.txt"]);
    text.assert_code(1);
    assert!(text.stdout().contains("STS-INPUT-001"));
}

#[test]
fn ten_megabytes_on_standard_input_are_reported_too() {
    let scratch = Scratch::new();
    let body = vec![b'x'; 10 * 1024 * 1024];

    let run = scratch.run_with_stdin(&["policy", "-"], &body);
    run.assert_code(1);
    assert!(run.stdout().contains("STS-INPUT-001"), "{}", run.stdout());
}

#[test]
fn a_one_megabyte_line_is_shown_cut() {
    let scratch = Scratch::new();
    let mut body = b"version: STSv1\nmode: enforce\nmx: ".to_vec();
    body.extend(vec![b'a'; 1024 * 1024 - 100]);
    body.extend(b".example.com\nmax_age: 604800\n");
    scratch.file("long.txt", &body);

    let run = timed(&scratch, &["policy", "long.txt"]);
    run.assert_code(1);
    let widest = run.stdout().lines().map(|line| line.chars().count()).max();
    assert!(widest.is_some_and(|width| width < 1000), "{widest:?}");

    let json = timed(&scratch, &["policy", "--json", "long.txt"]);
    json.assert_code(1);
    assert!(!json.rules().is_empty());
}

#[test]
fn a_hundred_thousand_lines_are_read_quickly() {
    let scratch = Scratch::new();
    let mut body = GOOD_POLICY.to_vec();
    for _ in 0..100_000 {
        body.extend(b" k: v\n");
    }
    scratch.file("lines.txt", &body);

    let run = timed(&scratch, &["policy", "--json", "lines.txt"]);
    run.assert_code(1);
    let rules = run.rules();
    assert!(
        rules.contains(&"STS-INPUT-002".to_owned()),
        "the rest are counted"
    );
    assert!(
        rules.len() <= MAX_DIAGNOSTICS_PER_INPUT + 1,
        "{}",
        rules.len()
    );

    let text = timed(&scratch, &["policy", "lines.txt"]);
    text.assert_code(1);
    assert!(
        text.stdout().lines().count() < 3_000,
        "only the kept findings are shown"
    );
}

#[test]
fn txt_records_beyond_dns_limits_are_findings() {
    let scratch = Scratch::new();

    let long = format!("v=STSv1; id=1; x={}", "a".repeat(70_000));
    let run = timed(&scratch, &["sts-record", "--json", &long]);
    run.assert_code(1);
    assert!(run.rules().contains(&"STS-INPUT-001".to_owned()));

    let many: Vec<String> = (0..300).map(|n| format!("v=STSv1; id={n}")).collect();
    let mut args = vec!["sts-record".to_owned(), "--json".to_owned()];
    args.extend(many);
    let run = scratch.run(&args);
    run.assert_code(1);
    assert!(run.rules().contains(&"STS-INPUT-001".to_owned()));
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_are_findings_or_usage_errors() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let scratch = Scratch::new();

    let bare = OsStr::from_bytes(b"v=STSv1; id=caf\xe9");
    let run = scratch.run(&[OsStr::new("sts-record"), OsStr::new("--json"), bare]);
    run.assert_code(1);
    assert!(
        run.rules().contains(&"STS-TXT-012".to_owned()),
        "{:?}",
        run.rules()
    );

    let quoted = OsStr::from_bytes(b"\"v=STSv1; id=caf\xe9\"");
    let run = scratch.run(&[OsStr::new("sts-record"), quoted]);
    run.assert_code(2);
    assert!(run.stderr.contains("TXT argument 1"), "{}", run.stderr);

    let host = OsStr::from_bytes(b"mx\xe9.example.com");
    scratch.file("good.txt", GOOD_POLICY);
    let run = scratch.run(&[
        OsStr::new("mx"),
        OsStr::new("--policy"),
        OsStr::new("good.txt"),
        host,
    ]);
    run.assert_code(2);
}

#[test]
fn a_closed_pipe_does_not_panic() {
    let scratch = Scratch::new();
    let mut body = GOOD_POLICY.to_vec();
    for _ in 0..5_000 {
        body.extend(b" bad line\n");
    }
    let path = scratch.file("noisy.txt", &body);

    let mut child = Command::new(env!("CARGO_BIN_EXE_mta-sts-check"))
        .args([std::ffi::OsStr::new("policy"), path.as_os_str()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());

    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("a stderr pipe")
        .read_to_string(&mut stderr)
        .expect("stderr is read");
    let status = child.wait().expect("the binary ends");

    assert_ne!(status.code(), Some(101), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(1), "{stderr}");
}
