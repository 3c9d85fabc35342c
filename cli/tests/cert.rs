//! `mta-sts-check cert` on real certificates from CPython's test suite: which chains pass and
//! which fail with what rule, the exit statuses, the options reaching the core, and hostile
//! certificate fields never reaching the terminal raw.

mod common;

use std::ffi::OsString;

use common::{CERT_AT, GOOD_POLICY, Run, Scratch, cert_bytes, cert_fixture};

/// A server certificate for `localhost`, issued by [`CA`].
const LEAF: &str = "cpython__keycert3-localhost.cert.pem";

/// The lab root that issued [`LEAF`].
const CA: &str = "cpython__pycacert@4b37ed8d.pem";

/// A root with [`CA`]'s name but another key.
const OTHER_KEY_CA: &str = "cpython__pycacert@02e3b731__same-DN-other-key.pem";

/// [`LEAF`] followed by [`CA`].
const CHAIN: &str = "cpython__chain_localhost+ca.pem";

/// A self-signed certificate with NUL bytes in its names.
const NULL_BYTE: &str = "cpython__nullbytecert.pem";

/// `cert --at CERT_AT --host localhost --roots <roots> --no-builtin-roots`, then `extra`.
fn lab(roots: &str, extra: &[&str]) -> Vec<OsString> {
    let mut args: Vec<OsString> = ["cert", "--at", CERT_AT, "--host", "localhost", "--roots"]
        .iter()
        .map(OsString::from)
        .collect();
    args.push(cert_fixture(roots).into());
    args.push("--no-builtin-roots".into());
    args.extend(extra.iter().map(OsString::from));
    args
}

fn with_file(mut args: Vec<OsString>, name: &str) -> Vec<OsString> {
    args.push(cert_fixture(name).into());
    args
}

fn run_json(args: Vec<OsString>) -> Run {
    let mut args = args;
    args.insert(1, "--json".into());
    Scratch::new().run(&args)
}

/// Whether `bytes` hold a control character other than a line feed.
fn has_raw_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|character| character.is_control() && character != '\n')
}

#[test]
fn a_leaf_issued_by_the_supplied_root_passes_with_a_note() {
    let run = run_json(with_file(lab(CA, &[]), LEAF));
    run.assert_code(0);
    assert_eq!(run.rules(), ["STS-CERT-028"]);
    let json = run.json();
    assert_eq!(json["verdict"], "pass");
    assert_eq!(json["anchor"]["source"], "supplied");
    assert_eq!(json["matched_name"], "localhost");

    let human = Scratch::new().run(&with_file(lab(CA, &[]), LEAF));
    human.assert_code(0);
    let text = human.stdout();
    assert!(text.contains("info[STS-CERT-028]"), "{text}");
    assert!(
        text.contains("path: [1] CN=localhost → anchor CN=our-ca-server (supplied)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("pass: 0 errors, 0 warnings, 1 info\n"),
        "{text}"
    );
}

#[test]
fn a_root_with_the_issuers_name_but_another_key_breaks_the_path() {
    let run = run_json(with_file(lab(OTHER_KEY_CA, &[]), LEAF));
    run.assert_code(1);
    assert_eq!(run.rules(), ["STS-CERT-015"]);
    assert_eq!(run.json()["anchor"], serde_json::Value::Null);

    let human = Scratch::new().run(&with_file(lab(OTHER_KEY_CA, &[]), LEAF));
    human.assert_code(1);
    let text = human.stdout();
    assert!(text.contains("error[STS-CERT-015]"), "{text}");
    assert!(text.contains("1 | -----BEGIN CERTIFICATE-----\n"), "{text}");
    assert!(
        text.contains("path: [1] CN=localhost ✗ breaks here: CN=our-ca-server has the issuer's"),
        "{text}"
    );
}

#[test]
fn mozillas_roots_do_not_know_a_lab_root() {
    let scratch = Scratch::new();
    let run = scratch.run(&[
        OsString::from("cert"),
        "--json".into(),
        "--at".into(),
        CERT_AT.into(),
        "--host".into(),
        "localhost".into(),
        cert_fixture(LEAF).into(),
    ]);
    run.assert_code(1);
    assert_eq!(run.rules(), ["STS-CERT-013"]);
}

#[test]
fn a_certificate_with_nul_bytes_fails_and_no_control_character_is_printed() {
    let args = |json: bool| {
        let mut args: Vec<OsString> = vec!["cert".into()];
        if json {
            args.push("--json".into());
        }
        for arg in ["--at", CERT_AT, "--host", "null.python.org"] {
            args.push(arg.into());
        }
        args.push(cert_fixture(NULL_BYTE).into());
        args
    };

    let human = Scratch::new().run(&args(false));
    human.assert_code(1);
    assert!(!has_raw_control(&human.stdout), "{}", human.stdout());
    let text = human.stdout();
    assert!(text.contains("altnull.python.org\\0example.com"), "{text}");
    assert!(text.contains("error[STS-CERT-014]"), "{text}");

    let json = Scratch::new().run(&args(true));
    json.assert_code(1);
    assert!(!has_raw_control(&json.stdout), "{}", json.stdout());
    let report = json.json();
    assert_eq!(
        report["certificates"][0]["dns_names"][0],
        "altnull.python.org\0example.com"
    );
    assert_eq!(report["matched_name"], serde_json::Value::Null);
}

#[test]
fn text_that_is_not_a_certificate_is_a_finding() {
    let scratch = Scratch::new();
    let args = [
        "cert",
        "--json",
        "--at",
        CERT_AT,
        "--host",
        "localhost",
        "-",
    ];
    let run = scratch.run_with_stdin(&args, b"hello, not a certificate\n");
    run.assert_code(1);
    assert_eq!(run.rules(), ["STS-CERT-026"]);
    assert_eq!(run.json()["certificates"], serde_json::json!([]));
    assert_eq!(run.json()["inputs"], serde_json::json!(["<stdin>"]));

    let human =
        scratch.run_with_stdin(&["cert", "--at", CERT_AT, "--host", "localhost", "-"], b"x");
    human.assert_code(1);
    assert!(
        human
            .stdout()
            .contains("path: none: no certificate could be read\n")
    );
}

#[test]
fn a_chain_on_standard_input_is_read() {
    let scratch = Scratch::new();
    let mut args = lab(CA, &["--json"]);
    args.push("-".into());
    let run = scratch.run_with_stdin(&args, &cert_bytes(CHAIN));
    run.assert_code(0);
    assert_eq!(run.json()["path"], serde_json::json!([0, 1]));
    assert_eq!(run.json()["inputs"][0], "<stdin>");
}

#[test]
fn a_missing_file_cannot_be_checked() {
    let scratch = Scratch::new();
    let run = scratch.run(&["cert", "--host", "localhost", "no-such-chain.pem"]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("cannot read `no-such-chain.pem`"),
        "{}",
        run.stderr
    );

    let mut args = lab(CA, &[]);
    args[6] = "no-such-roots.pem".into();
    let run = scratch.run(&with_file(args, LEAF));
    run.assert_code(2);
    assert!(
        run.stderr.contains("cannot read `no-such-roots.pem`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_instant_is_a_usage_error_naming_the_byte() {
    let scratch = Scratch::new();
    let mut args = with_file(lab(CA, &[]), LEAF);
    args[2] = "2026-12-04".into();
    let run = scratch.run(&args);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("--at `2026-12-04`: expected `T` at byte 10"),
        "{}",
        run.stderr
    );

    args[2] = "2026-12-04T00:00:00Z\u{1b}[2J".into();
    let run = scratch.run(&args);
    run.assert_code(2);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
}

#[test]
fn without_an_instant_the_clock_is_read() {
    let mut args = with_file(lab(CA, &["--json"]), LEAF);
    args.drain(1..3);
    let run = Scratch::new().run(&args);
    run.assert_no_panic();
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
    assert_eq!(run.json()["anchor"]["source"], "supplied");
}

#[test]
fn usage_errors_exit_2() {
    let scratch = Scratch::new();
    // Without roots of its own, a check that trusts no root could not pass.
    scratch
        .run(&["cert", "--host", "x", "--no-builtin-roots", "chain.pem"])
        .assert_code(2);
    scratch.run(&["cert", "chain.pem"]).assert_code(2);
    scratch
        .run(&["cert", "--host", "", "chain.pem"])
        .assert_code(2);
    scratch
        .run(&["cert", "--host", "x", "--warn-days", "-1", "chain.pem"])
        .assert_code(2);

    let run = scratch.run_with_stdin(
        &["cert", "--host", "x", "--roots", "-", "-"],
        &cert_bytes(CHAIN),
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains("only one input can be `-`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_expiry_thresholds_reach_the_core() {
    // The leaf expires at 2037-10-28T14:23:16Z: eight days after this instant.
    let soon = |extra: &[&str]| {
        let mut args = with_file(lab(CA, extra), LEAF);
        args[2] = "2037-10-20T00:00:00Z".into();
        args.insert(1, "--json".into());
        Scratch::new().run(&args)
    };

    let run = soon(&[]);
    run.assert_code(0);
    assert_eq!(run.json()["verdict"], "warn");
    assert_eq!(run.json()["diagnostics"][0]["rule"], "STS-CERT-006");
    assert_eq!(run.json()["diagnostics"][0]["severity"], "warning");

    let run = soon(&["--warn-days", "7"]);
    assert_eq!(run.json()["verdict"], "pass");
    assert_eq!(run.json()["diagnostics"][0]["severity"], "info");

    let run = soon(&["--warn-days", "7", "--info-days", "7"]);
    assert_eq!(run.rules(), ["STS-CERT-028"]);
}

#[test]
fn a_policy_says_which_patterns_cover_the_host() {
    let scratch = Scratch::new();
    let policy = scratch.file(
        "mta-sts.txt",
        b"version: STSv1\r\nmode: enforce\r\nmx: localhost\r\nmx: *.example.net\r\n\
          max_age: 604800\r\n",
    );
    let mut args = with_file(lab(CA, &["--json", "--policy"]), LEAF);
    args.insert(args.len() - 1, policy.into());
    let run = scratch.run(&args);
    run.assert_code(0);
    assert!(
        run.rules().contains(&"STS-CERT-027".to_owned()),
        "{:?}",
        run.rules()
    );
    assert_eq!(
        run.json()["patterns"],
        serde_json::json!([
            {"pattern": "localhost", "covers_host": true},
            {"pattern": "*.example.net", "covers_host": false},
        ])
    );

    let uncovering = scratch.file("other.txt", GOOD_POLICY);
    let mut args = with_file(lab(CA, &["--policy"]), LEAF);
    args.insert(args.len() - 1, uncovering.into());
    let run = scratch.run(&args);
    assert!(
        run.stdout()
            .contains("`mx: mail.example.com` does not cover the host\n"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_policy_senders_cannot_apply_stops_the_check() {
    let scratch = Scratch::new();
    scratch.file("broken.txt", b"version: STSv1\r\n");
    let mut args = with_file(lab(CA, &["--policy", "broken.txt"]), LEAF);
    args.insert(1, "--json".into());
    let run = scratch.run(&args);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("`broken.txt` gives senders no policy"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_finding_in_the_roots_file_points_into_it() {
    let scratch = Scratch::new();
    let mut roots = cert_bytes(CA);
    roots.extend(b"\n-----BEGIN CERTIFICATE-----\nMIIB\n");
    scratch.file("roots.pem", &roots);
    let mut args = with_file(lab(CA, &[]), LEAF);
    args[6] = "roots.pem".into();

    let human = scratch.run(&args);
    human.assert_code(1);
    let text = human.stdout();
    assert!(text.contains("--> roots.pem:29:1\n"), "{text}");

    args.insert(1, "--json".into());
    let run = scratch.run(&args);
    let finding = &run.json()["diagnostics"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|finding| finding["rule"] == "STS-CERT-026")
        .expect("a finding about the unterminated block")
        .clone();
    assert_eq!(finding["span"]["input"], 1);
    assert_eq!(run.json()["inputs"][1], "roots.pem");
    assert_eq!(run.json()["anchor"]["source"], "supplied");
}

#[test]
fn a_hostile_host_name_is_escaped() {
    let mut args = with_file(lab(CA, &[]), LEAF);
    args[4] = "evil\u{1b}[2J\u{202e}.example".into();
    let run = Scratch::new().run(&args);
    run.assert_code(1);
    assert!(!has_raw_control(&run.stdout), "{}", run.stdout());
    assert!(!run.stdout().contains('\u{202e}'), "{}", run.stdout());
    assert!(
        run.stdout().contains("error[STS-CERT-002]"),
        "{}",
        run.stdout()
    );
}
