//! The report for programs: one JSON object on one line, built from the core's [`wire`] shapes
//! so that it matches what the browser app produces.
//!
//! `{"verdict", "diagnostics", "inputs"}` plus, per command, `"policy"`, `"record"` and
//! `"record_index"`, `"policy"` and `"mx"`, the chain's fields (see [`certificates`]), or the
//! reports' `"files"`, `"reports"`, `"summary"` and `"totals"` (see [`wire::reports_export`]).

mod certificates;

use std::borrow::Cow;

use mta_sts_check::wire;
use serde_json::Value;

use crate::render::escape;
use crate::report::{Reading, Report};

/// The report as one line of JSON, ending in a newline.
pub(crate) fn render(report: &Report) -> String {
    if let Reading::Reports(check) = &report.reading {
        // Thousands of reports and findings: written straight from borrowed structs.
        let names: Vec<&str> = report
            .inputs
            .iter()
            .map(|input| input.name.as_str())
            .collect();
        return line(wire::reports_export(check, &report.diagnostics, &names));
    }

    let mut object = wire::report(&report.diagnostics);

    match &report.reading {
        Reading::Policy(policy) => {
            object.insert(
                "policy".into(),
                policy.as_ref().map_or(Value::Null, wire::policy),
            );
        }
        Reading::StsRecord { record, index } => {
            object.insert(
                "record".into(),
                record.as_ref().map_or(Value::Null, wire::sts_record),
            );
            object.insert("record_index".into(), (*index).into());
        }
        Reading::TlsRptRecord { record, index } => {
            object.insert(
                "record".into(),
                record.as_ref().map_or(Value::Null, wire::tlsrpt_record),
            );
            object.insert("record_index".into(), (*index).into());
        }
        Reading::Mx { policy, check, .. } => {
            object.insert(
                "policy".into(),
                policy.as_ref().map_or(Value::Null, wire::policy),
            );
            object.insert(
                "mx".into(),
                policy
                    .as_ref()
                    .map_or(Value::Null, |policy| wire::mx_check(check, policy)),
            );
        }
        Reading::Certificates(check) => certificates::insert(&mut object, check),
        // Written above.
        Reading::Reports(_) => {}
    }

    let names: Vec<Value> = report
        .inputs
        .iter()
        .map(|input| input.name.clone().into())
        .collect();
    object.insert("inputs".into(), names.into());

    line(Value::Object(object).to_string())
}

/// Serialised JSON made safe for a terminal, with the newline that ends the line.
fn line(serialised: String) -> String {
    let mut line = match escape::json(&serialised) {
        Cow::Borrowed(_) => serialised,
        Cow::Owned(escaped) => escaped,
    };
    line.push('\n');
    line
}
