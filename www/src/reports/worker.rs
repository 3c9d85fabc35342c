//! Reading report files off the page's thread: a Web Worker (`www/worker.js`) runs this same
//! WebAssembly module, already compiled, and reads each file into a [`WholeFile`] with the core,
//! handing it back as bytes; the page only adds the reports up. Judging a 16 MiB report thus
//! never holds the page.
//!
//! Both sides are here: [`read_report_file`] is what the worker calls, [`ReportWorker`] is the
//! page's end. The page's first message names the module's JavaScript bindings and hands over
//! the compiled module; each later one is `[input, bytes]`, answered with the bytes of what the
//! file held, or with a string saying what went wrong. Where no worker can be started, or it
//! fails, the page reads the file itself, in one step.

use js_sys::{Array, Promise, Uint8Array};
use mta_sts_check::WholeFile;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where Trunk puts the worker's script (see `index.html`).
const SCRIPT: &str = "/worker.js";

/// How long the worker may take over one file before the page reads it itself: far longer than
/// the largest file takes, for a worker that stopped without a word (closed, or out of memory).
const PATIENCE_MS: i32 = 60_000;

/// In the worker: reads `data`, the input numbered `input`, and returns what it held as bytes
/// ([`WholeFile::into_bytes`]).
#[wasm_bindgen]
#[must_use]
#[allow(unreachable_pub, reason = "exported to JavaScript by wasm_bindgen")]
pub fn read_report_file(input: u32, data: &[u8]) -> Vec<u8> {
    WholeFile::read(input as usize, data).into_bytes()
}

#[wasm_bindgen]
extern "C" {
    /// `import.meta` of the module's JavaScript bindings, which this module's imports live in.
    type ImportMeta;

    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static BINDINGS: ImportMeta;

    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// The page's end of the worker, which reads one file at a time.
pub(crate) struct ReportWorker(Worker);

impl ReportWorker {
    /// Starts the worker with this page's compiled module and its JavaScript bindings; `None`
    /// where that cannot be done.
    pub(crate) fn start() -> Option<Self> {
        let bindings = BINDINGS.with(ImportMeta::url);
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &options).ok()?;
        let start = Array::of2(&JsValue::from_str(&bindings), &wasm_bindgen::module());
        worker.post_message(&start).ok()?;
        Some(Self(worker))
    }

    /// What the worker reads from `data`, the input numbered `input`; `None` when the worker
    /// failed.
    pub(crate) async fn read(&self, input: usize, data: &[u8]) -> Option<WholeFile> {
        let bytes = Uint8Array::from(data);
        let request = Array::of2(&JsValue::from(u32::try_from(input).ok()?), &bytes);
        // The reply, the error event or running out of patience settles the promise; one
        // request is out at a time.
        let reply = Promise::new(&mut |resolve, reject| {
            self.0.set_onmessage(Some(&resolve));
            self.0.set_onerror(Some(&reject));
            if let Some(window) = web_sys::window() {
                let _ = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, PATIENCE_MS);
            }
        });
        self.0
            .post_message_with_transfer(&request, &Array::of1(&bytes.buffer()))
            .ok()?;
        // Only the message handler resolves, with a message event. Its data is the bytes, or a
        // string saying what failed, which reads as no bytes and then as no file.
        let reply = JsFuture::from(reply).await.ok()?;
        let bytes = Uint8Array::new(&reply.unchecked_into::<MessageEvent>().data());
        WholeFile::from_bytes(&bytes.to_vec()).ok()
    }
}

impl Drop for ReportWorker {
    fn drop(&mut self) {
        self.0.terminate();
    }
}
