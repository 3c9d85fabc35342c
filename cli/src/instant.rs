//! The instant a chain is judged at: the one `--at` names, or the system clock's.
//!
//! The core has no clock, so the command line reads it here, and nowhere else.

use std::time::{SystemTime, UNIX_EPOCH};

use mta_sts_check::parse_rfc3339;

use crate::error::CliError;

/// Seconds since the Unix epoch at `text` (RFC 3339), or now when there is no text.
pub(crate) fn at(text: Option<&str>) -> Result<i64, CliError> {
    match text {
        Some(text) => parse_rfc3339(text).map_err(|error| CliError::Instant {
            text: text.to_owned(),
            error,
        }),
        None => Ok(now()),
    }
}

/// The system clock in whole seconds since the epoch; negative if the clock is set before it.
fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_instant_is_read_and_a_bad_one_names_its_byte() {
        assert_eq!(at(Some("2026-12-04T00:00:00Z")).unwrap(), 1_796_342_400);
        let error = at(Some("2026-12-04 00:00")).unwrap_err().to_string();
        assert!(error.contains("byte 16"), "{error}");
    }

    #[test]
    fn without_text_the_instant_is_now() {
        assert!(at(None).unwrap() > 1_796_342_400 - 86_400 * 365 * 10);
    }
}
