//! Figures across reports: per reporting organisation, policy domain and policy type, the dates
//! covered, the sessions that succeeded and failed, and the failures by result type, receiving
//! MX host and sending IP, with the additional-information URIs.
//!
//! A report is identified by its `organization-name` and `report-id`; one given again (the same
//! report in two files, or as JSON and as an e-mail) is counted once.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::tlsrpt_report::model::TlsReport;

/// The most distinct keys kept in one breakdown; the rest are counted under [`OTHER`].
pub const MAX_DISTINCT: usize = 1000;

/// The key under which the failures beyond [`MAX_DISTINCT`] keys, or without a value, are counted.
pub const OTHER: &str = "(other)";

/// The key under which failures whose entry leaves the member out are counted.
pub const NOT_GIVEN: &str = "(not given)";

/// Sessions of one reporting organisation, for one policy domain and policy type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// `organization-name`.
    pub organization: String,
    /// `policy-domain`.
    pub domain: String,
    /// `policy-type` as written.
    pub policy_type: String,
    /// The earliest `start-datetime` in Unix seconds.
    pub first: Option<i64>,
    /// The latest `end-datetime` in Unix seconds.
    pub last: Option<i64>,
    /// How many distinct reports contributed.
    pub reports: usize,
    /// Sessions with policy-compliant TLS.
    pub successful: u64,
    /// Sessions without.
    pub failed: u64,
    /// Failed sessions by `result-type`.
    pub by_result_type: BTreeMap<String, u64>,
    /// Failed sessions by `receiving-mx-hostname`.
    pub by_receiving_mx: BTreeMap<String, u64>,
    /// Failed sessions by `sending-mta-ip`.
    pub by_sending_ip: BTreeMap<String, u64>,
    /// Every distinct `additional-information` URI (at most [`MAX_DISTINCT`]).
    pub additional_information: BTreeSet<String>,
}

impl Group {
    /// Failed sessions as a share of all sessions, or `None` when there were none.
    pub fn failure_rate(&self) -> Option<f64> {
        let total = self.successful.saturating_add(self.failed);
        // Counts stay far below 2^53 in any real report, so the conversion is exact.
        #[allow(clippy::cast_precision_loss, reason = "a ratio for people")]
        (total > 0).then(|| self.failed as f64 / total as f64)
    }
}

/// The figures across every report added.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    groups: BTreeMap<(String, String, String), Group>,
    seen: HashSet<(String, String)>,
    /// Distinct reports added.
    pub reports: usize,
    /// Reports given again and left out.
    pub duplicates: usize,
    /// Successful sessions across every group.
    pub successful: u64,
    /// Failed sessions across every group.
    pub failed: u64,
}

impl Summary {
    /// Adds a report; returns `false` (and counts nothing) when the same report was added before.
    pub fn add(&mut self, report: &TlsReport) -> bool {
        let identity = (report.organization.clone(), report.report_id.clone());
        if !self.seen.insert(identity) {
            self.duplicates += 1;
            return false;
        }
        self.reports += 1;
        let mut counted = BTreeSet::new();
        for policy in &report.policies {
            let key = (
                report.organization.clone(),
                policy.domain.clone(),
                policy.policy_type.as_str().to_owned(),
            );
            let group = self.groups.entry(key.clone()).or_insert_with(|| Group {
                organization: key.0.clone(),
                domain: key.1.clone(),
                policy_type: key.2.clone(),
                ..Group::default()
            });
            if counted.insert(key) {
                group.reports += 1;
                group.first = earliest(group.first, report.start);
                group.last = latest(group.last, report.end);
            }
            group.successful = group.successful.saturating_add(policy.successful);
            group.failed = group.failed.saturating_add(policy.failed);
            self.successful = self.successful.saturating_add(policy.successful);
            self.failed = self.failed.saturating_add(policy.failed);
            for failure in &policy.failures {
                tally(
                    &mut group.by_result_type,
                    Some(&failure.result_type),
                    failure.count,
                );
                tally(
                    &mut group.by_receiving_mx,
                    failure.receiving_mx.as_deref(),
                    failure.count,
                );
                tally(
                    &mut group.by_sending_ip,
                    failure.sending_ip.as_deref(),
                    failure.count,
                );
                if let Some(uri) = &failure.additional_information
                    && group.additional_information.len() < MAX_DISTINCT
                {
                    group.additional_information.insert(uri.clone());
                }
            }
        }
        true
    }

    /// The groups, ordered by organisation, domain and policy type.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// Failed sessions as a share of all sessions, or `None` when there were none.
    pub fn failure_rate(&self) -> Option<f64> {
        let total = Group {
            successful: self.successful,
            failed: self.failed,
            ..Group::default()
        };
        total.failure_rate()
    }
}

fn tally(counts: &mut BTreeMap<String, u64>, key: Option<&str>, count: u64) {
    let key = match key {
        None | Some("") => NOT_GIVEN,
        Some(key) => key,
    };
    // Look up by reference first: most failures repeat a key already counted.
    if let Some(entry) = counts.get_mut(key) {
        *entry = entry.saturating_add(count);
        return;
    }
    let key = if counts.len() < MAX_DISTINCT {
        key
    } else {
        OTHER
    };
    let entry = counts.entry(key.to_owned()).or_insert(0);
    *entry = entry.saturating_add(count);
}

fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}
