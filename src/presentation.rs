//! TXT records as people paste them: bare text, or zone-file presentation with quoted
//! character-strings (RFC 1035 §5.1), as `dig` prints them: `"v=STSv1; id=2024" "0101"`.

use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::Rule;

/// The longest text this reader accepts, in bytes: a DNS answer cannot hold more.
pub const MAX_PRESENTATION_BYTES: usize = 4 * 65_535;

/// Why a text is not a TXT record in presentation form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresentationError {
    /// A quoted string with no closing quote; `offset` is its opening quote.
    UnterminatedString { offset: usize },
    /// A `\` at the very end of the text.
    DanglingEscape { offset: usize },
    /// `\DDD` with a value above 255.
    EscapeOutOfRange { offset: usize },
    /// `\` and a digit, but not three digits.
    IncompleteEscape { offset: usize },
    /// Text between quoted strings that is not whitespace.
    TextOutsideQuotes { offset: usize },
    /// One character-string longer than 255 bytes.
    StringTooLong { offset: usize, len: usize },
    /// The text is longer than [`MAX_PRESENTATION_BYTES`].
    TooLong { len: usize },
}

impl PresentationError {
    /// The byte offset of the problem in the text.
    pub const fn offset(&self) -> usize {
        match self {
            Self::UnterminatedString { offset }
            | Self::DanglingEscape { offset }
            | Self::EscapeOutOfRange { offset }
            | Self::IncompleteEscape { offset }
            | Self::TextOutsideQuotes { offset }
            | Self::StringTooLong { offset, .. } => *offset,
            Self::TooLong { .. } => 0,
        }
    }
}

impl fmt::Display for PresentationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnterminatedString { offset } => {
                write!(f, "the string opened at byte {offset} has no closing quote")
            }
            Self::DanglingEscape { offset } => {
                write!(f, "the backslash at byte {offset} escapes nothing")
            }
            Self::EscapeOutOfRange { offset } => {
                write!(f, "the escape at byte {offset} is above \\255")
            }
            Self::IncompleteEscape { offset } => {
                write!(
                    f,
                    "the escape at byte {offset} needs three digits, as in \\059"
                )
            }
            Self::TextOutsideQuotes { offset } => {
                write!(
                    f,
                    "text outside quotes at byte {offset}: quote every string"
                )
            }
            Self::StringTooLong { offset, len } => write!(
                f,
                "the string at byte {offset} is {len} bytes long; DNS allows 255 per string"
            ),
            Self::TooLong { len } => write!(
                f,
                "the record is {len} bytes long, more than {MAX_PRESENTATION_BYTES} bytes"
            ),
        }
    }
}

impl std::error::Error for PresentationError {}

/// TXT records pasted one per line, read, and the lines that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordLines {
    /// Each readable line's character-strings, in order.
    pub records: Vec<Vec<Vec<u8>>>,
    /// The 1-based line number each record came from.
    pub lines: Vec<usize>,
    /// An `STS-INPUT-003` finding per unreadable line.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads text holding one TXT record per line (blank lines skipped), as people paste them.
pub fn parse_lines(text: &str) -> RecordLines {
    let mut read = RecordLines {
        records: Vec::new(),
        lines: Vec::new(),
        diagnostics: Vec::new(),
    };
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        match parse_txt(line) {
            Ok(strings) => {
                read.records.push(strings);
                read.lines.push(index + 1);
            }
            Err(error) => read.diagnostics.push(Diagnostic::new(
                Rule::InputNotTxt,
                Severity::Error,
                format!("line {} is not a TXT record: {error}", index + 1),
            )),
        }
    }
    read
}

/// Reads one TXT record into its character-strings.
///
/// Text that does not start with `"` (after leading whitespace) is one string, taken as it is.
/// Otherwise the text is a sequence of quoted strings separated by whitespace, with `\"`, `\\`
/// and `\DDD` escapes.
pub fn parse_txt(text: &str) -> Result<Vec<Vec<u8>>, PresentationError> {
    parse_txt_bytes(text.as_bytes())
}

/// Like [`parse_txt`], for text that may not be UTF-8 (a record is bytes, after all).
pub fn parse_txt_bytes(bytes: &[u8]) -> Result<Vec<Vec<u8>>, PresentationError> {
    if bytes.len() > MAX_PRESENTATION_BYTES {
        return Err(PresentationError::TooLong { len: bytes.len() });
    }
    // A line as `dig` prints it (`_mta-sts.example.com. 300 IN TXT "v=STSv1; ..."`): the
    // strings follow the type.
    let bytes = after_txt_type(bytes).unwrap_or(bytes);
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if first.is_none_or(|at| bytes[at] != b'"') {
        return Ok(vec![bytes.to_vec()]);
    }

    let mut strings = Vec::new();
    let mut at = 0;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at == bytes.len() {
            return Ok(strings);
        }
        if bytes[at] != b'"' {
            return Err(PresentationError::TextOutsideQuotes { offset: at });
        }
        let (string, next) = read_quoted(bytes, at)?;
        if string.len() > 255 {
            return Err(PresentationError::StringTooLong {
                offset: at,
                len: string.len(),
            });
        }
        strings.push(string);
        at = next;
    }
}

/// The text after the `TXT` type of a resource record line, when the line is one: unquoted
/// tokens (owner, TTL, class), then `TXT`, then a quoted string.
fn after_txt_type(bytes: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    for _ in 0..4 {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let start = at;
        while bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'"')
        {
            at += 1;
        }
        let token = &bytes[start..at];
        if token.is_empty() {
            return None;
        }
        if token.eq_ignore_ascii_case(b"TXT") {
            let rest = &bytes[at..];
            let quote = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            return (rest[quote] == b'"' && start > 0).then_some(rest);
        }
    }
    None
}

/// Reads the quoted string whose opening quote is at `open`; returns it and the offset after
/// its closing quote.
fn read_quoted(bytes: &[u8], open: usize) -> Result<(Vec<u8>, usize), PresentationError> {
    let mut string = Vec::new();
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => return Ok((string, at + 1)),
            b'\\' => {
                let escaped = bytes.get(at + 1).copied();
                match escaped {
                    None => return Err(PresentationError::DanglingEscape { offset: at }),
                    Some(digit) if digit.is_ascii_digit() => {
                        let digits = bytes
                            .get(at + 1..at + 4)
                            .filter(|d| d.iter().all(u8::is_ascii_digit));
                        let Some(digits) = digits else {
                            return Err(PresentationError::IncompleteEscape { offset: at });
                        };
                        let value = digits
                            .iter()
                            .fold(0u16, |n, &d| n * 10 + u16::from(d - b'0'));
                        let byte = u8::try_from(value)
                            .map_err(|_| PresentationError::EscapeOutOfRange { offset: at })?;
                        string.push(byte);
                        at += 4;
                    }
                    Some(other) => {
                        string.push(other);
                        at += 2;
                    }
                }
            }
            byte => {
                string.push(byte);
                at += 1;
            }
        }
    }
    Err(PresentationError::UnterminatedString { offset: open })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_text_is_one_string() {
        assert_eq!(
            parse_txt("v=STSv1; id=1"),
            Ok(vec![b"v=STSv1; id=1".to_vec()])
        );
        assert_eq!(parse_txt(""), Ok(vec![Vec::new()]));
    }

    #[test]
    fn a_dig_answer_line_gives_its_strings() {
        assert_eq!(
            parse_txt(r#"_mta-sts.example.com. 300 IN TXT "v=STSv1; id=2024" "0101""#),
            Ok(vec![b"v=STSv1; id=2024".to_vec(), b"0101".to_vec()])
        );
        assert_eq!(
            parse_txt("v=STSv1; id=1 TXT x"),
            Ok(vec![b"v=STSv1; id=1 TXT x".to_vec()])
        );
    }

    #[test]
    fn quoted_strings_stay_apart() {
        assert_eq!(
            parse_txt(r#""v=STSv1; id=2024" "0101""#),
            Ok(vec![b"v=STSv1; id=2024".to_vec(), b"0101".to_vec()])
        );
        assert_eq!(
            parse_txt(r#" "a\"b\\c\059" "#),
            Ok(vec![b"a\"b\\c;".to_vec()])
        );
    }

    #[test]
    fn malformed_presentation_says_where() {
        assert_eq!(
            parse_txt(r#""abc"#),
            Err(PresentationError::UnterminatedString { offset: 0 })
        );
        assert_eq!(
            parse_txt(r#""a" b"#),
            Err(PresentationError::TextOutsideQuotes { offset: 4 })
        );
        assert_eq!(
            parse_txt(r#""\256""#),
            Err(PresentationError::EscapeOutOfRange { offset: 1 })
        );
        assert_eq!(
            parse_txt(r#""\1""#),
            Err(PresentationError::IncompleteEscape { offset: 1 })
        );
        assert_eq!(
            parse_txt("\"\\"),
            Err(PresentationError::DanglingEscape { offset: 1 })
        );
        let long = format!("\"{}\"", "a".repeat(256));
        assert_eq!(
            parse_txt(&long),
            Err(PresentationError::StringTooLong {
                offset: 0,
                len: 256
            })
        );
    }
}
