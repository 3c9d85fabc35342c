//! Reading a response: the header (the response code and the AD bit), the question (which must
//! be the one asked), and the answer section, from which the CNAME chain starting at the asked
//! name is followed and the records of the asked type at its end are kept.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::query::RecordType;
use super::{DnsMessageError, MAX_MESSAGE_BYTES};
use crate::facts::{DnsAnswer, DnsRecord, DnsStatus, TxtString};

/// The most compression pointers followed in one name.
const MAX_POINTERS: usize = 64;
/// The longest CNAME chain followed.
const MAX_CHAIN: usize = 16;
/// The most answer records read.
const MAX_ANSWERS: usize = 1024;

/// Reads `message`, the response to a query for `name` and `record_type`.
pub fn read_response(
    message: &[u8],
    name: &str,
    record_type: RecordType,
) -> Result<DnsAnswer, DnsMessageError> {
    if message.len() > MAX_MESSAGE_BYTES {
        return Err(DnsMessageError::TooLarge { len: message.len() });
    }
    let reader = Reader { message };
    let flags = reader.u16(2)?;
    if flags & 0x8000 == 0 {
        return Err(DnsMessageError::Mismatch {
            what: "it is a query, not a response",
        });
    }
    if flags & 0x0200 != 0 {
        // TC: the resolver cut the answer short, so what is missing is unknown.
        return Err(DnsMessageError::Mismatch {
            what: "it is truncated (TC bit set)",
        });
    }
    let rcode = flags & 0x000f;
    let authenticated = flags & 0x0020 != 0;
    let questions = reader.u16(4)?;
    let answers = usize::from(reader.u16(6)?).min(MAX_ANSWERS);

    let asked = lower(name.strip_suffix('.').unwrap_or(name));
    let mut at = 12;
    for index in 0..questions {
        let (question, next) = reader.name(at)?;
        let question_type = reader.u16(next)?;
        if index == 0 && (question != asked || question_type != record_type.code()) {
            return Err(DnsMessageError::Mismatch {
                what: "it answers another question",
            });
        }
        at = next + 4;
    }

    let mut records = Vec::new();
    for _ in 0..answers {
        let (owner, next) = reader.name(at)?;
        let kind = reader.u16(next)?;
        let length = usize::from(reader.u16(next + 8)?);
        let data_start = next + 10;
        let data_end = data_start + length;
        if data_end > message.len() {
            return Err(DnsMessageError::Truncated { at: data_start });
        }
        records.push((owner, kind, data_start, data_end));
        at = data_end;
    }

    let mut answer = DnsAnswer::empty(&asked, DnsStatus::NoData);
    answer.authenticated = authenticated;
    let mut current = asked;
    for hop in 0..=MAX_CHAIN {
        let alias = records
            .iter()
            .find(|(owner, kind, _, _)| *owner == current && *kind == RecordType::Cname.code());
        let Some(&(_, _, start, _)) = alias else {
            break;
        };
        if record_type == RecordType::Cname {
            break;
        }
        if hop == MAX_CHAIN {
            // A loop, or a chain longer than resolvers follow: the lookup did not end.
            return Err(DnsMessageError::Mismatch {
                what: "its alias chain is a loop or too long",
            });
        }
        let (target, _) = reader.name(start)?;
        answer.cname_chain.push(target.clone());
        current = target;
    }
    for (owner, kind, start, end) in &records {
        if *owner == current && *kind == record_type.code() {
            answer
                .records
                .push(reader.record(record_type, *start, *end)?);
        }
    }

    answer.status = match rcode {
        0 if answer.records.is_empty() => DnsStatus::NoData,
        0 => DnsStatus::Answer,
        2 => DnsStatus::ServFail,
        3 => DnsStatus::NxDomain,
        _ => DnsStatus::Refused,
    };
    Ok(answer)
}

struct Reader<'a> {
    message: &'a [u8],
}

impl Reader<'_> {
    fn u8(&self, at: usize) -> Result<u8, DnsMessageError> {
        self.message
            .get(at)
            .copied()
            .ok_or(DnsMessageError::Truncated { at })
    }

    fn u16(&self, at: usize) -> Result<u16, DnsMessageError> {
        Ok(u16::from_be_bytes([self.u8(at)?, self.u8(at + 1)?]))
    }

    fn slice(&self, start: usize, end: usize) -> Result<&[u8], DnsMessageError> {
        self.message
            .get(start..end)
            .ok_or(DnsMessageError::Truncated { at: start })
    }

    /// The name at `at`, lower case, without the final dot, and the offset after it where it
    /// is written (after the first pointer, when it is compressed).
    fn name(&self, at: usize) -> Result<(String, usize), DnsMessageError> {
        let mut name = String::new();
        let mut position = at;
        let mut after = None;
        let mut pointers = 0;
        let mut wire_length = 1;
        loop {
            let length = self.u8(position)?;
            match length & 0xc0 {
                0x00 if length == 0 => break,
                0x00 => {
                    let length = usize::from(length);
                    wire_length += length + 1;
                    if wire_length > 255 {
                        return Err(DnsMessageError::BadName { at: position });
                    }
                    let label = self.slice(position + 1, position + 1 + length)?;
                    if !name.is_empty() {
                        name.push('.');
                    }
                    push_label(&mut name, label);
                    position += 1 + length;
                }
                0xc0 => {
                    let target = usize::from(self.u16(position)? & 0x3fff);
                    pointers += 1;
                    if target >= position || pointers > MAX_POINTERS {
                        return Err(DnsMessageError::BadName { at: position });
                    }
                    after.get_or_insert(position + 2);
                    position = target;
                }
                _ => return Err(DnsMessageError::BadName { at: position }),
            }
        }
        Ok((name, after.unwrap_or(position + 1)))
    }

    fn record(
        &self,
        record_type: RecordType,
        start: usize,
        end: usize,
    ) -> Result<DnsRecord, DnsMessageError> {
        let data = self.slice(start, end)?;
        let bad = DnsMessageError::BadRecord { at: start };
        Ok(match record_type {
            RecordType::A => {
                let octets: [u8; 4] = data.try_into().map_err(|_| bad)?;
                DnsRecord::A {
                    address: Ipv4Addr::from(octets),
                }
            }
            RecordType::Aaaa => {
                let octets: [u8; 16] = data.try_into().map_err(|_| bad)?;
                DnsRecord::Aaaa {
                    address: Ipv6Addr::from(octets),
                }
            }
            RecordType::Mx => {
                let preference = self.u16(start)?;
                let (exchange, next) = self.name(start + 2)?;
                if next != end {
                    return Err(bad);
                }
                DnsRecord::Mx {
                    preference,
                    exchange: if exchange.is_empty() {
                        ".".to_owned()
                    } else {
                        exchange
                    },
                }
            }
            RecordType::Txt => {
                let mut strings = Vec::new();
                let mut rest = data;
                while let Some((&length, tail)) = rest.split_first() {
                    let string = tail.get(..usize::from(length)).ok_or(bad.clone())?;
                    strings.push(TxtString(string.to_vec()));
                    rest = &tail[usize::from(length)..];
                }
                DnsRecord::Txt { strings }
            }
            RecordType::Tlsa => {
                let [usage, selector, matching_type, rest @ ..] = data else {
                    return Err(bad);
                };
                DnsRecord::Tlsa {
                    usage: *usage,
                    selector: *selector,
                    matching_type: *matching_type,
                    data_hex: rest.iter().map(|byte| format!("{byte:02x}")).collect(),
                }
            }
            RecordType::Cname => return Err(bad),
        })
    }
}

/// A label as text: letters lower-cased, bytes other than letters, digits, `-` and `_` written
/// as `\DDD` so that nothing hidden gets through.
fn push_label(name: &mut String, label: &[u8]) {
    for &byte in label {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            name.push(char::from(byte.to_ascii_lowercase()));
        } else {
            name.push_str(&format!("\\{byte:03}"));
        }
    }
}

fn lower(name: &str) -> String {
    name.to_ascii_lowercase()
}
