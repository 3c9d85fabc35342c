//! One TLS-RPT report opened up: who sent it and for when, then each policy it applied with the
//! sessions counted and every failure detail as a table row.
//!
//! A `<details>` element, so that opening and closing works from the keyboard with no script.

use mta_sts_check::{FailureDetail, PolicyResult, TlsReport, format_rfc3339};
use yew::{Html, Properties, function_component, html};

use crate::lint::visible;

#[derive(Properties, PartialEq)]
pub(crate) struct ReportDetailsProps {
    pub(crate) report: TlsReport,
    /// The name of the file the report came from.
    pub(crate) file: String,
}

#[function_component]
pub(crate) fn ReportDetails(props: &ReportDetailsProps) -> Html {
    let report = &props.report;
    let successful: u64 = report.policies.iter().map(|policy| policy.successful).sum();
    let failed: u64 = report.policies.iter().map(|policy| policy.failed).sum();
    let status = if failed > 0 { "failures" } else { "ok" };
    html! {
        <details class={format!("report report-{status}")} data-report-id={report.report_id.clone()}>
            <summary>
                <span class="report-org">{ or_missing(&report.organization) }</span>
                <span class="report-when">{ when(report.start) }</span>
                <span class={format!("badge {}", if failed > 0 { "badge-error" } else { "badge-pass" })}>
                    { format!("{successful} successful, {failed} failed") }
                </span>
            </summary>
            <dl class="reading">
                <dt>{ "Report id" }</dt><dd><code>{ or_missing(&report.report_id) }</code></dd>
                <dt>{ "File" }</dt><dd>{ &props.file }</dd>
                <dt>{ "From" }</dt><dd>{ when(report.start) }</dd>
                <dt>{ "To" }</dt><dd>{ when(report.end) }</dd>
                <dt>{ "Contact" }</dt>
                <dd>{ report.contact_info.as_deref().map_or_else(|| "not given".to_owned(), visible) }</dd>
            </dl>
            { for report.policies.iter().enumerate().map(|(index, policy)| policy_view(index, policy)) }
        </details>
    }
}

fn policy_view(index: usize, policy: &PolicyResult) -> Html {
    html! {
        <section class="report-policy">
            <h4>
                { format!("Policy {}: ", index + 1) }
                <code>{ policy.policy_type.as_str() }</code>
                { " for " }<code>{ or_missing(&policy.domain) }</code>
            </h4>
            <p>{ format!("{} successful sessions, {} failed.", policy.successful, policy.failed) }</p>
            if !policy.mx_hosts.is_empty() {
                <p>{ "MX patterns: " }<code>{ visible(&policy.mx_hosts.join(", ")) }</code></p>
            }
            if !policy.policy_strings.is_empty() {
                <pre class="policy-string">{ visible(&policy.policy_strings.join("\n")) }</pre>
            }
            if policy.failures.is_empty() {
                <p class="none">{ "No failure details." }</p>
            } else {
                { failures(&policy.failures) }
            }
        </section>
    }
}

fn failures(failures: &[FailureDetail]) -> Html {
    let cell = |value: &Option<String>| match value {
        Some(value) if !value.is_empty() => html! { <code>{ visible(value) }</code> },
        _ => html! { <span class="none">{ "not given" }</span> },
    };
    html! {
        <div class="table-scroll">
            <table class="failures">
                <caption>{ "Failure details" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Result type" }</th>
                        <th scope="col" class="number">{ "Sessions" }</th>
                        <th scope="col">{ "Receiving MX" }</th>
                        <th scope="col">{ "Receiving IP" }</th>
                        <th scope="col">{ "Sending IP" }</th>
                        <th scope="col">{ "Reason code" }</th>
                        <th scope="col">{ "More information" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for failures.iter().map(|failure| html! {
                        <tr>
                            <td><code>{ or_missing(&failure.result_type) }</code></td>
                            <td class="number">{ failure.count.to_string() }</td>
                            <td>{ cell(&failure.receiving_mx) }</td>
                            <td>{ cell(&failure.receiving_ip) }</td>
                            <td>{ cell(&failure.sending_ip) }</td>
                            <td>{ cell(&failure.reason_code) }</td>
                            <td>{ cell(&failure.additional_information) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
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
