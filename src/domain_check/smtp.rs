//! The MX hosts as the probes found them: for each address, whether a sender gets a TLS
//! session (greeting, STARTTLS, a handshake at TLS 1.2 or newer) and whether the chain it is
//! shown is valid for the host. A probe that could not run says "could not test", never
//! something about the server.

use crate::cert::{CertificateOptions, check_certificates};
use crate::dane::{DaneOutcome, match_tlsa, usable_usage};
use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::facts::{
    DnsAnswer, DnsRecord, DomainFacts, ProbeError, ProbeErrorKind, ProbeStep, SmtpAddressProbe,
};
use crate::mx::MxCheck;
use crate::policy::Mode;
use crate::rule::Rule;

use super::{AddressCheck, DomainOptions, Findings, HostCheck, by_mode};

pub(super) fn check_hosts(
    facts: &DomainFacts,
    mx: Option<&MxCheck>,
    mode: Option<Mode>,
    options: &DomainOptions<'_>,
    findings: &mut Findings,
) -> Vec<HostCheck> {
    facts
        .smtp
        .iter()
        .map(|probe| {
            let host = probe.host.trim_end_matches('.').to_ascii_lowercase();
            let covered = mx.map(|check| {
                check
                    .hosts
                    .iter()
                    .any(|matched| matched.name == host && !matched.patterns.is_empty())
            });

            if let Some(error) = &probe.error {
                findings.push(&host, host_error(&host, error));
            }
            let tlsa_name = format!("_25._tcp.{host}");
            let tlsa = facts
                .tlsa
                .iter()
                .find(|answer| answer.name == tlsa_name && !answer.records.is_empty());
            if let Some(tlsa) = tlsa {
                check_tlsa_records(&host, tlsa, findings);
            }
            let addresses = probe
                .addresses
                .iter()
                .map(|address| check_address(&host, address, tlsa, mode, options, findings))
                .collect();
            HostCheck {
                host,
                covered,
                addresses,
            }
        })
        .collect()
}

fn host_error(host: &str, error: &ProbeError) -> Diagnostic {
    match error.kind {
        ProbeErrorKind::NoAddresses => Diagnostic::new(
            Rule::MxNoAddress,
            Severity::Error,
            format!("{host} has no A or AAAA record: senders cannot connect to it"),
        ),
        _ => untestable(host, error),
    }
}

fn check_address(
    host: &str,
    probe: &SmtpAddressProbe,
    tlsa: Option<&DnsAnswer>,
    mode: Option<Mode>,
    options: &DomainOptions<'_>,
    findings: &mut Findings,
) -> AddressCheck {
    let subject = match probe.address {
        Some(address) => format!("{host} {address}"),
        None => host.to_owned(),
    };
    let start = findings.0.len();

    if let Some(error) = &probe.error {
        findings.push(&subject, address_error(&subject, probe, error, mode));
    }
    if probe.plaintext_after_starttls > 0 {
        findings.push(
            &subject,
            Diagnostic::new(
                Rule::SmtpInjection,
                Severity::Warning,
                format!(
                    "{} bytes of plaintext came after the `220` to STARTTLS; the probe threw \
                     them away",
                    probe.plaintext_after_starttls
                ),
            ),
        );
    }
    if offers_starttls(&probe.ehlo_after_tls) {
        findings.push(
            &subject,
            Diagnostic::new(
                Rule::SmtpStarttlsAgain,
                Severity::Warning,
                "the EHLO reply inside TLS still offers STARTTLS",
            ),
        );
    }

    let certificate = probe.tls.as_ref().map(|tls| {
        let mut cert_options = CertificateOptions::new(host, options.at);
        cert_options.extra_roots = options.extra_roots;
        cert_options.warn_days = options.warn_days;
        let check = check_certificates(tls.chain_pem.as_bytes(), &cert_options);
        findings.extend(&subject, &check.diagnostics);
        check
    });
    let dane = tlsa.zip(probe.tls.as_ref()).map(|(tlsa, tls)| {
        let outcome = match_tlsa(&tlsa.records, tls.chain_pem.as_bytes());
        let certificate_fails = certificate
            .as_ref()
            .is_some_and(|check| check.verdict() == Verdict::Fail);
        match outcome {
            DaneOutcome::NotMatched => findings.push(
                &subject,
                Diagnostic::new(
                    Rule::DaneMismatch,
                    Severity::Warning,
                    "no TLSA record matches the chain this address presented: DANE senders \
                     defer mail to it",
                ),
            ),
            DaneOutcome::Matched { record } if certificate_fails => findings.push(
                &subject,
                Diagnostic::new(
                    Rule::DaneEePassesAlone,
                    Severity::Info,
                    format!(
                        "TLSA record {} matches, so DANE senders deliver, but MTA-STS senders \
                         reject the certificate",
                        record + 1
                    ),
                ),
            ),
            _ => {}
        }
        outcome
    });

    let diagnostics: Vec<Diagnostic> = findings.0[start..]
        .iter()
        .map(|finding| finding.diagnostic.clone())
        .collect();
    AddressCheck {
        address: probe.address,
        starttls: probe.starttls_offered,
        tls_version: probe.tls.as_ref().map(|tls| tls.version.clone()),
        certificate,
        dane,
        verdict: Verdict::of(&diagnostics),
    }
}

/// The TLSA RRset of a host: usages SMTP cannot use, and whether the resolver validated it.
fn check_tlsa_records(host: &str, tlsa: &DnsAnswer, findings: &mut Findings) {
    let subject = tlsa.name.as_str();
    let pkix = tlsa
        .records
        .iter()
        .any(|record| matches!(record, DnsRecord::Tlsa { usage, .. } if !usable_usage(*usage)));
    if pkix {
        findings.push(
            subject,
            Diagnostic::new(
                Rule::DanePkixUsage,
                Severity::Warning,
                format!("a TLSA record of {host} uses usage 0 or 1, which SMTP senders ignore"),
            ),
        );
    }
    if !tlsa.authenticated {
        findings.push(
            subject,
            Diagnostic::new(
                Rule::DaneNotValidated,
                Severity::Info,
                format!(
                    "the resolver did not validate the TLSA records of {host} (no AD bit): \
                     senders use them only if DNSSEC validates them"
                ),
            ),
        );
    }
}

fn address_error(
    subject: &str,
    probe: &SmtpAddressProbe,
    error: &ProbeError,
    mode: Option<Mode>,
) -> Diagnostic {
    use ProbeErrorKind as Kind;

    let first_line = |lines: &[String]| lines.first().cloned().unwrap_or_default();
    match (error.step, error.kind) {
        (_, Kind::ForbiddenAddress) => Diagnostic::new(
            Rule::MxPrivateAddress,
            Severity::Error,
            format!("{subject}: {}", error.detail),
        ),
        (ProbeStep::Greeting, Kind::Rejected | Kind::Malformed | Kind::TooLong) => Diagnostic::new(
            Rule::SmtpGreeting,
            Severity::Error,
            format!("the greeting is not `220`: {}", first_line(&probe.greeting)),
        ),
        (ProbeStep::Ehlo, Kind::StarttlsNotOffered) => Diagnostic::new(
            Rule::SmtpNoStarttls,
            by_mode(mode),
            "the EHLO reply does not offer STARTTLS: senders can only deliver in plaintext",
        ),
        (ProbeStep::Ehlo, Kind::Rejected) => Diagnostic::new(
            Rule::SmtpNoStarttls,
            by_mode(mode),
            format!(
                "EHLO was refused ({}), so STARTTLS cannot be negotiated",
                first_line(&probe.ehlo)
            ),
        ),
        (ProbeStep::Starttls, Kind::Rejected) => Diagnostic::new(
            Rule::SmtpStarttlsRefused,
            by_mode(mode),
            format!(
                "STARTTLS was refused: {}",
                first_line(&probe.starttls_reply)
            ),
        ),
        (ProbeStep::Tls, Kind::TlsVersionTooOld) => Diagnostic::new(
            Rule::CertOldTls,
            Severity::Error,
            "the MX offers neither TLS 1.2 nor TLS 1.3",
        ),
        (ProbeStep::Tls, Kind::Handshake | Kind::Closed | Kind::Reset) => Diagnostic::new(
            Rule::SmtpHandshake,
            by_mode(mode),
            format!("the TLS handshake failed: {}", error.detail),
        ),
        _ => untestable(subject, error),
    }
}

fn untestable(subject: &str, error: &ProbeError) -> Diagnostic {
    let step = match error.step {
        ProbeStep::Dns => "looking up its addresses",
        ProbeStep::Connect => "connecting",
        ProbeStep::Greeting => "waiting for the greeting",
        ProbeStep::Ehlo => "at EHLO",
        ProbeStep::Starttls => "at STARTTLS",
        ProbeStep::Tls => "during the TLS handshake",
        ProbeStep::EhloAfterTls => "at EHLO inside TLS",
    };
    let hint = if error.kind == ProbeErrorKind::Timeout && error.step == ProbeStep::Connect {
        " (port 25 may be blocked from the probe)"
    } else {
        ""
    };
    // A reason from the front end (a proxy refusal, a host past the limit) is a sentence of its
    // own; only a failure of the probe itself has a step to name.
    let message = if error.kind == ProbeErrorKind::NotGathered {
        format!("{subject} could not be tested: {}", error.detail)
    } else {
        format!(
            "{subject} could not be tested: {} {step}{hint}",
            error.detail
        )
    };
    Diagnostic::new(Rule::SmtpUntestable, Severity::Warning, message)
}

fn offers_starttls(lines: &[String]) -> bool {
    lines.iter().skip(1).any(|line| {
        line.get(4..)
            .and_then(|text| text.split_ascii_whitespace().next())
            .is_some_and(|word| word.eq_ignore_ascii_case("STARTTLS"))
    })
}
