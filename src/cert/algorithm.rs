//! Signature algorithms and public keys: naming them, judging their strength, and verifying a
//! signature, RSA with the verifier in `rsa.rs` and ECDSA with RustCrypto's `p256` and `p384`.
//!
//! Verified: RSASSA-PKCS1-v1_5 with SHA-1, SHA-256, SHA-384 and SHA-512; ECDSA on P-256 and P-384
//! with SHA-256 and SHA-384. Other algorithms are named and reported as not verifiable.

use const_oid::ObjectIdentifier;
use der::Decode;
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::DecodePublicKey;

use super::rsa;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// The hash a signature algorithm uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

/// How a certificate is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SignatureAlgorithm {
    RsaPkcs1(Hash),
    RsaPss,
    Ecdsa(Hash),
    Ed25519,
    Other(String),
}

impl SignatureAlgorithm {
    pub(crate) fn from_oid(oid: ObjectIdentifier) -> Self {
        match oid.to_string().as_str() {
            "1.2.840.113549.1.1.4" => Self::RsaPkcs1(Hash::Md5),
            "1.2.840.113549.1.1.5" => Self::RsaPkcs1(Hash::Sha1),
            "1.2.840.113549.1.1.11" => Self::RsaPkcs1(Hash::Sha256),
            "1.2.840.113549.1.1.12" => Self::RsaPkcs1(Hash::Sha384),
            "1.2.840.113549.1.1.13" => Self::RsaPkcs1(Hash::Sha512),
            "1.2.840.113549.1.1.10" => Self::RsaPss,
            "1.2.840.10045.4.1" => Self::Ecdsa(Hash::Sha1),
            "1.2.840.10045.4.3.2" => Self::Ecdsa(Hash::Sha256),
            "1.2.840.10045.4.3.3" => Self::Ecdsa(Hash::Sha384),
            "1.2.840.10045.4.3.4" => Self::Ecdsa(Hash::Sha512),
            "1.3.101.112" => Self::Ed25519,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The name people use, such as `sha256WithRSAEncryption`.
    pub(crate) fn name(&self) -> String {
        match self {
            Self::RsaPkcs1(hash) => format!("{}WithRSAEncryption", hash_name(*hash)),
            Self::RsaPss => "RSASSA-PSS".to_owned(),
            // ASCII upper case: the names are ASCII, and `to_uppercase` would bring Unicode's
            // case tables (about 7 KB gzipped) into the web app.
            Self::Ecdsa(hash) => format!("ecdsa-with-{}", hash_name(*hash).to_ascii_uppercase()),
            Self::Ed25519 => "Ed25519".to_owned(),
            Self::Other(oid) => format!("unknown algorithm {oid}"),
        }
    }

    /// The weak hash this algorithm uses, if any.
    pub(crate) fn weak_hash(&self) -> Option<&'static str> {
        match self {
            Self::RsaPkcs1(Hash::Md5) => Some("MD5"),
            Self::RsaPkcs1(Hash::Sha1) | Self::Ecdsa(Hash::Sha1) => Some("SHA-1"),
            _ => None,
        }
    }
}

fn hash_name(hash: Hash) -> &'static str {
    match hash {
        Hash::Md5 => "md5",
        Hash::Sha1 => "sha1",
        Hash::Sha256 => "sha256",
        Hash::Sha384 => "sha384",
        Hash::Sha512 => "sha512",
    }
}

/// A subject public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Rsa { bits: usize },
    Ec { curve: &'static str },
    Ed25519,
    Other(String),
}

impl KeyKind {
    /// Reads the key type (and RSA modulus size) from DER `SubjectPublicKeyInfo`.
    pub(crate) fn from_spki(spki_der: &[u8]) -> Self {
        let Ok(spki) = spki::SubjectPublicKeyInfoRef::from_der(spki_der) else {
            return Self::Other("unreadable key".to_owned());
        };
        let oid = spki.algorithm.oid;
        if oid == RSA_ENCRYPTION {
            // A key that cannot be read counts as 0 bits: reported as weak, never verified.
            let bits = rsa::RsaPublicKeyDer::from_der(spki.subject_public_key.raw_bytes())
                .map_or(0, |key| key.modulus_bits());
            return Self::Rsa { bits };
        }
        if oid == EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .and_then(|any| any.decode_as::<ObjectIdentifier>().ok())
                .map_or("unknown curve", |curve| match curve {
                    c if c == P256 => "P-256",
                    c if c == P384 => "P-384",
                    c if c == P521 => "P-521",
                    _ => "unknown curve",
                });
            return Self::Ec { curve };
        }
        if oid == ED25519 {
            return Self::Ed25519;
        }
        Self::Other(oid.to_string())
    }

    /// How people describe the key, such as `RSA 2048 bits`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Rsa { bits } => format!("RSA {bits} bits"),
            Self::Ec { curve } => format!("ECDSA {curve}"),
            Self::Ed25519 => "Ed25519".to_owned(),
            Self::Other(oid) => format!("unknown key type {oid}"),
        }
    }
}

/// The outcome of checking a signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verification {
    Valid,
    Invalid,
    /// The algorithm or key is one this checker cannot verify.
    Unsupported(String),
}

/// Verifies `signature` over `message` with the key in `spki_der`.
pub(crate) fn verify(
    algorithm: &SignatureAlgorithm,
    spki_der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Verification {
    let outcome = match algorithm {
        SignatureAlgorithm::RsaPkcs1(hash) => verify_rsa(*hash, spki_der, message, signature),
        SignatureAlgorithm::Ecdsa(hash) => verify_ecdsa(*hash, spki_der, message, signature),
        other => return Verification::Unsupported(other.name()),
    };
    match outcome {
        Some(true) => Verification::Valid,
        Some(false) => Verification::Invalid,
        None => Verification::Unsupported(format!(
            "{} with a {} key",
            algorithm.name(),
            KeyKind::from_spki(spki_der).describe()
        )),
    }
}

/// `None` when the key or the hash cannot be used; otherwise whether the signature verifies.
fn verify_rsa(hash: Hash, spki_der: &[u8], message: &[u8], signature: &[u8]) -> Option<bool> {
    let key = rsa::PublicKey::from_spki(spki_der).ok()?;
    // Longer than any key this checker takes could sign: reported as not verifiable rather
    // than as a bad signature, as the judge always has.
    if signature.len() > rsa::MAX_SIGNATURE_BYTES {
        return None;
    }
    let digest_info = rsa::DigestInfo::new(hash, message)?;
    Some(key.verify(&digest_info, signature).is_ok())
}

fn verify_ecdsa(hash: Hash, spki_der: &[u8], message: &[u8], signature: &[u8]) -> Option<bool> {
    let digest = match hash {
        Hash::Sha256 => Sha256::digest(message).to_vec(),
        Hash::Sha384 => Sha384::digest(message).to_vec(),
        Hash::Sha512 => Sha512::digest(message).to_vec(),
        Hash::Sha1 => sha1::Sha1::digest(message).to_vec(),
        Hash::Md5 => return None,
    };
    match KeyKind::from_spki(spki_der) {
        KeyKind::Ec { curve: "P-256" } => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(spki_der).ok()?;
            let signature = p256::ecdsa::DerSignature::from_bytes(signature).ok()?;
            Some(key.verify_prehash(&digest, &signature).is_ok())
        }
        KeyKind::Ec { curve: "P-384" } => {
            let key = p384::ecdsa::VerifyingKey::from_public_key_der(spki_der).ok()?;
            let signature = p384::ecdsa::DerSignature::from_bytes(signature).ok()?;
            Some(key.verify_prehash(&digest, &signature).is_ok())
        }
        _ => None,
    }
}
