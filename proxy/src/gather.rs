//! The [`Gatherer`]: everything the probe and the fetch need (resolver, connector, target
//! policy, ports, deadlines), and the two ways in, one per fact type. The server and the
//! command line both hold one.

use std::sync::Arc;
use std::time::Duration;

use mta_sts_check::facts::{PolicyFetch, SmtpProbe};

use crate::guard::{Connect, DirectConnector, TargetPolicy};
use crate::resolve::{DnsError, MxAnswer, Resolver};

/// Deadlines for each step and for the whole of one probe or fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    pub connect: Duration,
    pub step: Duration,
    pub total: Duration,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(8),
            step: Duration::from_secs(15),
            total: Duration::from_secs(40),
        }
    }
}

/// What the gatherer needs to know.
#[derive(Clone)]
pub struct GatherSettings {
    pub resolver: Resolver,
    pub connector: Arc<dyn Connect>,
    pub targets: TargetPolicy,
    pub smtp_port: u16,
    pub https_port: u16,
    /// The name sent with EHLO.
    pub ehlo_name: String,
    pub deadlines: Deadlines,
}

impl GatherSettings {
    /// Ports 25 and 443, the direct connector, only globally reachable targets.
    pub fn new(resolver: Resolver, ehlo_name: String) -> Self {
        Self {
            resolver,
            connector: Arc::new(DirectConnector),
            targets: TargetPolicy::default(),
            smtp_port: 25,
            https_port: 443,
            ehlo_name,
            deadlines: Deadlines::default(),
        }
    }
}

/// Why a probe was refused before anything was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeRefusal {
    /// The host is not in the domain's MX set (or is not the domain when it has no MX).
    NotAnMxHost,
    /// The domain's MX set could not be looked up, so the host cannot be checked against it.
    MxLookupFailed(DnsError),
}

/// Gathers facts: STARTTLS probes and policy fetches.
#[derive(Clone)]
pub struct Gatherer {
    pub(crate) settings: Arc<GatherSettings>,
}

impl Gatherer {
    pub fn new(settings: GatherSettings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }

    pub fn settings(&self) -> &GatherSettings {
        &self.settings
    }

    /// Probes every address of `host`, after checking that `host` receives mail for `domain`.
    /// Both names are A-labels without a final dot.
    pub async fn smtp(&self, domain: &str, host: &str) -> Result<SmtpProbe, ProbeRefusal> {
        let mx = self
            .settings
            .resolver
            .mx(domain)
            .await
            .map_err(ProbeRefusal::MxLookupFailed)?;
        if !mx.covers(domain, host) {
            return Err(ProbeRefusal::NotAnMxHost);
        }
        Ok(crate::smtp::probe_host(&self.settings, domain, host).await)
    }

    /// The MX set of `domain`, as the proxy sees it.
    pub async fn mx(&self, domain: &str) -> Result<MxAnswer, DnsError> {
        self.settings.resolver.mx(domain).await
    }

    /// Fetches the policy of `domain` (A-labels, no final dot).
    pub async fn policy(&self, domain: &str) -> PolicyFetch {
        crate::fetch::fetch_policy(&self.settings, domain).await
    }
}
