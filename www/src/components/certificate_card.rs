//! One certificate's summary: names, validity with the days left, key, signature algorithm,
//! fingerprint, and whether it is part of the chain.

use yew::{Html, Properties, function_component, html};

use crate::chain::Card;

#[derive(Properties, PartialEq)]
pub(crate) struct CertificateCardProps {
    pub(crate) card: Card,
}

#[function_component]
pub(crate) fn CertificateCard(props: &CertificateCardProps) -> Html {
    let card = &props.card;
    let names = |names: &[String]| -> Html {
        if names.is_empty() {
            html! { <span class="none">{ "none" }</span> }
        } else {
            html! {
                <>{ for names.iter().map(|name| html! { <><code>{ name }</code>{ " " }</> }) }</>
            }
        }
    };
    html! {
        <article class={if card.in_path { "cert" } else { "cert cert-extra" }}>
            <h4>{ &card.title }<span class="cert-role">{ &card.role }</span></h4>
            <dl class="reading">
                <dt>{ "Subject" }</dt><dd><code>{ &card.subject }</code></dd>
                <dt>{ "Issuer" }</dt><dd><code>{ &card.issuer }</code></dd>
                <dt>{ "DNS names" }</dt><dd>{ names(&card.dns_names) }</dd>
                <dt>{ "IP addresses" }</dt><dd>{ names(&card.ip_addresses) }</dd>
                <dt>{ "Valid from" }</dt><dd><code>{ &card.not_before }</code></dd>
                <dt>{ "Valid until" }</dt>
                <dd><code>{ &card.not_after }</code>{ format!(" ({})", card.days) }</dd>
                <dt>{ "Key" }</dt><dd>{ &card.key }</dd>
                <dt>{ "Signature" }</dt><dd><code>{ &card.signature_algorithm }</code></dd>
                <dt>{ "SHA-256" }</dt>
                <dd><code class="fingerprint">{ &card.fingerprint }</code></dd>
            </dl>
        </article>
    }
}
