//! Why the command line could not run a check: each cause is a variant, and its text names the
//! input, so the message on standard error says what to fix.

use std::fmt;
use std::io;

use mta_sts_check::presentation::PresentationError;
use mta_sts_check::{DomainInputError, ReadError, TimeError};

use crate::render::escape;

/// A reason the check could not run (exit status 2).
#[derive(Debug)]
pub(crate) enum CliError {
    /// The file (or standard input) could not be read.
    Read { name: String, source: io::Error },

    /// The input is larger than the command line reads at all.
    TooLarge { name: String, limit: u64 },

    /// A TXT argument starts with a quote but is not valid presentation syntax.
    Presentation {
        argument: usize,
        error: PresentationError,
    },

    /// A TXT argument in presentation syntax is not UTF-8 (bare text may hold any bytes).
    PresentationNotUtf8 { argument: usize },

    /// `--at` is not an RFC 3339 date-time.
    Instant { text: String, error: TimeError },

    /// More than one input was to be read from standard input.
    StdinTwice,

    /// The `--policy` file gives senders no policy, so no pattern can be matched.
    NoPolicy { name: String },

    /// No file given to `report` held a report that could be read.
    NoReport { reasons: Vec<(String, ReadError)> },

    /// A `domain` argument is not a domain name.
    Domain {
        text: String,
        error: DomainInputError,
    },

    /// The gathering of facts could not start (the resolver or the runtime).
    Setup(String),

    /// The `--state` file holds something other than a state this tool wrote.
    State { name: String, reason: String },

    /// Standard output could not be written, for a reason other than a closed pipe.
    Write(io::Error),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { name, source } => {
                write!(
                    f,
                    "cannot read `{}`: {source}",
                    escape::bounded(name, escape::MAX_NAME_CHARS)
                )
            }
            Self::TooLarge { name, limit } => write!(
                f,
                "`{}` is larger than {limit} bytes, more than this tool reads",
                escape::bounded(name, escape::MAX_NAME_CHARS)
            ),
            Self::Presentation { argument, error } => write!(
                f,
                "TXT argument {argument}, byte {}: invalid presentation syntax: {}",
                error.offset(),
                escape::text(&error.to_string())
            ),
            Self::PresentationNotUtf8 { argument } => write!(
                f,
                "TXT argument {argument}: quoted presentation syntax must be UTF-8; write other \
                 bytes as \\DDD escapes"
            ),
            Self::Instant { text, error } => write!(
                f,
                "--at `{}`: {error}; write an RFC 3339 date-time such as 2027-01-01T00:00:00Z",
                escape::bounded(text, escape::MAX_NAME_CHARS)
            ),
            Self::StdinTwice => write!(
                f,
                "only one input can be `-` (standard input): give the others as files"
            ),
            Self::NoPolicy { name } => write!(
                f,
                "`{}` gives senders no policy, so no `mx` pattern can be matched; \
                 `mta-sts-check policy` on it says why",
                escape::bounded(name, escape::MAX_NAME_CHARS)
            ),
            Self::NoReport { reasons } => {
                f.write_str("no TLS-RPT report could be read")?;
                for (name, reason) in reasons {
                    write!(
                        f,
                        "\n  `{}`: {}",
                        escape::bounded(name, escape::MAX_NAME_CHARS),
                        escape::text(&reason.to_string())
                    )?;
                }
                Ok(())
            }
            Self::Domain { text, error } => write!(
                f,
                "`{}` is not a domain: {error}",
                escape::bounded(text, escape::MAX_NAME_CHARS)
            ),
            Self::Setup(reason) => f.write_str(&escape::text(reason)),
            Self::State { name, reason } => write!(
                f,
                "the state file `{}` cannot be used: {reason}",
                escape::bounded(name, escape::MAX_NAME_CHARS)
            ),
            Self::Write(source) => write!(f, "cannot write the report: {source}"),
        }
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } | Self::Write(source) => Some(source),
            Self::Presentation { error, .. } => Some(error),
            Self::Instant { error, .. } => Some(error),
            Self::Domain { error, .. } => Some(error),
            Self::TooLarge { .. }
            | Self::PresentationNotUtf8 { .. }
            | Self::StdinTwice
            | Self::NoPolicy { .. }
            | Self::NoReport { .. }
            | Self::Setup(_)
            | Self::State { .. } => None,
        }
    }
}
