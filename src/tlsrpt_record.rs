//! The TLS-RPT TXT record at `_smtp._tls.<domain>` (RFC 8460 §3), checked as the RRset a
//! reporter sees.
//!
//! ```text
//! tlsrpt-record     = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
//! field-delim       = *WSP ";" *WSP
//! tlsrpt-field      = tlsrpt-rua / tlsrpt-extension
//! tlsrpt-version    = %s"v=TLSRPTv1"
//! tlsrpt-rua        = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
//! tlsrpt-uri        = URI   ; "," "!" and ";" percent-encoded
//! tlsrpt-extension  = tlsrpt-ext-name "=" tlsrpt-ext-value
//! tlsrpt-ext-name   = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
//! tlsrpt-ext-value  = 1*(%x21-3A / %x3C / %x3E-7E)
//! ```

use std::ops::Range;

pub use crate::report_uri::ReportDestination;

use crate::diagnostic::{Diagnostic, Severity, Sink, Verdict};
use crate::report_uri::{self, UriProblem};
use crate::rrset::{self, Record, Start};
use crate::rule::Rule;
use crate::sts_record::describe_bytes;
use crate::txt_fields::{self, RawField, show};

const VERSION_TAG: &[u8] = b"v=TLSRPTv1";

/// The record reporters use, when exactly one record with a usable destination is published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsRptRecord {
    /// Every usable destination of every `rua` field, in order.
    pub destinations: Vec<ReportDestination>,
    /// Well-formed extension fields, in order, which reporters ignore.
    pub extensions: Vec<(String, String)>,
}

/// What a reporter makes of the `_smtp._tls` RRset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsRptRecordCheck {
    /// The record in effect, if reporters find exactly one with a usable destination.
    pub record: Option<TlsRptRecord>,
    /// Which input that record is.
    pub record_index: Option<usize>,
    /// Every finding, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl TlsRptRecordCheck {
    /// The verdict over all findings.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.diagnostics)
    }
}

/// Checks the TXT records found at `_smtp._tls.<domain>`: each record is given as the
/// character-strings DNS returned, in order.
pub fn check_tlsrpt_records(records: &[Vec<Vec<u8>>]) -> TlsRptRecordCheck {
    let (readable, mut diagnostics, split) = rrset::read(records, Rule::TlsRptRecordSplit);
    diagnostics.extend(split);

    if records.is_empty() {
        diagnostics.push(Diagnostic::new(
            Rule::TlsRptRecordAbsent,
            Severity::Info,
            "there is no TXT record at `_smtp._tls`: nobody receives reports of failed TLS \
             sessions",
        ));
        return TlsRptRecordCheck {
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

    let (record, record_index) = match candidates.len() {
        0 => {
            diagnostics.push(Diagnostic::new(
                Rule::TlsRptRecordCount,
                Severity::Error,
                "no TXT record begins with `v=TLSRPTv1;`: reporters send no reports",
            ));
            (None, None)
        }
        1 => {
            let (index, parsed) = candidates.remove(0);
            if parsed.is_some() {
                rrset::soften_lookalikes(&mut diagnostics, Rule::TlsRptVersion, "TLS-RPT");
            }
            (parsed, Some(index))
        }
        count => {
            diagnostics.push(Diagnostic::new(
                Rule::TlsRptRecordCount,
                Severity::Error,
                format!(
                    "{count} records begin with `v=TLSRPTv1;`: reporters treat the domain as \
                     not using TLS-RPT"
                ),
            ));
            (None, None)
        }
    };
    TlsRptRecordCheck {
        record,
        record_index,
        diagnostics,
    }
}

/// Judges one record. Returns `None` when reporters discard it, and `Some(None)` when it counts
/// as a TLS-RPT record but has no usable destination.
fn check_one(record: &Record, sink: &mut Sink<'_>) -> Option<Option<TlsRptRecord>> {
    let text = &record.joined.text;
    let number = record.index + 1;

    let delimiter = match rrset::classify(text, VERSION_TAG) {
        Start::Tag { whitespace, at } => {
            if let Some(range) = whitespace {
                sink.push(
                    Rule::TlsRptSpaceBeforeDelimiter,
                    Severity::Warning,
                    Some(range),
                    "whitespace between `v=TLSRPTv1` and `;`: the grammar allows it, but \
                     reporters that test for the prefix `v=TLSRPTv1;` discard the record",
                );
            }
            at
        }
        Start::LongerTag | Start::TagWithoutDelimiter | Start::Misspelt => {
            let end = text.iter().position(|&b| b == b';').unwrap_or(text.len());
            sink.push(
                Rule::TlsRptVersion,
                Severity::Error,
                Some(0..end),
                format!(
                    "record {number} does not begin with exactly `v=TLSRPTv1;` (found `{}`): \
                     reporters discard it",
                    show(&text[..end])
                ),
            );
            return None;
        }
        Start::Unrelated => return None,
    };

    if let Some(at) = rrset::first_non_ascii(text) {
        sink.push(
            Rule::TlsRptNonAscii,
            Severity::Error,
            Some(rrset::char_range(text, at)),
            format!("record {number} contains a non-ASCII character"),
        );
    }

    let mut fields_end = text.len();
    if let Some(range) = txt_fields::stray_trailing_whitespace(text) {
        fields_end = range.start;
        sink.push(
            Rule::TlsRptFieldSyntax,
            Severity::Error,
            Some(range),
            "whitespace at the end of the record: the grammar allows it only around a `;`",
        );
    }
    let fields = txt_fields::split_fields(&text[..fields_end], delimiter);
    for &at in &fields.empty_fields {
        sink.push(
            Rule::TlsRptFieldSyntax,
            Severity::Error,
            Some(at..at + 1),
            "empty field: two `;` with nothing between them",
        );
    }

    let mut destinations: Vec<(Range<usize>, Result<ReportDestination, UriProblem>)> = Vec::new();
    let mut extensions = Vec::new();
    let mut rua_fields = 0;
    for field in &fields.fields {
        let Some(name) = check_field_shape(text, field, sink) else {
            continue;
        };
        if name == b"rua" {
            rua_fields += 1;
            if rua_fields == 2 {
                sink.push(
                    Rule::TlsRptRuaRepeated,
                    Severity::Info,
                    Some(field.range.clone()),
                    "several `rua` fields: reporters may use the destinations of any or all",
                );
            }
            destinations.extend(split_destinations(text, field.value()));
        } else if let Some(extension) = check_extension(text, field, sink) {
            extensions.push(extension);
        }
    }

    if rua_fields == 0 {
        sink.push(
            Rule::TlsRptRuaMissing,
            Severity::Error,
            Some(text.len()..text.len()),
            format!("record {number} has no `rua` field, so reports have nowhere to go"),
        );
        return Some(None);
    }

    let usable: Vec<ReportDestination> = destinations
        .iter()
        .filter_map(|(_, parsed)| parsed.as_ref().ok().cloned())
        .collect();
    for (range, parsed) in &destinations {
        if let Err(problem) = parsed {
            report_problem(text, range, problem, usable.is_empty(), sink);
        }
    }
    if usable.is_empty() {
        return Some(None);
    }
    Some(Some(TlsRptRecord {
        destinations: usable,
        extensions,
    }))
}

/// Splits a `rua` value at commas (with optional whitespace around them) and reads each URI.
fn split_destinations(
    text: &[u8],
    value: Range<usize>,
) -> Vec<(Range<usize>, Result<ReportDestination, UriProblem>)> {
    let mut found = Vec::new();
    let mut start = value.start;
    loop {
        let end = text[start..value.end]
            .iter()
            .position(|&b| b == b',')
            .map_or(value.end, |n| start + n);
        let mut uri = start..end;
        while uri.start < uri.end && txt_fields::is_whitespace(text[uri.start]) {
            uri.start += 1;
        }
        while uri.end > uri.start && txt_fields::is_whitespace(text[uri.end - 1]) {
            uri.end -= 1;
        }
        let parsed = report_uri::parse(&String::from_utf8_lossy(&text[uri.clone()]));
        found.push((uri, parsed));
        if end == value.end {
            return found;
        }
        start = end + 1;
    }
}

/// Reports one unusable destination under the rule that fits it.
fn report_problem(
    text: &[u8],
    range: &Range<usize>,
    problem: &UriProblem,
    none_usable: bool,
    sink: &mut Sink<'_>,
) {
    let uri = show(&text[range.clone()]);
    let at = |offset: usize| Some(range.start + offset..range.start + offset + 1);
    match problem {
        UriProblem::Empty => sink.push(
            Rule::TlsRptUriSyntax,
            Severity::Error,
            Some(range.start.saturating_sub(1)..range.end.max(range.start)),
            "empty destination in `rua`",
        ),
        UriProblem::Bang {
            at: offset,
            size_suffix,
        } => sink.push(
            Rule::TlsRptUriSyntax,
            Severity::Error,
            Some(range.start + offset..range.end),
            if *size_suffix {
                format!("`{uri}` ends in a DMARC-style size limit, which TLS-RPT does not have")
            } else {
                format!("`{uri}` contains an unencoded `!`; write it as `%21`")
            },
        ),
        UriProblem::Character {
            at: offset,
            character,
        } => sink.push(
            Rule::TlsRptUriSyntax,
            Severity::Error,
            at(*offset),
            format!(
                "`{uri}` contains {}, which a URI cannot hold{}",
                crate::domain::describe_char(*character),
                if *character == ' ' {
                    "; separate destinations with `,`"
                } else {
                    ""
                }
            ),
        ),
        UriProblem::PercentEscape { at: offset } => sink.push(
            Rule::TlsRptUriSyntax,
            Severity::Error,
            at(*offset),
            format!("`{uri}` has a `%` that is not followed by two hexadecimal digits"),
        ),
        UriProblem::NoScheme => sink.push_with_help(
            Rule::TlsRptRuaScheme,
            scheme_severity(none_usable),
            Some(range.clone()),
            format!("`{uri}` has no scheme"),
            if uri.contains('@') {
                format!("Write `rua=mailto:{uri}`.")
            } else {
                Rule::TlsRptRuaScheme.help().to_owned()
            },
        ),
        UriProblem::Scheme { scheme } => sink.push(
            Rule::TlsRptRuaScheme,
            scheme_severity(none_usable),
            Some(range.start..range.start + scheme.len()),
            format!(
                "`{scheme}:` is not a TLS-RPT destination scheme; only `mailto:` and `https:` are"
            ),
        ),
        UriProblem::MailAddress { detail } => sink.push(
            Rule::TlsRptUriTarget,
            Severity::Error,
            Some(range.clone()),
            format!("`{uri}` is not a usable mail address: {detail}"),
        ),
        UriProblem::HttpsHost { detail } => sink.push(
            Rule::TlsRptUriTarget,
            Severity::Error,
            Some(range.clone()),
            format!("`{uri}` is not a usable HTTPS endpoint: {detail}"),
        ),
    }
}

const fn scheme_severity(none_usable: bool) -> Severity {
    if none_usable {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// Checks that a field is `name=value` with no whitespace around `=`. Returns the name when
/// the field can be read further.
fn check_field_shape<'t>(
    text: &'t [u8],
    field: &RawField,
    sink: &mut Sink<'_>,
) -> Option<&'t [u8]> {
    let whole = &text[field.range.clone()];
    let Some(equals) = field.equals else {
        let looks_like_uri =
            whole.starts_with(b"mailto:") || whole.starts_with(b"https:") || whole.contains(&b'@');
        if looks_like_uri {
            sink.push(
                Rule::TlsRptRuaSemicolon,
                Severity::Error,
                Some(field.range.clone()),
                format!(
                    "`{}` follows a `;`, which ends the `rua` field: separate destinations \
                     with `,`",
                    show(whole)
                ),
            );
        } else {
            sink.push(
                Rule::TlsRptFieldSyntax,
                Severity::Error,
                Some(field.range.clone()),
                format!("field `{}` has no `=`", show(whole)),
            );
        }
        return None;
    };
    let name = &text[field.name()];
    if !txt_fields::equals_without_whitespace(text, field, equals, Rule::TlsRptFieldSyntax, sink) {
        return None;
    }
    Some(name)
}

/// Checks an extension field's name and value; returns it when well formed.
fn check_extension(text: &[u8], field: &RawField, sink: &mut Sink<'_>) -> Option<(String, String)> {
    let name = &text[field.name()];
    let value_range = field.value();
    let value = &text[value_range.clone()];
    if !txt_fields::is_extension_name(name) {
        sink.push(
            Rule::TlsRptExtension,
            Severity::Error,
            Some(field.name()),
            format!("`{}` is not a valid field name", show(name)),
        );
        return None;
    }
    let bad = if value.is_empty() {
        Some(("an empty value".to_owned(), field.range.clone()))
    } else {
        txt_fields::first_bad_extension_value_byte(value).map(|at| {
            let bad = rrset::char_range(text, value_range.start + at);
            (describe_bytes(&text[bad.clone()]), bad)
        })
    };
    if let Some((what, range)) = bad {
        sink.push(
            Rule::TlsRptExtension,
            Severity::Error,
            Some(range),
            format!(
                "the value of `{}` has {what}, which field values may not hold",
                show(name)
            ),
        );
        return None;
    }
    // Both are printable ASCII here, so the text is kept exactly as written.
    let (name, value) = (
        String::from_utf8_lossy(name).into_owned(),
        String::from_utf8_lossy(value).into_owned(),
    );
    let hint = if name.eq_ignore_ascii_case("rua") {
        " (field names are case-sensitive: write `rua`)"
    } else {
        ""
    };
    sink.push(
        Rule::TlsRptExtension,
        Severity::Info,
        Some(field.range.clone()),
        format!("`{name}={value}` is not a TLS-RPT field; reporters ignore it{hint}"),
    );
    Some((name, value))
}
