//! What the Reports page shows, computed from what the core read: the totals, sessions per day,
//! failed sessions by result type and by receiving MX host, and where each finding is.
//!
//! No Yew and no browser here: plain functions from the core's figures to rows the page draws,
//! and the page's limits, so that the page states the numbers it enforces. `state.rs` is the
//! page's state, also plain; `read.rs` is the one part that touches the browser's files.

pub(crate) mod read;
pub(crate) mod state;
pub(crate) mod worker;

use mta_sts_check::{Counts, Diagnostic, ReportsCheck, format_rfc3339};

/// The most files read at once.
pub(crate) const MAX_FILES: usize = 100;

/// The largest file read: one file is held in memory whole while the core reads it.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most bytes read across the files given at once.
pub(crate) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The most reports kept whole for the drill-down; the figures count every report.
pub(crate) const MAX_DETAILED_REPORTS: usize = 100;

/// The most failure entries of one policy drawn in a report's details; all count in the figures.
pub(crate) const MAX_FAILURE_ROWS: usize = 1_000;

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
    // Day number, successful, failed; kept in order by inserting where a binary search says,
    // which ships less code than a map or a sort of a new type would.
    let mut days: Vec<(i64, u64, u64)> = Vec::new();
    let mut undated = 0;
    for report in check.reports.iter().filter(|report| !report.duplicate) {
        let Some(start) = report.start else {
            undated += 1;
            continue;
        };
        let day = start.div_euclid(DAY);
        let at = match days.binary_search_by_key(&day, |entry| entry.0) {
            Ok(at) => at,
            Err(at) => {
                days.insert(at, (day, 0, 0));
                at
            }
        };
        for policy in &report.policies {
            days[at].1 = days[at].1.saturating_add(policy.successful);
            days[at].2 = days[at].2.saturating_add(policy.failed);
        }
    }
    let days = days
        .into_iter()
        .map(|(day, successful, failed)| Row {
            label: day_label(day),
            counts: vec![successful, failed],
        })
        .collect();

    let mut by_result_type = Vec::new();
    let mut by_receiving_mx = Vec::new();
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

/// Adds `from` into `into`, a list kept in byte order of the names so that each name is found
/// by binary search.
fn merge(into: &mut Vec<(String, u64)>, from: &Counts) {
    for (key, count) in from.iter() {
        match into.binary_search_by(|(name, _)| name.as_str().cmp(key)) {
            Ok(at) => into[at].1 = into[at].1.saturating_add(count),
            Err(at) => into.insert(at, (key.to_owned(), count)),
        }
    }
}

/// The counts, largest first (ties by name), with everything past [`MAX_ROWS`] in one row.
/// The largest are picked one at a time rather than sorted: at most [`MAX_ROWS`] passes over at
/// most [`mta_sts_check::MAX_DISTINCT`] keys, and no sorting code in the module.
fn ranked(mut counts: Vec<(String, u64)>) -> Vec<Row> {
    let mut rows = Vec::new();
    while rows.len() < MAX_ROWS {
        // The list is in name order, so the first of equal counts is kept: ties go by name.
        let Some(at) = counts
            .iter()
            .enumerate()
            .fold(
                None,
                |best: Option<(usize, u64)>, (at, &(_, count))| match best {
                    Some((_, most)) if most >= count => best,
                    _ => Some((at, count)),
                },
            )
            .map(|(at, _)| at)
        else {
            break;
        };
        let (label, count) = counts.remove(at);
        rows.push(Row {
            label,
            counts: vec![count],
        });
    }
    if !counts.is_empty() {
        let rest = counts
            .iter()
            .fold(0_u64, |sum, (_, count)| sum.saturating_add(*count));
        rows.push(Row {
            label: format!("{} more", counts.len()),
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

/// A share as a percentage with one decimal (`5.4 %`, rounded down), in integers so that no
/// float formatting code is shipped; `None` without sessions.
pub(crate) fn percent(part: u64, total: u64) -> Option<String> {
    if total == 0 {
        return None;
    }
    // Scaled down first when multiplying by 1000 could overflow; the share stays the same.
    let (part, total) = if total > u64::MAX / 1000 {
        (part / 1000, total / 1000)
    } else {
        (part, total)
    };
    let tenths = part.min(total) * 1000 / total;
    Some(format!("{}.{} %", tenths / 10, tenths % 10))
}

/// A byte count for people: `812 bytes`, `14.2 KiB`, `3.5 MiB` (tenths rounded down).
pub(crate) fn bytes(count: u64) -> String {
    let tenths = |unit: u64| count / unit * 10 + count % unit * 10 / unit;
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
