//! The source line under a finding, made safe to print, with where the `^^^` marker goes.
//!
//! Lines can be hostile: a megabyte long, not UTF-8, full of tabs and escape sequences. Only a
//! bounded stretch around the span is decoded, every unsafe character is escaped (the marker
//! counts the escape's width), and a line wider than the terminal is cut with `…`.

use unicode_width::UnicodeWidthChar;

use crate::render::escape;

/// How many bytes on either side of the span's start are decoded.
const CONTEXT_BYTES: usize = 400;

/// The widest line shown, in terminal columns, not counting the `…` marks.
const MAX_COLUMNS: usize = 100;

/// One line of input ready to print, and the marker under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Snippet {
    /// The line, escaped and possibly cut.
    pub(crate) text: String,

    /// Columns before the marker.
    pub(crate) marker_start: usize,

    /// Columns the marker covers, at least one.
    pub(crate) marker_width: usize,
}

/// One character (or undecodable byte) of the line as it is shown.
struct Piece {
    /// Its first byte in the input.
    offset: usize,
    shown: String,
    width: usize,
}

/// The line of `text` that holds byte `start`, with a marker under `start..end` (clamped to
/// that line).
pub(crate) fn snippet(text: &[u8], start: usize, end: usize) -> Snippet {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());

    let line_start = text[..start]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    let mut line_end = text[start..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(text.len(), |at| start + at);
    // The CR of a CRLF ending is not shown, unless the span is on it.
    if line_end > start + 1 && text[line_end - 1] == b'\r' {
        line_end -= 1;
    }

    let region_start = if start - line_start > CONTEXT_BYTES {
        next_char_start(text, start - CONTEXT_BYTES, start)
    } else {
        line_start
    };
    let region_end = if line_end - start > CONTEXT_BYTES {
        previous_char_start(text, start + CONTEXT_BYTES, start)
    } else {
        line_end
    };

    let pieces = pieces(text, region_start, region_end);
    let column_of = |offset: usize| -> usize {
        pieces
            .iter()
            .take_while(|piece| piece.offset < offset)
            .map(|piece| piece.width)
            .sum()
    };
    let marker_start = column_of(start);
    let marker_end = column_of(end.min(line_end)).max(marker_start + 1);
    let total = column_of(usize::MAX);

    let window_start = if total > MAX_COLUMNS {
        marker_start
            .saturating_sub(MAX_COLUMNS / 4)
            .min((total + 1).saturating_sub(MAX_COLUMNS))
    } else {
        0
    };
    let window_end = window_start + MAX_COLUMNS;

    let mut shown = String::new();
    let mut column = 0;
    let mut first_shown = None;
    let mut shown_end = window_start;
    let mut cut_front = region_start > line_start;
    let mut cut_back = region_end < line_end;
    let mut past_window = false;
    for piece in &pieces {
        if column < window_start {
            cut_front = true;
        } else if past_window || column + piece.width > window_end {
            past_window = true;
            cut_back = true;
        } else {
            first_shown.get_or_insert(column);
            shown.push_str(&piece.shown);
            shown_end = column + piece.width;
        }
        column += piece.width;
    }

    // The span starts inside the window, so it starts at or after the first piece shown.
    let first_shown = first_shown.unwrap_or(window_start).min(marker_start);
    let marker_end = marker_end.min(shown_end.max(marker_start + 1));
    let front_mark = if cut_front { "…" } else { "" };
    let back_mark = if cut_back { "…" } else { "" };

    Snippet {
        text: format!("{front_mark}{shown}{back_mark}"),
        marker_start: marker_start - first_shown + usize::from(cut_front),
        marker_width: marker_end - marker_start,
    }
}

/// The pieces of `text[from..to]`, each valid character and each undecodable byte on its own.
fn pieces(text: &[u8], from: usize, to: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut offset = from;

    for chunk in text[from..to].utf8_chunks() {
        for character in chunk.valid().chars() {
            let piece = if escape::is_unsafe(character) {
                let shown = escape::escaped(character);
                Piece {
                    offset,
                    width: shown.len(),
                    shown,
                }
            } else {
                Piece {
                    offset,
                    shown: character.to_string(),
                    width: character.width().unwrap_or(0),
                }
            };
            pieces.push(piece);
            offset += character.len_utf8();
        }

        for &byte in chunk.invalid() {
            pieces.push(Piece {
                offset,
                shown: format!("\\x{byte:02x}"),
                width: 4,
            });
            offset += 1;
        }
    }
    pieces
}

/// The first offset at or after `at` (and not after `limit`) that does not continue a UTF-8
/// character.
fn next_char_start(text: &[u8], mut at: usize, limit: usize) -> usize {
    while at < limit && is_continuation(text[at]) {
        at += 1;
    }
    at
}

/// The last offset at or before `at` (and not before `limit`) that does not continue a UTF-8
/// character.
fn previous_char_start(text: &[u8], mut at: usize, limit: usize) -> usize {
    while at > limit && is_continuation(text[at]) {
        at -= 1;
    }
    at
}

const fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    fn marked(text: &[u8], start: usize, end: usize) -> String {
        let shown = snippet(text, start, end);
        format!(
            "{}\n{}{}",
            shown.text,
            " ".repeat(shown.marker_start),
            "^".repeat(shown.marker_width)
        )
    }

    #[test]
    fn marks_the_span_on_its_own_line() {
        let text = b"version: STSv1\r\nmode: enforce\r\n";
        assert_eq!(marked(text, 22, 29), "mode: enforce\n      ^^^^^^^");
    }

    #[test]
    fn a_zero_width_span_gets_one_mark_even_at_the_end_of_a_line() {
        assert_eq!(marked(b"abc\ndef", 3, 3), "abc\n   ^");
        assert_eq!(marked(b"abc", 1, 1), "abc\n ^");
        assert_eq!(marked(b"", 0, 0), "\n^");
    }

    #[test]
    fn a_span_is_clamped_to_its_line_and_the_input() {
        assert_eq!(marked(b"ab\ncd\n", 1, 5), "ab\n ^");
        assert_eq!(marked(b"ab", 7, 9), "ab\n  ^");
    }

    #[test]
    fn a_cr_is_shown_only_when_the_span_is_on_it() {
        assert_eq!(marked(b"ab\r\n", 0, 1), "ab\n^");
        assert_eq!(marked(b"ab\r\n", 2, 3), "ab\\r\n  ^^");
        assert_eq!(marked(b"a\rb\n", 1, 2), "a\\rb\n ^^");
    }

    #[test]
    fn escapes_and_wide_characters_keep_the_marker_aligned() {
        assert_eq!(marked(b"\tx: y", 1, 2), "\\tx: y\n  ^");
        assert_eq!(marked(b"a\x1b[1mb", 5, 6), "a\\u{1b}[1mb\n          ^");
        assert_eq!(marked("日本: x".as_bytes(), 8, 9), "日本: x\n      ^");
        assert_eq!(marked(b"ab\xffcd", 2, 3), "ab\\xffcd\n  ^^^^");
    }

    #[test]
    fn any_span_over_awkward_text_gives_a_marker_within_reach() {
        let texts: [&[u8]; 6] = [
            b"",
            b"\n\r\n\r",
            "日本\t\u{1b}é\r\nx".as_bytes(),
            b"ab\xff\xc3\n\xe6\x97",
            b"\0\0\n\n",
            "\u{202e}a\u{0301}b".as_bytes(),
        ];
        for text in texts {
            for start in 0..text.len() + 2 {
                for end in 0..text.len() + 2 {
                    let shown = snippet(text, start, end);
                    assert!(shown.marker_width >= 1);
                    assert!(
                        shown.marker_start <= shown.text.width(),
                        "{text:?} {start} {end} {shown:?}"
                    );
                    assert!(!shown.text.chars().any(escape::is_unsafe));
                }
            }
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let mut text = vec![b'a'; 5_000];
        text[2_500] = b'X';

        let shown = snippet(&text, 2_500, 2_501);
        assert!(shown.text.starts_with('…') && shown.text.ends_with('…'));
        assert!(shown.text.chars().count() <= MAX_COLUMNS + 2);
        assert_eq!(shown.text.chars().nth(shown.marker_start), Some('X'));
        assert_eq!(shown.marker_width, 1);
    }

    #[test]
    fn a_long_span_is_marked_to_the_edge_of_what_is_shown() {
        let text = vec![b'a'; 1_000];

        let shown = snippet(&text, 0, 1_000);
        assert_eq!(shown.marker_start, 0);
        assert_eq!(shown.marker_width, MAX_COLUMNS);
        assert!(shown.text.ends_with('…'));
    }
}
