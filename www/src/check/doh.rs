//! DNS over HTTPS from the page (RFC 8484): the core writes the query in wire format, the page
//! GETs it as `?dns=` (base64url) with `Accept: application/dns-message`, and the core reads the
//! answer into a fact. A resolver that does not answer in time, or at all, is a fact too.

use base64ct::{Base64UrlUnpadded, Encoding};
use mta_sts_check::dns_message::{MAX_MESSAGE_BYTES, RecordType, answer_from_doh, build_query};
use mta_sts_check::facts::{DnsAnswer, DnsStatus};

use super::http::{NetError, get};

/// How long one lookup may take.
const LOOKUP_TIMEOUT_MS: i32 = 8_000;

/// Looks up `name` (A-labels) for `record_type` at the resolver whose URL is `resolver`.
pub(crate) async fn lookup(resolver: &str, name: &str, record_type: RecordType) -> DnsAnswer {
    let Some(query) = build_query(name, record_type) else {
        return DnsAnswer::empty(name, DnsStatus::Refused);
    };
    let separator = if resolver.contains('?') { '&' } else { '?' };
    let url = format!(
        "{resolver}{separator}dns={}",
        Base64UrlUnpadded::encode_string(&query)
    );
    let headers = [("accept", "application/dns-message")];
    match get(&url, &headers, LOOKUP_TIMEOUT_MS, MAX_MESSAGE_BYTES).await {
        Ok((status, body)) => answer_from_doh(name, record_type, status, &body),
        Err(NetError::Timeout) => DnsAnswer::empty(name, DnsStatus::Timeout),
        Err(NetError::Unreachable) => DnsAnswer::empty(name, DnsStatus::Unreachable),
        Err(NetError::TooLarge) => DnsAnswer::empty(name, DnsStatus::Refused),
    }
}
