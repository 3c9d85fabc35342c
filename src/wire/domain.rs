//! The JSON shape of a domain check, as plain structs serialised straight to text: the web app
//! exports it, so it is built without `serde_json::Value`, whose machinery would otherwise be
//! compiled into the app for this one use.

use serde::Serialize;

use super::{MxJson, PolicyJson, StsRecordJson, TlsRptRecordJson, WireDiagnostic};
use crate::facts::DomainFacts;
use crate::{AddressCheck, DaneOutcome, DomainCheck, HostCheck};

#[derive(Serialize)]
pub(super) struct DomainJson<'a> {
    domain: &'a str,
    verdict: &'static str,
    summary: SummaryJson,
    findings: Vec<WireDiagnostic>,
    sts_record: Option<StsRecordJson<'a>>,
    tlsrpt_record: Option<TlsRptRecordJson<'a>>,
    policy: Option<PolicyJson<'a>>,
    mx: Option<MxJson<'a>>,
    hosts: Vec<HostJson<'a>>,
    /// The instant judged at, RFC 3339; only in the export with facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facts: Option<&'a DomainFacts>,
}

#[derive(Serialize)]
struct SummaryJson {
    code: &'static str,
    text: String,
}

#[derive(Serialize)]
struct HostJson<'a> {
    host: &'a str,
    covered: Option<bool>,
    addresses: Vec<AddressJson>,
}

#[derive(Serialize)]
struct AddressJson {
    address: Option<String>,
    starttls: bool,
    tls_version: Option<String>,
    verdict: &'static str,
    dane: Option<&'static str>,
    certificate: Option<CertificateJson>,
}

#[derive(Serialize)]
struct CertificateJson {
    verdict: &'static str,
    matched_name: Option<String>,
    not_after: Option<String>,
}

impl<'a> DomainJson<'a> {
    /// The check, with the facts and the instant (RFC 3339) when they are to be exported.
    pub(super) fn new(check: &'a DomainCheck, export: Option<(&'a DomainFacts, String)>) -> Self {
        let findings = check
            .findings
            .iter()
            .map(|finding| WireDiagnostic {
                subject: Some(finding.subject.clone()),
                ..WireDiagnostic::from(&finding.diagnostic)
            })
            .collect();
        let policy = check
            .policy
            .as_ref()
            .and_then(|policy| policy.policy.as_ref());
        let (facts, at) = match export {
            Some((facts, at)) => (Some(facts), Some(at)),
            None => (None, None),
        };
        Self {
            domain: &check.domain,
            verdict: check.verdict().as_str(),
            summary: SummaryJson {
                code: check.summary.code(),
                text: check.summary.to_string(),
            },
            findings,
            sts_record: check.sts.record.as_ref().map(StsRecordJson::from),
            tlsrpt_record: check.tlsrpt.record.as_ref().map(TlsRptRecordJson::from),
            policy: policy.map(PolicyJson::from),
            mx: check
                .mx
                .as_ref()
                .zip(policy)
                .map(|(mx, policy)| MxJson::new(mx, policy)),
            hosts: check.hosts.iter().map(HostJson::from).collect(),
            at,
            facts,
        }
    }
}

impl<'a> From<&'a HostCheck> for HostJson<'a> {
    fn from(host: &'a HostCheck) -> Self {
        Self {
            host: &host.host,
            covered: host.covered,
            addresses: host.addresses.iter().map(AddressJson::from).collect(),
        }
    }
}

impl From<&AddressCheck> for AddressJson {
    fn from(address: &AddressCheck) -> Self {
        Self {
            address: address.address.map(|ip| ip.to_string()),
            starttls: address.starttls,
            tls_version: address.tls_version.clone(),
            verdict: address.verdict.as_str(),
            dane: address.dane.map(|outcome| match outcome {
                DaneOutcome::Matched { .. } => "matched",
                DaneOutcome::NotMatched => "not_matched",
                DaneOutcome::NoUsableRecords => "no_usable_records",
            }),
            certificate: address
                .certificate
                .as_ref()
                .map(|certificate| CertificateJson {
                    verdict: certificate.verdict().as_str(),
                    matched_name: certificate.matched_name.clone(),
                    not_after: certificate
                        .path
                        .first()
                        .and_then(|&leaf| certificate.certificates.get(leaf))
                        .map(|leaf| crate::format_rfc3339(leaf.not_after)),
                }),
        }
    }
}
