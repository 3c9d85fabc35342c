//! The Reports page: open TLS-RPT reports (RFC 8460) and see their figures, each report in
//! detail, and the findings about them. The files are read in this page by the core compiled to
//! WebAssembly; nothing is sent anywhere.

use std::rc::Rc;

use web_sys::File;
use yew::{Callback, Html, Reducible, function_component, html, use_mut_ref, use_reducer};

use crate::components::file_drop::file_drop;
use crate::components::report_overview::report_overview;
use crate::reports::read::read_files;
use crate::reports::state::{Action, Progress, State, step};
use crate::reports::{MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, bytes, percent};

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(step(&self, action))
    }
}

#[function_component]
pub(crate) fn ReportsPage() -> Html {
    let state = use_reducer(State::default);
    let runs = use_mut_ref(|| 0_u32);
    let on_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() {
                return;
            }
            let run = {
                let mut runs = runs.borrow_mut();
                *runs = runs.wrapping_add(1);
                *runs
            };
            let dispatcher = dispatcher.clone();
            let dispatch = Callback::from(move |action| dispatcher.dispatch(action));
            let latest = runs.clone();
            wasm_bindgen_futures::spawn_local(read_files(run, latest, files, dispatch));
        })
    };
    let hint = format!(
        "JSON, gzip-compressed JSON (.json.gz) or the e-mail messages (.eml) that carry reports, \
         told apart by their content. Up to {MAX_FILES} files at once, {} each and {} in all.",
        bytes(MAX_FILE_BYTES),
        bytes(MAX_TOTAL_BYTES),
    );

    html! {
        <section class="page" aria-labelledby="reports-title">
            <h2 id="reports-title">{ "Read TLS-RPT reports" }</h2>
            <p class="lead">
                { "Open the reports that senders mail to the " }<code>{ "rua" }</code>
                { " address of your " }<code>{ "_smtp._tls" }</code>
                { " record: the sessions they counted, what failed and where, and how each \
                   report keeps to RFC 8460. The files are read in this page; nothing is sent \
                   anywhere." }
            </p>
            { file_drop("Report files (pick them, or drop them here)", hint, &on_files) }
            <div class="reading-status" role="status" aria-live="polite">
                if let Some(progress) = &state.progress {
                    { progress_view(progress) }
                }
            </div>
            { match &state.outcome {
                Some(outcome) => report_overview(state.run, outcome),
                None if state.progress.is_none() => html! {
                    <p class="hint">{ "The figures appear here once the files are read." }</p>
                },
                None => Html::default(),
            } }
        </section>
    }
}

/// The progress bar with what it shows in words.
fn progress_view(progress: &Progress) -> Html {
    let words = if progress.file == 0 {
        "Starting…".to_owned()
    } else if progress.checking {
        format!(
            "Checking the reports of file {} of {}…",
            progress.file, progress.files
        )
    } else {
        format!(
            "Reading file {} of {}: {} of {} in all ({})…",
            progress.file,
            progress.files,
            bytes(progress.done_bytes),
            bytes(progress.total_bytes),
            percent(progress.done_bytes, progress.total_bytes).unwrap_or_default(),
        )
    };
    html! {
        <div class="progress">
            <progress
                id="reading-progress"
                aria-label="Reading the files"
                max={progress.total_bytes.max(1).to_string()}
                value={progress.done_bytes.to_string()}
            />
            <p>{ words }</p>
        </div>
    }
}
