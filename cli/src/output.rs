//! Writing to the terminal or a pipe: the report on standard output, reasons on standard error.
//!
//! A reader that goes away early (`mta-sts-check policy x | head -1`) is not an error, and a
//! failed write never panics.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::error::CliError;
use crate::report::Status;

/// Writes the report to standard output; a closed pipe ends the output quietly.
pub(crate) fn stdout(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());

    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(CliError::Write(error)),
        Ok(()) | Err(_) => Ok(()),
    }
}

/// Writes why the check could not run to standard error.
pub(crate) fn error(error: &CliError) {
    // Nothing is left to tell the user with if standard error itself fails.
    let _ = writeln!(io::stderr().lock(), "mta-sts-check: error: {error}");
}

/// Prints clap's usage error or help and returns its status: 2 for a usage error, 0 for
/// `--help` and `--version`.
pub(crate) fn clap_error(error: &clap::Error) -> ExitCode {
    // A closed pipe while printing help is not worth reporting.
    let _ = error.print();

    if error.use_stderr() {
        Status::Unable.into()
    } else {
        ExitCode::SUCCESS
    }
}
