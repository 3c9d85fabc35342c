//! The JSON form of TLS-RPT reports read and added up: the verdict and findings, the files,
//! each report with its per-policy figures, the summary per organisation, domain and policy
//! type, and the totals. Instants are RFC 3339 text; a failure rate is a number from 0 to 1, or
//! null without sessions.
//!
//! A report set can hold thousands of reports and findings, so this is a tree of plain structs
//! borrowing from the check and serialised straight to text, with members in name order as in
//! the other commands' output.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Verdict};
use crate::time::format_rfc3339;
use crate::tlsrpt_report::{Counts, Group, PolicyFigures, ReportFigures, ReportsCheck};

/// `{"diagnostics", "files", "inputs", "reports", "summary", "totals", "verdict"}`.
#[derive(Serialize)]
pub(super) struct ReportsJson<'a> {
    diagnostics: Vec<FindingJson<'a>>,
    files: Vec<FileJson>,
    inputs: &'a [&'a str],
    reports: Vec<ReportJson<'a>>,
    summary: Vec<GroupJson<'a>>,
    totals: TotalsJson,
    verdict: &'static str,
}

impl<'a> ReportsJson<'a> {
    /// The check's findings and figures; `inputs` names each input in order.
    pub(super) fn new(
        check: &'a ReportsCheck,
        diagnostics: &'a [Diagnostic],
        inputs: &'a [&'a str],
    ) -> Self {
        let summary = &check.summary;
        Self {
            diagnostics: diagnostics.iter().map(FindingJson::from).collect(),
            files: check
                .files
                .iter()
                .enumerate()
                .map(|(input, file)| FileJson {
                    container: file.container.map(|container| container.as_str()),
                    error: file.error.as_ref().map(ToString::to_string),
                    input,
                    reports: file.reports,
                })
                .collect(),
            inputs,
            reports: check.reports.iter().map(ReportJson::from).collect(),
            summary: summary.groups().map(GroupJson::from).collect(),
            totals: TotalsJson {
                duplicates: summary.duplicates,
                failed: summary.failed,
                failure_rate: summary.failure_rate(),
                reports: summary.reports,
                successful: summary.successful,
            },
            verdict: Verdict::of(diagnostics).as_str(),
        }
    }
}

/// One finding, as [`WireDiagnostic`](super::WireDiagnostic) writes it, borrowing its text.
#[derive(Serialize)]
struct FindingJson<'a> {
    help: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    json_path: Option<JsonPathJson<'a>>,
    message: &'a str,
    rfc: &'static str,
    rfc_url: String,
    rule: &'static str,
    severity: &'static str,
    span: Option<SpanJson>,
}

#[derive(Serialize)]
struct SpanJson {
    column: usize,
    end: usize,
    input: usize,
    line: usize,
    start: usize,
}

#[derive(Serialize)]
struct JsonPathJson<'a> {
    input: usize,
    path: &'a str,
}

impl<'a> From<&'a Diagnostic> for FindingJson<'a> {
    fn from(diagnostic: &'a Diagnostic) -> Self {
        Self {
            help: &diagnostic.help,
            json_path: diagnostic.json_path.as_ref().map(|at| JsonPathJson {
                input: at.input,
                path: &at.path,
            }),
            message: &diagnostic.message,
            rfc: diagnostic.rule.rfc(),
            rfc_url: diagnostic.rule.rfc_url(),
            rule: diagnostic.rule.id(),
            severity: diagnostic.severity.as_str(),
            span: diagnostic.span.map(|span| SpanJson {
                column: span.column,
                end: span.end,
                input: span.input,
                line: span.line,
                start: span.start,
            }),
        }
    }
}

#[derive(Serialize)]
struct FileJson {
    container: Option<&'static str>,
    error: Option<String>,
    input: usize,
    reports: usize,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    duplicate: bool,
    end: Option<String>,
    input: usize,
    organization: &'a str,
    policies: Vec<PolicyJson<'a>>,
    report_id: &'a str,
    start: Option<String>,
}

impl<'a> From<&'a ReportFigures> for ReportJson<'a> {
    fn from(report: &'a ReportFigures) -> Self {
        Self {
            duplicate: report.duplicate,
            end: report.end.map(format_rfc3339),
            input: report.input,
            organization: &report.organization,
            policies: report.policies.iter().map(PolicyJson::from).collect(),
            report_id: &report.report_id,
            start: report.start.map(format_rfc3339),
        }
    }
}

#[derive(Serialize)]
struct PolicyJson<'a> {
    domain: &'a str,
    failed: u64,
    policy_type: &'a str,
    successful: u64,
}

impl<'a> From<&'a PolicyFigures> for PolicyJson<'a> {
    fn from(policy: &'a PolicyFigures) -> Self {
        Self {
            domain: &policy.domain,
            failed: policy.failed,
            policy_type: &policy.policy_type,
            successful: policy.successful,
        }
    }
}

#[derive(Serialize)]
struct GroupJson<'a> {
    additional_information: &'a [String],
    by_receiving_mx: &'a Counts,
    by_result_type: &'a Counts,
    by_sending_ip: &'a Counts,
    domain: &'a str,
    failed: u64,
    failure_rate: Option<f64>,
    first: Option<String>,
    last: Option<String>,
    organization: &'a str,
    policy_type: &'a str,
    reports: usize,
    successful: u64,
}

impl<'a> From<&'a Group> for GroupJson<'a> {
    fn from(group: &'a Group) -> Self {
        Self {
            additional_information: &group.additional_information,
            by_receiving_mx: &group.by_receiving_mx,
            by_result_type: &group.by_result_type,
            by_sending_ip: &group.by_sending_ip,
            domain: &group.domain,
            failed: group.failed,
            failure_rate: group.failure_rate(),
            first: group.first.map(format_rfc3339),
            last: group.last.map(format_rfc3339),
            organization: &group.organization,
            policy_type: &group.policy_type,
            reports: group.reports,
            successful: group.successful,
        }
    }
}

#[derive(Serialize)]
struct TotalsJson {
    duplicates: usize,
    failed: u64,
    failure_rate: Option<f64>,
    reports: usize,
    successful: u64,
}
