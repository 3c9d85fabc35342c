//! One TLS-RPT report opened up: who sent it and for when, then each policy it applied with the
//! sessions counted and its failure details as table rows, up to [`MAX_FAILURE_ROWS`] of them.
//!
//! A `<details>` element, so that opening and closing works from the keyboard with no script,
//! drawn by a plain function rather than a component to keep the WebAssembly small.

use mta_sts_check::{PolicyResult, TlsReport, format_rfc3339};
use yew::{Html, html};

use crate::components::table::{Cell, table, terms};
use crate::lint::visible;
use crate::reports::MAX_FAILURE_ROWS;

const FAILURE_HEAD: [&str; 7] = [
    "Result type",
    "Sessions",
    "Receiving MX",
    "Receiving IP",
    "Sending IP",
    "Reason code",
    "More information",
];

/// One report, closed until opened; `file` names the file it came from.
pub(crate) fn report_details(report: &TlsReport, file: &str) -> Html {
    let (successful, failed) = report
        .policies
        .iter()
        .fold((0_u64, 0_u64), |(ok, failed), p| {
            (
                ok.saturating_add(p.successful),
                failed.saturating_add(p.failed),
            )
        });
    let (status, badge) = if failed > 0 {
        ("report report-failures", "badge badge-error")
    } else {
        ("report report-ok", "badge badge-pass")
    };
    let about = vec![
        ("Report id", None, Cell::code(Some(&report.report_id))),
        ("File", None, Cell::Text(file.to_owned())),
        ("From", None, Cell::Text(when(report.start))),
        ("To", None, Cell::Text(when(report.end))),
        ("Contact", None, Cell::code(report.contact_info.as_deref())),
    ];
    html! {
        <details class={status} data-report-id={report.report_id.clone()}>
            <summary>
                <span class="report-org">{ or_missing(&report.organization) }</span>
                <span class="report-when">{ when(report.start) }</span>
                <span class={badge}>{ format!("{successful} successful, {failed} failed") }</span>
            </summary>
            { terms("reading", about) }
            { for report.policies.iter().enumerate().map(|(at, policy)| policy_view(at, policy)) }
        </details>
    }
}

fn policy_view(index: usize, policy: &PolicyResult) -> Html {
    let mut rows = policy
        .failures
        .iter()
        .take(MAX_FAILURE_ROWS)
        .map(|failure| {
            vec![
                Cell::code(Some(&failure.result_type)),
                Cell::Number(failure.count),
                Cell::code(failure.receiving_mx.as_deref()),
                Cell::code(failure.receiving_ip.as_deref()),
                Cell::code(failure.sending_ip.as_deref()),
                Cell::code(failure.reason_code.as_deref()),
                Cell::code(failure.additional_information.as_deref()),
            ]
        })
        .collect::<Vec<_>>();
    let more = policy.failures.len().saturating_sub(MAX_FAILURE_ROWS);
    if more > 0 {
        rows.push(vec![Cell::Text(format!(
            "and {more} more, counted but not shown"
        ))]);
    }
    let title = format!(
        "Policy {}: {} for {}",
        index + 1,
        policy.policy_type.as_str(),
        or_missing(&policy.domain)
    );
    let counts = format!(
        "{} successful sessions, {} failed.",
        policy.successful, policy.failed
    );
    html! {
        <section class="report-policy">
            <h4>{ title }</h4>
            <p>{ counts }</p>
            if !policy.mx_hosts.is_empty() {
                <p>{ "MX patterns: " }<code>{ visible(&policy.mx_hosts.join(", ")) }</code></p>
            }
            if !policy.policy_strings.is_empty() {
                <pre class="policy-string">{ visible(&policy.policy_strings.join("\n")) }</pre>
            }
            if rows.is_empty() {
                <p class="none">{ "No failure details." }</p>
            } else {
                { table("failures", Some("Failure details"), &FAILURE_HEAD, rows) }
            }

        </section>
    }
}

/// An instant as RFC 3339 text, or "no date".
pub(crate) fn when(instant: Option<i64>) -> String {
    instant.map_or_else(|| "no date".to_owned(), format_rfc3339)
}

/// Text from the report with hidden characters shown, or "(missing)" when empty.
fn or_missing(text: &str) -> String {
    if text.is_empty() {
        "(missing)".to_owned()
    } else {
        visible(text)
    }
}
