//! Gathering every fact about a domain at once: the two TXT lookups, the MX lookup and the
//! policy fetch start together; as soon as the MX answer is in, one probe and one TLSA lookup per
//! MX host start too (the plan is the core's, as on the command line). Each result arrives as an
//! [`Event`]; [`Gathering`] collects them and, once nothing is missing, yields the facts.

use mta_sts_check::dns_message::RecordType;
use mta_sts_check::facts::{
    DnsAnswer, DnsStatus, DomainFacts, FACTS_VERSION, PolicyFetch, ProbeTarget, SmtpProbe,
    address_names, probe_skipped, probe_targets,
};
use wasm_bindgen_futures::spawn_local;

use super::settings::Settings;
use super::{doh, proxy};

/// One result of the gathering.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Event {
    StsTxt(DnsAnswer),
    TlsRptTxt(DnsAnswer),
    Mx(DnsAnswer),
    Policy(Box<PolicyFetch>),
    /// The probe of the MX host at this index of the plan.
    Probe(usize, SmtpProbe),
    /// The TLSA lookup of the MX host at this index of the plan.
    Tlsa(usize, DnsAnswer),
    /// The address lookup at this index of [`address_lookups`].
    Address(usize, DnsAnswer),
}

/// The A and AAAA lookups of `names`, in order.
fn address_lookups(names: Vec<String>) -> Vec<(String, RecordType)> {
    names
        .into_iter()
        .flat_map(|name| [(name.clone(), RecordType::A), (name, RecordType::Aaaa)])
        .collect()
}

/// One request of the gathering. Every request runs as the same kind of task ([`run`]): each
/// kind of task compiled separately would add its own copy of the task machinery to the module.
enum Job {
    /// A DNS lookup, and what its answer is.
    Lookup(String, RecordType, fn(DnsAnswer) -> Event),
    /// A lookup whose answer is numbered: a TLSA lookup or an address lookup.
    NumberedLookup(String, RecordType, usize, fn(usize, DnsAnswer) -> Event),
    Policy,
    /// The probe of the MX host at this index of the plan.
    Probe(usize, String),
    /// The MX lookup, which starts the per-host jobs when it is answered.
    Mx {
        first_address: usize,
    },
}

/// What every job needs.
struct Context<D> {
    domain: String,
    resolver: String,
    proxy: String,
    deliver: D,
}

/// Starts gathering the facts about `domain` (A-labels) and hands every result to `deliver`.
pub(crate) fn start(domain: &str, settings: &Settings, deliver: impl Fn(Event) + Clone + 'static) {
    let context = std::rc::Rc::new(Context {
        domain: domain.to_owned(),
        resolver: settings.resolver.clone(),
        proxy: settings.proxy.clone(),
        deliver,
    });
    let policy_host = address_lookups(address_names(domain, None));
    let first_address = policy_host.len();

    let mut jobs = vec![
        Job::Lookup(format!("_mta-sts.{domain}"), RecordType::Txt, Event::StsTxt),
        Job::Lookup(
            format!("_smtp._tls.{domain}"),
            RecordType::Txt,
            Event::TlsRptTxt,
        ),
        Job::Policy,
        Job::Mx { first_address },
    ];
    for (index, (name, record_type)) in policy_host.into_iter().enumerate() {
        jobs.push(Job::NumberedLookup(
            name,
            record_type,
            index,
            Event::Address,
        ));
    }
    for job in jobs {
        spawn_local(run(job, context.clone()));
    }
}

/// Runs one job and delivers its result.
async fn run<D: Fn(Event) + 'static>(job: Job, context: std::rc::Rc<Context<D>>) {
    let Context {
        domain,
        resolver,
        proxy,
        deliver,
    } = &*context;
    match job {
        Job::Lookup(name, record_type, event) => {
            deliver(event(doh::lookup(resolver, &name, record_type).await));
        }
        Job::NumberedLookup(name, record_type, index, event) => {
            deliver(event(
                index,
                doh::lookup(resolver, &name, record_type).await,
            ));
        }
        Job::Policy => deliver(Event::Policy(Box::new(proxy::policy(proxy, domain).await))),
        Job::Probe(index, host) => {
            deliver(Event::Probe(index, proxy::smtp(proxy, domain, &host).await));
        }
        Job::Mx { first_address } => {
            let mx = doh::lookup(resolver, domain, RecordType::Mx).await;
            let targets = probe_targets(domain, &mx);
            let implicit = address_lookups(address_names(domain, Some(&mx)));
            deliver(Event::Mx(mx));

            let mut jobs = Vec::new();
            for (offset, (name, record_type)) in implicit.into_iter().enumerate() {
                let index = first_address + offset;
                jobs.push(Job::NumberedLookup(
                    name,
                    record_type,
                    index,
                    Event::Address,
                ));
            }
            for (index, target) in targets.into_iter().enumerate() {
                let tlsa = target.tlsa_name();
                jobs.push(Job::NumberedLookup(
                    tlsa,
                    RecordType::Tlsa,
                    index,
                    Event::Tlsa,
                ));
                match target {
                    ProbeTarget::Probe(host) => jobs.push(Job::Probe(index, host)),
                    ProbeTarget::Skip(host) => {
                        deliver(Event::Probe(index, probe_skipped(domain, &host, 25)));
                    }
                }
            }
            for job in jobs {
                spawn_local(run(job, context.clone()));
            }
        }
    }
}

/// How far one step is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum StepState {
    Waiting,
    /// Done, with what it found in words.
    Done(String),
}

/// The facts collected so far for one domain.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Gathering {
    pub(crate) domain: String,
    sts_txt: Option<DnsAnswer>,
    tlsrpt_txt: Option<DnsAnswer>,
    mx: Option<DnsAnswer>,
    /// The hosts to probe, once the MX answer is in.
    targets: Option<Vec<ProbeTarget>>,
    policy: Option<PolicyFetch>,
    probes: Vec<Option<SmtpProbe>>,
    tlsa: Vec<Option<DnsAnswer>>,
    /// The address lookups planned so far, and their answers.
    address_lookups: Vec<(String, RecordType)>,
    addresses: Vec<Option<DnsAnswer>>,
}

impl Gathering {
    pub(crate) fn new(domain: &str) -> Self {
        let address_lookups = address_lookups(address_names(domain, None));
        Self {
            domain: domain.to_owned(),
            addresses: vec![None; address_lookups.len()],
            address_lookups,
            ..Self::default()
        }
    }

    /// Takes one result in.
    pub(crate) fn apply(&mut self, event: Event) {
        match event {
            Event::StsTxt(answer) => self.sts_txt = Some(answer),
            Event::TlsRptTxt(answer) => self.tlsrpt_txt = Some(answer),
            Event::Mx(answer) => {
                let targets = probe_targets(&self.domain, &answer);
                self.probes = vec![None; targets.len()];
                self.tlsa = vec![None; targets.len()];
                self.targets = Some(targets);
                let implicit = address_lookups(address_names(&self.domain, Some(&answer)));
                self.addresses.extend(implicit.iter().map(|_| None));
                self.address_lookups.extend(implicit);
                self.mx = Some(answer);
            }
            Event::Policy(fetch) => self.policy = Some(*fetch),
            Event::Probe(index, probe) => {
                if let Some(slot) = self.probes.get_mut(index) {
                    *slot = Some(probe);
                }
            }
            Event::Tlsa(index, answer) => {
                if let Some(slot) = self.tlsa.get_mut(index) {
                    *slot = Some(answer);
                }
            }
            Event::Address(index, answer) => {
                if let Some(slot) = self.addresses.get_mut(index) {
                    *slot = Some(answer);
                }
            }
        }
    }

    /// Every fact, once nothing is missing.
    pub(crate) fn facts(&self) -> Option<DomainFacts> {
        Some(DomainFacts {
            version: FACTS_VERSION,
            domain: self.domain.clone(),
            sts_txt: self.sts_txt.clone()?,
            tlsrpt_txt: self.tlsrpt_txt.clone()?,
            mx: self.mx.clone()?,
            policy_fetch: Some(self.policy.clone()?),
            smtp: self.probes.iter().cloned().collect::<Option<Vec<_>>>()?,
            tlsa: self.tlsa.iter().cloned().collect::<Option<Vec<_>>>()?,
            addresses: self.addresses.iter().cloned().collect::<Option<Vec<_>>>()?,
        })
    }

    /// Each step with how far it is, in the order they start.
    pub(crate) fn steps(&self) -> Vec<(String, StepState)> {
        let domain = &self.domain;
        let dns = |answer: &Option<DnsAnswer>| match answer {
            None => StepState::Waiting,
            Some(answer) => StepState::Done(describe_answer(answer)),
        };
        let mut steps = vec![
            (format!("_mta-sts.{domain} TXT"), dns(&self.sts_txt)),
            (format!("_smtp._tls.{domain} TXT"), dns(&self.tlsrpt_txt)),
            (format!("{domain} MX"), dns(&self.mx)),
            (
                format!("policy at https://mta-sts.{domain}/.well-known/mta-sts.txt"),
                match &self.policy {
                    None => StepState::Waiting,
                    Some(fetch) => StepState::Done(describe_fetch(fetch)),
                },
            ),
        ];
        for (index, (name, record_type)) in self.address_lookups.iter().enumerate() {
            let kind = if *record_type == RecordType::A {
                "A"
            } else {
                "AAAA"
            };
            steps.push((
                format!("{name} {kind}"),
                dns(&self.addresses.get(index).cloned().flatten()),
            ));
        }
        for (index, target) in self.targets.iter().flatten().enumerate() {
            let host = target.host();
            steps.push((
                format!("STARTTLS probe of {host}"),
                match self.probes.get(index).cloned().flatten() {
                    None => StepState::Waiting,
                    Some(probe) => StepState::Done(describe_probe(&probe)),
                },
            ));
            steps.push((
                format!("{} TLSA", target.tlsa_name()),
                dns(&self.tlsa.get(index).cloned().flatten()),
            ));
        }
        steps
    }
}

/// A lookup's outcome in a few words.
fn describe_answer(answer: &DnsAnswer) -> String {
    let outcome = match answer.status {
        DnsStatus::Answer => match answer.records.len() {
            1 => "1 record".to_owned(),
            count => format!("{count} records"),
        },
        DnsStatus::NoData => "no records of this type (NODATA)".to_owned(),
        DnsStatus::NxDomain => "the name does not exist (NXDOMAIN)".to_owned(),
        DnsStatus::ServFail => "the resolver failed (SERVFAIL)".to_owned(),
        DnsStatus::Refused => "the resolver refused or gave no usable answer".to_owned(),
        DnsStatus::Timeout => "the resolver did not answer in time".to_owned(),
        DnsStatus::Unreachable => "the resolver could not be reached".to_owned(),
    };
    let mut words = outcome;
    if !answer.cname_chain.is_empty() {
        words.push_str(&format!(", via CNAME {}", answer.cname_chain.join(" → ")));
    }
    if answer.authenticated {
        words.push_str(", DNSSEC-validated (AD)");
    }
    words
}

fn describe_fetch(fetch: &PolicyFetch) -> String {
    match (&fetch.error, fetch.status) {
        (Some(error), _) => format!("failed: {}", error.detail),
        (None, Some(status)) => format!("HTTP {status}"),
        (None, None) => "no answer".to_owned(),
    }
}

fn describe_probe(probe: &SmtpProbe) -> String {
    if let Some(error) = &probe.error {
        return format!("not tested: {}", error.detail);
    }
    let parts: Vec<String> = probe
        .addresses
        .iter()
        .map(|address| {
            let ip = address
                .address
                .map_or_else(|| "?".to_owned(), |ip| ip.to_string());
            match (&address.error, &address.tls) {
                (Some(error), _) => format!("{ip}: stopped: {}", error.detail),
                (None, Some(tls)) => format!("{ip}: {}", tls.version),
                (None, None) => format!("{ip}: no TLS"),
            }
        })
        .collect();
    parts.join("; ")
}
