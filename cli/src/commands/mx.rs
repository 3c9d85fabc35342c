//! `mta-sts-check mx`: a policy file and the domain's MX hosts, matched as senders match them.

use mta_sts_check::{MxSet, check_mx, check_policy};

use crate::args::MxArgs;
use crate::error::CliError;
use crate::input;
use crate::report::{Reading, Report};

pub(crate) fn run(args: &MxArgs) -> Result<Report, CliError> {
    let body = input::read_file(&args.policy)?;
    let policy = check_policy(&body.text);

    let set = mx_set(args);
    let check = check_mx(&policy, &set);

    let mut diagnostics = policy.diagnostics;
    diagnostics.extend(check.diagnostics.iter().cloned());

    Ok(Report {
        inputs: vec![body],
        diagnostics,
        reading: Reading::Mx {
            policy: policy.policy,
            set,
            check,
        },
    })
}

/// The MX set the arguments describe. Clap ensures there are hosts or a domain.
fn mx_set(args: &MxArgs) -> MxSet {
    match (args.hosts.as_slice(), &args.domain) {
        // The root name, written as DNS shows it, is a null MX; an empty name is an error.
        ([only], _) if only == "." => MxSet::Null,
        ([], Some(domain)) => MxSet::Implicit(domain.clone()),
        (hosts, _) => MxSet::Hosts(hosts.to_vec()),
    }
}
