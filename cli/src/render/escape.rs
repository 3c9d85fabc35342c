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

/// Whether `text` holds an unsafe character, found without decoding every character: only
/// the bytes below are the first byte of one (C0 controls and DEL; C2 for C1 controls; D8, E2
/// and EF for the invisible characters), so only there is a character decoded and checked.
fn has_unsafe(text: &str) -> bool {
    text.bytes().enumerate().any(|(at, byte)| {
        matches!(byte, 0..=0x1F | 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF)
            && text[at..].chars().next().is_some_and(is_unsafe)
    })
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
            let text = format!("a§{character}b");
            assert_eq!(
                has_unsafe(&text),
                is_unsafe(character),
                "{:x}",
                u32::from(character)
            );
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
