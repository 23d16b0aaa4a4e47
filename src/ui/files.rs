//! The page's side of the file worker (src/worker.rs): import and export
//! run there, so calamine and rust_xlsxwriter are neither in the first
//! screen's download nor on the page's thread, and a crash while reading a
//! hostile file ends the worker, not the app. The worker starts on the
//! first import or export.

use crate::model::saved;
use crate::model::Scoresheet;
use crate::strings as t;
use crate::xlsx::{Imported, Report, Role};
use js_sys::{Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's loader (Trunk's shim for `data-type="worker"`).
const WORKER_URL: &str = "./chamdiem-worker_loader.js";

struct State {
    worker: Option<web_sys::Worker>,
    /// The worker has installed its handler.
    ready: bool,
    /// Requests made before it was ready: (message, buffer to transfer).
    queue: Vec<(Object, Option<JsValue>)>,
    next: u32,
    /// Requests waiting for their reply: id → (resolve, reject).
    pending: HashMap<u32, (js_sys::Function, js_sys::Function)>,
    _on_message: Option<Closure<dyn Fn(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn Fn(web_sys::Event)>>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State {
        worker: None,
        ready: false,
        queue: Vec::new(),
        next: 1,
        pending: HashMap::new(),
        _on_message: None,
        _on_error: None,
    });
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The running worker, started if needed.
fn worker() -> Result<web_sys::Worker, String> {
    STATE.with(|st| {
        let mut st = st.borrow_mut();
        if let Some(w) = &st.worker {
            return Ok(w.clone());
        }
        let w = web_sys::Worker::new(WORKER_URL).map_err(|_| t::WORKER_FAILED.to_string())?;
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
                let data = e.data();
                if get(&data, "ready").as_bool() == Some(true) {
                    let (worker, queued) = STATE.with(|st| {
                        let mut st = st.borrow_mut();
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
                let waiting = STATE.with(|st| st.borrow_mut().pending.remove(&id));
                if let Some((resolve, _)) = waiting {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            });
        // The worker died (a panic aborts wasm): fail what waits, start
        // afresh next time.
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            e.prevent_default();
            let waiting: Vec<_> = STATE.with(|st| {
                let mut st = st.borrow_mut();
                if let Some(w) = st.worker.take() {
                    w.terminate();
                }
                st.ready = false;
                st.queue.clear();
                st.pending.drain().map(|(_, f)| f).collect()
            });
            for (_, reject) in waiting {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(t::WORKER_CRASHED));
            }
        });
        w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        st._on_message = Some(on_message);
        st._on_error = Some(on_error);
        st.worker = Some(w.clone());
        Ok(w)
    })
}

/// Sends a request and waits for its reply (`ok` checked).
async fn call(msg: Object, transfer: Option<&JsValue>) -> Result<JsValue, String> {
    let w = worker()?;
    let id = STATE.with(|st| {
        let mut st = st.borrow_mut();
        let id = st.next;
        st.next += 1;
        id
    });
    let _ = Reflect::set(&msg, &"id".into(), &id.into());
    let promise = Promise::new(&mut |resolve, reject| {
        STATE.with(|st| st.borrow_mut().pending.insert(id, (resolve, reject)));
    });
    let queued = STATE.with(|st| {
        let mut st = st.borrow_mut();
        if st.ready {
            false
        } else {
            st.queue.push((msg.clone(), transfer.cloned()));
            true
        }
    });
    if !queued && post(&w, &msg, transfer).is_err() {
        STATE.with(|st| st.borrow_mut().pending.remove(&id));
        return Err(t::WORKER_FAILED.to_string());
    }
    let reply = JsFuture::from(promise).await.map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| t::WORKER_CRASHED.to_string())
    })?;
    if get(&reply, "ok").as_bool() == Some(true) {
        Ok(reply)
    } else {
        Err(get(&reply, "error")
            .as_string()
            .unwrap_or_else(|| t::WORKER_CRASHED.to_string()))
    }
}

fn post(w: &web_sys::Worker, msg: &Object, transfer: Option<&JsValue>) -> Result<(), JsValue> {
    match transfer {
        Some(buf) => w.post_message_with_transfer(msg, &js_sys::Array::of1(buf)),
        None => w.post_message(msg),
    }
}

fn request(op: &str) -> Object {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"op".into(), &op.into());
    msg
}

/// Imports a workbook in the worker.
pub async fn import(
    bytes: &[u8],
    name: &str,
    columns: Option<&BTreeMap<Role, u32>>,
) -> Result<Imported, String> {
    let msg = request("import");
    let arr = Uint8Array::from(bytes);
    let _ = Reflect::set(&msg, &"bytes".into(), &arr);
    let _ = Reflect::set(&msg, &"name".into(), &name.into());
    if let Some(c) = columns {
        let _ = Reflect::set(
            &msg,
            &"columns".into(),
            &serde_json::to_string(c).unwrap_or_default().into(),
        );
    }
    let reply = call(msg, Some(&arr.buffer())).await?;
    let sheet = saved::decode(&get(&reply, "sheet").as_string().unwrap_or_default())
        .map_err(|_| t::WORKER_CRASHED.to_string())?;
    let report: Report =
        serde_json::from_str(&get(&reply, "report").as_string().unwrap_or_default())
            .map_err(|_| t::WORKER_CRASHED.to_string())?;
    Ok(Imported { sheet, report })
}

/// Writes the workbook for a scoresheet in the worker.
pub async fn export(sheet: &Scoresheet) -> Result<Vec<u8>, String> {
    let msg = request("export");
    let _ = Reflect::set(&msg, &"sheet".into(), &saved::encode(sheet).into());
    let reply = call(msg, None).await?;
    Ok(Uint8Array::new(&get(&reply, "bytes")).to_vec())
}

/// Linear memory the worker holds (for `make bench`); 0 when it is not running.
pub async fn worker_memory() -> f64 {
    if STATE.with(|st| st.borrow().worker.is_none()) {
        return 0.0;
    }
    match call(request("memory"), None).await {
        Ok(r) => get(&r, "value").as_f64().unwrap_or(0.0),
        Err(_) => 0.0,
    }
}
