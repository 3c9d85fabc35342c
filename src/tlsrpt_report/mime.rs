//! Reports delivered by e-mail (RFC 8460 §5.3): finds the `application/tlsrpt+gzip` and
//! `application/tlsrpt+json` parts of a MIME message and decodes their transfer encoding.
//!
//! This is not a general MIME parser: it reads header fields (unfolded), `Content-Type` with its
//! `boundary`, `Content-Transfer-Encoding`, and walks `multipart/*` bodies to a bounded depth.
//! A message whose whole body is the report (some reporters send that) is read too.

use base64ct::{Base64, Encoding};

use crate::tlsrpt_report::error::ReadError;

/// The deepest multipart nesting followed.
pub(crate) const MAX_DEPTH: usize = 8;

/// The most report parts taken from one message.
pub(crate) const MAX_PARTS: usize = 64;

/// Whether `data` starts like an e-mail message: a header field name then `:`, or an mbox
/// `From ` line.
pub(crate) fn looks_like_email(data: &[u8]) -> bool {
    if data.starts_with(b"From ") {
        return true;
    }
    let name_end = data.iter().position(|&byte| byte == b':').unwrap_or(0);
    name_end > 0
        && data[..name_end]
            .iter()
            .all(|&byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

/// The decoded bodies of every report part, in message order.
pub(crate) fn report_parts(message: &[u8]) -> Result<Vec<Vec<u8>>, ReadError> {
    let message = match message.strip_prefix(b"From ") {
        Some(rest) => rest
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(&[][..], |at| &rest[at + 1..]),
        None => message,
    };
    let mut parts = Vec::new();
    let mut skipped_encoding = None;
    walk(message, 0, &mut parts, &mut skipped_encoding)?;
    if parts.is_empty() {
        return Err(skipped_encoding.unwrap_or(ReadError::EmailWithoutReport));
    }
    Ok(parts)
}

fn walk(
    entity: &[u8],
    depth: usize,
    parts: &mut Vec<Vec<u8>>,
    skipped: &mut Option<ReadError>,
) -> Result<(), ReadError> {
    if depth > MAX_DEPTH {
        return Err(ReadError::EmailTooDeep { limit: MAX_DEPTH });
    }
    let (headers, body) = split_head(entity);
    let content_type = header(headers, "content-type").unwrap_or_default();
    let media_type = media_type(&content_type);

    if media_type.starts_with("multipart/") {
        let Some(boundary) = parameter(&content_type, "boundary") else {
            return Ok(());
        };
        for part in split_multipart(body, boundary.as_bytes()) {
            if parts.len() >= MAX_PARTS {
                break;
            }
            walk(part, depth + 1, parts, skipped)?;
        }
        return Ok(());
    }
    if media_type != "application/tlsrpt+gzip" && media_type != "application/tlsrpt+json" {
        // FIXME: parts labelled `application/gzip` or `application/json` (seen from some
        // reporters, RFC 8460 TLSRPT-DELIVERY-004) are not read as reports.
        return Ok(());
    }
    let encoding = header(headers, "content-transfer-encoding")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match encoding.as_str() {
        "base64" => {
            let compact: Vec<u8> = body
                .iter()
                .copied()
                .filter(|byte| !byte.is_ascii_whitespace())
                .collect();
            let decoded = Base64::decode_vec(&String::from_utf8_lossy(&compact))
                .map_err(|_| ReadError::EmailBase64)?;
            parts.push(decoded);
        }
        "" | "7bit" | "8bit" | "binary" => parts.push(body.to_vec()),
        _ => {
            // FIXME: quoted-printable report parts are not decoded; no real reporter is known
            // to send them.
            *skipped = Some(ReadError::EmailEncoding { encoding });
        }
    }
    Ok(())
}

/// The header block and the body, split at the first empty line.
fn split_head(entity: &[u8]) -> (&[u8], &[u8]) {
    let mut at = 0;
    while at < entity.len() {
        let line_end = entity[at..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(entity.len(), |end| at + end + 1);
        let line = &entity[at..line_end];
        if line == b"\n" || line == b"\r\n" {
            return (&entity[..at], &entity[line_end..]);
        }
        at = line_end;
    }
    (entity, &[])
}

/// The unfolded value of the first header field called `name` (case-insensitive).
fn header(headers: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(headers);
    let mut value: Option<String> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(current) = value.as_mut() {
            if line.starts_with([' ', '\t']) {
                current.push(' ');
                current.push_str(line.trim());
                continue;
            }
            break;
        }
        if let Some((field, rest)) = line.split_once(':')
            && field.trim().eq_ignore_ascii_case(name)
        {
            value = Some(rest.trim().to_owned());
        }
    }
    value
}

/// `type/subtype` of a `Content-Type` value, lower case.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of a `Content-Type` value, unquoted.
fn parameter(content_type: &str, name: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The parts of a multipart body: what lies between `--boundary` lines, up to `--boundary--`.
fn split_multipart<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<&'a [u8]> {
    let mut delimiter = b"--".to_vec();
    delimiter.extend_from_slice(boundary);
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < body.len() {
        let line_end = body[at..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(body.len(), |end| at + end + 1);
        let line = body[at..line_end].trim_ascii_end();
        if let Some(rest) = line.strip_prefix(delimiter.as_slice())
            && (rest.is_empty() || rest == b"--")
        {
            if let Some(begin) = start {
                parts.push(&body[begin..at]);
            }
            if rest == b"--" {
                return parts;
            }
            start = Some(line_end);
        }
        at = line_end;
    }
    if let Some(begin) = start {
        parts.push(&body[begin..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_base64_report_in_a_multipart_report() {
        let message = b"From: a@example.com\r\nContent-Type: multipart/report;\r\n \
boundary=\"b1\"; report-type=tlsrpt\r\n\r\npreamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\n\
hello\r\n--b1\r\nContent-Type: application/tlsrpt+json\r\n\
Content-Transfer-Encoding: base64\r\n\r\neyJhIjox\r\nfQ==\r\n--b1--\r\n";
        assert_eq!(report_parts(message), Ok(vec![b"{\"a\":1}".to_vec()]));
    }

    #[test]
    fn a_message_without_a_report_part_says_so() {
        let message = b"Subject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        assert_eq!(report_parts(message), Err(ReadError::EmailWithoutReport));
    }
}
