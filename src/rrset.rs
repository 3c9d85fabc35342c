//! Reading a TXT RRset the way RFC 8461 §3.1 and RFC 8460 §3 both describe: join each record's
//! character-strings, keep only the records that begin with the version tag and `;`, and use the
//! record only when exactly one is left.
//!
//! The two record types differ in their fields and rule ids; the steps here are shared.

use crate::diagnostic::{Diagnostic, Severity, Sink};
use crate::rule::Rule;
use crate::txt_fields::{self, JoinedRecord, MAX_TXT_RECORD_BYTES, MAX_TXT_RECORDS};

/// How a record begins, compared with the version tag (`v=STSv1` or `v=TLSRPTv1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Start {
    /// The tag, then `;` (with `at` on the `;`), possibly with whitespace before it.
    Tag {
        whitespace: Option<std::ops::Range<usize>>,
        at: usize,
    },
    /// The tag followed by more letters or digits, such as `v=STSv12`.
    LongerTag,
    /// The tag with nothing after it, or followed by something other than `;`.
    TagWithoutDelimiter,
    /// Not the tag, but the record mentions the version (any case): meant as this kind of record.
    Misspelt,
    /// Some unrelated TXT record.
    Unrelated,
}

/// Classifies how `text` begins compared with `tag`.
pub(crate) fn classify(text: &[u8], tag: &[u8]) -> Start {
    if let Some(rest) = text.strip_prefix(tag) {
        let after_whitespace = txt_fields::skip_whitespace(text, tag.len());
        return match rest.first() {
            Some(b';') => Start::Tag {
                whitespace: None,
                at: tag.len(),
            },
            Some(b' ' | b'\t') if text.get(after_whitespace) == Some(&b';') => Start::Tag {
                whitespace: Some(tag.len()..after_whitespace),
                at: after_whitespace,
            },
            Some(byte) if byte.is_ascii_alphanumeric() => Start::LongerTag,
            _ => Start::TagWithoutDelimiter,
        };
    }
    // The part after `v=` names the version; look for it anywhere, in any case.
    let version = &tag[2..];
    let mentions = text
        .windows(version.len())
        .any(|w| w.eq_ignore_ascii_case(version));
    if mentions {
        Start::Misspelt
    } else {
        Start::Unrelated
    }
}

/// One record of the RRset, ready to be judged: its index and its joined text.
#[derive(Debug)]
pub(crate) struct Record {
    pub(crate) index: usize,
    pub(crate) joined: JoinedRecord,
}

/// Joins every record, reporting records over the limits and split records.
///
/// Returns the records to judge, and the findings about records that could not be read.
pub(crate) fn read(
    records: &[Vec<Vec<u8>>],
    split_rule: Rule,
) -> (Vec<Record>, Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut readable = Vec::new();
    let mut unreadable = Vec::new();
    let mut split = Vec::new();

    if records.len() > MAX_TXT_RECORDS {
        unreadable.push(Diagnostic::new(
            Rule::InputTooLarge,
            Severity::Error,
            format!(
                "{} TXT records were given; only the first {MAX_TXT_RECORDS} are checked",
                records.len()
            ),
        ));
    }
    for (index, strings) in records.iter().enumerate().take(MAX_TXT_RECORDS) {
        let joined = txt_fields::join(strings);
        if joined.text.len() > MAX_TXT_RECORD_BYTES {
            let mut sink = Sink::new(index, &joined.text);
            sink.push(
                Rule::InputTooLarge,
                Severity::Error,
                None,
                format!(
                    "record {} is {} bytes long, more than a DNS answer can hold \
                     ({MAX_TXT_RECORD_BYTES}); it is not checked",
                    index + 1,
                    joined.text.len()
                ),
            );
            unreadable.extend(sink.finish());
            continue;
        }
        if let Some(&first) = joined.boundaries.first() {
            let mut sink = Sink::new(index, &joined.text);
            sink.push(
                split_rule,
                Severity::Info,
                Some(first.saturating_sub(1)..(first + 1).min(joined.text.len())),
                format!(
                    "record {} is split into {} character-strings, which senders join as `{}`",
                    index + 1,
                    strings.len(),
                    txt_fields::show(&joined.text)
                ),
            );
            split.extend(sink.finish());
        }
        readable.push(Record { index, joined });
    }
    (readable, unreadable, split)
}

/// The first byte above 0x7F, if any.
pub(crate) fn first_non_ascii(text: &[u8]) -> Option<usize> {
    text.iter().position(|byte| !byte.is_ascii())
}

/// The range of the UTF-8 character (or lone byte) that starts at `at`.
pub(crate) fn char_range(text: &[u8], at: usize) -> std::ops::Range<usize> {
    let len = match text.get(at) {
        Some(0xC0..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF7) => 4,
        _ => 1,
    };
    at..(at + len).min(text.len())
}

/// With one valid record in effect, a look-alike that senders discard loses nothing more than
/// itself: its `version_rule` finding becomes a warning, not an error.
pub(crate) fn soften_lookalikes(diagnostics: &mut [Diagnostic], version_rule: Rule, kind: &str) {
    for diagnostic in diagnostics.iter_mut().filter(|d| d.rule == version_rule) {
        diagnostic.severity = Severity::Warning;
        diagnostic
            .message
            .push_str(&format!("; the valid {kind} record is used instead"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_record_starts() {
        let tag = b"v=STSv1";
        assert_eq!(
            classify(b"v=STSv1; id=1", tag),
            Start::Tag {
                whitespace: None,
                at: 7
            }
        );
        assert_eq!(
            classify(b"v=STSv1 \t; id=1", tag),
            Start::Tag {
                whitespace: Some(7..9),
                at: 9
            }
        );
        assert_eq!(classify(b"v=STSv12; id=1", tag), Start::LongerTag);
        assert_eq!(classify(b"v=STSv1", tag), Start::TagWithoutDelimiter);
        assert_eq!(classify(b"v=STSv1 id=1", tag), Start::TagWithoutDelimiter);
        assert_eq!(classify(b"id=1; v=STSv1", tag), Start::Misspelt);
        assert_eq!(classify(b"v=stsv1; id=1", tag), Start::Misspelt);
        assert_eq!(classify(b"v=spf1 -all", tag), Start::Unrelated);
    }
}
