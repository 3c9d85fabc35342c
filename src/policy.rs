//! The MTA-STS policy (RFC 8461 §3.2): the validated value senders apply, how it is written
//! back as text, and how each `mx` pattern matches host names (§4.1).
//!
//! Reading a body, with every finding, is [`check_policy`].

mod parse;

use std::fmt;

pub use parse::check_policy;

use crate::diagnostic::{Diagnostic, Span, Verdict};

/// The largest body the checker reads: 16 times the 64 KiB that senders are advised to read.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// The size senders are advised to stop reading at (RFC 8461 §3.3).
pub const SENDER_POLICY_CAP_BYTES: usize = 64 * 1024;

/// The largest `max_age` allowed: 31557600 seconds, about one year.
pub const MAX_AGE_LIMIT: u32 = 31_557_600;

/// What senders do when validation fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Deliver only to MX hosts that pass validation.
    Enforce,
    /// Deliver anyway, and report failures through TLS-RPT.
    Testing,
    /// Treat the domain as having no active policy.
    None,
}

impl Mode {
    /// The value as written in a policy.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enforce => "enforce",
            Self::Testing => "testing",
            Self::None => "none",
        }
    }

    /// The mode written exactly as `value`, if it is one (the match is case-sensitive).
    pub fn from_value(value: &str) -> Option<Self> {
        match value {
            "enforce" => Some(Self::Enforce),
            "testing" => Some(Self::Testing),
            "none" => Some(Self::None),
            _ => None,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `mx` pattern: a host name, or `*.` and a domain that allows one more label in front.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MxPattern {
    wildcard: bool,
    domain: String,
}

impl MxPattern {
    /// A pattern for exactly `host`.
    pub fn exact(host: impl Into<String>) -> Self {
        Self {
            wildcard: false,
            domain: host.into(),
        }
    }

    /// A pattern for any name one label below `domain` (`*.domain`).
    pub fn wildcard(domain: impl Into<String>) -> Self {
        Self {
            wildcard: true,
            domain: domain.into(),
        }
    }

    /// Whether this is a `*.` pattern.
    pub const fn is_wildcard(&self) -> bool {
        self.wildcard
    }

    /// The name after `*.`, or the whole name for an exact pattern.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Whether the pattern covers `host`, an A-label host name without its trailing dot.
    ///
    /// Comparison ignores ASCII case. `*.example.com` covers `mx.example.com` but neither
    /// `example.com` nor `a.mx.example.com` (RFC 8461 §4.1).
    pub fn matches(&self, host: &str) -> bool {
        if !self.wildcard {
            return host.eq_ignore_ascii_case(&self.domain);
        }
        match host.split_once('.') {
            Some((first, rest)) => !first.is_empty() && rest.eq_ignore_ascii_case(&self.domain),
            None => false,
        }
    }
}

impl fmt::Display for MxPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.wildcard {
            f.write_str("*.")?;
        }
        f.write_str(&self.domain)
    }
}

/// A policy as senders apply it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The mode.
    pub mode: Mode,
    /// How long senders may cache the policy, in seconds.
    pub max_age: u32,
    /// The patterns MX hosts must match, in order.
    pub mx: Vec<MxPattern>,
    /// Extension keys and values, in order, which senders ignore.
    pub extensions: Vec<(String, String)>,
}

impl Policy {
    /// The policy written out as a body, one field per line, each line ending in CRLF.
    pub fn to_text(&self) -> String {
        let mut text = format!("version: STSv1\r\nmode: {}\r\n", self.mode);
        for pattern in &self.mx {
            text.push_str(&format!("mx: {pattern}\r\n"));
        }
        text.push_str(&format!("max_age: {}\r\n", self.max_age));
        for (key, value) in &self.extensions {
            text.push_str(&format!("{key}: {value}\r\n"));
        }
        text
    }
}

/// What a sender makes of a policy body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyCheck {
    /// The policy senders apply, when the body gives them one: the first value of each repeated
    /// key, every well-formed `mx` line, unknown keys ignored.
    pub policy: Option<Policy>,
    /// For each pattern of `policy.mx`, where its value is in the body.
    pub mx_spans: Vec<Span>,
    /// Every finding, in body order, then the findings about the body as a whole.
    pub diagnostics: Vec<Diagnostic>,
}

impl PolicyCheck {
    /// The verdict over all findings.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(&self.diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_exactly_one_extra_label() {
        let pattern = MxPattern::wildcard("example.com");
        assert!(pattern.matches("mx.example.com"));
        assert!(pattern.matches("MX.Example.COM"));
        assert!(!pattern.matches("example.com"));
        assert!(!pattern.matches("a.mx.example.com"));
        assert!(!pattern.matches(".example.com"));
        assert!(!pattern.matches("mxexample.com"));
    }

    #[test]
    fn exact_patterns_cover_only_the_same_name() {
        let pattern = MxPattern::exact("mail.example.com");
        assert!(pattern.matches("MAIL.example.com"));
        assert!(!pattern.matches("example.com"));
        assert!(!pattern.matches("x.mail.example.com"));
    }

    #[test]
    fn writes_one_crlf_line_per_field() {
        let policy = Policy {
            mode: Mode::Enforce,
            max_age: 604_800,
            mx: vec![
                MxPattern::exact("mail.example.com"),
                MxPattern::wildcard("example.net"),
            ],
            extensions: vec![("note".into(), "a b".into())],
        };
        assert_eq!(
            policy.to_text(),
            "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n\
             max_age: 604800\r\nnote: a b\r\n"
        );
    }
}
