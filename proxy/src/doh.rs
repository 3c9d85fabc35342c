//! A DNS over HTTPS client (RFC 8484): each lookup is one `GET <url>?dns=<query>` with
//! `Accept: application/dns-message`, and the answer is read by the core's DNS message reader.
//! A failure of the resolver itself is a DNS fact (`unreachable`, `timeout`, `refused`), never
//! a guess about the name.

use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use hickory_resolver::proto::rr::RecordType as HickoryType;

use mta_sts_check::dns_message::{MAX_MESSAGE_BYTES, RecordType, answer_from_doh, build_query};
use mta_sts_check::facts::{DnsAnswer, DnsStatus};

use crate::http_client::{Endpoint, HttpFailure};

/// How long one lookup may take.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// A DoH resolver.
#[derive(Debug)]
pub(crate) struct DohClient {
    endpoint: Endpoint,
}

impl DohClient {
    /// The resolver at `url` (`https:`, or `http:` on loopback).
    pub(crate) fn new(url: &str) -> Result<Self, String> {
        Ok(Self {
            endpoint: Endpoint::new(url, "/dns-query")?,
        })
    }

    /// The lookup of `name` for `record_type`.
    pub(crate) async fn answer(&self, name: &str, record_type: HickoryType) -> DnsAnswer {
        let Some(kind) = record_kind(record_type) else {
            return DnsAnswer::empty(name, DnsStatus::Refused);
        };
        let Some(query) = build_query(name, kind) else {
            return DnsAnswer::empty(name, DnsStatus::Refused);
        };
        let path = format!(
            "{}?dns={}",
            self.endpoint.path,
            Base64UrlUnpadded::encode_string(&query)
        );
        let headers = [("accept", "application/dns-message")];
        match self
            .endpoint
            .get(&path, &headers, MAX_MESSAGE_BYTES, LOOKUP_TIMEOUT)
            .await
        {
            Err(HttpFailure::Timeout) => DnsAnswer::empty(name, DnsStatus::Timeout),
            Err(HttpFailure::Unreachable) => DnsAnswer::empty(name, DnsStatus::Unreachable),
            Err(HttpFailure::Malformed) => DnsAnswer::empty(name, DnsStatus::Refused),
            Ok((status, response)) => answer_from_doh(name, kind, status, &response),
        }
    }
}

fn record_kind(record_type: HickoryType) -> Option<RecordType> {
    Some(match record_type {
        HickoryType::A => RecordType::A,
        HickoryType::AAAA => RecordType::Aaaa,
        HickoryType::MX => RecordType::Mx,
        HickoryType::TXT => RecordType::Txt,
        HickoryType::TLSA => RecordType::Tlsa,
        HickoryType::CNAME => RecordType::Cname,
        _ => return None,
    })
}
