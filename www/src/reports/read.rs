//! Reading the files a person gave, in the browser: each file in slices of [`CHUNK_BYTES`]
//! through `Blob.arrayBuffer()`, handing the event loop back between slices and between files so
//! that the page keeps drawing its progress bar, then the core reads the file's reports in the
//! page's Web Worker (see [`worker`](crate::reports::worker)) and the page adds them up.
//!
//! Nothing is sent anywhere: the bytes go from the `File` into WebAssembly memory, to the worker
//! in the same browser tab, and no further.
//!
//! FIXME: the page takes every report back whole and adds it up itself, so a report with hundreds
//! of thousands of failure entries still stops the page for about half a second; adding up in the
//! worker, as the command line's `FilePart` does, needs room that the size budget does not have.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use mta_sts_check::{ReportsCheck, WholeFile};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;
use yew::Callback;

use crate::reports::state::{Action, Detailed, Outcome, Progress};
use crate::reports::worker::ReportWorker;
use crate::reports::{MAX_DETAILED_REPORTS, MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, bytes};

/// How much of a file is copied into WebAssembly memory per step.
const CHUNK_BYTES: u64 = 1024 * 1024;

/// A file's size in bytes; a browser gives it as a whole number in a double.
fn size(file: &File) -> u64 {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a Blob's size is a non-negative whole number below 2^53"
    )]
    let size = file.size() as u64;
    size
}

/// The files to read and, for each file left out, why; within the page's limits.
fn admit(files: Vec<File>) -> (Vec<File>, Vec<String>) {
    let mut admitted = Vec::new();
    let mut refused = Vec::new();
    let mut total = 0_u64;
    for (index, file) in files.into_iter().enumerate() {
        let name = file.name();
        let length = size(&file);
        if index >= MAX_FILES {
            refused.push(format!("{name}: only the first {MAX_FILES} files are read"));
        } else if length > MAX_FILE_BYTES {
            refused.push(format!(
                "{name}: {} is more than the {} a file may have",
                bytes(length),
                bytes(MAX_FILE_BYTES)
            ));
        } else if total.saturating_add(length) > MAX_TOTAL_BYTES {
            refused.push(format!(
                "{name}: the files together would be more than {}",
                bytes(MAX_TOTAL_BYTES)
            ));
        } else {
            total = total.saturating_add(length);
            admitted.push(file);
        }
    }
    (admitted, refused)
}

/// Reads `files` as run `run`, telling `dispatch` how far it got and, at the end, what it read;
/// stops as soon as `latest` names a later run, which then has the page (and its own worker).
pub(crate) async fn read_files(
    run: u32,
    latest: Rc<RefCell<u32>>,
    files: Vec<File>,
    dispatch: Callback<Action>,
) {
    let superseded = || *latest.borrow() != run;
    let (files, refused) = admit(files);
    let total_bytes = files.iter().map(size).sum();
    dispatch.emit(Action::Start {
        run,
        files: files.len(),
        total_bytes,
    });
    let mut outcome = Outcome {
        refused,
        ..Outcome::default()
    };
    let mut check = ReportsCheck::default();
    let (mut worker, mut started) = (None, false);
    let mut progress = Progress {
        file: 0,
        files: files.len(),
        done_bytes: 0,
        total_bytes,
        checking: false,
    };
    for file in &files {
        progress.file += 1;
        progress.checking = false;
        let read = read_file(file, &mut progress, run, &dispatch).await;
        if superseded() {
            return;
        }
        let Ok(data) = read else {
            let name = file.name();
            outcome
                .refused
                .push(format!("{name}: the browser could not read the file"));
            continue;
        };
        progress.checking = true;
        dispatch.emit(Action::Progress {
            run,
            progress: progress.clone(),
        });
        next_tick().await;
        let input = check.files.len();
        if !started {
            // Started here, in the same turn as its first request: a worker script that fails to
            // load then reports it to that request rather than to no one.
            worker = ReportWorker::start();
            started = true;
        }
        let from_worker = match &worker {
            Some(worker) => worker.read(input, &data).await,
            None => None,
        };
        if superseded() {
            return;
        }
        let whole = from_worker.unwrap_or_else(|| {
            // No worker, or it failed: this file and the next are read here, in one step each.
            worker = None;
            WholeFile::read(input, &data)
        });
        check.add_whole(whole, &mut |report, duplicate| {
            if duplicate {
                return;
            }
            if outcome.detailed.len() < MAX_DETAILED_REPORTS {
                outcome.detailed.push(Detailed { input, report });
            } else {
                outcome.not_detailed += 1;
            }
        });
        outcome.names.push(file.name());
        drop(data);
        next_tick().await;
    }
    outcome.check = check;
    dispatch.emit(Action::Finish {
        run,
        outcome: Rc::new(outcome),
    });
}

/// The whole of `file`, read slice by slice, with progress after each slice.
async fn read_file(
    file: &File,
    progress: &mut Progress,
    run: u32,
    dispatch: &Callback<Action>,
) -> Result<Vec<u8>, ()> {
    let length = size(file);
    let mut data = Vec::new();
    data.try_reserve_exact(usize::try_from(length).map_err(|_| ())?)
        .map_err(|_| ())?;
    let mut start = 0;
    while start < length {
        let end = start.saturating_add(CHUNK_BYTES).min(length);
        #[allow(
            clippy::cast_precision_loss,
            reason = "offsets stay below MAX_FILE_BYTES, far below 2^53"
        )]
        let slice = file
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(|_| ())?;
        let buffer = JsFuture::from(slice.array_buffer()).await.map_err(|_| ())?;
        let view = Uint8Array::new(&buffer);
        let at = data.len();
        data.resize(at + view.length() as usize, 0);
        view.copy_to(&mut data[at..]);
        progress.done_bytes = progress.done_bytes.saturating_add(end - start);
        dispatch.emit(Action::Progress {
            run,
            progress: progress.clone(),
        });
        start = end;
        next_tick().await;
    }
    Ok(data)
}

/// Resolves on the event loop's next turn (a zero `setTimeout`), so the page can draw.
async fn next_tick() {
    let promise = Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().map(|window| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
        });
        if !matches!(scheduled, Some(Ok(_))) {
            // Without a timer, carry on at once rather than stall.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}
