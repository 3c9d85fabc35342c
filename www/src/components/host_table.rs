//! One row per MX host and address: whether the policy covers the host, STARTTLS, the TLS
//! version, the certificate's verdict and expiry, DANE, and the address's verdict, each in
//! words so that colour is never the only cue.

use mta_sts_check::{DaneOutcome, DomainCheck, format_rfc3339};
use yew::{Html, html};

/// The table of `check`'s hosts; a plain function, as it has no state of its own.
pub(crate) fn host_table(check: &DomainCheck) -> Html {
    let hosts = &check.hosts;
    if hosts.is_empty() {
        return html! { <p>{ "No MX host to test." }</p> };
    }
    html! {
        <div class="table-wrap">
            <table class="hosts">
                <caption>{ "Each MX host and address as probed" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Host" }</th>
                        <th scope="col">{ "Covered by the policy" }</th>
                        <th scope="col">{ "Address" }</th>
                        <th scope="col">{ "STARTTLS" }</th>
                        <th scope="col">{ "TLS" }</th>
                        <th scope="col">{ "Certificate" }</th>
                        <th scope="col">{ "DANE" }</th>
                        <th scope="col">{ "Verdict" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for hosts.iter().flat_map(|host| {
                        let covered = match host.covered {
                            Some(true) => "yes",
                            Some(false) => "NO",
                            None => "no policy",
                        };
                        let rows: Vec<Html> = if host.addresses.is_empty() {
                            vec![html! {
                                <tr data-host={host.host.clone()}>
                                    <th scope="row"><code>{ &host.host }</code></th>
                                    <td data-label="Covered">{ covered }</td>
                                    <td colspan="6" data-label="Probe">
                                        { "not tested: see the findings" }
                                    </td>
                                </tr>
                            }]
                        } else {
                            host.addresses.iter().map(|address| {
                                let certificate = address.certificate.as_ref().map(|check| {
                                    let expiry = check
                                        .path
                                        .first()
                                        .and_then(|&leaf| check.certificates.get(leaf))
                                        .map(|leaf| format_rfc3339(leaf.not_after));
                                    match expiry {
                                        Some(expiry) => format!(
                                            "{}, expires {expiry}",
                                            check.verdict().as_str()
                                        ),
                                        None => check.verdict().as_str().to_owned(),
                                    }
                                });
                                let dane = match address.dane {
                                    None => "no TLSA records",
                                    Some(DaneOutcome::Matched { .. }) => "matches",
                                    Some(DaneOutcome::NotMatched) => "DOES NOT MATCH",
                                    Some(DaneOutcome::NoUsableRecords) => "no usable records",
                                };
                                let verdict = address.verdict.as_str();
                                html! {
                                    <tr data-host={host.host.clone()} data-verdict={verdict}>
                                        <th scope="row"><code>{ &host.host }</code></th>
                                        <td data-label="Covered">{ covered }</td>
                                        <td data-label="Address">
                                            <code>
                                                { address.address.map_or_else(
                                                    || "?".to_owned(),
                                                    |ip| ip.to_string(),
                                                ) }
                                            </code>
                                        </td>
                                        <td data-label="STARTTLS">
                                            { if address.starttls { "offered" } else { "NO" } }
                                        </td>
                                        <td data-label="TLS">
                                            { address.tls_version.as_deref().unwrap_or("none") }
                                        </td>
                                        <td data-label="Certificate">
                                            { certificate.unwrap_or_else(|| "none".to_owned()) }
                                        </td>
                                        <td data-label="DANE">{ dane }</td>
                                        <td class={format!("cell-{verdict}")} data-label="Verdict">
                                            { verdict }
                                        </td>
                                    </tr>
                                }
                            }).collect()
                        };
                        rows
                    }) }
                </tbody>
            </table>
        </div>
    }
}
