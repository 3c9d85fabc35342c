//! What the policy as a whole means for senders: the mode, how long they cache it, and the
//! line endings it uses (RFC 8461 §3.2, §5, §8.3, §10.2).

use super::Reader;
use crate::diagnostic::Severity;
use crate::policy::Mode;
use crate::rule::Rule;

impl Reader<'_> {
    pub(super) fn report_mode_and_max_age(&mut self, mode: Option<Mode>, max_age: Option<u32>) {
        let mode_range = self.mode.as_ref().map(|first| first.range.clone());
        let max_age_range = self.max_age.as_ref().map(|first| first.range.clone());
        match mode {
            Some(Mode::Testing) => self.sink.push(
                Rule::PolicyTestingMode,
                Severity::Info,
                mode_range,
                "mode is `testing`: senders deliver even when validation fails, and only report \
                 the failure through TLS-RPT",
            ),
            Some(Mode::None) => self.sink.push(
                Rule::PolicyNoneMode,
                Severity::Info,
                mode_range,
                match max_age {
                    Some(seconds) if seconds > 86_400 => format!(
                        "mode is `none`: senders treat the domain as having no policy. While \
                         withdrawing, a short max_age (about 86400) is suggested, not {seconds}"
                    ),
                    _ => "mode is `none`: senders treat the domain as having no policy".to_owned(),
                },
            ),
            Some(Mode::Enforce) | None => {}
        }

        let Some(seconds) = max_age else { return };
        if seconds == 0 {
            self.sink.push(
                Rule::PolicyMaxAgeZero,
                Severity::Warning,
                max_age_range,
                "`max_age: 0`: senders cannot cache the policy, so it protects no later delivery",
            );
        } else if mode != Some(Mode::None) && seconds < 604_800 {
            let severity = if seconds < 86_400 {
                Severity::Warning
            } else {
                Severity::Info
            };
            self.sink.push(
                Rule::PolicyMaxAgeShort,
                severity,
                max_age_range,
                format!(
                    "`max_age: {seconds}` is {}; weeks or more are recommended",
                    describe_duration(seconds)
                ),
            );
        }
    }

    pub(super) fn report_line_endings(&mut self) {
        let message = match (self.lf_lines, self.crlf_lines) {
            (0, _) => return,
            (_, 0) => {
                "lines end in LF, not CRLF: valid under the grammar (RFC 8461 erratum \
                       6253)"
            }
            _ => "lines end in a mix of LF and CRLF: valid, each line may use either",
        };
        self.sink.push_with_help(
            Rule::PolicyLineEnding,
            Severity::Info,
            None,
            message,
            "Nothing to fix: LF and CRLF line endings are both valid.",
        );
    }
}

pub(super) fn trim_zeros(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }
}

/// `3600` as "1 hour", `86401` as "about 1 day".
fn describe_duration(seconds: u32) -> String {
    let (unit, size) = if seconds >= 86_400 {
        ("day", 86_400)
    } else if seconds >= 3_600 {
        ("hour", 3_600)
    } else if seconds >= 60 {
        ("minute", 60)
    } else {
        ("second", 1)
    };
    let count = seconds / size;
    let exact = if seconds.is_multiple_of(size) {
        ""
    } else {
        "about "
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{exact}{count} {unit}{plural}")
}
