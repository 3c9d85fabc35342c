//! Figures across reports: per reporting organisation, policy domain and policy type, the dates
//! covered, the sessions that succeeded and failed, and the failures by result type, receiving
//! MX host and sending IP, with the additional-information URIs.
//!
//! A report is identified by its `organization-name` and `report-id`; one given again (the same
//! report in two files, or as JSON and as an e-mail) is counted once.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher, RandomState};

use crate::tlsrpt_report::model::{FailureDetail, PolicyResult, TlsReport};

/// The most distinct keys kept in one breakdown; the rest are counted under [`OTHER`].
pub const MAX_DISTINCT: usize = 1000;

/// The key under which the failures beyond [`MAX_DISTINCT`] keys, or without a value, are counted.
pub const OTHER: &str = "(other)";

/// The key under which failures whose entry leaves the member out are counted.
pub const NOT_GIVEN: &str = "(not given)";

/// A map keyed by report strings, hashed with [`KeyHasher`].
type HashMap<K, V> = std::collections::HashMap<K, V, Keyed>;

/// Builds [`KeyHasher`]s from one random seed per summary.
#[derive(Clone, Debug)]
pub(crate) struct Keyed(u64);

impl Default for Keyed {
    fn default() -> Self {
        Self(RandomState::new().hash_one(0x8460_u64))
    }
}

impl BuildHasher for Keyed {
    type Hasher = KeyHasher;

    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(self.0)
    }
}

/// A multiply-rotate hash over eight bytes at a time, started from a random seed.
///
/// SipHash, the standard one, was an eighth of the time spent reading a report. Keys come from
/// reports, so they may be chosen to collide; the seed makes that guesswork, and a breakdown
/// holds at most [`MAX_DISTINCT`] keys, which bounds the cost of collisions that do happen.
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    const MULTIPLIER: u64 = 0xF135_7AEA_2E62_A9C5;

    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word)
            .wrapping_mul(Self::MULTIPLIER)
            .rotate_left(26);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.mix(value as u64);
    }

    fn finish(&self) -> u64 {
        // Spread the high bits, where the multiplication left its best mixing, downwards too.
        (self.0 ^ (self.0 >> 29)).wrapping_mul(Self::MULTIPLIER)
    }
}

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
    pub by_result_type: Counts,
    /// Failed sessions by `receiving-mx-hostname`.
    pub by_receiving_mx: Counts,
    /// Failed sessions by `sending-mta-ip`.
    pub by_sending_ip: Counts,
    /// Every distinct `additional-information` URI (at most [`MAX_DISTINCT`]), in byte order.
    pub additional_information: Vec<String>,
}

/// Failed sessions by name (a result type, an MX host, an IP address), each name once, in
/// byte order.
///
/// A sorted list rather than a `BTreeMap`: it is built once from a hash map and then only read,
/// and the web app has no other use for B-trees, whose code was about 5 KB of its gzipped
/// module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(Vec<(String, u64)>);

impl Counts {
    /// The count for `name`, if it has one.
    pub fn get(&self, name: &str) -> Option<u64> {
        self.0
            .binary_search_by(|(key, _)| key.as_str().cmp(name))
            .ok()
            .map(|at| self.0[at].1)
    }

    /// Each name and its count, in byte order of the names.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, u64)> {
        self.0.iter().map(|(name, count)| (name.as_str(), *count))
    }

    /// The counts, in byte order of their names.
    pub fn values(&self) -> impl ExactSizeIterator<Item = u64> + '_ {
        self.0.iter().map(|(_, count)| *count)
    }

    /// How many names have a count.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no name has a count.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Written as a JSON object from name to count, as a map would be.
impl serde::Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
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
///
/// While reports are added, each group counts its breakdowns in hash maps, so a failure entry
/// costs a few hash look-ups of strings borrowed from the report and copies a key only the first
/// time it is seen; the ordered [`Group`]s are built when they are first asked for.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Where each group's slot is, by an encoding of its organisation, domain and policy type.
    index: HashMap<String, usize>,
    slots: Vec<Slot>,
    /// The organisation and id of every report added, encoded like the group keys.
    seen: HashSet<String, Keyed>,
    /// Reused for building keys, so that looking one up allocates nothing.
    scratch: String,
    /// The slots counted for the report being added.
    counted: Vec<usize>,
    /// The groups in order, built from the slots on demand.
    ordered: OnceCell<Vec<Group>>,
    /// Distinct reports added.
    pub reports: usize,
    /// Reports given again and left out.
    pub duplicates: usize,
    /// Successful sessions across every group.
    pub successful: u64,
    /// Failed sessions across every group.
    pub failed: u64,
}

/// What the summary takes from one policy of a report.
pub(crate) struct PolicyTally<'a> {
    pub(crate) domain: &'a str,
    pub(crate) policy_type: &'a str,
    pub(crate) successful: u64,
    pub(crate) failed: u64,
    /// The report's date range.
    pub(crate) start: Option<i64>,
    pub(crate) end: Option<i64>,
    /// How many failure entries follow.
    pub(crate) entries: usize,
}

/// The failure entries of one policy added up per key, each list in the order its keys were
/// first seen; a missing or empty key is [`NOT_GIVEN`]. The additional information URIs come
/// with a count that is not used.
pub(crate) struct KeyTotals<I> {
    pub(crate) by_result_type: I,
    pub(crate) by_receiving_mx: I,
    pub(crate) by_sending_ip: I,
    pub(crate) additional_information: I,
}

/// One group while reports are added: its figures, and its breakdowns by key.
#[derive(Clone, Debug, Default)]
struct Slot {
    /// Everything but the breakdowns, which stay empty here.
    group: Group,
    by_result_type: HashMap<Box<str>, u64>,
    by_receiving_mx: HashMap<Box<str>, u64>,
    by_sending_ip: HashMap<Box<str>, u64>,
    additional_information: HashSet<Box<str>, Keyed>,
}

impl Summary {
    /// Adds a report; returns `false` (and counts nothing) when the same report was added before.
    pub fn add<S: AsRef<str>>(&mut self, report: &TlsReport<S>) -> bool {
        let organization = report.organization.as_ref();
        if !self.begin(organization, report.report_id.as_ref()) {
            return false;
        }
        for policy in &report.policies {
            let slot = self.policy(organization, policy, report.start, report.end);
            for failure in &policy.failures {
                self.failure(slot, failure);
            }
        }
        true
    }

    /// Starts adding a report, for a reader that adds its policies and failure entries as it
    /// judges them; returns `false` (and counts it as a duplicate) when it was added before.
    pub(crate) fn begin(&mut self, organization: &str, report_id: &str) -> bool {
        encode(&mut self.scratch, &[organization, report_id]);
        if self.seen.contains(self.scratch.as_str()) {
            self.duplicates += 1;
            return false;
        }
        self.seen.insert(self.scratch.clone());
        self.ordered.take();
        self.reports += 1;
        self.counted.clear();
        true
    }

    /// Adds one policy of the report begun last (its failure entries aside); returns its slot.
    pub(crate) fn policy<S: AsRef<str>>(
        &mut self,
        organization: &str,
        policy: &PolicyResult<S>,
        start: Option<i64>,
        end: Option<i64>,
    ) -> usize {
        let figures = PolicyTally {
            domain: policy.domain.as_ref(),
            policy_type: policy.policy_type.as_str(),
            successful: policy.successful,
            failed: policy.failed,
            start,
            end,
            entries: policy.failures.len(),
        };
        self.policy_tally(organization, &figures)
    }

    /// Adds one policy's figures to the report begun last; returns its slot.
    pub(crate) fn policy_tally(&mut self, organization: &str, policy: &PolicyTally<'_>) -> usize {
        let slot = self.slot(organization, policy.domain, policy.policy_type);
        let (start, end) = (policy.start, policy.end);
        let first_time = !self.counted.contains(&slot);
        if first_time {
            self.counted.push(slot);
        }
        self.successful = self.successful.saturating_add(policy.successful);
        self.failed = self.failed.saturating_add(policy.failed);
        if let Some(Slot { group, .. }) = self.slots.get_mut(slot) {
            if first_time {
                group.reports += 1;
                group.first = earliest(group.first, start);
                group.last = latest(group.last, end);
            }
            group.successful = group.successful.saturating_add(policy.successful);
            group.failed = group.failed.saturating_add(policy.failed);
        }
        slot
    }

    /// Adds one failure entry of the policy in `slot`.
    pub(crate) fn failure<S: AsRef<str>>(&mut self, slot: usize, failure: &FailureDetail<S>) {
        let Some(slot) = self.slots.get_mut(slot) else {
            return;
        };
        tally(
            &mut slot.by_result_type,
            Some(failure.result_type.as_ref()),
            failure.count,
        );
        tally(
            &mut slot.by_receiving_mx,
            failure.receiving_mx.as_ref().map(AsRef::as_ref),
            failure.count,
        );
        tally(
            &mut slot.by_sending_ip,
            failure.sending_ip.as_ref().map(AsRef::as_ref),
            failure.count,
        );
        if let Some(uri) = &failure.additional_information {
            let uri = uri.as_ref();
            let known = &mut slot.additional_information;
            if known.len() < MAX_DISTINCT && !known.contains(uri) {
                known.insert(uri.into());
            }
        }
    }

    /// Adds the failure entries of one policy to the group in `slot`, as totals per key in the
    /// order each key was first seen: the same figures as adding the entries one by one, since
    /// whether a key is kept or counted under [`OTHER`] is settled when it is first seen.
    pub(crate) fn failures_by_key<'k, I>(&mut self, slot: usize, keys: KeyTotals<I>)
    where
        I: Iterator<Item = (&'k str, u64)>,
    {
        let Some(slot) = self.slots.get_mut(slot) else {
            return;
        };
        for (key, count) in keys.by_result_type {
            tally(&mut slot.by_result_type, Some(key), count);
        }
        for (key, count) in keys.by_receiving_mx {
            tally(&mut slot.by_receiving_mx, Some(key), count);
        }
        for (key, count) in keys.by_sending_ip {
            tally(&mut slot.by_sending_ip, Some(key), count);
        }
        for (uri, _) in keys.additional_information {
            let known = &mut slot.additional_information;
            if known.len() < MAX_DISTINCT && !known.contains(uri) {
                known.insert(uri.into());
            }
        }
    }

    /// The groups, ordered by organisation, domain and policy type.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.ordered
            .get_or_init(|| {
                let mut groups: Vec<Group> = self.slots.iter().map(Slot::to_group).collect();
                crate::order::sort_stable_by(&mut groups, |a, b| {
                    (&a.organization, &a.domain, &a.policy_type).cmp(&(
                        &b.organization,
                        &b.domain,
                        &b.policy_type,
                    ))
                });
                groups
            })
            .iter()
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

    /// The index of the group's slot, made on first use.
    fn slot(&mut self, organization: &str, domain: &str, policy_type: &str) -> usize {
        encode(&mut self.scratch, &[organization, domain, policy_type]);
        if let Some(&slot) = self.index.get(self.scratch.as_str()) {
            return slot;
        }
        let slot = self.slots.len();
        self.index.insert(self.scratch.clone(), slot);
        self.slots.push(Slot {
            group: Group {
                organization: organization.to_owned(),
                domain: domain.to_owned(),
                policy_type: policy_type.to_owned(),
                ..Group::default()
            },
            ..Slot::default()
        });
        slot
    }
}

impl Slot {
    fn to_group(&self) -> Group {
        // The keys of a hash map are distinct, so any sort gives the one order; the crate's one
        // sort is used so that no other copy of the standard sort is compiled.
        let ordered = |counts: &HashMap<Box<str>, u64>| {
            let mut counts: Vec<(String, u64)> = counts
                .iter()
                .map(|(key, count)| (key.to_string(), *count))
                .collect();
            crate::order::sort_stable_by(&mut counts, |(a, _), (b, _)| a.cmp(b));
            Counts(counts)
        };
        let mut additional_information: Vec<String> = self
            .additional_information
            .iter()
            .map(ToString::to_string)
            .collect();
        crate::order::sort_stable_by(&mut additional_information, Ord::cmp);
        Group {
            by_result_type: ordered(&self.by_result_type),
            by_receiving_mx: ordered(&self.by_receiving_mx),
            by_sending_ip: ordered(&self.by_sending_ip),
            additional_information,
            ..self.group.clone()
        }
    }
}

/// Writes `parts` into `out` so that different parts never give the same text: each but the
/// last is preceded by its length.
fn encode(out: &mut String, parts: &[&str]) {
    out.clear();
    for (index, part) in parts.iter().enumerate() {
        if index + 1 < parts.len() {
            out.push_str(&part.len().to_string());
            out.push(':');
        }
        out.push_str(part);
    }
}

/// The key a failure is counted under: [`NOT_GIVEN`] for a member left out or empty.
pub(crate) fn key_of(key: Option<&str>) -> &str {
    match key {
        None | Some("") => NOT_GIVEN,
        Some(key) => key,
    }
}

fn tally(counts: &mut HashMap<Box<str>, u64>, key: Option<&str>, count: u64) {
    let key = key_of(key);
    // Look up by reference first: most failures repeat a key already counted.
    if let Some(entry) = counts.get_mut(key) {
        *entry = entry.saturating_add(count);
        return;
    }
    if counts.len() < MAX_DISTINCT {
        counts.insert(key.into(), count);
        return;
    }
    match counts.get_mut(OTHER) {
        Some(entry) => *entry = entry.saturating_add(count),
        None => {
            counts.insert(OTHER.into(), count);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_in_name_order_and_written_as_a_json_object() {
        let mut slot = Slot::default();
        for (key, count) in [("b", 2), ("a", 1), ("ä", 4), ("B", 3)] {
            tally(&mut slot.by_result_type, Some(key), count);
        }
        tally(&mut slot.by_result_type, None, 5);
        for uri in ["https://b.example", "https://a.example"] {
            slot.additional_information.insert(uri.into());
        }
        let group = slot.to_group();
        let counts = &group.by_result_type;

        // Byte order, as a BTreeMap<String, _> keeps its keys.
        let names: Vec<&str> = counts.iter().map(|(name, _)| name).collect();
        assert_eq!(names, [NOT_GIVEN, "B", "a", "b", "ä"]);
        assert_eq!(counts.values().collect::<Vec<_>>(), [5, 3, 1, 2, 4]);
        assert_eq!((counts.len(), counts.is_empty()), (5, false));
        assert_eq!(counts.get("a"), Some(1));
        assert_eq!(counts.get("c"), None);
        assert!(Counts::default().is_empty());
        assert_eq!(
            group.additional_information,
            ["https://a.example", "https://b.example"]
        );
        assert_eq!(
            serde_json::to_string(counts).unwrap(),
            r#"{"(not given)":5,"B":3,"a":1,"b":2,"ä":4}"#
        );
    }
}
