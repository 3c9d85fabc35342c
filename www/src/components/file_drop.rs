//! A place to give files: a labelled file input (keyboard and screen readers use it) inside an
//! area that also takes files dropped on it.

use web_sys::{File, FileList, HtmlInputElement};
use yew::{
    Callback, DragEvent, Event, Html, Properties, TargetCast, function_component, html, use_state,
};

#[derive(Properties, PartialEq)]
pub(crate) struct FileDropProps {
    /// Called with the files given, in order.
    pub(crate) on_files: Callback<Vec<File>>,
    /// What the input's label says.
    pub(crate) label: &'static str,
    /// Said under the input: which files, and the limits.
    pub(crate) hint: String,
    /// The `accept` attribute: a hint to the browser's picker, not a check.
    pub(crate) accept: &'static str,
}

fn files(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.get(index))
        .collect()
}

#[function_component]
pub(crate) fn FileDrop(props: &FileDropProps) -> Html {
    let over = use_state(|| false);
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let given = files(input.files());
            // Clearing lets the same file be picked again after it changed on disk.
            input.set_value("");
            if !given.is_empty() {
                on_files.emit(given);
            }
        })
    };
    let on_drag_over = {
        let over = over.clone();
        Callback::from(move |event: DragEvent| {
            // Without this the browser opens a dropped file instead of handing it to the page.
            event.prevent_default();
            over.set(true);
        })
    };
    let on_drag_leave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let on_drop = {
        let over = over.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            over.set(false);
            let given = files(event.data_transfer().and_then(|data| data.files()));
            if !given.is_empty() {
                on_files.emit(given);
            }
        })
    };
    html! {
        <div
            class={if *over { "drop drop-over" } else { "drop" }}
            ondragover={on_drag_over}
            ondragenter={Callback::from(|event: DragEvent| event.prevent_default())}
            ondragleave={on_drag_leave}
            ondrop={on_drop}
        >
            <label for="report-files" class="input-label">{ props.label }</label>
            <input
                id="report-files"
                type="file"
                multiple=true
                accept={props.accept}
                aria-describedby="report-files-hint"
                onchange={on_change}
            />
            <p id="report-files-hint" class="field-hint">{ &props.hint }</p>
        </div>
    }
}
