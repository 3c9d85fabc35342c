//! DNS for the proxy: the MX set of a domain and the addresses of a host, asked of the system's
//! resolver or of one DNS server given on the command line. Names are asked for fully
//! qualified, so no search domain is ever appended, and `/etc/hosts` is not read.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig};
use hickory_resolver::net::DnsError as HickoryDnsError;
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{RData, RecordType};

use hickory_resolver::{ResolverBuilder, TokioResolver};
use mta_sts_check::facts::{DnsAnswer, DnsRecord, DnsStatus, TxtString};

/// The most addresses of each family the proxy uses for one host.
pub const MAX_ADDRESSES_PER_FAMILY: usize = 2;

/// Why a name could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DnsError {
    /// The resolver did not answer in time.
    Timeout,
    /// The resolver answered with an error (SERVFAIL, REFUSED) or could not be reached.
    Failure,
}

/// The MX set of a domain, as the proxy needs it to decide which hosts it may probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MxAnswer {
    /// The domain's MX hosts, lower case, without the final dot.
    Hosts(Vec<String>),
    /// No MX records: the domain itself is the implicit MX (RFC 5321 §5.1).
    Implicit,
    /// A null MX (RFC 7505): the domain accepts no mail.
    Null,
}

impl MxAnswer {
    /// Whether `host` is one of the hosts mail for `domain` goes to.
    pub fn covers(&self, domain: &str, host: &str) -> bool {
        match self {
            Self::Hosts(hosts) => hosts.iter().any(|mx| mx == host),
            Self::Implicit => domain == host,
            Self::Null => false,
        }
    }
}

/// A DNS resolver for the proxy: a DNS server (the system's, or one given), or a DNS over
/// HTTPS resolver.
#[derive(Clone)]
pub struct Resolver {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Dns(Box<TokioResolver>),
    Doh(std::sync::Arc<crate::doh::DohClient>),
}

impl Resolver {
    /// The system's resolver, from `/etc/resolv.conf`.
    pub fn system() -> Result<Self, String> {
        let builder = TokioResolver::builder_tokio()
            .map_err(|error| format!("cannot read the system's DNS configuration: {error}"))?;
        Self::build(builder)
    }

    /// One DNS server at `server`, asked over UDP with TCP for truncated answers.
    pub fn with_server(server: SocketAddr) -> Result<Self, String> {
        let mut udp = ConnectionConfig::udp();
        udp.port = server.port();
        let mut tcp = ConnectionConfig::tcp();
        tcp.port = server.port();
        let name_server = NameServerConfig::new(server.ip(), true, vec![udp, tcp]);
        let config = ResolverConfig::from_name_servers(vec![name_server]);
        Self::build(TokioResolver::builder_with_config(
            config,
            TokioRuntimeProvider::default(),
        ))
    }

    /// A DNS over HTTPS resolver at `url` (RFC 8484); plain `http:` only on loopback.
    pub fn with_doh(url: &str) -> Result<Self, String> {
        Ok(Self {
            backend: Backend::Doh(std::sync::Arc::new(crate::doh::DohClient::new(url)?)),
        })
    }

    fn build(mut builder: ResolverBuilder<TokioRuntimeProvider>) -> Result<Self, String> {
        let options = builder.options_mut();
        options.timeout = Duration::from_secs(3);
        options.attempts = 2;
        options.use_hosts_file = ResolveHosts::Never;
        options.ndots = 0;
        let inner = builder
            .build()
            .map_err(|error| format!("cannot set up the DNS resolver: {error}"))?;
        Ok(Self {
            backend: Backend::Dns(Box::new(inner)),
        })
    }

    /// The MX set of `domain` (A-labels, no final dot).
    pub async fn mx(&self, domain: &str) -> Result<MxAnswer, DnsError> {
        let answer = self.answer(domain, RecordType::MX).await;
        match answer.status {
            DnsStatus::NoData | DnsStatus::NxDomain => return Ok(MxAnswer::Implicit),
            DnsStatus::Answer => {}
            DnsStatus::Timeout => return Err(DnsError::Timeout),
            _ => return Err(DnsError::Failure),
        }
        let mut hosts = Vec::new();
        for record in &answer.records {
            if let DnsRecord::Mx { exchange, .. } = record {
                let name = host_text(exchange);
                if name.is_empty() {
                    return Ok(MxAnswer::Null);
                }
                hosts.push(name);
            }
        }
        if hosts.is_empty() {
            return Ok(MxAnswer::Implicit);
        }
        Ok(MxAnswer::Hosts(hosts))
    }

    /// The addresses of `host`: up to [`MAX_ADDRESSES_PER_FAMILY`] IPv4 addresses, then as many
    /// IPv6 ones, in the order DNS gave them. An empty list means the name has neither.
    pub async fn addresses(&self, host: &str) -> Result<Vec<IpAddr>, DnsError> {
        let (v4, v6) = tokio::join!(
            self.answer(host, RecordType::A),
            self.answer(host, RecordType::AAAA),
        );

        let mut addresses = Vec::new();
        let mut failure = None;
        for answer in [v4, v6] {
            match answer.status {
                DnsStatus::Answer => addresses.extend(
                    answer
                        .records
                        .iter()
                        .filter_map(|record| match record {
                            DnsRecord::A { address } => Some(IpAddr::V4(*address)),
                            DnsRecord::Aaaa { address } => Some(IpAddr::V6(*address)),
                            _ => None,
                        })
                        .take(MAX_ADDRESSES_PER_FAMILY),
                ),
                DnsStatus::NoData | DnsStatus::NxDomain => {}
                DnsStatus::Timeout => failure = Some(DnsError::Timeout),
                _ => failure = Some(DnsError::Failure),
            }
        }
        match failure {
            Some(error) if addresses.is_empty() => Err(error),
            _ => Ok(addresses),
        }
    }

    /// The lookup of `name` for `record_type` as a fact: the outcome told apart (records,
    /// NODATA, NXDOMAIN, SERVFAIL, timeout), the AD bit, the aliases followed and the records.
    pub async fn answer(&self, name: &str, record_type: RecordType) -> DnsAnswer {
        let inner = match &self.backend {
            Backend::Dns(inner) => inner,
            Backend::Doh(client) => return client.answer(name, record_type).await,
        };
        let lookup = match inner.lookup(fqdn(name), record_type).await {
            Ok(lookup) => lookup,
            Err(error) => return DnsAnswer::empty(name, failure_status(&error)),
        };

        let message = lookup.message();
        let mut answer = DnsAnswer::empty(name, DnsStatus::NoData);
        answer.authenticated = message.metadata.authentic_data;
        for record in lookup.answers() {
            match &record.data {
                RData::CNAME(target) => answer.cname_chain.push(host_text(&target.0.to_ascii())),
                data => answer.records.extend(fact_record(data)),
            }
        }
        if !answer.records.is_empty() {
            answer.status = DnsStatus::Answer;
        }
        answer
    }
}

fn failure_status(error: &NetError) -> DnsStatus {
    match error {
        NetError::Dns(HickoryDnsError::NoRecordsFound(no_records)) => {
            if no_records.response_code == ResponseCode::NXDomain {
                DnsStatus::NxDomain
            } else {
                DnsStatus::NoData
            }
        }
        NetError::Dns(HickoryDnsError::ResponseCode(code)) if *code == ResponseCode::ServFail => {
            DnsStatus::ServFail
        }
        NetError::Dns(_) => DnsStatus::Refused,
        NetError::Timeout => DnsStatus::Timeout,
        _ => DnsStatus::Unreachable,
    }
}

/// A record of the kinds the checker reads, as a fact.
fn fact_record(data: &RData) -> Option<DnsRecord> {
    Some(match data {
        RData::TXT(txt) => DnsRecord::Txt {
            strings: txt
                .txt_data
                .iter()
                .map(|bytes| TxtString(bytes.to_vec()))
                .collect(),
        },
        RData::MX(mx) => DnsRecord::Mx {
            preference: mx.preference,
            // Lower case without the final dot, as the DNS over HTTPS reader gives it; the
            // root (a null MX) stays `.`.
            exchange: Some(host_text(&mx.exchange.to_ascii()))
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| ".".to_owned()),
        },
        RData::A(a) => DnsRecord::A { address: a.0 },
        RData::AAAA(aaaa) => DnsRecord::Aaaa { address: aaaa.0 },
        RData::TLSA(tlsa) => DnsRecord::Tlsa {
            usage: u8::from(tlsa.cert_usage),
            selector: u8::from(tlsa.selector),
            matching_type: u8::from(tlsa.matching),
            data_hex: tlsa
                .cert_data
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect(),
        },
        _ => return None,
    })
}

fn fqdn(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.'))
}

fn host_text(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}
