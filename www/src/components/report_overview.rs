//! What the Reports page shows once files are read: the totals in words, the charts, the
//! figures per organisation and policy domain, the files, each report to open, and the findings.

use std::rc::Rc;

use mta_sts_check::{Group, Verdict};
use yew::{Html, Properties, function_component, html};

use crate::components::bars::{Bars, Series};
use crate::components::findings::Findings;
use crate::components::report_details::{ReportDetails, when};
use crate::components::verdict::VerdictBanner;
use crate::reports::state::Outcome;
use crate::reports::{MAX_DETAILED_REPORTS, overview, percent, place};

/// The most findings listed; the verdict still counts them all.
const MAX_FINDINGS_SHOWN: usize = 500;

#[derive(Properties)]
pub(crate) struct ReportOverviewProps {
    pub(crate) outcome: Rc<Outcome>,
}

impl PartialEq for ReportOverviewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
    }
}

#[function_component]
pub(crate) fn ReportOverview(props: &ReportOverviewProps) -> Html {
    let outcome = &*props.outcome;
    let check = &outcome.check;
    // Computed while rendering: the props compare by pointer, so this runs once per reading.
    let shown = overview(check);
    let total = check
        .summary
        .successful
        .saturating_add(check.summary.failed);
    let sessions = match percent(check.summary.failed, total) {
        Some(share) => format!(
            "{} of {total} sessions failed ({share}).",
            check.summary.failed
        ),
        None => "The reports count no sessions.".to_owned(),
    };
    let session_status = if check.summary.failed > 0 {
        "failures"
    } else {
        "ok"
    };
    let ok = Series {
        name: "Successful",
        class: "fill-pass",
    };
    let failed = Series {
        name: "Failed",
        class: "fill-error",
    };

    html! {
        <div class="result">
            { for outcome.refused.iter().map(|why| html! {
                <p class="field-error" role="alert">{ format!("Not read: {why}") }</p>
            }) }
            <p class={format!("sessions sessions-{session_status}")} data-status={session_status}>
                <strong>{ if check.summary.failed > 0 { "Failures reported: " } else { "No failures reported: " } }</strong>
                { sessions }
            </p>
            <dl class="reading totals">
                <dt>{ "Files read" }</dt><dd data-total="files">{ check.files.len() }</dd>
                <dt>{ "Reports" }</dt><dd data-total="reports">{ check.summary.reports }</dd>
                <dt>{ "Given twice, counted once" }</dt>
                <dd data-total="duplicates">{ check.summary.duplicates }</dd>
                <dt>{ "Successful sessions" }</dt>
                <dd data-total="successful">{ check.summary.successful }</dd>
                <dt>{ "Failed sessions" }</dt><dd data-total="failed">{ check.summary.failed }</dd>
            </dl>

            <h3>{ "Sessions over time" }</h3>
            if shown.days.is_empty() {
                <p class="none">{ "No report has a readable start date." }</p>
            } else {
                <Bars
                    id="chart-days"
                    caption="Sessions per day (UTC, by the report's start)"
                    label="Day"
                    series={vec![ok.clone(), failed.clone()]}
                    rows={shown.days.clone()}
                />
            }
            if shown.undated > 0 {
                <p class="note">{ format!("{} reports without a readable date are left out of this chart.", shown.undated) }</p>
            }
            <h3>{ "Failed sessions" }</h3>
            if shown.by_result_type.is_empty() {
                <p class="none">{ "No failure details." }</p>
            } else {
                <Bars
                    id="chart-result-types"
                    caption="Failed sessions by result type"
                    label="Result type"
                    series={vec![failed.clone()]}
                    rows={shown.by_result_type.clone()}
                />
                <Bars
                    id="chart-mx-hosts"
                    caption="Failed sessions by receiving MX host"
                    label="MX host"
                    series={vec![failed]}
                    rows={shown.by_receiving_mx.clone()}
                />
            }

            <h3>{ "By organisation and policy domain" }</h3>
            { groups_table(check.summary.groups()) }

            <h3>{ "Files" }</h3>
            <ul class="files">
                { for check.files.iter().enumerate().map(|(input, file)| html! {
                    <li>
                        <code>{ outcome.names.get(input).cloned().unwrap_or_default() }</code>
                        { format!(
                            ": {}, {} reports{}",
                            file.container.map_or("not a report", |c| c.as_str()),
                            file.reports,
                            file.error.as_ref().map(|e| format!(" (stopped: {e})")).unwrap_or_default(),
                        ) }
                    </li>
                }) }
            </ul>

            <h3>{ "Each report" }</h3>
            <p class="hint">{ "Open a report to see its policies and failure details." }</p>
            <div class="reports">
                { for outcome.detailed.iter().map(|detailed| html! {
                    <ReportDetails
                        report={detailed.report.clone()}
                        file={outcome.names.get(detailed.input).cloned().unwrap_or_default()}
                    />
                }) }
            </div>
            if outcome.not_detailed > 0 {
                <p class="note">{ format!(
                    "{} more reports are counted above but not listed: the page keeps the first {MAX_DETAILED_REPORTS}.",
                    outcome.not_detailed
                ) }</p>
            }

            <h3>{ "Findings about the reports" }</h3>
            { findings(outcome) }
        </div>
    }
}

fn groups_table<'a>(groups: impl Iterator<Item = &'a Group>) -> Html {
    html! {
        <div class="table-scroll">
            <table class="groups">
                <thead>
                    <tr>
                        <th scope="col">{ "Organisation" }</th>
                        <th scope="col">{ "Policy domain" }</th>
                        <th scope="col">{ "Type" }</th>
                        <th scope="col">{ "From" }</th>
                        <th scope="col">{ "To" }</th>
                        <th scope="col" class="number">{ "Reports" }</th>
                        <th scope="col" class="number">{ "Successful" }</th>
                        <th scope="col" class="number">{ "Failed" }</th>
                        <th scope="col" class="number">{ "Failed share" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for groups.map(|group| html! {
                        <tr>
                            <td>{ crate::lint::visible(&group.organization) }</td>
                            <td><code>{ crate::lint::visible(&group.domain) }</code></td>
                            <td><code>{ crate::lint::visible(&group.policy_type) }</code></td>
                            <td>{ when(group.first) }</td>
                            <td>{ when(group.last) }</td>
                            <td class="number">{ group.reports }</td>
                            <td class="number">{ group.successful }</td>
                            <td class="number">{ group.failed }</td>
                            <td class="number">{ percent(group.failed, group.successful.saturating_add(group.failed)).unwrap_or_else(|| "–".to_owned()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn findings(outcome: &Outcome) -> Html {
    let all = &outcome.check.diagnostics;
    let listed: Vec<_> = all.iter().take(MAX_FINDINGS_SHOWN).cloned().collect();
    let places = listed.iter().map(|d| place(d, &outcome.names)).collect();
    html! {
        <>
            <VerdictBanner verdict={Verdict::of(all)} diagnostics={all.clone()} />
            <Findings diagnostics={listed} inputs={Vec::new()} places={Some(places)} />
            if all.len() > MAX_FINDINGS_SHOWN {
                <p class="note">{ format!(
                    "{} more findings are counted above but not listed.",
                    all.len() - MAX_FINDINGS_SHOWN
                ) }</p>
            }
        </>
    }
}
