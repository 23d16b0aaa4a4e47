//! Entry points for `make bench` (wasm32 only): the benchmark page script
//! calls these through the bindings Trunk exposes as `window.wasmBindings`,
//! so it can time import and export in the same page as SheetJS.

use crate::model::Tree;
use crate::xlsx::{self, ImportOptions};
use wasm_bindgen::prelude::*;

/// Imports a workbook; returns the number of criteria (or -1 on error),
/// so the caller can check the work was done.
#[wasm_bindgen]
pub fn bench_import(bytes: &[u8]) -> i32 {
    match xlsx::import(bytes, &ImportOptions::default()) {
        Ok(imp) => {
            let tree = Tree::new(&imp.sheet);
            (0..tree.len()).filter(|&i| tree.is_scoreable(i)).count() as i32
        }
        Err(_) => -1,
    }
}

/// Imports then exports a workbook; returns the exported size in bytes.
#[wasm_bindgen]
pub fn bench_export(bytes: &[u8], rounds: u32) -> f64 {
    let Ok(imp) = xlsx::import(bytes, &ImportOptions::default()) else {
        return -1.0;
    };
    let perf = web_sys::window().and_then(|w| w.performance());
    let t0 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
    let mut size = 0;
    for _ in 0..rounds.max(1) {
        size = xlsx::export::export(&imp.sheet)
            .map(|b| b.len())
            .unwrap_or(0);
    }
    let t1 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
    if size == 0 {
        return -1.0;
    }
    (t1 - t0) / rounds.max(1) as f64
}

/// Bytes of linear memory the module holds (it only grows: the peak).
#[wasm_bindgen]
pub fn bench_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
