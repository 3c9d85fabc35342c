//! For every TLS-RPT report rule: a report that triggers it, with the severity it must have,
//! and a close neighbour that must not trigger it. `tests/rules.rs` counts these rules as
//! covered here, and `every_report_rule_has_a_case` keeps the two in step.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use mta_sts_check::{Rule, Severity, check_reports};

/// A report that breaks no rule.
const GOOD: &str = concat!(
    r#"{"organization-name":"Example Org","#,
    r#""date-range":{"start-datetime":"2024-01-01T00:00:00Z","#,
    r#""end-datetime":"2024-01-01T23:59:59Z"},"#,
    r#""contact-info":"tlsrpt@example.org","report-id":"r1","#,
    r#""policies":[{"policy":{"policy-type":"sts","#,
    r#""policy-string":["version: STSv1","mode: enforce","mx: mx.example.com","#,
    r#""max_age: 604800"],"#,
    r#""policy-domain":"example.com","mx-host":"mx.example.com"},"#,
    r#""summary":{"total-successful-session-count":10,"total-failure-session-count":2},"#,
    r#""failure-details":[{"result-type":"certificate-expired","sending-mta-ip":"192.0.2.1","#,
    r#""receiving-mx-hostname":"mx.example.com","receiving-ip":"198.51.100.1","#,
    r#""failed-session-count":2,"additional-information":"https://example.org/r1"}]}]}"#,
);

/// The policy lines of the good report, as JSON.
const LINES: &str = r#"["version: STSv1","mode: enforce","mx: mx.example.com","max_age: 604800"]"#;

/// The good report with `from` replaced by `to` (which must occur).
fn with(from: &str, to: &str) -> Vec<Vec<u8>> {
    assert!(GOOD.contains(from), "{from} not in the good report");
    vec![GOOD.replacen(from, to, 1).into_bytes()]
}

fn good() -> Vec<Vec<u8>> {
    vec![GOOD.as_bytes().to_vec()]
}

struct Case {
    rule: &'static str,
    severity: Severity,
    trigger: Vec<Vec<u8>>,
    neighbour: Vec<Vec<u8>>,
}

fn cases() -> Vec<Case> {
    use Severity::{Error, Info, Warning};
    let case = |rule, severity, trigger, neighbour| Case {
        rule,
        severity,
        trigger,
        neighbour,
    };
    let start = "\"start-datetime\":\"2024-01-01T00:00:00Z\"";
    let end = "\"end-datetime\":\"2024-01-01T23:59:59Z\"";
    let details = "\"failure-reason-code\":\"X509_V_ERR\",\"result-type\":\"certificate-expired\"";
    vec![
        case(
            "TLSRPT-REPORT-001",
            Error,
            with(
                "\"report-id\":\"r1\"",
                "\"report-id\":\"r1\",\"report-id\":\"r2\"",
            ),
            with(
                "\"report-id\":\"r1\"",
                "\"report-id\":\"r1\",\"report-ids\":\"r2\"",
            ),
        ),
        case(
            "TLSRPT-REPORT-001",
            Error,
            with(":10,", ":9007199254740993,"),
            with(":10,", ":9007199254740992,"),
        ),
        case(
            "TLSRPT-REPORT-002",
            Error,
            with("\"report-id\":\"r1\",", ""),
            good(),
        ),
        case(
            "TLSRPT-REPORT-002",
            Error,
            with(
                &format!("{{{start},{end}}}"),
                "\"2024-01-01T00:00:00Z/2024-01-01T23:59:59Z\"",
            ),
            good(),
        ),
        case(
            "TLSRPT-REPORT-003",
            Error,
            vec![
                GOOD.replacen("\"policies\":[{", "\"policies\":{", 1)
                    .replacen("}]}]}", "}]}}", 1)
                    .into_bytes(),
            ],
            good(),
        ),
        case(
            "TLSRPT-REPORT-004",
            Warning,
            with("00:00:00Z", "00:00:00"),
            with("00:00:00Z", "00:00:00+00:00"),
        ),
        case(
            "TLSRPT-REPORT-004",
            Error,
            with("2024-01-01T00:00:00Z", "yesterday"),
            good(),
        ),
        case(
            "TLSRPT-REPORT-005",
            Info,
            with("T00:00:00Z", "T06:00:00Z"),
            with("2024-01-01T23:59:59Z", "2024-01-02T00:00:00Z"),
        ),
        case(
            "TLSRPT-REPORT-005",
            Error,
            with("2024-01-01T23:59:59Z", "2023-12-31T23:59:59Z"),
            good(),
        ),
        case(
            "TLSRPT-REPORT-006",
            Warning,
            with("tlsrpt@example.org", "Example Corp"),
            with("tlsrpt@example.org", "tls-reports@mail.example.org"),
        ),
        case(
            "TLSRPT-REPORT-006",
            Warning,
            with("\"tlsrpt@example.org\"", "null"),
            good(),
        ),
        case(
            "TLSRPT-REPORT-007",
            Error,
            with("\"sts\"", "\"mta-sts\""),
            with("\"sts\"", "\"no-policy-found\""),
        ),
        case(
            "TLSRPT-REPORT-008",
            Warning,
            with(
                "[\"version: STSv1\",\"mode: enforce\"",
                "[\"version: STSv1\\nmode: enforce\"",
            ),
            good(),
        ),
        case(
            "TLSRPT-REPORT-008",
            Warning,
            with(LINES, "\"version: STSv1\""),
            with(LINES, "[\"version: STSv1\"]"),
        ),
        case(
            "TLSRPT-REPORT-008",
            Warning,
            vec![
                GOOD.replacen("\"sts\"", "\"tlsa\"", 1)
                    .replacen(LINES, "[\"3 1 1 6007EEE5 53E85D8D\"]", 1)
                    .into_bytes(),
            ],
            vec![
                GOOD.replacen("\"sts\"", "\"tlsa\"", 1)
                    .replacen(LINES, "[\"3 1 1 6007EEE553E85D8D\"]", 1)
                    .into_bytes(),
            ],
        ),
        case(
            "TLSRPT-REPORT-009",
            Warning,
            with(
                "\"policy-domain\":\"example.com\"",
                "\"policy-domain\":\"bücher.example\"",
            ),
            with(
                "\"policy-domain\":\"example.com\"",
                "\"policy-domain\":\"xn--bcher-kva.example\"",
            ),
        ),
        case(
            "TLSRPT-REPORT-010",
            Info,
            with(
                "\"mx-host\":\"mx.example.com\"",
                "\"mx-host\":[\"mx.example.com\"]",
            ),
            good(),
        ),
        case("TLSRPT-REPORT-011", Error, with(":10,", ":\"10\","), good()),
        case(
            "TLSRPT-REPORT-011",
            Error,
            with(":10,", ":-1,"),
            with(":10,", ":0,"),
        ),
        case("TLSRPT-REPORT-011", Error, with(":10,", ":1.5,"), good()),
        case(
            "TLSRPT-REPORT-012",
            Warning,
            with("\"certificate-expired\"", "\"cert-expired\""),
            with("\"certificate-expired\"", "\"dane-required\""),
        ),
        case(
            "TLSRPT-REPORT-013",
            Info,
            with("\"certificate-expired\"", "\"validation-failure\""),
            with(
                "\"result-type\":\"certificate-expired\"",
                &details.replace("certificate-expired", "validation-failure"),
            ),
        ),
        case(
            "TLSRPT-REPORT-014",
            Warning,
            with("192.0.2.1", "010.0.0.1"),
            with("192.0.2.1", "2001:db8::1"),
        ),
        case(
            "TLSRPT-REPORT-014",
            Warning,
            with("192.0.2.1", "2001:DB8::1"),
            with("192.0.2.1", "2001:db8::1"),
        ),
        case(
            "TLSRPT-REPORT-015",
            Warning,
            with("https://example.org/r1", "see logs"),
            with("https://example.org/r1", "urn:example:r1"),
        ),
        case(
            "TLSRPT-REPORT-016",
            Info,
            with(
                "\"total-failure-session-count\":2",
                "\"total-failure-session-count\":3",
            ),
            good(),
        ),
        case(
            "TLSRPT-REPORT-018",
            Warning,
            with(",\"receiving-ip\":\"198.51.100.1\"", ""),
            with(",\"additional-information\":\"https://example.org/r1\"", ""),
        ),
        case(
            "TLSRPT-REPORT-018",
            Warning,
            with(&format!("\"policy-string\":{LINES},"), ""),
            good(),
        ),
        case("TLSRPT-REPORT-020", Error, vec![b"hello".to_vec()], good()),
        case(
            "TLSRPT-REPORT-020",
            Error,
            vec![GOOD.as_bytes()[..GOOD.len() - 3].to_vec()],
            good(),
        ),
        case(
            "TLSRPT-REPORT-021",
            Info,
            vec![GOOD.as_bytes().to_vec(), GOOD.as_bytes().to_vec()],
            [good(), with("\"report-id\":\"r1\"", "\"report-id\":\"r2\"")].concat(),
        ),
    ]
}

fn findings(inputs: &[Vec<u8>]) -> Vec<(Rule, Severity, String)> {
    let inputs: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
    check_reports(&inputs)
        .diagnostics
        .into_iter()
        .map(|d| (d.rule, d.severity, d.message))
        .collect()
}

#[test]
fn the_good_report_is_clean() {
    assert_eq!(findings(&good()), Vec::new());
}

#[test]
fn each_trigger_emits_its_rule_and_each_neighbour_does_not() {
    let mut failures = Vec::new();
    for case in cases() {
        let rule = Rule::from_id(case.rule).expect("a known rule");
        let found = findings(&case.trigger);
        if !found
            .iter()
            .any(|(r, s, _)| *r == rule && *s == case.severity)
        {
            failures.push(format!(
                "{}: trigger gave {:?}",
                case.rule,
                found
                    .iter()
                    .map(|(r, s, m)| format!("{r} {s} {m}"))
                    .collect::<Vec<_>>()
            ));
        }
        if let Some((_, _, message)) = findings(&case.neighbour).iter().find(|(r, ..)| *r == rule) {
            failures.push(format!(
                "{}: neighbour also emitted it: {message}",
                case.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_report_rule_has_a_case() {
    let covered: Vec<&str> = cases().iter().map(|case| case.rule).collect();
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|rule| rule.id())
        .filter(|id| id.starts_with("TLSRPT-REPORT-") && !covered.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "report rules without a case: {missing:?}"
    );
}
