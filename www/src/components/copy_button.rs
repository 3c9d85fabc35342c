//! Buttons that copy a text to the clipboard and say so, for the records and the policy the
//! Check page suggests. The clipboard is reached through `navigator.clipboard.writeText`; where
//! the browser refuses, the button says to select the text instead.
//!
//! Plain functions over one piece of the page's state (which button copied last, and whether
//! it worked) rather than a component each: a component adds its own machinery to the module.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::{Callback, Html, UseStateHandle, html};

/// The label of the button that copied last, and whether the browser allowed it.
pub(crate) type Copied = Option<(&'static str, bool)>;

/// A button labelled `label` that copies `text`, with what happened when it was last pressed.
pub(crate) fn copy_button(
    text: &str,
    label: &'static str,
    copied: &UseStateHandle<Copied>,
) -> Html {
    let onclick = {
        let (copied, text) = (copied.clone(), text.to_owned());
        Callback::from(move |_| {
            let (copied, text) = (copied.clone(), text.clone());
            spawn_local(async move {
                copied.set(Some((label, write_text(&text).await.is_ok())));
            });
        })
    };
    let status = match **copied {
        Some((last, true)) if last == label => " Copied.",
        Some((last, false)) if last == label => {
            " The browser did not allow copying: select the text instead."
        }
        _ => "",
    };
    html! {
        <p class="copy">
            <button type="button" {onclick}>{ label }</button>
            <span role="status">{ status }</span>
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
