//! Entry points for `make bench` (wasm32 only): the benchmark page script
//! calls these through the bindings Trunk exposes as `window.wasmBindings`,
//! so it can time import and export (which run in the file worker, as for
//! users) in the same page as SheetJS.

use crate::model::Tree;
use crate::ui::files;
use wasm_bindgen::prelude::*;

/// Imports a workbook through the worker; resolves to the number of
/// criteria understood (or -1), so the caller can check the work was done.
#[wasm_bindgen]
pub async fn bench_import(bytes: Vec<u8>) -> f64 {
    match files::import(&bytes, "bench.xlsx", &Default::default(), &[]).await {
        Ok(imp) => {
            let tree = Tree::new(&imp.sheet);
            (0..tree.len()).filter(|&i| tree.is_scoreable(i)).count() as f64
        }
        Err(_) => -1.0,
    }
}

/// Imports a workbook, then times its export through the worker (ms, or -1).
#[wasm_bindgen]
pub async fn bench_export(bytes: Vec<u8>) -> f64 {
    let Ok(imp) = files::import(&bytes, "bench.xlsx", &Default::default(), &[]).await else {
        return -1.0;
    };
    let perf = web_sys::window().and_then(|w| w.performance());
    let t0 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
    let ok = files::export(&imp.sheet).await.is_ok_and(|b| !b.is_empty());
    let t1 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
    if ok {
        t1 - t0
    } else {
        -1.0
    }
}

/// Linear memory held by the page's module and by the file worker.
#[wasm_bindgen]
pub async fn bench_memory_bytes() -> f64 {
    bench_page_memory_bytes() + files::worker_memory().await
}

/// Linear memory held by the page's module alone.
#[wasm_bindgen]
pub fn bench_page_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
