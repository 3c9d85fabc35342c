//! `mta-sts-check policy`: one policy body, read from a file or standard input.

use mta_sts_check::check_policy;

use crate::args::PolicyArgs;
use crate::error::CliError;
use crate::input;
use crate::report::{Reading, Report};

pub(crate) fn run(args: &PolicyArgs) -> Result<Report, CliError> {
    let body = input::read_file(&args.file)?;
    let check = check_policy(&body.text);

    Ok(Report {
        inputs: vec![body],
        diagnostics: check.diagnostics,
        reading: Reading::Policy(check.policy),
    })
}
