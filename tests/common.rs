//! Helpers shared by the core's integration tests: one way to run any check on test input.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]
#![allow(dead_code, unreachable_pub, clippy::missing_panics_doc)]

use mta_sts_check::{
    Diagnostic, MxSet, check_mx, check_policy, check_sts_records, check_tlsrpt_records,
    presentation,
};

/// An input for one of the core's checks.
#[derive(Clone, Debug)]
pub enum Input {
    /// A policy body.
    Policy(&'static [u8]),
    /// A policy body built at run time.
    PolicyOwned(Vec<u8>),
    /// `_mta-sts` TXT records, each in zone-file presentation or bare text.
    Sts(&'static [&'static str]),
    /// `_smtp._tls` TXT records, each in zone-file presentation or bare text.
    TlsRpt(&'static [&'static str]),
    /// Pasted text with one TXT record per line.
    Lines(&'static str),
    /// A policy and the MX set to match against it.
    Mx(&'static str, MxSetSpec),
}

/// An MX set written with static data.
#[derive(Clone, Debug)]
pub enum MxSetSpec {
    Hosts(&'static [&'static str]),
    Implicit(&'static str),
    Null,
}

/// Reads TXT records written in presentation form.
pub fn records(texts: &[&str]) -> Vec<Vec<Vec<u8>>> {
    texts
        .iter()
        .map(|text| presentation::parse_txt(text).expect("valid presentation"))
        .collect()
}

/// Runs the check the input is for and returns every finding (for MX: the policy's findings,
/// then the MX findings).
pub fn diagnostics(input: &Input) -> Vec<Diagnostic> {
    match input {
        Input::Policy(body) => check_policy(body).diagnostics,
        Input::PolicyOwned(body) => check_policy(body).diagnostics,
        Input::Sts(texts) => check_sts_records(&records(texts)).diagnostics,
        Input::TlsRpt(texts) => check_tlsrpt_records(&records(texts)).diagnostics,
        Input::Lines(text) => mta_sts_check::parse_lines(text).diagnostics,
        Input::Mx(policy, spec) => {
            let checked = check_policy(policy.as_bytes());
            let set = match spec {
                MxSetSpec::Hosts(hosts) => {
                    MxSet::Hosts(hosts.iter().map(|host| (*host).to_owned()).collect())
                }
                MxSetSpec::Implicit(domain) => MxSet::Implicit((*domain).to_owned()),
                MxSetSpec::Null => MxSet::Null,
            };
            let mx = check_mx(&checked, &set);
            checked
                .diagnostics
                .into_iter()
                .chain(mx.diagnostics)
                .collect()
        }
    }
}
