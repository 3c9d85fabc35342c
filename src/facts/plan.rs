//! What a front end must gather for a domain check, decided from what it has already: the hosts
//! to probe once the MX answer is in, the TLSA name of each, and the facts that stand for a
//! probe or fetch that could not be made. The browser and the command line both follow this
//! plan, so that they hand the judge the same facts for the same domain.

use super::FACTS_VERSION;
use super::dns::{DnsAnswer, DnsStatus};
use super::fetch::{FetchError, FetchErrorKind, FetchStep, PolicyFetch};
use super::smtp::{ProbeError, ProbeErrorKind, ProbeStep, SmtpProbe};

/// The most MX hosts probed for one domain; the others are listed as not gathered.
pub const MAX_MX_HOSTS: usize = 10;

/// Where the policy of a domain lives, after `https://mta-sts.<domain>`.
pub const POLICY_PATH: &str = "/.well-known/mta-sts.txt";

/// One host mail for the domain goes to, and whether it is probed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeTarget {
    /// Probe this host (A-labels, lowercase, no final dot).
    Probe(String),
    /// Beyond [`MAX_MX_HOSTS`]: listed, not probed.
    Skip(String),
}

impl ProbeTarget {
    /// The host name.
    pub fn host(&self) -> &str {
        match self {
            Self::Probe(host) | Self::Skip(host) => host,
        }
    }

    /// The name of the host's TLSA records for SMTP (RFC 7672): `_25._tcp.<host>`.
    pub fn tlsa_name(&self) -> String {
        format!("_25._tcp.{}", self.host())
    }
}

/// The hosts mail for `domain` goes to, in preference order and without repeats: the MX hosts,
/// the domain itself when it has no MX records (RFC 5321 §5.1), nobody for a null MX (RFC 7505),
/// a domain that does not exist, or a lookup that failed.
pub fn probe_targets(domain: &str, mx: &DnsAnswer) -> Vec<ProbeTarget> {
    let hosts: Vec<(u16, String)> = mx
        .mx_exchanges()
        .into_iter()
        .map(|(preference, exchange)| {
            let host = exchange.trim_end_matches('.').to_ascii_lowercase();
            (preference, host)
        })
        .collect();

    let hosts: Vec<String> = match mx.status {
        DnsStatus::NoData => vec![domain.to_owned()],
        DnsStatus::Answer if hosts.iter().any(|(_, host)| host.is_empty()) => Vec::new(),
        DnsStatus::Answer => hosts.into_iter().map(|(_, host)| host).collect(),
        _ => Vec::new(),
    };

    let mut unique: Vec<String> = Vec::with_capacity(hosts.len());
    for host in hosts {
        if !unique.contains(&host) {
            unique.push(host);
        }
    }
    unique
        .into_iter()
        .enumerate()
        .map(|(index, host)| {
            if index < MAX_MX_HOSTS {
                ProbeTarget::Probe(host)
            } else {
                ProbeTarget::Skip(host)
            }
        })
        .collect()
}

/// The names whose A and AAAA records a front end looks up itself, given what it knows: the
/// policy host at once (`mx` is `None`), and the domain itself once its MX lookup has said that
/// it has no MX records, so that mail goes to its addresses (RFC 5321 §5.1).
pub fn address_names(domain: &str, mx: Option<&DnsAnswer>) -> Vec<String> {
    match mx {
        None => vec![format!("mta-sts.{domain}")],
        Some(mx) if mx.status == DnsStatus::NoData => vec![domain.to_owned()],
        Some(_) => Vec::new(),
    }
}

/// The probe of `host` that was not made, and why (a host beyond the limit, a proxy that could
/// not help): the judge reports that the host could not be tested, never a verdict on it.
pub fn probe_not_gathered(domain: &str, host: &str, port: u16, reason: String) -> SmtpProbe {
    SmtpProbe {
        version: FACTS_VERSION,
        domain: domain.to_owned(),
        host: host.to_owned(),
        port,
        addresses: Vec::new(),
        error: Some(ProbeError {
            step: ProbeStep::Dns,
            kind: ProbeErrorKind::NotGathered,
            detail: reason,
        }),
    }
}

/// The probe standing for a [`ProbeTarget::Skip`].
pub fn probe_skipped(domain: &str, host: &str, port: u16) -> SmtpProbe {
    probe_not_gathered(
        domain,
        host,
        port,
        format!("only the first {MAX_MX_HOSTS} MX hosts are probed"),
    )
}

/// The policy fetch that was not made, and why.
pub fn fetch_not_gathered(domain: &str, reason: String) -> PolicyFetch {
    PolicyFetch {
        version: FACTS_VERSION,
        domain: domain.to_owned(),
        url: format!("https://mta-sts.{domain}{POLICY_PATH}"),
        error: Some(FetchError {
            step: FetchStep::Dns,
            kind: FetchErrorKind::NotGathered,
            detail: reason,
        }),
        ..PolicyFetch::default()
    }
}

/// The policy fetch of `domain` from what the proxy's API answered: its status and body, or
/// why no answer came, in words. Anything but a fetch of `domain` in this version of the facts
/// (a refusal, a body that does not parse, an answer about another domain from a misconfigured
/// cache or a hostile proxy) is a fetch not gathered, so it is never judged.
pub fn fetch_from_proxy(domain: &str, answer: Result<(u16, Vec<u8>), String>) -> PolicyFetch {
    match answer {
        Ok((200, body)) => match serde_json::from_slice(&body) {
            Ok(fetch) => accept_fetch(domain, fetch),
            Err(_) => fetch_not_gathered(
                domain,
                "the proxy's answer is not a policy fetch".to_owned(),
            ),
        },
        Ok((status, body)) => fetch_not_gathered(domain, proxy_refusal(status, &body)),
        Err(reason) => fetch_not_gathered(domain, reason),
    }
}

/// The probe of MX host `host` from what the proxy's API answered (see [`fetch_from_proxy`]).
pub fn probe_from_proxy(
    domain: &str,
    host: &str,
    port: u16,
    answer: Result<(u16, Vec<u8>), String>,
) -> SmtpProbe {
    let reason = match answer {
        Ok((200, body)) => match serde_json::from_slice(&body) {
            Ok(probe) => return accept_probe(domain, host, port, probe),
            Err(_) => "the proxy's answer is not a probe".to_owned(),
        },
        Ok((status, body)) => proxy_refusal(status, &body),
        Err(reason) => reason,
    };
    probe_not_gathered(domain, host, port, reason)
}

/// A policy fetch a proxy answered with, if it is the one asked for: about `domain`, in this
/// version of the facts; otherwise a fact that says the fetch was not gathered.
fn accept_fetch(domain: &str, fetch: PolicyFetch) -> PolicyFetch {
    if fetch.version != FACTS_VERSION {
        return fetch_not_gathered(domain, unknown_version(fetch.version));
    }
    if !fetch.domain.eq_ignore_ascii_case(domain) {
        return fetch_not_gathered(domain, "the proxy answered about another domain".to_owned());
    }
    fetch
}

/// A probe a proxy answered with, if it is the one asked for (see [`accept_fetch`]).
fn accept_probe(domain: &str, host: &str, port: u16, probe: SmtpProbe) -> SmtpProbe {
    if probe.version != FACTS_VERSION {
        return probe_not_gathered(domain, host, port, unknown_version(probe.version));
    }
    let same_host = probe.host.trim_end_matches('.').eq_ignore_ascii_case(host);
    if !probe.domain.eq_ignore_ascii_case(domain) || !same_host {
        let reason = "the proxy answered about another host".to_owned();
        return probe_not_gathered(domain, host, port, reason);
    }
    probe
}

fn unknown_version(version: u32) -> String {
    format!("the proxy speaks facts version {version}; this checker reads {FACTS_VERSION}")
}

/// Why a proxy's API answer other than 200 gave no facts, from its status and its JSON error
/// body (`{"error": "rate_limited", ...}`), in words for the "could not test" finding.
fn proxy_refusal(status: u16, body: &[u8]) -> String {
    let code = error_code(body);
    let meaning = match (status, code.as_deref()) {
        (429, _) => "it is rate-limiting this client; try again in a minute",
        (503, _) => "it is busy; try again shortly",
        (504, _) => "its deadline passed first; port 25 may be blocked from the proxy",
        (403, Some("not_an_mx_host")) => "the host is not an MX host of the domain in its DNS",
        (403, _) => "it refused the request",
        (502, _) => "it could not look up the domain's MX records",
        (400, _) => "it found the request malformed",
        _ => "it gave no facts",
    };
    match code {
        Some(code) => format!("the proxy answered {status} {code}: {meaning}"),
        None => format!("the proxy answered {status}: {meaning}"),
    }
}

/// The `error` code of the proxy's error body `{"error":"rate_limited","message":"..."}`, read
/// by looking for it rather than by a JSON reader: the code is one word of letters and `_`, and
/// anything else (another body, a body from something that is not the proxy) reads as no code.
fn error_code(body: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"\"error\":\"";
    let start = body.windows(KEY.len()).position(|window| window == KEY)? + KEY.len();
    let length = body[start..].iter().position(|&byte| byte == b'"')?;
    let code = &body[start..start + length];
    let word = !code.is_empty()
        && code.len() <= 64
        && code
            .iter()
            .all(|byte| byte.is_ascii_lowercase() || *byte == b'_');
    word.then(|| String::from_utf8_lossy(code).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::DnsRecord;

    #[test]
    fn a_proxy_answer_that_is_no_fetch_or_probe_is_not_gathered_and_says_why() {
        let detail = |fetch: PolicyFetch| fetch.error.map(|error| (error.kind, error.detail));
        let not_gathered = |text: &str| Some((FetchErrorKind::NotGathered, text.to_owned()));
        assert_eq!(
            detail(fetch_from_proxy(
                "example.com",
                Ok((200, b"<html>".to_vec()))
            )),
            not_gathered("the proxy's answer is not a policy fetch")
        );
        let refused = br#"{"error": "rate_limited", "message": "slow down"}"#.to_vec();
        let refusal = proxy_refusal(429, &refused);
        assert_eq!(
            detail(fetch_from_proxy("example.com", Ok((429, refused.clone())))),
            not_gathered(&refusal)
        );
        let offline = "the proxy could not be reached".to_owned();
        assert_eq!(
            detail(fetch_from_proxy("example.com", Err(offline.clone()))),
            not_gathered(&offline)
        );
        let probe = probe_from_proxy("example.com", "mx.example.com", 25, Ok((429, refused)));
        let error = probe.error.expect("not gathered");
        assert_eq!(
            (error.kind, error.detail),
            (ProbeErrorKind::NotGathered, refusal)
        );
    }

    fn mx(records: &[(u16, &str)]) -> DnsAnswer {
        DnsAnswer::with_records(
            "example.com",
            records
                .iter()
                .map(|(preference, exchange)| DnsRecord::Mx {
                    preference: *preference,
                    exchange: (*exchange).to_owned(),
                })
                .collect(),
        )
    }

    fn hosts(targets: &[ProbeTarget]) -> Vec<&str> {
        targets.iter().map(ProbeTarget::host).collect()
    }

    #[test]
    fn hosts_come_in_preference_order_without_repeats() {
        let answer = mx(&[
            (20, "b.example.com"),
            (10, "A.example.com."),
            (30, "b.example.com"),
        ]);
        let targets = probe_targets("example.com", &answer);
        assert_eq!(hosts(&targets), ["a.example.com", "b.example.com"]);
        assert_eq!(targets[0].tlsa_name(), "_25._tcp.a.example.com");
    }

    #[test]
    fn no_mx_means_the_domain_itself_and_a_null_mx_means_nobody() {
        let none = DnsAnswer::empty("example.com", DnsStatus::NoData);
        assert_eq!(hosts(&probe_targets("example.com", &none)), ["example.com"]);
        assert!(probe_targets("example.com", &mx(&[(0, ".")])).is_empty());
        let failed = DnsAnswer::empty("example.com", DnsStatus::ServFail);
        assert!(probe_targets("example.com", &failed).is_empty());
        let missing = DnsAnswer::empty("example.com", DnsStatus::NxDomain);
        assert!(probe_targets("example.com", &missing).is_empty());
        assert!(address_names("example.com", Some(&missing)).is_empty());
    }

    #[test]
    fn the_policy_host_is_resolved_and_the_domain_only_without_mx() {
        assert_eq!(address_names("example.com", None), ["mta-sts.example.com"]);
        let none = DnsAnswer::empty("example.com", DnsStatus::NoData);
        assert_eq!(address_names("example.com", Some(&none)), ["example.com"]);
        let some = mx(&[(10, "mx.example.com")]);
        assert!(address_names("example.com", Some(&some)).is_empty());
    }

    #[test]
    fn hosts_past_the_limit_are_skipped() {
        let names: Vec<String> = (0..12).map(|i| format!("mx{i:02}.example.com")).collect();
        let records: Vec<(u16, &str)> = names.iter().map(|name| (10, name.as_str())).collect();
        let targets = probe_targets("example.com", &mx(&records));
        assert_eq!(targets.len(), 12);
        assert!(matches!(&targets[MAX_MX_HOSTS - 1], ProbeTarget::Probe(_)));
        assert!(matches!(&targets[MAX_MX_HOSTS], ProbeTarget::Skip(_)));
        let skipped = probe_skipped("example.com", targets[MAX_MX_HOSTS].host(), 25);
        assert_eq!(
            skipped.error.map(|e| e.kind),
            Some(ProbeErrorKind::NotGathered)
        );
    }

    #[test]
    fn answers_about_something_else_are_not_judged() {
        let asked = fetch_not_gathered("example.com", String::new());
        let mut other = asked.clone();
        other.error = None;
        other.domain = "example.net".to_owned();
        let kept = accept_fetch("example.com", other.clone());
        assert_eq!(
            kept.error.map(|e| e.kind),
            Some(FetchErrorKind::NotGathered)
        );
        other.domain = "Example.COM".to_owned();
        assert_eq!(accept_fetch("example.com", other.clone()).error, None);
        other.version = 99;
        let newer = accept_fetch("example.com", other);
        assert!(newer.error.is_some_and(|e| e.detail.contains("version 99")));

        let mut probe = probe_not_gathered("example.com", "mx.example.com", 25, String::new());
        probe.error = None;
        assert_eq!(
            accept_probe("example.com", "mx.example.com", 25, probe.clone()).error,
            None
        );
        let elsewhere = accept_probe("example.com", "mx.example.net", 25, probe);
        assert!(
            elsewhere
                .error
                .is_some_and(|e| e.detail.contains("another host"))
        );
    }

    #[test]
    fn a_refusal_names_the_status_the_code_and_what_it_means() {
        let reason = proxy_refusal(429, br#"{"error":"rate_limited","message":"x"}"#);
        assert!(
            reason.starts_with("the proxy answered 429 rate_limited: "),
            "{reason}"
        );
        assert!(reason.contains("rate-limiting"), "{reason}");
        assert_eq!(
            proxy_refusal(500, b"<html>"),
            "the proxy answered 500: it gave no facts"
        );
        let odd = proxy_refusal(403, br#"{"error":"<script>","message":"x"}"#);
        assert_eq!(odd, "the proxy answered 403: it refused the request");
    }
}
