//! What a TLS handshake showed: the negotiated version and cipher suite, and the certificate
//! chain the server presented, kept whatever its validity so that the judge can say what is
//! wrong with it.

use serde::{Deserialize, Serialize};

/// The outcome of a completed TLS handshake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsFacts {
    /// The name sent as SNI.
    pub server_name: String,
    /// The negotiated protocol version as IANA names it, such as `TLSv1.3`.
    pub version: String,
    /// The negotiated cipher suite as IANA names it, such as `TLS13_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// The presented chain, leaf first, as PEM blocks in one string.
    pub chain_pem: String,
}
