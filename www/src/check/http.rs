//! One HTTP GET from the page with `fetch`, bounded in time (an `AbortController` fires when
//! the deadline passes) and in size, and its failure told apart: no answer in time, or no
//! answer at all (refused, blocked by CORS or the page's Content-Security-Policy, offline).

use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

/// Why a request got no HTTP answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NetError {
    /// The deadline passed first.
    Timeout,
    /// The connection failed, or the browser refused to make or read the request.
    Unreachable,
    /// The answer's body was larger than allowed.
    TooLarge,
}

/// GETs `url` with `headers`; the status and the body, at most `max_bytes` of it.
pub(crate) async fn get(
    url: &str,
    headers: &[(&str, &str)],
    timeout_ms: i32,
    max_bytes: usize,
) -> Result<(u16, Vec<u8>), NetError> {
    let window = web_sys::window().ok_or(NetError::Unreachable)?;
    let controller = AbortController::new().map_err(|_| NetError::Unreachable)?;
    let request_headers = Headers::new().map_err(|_| NetError::Unreachable)?;
    for (name, value) in headers {
        request_headers
            .set(name, value)
            .map_err(|_| NetError::Unreachable)?;
    }
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&request_headers);
    init.set_signal(Some(&controller.signal()));

    let abort = {
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            timeout_ms,
        )
        .map_err(|_| NetError::Unreachable)?;

    let outcome = exchange(&window, url, &init, max_bytes).await;
    window.clear_timeout_with_handle(timer);
    drop(abort);
    outcome.map_err(|error| {
        if controller.signal().aborted() {
            NetError::Timeout
        } else {
            error
        }
    })
}

async fn exchange(
    window: &web_sys::Window,
    url: &str,
    init: &RequestInit,
    max_bytes: usize,
) -> Result<(u16, Vec<u8>), NetError> {
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| NetError::Unreachable)?
        .dyn_into()
        .map_err(|_| NetError::Unreachable)?;
    let status = response.status();
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max_bytes) {
        return Err(NetError::TooLarge);
    }
    let buffer = response.array_buffer().map_err(|_| NetError::Unreachable)?;
    let buffer: JsValue = JsFuture::from(buffer)
        .await
        .map_err(|_| NetError::Unreachable)?;
    let bytes = Uint8Array::new(&buffer);
    if bytes.length() as usize > max_bytes {
        return Err(NetError::TooLarge);
    }
    Ok((status, bytes.to_vec()))
}
