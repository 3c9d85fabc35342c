//! What the Policy page shows, computed from the pasted text with the core and nothing else:
//! which kind of text it is, the findings, the reading, and the text cut into highlighted pieces.
//!
//! No Yew here: these are plain functions from text to data.

use std::ops::Range;

use mta_sts_check::{
    Diagnostic, Rule, Severity, Verdict, check_policy, check_sts_records, check_tlsrpt_records,
    is_hidden_char, parse_lines,
};

/// What the user says the text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Auto,
    Policy,
    StsRecords,
    TlsRptRecords,
}

impl Kind {
    pub(crate) const ALL: [Self; 4] = [
        Self::Auto,
        Self::Policy,
        Self::StsRecords,
        Self::TlsRptRecords,
    ];

    pub(crate) const fn value(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Policy => "policy",
            Self::StsRecords => "sts",
            Self::TlsRptRecords => "tlsrpt",
        }
    }

    pub(crate) const fn label(self) -> &'static str {
        match self {
            Self::Auto => "Detect from the text",
            Self::Policy => "MTA-STS policy (mta-sts.txt)",
            Self::StsRecords => "_mta-sts TXT records",
            Self::TlsRptRecords => "_smtp._tls TXT records",
        }
    }

    pub(crate) fn from_value(value: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|kind| kind.value() == value)
            .unwrap_or(Self::Auto)
    }

    /// The kind to check `text` as: records when the first line begins like one.
    fn resolve(self, text: &str) -> Self {
        if self != Self::Auto {
            return self;
        }
        let first = text
            .lines()
            .find(|line| !line.trim().is_empty())
            .unwrap_or_default();
        let first = first
            .trim_start()
            .trim_start_matches('"')
            .to_ascii_lowercase();
        if first.starts_with("v=tlsrpt") {
            Self::TlsRptRecords
        } else if first.starts_with("v=sts") {
            Self::StsRecords
        } else {
            Self::Policy
        }
    }
}

/// One input as it was checked (for a record: its strings joined), with a name for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CheckedInput {
    pub(crate) name: String,
    pub(crate) text: Vec<u8>,
}

/// Everything the page shows about one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) kind: Kind,
    pub(crate) inputs: Vec<CheckedInput>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Something about this kind of input the page cannot check, said once.
    pub(crate) note: Option<&'static str>,
    /// What senders apply, as label and value rows.
    pub(crate) reading: Vec<(String, String)>,
    pub(crate) verdict: Verdict,
}

/// Checks `text` as `kind`. Empty text gives an empty outcome.
pub(crate) fn lint(text: &str, kind: Kind) -> Option<Outcome> {
    if text.trim().is_empty() {
        return None;
    }
    let kind = kind.resolve(text);
    let mut outcome = match kind {
        Kind::Policy | Kind::Auto => lint_policy(text),
        Kind::StsRecords | Kind::TlsRptRecords => lint_records(text, kind),
    };
    outcome.verdict = Verdict::of(&outcome.diagnostics);
    Some(outcome)
}

/// Said on the page about line endings, which a text box cannot keep.
const LINE_ENDINGS_NOTE: &str = "A text box turns every line ending into LF, so line endings \
    (CRLF, or a CR on its own) are not checked here: run `mta-sts-check policy` on the file.";

fn lint_policy(text: &str) -> Outcome {
    let mut check = check_policy(text.as_bytes());
    // The browser changed the line endings, so a finding about them would be about the browser.
    check
        .diagnostics
        .retain(|diagnostic| diagnostic.rule != Rule::PolicyLineEnding);
    let reading = match &check.policy {
        Some(policy) => {
            let mut rows = vec![
                ("mode".to_owned(), policy.mode.as_str().to_owned()),
                ("max_age".to_owned(), format!("{} seconds", policy.max_age)),
            ];
            rows.extend(
                policy
                    .mx
                    .iter()
                    .map(|pattern| ("mx".to_owned(), pattern.to_string())),
            );
            rows
        }
        None => vec![(
            "policy".to_owned(),
            "none: senders cannot apply this body".to_owned(),
        )],
    };
    Outcome {
        kind: Kind::Policy,
        inputs: vec![CheckedInput {
            name: "policy".to_owned(),
            text: text.as_bytes().to_vec(),
        }],
        diagnostics: check.diagnostics,
        note: Some(LINE_ENDINGS_NOTE),
        reading,
        verdict: Verdict::Pass,
    }
}

fn lint_records(text: &str, kind: Kind) -> Outcome {
    let read = parse_lines(text);
    let records = read.records;
    let inputs = records
        .iter()
        .enumerate()
        .map(|(index, strings)| CheckedInput {
            name: format!("record {}", index + 1),
            text: strings.concat(),
        })
        .collect();

    let (mut diagnostics, reading) = if records.is_empty() {
        // Every line was unreadable: there is no RRset to judge, only the lines to fix.
        (
            Vec::new(),
            vec![(
                "record".to_owned(),
                "none: no line is a TXT record".to_owned(),
            )],
        )
    } else if kind == Kind::TlsRptRecords {
        let check = check_tlsrpt_records(&records);
        let reading = match &check.record {
            Some(record) => record
                .destinations
                .iter()
                .map(|destination| ("rua".to_owned(), destination.to_string()))
                .collect(),
            None => vec![(
                "record".to_owned(),
                "none: reporters send no reports".to_owned(),
            )],
        };
        (check.diagnostics, reading)
    } else {
        let check = check_sts_records(&records);
        let reading = match &check.record {
            Some(record) => vec![("id".to_owned(), record.id.clone())],
            None => vec![(
                "record".to_owned(),
                "none: senders see no MTA-STS record".to_owned(),
            )],
        };
        (check.diagnostics, reading)
    };
    diagnostics.extend(read.diagnostics);
    Outcome {
        kind,
        inputs,
        diagnostics,
        note: None,
        reading,
        verdict: Verdict::Pass,
    }
}

/// A piece of an input's text, and the worst finding that covers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) text: String,
    pub(crate) severity: Option<Severity>,
    /// A mark for a finding at a point (a missing field), not text from the input.
    pub(crate) marker: bool,
}

/// Cuts `text` at every span boundary; each piece carries the worst severity covering it. A
/// finding at a single point (a missing field) becomes a one-character marker.
pub(crate) fn segments(text: &[u8], spans: &[(Range<usize>, Severity)]) -> Vec<Segment> {
    // Kept in order as they are added, rather than sorted afterwards: the core gives at most a
    // few hundred findings per input, and no sorting code for them is about 1 KB less of module.
    let mut cuts: Vec<usize> = Vec::new();
    let bounds = spans.iter().flat_map(|(range, _)| [range.start, range.end]);
    for at in [0, text.len()].into_iter().chain(bounds) {
        let at = at.min(text.len());
        if let Err(index) = cuts.binary_search(&at) {
            cuts.insert(index, at);
        }
    }

    let markers = |at: usize, pieces: &mut Vec<Segment>| {
        for (range, severity) in spans {
            if range.start == range.end && range.start.min(text.len()) == at {
                pieces.push(Segment {
                    text: "⟨here⟩".to_owned(),
                    severity: Some(*severity),
                    marker: true,
                });
            }
        }
    };
    let mut pieces = Vec::new();
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        markers(start, &mut pieces);
        let severity = spans
            .iter()
            .filter(|(range, _)| {
                range.start <= start && end <= range.end && range.start < range.end
            })
            .map(|(_, severity)| *severity)
            .max();
        let piece = visible(&String::from_utf8_lossy(&text[start..end]));
        pieces.push(Segment {
            text: piece,
            severity,
            marker: false,
        });
    }
    markers(text.len(), &mut pieces);
    pieces
}

/// Text with its hidden characters (controls other than line breaks and tabs, zero-width and
/// direction-changing characters) written as `⟨U+202E⟩`, so that pasted text cannot hide or
/// reorder what the page shows. CRLF is a line break (the one RFC 8461 prefers), so only a CR
/// that is not followed by LF is shown.
pub(crate) fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        let line_break = character == '\n'
            || character == '\t'
            || (character == '\r' && characters.peek() == Some(&'\n'));
        if is_hidden_char(character) && !line_break {
            shown.push_str(&format!("⟨U+{:04X}⟩", u32::from(character)));
        } else {
            shown.push(character);
        }
    }
    shown
}
