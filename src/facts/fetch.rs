//! What the policy fetch saw: the addresses of the policy host, the TLS facts, the HTTP status,
//! the headers that matter for MTA-STS, and the body, capped at 64 KiB.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::tls::TlsFacts;

/// The fetch of `https://mta-sts.<domain>/.well-known/mta-sts.txt`, without redirects or cache.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyFetch {
    pub version: u32,
    /// The policy domain (A-labels).
    pub domain: String,
    pub url: String,
    /// Every address the policy host resolved to.
    pub addresses: Vec<IpAddr>,
    /// The address the request went to.
    pub connected_to: Option<IpAddr>,
    pub tls: Option<TlsFacts>,
    pub status: Option<u16>,
    pub headers: FetchHeaders,
    /// The body, base64-encoded so that any bytes survive; at most 64 KiB of it.
    pub body_base64: Option<String>,
    /// Whether the body went on past the cap (the rest was not read).
    pub body_truncated: bool,
    pub timings: FetchTimings,
    pub error: Option<FetchError>,
}

/// The response headers MTA-STS cares about, as the server sent them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchHeaders {
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub cache_control: Option<String>,
    pub content_length: Option<String>,
}

/// How long each step took, in milliseconds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchTimings {
    pub dns_ms: Option<u64>,
    pub connect_ms: Option<u64>,
    pub tls_ms: Option<u64>,
    pub response_ms: Option<u64>,
    pub body_ms: Option<u64>,
    pub total_ms: u64,
}

/// The step of the fetch an error happened at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FetchStep {
    Dns,
    Connect,
    Tls,
    Response,
    Body,
}

/// What went wrong during the fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FetchErrorKind {
    Timeout,
    /// `mta-sts.<domain>` has no A or AAAA record.
    NoAddresses,
    DnsFailure,
    /// Every address is one the proxy does not connect to.
    ForbiddenAddress,
    Refused,
    Unreachable,
    Closed,
    Reset,
    /// The server refused the handshake because it speaks only TLS 1.1 or older.
    TlsVersionTooOld,
    Handshake,
    /// The response was not valid HTTP/1.1.
    Malformed,
    /// The front end could not have the fetch made (the proxy was unreachable, refused or
    /// rate-limited the request); `detail` says why.
    NotGathered,
}

/// A typed error with the step it happened at and a short description for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchError {
    pub step: FetchStep,
    pub kind: FetchErrorKind,
    pub detail: String,
}
