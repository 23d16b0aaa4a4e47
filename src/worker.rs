//! The file worker's message loop (the binary is src/bin/worker.rs). wasm32 only.

use crate::model::saved;
use crate::xlsx::{self, Fixes, ImportOptions, Remembered};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &key.into(), value);
}

/// A failure as the page shows it: the Vietnamese message, and the
/// technical detail behind "Chi tiết" when there is one.
struct Failure {
    message: String,
    detail: Option<String>,
}

impl Failure {
    fn new(message: String, detail: Option<&str>) -> Failure {
        Failure {
            message,
            detail: detail.map(String::from),
        }
    }
}

fn handle(data: &JsValue) -> Object {
    let reply = Object::new();
    set(&reply, "id", &get(data, "id"));
    let op = get(data, "op").as_string().unwrap_or_default();
    let result: Result<(), Failure> = match op.as_str() {
        "import" => {
            let bytes = Uint8Array::new(&get(data, "bytes")).to_vec();
            let fixes: Fixes = get(data, "fixes")
                .as_string()
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default();
            let remembered: Vec<Remembered> = get(data, "remembered")
                .as_string()
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default();
            let opts = ImportOptions {
                file_name: get(data, "name").as_string(),
                fixes,
                remembered,
            };
            match xlsx::import(&bytes, &opts) {
                Ok(imp) => {
                    set(&reply, "sheet", &saved::encode(&imp.sheet).into());
                    set(
                        &reply,
                        "report",
                        &serde_json::to_string(&imp.report)
                            .unwrap_or_default()
                            .into(),
                    );
                    Ok(())
                }
                Err(e) => Err(Failure::new(e.message(), e.detail())),
            }
        }
        "export" | "packs" => {
            let text = get(data, "sheet").as_string().unwrap_or_default();
            let write = match op.as_str() {
                "packs" => xlsx::packs::export_packs,
                _ => xlsx::export::export,
            };
            let written = saved::decode(&text)
                .map_err(|e| xlsx::ExportError::Data(format!("{e:?}")))
                .and_then(|sheet| write(&sheet));
            match written {
                Ok(bytes) => {
                    set(&reply, "bytes", &Uint8Array::from(bytes.as_slice()).into());
                    Ok(())
                }
                Err(e) => Err(Failure::new(e.message(), e.detail())),
            }
        }
        "memory" => {
            let bytes = core::arch::wasm32::memory_size(0) * 65536;
            set(&reply, "value", &(bytes as f64).into());
            Ok(())
        }
        // The page sends no other: a bug, told as a crash would be.
        other => Err(Failure::new(
            crate::strings::WORKER_CRASHED.to_string(),
            Some(format!("unknown op {other}").as_str()),
        )),
    };
    match result {
        Ok(()) => set(&reply, "ok", &true.into()),
        Err(e) => {
            set(&reply, "ok", &false.into());
            set(&reply, "error", &e.message.into());
            if let Some(d) = e.detail {
                set(&reply, "detail", &d.into());
            }
        }
    }
    reply
}

/// Installs the message handler.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let reply = handle(&e.data());
        let _ = post.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before this point found no handler: tell the page we
    // listen now, it holds its requests until then.
    let ready = Object::new();
    set(&ready, "ready", &true.into());
    let _ = scope.post_message(&ready);
}
