//! The Certificate page: paste the chain a server presents, name the host, and see whether
//! MTA-STS senders accept it, the path from the leaf to a root, each certificate, and the
//! findings, as you type. Judged in this page by the core; nothing is sent anywhere.

use web_sys::js_sys::Date;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::{
    Callback, Html, InputEvent, TargetCast, UseStateHandle, classes, function_component, html,
    use_memo, use_state,
};

use crate::chain::{Form, Judged, Outcome, PolicyReading, judge};
use crate::components::certificate_card::CertificateCard;
use crate::components::chain_path::ChainPath;
use crate::components::findings::findings;
use crate::components::verdict::verdict_banner;

const CHAIN_PLACEHOLDER: &str = "-----BEGIN CERTIFICATE-----\nMIIF… (the server certificate)\n\
                                 -----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n\
                                 MIIE… (its intermediate)\n-----END CERTIFICATE-----";
const COMMAND: &str = "openssl s_client -showcerts -starttls smtp -connect mx.example.com:25";
const POLICY_PLACEHOLDER: &str =
    "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800";

/// The browser's clock in whole seconds since the epoch: the core has none, so the page reads
/// it once per check and passes it in.
fn now() -> i64 {
    (Date::now() / 1000.0).floor() as i64
}

/// A callback that stores a text area's new value into one field of the form.
fn on_text_area(form: &UseStateHandle<Form>, set: fn(&mut Form, String)) -> Callback<InputEvent> {
    let form = form.clone();
    Callback::from(move |event: InputEvent| {
        let mut next = (*form).clone();
        set(
            &mut next,
            event.target_unchecked_into::<HtmlTextAreaElement>().value(),
        );
        form.set(next);
    })
}

/// A callback that stores a text input's new value into one field of the form.
fn on_input(form: &UseStateHandle<Form>, set: fn(&mut Form, String)) -> Callback<InputEvent> {
    let form = form.clone();
    Callback::from(move |event: InputEvent| {
        let mut next = (*form).clone();
        set(
            &mut next,
            event.target_unchecked_into::<HtmlInputElement>().value(),
        );
        form.set(next);
    })
}

#[function_component]
pub(crate) fn CertificatePage() -> Html {
    let form = use_state(Form::default);
    let judged = use_memo((*form).clone(), |form| judge(form, now()));

    let on_chain = on_text_area(&form, |form, value| form.chain = value);
    let on_roots = on_text_area(&form, |form, value| form.roots = value);
    let on_policy = on_text_area(&form, |form, value| form.policy = value);
    let on_host = on_input(&form, |form, value| form.host = value);
    let on_at = on_input(&form, |form, value| form.judge_at = value);
    let on_mozilla = {
        let form = form.clone();
        Callback::from(move |event: yew::Event| {
            let mut next = (*form).clone();
            next.mozilla_roots = event.target_unchecked_into::<HtmlInputElement>().checked();
            form.set(next);
        })
    };
    let bad_instant = match &*judged {
        Judged::BadInstant(why) => Some(why.clone()),
        _ => None,
    };

    let at_described_by = if bad_instant.is_some() {
        "cert-at-error cert-at-hint"
    } else {
        "cert-at-hint"
    };

    html! {
        <section class="page" aria-labelledby="certificate-title">
            <h2 id="certificate-title">{ "Check a certificate chain" }</h2>
            <p class="lead">
                { "Paste the certificates a server presents, as " }
                <code>{ COMMAND }</code>
                { " prints them (in any order; the text around the PEM blocks is skipped). The \
                   chain is judged as MTA-STS senders judge it: a path to a trusted root with \
                   every signature verified, the host in a subject alternative name, and the \
                   dates." }
            </p>
            <div class="fields">
                <div class="field">
                    <label for="cert-host" class="input-label">{ "Host name" }</label>
                    <input
                        id="cert-host"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="mx1.example.com"
                        aria-describedby="cert-host-hint"
                        value={form.host.clone()}
                        oninput={on_host}
                    />
                    <p id="cert-host-hint" class="field-hint">
                        { "The MX host, or " }<code>{ "mta-sts.<domain>" }</code>
                        { " for the host that serves the policy." }
                    </p>
                </div>
                <div class="field">
                    <label for="cert-at" class="input-label">{ "Judge at" }</label>
                    <input
                        id="cert-at"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="now"
                        aria-describedby={at_described_by}
                        aria-invalid={bad_instant.is_some().then_some("true")}
                        value={form.judge_at.clone()}
                        oninput={on_at}
                    />
                    <p id="cert-at-hint" class="field-hint">
                        { "Empty for now, or an RFC 3339 date-time such as " }
                        <code>{ "2026-12-04T00:00:00Z" }</code>{ "." }
                    </p>
                    if let Some(why) = &bad_instant {
                        <p id="cert-at-error" class="field-error" role="alert">{ why }</p>
                    }
                </div>
            </div>
            <label for="cert-chain" class="input-label">{ "Certificate chain (PEM)" }</label>
            <textarea
                id="cert-chain"
                rows="10"
                spellcheck="false"
                autocomplete="off"
                placeholder={CHAIN_PLACEHOLDER}
                value={form.chain.clone()}
                oninput={on_chain}
            />
            <p class="checkbox">
                <input
                    id="cert-mozilla"
                    type="checkbox"
                    checked={form.mozilla_roots}
                    onchange={on_mozilla}
                />
                <label for="cert-mozilla">{ "Trust Mozilla's root set" }</label>
            </p>
            <div class="fields">
                <div class="field">
                    <label for="cert-roots" class="input-label">
                        { "Extra trusted roots (PEM, optional)" }
                    </label>
                    <textarea
                        id="cert-roots"
                        rows="5"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="A private lab's root CA"
                        value={form.roots.clone()}
                        oninput={on_roots}
                    />
                </div>
                <div class="field">
                    <label for="cert-policy" class="input-label">{ "Policy (optional)" }</label>
                    <textarea
                        id="cert-policy"
                        rows="5"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder={POLICY_PLACEHOLDER}
                        value={form.policy.clone()}
                        oninput={on_policy}
                    />
                </div>
            </div>
            { match &*judged {
                Judged::Waiting(hint) => html! { <p class="hint">{ *hint }</p> },
                Judged::BadInstant(_) => html! {
                    <p class="hint">{ "Correct the instant to judge at to see the verdict." }</p>
                },
                Judged::Ready(outcome) => result(outcome, form.host.trim()),
            } }
        </section>
    }
}

fn result(outcome: &Outcome, host: &str) -> Html {
    let check = &outcome.check;
    html! {
        <div class="result">
            { verdict_banner(outcome.verdict, &check.diagnostics) }
            <dl class="reading">
                <dt>{ "Host" }</dt><dd><code>{ host }</code></dd>
                <dt>{ "Name that covers it" }</dt>
                <dd>{ match &check.matched_name {
                    Some(name) => html! { <code>{ name }</code> },
                    None => html! { <span class="none">{ "none" }</span> },
                } }</dd>
                <dt>{ "Judged at" }</dt><dd>{ outcome.instant.describe() }</dd>
            </dl>
            <h3>{ "Path" }</h3>
            <ChainPath steps={outcome.steps.clone()} end={outcome.end.clone()} />
            { policy(&outcome.policy, host) }
            <h3>{ "Findings" }</h3>
            { findings(&check.diagnostics, &[], Some(&outcome.places)) }
            <h3>{ "Certificates" }</h3>
            <div class="cards">
                { for outcome.cards.iter().map(|card| html! {
                    <CertificateCard card={card.clone()} />
                }) }
            </div>
        </div>
    }
}

fn policy(reading: &PolicyReading, host: &str) -> Html {
    match reading {
        PolicyReading::Absent => html! {},
        PolicyReading::Unusable => html! {
            <>
                <h3>{ "Policy" }</h3>
                <p class="hint">
                    { "Senders cannot apply this policy, so no pattern covers the host; the " }
                    <a href="#/policy">{ "Policy page" }</a>{ " says why." }
                </p>
            </>
        },
        PolicyReading::Patterns(patterns) => html! {
            <>
                <h3>{ "Policy patterns" }</h3>
                <ul class="patterns" aria-label="The policy's mx patterns">
                    { for patterns.iter().map(|(pattern, covers)| {
                        pattern_row(pattern, *covers, host)
                    }) }
                </ul>
            </>
        },
    }
}

/// One `mx` pattern and whether it covers the host, in words and with a badge.
fn pattern_row(pattern: &str, covers: bool, host: &str) -> Html {
    let (badge, class, verb) = if covers {
        ("covers", "badge-pass", " covers ")
    } else {
        ("no", "badge-muted", " does not cover ")
    };
    html! {
        <li data-covers={covers.to_string()}>
            <span class={classes!("badge", class)}>{ badge }</span>
            <code>{ format!("mx: {pattern}") }</code>{ verb }<code>{ host }</code>
        </li>
    }
}
