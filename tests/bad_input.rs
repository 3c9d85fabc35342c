//! Hostile and broken input gets clear findings, in bounded time and memory, never a panic:
//! non-UTF-8 bytes, NUL, a byte order mark, 10 MB of input, a 1 MB line, 100,000 lines, and TXT
//! RRsets larger than DNS can carry.
//!
//! These tests assert what is reported; the work is linear in the input, which the benchmark in
//! `benches/policy.rs` measures.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use mta_sts_check::{
    MAX_DIAGNOSTICS_PER_INPUT, MAX_POLICY_BYTES, MAX_TXT_RECORD_BYTES, MAX_TXT_RECORDS, Rule,
    Severity, Verdict, check_policy, check_sts_records, check_tlsrpt_records,
};

fn rules(diagnostics: &[mta_sts_check::Diagnostic]) -> Vec<&'static str> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.rule.id())
        .collect()
}

#[test]
fn non_utf8_bytes_are_reported_where_they_are() {
    let body =
        b"version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\nx: a\xC3\x28\n";
    let check = check_policy(body);
    let finding = check
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::PolicyNotUtf8)
        .expect("a finding about the bad byte");
    let span = finding.span.expect("a position");
    assert_eq!((span.start, span.line, span.column), (70, 5, 5));
    assert_eq!(check.verdict(), Verdict::Fail);
}

#[test]
fn a_nul_byte_is_reported_and_the_rest_is_still_read() {
    let body = b"version: STSv1\nmode: enf\0orce\nmx: mail.example.com\nmax_age: 604800\n";
    let check = check_policy(body);
    let found = rules(&check.diagnostics);
    assert!(found.contains(&"STS-POLICY-020"), "{found:?}");
    assert!(found.contains(&"STS-POLICY-005"), "{found:?}");
    assert!(
        !found.contains(&"STS-POLICY-006"),
        "max_age was read: {found:?}"
    );
}

#[test]
fn a_byte_order_mark_hides_the_version_from_senders() {
    let body =
        b"\xEF\xBB\xBFversion: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 604800\r\n";
    let check = check_policy(body);
    let found = rules(&check.diagnostics);
    assert_eq!(
        found.iter().filter(|id| **id == "STS-POLICY-020").count(),
        1,
        "{found:?}"
    );
    assert!(found.contains(&"STS-POLICY-004"), "{found:?}");
    assert!(check.policy.is_none());
}

#[test]
fn ten_megabytes_are_refused_with_the_limit_named() {
    let body = vec![b'a'; 10 * 1024 * 1024];
    let check = check_policy(&body);
    assert_eq!(check.diagnostics.len(), 1);
    let finding = &check.diagnostics[0];
    assert_eq!(finding.rule, Rule::InputTooLarge);
    assert!(
        finding.message.contains(&MAX_POLICY_BYTES.to_string()),
        "{}",
        finding.message
    );
}

#[test]
fn a_one_megabyte_line_gives_a_short_message() {
    let body = [b"version: STSv1\nnote: ".as_slice(), &vec![b'x'; 1_000_000]].concat();
    let check = check_policy(&body);
    assert!(rules(&check.diagnostics).contains(&"STS-POLICY-024"));

    let garbage = vec![b'y'; 1_000_000];
    let check = check_policy(&garbage);
    let finding = check
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::PolicyLineSyntax)
        .expect("one");
    assert!(
        finding.message.len() < 200,
        "message quotes the input in full: {} bytes",
        finding.message.len()
    );
}

#[test]
fn a_hundred_thousand_bad_lines_are_capped_and_counted() {
    let body: String = (0..100_000).map(|n| format!(" k{n}\n")).collect();
    assert!(body.len() < MAX_POLICY_BYTES);
    let check = check_policy(body.as_bytes());
    assert_eq!(check.diagnostics.len(), MAX_DIAGNOSTICS_PER_INPUT + 1);
    let last = check.diagnostics.last().expect("a closing finding");
    assert_eq!(last.rule, Rule::FindingsTruncated);
    assert_eq!(last.severity, Severity::Error);
    assert_eq!(check.verdict(), Verdict::Fail);
}

#[test]
fn a_hundred_thousand_blank_lines_are_read_in_one_pass() {
    let body = [b"version: STSv1".as_slice(), &vec![b'\n'; 100_000]].concat();
    let check = check_policy(&body);
    assert!(rules(&check.diagnostics).contains(&"STS-POLICY-002"));
}

#[test]
fn a_hundred_thousand_distinct_unknown_keys_are_read_in_one_pass() {
    let body: String = (0..100_000).map(|n| format!("k{n}: v\n")).collect();
    let check = check_policy(body.as_bytes());
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::FindingsTruncated)
    );
}

#[test]
fn txt_rrsets_larger_than_dns_are_refused() {
    let long = vec![vec![b'v'; MAX_TXT_RECORD_BYTES + 1]];
    let check = check_sts_records(std::slice::from_ref(&long));
    assert!(rules(&check.diagnostics).contains(&"STS-INPUT-001"));
    let check = check_tlsrpt_records(&[long]);
    assert!(rules(&check.diagnostics).contains(&"STS-INPUT-001"));

    let many = vec![vec![b"v=spf1 -all".to_vec()]; MAX_TXT_RECORDS + 5];
    let check = check_sts_records(&many);
    assert!(rules(&check.diagnostics).contains(&"STS-INPUT-001"));
}

#[test]
fn a_record_of_sixty_thousand_fields_is_read_in_one_pass() {
    let mut record = b"v=STSv1; id=1".to_vec();
    for n in 0..6_000 {
        record.extend_from_slice(format!(";k{n}=v").as_bytes());
    }
    let check = check_sts_records(&[vec![record]]);
    assert_eq!(
        check.record.expect("a valid record").extensions.len(),
        6_000
    );
}
