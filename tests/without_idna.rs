//! The core built as the web app builds it, without the `idna` feature: internationalised names
//! are refused with the reason until a converter is set, and convert as before once one is.
//!
//! Run with `cargo test -p mta-sts-check --no-default-features --lib --test without_idna`. The
//! converter here is the `idna` crate itself (a dev-dependency), so that every outcome below
//! must equal the default build's; the browser's URL parser plays that part in the web app.
//! Everything runs in one test, in order, because the converter can be set only once per
//! process.

#![cfg(not(feature = "idna"))]
#![allow(clippy::expect_used, reason = "a test stops at the first failure")]

use mta_sts_check::{
    ConverterAlreadySet, DomainInputError, MxSet, Rule, Severity, check_mx, check_policy,
    parse_domain_input, set_a_label_converter, to_a_labels,
};

const U_LABEL_POLICY: &str = "version: STSv1\nmode: enforce\nmx: mail.bücher.example\n\
                              max_age: 604800\n";
const A_LABEL_POLICY: &str = "version: STSv1\nmode: enforce\nmx: mail.xn--bcher-kva.example\n\
                              max_age: 604800\n";

fn idna_crate(name: &str) -> Option<String> {
    idna::domain_to_ascii(name).ok()
}

/// The help of the policy's finding about its U-label `mx` line.
fn u_label_help() -> String {
    let check = check_policy(U_LABEL_POLICY.as_bytes());
    let finding = check
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.rule == Rule::PolicyMxULabel)
        .expect("a U-label `mx` line is a finding");
    finding.help.clone()
}

/// The rules of the findings about MX host `host` against the A-label policy.
fn mx_rules(host: &str) -> Vec<(Rule, Severity)> {
    let policy = check_policy(A_LABEL_POLICY.as_bytes());
    let check = check_mx(&policy, &MxSet::Hosts(vec![host.to_owned()]));
    check
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.severity))
        .collect()
}

#[test]
fn internationalised_names_without_and_with_a_converter() {
    // No converter: U-labels are refused with the reason; ASCII names, A-labels included,
    // are read as before.
    assert_eq!(
        parse_domain_input("Bücher.example"),
        Err(DomainInputError::Internationalised)
    );
    assert_eq!(
        parse_domain_input(" Mail.XN--BCHER-KVA.example. "),
        Ok("mail.xn--bcher-kva.example".to_owned())
    );
    assert_eq!(to_a_labels("mail.bücher.example"), None);
    assert_eq!(u_label_help(), Rule::PolicyMxULabel.help());
    assert!(
        mx_rules("mail.bücher.example").contains(&(Rule::MxHostInvalid, Severity::Error)),
        "an MX host that cannot be converted is not a host name"
    );

    // The first converter stays.
    assert_eq!(set_a_label_converter(idna_crate), Ok(()));
    assert_eq!(set_a_label_converter(|_| None), Err(ConverterAlreadySet));

    // With one, everything reads as in the default build.
    assert_eq!(
        parse_domain_input("Bücher.example"),
        Ok("xn--bcher-kva.example".to_owned())
    );
    assert_eq!(
        parse_domain_input("xn--zzzz.example"),
        Err(DomainInputError::NotConvertible)
    );
    assert_eq!(
        parse_domain_input("a\u{200d}b.example"),
        Err(DomainInputError::NotConvertible)
    );
    assert_eq!(
        to_a_labels("mail.bücher.example").as_deref(),
        Some("mail.xn--bcher-kva.example")
    );
    assert_eq!(u_label_help(), "Write `mx: mail.xn--bcher-kva.example`.");
    assert_eq!(
        mx_rules("mail.bücher.example"),
        vec![(Rule::MxULabel, Severity::Info)]
    );
}
