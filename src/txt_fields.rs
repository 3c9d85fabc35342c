//! What the two TXT record grammars share: joining character-strings, and splitting the text
//! after the version tag into `;`-delimited fields.
//!
//! RFC 8461 §3.1 and RFC 8460 §3 use the same delimiter rule:
//!
//! ```text
//! record      = version 1*(field-delim field) [field-delim]
//! field-delim = *WSP ";" *WSP
//! ```
//!
//! This module only finds where fields are; each record type judges its own fields.

use std::ops::Range;

use crate::diagnostic::{Severity, Sink};
use crate::rule::Rule;

/// The longest joined TXT record the checker reads, in bytes: a DNS message holds no more.
pub const MAX_TXT_RECORD_BYTES: usize = 65_535;

/// The most TXT records of one RRset the checker reads.
pub const MAX_TXT_RECORDS: usize = 256;

/// One TXT record with its character-strings joined, remembering where they met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JoinedRecord {
    pub(crate) text: Vec<u8>,
    /// Offsets into `text` where one character-string ended and the next began.
    pub(crate) boundaries: Vec<usize>,
}

/// Joins a record's character-strings in order with nothing in between (RFC 8461 §3.1).
pub(crate) fn join(strings: &[Vec<u8>]) -> JoinedRecord {
    let mut text = Vec::with_capacity(strings.iter().map(Vec::len).sum());
    let mut boundaries = Vec::new();
    for (index, string) in strings.iter().enumerate() {
        if index > 0 {
            boundaries.push(text.len());
        }
        text.extend_from_slice(string);
    }
    JoinedRecord { text, boundaries }
}

/// One field as written: `name=value`, or whatever stands between two delimiters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawField {
    /// The whole field, without the delimiters around it.
    pub(crate) range: Range<usize>,
    /// The offset of the first `=`, if there is one.
    pub(crate) equals: Option<usize>,
}

impl RawField {
    /// The bytes before the first `=` (the whole field when there is none).
    pub(crate) fn name(&self) -> Range<usize> {
        self.range.start..self.equals.unwrap_or(self.range.end)
    }

    /// The bytes after the first `=` (empty when there is none).
    pub(crate) fn value(&self) -> Range<usize> {
        self.equals
            .map_or(self.range.end..self.range.end, |at| at + 1..self.range.end)
    }
}

/// The fields of a record, and the delimiters that break the grammar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub(crate) fields: Vec<RawField>,
    /// Offsets of `;` that close an empty field (`;;`, or a second trailing `;`).
    pub(crate) empty_fields: Vec<usize>,
}

/// Splits `text[start..]`, where `start` is at the `;` that ends the version tag (or at
/// whitespace before it), into fields.
///
/// Whitespace before a `;` belongs to the delimiter. Whitespace at the very end of the record,
/// with no `;` after it, belongs to the last field, because the grammar has no place for it.
pub(crate) fn split_fields(text: &[u8], start: usize) -> Fields {
    let mut found = Fields::default();
    let mut at = skip_whitespace(text, start);

    while at < text.len() {
        // `at` is on a `;`: every field ends at one or at the end of the text.
        at = skip_whitespace(text, at + 1);
        if at == text.len() {
            break;
        }
        if text[at] == b';' {
            found.empty_fields.push(at);
            continue;
        }

        let field_start = at;
        let field_end_raw = text[at..]
            .iter()
            .position(|&byte| byte == b';')
            .map_or(text.len(), |n| at + n);
        let field_end = if field_end_raw < text.len() {
            trim_end_whitespace(text, field_start, field_end_raw)
        } else {
            field_end_raw
        };
        let equals = text[field_start..field_end].iter().position(|&b| b == b'=');
        found.fields.push(RawField {
            range: field_start..field_end,
            equals: equals.map(|n| field_start + n),
        });
        at = field_end_raw;
    }
    found
}

/// Whitespace at the end of a record that no `;` follows or precedes: the grammar allows
/// whitespace only inside a delimiter, so it belongs nowhere.
pub(crate) fn stray_trailing_whitespace(text: &[u8]) -> Option<Range<usize>> {
    let end = trim_end_whitespace(text, 0, text.len());
    (end < text.len() && end > 0 && text[end - 1] != b';').then_some(end..text.len())
}

/// Reports whitespace around a field's `=` under `rule`; returns whether there was none.
pub(crate) fn equals_without_whitespace(
    text: &[u8],
    field: &RawField,
    equals: usize,
    rule: Rule,
    sink: &mut Sink<'_>,
) -> bool {
    let before = text[field.name()].last().is_some_and(|&b| is_whitespace(b));
    let after = text[field.value()]
        .first()
        .is_some_and(|&b| is_whitespace(b));
    if before || after {
        sink.push(
            rule,
            Severity::Error,
            Some(equals - usize::from(before)..equals + 1 + usize::from(after)),
            format!(
                "whitespace around `=` in `{}`: write `name=value` with no spaces",
                show(&text[field.range.clone()])
            ),
        );
    }
    !(before || after)
}

/// Whether `byte` is WSP (space or horizontal tab).
pub(crate) const fn is_whitespace(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// The offset of the first byte at or after `at` that is not WSP.
pub(crate) fn skip_whitespace(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && is_whitespace(text[at]) {
        at += 1;
    }
    at
}

fn trim_end_whitespace(text: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && is_whitespace(text[end - 1]) {
        end -= 1;
    }
    end
}

/// Whether `name` fits the extension-name grammar both RFCs share:
/// `(ALPHA / DIGIT) 0*31(ALPHA / DIGIT / "_" / "-" / ".")`.
pub(crate) fn is_extension_name(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            first.is_ascii_alphanumeric()
                && rest.len() <= 31
                && rest
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        }
        None => false,
    }
}

/// The first byte of `value` that the extension-value grammar forbids:
/// `1*(%x21-3A / %x3C / %x3E-7E)`, printable ASCII except `;` and `=`.
pub(crate) fn first_bad_extension_value_byte(value: &[u8]) -> Option<usize> {
    value
        .iter()
        .position(|&b| !matches!(b, 0x21..=0x3A | 0x3C | 0x3E..=0x7E))
}

/// Text from an input for a message: as written, except that control characters, invisible
/// and direction-changing characters are written as `\u{..}` and bytes that are not UTF-8 as
/// `\xNN`, so that nothing in a message can hide or reorder text.
///
/// Long text is cut to its first [`SHOWN_CHARS`] characters, so that a message stays readable
/// and small whatever the input.
pub(crate) fn show(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(SHOWN_CHARS * 4)];
    let mut shown = String::new();
    let mut count = 0;
    for chunk in head.utf8_chunks() {
        for character in chunk.valid().chars() {
            if count == SHOWN_CHARS {
                shown.push('…');
                return shown;
            }
            if is_hidden(character) {
                shown.push_str(&format!("\\u{{{:x}}}", u32::from(character)));
            } else {
                shown.push(character);
            }
            count += 1;
        }
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02X}"));
            count += 1;
        }
    }
    if head.len() < bytes.len() {
        shown.push('…');
    }
    shown
}

/// Characters that do not show as themselves: controls, and invisible or direction-changing
/// format characters. Front ends escape them too, so that input cannot hide or reorder text.
pub fn is_hidden(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// The most characters of input quoted in one message.
pub(crate) const SHOWN_CHARS: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, start: usize) -> Vec<&str> {
        split_fields(text.as_bytes(), start)
            .fields
            .iter()
            .map(|field| &text[field.range.clone()])
            .collect()
    }

    #[test]
    fn joins_strings_without_a_separator() {
        let joined = join(&[b"v=STSv1; id=2024".to_vec(), b"0101".to_vec()]);
        assert_eq!(joined.text, b"v=STSv1; id=20240101");
        assert_eq!(joined.boundaries, vec![16]);
    }

    #[test]
    fn splits_on_semicolons_with_optional_whitespace() {
        assert_eq!(names("v=STSv1; id=1", 7), ["id=1"]);
        assert_eq!(names("v=STSv1 ;\tid=1 ; a=b;", 7), ["id=1", "a=b"]);
        assert_eq!(names("v=STSv1;id=1;", 7), ["id=1"]);
    }

    #[test]
    fn reports_empty_fields_and_keeps_trailing_whitespace_in_the_last_field() {
        let found = split_fields(b"v=STSv1;; id=1;;", 7);
        assert_eq!(found.empty_fields, vec![8, 15]);
        assert_eq!(names("v=STSv1; id=1 ", 7), ["id=1 "]);
    }

    #[test]
    fn shown_text_keeps_what_is_visible_and_escapes_what_is_not() {
        assert_eq!(show(br#"id=1\059 "x""#), r#"id=1\059 "x""#);
        assert_eq!(show(b"a\x1b[2J\xFFb"), "a\\u{1b}[2J\\xFFb");
        assert_eq!(show("x\u{202e}y".as_bytes()), "x\\u{202e}y");
        assert_eq!(show(&[b'a'; 200]).chars().count(), SHOWN_CHARS + 1);
    }

    #[test]
    fn extension_names_follow_the_grammar() {
        assert!(is_extension_name(b"a"));
        assert!(is_extension_name(b"x-y_z.1"));
        assert!(!is_extension_name(b"_x"));
        assert!(!is_extension_name(b"a/b"));
        assert!(!is_extension_name(b""));
        assert!(is_extension_name(&[b'a'; 32]));
        assert!(!is_extension_name(&[b'a'; 33]));
    }
}
