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

mod domain;
mod reports;

use serde::Serialize;

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
    /// What a domain check's finding is about (a record, the policy URL, an MX address); left
    /// out elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
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
            subject: None,
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
    to_value(&PolicyJson::from(policy))
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
    to_value(&StsRecordJson::from(record))
}

/// A TLS-RPT record.
pub fn tlsrpt_record(record: &TlsRptRecord) -> serde_json::Value {
    to_value(&TlsRptRecordJson::from(record))
}

/// Each MX host with the patterns that cover it.
pub fn mx_check(check: &MxCheck, policy: &Policy) -> serde_json::Value {
    to_value(&MxJson::new(check, policy))
}

/// `{"mode": "enforce", "max_age": 604800, "mx": [...], "extensions": {...}}`.
#[derive(Serialize)]
struct PolicyJson<'a> {
    mode: &'static str,
    max_age: u32,
    mx: Vec<String>,
    extensions: Extensions<'a>,
}

impl<'a> From<&'a Policy> for PolicyJson<'a> {
    fn from(policy: &'a Policy) -> Self {
        Self {
            mode: policy.mode.as_str(),
            max_age: policy.max_age,
            mx: policy.mx.iter().map(ToString::to_string).collect(),
            extensions: Extensions(&policy.extensions),
        }
    }
}

/// `{"id": "...", "extensions": {...}}`.
#[derive(Serialize)]
struct StsRecordJson<'a> {
    id: &'a str,
    extensions: Extensions<'a>,
}

impl<'a> From<&'a StsRecord> for StsRecordJson<'a> {
    fn from(record: &'a StsRecord) -> Self {
        Self {
            id: &record.id,
            extensions: Extensions(&record.extensions),
        }
    }
}

/// `{"destinations": [{"scheme": "mailto", "uri": "..."}], "extensions": {...}}`.
#[derive(Serialize)]
struct TlsRptRecordJson<'a> {
    destinations: Vec<DestinationJson>,
    extensions: Extensions<'a>,
}

#[derive(Serialize)]
struct DestinationJson {
    scheme: &'static str,
    uri: String,
}

impl<'a> From<&'a TlsRptRecord> for TlsRptRecordJson<'a> {
    fn from(record: &'a TlsRptRecord) -> Self {
        let destinations = record
            .destinations
            .iter()
            .map(|destination| DestinationJson {
                scheme: match destination {
                    ReportDestination::Mailto(_) => "mailto",
                    ReportDestination::Https(_) => "https",
                },
                uri: destination.to_string(),
            })
            .collect();
        Self {
            destinations,
            extensions: Extensions(&record.extensions),
        }
    }
}

/// `{"hosts": [{"host", "name", "covered", "patterns"}], "unused_patterns": [...]}`.
#[derive(Serialize)]
struct MxJson<'a> {
    hosts: Vec<MxHostJson<'a>>,
    unused_patterns: Vec<String>,
}

#[derive(Serialize)]
struct MxHostJson<'a> {
    host: &'a str,
    name: &'a str,
    covered: bool,
    patterns: Vec<String>,
}

impl<'a> MxJson<'a> {
    fn new(check: &'a MxCheck, policy: &Policy) -> Self {
        let names = |indexes: &[usize]| -> Vec<String> {
            indexes
                .iter()
                .filter_map(|&index| policy.mx.get(index).map(ToString::to_string))
                .collect()
        };
        Self {
            hosts: check
                .hosts
                .iter()
                .map(|host| {
                    let patterns = names(&host.patterns);
                    MxHostJson {
                        host: &host.host,
                        name: &host.name,
                        covered: !patterns.is_empty(),
                        patterns,
                    }
                })
                .collect(),
            unused_patterns: names(&check.unused_patterns),
        }
    }
}

/// Extension fields as a JSON object, in record order; a key given twice keeps its last value,
/// as a JSON reader would.
struct Extensions<'a>(&'a [(String, String)]);

impl Serialize for Extensions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = serializer.serialize_map(None)?;
        for (index, (key, value)) in self.0.iter().enumerate() {
            let repeated_later = self.0[index + 1..].iter().any(|(later, _)| later == key);
            if !repeated_later {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
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
    to_value(&domain::DomainJson::new(check, None))
}

/// A domain check with every fact it judged and the instant it judged at, as one line of JSON:
/// what the command line prints per domain with `--json` and what the web app exports, so that
/// the two can be compared finding for finding.
///
/// ```json
/// {"domain": "example.com", ..., "at": "2026-12-04T18:00:00Z",
///  "facts": {"version": 1, "sts_txt": {...}, "mx": {...}, "policy_fetch": {...}, ...}}
/// ```
pub fn domain_export(
    check: &crate::DomainCheck,
    facts: &crate::facts::DomainFacts,
    at: i64,
) -> String {
    let json = domain::DomainJson::new(check, Some((facts, crate::format_rfc3339(at))));
    // Serialising plain structs of strings and numbers into a string cannot fail.
    serde_json::to_string(&json).unwrap_or_default()
}

/// TLS-RPT reports read and added up, as one line of JSON: the verdict and findings, each
/// input's name and what it held, each report's figures, the summary and the totals.
///
/// ```json
/// {"diagnostics": [...], "files": [{"input": 0, "container": "gzip", "reports": 1, ...}],
///  "inputs": ["google.json.gz"], "reports": [{"organization": "Google Inc.", ...}],
///  "summary": [{"organization": ..., "domain": ..., "by_result_type": {...}, ...}],
///  "totals": {"reports": 1, "successful": 5326, "failed": 306, ...}, "verdict": "warn"}
/// ```
pub fn reports_export(
    check: &crate::ReportsCheck,
    diagnostics: &[Diagnostic],
    inputs: &[&str],
) -> String {
    let json = reports::ReportsJson::new(check, diagnostics, inputs);
    // Room for the usual size of a finding and of a report's figures up front, so that the
    // text of a large set is not copied again each time it outgrows its buffer.
    let expected = 512 * diagnostics.len() + 320 * check.reports.len() + 4096;
    let mut text = Vec::with_capacity(expected);
    // Serialising plain structs of strings and numbers cannot fail, and gives UTF-8.
    if serde_json::to_writer(&mut text, &json).is_err() {
        return String::new();
    }
    String::from_utf8(text).unwrap_or_default()
}
