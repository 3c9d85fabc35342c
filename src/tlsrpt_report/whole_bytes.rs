//! A [`WholeFile`] as bytes and back, so that a front end can read an input where no memory is
//! shared with it (the web app's Web Worker) and hand the result over as one buffer.
//!
//! Both ends run this same code, so the form carries no names and no version: whole numbers are
//! LEB128, signed ones zigzag-encoded first, text is its length and its UTF-8 bytes, a list its
//! length and its items, an option a flag and an enum its variant's number. The layout is
//! written down once, as functions that take each value through a [`Pass`]: writing takes the
//! values to bytes, reading fills an empty file from them. Reading stops at the first problem
//! and reports it with its offset, never panics, and never makes room for more items than bytes
//! are left; the web app ships one copy of the layout, not two.

use std::fmt;

use crate::diagnostic::{Diagnostic, JsonPath, Severity, Span};
use crate::rule::Rule;
use crate::tlsrpt_report::json::Kind;
use crate::tlsrpt_report::model::{FailureDetail, PolicyResult, PolicyType, TlsReport};
use crate::tlsrpt_report::{Container, ReadError, ReportFile, WholeFile};

/// Why bytes are not a [`WholeFile`] written by [`WholeFile::into_bytes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WholeBytesError {
    /// The bytes end inside a value starting at `offset`.
    Truncated { offset: usize },
    /// A number at `offset` is too large for what it counts or names.
    OutOfRange { offset: usize },
    /// Text at `offset` is not UTF-8.
    NotUtf8 { offset: usize },
    /// Bytes are left over from `offset` on.
    TrailingBytes { offset: usize },
}

impl fmt::Display for WholeBytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { offset } => write!(f, "the bytes end inside the value at {offset}"),
            Self::OutOfRange { offset } => write!(f, "the number at {offset} is out of range"),
            Self::NotUtf8 { offset } => write!(f, "the text at {offset} is not UTF-8"),
            Self::TrailingBytes { offset } => write!(f, "bytes are left over from {offset} on"),
        }
    }
}

impl std::error::Error for WholeBytesError {}

impl WholeFile {
    /// The file as bytes, for [`from_bytes`](Self::from_bytes) on the other side.
    pub fn into_bytes(mut self) -> Vec<u8> {
        let mut writer = Writer(Vec::new());
        whole(&mut writer, &mut self);
        writer.0
    }

    /// The file that [`into_bytes`](Self::into_bytes) wrote.
    ///
    /// # Errors
    ///
    /// When `bytes` are not such a file: cut short, or not what was written.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, WholeBytesError> {
        let mut reader = Reader {
            bytes,
            at: 0,
            error: None,
        };
        let mut read = Self {
            input: 0,
            file: ReportFile {
                container: None,
                reports: 0,
                error: None,
                diagnostics: Vec::new(),
            },
            reports: Vec::new(),
        };
        whole(&mut reader, &mut read);
        if let Some(error) = reader.error {
            return Err(error);
        }
        if reader.at != bytes.len() {
            return Err(WholeBytesError::TrailingBytes { offset: reader.at });
        }
        Ok(read)
    }
}

/// One direction of the form. Writing takes each value to bytes and leaves it as it is; reading
/// sets each value from the bytes, or leaves it at its empty value once a problem was found.
trait Pass {
    fn number(&mut self, value: &mut u64);

    fn text(&mut self, value: &mut String);

    /// A count of items that take a byte or more each: read, never more than the bytes left.
    fn count(&mut self, value: &mut usize);

    /// A number below `limit`: read, any other number is a problem.
    fn below(&mut self, value: &mut usize, limit: usize);

    fn reading(&self) -> bool;
}

struct Writer(Vec<u8>);

impl Pass for Writer {
    fn number(&mut self, value: &mut u64) {
        let mut rest = *value;
        while rest >= 0x80 {
            // The low seven bits, with the high bit saying that more bytes follow.
            self.0.push((rest & 0x7F) as u8 | 0x80);
            rest >>= 7;
        }
        self.0.push(rest as u8);
    }

    fn text(&mut self, value: &mut String) {
        self.count(&mut value.len());
        self.0.extend_from_slice(value.as_bytes());
    }

    fn count(&mut self, value: &mut usize) {
        self.number(&mut (*value as u64));
    }

    fn below(&mut self, value: &mut usize, _: usize) {
        self.count(value);
    }

    fn reading(&self) -> bool {
        false
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    error: Option<WholeBytesError>,
}

impl Reader<'_> {
    /// Keeps the first problem and stops reading.
    fn fail(&mut self, error: WholeBytesError) {
        self.error.get_or_insert(error);
    }

    /// The next number, or `None` (and the problem kept) when there is none.
    fn next(&mut self) -> Option<u64> {
        if self.error.is_some() {
            return None;
        }
        let start = self.at;
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.at) else {
                self.fail(WholeBytesError::Truncated { offset: start });
                return None;
            };
            self.at += 1;
            let bits = u64::from(byte & 0x7F);
            if shift == 63 && bits > 1 {
                break;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        self.fail(WholeBytesError::OutOfRange { offset: start });
        None
    }

    /// The next number if it is below `limit`.
    fn next_below(&mut self, limit: usize) -> Option<usize> {
        let start = self.at;
        let value = usize::try_from(self.next()?)
            .ok()
            .filter(|&value| value < limit);
        if value.is_none() {
            self.fail(WholeBytesError::OutOfRange { offset: start });
        }
        value
    }
}

impl Pass for Reader<'_> {
    fn number(&mut self, value: &mut u64) {
        *value = self.next().unwrap_or(0);
    }

    fn text(&mut self, value: &mut String) {
        let start = self.at;
        let mut length = 0;
        self.count(&mut length);
        let Some(bytes) = self.bytes.get(self.at..self.at + length) else {
            return;
        };
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.at += length;
                *value = text.to_owned();
            }
            Err(_) => self.fail(WholeBytesError::NotUtf8 { offset: start }),
        }
    }

    fn count(&mut self, value: &mut usize) {
        let left = self.bytes.len() - self.at;
        *value = self.next_below(left + 1).unwrap_or(0);
    }

    fn below(&mut self, value: &mut usize, limit: usize) {
        *value = self.next_below(limit).unwrap_or(0);
    }

    fn reading(&self) -> bool {
        true
    }
}

fn size(pass: &mut dyn Pass, value: &mut usize) {
    pass.below(value, usize::MAX);
}

fn flag(pass: &mut dyn Pass, value: &mut bool) {
    let mut number = usize::from(*value);
    pass.below(&mut number, 2);
    *value = number == 1;
}

fn instant(pass: &mut dyn Pass, value: &mut Option<i64>) {
    let mut present = value.is_some();
    flag(pass, &mut present);
    if present {
        let signed = value.get_or_insert(0);
        // Zigzag: small magnitudes of either sign take few bytes.
        let mut number = ((*signed << 1) ^ (*signed >> 63)) as u64;
        pass.number(&mut number);
        *signed = ((number >> 1) as i64) ^ -((number & 1) as i64);
    }
}

fn optional_text(pass: &mut dyn Pass, value: &mut Option<String>) {
    let mut present = value.is_some();
    flag(pass, &mut present);
    if present {
        pass.text(value.get_or_insert_with(String::new));
    }
}

/// One of `options`, by its place among them; a value not among them is written as the first.
fn one_of<T: PartialEq + Clone>(pass: &mut dyn Pass, value: &mut T, options: &[T]) {
    let mut place = options.iter().position(|known| known == value).unwrap_or(0);
    pass.below(&mut place, options.len());
    if let Some(known) = options.get(place) {
        value.clone_from(known);
    }
}

fn text(pass: &mut dyn Pass, value: &mut String) {
    pass.text(value);
}

/// A list, its items made by `empty` when read and taken through `item`.
fn list<T>(
    pass: &mut dyn Pass,
    items: &mut Vec<T>,
    empty: fn() -> T,
    item: fn(&mut dyn Pass, &mut T),
) {
    let mut count = items.len();
    pass.count(&mut count);
    if pass.reading() {
        items.resize_with(count, empty);
    }
    for value in items {
        item(pass, value);
    }
}

fn whole(pass: &mut dyn Pass, whole: &mut WholeFile) {
    size(pass, &mut whole.input);
    file(pass, &mut whole.file);
    list(pass, &mut whole.reports, TlsReport::default, report);
}

const CONTAINERS: [Option<Container>; 4] = [
    None,
    Some(Container::Json),
    Some(Container::Gzip),
    Some(Container::Email),
];

fn file(pass: &mut dyn Pass, file: &mut ReportFile) {
    one_of(pass, &mut file.container, &CONTAINERS);
    size(pass, &mut file.reports);
    let mut failed = file.error.is_some();
    flag(pass, &mut failed);
    if failed {
        error(pass, file.error.get_or_insert(ReadError::Empty));
    }
    list(pass, &mut file.diagnostics, empty_diagnostic, diagnostic);
}

/// The phrases [`ReadError::NotAnObject`] can name.
const KINDS: [&str; 6] = [
    Kind::String.phrase(),
    Kind::Number.phrase(),
    Kind::Bool.phrase(),
    Kind::Null.phrase(),
    Kind::Array.phrase(),
    Kind::Object.phrase(),
];

fn error(pass: &mut dyn Pass, error: &mut ReadError) {
    let mut variant = match error {
        ReadError::TooLarge { .. } => 0,
        ReadError::Empty => 1,
        ReadError::NotAReport => 2,
        ReadError::GzipTruncated => 3,
        ReadError::GzipCorrupt => 4,
        ReadError::DecompressedTooLarge { .. } => 5,
        ReadError::Json { .. } => 6,
        ReadError::NotAnObject { .. } => 7,
        ReadError::EmailWithoutReport => 8,
        ReadError::EmailEncoding { .. } => 9,
        ReadError::EmailBase64 => 10,
        ReadError::EmailTooDeep { .. } => 11,
    };
    pass.below(&mut variant, 12);
    if pass.reading() {
        *error = match variant {
            0 => ReadError::TooLarge { limit: 0 },
            1 => ReadError::Empty,
            2 => ReadError::NotAReport,
            3 => ReadError::GzipTruncated,
            4 => ReadError::GzipCorrupt,
            5 => ReadError::DecompressedTooLarge { limit: 0 },
            6 => ReadError::Json {
                offset: 0,
                line: 0,
                column: 0,
                detail: String::new(),
            },
            7 => ReadError::NotAnObject { found: "" },
            8 => ReadError::EmailWithoutReport,
            9 => ReadError::EmailEncoding {
                encoding: String::new(),
            },
            10 => ReadError::EmailBase64,
            _ => ReadError::EmailTooDeep { limit: 0 },
        };
    }
    match error {
        ReadError::TooLarge { limit }
        | ReadError::DecompressedTooLarge { limit }
        | ReadError::EmailTooDeep { limit } => size(pass, limit),
        ReadError::Json {
            offset,
            line,
            column,
            detail,
        } => {
            for value in [offset, line, column] {
                size(pass, value);
            }
            pass.text(detail);
        }
        ReadError::NotAnObject { found } => one_of(pass, found, &KINDS),
        ReadError::EmailEncoding { encoding } => pass.text(encoding),
        _ => {}
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

fn empty_diagnostic() -> Diagnostic {
    Diagnostic::new(Rule::ALL[0], Severity::Info, String::new())
}

fn diagnostic(pass: &mut dyn Pass, diagnostic: &mut Diagnostic) {
    one_of(pass, &mut diagnostic.rule, Rule::ALL);
    one_of(pass, &mut diagnostic.severity, &SEVERITIES);
    pass.text(&mut diagnostic.message);
    pass.text(&mut diagnostic.help);
    let mut located = diagnostic.span.is_some();
    flag(pass, &mut located);
    if located {
        let span = diagnostic.span.get_or_insert(Span {
            input: 0,
            start: 0,
            end: 0,
            line: 0,
            column: 0,
        });
        for value in [
            &mut span.input,
            &mut span.start,
            &mut span.end,
            &mut span.line,
            &mut span.column,
        ] {
            size(pass, value);
        }
    }
    let mut pathed = diagnostic.json_path.is_some();
    flag(pass, &mut pathed);
    if pathed {
        let at = diagnostic.json_path.get_or_insert(JsonPath {
            input: 0,
            path: String::new(),
        });
        size(pass, &mut at.input);
        pass.text(&mut at.path);
    }
}

fn report(pass: &mut dyn Pass, report: &mut TlsReport) {
    pass.text(&mut report.organization);
    optional_text(pass, &mut report.contact_info);
    pass.text(&mut report.report_id);
    instant(pass, &mut report.start);
    instant(pass, &mut report.end);
    list(pass, &mut report.policies, PolicyResult::default, policy);
}

const POLICY_TYPES: [PolicyType; 4] = [
    PolicyType::Sts,
    PolicyType::Tlsa,
    PolicyType::NoPolicyFound,
    PolicyType::Missing,
];

fn policy(pass: &mut dyn Pass, policy: &mut PolicyResult) {
    // The four named types by number; 4 for another type, whose name follows.
    let mut known = POLICY_TYPES
        .iter()
        .position(|known| *known == policy.policy_type)
        .unwrap_or(POLICY_TYPES.len());
    pass.below(&mut known, POLICY_TYPES.len() + 1);
    match POLICY_TYPES.get(known) {
        Some(known) => policy.policy_type = known.clone(),
        None => {
            if pass.reading() {
                policy.policy_type = PolicyType::Other(String::new());
            }
            if let PolicyType::Other(name) = &mut policy.policy_type {
                pass.text(name);
            }
        }
    }
    pass.text(&mut policy.domain);
    list(pass, &mut policy.mx_hosts, String::new, text);
    list(pass, &mut policy.policy_strings, String::new, text);
    pass.number(&mut policy.successful);
    pass.number(&mut policy.failed);
    list(pass, &mut policy.failures, FailureDetail::default, failure);
}

fn failure(pass: &mut dyn Pass, failure: &mut FailureDetail) {
    pass.text(&mut failure.result_type);
    pass.number(&mut failure.count);
    for value in [
        &mut failure.sending_ip,
        &mut failure.receiving_mx,
        &mut failure.receiving_helo,
        &mut failure.receiving_ip,
        &mut failure.additional_information,
        &mut failure.reason_code,
    ] {
        optional_text(pass, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8]) -> Reader<'_> {
        Reader {
            bytes,
            at: 0,
            error: None,
        }
    }

    #[test]
    fn numbers_round_trip_at_every_length() {
        let mut values = vec![0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, u64::MAX - 1, u64::MAX];
        values.extend((0..64).map(|shift| 1_u64 << shift));
        let mut writer = Writer(Vec::new());
        for value in &values {
            writer.number(&mut value.clone());
            instant(&mut writer, &mut Some(*value as i64));
        }
        let mut from = reader(&writer.0);
        for &value in &values {
            let (mut number, mut signed) = (0, None);
            from.number(&mut number);
            instant(&mut from, &mut signed);
            assert_eq!((number, signed), (value, Some(value as i64)));
        }
        assert_eq!((from.at, from.error), (writer.0.len(), None));
    }

    #[test]
    fn numbers_past_64_bits_are_refused() {
        // Ten bytes whose last carries more than the one bit left, and eleven bytes.
        let too_large = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02];
        let too_long = [
            0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00,
        ];
        for bytes in [&too_large[..], &too_long[..]] {
            let mut from = reader(bytes);
            from.number(&mut 0);
            assert_eq!(from.error, Some(WholeBytesError::OutOfRange { offset: 0 }));
        }
    }

    #[test]
    fn a_count_larger_than_the_bytes_left_is_refused_before_making_room() {
        let mut writer = Writer(Vec::new());
        writer.number(&mut u64::from(u32::MAX));
        let mut from = reader(&writer.0);
        let mut texts = Vec::new();
        list(&mut from, &mut texts, String::new, |pass, text| {
            pass.text(text)
        });
        assert!(texts.is_empty());
        assert_eq!(from.error, Some(WholeBytesError::OutOfRange { offset: 0 }));
    }
}
