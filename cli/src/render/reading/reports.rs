//! What TLS-RPT reports add up to, for people: each file and what it held, then per reporting
//! organisation, policy domain and policy type the dates, the sessions and where the failures
//! were, then the totals.
//!
//! Breakdowns show their largest entries first and at most [`MAX_ROWS`] of them.

use mta_sts_check::{Counts, Group, ReportsCheck, format_rfc3339};

use super::{plural, shown};
use crate::input::Input;
use crate::render::style::{Paint, Style};

/// The most entries of one breakdown shown; the rest are counted.
const MAX_ROWS: usize = 10;

/// Writes the files, the groups and the totals, followed by no blank line.
pub(super) fn write(out: &mut String, check: &ReportsCheck, inputs: &[Input], style: Style) {
    let label = style.paint(Paint::Bold, "reports:");
    out.push_str(&format!(
        "{label} {} read from {}, {} repeated and counted once\n",
        check.reports.len(),
        plural(check.files.len(), "file"),
        check.summary.duplicates
    ));
    for (file, input) in check.files.iter().zip(inputs) {
        let held = match (file.container, &file.error) {
            (_, Some(_)) if file.reports == 0 => style.paint(Paint::Error, "not readable"),
            (container, error) => format!(
                "{}, {}{}",
                container.map_or("unknown", |container| container.as_str()),
                plural(file.reports, "report"),
                if error.is_some() {
                    ", then not readable"
                } else {
                    ""
                }
            ),
        };
        out.push_str(&format!("  {}: {held}\n", shown(&input.name)));
    }
    for group in check.summary.groups() {
        write_group(out, group, style);
    }
    out.push_str(&format!(
        "{} {}\n",
        style.paint(Paint::Bold, "totals:"),
        sessions(check.summary.successful, check.summary.failed)
    ));
}

fn write_group(out: &mut String, group: &Group, style: Style) {
    let organization = if group.organization.is_empty() {
        "(no organization-name)"
    } else {
        &group.organization
    };
    let domain = if group.domain.is_empty() {
        "(no policy-domain)"
    } else {
        &group.domain
    };
    out.push_str(&format!(
        "\n{}\n",
        style.paint(
            Paint::Bold,
            &format!(
                "{} · {} · {}",
                shown(organization),
                shown(domain),
                shown(&group.policy_type)
            )
        )
    ));
    let dates = match (group.first, group.last) {
        (Some(first), Some(last)) => {
            format!("{} to {}", format_rfc3339(first), format_rfc3339(last))
        }
        _ => "dates unknown".to_owned(),
    };
    out.push_str(&format!("  {dates}, {}\n", plural(group.reports, "report")));
    out.push_str(&format!(
        "  sessions: {}\n",
        sessions(group.successful, group.failed)
    ));
    breakdown(out, "by result type", &group.by_result_type);
    breakdown(out, "by receiving MX", &group.by_receiving_mx);
    breakdown(out, "by sending IP", &group.by_sending_ip);
    for uri in group.additional_information.iter().take(MAX_ROWS) {
        out.push_str(&format!("  additional information: {}\n", shown(uri)));
    }
    let more = group.additional_information.len().saturating_sub(MAX_ROWS);
    if more > 0 {
        out.push_str(&format!("  and {} more\n", plural(more, "URI")));
    }
}

/// `by result type: validation-failure 3, certificate-expired 1`, largest first.
fn breakdown(out: &mut String, label: &str, counts: &Counts) {
    if counts.is_empty() {
        return;
    }
    let mut rows: Vec<(&str, u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let shown_rows: Vec<String> = rows
        .iter()
        .take(MAX_ROWS)
        .map(|(key, count)| format!("{} {count}", shown(key)))
        .collect();
    let more = rows.len().saturating_sub(MAX_ROWS);
    let tail = if more > 0 {
        format!(", and {more} more")
    } else {
        String::new()
    };
    out.push_str(&format!("  {label}: {}{tail}\n", shown_rows.join(", ")));
}

/// `5326 successful, 303 failed (5.38% failed)`.
fn sessions(successful: u64, failed: u64) -> String {
    let total = successful.saturating_add(failed);
    if total == 0 {
        return "no sessions".to_owned();
    }
    // Session counts are far below 2^53, so the ratio is exact enough to print.
    #[allow(clippy::cast_precision_loss, reason = "a percentage for people")]
    let rate = failed as f64 * 100.0 / total as f64;
    format!("{successful} successful, {failed} failed ({rate:.2}% failed)")
}
