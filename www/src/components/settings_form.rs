//! The Check page's settings: the DNS-over-HTTPS resolver (one of three by name, or any URL),
//! the proxy (empty for the origin that served the app) and extra trusted roots as PEM, for
//! private labs. Saving keeps them in this browser's `localStorage` only.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::{Callback, Html, TargetCast, UseStateHandle, html};

use crate::check::settings::{RESOLVERS, Saved};

/// What saving said: done, or why not.
pub(crate) type SaveMessage = Option<Result<&'static str, String>>;

/// The form, editing `draft` and saying in `message` how saving went; `on_saved` gets what was
/// saved. A plain function over the page's state rather than a component of its own, which
/// would add its own copy of the component machinery to the module.
pub(crate) fn settings_form(
    draft: &UseStateHandle<Saved>,
    message: &UseStateHandle<SaveMessage>,
    on_saved: &Callback<Saved>,
) -> Html {
    let preset = RESOLVERS
        .iter()
        .find(|(_, url)| *url == draft.resolver)
        .map_or("custom", |(name, _)| name);

    let edit = |change: fn(&mut Saved, String)| {
        let draft = draft.clone();
        move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        }
    };
    let on_preset = {
        let set = edit(|saved, value| {
            if let Some((_, url)) = RESOLVERS.iter().find(|(name, _)| *name == value) {
                saved.resolver = (*url).to_owned();
            }
        });
        Callback::from(move |event: yew::Event| {
            set(event.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let on_resolver = {
        let set = edit(|saved, value| saved.resolver = value);
        Callback::from(move |event: yew::InputEvent| {
            set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_proxy = {
        let set = edit(|saved, value| saved.proxy = value);
        Callback::from(move |event: yew::InputEvent| {
            set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_roots = {
        let set = edit(|saved, value| saved.roots_pem = value);
        Callback::from(move |event: yew::InputEvent| {
            set(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_save = {
        let (draft, message, on_saved) = (draft.clone(), message.clone(), on_saved.clone());
        Callback::from(move |_| match draft.save() {
            Ok(()) => {
                on_saved.emit((*draft).clone());
                message.set(Some(Ok("Saved in this browser.")));
            }
            Err(error) => message.set(Some(Err(error))),
        })
    };

    html! {
        <details class="settings">
            <summary>{ "Settings: resolver, proxy, extra roots" }</summary>
            <div class="settings-grid">
                <label for="resolver-preset">{ "DNS-over-HTTPS resolver" }</label>
                <select id="resolver-preset" onchange={on_preset}>
                    { for RESOLVERS.iter().map(|(name, _)| html! {
                        <option value={*name} selected={preset == *name}>{ *name }</option>
                    }) }
                    <option value="custom" selected={preset == "custom"}>
                        { "Other (URL below)" }
                    </option>
                </select>
                <label for="resolver-url">{ "Resolver URL" }</label>
                <input
                    id="resolver-url"
                    type="url"
                    spellcheck="false"
                    value={draft.resolver.clone()}
                    oninput={on_resolver}
                />
                <label for="proxy-url">{ "Proxy URL (empty: this site)" }</label>
                <input
                    id="proxy-url"
                    type="url"
                    spellcheck="false"
                    value={draft.proxy.clone()}
                    oninput={on_proxy}
                />
                <label for="roots">{ "Extra trusted roots (PEM), for private labs" }</label>
                <textarea
                    id="roots"
                    rows="4"
                    spellcheck="false"
                    value={draft.roots_pem.clone()}
                    oninput={on_roots}
                />
            </div>
            <p>
                <button type="button" onclick={on_save}>{ "Save settings" }</button>
                { match &**message {
                    None => Html::default(),
                    Some(Ok(text)) => html! { <span role="status">{ format!(" {text}") }</span> },
                    Some(Err(error)) => html! {
                        <span class="error" role="alert">{ format!(" {error}") }</span>
                    },
                } }
            </p>
        </details>
    }
}
