//! How a domain's result is printed: for people, the summary line and each finding with its
//! subject and how to fix it; for scripts, one JSON object on one line with the judgement and
//! every fact it was made from.

use mta_sts_check::facts::DomainFacts;
use mta_sts_check::{DaneOutcome, DomainCheck, wire};

use crate::render::escape;
use crate::render::{Paint, Style};

/// One line of JSON: the judgement, the instant and, under `facts`, what it judged.
pub(crate) fn json_line(check: &DomainCheck, facts: &DomainFacts, at: i64) -> String {
    let mut line = wire::domain_export(check, facts, at);
    line.push('\n');
    line
}

/// The result for people.
pub(crate) fn human(check: &DomainCheck, style: Style) -> String {
    let verdict = check.verdict();
    let mut text = format!(
        "{} {}: {}\n",
        style.paint(Paint::verdict(verdict), verdict.as_str()),
        style.paint(Paint::Bold, &check.domain),
        check.summary
    );
    for host in &check.hosts {
        let covered = match host.covered {
            Some(true) => "covered by the policy",
            Some(false) => "NOT covered by the policy",
            None => "no policy to cover it",
        };
        text.push_str(&format!("  MX {} ({covered})\n", escape::text(&host.host)));
        for address in &host.addresses {
            let ip = address.address.map(|ip| ip.to_string()).unwrap_or_default();
            let tls = address.tls_version.as_deref().unwrap_or("no TLS");
            let dane = match address.dane {
                None => "",
                Some(DaneOutcome::Matched { .. }) => ", DANE matches",
                Some(DaneOutcome::NotMatched) => ", DANE does NOT match",
                Some(DaneOutcome::NoUsableRecords) => ", no usable TLSA record",
            };
            text.push_str(&format!(
                "    {ip}: {tls}, certificate {}{dane}\n",
                address
                    .certificate
                    .as_ref()
                    .map_or("not seen", |certificate| certificate.verdict().as_str())
            ));
        }
    }
    for finding in &check.findings {
        let diagnostic = &finding.diagnostic;
        let severity = diagnostic.severity.as_str();
        text.push_str(&format!(
            "  {}[{}] {}: {}\n",
            style.paint(Paint::severity(diagnostic.severity), severity),
            diagnostic.rule.id(),
            escape::bounded(&finding.subject, escape::MAX_NAME_CHARS),
            escape::text(&diagnostic.message),
        ));
        text.push_str(&format!(
            "      help: {} ({})\n",
            escape::text(&diagnostic.help),
            diagnostic.rule.rfc()
        ));
    }
    text
}
