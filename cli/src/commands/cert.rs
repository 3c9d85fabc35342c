//! `mta-sts-check cert`: a certificate chain judged for a host at an instant, against Mozilla's
//! roots, roots from a file, or both, and optionally against a policy's `mx` patterns.
//!
//! The certificates are input 0 and the roots file, when given, input 1: the core's spans count
//! in them in that order. The policy is only read for its patterns, so its own findings are left
//! to `mta-sts-check policy`.

use std::path::Path;

use mta_sts_check::{CertificateOptions, check_certificates, check_policy};

use crate::args::CertArgs;
use crate::error::CliError;
use crate::input::{self, Input};
use crate::instant;
use crate::report::{Reading, Report};

pub(crate) fn run(args: &CertArgs) -> Result<Report, CliError> {
    let from_stdin = [Some(&args.file), args.roots.as_ref(), args.policy.as_ref()]
        .into_iter()
        .flatten()
        .filter(|path| is_stdin(path))
        .count();
    if from_stdin > 1 {
        return Err(CliError::StdinTwice);
    }

    let at = instant::at(args.at.as_deref())?;
    let certificates = input::read_file(&args.file)?;
    let roots = args.roots.as_deref().map(input::read_file).transpose()?;
    let policy = match args.policy.as_deref().map(input::read_file).transpose()? {
        Some(body) => {
            let check = check_policy(&body.text);
            if check.policy.is_none() {
                return Err(CliError::NoPolicy { name: body.name });
            }
            Some(check)
        }
        None => None,
    };

    let mut options = CertificateOptions::new(&args.host, at);
    options.extra_roots = roots.as_ref().map_or(&[], |roots| roots.text.as_slice());
    options.builtin_roots = !args.no_builtin_roots;
    options.warn_days = args.warn_days;
    options.info_days = args.info_days;
    options.policy = policy.as_ref();
    let mut check = check_certificates(&certificates.text, &options);

    let inputs: Vec<Input> = [Some(certificates), roots].into_iter().flatten().collect();
    Ok(Report {
        inputs,
        diagnostics: std::mem::take(&mut check.diagnostics),
        reading: Reading::Certificates(Box::new(check)),
    })
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}
