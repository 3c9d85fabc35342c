//! A place to give files: a labelled file input (keyboard and screen readers use it) inside an
//! area that also takes files dropped on it. A plain function, not a component: it has no state,
//! and every Yew component adds several KiB of WebAssembly.

use web_sys::{File, FileList, HtmlInputElement};
use yew::{Callback, DragEvent, Event, Html, TargetCast, html};

/// Which files the input suggests: a hint to the browser's picker, not a check.
const ACCEPT: &str = ".json,.gz,.eml,application/json,application/gzip,message/rfc822";

fn files(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.get(index))
        .collect()
}

/// The input labelled `label`, with `hint` under it; `on_files` gets the files given, in order.
pub(crate) fn file_drop(label: &'static str, hint: String, on_files: &Callback<Vec<File>>) -> Html {
    let on_change = on_files.reform(|event: Event| {
        let input = event.target_unchecked_into::<HtmlInputElement>();
        let given = files(input.files());
        // Clearing lets the same file be picked again after it changed on disk.
        input.set_value("");
        given
    });
    let on_drop = on_files.reform(|event: DragEvent| {
        event.prevent_default();
        files(event.data_transfer().and_then(|data| data.files()))
    });
    // Without this the browser opens a dropped file instead of handing it to the page.
    let allow_drop = Callback::from(|event: DragEvent| event.prevent_default());
    html! {
        <div class="drop" ondragenter={allow_drop.clone()} ondragover={allow_drop} ondrop={on_drop}>
            <label for="report-files" class="input-label">{ label }</label>
            <input
                id="report-files"
                type="file"
                multiple=true
                accept={ACCEPT}
                aria-describedby="report-files-hint"
                onchange={on_change}
            />
            <p id="report-files-hint" class="field-hint">{ hint }</p>
        </div>
    }
}
