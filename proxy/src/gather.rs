//! The [`Gatherer`]: everything the probe and the fetch need (resolver, connector, target
//! policy, ports, deadlines), and the two ways in, one per fact type. The server and the
//! command line both hold one.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use hickory_resolver::proto::rr::RecordType;

pub use mta_sts_check::facts::MAX_MX_HOSTS;
use mta_sts_check::facts::{
    DnsAnswer, DomainFacts, FACTS_VERSION, PolicyFetch, ProbeTarget, SmtpProbe, address_names,
    probe_skipped, probe_targets,
};

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
    /// A running proxy to ask for the fetch and the probes instead of connecting directly.
    remote: Option<Arc<crate::remote::RemoteProxy>>,
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
            remote: None,
        }
    }

    /// Asks the proxy at `url` (its origin, `https:` or loopback `http:`) for the policy fetch
    /// and the probes, instead of connecting directly.
    pub fn use_proxy(&mut self, url: &str) -> Result<(), String> {
        self.remote = Some(Arc::new(crate::remote::RemoteProxy::new(url)?));
        Ok(())
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

    /// Everything about `domain` that the judge weighs: the three lookups and the policy fetch
    /// at once, and each MX host's probe as soon as the MX set is known.
    pub async fn domain(&self, domain: &str) -> DomainFacts {
        let resolver = &self.settings.resolver;
        let mx_and_probes = async {
            let mx = resolver.answer(domain, RecordType::MX).await;
            let targets = probe_targets(domain, &mx);
            let tlsa_names: Vec<String> = targets.iter().map(ProbeTarget::tlsa_name).collect();
            let address_names = address_names(domain, Some(&mx));
            let (probes, tlsa, addresses) = tokio::join!(
                join_all(
                    targets
                        .into_iter()
                        .map(|host| self.probe_or_skip(domain, host))
                ),
                join_all(
                    tlsa_names
                        .iter()
                        .map(|name| resolver.answer(name, RecordType::TLSA))
                ),
                self.lookup_addresses(&address_names),
            );
            (mx, probes, tlsa, addresses)
        };
        let (sts_name, tlsrpt_name) =
            (format!("_mta-sts.{domain}"), format!("_smtp._tls.{domain}"));
        let policy_host = address_names(domain, None);
        let (sts_txt, tlsrpt_txt, policy_fetch, policy_addresses, mx_and_after) = tokio::join!(
            resolver.answer(&sts_name, RecordType::TXT),
            resolver.answer(&tlsrpt_name, RecordType::TXT),
            self.policy(domain),
            self.lookup_addresses(&policy_host),
            mx_and_probes,
        );
        let (mx, smtp, tlsa, addresses) = mx_and_after;
        DomainFacts {
            version: FACTS_VERSION,
            domain: domain.to_owned(),
            sts_txt,
            tlsrpt_txt,
            mx,
            policy_fetch: Some(policy_fetch),
            smtp,
            tlsa,
            addresses: policy_addresses.into_iter().chain(addresses).collect(),
        }
    }

    /// The A and AAAA lookups of each of `names`, all at once, in that order.
    async fn lookup_addresses(&self, names: &[String]) -> Vec<DnsAnswer> {
        let resolver = &self.settings.resolver;
        join_all(names.iter().flat_map(|name| {
            [RecordType::A, RecordType::AAAA].map(|kind| resolver.answer(name, kind))
        }))
        .await
    }

    async fn probe_or_skip(&self, domain: &str, target: ProbeTarget) -> SmtpProbe {
        match target {
            ProbeTarget::Probe(host) => match &self.settings.remote {
                Some(remote) => remote.smtp(domain, &host, self.settings.smtp_port).await,
                None => crate::smtp::probe_host(&self.settings, domain, &host).await,
            },
            ProbeTarget::Skip(host) => probe_skipped(domain, &host, self.settings.smtp_port),
        }
    }

    /// Fetches the policy of `domain` (A-labels, no final dot).
    pub async fn policy(&self, domain: &str) -> PolicyFetch {
        if let Some(remote) = &self.settings.remote {
            return remote.policy(domain).await;
        }
        crate::fetch::fetch_policy(&self.settings, domain).await
    }
}
