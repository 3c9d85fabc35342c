//! What the Reports page shows once files are read: the totals in words, the charts, the
//! figures per organisation and policy domain, the files, each report to open, and the findings.
//!
//! Plain functions, not components: the page draws this once per reading, and every Yew
//! component adds several KiB of WebAssembly.

use mta_sts_check::{Group, Verdict};
use yew::{Html, html};

use crate::components::bars::{Chart, Series, bars};
use crate::components::findings::findings as finding_list;
use crate::components::report_details::{report_details, when};
use crate::components::table::{Cell, table, terms};
use crate::components::verdict::verdict_banner;
use crate::lint::visible;
use crate::reports::state::Outcome;
use crate::reports::{MAX_DETAILED_REPORTS, overview, percent, place};

/// The most findings listed; the verdict still counts them all.
const MAX_FINDINGS_SHOWN: usize = 500;

const SUCCESSFUL: Series = Series {
    name: "Successful",
    class: "fill-pass",
};
const FAILED: Series = Series {
    name: "Failed",
    class: "fill-error",
};

/// Everything read in run `run`.
pub(crate) fn report_overview(run: u32, outcome: &Outcome) -> Html {
    let check = &outcome.check;
    let name = |input: usize| outcome.names.get(input).map_or("", String::as_str);
    html! {
        <div class="result" data-run={run.to_string()}>
            { for outcome.refused.iter().map(|why| html! {
                <p class="field-error" role="alert">{ format!("Not read: {why}") }</p>
            }) }
            { totals(outcome) }
            { charts(outcome) }

            <h3>{ "By organisation and policy domain" }</h3>
            { groups_table(check.summary.groups()) }

            <h3>{ "Files" }</h3>
            <ul class="files">
                { for check.files.iter().enumerate().map(|(input, file)| html! {
                    <li>
                        <code>{ name(input) }</code>
                        { format!(
                            ": {}, reports: {}{}",
                            file.container.map_or("not a report", |c| c.as_str()),
                            file.reports,
                            file.error
                                .as_ref()
                                .map(|error| format!(" (stopped: {error})"))
                                .unwrap_or_default(),
                        ) }
                    </li>
                }) }
            </ul>

            <h3>{ "Each report" }</h3>
            <p class="hint">{ "Open a report to see its policies and failure details." }</p>
            <div class="reports">
                { for outcome.detailed.iter().map(|detailed| {
                    report_details(&detailed.report, name(detailed.input))
                }) }
            </div>
            if outcome.not_detailed > 0 {
                <p class="note">{ format!(
                    "{} more reports are counted above but not listed: the page keeps the \
                     first {MAX_DETAILED_REPORTS}.",
                    outcome.not_detailed
                ) }</p>
            }

            <h3>{ "Findings about the reports" }</h3>
            { findings(outcome) }
        </div>
    }
}

/// The sessions in a sentence (in words, not only colour), then the counts.
fn totals(outcome: &Outcome) -> Html {
    let summary = &outcome.check.summary;
    let total = summary.successful.saturating_add(summary.failed);
    let (status, lead) = if summary.failed > 0 {
        ("failures", "Failures reported: ")
    } else {
        ("ok", "No failures reported: ")
    };
    let sentence = match percent(summary.failed, total) {
        Some(share) => format!("{} of {total} sessions failed ({share}).", summary.failed),
        None => "the reports count no sessions.".to_owned(),
    };
    let counts = vec![
        (
            "Files read",
            Some("files"),
            count(outcome.check.files.len()),
        ),
        ("Reports", Some("reports"), count(summary.reports)),
        (
            "Given again, counted once",
            Some("duplicates"),
            count(summary.duplicates),
        ),
        (
            "Successful sessions",
            Some("successful"),
            Cell::Number(summary.successful),
        ),
        (
            "Failed sessions",
            Some("failed"),
            Cell::Number(summary.failed),
        ),
    ];
    html! {
        <>
            <p class={format!("sessions sessions-{status}")} data-status={status}>
                <strong>{ lead }</strong>{ sentence }
            </p>
            { terms("reading totals", counts) }
        </>
    }
}

fn count(number: usize) -> Cell {
    Cell::Number(u64::try_from(number).unwrap_or(u64::MAX))
}

/// Sessions per day, and failed sessions by result type and by MX host.
fn charts(outcome: &Outcome) -> Html {
    let shown = overview(&outcome.check);
    html! {
        <>
            <h3>{ "Sessions over time" }</h3>
            if shown.days.is_empty() {
                <p class="none">{ "No report has a readable start date." }</p>
            } else {
                { bars(&Chart {
                    id: "chart-days",
                    caption: "Sessions per day (UTC, by the report's start)",
                    label: "Day",
                    series: &[SUCCESSFUL, FAILED],
                    rows: &shown.days,
                }) }
            }
            if shown.undated > 0 {
                <p class="note">{ format!(
                    "{} reports without a readable date are left out of this chart.",
                    shown.undated
                ) }</p>
            }
            <h3>{ "Failed sessions" }</h3>
            if shown.by_result_type.is_empty() {
                <p class="none">{ "No failure details." }</p>
            } else {
                { bars(&Chart {
                    id: "chart-result-types",
                    caption: "Failed sessions by result type",
                    label: "Result type",
                    series: &[FAILED],
                    rows: &shown.by_result_type,
                }) }
                { bars(&Chart {
                    id: "chart-mx-hosts",
                    caption: "Failed sessions by receiving MX host",
                    label: "MX host",
                    series: &[FAILED],
                    rows: &shown.by_receiving_mx,
                }) }
            }
        </>
    }
}

const GROUP_HEAD: [&str; 9] = [
    "Organisation",
    "Policy domain",
    "Type",
    "From",
    "To",
    "Reports",
    "Successful",
    "Failed",
    "Failed share",
];

fn groups_table<'a>(groups: impl Iterator<Item = &'a Group>) -> Html {
    let rows = groups
        .map(|group| {
            let total = group.successful.saturating_add(group.failed);
            vec![
                Cell::Text(visible(&group.organization)),
                Cell::code(Some(&group.domain)),
                Cell::code(Some(&group.policy_type)),
                Cell::Text(when(group.first)),
                Cell::Text(when(group.last)),
                count(group.reports),
                Cell::Number(group.successful),
                Cell::Number(group.failed),
                Cell::Text(percent(group.failed, total).unwrap_or_else(|| "–".into())),
            ]
        })
        .collect();
    table("groups", None, &GROUP_HEAD, rows)
}

fn findings(outcome: &Outcome) -> Html {
    // With no file read there is nothing to pass or fail: the refusals above say why.
    if outcome.check.files.is_empty() {
        return Html::default();
    }
    let all = &outcome.check.diagnostics;
    let listed: Vec<_> = all.iter().take(MAX_FINDINGS_SHOWN).cloned().collect();
    let places: Vec<Option<String>> = listed.iter().map(|d| place(d, &outcome.names)).collect();
    html! {
        <>
            { verdict_banner(Verdict::of(all), all) }
            { finding_list(&listed, &[], Some(&places)) }
            if all.len() > MAX_FINDINGS_SHOWN {
                <p class="note">{ format!(
                    "{} more findings are counted above but not listed.",
                    all.len() - MAX_FINDINGS_SHOWN
                ) }</p>
            }
        </>
    }
}
