//! The report for programs: one JSON object on one line, built from the core's [`wire`] shapes
//! so that it matches what the browser app produces.
//!
//! `{"verdict", "diagnostics", "inputs"}` plus, per command, `"policy"`, `"record"` and
//! `"record_index"`, `"policy"` and `"mx"`, the chain's fields (see [`certificates`]), or the
//! reports' `"files"`, `"reports"`, `"summary"` and `"totals"` (see [`wire::insert_reports`]).

mod certificates;

use mta_sts_check::wire;
use serde_json::Value;

use crate::render::escape;
use crate::report::{Reading, Report};

/// The report as one line of JSON, ending in a newline.
pub(crate) fn render(report: &Report) -> String {
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
        Reading::Reports(check) => wire::insert_reports(&mut object, check),
    }

    let names: Vec<Value> = report
        .inputs
        .iter()
        .map(|input| input.name.clone().into())
        .collect();
    object.insert("inputs".into(), names.into());

    let serialised = Value::Object(object).to_string();
    format!("{}\n", escape::json(&serialised))
}
