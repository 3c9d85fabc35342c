//! What a DNS lookup returned, as a front end saw it (over DNS-over-HTTPS in the browser, or
//! through a resolver on the command line): the outcome, the AD bit, the aliases followed and
//! the records of the asked type. Failure is kept apart from absence, because senders treat a
//! SERVFAIL differently from an NXDOMAIN.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use base64ct::{Base64, Encoding};
use serde::{Deserialize, Serialize};

/// How a lookup ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DnsStatus {
    /// The name has records of the asked type.
    Answer,
    /// The name exists but has no records of the asked type.
    NoData,
    /// The name does not exist.
    NxDomain,
    /// The resolver answered SERVFAIL (often a broken or bogus DNSSEC chain).
    ServFail,
    /// The resolver refused, or answered with another error code.
    Refused,
    /// No answer within the deadline.
    Timeout,
    /// The resolver could not be reached at all.
    Unreachable,
}

impl DnsStatus {
    /// Whether the lookup says what DNS holds (records or their absence), rather than failing.
    pub const fn is_conclusive(self) -> bool {
        matches!(self, Self::Answer | Self::NoData | Self::NxDomain)
    }
}

/// One DNS lookup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsAnswer {
    /// The name asked for (A-labels, no final dot).
    pub name: String,
    pub status: DnsStatus,
    /// Whether the resolver set the AD bit (it validated the answer with DNSSEC).
    pub authenticated: bool,
    /// The aliases followed from `name`, in order (each a CNAME target).
    pub cname_chain: Vec<String>,
    /// The records of the asked type.
    pub records: Vec<DnsRecord>,
}

impl DnsAnswer {
    /// An answer with these records, or NODATA when there are none.
    pub fn with_records(name: &str, records: Vec<DnsRecord>) -> Self {
        Self {
            name: name.to_owned(),
            status: if records.is_empty() {
                DnsStatus::NoData
            } else {
                DnsStatus::Answer
            },
            authenticated: false,
            cname_chain: Vec::new(),
            records,
        }
    }

    /// A lookup that ended without records, for the given reason.
    pub fn empty(name: &str, status: DnsStatus) -> Self {
        Self {
            name: name.to_owned(),
            status,
            authenticated: false,
            cname_chain: Vec::new(),
            records: Vec::new(),
        }
    }

    /// The MX records' preferences and exchanges, most preferred first (equal preferences keep
    /// the answer's order).
    pub fn mx_exchanges(&self) -> Vec<(u16, &str)> {
        let mut exchanges: Vec<(u16, &str)> = self
            .records
            .iter()
            .filter_map(|record| match record {
                DnsRecord::Mx {
                    preference,
                    exchange,
                } => Some((*preference, exchange.as_str())),
                _ => None,
            })
            .collect();
        crate::order::sort_stable_by_key(&mut exchanges, |&(preference, _)| preference);
        exchanges
    }

    /// The character-strings of each TXT record, as the record checks take them.
    pub fn txt_records(&self) -> Vec<Vec<Vec<u8>>> {
        self.records
            .iter()
            .filter_map(|record| match record {
                DnsRecord::Txt { strings } => {
                    Some(strings.iter().map(|string| string.0.clone()).collect())
                }
                _ => None,
            })
            .collect()
    }
}

/// One record of the kinds the checker asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "UPPERCASE")]
pub enum DnsRecord {
    Txt {
        strings: Vec<TxtString>,
    },
    Mx {
        preference: u16,
        exchange: String,
    },
    A {
        address: Ipv4Addr,
    },
    Aaaa {
        address: Ipv6Addr,
    },
    Tlsa {
        usage: u8,
        selector: u8,
        matching_type: u8,
        data_hex: String,
    },
}

impl fmt::Display for DnsRecord {
    /// The record's data in zone-file presentation form (RFC 1035 §5.1): TXT strings quoted with
    /// `"` and `\\` escaped and bytes outside printable ASCII as `\DDD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Txt { strings } => {
                for (index, string) in strings.iter().enumerate() {
                    if index > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str("\"")?;
                    for &byte in &string.0 {
                        match byte {
                            b'"' | b'\\' => write!(f, "\\{}", char::from(byte))?,
                            b' '..=b'~' => write!(f, "{}", char::from(byte))?,
                            _ => write!(f, "\\{byte:03}")?,
                        }
                    }
                    f.write_str("\"")?;
                }
                Ok(())
            }
            Self::Mx {
                preference,
                exchange,
            } if exchange == "." => write!(f, "{preference} ."),
            Self::Mx {
                preference,
                exchange,
            } => write!(f, "{preference} {exchange}."),
            Self::A { address } => write!(f, "{address}"),
            Self::Aaaa { address } => write!(f, "{address}"),
            Self::Tlsa {
                usage,
                selector,
                matching_type,
                data_hex,
            } => write!(f, "{usage} {selector} {matching_type} {data_hex}"),
        }
    }
}

/// A TXT character-string: any bytes. On the wire it is a JSON string when the bytes are UTF-8,
/// and `{"base64": "..."}` otherwise, so that nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtString(pub Vec<u8>);

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum TxtStringWire {
    Text(String),
    Bytes { base64: String },
}

impl Serialize for TxtString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.0) {
            Ok(text) => TxtStringWire::Text(text.to_owned()),
            Err(_) => TxtStringWire::Bytes {
                base64: Base64::encode_string(&self.0),
            },
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for TxtString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match TxtStringWire::deserialize(deserializer)? {
            TxtStringWire::Text(text) => Ok(Self(text.into_bytes())),
            TxtStringWire::Bytes { base64 } => Base64::decode_vec(&base64)
                .map(Self)
                .map_err(|_| serde::de::Error::custom("a TXT string is not valid base64")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_strings_survive_json_whatever_their_bytes() {
        for bytes in [b"v=STSv1; id=1".to_vec(), vec![0xff, 0x00, b'a']] {
            let record = DnsRecord::Txt {
                strings: vec![TxtString(bytes.clone())],
            };
            let json = serde_json::to_string(&record).expect("serialises");
            let back: DnsRecord = serde_json::from_str(&json).expect("deserialises");
            assert_eq!(back, record, "{json}");
        }
        let json = serde_json::to_string(&DnsRecord::Txt {
            strings: vec![TxtString(b"v=TLSRPTv1".to_vec())],
        })
        .expect("serialises");
        assert_eq!(json, r#"{"type":"TXT","strings":["v=TLSRPTv1"]}"#);
    }

    #[test]
    fn records_display_in_presentation_form() {
        let txt = DnsRecord::Txt {
            strings: vec![TxtString(b"v=STSv1; \"a\"".to_vec()), TxtString(vec![0x07])],
        };
        assert_eq!(txt.to_string(), r#""v=STSv1; \"a\"" "\007""#);
        let mx = DnsRecord::Mx {
            preference: 10,
            exchange: ".".to_owned(),
        };
        assert_eq!(mx.to_string(), "10 .");
    }
}
