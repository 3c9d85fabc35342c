//! The certificate judge on the real chains copied from CPython's test suite
//! (`tests/data/certs/`, see `tests/data/PROVENANCE-shared-cases.md`), judged at a pinned instant.

#![allow(clippy::expect_used, reason = "a test stops at the first failure")]
#![allow(clippy::disallowed_methods, reason = "the test reads fixtures")]

use mta_sts_check::{
    CertificateCheck, CertificateOptions, Rule, Severity, Verdict, check_certificates,
    parse_rfc3339,
};

#[track_caller]
fn assert_finding(check: &CertificateCheck, rule: Rule, severity: Severity) {
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.rule == rule && d.severity == severity),
        "expected {rule} ({severity}) among {:#?}",
        check.diagnostics
    );
}

#[track_caller]
fn assert_no_finding(check: &CertificateCheck, rule: Rule) {
    assert!(
        check.diagnostics.iter().all(|d| d.rule != rule),
        "unexpected {rule} in {:#?}",
        check.diagnostics
    );
}

/// The real chains from CPython's test suite, judged at a pinned instant.
#[test]
fn real_chains_from_cpython() {
    let at = parse_rfc3339("2026-12-04T00:00:00Z").expect("instant");
    let read = |name: &str| std::fs::read(format!("tests/data/certs/{name}")).expect("fixture");
    let judge = |chain: &str, host: &str, roots: &str| {
        let roots = if roots.is_empty() {
            Vec::new()
        } else {
            read(roots)
        };
        let mut options = CertificateOptions::new(host, at);
        options.extra_roots = &roots;
        check_certificates(&read(chain), &options)
    };

    let check = judge(
        "cpython__keycert3-localhost.cert.pem",
        "localhost",
        "cpython__pycacert@4b37ed8d.pem",
    );
    assert_eq!(check.verdict(), Verdict::Pass, "{:#?}", check.diagnostics);

    let check = judge(
        "cpython__keycert3-localhost.cert.pem",
        "localhost",
        "cpython__pycacert@02e3b731__same-DN-other-key.pem",
    );
    assert_finding(&check, Rule::CertBadSignature, Severity::Error);

    let check = judge(
        "cpython__keycert3-localhost.cert.pem",
        "mx.example.net",
        "cpython__pycacert@4b37ed8d.pem",
    );
    assert_finding(&check, Rule::CertNameMismatch, Severity::Error);

    let check = judge("cpython__chain_localhost+ca.pem", "localhost", "");
    assert_finding(&check, Rule::CertUntrusted, Severity::Error);

    let check = judge("cpython__nosan.cert.pem", "nosan", "");
    assert_finding(&check, Rule::CertNameMismatch, Severity::Error);
    assert_finding(&check, Rule::CertMissingIntermediate, Severity::Error);

    let check = judge("cpython__allsans.cert.pem", "allsans", "");
    assert_no_finding(&check, Rule::CertNameMismatch);
    assert_eq!(check.certificates[0].ip_addresses, ["127.0.0.1", "::1"]);

    let check = judge("cpython__nullbytecert.pem", "altnull.python.org", "");
    assert_finding(&check, Rule::CertNameMismatch, Severity::Error);
    assert_finding(&check, Rule::CertValidity, Severity::Error);
    assert!(
        check.diagnostics.iter().all(|d| !d.message.contains('\0')),
        "NUL in a message"
    );
    assert_finding(&check, Rule::CertControlCharacterInName, Severity::Error);
    let check = judge("cpython__allsans.cert.pem", "allsans", "");
    assert_no_finding(&check, Rule::CertControlCharacterInName);

    let check = judge(
        "cpython__selfsigned_pythontestdotnet.pem",
        "self-signed.pythontest.net",
        "",
    );
    assert_finding(&check, Rule::CertSelfSignedLeaf, Severity::Error);
}
