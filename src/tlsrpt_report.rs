//! TLS-RPT reports (RFC 8460 §4): reading report files and adding them up.
//!
//! A file is recognised by its content, not its name: JSON (one report object or an array of
//! them), gzip-compressed JSON (magic bytes `1F 8B`), or an e-mail message whose
//! `application/tlsrpt+gzip` or `application/tlsrpt+json` parts hold reports. Each report is read
//! leniently, as real reporters write them, and every deviation from the RFC is a finding whose
//! `json_path` says where it is. A file that cannot be read gives one `TLSRPT-REPORT-020` finding
//! that says why and where, and a [`ReadError`].
//!
//! [`read_report_file`] hands each report to a callback as soon as it is read, so memory does not
//! grow with the number of reports in a file; [`check_reports`] adds them into a [`Summary`], and
//! [`ReportsCheck::add_file`] does the same one file at a time, so that a caller can let go of
//! each file before reading the next. While a report is added up its strings are borrowed from
//! the input, never copied.

mod error;
mod gzip;
mod json;
mod judge;
mod mime;
mod model;
mod part;
mod summary;
mod tally;
mod whole;
mod whole_bytes;

use serde::de::DeserializeSeed;

pub use error::ReadError;
pub use model::{FailureDetail, PolicyResult, PolicyType, RESULT_TYPES, TlsReport};
pub use part::FilePart;
pub use summary::{Counts, Group, MAX_DISTINCT, NOT_GIVEN, OTHER, Summary};
pub use whole::WholeFile;
pub use whole_bytes::WholeBytesError;

use crate::diagnostic::{Diagnostic, JsonPath, Severity, Sink, Span};
use crate::rule::Rule;
use crate::tlsrpt_report::json::{Document, Entry, Kind};
use crate::tlsrpt_report::judge::Judge;
use crate::tlsrpt_report::tally::Tally;

/// The largest input read, compressed or not: large enough for a report of 100 MB, which big
/// senders come close to, and small enough that a runaway file is refused.
pub const MAX_REPORT_INPUT_BYTES: usize = 128 * 1024 * 1024;

/// The most bytes one gzip report may expand to.
pub const MAX_DECOMPRESSED_BYTES: usize = 128 * 1024 * 1024;

/// How a file held its reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// Plain JSON.
    Json,
    /// gzip-compressed JSON.
    Gzip,
    /// An e-mail message with report parts.
    Email,
}

impl Container {
    /// `json`, `gzip` or `email`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Gzip => "gzip",
            Self::Email => "email",
        }
    }
}

/// What one file held.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportFile {
    /// How the reports were packed, when that could be told.
    pub container: Option<Container>,
    /// How many reports were read.
    pub reports: usize,
    /// Why (part of) the file could not be read.
    pub error: Option<ReadError>,
    /// Every finding about the file, capped at [`crate::MAX_DIAGNOSTICS_PER_INPUT`].
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every report in `data`, the input numbered `input`, handing each to `each` in order.
pub fn read_report_file(input: usize, data: &[u8], each: &mut dyn FnMut(TlsReport)) -> ReportFile {
    let mut to = Receiver {
        summary: None,
        each: &mut |report, _| each(report.to_owned_report()),
    };
    read_borrowed(input, data, &mut to)
}

/// Where judged reports go.
struct Receiver<'r> {
    /// A summary (or a recording for one) that each report is added to while it is judged; its
    /// failure entries are then left out of the report handed on.
    summary: Option<&'r mut (dyn Tally + 'static)>,
    /// Gets each report, with its strings borrowed from the input, and whether it was added to
    /// the summary (`false` when it was added before).
    each: &'r mut dyn FnMut(TlsReport<&str>, bool),
}

/// Like [`read_report_file`], handing the reports to `to`.
fn read_borrowed(input: usize, data: &[u8], to: &mut Receiver<'_>) -> ReportFile {
    let mut sink = Sink::new(input, b"");
    let mut file = ReportFile {
        container: None,
        reports: 0,
        error: None,
        diagnostics: Vec::new(),
    };
    let mut located = None;
    let outcome = read_container(data, &mut sink, &mut file, &mut located, to);
    file.diagnostics = sink.finish();
    if let Err(error) = outcome {
        let message = match file.container {
            Some(Container::Gzip) => format!("the gzip-compressed report: {error}"),
            Some(Container::Email) => format!("the e-mail message: {error}"),
            Some(Container::Json) | None => error.to_string(),
        };
        // Kept first and outside the cap: it says why the figures may be incomplete.
        let mut finding = Diagnostic::new(Rule::ReportUnreadable, Severity::Error, message);
        // A syntax error in a plain JSON file points into the file itself; any other finding of
        // this kind is about the file as a whole, its root.
        if file.container == Some(Container::Json) {
            finding.span = located.map(|span| Span { input, ..span });
        }
        if finding.span.is_none() {
            finding.json_path = Some(JsonPath {
                input,
                path: String::new(),
            });
        }
        file.diagnostics.insert(0, finding);
        file.error = Some(error);
    }
    file
}

fn read_container(
    data: &[u8],
    sink: &mut Sink<'_>,
    file: &mut ReportFile,
    located: &mut Option<Span>,
    to: &mut Receiver<'_>,
) -> Result<(), ReadError> {
    if data.len() > MAX_REPORT_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            limit: MAX_REPORT_INPUT_BYTES,
        });
    }
    let start = data
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(data)
        .trim_ascii_start();
    if start.is_empty() {
        return Err(ReadError::Empty);
    }
    if gzip::is_gzip(start) {
        file.container = Some(Container::Gzip);
        let text = gzip::decompress(start, MAX_DECOMPRESSED_BYTES)?;
        return read_json(&text, "", sink, file, located, to);
    }
    if matches!(start.first(), Some(b'{' | b'[' | b'"' | b'-' | b'0'..=b'9')) {
        file.container = Some(Container::Json);
        // A byte order mark is skipped (RFC 8259 §8.1 allows that); offsets still count it.
        let bom = data.len() - data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data).len();
        let mut read = read_json(&data[bom..], "", sink, file, located, to);
        if bom > 0 {
            // The mark is one character before the text read, on the first line.
            let first_line = |line: usize| usize::from(line == 1);
            if let Some(span) = located.as_mut() {
                span.start += bom;
                span.end += bom;
                span.column += first_line(span.line);
            }
            if let Err(ReadError::Json {
                offset,
                line,
                column,
                ..
            }) = &mut read
            {
                *offset += bom;
                *column += first_line(*line);
            }
        }
        return read;
    }
    if !mime::looks_like_email(start) {
        return Err(ReadError::NotAReport);
    }
    file.container = Some(Container::Email);
    let parts = mime::report_parts(start)?;
    let several = parts.len() > 1;
    let mut first_error = None;
    for (index, part) in parts.iter().enumerate() {
        let prefix = if several {
            format!("part{}", index + 1)
        } else {
            String::new()
        };
        let read = if gzip::is_gzip(part) {
            gzip::decompress(part, MAX_DECOMPRESSED_BYTES)
                .and_then(|text| read_json(&text, &prefix, sink, file, &mut None, to))
        } else {
            read_json(part, &prefix, sink, file, &mut None, to)
        };
        match read {
            Err(error) if several => sink.push(
                Rule::ReportUnreadable,
                Severity::Error,
                None,
                format!("report part {} of the e-mail message: {error}", index + 1),
            ),
            Err(error) => first_error = Some(error),
            Ok(()) => {}
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Reads one JSON document of reports, judging each as soon as it is read.
fn read_json(
    text: &[u8],
    prefix: &str,
    sink: &mut Sink<'_>,
    file: &mut ReportFile,
    located: &mut Option<Span>,
    to: &mut Receiver<'_>,
) -> Result<(), ReadError> {
    let mut not_object = None;
    let mut handle = |index: Option<usize>, entry: Entry<'_>| match entry {
        Ok(report) => {
            let summary = to.summary.as_deref_mut();
            let (report, counted) = Judge::new(sink, prefix, index, summary).report(&report);
            file.reports += 1;
            (to.each)(report, counted);
        }
        Err(kind) => match index {
            None => not_object = Some(kind),
            Some(index) => sink.push_at_path(
                Rule::ReportSchema,
                Severity::Error,
                judge::join(prefix, &format!("[{index}]")),
                format!("the value is {}, not a report object", kind.phrase()),
            ),
        },
    };
    // Native builds check UTF-8 once for the whole text, which is much faster than serde_json
    // checking each string it borrows, and read invalid text from bytes for the same error. The
    // web app reads every text from bytes: the same results, with one copy of the typed pass in
    // its module instead of two (about 4 KB of it, gzipped).
    #[cfg(not(target_arch = "wasm32"))]
    let valid = std::str::from_utf8(text).ok();
    #[cfg(target_arch = "wasm32")]
    let valid: Option<&str> = None;
    let read = match valid {
        Some(text) => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            Document { each: &mut handle }
                .deserialize(&mut deserializer)
                .and_then(|()| deserializer.end())
        }
        None => {
            let mut deserializer = serde_json::Deserializer::from_slice(text);
            Document { each: &mut handle }
                .deserialize(&mut deserializer)
                .and_then(|()| deserializer.end())
        }
    };
    if let Err(error) = read {
        let (error, span) = json_error(text, &error);
        *located = Some(span);
        return Err(error);
    }
    match not_object {
        Some(kind) => Err(ReadError::NotAnObject {
            found: Kind::phrase(kind),
        }),
        None => Ok(()),
    }
}

/// The error with its byte offset and character column, from serde_json's line and column.
fn json_error(text: &[u8], error: &serde_json::Error) -> (ReadError, Span) {
    let line = error.line().max(1);
    let line_start = if line == 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|&(_, &byte)| byte == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    let offset = (line_start + error.column().saturating_sub(1)).min(text.len());
    let column = String::from_utf8_lossy(&text[line_start..offset])
        .chars()
        .count()
        + 1;
    let detail = error.to_string();
    // serde_json appends " at line L column C"; the position is given separately.
    let detail = detail
        .rsplit_once(" at line ")
        .map_or(detail.as_str(), |(head, _)| head)
        .to_owned();
    let span = Span {
        input: 0,
        start: offset,
        end: offset,
        line,
        column,
    };
    (
        ReadError::Json {
            offset,
            line,
            column,
            detail,
        },
        span,
    )
}

/// The figures of one report, for listing reports one by one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFigures {
    /// The input the report came from.
    pub input: usize,
    /// `organization-name`.
    pub organization: String,
    /// `report-id`.
    pub report_id: String,
    /// `start-datetime`, Unix seconds.
    pub start: Option<i64>,
    /// `end-datetime`, Unix seconds.
    pub end: Option<i64>,
    /// Whether an earlier report had the same organisation and id (and this one is not counted).
    pub duplicate: bool,
    /// Per policy: type, domain, successful and failed sessions.
    pub policies: Vec<PolicyFigures>,
}

/// The figures of one policy of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyFigures {
    /// `policy-type` as written.
    pub policy_type: String,
    /// `policy-domain`.
    pub domain: String,
    /// Successful sessions.
    pub successful: u64,
    /// Failed sessions.
    pub failed: u64,
}

/// Every file read, every report's figures, and the summary across them.
#[derive(Clone, Debug, Default)]
pub struct ReportsCheck {
    /// One entry per input, in order.
    pub files: Vec<ReportFile>,
    /// One entry per report read, in order.
    pub reports: Vec<ReportFigures>,
    /// The figures across distinct reports.
    pub summary: Summary,
    /// Every finding, input by input.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every input and adds the distinct reports up.
pub fn check_reports(inputs: &[&[u8]]) -> ReportsCheck {
    let mut check = ReportsCheck::default();
    for data in inputs {
        check.add_file(data);
    }
    check
}

impl ReportsCheck {
    /// Reads one more input (numbered after those added before) and adds its distinct reports
    /// up; the input is not kept. The summary adds each report up while it is judged, so no
    /// report's failure entries are kept.
    pub fn add_file(&mut self, data: &[u8]) {
        let input = self.files.len();
        let mut duplicates = Duplicates::default();
        let reports = &mut self.reports;
        let mut each = |report: TlsReport<&str>, counted: bool| {
            duplicates.note(report.report_id, !counted);
            reports.push(figures(input, &report, !counted));
        };
        let mut to = Receiver {
            summary: Some(&mut self.summary),
            each: &mut each,
        };
        let file = read_borrowed(input, data, &mut to);
        self.finish(input, file, &duplicates, None);
    }

    /// Adds the finding about reports given twice, and the file; its findings go to the
    /// check's list too, as `copies` when they were copied already.
    fn finish(
        &mut self,
        input: usize,
        mut file: ReportFile,
        duplicates: &Duplicates,
        copies: Option<Vec<Diagnostic>>,
    ) {
        let mut copies = copies.unwrap_or_else(|| file.diagnostics.clone());
        if let Some(first) = &duplicates.first {
            let first = crate::txt_fields::show(first.as_bytes());
            let message = match duplicates.count {
                1 => format!("report `{first}` was given before; counted once"),
                count => format!(
                    "{count} reports were given before (the first: `{first}`); each counted once"
                ),
            };
            let mut finding = Diagnostic::new(Rule::ReportDuplicate, Severity::Info, message);
            finding.json_path = Some(JsonPath {
                input,
                path: "report-id".into(),
            });
            copies.push(finding.clone());
            file.diagnostics.push(finding);
        }
        self.diagnostics.append(&mut copies);
        self.files.push(file);
    }
}

/// The reports of one input that were given before.
#[derive(Default)]
struct Duplicates {
    count: usize,
    first: Option<String>,
}

impl Duplicates {
    fn note(&mut self, report_id: &str, duplicate: bool) {
        if duplicate {
            self.count += 1;
            if self.first.is_none() {
                self.first = Some(report_id.to_owned());
            }
        }
    }
}

fn figures<S: AsRef<str>>(input: usize, report: &TlsReport<S>, duplicate: bool) -> ReportFigures {
    ReportFigures {
        input,
        organization: report.organization.as_ref().to_owned(),
        report_id: report.report_id.as_ref().to_owned(),
        start: report.start,
        end: report.end,
        duplicate,
        policies: report
            .policies
            .iter()
            .map(|policy| PolicyFigures {
                policy_type: policy.policy_type.as_str().to_owned(),
                domain: policy.domain.as_ref().to_owned(),
                successful: policy.successful,
                failed: policy.failed,
            })
            .collect(),
    }
}
