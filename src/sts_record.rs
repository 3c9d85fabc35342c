//! The MTA-STS TXT record at `_mta-sts.<domain>` (RFC 8461 §3.1), checked as the RRset a
//! sender sees.
//!
//! ```text
//! sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
//! sts-field       = sts-id / sts-extension
//! sts-field-delim = *WSP ";" *WSP
//! sts-version     = %s"v=STSv1"
//! sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
//! sts-extension   = sts-ext-name "=" sts-ext-value
//! sts-ext-name    = (ALPHA / DIGIT) 0*31(ALPHA / DIGIT / "_" / "-" / ".")
//! sts-ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)
//! ```

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Severity, Sink, Verdict};
use crate::rrset::{self, Record, Start};
use crate::rule::Rule;
use crate::txt_fields::{self, RawField, show};

const VERSION_TAG: &[u8] = b"v=STSv1";

/// The longest `id` the grammar allows.
const MAX_ID_LEN: usize = 32;

/// The record senders use, when exactly one valid record is published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StsRecord {
    /// The policy id: 1 to 32 ASCII letters and digits.
    pub id: String,
    /// Well-formed extension fields, in order, which senders ignore.
    pub extensions: Vec<(String, String)>,
}

/// What a sender makes of the `_mta-sts` RRset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StsRecordCheck {
    /// The record in effect, if senders find exactly one valid record.
    pub record: Option<StsRecord>,
    /// Which input that record is.
    pub record_index: Option<usize>,
    /// Every finding, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl StsRecordCheck {
    /// The verdict over all findings.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.diagnostics)
    }
}

/// Checks the TXT records found at `_mta-sts.<domain>`: each record is given as the
/// character-strings DNS returned, in order.
pub fn check_sts_records(records: &[Vec<Vec<u8>>]) -> StsRecordCheck {
    let (readable, mut diagnostics, split) = rrset::read(records, Rule::StsRecordSplit);
    diagnostics.extend(split);

    if records.is_empty() {
        diagnostics.push(Diagnostic::new(
            Rule::StsRecordAbsent,
            Severity::Error,
            "there is no TXT record at `_mta-sts`: senders do not use MTA-STS for this domain",
        ));
        return StsRecordCheck {
            record: None,
            record_index: None,
            diagnostics,
        };
    }

    let mut candidates = Vec::new();
    for record in &readable {
        let mut sink = Sink::new(record.index, &record.joined.text);
        if let Some(parsed) = check_one(record, &mut sink) {
            candidates.push((record.index, parsed));
        }
        diagnostics.extend(sink.finish());
    }

    let count = candidates.len();
    let (record, record_index) = match count {
        0 => {
            diagnostics.push(Diagnostic::new(
                Rule::StsRecordCount,
                Severity::Error,
                "no TXT record begins with `v=STSv1;`: senders act as if the domain has no \
                 MTA-STS policy",
            ));
            (None, None)
        }
        1 => {
            let (index, parsed) = candidates.remove(0);
            if parsed.is_some() {
                rrset::soften_lookalikes(&mut diagnostics, Rule::StsVersion, "MTA-STS");
            }
            (parsed, Some(index))
        }
        _ => {
            let numbers: Vec<String> = candidates
                .iter()
                .map(|(index, _)| (index + 1).to_string())
                .collect();
            diagnostics.push(Diagnostic::new(
                Rule::StsRecordCount,
                Severity::Error,
                format!(
                    "{count} records begin with `v=STSv1;` (records {}): senders act as if the \
                     domain has no MTA-STS policy",
                    numbers.join(", ")
                ),
            ));
            (None, None)
        }
    };
    StsRecordCheck {
        record,
        record_index,
        diagnostics,
    }
}

/// Judges one record. Returns `None` when senders discard it, and `Some(None)` when it counts
/// as an MTA-STS record but is invalid.
fn check_one(record: &Record, sink: &mut Sink<'_>) -> Option<Option<StsRecord>> {
    let text = &record.joined.text;
    let number = record.index + 1;

    let delimiter = match rrset::classify(text, VERSION_TAG) {
        Start::Tag { whitespace, at } => {
            if let Some(range) = whitespace {
                sink.push(
                    Rule::StsSpaceBeforeDelimiter,
                    Severity::Warning,
                    Some(range),
                    "whitespace between `v=STSv1` and `;`: the grammar allows it, but senders \
                     that test for the prefix `v=STSv1;` discard the record",
                );
            }
            at
        }
        Start::LongerTag => {
            let end = text
                .iter()
                .position(|&b| b == b';' || b == b' ')
                .unwrap_or(text.len());
            sink.push(
                Rule::StsVersion,
                Severity::Error,
                Some(0..end),
                format!(
                    "record {number} begins with `{}`, not `v=STSv1`: senders discard it",
                    show(&text[..end])
                ),
            );
            return None;
        }
        Start::TagWithoutDelimiter => {
            sink.push(
                Rule::StsRecordDiscarded,
                Severity::Warning,
                Some(0..text.len()),
                format!(
                    "record {number} begins with `v=STSv1` but no `;` follows it: senders \
                     discard it"
                ),
            );
            return None;
        }
        Start::Misspelt => {
            report_misplaced_version(text, number, sink);
            return None;
        }
        Start::Unrelated => {
            sink.push(
                Rule::StsRecordDiscarded,
                Severity::Info,
                Some(0..text.len()),
                format!("record {number} is not an MTA-STS record and is ignored"),
            );
            return None;
        }
    };

    if let Some(at) = rrset::first_non_ascii(text) {
        sink.push(
            Rule::StsNonAscii,
            Severity::Error,
            Some(rrset::char_range(text, at)),
            format!("record {number} contains a non-ASCII character"),
        );
    }

    let mut fields_end = text.len();
    if let Some(range) = txt_fields::stray_trailing_whitespace(text) {
        fields_end = range.start;
        sink.push(
            Rule::StsFieldSyntax,
            Severity::Error,
            Some(range),
            "whitespace at the end of the record: the grammar allows it only around a `;`",
        );
    }
    let fields = txt_fields::split_fields(&text[..fields_end], delimiter);
    for &at in &fields.empty_fields {
        sink.push(
            Rule::StsEmptyField,
            Severity::Error,
            Some(at..at + 1),
            "empty field: two `;` with nothing between them",
        );
    }

    let mut id: Option<Result<String, ()>> = None;
    let mut extensions: Vec<(String, String)> = Vec::new();
    let mut seen_names: HashSet<&[u8]> = HashSet::new();
    for field in &fields.fields {
        let name = &text[field.name()];
        if seen_names.contains(name) {
            sink.push(
                Rule::StsDuplicateField,
                Severity::Warning,
                Some(field.range.clone()),
                format!("`{}` is repeated: only its first value counts", show(name)),
            );
            continue;
        }
        if let Some(name) = check_field_shape(text, field, sink) {
            seen_names.insert(name);
            if name == b"id" {
                id = Some(check_id(text, field, sink));
            } else if name == b"v" {
                sink.push(
                    Rule::StsDuplicateField,
                    Severity::Warning,
                    Some(field.range.clone()),
                    "`v` is repeated: only the version at the start counts",
                );
            } else if let Some(extension) = check_extension(text, field, sink) {
                extensions.push(extension);
            }
        } else {
            seen_names.insert(name);
        }
    }

    let id = match id {
        Some(Ok(id)) => Some(id),
        Some(Err(())) => None,
        None => {
            let case_hint = fields
                .fields
                .iter()
                .find(|field| text[field.name()].eq_ignore_ascii_case(b"id"))
                .map(|field| {
                    format!(
                        " (`{}=` is not `id=`: field names are case-sensitive)",
                        show(&text[field.name()])
                    )
                })
                .unwrap_or_default();
            sink.push(
                Rule::StsId,
                Severity::Error,
                Some(text.len()..text.len()),
                format!("record {number} has no `id` field{case_hint}"),
            );
            None
        }
    };
    Some(id.map(|id| StsRecord { id, extensions }))
}

/// Reports a record that mentions `STSv1` but does not begin with the exact tag.
fn report_misplaced_version(text: &[u8], number: usize, sink: &mut Sink<'_>) {
    let first_end = text.iter().position(|&b| b == b';').unwrap_or(text.len());
    let first = &text[..first_end];
    let message = if first.len() >= VERSION_TAG.len()
        && first[..VERSION_TAG.len()].eq_ignore_ascii_case(VERSION_TAG)
    {
        format!(
            "record {number} begins with `{}`: the version must be exactly `v=STSv1` (the case \
             matters), so senders discard the record",
            show(&first[..VERSION_TAG.len()])
        )
    } else {
        format!(
            "record {number} does not begin with `v=STSv1`: the version must be the first \
             field, so senders discard the record"
        )
    };
    sink.push(
        Rule::StsVersion,
        Severity::Error,
        Some(0..first_end),
        message,
    );
}

/// Checks that a field is `name=value` with no whitespace around `=`. Returns the name when
/// the field can be read further.
fn check_field_shape<'t>(
    text: &'t [u8],
    field: &RawField,
    sink: &mut Sink<'_>,
) -> Option<&'t [u8]> {
    let Some(equals) = field.equals else {
        sink.push(
            Rule::StsFieldSyntax,
            Severity::Error,
            Some(field.range.clone()),
            format!("field `{}` has no `=`", show(&text[field.range.clone()])),
        );
        return None;
    };
    let name = &text[field.name()];
    if !txt_fields::equals_without_whitespace(text, field, equals, Rule::StsFieldSyntax, sink) {
        return None;
    }
    Some(name)
}

/// Checks the `id` value: 1 to 32 ASCII letters and digits.
fn check_id(text: &[u8], field: &RawField, sink: &mut Sink<'_>) -> Result<String, ()> {
    let range = field.value();
    let value = &text[range.clone()];
    let problem = if value.is_empty() {
        Some((range.clone(), "`id` is empty".to_owned()))
    } else if let Some(at) = value.iter().position(|b| !b.is_ascii_alphanumeric()) {
        let bad = rrset::char_range(text, range.start + at);
        Some((
            bad.clone(),
            format!(
                "`id={}` contains `{}`: an id may hold only ASCII letters and digits",
                show(value),
                show(&text[bad])
            ),
        ))
    } else if value.len() > MAX_ID_LEN {
        Some((
            range.start + MAX_ID_LEN..range.end,
            format!(
                "`id` is {} characters long; at most {MAX_ID_LEN} are allowed",
                value.len()
            ),
        ))
    } else {
        None
    };
    match problem {
        Some((range, message)) => {
            sink.push(Rule::StsId, Severity::Error, Some(range), message);
            Err(())
        }
        None => Ok(String::from_utf8_lossy(value).into_owned()),
    }
}

/// Checks an extension field's name and value; returns it when well formed.
fn check_extension(text: &[u8], field: &RawField, sink: &mut Sink<'_>) -> Option<(String, String)> {
    let name = &text[field.name()];
    let value_range = field.value();
    let value = &text[value_range.clone()];
    if !txt_fields::is_extension_name(name) {
        sink.push(
            Rule::StsExtensionName,
            Severity::Error,
            Some(field.name()),
            format!("`{}` is not a valid field name", show(name)),
        );
        return None;
    }
    if value.is_empty() {
        sink.push(
            Rule::StsFieldSyntax,
            Severity::Error,
            Some(field.range.clone()),
            format!("field `{}` has an empty value", show(name)),
        );
        return None;
    }
    if let Some(at) = txt_fields::first_bad_extension_value_byte(value) {
        let bad = rrset::char_range(text, value_range.start + at);
        sink.push(
            Rule::StsFieldSyntax,
            Severity::Error,
            Some(bad.clone()),
            format!(
                "the value of `{}` contains {}, which field values may not hold",
                show(name),
                describe_bytes(&text[bad])
            ),
        );
        return None;
    }
    // Both are printable ASCII here, so the text is kept exactly as written.
    let (name, value) = (
        String::from_utf8_lossy(name).into_owned(),
        String::from_utf8_lossy(value).into_owned(),
    );
    sink.push(
        Rule::StsUnknownField,
        Severity::Info,
        Some(field.range.clone()),
        format!("`{name}={value}` is not an MTA-STS field; senders ignore it"),
    );
    Some((name, value))
}

/// Names the bytes of one character for a message.
pub(crate) fn describe_bytes(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(character) => crate::domain::describe_char(character),
        None => format!("the byte 0x{:02X}", bytes.first().copied().unwrap_or(0)),
    }
}
