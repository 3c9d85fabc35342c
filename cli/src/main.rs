//! The `mta-sts-check` command line: reads a policy file, TXT records given as arguments or a
//! certificate chain, asks the core for its findings, prints them for people or as JSON, and
//! exits 0 (pass or warn), 1 (fail) or 2 (the check could not run).
//!
//! This file only wires the steps together; each step lives in its own module.

mod args;
mod commands;
mod domain;
mod error;
mod input;
mod instant;
mod output;
mod render;
mod report;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::error::CliError;
use crate::report::Status;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return output::clap_error(&error),
    };

    let status = match run(&cli) {
        Ok(status) => status,
        Err(error) => {
            output::error(&error);
            Status::Unable
        }
    };
    status.into()
}

/// Runs the command and prints its report; returns the status the report calls for.
fn run(cli: &Cli) -> Result<Status, CliError> {
    if let Command::Domain(args) = &cli.command {
        return domain::run(args);
    }
    let report = commands::run(&cli.command)?;

    let text = if cli.command.json() {
        render::json(&report)
    } else {
        render::human(&report, render::Style::for_stdout())
    };

    output::stdout(&text)?;
    let status = report.status();
    // The process ends next: freeing a large report set's findings and figures one by one
    // would only delay the exit, so the system takes the memory back at once instead.
    std::mem::forget(report);
    Ok(status)
}
