//! The `--json` report: one object on one line, with the verdict, the findings with their rule
//! ids and spans, the input names, and each command's reading.

mod common;

use common::{BAD_POLICY, CERT_AT, GOOD_POLICY, Scratch, WARN_POLICY, cert_bytes};
use serde_json::{Value, json};

fn finding<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|finding| finding["rule"] == rule))
        .unwrap_or_else(|| panic!("no {rule} finding in {report}"))
}

#[test]
fn a_policy_report_has_verdict_findings_spans_and_the_policy() {
    let scratch = Scratch::new();
    scratch.file("bad.txt", BAD_POLICY);

    let run = scratch.run(&["policy", "--json", "bad.txt"]);
    run.assert_code(1);
    let report = run.json();

    assert_eq!(report["verdict"], "fail");
    assert_eq!(report["inputs"], json!(["bad.txt"]));

    let dot = finding(&report, "STS-POLICY-012");
    assert_eq!(dot["severity"], "error");
    assert_eq!(
        dot["span"],
        json!({"input": 0, "start": 49, "end": 50, "line": 3, "column": 21})
    );
    assert_eq!(dot["rfc"], "RFC 8461 §3.2");
    assert_eq!(
        dot["rfc_url"],
        "https://www.rfc-editor.org/rfc/rfc8461#section-3.2"
    );
    assert!(dot["help"].as_str().is_some_and(|help| !help.is_empty()));

    let indented = finding(&report, "STS-POLICY-002");
    assert_eq!(indented["span"]["line"], 4);
    assert_eq!(indented["span"]["column"], 1);

    let short = finding(&report, "STS-POLICY-007");
    assert_eq!(short["severity"], "warning");
    assert_eq!(short["span"]["line"], 5);
    assert_eq!(short["span"]["column"], 10);

    let endings = finding(&report, "STS-POLICY-001");
    assert_eq!(endings["severity"], "info");
    assert_eq!(endings["span"], Value::Null);

    assert_eq!(report["policy"]["mode"], "enforce");
    assert_eq!(report["policy"]["max_age"], 3600);
}

#[test]
fn a_passing_policy_has_no_findings_but_its_reading() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    let report = scratch.run(&["policy", "--json", "good.txt"]).json();

    assert_eq!(report["verdict"], "pass");
    assert_eq!(
        report["policy"],
        json!({
            "mode": "enforce",
            "max_age": 604800,
            "mx": ["mail.example.com", "*.example.net"],
            "extensions": {}
        })
    );
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|finding| finding["rule"].as_str())
        .collect();
    assert_eq!(rules, ["STS-POLICY-023"], "only the wildcard note");
}

#[test]
fn a_warning_gives_the_warn_verdict_and_exit_0() {
    let scratch = Scratch::new();
    scratch.file("warn.txt", WARN_POLICY);

    let run = scratch.run(&["policy", "--json", "warn.txt"]);
    run.assert_code(0);
    assert_eq!(run.json()["verdict"], "warn");
}

#[test]
fn a_body_senders_cannot_use_has_a_null_policy() {
    let scratch = Scratch::new();
    scratch.file("empty.txt", b"");

    let run = scratch.run(&["policy", "--json", "empty.txt"]);
    run.assert_code(1);
    assert_eq!(run.json()["policy"], Value::Null);
}

#[test]
fn stdin_is_named_in_inputs() {
    let scratch = Scratch::new();

    let run = scratch.run_with_stdin(&["policy", "--json", "-"], GOOD_POLICY);
    assert_eq!(run.json()["inputs"], json!(["<stdin>"]));
}

#[test]
fn sts_records_report_each_record_as_an_input() {
    let scratch = Scratch::new();

    let run = scratch.run(&[
        "sts-record",
        "--json",
        "google-site-verification=abc",
        r#""v=STSv1; id=2024" "0101""#,
    ]);
    run.assert_code(0);
    let report = run.json();

    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["inputs"], json!(["record 1", "record 2"]));
    assert_eq!(
        report["record"],
        json!({"id": "20240101", "extensions": {}})
    );
    assert_eq!(report["record_index"], 1);

    let split = finding(&report, "STS-TXT-002");
    assert_eq!(split["span"]["input"], 1);
    assert_eq!(split["span"]["line"], 1);
    assert_eq!(split["span"]["column"], 16);

    let discarded = finding(&report, "STS-TXT-003");
    assert_eq!(discarded["span"]["input"], 0);
}

#[test]
fn conflicting_sts_records_leave_no_record() {
    let scratch = Scratch::new();

    let run = scratch.run(&["sts-record", "--json", "v=STSv1; id=1", "v=STSv1; id=2"]);
    run.assert_code(1);
    let report = run.json();

    assert_eq!(report["verdict"], "fail");
    assert_eq!(report["record"], Value::Null);
    assert_eq!(report["record_index"], Value::Null);
    assert_eq!(finding(&report, "STS-TXT-004")["span"], Value::Null);
}

#[test]
fn a_tlsrpt_record_lists_its_destinations() {
    let scratch = Scratch::new();

    let run = scratch.run(&[
        "tlsrpt-record",
        "--json",
        "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.net/tls",
    ]);
    run.assert_code(0);
    let report = run.json();

    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["record_index"], 0);
    assert_eq!(
        report["record"]["destinations"],
        json!([
            {"scheme": "mailto", "uri": "mailto:tlsrpt@example.com"},
            {"scheme": "https", "uri": "https://reports.example.net/tls"}
        ])
    );
}

#[test]
fn a_bad_tlsrpt_destination_points_into_its_record() {
    let scratch = Scratch::new();

    let run = scratch.run(&[
        "tlsrpt-record",
        "--json",
        "v=TLSRPTv1; rua=ftp://example.com/x",
    ]);
    run.assert_code(1);
    let report = run.json();

    assert_eq!(report["verdict"], "fail");
    let scheme = finding(&report, "TLSRPT-TXT-008");
    assert_eq!(scheme["span"]["input"], 0);
    assert_eq!(scheme["span"]["column"], 17);
}

#[test]
fn mx_reports_the_policy_and_which_hosts_are_covered() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    let run = scratch.run(&[
        "mx",
        "--json",
        "--policy",
        "good.txt",
        "MX1.Example.NET.",
        "backup.example.org",
    ]);
    run.assert_code(0);
    let report = run.json();

    assert_eq!(report["verdict"], "warn");
    assert_eq!(report["inputs"], json!(["good.txt"]));
    assert_eq!(report["policy"]["mode"], "enforce");
    assert_eq!(
        report["mx"],
        json!({
            "hosts": [
                {"host": "MX1.Example.NET.", "name": "mx1.example.net", "covered": true,
                 "patterns": ["*.example.net"]},
                {"host": "backup.example.org", "name": "backup.example.org", "covered": false,
                 "patterns": []}
            ],
            "unused_patterns": ["mail.example.com"]
        })
    );

    let unused = finding(&report, "STS-MX-009");
    assert_eq!(unused["span"]["line"], 3);
    assert_eq!(unused["span"]["column"], 5);
    assert_eq!(finding(&report, "STS-MX-008")["severity"], "warning");
    assert_eq!(finding(&report, "STS-MX-005")["severity"], "info");
}

#[test]
fn mx_with_a_domain_checks_the_implicit_mx() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    let run = scratch.run(&[
        "mx",
        "--json",
        "--policy",
        "good.txt",
        "--domain",
        "example.com",
    ]);
    run.assert_code(1);
    let report = run.json();

    assert_eq!(report["mx"]["hosts"][0]["host"], "example.com");
    assert_eq!(report["mx"]["hosts"][0]["covered"], false);
    assert_eq!(finding(&report, "STS-MX-006")["severity"], "error");
}

#[test]
fn mx_with_a_null_mx_has_no_hosts() {
    let scratch = Scratch::new();
    scratch.file("good.txt", GOOD_POLICY);

    let run = scratch.run(&["mx", "--json", "--policy", "good.txt", "."]);
    run.assert_code(0);
    let report = run.json();

    assert_eq!(report["mx"]["hosts"], json!([]));
    assert_eq!(finding(&report, "STS-MX-007")["severity"], "info");
}

#[test]
fn mx_without_a_usable_policy_has_null_policy_and_mx() {
    let scratch = Scratch::new();
    scratch.file("bad.txt", b"version: STSv2\n");

    let run = scratch.run(&["mx", "--json", "--policy", "bad.txt", "mail.example.com"]);
    run.assert_code(1);
    let report = run.json();

    assert_eq!(report["policy"], Value::Null);
    assert_eq!(report["mx"], Value::Null);
    assert_eq!(report["verdict"], "fail");
}

/// Runs `cert --json` in a scratch directory holding `chain.pem` (the CPython fixture `chain`
/// followed by `extra`) and the lab root `ca.pem`, trusting that root alone.
fn cert_report(chain: &[&str], extra: &[&str]) -> (common::Run, Value) {
    let scratch = Scratch::new();
    let bundle: Vec<u8> = chain.iter().flat_map(|name| cert_bytes(name)).collect();
    scratch.file("chain.pem", &bundle);
    scratch.file("ca.pem", &cert_bytes("cpython__pycacert@4b37ed8d.pem"));
    scratch.file("mta-sts.txt", GOOD_POLICY);

    let mut args = vec!["cert", "--json", "--at", CERT_AT, "--host", "localhost"];
    args.extend(["--roots", "ca.pem", "--no-builtin-roots"]);
    args.extend(extra);
    args.push("chain.pem");
    let run = scratch.run(&args);
    let report = run.json();
    (run, report)
}

#[test]
fn cert_reports_each_certificate_the_path_and_its_anchor() {
    let (run, report) = cert_report(&["cpython__chain_localhost+ca.pem"], &[]);
    run.assert_code(0);

    let mut keys: Vec<&str> = report
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "anchor",
            "certificates",
            "diagnostics",
            "inputs",
            "matched_name",
            "path",
            "patterns",
            "verdict"
        ]
    );
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["inputs"], json!(["chain.pem", "ca.pem"]));
    assert_eq!(report["path"], json!([0, 1]));
    assert_eq!(
        report["anchor"],
        json!({"subject": "CN=our-ca-server,O=Python Software Foundation CA,C=XY",
               "source": "supplied"})
    );
    assert_eq!(report["matched_name"], "localhost");
    assert_eq!(report["patterns"], json!([]));

    let leaf = &report["certificates"][0];
    assert_eq!(
        leaf,
        &json!({
            "subject": "CN=localhost,O=Python Software Foundation,L=Castle Anthrax,C=XY",
            "issuer": "CN=our-ca-server,O=Python Software Foundation CA,C=XY",
            "dns_names": ["localhost"],
            "ip_addresses": [],
            "not_before": "2018-08-29T14:23:16Z",
            "not_after": "2037-10-28T14:23:16Z",
            "key": "RSA 3072 bits",
            "signature_algorithm": "sha256WithRSAEncryption",
            "fingerprint_sha256": "58:F9:09:B0:CB:10:5F:81:1E:C3:30:42:E3:54:1E:D2:39:DB:86:E2:\
                                   EF:A8:C7:FC:FE:7F:9E:80:EC:79:D3:DF",
            "position": 0,
            "is_ca": false,
            "self_issued": false,
        })
    );
    let root = &report["certificates"][1];
    assert_eq!(root["position"], 1);
    assert_eq!(root["is_ca"], true);
    assert_eq!(root["self_issued"], true);
    assert_eq!(root["dns_names"], json!([]));
}

#[test]
fn cert_marks_what_is_not_in_the_path_and_lists_the_policys_patterns() {
    let (run, report) = cert_report(
        &[
            "cpython__keycert3-localhost.cert.pem",
            "cpython__allsans.cert.pem",
        ],
        &["--policy", "mta-sts.txt"],
    );
    // The chain is sound, but the policy does not cover the host.
    run.assert_code(1);
    assert_eq!(finding(&report, "STS-MX-001")["span"], Value::Null);

    assert_eq!(report["path"], json!([0]));
    assert_eq!(report["certificates"][0]["position"], 0);
    assert_eq!(report["certificates"][1]["position"], Value::Null);
    assert_eq!(
        report["certificates"][1]["ip_addresses"],
        json!(["127.0.0.1", "::1"])
    );
    let unrelated = finding(&report, "STS-CERT-017");
    assert_eq!(unrelated["span"]["input"], 0);
    assert_eq!(unrelated["span"]["line"], 35);
    assert_eq!(
        report["patterns"],
        json!([
            {"pattern": "mail.example.com", "covers_host": false},
            {"pattern": "*.example.net", "covers_host": false},
        ])
    );
    // The inputs are the chain and the roots; the policy is read only for its patterns.
    assert_eq!(report["inputs"], json!(["chain.pem", "ca.pem"]));
}

#[test]
fn cert_with_a_broken_path_has_no_anchor_and_no_matched_name() {
    let (run, report) = cert_report(&["cpython__nosan.cert.pem"], &[]);
    run.assert_code(1);

    assert_eq!(report["verdict"], "fail");
    assert_eq!(report["anchor"], Value::Null);
    assert_eq!(report["matched_name"], Value::Null);
    assert_eq!(report["path"], json!([0]));
    assert_eq!(finding(&report, "STS-CERT-002")["severity"], "error");
}
