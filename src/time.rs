//! Instants as RFC 3339 text (`2026-12-04T13:00:00Z`) and as seconds since the Unix epoch.
//!
//! The core has no clock: callers pass the instant to judge at, and these functions only convert.

use std::fmt;

/// Why a text is not an RFC 3339 date-time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError {
    /// The byte offset of the problem.
    pub offset: usize,
    /// What was expected there.
    pub expected: &'static str,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} at byte {}", self.expected, self.offset)
    }
}

impl std::error::Error for TimeError {}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` into seconds since the epoch (UTC).
pub fn parse_rfc3339(text: &str) -> Result<i64, TimeError> {
    let bytes = text.as_bytes();
    let number = |at: usize, len: usize, expected| -> Result<i64, TimeError> {
        let digits = bytes.get(at..at + len).ok_or(TimeError {
            offset: at,
            expected,
        })?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(TimeError {
                offset: at,
                expected,
            });
        }
        Ok(digits.iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0')))
    };
    let separator = |at: usize, allowed: &[u8], expected| match bytes.get(at) {
        Some(b) if allowed.contains(b) => Ok(()),
        _ => Err(TimeError {
            offset: at,
            expected,
        }),
    };

    let year = number(0, 4, "a four-digit year")?;
    separator(4, b"-", "`-`")?;
    let month = number(5, 2, "a two-digit month")?;
    separator(7, b"-", "`-`")?;
    let day = number(8, 2, "a two-digit day")?;
    separator(10, b"Tt ", "`T`")?;
    let hour = number(11, 2, "a two-digit hour")?;
    separator(13, b":", "`:`")?;
    let minute = number(14, 2, "two-digit minutes")?;
    separator(16, b":", "`:`")?;
    let second = number(17, 2, "two-digit seconds")?;

    let mut at = 19;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return Err(TimeError {
                offset: at,
                expected: "digits after `.`",
            });
        }
    }
    let offset = match bytes.get(at) {
        Some(b'Z' | b'z') => {
            at += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let hours = number(at + 1, 2, "a two-digit offset hour")?;
            separator(at + 3, b":", "`:`")?;
            let minutes = number(at + 4, 2, "two-digit offset minutes")?;
            let seconds = hours * 3600 + minutes * 60;
            at += 6;
            if *sign == b'+' { seconds } else { -seconds }
        }
        _ => {
            return Err(TimeError {
                offset: at,
                expected: "`Z` or an offset such as `+02:00`",
            });
        }
    };
    if at != bytes.len() {
        return Err(TimeError {
            offset: at,
            expected: "the end of the date-time",
        });
    }
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return Err(TimeError {
            offset: 0,
            expected: "a real calendar date and time",
        });
    }
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Writes seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let within = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        within / 3600,
        within % 3600 / 60,
        within % 60
    )
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (the algorithm of Howard Hinnant's
/// `chrono`-compatible date library, written from its description).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_instants() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339("2026-12-04T13:00:00Z"), Ok(1_796_389_200));
        assert_eq!(
            parse_rfc3339("2026-12-04T15:00:00.5+02:00"),
            Ok(1_796_389_200)
        );
        assert_eq!(format_rfc3339(1_796_389_200), "2026-12-04T13:00:00Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00Z")
                .map(format_rfc3339)
                .as_deref(),
            Ok("2024-02-29T00:00:00Z")
        );
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        assert_eq!(
            parse_rfc3339("2026-12-04 13:00"),
            Err(TimeError {
                offset: 16,
                expected: "`:`"
            })
        );
        assert_eq!(
            parse_rfc3339("2026-12-04T13:00:00"),
            Err(TimeError {
                offset: 19,
                expected: "`Z` or an offset such as `+02:00`"
            })
        );
        assert!(parse_rfc3339("2026-02-30T00:00:00Z").is_err());
        assert!(parse_rfc3339("").is_err());
    }
}
