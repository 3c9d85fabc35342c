//! For every rule the core emits: an input that triggers it, with the severity it must have, and
//! a close neighbour that must not trigger it.
//!
//! `every_rule_has_a_case` ties this table to `Rule::ALL`, so a new rule cannot land untested.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

mod common;

use common::{Input, MxSetSpec, diagnostics};
use mta_sts_check::{Rule, Severity};

/// One rule's trigger and neighbour.
struct Case {
    rule: &'static str,
    severity: Severity,
    trigger: Input,
    neighbour: Input,
}

const GOOD_POLICY: &[u8] =
    b"version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n";

fn policy_with(line: &str, replacing: &str) -> Vec<u8> {
    let good = String::from_utf8(GOOD_POLICY.to_vec()).expect("ASCII");
    good.replace(replacing, line).into_bytes()
}

fn cases() -> Vec<Case> {
    use Input::{Lines, Mx, Policy, PolicyOwned, Sts, TlsRpt};
    use Severity::{Error, Info, Warning};
    let case = |rule, severity, trigger, neighbour| Case {
        rule,
        severity,
        trigger,
        neighbour,
    };
    let good_mx = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n";
    let testing_mx = "version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n";
    let idn_mx = "version: STSv1\nmode: enforce\nmx: mail.xn--bcher-kva.example\nmax_age: 604800\n";
    let big_value = format!("note: {}\r\n", "a".repeat(70_000));
    let many_unknown: String = (0..300).map(|n| format!("k{n}: v\n")).collect();

    vec![
        // The `_mta-sts` record.
        case("STS-TXT-001", Error, Sts(&[]), Sts(&["v=STSv1; id=1"])),
        case(
            "STS-TXT-002",
            Info,
            Sts(&[r#""v=STSv1; id=2024" "0101""#]),
            Sts(&["v=STSv1; id=20240101"]),
        ),
        case(
            "STS-TXT-003",
            Warning,
            Sts(&["v=STSv1", "v=STSv1; id=1"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-003",
            Info,
            Sts(&["v=spf1 -all", "v=STSv1; id=1"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-004",
            Error,
            Sts(&["v=STSv1; id=1", "v=STSv1; id=2"]),
            Sts(&["v=STSv1; id=1", "v=spf1 -all"]),
        ),
        case(
            "STS-TXT-004",
            Error,
            Sts(&["id=1; v=STSv1"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-005",
            Warning,
            Sts(&["v=STSv1; id=1", "v=stsv1; id=2"]),
            Sts(&["v=STSv1; id=1", "v=spf1 -all"]),
        ),
        case(
            "STS-TXT-005",
            Error,
            Sts(&["v=stsv1; id=1"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-005",
            Error,
            Sts(&["id=1; v=STSv1;"]),
            Sts(&["v=STSv1; id=1;"]),
        ),
        case(
            "STS-TXT-005",
            Error,
            Sts(&["v=STSv12; id=1"]),
            Sts(&["v=STSv1; id=12"]),
        ),
        case(
            "STS-TXT-006",
            Error,
            Sts(&["v=STSv1; id=2024-01-01"]),
            Sts(&["v=STSv1; id=20240101"]),
        ),
        case(
            "STS-TXT-006",
            Error,
            Sts(&["v=STSv1;"]),
            Sts(&["v=STSv1; id=a"]),
        ),
        case(
            "STS-TXT-006",
            Error,
            Sts(&["v=STSv1; id=123456789012345678901234567890123"]),
            Sts(&["v=STSv1; id=12345678901234567890123456789012"]),
        ),
        case(
            "STS-TXT-007",
            Error,
            Sts(&["v=STSv1;; id=1"]),
            Sts(&["v=STSv1; id=1;"]),
        ),
        case(
            "STS-TXT-007",
            Error,
            Sts(&["v=STSv1; id=1;;"]),
            Sts(&["v=STSv1; id=1 ;"]),
        ),
        case(
            "STS-TXT-008",
            Warning,
            Sts(&["v=STSv1 ; id=1"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-009",
            Error,
            Sts(&["v=STSv1; id = 1"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-009",
            Error,
            Sts(&["v=STSv1; id=1; note=hello world"]),
            Sts(&["v=STSv1; id=1; note=hello"]),
        ),
        case(
            "STS-TXT-010",
            Error,
            Sts(&["v=STSv1; id=1; _x=1"]),
            Sts(&["v=STSv1; id=1; x_=1"]),
        ),
        case(
            "STS-TXT-011",
            Info,
            Sts(&["v=STSv1; id=1; foo=bar"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-012",
            Error,
            Sts(&["v=STSv1; id=１"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        case(
            "STS-TXT-013",
            Warning,
            Sts(&["v=STSv1; id=1; id=2"]),
            Sts(&["v=STSv1; id=1"]),
        ),
        // The policy body.
        case(
            "STS-POLICY-001",
            Error,
            Policy(b"version: STSv1\rmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n"),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-001",
            Info,
            Policy(b"version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n"),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-002",
            Error,
            PolicyOwned(policy_with("  mode: enforce", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-002",
            Error,
            PolicyOwned(policy_with("mode: enforce\r\n", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-002",
            Error,
            PolicyOwned([GOOD_POLICY, b"\r\n"].concat()),
            Policy(b"version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800"),
        ),
        case(
            "STS-POLICY-003",
            Error,
            PolicyOwned(policy_with("mode : enforce", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-003",
            Error,
            PolicyOwned(policy_with("mode=enforce", "mode: enforce")),
            PolicyOwned(policy_with("mode:enforce", "mode: enforce")),
        ),
        case(
            "STS-POLICY-004",
            Error,
            PolicyOwned(policy_with("version: STSv2", "version: STSv1")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-005",
            Error,
            PolicyOwned(policy_with("mode: report", "mode: enforce")),
            PolicyOwned(policy_with("mode: testing", "mode: enforce")),
        ),
        case(
            "STS-POLICY-006",
            Error,
            PolicyOwned(policy_with("max_age: 31557601", "max_age: 604800")),
            PolicyOwned(policy_with("max_age: 31557600", "max_age: 604800")),
        ),
        case(
            "STS-POLICY-006",
            Error,
            PolicyOwned(policy_with("max_age: 86400s", "max_age: 604800")),
            PolicyOwned(policy_with("max_age: 86400", "max_age: 604800")),
        ),
        case(
            "STS-POLICY-007",
            Warning,
            PolicyOwned(policy_with("max_age: 3600", "max_age: 604800")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-007",
            Info,
            PolicyOwned(policy_with("max_age: 86400", "max_age: 604800")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-008",
            Warning,
            PolicyOwned(policy_with("max_age: 0", "max_age: 604800")),
            PolicyOwned(policy_with("max_age: 1", "max_age: 604800")),
        ),
        case(
            "STS-POLICY-009",
            Info,
            PolicyOwned(policy_with("max_age: 0604800", "max_age: 604800")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-010",
            Error,
            PolicyOwned(policy_with("", "mx: mail.example.com\r\n")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-011",
            Error,
            PolicyOwned(policy_with(
                "mx: a.example.com, b.example.com",
                "mx: mail.example.com",
            )),
            PolicyOwned(policy_with(
                "mx: a.example.com\r\nmx: b.example.com",
                "mx: mail.example.com",
            )),
        ),
        case(
            "STS-POLICY-012",
            Error,
            PolicyOwned(policy_with("mx: mail.example.com.", "mx: mail.example.com")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-012",
            Error,
            PolicyOwned(policy_with("mx: .example.com", "mx: mail.example.com")),
            PolicyOwned(policy_with("mx: *.example.com", "mx: mail.example.com")),
        ),
        case(
            "STS-POLICY-013",
            Error,
            PolicyOwned(policy_with(
                "mx: mail.bücher.example",
                "mx: mail.example.com",
            )),
            PolicyOwned(policy_with(
                "mx: mail.xn--bcher-kva.example",
                "mx: mail.example.com",
            )),
        ),
        case(
            "STS-POLICY-014",
            Warning,
            PolicyOwned(policy_with("mx: 192.0.2.10", "mx: mail.example.com")),
            PolicyOwned(policy_with("mx: mx10.example.com", "mx: mail.example.com")),
        ),
        case(
            "STS-POLICY-015",
            Info,
            PolicyOwned([GOOD_POLICY, b"comment: hello\r\n"].concat()),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-016",
            Warning,
            PolicyOwned(policy_with(
                "mode: testing\r\nmode: enforce",
                "mode: enforce",
            )),
            PolicyOwned(policy_with("mode: testing", "mode: enforce")),
        ),
        case(
            "STS-POLICY-017",
            Warning,
            PolicyOwned(policy_with("Mode: enforce", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-018",
            Error,
            PolicyOwned([GOOD_POLICY, b"note:\r\n"].concat()),
            PolicyOwned([GOOD_POLICY, b"note: x\r\n"].concat()),
        ),
        case(
            "STS-POLICY-018",
            Error,
            PolicyOwned([GOOD_POLICY, b"note: a\tb\r\n"].concat()),
            PolicyOwned([GOOD_POLICY, b"note: a b\r\n"].concat()),
        ),
        case(
            "STS-POLICY-019",
            Info,
            PolicyOwned(policy_with("mode: enforce  ", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-020",
            Error,
            PolicyOwned([b"\xEF\xBB\xBF".as_slice(), GOOD_POLICY].concat()),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-021",
            Info,
            PolicyOwned(policy_with("mode: testing", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-022",
            Info,
            PolicyOwned(policy_with("mode: none", "mode: enforce")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-023",
            Info,
            PolicyOwned(policy_with("mx: *.example.com", "mx: mail.example.com")),
            Policy(GOOD_POLICY),
        ),
        case(
            "STS-POLICY-024",
            Warning,
            PolicyOwned([GOOD_POLICY, big_value.as_bytes()].concat()),
            PolicyOwned([GOOD_POLICY, &big_value.as_bytes()[..60_000], b"\r\n"].concat()),
        ),
        case(
            "STS-POLICY-025",
            Error,
            PolicyOwned([GOOD_POLICY, b"note: \xFF\r\n"].concat()),
            PolicyOwned([GOOD_POLICY, "note: ÿ\r\n".as_bytes()].concat()),
        ),
        case(
            "STS-POLICY-026",
            Error,
            PolicyOwned([GOOD_POLICY, b"_x: 1\r\n"].concat()),
            PolicyOwned([GOOD_POLICY, b"x_: 1\r\n"].concat()),
        ),
        // MX matching.
        case(
            "STS-MX-001",
            Error,
            Mx(good_mx, MxSetSpec::Hosts(&["mx1.other.net"])),
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com"])),
        ),
        case(
            "STS-MX-001",
            Warning,
            Mx(testing_mx, MxSetSpec::Hosts(&["mx1.other.net"])),
            Mx(testing_mx, MxSetSpec::Hosts(&["mail.example.com"])),
        ),
        case(
            "STS-MX-004",
            Info,
            Mx(good_mx, MxSetSpec::Hosts(&["MAIL.Example.COM"])),
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com"])),
        ),
        case(
            "STS-MX-005",
            Info,
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com."])),
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com"])),
        ),
        case(
            "STS-MX-006",
            Error,
            Mx(good_mx, MxSetSpec::Implicit("example.com")),
            Mx(good_mx, MxSetSpec::Implicit("mail.example.com")),
        ),
        case(
            "STS-MX-007",
            Info,
            Mx(good_mx, MxSetSpec::Null),
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com"])),
        ),
        case(
            "STS-MX-007",
            Info,
            Mx(good_mx, MxSetSpec::Hosts(&["."])),
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com."])),
        ),
        case(
            "STS-MX-008",
            Warning,
            Mx(
                good_mx,
                MxSetSpec::Hosts(&["mail.example.com", "backup.other.net"]),
            ),
            Mx(
                good_mx,
                MxSetSpec::Hosts(&["backup.other.net", "mail.example.com"]),
            ),
        ),
        case(
            "STS-MX-009",
            Info,
            Mx(
                "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: old.example.com\n\
                 max_age: 604800\n",
                MxSetSpec::Hosts(&["mail.example.com"]),
            ),
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com"])),
        ),
        case(
            "STS-MX-011",
            Info,
            Mx(idn_mx, MxSetSpec::Hosts(&["mail.bücher.example"])),
            Mx(idn_mx, MxSetSpec::Hosts(&["mail.xn--bcher-kva.example"])),
        ),
        case(
            "STS-MX-012",
            Error,
            Mx(
                good_mx,
                MxSetSpec::Hosts(&["mail.example.com", "*.example.com"]),
            ),
            Mx(
                good_mx,
                MxSetSpec::Hosts(&["mail.example.com", "x.example.com"]),
            ),
        ),
        case(
            "STS-MX-012",
            Error,
            Mx(good_mx, MxSetSpec::Hosts(&["mail.example.com", "."])),
            Mx(good_mx, MxSetSpec::Hosts(&["."])),
        ),
        case(
            "STS-POLICY-010",
            Error,
            PolicyOwned(policy_with("mx: mail.example.com.", "mx: mail.example.com")),
            PolicyOwned(policy_with("mx: mail.example.com", "mx: mail.example.com")),
        ),
        // The `_smtp._tls` record.
        case(
            "TLSRPT-TXT-001",
            Info,
            TlsRpt(&[]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:tlsrpt@example.com"]),
        ),
        case(
            "TLSRPT-TXT-002",
            Error,
            TlsRpt(&["v=tlsrptv1; rua=mailto:a@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-002",
            Error,
            TlsRpt(&["rua=mailto:a@example.com; v=TLSRPTv1"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-003",
            Error,
            TlsRpt(&[
                "v=TLSRPTv1; rua=mailto:a@example.com",
                "v=TLSRPTv1; rua=mailto:b@example.com",
            ]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com"]),
        ),
        case(
            "TLSRPT-TXT-004",
            Info,
            TlsRpt(&[r#""v=TLSRPTv1; rua=mailto:tls" "rpt@example.com""#]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:tlsrpt@example.com"]),
        ),
        case(
            "TLSRPT-TXT-005",
            Error,
            TlsRpt(&["v=TLSRPTv1; ruf=mailto:x@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:x@example.com"]),
        ),
        case(
            "TLSRPT-TXT-006",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com;mailto:b@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com, mailto:b@example.com"]),
        ),
        case(
            "TLSRPT-TXT-007",
            Info,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@x.example; rua=https://r.example/tlsrpt"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@x.example,https://r.example/tlsrpt"]),
        ),
        case(
            "TLSRPT-TXT-008",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=http://r.example/"]),
            TlsRpt(&["v=TLSRPTv1; rua=https://r.example/"]),
        ),
        case(
            "TLSRPT-TXT-008",
            Warning,
            TlsRpt(&["v=TLSRPTv1; rua=tls@example.com,mailto:tls@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:tls@example.com"]),
        ),
        case(
            "TLSRPT-TXT-009",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:tls@example.com!10m"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:tls@example.com"]),
        ),
        case(
            "TLSRPT-TXT-010",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-010",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=https:///x"]),
            TlsRpt(&["v=TLSRPTv1; rua=https://r.example/x"]),
        ),
        case(
            "TLSRPT-TXT-011",
            Error,
            TlsRpt(&["v=TLSRPTv1;;rua=mailto:a@example.com"]),
            TlsRpt(&["v=TLSRPTv1;rua=mailto:a@example.com;"]),
        ),
        case(
            "TLSRPT-TXT-011",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua = mailto:a@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-012",
            Info,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com; foo=bar"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-012",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com; foo=bar baz"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-017",
            Error,
            TlsRpt(&["v=TLSRPTv1; rua=mailto:ä@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        case(
            "TLSRPT-TXT-018",
            Warning,
            TlsRpt(&["v=TLSRPTv1 ; rua=mailto:a@example.com"]),
            TlsRpt(&["v=TLSRPTv1; rua=mailto:a@example.com"]),
        ),
        // Limits.
        case(
            "STS-INPUT-001",
            Error,
            PolicyOwned([GOOD_POLICY, &vec![b'#'; 1024 * 1024]].concat()),
            PolicyOwned([GOOD_POLICY, big_value.as_bytes()].concat()),
        ),
        case(
            "STS-INPUT-003",
            Error,
            Lines("v=STSv1; id=1\n\"v=STSv1; id=2"),
            Lines("v=STSv1; id=1\n\n\"v=STSv1; id=2\""),
        ),
        case(
            "STS-INPUT-002",
            Info,
            PolicyOwned([GOOD_POLICY, many_unknown.as_bytes()].concat()),
            PolicyOwned([GOOD_POLICY, &many_unknown.as_bytes()[..100]].concat()),
        ),
    ]
}

#[test]
fn each_trigger_emits_its_rule_and_each_neighbour_does_not() {
    let mut failures = Vec::new();
    for case in cases() {
        let rule = Rule::from_id(case.rule).expect("the case names a known rule");
        let found = diagnostics(&case.trigger);
        let severities: Vec<Severity> = found
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.severity)
            .collect();
        if !severities.contains(&case.severity) {
            failures.push(format!(
                "{}: trigger {:?} gave {:?} for the rule (wanted {}); all findings: {:?}",
                case.rule,
                case.trigger,
                severities,
                case.severity,
                found.iter().map(|d| d.rule.id()).collect::<Vec<_>>()
            ));
        }
        let neighbour = diagnostics(&case.neighbour);
        if let Some(hit) = neighbour.iter().find(|d| d.rule == rule) {
            failures.push(format!(
                "{}: neighbour {:?} also emitted it: {}",
                case.rule, case.neighbour, hit.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Certificate rules need generated chains; `tests/certificates.rs` triggers each of these with
/// a passing neighbour.
/// Rules of the live domain check, triggered with a neighbour in `tests/domain_check.rs`.
const TESTED_IN_DOMAIN_CHECKS: &[&str] = &[
    "STS-MX-016",
    "STS-DANE-001",
    "STS-DANE-002",
    "STS-DANE-004",
    "STS-DANE-005",
    "STS-TXT-014",
    "STS-TXT-015",
    "STS-TXT-016",
    "TLSRPT-TXT-019",
    "STS-FETCH-003",
    "STS-FETCH-004",
    "STS-FETCH-005",
    "STS-FETCH-007",
    "STS-FETCH-008",
    "STS-FETCH-009",
    "STS-FETCH-012",
    "STS-FETCH-016",
    "STS-FETCH-018",
    "STS-CACHE-009",
    "STS-SMTP-001",
    "STS-SMTP-002",
    "STS-SMTP-003",
    "STS-SMTP-004",
    "STS-SMTP-006",
    "STS-SMTP-010",
    "STS-SMTP-011",
    "STS-CERT-009",
    "STS-MX-013",
    "STS-MX-014",
    "STS-MX-015",
];

const TESTED_IN_CERTIFICATES: &[&str] = &[
    "STS-CERT-002",
    "STS-CERT-003",
    "STS-CERT-004",
    "STS-CERT-005",
    "STS-CERT-006",
    "STS-CERT-007",
    "STS-CERT-013",
    "STS-CERT-014",
    "STS-CERT-015",
    "STS-CERT-016",
    "STS-CERT-017",
    "STS-CERT-018",
    "STS-CERT-019",
    "STS-CERT-020",
    "STS-CERT-021",
    "STS-CERT-022",
    "STS-CERT-023",
    "STS-CERT-024",
    "STS-CERT-025",
    "STS-CERT-026",
    "STS-CERT-027",
    "STS-CERT-028",
    "STS-CERT-029",
];

#[test]
fn every_rule_has_a_case() {
    let mut covered: Vec<&str> = cases().iter().map(|case| case.rule).collect();
    covered.extend(TESTED_IN_CERTIFICATES);
    covered.extend(TESTED_IN_DOMAIN_CHECKS);
    // Report rules need whole reports: `tests/report_rules.rs` triggers each of them.
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|rule| rule.id())
        .filter(|id| !id.starts_with("TLSRPT-REPORT-"))
        .filter(|id| !covered.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a trigger case: {missing:?}"
    );
}
