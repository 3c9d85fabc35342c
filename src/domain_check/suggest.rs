//! Records and a policy to publish when MTA-STS is missing or wrong, built from the live MX set:
//! the policy keeps the patterns that still cover a live host and adds each uncovered host by
//! name, keeps the mode (or starts in `testing`), and comes with an `_mta-sts` record whose new
//! id tells senders to fetch it again. A TLS-RPT record is suggested when there is none usable.

use crate::facts::{DnsStatus, DomainFacts, probe_targets};
use crate::policy::{Mode, MxPattern, Policy};

use super::{DomainCheck, DomainSummary};

/// The `max_age` suggested when the current one is missing or out of range: one week.
const DEFAULT_MAX_AGE: u32 = 604_800;
/// The largest `max_age` RFC 8461 §3.2 allows.
const MAX_MAX_AGE: u32 = 31_557_600;

/// What to publish, ready to copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The policy body, CRLF line ends, for `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
    pub policy: String,
    /// The `_mta-sts.<domain>` TXT record's name and its text.
    pub sts_record: (String, String),
    /// The `_smtp._tls.<domain>` TXT record's name and text, when the domain has no usable one.
    pub tlsrpt_record: Option<(String, String)>,
}

/// A policy and records for the domain of `check` when its MTA-STS is missing or wrong and its
/// MX set is known; `None` when there is nothing to correct or nothing to build from. `at`
/// (seconds since the Unix epoch) makes the new policy id.
pub fn suggest(check: &DomainCheck, facts: &DomainFacts, at: i64) -> Option<Suggestion> {
    let domain = facts.domain.as_str();
    if !facts.mx.status.is_conclusive() || facts.mx.status == DnsStatus::NxDomain {
        return None;
    }
    // Only names a policy may hold: an MX name that is not a valid host name is a finding of
    // its own (STS-MX-012), and copying it into the policy would make the policy invalid too.
    let hosts: Vec<String> = probe_targets(domain, &facts.mx)
        .iter()
        .map(|target| target.host().to_owned())
        .filter(|host| crate::domain::check_domain(host).is_ok())
        .collect();
    if hosts.is_empty() {
        return None;
    }

    // What to publish follows from facts only: nothing is suggested while a fact that decides it
    // could not be gathered, nor for problems a new policy cannot fix (certificates, STARTTLS).
    let current = check
        .policy
        .as_ref()
        .and_then(|policy| policy.policy.as_ref());
    let policy_invalid = check
        .policy
        .as_ref()
        .is_some_and(|policy| policy.verdict() == crate::Verdict::Fail);
    let needed = match &check.summary {
        DomainSummary::CouldNotCheck(_) => false,
        DomainSummary::NotDeployed => true,
        _ => {
            current.is_none()
                || policy_invalid
                || check.sts.record.is_none()
                || check.hosts.iter().any(|host| host.covered == Some(false))
        }
    };
    if !needed {
        return None;
    }

    let policy = corrected_policy(current, &hosts);
    let sts_record = (
        format!("_mta-sts.{domain}"),
        format!("v=STSv1; id={}", policy_id(at)),
    );
    let tlsrpt_record = check.tlsrpt.record.is_none().then(|| {
        (
            format!("_smtp._tls.{domain}"),
            format!("v=TLSRPTv1; rua=mailto:tls-reports@{domain}"),
        )
    });
    Some(Suggestion {
        policy: policy.to_text(),
        sts_record,
        tlsrpt_record,
    })
}

/// The current policy's patterns that cover a live host, then every live host no pattern
/// covers; the current mode (`testing` to start with) and a `max_age` within the RFC's range.
fn corrected_policy(current: Option<&Policy>, hosts: &[String]) -> Policy {
    let mut patterns: Vec<MxPattern> = current
        .map(|policy| {
            policy
                .mx
                .iter()
                .filter(|pattern| hosts.iter().any(|host| pattern.matches(host)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    for host in hosts {
        if !patterns.iter().any(|pattern| pattern.matches(host)) {
            patterns.push(MxPattern::exact(host.clone()));
        }
    }

    let mode = match current.map(|policy| policy.mode) {
        Some(Mode::Enforce) => Mode::Enforce,
        _ => Mode::Testing,
    };
    let max_age = current
        .map(|policy| policy.max_age)
        .filter(|age| (86_400..=MAX_MAX_AGE).contains(age))
        .unwrap_or(DEFAULT_MAX_AGE);
    Policy {
        mode,
        max_age,
        mx: patterns,
        extensions: Vec::new(),
    }
}

/// A policy id from the instant: `YYYYMMDDhhmmss`, which grows with every change as senders
/// need and fits the id's 1 to 32 letters and digits (RFC 8461 §3.1).
fn policy_id(at: i64) -> String {
    crate::format_rfc3339(at)
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_the_instant_in_digits() {
        assert_eq!(policy_id(1_796_000_000), "20261130005320");
    }

    #[test]
    fn live_hosts_are_kept_covered_and_stale_patterns_dropped() {
        let current = Policy {
            mode: Mode::Enforce,
            max_age: 10,
            mx: vec![
                MxPattern::wildcard("mail.example.com"),
                MxPattern::exact("old.example.com"),
            ],
            extensions: Vec::new(),
        };
        let hosts = [
            "a.mail.example.com".to_owned(),
            "new.example.net".to_owned(),
        ];
        let policy = corrected_policy(Some(&current), &hosts);
        assert_eq!(
            policy.to_text(),
            "version: STSv1\r\nmode: enforce\r\nmx: *.mail.example.com\r\n\
             mx: new.example.net\r\nmax_age: 604800\r\n"
        );
        let fresh = corrected_policy(None, &hosts[1..]);
        assert_eq!(fresh.mode, Mode::Testing);
    }
}
