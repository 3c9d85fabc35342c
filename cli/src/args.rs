//! The command-line grammar, declared with clap: one subcommand per kind of input, each with
//! `--json`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::NonEmptyStringValueParser;
use clap::{Args, Parser, Subcommand};
use mta_sts_check::CertificateOptions;

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
  mta-sts-check mx --policy mta-sts.txt --domain example.com
  openssl s_client -connect mx1.example.com:25 -starttls smtp -showcerts </dev/null \\
    | mta-sts-check cert --host mx1.example.com --policy mta-sts.txt -
  mta-sts-check cert --host mx.lab.test --roots lab-ca.pem --no-builtin-roots chain.pem
  mta-sts-check cert --host mta-sts.example.com --at 2027-01-01T00:00:00Z chain.pem
  mta-sts-check report google.com!example.com!1725321600!1725407999!001.json.gz report.eml
  mta-sts-check domain example.com example.net
  mta-sts-check domain --json --state ~/.cache/mta-sts-state.json example.com >> checks.jsonl";

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

    /// Check a certificate chain (PEM, in any order, or one DER certificate) for a host.
    Cert(CertArgs),

    /// Read TLS-RPT reports (JSON, gzip or e-mail messages) and add up their figures.
    Report(ReportArgs),

    /// Check live domains: DNS, the policy fetch and a STARTTLS probe of every MX host.
    Domain(DomainArgs),
}

impl Command {
    /// Whether the report is wanted as JSON.
    pub(crate) const fn json(&self) -> bool {
        match self {
            Self::Policy(args) => args.format.json,
            Self::StsRecord(args) | Self::TlsrptRecord(args) => args.format.json,
            Self::Mx(args) => args.format.json,
            Self::Cert(args) => args.format.json,
            Self::Report(args) => args.format.json,
            Self::Domain(args) => args.format.json,
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

/// The core's default thresholds, so that `--help` shows them and they are written once.
const DEFAULTS: CertificateOptions<'static> = CertificateOptions::new("", 0);

/// `mta-sts-check cert`.
#[derive(Debug, Args)]
pub(crate) struct CertArgs {
    #[command(flatten)]
    pub(crate) format: Format,

    /// The host the chain must be valid for: an MX host, or `mta-sts.<domain>`.
    #[arg(long, value_name = "NAME", value_parser = NonEmptyStringValueParser::new())]
    pub(crate) host: String,

    /// The instant to judge at, such as `2027-01-01T00:00:00Z`; now when not given.
    #[arg(long, value_name = "RFC3339")]
    pub(crate) at: Option<String>,

    /// Also trust the roots in this PEM file (a private lab's CA), or `-` for standard input.
    #[arg(long, value_name = "PEM-FILE|-")]
    pub(crate) roots: Option<PathBuf>,

    /// Do not trust Mozilla's root set, only the roots given with `--roots`.
    #[arg(long, requires = "roots")]
    pub(crate) no_builtin_roots: bool,

    /// A policy file whose `mx` patterns the host should match, or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub(crate) policy: Option<PathBuf>,

    /// Warn when a certificate expires within this many days.
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.warn_days)]
    pub(crate) warn_days: u32,

    /// Note when a certificate expires within this many days.
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.info_days)]
    pub(crate) info_days: u32,

    /// The certificates, or `-` for standard input.
    #[arg(value_name = "FILE|-")]
    pub(crate) file: PathBuf,
}

/// `mta-sts-check report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) format: Format,

    /// Report files: JSON, gzip-compressed JSON or e-mail messages, told apart by their
    /// content; `-` for standard input (once).
    #[arg(value_name = "FILE|-", required = true)]
    pub(crate) files: Vec<PathBuf>,

    /// Files read at once (1 to 16), each on its own thread and held whole while it is read,
    /// with its report decompressed: up to 256 MiB per thread [default: the number of CPUs,
    /// at most 4]. Standard input, pipes and devices make it 1.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=16))]
    pub(crate) jobs: Option<u16>,
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

#[derive(Debug, Args)]
pub(crate) struct DomainArgs {
    /// One JSON object per line, one line per domain, with every fact and finding.
    #[command(flatten)]
    pub(crate) format: Format,

    /// Judge at this instant (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    pub(crate) at: Option<String>,

    /// Warn when a certificate expires within this many days.
    #[arg(long, value_name = "N", default_value_t = 14)]
    pub(crate) warn_days: u32,

    /// Ask this DNS server (IP:PORT) instead of the system's resolver.
    #[arg(long, value_name = "IP:PORT", conflicts_with = "doh")]
    pub(crate) resolver: Option<std::net::SocketAddr>,

    /// Ask this DNS over HTTPS resolver (RFC 8484), such as https://dns.google/dns-query;
    /// plain http only for loopback addresses.
    #[arg(long, value_name = "URL")]
    pub(crate) doh: Option<String>,

    /// Ask the proxy at this URL (its origin) for the policy fetch and the STARTTLS probes,
    /// where port 25 is blocked locally; DNS is still asked from here.
    #[arg(long, value_name = "URL")]
    pub(crate) proxy: Option<String>,

    /// Remember each domain's policy id and body here between runs, and warn when the body
    /// changed while the id did not.
    #[arg(long, value_name = "FILE")]
    pub(crate) state: Option<PathBuf>,

    /// Extra trusted roots (PEM), for private labs.
    #[arg(long, value_name = "PEM-FILE")]
    pub(crate) roots: Option<PathBuf>,

    /// The name sent with EHLO [default: this machine's host name].
    #[arg(long, value_name = "NAME")]
    pub(crate) ehlo_name: Option<String>,

    /// Domains checked at once.
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub(crate) jobs: u16,

    /// Labs only: connect to loopback and private addresses too.
    #[arg(long)]
    pub(crate) allow_private_targets: bool,

    /// Labs only: probe this port instead of 25.
    #[arg(long, value_name = "PORT", default_value_t = 25)]
    pub(crate) smtp_port: u16,

    /// Labs only: fetch policies from this port instead of 443.
    #[arg(long, value_name = "PORT", default_value_t = 443)]
    pub(crate) https_port: u16,

    /// The domains to check (internationalised names are converted to A-labels).
    #[arg(value_name = "DOMAIN", required = true)]
    pub(crate) domains: Vec<String>,
}
