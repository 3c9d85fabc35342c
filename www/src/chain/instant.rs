//! The instant a chain is judged at: the browser's clock, or the RFC 3339 date-time typed into
//! the "judge at" field.

use mta_sts_check::{format_rfc3339, parse_rfc3339};

/// An instant in seconds since the epoch, and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Instant {
    /// The browser's clock when the fields last changed.
    Now(i64),
    /// The date-time the user typed.
    Given(i64),
}

impl Instant {
    pub(crate) const fn seconds(self) -> i64 {
        match self {
            Self::Now(seconds) | Self::Given(seconds) => seconds,
        }
    }

    /// Such as "2026-12-04T00:00:00Z (now)".
    pub(crate) fn describe(self) -> String {
        match self {
            Self::Now(seconds) => format!(
                "{} (now, from this computer's clock)",
                format_rfc3339(seconds)
            ),
            Self::Given(seconds) => format!("{} (the instant you gave)", format_rfc3339(seconds)),
        }
    }
}

/// Reads the "judge at" field: empty means `now`; otherwise an RFC 3339 date-time, or a message
/// saying what is wrong with it.
pub(crate) fn instant(text: &str, now: i64) -> Result<Instant, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Instant::Now(now));
    }
    parse_rfc3339(text).map(Instant::Given).map_err(|error| {
        format!(
            "“{}” is not an RFC 3339 date-time: {error}. Write it like \
             2026-12-04T00:00:00Z, or leave the field empty to judge at the current time.",
            text.escape_debug()
        )
    })
}
