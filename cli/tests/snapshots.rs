//! Snapshots of the report for people: what a mail administrator reads for a broken policy,
//! split and broken TXT records, and the MX table. Review changes with `cargo insta review`.

mod common;

use common::{BAD_POLICY, CERT_AT, GOOD_POLICY, Scratch, cert_bytes};

/// The exit status and standard output of a run, as one snapshot.
fn shown(scratch: &Scratch, args: &[&str]) -> String {
    let run = scratch.run(args);
    run.assert_no_panic();
    format!("exit: {:?}\n{}", run.code, run.stdout())
}

#[test]
fn policy_with_several_problems() {
    let scratch = Scratch::new();
    scratch.file("mta-sts.txt", BAD_POLICY);

    insta::assert_snapshot!(shown(&scratch, &["policy", "mta-sts.txt"]));
}

#[test]
fn policy_that_passes() {
    let scratch = Scratch::new();
    scratch.file("mta-sts.txt", GOOD_POLICY);

    insta::assert_snapshot!(shown(&scratch, &["policy", "mta-sts.txt"]));
}

#[test]
fn policy_with_tabs_controls_and_wide_characters() {
    let scratch = Scratch::new();
    scratch.file(
        "mta-sts.txt",
        "version: STSv1\r\nmode:\tenforce\r\nmx: 例え.テスト\r\nmx: mail.example.com\r\n\
         max_age: 604800\r\nnote:\tx\ty\r\ncolour: \u{1b}[31mred\u{202e}der\r\n"
            .as_bytes(),
    );

    insta::assert_snapshot!(shown(&scratch, &["policy", "mta-sts.txt"]));
}

#[test]
fn policy_with_a_very_long_line() {
    let scratch = Scratch::new();
    let mut body = b"version: STSv1\nmode: enforce\nmx: ".to_vec();
    body.extend(b"a".repeat(300));
    body.extend(b"..example.com\nmax_age: 604800\n");
    scratch.file("mta-sts.txt", &body);

    insta::assert_snapshot!(shown(&scratch, &["policy", "mta-sts.txt"]));
}

#[test]
fn sts_records_split_and_broken() {
    let scratch = Scratch::new();

    insta::assert_snapshot!(shown(
        &scratch,
        &[
            "sts-record",
            r#""v=STSv1; id=2024" "0101""#,
            "v=STSv1 ; id=2024-01;;",
            "google-site-verification=abc",
        ],
    ));
}

#[test]
fn sts_record_in_effect() {
    let scratch = Scratch::new();

    insta::assert_snapshot!(shown(
        &scratch,
        &["sts-record", r#""v=STSv1; id=2024" "0101; note=hi""#],
    ));
}

#[test]
fn tlsrpt_records_broken() {
    let scratch = Scratch::new();

    insta::assert_snapshot!(shown(
        &scratch,
        &[
            "tlsrpt-record",
            "v=TLSRPTv1; rua=mailto:tlsrpt@example.com; rua=ftp://example.com/x",
            "v=TLSRPTv1;rua=https://reports.example.net/tls",
        ],
    ));
}

#[test]
fn tlsrpt_record_in_effect() {
    let scratch = Scratch::new();

    insta::assert_snapshot!(shown(
        &scratch,
        &[
            "tlsrpt-record",
            r#""v=TLSRPTv1; rua=mailto:tlsrpt@example.com," "https://reports.example.net/tls""#,
        ],
    ));
}

#[test]
fn mx_table() {
    let scratch = Scratch::new();
    scratch.file("mta-sts.txt", GOOD_POLICY);

    insta::assert_snapshot!(shown(
        &scratch,
        &[
            "mx",
            "--policy",
            "mta-sts.txt",
            "MX1.example.net.",
            "mail.example.com.",
            "backup.example.org.",
        ],
    ));
}

#[test]
fn mx_implicit() {
    let scratch = Scratch::new();
    scratch.file("mta-sts.txt", GOOD_POLICY);

    insta::assert_snapshot!(shown(
        &scratch,
        &["mx", "--policy", "mta-sts.txt", "--domain", "example.com"],
    ));
}

#[test]
fn mx_null() {
    let scratch = Scratch::new();
    scratch.file("mta-sts.txt", GOOD_POLICY);

    insta::assert_snapshot!(shown(&scratch, &["mx", "--policy", "mta-sts.txt", "."]));
}

#[test]
fn mx_without_a_policy() {
    let scratch = Scratch::new();
    scratch.file("mta-sts.txt", b"version: STSv1\nmode: enforce\n");

    insta::assert_snapshot!(shown(
        &scratch,
        &["mx", "--policy", "mta-sts.txt", "mail.example.com"],
    ));
}

#[test]
fn cert_chain_with_an_unrelated_certificate_and_a_policy() {
    let scratch = Scratch::new();
    let mut chain = cert_bytes("cpython__keycert3-localhost.cert.pem");
    chain.extend(cert_bytes("cpython__allsans.cert.pem"));
    scratch.file("chain.pem", &chain);
    scratch.file("lab-ca.pem", &cert_bytes("cpython__pycacert@4b37ed8d.pem"));
    scratch.file(
        "mta-sts.txt",
        b"version: STSv1\r\nmode: enforce\r\nmx: localhost\r\nmx: *.example.net\r\n\
          max_age: 604800\r\n",
    );

    insta::assert_snapshot!(shown(
        &scratch,
        &[
            "cert",
            "--at",
            CERT_AT,
            "--host",
            "localhost",
            "--roots",
            "lab-ca.pem",
            "--no-builtin-roots",
            "--policy",
            "mta-sts.txt",
            "chain.pem",
        ],
    ));
}

#[test]
fn cert_whose_issuer_has_the_name_but_not_the_key() {
    let scratch = Scratch::new();
    scratch.file(
        "chain.pem",
        &cert_bytes("cpython__keycert3-localhost.cert.pem"),
    );
    scratch.file(
        "lab-ca.pem",
        &cert_bytes("cpython__pycacert@02e3b731__same-DN-other-key.pem"),
    );

    insta::assert_snapshot!(shown(
        &scratch,
        &[
            "cert",
            "--at",
            CERT_AT,
            "--host",
            "localhost",
            "--roots",
            "lab-ca.pem",
            "--no-builtin-roots",
            "chain.pem",
        ],
    ));
}
