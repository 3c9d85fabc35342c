//! Adding reports up later: a [`Recording`] keeps what judging one file would add to a
//! [`Summary`], and [`Summary::replay`] adds it afterwards.
//!
//! This lets a front end read files on several threads and still get, file after file in the
//! order given, exactly the figures of reading them one by one: which report counts and which
//! is a duplicate, and which keys fill a breakdown before its cap, depend on that order.

use std::collections::HashMap;
use std::ops::Range;

use crate::tlsrpt_report::model::FailureDetail;
use crate::tlsrpt_report::summary::{KeyTotals, Keyed, MAX_DISTINCT, PolicyTally, Summary, key_of};

/// Where a judge adds up the reports it reads.
pub(crate) trait Tally {
    /// Starts a report; `false` when it was added before and is left out.
    fn begin(&mut self, organization: &str, report_id: &str) -> bool;

    /// Adds one policy of the report begun last; returns the handle for its failure entries.
    fn policy(&mut self, organization: &str, policy: &PolicyTally<'_>) -> usize;

    /// Adds one failure entry of the policy with handle `policy`.
    fn failure(&mut self, policy: usize, failure: &FailureDetail<&str>);
}

impl Tally for Summary {
    fn begin(&mut self, organization: &str, report_id: &str) -> bool {
        Self::begin(self, organization, report_id)
    }

    fn policy(&mut self, organization: &str, policy: &PolicyTally<'_>) -> usize {
        self.policy_tally(organization, policy)
    }

    fn failure(&mut self, policy: usize, failure: &FailureDetail<&str>) {
        Self::failure(self, policy, failure);
    }
}

/// What judging one input adds to a summary, in order: each report, each of its policies,
/// and the policy's failure entries added up per key in the order the keys were first seen.
///
/// Every report is recorded as counted; whether it is a duplicate is only known when it is
/// replayed into the summary that holds the reports of the inputs before it. Keys are kept
/// without the summary's cap, because which keys the cap lets in depends on the inputs before.
#[derive(Debug, Default)]
pub(crate) struct Recording {
    reports: Vec<RecordedReport>,
    policies: Vec<RecordedPolicy>,
}

#[derive(Debug)]
struct RecordedReport {
    organization: Box<str>,
    report_id: Box<str>,
    policies: Range<usize>,
}

#[derive(Debug)]
struct RecordedPolicy {
    domain: Box<str>,
    policy_type: Box<str>,
    successful: u64,
    failed: u64,
    start: Option<i64>,
    end: Option<i64>,
    by_result_type: KeyCounts,
    by_receiving_mx: KeyCounts,
    by_sending_ip: KeyCounts,
    additional_information: KeyCounts,
}

/// Sessions per key while a file is read, each key with the position it was first seen at;
/// once sealed, the keys in that order with their text in one buffer, so that adding them up
/// later allocates nothing and dropping them frees two buffers.
#[derive(Debug, Default)]
struct KeyCounts {
    counting: HashMap<Box<str>, (u64, usize), Keyed>,
    text: String,
    /// Where each key ends in `text`, and its total, in the order first seen.
    sealed: Vec<(usize, u64)>,
}

impl KeyCounts {
    /// Room for `keys` keys, so that the common sizes are reached without growing.
    fn for_entries(keys: usize) -> Self {
        Self {
            counting: HashMap::with_capacity_and_hasher(keys, Keyed::default()),
            ..Self::default()
        }
    }

    fn add(&mut self, key: &str, count: u64) {
        if let Some((total, _)) = self.counting.get_mut(key) {
            *total = total.saturating_add(count);
            return;
        }
        let position = self.counting.len();
        self.counting.insert(key.into(), (count, position));
    }

    /// Puts the keys counted in the order first seen and lets the map go.
    fn seal(&mut self) {
        let counting = std::mem::take(&mut self.counting);
        let mut ordered = vec![("", 0); counting.len()];
        for (key, &(count, position)) in &counting {
            if let Some(slot) = ordered.get_mut(position) {
                *slot = (key.as_ref(), count);
            }
        }
        self.text
            .reserve_exact(ordered.iter().map(|(key, _)| key.len()).sum());
        self.sealed.reserve_exact(ordered.len());
        for (key, count) in ordered {
            self.text.push_str(key);
            self.sealed.push((self.text.len(), count));
        }
    }

    /// Each key sealed, with its total, in the order first seen.
    fn in_order(&self) -> impl Iterator<Item = (&str, u64)> {
        let mut start = 0;
        self.sealed.iter().map(move |&(end, count)| {
            let key = self.text.get(start..end).unwrap_or_default();
            start = end;
            (key, count)
        })
    }
}

impl Recording {
    /// Seals every policy's keys: called once the input is read, on the thread that read it.
    pub(crate) fn seal(&mut self) {
        for policy in &mut self.policies {
            policy.by_result_type.seal();
            policy.by_receiving_mx.seal();
            policy.by_sending_ip.seal();
            policy.additional_information.seal();
        }
    }
}

impl Tally for Recording {
    fn begin(&mut self, organization: &str, report_id: &str) -> bool {
        let at = self.policies.len();
        self.reports.push(RecordedReport {
            organization: organization.into(),
            report_id: report_id.into(),
            policies: at..at,
        });
        true
    }

    fn policy(&mut self, _organization: &str, policy: &PolicyTally<'_>) -> usize {
        let handle = self.policies.len();
        self.policies.push(RecordedPolicy {
            domain: policy.domain.into(),
            policy_type: policy.policy_type.into(),
            successful: policy.successful,
            failed: policy.failed,
            start: policy.start,
            end: policy.end,
            by_result_type: KeyCounts::for_entries(policy.entries.min(16)),
            by_receiving_mx: KeyCounts::for_entries(policy.entries.min(64)),
            by_sending_ip: KeyCounts::for_entries(policy.entries.min(MAX_DISTINCT)),
            additional_information: KeyCounts::for_entries(policy.entries.min(64)),
        });
        if let Some(report) = self.reports.last_mut() {
            report.policies.end = self.policies.len();
        }
        handle
    }

    fn failure(&mut self, policy: usize, failure: &FailureDetail<&str>) {
        let Some(policy) = self.policies.get_mut(policy) else {
            return;
        };
        let count = failure.count;
        policy
            .by_result_type
            .add(key_of(Some(failure.result_type)), count);
        policy
            .by_receiving_mx
            .add(key_of(failure.receiving_mx), count);
        policy.by_sending_ip.add(key_of(failure.sending_ip), count);
        if let Some(uri) = failure.additional_information {
            policy.additional_information.add(uri, 0);
        }
    }
}

impl Summary {
    /// Adds what `recording` holds, as judging its input here would have; returns, per report
    /// recorded, whether it was counted (`false` for one added before). The recording must be
    /// sealed ([`Recording::seal`]): keys still being counted are not added.
    pub(crate) fn replay(&mut self, recording: &Recording) -> Vec<bool> {
        let mut counted = Vec::with_capacity(recording.reports.len());
        for report in &recording.reports {
            let counts = self.begin(&report.organization, &report.report_id);
            counted.push(counts);
            if !counts {
                continue;
            }
            for policy in recording
                .policies
                .get(report.policies.clone())
                .unwrap_or(&[])
            {
                let figures = PolicyTally {
                    domain: &policy.domain,
                    policy_type: &policy.policy_type,
                    successful: policy.successful,
                    failed: policy.failed,
                    start: policy.start,
                    end: policy.end,
                    entries: 0,
                };
                let slot = self.policy_tally(&report.organization, &figures);
                let keys = KeyTotals {
                    by_result_type: policy.by_result_type.in_order(),
                    by_receiving_mx: policy.by_receiving_mx.in_order(),
                    by_sending_ip: policy.by_sending_ip.in_order(),
                    additional_information: policy.additional_information.in_order(),
                };
                self.failures_by_key(slot, keys);
            }
        }
        counted
    }
}
