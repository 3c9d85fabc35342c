//! Why a file could not be read as a report at all, with where reading stopped.

use std::fmt;

/// A reason no report could be read from (part of) an input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// The input is larger than the reader takes.
    TooLarge { limit: usize },
    /// The input is empty or only whitespace.
    Empty,
    /// The input is neither JSON, gzip nor an e-mail message.
    NotAReport,
    /// The gzip data ends before its end.
    GzipTruncated,
    /// The gzip data is damaged (a bad header, deflate stream or checksum).
    GzipCorrupt,
    /// The gzip data expands beyond the limit: a decompression bomb or an oversized report.
    DecompressedTooLarge { limit: usize },
    /// The JSON is not well formed, or nests too deeply.
    Json {
        /// Byte offset into the JSON text.
        offset: usize,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
        /// What the JSON parser expected or found, as it says it.
        detail: String,
    },
    /// The JSON document is not an object or an array of objects.
    NotAnObject { found: &'static str },
    /// An e-mail message without an `application/tlsrpt+gzip` or `+json` part.
    EmailWithoutReport,
    /// A report part in a content transfer encoding the reader does not decode.
    EmailEncoding { encoding: String },
    /// A base64 report part that does not decode.
    EmailBase64,
    /// An e-mail message with multipart nesting deeper than the reader follows.
    EmailTooDeep { limit: usize },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { limit } => write!(f, "the input is larger than {limit} bytes"),
            Self::Empty => f.write_str("the input is empty"),
            Self::NotAReport => {
                f.write_str("the input is neither JSON, gzip data nor an e-mail message")
            }
            Self::GzipTruncated => f.write_str("the gzip data is cut off before its end"),
            Self::GzipCorrupt => {
                f.write_str("the gzip data is damaged (header, deflate stream or checksum)")
            }
            Self::DecompressedTooLarge { limit } => write!(
                f,
                "the gzip data expands beyond {limit} bytes; reading stopped there"
            ),
            Self::Json {
                offset,
                line,
                column,
                detail,
            } => write!(
                f,
                "JSON error at line {line}, column {column} (byte {offset}): {detail}"
            ),
            Self::NotAnObject { found } => write!(
                f,
                "the JSON document is {found}, not a report object or an array of them"
            ),
            Self::EmailWithoutReport => f.write_str(
                "the e-mail message has no `application/tlsrpt+gzip` or \
                 `application/tlsrpt+json` part",
            ),
            Self::EmailEncoding { encoding } => write!(
                f,
                "the report part is in the `{}` transfer encoding, which is not read; \
                 base64, 7bit, 8bit and binary are",
                crate::txt_fields::show(encoding.as_bytes())
            ),
            Self::EmailBase64 => f.write_str("the report part is not valid base64"),
            Self::EmailTooDeep { limit } => {
                write!(f, "the e-mail nests multipart parts more than {limit} deep")
            }
        }
    }
}

impl std::error::Error for ReadError {}
