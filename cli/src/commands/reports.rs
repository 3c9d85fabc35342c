//! `mta-sts-check report`: TLS-RPT report files, read by the core and added up.
//!
//! Each file is one input, in the order given. The check could not run (exit 2) only when no
//! file held a readable report; a file that cannot be read next to others that can is an error
//! finding, so the figures that were read are still shown.

use mta_sts_check::ReportsCheck;

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

    // One file at a time, so memory follows the largest file, not the whole set.
    let mut check = ReportsCheck::default();
    let mut inputs: Vec<Input> = Vec::with_capacity(args.files.len());
    // One buffer serves every file whose bytes are not kept.
    let mut buffer = Vec::new();
    for path in &args.files {
        let mut input = input::read_file_into(path, std::mem::take(&mut buffer))?;
        check.add_file(&input.text);
        // Only a JSON syntax error points into a file's bytes; otherwise the name is enough.
        // FIXME: the whole text of a file with a syntax error is kept for the excerpt under its
        // finding, so a set of many large broken files is held in memory at once.
        let located = check.files.last().is_some_and(|file| {
            file.diagnostics
                .iter()
                .any(|finding| finding.span.is_some())
        });
        if !located {
            buffer = std::mem::take(&mut input.text);
        }
        inputs.push(input);
    }

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
