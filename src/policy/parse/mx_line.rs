//! Reading one `mx` line: a host name, or `*.` and a domain (RFC 8461 §3.2), in A-labels.

use std::ops::Range;

use super::Reader;
use crate::diagnostic::Severity;
use crate::domain::{self, DomainError};
use crate::policy::MxPattern;
use crate::rule::Rule;
use crate::txt_fields::{self, show};

impl Reader<'_> {
    pub(super) fn read_mx(&mut self, value: Range<usize>) {
        self.mx_lines += 1;
        let text = &self.body[value.clone()];
        let shown = show(text);

        if text
            .iter()
            .any(|&b| b == b',' || txt_fields::is_whitespace(b))
        {
            self.sink.push(
                Rule::PolicyMxList,
                Severity::Error,
                Some(value),
                format!("`mx: {shown}` holds several patterns; senders read none of them"),
            );
            return;
        }
        if !text.is_ascii() {
            let help = match std::str::from_utf8(text).ok().and_then(a_label_form) {
                Some(a_label) => format!("Write `mx: {a_label}`."),
                None => Rule::PolicyMxULabel.help().to_owned(),
            };
            self.sink.push_with_help(
                Rule::PolicyMxULabel,
                Severity::Error,
                Some(value),
                format!("`mx: {shown}` is not in A-label form"),
                help,
            );
            return;
        }
        // `text` is ASCII, so this conversion keeps every byte.
        let text = String::from_utf8_lossy(text).into_owned();
        match parse_pattern(&text) {
            Ok(pattern) => {
                if !pattern.is_wildcard() && domain::is_dotted_ipv4(&text) {
                    self.sink.push(
                        Rule::PolicyMxIpAddress,
                        Severity::Warning,
                        Some(value.clone()),
                        format!("`mx: {shown}` is an IP address, which never matches an MX name"),
                    );
                }
                if pattern.is_wildcard() {
                    self.sink.push(
                        Rule::PolicyBroadWildcard,
                        Severity::Info,
                        Some(value.clone()),
                        format!(
                            "`mx: {shown}` accepts any host directly below `{}` that has a \
                             publicly trusted certificate",
                            pattern.domain()
                        ),
                    );
                }
                self.mx.push((pattern, value));
            }
            Err((offset, message)) => {
                let at = value.start + offset.min(text.len());
                let end = if at < value.end { at + 1 } else { value.end };
                self.sink.push(
                    Rule::PolicyMxPattern,
                    Severity::Error,
                    Some(if offset == usize::MAX { value } else { at..end }),
                    format!("`mx: {shown}`: {message}"),
                );
            }
        }
    }
}

/// Reads an ASCII `mx` value. On failure, returns the byte offset of the problem (or
/// `usize::MAX` for the value as a whole) and a message.
fn parse_pattern(text: &str) -> Result<MxPattern, (usize, String)> {
    if text.is_empty() {
        return Err((usize::MAX, "the pattern is empty".to_owned()));
    }
    if text == "*" {
        return Err((
            0,
            "a lone `*` is not a pattern; write `*.` and a domain".to_owned(),
        ));
    }
    if let Some(rest) = text.strip_prefix('.') {
        return Err((
            0,
            format!("a leading dot is the syntax of drafts before RFC 8461; write `*.{rest}`"),
        ));
    }
    let (wildcard, name, offset) = match text.strip_prefix("*.") {
        Some(rest) => (true, rest, 2),
        None => (false, text, 0),
    };
    if let Some(at) = name.find('*') {
        let message = if at == 0 || !wildcard && at < name.find('.').unwrap_or(name.len()) {
            "a wildcard must be the whole first label, followed by a dot (`*.example.com`)"
        } else {
            "a wildcard may only be the whole first label"
        };
        return Err((offset + at, message.to_owned()));
    }
    match domain::check_domain(name) {
        Ok(()) => Ok(if wildcard {
            MxPattern::wildcard(name)
        } else {
            MxPattern::exact(name)
        }),
        Err(error @ DomainError::TrailingDot { .. }) => Err((
            offset + error.offset(),
            format!("{error}; a policy writes names without the root dot"),
        )),
        Err(error @ (DomainError::Empty | DomainError::NameTooLong { .. })) => {
            Err((usize::MAX, error.to_string()))
        }
        Err(error) => Err((offset + error.offset(), error.to_string())),
    }
}

/// The A-label form of a U-label pattern, keeping a leading `*.`.
fn a_label_form(text: &str) -> Option<String> {
    match text.strip_prefix("*.") {
        Some(rest) => domain::to_a_labels(rest).map(|a| format!("*.{a}")),
        None => domain::to_a_labels(text),
    }
}
