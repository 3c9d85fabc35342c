//! The result of a domain check: the summary in words, then a section each for the `_mta-sts`
//! record, the policy (its text with findings marked), the MX hosts, TLS reporting, every
//! finding with its subject and fix, and records to publish when MTA-STS is missing or wrong.

use base64ct::{Base64, Encoding};
use mta_sts_check::facts::{DnsAnswer, DnsStatus, DomainFacts};
use mta_sts_check::{Diagnostic, DomainCheck, Suggestion};
use yew::{Html, UseStateHandle, html};

use crate::components::copy_button::{Copied, copy_button};
use crate::components::findings::findings;
use crate::components::highlighted::highlighted;
use crate::components::host_table::host_table;
use crate::components::verdict::verdict_banner;
use crate::lint::CheckedInput;

/// A judged domain.
#[derive(Debug, PartialEq)]
pub(crate) struct Judged {
    pub(crate) at: i64,
    pub(crate) facts: DomainFacts,
    pub(crate) check: DomainCheck,
    pub(crate) suggestion: Option<Suggestion>,
}

/// The whole result. A plain function, not a component: each component adds to the module,
/// and this one has no state of its own.
pub(crate) fn domain_result(judged: &Judged, copied: &UseStateHandle<Copied>) -> Html {
    let Judged {
        facts,
        check,
        suggestion,
        ..
    } = judged;
    let diagnostics: Vec<Diagnostic> = check
        .findings
        .iter()
        .map(|finding| finding.diagnostic.clone())
        .collect();
    let places: Vec<Option<String>> = check
        .findings
        .iter()
        .map(|finding| Some(finding.subject.clone()))
        .collect();
    let code = check.summary.code();

    html! {
        <>
            <p class={format!("summary summary-{code}")} data-summary={code} role="status">
                <strong>{ check.summary.to_string() }</strong>
            </p>
            { verdict_banner(check.verdict(), &diagnostics) }

            <h3>{ "MTA-STS record" }</h3>
            { dns_section(&facts.sts_txt) }

            <h3>{ "Policy" }</h3>
            { policy_section(facts, check) }

            <h3>{ "MX hosts" }</h3>
            { dns_section(&facts.mx) }
            if matches!(facts.mx.status, DnsStatus::NoData | DnsStatus::NxDomain) {
                <p data-addresses={facts.domain.clone()}>
                    { format!(
                        "No MX records: mail goes to {} itself, at {}.",
                        facts.domain,
                        addresses_of(facts, &facts.domain)
                    ) }
                </p>
            }
            { host_table(check) }

            <h3>{ "TLS reporting" }</h3>
            { dns_section(&facts.tlsrpt_txt) }

            <h3>{ "Findings" }</h3>
            { findings(&diagnostics, &[], Some(&places)) }

            if let Some(suggestion) = suggestion {
                { suggestion_section(suggestion, copied) }
            }
        </>
    }
}

/// A lookup: its name, outcome, aliases, DNSSEC status and the records.
fn dns_section(answer: &DnsAnswer) -> Html {
    let status = match answer.status {
        DnsStatus::Answer => "answered",
        DnsStatus::NoData => "no records of this type (NODATA)",
        DnsStatus::NxDomain => "the name does not exist (NXDOMAIN)",
        DnsStatus::ServFail => "the resolver failed (SERVFAIL)",
        DnsStatus::Refused => "the resolver refused or gave no usable answer",
        DnsStatus::Timeout => "the resolver did not answer in time",
        DnsStatus::Unreachable => "the resolver could not be reached",
    };
    let dnssec = if answer.authenticated {
        "validated by the resolver (AD bit set)"
    } else {
        "not validated (no AD bit)"
    };
    html! {
        <dl class="reading dns" data-name={answer.name.clone()}>
            <dt>{ "Name" }</dt><dd><code>{ &answer.name }</code></dd>
            <dt>{ "Lookup" }</dt><dd data-dns-status={status_code(answer.status)}>{ status }</dd>
            if !answer.cname_chain.is_empty() {
                <dt>{ "Aliases" }</dt>
                <dd><code>{ answer.cname_chain.join(" → ") }</code></dd>
            }
            <dt>{ "DNSSEC" }</dt><dd data-ad={answer.authenticated.to_string()}>{ dnssec }</dd>
            { for answer.records.iter().map(|record| html! {
                <><dt>{ "Record" }</dt><dd><code>{ record.to_string() }</code></dd></>
            }) }
        </dl>
    }
}

/// The A and AAAA records of `name` the page looked up, or why there are none.
fn addresses_of(facts: &DomainFacts, name: &str) -> String {
    let answers: Vec<&DnsAnswer> = facts
        .addresses
        .iter()
        .filter(|answer| answer.name == name)
        .collect();
    let records: Vec<String> = answers
        .iter()
        .flat_map(|answer| answer.records.iter().map(ToString::to_string))
        .collect();
    if !records.is_empty() {
        return records.join(", ");
    }
    match answers
        .iter()
        .map(|answer| answer.status)
        .find(|s| !s.is_conclusive())
    {
        Some(_) => "the lookup failed".to_owned(),
        None if answers.is_empty() => "not looked up".to_owned(),
        None => "none (no A or AAAA record)".to_owned(),
    }
}

/// The outcome of a lookup as one word for scripts, as the JSON export writes it.
const fn status_code(status: DnsStatus) -> &'static str {
    match status {
        DnsStatus::Answer => "answer",
        DnsStatus::NoData => "no_data",
        DnsStatus::NxDomain => "nx_domain",
        DnsStatus::ServFail => "serv_fail",
        DnsStatus::Refused => "refused",
        DnsStatus::Timeout => "timeout",
        DnsStatus::Unreachable => "unreachable",
    }
}

/// The fetch in words and the body with the policy's findings marked.
fn policy_section(facts: &DomainFacts, check: &DomainCheck) -> Html {
    let Some(fetch) = &facts.policy_fetch else {
        return html! { <p>{ "The policy was not fetched." }</p> };
    };
    let body = fetch
        .body_base64
        .as_deref()
        .and_then(|text| Base64::decode_vec(text).ok());
    let outcome = match (&fetch.error, fetch.status) {
        (Some(error), _) => format!("failed: {}", error.detail),
        (None, Some(status)) => format!("HTTP {status}"),
        (None, None) => "no answer".to_owned(),
    };
    let diagnostics = check
        .policy
        .as_ref()
        .map(|policy| policy.diagnostics.clone())
        .unwrap_or_default();
    html! {
        <>
            <dl class="reading">
                <dt>{ "URL" }</dt><dd><code>{ &fetch.url }</code></dd>
                <dt>{ "Addresses (your resolver)" }</dt>
                <dd data-addresses={format!("mta-sts.{}", facts.domain)}>
                    { addresses_of(facts, &format!("mta-sts.{}", facts.domain)) }
                </dd>
                if let Some(address) = fetch.connected_to {
                    <dt>{ "The proxy connected to" }</dt>
                    <dd><code>{ address.to_string() }</code></dd>
                }
                <dt>{ "Fetch" }</dt><dd>{ outcome }</dd>
                if let Some(content_type) = &fetch.headers.content_type {
                    <dt>{ "Content-Type" }</dt><dd><code>{ content_type }</code></dd>
                }
                if let Some(location) = &fetch.headers.location {
                    <dt>{ "Redirects to" }</dt><dd><code>{ location }</code></dd>
                }
                if let Some(certificate) = &check.policy_certificate {
                    <dt>{ "Certificate" }</dt>
                    <dd>{ certificate.verdict().as_str() }</dd>
                }
            </dl>
            if let Some(body) = body {
                { highlighted(&[CheckedInput { name: "policy".into(), text: body }], &diagnostics) }
            }
        </>
    }
}

/// The records and policy to publish, each with a copy button.
fn suggestion_section(suggestion: &Suggestion, copied: &UseStateHandle<Copied>) -> Html {
    let (sts_name, sts_text) = &suggestion.sts_record;
    html! {
        <section class="suggestion" aria-labelledby="suggestion-title">
            <h3 id="suggestion-title">{ "What to publish" }</h3>
            <p>
                { "Built from the live MX hosts. Serve the policy as " }
                <code>{ "text/plain" }</code>
                { ", then publish the record with its new id so that senders fetch it again." }
            </p>
            <h4>{ "Policy" }</h4>
            <pre class="suggested" data-suggested="policy">{ &suggestion.policy }</pre>
            { copy_button(&suggestion.policy, "Copy the policy", copied) }
            <h4>{ "TXT " }<code>{ sts_name }</code></h4>
            <pre class="suggested" data-suggested="sts">{ sts_text }</pre>
            { copy_button(sts_text, "Copy the MTA-STS record", copied) }
            if let Some((name, text)) = &suggestion.tlsrpt_record {
                <h4>{ "TXT " }<code>{ name }</code></h4>
                <pre class="suggested" data-suggested="tlsrpt">{ text }</pre>
                { copy_button(text, "Copy the TLS-RPT record", copied) }
            }
        </section>
    }
}
