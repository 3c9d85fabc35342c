//! The Policy page: paste a policy or TXT records and see the findings as you type. The text is
//! checked in this page by the core compiled to WebAssembly; nothing is sent anywhere.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::{Callback, Html, InputEvent, TargetCast, function_component, html, use_memo, use_state};

use crate::components::findings::findings;
use crate::components::highlighted::highlighted;
use crate::components::verdict::verdict_banner;
use crate::lint::{Kind, lint};

const PLACEHOLDER: &str = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n\n\
                           or TXT records, one per line:\nv=STSv1; id=20240101000000";

#[function_component]
pub(crate) fn PolicyPage() -> Html {
    let text = use_state(String::new);
    let kind = use_state(|| Kind::Auto);
    let outcome = use_memo(((*text).clone(), *kind), |(text, kind)| lint(text, *kind));

    let on_text = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            text.set(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |event: yew::Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            kind.set(Kind::from_value(&value));
        })
    };

    html! {
        <section class="page" aria-labelledby="policy-title">
            <h2 id="policy-title">{ "Check a policy or a TXT record" }</h2>
            <p class="lead">
                { "Paste the body of " }<code>{ "/.well-known/mta-sts.txt" }</code>
                { ", or the TXT records of " }<code>{ "_mta-sts" }</code>{ " or " }
                <code>{ "_smtp._tls" }</code>
                { " (one record per line, bare or quoted as in a zone file)." }
            </p>
            <div class="controls">
                <label for="kind">{ "The text is" }</label>
                <select id="kind" onchange={on_kind}>
                    { for Kind::ALL.iter().map(|option| html! {
                        <option value={option.value()} selected={*option == *kind}>
                            { option.label() }
                        </option>
                    }) }
                </select>
            </div>
            <label for="input" class="input-label">{ "Text to check" }</label>
            <textarea
                id="input"
                rows="12"
                spellcheck="false"
                autocomplete="off"
                placeholder={PLACEHOLDER}
                value={(*text).clone()}
                oninput={on_text}
            />
            { match &*outcome {
                None => html! { <p class="hint">{ "Findings appear here as you type." }</p> },
                Some(outcome) => html! {
                    <div class="result">
                        { verdict_banner(outcome.verdict, &outcome.diagnostics) }
                        if let Some(note) = outcome.note {
                            <p class="note">{ note }</p>
                        }
                        <h3>{ "What senders apply" }</h3>
                        <dl class="reading">
                            { for outcome.reading.iter().map(|(label, value)| html! {
                                <><dt>{ label }</dt><dd><code>{ value }</code></dd></>
                            }) }
                        </dl>
                        <h3>{ "Findings" }</h3>
                        { findings(&outcome.diagnostics, &outcome.inputs, None) }
                        <h3>{ "Where" }</h3>
                        { highlighted(&outcome.inputs, &outcome.diagnostics) }
                    </div>
                },
            } }
        </section>
    }
}
