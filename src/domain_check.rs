//! The live domain check: every fact gathered about a domain (DNS lookups, the policy fetch,
//! the STARTTLS probes) judged together at one instant. The record, policy, MX and certificate
//! checks do the detailed work; this module runs them on what was observed, adds the findings
//! that only live facts can give, and sums the result up in one [`DomainSummary`].
//!
//! Each finding carries the subject it is about (the `_mta-sts` record, the policy URL, an MX
//! host or one of its addresses), because one domain check judges many inputs.

mod fetch;
mod records;
mod smtp;
mod suggest;
mod summary;

use std::net::IpAddr;

use crate::cert::CertificateCheck;
use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::facts::DomainFacts;
use crate::mx::MxCheck;
use crate::policy::{Mode, PolicyCheck};
use crate::sts_record::StsRecordCheck;
use crate::tlsrpt_record::TlsRptRecordCheck;

pub use suggest::{Suggestion, suggest};
pub use summary::DomainSummary;

/// How to judge.
#[derive(Clone, Copy, Debug)]
pub struct DomainOptions<'a> {
    /// The instant to judge at, in seconds since the Unix epoch.
    pub at: i64,
    /// Extra trusted roots as PEM text (a private lab's CA); empty for none.
    pub extra_roots: &'a [u8],
    /// Warn when a certificate expires within this many days.
    pub warn_days: u32,
    /// The policy id and body seen on an earlier check, to tell whether the body changed while
    /// the id did not (STS-TXT-014).
    pub previous: Option<&'a PolicySnapshot>,
}

/// A policy id and the body served under it, remembered between checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicySnapshot {
    pub id: String,
    pub body: Vec<u8>,
}

impl DomainOptions<'_> {
    /// Judging at `at` with the public roots only and a 14-day expiry warning.
    pub const fn new(at: i64) -> Self {
        Self {
            at,
            extra_roots: &[],
            warn_days: 14,
            previous: None,
        }
    }
}

/// A finding and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What the finding is about, such as `_mta-sts.example.com` or `mx1.example.com
    /// 192.0.2.1`.
    pub subject: String,
    pub diagnostic: Diagnostic,
}

/// One address of one MX host, as judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressCheck {
    pub address: Option<IpAddr>,
    /// Whether STARTTLS was offered.
    pub starttls: bool,
    /// The negotiated TLS version, when the handshake succeeded.
    pub tls_version: Option<String>,
    /// The judgement of the chain presented, when there was one.
    pub certificate: Option<CertificateCheck>,
    /// What the host's TLSA records say about that chain, when there are TLSA records.
    pub dane: Option<crate::dane::DaneOutcome>,
    /// The worst severity among this address's findings.
    pub verdict: Verdict,
}

/// One MX host, as judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostCheck {
    pub host: String,
    /// Whether the policy's patterns cover the host; `None` without a policy.
    pub covered: Option<bool>,
    pub addresses: Vec<AddressCheck>,
}

/// The whole judgement of a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainCheck {
    pub domain: String,
    pub summary: DomainSummary,
    pub sts: StsRecordCheck,
    pub tlsrpt: TlsRptRecordCheck,
    /// The policy as read from the fetched body, when a body came with status 200.
    pub policy: Option<PolicyCheck>,
    /// The judgement of the policy host's chain, when the fetch got that far.
    pub policy_certificate: Option<CertificateCheck>,
    /// Which MX hosts the policy covers, when there are both.
    pub mx: Option<MxCheck>,
    pub hosts: Vec<HostCheck>,
    /// Every finding, record first, then the policy, the MX set and the hosts.
    pub findings: Vec<Finding>,
    snapshot: Option<PolicySnapshot>,
}

impl DomainCheck {
    /// The record's id and the policy body senders use now, to remember for the next check.
    pub fn snapshot(&self) -> Option<PolicySnapshot> {
        self.snapshot.clone()
    }

    /// The verdict over every finding.
    pub fn verdict(&self) -> Verdict {
        let diagnostics: Vec<Diagnostic> = self
            .findings
            .iter()
            .map(|finding| finding.diagnostic.clone())
            .collect();
        Verdict::of(&diagnostics)
    }
}

/// Collects findings with their subject.
#[derive(Default)]
pub(crate) struct Findings(Vec<Finding>);

impl Findings {
    pub(crate) fn push(&mut self, subject: &str, diagnostic: Diagnostic) {
        self.0.push(Finding {
            subject: subject.to_owned(),
            diagnostic,
        });
    }

    pub(crate) fn extend(&mut self, subject: &str, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            self.push(subject, diagnostic.clone());
        }
    }

    fn has_errors_from(&self, start: usize) -> bool {
        self.0[start..]
            .iter()
            .any(|finding| finding.diagnostic.severity == Severity::Error)
    }
}

/// Judges everything gathered about `facts.domain`.
pub fn check_domain(facts: &DomainFacts, options: &DomainOptions<'_>) -> DomainCheck {
    let mut findings = Findings::default();
    let domain = facts.domain.as_str();

    let sts = records::check_sts(facts, &mut findings);
    let tlsrpt = records::check_tlsrpt(facts, &mut findings);

    let fetched = fetch::check_fetch(facts, sts.record.is_some(), options, &mut findings);
    let mode = fetched.usable_mode;
    let snapshot = sts
        .record
        .as_ref()
        .zip(fetched.body.as_ref())
        .filter(|_| mode.is_some())
        .map(|(record, body)| PolicySnapshot {
            id: record.id.clone(),
            body: body.clone(),
        });
    if let (Some(now), Some(before)) = (&snapshot, options.previous) {
        records::compare_snapshots(domain, now, before, &mut findings);
    }

    let mx_start = findings.0.len();
    let mx = records::check_mx_set(facts, fetched.policy.as_ref(), &mut findings);
    let mut hosts = smtp::check_hosts(facts, mx.as_ref(), mode, options, &mut findings);
    if sts.record.is_none() {
        // Without a record senders apply no policy, so no host is covered by one.
        for host in &mut hosts {
            host.covered = None;
        }
    }
    let mx_or_hosts_fail = findings.has_errors_from(mx_start);
    let untested = findings.0[mx_start..]
        .iter()
        .any(|finding| finding.diagnostic.rule == crate::rule::Rule::SmtpUntestable);

    let summary = summary::summarise(
        &facts.sts_txt,
        &sts,
        &fetched,
        mode,
        mx_or_hosts_fail,
        untested,
    );
    DomainCheck {
        domain: domain.to_owned(),
        summary,
        sts,
        tlsrpt,
        policy: fetched.policy,
        policy_certificate: fetched.certificate,
        mx,
        hosts,
        findings: findings.0,
        snapshot,
    }
}

/// The severity of a finding that matters only as much as the mode makes it: an error under
/// `enforce`, a warning otherwise.
pub(crate) const fn by_mode(mode: Option<Mode>) -> Severity {
    match mode {
        Some(Mode::Enforce) => Severity::Error,
        _ => Severity::Warning,
    }
}
