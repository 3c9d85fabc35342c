//! One certificate decoded with `x509-cert` into the facts the checks need: names, validity,
//! key, signature, and the extensions that constrain its use (RFC 5280 §4.1, §4.2).
//!
//! The signed bytes (`tbsCertificate`) are kept exactly as they came, so that signatures are
//! verified over what the issuer signed, never over a re-encoding.

use std::ops::Range;

use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, NameConstraints, SubjectAltName,
};

use super::algorithm::{KeyKind, SignatureAlgorithm};
use super::dn;

/// `id-kp-serverAuth` (RFC 5280 §4.2.1.12): the key may be used by TLS servers.
const ID_KP_SERVER_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1");
/// `anyExtendedKeyUsage` (RFC 5280 §4.2.1.12): the key may be used for any purpose.
const ANY_EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37.0");

/// A certificate and the facts read from it.
#[derive(Clone, Debug)]
pub(crate) struct Parsed {
    /// Where the certificate is in the input.
    pub(crate) range: Range<usize>,
    /// The `tbsCertificate` bytes, as signed.
    pub(crate) signed: Vec<u8>,
    pub(crate) signature: Vec<u8>,
    pub(crate) signature_algorithm: SignatureAlgorithm,
    pub(crate) subject_der: Vec<u8>,
    pub(crate) issuer_der: Vec<u8>,
    pub(crate) subject: String,
    pub(crate) issuer: String,
    pub(crate) spki_der: Vec<u8>,
    pub(crate) key: KeyKind,
    /// Seconds since the Unix epoch.
    pub(crate) not_before: i64,
    pub(crate) not_after: i64,
    pub(crate) has_san_extension: bool,
    pub(crate) dns_names: Vec<String>,
    pub(crate) ip_addresses: Vec<String>,
    pub(crate) common_names: Vec<String>,
    /// `(cA, pathLenConstraint)` when the extension is present.
    pub(crate) basic_constraints: Option<(bool, Option<u8>)>,
    pub(crate) key_usage: Option<KeyUsageBits>,
    /// Whether the extended key usage allows TLS servers, when the extension is present.
    pub(crate) server_auth: Option<bool>,
    pub(crate) name_constraints: Option<DnsConstraints>,
    /// The SHA-256 fingerprint, as colon-separated upper-case hex.
    pub(crate) fingerprint: String,
}

/// The key usage bits the checks care about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyUsageBits {
    pub(crate) digital_signature: bool,
    pub(crate) key_encipherment: bool,
    pub(crate) key_cert_sign: bool,
}

/// The DNS name subtrees of a name constraints extension.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DnsConstraints {
    pub(crate) permitted: Vec<String>,
    pub(crate) excluded: Vec<String>,
}

/// Why bytes are not a certificate this checker can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) detail: String,
}

impl Parsed {
    /// Whether the certificate names itself as its issuer.
    pub(crate) fn is_self_issued(&self) -> bool {
        self.subject_der == self.issuer_der
    }

    /// Whether basic constraints mark the certificate as a CA.
    pub(crate) fn is_ca(&self) -> bool {
        self.basic_constraints.is_some_and(|(ca, _)| ca)
    }
}

/// Decodes one DER certificate found at `range` of the input.
pub(crate) fn parse(der: &[u8], range: Range<usize>) -> Result<Parsed, ParseError> {
    let certificate = Certificate::from_der(der).map_err(|error| ParseError {
        detail: format!("not a valid X.509 certificate ({error})"),
    })?;
    let signed = first_element(der)
        .ok_or_else(|| ParseError {
            detail: "the certificate has no signed part".into(),
        })?
        .to_vec();
    let tbs = certificate.tbs_certificate();

    let encode = |value: &dyn EncodeToVec| value.encode_to_vec();
    let subject_der = encode(tbs.subject())?;
    let issuer_der = encode(tbs.issuer())?;
    let spki_der = encode(tbs.subject_public_key_info())?;

    let (has_san_extension, dns_names, ip_addresses) = match tbs.get_extension::<SubjectAltName>() {
        Ok(Some((_, san))) => {
            let (dns, ips) = split_general_names(&san.0);
            (true, dns, ips)
        }
        Ok(None) => (false, Vec::new(), Vec::new()),
        Err(error) => return Err(extension_error("subject alternative name", &error)),
    };
    let basic_constraints = tbs
        .get_extension::<BasicConstraints>()
        .map_err(|e| extension_error("basic constraints", &e))?
        .map(|(_, bc)| (bc.ca, bc.path_len_constraint));
    let key_usage = tbs
        .get_extension::<KeyUsage>()
        .map_err(|e| extension_error("key usage", &e))?
        .map(|(_, ku)| KeyUsageBits {
            digital_signature: ku.digital_signature(),
            key_encipherment: ku.key_encipherment(),
            key_cert_sign: ku.key_cert_sign(),
        });
    let server_auth = tbs
        .get_extension::<ExtendedKeyUsage>()
        .map_err(|e| extension_error("extended key usage", &e))?
        .map(|(_, eku)| {
            eku.0
                .iter()
                .any(|oid| *oid == ID_KP_SERVER_AUTH || *oid == ANY_EXTENDED_KEY_USAGE)
        });
    let name_constraints = tbs
        .get_extension::<NameConstraints>()
        .map_err(|e| extension_error("name constraints", &e))?
        .map(|(_, nc)| dns_constraints(&nc));

    Ok(Parsed {
        range,
        signed,
        signature: certificate.signature().raw_bytes().to_vec(),
        signature_algorithm: SignatureAlgorithm::from_oid(certificate.signature_algorithm().oid),
        subject: dn::to_text(tbs.subject()),
        issuer: dn::to_text(tbs.issuer()),
        subject_der,
        issuer_der,
        key: KeyKind::from_spki(&spki_der),
        spki_der,
        not_before: unix_seconds(tbs.validity().not_before.to_unix_duration()),
        not_after: unix_seconds(tbs.validity().not_after.to_unix_duration()),
        has_san_extension,
        dns_names,
        ip_addresses,
        common_names: common_names(tbs.subject()),
        basic_constraints,
        key_usage,
        server_auth,
        name_constraints,
        fingerprint: fingerprint(der),
    })
}

/// Encoding to DER, so that names and keys can be compared byte for byte.
trait EncodeToVec {
    fn encode_to_vec(&self) -> Result<Vec<u8>, ParseError>;
}

impl<T: Encode> EncodeToVec for T {
    fn encode_to_vec(&self) -> Result<Vec<u8>, ParseError> {
        self.to_der().map_err(|error| ParseError {
            detail: format!("cannot encode ({error})"),
        })
    }
}

fn extension_error(what: &str, error: &der::Error) -> ParseError {
    ParseError {
        detail: format!("the {what} extension is malformed ({error})"),
    }
}

fn unix_seconds(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// The bytes of the first element inside the outer SEQUENCE (the `tbsCertificate`).
fn first_element(der: &[u8]) -> Option<&[u8]> {
    let (header, _) = tlv_lengths(der)?;
    let inner = der.get(header..)?;
    let (inner_header, inner_len) = tlv_lengths(inner)?;
    inner.get(..inner_header + inner_len)
}

/// The header length and content length of the DER element at the start of `bytes`.
pub(crate) fn tlv_lengths(bytes: &[u8]) -> Option<(usize, usize)> {
    let first = *bytes.get(1)?;
    if first < 0x80 {
        return Some((2, usize::from(first)));
    }
    let count = usize::from(first & 0x7F);
    if count == 0 || count > 4 {
        return None;
    }
    let length = bytes
        .get(2..2 + count)?
        .iter()
        .fold(0usize, |n, &b| (n << 8) | usize::from(b));
    Some((2 + count, length))
}

/// DNS names and IP addresses among general names.
fn split_general_names(names: &[GeneralName]) -> (Vec<String>, Vec<String>) {
    let mut dns = Vec::new();
    let mut ips = Vec::new();
    for name in names {
        match name {
            GeneralName::DnsName(value) => dns.push(value.to_string()),
            GeneralName::IpAddress(octets) => ips.push(show_ip(octets.as_bytes())),
            _ => {}
        }
    }
    (dns, ips)
}

fn show_ip(octets: &[u8]) -> String {
    match octets.len() {
        4 => std::net::Ipv4Addr::new(octets[0], octets[1], octets[2], octets[3]).to_string(),
        16 => {
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(octets);
            std::net::Ipv6Addr::from(bytes).to_string()
        }
        _ => octets.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

fn common_names(name: &x509_cert::name::Name) -> Vec<String> {
    const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
    name.iter()
        .filter(|attribute| attribute.oid == COMMON_NAME)
        .map(|attribute| {
            x509_cert::ext::pkix::name::DirectoryString::from_der(
                &attribute.value.to_der().unwrap_or_default(),
            )
            .map_or_else(|_| "?".to_owned(), |value| value.value().into_owned())
        })
        .collect()
}

/// The DNS name subtrees of a name constraints extension; other name forms are left out.
pub(crate) fn dns_constraints(constraints: &NameConstraints) -> DnsConstraints {
    let dns = |subtrees: &Option<Vec<x509_cert::ext::pkix::constraints::name::GeneralSubtree>>| {
        subtrees
            .iter()
            .flatten()
            .filter_map(|subtree| match &subtree.base {
                GeneralName::DnsName(value) => Some(value.to_string()),
                _ => None,
            })
            .collect()
    };
    DnsConstraints {
        permitted: dns(&constraints.permitted_subtrees),
        excluded: dns(&constraints.excluded_subtrees),
    }
}

/// The SHA-256 fingerprint as `AB:CD:...`.
pub(crate) fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}
