//! `mta-sts-check report`: TLS-RPT report files, read by the core and added up.
//!
//! Each file is one input, in the order given; several are read at once (see [`pool`]) and
//! added up in that order. The check could not run (exit 2) only when no file held a readable
//! report; a file that cannot be read next to others that can is an error finding, so the
//! figures that were read are still shown.

mod pool;

use std::num::NonZero;

use mta_sts_check::ReportsCheck;

use crate::args::ReportArgs;
use crate::error::CliError;
use crate::input::Input;
use crate::report::{Reading, Report};

pub(crate) fn run(args: &ReportArgs) -> Result<Report, CliError> {
    let from_stdin = args
        .files
        .iter()
        .filter(|path| path.as_os_str() == "-")
        .count();
    if from_stdin > 1 {
        return Err(CliError::StdinTwice);
    }

    let threads = args.jobs.map_or_else(
        || {
            std::thread::available_parallelism()
                .map_or(1, NonZero::get)
                .min(pool::DEFAULT_MAX_THREADS)
        },
        usize::from,
    );
    let mut check = ReportsCheck::default();
    let mut inputs: Vec<Input> = Vec::with_capacity(args.files.len());
    pool::read_in_order(&args.files, threads, |input, part| {
        check.add_part(part);
        inputs.push(input);
    })?;

    if check.reports.is_empty() && check.files.iter().all(|file| file.error.is_some()) {
        let reasons = inputs
            .iter()
            .zip(&check.files)
            .filter_map(|(input, file)| Some((input.name.clone(), file.error.clone()?)))
            .collect();
        return Err(CliError::NoReport { reasons });
    }

    Ok(Report {
        inputs,
        diagnostics: std::mem::take(&mut check.diagnostics),
        reading: Reading::Reports(Box::new(check)),
    })
}
