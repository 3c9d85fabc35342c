//! The query: one question, recursion desired, the AD bit set so that a validating resolver
//! says whether it validated (RFC 6840 §5.7), and an EDNS(0) record advertising 1232 bytes.
//! The id is 0, as RFC 8484 §4.1 asks, so that HTTP caches can share answers.

/// The record types the checker asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordType {
    A,
    Aaaa,
    Cname,
    Mx,
    Txt,
    Tlsa,
}

impl RecordType {
    /// The type's number in the DNS.
    pub const fn code(self) -> u16 {
        match self {
            Self::A => 1,
            Self::Cname => 5,
            Self::Mx => 15,
            Self::Txt => 16,
            Self::Aaaa => 28,
            Self::Tlsa => 52,
        }
    }
}

/// The wire form of a query for `name` (A-labels; a final dot is optional) and `record_type`,
/// or `None` when the name cannot be written as a DNS name (an empty or over-long label).
pub fn build_query(name: &str, record_type: RecordType) -> Option<Vec<u8>> {
    let mut message = vec![
        0, 0, // id
        0x01, 0x20, // RD, AD
        0, 1, // one question
        0, 0, 0, 0, // no answers, no authority
        0, 1, // one additional: the OPT record
    ];
    let name = name.strip_suffix('.').unwrap_or(name);
    let mut written = 0;
    if !name.is_empty() {
        for label in name.split('.') {
            let len = u8::try_from(label.len())
                .ok()
                .filter(|len| (1..=63).contains(len))?;
            message.push(len);
            message.extend_from_slice(label.as_bytes());
            written += 1 + label.len();
        }
    }
    if written + 1 > 255 {
        return None;
    }
    message.push(0);
    message.extend_from_slice(&record_type.code().to_be_bytes());
    message.extend_from_slice(&[0, 1]); // class IN
    // OPT: root name, type 41, UDP payload 1232, no extended flags, no options.
    message.extend_from_slice(&[0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
    Some(message)
}
