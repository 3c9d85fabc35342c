//! Checks of single values in a report: registered result types, counts, e-mail addresses,
//! URIs and IP addresses in their canonical text.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::tlsrpt_report::model::RESULT_TYPES;

/// The largest integer an I-JSON reader keeps exactly (RFC 7493 §2.2).
pub(super) const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// Whether `result_type` is in [`RESULT_TYPES`], matched by the compiler rather than one string
/// comparison after another.
pub(super) fn is_registered(result_type: &str) -> bool {
    let registered = matches!(
        result_type,
        "starttls-not-supported"
            | "certificate-host-mismatch"
            | "certificate-expired"
            | "certificate-not-trusted"
            | "validation-failure"
            | "tlsa-invalid"
            | "dnssec-invalid"
            | "dane-required"
            | "sts-policy-fetch-error"
            | "sts-policy-invalid"
            | "sts-webpki-invalid"
    );
    debug_assert_eq!(registered, RESULT_TYPES.contains(&result_type));
    registered
}

/// One `@` between a non-empty local part and a domain with a dot, and no spaces.
/// Why a count with a fraction or exponent is refused. A whole value is quoted (`100.0`); any
/// other is described in words, because formatting an `f64` links about 16 KiB of float
/// formatting code into the web app for this one message.
pub(super) fn not_an_integer(count: f64) -> String {
    // 2^53: below it every whole f64 converts to i64 exactly.
    if count.fract() != 0.0 {
        "the count has a fraction, not an integer".to_owned()
    } else if count.abs() < 9_007_199_254_740_992.0 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "whole and below 2^53: exact"
        )]
        let whole = count as i64;
        format!("{whole}.0 is not an integer")
    } else {
        "the count is a number beyond 2^53 written with an exponent or fraction, not an integer"
            .to_owned()
    }
}

pub(super) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The ASCII bytes a URI cannot hold, one bit each: controls, the space, DEL and
/// `"<>\\^`{|}`.
const REFUSED_IN_URI: u128 = {
    let mut mask = ((1u128 << 0x21) - 1) | (1 << 0x7F);
    let refused = b"\"<>\\^`{|}";
    let mut at = 0;
    while at < refused.len() {
        mask |= 1 << refused[at];
        at += 1;
    }
    mask
};

/// A scheme (RFC 3986 §3.1) and then no character a URI cannot hold.
pub(super) fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let refused = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
    };
    // Bytes first: nearly every URI is ASCII, where whitespace and controls are the bytes up to
    // the space and DEL, and decoding characters costs more than the rest of the check.
    let clean = if text.is_ascii() {
        !text
            .bytes()
            .any(|byte| (REFUSED_IN_URI >> (byte & 0x7F)) & 1 == 1)
    } else {
        !text.chars().any(refused)
    };
    scheme_ok && !rest.is_empty() && clean
}

/// IPv4 as four decimal octets without leading zeros, or IPv6 as RFC 5952 writes it.
pub(super) fn is_canonical_ip(text: &str) -> bool {
    if is_dotted_quad(text) || text.parse::<Ipv4Addr>().is_ok() {
        return true;
    }
    text.parse::<Ipv6Addr>()
        .is_ok_and(|address| address.to_string() == text)
}

/// Four decimal octets up to 255 without leading zeros: what `Ipv4Addr` accepts, checked in
/// one pass over the bytes, as most sending addresses are IPv4.
fn is_dotted_quad(text: &str) -> bool {
    let (mut dots, mut digits, mut value) = (0, 0, 0u32);
    for &byte in text.as_bytes() {
        match byte {
            b'0'..=b'9' => {
                // A digit after a leading zero, a fourth digit, or more than 255.
                if digits > 0 && value == 0 {
                    return false;
                }
                value = value * 10 + u32::from(byte - b'0');
                digits += 1;
                if value > 255 {
                    return false;
                }
            }
            b'.' if digits > 0 && dots < 3 => {
                dots += 1;
                digits = 0;
                value = 0;
            }
            _ => return false,
        }
    }
    dots == 3 && digits > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quads_agree_with_the_standard_parser() {
        for text in [
            "192.0.2.1",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "",
            "1.2.3.4 ",
            "+1.2.3.4",
            "1.2.3.00",
            "10.0.0.255",
            "999.1.1.1",
        ] {
            assert_eq!(
                is_dotted_quad(text),
                text.parse::<Ipv4Addr>().is_ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn canonical_addresses() {
        assert!(is_canonical_ip("192.0.2.1"));
        assert!(!is_canonical_ip("010.0.0.1"));
        assert!(is_canonical_ip("2001:db8::1"));
        assert!(!is_canonical_ip("2001:db8:abcd:0012::1"));
        assert!(!is_canonical_ip("2001:DB8::1"));
        assert!(!is_canonical_ip(""));
    }

    #[test]
    fn registered_result_types_match_the_table() {
        for result_type in RESULT_TYPES {
            assert!(is_registered(result_type));
        }
        assert!(!is_registered("certificate-revoked"));
        assert!(!is_registered(""));
    }

    #[test]
    fn ascii_bytes_in_uris_are_judged_as_characters() {
        for byte in 0..0x80u8 {
            let c = char::from(byte);
            let refused = c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}');
            assert_eq!(
                is_uri(&format!("https://x.example/{c}")),
                !refused,
                "{byte:#x}"
            );
            // The same character beside a non-ASCII one takes the character path.
            assert_eq!(
                is_uri(&format!("https://é.example/{c}")),
                !refused,
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn uris_and_addresses() {
        assert!(is_uri("https://reports.example/report_info?id=1#x"));
        assert!(!is_uri("https://reports.example/report_info ? id = 1"));
        assert!(!is_uri("see logs"));
        assert!(is_email("smtp-tls-reporting@google.com"));
        assert!(!is_email("Example Corp"));
    }

    #[test]
    fn counts_with_a_fraction() {
        assert_eq!(not_an_integer(100.0), "100.0 is not an integer");
        assert_eq!(not_an_integer(-3.0), "-3.0 is not an integer");
        assert_eq!(
            not_an_integer(1.5),
            "the count has a fraction, not an integer"
        );
        assert_eq!(
            not_an_integer(1e300),
            "the count is a number beyond 2^53 written with an exponent or fraction, not an integer"
        );
    }
}
