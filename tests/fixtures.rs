//! Real-world policies and TXT records, copied from `shared/cases` with their origin in the file
//! name (see `tests/data/PROVENANCE-shared-cases.md`), judged as the RFCs judge the body or record
//! itself. Defects of the HTTP fetch or of certificates that some of these fixtures were written
//! to show (a 404, `text/html`, an untrusted CA) are not visible in the body, so those bodies pass.
//!
//! Each fixture's findings are also kept as an `insta` snapshot in `tests/snapshots/`.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests read fixtures"
)]

mod common;

use std::path::Path;

use mta_sts_check::{Diagnostic, Verdict, check_policy, check_sts_records, check_tlsrpt_records};

/// Expected verdict and rules that must be among the findings, per policy fixture.
const POLICIES: &[(&str, Verdict, &[&str])] = &[
    (
        "postfix-mta-sts-resolver__bad-cert1.loc.txt",
        Verdict::Pass,
        &["STS-POLICY-001"],
    ),
    (
        "postfix-mta-sts-resolver__bad-cert2.loc.txt",
        Verdict::Pass,
        &["STS-POLICY-007"],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy1.loc.txt",
        Verdict::Fail,
        &[
            "STS-POLICY-003",
            "STS-POLICY-004",
            "STS-POLICY-005",
            "STS-POLICY-006",
        ],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy2.loc.txt",
        Verdict::Fail,
        &["STS-POLICY-010"],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy3.loc__served-as-text-html.txt",
        Verdict::Pass,
        &[],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy4.loc.txt",
        Verdict::Pass,
        &[],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy5.loc.txt",
        Verdict::Fail,
        &["STS-POLICY-006"],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy6.loc.txt",
        Verdict::Fail,
        &["STS-POLICY-006"],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy7.loc.txt",
        Verdict::Fail,
        &["STS-POLICY-005"],
    ),
    (
        "postfix-mta-sts-resolver__bad-policy8.loc.txt",
        Verdict::Fail,
        &["STS-POLICY-005"],
    ),
    (
        "postfix-mta-sts-resolver__fast-expire.loc.txt",
        Verdict::Warn,
        &["STS-POLICY-007"],
    ),
    ("postfix-mta-sts-resolver__good.loc.txt", Verdict::Pass, &[]),
    (
        "postfix-mta-sts-resolver__testing.loc.txt",
        Verdict::Pass,
        &["STS-POLICY-021"],
    ),
    (
        "postfix-mta-sts-resolver__valid-none.loc.txt",
        Verdict::Pass,
        &["STS-POLICY-022"],
    ),
    (
        "published__FiloSottile_mostly-harmless.txt",
        Verdict::Pass,
        &["STS-POLICY-021"],
    ),
    (
        "published__dds.mil.txt",
        Verdict::Warn,
        &["STS-POLICY-007", "STS-POLICY-023"],
    ),
    ("published__gip-inclusion.txt", Verdict::Pass, &[]),
    (
        "published__gmail.com__as-transcribed-in-kumomta-docs.txt",
        Verdict::Pass,
        &["STS-POLICY-023"],
    ),
    (
        "published__ironpeak.be.txt",
        Verdict::Pass,
        &["STS-POLICY-021"],
    ),
    (
        "published__issue__postfix-tlspol-70__ip-literal-in-mx.txt",
        Verdict::Warn,
        &["STS-POLICY-014"],
    ),
    (
        "published__issue__postfix-tlspol-95__nmx-typo.txt",
        Verdict::Fail,
        &["STS-POLICY-010", "STS-POLICY-015"],
    ),
    ("published__kestra.io.txt", Verdict::Pass, &[]),
    (
        "published__mailinabox-template-CRLF.txt",
        Verdict::Fail,
        &["STS-POLICY-005", "STS-POLICY-012"],
    ),
    (
        "published__outlook.com__historical-as-transcribed-in-blog.txt",
        Verdict::Pass,
        &["STS-POLICY-023"],
    ),
    (
        "published__privsec.dev__no-final-newline.txt",
        Verdict::Pass,
        &[],
    ),
    (
        "published__rotational.io__no-final-newline.txt",
        Verdict::Pass,
        &[],
    ),
    ("published__thisishugo.com.txt", Verdict::Pass, &[]),
];

fn data(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// One finding per line: severity, rule, position and message.
fn render(diagnostics: &[Diagnostic]) -> String {
    let mut text = format!("verdict: {}\n", Verdict::of(diagnostics));
    for diagnostic in diagnostics {
        let at = diagnostic.span.map_or_else(
            || "-".to_owned(),
            |span| format!("{}:{}:{}", span.input, span.line, span.column),
        );
        text.push_str(&format!(
            "{} {} {at} {}\n",
            diagnostic.severity, diagnostic.rule, diagnostic.message
        ));
    }
    text
}

fn assert_judged(name: &str, diagnostics: &[Diagnostic], verdict: Verdict, rules: &[&str]) {
    assert_eq!(
        Verdict::of(diagnostics),
        verdict,
        "{name}:\n{}",
        render(diagnostics)
    );
    for rule in rules {
        assert!(
            diagnostics.iter().any(|d| d.rule.id() == *rule),
            "{name}: expected {rule} among\n{}",
            render(diagnostics)
        );
    }
}

#[test]
fn every_policy_fixture_gets_the_verdict_the_rfc_gives_its_body() {
    let mut on_disk: Vec<String> = std::fs::read_dir(data("policies"))
        .expect("policies folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = POLICIES
        .iter()
        .map(|(name, ..)| (*name).to_owned())
        .collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every fixture file has an expectation, and only those"
    );

    for (name, verdict, rules) in POLICIES {
        let body = std::fs::read(data(&format!("policies/{name}"))).expect("fixture");
        let check = check_policy(&body);
        assert_judged(name, &check.diagnostics, *verdict, rules);
        if *verdict != Verdict::Fail {
            assert!(
                check.policy.is_some(),
                "{name}: a passing body gives senders a policy"
            );
        }
        insta::assert_snapshot!(format!("policy__{name}"), render(&check.diagnostics));
    }
}

#[test]
fn an_over_long_max_age_reads_as_senders_that_accept_it_clamp_it() {
    let body = std::fs::read(data(
        "policies/postfix-mta-sts-resolver__bad-policy6.loc.txt",
    ))
    .expect("fixture");
    let check = check_policy(&body);
    assert_eq!(check.verdict(), Verdict::Fail);
    assert_eq!(check.policy.expect("clamped reading").max_age, 31_557_600);
}

#[test]
fn published_policies_read_as_their_text_says() {
    let body = std::fs::read(data("policies/published__dds.mil.txt")).expect("fixture");
    let policy = check_policy(&body)
        .policy
        .expect("dds.mil has a usable policy");
    assert_eq!(policy.mode.as_str(), "testing");
    assert_eq!(policy.max_age, 3600);
    let patterns: Vec<String> = policy.mx.iter().map(ToString::to_string).collect();
    assert_eq!(
        patterns,
        [
            "aspmx.l.google.com",
            "*.aspmx.l.google.com",
            "*.googlemail.com"
        ]
    );
}

/// `postfix-mta-sts-resolver__txt-fixtures.txt`: one `name,"value"` per line.
#[test]
fn postfix_resolver_txt_fixtures() {
    let text = std::fs::read_to_string(data("dns/postfix-mta-sts-resolver__txt-fixtures.txt"))
        .expect("fixture");
    let mut seen = 0;
    for line in text.lines() {
        let (name, value) = line.split_once(',').expect("name,value");
        let records = common::records(&[value]);
        let check = check_sts_records(&records);
        let (verdict, rules): (Verdict, &[&str]) = match name {
            "_mta-sts.bad-record1.loc" => (Verdict::Fail, &["STS-TXT-005", "STS-TXT-004"]),
            "_mta-sts.bad-record2.loc" => (Verdict::Fail, &["STS-TXT-003", "STS-TXT-004"]),
            "_mta-sts.bad-record3.loc" => (Verdict::Fail, &["STS-TXT-005", "STS-TXT-004"]),
            _ => (Verdict::Pass, &[]),
        };
        assert_judged(name, &check.diagnostics, verdict, rules);
        if verdict == Verdict::Pass {
            assert_eq!(check.record.expect("a record").id, "20180907T090909");
        }
        seen += 1;
    }
    assert_eq!(seen, 19);
}

/// `txt-records-observed.tsv`: name, value (presentation form when quoted), source, note.
#[test]
fn observed_txt_records() {
    let text = std::fs::read_to_string(data("dns/txt-records-observed.tsv")).expect("fixture");
    let expected: &[(&str, Verdict, &[&str])] = &[
        (
            "v=TLSRPTv1;rua=mailto:sts-reports@google.com",
            Verdict::Pass,
            &[],
        ),
        (
            "v=TLSRPTv1;rua=https://tlsrpt.azurewebsites.net/report",
            Verdict::Pass,
            &[],
        ),
        (
            "v=TLSRPTv1; rua=postmaster@isaspa.it",
            Verdict::Fail,
            &["TLSRPT-TXT-008"],
        ),
        (
            r#""v=STSv1; id=" "policy1;""#,
            Verdict::Pass,
            &["STS-TXT-002"],
        ),
        ("v=STSv1 ; id=1234", Verdict::Warn, &["STS-TXT-008"]),
        ("v=STSv1; id=bad-value;", Verdict::Fail, &["STS-TXT-006"]),
        (
            "v=STSv1; id=policy1; note=has space;",
            Verdict::Fail,
            &["STS-TXT-009"],
        ),
        ("v=STSv1; id=###;", Verdict::Fail, &["STS-TXT-006"]),
        ("v=STSv1; id=;", Verdict::Fail, &["STS-TXT-006"]),
        ("v=STSv1; id=20190429T010101", Verdict::Pass, &[]),
    ];
    let rows: Vec<(&str, &str)> = text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut cells = line.split('\t');
            (cells.next().expect("name"), cells.next().expect("value"))
        })
        .collect();
    assert_eq!(rows.len(), expected.len());
    for ((name, value), (expected_value, verdict, rules)) in rows.iter().zip(expected) {
        assert_eq!(value, expected_value);
        let records = common::records(&[value]);
        let diagnostics = if name.starts_with("_smtp._tls.") {
            check_tlsrpt_records(&records).diagnostics
        } else {
            check_sts_records(&records).diagnostics
        };
        assert_judged(value, &diagnostics, *verdict, rules);
    }
}
