//! What the STARTTLS probe saw at each address of one MX host: the greeting, the EHLO replies
//! before and after TLS, the answer to STARTTLS, the TLS facts, the timings of every step, and
//! where the conversation stopped.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::tls::TlsFacts;

/// The longest reply line the probe keeps, in bytes; longer lines end the conversation.
pub const MAX_REPLY_LINE_BYTES: usize = 1000;

/// The most lines the probe accepts in one reply; more end the conversation.
pub const MAX_REPLY_LINES: usize = 100;

/// The probe of one MX host: the addresses it resolved to and what each of them did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpProbe {
    pub version: u32,
    /// The policy domain the host was asked for (A-labels).
    pub domain: String,
    /// The MX host name (A-labels, no final dot).
    pub host: String,
    /// The port connected to: 25 except in private labs.
    pub port: u16,
    /// One entry per address probed, in the order they were resolved.
    pub addresses: Vec<SmtpAddressProbe>,
    /// Why no address could be probed at all (the name did not resolve, or every address was
    /// refused); `None` when `addresses` says it all.
    pub error: Option<ProbeError>,
}

/// One SMTP conversation with one address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpAddressProbe {
    pub address: Option<IpAddr>,
    pub timings: ProbeTimings,
    /// The greeting, one entry per line, reply code included.
    pub greeting: Vec<String>,
    /// The reply to the first EHLO.
    pub ehlo: Vec<String>,
    /// Whether the first EHLO reply listed the STARTTLS keyword.
    pub starttls_offered: bool,
    /// The reply to STARTTLS, when it was sent.
    pub starttls_reply: Vec<String>,
    /// How many plaintext bytes arrived after the `220` to STARTTLS and before the handshake;
    /// the probe threw them away unread.
    pub plaintext_after_starttls: usize,
    pub tls: Option<TlsFacts>,
    /// The reply to EHLO sent again inside TLS.
    pub ehlo_after_tls: Vec<String>,
    /// Where the conversation stopped early, if it did.
    pub error: Option<ProbeError>,
}

/// How long each step took, in milliseconds; `None` for steps that did not run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeTimings {
    pub connect_ms: Option<u64>,
    pub greeting_ms: Option<u64>,
    pub ehlo_ms: Option<u64>,
    pub starttls_ms: Option<u64>,
    pub tls_ms: Option<u64>,
    pub ehlo_after_tls_ms: Option<u64>,
    pub total_ms: u64,
}

/// The step of the conversation an error happened at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeStep {
    Dns,
    Connect,
    Greeting,
    Ehlo,
    Starttls,
    Tls,
    EhloAfterTls,
}

/// What went wrong, as a kind the judge can turn into a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeErrorKind {
    /// The step did not finish within its deadline.
    Timeout,
    /// The host name has no A or AAAA record.
    NoAddresses,
    /// The host name could not be resolved (SERVFAIL, no answer from the resolver).
    DnsFailure,
    /// The address is not globally reachable, so the proxy does not connect to it.
    ForbiddenAddress,
    /// The connection was refused.
    Refused,
    /// The network or host was unreachable.
    Unreachable,
    /// The server closed the connection.
    Closed,
    /// The server reset the connection.
    Reset,
    /// The server answered with a reply code that ends the step (such as `554` to the greeting
    /// or `454` to STARTTLS).
    Rejected,
    /// The reply did not follow the SMTP reply grammar.
    Malformed,
    /// A reply line or a reply was longer than the probe accepts.
    TooLong,
    /// The server did not offer STARTTLS.
    StarttlsNotOffered,
    /// The server refused the handshake because it speaks only TLS 1.1 or older.
    TlsVersionTooOld,
    /// The handshake failed for another reason (see `detail`).
    Handshake,
    /// The front end could not have the probe made (the proxy was unreachable, refused or
    /// rate-limited the request); `detail` says why.
    NotGathered,
}

/// A typed error with the step it happened at and a short description for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeError {
    pub step: ProbeStep,
    pub kind: ProbeErrorKind,
    pub detail: String,
}
