//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpus:
//! the SMTP reply reader, the one parser here that reads what a remote server sends.

use futures_util::FutureExt;

use mta_sts_check::facts::{MAX_REPLY_LINE_BYTES, MAX_REPLY_LINES};

use crate::smtp::reply::read_reply;

/// Reads replies from `data` until it runs out or a reply is refused, and checks what the
/// reader promises: every reply has between one and the maximum number of lines, each within
/// the line cap, all starting with the reply's code.
pub fn smtp_replies(data: &[u8]) {
    let mut reader = data;
    while !reader.is_empty() {
        // Reading from a byte slice never waits, so the future is ready on its first poll.
        let Some(result) = read_reply(&mut reader).now_or_never() else {
            unreachable!("a byte slice is always ready");
        };
        let Ok(reply) = result else {
            return;
        };
        assert!((200..600).contains(&reply.code), "{}", reply.code);
        assert!(!reply.lines.is_empty() && reply.lines.len() <= MAX_REPLY_LINES);
        for line in &reply.lines {
            assert!(
                line.len() <= 3 * (MAX_REPLY_LINE_BYTES + 2),
                "{}",
                line.len()
            );
            assert!(line.starts_with(&reply.code.to_string()), "{line}");
        }
    }
}
