//! Getting the text to check: a file or standard input read as bytes, or TXT records given as
//! arguments and read from their presentation form.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use mta_sts_check::presentation;

use crate::error::CliError;

/// The most bytes read from one file: the core's largest TLS-RPT report input (128 MiB; records
/// and policies are rejected by the core over 1 MiB with a finding). The bound keeps `/dev/zero`
/// and the like from exhausting memory; a regular file larger than this is refused before it
/// is read.
pub(crate) const MAX_READ_BYTES: u64 = mta_sts_check::MAX_REPORT_INPUT_BYTES as u64;

/// One input the findings can point into, as the core saw it.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// How people name it: the file path, `<stdin>`, or `record 2`.
    pub(crate) name: String,

    /// The bytes spans count in (for a TXT record: its character-strings joined).
    pub(crate) text: Vec<u8>,
}

/// Reads the file at `path` whole, or standard input when `path` is `-`.
pub(crate) fn read_file(path: &Path) -> Result<Input, CliError> {
    read_file_into(path, Vec::new())
}

/// Like [`read_file`], reading into `buffer` (emptied first), so that a caller reading many
/// files can reuse one allocation.
pub(crate) fn read_file_into(path: &Path, buffer: Vec<u8>) -> Result<Input, CliError> {
    let from_stdin = path.as_os_str() == "-";
    let name = if from_stdin {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };

    let read = if from_stdin {
        read_bounded(io::stdin().lock(), 0, buffer)
    } else {
        File::open(path).and_then(|file| {
            let size = file.metadata()?.len();
            if size > MAX_READ_BYTES {
                return Ok(None);
            }
            read_bounded(file, size, buffer)
        })
    };

    match read {
        Ok(Some(text)) => Ok(Input { name, text }),
        Ok(None) => Err(CliError::TooLarge {
            name,
            limit: MAX_READ_BYTES,
        }),
        Err(source) => Err(CliError::Read { name, source }),
    }
}

/// All of `reader`, or `None` when it holds more than [`MAX_READ_BYTES`]; `expected` bytes are
/// reserved up front (a file's size), so that reading a large file does not double its buffer.
fn read_bounded(
    reader: impl Read,
    expected: u64,
    mut text: Vec<u8>,
) -> io::Result<Option<Vec<u8>>> {
    text.clear();
    text.reserve(usize::try_from(expected.saturating_add(1)).unwrap_or(0));
    reader.take(MAX_READ_BYTES + 1).read_to_end(&mut text)?;

    let within = u64::try_from(text.len()).is_ok_and(|len| len <= MAX_READ_BYTES);
    Ok(within.then_some(text))
}

/// Reads each argument as one TXT record: its character-strings, in order.
///
/// Text whose first non-blank character is not `"` is one string taken as it is, whatever its
/// bytes; quoted text follows RFC 1035 presentation syntax. Arguments count from 1 in errors.
pub(crate) fn read_records(arguments: &[OsString]) -> Result<Vec<Vec<Vec<u8>>>, CliError> {
    arguments
        .iter()
        .enumerate()
        .map(|(index, argument)| read_record(index + 1, argument))
        .collect()
}

fn read_record(argument: usize, text: &OsString) -> Result<Vec<Vec<u8>>, CliError> {
    let Some(text) = text.to_str() else {
        let bytes = text.as_encoded_bytes();
        let quoted = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'"');
        if quoted {
            return Err(CliError::PresentationNotUtf8 { argument });
        }
        return Ok(vec![bytes.to_vec()]);
    };

    presentation::parse_txt(text).map_err(|error| CliError::Presentation { argument, error })
}

/// The inputs a TXT RRset's spans point into: `record 1`, `record 2`, ... with their strings
/// joined.
pub(crate) fn record_inputs(records: &[Vec<Vec<u8>>]) -> Vec<Input> {
    records
        .iter()
        .enumerate()
        .map(|(index, strings)| Input {
            name: format!("record {}", index + 1),
            text: strings.concat(),
        })
        .collect()
}
