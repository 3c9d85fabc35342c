//! The JSON form of a chain's reading: every certificate, the path, its anchor, the matched name
//! and the policy's patterns. The core's `wire` module has no certificate shapes yet, so they
//! are built here; instants are RFC 3339 text.

use mta_sts_check::{AnchorSource, CertificateCheck, CertificateSummary, format_rfc3339};
use serde_json::{Map, Value, json};

/// Adds `certificates`, `path`, `anchor`, `matched_name` and `patterns` to `object`.
pub(super) fn insert(object: &mut Map<String, Value>, check: &CertificateCheck) {
    let certificates: Vec<Value> = check.certificates.iter().map(certificate).collect();
    object.insert("certificates".into(), certificates.into());
    object.insert("path".into(), check.path.clone().into());

    let anchor = check.anchor.as_ref().map_or(Value::Null, |anchor| {
        let source = match anchor.source {
            AnchorSource::Builtin => "builtin",
            AnchorSource::Supplied => "supplied",
        };
        json!({"subject": anchor.subject, "source": source})
    });
    object.insert("anchor".into(), anchor);
    object.insert("matched_name".into(), check.matched_name.clone().into());

    let patterns: Vec<Value> = check
        .patterns
        .iter()
        .map(|(pattern, covers)| json!({"pattern": pattern, "covers_host": covers}))
        .collect();
    object.insert("patterns".into(), patterns.into());
}

fn certificate(certificate: &CertificateSummary) -> Value {
    json!({
        "subject": certificate.subject,
        "issuer": certificate.issuer,
        "dns_names": certificate.dns_names,
        "ip_addresses": certificate.ip_addresses,
        "not_before": format_rfc3339(certificate.not_before),
        "not_after": format_rfc3339(certificate.not_after),
        "key": certificate.key,
        "signature_algorithm": certificate.signature_algorithm,
        "fingerprint_sha256": certificate.fingerprint_sha256,
        "position": certificate.position,
        "is_ca": certificate.is_ca,
        "self_issued": certificate.self_issued,
    })
}
