//! TLS for the probe and the fetch: a handshake that accepts whatever chain the server presents,
//! because the proxy gathers facts and the core judges the chain, and that still checks the
//! server's handshake signature, so the chain reported is one the server holds the key for.

use std::io;
use std::sync::{Arc, OnceLock};

use base64ct::{Base64, Encoding};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{AlertDescription, ClientConfig, DigitallySignedStruct, Error, PeerIncompatible};
use rustls::{ProtocolVersion, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use mta_sts_check::facts::TlsFacts;

/// Why a handshake failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HandshakeFailure {
    /// The server speaks only TLS 1.1 or older: it said so with a `protocol_version` alert, or
    /// chose such a version in its hello.
    pub(crate) version_too_old: bool,
    /// What happened, for people.
    pub(crate) detail: String,
}

/// Which application protocol the connection is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// SMTP after STARTTLS: no ALPN.
    Smtp,
    /// HTTPS for the policy: ALPN `http/1.1`.
    Https,
}

/// Runs the TLS handshake on `stream` with SNI `server_name` and describes the result.
pub(crate) async fn handshake<S>(
    stream: S,
    server_name: &str,
    purpose: Purpose,
) -> Result<(TlsStream<S>, TlsFacts), HandshakeFailure>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let name = ServerName::try_from(server_name.to_owned()).map_err(|_| HandshakeFailure {
        version_too_old: false,
        detail: format!("{server_name} cannot be sent as a TLS server name"),
    })?;
    let connector = TlsConnector::from(client_config(purpose));
    let tls = connector.connect(name, stream).await.map_err(describe)?;

    let (_, connection) = tls.get_ref();
    let facts = TlsFacts {
        server_name: server_name.to_owned(),
        version: connection
            .protocol_version()
            .map(version_name)
            .unwrap_or_default(),
        cipher_suite: connection
            .negotiated_cipher_suite()
            .and_then(|suite| suite.suite().as_str())
            .unwrap_or_default()
            .to_owned(),
        chain_pem: connection
            .peer_certificates()
            .map(chain_to_pem)
            .unwrap_or_default(),
    };
    Ok((tls, facts))
}

/// The certificates as PEM blocks, in the order given.
pub fn chain_to_pem(chain: &[CertificateDer<'_>]) -> String {
    let mut pem = String::new();
    for certificate in chain {
        pem.push_str("-----BEGIN CERTIFICATE-----\n");
        let encoded = Base64::encode_string(certificate.as_ref());
        for line in encoded.as_bytes().chunks(64) {
            pem.push_str(&String::from_utf8_lossy(line));
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
    }
    pem
}

fn version_name(version: ProtocolVersion) -> String {
    match version {
        ProtocolVersion::TLSv1_3 => "TLSv1.3".to_owned(),
        ProtocolVersion::TLSv1_2 => "TLSv1.2".to_owned(),
        other => format!("{other:?}"),
    }
}

fn describe(error: io::Error) -> HandshakeFailure {
    let Some(tls_error) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Error>())
    else {
        return HandshakeFailure {
            version_too_old: false,
            detail: match error.kind() {
                io::ErrorKind::UnexpectedEof => "the server closed the connection".to_owned(),
                io::ErrorKind::ConnectionReset => "the server reset the connection".to_owned(),
                _ => "the connection failed during the handshake".to_owned(),
            },
        };
    };

    let version_too_old = matches!(
        tls_error,
        Error::AlertReceived(AlertDescription::ProtocolVersion)
            | Error::PeerIncompatible(PeerIncompatible::ServerDoesNotSupportTls12Or13)
    );
    let detail = if version_too_old {
        "the server offers neither TLS 1.2 nor TLS 1.3".to_owned()
    } else {
        format!("the handshake failed: {tls_error}")
    };
    HandshakeFailure {
        version_too_old,
        detail,
    }
}

fn client_config(purpose: Purpose) -> Arc<ClientConfig> {
    static SMTP: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    static HTTPS: OnceLock<Arc<ClientConfig>> = OnceLock::new();

    let (cell, alpn) = match purpose {
        Purpose::Smtp => (&SMTP, Vec::new()),
        Purpose::Https => (&HTTPS, vec![b"http/1.1".to_vec()]),
    };
    cell.get_or_init(|| {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .unwrap_or_else(|_| unreachable!("ring supports TLS 1.2 and 1.3"))
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyChain { provider }))
            .with_no_client_auth();
        config.alpn_protocols = alpn;
        Arc::new(config)
    })
    .clone()
}

/// Accepts any chain (the core judges it later) but verifies handshake signatures.
#[derive(Debug)]
struct AnyChain {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AnyChain {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        verify_tls12_signature(message, certificate, signature, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        verify_tls13_signature(message, certificate, signature, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
