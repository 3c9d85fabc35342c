//! A button that copies a text to the clipboard and says so, for the records and the policy the
//! Check page suggests. The clipboard is reached through `navigator.clipboard.writeText`; where
//! the browser refuses, the button says to select the text instead.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::{AttrValue, Callback, Html, Properties, function_component, html, use_state};

#[derive(Properties, PartialEq)]
pub(crate) struct CopyButtonProps {
    pub(crate) text: AttrValue,
    pub(crate) label: AttrValue,
}

#[function_component]
pub(crate) fn CopyButton(props: &CopyButtonProps) -> Html {
    let state = use_state(|| None::<bool>);
    let onclick = {
        let (state, text) = (state.clone(), props.text.clone());
        Callback::from(move |_| {
            let (state, text) = (state.clone(), text.clone());
            spawn_local(async move {
                state.set(Some(write_text(&text).await.is_ok()));
            });
        })
    };
    html! {
        <p class="copy">
            <button type="button" {onclick}>{ &props.label }</button>
            <span role="status">
                { match *state {
                    None => "",
                    Some(true) => " Copied.",
                    Some(false) => " The browser did not allow copying: select the text instead.",
                } }
            </span>
        </p>
    }
}

/// `navigator.clipboard.writeText(text)`.
async fn write_text(text: &str) -> Result<(), JsValue> {
    let navigator = web_sys::window().ok_or(JsValue::NULL)?.navigator();
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))?;
    let write: Function = Reflect::get(&clipboard, &JsValue::from_str("writeText"))?.dyn_into()?;
    let promise: Promise = write
        .call1(&clipboard, &JsValue::from_str(text))?
        .dyn_into()?;
    JsFuture::from(promise).await.map(|_| ())
}
