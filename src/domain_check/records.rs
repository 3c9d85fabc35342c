//! The DNS part of the domain check: the `_mta-sts` and `_smtp._tls` RRsets judged as the record
//! checks judge pasted ones, a failed lookup told apart from an absent record, aliases shown,
//! and the MX set read for the coverage check.

use crate::diagnostic::{Diagnostic, Severity};
use crate::facts::{DnsAnswer, DnsStatus, DomainFacts};
use crate::mx::{MxCheck, MxSet, check_mx};
use crate::policy::PolicyCheck;
use crate::rule::Rule;
use crate::sts_record::{StsRecordCheck, check_sts_records};
use crate::tlsrpt_record::{TlsRptRecordCheck, check_tlsrpt_records};

use super::Findings;

/// The `_mta-sts` RRset.
pub(super) fn check_sts(facts: &DomainFacts, findings: &mut Findings) -> StsRecordCheck {
    let answer = &facts.sts_txt;
    let subject = format!("_mta-sts.{}", facts.domain);
    if !answer.status.is_conclusive() {
        findings.push(&subject, lookup_failed(Rule::StsLookupFailed, answer));
        return StsRecordCheck {
            record: None,
            record_index: None,
            diagnostics: Vec::new(),
        };
    }

    note_aliases(answer, Rule::StsCname, &subject, findings);
    let check = check_sts_records(&answer.txt_records());
    findings.extend(&subject, &check.diagnostics);
    check
}

/// The `_smtp._tls` RRset.
pub(super) fn check_tlsrpt(facts: &DomainFacts, findings: &mut Findings) -> TlsRptRecordCheck {
    let answer = &facts.tlsrpt_txt;
    let subject = format!("_smtp._tls.{}", facts.domain);
    if !answer.status.is_conclusive() {
        findings.push(&subject, lookup_failed(Rule::TlsRptLookupFailed, answer));
        return TlsRptRecordCheck {
            record: None,
            record_index: None,
            diagnostics: Vec::new(),
        };
    }

    let check = check_tlsrpt_records(&answer.txt_records());
    findings.extend(&subject, &check.diagnostics);
    check
}

/// The MX set, and which hosts the policy covers when there is a policy.
pub(super) fn check_mx_set(
    facts: &DomainFacts,
    policy: Option<&PolicyCheck>,
    findings: &mut Findings,
) -> Option<MxCheck> {
    let subject = format!("{} MX", facts.domain);
    let set = mx_set(facts, &subject, findings)?;
    let check = check_mx(policy?, &set);
    findings.extend(&subject, &check.diagnostics);
    Some(check)
}

/// The MX set the lookup gave, in preference order; `None` when the lookup failed.
pub(crate) fn mx_set(facts: &DomainFacts, subject: &str, findings: &mut Findings) -> Option<MxSet> {
    let answer = &facts.mx;
    match answer.status {
        DnsStatus::NoData => Some(MxSet::Implicit(facts.domain.clone())),
        DnsStatus::NxDomain => {
            findings.push(
                subject,
                Diagnostic::new(
                    Rule::DomainMissing,
                    Severity::Error,
                    format!(
                        "{} does not exist: nothing receives mail for it",
                        facts.domain
                    ),
                ),
            );
            None
        }
        DnsStatus::Answer => {
            let exchanges = answer.mx_exchanges();
            if exchanges
                .iter()
                .any(|(_, exchange)| matches!(*exchange, "" | "."))
            {
                return Some(MxSet::Null);
            }
            if exchanges.is_empty() {
                return Some(MxSet::Implicit(facts.domain.clone()));
            }
            Some(MxSet::Hosts(
                exchanges
                    .into_iter()
                    .map(|(_, exchange)| exchange.to_owned())
                    .collect(),
            ))
        }
        _ => {
            findings.push(subject, lookup_failed(Rule::MxLookupFailed, answer));
            None
        }
    }
}

fn note_aliases(answer: &DnsAnswer, rule: Rule, subject: &str, findings: &mut Findings) {
    if answer.cname_chain.is_empty() {
        return;
    }
    let chain = answer.cname_chain.join(" → ");
    findings.push(
        subject,
        Diagnostic::new(
            rule,
            Severity::Info,
            format!("{} is an alias: {} → {chain}", answer.name, answer.name),
        ),
    );
}

fn lookup_failed(rule: Rule, answer: &DnsAnswer) -> Diagnostic {
    let how = match answer.status {
        DnsStatus::ServFail => "the resolver answered SERVFAIL",
        DnsStatus::Refused => "the resolver refused the query",
        DnsStatus::Timeout => "the resolver did not answer in time",
        _ => "the resolver could not be reached",
    };
    let mut diagnostic = Diagnostic::new(
        rule,
        Severity::Warning,
        format!(
            "the lookup of {} failed: {how}; this is not the same as no record",
            answer.name
        ),
    );
    if matches!(
        answer.status,
        DnsStatus::Timeout | DnsStatus::Unreachable | DnsStatus::Refused
    ) {
        // No answer at all says more about the way to the resolver than about the domain.
        diagnostic.help = "Check again, or with another resolver (the Check page's settings, \
                           or --resolver or --doh on the command line): the resolver used gave \
                           no usable answer (a wrong URL, rate limiting or a malformed reply \
                           look the same), so nothing is known yet about the domain's DNS."
            .into();
    }
    diagnostic
}

/// STS-TXT-014: the body changed while the id stayed, so senders that cached the old body keep
/// it.
pub(super) fn compare_snapshots(
    domain: &str,
    now: &super::PolicySnapshot,
    before: &super::PolicySnapshot,
    findings: &mut Findings,
) {
    if now.id == before.id && now.body != before.body {
        findings.push(
            &format!("_mta-sts.{domain}"),
            Diagnostic::new(
                Rule::StsIdUnchanged,
                Severity::Warning,
                format!(
                    "the policy body changed since the last check, but the id is still `{}`: \
                     senders that cached the old body keep using it",
                    now.id
                ),
            ),
        );
    }
}
