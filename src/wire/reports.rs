//! The JSON form of TLS-RPT reports read and added up: the files, each report with its
//! per-policy figures, the summary per organisation, domain and policy type, and the totals.
//! Instants are RFC 3339 text; a failure rate is a number from 0 to 1, or null without sessions.

use serde_json::{Map, Value, json};

use crate::time::format_rfc3339;
use crate::tlsrpt_report::{Group, ReportFigures, ReportsCheck};

/// Adds `files`, `reports`, `summary` and `totals` to `object`.
pub fn insert_reports(object: &mut Map<String, Value>, check: &ReportsCheck) {
    let files: Vec<Value> = check
        .files
        .iter()
        .enumerate()
        .map(|(input, file)| {
            json!({
                "input": input,
                "container": file.container.map(|container| container.as_str()),
                "reports": file.reports,
                "error": file.error.as_ref().map(ToString::to_string),
            })
        })
        .collect();
    object.insert("files".into(), files.into());
    let reports: Vec<Value> = check.reports.iter().map(report).collect();
    object.insert("reports".into(), reports.into());
    let summary: Vec<Value> = check.summary.groups().map(group).collect();
    object.insert("summary".into(), summary.into());
    object.insert(
        "totals".into(),
        json!({
            "reports": check.summary.reports,
            "duplicates": check.summary.duplicates,
            "successful": check.summary.successful,
            "failed": check.summary.failed,
            "failure_rate": check.summary.failure_rate(),
        }),
    );
}

fn report(report: &ReportFigures) -> Value {
    let policies: Vec<Value> = report
        .policies
        .iter()
        .map(|policy| {
            json!({
                "policy_type": policy.policy_type,
                "domain": policy.domain,
                "successful": policy.successful,
                "failed": policy.failed,
            })
        })
        .collect();
    json!({
        "input": report.input,
        "organization": report.organization,
        "report_id": report.report_id,
        "start": report.start.map(format_rfc3339),
        "end": report.end.map(format_rfc3339),
        "duplicate": report.duplicate,
        "policies": policies,
    })
}

fn group(group: &Group) -> Value {
    json!({
        "organization": group.organization,
        "domain": group.domain,
        "policy_type": group.policy_type,
        "first": group.first.map(format_rfc3339),
        "last": group.last.map(format_rfc3339),
        "reports": group.reports,
        "successful": group.successful,
        "failed": group.failed,
        "failure_rate": group.failure_rate(),
        "by_result_type": group.by_result_type,
        "by_receiving_mx": group.by_receiving_mx,
        "by_sending_ip": group.by_sending_ip,
        "additional_information": group.additional_information,
    })
}
