//! DANE for SMTP (RFC 7672): whether the TLSA records of an MX host match the chain it
//! presented. DANE-EE(3) records must match the leaf, DANE-TA(2) records a certificate the
//! server sent above it; PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (§3.1.3). Selector 0
//! hashes the whole certificate, 1 its public key; matching type 0 compares exactly, 1 with
//! SHA-256, 2 with SHA-512.
//!
//! FIXME: a DANE-TA(2) match is not followed by path validation from the leaf to that trust
//! anchor and the name checks of RFC 7672 §3.2.2; only the presence of the anchor is checked.

use sha2::{Digest, Sha256, Sha512};

use crate::cert::decode::decode;
use crate::cert::parsed::parse;
use crate::facts::DnsRecord;

/// What the TLSA records say about a chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaneOutcome {
    /// A usable record matches; `record` is its index among the TLSA records.
    Matched { record: usize },
    /// There are usable records, and none matches.
    NotMatched,
    /// No record is usable for SMTP (none, or only PKIX usages or unknown parameters).
    NoUsableRecords,
}

/// Whether a record's usage is one SMTP may use (DANE-TA or DANE-EE).
pub(crate) const fn usable_usage(usage: u8) -> bool {
    matches!(usage, 2 | 3)
}

/// Matches `records` (TLSA records as facts) against the chain in `chain_pem`, leaf first.
pub fn match_tlsa(records: &[DnsRecord], chain_pem: &[u8]) -> DaneOutcome {
    let (encoded, _) = decode(chain_pem);
    let certificates: Vec<(Vec<u8>, Option<Vec<u8>>)> = encoded
        .iter()
        .map(|block| {
            let spki = parse(&block.der, block.range.clone())
                .ok()
                .map(|cert| cert.spki_der);
            (block.der.clone(), spki)
        })
        .collect();

    let mut usable = false;
    for (index, record) in records.iter().enumerate() {
        let DnsRecord::Tlsa {
            usage,
            selector,
            matching_type,
            data_hex,
        } = record
        else {
            continue;
        };
        let Some(data) = from_hex(data_hex) else {
            continue;
        };
        if !usable_usage(*usage) || *selector > 1 || *matching_type > 2 {
            continue;
        }
        usable = true;

        let candidates = match usage {
            3 => certificates.get(..1).unwrap_or_default(),
            _ => certificates.get(1..).unwrap_or_default(),
        };
        let matched = candidates.iter().any(|(der, spki)| {
            let selected = match selector {
                0 => Some(der.as_slice()),
                _ => spki.as_deref(),
            };
            selected.is_some_and(|bytes| digest(*matching_type, bytes) == data)
        });
        if matched {
            return DaneOutcome::Matched { record: index };
        }
    }
    if usable {
        DaneOutcome::NotMatched
    } else {
        DaneOutcome::NoUsableRecords
    }
}

fn digest(matching_type: u8, bytes: &[u8]) -> Vec<u8> {
    match matching_type {
        1 => Sha256::digest(bytes).to_vec(),
        2 => Sha512::digest(bytes).to_vec(),
        _ => bytes.to_vec(),
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok())
        .collect()
}
