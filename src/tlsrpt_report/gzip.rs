//! gzip (RFC 1952) decompression with a cap on the output, so that a decompression bomb stops
//! with an error instead of filling memory (RFC 8460 §6.3).
//!
//! The member header and trailer are read here and the deflate data is inflated by `miniz_oxide`
//! (pure Rust, so the core still builds for wasm32). Going through `flate2` instead cost the web
//! app about 25 KiB gzipped: `crc32fast`'s 16 KiB slice-by-16 table and the `std::io` reader
//! machinery. Concatenated gzip members are read as one stream, as `gunzip` does.

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress as inflate, inflate_flags};

use crate::tlsrpt_report::error::ReadError;

/// The two bytes every gzip member starts with.
pub(crate) const MAGIC: [u8; 2] = [0x1F, 0x8B];

/// `FLG` bits (RFC 1952 §2.3.1).
const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
const RESERVED: u8 = 0xE0;

/// Whether `data` starts like gzip data.
pub(crate) fn is_gzip(data: &[u8]) -> bool {
    data.starts_with(&MAGIC)
}

/// The decompressed bytes of every member, at most `limit` of them.
pub(crate) fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let mut rest = data;
    loop {
        let body = skip_header(rest)?;
        let start = out.len();
        let used = inflate_member(body, &mut out, limit)?;
        let trailer = body.get(used..used + 8).ok_or(ReadError::GzipTruncated)?;
        let (crc, size) = trailer.split_at(4);
        let member = &out[start..];
        // ISIZE is the length modulo 2^32, so only the low 32 bits are compared.
        #[allow(clippy::cast_possible_truncation, reason = "modulo 2^32 by definition")]
        let length = member.len() as u32;
        if le32(crc) != crc32(member) || le32(size) != length {
            return Err(ReadError::GzipCorrupt);
        }
        rest = &body[used + 8..];
        if rest.is_empty() {
            return Ok(out);
        }
    }
}

/// The bytes after a member's header.
fn skip_header(data: &[u8]) -> Result<&[u8], ReadError> {
    let fixed = data
        .get(..10)
        .ok_or(if is_gzip(data) || MAGIC.starts_with(data) {
            ReadError::GzipTruncated
        } else {
            ReadError::GzipCorrupt
        })?;
    let flags = fixed[3];
    if !is_gzip(fixed) || fixed[2] != 8 || flags & RESERVED != 0 {
        return Err(ReadError::GzipCorrupt);
    }
    let mut rest = &data[10..];
    if flags & FEXTRA != 0 {
        let length = rest.get(..2).ok_or(ReadError::GzipTruncated)?;
        let length = usize::from(u16::from_le_bytes([length[0], length[1]]));
        rest = rest.get(2 + length..).ok_or(ReadError::GzipTruncated)?;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let end = rest
                .iter()
                .position(|&byte| byte == 0)
                .ok_or(ReadError::GzipTruncated)?;
            rest = &rest[end + 1..];
        }
    }
    if flags & FHCRC != 0 {
        rest = rest.get(2..).ok_or(ReadError::GzipTruncated)?;
    }
    Ok(rest)
}

/// Inflates the deflate data at the start of `input` onto `out`, keeping `out` within `limit`
/// bytes; returns how many input bytes the deflate data took.
fn inflate_member(input: &[u8], out: &mut Vec<u8>, limit: usize) -> Result<usize, ReadError> {
    // Each member is inflated into a buffer of its own, so that a back reference cannot reach
    // into the member before it.
    let room = limit.saturating_sub(out.len());
    // Not `clamp`: it panics when the room left is under 1 KiB, as after a large first member.
    let first = input
        .len()
        .saturating_mul(4)
        .max(1024)
        .min(room.saturating_add(1));
    let mut buffer = vec![0; first];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0, 0);
    loop {
        // Without TINFL_FLAG_HAS_MORE_INPUT: the input given is all there is.
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, used, made) = inflate(&mut state, &input[read..], &mut buffer, written, flags);
        read += used;
        written += made;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput if buffer.len() > room => {
                return Err(ReadError::DecompressedTooLarge { limit });
            }
            TINFLStatus::HasMoreOutput => {
                let grown = buffer.len().saturating_mul(2).min(room.saturating_add(1));
                buffer.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(ReadError::GzipTruncated);
            }
            _ => return Err(ReadError::GzipCorrupt),
        }
    }
    if written > room {
        return Err(ReadError::DecompressedTooLarge { limit });
    }
    out.extend_from_slice(&buffer[..written]);
    Ok(read)
}

fn le32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .rev()
        .fold(0, |value, &byte| (value << 8) | u32::from(byte))
}

/// CRC-32 (ISO 3309, as gzip uses it), one table lookup per byte: 1 KiB of table, fast enough
/// for the few MiB of a report.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0, |crc: u32, &byte| {
        CRC_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8)
    })
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0; 256];
    let mut index = 0;
    while index < 256 {
        let mut crc = index as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[index] = crc;
        index += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn header_fields_are_skipped() {
        // An empty member written with FNAME ("a") and FCOMMENT ("b").
        let member = [
            0x1F,
            0x8B,
            8,
            FNAME | FCOMMENT,
            0,
            0,
            0,
            0,
            0,
            0xFF,
            b'a',
            0,
            b'b',
            0,
            3,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ];
        assert_eq!(decompress(&member, 10), Ok(Vec::new()));
        assert_eq!(decompress(&member[..11], 10), Err(ReadError::GzipTruncated));
        let mut reserved = member;
        reserved[3] |= 0x80;
        assert_eq!(decompress(&reserved, 10), Err(ReadError::GzipCorrupt));
    }

    #[test]
    fn a_second_member_past_the_limit_stops_without_panicking() {
        // A member holding "abc" in a stored block, with its CRC-32 and length.
        let member = [
            0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1, 3, 0, 0xFC, 0xFF, b'a', b'b', b'c', 0xC2,
            0x41, 0x24, 0x35, 3, 0, 0, 0,
        ];
        assert_eq!(decompress(&member, 3), Ok(b"abc".to_vec()));
        let two = [member, member].concat();
        assert_eq!(decompress(&two, 6), Ok(b"abcabc".to_vec()));
        assert_eq!(
            decompress(&two, 4),
            Err(ReadError::DecompressedTooLarge { limit: 4 })
        );
    }

    #[test]
    fn concatenated_members_and_trailing_bytes() {
        let empty = [
            0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        let two = [empty, empty].concat();
        assert_eq!(decompress(&two, 10), Ok(Vec::new()));
        let junk = [&empty[..], b"junk"].concat();
        assert_eq!(decompress(&junk, 10), Err(ReadError::GzipCorrupt));
    }
}
