//! A test certificate authority: a root and an intermediate made at start, and leaf
//! certificates for any names and validity, served with their chain (leaf, intermediate).
//! The root goes to the judge as an extra trust anchor; it is never trusted anywhere else.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::Digest;
use time::{Duration, OffsetDateTime};

/// A root and an intermediate.
pub struct TestCa {
    root_pem: String,
    intermediate_params: CertificateParams,
    intermediate_key: KeyPair,
    intermediate_der: Vec<u8>,
    intermediate_pem: String,
}

/// A leaf certificate with its chain and key.
#[derive(Clone)]
pub struct Leaf {
    /// Leaf first, then the intermediate.
    pub chain: Vec<CertificateDer<'static>>,
    pub key_pkcs8: Vec<u8>,
    /// The key as PEM, for servers that read files.
    pub key_pem: String,
    /// The chain as PEM, leaf first.
    pub chain_pem: String,
    /// The SHA-256 of the leaf's public key (SubjectPublicKeyInfo), in hex: the data of a
    /// `TLSA 3 1 1` record for it.
    pub spki_sha256_hex: String,
}

/// Validity of a leaf, in days from now.
#[derive(Clone, Copy, Debug)]
pub struct Validity {
    pub from_days: i64,
    pub to_days: i64,
}

impl Validity {
    /// Valid from a month ago to three months ahead.
    pub const CURRENT: Self = Self {
        from_days: -30,
        to_days: 90,
    };
    /// Expired a week ago.
    pub const EXPIRED: Self = Self {
        from_days: -120,
        to_days: -7,
    };
}

fn days(offset: i64) -> OffsetDateTime {
    OffsetDateTime::now_utc() + Duration::days(offset)
}

impl TestCa {
    /// Makes a new root and intermediate; the names say they are for tests.
    pub fn new() -> Result<Self, rcgen::Error> {
        let root_key = KeyPair::generate()?;
        let root_params = authority_params("mta-sts-check lab root");
        let root = root_params.self_signed(&root_key)?;

        let intermediate_key = KeyPair::generate()?;
        let intermediate_params = authority_params("mta-sts-check lab intermediate");
        let intermediate = intermediate_params.signed_by(
            &intermediate_key,
            &Issuer::from_params(&root_params, &root_key),
        )?;

        Ok(Self {
            root_pem: root.pem(),
            intermediate_der: intermediate.der().to_vec(),
            intermediate_pem: intermediate.pem(),
            intermediate_params,
            intermediate_key,
        })
    }

    /// The root certificate as PEM, to be trusted by the judge as an extra anchor.
    pub fn root_pem(&self) -> &str {
        &self.root_pem
    }

    /// A leaf for `names`, valid as `validity` says, signed by the intermediate.
    pub fn leaf(&self, names: &[&str], validity: Validity) -> Result<Leaf, rcgen::Error> {
        let key = KeyPair::generate()?;
        let mut params =
            CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())?;
        params.distinguished_name.push(
            DnType::CommonName,
            names.first().copied().unwrap_or("lab leaf"),
        );
        params.not_before = days(validity.from_days);
        params.not_after = days(validity.to_days);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let issuer = Issuer::from_params(&self.intermediate_params, &self.intermediate_key);
        let leaf = params.signed_by(&key, &issuer)?;
        let chain_pem = format!("{}{}", leaf.pem(), self.intermediate_pem);
        let spki = sha2::Sha256::digest(rcgen::PublicKeyData::subject_public_key_info(&key));
        Ok(Leaf {
            spki_sha256_hex: spki.iter().map(|byte| format!("{byte:02x}")).collect(),
            key_pem: key.serialize_pem(),
            chain_pem,
            chain: vec![
                leaf.der().clone(),
                CertificateDer::from(self.intermediate_der.clone()),
            ],
            key_pkcs8: key.serialize_der(),
        })
    }
}

impl Leaf {
    /// A rustls server configuration presenting this chain, TLS 1.2 and 1.3.
    pub fn server_config(&self) -> Result<Arc<ServerConfig>, rustls::Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_pkcs8.clone()));
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(self.chain.clone(), key)?;
        Ok(Arc::new(config))
    }
}

fn authority_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = days(-365);
    params.not_after = days(3650);
    params
}
