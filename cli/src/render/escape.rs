//! Keeping the terminal safe from the input: control characters, and the invisible characters
//! that reorder or hide text, are printed as escapes such as `\u{1b}` or `\u{202e}`.
//!
//! Text for people goes through [`text`]; JSON, whose serialiser already escapes C0 controls,
//! goes through [`json`] for DEL, C1 controls and the invisible characters.

use std::borrow::Cow;

/// The most characters of an input name (a file path) shown.
pub(crate) const MAX_NAME_CHARS: usize = 200;

/// Whether printing `character` as it is could move the cursor, change colours, or hide or
/// reorder the text around it.
pub(crate) fn is_unsafe(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// How `character` is shown when it is unsafe: `\t`, `\u{1b}`, `\u{202e}` and so on, as the
/// core quotes input in its messages (Rust's `escape_debug` form).
pub(crate) fn escaped(character: char) -> String {
    match character {
        '\t' => "\\t".to_owned(),
        '\n' => "\\n".to_owned(),
        '\r' => "\\r".to_owned(),
        '\0' => "\\0".to_owned(),
        _ => format!("\\u{{{:x}}}", u32::from(character)),
    }
}

/// `text` with every unsafe character escaped.
pub(crate) fn text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }

    let mut shown = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if is_unsafe(character) {
            shown.push_str(&escaped(character));
        } else {
            shown.push(character);
        }
    }
    Cow::Owned(shown)
}

/// `text` escaped as [`text`] does, and cut after `max_chars` characters of the input with `…`,
/// so that one huge value cannot flood the terminal.
pub(crate) fn bounded(text: &str, max_chars: usize) -> String {
    let mut characters = text.chars();
    let kept: String = characters.by_ref().take(max_chars).collect();
    let mut shown = self::text(&kept).into_owned();
    if characters.next().is_some() {
        shown.push('…');
    }
    shown
}

/// Whether `text` holds an unsafe character, found without decoding every character: eight
/// bytes of printable ASCII at a time are passed over at once, and of the other bytes only
/// those below are the first byte of an unsafe character (C0 controls and DEL; C2 for C1
/// controls; D8, E2 and EF for the invisible characters), so only there is a character decoded.
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let word = bytes
            .get(at..at + 8)
            .and_then(|word| <[u8; 8]>::try_from(word).ok());
        if word.is_some_and(|word| all_printable(u64::from_le_bytes(word))) {
            at += 8;
            continue;
        }
        if matches!(byte, 0..=0x1F | 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF)
            && text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_unsafe)
        {
            return true;
        }
        at += 1;
    }
    false
}

/// Whether each of the eight bytes of `word` is printable ASCII (0x20 to 0x7E).
const fn all_printable(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Some byte is below 0x20 exactly when subtracting 0x20 from every byte sets a high bit
    // that the byte did not have; some byte is above 0x7E exactly when adding 1 to every byte,
    // or the byte itself, has the high bit (a carry out of a byte needs a byte of 0xFF).
    let below = word.wrapping_sub(0x20 * ONES) & !word;
    let above = word.wrapping_add(ONES) | word;
    (below | above) & HIGH_BITS == 0
}

/// Serialised JSON with every unsafe character left by the serialiser written as `\u` and four
/// hexadecimal digits.
///
/// Such characters can only stand inside JSON strings, where the escape means the same thing.
pub(crate) fn json(serialised: &str) -> Cow<'_, str> {
    if !has_unsafe(serialised) {
        return Cow::Borrowed(serialised);
    }

    let mut shown = String::with_capacity(serialised.len() + 8);
    for character in serialised.chars() {
        if is_unsafe(character) {
            // Every unsafe character is in the Basic Multilingual Plane, so one `\u` escape of
            // four hexadecimal digits holds it.
            shown.push_str(&format!("\\u{:04x}", u32::from(character)));
        } else {
            shown.push(character);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_invisible_characters_are_escaped() {
        assert_eq!(text("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(text("tab\there"), "tab\\there");
        assert_eq!(text("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(text("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(text("\u{FEFF}version"), "\\u{feff}version");
        assert_eq!(text("plain é ü 日本"), "plain é ü 日本");
    }

    #[test]
    fn bounded_text_is_escaped_and_cut() {
        assert_eq!(bounded("abc", 3), "abc");
        assert_eq!(bounded("abcd", 3), "abc…");
        assert_eq!(bounded("\u{1b}bcd", 2), "\\u{1b}b…");
    }

    #[test]
    fn the_byte_scan_finds_exactly_the_unsafe_characters() {
        for character in (0..=0x10_FFFF).filter_map(char::from_u32) {
            // Short, and then inside and after runs of printable ASCII read a word at a time.
            for text in [
                format!("a§{character}b"),
                format!("0123456{character}89abcdef"),
                format!("0123456789abcdefg{character}"),
            ] {
                assert_eq!(
                    has_unsafe(&text),
                    is_unsafe(character),
                    "{:x} in {text:?}",
                    u32::from(character)
                );
            }
        }
    }

    #[test]
    fn a_word_is_printable_exactly_when_each_of_its_bytes_is() {
        for byte in 0..=u8::MAX {
            for position in 0..8 {
                let mut word = *b"AZaz09 ~";
                word[position] = byte;
                assert_eq!(
                    all_printable(u64::from_le_bytes(word)),
                    (0x20..=0x7E).contains(&byte),
                    "{byte:#x} at {position}"
                );
            }
        }
        // Bytes either side of the limits next to each other, where a borrow or a carry could
        // cross from one byte into the next.
        for pair in [
            [0x1F, 0x20],
            [0x20, 0x1F],
            [0x7F, 0x7E],
            [0xFF, 0x20],
            [0x00, 0x7E],
        ] {
            let mut word = *b"        ";
            word[3..5].copy_from_slice(&pair);
            assert!(!all_printable(u64::from_le_bytes(word)), "{pair:x?}");
        }
    }

    #[test]
    fn json_escapes_stay_valid_json() {
        let serialised = serde_json::to_string("a\u{7f}b\u{85}c\u{202E}").unwrap();
        let escaped = json(&serialised);
        assert!(escaped.is_ascii(), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{7f}b\u{85}c\u{202E}");
    }
}
