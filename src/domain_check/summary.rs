//! The one-line answer to "will senders use verified TLS to this domain?", from the record, the
//! fetch, the mode and whether the MX hosts pass.

use std::fmt;

use crate::facts::DnsAnswer;
use crate::policy::Mode;
use crate::sts_record::StsRecordCheck;

use super::fetch::Fetched;

/// The state of MTA-STS for a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainSummary {
    /// No `_mta-sts` record: senders do not use MTA-STS.
    NotDeployed,
    /// A fact that decides the state could not be gathered (the `_mta-sts` lookup failed, or
    /// the policy could not be fetched from here); the text says which.
    CouldNotCheck(String),
    /// MTA-STS is published but does not work; the text says how.
    Broken(String),
    /// A policy in mode `none`: MTA-STS is switched off.
    Disabled,
    /// A working policy in mode `testing`: failures are reported, mail still flows.
    Testing,
    /// A working policy in mode `enforce`, and every MX host passes.
    Enforced,
}

impl DomainSummary {
    /// A stable word for the JSON output.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::NotDeployed => "not_deployed",
            Self::CouldNotCheck(_) => "could_not_check",
            Self::Broken(_) => "broken",
            Self::Disabled => "disabled",
            Self::Testing => "testing",
            Self::Enforced => "enforced",
        }
    }
}

impl fmt::Display for DomainSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotDeployed => f.write_str("MTA-STS is not deployed: senders do not use it"),
            Self::CouldNotCheck(what) => write!(f, "could not check: {what}"),
            Self::Broken(how) => write!(f, "MTA-STS is broken: {how}"),
            Self::Disabled => f.write_str("MTA-STS is published in mode `none`: switched off"),
            Self::Testing => f.write_str(
                "MTA-STS is in testing mode: senders report TLS failures but deliver anyway",
            ),
            Self::Enforced => f.write_str(
                "MTA-STS is enforced and working: senders deliver only over verified TLS",
            ),
        }
    }
}

pub(super) fn summarise(
    answer: &DnsAnswer,
    sts: &StsRecordCheck,
    fetched: &Fetched,
    mode: Option<Mode>,
    mx_or_hosts_fail: bool,
    untested: bool,
) -> DomainSummary {
    if !answer.status.is_conclusive() {
        return DomainSummary::CouldNotCheck("the `_mta-sts` lookup failed".to_owned());
    }
    if answer.records.is_empty() {
        return DomainSummary::NotDeployed;
    }
    if sts.record.is_none() {
        return DomainSummary::Broken("the `_mta-sts` record is not valid".to_owned());
    }
    match mode {
        None if fetched.not_gathered => {
            DomainSummary::CouldNotCheck("the policy could not be fetched from here".to_owned())
        }
        None => DomainSummary::Broken(
            fetched
                .broken_because
                .clone()
                .unwrap_or_else(|| "no policy could be fetched".to_owned()),
        ),
        Some(Mode::None) => DomainSummary::Disabled,
        Some(Mode::Testing) => DomainSummary::Testing,
        Some(Mode::Enforce) if mx_or_hosts_fail => DomainSummary::Broken(
            "an MX host is not covered by the policy or fails verified TLS".to_owned(),
        ),
        Some(Mode::Enforce) if untested => DomainSummary::CouldNotCheck(
            "an MX host could not be tested from here, so working TLS is not shown".to_owned(),
        ),
        Some(Mode::Enforce) => DomainSummary::Enforced,
    }
}
