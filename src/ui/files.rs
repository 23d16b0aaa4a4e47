//! The page's side of the file worker (src/worker.rs): import and export
//! run there, so calamine and rust_xlsxwriter are neither in the first
//! screen's download nor on the page's thread, and a crash while reading a
//! hostile file ends the worker, not the app. The worker starts on the
//! first import or export.

use crate::model::saved;
use crate::model::Scoresheet;
use crate::protocol::{self, Reply, Request};
use crate::strings as t;
use crate::xlsx::{Fixes, Imported, Remembered};
use js_sys::{Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's loader (Trunk's shim for `data-type="worker"`), as Trunk
/// names it; web/postbuild.py renames the worker's files with a hash of
/// their content and names the loader in `<meta name="chamdiem-worker">`,
/// so a page only ever starts the worker of its own build.
const WORKER_URL: &str = "./chamdiem-worker_loader.js";

/// Why a request failed: a message in Vietnamese, and the technical
/// detail (English, for a bug report) that the page shows only under
/// "Chi tiết".
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: String,
    pub detail: Option<String>,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure {
            message,
            detail: None,
        }
    }
}

fn worker_url() -> String {
    leptos::prelude::document()
        .query_selector("meta[name=chamdiem-worker]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| WORKER_URL.to_string())
}

struct State {
    worker: Option<web_sys::Worker>,
    /// The worker has installed its handler.
    ready: bool,
    /// Requests made before it was ready: (message, buffer to transfer).
    queue: Vec<(Object, Option<JsValue>)>,
    /// Requests waiting for their reply: id → (resolve, reject).
    pending: HashMap<u32, (js_sys::Function, js_sys::Function)>,
    _on_message: Option<Closure<dyn Fn(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn Fn(web_sys::Event)>>,
}

impl State {
    fn new() -> State {
        State {
            worker: None,
            ready: false,
            queue: Vec::new(),
            pending: HashMap::new(),
            _on_message: None,
            _on_error: None,
        }
    }

    /// Ends the worker; returns the rejections of what waits for it. The
    /// next request starts a fresh worker.
    fn stop(&mut self) -> Vec<js_sys::Function> {
        if let Some(w) = self.worker.take() {
            w.terminate();
        }
        self.ready = false;
        self.queue.clear();
        self.pending
            .drain()
            .map(|(_, (_, reject))| reject)
            .collect()
    }
}

/// Imports and exports each have their own worker: an export never waits
/// behind a long import, and cancelling an import (which ends its worker)
/// leaves an export running.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Import = 0,
    Export = 1,
}

thread_local! {
    static SLOTS: RefCell<[State; 2]> = RefCell::new([State::new(), State::new()]);
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

fn with_slot<R>(slot: Slot, f: impl FnOnce(&mut State) -> R) -> R {
    SLOTS.with(|s| f(&mut s.borrow_mut()[slot as usize]))
}

/// What to say when the slot's worker dies on a request.
fn crashed(slot: Slot) -> &'static str {
    match slot {
        Slot::Import => t::WORKER_CRASHED,
        Slot::Export => t::EXPORT_CRASHED,
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The slot's running worker, started if needed.
fn worker(slot: Slot) -> Result<web_sys::Worker, String> {
    if let Some(w) = with_slot(slot, |st| st.worker.clone()) {
        return Ok(w);
    }
    let w = web_sys::Worker::new(&worker_url()).map_err(|_| t::WORKER_FAILED.to_string())?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let text = get(&data, "msg").as_string().unwrap_or_default();
            if matches!(protocol::decode_reply(&text), Ok(Reply::Ready)) {
                let (worker, queued) = with_slot(slot, |st| {
                    st.ready = true;
                    (st.worker.clone(), std::mem::take(&mut st.queue))
                });
                if let Some(w) = worker {
                    for (msg, buf) in queued {
                        let _ = post(&w, &msg, buf.as_ref());
                    }
                }
                return;
            }
            let id = get(&data, "id").as_f64().unwrap_or(0.0) as u32;
            let waiting = with_slot(slot, |st| st.pending.remove(&id));
            if let Some((resolve, _)) = waiting {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    // The worker died (a panic aborts wasm): fail what waits, start
    // afresh next time.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let waiting = with_slot(slot, |st| st.stop());
        for reject in waiting {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(crashed(slot)));
        }
    });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    with_slot(slot, |st| {
        st._on_message = Some(on_message);
        st._on_error = Some(on_error);
        st.worker = Some(w.clone());
    });
    Ok(w)
}

/// Stops a running import: its worker ends at once (whatever it is
/// doing) and the import fails with "Đã hủy".
pub fn cancel_import() {
    let waiting = with_slot(Slot::Import, |st| st.stop());
    for reject in waiting {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(t::IMPORT_CANCELLED));
    }
}

/// Sends a request (with the bytes of a file, transferred) and waits for
/// its reply; a [`Reply::Failed`] comes back as the error it names, said
/// in Vietnamese here.
async fn call(
    slot: Slot,
    request: &Request,
    bytes: Option<&[u8]>,
) -> Result<(Reply, Option<Vec<u8>>), Failure> {
    let w = worker(slot)?;
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"id".into(), &id.into());
    let _ = Reflect::set(&msg, &"msg".into(), &protocol::encode(request).into());
    let transfer: Option<JsValue> = bytes.map(|b| {
        let arr = Uint8Array::from(b);
        let _ = Reflect::set(&msg, &"bytes".into(), &arr);
        arr.buffer().into()
    });
    let transfer = transfer.as_ref();
    let promise = Promise::new(&mut |resolve, reject| {
        with_slot(slot, |st| st.pending.insert(id, (resolve, reject)));
    });
    let queued = with_slot(slot, |st| {
        if st.ready {
            false
        } else {
            st.queue.push((msg.clone(), transfer.cloned()));
            true
        }
    });
    if !queued && post(&w, &msg, transfer).is_err() {
        with_slot(slot, |st| st.pending.remove(&id));
        return Err(t::WORKER_FAILED.to_string().into());
    }
    let data = JsFuture::from(promise)
        .await
        .map_err(|e| Failure::from(e.as_string().unwrap_or_else(|| crashed(slot).to_string())))?;
    let reply =
        protocol::decode_reply(&get(&data, "msg").as_string().unwrap_or_default()).map_err(said)?;
    let bytes = match get(&data, "bytes") {
        b if b.is_undefined() => None,
        b => Some(Uint8Array::new(&b).to_vec()),
    };
    match reply {
        Reply::Failed(f) => Err(said(f)),
        reply => Ok((reply, bytes)),
    }
}

/// A failure from the worker, as the page says it.
fn said(f: protocol::Failure) -> Failure {
    Failure {
        message: f.message(),
        detail: f.detail(),
    }
}

fn post(w: &web_sys::Worker, msg: &Object, transfer: Option<&JsValue>) -> Result<(), JsValue> {
    match transfer {
        Some(buf) => w.post_message_with_transfer(msg, &js_sys::Array::of1(buf)),
        None => w.post_message(msg),
    }
}

/// Imports a workbook in the worker, with the corrections made in the
/// preview, else those `remembered` for the same template.
pub async fn import(
    bytes: &[u8],
    name: &str,
    fixes: &Fixes,
    remembered: &[Remembered],
) -> Result<Imported, Failure> {
    let request = Request::Import {
        name: name.to_string(),
        fixes: fixes.clone(),
        remembered: remembered.to_vec(),
    };
    match call(Slot::Import, &request, Some(bytes)).await? {
        (Reply::Imported { sheet, report }, _) => {
            let sheet =
                saved::decode(&sheet).map_err(|_| Failure::from(t::WORKER_CRASHED.to_string()))?;
            Ok(Imported {
                sheet,
                report: *report,
            })
        }
        _ => Err(t::WORKER_CRASHED.to_string().into()),
    }
}

/// Writes the workbook for a scoresheet in the worker.
pub async fn export(sheet: &Scoresheet) -> Result<Vec<u8>, Failure> {
    write(Request::Export {
        sheet: saved::encode(sheet),
    })
    .await
}

/// Writes the units' packs ("Xuất phiếu cho từng đơn vị"), a zip, in the
/// worker.
pub async fn export_packs(sheet: &Scoresheet) -> Result<Vec<u8>, Failure> {
    write(Request::Packs {
        sheet: saved::encode(sheet),
    })
    .await
}

/// Writes a document of the dossier (.docx) in the worker.
pub async fn export_document(
    sheet: &Scoresheet,
    doc: crate::docx::Document,
) -> Result<Vec<u8>, Failure> {
    write(Request::Document {
        sheet: saved::encode(sheet),
        doc,
    })
    .await
}

/// Writes "Gói hồ sơ" (the workbook and both documents, a zip) in the
/// worker.
pub async fn export_dossier(sheet: &Scoresheet) -> Result<Vec<u8>, Failure> {
    write(Request::Dossier {
        sheet: saved::encode(sheet),
    })
    .await
}

async fn write(request: Request) -> Result<Vec<u8>, Failure> {
    match call(Slot::Export, &request, None).await? {
        (Reply::Written, Some(bytes)) => Ok(bytes),
        _ => Err(t::EXPORT_CRASHED.to_string().into()),
    }
}

/// Linear memory the workers hold (for `make bench`); 0 when none runs.
#[cfg(feature = "bench")]
pub async fn worker_memory() -> f64 {
    let mut total = 0.0;
    for slot in [Slot::Import, Slot::Export] {
        if with_slot(slot, |st| st.worker.is_none()) {
            continue;
        }
        if let Ok((Reply::Memory { bytes }, _)) = call(slot, &Request::Memory, None).await {
            total += bytes;
        }
    }
    total
}
