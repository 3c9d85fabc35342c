//! Reads a policy body line by line, reporting every problem and recovering after each one, and
//! builds the policy a sender would apply.
//!
//! ```text
//! sts-policy-record        = sts-policy-field *WSP
//!                            *(sts-policy-term sts-policy-field *WSP)
//!                            [sts-policy-term]
//! sts-policy-field         = sts-policy-version / sts-policy-mode / sts-policy-max-age /
//!                            sts-policy-mx / sts-policy-extension
//! sts-policy-field-delim   = ":" *WSP
//! sts-policy-version-value = %s"STSv1"
//! sts-policy-mode-value    = %s"testing" / %s"enforce" / %s"none"
//! sts-policy-mx-value      = ["*."] Domain
//! sts-policy-max-age-value = 1*10(DIGIT)
//! sts-policy-ext-name      = (sts-policy-alphanum) 0*31(sts-policy-alphanum / "_" / "-" / ".")
//! sts-policy-ext-value     = sts-policy-vchar [*(%x20 / sts-policy-vchar) sts-policy-vchar]
//! sts-policy-term          = LF / CRLF
//! ```

use std::collections::HashMap;
use std::ops::Range;

use super::{
    MAX_AGE_LIMIT, MAX_POLICY_BYTES, Mode, MxPattern, Policy, PolicyCheck, SENDER_POLICY_CAP_BYTES,
};
use crate::diagnostic::{Severity, Sink};
use crate::domain;
use crate::rule::Rule;
use crate::txt_fields::{self, show};

mod advice;
mod mx_line;

const REGISTERED_KEYS: [&str; 4] = ["version", "mode", "max_age", "mx"];
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Checks a policy body as served at `/.well-known/mta-sts.txt`.
///
/// Every line is read even after errors, so one pass reports every problem. The returned
/// policy is what a sender applies when the body gives it one.
pub fn check_policy(body: &[u8]) -> PolicyCheck {
    let mut sink = Sink::new(0, body);
    if body.len() > MAX_POLICY_BYTES {
        sink.push(
            Rule::InputTooLarge,
            Severity::Error,
            None,
            format!(
                "the policy is {} bytes long; the checker reads at most {MAX_POLICY_BYTES} \
                 bytes, and senders stop at {SENDER_POLICY_CAP_BYTES}",
                body.len()
            ),
        );
        return PolicyCheck {
            policy: None,
            mx_spans: Vec::new(),
            diagnostics: sink.finish(),
        };
    }

    let mut reader = Reader::new(body, sink);
    reader.read_lines();
    reader.finish()
}

/// A field's first occurrence: where its line is and what it held.
#[derive(Clone, Debug)]
struct First<T> {
    line: usize,
    range: Range<usize>,
    value: Option<T>,
}

/// The state of one pass over a body.
struct Reader<'a> {
    body: &'a [u8],
    /// The offset after the last byte that is not a line terminator.
    content_end: usize,
    sink: Sink<'a>,
    line_number: usize,
    lf_lines: usize,
    crlf_lines: usize,
    version: Option<First<()>>,
    mode: Option<First<Mode>>,
    max_age: Option<First<u32>>,
    mx_lines: usize,
    mx: Vec<(MxPattern, Range<usize>)>,
    extensions: Vec<(String, String)>,
    seen_extensions: HashMap<Vec<u8>, usize>,
    case_variants: Vec<String>,
}

impl<'a> Reader<'a> {
    fn new(body: &'a [u8], sink: Sink<'a>) -> Self {
        let content_end = body
            .iter()
            .rposition(|&b| b != b'\r' && b != b'\n')
            .map_or(0, |at| at + 1);
        Self {
            body,
            content_end,
            sink,
            line_number: 0,
            lf_lines: 0,
            crlf_lines: 0,
            version: None,
            mode: None,
            max_age: None,
            mx_lines: 0,
            mx: Vec::new(),
            extensions: Vec::new(),
            seen_extensions: HashMap::new(),
            case_variants: Vec::new(),
        }
    }

    fn read_lines(&mut self) {
        let body = self.body;
        if body.len() > SENDER_POLICY_CAP_BYTES {
            self.sink.push(
                Rule::PolicyTooLarge,
                Severity::Warning,
                Some(SENDER_POLICY_CAP_BYTES..body.len()),
                format!(
                    "the policy is {} bytes long; senders may stop reading at \
                     {SENDER_POLICY_CAP_BYTES} bytes",
                    body.len()
                ),
            );
        }
        if body.starts_with(BOM) {
            self.sink.push(
                Rule::PolicyBomOrNul,
                Severity::Error,
                Some(0..BOM.len()),
                "the body begins with a byte order mark: the first key becomes \
                 `\u{FEFF}version`, so senders find no `version`",
            );
        }

        let mut start = 0;
        while start < body.len() {
            self.line_number += 1;
            let (end, next) = match body[start..].iter().position(|&b| b == b'\n') {
                Some(n) => (start + n, start + n + 1),
                None => (body.len(), body.len()),
            };
            let has_lf = end < body.len();
            let content_end = if has_lf && end > start && body[end - 1] == b'\r' {
                self.crlf_lines += 1;
                end - 1
            } else {
                if has_lf {
                    self.lf_lines += 1;
                }
                end
            };
            self.read_line(start..content_end);
            start = next;
        }
        if body.is_empty() {
            self.line_number = 0;
        }
    }

    /// Reads one line, `range` being its bytes without the line terminator.
    fn read_line(&mut self, range: Range<usize>) {
        let body = self.body;
        let mut range = range;
        if range.start == 0 && body.starts_with(BOM) {
            range.start = BOM.len().min(range.end);
            // The key of this line is corrupt for a sender: keep reading for other problems,
            // but do not count it.
            self.read_corrupt_first_line(range);
            return;
        }

        // A CR on its own does not end a line: what follows it belongs to this line, and
        // strict senders reject it. Read only what comes before it.
        if let Some(n) = body[range.clone()].iter().position(|&b| b == b'\r') {
            let at = range.start + n;
            self.sink.push(
                Rule::PolicyLineEnding,
                Severity::Error,
                Some(at..at + 1),
                "a carriage return (CR) without a line feed: it does not end the line, so what \
                 follows it is part of this line",
            );
            range.end = at;
        }
        if let Some(n) = body[range.clone()].iter().position(|&b| b == 0) {
            let at = range.start + n;
            self.sink.push(
                Rule::PolicyBomOrNul,
                Severity::Error,
                Some(at..at + 1),
                "a NUL byte: policies are text, and senders reject it",
            );
        }
        if let Err(error) = std::str::from_utf8(&body[range.clone()]) {
            let at = range.start + error.valid_up_to();
            self.sink.push(
                Rule::PolicyNotUtf8,
                Severity::Error,
                Some(at..at + error.error_len().unwrap_or(1)),
                format!("the byte 0x{:02X} is not valid UTF-8", body[at]),
            );
        }

        let line = &body[range.clone()];
        if line.iter().all(|&b| txt_fields::is_whitespace(b)) {
            let what = if self.is_last_line(range.end) {
                "an empty line at the end: the body ends with more than one line break"
            } else {
                "an empty line: blank lines are not allowed between fields"
            };
            self.sink.push(
                Rule::PolicyLineLayout,
                Severity::Error,
                Some(range.start..range.end.max(range.start + 1).min(body.len())),
                what,
            );
            return;
        }

        let leading = line
            .iter()
            .take_while(|&&b| txt_fields::is_whitespace(b))
            .count();
        if leading > 0 {
            self.sink.push(
                Rule::PolicyLineLayout,
                Severity::Error,
                Some(range.start..range.start + leading),
                "whitespace before the key: a key must start its line. Strict senders reject \
                 the whole policy; lenient ones read the line without the whitespace, as here",
            );
            range.start += leading;
        }
        self.read_field(range);
    }

    /// Whether the line ending at `end` is the last (only terminators follow it).
    fn is_last_line(&self, end: usize) -> bool {
        end >= self.content_end
    }

    fn read_corrupt_first_line(&mut self, range: Range<usize>) {
        let line = &self.body[range.clone()];
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            let key = show(&line[..colon]);
            if REGISTERED_KEYS.contains(&key.as_str()) {
                return;
            }
        }
        self.read_field(range);
    }

    /// Reads `key: value` from a line that starts with its key.
    fn read_field(&mut self, range: Range<usize>) {
        let body = self.body;
        let line = &body[range.clone()];
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            let message = match line.iter().position(|&b| b == b'=') {
                Some(_) => format!("`{}` uses `=`; policy lines use `key: value`", show(line)),
                None => format!("`{}` is not a `key: value` line", show(line)),
            };
            self.sink.push(
                Rule::PolicyLineSyntax,
                Severity::Error,
                Some(range),
                message,
            );
            return;
        };

        let mut key_range = range.start..range.start + colon;
        let trailing = body[key_range.clone()]
            .iter()
            .rev()
            .take_while(|&&b| txt_fields::is_whitespace(b))
            .count();
        if trailing > 0 {
            self.sink.push(
                Rule::PolicyLineSyntax,
                Severity::Error,
                Some(key_range.end - trailing..key_range.end + 1),
                format!(
                    "whitespace between `{}` and `:`: the colon must follow the key directly",
                    show(&body[key_range.start..key_range.end - trailing])
                ),
            );
            key_range.end -= trailing;
        }

        let value_start = txt_fields::skip_whitespace(body, key_range.end + trailing + 1);
        let mut value_end = range.end;
        while value_end > value_start && txt_fields::is_whitespace(body[value_end - 1]) {
            value_end -= 1;
        }
        if value_end < range.end {
            self.sink.push(
                Rule::PolicyTrailingWhitespace,
                Severity::Info,
                Some(value_end..range.end),
                "trailing whitespace, which senders strip before reading the value",
            );
        }
        let value_range = value_start.max(key_range.end + 1)..value_end.max(value_start);

        let key = &body[key_range.clone()];
        if !txt_fields::is_extension_name(key) {
            self.sink.push(
                Rule::PolicyExtensionName,
                Severity::Error,
                Some(key_range.clone()),
                format!("`{}` is not a valid key", show(key)),
            );
            return;
        }
        match key {
            b"version" => self.read_version(key_range, value_range),
            b"mode" => self.read_mode(key_range, value_range),
            b"max_age" => self.read_max_age(key_range, value_range),
            b"mx" => self.read_mx(value_range),
            _ => self.read_extension(key_range, value_range),
        }
    }

    /// Reports a repeated key; returns whether this occurrence is the first.
    fn first_occurrence(&mut self, seen_at: Option<usize>, key: &str, range: Range<usize>) -> bool {
        match seen_at {
            Some(line) => {
                self.sink.push(
                    Rule::PolicyDuplicateKey,
                    Severity::Warning,
                    Some(range),
                    format!(
                        "`{key}` is repeated: senders use its first occurrence, on line {line}"
                    ),
                );
                false
            }
            None => true,
        }
    }

    fn read_version(&mut self, key: Range<usize>, value: Range<usize>) {
        let line = self.line_number;
        if !self.first_occurrence(self.version.as_ref().map(|v| v.line), "version", key) {
            return;
        }
        let text = &self.body[value.clone()];
        let ok = text == b"STSv1";
        if !ok {
            self.sink.push(
                Rule::PolicyVersion,
                Severity::Error,
                Some(value.clone()),
                format!("`version: {}` is not `version: STSv1`", show(text)),
            );
        }
        self.version = Some(First {
            line,
            range: value,
            value: ok.then_some(()),
        });
    }

    fn read_mode(&mut self, key: Range<usize>, value: Range<usize>) {
        let line = self.line_number;
        if !self.first_occurrence(self.mode.as_ref().map(|m| m.line), "mode", key) {
            return;
        }
        let text = show(&self.body[value.clone()]);
        let mode = Mode::from_value(&text);
        if mode.is_none() {
            let hint = if Mode::from_value(&text.to_ascii_lowercase()).is_some() {
                format!(
                    " (values are case-sensitive: write `{}`)",
                    text.to_ascii_lowercase()
                )
            } else if text == "report" {
                " (`report` is a value from drafts before RFC 8461; use `testing`)".to_owned()
            } else {
                String::new()
            };
            self.sink.push(
                Rule::PolicyMode,
                Severity::Error,
                Some(value.clone()),
                format!("`mode: {text}` is not `enforce`, `testing` or `none`{hint}"),
            );
        }
        self.mode = Some(First {
            line,
            range: value,
            value: mode,
        });
    }

    fn read_max_age(&mut self, key: Range<usize>, value: Range<usize>) {
        let line = self.line_number;
        if !self.first_occurrence(self.max_age.as_ref().map(|m| m.line), "max_age", key) {
            return;
        }
        let text = &self.body[value.clone()];
        let parsed = self.parse_max_age(text, value.clone());
        self.max_age = Some(First {
            line,
            range: value,
            value: parsed,
        });
    }

    fn parse_max_age(&mut self, text: &[u8], range: Range<usize>) -> Option<u32> {
        let shown = show(text);
        if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
            let hint = if text.first() == Some(&b'-') {
                " (it cannot be negative)"
            } else if text.iter().any(|b| b.is_ascii_alphabetic()) && text[0].is_ascii_digit() {
                " (write the number of seconds alone, with no unit or exponent)"
            } else {
                ""
            };
            self.sink.push(
                Rule::PolicyMaxAge,
                Severity::Error,
                Some(range),
                format!("`max_age: {shown}` is not a whole number of seconds{hint}"),
            );
            return None;
        }
        if text.len() > 10 {
            self.sink.push(
                Rule::PolicyMaxAge,
                Severity::Error,
                Some(range),
                format!(
                    "`max_age: {shown}` has {} digits; at most 10 are allowed",
                    text.len()
                ),
            );
            return None;
        }
        if text.len() > 1 && text[0] == b'0' {
            self.sink.push(
                Rule::PolicyMaxAgeLeadingZeros,
                Severity::Info,
                Some(range.clone()),
                format!(
                    "`max_age: {shown}` has leading zeros; it means {} seconds",
                    advice::trim_zeros(&shown)
                ),
            );
        }
        // Ten digits always fit in a u64.
        let seconds: u64 = text.iter().fold(0, |n, &b| n * 10 + u64::from(b - b'0'));
        if seconds > u64::from(MAX_AGE_LIMIT) {
            self.sink.push(
                Rule::PolicyMaxAge,
                Severity::Error,
                Some(range),
                format!(
                    "`max_age: {shown}` is above the limit of {MAX_AGE_LIMIT} seconds (one \
                     year); senders that accept it cut it to {MAX_AGE_LIMIT}"
                ),
            );
            return Some(MAX_AGE_LIMIT);
        }
        u32::try_from(seconds).ok()
    }

    fn read_extension(&mut self, key: Range<usize>, value: Range<usize>) {
        let name = show(&self.body[key.clone()]);
        if REGISTERED_KEYS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&name))
        {
            let lower = name.to_ascii_lowercase();
            self.sink.push(
                Rule::PolicyKeyCase,
                Severity::Warning,
                Some(key.clone()),
                format!(
                    "`{name}` is not `{lower}`: keys are case-sensitive, so senders ignore this \
                     line"
                ),
            );
            self.case_variants.push(lower);
            return;
        }

        let raw_name = self.body[key.clone()].to_vec();
        let seen = self.seen_extensions.get(&raw_name).copied();
        if !self.first_occurrence(seen, &name, key.clone()) {
            return;
        }
        self.seen_extensions.insert(raw_name, self.line_number);

        let text = &self.body[value.clone()];
        if text.is_empty() {
            self.sink.push(
                Rule::PolicyExtensionValue,
                Severity::Error,
                Some(key.start..value.end.max(key.end + 1)),
                format!("`{name}` has an empty value"),
            );
            return;
        }
        // Bytes that are not UTF-8 were reported for the whole line; such a value is not text.
        let Ok(value_text) = std::str::from_utf8(text) else {
            return;
        };
        if let Some((at, character)) = value_text.char_indices().find(|&(_, c)| c.is_control()) {
            let start = value.start + at;
            self.sink.push(
                Rule::PolicyExtensionValue,
                Severity::Error,
                Some(start..start + character.len_utf8()),
                format!(
                    "the value of `{name}` contains {}, which values may not hold",
                    domain::describe_char(character)
                ),
            );
            return;
        }
        self.sink.push(
            Rule::PolicyUnknownKey,
            Severity::Info,
            Some(key.start..value.end),
            format!("`{name}` is not an MTA-STS key; senders ignore it"),
        );
        self.extensions.push((name, value_text.to_owned()));
    }

    /// Reports what is missing from the body as a whole and builds the policy.
    fn finish(mut self) -> PolicyCheck {
        let version_ok = self.version.as_ref().is_some_and(|v| v.value.is_some());
        if self.version.is_none() {
            self.push_missing(Rule::PolicyVersion, "version", "no `version: STSv1` line");
        }
        let mode = self.mode.as_ref().and_then(|m| m.value);
        if self.mode.is_none() {
            self.push_missing(Rule::PolicyMode, "mode", "no `mode` line");
        }
        let max_age = self.max_age.as_ref().and_then(|m| m.value);
        if self.max_age.is_none() {
            self.push_missing(Rule::PolicyMaxAge, "max_age", "no `max_age` line");
        }
        if self.mx_lines == 0 && mode.is_some_and(|mode| mode != Mode::None) {
            self.sink.push(
                Rule::PolicyMxMissing,
                Severity::Error,
                None,
                format!(
                    "no `mx` line while the mode is `{}`: no MX host can pass validation",
                    mode.map_or("", Mode::as_str)
                ),
            );
        }
        if self.mx_lines > 0 && self.mx.is_empty() && mode.is_some_and(|mode| mode != Mode::None) {
            self.sink.push(
                Rule::PolicyMxMissing,
                Severity::Error,
                None,
                if self.mx_lines == 1 {
                    "the only `mx` line holds no valid pattern, so no MX host can pass validation"
                        .to_owned()
                } else {
                    format!(
                        "none of the {} `mx` lines holds a valid pattern, so no MX host can pass \
                         validation",
                        self.mx_lines
                    )
                },
            );
        }
        self.report_mode_and_max_age(mode, max_age);
        self.report_line_endings();

        let usable = version_ok && mode.is_some_and(|m| m == Mode::None || !self.mx.is_empty());
        let (mx, mx_spans): (Vec<_>, Vec<_>) = self.mx.into_iter().unzip();
        let policy = match (usable, mode, max_age) {
            (true, Some(mode), Some(max_age)) => Some(Policy {
                mode,
                max_age,
                mx,
                extensions: self.extensions,
            }),
            _ => None,
        };
        let mx_spans = match policy {
            Some(_) => mx_spans
                .into_iter()
                .map(|range| self.sink.span(range))
                .collect(),
            None => Vec::new(),
        };
        PolicyCheck {
            policy,
            mx_spans,
            diagnostics: self.sink.finish(),
        }
    }

    fn push_missing(&mut self, rule: Rule, key: &str, what: &str) {
        let hint = if self.case_variants.iter().any(|variant| variant == key) {
            format!(" (a line with `{key}` in another case is ignored: keys are case-sensitive)")
        } else {
            String::new()
        };
        self.sink
            .push(rule, Severity::Error, None, format!("{what}{hint}"));
    }
}
