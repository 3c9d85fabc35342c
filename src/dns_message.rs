//! DNS messages in wire format (RFC 1035 §4.1), as DNS over HTTPS carries them (RFC 8484): the
//! query a front end sends, and the reading of a response into a [`DnsAnswer`] fact. Only what
//! the checker asks for is decoded (TXT, MX, A, AAAA, CNAME, TLSA); everything is bounds-checked,
//! compression pointers may only point backwards, and a malformed message is an error with the
//! byte offset where reading stopped, never a panic.

mod parse;
mod query;

use std::fmt;

pub use parse::read_response;
pub use query::{RecordType, build_query};

/// The largest DNS message (the length field of DNS over TCP is 16 bits).
pub const MAX_MESSAGE_BYTES: usize = 65_535;

/// Why a response could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DnsMessageError {
    /// The message is longer than any DNS message can be.
    TooLarge { len: usize },
    /// The message ends inside a field that starts at `at`.
    Truncated { at: usize },
    /// A name is malformed at `at` (a label type that does not exist, a pointer that does not
    /// point backwards, a name over 255 bytes).
    BadName { at: usize },
    /// The response is not an answer to the query: `what` says how.
    Mismatch { what: &'static str },
    /// A record's data is malformed at `at`.
    BadRecord { at: usize },
}

impl fmt::Display for DnsMessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len } => write!(
                f,
                "the message is {len} bytes long, over the limit of {MAX_MESSAGE_BYTES}"
            ),
            Self::Truncated { at } => write!(f, "the message ends early, at byte {at}"),
            Self::BadName { at } => write!(f, "a name is malformed at byte {at}"),
            Self::Mismatch { what } => write!(f, "the response does not answer the query: {what}"),
            Self::BadRecord { at } => write!(f, "a record is malformed at byte {at}"),
        }
    }
}

impl std::error::Error for DnsMessageError {}

/// The fact a DNS-over-HTTPS exchange for `name` gives: the answer read from a 200 response,
/// or `Refused` for any other status or a body that is not the response asked for (the
/// resolver answered, but not usefully). Network failures are the caller's to map, to
/// `Timeout` or `Unreachable`, before any status exists.
pub fn answer_from_doh(
    name: &str,
    record_type: RecordType,
    http_status: u16,
    body: &[u8],
) -> crate::facts::DnsAnswer {
    use crate::facts::{DnsAnswer, DnsStatus};

    if http_status != 200 {
        return DnsAnswer::empty(name, DnsStatus::Refused);
    }
    read_response(body, name, record_type)
        .unwrap_or_else(|_| DnsAnswer::empty(name, DnsStatus::Refused))
}
