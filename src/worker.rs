//! The file worker's message loop (the binary is src/bin/worker.rs). wasm32 only.
//! Messages are those of `crate::protocol`.

use crate::model::saved;
use crate::protocol::{self, Failure, Reply, Request};
use crate::xlsx::{self, ImportOptions};
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

/// Does what a request asks: the reply, and the bytes written when there
/// are some.
fn answer(request: Request, bytes: Vec<u8>) -> (Reply, Option<Vec<u8>>) {
    let write =
        |sheet: &str,
         write: &dyn Fn(&crate::model::Scoresheet) -> Result<Vec<u8>, xlsx::ExportError>| {
            let written = saved::decode(sheet)
                .map_err(|e| xlsx::ExportError::Data(format!("{e:?}")))
                .and_then(|sheet| write(&sheet));
            match written {
                Ok(bytes) => (Reply::Written, Some(bytes)),
                Err(e) => (Reply::Failed(Failure::Export(e)), None),
            }
        };
    match request {
        Request::Import {
            name,
            fixes,
            remembered,
        } => {
            let opts = ImportOptions {
                file_name: Some(name),
                fixes,
                remembered,
            };
            match xlsx::import(&bytes, &opts) {
                Ok(imp) => (
                    Reply::Imported {
                        sheet: saved::encode(&imp.sheet),
                        report: Box::new(imp.report),
                    },
                    None,
                ),
                Err(e) => (Reply::Failed(Failure::Import(e)), None),
            }
        }
        Request::Export { sheet } => write(&sheet, &xlsx::export::export),
        Request::Packs { sheet } => write(&sheet, &xlsx::packs::export_packs),
        Request::Document { sheet, doc } => write(&sheet, &|s| doc.write(s)),
        Request::Dossier { sheet } => write(&sheet, &crate::docx::dossier),
        #[cfg(feature = "bench")]
        Request::Memory => {
            let bytes = core::arch::wasm32::memory_size(0) * 65536;
            (
                Reply::Memory {
                    bytes: bytes as f64,
                },
                None,
            )
        }
    }
}

/// The reply to one message, and the buffer to transfer with it.
fn handle(data: &JsValue) -> (Object, Option<JsValue>) {
    let out = Object::new();
    set(&out, "id", &get(data, "id"));
    let text = get(data, "msg").as_string().unwrap_or_default();
    let (reply, bytes) = match protocol::decode_request(&text) {
        Ok(request) => {
            let bytes = match get(data, "bytes") {
                b if b.is_undefined() => Vec::new(),
                b => Uint8Array::new(&b).to_vec(),
            };
            answer(request, bytes)
        }
        // The page sends no other: told as a failure, with the words why.
        Err(f) => (Reply::Failed(f), None),
    };
    set(&out, "msg", &protocol::encode(&reply).into());
    // The bytes written are handed over, not copied (a 60-unit export is
    // megabytes).
    let buffer = bytes.map(|b| {
        let arr = Uint8Array::from(b.as_slice());
        set(&out, "bytes", &arr);
        arr.buffer().into()
    });
    (out, buffer)
}

/// Installs the message handler.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let (reply, buffer) = handle(&e.data());
        let _ = match buffer {
            Some(b) => post.post_message_with_transfer(&reply, &js_sys::Array::of1(&b)),
            None => post.post_message(&reply),
        };
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before this point found no handler: tell the page we
    // listen now, it holds its requests until then.
    let ready = Object::new();
    set(&ready, "msg", &protocol::encode(&Reply::Ready).into());
    let _ = scope.post_message(&ready);
}
