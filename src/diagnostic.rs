//! Findings as data: a rule, a severity, a message, how to fix it and where in the input it is.
//!
//! Every check in the core reports through [`Diagnostic`]. Front ends render them (terminal text,
//! JSON, HTML) and never decide anything themselves: the verdict comes from [`Verdict::of`].

use std::fmt;

use crate::rule::Rule;

/// How much a finding matters to a sender that follows the RFCs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A valid setup worth pointing out, or how senders will behave.
    Info,
    /// A SHOULD is broken, some senders reject it, or only part of the setup breaks.
    Warning,
    /// Compliant senders ignore or reject the configuration, or protection is silently lost.
    Error,
}

impl Severity {
    /// The lower-case word used in every output format.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The overall result of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// No warnings and no errors.
    Pass,
    /// Warnings, but no errors.
    Warn,
    /// At least one error.
    Fail,
}

impl Verdict {
    /// `fail` when any finding is an error, `warn` when there are warnings only, else `pass`.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let worst = diagnostics
            .into_iter()
            .map(|diagnostic| diagnostic.severity)
            .max();
        match worst {
            Some(Severity::Error) => Self::Fail,
            Some(Severity::Warning) => Self::Warn,
            Some(Severity::Info) | None => Self::Pass,
        }
    }

    /// The lower-case word used in every output format.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Warn => "warn",
            Self::Fail => "fail",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding is: which input, which bytes, and the line and column of the first byte.
///
/// `input` is the position of the input among those given to the check (0 for a single policy;
/// the record number, from 0, for a TXT RRset). `start..end` is a byte range into that input as
/// it was checked (for a TXT record: its character-strings joined). `line` and `column` count
/// from 1; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// Which input the range points into.
    pub input: usize,
    /// The first byte.
    pub start: usize,
    /// One past the last byte; equal to `start` for a point such as a missing field.
    pub end: usize,
    /// The line of `start`, from 1.
    pub line: usize,
    /// The column of `start` in characters, from 1.
    pub column: usize,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable rule this finding is an instance of.
    pub rule: Rule,
    /// How much it matters; rules whose severity depends on a condition set it per finding.
    pub severity: Severity,
    /// What was found, in one sentence without a final full stop.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where it is, when it points at input text.
    pub span: Option<Span>,
    /// Where it is inside a JSON document (a TLS-RPT report); `None` for other inputs.
    pub json_path: Option<JsonPath>,
}

/// A value inside a JSON document: which input, and the path from the document's root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JsonPath {
    /// Which input the document is (or came from, when decompressed or taken from an e-mail).
    pub input: usize,
    /// Members by name and array elements by index from the root, such as
    /// `policies[0].failure-details[3].result-type`; empty for the root itself.
    pub path: String,
}

impl Diagnostic {
    /// A finding about the input as a whole, with the rule's own help.
    pub(crate) fn new(rule: Rule, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity,
            message: message.into(),
            help: rule.help().to_owned(),
            span: None,
            json_path: None,
        }
    }

    /// The path of [`Diagnostic::json_path`] as text, when there is one.
    pub fn json_path_str(&self) -> Option<&str> {
        self.json_path.as_ref().map(|at| at.path.as_str())
    }

    /// The RFC section that the rule comes from, such as `RFC 8461 §3.2`.
    pub fn rfc(&self) -> &'static str {
        self.rule.rfc()
    }
}

/// Turns byte offsets into lines and columns for one input.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a [u8],
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.iter()
                .enumerate()
                .filter(|&(_, &byte)| byte == b'\n')
                .map(|(at, _)| at + 1),
        );
        Self { text, line_starts }
    }

    /// The 1-based line and character column of byte `offset` (clamped to the text).
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let before = &self.text[line_start..offset];
        let column = String::from_utf8_lossy(before).chars().count() + 1;
        (line, column)
    }
}

/// The most findings kept per input; the rest are counted in one closing finding.
pub const MAX_DIAGNOSTICS_PER_INPUT: usize = 200;

/// Collects the findings about one input, attaching positions as they arrive.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    input: usize,
    lines: LineIndex<'a>,
    kept: Vec<Diagnostic>,
    dropped: usize,
    worst_dropped: Option<Severity>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(input: usize, text: &'a [u8]) -> Self {
        Self {
            input,
            lines: LineIndex::new(text),
            kept: Vec::new(),
            dropped: 0,
            worst_dropped: None,
        }
    }

    /// The span of bytes `range` of this input.
    pub(crate) fn span(&self, range: std::ops::Range<usize>) -> Span {
        let (line, column) = self.lines.locate(range.start);
        Span {
            input: self.input,
            start: range.start,
            end: range.end,
            line,
            column,
        }
    }

    /// Records a finding about bytes `range` of this input (`None` for the input as a whole).
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        range: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) {
        if self.kept.len() >= MAX_DIAGNOSTICS_PER_INPUT {
            self.dropped += 1;
            self.worst_dropped = self.worst_dropped.max(Some(severity));
            return;
        }
        let span = range.map(|range| self.span(range));
        self.kept.push(Diagnostic {
            rule,
            severity,
            message: message.into(),
            help: rule.help().to_owned(),
            span,
            json_path: None,
        });
    }

    /// Like [`Sink::push`], with help text specific to this finding.
    pub(crate) fn push_with_help(
        &mut self,
        rule: Rule,
        severity: Severity,
        range: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let before = self.kept.len();
        self.push(rule, severity, range, message);
        if let Some(diagnostic) = self.kept.get_mut(before) {
            diagnostic.help = help.into();
        }
    }

    /// Whether a finding of `severity` would be kept; when the cap is reached it is counted as
    /// left out here, so a caller can skip formatting it and must then not push it.
    pub(crate) fn admits(&mut self, severity: Severity) -> bool {
        if self.kept.len() < MAX_DIAGNOSTICS_PER_INPUT {
            return true;
        }
        self.dropped += 1;
        self.worst_dropped = self.worst_dropped.max(Some(severity));
        false
    }

    /// Records a finding about the JSON value at `path` (such as `policies[0].summary`).
    pub(crate) fn push_at_path(
        &mut self,
        rule: Rule,
        severity: Severity,
        path: String,
        message: impl Into<String>,
    ) {
        let before = self.kept.len();
        self.push(rule, severity, None, message);
        if let Some(diagnostic) = self.kept.get_mut(before) {
            diagnostic.json_path = Some(JsonPath {
                input: self.input,
                path,
            });
        }
    }

    /// The findings, with one closing finding that counts those left out, if any were.
    ///
    /// Findings come in input order (by where their span starts), then those about the input as
    /// a whole, each group in the order it was found.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        crate::order::sort_stable_by_key(&mut self.kept, |diagnostic| {
            diagnostic.span.map_or(usize::MAX, |span| span.start)
        });
        if let Some(severity) = self.worst_dropped {
            self.kept.push(Diagnostic {
                rule: Rule::FindingsTruncated,
                severity,
                message: format!(
                    "{} more findings about this input are not shown (the first {} are)",
                    self.dropped, MAX_DIAGNOSTICS_PER_INPUT
                ),
                help: Rule::FindingsTruncated.help().to_owned(),
                span: None,
                json_path: None,
            });
        }
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        let text = "ab\ncé d\n".as_bytes();
        let lines = LineIndex::new(text);
        assert_eq!(lines.locate(0), (1, 1));
        assert_eq!(lines.locate(3), (2, 1));
        // "é" is two bytes but one column.
        assert_eq!(lines.locate(6), (2, 3));
        assert_eq!(lines.locate(text.len()), (3, 1));
        assert_eq!(lines.locate(999), (3, 1));
    }

    #[test]
    fn verdict_follows_the_worst_severity() {
        let finding = |severity| Diagnostic {
            rule: Rule::PolicyUnknownKey,
            severity,
            message: String::new(),
            help: String::new(),
            span: None,
            json_path: None,
        };
        assert_eq!(Verdict::of(&[]), Verdict::Pass);
        assert_eq!(Verdict::of(&[finding(Severity::Info)]), Verdict::Pass);
        assert_eq!(
            Verdict::of(&[finding(Severity::Info), finding(Severity::Warning)]),
            Verdict::Warn
        );
        assert_eq!(
            Verdict::of(&[finding(Severity::Error), finding(Severity::Warning)]),
            Verdict::Fail
        );
    }

    #[test]
    fn sink_caps_findings_and_keeps_the_worst_severity_of_the_rest() {
        let mut sink = Sink::new(0, b"x");
        for _ in 0..MAX_DIAGNOSTICS_PER_INPUT {
            sink.push(Rule::PolicyUnknownKey, Severity::Info, None, "kept");
        }
        sink.push(Rule::PolicyUnknownKey, Severity::Info, None, "dropped");
        sink.push(Rule::PolicyLineSyntax, Severity::Error, None, "dropped");
        let found = sink.finish();
        assert_eq!(found.len(), MAX_DIAGNOSTICS_PER_INPUT + 1);
        let last = found.last().expect("a closing finding");
        assert_eq!(last.rule, Rule::FindingsTruncated);
        assert_eq!(last.severity, Severity::Error);
        assert!(last.message.starts_with("2 more findings"));
    }
}
