//! Finding certificates in pasted text: PEM blocks with anything around them (as
//! `openssl s_client -showcerts` prints), or one DER certificate.
//!
//! Each certificate keeps the byte range it came from, so that findings can point at it.

use std::ops::Range;

use base64ct::{Base64, Encoding};

/// The most input the certificate check reads: far more than any real chain.
pub const MAX_CERTIFICATE_INPUT_BYTES: usize = 1024 * 1024;

/// The most certificates the check reads from one input.
pub const MAX_CERTIFICATES: usize = 32;

const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
const END: &[u8] = b"-----END CERTIFICATE-----";

/// One certificate's bytes and where they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Encoded {
    pub(crate) der: Vec<u8>,
    /// The PEM block (or the whole DER input) in the text.
    pub(crate) range: Range<usize>,
}

/// Why some text yields no certificate, with where the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DecodeProblem {
    /// Neither a PEM certificate block nor DER.
    NotACertificate,
    /// A BEGIN line without its END line.
    UnterminatedBlock { range: Range<usize> },
    /// The base64 between BEGIN and END does not decode.
    Base64 { range: Range<usize> },
    /// More certificates than [`MAX_CERTIFICATES`]; the rest were not read.
    TooMany { count: usize },
}

/// Finds the certificates in `input`, in the order they appear.
pub(crate) fn decode(input: &[u8]) -> (Vec<Encoded>, Vec<DecodeProblem>) {
    if input.first() == Some(&0x30) {
        return (
            vec![Encoded {
                der: input.to_vec(),
                range: 0..input.len(),
            }],
            Vec::new(),
        );
    }

    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut blocks = 0;
    let mut at = 0;
    while let Some(begin) = find(input, BEGIN, at) {
        let body_start = begin + BEGIN.len();
        let Some(end) = find(input, END, body_start) else {
            problems.push(DecodeProblem::UnterminatedBlock {
                range: begin..input.len(),
            });
            break;
        };
        let block = begin..end + END.len();
        at = block.end;
        blocks += 1;
        if blocks > MAX_CERTIFICATES {
            continue;
        }
        let base64: Vec<u8> = input[body_start..end]
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        match Base64::decode_vec(&String::from_utf8_lossy(&base64)) {
            Ok(der) => found.push(Encoded { der, range: block }),
            Err(_) => problems.push(DecodeProblem::Base64 { range: block }),
        }
    }
    if blocks > MAX_CERTIFICATES {
        problems.push(DecodeProblem::TooMany { count: blocks });
    }
    if blocks == 0 && problems.is_empty() {
        problems.push(DecodeProblem::NotACertificate);
    }
    (found, problems)
}

/// The offset of the first `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|n| from + n)
}

/// A DER certificate as PEM, for display and export.
pub fn to_pem(der: &[u8]) -> String {
    let base64 = Base64::encode_string(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in base64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_among_other_text_and_keeps_their_ranges() {
        let pem = to_pem(&[0x30, 0x03, 0x02, 0x01, 0x05]);
        let text = format!("depth=0 CN = x\n{pem}some text\n{pem}");
        let (found, problems) = decode(text.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].der, [0x30, 0x03, 0x02, 0x01, 0x05]);
        assert_eq!(&text[found[0].range.clone()], pem.trim_end());
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(decode(b"hello").1, [DecodeProblem::NotACertificate]);
        let unterminated = decode(b"x-----BEGIN CERTIFICATE-----\nMIIB");
        assert_eq!(
            unterminated.1,
            [DecodeProblem::UnterminatedBlock { range: 1..33 }]
        );
        let bad = decode(b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----");
        assert!(matches!(bad.1[..], [DecodeProblem::Base64 { .. }]));
    }

    #[test]
    fn stops_reading_after_the_limit() {
        let pem = to_pem(&[0x30, 0x00]);
        let text = pem.repeat(MAX_CERTIFICATES + 3);
        let (found, problems) = decode(text.as_bytes());
        assert_eq!(found.len(), MAX_CERTIFICATES);
        assert_eq!(
            problems,
            [DecodeProblem::TooMany {
                count: MAX_CERTIFICATES + 3
            }]
        );
    }
}
