//! Each certificate described for display: names, dates with the days left at the instant
//! judged, key, signature algorithm, fingerprint, and its place in the path.

use mta_sts_check::{CertificateCheck, format_rfc3339};

const DAY: i64 = 86_400;

/// One certificate, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Card {
    /// "Certificate 2": its number in the input.
    pub(crate) title: String,
    /// "server certificate, step 1 of the path" or "not part of the chain".
    pub(crate) role: String,
    pub(crate) in_path: bool,
    pub(crate) subject: String,
    pub(crate) issuer: String,
    pub(crate) dns_names: Vec<String>,
    pub(crate) ip_addresses: Vec<String>,
    pub(crate) not_before: String,
    pub(crate) not_after: String,
    /// "41 days left", "expired 3 days ago", "not valid for another 2 days".
    pub(crate) days: String,
    pub(crate) key: String,
    pub(crate) signature_algorithm: String,
    pub(crate) fingerprint: String,
}

/// A card for every certificate read, in input order.
pub(crate) fn cards(check: &CertificateCheck, at: i64) -> Vec<Card> {
    let last = check.path.len().saturating_sub(1);
    check
        .certificates
        .iter()
        .enumerate()
        .map(|(index, certificate)| {
            let role = match certificate.position {
                None => "not part of the chain".to_owned(),
                Some(0) => "server certificate, step 1 of the path".to_owned(),
                Some(p) if p == last && certificate.self_issued => {
                    format!("root, step {} of the path", p + 1)
                }
                Some(p) => format!("intermediate, step {} of the path", p + 1),
            };
            Card {
                title: format!("Certificate {}", index + 1),
                role,
                in_path: certificate.position.is_some(),
                subject: certificate.subject.clone(),
                issuer: certificate.issuer.clone(),
                dns_names: certificate.dns_names.clone(),
                ip_addresses: certificate.ip_addresses.clone(),
                not_before: format_rfc3339(certificate.not_before),
                not_after: format_rfc3339(certificate.not_after),
                days: days(at, certificate.not_before, certificate.not_after),
                key: certificate.key.clone(),
                signature_algorithm: certificate.signature_algorithm.clone(),
                fingerprint: certificate.fingerprint_sha256.clone(),
            }
        })
        .collect()
}

/// The validity at `at` in whole days, in words.
fn days(at: i64, not_before: i64, not_after: i64) -> String {
    let plural = |n: i64| if n == 1 { "day" } else { "days" };
    if at < not_before {
        let n = (not_before - at + DAY - 1) / DAY;
        format!("not valid for another {n} {}", plural(n))
    } else if at > not_after {
        let n = (at - not_after) / DAY;
        format!("expired {n} {} ago", plural(n))
    } else {
        let n = (not_after - at) / DAY;
        format!("{n} {} left", plural(n))
    }
}
