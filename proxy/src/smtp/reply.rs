//! SMTP replies as RFC 5321 §4.2 writes them: one or more lines, each a three-digit code, then
//! `-` on every line but the last and a space (or nothing) on the last. Lines and replies are
//! capped so that a server cannot make the probe buffer without end.

use std::io;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use mta_sts_check::facts::{MAX_REPLY_LINE_BYTES, MAX_REPLY_LINES};

/// A complete reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    pub(crate) code: u16,
    /// Every line as received, without its line ending, code included.
    pub(crate) lines: Vec<String>,
}

impl Reply {
    /// Whether any line after the first carries `keyword` as its EHLO keyword (RFC 5321
    /// §4.1.1.1), compared without regard to case.
    pub(crate) fn has_keyword(&self, keyword: &str) -> bool {
        self.lines.iter().skip(1).any(|line| {
            line.get(4..)
                .and_then(|text| text.split_ascii_whitespace().next())
                .is_some_and(|word| word.eq_ignore_ascii_case(keyword))
        })
    }
}

/// Why no reply could be read; the lines read so far come along.
#[derive(Debug)]
pub(crate) enum ReplyError {
    Closed(Vec<String>),
    Io(io::Error),
    Malformed(Vec<String>),
    TooLong(Vec<String>),
}

/// Reads one reply.
pub(crate) async fn read_reply<R>(reader: &mut R) -> Result<Reply, ReplyError>
where
    R: AsyncBufRead + Unpin,
{
    let mut lines: Vec<String> = Vec::new();
    let mut code = None;
    loop {
        let Some(line) = read_line(reader).await.map_err(|error| match error {
            LineError::Io(error) => ReplyError::Io(error),
            LineError::TooLong => ReplyError::TooLong(lines.clone()),
        })?
        else {
            return Err(ReplyError::Closed(lines));
        };

        let parsed = parse_line(&line);
        lines.push(line);
        let Some((line_code, last)) = parsed else {
            return Err(ReplyError::Malformed(lines));
        };
        if code.is_some_and(|code| code != line_code) {
            return Err(ReplyError::Malformed(lines));
        }
        code = Some(line_code);
        if last {
            return Ok(Reply {
                code: line_code,
                lines,
            });
        }
        if lines.len() >= MAX_REPLY_LINES {
            return Err(ReplyError::TooLong(lines));
        }
    }
}

/// The code of a reply line and whether it is the reply's last line.
fn parse_line(line: &str) -> Option<(u16, bool)> {
    let bytes = line.as_bytes();
    let digits = bytes.get(..3)?;
    if !(b'2'..=b'5').contains(&digits[0]) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let code = digits
        .iter()
        .fold(0u16, |code, digit| code * 10 + u16::from(digit - b'0'));
    match bytes.get(3) {
        None | Some(b' ') => Some((code, true)),
        Some(b'-') => Some((code, false)),
        Some(_) => None,
    }
}

enum LineError {
    Io(io::Error),
    TooLong,
}

/// One line without its CRLF (or bare LF), or `None` at the end of the stream.
async fn read_line<R>(reader: &mut R) -> Result<Option<String>, LineError>
where
    R: AsyncBufRead + Unpin,
{
    let mut line = Vec::new();
    loop {
        let buffer = reader.fill_buf().await.map_err(LineError::Io)?;
        if buffer.is_empty() {
            return Ok((!line.is_empty()).then(|| finish(line)));
        }
        let (taken, complete) = match buffer.iter().position(|&byte| byte == b'\n') {
            Some(end) => (end + 1, true),
            None => (buffer.len(), false),
        };
        if line.len() + taken > MAX_REPLY_LINE_BYTES + 2 {
            return Err(LineError::TooLong);
        }
        line.extend_from_slice(&buffer[..taken]);
        reader.consume(taken);
        if complete {
            return Ok(Some(finish(line)));
        }
    }
}

fn finish(mut line: Vec<u8>) -> String {
    while line
        .last()
        .is_some_and(|&byte| byte == b'\n' || byte == b'\r')
    {
        line.pop();
    }
    String::from_utf8_lossy(&line).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(input: &[u8]) -> Result<Reply, ReplyError> {
        let mut reader = input;
        read_reply(&mut reader).await
    }

    #[tokio::test]
    async fn reads_single_and_multi_line_replies() {
        let reply = read(b"220 mx.example ESMTP\r\n").await.expect("a reply");
        assert_eq!(reply.code, 220);
        assert_eq!(reply.lines, ["220 mx.example ESMTP"]);

        let reply = read(b"250-mx.example\r\n250-PIPELINING\r\n250 starttls\r\n")
            .await
            .expect("a reply");
        assert_eq!(reply.code, 250);
        assert_eq!(reply.lines.len(), 3);
        assert!(reply.has_keyword("STARTTLS"));
        assert!(!reply.has_keyword("PIPELINING2"));
    }

    #[tokio::test]
    async fn rejects_what_is_not_a_reply() {
        assert!(matches!(
            read(b"hello\r\n").await,
            Err(ReplyError::Malformed(_))
        ));
        assert!(matches!(
            read(b"250-a\r\n251 b\r\n").await,
            Err(ReplyError::Malformed(_))
        ));
        assert!(matches!(
            read(b"250-a\r\n").await,
            Err(ReplyError::Closed(_))
        ));
        assert!(matches!(read(b"").await, Err(ReplyError::Closed(_))));
    }

    #[tokio::test]
    async fn caps_lines_and_replies() {
        let long = format!("220 {}\r\n", "x".repeat(MAX_REPLY_LINE_BYTES));
        assert!(matches!(
            read(long.as_bytes()).await,
            Err(ReplyError::TooLong(_))
        ));

        let many = "250-x\r\n".repeat(MAX_REPLY_LINES + 1);
        assert!(matches!(
            read(many.as_bytes()).await,
            Err(ReplyError::TooLong(_))
        ));
    }
}
