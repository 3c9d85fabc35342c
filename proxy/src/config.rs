//! The proxy's command-line flags and environment variables, and how they become a
//! [`GatherSettings`] and a [`ServerConfig`]. Every flag can also be set through the variable
//! named beside it in `--help`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use crate::gather::{Deadlines, GatherSettings};
use crate::guard::TargetPolicy;
use crate::resolve::Resolver;
use crate::server::{Network, Rate, ServerConfig};

/// The companion proxy of mta-sts-check: STARTTLS probes and policy fetches for the web app.
#[derive(Clone, Debug, Parser)]
#[command(name = "mta-sts-check-proxy", version)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "MTA_STS_PROXY_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Directory of the built web app to serve (Trunk's `dist/`).
    #[arg(long, env = "MTA_STS_PROXY_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// An origin (such as https://checker.example) whose pages may call the API; repeatable.
    #[arg(
        long = "allowed-origin",
        env = "MTA_STS_PROXY_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allowed_origins: Vec<String>,

    /// An origin the app may connect to besides this one and any https:// origin, for the
    /// Content-Security-Policy (a lab's http://127.0.0.1:PORT resolver); repeatable.
    #[arg(
        long = "connect-origin",
        env = "MTA_STS_PROXY_CONNECT_ORIGINS",
        value_delimiter = ','
    )]
    pub connect_origins: Vec<String>,

    /// The name sent with EHLO [default: this machine's host name].
    #[arg(long, env = "MTA_STS_PROXY_EHLO_NAME")]
    pub ehlo_name: Option<String>,

    /// Requests a client (IPv4 address or IPv6 /64) may make at once.
    #[arg(long, env = "MTA_STS_PROXY_CLIENT_BURST", default_value_t = 24)]
    pub client_burst: u32,

    /// Requests a client regains per minute.
    #[arg(long, env = "MTA_STS_PROXY_CLIENT_PER_MINUTE", default_value_t = 30)]
    pub client_per_minute: u32,

    /// Uncached probes of one target host at once.
    #[arg(long, env = "MTA_STS_PROXY_TARGET_BURST", default_value_t = 10)]
    pub target_burst: u32,

    /// Uncached probes of one target host regained per minute.
    #[arg(long, env = "MTA_STS_PROXY_TARGET_PER_MINUTE", default_value_t = 30)]
    pub target_per_minute: u32,

    /// Probes and fetches running at once.
    #[arg(long, env = "MTA_STS_PROXY_MAX_IN_FLIGHT", default_value_t = 64)]
    pub max_in_flight: usize,

    /// A reverse proxy network whose X-Forwarded-For is believed; repeatable.
    #[arg(
        long = "trusted-proxy",
        env = "MTA_STS_PROXY_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<Network>,

    /// Seconds a whole probe or fetch may take.
    #[arg(long, env = "MTA_STS_PROXY_PROBE_TIMEOUT", default_value_t = 40.0)]
    pub probe_timeout: f64,

    /// Seconds one step (a reply, the handshake) may take.
    #[arg(long, env = "MTA_STS_PROXY_STEP_TIMEOUT", default_value_t = 15.0)]
    pub step_timeout: f64,

    /// Seconds a connection attempt may take.
    #[arg(long, env = "MTA_STS_PROXY_CONNECT_TIMEOUT", default_value_t = 8.0)]
    pub connect_timeout: f64,

    /// Seconds a whole API request may take.
    #[arg(long, env = "MTA_STS_PROXY_REQUEST_TIMEOUT", default_value_t = 50.0)]
    pub request_timeout: f64,

    /// Seconds results are reused for identical requests.
    #[arg(long, env = "MTA_STS_PROXY_CACHE_TTL", default_value_t = 60.0)]
    pub cache_ttl: f64,

    /// Tests and labs only: the DNS server (IP:PORT) to ask instead of the system's.
    #[arg(long, env = "MTA_STS_PROXY_RESOLVER")]
    pub resolver: Option<SocketAddr>,

    /// Tests and labs only: the port to probe instead of 25.
    #[arg(long, env = "MTA_STS_PROXY_SMTP_PORT", default_value_t = 25)]
    pub smtp_port: u16,

    /// Tests and labs only: the port to fetch policies from instead of 443.
    #[arg(long, env = "MTA_STS_PROXY_HTTPS_PORT", default_value_t = 443)]
    pub https_port: u16,

    /// Tests and labs only: connect to addresses that are not globally reachable. Refused
    /// unless --listen is a loopback address.
    #[arg(long, env = "MTA_STS_PROXY_ALLOW_PRIVATE_TARGETS")]
    pub allow_private_targets: bool,
}

/// Why the flags cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// `--allow-private-targets` with a listen address that is not loopback.
    PrivateTargetsNeedLoopback,
    /// A timeout that is not a positive number of seconds.
    Timeout(&'static str),
    /// The EHLO name holds characters a host name cannot.
    EhloName(String),
    /// The resolver could not be set up.
    Resolver(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PrivateTargetsNeedLoopback => f.write_str(
                "--allow-private-targets is for tests and labs: it needs a loopback --listen \
                 address",
            ),
            Self::Timeout(flag) => write!(f, "{flag} must be a positive number of seconds"),
            Self::EhloName(name) => write!(f, "--ehlo-name {name:?} is not a host name"),
            Self::Resolver(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Args {
    /// The settings for gathering facts; `host_name` is this machine's name, used when no
    /// `--ehlo-name` is given.
    pub fn gather_settings(&self, host_name: &str) -> Result<GatherSettings, ConfigError> {
        if self.allow_private_targets && !self.listen.ip().is_loopback() {
            return Err(ConfigError::PrivateTargetsNeedLoopback);
        }
        let ehlo_name = self
            .ehlo_name
            .clone()
            .unwrap_or_else(|| host_name.to_owned());
        if ehlo_name.is_empty()
            || ehlo_name.len() > 253
            || !ehlo_name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        {
            return Err(ConfigError::EhloName(ehlo_name));
        }

        let resolver = match self.resolver {
            Some(server) => Resolver::with_server(server),
            None => Resolver::system(),
        }
        .map_err(ConfigError::Resolver)?;

        let mut settings = GatherSettings::new(resolver, ehlo_name);
        settings.targets = TargetPolicy {
            allow_private_targets: self.allow_private_targets,
        };
        settings.smtp_port = self.smtp_port;
        settings.https_port = self.https_port;
        settings.deadlines = Deadlines {
            connect: seconds(self.connect_timeout, "--connect-timeout")?,
            step: seconds(self.step_timeout, "--step-timeout")?,
            total: seconds(self.probe_timeout, "--probe-timeout")?,
        };
        Ok(settings)
    }

    /// The settings of the HTTP server.
    pub fn server_config(&self) -> Result<ServerConfig, ConfigError> {
        Ok(ServerConfig {
            static_dir: self.static_dir.clone(),
            allowed_origins: self.allowed_origins.clone(),
            connect_origins: self.connect_origins.clone(),
            client_rate: Rate {
                burst: self.client_burst,
                per_minute: self.client_per_minute,
            },
            target_rate: Rate {
                burst: self.target_burst,
                per_minute: self.target_per_minute,
            },
            max_in_flight: self.max_in_flight.max(1),
            trusted_proxies: self.trusted_proxies.clone(),
            request_deadline: seconds(self.request_timeout, "--request-timeout")?,
            cache_ttl: Duration::from_secs_f64(self.cache_ttl.max(0.0)),
            ..ServerConfig::default()
        })
    }
}

fn seconds(value: f64, flag: &'static str) -> Result<Duration, ConfigError> {
    if value.is_finite() && value > 0.0 && value < 86_400.0 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(ConfigError::Timeout(flag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        let mut all = vec!["mta-sts-check-proxy"];
        all.extend_from_slice(extra);
        Args::try_parse_from(all).expect("the flags parse")
    }

    #[tokio::test]
    async fn private_targets_need_a_loopback_listener() {
        let lab = args(&["--allow-private-targets", "--resolver", "127.0.0.1:53"]);
        assert!(lab.gather_settings("host").is_ok());

        let exposed = args(&["--allow-private-targets", "--listen", "0.0.0.0:8080"]);
        assert_eq!(
            exposed.gather_settings("host").err(),
            Some(ConfigError::PrivateTargetsNeedLoopback)
        );
    }

    #[tokio::test]
    async fn ehlo_names_cannot_smuggle_commands() {
        let bad = args(&[
            "--ehlo-name",
            "a\r\nMAIL FROM:<x>",
            "--resolver",
            "127.0.0.1:53",
        ]);
        assert!(matches!(
            bad.gather_settings("host"),
            Err(ConfigError::EhloName(_))
        ));
        let good = args(&["--ehlo-name", "probe.example", "--resolver", "127.0.0.1:53"]);
        assert_eq!(
            good.gather_settings("host").expect("valid").ehlo_name,
            "probe.example"
        );
    }

    #[test]
    fn timeouts_must_be_positive() {
        let bad = args(&["--request-timeout", "0"]);
        assert_eq!(
            bad.server_config().err(),
            Some(ConfigError::Timeout("--request-timeout"))
        );
    }
}
