//! Properties that hold for every input: no input makes a check panic, and a valid policy written
//! back as text reads as the same policy.
//!
//! Failing seeds are kept in `tests/properties.proptest-regressions` and replayed first.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]

use mta_sts_check::{
    Mode, MxPattern, MxSet, Policy, Verdict, check_mx, check_policy, check_sts_records,
    check_tlsrpt_records, presentation,
};
use proptest::prelude::*;

/// Bytes that look like policy or record text often enough to reach deep into the parsers.
fn policy_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"version: STSv1".to_vec()),
        Just(b"mode: enforce".to_vec()),
        Just(b"mode: testing".to_vec()),
        Just(b"max_age: 604800".to_vec()),
        Just(b"mx: *.example.com".to_vec()),
        Just(b"mx: mail.example.com".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b":".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just("ü".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn record_like() -> impl Strategy<Value = Vec<Vec<Vec<u8>>>> {
    let piece = prop_oneof![
        Just(b"v=STSv1".to_vec()),
        Just(b"v=TLSRPTv1".to_vec()),
        Just(b";".to_vec()),
        Just(b" ".to_vec()),
        Just(b"id=".to_vec()),
        Just(b"rua=".to_vec()),
        Just(b"mailto:a@example.com".to_vec()),
        Just(b"https://r.example/x".to_vec()),
        Just(b",".to_vec()),
        Just(b"=".to_vec()),
        Just(b"%".to_vec()),
        Just(b"!".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..6),
    ];
    let string = proptest::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat());
    proptest::collection::vec(proptest::collection::vec(string, 1..3), 0..4)
}

fn label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?"
}

fn host() -> impl Strategy<Value = String> {
    proptest::collection::vec(label(), 1..4).prop_map(|labels| labels.join("."))
}

fn valid_policy() -> impl Strategy<Value = Policy> {
    let mode = prop_oneof![Just(Mode::Enforce), Just(Mode::Testing), Just(Mode::None)];
    let pattern = (any::<bool>(), host()).prop_map(|(wildcard, name)| {
        if wildcard {
            MxPattern::wildcard(name)
        } else {
            MxPattern::exact(name)
        }
    });
    let extension = ("[a-z][a-z0-9_.-]{0,10}", "[!-~]([ -~]{0,10}[!-~])?")
        .prop_filter("not a registered key", |(key, _)| {
            !["version", "mode", "max_age", "mx"].contains(&key.as_str())
        });
    (
        mode,
        0..=31_557_600_u32,
        proptest::collection::vec(pattern, 1..5),
        proptest::collection::vec(extension, 0..3),
    )
        .prop_map(|(mode, max_age, mx, mut extensions)| {
            let mut seen = Vec::new();
            extensions.retain(|(key, _)| {
                let fresh = !seen.contains(key);
                seen.push(key.clone());
                fresh
            });
            Policy {
                mode,
                max_age,
                mx,
                extensions,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_the_policy_check(
        body in proptest::collection::vec(any::<u8>(), 0..512)
    ) {
        let check = check_policy(&body);
        let _ = check.verdict();
    }

    #[test]
    fn policy_like_bytes_never_panic_and_spans_stay_inside(body in policy_like()) {
        let check = check_policy(&body);
        for diagnostic in &check.diagnostics {
            if let Some(span) = diagnostic.span {
                prop_assert!(span.start <= span.end && span.end <= body.len(), "{:?}", diagnostic);
                prop_assert!(span.line >= 1 && span.column >= 1);
            }
        }
        if let Some(policy) = &check.policy {
            let hosts = policy.mx.iter().map(ToString::to_string).collect();
            let _ = check_mx(&check, &MxSet::Hosts(hosts));
        }
    }

    #[test]
    fn arbitrary_records_never_panic_and_spans_stay_inside(records in record_like()) {
        for diagnostics in [
            check_sts_records(&records).diagnostics,
            check_tlsrpt_records(&records).diagnostics,
        ] {
            for diagnostic in diagnostics {
                if let Some(span) = diagnostic.span {
                    let joined: usize = records[span.input].iter().map(Vec::len).sum();
                    prop_assert!(span.start <= span.end && span.end <= joined, "{:?}", diagnostic);
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_presentation_reader(text in "\\PC{0,64}") {
        if let Ok(strings) = presentation::parse_txt(&text) {
            let _ = check_sts_records(&[strings]);
        }
    }

    #[test]
    fn a_valid_policy_written_back_reads_as_the_same_policy(policy in valid_policy()) {
        let text = policy.to_text();
        let check = check_policy(text.as_bytes());
        prop_assert_ne!(check.verdict(), Verdict::Fail, "{}\n{:?}", text, check.diagnostics);
        prop_assert_eq!(check.policy.as_ref(), Some(&policy), "{}", text);
    }

    #[test]
    fn every_pattern_of_a_valid_policy_covers_a_host_it_names(policy in valid_policy()) {
        for pattern in &policy.mx {
            let host = if pattern.is_wildcard() {
                format!("mx.{}", pattern.domain())
            } else {
                pattern.domain().to_owned()
            };
            prop_assert!(pattern.matches(&host), "{} should cover {}", pattern, host);
            let too_deep = ["a.b.", pattern.domain()].concat();
            prop_assert!(!pattern.matches(&too_deep));
        }
    }
}
