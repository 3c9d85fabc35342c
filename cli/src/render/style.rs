//! Colour for people at a terminal: on only when standard output is a terminal and `NO_COLOR`
//! is unset or empty (<https://no-color.org>), so pipes, files and tests get plain text.

use std::io::{self, IsTerminal};

use mta_sts_check::{Severity, Verdict};

/// What a piece of text is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Paint {
    Error,
    Warning,
    Info,
    Pass,
    Frame,
    Bold,
}

impl Paint {
    pub(crate) const fn severity(severity: Severity) -> Self {
        match severity {
            Severity::Error => Self::Error,
            Severity::Warning => Self::Warning,
            Severity::Info => Self::Info,
        }
    }

    pub(crate) const fn verdict(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Fail => Self::Error,
            Verdict::Warn => Self::Warning,
            Verdict::Pass => Self::Pass,
        }
    }

    /// The SGR parameters: bold, with a colour for all but plain bold.
    const fn sgr(self) -> &'static str {
        match self {
            Self::Error => "1;31",
            Self::Warning => "1;33",
            Self::Info => "1;36",
            Self::Pass => "1;32",
            Self::Frame => "1;34",
            Self::Bold => "1",
        }
    }
}

/// Whether to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    colour: bool,
}

impl Style {
    /// Colour when standard output is a terminal and `NO_COLOR` does not forbid it.
    pub(crate) fn for_stdout() -> Self {
        let forbidden = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Self {
            colour: !forbidden && io::stdout().is_terminal(),
        }
    }

    /// `text` coloured as `paint` says, or as it is when colour is off. `text` must already be
    /// escaped.
    pub(crate) fn paint(self, paint: Paint, text: &str) -> String {
        if self.colour {
            format!("\u{1b}[{}m{text}\u{1b}[0m", paint.sgr())
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_style_adds_nothing_and_colour_wraps_in_sgr() {
        assert_eq!(Style { colour: false }.paint(Paint::Error, "x"), "x");
        assert_eq!(
            Style { colour: true }.paint(Paint::Error, "x"),
            "\u{1b}[1;31mx\u{1b}[0m"
        );
    }
}
