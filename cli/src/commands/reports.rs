//! `mta-sts-check report`: TLS-RPT report files, read by the core and added up.
//!
//! Each file is one input, in the order given. The check could not run (exit 2) only when no
//! file held a readable report; a file that cannot be read next to others that can is an error
//! finding, so the figures that were read are still shown.

use mta_sts_check::check_reports;

use crate::args::ReportArgs;
use crate::error::CliError;
use crate::input::{self, Input};
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

    let inputs: Vec<Input> = args
        .files
        .iter()
        .map(|path| input::read_file(path))
        .collect::<Result<_, _>>()?;
    let texts: Vec<&[u8]> = inputs.iter().map(|input| input.text.as_slice()).collect();
    let mut check = check_reports(&texts);

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
