//! The command-line grammar, declared with clap: one subcommand per kind of input, each with
//! `--json`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Check MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) policies and records, offline.
///
/// Exit status: 0 when the verdict is pass or warn, 1 when it is fail, 2 when the check could
/// not run.
#[derive(Debug, Parser)]
#[command(name = "mta-sts-check", version, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Shown after the list of commands.
const EXAMPLES: &str = "\
Examples:
  mta-sts-check policy mta-sts.txt
  curl -s https://mta-sts.example.com/.well-known/mta-sts.txt | mta-sts-check policy -
  mta-sts-check sts-record '\"v=STSv1; id=2024\" \"0101\"'
  mta-sts-check tlsrpt-record 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com'
  mta-sts-check mx --policy mta-sts.txt mx1.example.com. mx2.example.com.
  mta-sts-check mx --policy mta-sts.txt --domain example.com";

/// What to check.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check a policy body, the file served at `/.well-known/mta-sts.txt`.
    Policy(PolicyArgs),

    /// Check the TXT records at `_mta-sts.<domain>`, one argument per record.
    StsRecord(RecordArgs),

    /// Check the TXT records at `_smtp._tls.<domain>`, one argument per record.
    TlsrptRecord(RecordArgs),

    /// Check which MX hosts a policy's `mx` patterns cover.
    Mx(MxArgs),
}

impl Command {
    /// Whether the report is wanted as JSON.
    pub(crate) const fn json(&self) -> bool {
        match self {
            Self::Policy(args) => args.format.json,
            Self::StsRecord(args) | Self::TlsrptRecord(args) => args.format.json,
            Self::Mx(args) => args.format.json,
        }
    }
}

/// The output options every subcommand shares.
#[derive(Debug, Args)]
pub(crate) struct Format {
    /// Print one JSON object on one line instead of text for people.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `mta-sts-check policy`.
#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    #[command(flatten)]
    pub(crate) format: Format,

    /// The policy file, or `-` for standard input.
    #[arg(value_name = "FILE|-")]
    pub(crate) file: PathBuf,
}

/// `mta-sts-check sts-record` and `mta-sts-check tlsrpt-record`.
#[derive(Debug, Args)]
pub(crate) struct RecordArgs {
    #[command(flatten)]
    pub(crate) format: Format,

    /// One TXT record per argument: bare text, or quoted character-strings as in a zone file
    /// (`"v=STSv1; id=2024" "0101"`).
    #[arg(value_name = "TXT", required = true)]
    pub(crate) records: Vec<OsString>,
}

/// `mta-sts-check mx`.
#[derive(Debug, Args)]
pub(crate) struct MxArgs {
    #[command(flatten)]
    pub(crate) format: Format,

    /// The policy file, or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub(crate) policy: PathBuf,

    /// The domain, when it has no MX records: the domain itself is then the implicit MX.
    #[arg(long, value_name = "DOMAIN", conflicts_with = "hosts")]
    pub(crate) domain: Option<String>,

    /// The MX hosts, most preferred first; a single `.` is a null MX.
    #[arg(value_name = "MX-HOST", required_unless_present = "domain")]
    pub(crate) hosts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }
}
