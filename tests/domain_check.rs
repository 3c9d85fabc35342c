//! The live domain check on facts built by hand: a healthy domain, then one change at a time,
//! each asserting the summary and the findings (rule, severity, subject) it must give. Chains
//! come from the lab's test CA, trusted as an extra root; the instant is the test's own clock,
//! because the lab's certificates are dated from it.

#![allow(
    clippy::expect_used,
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "a test stops at the first broken expectation and reads the clock for its CA"
)]

use base64ct::{Base64, Encoding};

use mta_sts_check::facts::{
    DnsAnswer, DnsRecord, DnsStatus, DomainFacts, FACTS_VERSION, FetchError, FetchErrorKind,
    FetchHeaders, FetchStep, PolicyFetch, ProbeError, ProbeErrorKind, ProbeStep, SmtpAddressProbe,
    SmtpProbe, TlsFacts, TxtString,
};
use mta_sts_check::{
    DomainCheck, DomainOptions, DomainSummary, Mode, Severity, Verdict, check_domain, check_policy,
    check_tlsrpt_records, suggest,
};
use mta_sts_check_lab::ca::{TestCa, Validity};

const DOMAIN: &str = "example.com";
const MX: &str = "mx1.example.com";
const POLICY: &str =
    "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";

struct Lab {
    ca: TestCa,
}

impl Lab {
    fn new() -> Self {
        Self {
            ca: TestCa::new().expect("a test CA"),
        }
    }

    fn chain(&self, name: &str, validity: Validity) -> String {
        self.ca.leaf(&[name], validity).expect("a leaf").chain_pem
    }

    fn tls(&self, name: &str, validity: Validity) -> TlsFacts {
        TlsFacts {
            server_name: name.to_owned(),
            version: "TLSv1.3".to_owned(),
            cipher_suite: "TLS13_AES_256_GCM_SHA384".to_owned(),
            chain_pem: self.chain(name, validity),
        }
    }

    /// A domain where everything works, in enforce mode.
    fn healthy(&self) -> DomainFacts {
        DomainFacts {
            version: FACTS_VERSION,
            domain: DOMAIN.to_owned(),
            sts_txt: txt("_mta-sts.example.com", "v=STSv1; id=20260101"),
            tlsrpt_txt: txt(
                "_smtp._tls.example.com",
                "v=TLSRPTv1; rua=mailto:tls@example.com",
            ),
            mx: DnsAnswer::with_records(
                DOMAIN,
                vec![DnsRecord::Mx {
                    preference: 10,
                    exchange: format!("{MX}."),
                }],
            ),
            policy_fetch: Some(self.fetch(POLICY)),
            smtp: vec![self.probe(MX)],
            tlsa: Vec::new(),
            addresses: Vec::new(),
        }
    }

    fn fetch(&self, body: &str) -> PolicyFetch {
        PolicyFetch {
            version: FACTS_VERSION,
            domain: DOMAIN.to_owned(),
            url: "https://mta-sts.example.com/.well-known/mta-sts.txt".to_owned(),
            addresses: vec!["192.0.2.80".parse().expect("an address")],
            connected_to: Some("192.0.2.80".parse().expect("an address")),
            tls: Some(self.tls("mta-sts.example.com", Validity::CURRENT)),
            status: Some(200),
            headers: FetchHeaders {
                content_type: Some("text/plain; charset=utf-8".to_owned()),
                ..FetchHeaders::default()
            },
            body_base64: Some(Base64::encode_string(body.as_bytes())),
            ..PolicyFetch::default()
        }
    }

    fn probe(&self, host: &str) -> SmtpProbe {
        SmtpProbe {
            version: FACTS_VERSION,
            domain: DOMAIN.to_owned(),
            host: host.to_owned(),
            port: 25,
            addresses: vec![SmtpAddressProbe {
                address: Some("192.0.2.25".parse().expect("an address")),
                greeting: vec!["220 mx1.example.com ESMTP".to_owned()],
                ehlo: lines(&["250-mx1.example.com", "250-STARTTLS", "250 8BITMIME"]),
                starttls_offered: true,
                starttls_reply: vec!["220 go ahead".to_owned()],
                tls: Some(self.tls(host, Validity::CURRENT)),
                ehlo_after_tls: lines(&["250-mx1.example.com", "250 8BITMIME"]),
                ..SmtpAddressProbe::default()
            }],
            error: None,
        }
    }

    fn check(&self, facts: &DomainFacts) -> DomainCheck {
        let mut options = DomainOptions::new(now());
        options.extra_roots = self.ca.root_pem().as_bytes();
        check_domain(facts, &options)
    }
}

fn now() -> i64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    i64::try_from(seconds).expect("in range")
}

fn lines(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|&line| line.to_owned()).collect()
}

fn txt(name: &str, text: &str) -> DnsAnswer {
    DnsAnswer::with_records(
        name,
        vec![DnsRecord::Txt {
            strings: vec![TxtString(text.as_bytes().to_vec())],
        }],
    )
}

/// The findings as `rule severity subject`, sorted.
fn findings(check: &DomainCheck) -> Vec<String> {
    let mut all: Vec<String> = check
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f.diagnostic.rule.id(),
                f.diagnostic.severity.as_str(),
                f.subject
            )
        })
        .collect();
    all.sort();
    all
}

fn assert_has(check: &DomainCheck, expected: &str) {
    let all = findings(check);
    assert!(
        all.iter().any(|finding| finding == expected),
        "{expected} not in {all:#?}"
    );
}

fn address(facts: &mut DomainFacts) -> &mut SmtpAddressProbe {
    &mut facts.smtp[0].addresses[0]
}

#[test]
fn a_healthy_domain_is_enforced_and_working() {
    let lab = Lab::new();
    let check = lab.check(&lab.healthy());
    assert_eq!(
        check.summary,
        DomainSummary::Enforced,
        "{:#?}",
        findings(&check)
    );
    assert!(
        check
            .findings
            .iter()
            .all(|f| f.diagnostic.severity == Severity::Info),
        "{:#?}",
        findings(&check)
    );
    assert_eq!(check.hosts[0].covered, Some(true));
    assert_eq!(
        check.hosts[0].addresses[0].tls_version.as_deref(),
        Some("TLSv1.3")
    );
    let json = mta_sts_check::wire::domain_check(&check);
    assert_eq!(json["summary"]["code"], "enforced");
    assert_eq!(
        json["hosts"][0]["addresses"][0]["certificate"]["verdict"],
        "pass"
    );
}

#[test]
fn testing_mode_is_testing_and_mx_problems_are_warnings() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.policy_fetch = Some(lab.fetch(&POLICY.replace("enforce", "testing")));
    address(&mut facts).starttls_offered = false;
    address(&mut facts).tls = None;
    address(&mut facts).error = Some(ProbeError {
        step: ProbeStep::Ehlo,
        kind: ProbeErrorKind::StarttlsNotOffered,
        detail: "no STARTTLS".to_owned(),
    });
    let check = lab.check(&facts);
    assert_eq!(check.summary, DomainSummary::Testing);
    assert_has(&check, "STS-SMTP-002 warning mx1.example.com 192.0.2.25");
}

#[test]
fn no_record_means_not_deployed() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.sts_txt = DnsAnswer::empty("_mta-sts.example.com", DnsStatus::NxDomain);
    facts.policy_fetch = None;
    let check = lab.check(&facts);
    assert_eq!(check.summary, DomainSummary::NotDeployed);
    assert_eq!(check.verdict().as_str(), "fail");
    assert_has(&check, "STS-TXT-001 error _mta-sts.example.com");
}

#[test]
fn a_failed_lookup_is_not_an_absent_record() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.sts_txt = DnsAnswer::empty("_mta-sts.example.com", DnsStatus::ServFail);
    facts.tlsrpt_txt = DnsAnswer::empty("_smtp._tls.example.com", DnsStatus::Timeout);
    let check = lab.check(&facts);
    assert!(matches!(check.summary, DomainSummary::CouldNotCheck(_)));
    assert_has(&check, "STS-TXT-015 warning _mta-sts.example.com");
    assert_has(&check, "TLSRPT-TXT-019 warning _smtp._tls.example.com");
    assert!(
        !findings(&check)
            .iter()
            .any(|f| f.starts_with("STS-TXT-001"))
    );

    // A SERVFAIL points at the domain's DNS; no answer at all points at the resolver used.
    let help = |rule: &str| {
        let finding = check
            .findings
            .iter()
            .find(|f| f.diagnostic.rule.id() == rule);
        finding.expect("the finding").diagnostic.help.clone()
    };
    assert!(help("STS-TXT-015").contains("DNSSEC"));
    assert!(help("TLSRPT-TXT-019").contains("another resolver"));
}

#[test]
fn a_delegated_record_shows_its_alias_chain() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.sts_txt.cname_chain = vec!["_mta-sts.provider.example".to_owned()];
    let check = lab.check(&facts);
    assert_eq!(check.summary, DomainSummary::Enforced);
    assert_has(&check, "STS-TXT-016 info _mta-sts.example.com");
}

const URL: &str = "https://mta-sts.example.com/.well-known/mta-sts.txt";

fn with_fetch(change: impl FnOnce(&mut PolicyFetch)) -> (Lab, DomainCheck) {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    let mut fetch = lab.fetch(POLICY);
    change(&mut fetch);
    facts.policy_fetch = Some(fetch);
    let check = lab.check(&facts);
    (lab, check)
}

#[test]
fn a_redirect_or_another_status_leaves_senders_without_a_policy() {
    let (_, check) = with_fetch(|fetch| {
        fetch.status = Some(301);
        fetch.headers.location = Some("https://www.example.com/".to_owned());
    });
    assert!(matches!(check.summary, DomainSummary::Broken(_)));
    assert_has(&check, &format!("STS-FETCH-005 error {URL}"));
    assert_has(&check, &format!("STS-FETCH-016 error {URL}"));

    let (_, check) = with_fetch(|fetch| fetch.status = Some(404));
    assert_has(&check, &format!("STS-FETCH-004 error {URL}"));
    assert!(check.policy.is_none(), "no body is judged without a 200");
}

#[test]
fn media_types_and_charsets_are_checked() {
    let (_, check) = with_fetch(|fetch| fetch.headers.content_type = Some("text/html".to_owned()));
    assert_has(&check, &format!("STS-FETCH-007 error {URL}"));
    assert!(matches!(check.summary, DomainSummary::Broken(_)));

    let (_, check) = with_fetch(|fetch| fetch.headers.content_type = None);
    assert_has(&check, &format!("STS-FETCH-007 warning {URL}"));
    assert_eq!(check.summary, DomainSummary::Enforced);

    let (_, check) = with_fetch(|fetch| {
        fetch.headers.content_type = Some("text/plain; charset=utf-16".to_owned())
    });
    assert_has(&check, &format!("STS-FETCH-008 warning {URL}"));
}

#[test]
fn an_unreachable_policy_host_and_an_unavailable_proxy_are_told_apart() {
    let (_, check) = with_fetch(|fetch| {
        fetch.tls = None;
        fetch.status = None;
        fetch.body_base64 = None;
        fetch.error = Some(FetchError {
            step: FetchStep::Connect,
            kind: FetchErrorKind::Refused,
            detail: "the connection was refused".to_owned(),
        });
    });
    assert_has(&check, &format!("STS-FETCH-003 error {URL}"));

    let (_, check) = with_fetch(|fetch| {
        fetch.tls = None;
        fetch.status = None;
        fetch.body_base64 = None;
        fetch.error = Some(FetchError {
            step: FetchStep::Dns,
            kind: FetchErrorKind::NotGathered,
            detail: "the proxy answered 429".to_owned(),
        });
    });
    assert_has(&check, &format!("STS-FETCH-018 warning {URL}"));
    assert!(
        !findings(&check)
            .iter()
            .any(|f| f.starts_with("STS-FETCH-003"))
    );
}

#[test]
fn an_oversized_policy_is_flagged() {
    let (_, check) = with_fetch(|fetch| fetch.body_truncated = true);
    assert_has(&check, &format!("STS-FETCH-012 warning {URL}"));
}

#[test]
fn an_expired_policy_host_certificate_breaks_the_fetch() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    let mut fetch = lab.fetch(POLICY);
    fetch.tls = Some(lab.tls("mta-sts.example.com", Validity::EXPIRED));
    facts.policy_fetch = Some(fetch);
    let check = lab.check(&facts);
    assert_has(&check, "STS-CERT-005 error mta-sts.example.com");
    assert_has(&check, &format!("STS-FETCH-009 error {URL}"));
    assert!(matches!(check.summary, DomainSummary::Broken(_)));
}

#[test]
fn a_policy_without_a_record_is_an_orphan() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.sts_txt = DnsAnswer::empty("_mta-sts.example.com", DnsStatus::NoData);
    let check = lab.check(&facts);
    assert_has(&check, &format!("STS-CACHE-009 warning {URL}"));
    assert_eq!(
        check.hosts[0].covered, None,
        "senders apply no policy to cover it"
    );
}

#[test]
fn an_uncovered_mx_breaks_enforce_mode() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.mx.records = vec![DnsRecord::Mx {
        preference: 10,
        exchange: "mx.other.example.".to_owned(),
    }];
    facts.smtp = vec![lab.probe("mx.other.example")];
    let check = lab.check(&facts);
    assert_has(&check, "STS-MX-001 error example.com MX");
    assert_eq!(check.hosts[0].covered, Some(false));
    assert!(matches!(check.summary, DomainSummary::Broken(_)));

    let suggestion = suggest(&check, &facts, now()).expect("a broken policy gets a correction");
    assert_eq!(suggestion.sts_record.0, "_mta-sts.example.com");
    let corrected = check_policy(suggestion.policy.as_bytes());
    assert_eq!(corrected.verdict(), Verdict::Pass, "{}", suggestion.policy);
    let policy = corrected.policy.expect("the suggested policy is usable");
    assert!(
        policy
            .mx
            .iter()
            .any(|pattern| pattern.matches("mx.other.example"))
    );
    assert!(
        !policy.mx.iter().any(|pattern| pattern.matches(MX)),
        "{}",
        suggestion.policy
    );
    assert_eq!(policy.mode, Mode::Enforce);

    facts.mx = DnsAnswer::empty(DOMAIN, DnsStatus::ServFail);
    let check = lab.check(&facts);
    assert_has(&check, "STS-MX-015 warning example.com MX");
    assert_eq!(
        suggest(&check, &facts, now()),
        None,
        "nothing to build from"
    );
}

#[test]
fn a_domain_that_does_not_exist_is_said_so_once() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.sts_txt = DnsAnswer::empty("_mta-sts.example.com", DnsStatus::NxDomain);
    facts.tlsrpt_txt = DnsAnswer::empty("_smtp._tls.example.com", DnsStatus::NxDomain);
    facts.mx = DnsAnswer::empty(DOMAIN, DnsStatus::NxDomain);
    facts.smtp = Vec::new();
    let mut fetch = lab.fetch(POLICY);
    fetch.status = None;
    fetch.tls = None;
    fetch.body_base64 = None;
    fetch.error = Some(FetchError {
        step: FetchStep::Dns,
        kind: FetchErrorKind::NoAddresses,
        detail: "mta-sts.example.com has no A or AAAA record".to_owned(),
    });
    facts.policy_fetch = Some(fetch);

    let check = lab.check(&facts);
    assert_eq!(check.summary, DomainSummary::NotDeployed);
    let rules: Vec<&str> = check
        .findings
        .iter()
        .map(|f| f.diagnostic.rule.id())
        .collect();
    assert_eq!(
        rules,
        ["STS-TXT-001", "TLSRPT-TXT-001", "STS-MX-016"],
        "{rules:?}"
    );
}

#[test]
fn a_working_domain_needs_no_suggestion_and_an_absent_one_gets_testing_mode() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    assert_eq!(suggest(&lab.check(&facts), &facts, now()), None);

    facts.sts_txt = DnsAnswer::empty("_mta-sts.example.com", DnsStatus::NxDomain);
    facts.tlsrpt_txt = DnsAnswer::empty("_smtp._tls.example.com", DnsStatus::NxDomain);
    facts.policy_fetch = None;
    let check = lab.check(&facts);
    let suggestion = suggest(&check, &facts, now()).expect("not deployed gets a start");
    assert!(
        suggestion.policy.contains("mode: testing\r\n"),
        "{}",
        suggestion.policy
    );
    assert!(
        suggestion.policy.contains(&format!("mx: {MX}\r\n")),
        "{}",
        suggestion.policy
    );
    let (name, text) = suggestion
        .tlsrpt_record
        .expect("no TLS-RPT record gets one");
    assert_eq!(name, "_smtp._tls.example.com");
    assert!(
        check_tlsrpt_records(&[vec![text.into_bytes()]])
            .record
            .is_some()
    );
}

fn with_probe(change: impl FnOnce(&mut SmtpAddressProbe)) -> DomainCheck {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    change(address(&mut facts));
    lab.check(&facts)
}

fn stop(step: ProbeStep, kind: ProbeErrorKind) -> Option<ProbeError> {
    Some(ProbeError {
        step,
        kind,
        detail: "as scripted".to_owned(),
    })
}

const AT: &str = "mx1.example.com 192.0.2.25";

/// One change to a healthy probe.
type Change = Box<dyn FnOnce(&mut SmtpAddressProbe)>;

#[test]
fn each_way_an_smtp_conversation_fails_has_its_finding() {
    let cases: Vec<(&str, Change)> = vec![
        (
            "STS-SMTP-001 error",
            Box::new(|a| {
                a.greeting = vec!["554 no service".to_owned()];
                a.tls = None;
                a.error = stop(ProbeStep::Greeting, ProbeErrorKind::Rejected);
            }),
        ),
        (
            "STS-SMTP-002 error",
            Box::new(|a| {
                a.starttls_offered = false;
                a.tls = None;
                a.error = stop(ProbeStep::Ehlo, ProbeErrorKind::StarttlsNotOffered);
            }),
        ),
        (
            "STS-SMTP-003 error",
            Box::new(|a| {
                a.starttls_reply = vec!["454 TLS not available".to_owned()];
                a.tls = None;
                a.error = stop(ProbeStep::Starttls, ProbeErrorKind::Rejected);
            }),
        ),
        (
            "STS-SMTP-004 warning",
            Box::new(|a| a.plaintext_after_starttls = 17),
        ),
        (
            "STS-SMTP-006 warning",
            Box::new(|a| {
                a.ehlo_after_tls = lines(&["250-mx1", "250 STARTTLS"]);
            }),
        ),
        (
            "STS-SMTP-010 warning",
            Box::new(|a| {
                a.tls = None;
                a.error = stop(ProbeStep::Connect, ProbeErrorKind::Timeout);
            }),
        ),
        (
            "STS-SMTP-011 error",
            Box::new(|a| {
                a.tls = None;
                a.error = stop(ProbeStep::Tls, ProbeErrorKind::Handshake);
            }),
        ),
        (
            "STS-CERT-009 error",
            Box::new(|a| {
                a.tls = None;
                a.error = stop(ProbeStep::Tls, ProbeErrorKind::TlsVersionTooOld);
            }),
        ),
        (
            "STS-MX-014 error",
            Box::new(|a| {
                a.tls = None;
                a.error = stop(ProbeStep::Connect, ProbeErrorKind::ForbiddenAddress);
            }),
        ),
    ];
    for (expected, change) in cases {
        let check = with_probe(change);
        assert_has(&check, &format!("{expected} {AT}"));
        if expected.contains("error") {
            assert!(
                matches!(check.summary, DomainSummary::Broken(_)),
                "{expected}: {:?}",
                check.summary
            );
        }
    }
}

#[test]
fn an_expired_mx_certificate_is_found_at_its_address() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    address(&mut facts).tls = Some(lab.tls(MX, Validity::EXPIRED));
    let check = lab.check(&facts);
    assert_has(&check, &format!("STS-CERT-005 error {AT}"));
    assert_eq!(check.hosts[0].addresses[0].verdict.as_str(), "fail");
}

#[test]
fn an_mx_host_without_addresses_cannot_receive_mail() {
    let lab = Lab::new();
    let mut facts = lab.healthy();
    facts.smtp[0].addresses.clear();
    facts.smtp[0].error = stop(ProbeStep::Dns, ProbeErrorKind::NoAddresses);
    let check = lab.check(&facts);
    assert_has(&check, "STS-MX-013 error mx1.example.com");
}

#[test]
fn a_body_changed_under_the_same_id_is_caught_across_checks() {
    let lab = Lab::new();
    let facts = lab.healthy();
    let first = lab.check(&facts);
    let snapshot = first.snapshot().expect("a usable policy has a snapshot");
    assert_eq!(snapshot.id, "20260101");

    let mut changed = lab.healthy();
    changed.policy_fetch = Some(lab.fetch(&POLICY.replace("604800", "1209600")));
    let mut options = DomainOptions::new(now());
    options.extra_roots = lab.ca.root_pem().as_bytes();
    options.previous = Some(&snapshot);
    let check = check_domain(&changed, &options);
    assert_has(&check, "STS-TXT-014 warning _mta-sts.example.com");

    let same = check_domain(&facts, &options);
    assert!(!findings(&same).iter().any(|f| f.starts_with("STS-TXT-014")));
}

fn tlsa(data_hex: &str, usage: u8, authenticated: bool) -> DnsAnswer {
    let mut answer = DnsAnswer::with_records(
        "_25._tcp.mx1.example.com",
        vec![DnsRecord::Tlsa {
            usage,
            selector: 1,
            matching_type: 1,
            data_hex: data_hex.to_owned(),
        }],
    );
    answer.authenticated = authenticated;
    answer
}

#[test]
fn tlsa_records_are_matched_against_the_chain_each_address_presented() {
    let lab = Lab::new();
    let leaf = lab.ca.leaf(&[MX], Validity::CURRENT).expect("a leaf");
    let mut facts = lab.healthy();
    address(&mut facts).tls = Some(TlsFacts {
        chain_pem: leaf.chain_pem.clone(),
        ..lab.tls(MX, Validity::CURRENT)
    });

    facts.tlsa = vec![tlsa(&leaf.spki_sha256_hex, 3, true)];
    let check = lab.check(&facts);
    assert_eq!(
        check.hosts[0].addresses[0].dane,
        Some(mta_sts_check::DaneOutcome::Matched { record: 0 })
    );
    assert!(
        !findings(&check).iter().any(|f| f.starts_with("STS-DANE")),
        "{:#?}",
        findings(&check)
    );

    facts.tlsa = vec![tlsa(&"00".repeat(32), 3, false)];
    let check = lab.check(&facts);
    assert_has(&check, &format!("STS-DANE-001 warning {AT}"));
    assert_has(&check, "STS-DANE-005 info _25._tcp.mx1.example.com");
    assert_eq!(
        check.summary,
        DomainSummary::Enforced,
        "DANE is reported beside MTA-STS"
    );

    facts.tlsa = vec![tlsa(&leaf.spki_sha256_hex, 1, true)];
    let check = lab.check(&facts);
    assert_has(&check, "STS-DANE-004 warning _25._tcp.mx1.example.com");
    assert_eq!(
        check.hosts[0].addresses[0].dane,
        Some(mta_sts_check::DaneOutcome::NoUsableRecords)
    );

    let expired = lab.ca.leaf(&[MX], Validity::EXPIRED).expect("a leaf");
    address(&mut facts).tls = Some(TlsFacts {
        chain_pem: expired.chain_pem.clone(),
        ..lab.tls(MX, Validity::CURRENT)
    });
    facts.tlsa = vec![tlsa(&expired.spki_sha256_hex, 3, true)];
    let check = lab.check(&facts);
    assert_has(&check, &format!("STS-DANE-002 info {AT}"));
    assert_has(&check, &format!("STS-CERT-005 error {AT}"));
}

#[test]
fn an_mx_that_could_not_be_tested_is_not_called_working() {
    let check = with_probe(|a| {
        a.tls = None;
        a.error = stop(ProbeStep::Connect, ProbeErrorKind::Timeout);
    });
    assert_has(&check, &format!("STS-SMTP-010 warning {AT}"));
    assert!(
        matches!(check.summary, DomainSummary::CouldNotCheck(_)),
        "{:?}",
        check.summary
    );
}
