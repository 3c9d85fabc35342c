//! gzip (RFC 1952) decompression with a cap on the output, so that a decompression bomb stops
//! with an error instead of filling memory (RFC 8460 §6.3).
//!
//! `flate2` with its pure-Rust backend (`miniz_oxide`) does the work, so the core still builds
//! for wasm32. Concatenated gzip members are read as one stream, as `gunzip` does.

use std::io::{ErrorKind, Read};

use flate2::read::MultiGzDecoder;

use crate::tlsrpt_report::error::ReadError;

/// The two bytes every gzip member starts with.
pub(crate) const MAGIC: [u8; 2] = [0x1F, 0x8B];

/// Whether `data` starts like gzip data.
pub(crate) fn is_gzip(data: &[u8]) -> bool {
    data.starts_with(&MAGIC)
}

/// The decompressed bytes, at most `limit` of them.
pub(crate) fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = MultiGzDecoder::new(data).take(cap).read_to_end(&mut out);
    match read {
        Ok(_) if out.len() > limit => Err(ReadError::DecompressedTooLarge { limit }),
        Ok(_) => Ok(out),
        Err(error) if error.kind() == ErrorKind::UnexpectedEof => Err(ReadError::GzipTruncated),
        Err(_) => Err(ReadError::GzipCorrupt),
    }
}
