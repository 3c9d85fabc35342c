//! The `mta-sts-check-proxy` command. The proxy is not written yet, so for now the command only
//! says so and exits with status 2, which scripts can tell apart from success.
//!
//! FIXME: the companion proxy (STARTTLS probe and policy fetch for the web app) is not written
//! yet; until it is, the web app is served by `trunk serve` and checks pasted text only.

use std::process::ExitCode;

fn main() -> ExitCode {
    eprintln!("mta-sts-check-proxy: the companion proxy is not implemented yet");
    ExitCode::from(2)
}
