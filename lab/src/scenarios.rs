//! A lab of whole domains on loopback, one per situation a domain check must recognise: a
//! healthy domain in enforce mode, testing mode, an MX not covered, an expired or wrong-name MX
//! certificate, no STARTTLS, a policy redirect, a policy served as HTML, two STSv1 records, no
//! TLS-RPT record, no MTA-STS at all, SERVFAIL, a delegated `_mta-sts`, TLSA records that match
//! the MX certificate and that do not, a signed answer.
//!
//! Every MX host has its own loopback address (`127.0.0.N`) and every policy host too
//! (`127.0.1.N`), all on one SMTP port and one HTTPS port, so that a checker configured with
//! one `--smtp-port` and one `--https-port` reaches each scenario's own server.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use crate::ca::{TestCa, Validity};
use crate::dns::{Behaviour, DnsServer, Zone};
use crate::https::{Answer, PolicyHost};
use crate::smtp::{Script, SmtpServer};

/// What a scenario's domain looks like, and what a check must say about it.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    /// The domain, such as `enforce.lab.example`.
    pub domain: &'static str,
    /// The summary code the check must give (`enforced`, `testing`, `broken`, ...).
    pub summary: &'static str,
    /// Rule ids that must be among the findings.
    pub rules: &'static [&'static str],
    /// Whether the resolver's answer for `_mta-sts` carries the AD bit.
    pub signed: bool,
}

/// Every scenario.
pub const SCENARIOS: &[Scenario] = &[
    scenario("enforce.lab.example", "enforced", &[]),
    scenario("testing.lab.example", "testing", &[]),
    scenario("uncovered.lab.example", "broken", &["STS-MX-001"]),
    scenario("expired-mx.lab.example", "broken", &["STS-CERT-005"]),
    scenario("wrong-name-mx.lab.example", "broken", &["STS-CERT-002"]),
    scenario("no-starttls.lab.example", "broken", &["STS-SMTP-002"]),
    scenario(
        "redirect.lab.example",
        "broken",
        &["STS-FETCH-005", "STS-FETCH-016"],
    ),
    scenario("html.lab.example", "broken", &["STS-FETCH-007"]),
    scenario("two-records.lab.example", "broken", &["STS-TXT-004"]),
    scenario("no-tlsrpt.lab.example", "enforced", &["TLSRPT-TXT-001"]),
    scenario("absent.lab.example", "not_deployed", &["STS-TXT-001"]),
    scenario("servfail.lab.example", "could_not_check", &["STS-TXT-015"]),
    scenario("delegated.lab.example", "enforced", &["STS-TXT-016"]),
    scenario("dane.lab.example", "enforced", &[]),
    scenario("dane-mismatch.lab.example", "enforced", &["STS-DANE-001"]),
    Scenario {
        domain: "signed.lab.example",
        summary: "enforced",
        rules: &[],
        signed: true,
    },
];

const fn scenario(
    domain: &'static str,
    summary: &'static str,
    rules: &'static [&'static str],
) -> Scenario {
    Scenario {
        domain,
        summary,
        rules,
        signed: false,
    }
}

/// The running lab; every server stops when it is dropped.
pub struct ScenarioLab {
    pub dns: DnsServer,
    pub ca: TestCa,
    pub smtp_port: u16,
    pub https_port: u16,
    smtp_servers: Vec<SmtpServer>,
    policy_hosts: Vec<PolicyHost>,
}

impl ScenarioLab {
    /// Starts DNS, an SMTP server per MX host and an HTTPS server per policy host.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with_bulk(0).await
    }

    /// As [`start`](Self::start), plus `bulk` healthy domains `bulk0.lab.example`, ... (at
    /// most 250), each with its own MX and policy host, for measuring many checks at once.
    pub async fn start_with_bulk(bulk: usize) -> std::io::Result<Self> {
        let ca = TestCa::new().map_err(std::io::Error::other)?;
        let smtp_port = free_port()?;
        let https_port = free_port()?;
        let mut zone = Zone::new().txt("_mta-sts.provider.example", &["v=STSv1; id=delegated1"]);
        let mut smtp_servers = Vec::new();
        let mut policy_hosts = Vec::new();

        let mut domains = Vec::new();
        for (index, scenario) in SCENARIOS.iter().enumerate() {
            let number = u8::try_from(index + 2).map_err(std::io::Error::other)?;
            domains.push((
                scenario.domain.to_owned(),
                scenario.signed,
                [127, 0, 0, number],
            ));
        }
        for index in 0..bulk.min(250) {
            let number = u8::try_from(index + 1).map_err(std::io::Error::other)?;
            domains.push((bulk_domain(index), false, [127, 0, 2, number]));
        }

        for (domain, signed, [a, b, c, d]) in domains {
            let mx_ip = IpAddr::V4(Ipv4Addr::new(a, b, c, d));
            let policy_ip = IpAddr::V4(Ipv4Addr::new(a, b, c + 1, d));
            let mx = format!("mx.{domain}");
            let policy_host = format!("mta-sts.{domain}");
            zone = records(zone, &domain, signed, &mx, mx_ip, &policy_host, policy_ip);

            let (script, spki) = smtp_script(&ca, &domain, &mx)?;
            zone = tlsa_records(zone, &domain, &mx, spki.as_deref());
            smtp_servers
                .push(SmtpServer::start_at(SocketAddr::new(mx_ip, smtp_port), script).await?);
            let leaf = ca
                .leaf(&[policy_host.as_str()], Validity::CURRENT)
                .map_err(std::io::Error::other)?;
            let tls = leaf.server_config().map_err(std::io::Error::other)?;
            let answer = policy_answer(&domain, &mx);
            policy_hosts.push(
                PolicyHost::start_at(SocketAddr::new(policy_ip, https_port), tls, answer).await?,
            );
        }

        Ok(Self {
            dns: DnsServer::start(zone).await?,
            ca,
            smtp_port,
            https_port,
            smtp_servers,
            policy_hosts,
        })
    }

    /// How many connections the SMTP servers have accepted, over all scenarios.
    pub fn smtp_connections(&self) -> usize {
        self.smtp_servers
            .iter()
            .map(SmtpServer::connection_count)
            .sum()
    }

    /// How many connections the policy hosts have accepted, over all scenarios.
    pub fn policy_connections(&self) -> usize {
        self.policy_hosts
            .iter()
            .map(PolicyHost::connection_count)
            .sum()
    }
}

/// The name of the `index`th bulk domain.
pub fn bulk_domain(index: usize) -> String {
    format!("bulk{index}.lab.example")
}

/// The DNS records of one scenario's domain (a bulk domain gets those of a healthy one).
fn records(
    zone: Zone,
    domain: &str,
    signed: bool,
    mx: &str,
    mx_ip: IpAddr,
    policy_host: &str,
    policy_ip: IpAddr,
) -> Zone {
    let sts = format!("_mta-sts.{domain}");
    let tlsrpt = format!("_smtp._tls.{domain}");
    let mut zone = zone
        .mx(domain, 10, mx)
        .a(mx, &mx_ip.to_string())
        .a(policy_host, &policy_ip.to_string());
    zone = match domain {
        "absent.lab.example" => zone,
        "servfail.lab.example" => zone.behave(&sts, Behaviour::ServFail),
        "two-records.lab.example" => zone
            .txt(&sts, &["v=STSv1; id=1"])
            .txt(&sts, &["v=STSv1; id=2"]),
        "delegated.lab.example" => zone.cname(&sts, "_mta-sts.provider.example"),
        _ => zone.txt(&sts, &["v=STSv1; id=20261204"]),
    };
    if signed {
        zone = zone.authenticated(&sts);
    }
    if domain != "no-tlsrpt.lab.example" {
        zone = zone.txt(&tlsrpt, &["v=TLSRPTv1; rua=mailto:tlsrpt@lab.example"]);
    }
    zone
}

/// The MX server's script, and the SHA-256 of its key for TLSA records.
fn smtp_script(ca: &TestCa, domain: &str, mx: &str) -> std::io::Result<(Script, Option<String>)> {
    let (names, validity) = match domain {
        "expired-mx.lab.example" => (vec![mx.to_owned()], Validity::EXPIRED),
        "wrong-name-mx.lab.example" => (vec!["other.lab.example".to_owned()], Validity::CURRENT),
        "no-starttls.lab.example" => return Ok((Script::NoStarttls, None)),
        _ => (vec![mx.to_owned()], Validity::CURRENT),
    };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let leaf = ca.leaf(&names, validity).map_err(std::io::Error::other)?;
    let config = leaf.server_config().map_err(std::io::Error::other)?;
    Ok((Script::Good(config), Some(leaf.spki_sha256_hex)))
}

/// `TLSA 3 1 1` for the DANE scenarios: the MX key's hash, or another key's.
fn tlsa_records(zone: Zone, domain: &str, mx: &str, spki: Option<&str>) -> Zone {
    use hickory_proto::rr::RData;
    use hickory_proto::rr::rdata::TLSA;
    use hickory_proto::rr::rdata::tlsa::{CertUsage, Matching, Selector};

    let data = match (domain, spki) {
        ("dane.lab.example", Some(spki)) => spki.to_owned(),
        ("dane-mismatch.lab.example", _) => "00".repeat(32),
        _ => return zone,
    };
    let bytes: Vec<u8> = (0..data.len())
        .step_by(2)
        .filter_map(|at| u8::from_str_radix(data.get(at..at + 2)?, 16).ok())
        .collect();
    let record = TLSA::new(CertUsage::DaneEe, Selector::Spki, Matching::Sha256, bytes);
    let name = format!("_25._tcp.{mx}");
    zone.record(&name, RData::TLSA(record)).authenticated(&name)
}

fn policy_answer(domain: &str, mx: &str) -> Answer {
    let mode = if domain == "testing.lab.example" {
        "testing"
    } else {
        "enforce"
    };
    let pattern = if domain == "uncovered.lab.example" {
        "mx.elsewhere.example"
    } else {
        mx
    };
    let body = format!("version: STSv1\r\nmode: {mode}\r\nmx: {pattern}\r\nmax_age: 604800\r\n");
    let mut answer = Answer::policy(&body);
    match domain {
        "redirect.lab.example" => {
            answer.status = 301;
            answer.headers.push((
                "location",
                format!("https://www.{domain}/.well-known/mta-sts.txt"),
            ));
        }
        "html.lab.example" => {
            answer.headers = vec![("content-type", "text/html; charset=utf-8".to_owned())];
        }
        _ => {}
    }
    answer
}

fn free_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
