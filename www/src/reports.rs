//! What the Reports page shows, computed from what the core read: the totals, sessions per day,
//! failed sessions by result type and by receiving MX host, and where each finding is.
//!
//! No Yew and no browser here: plain functions from the core's figures to rows the page draws,
//! and the page's limits, so that the page states the numbers it enforces. `state.rs` is the
//! page's state, also plain; `read.rs` is the one part that touches the browser's files.

pub(crate) mod read;
pub(crate) mod state;

use std::collections::BTreeMap;

use mta_sts_check::{Diagnostic, ReportsCheck, format_rfc3339};

/// The most files read at once.
pub(crate) const MAX_FILES: usize = 100;

/// The largest file read: one file is held in memory whole while the core reads it.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most bytes read across the files given at once.
pub(crate) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The most reports kept whole for the drill-down; the figures count every report.
pub(crate) const MAX_DETAILED_REPORTS: usize = 500;

/// The most rows a breakdown shows; the rest are added into one last row.
pub(crate) const MAX_ROWS: usize = 15;

/// Seconds in a day: a report is placed on the UTC day its `start-datetime` falls on.
const DAY: i64 = 86_400;

/// One row of a chart: a label and the counts it stacks, in the order of the chart's legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) label: String,
    pub(crate) counts: Vec<u64>,
}

/// The figures across every distinct report, ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Overview {
    /// Successful and failed sessions per UTC day, oldest first.
    pub(crate) days: Vec<Row>,
    /// Reports without a readable `start-datetime`, left out of `days`.
    pub(crate) undated: usize,
    /// Failed sessions by `result-type`, most first.
    pub(crate) by_result_type: Vec<Row>,
    /// Failed sessions by `receiving-mx-hostname`, most first.
    pub(crate) by_receiving_mx: Vec<Row>,
}

/// Adds the figures of the distinct reports up by day and merges the summary's breakdowns.
pub(crate) fn overview(check: &ReportsCheck) -> Overview {
    let mut days: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    let mut undated = 0;
    for report in check.reports.iter().filter(|report| !report.duplicate) {
        let Some(start) = report.start else {
            undated += 1;
            continue;
        };
        let day = days.entry(start.div_euclid(DAY)).or_default();
        for policy in &report.policies {
            day.0 = day.0.saturating_add(policy.successful);
            day.1 = day.1.saturating_add(policy.failed);
        }
    }
    let days = days
        .into_iter()
        .map(|(day, (successful, failed))| Row {
            label: day_label(day),
            counts: vec![successful, failed],
        })
        .collect();

    let mut by_result_type = BTreeMap::new();
    let mut by_receiving_mx = BTreeMap::new();
    for group in check.summary.groups() {
        merge(&mut by_result_type, &group.by_result_type);
        merge(&mut by_receiving_mx, &group.by_receiving_mx);
    }
    Overview {
        days,
        undated,
        by_result_type: ranked(by_result_type),
        by_receiving_mx: ranked(by_receiving_mx),
    }
}

/// `2024-09-03` for the day number `day` since 1970-01-01.
fn day_label(day: i64) -> String {
    let mut text = format_rfc3339(day.saturating_mul(DAY));
    text.truncate(10);
    text
}

fn merge(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (key, count) in from {
        let entry = into.entry(key.clone()).or_insert(0);
        *entry = entry.saturating_add(*count);
    }
}

/// The counts, largest first (ties by name), with everything past [`MAX_ROWS`] in one row.
fn ranked(counts: BTreeMap<String, u64>) -> Vec<Row> {
    let mut rows: Vec<(String, u64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let rest: u64 = rows
        .iter()
        .skip(MAX_ROWS)
        .fold(0, |sum, (_, count)| sum.saturating_add(*count));
    let others = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    let mut rows: Vec<Row> = rows
        .into_iter()
        .map(|(label, count)| Row {
            label,
            counts: vec![count],
        })
        .collect();
    if others > 0 {
        rows.push(Row {
            label: format!("{others} more"),
            counts: vec![rest],
        });
    }
    rows
}

/// Where a finding is, in words: the file's name and the JSON path inside it.
pub(crate) fn place(diagnostic: &Diagnostic, names: &[String]) -> Option<String> {
    let (input, path) = match (&diagnostic.json_path, &diagnostic.span) {
        (Some(at), _) => (at.input, Some(at.path.as_str())),
        (None, Some(span)) => (span.input, None),
        (None, None) => return None,
    };
    let name = names.get(input).map_or("file", String::as_str);
    Some(match (path, &diagnostic.span) {
        (Some(""), _) => format!("{name}, the report"),
        (Some(path), _) => format!("{name}, at {path}"),
        (None, Some(span)) => format!("{name}, line {}, column {}", span.line, span.column),
        (None, None) => name.to_owned(),
    })
}

/// A share as a percentage with one decimal (`5.4 %`), in integers so that no float formatting
/// code is shipped; `None` without sessions.
pub(crate) fn percent(part: u64, total: u64) -> Option<String> {
    if total == 0 {
        return None;
    }
    let tenths = u128::from(part) * 1000 / u128::from(total);
    Some(format!("{}.{} %", tenths / 10, tenths % 10))
}

/// A byte count for people: `812 bytes`, `14.2 KiB`, `3.5 MiB`.
pub(crate) fn bytes(count: u64) -> String {
    let tenths = |unit: u64| u128::from(count) * 10 / u128::from(unit);
    if count < 1024 {
        format!("{count} bytes")
    } else if count < 1024 * 1024 {
        let t = tenths(1024);
        format!("{}.{} KiB", t / 10, t % 10)
    } else {
        let t = tenths(1024 * 1024);
        format!("{}.{} MiB", t / 10, t % 10)
    }
}
