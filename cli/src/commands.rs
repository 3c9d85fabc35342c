//! Runs one subcommand: gathers its input, hands it to the core, and collects a [`Report`].

mod cert;
mod mx;
mod policy;
mod records;
mod reports;

use crate::args::Command;
use crate::error::CliError;
use crate::report::Report;

/// Runs `command` and returns what it found.
pub(crate) fn run(command: &Command) -> Result<Report, CliError> {
    match command {
        Command::Policy(args) => policy::run(args),
        Command::StsRecord(args) => records::run_sts(args),
        Command::TlsrptRecord(args) => records::run_tlsrpt(args),
        Command::Mx(args) => mx::run(args),
        Command::Cert(args) => cert::run(args),
        Command::Report(args) => reports::run(args),
        Command::Domain(_) => unreachable!("`domain` streams its output and runs from main"),
    }
}
