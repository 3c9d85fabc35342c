//! The JSON form of findings and readings, shared by every front end so that the command line
//! and the browser print the same thing.
//!
//! These are types of their own, built from the core's values at the boundary: the core's
//! internal types stay free to change, and this shape is the one that is promised.
//!
//! ```json
//! {"verdict": "fail",
//!  "diagnostics": [{"rule": "STS-POLICY-012", "severity": "error", "message": "...",
//!                   "help": "...", "rfc": "RFC 8461 §3.2", "rfc_url": "https://...",
//!                   "span": {"input": 0, "start": 24, "end": 25, "line": 3, "column": 22}}]}
//! ```

mod reports;

use serde::Serialize;

pub use reports::insert_reports;

use crate::diagnostic::{Diagnostic, Span, Verdict};
use crate::mx::MxCheck;
use crate::policy::{Policy, PolicyCheck};
use crate::sts_record::StsRecord;
use crate::tlsrpt_record::{ReportDestination, TlsRptRecord};

/// One finding.
#[derive(Clone, Debug, Serialize)]
pub struct WireDiagnostic {
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub help: String,
    pub rfc: &'static str,
    pub rfc_url: String,
    pub span: Option<WireSpan>,
    /// Where the finding is inside a JSON report; left out for other inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_path: Option<WireJsonPath>,
}

/// A value inside a JSON report: `{"input": 0, "path": "policies[0].summary"}`.
#[derive(Clone, Debug, Serialize)]
pub struct WireJsonPath {
    pub input: usize,
    pub path: String,
}

/// Where a finding is.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct WireSpan {
    pub input: usize,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl From<&Span> for WireSpan {
    fn from(span: &Span) -> Self {
        Self {
            input: span.input,
            start: span.start,
            end: span.end,
            line: span.line,
            column: span.column,
        }
    }
}

impl From<&Diagnostic> for WireDiagnostic {
    fn from(diagnostic: &Diagnostic) -> Self {
        Self {
            rule: diagnostic.rule.id(),
            severity: diagnostic.severity.as_str(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            rfc: diagnostic.rule.rfc(),
            rfc_url: diagnostic.rule.rfc_url(),
            span: diagnostic.span.as_ref().map(WireSpan::from),
            json_path: diagnostic.json_path.as_ref().map(|at| WireJsonPath {
                input: at.input,
                path: at.path.clone(),
            }),
        }
    }
}

/// The verdict and findings: `{"verdict": ..., "diagnostics": [...]}`, ready for more fields.
pub fn report(diagnostics: &[Diagnostic]) -> serde_json::Map<String, serde_json::Value> {
    let mut object = serde_json::Map::new();
    object.insert("verdict".into(), Verdict::of(diagnostics).as_str().into());
    let wire: Vec<WireDiagnostic> = diagnostics.iter().map(WireDiagnostic::from).collect();
    object.insert("diagnostics".into(), to_value(&wire));
    object
}

/// A policy as senders apply it.
pub fn policy(policy: &Policy) -> serde_json::Value {
    serde_json::json!({
        "mode": policy.mode.as_str(),
        "max_age": policy.max_age,
        "mx": policy.mx.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "extensions": extensions(&policy.extensions),
    })
}

/// The policy of a check, or `null` when senders get none.
pub fn policy_check(check: &PolicyCheck) -> serde_json::Value {
    check
        .policy
        .as_ref()
        .map_or(serde_json::Value::Null, policy)
}

/// An MTA-STS record.
pub fn sts_record(record: &StsRecord) -> serde_json::Value {
    serde_json::json!({ "id": record.id, "extensions": extensions(&record.extensions) })
}

/// A TLS-RPT record.
pub fn tlsrpt_record(record: &TlsRptRecord) -> serde_json::Value {
    let destinations: Vec<serde_json::Value> = record
        .destinations
        .iter()
        .map(|destination| {
            let scheme = match destination {
                ReportDestination::Mailto(_) => "mailto",
                ReportDestination::Https(_) => "https",
            };
            serde_json::json!({ "scheme": scheme, "uri": destination.to_string() })
        })
        .collect();
    serde_json::json!({
        "destinations": destinations,
        "extensions": extensions(&record.extensions),
    })
}

/// Each MX host with the patterns that cover it.
pub fn mx_check(check: &MxCheck, policy: &Policy) -> serde_json::Value {
    let hosts: Vec<serde_json::Value> = check
        .hosts
        .iter()
        .map(|host| {
            let patterns: Vec<String> = host
                .patterns
                .iter()
                .filter_map(|&index| policy.mx.get(index).map(ToString::to_string))
                .collect();
            serde_json::json!({
                "host": host.host,
                "name": host.name,
                "covered": !patterns.is_empty(),
                "patterns": patterns,
            })
        })
        .collect();
    let unused: Vec<String> = check
        .unused_patterns
        .iter()
        .filter_map(|&index| policy.mx.get(index).map(ToString::to_string))
        .collect();
    serde_json::json!({ "hosts": hosts, "unused_patterns": unused })
}

fn extensions(pairs: &[(String, String)]) -> serde_json::Value {
    let object: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .map(|(key, value)| (key.clone(), value.clone().into()))
        .collect();
    serde_json::Value::Object(object)
}

fn to_value(value: &impl Serialize) -> serde_json::Value {
    // Serialising these plain structs cannot fail: they hold only strings and numbers.
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// A whole domain check: the summary, every finding with its subject, and the readings.
///
/// ```json
/// {"domain": "example.com", "verdict": "fail",
///  "summary": {"code": "broken", "text": "MTA-STS is broken: ..."},
///  "findings": [{"subject": "mx1.example.com 192.0.2.1", "rule": "STS-CERT-005", ...}],
///  "sts_record": {...}, "tlsrpt_record": {...}, "policy": {...}, "mx": {...},
///  "hosts": [{"host": "mx1.example.com", "covered": true, "addresses": [...]}]}
/// ```
pub fn domain_check(check: &crate::DomainCheck) -> serde_json::Value {
    let findings: Vec<serde_json::Value> = check
        .findings
        .iter()
        .map(|finding| {
            let mut value = to_value(&WireDiagnostic::from(&finding.diagnostic));
            if let serde_json::Value::Object(object) = &mut value {
                object.insert("subject".into(), finding.subject.clone().into());
            }
            value
        })
        .collect();
    let policy_value = check
        .policy
        .as_ref()
        .and_then(|policy| policy.policy.as_ref());
    let hosts: Vec<serde_json::Value> = check
        .hosts
        .iter()
        .map(|host| {
            let addresses: Vec<serde_json::Value> = host
                .addresses
                .iter()
                .map(|address| {
                    serde_json::json!({
                        "address": address.address.map(|ip| ip.to_string()),
                        "starttls": address.starttls,
                        "tls_version": address.tls_version,
                        "verdict": address.verdict.as_str(),
                        "dane": address.dane.map(|outcome| match outcome {
                            crate::DaneOutcome::Matched { .. } => "matched",
                            crate::DaneOutcome::NotMatched => "not_matched",
                            crate::DaneOutcome::NoUsableRecords => "no_usable_records",
                        }),
                        "certificate": address.certificate.as_ref().map(|certificate| {
                            serde_json::json!({
                                "verdict": certificate.verdict().as_str(),
                                "matched_name": certificate.matched_name,
                                "not_after": certificate
                                    .path
                                    .first()
                                    .and_then(|&leaf| certificate.certificates.get(leaf))
                                    .map(|leaf| crate::format_rfc3339(leaf.not_after)),
                            })
                        }),
                    })
                })
                .collect();
            serde_json::json!({
                "host": host.host,
                "covered": host.covered,
                "addresses": addresses,
            })
        })
        .collect();

    serde_json::json!({
        "domain": check.domain,
        "verdict": check.verdict().as_str(),
        "summary": { "code": check.summary.code(), "text": check.summary.to_string() },
        "findings": findings,
        "sts_record": check.sts.record.as_ref().map(sts_record),
        "tlsrpt_record": check.tlsrpt.record.as_ref().map(tlsrpt_record),
        "policy": policy_value.map(policy),
        "mx": match (&check.mx, policy_value) {
            (Some(mx), Some(policy)) => mx_check(mx, policy),
            _ => serde_json::Value::Null,
        },
        "hosts": hosts,
    })
}

/// A domain check with every fact it judged and the instant it judged at: what the command
/// line prints per domain with `--json` and what the web app exports, so that the two can be
/// compared finding for finding.
///
/// ```json
/// {"domain": "example.com", "at": "2026-12-04T18:00:00Z", "verdict": "pass", ...,
///  "facts": {"version": 1, "sts_txt": {...}, "mx": {...}, "policy_fetch": {...}, ...}}
/// ```
pub fn domain_export(
    check: &crate::DomainCheck,
    facts: &crate::facts::DomainFacts,
    at: i64,
) -> serde_json::Value {
    let mut value = domain_check(check);
    if let serde_json::Value::Object(object) = &mut value {
        object.insert("at".into(), crate::format_rfc3339(at).into());
        object.insert(
            "facts".into(),
            serde_json::to_value(facts).unwrap_or(serde_json::Value::Null),
        );
    }
    value
}
