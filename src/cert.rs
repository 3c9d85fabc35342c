//! The certificate judge: is a chain one that MTA-STS senders accept for a host, at an instant?
//! (RFC 8461 §4.2 for MX hosts, §3.3 for the policy host.)
//!
//! Input is a PEM bundle in any order (or one DER certificate), the host name, the instant and
//! the trust anchors. The judge builds a path with its own path builder over `x509-cert`, with
//! every signature checked (RSA by `rsa.rs`, ECDSA by RustCrypto's `p256` and `p384`), and
//! reports precisely where a chain breaks.

mod algorithm;
mod anchors;
pub(crate) mod decode;
mod dn;
mod hostname;
mod judge;
pub(crate) mod parsed;
mod path;
mod rsa;

pub use anchors::AnchorSource;
pub use decode::{MAX_CERTIFICATE_INPUT_BYTES, MAX_CERTIFICATES, to_pem};
pub use judge::check_certificates;

use crate::diagnostic::{Diagnostic, Verdict};
use crate::policy::PolicyCheck;

/// What to judge a chain against.
#[derive(Clone, Debug)]
pub struct CertificateOptions<'a> {
    /// The host the certificate must be valid for: an MX host or `mta-sts.<domain>`.
    pub host: &'a str,
    /// The instant to judge at, in seconds since the Unix epoch.
    pub at: i64,
    /// Extra trusted roots as PEM text (a private lab's CA); empty for none.
    pub extra_roots: &'a [u8],
    /// Whether Mozilla's root set is trusted.
    pub builtin_roots: bool,
    /// Warn when the certificate expires within this many days.
    pub warn_days: u32,
    /// Inform when the certificate expires within this many days.
    pub info_days: u32,
    /// A policy whose `mx` patterns the host should match.
    pub policy: Option<&'a PolicyCheck>,
}

impl<'a> CertificateOptions<'a> {
    /// Options with the built-in roots and the default thresholds (14 and 30 days).
    pub const fn new(host: &'a str, at: i64) -> Self {
        Self {
            host,
            at,
            extra_roots: &[],
            builtin_roots: true,
            warn_days: 14,
            info_days: 30,
            policy: None,
        }
    }
}

/// One certificate, described for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateSummary {
    pub subject: String,
    pub issuer: String,
    pub dns_names: Vec<String>,
    pub ip_addresses: Vec<String>,
    /// Seconds since the epoch.
    pub not_before: i64,
    pub not_after: i64,
    /// Such as `RSA 2048 bits` or `ECDSA P-256`.
    pub key: String,
    /// Such as `sha256WithRSAEncryption`.
    pub signature_algorithm: String,
    /// SHA-256 of the DER, as colon-separated hex.
    pub fingerprint_sha256: String,
    /// The position in the path, from 0 for the leaf, or `None` when not part of it.
    pub position: Option<usize>,
    pub is_ca: bool,
    pub self_issued: bool,
    /// Where the certificate is in the input.
    pub start: usize,
    pub end: usize,
}

/// The anchor a path ends at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnchorSummary {
    pub subject: String,
    pub source: AnchorSource,
}

/// How the path from the leaf ends.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChainEnd {
    /// No certificate could be read.
    NoCertificate,
    /// At a trust anchor: the chain is trusted.
    Trusted,
    /// At a self-signed certificate that is not trusted (the leaf itself when the path has one
    /// certificate).
    UntrustedRoot,
    /// The issuer of the last certificate, named here, was not supplied and is not a root.
    MissingIssuer { issuer: String },
    /// A certificate with the issuer's name exists, but its key does not verify the signature.
    BadSignature { issuer: String },
    /// The signature could not be checked: the algorithm or key is not supported.
    Unverifiable { detail: String },
    /// No path within the length or work limits.
    TooLong,
}

/// What a sender makes of a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateCheck {
    /// Every certificate read, in input order.
    pub certificates: Vec<CertificateSummary>,
    /// Indexes into `certificates`, leaf first, as far as the path could be built.
    pub path: Vec<usize>,
    /// The trust anchor the path ends at, if it reaches one.
    pub anchor: Option<AnchorSummary>,
    /// How the path ends.
    pub chain_end: ChainEnd,
    /// The DNS-ID that covers the host, if any.
    pub matched_name: Option<String>,
    /// For each `mx` pattern of the given policy: whether it covers the host.
    pub patterns: Vec<(String, bool)>,
    /// Every finding.
    pub diagnostics: Vec<Diagnostic>,
}

impl CertificateCheck {
    /// The verdict over all findings.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.diagnostics)
    }
}
