//! The file worker (a second wasm binary, run as a Web Worker): reading and
//! writing spreadsheets happens here, off the page's thread and out of the
//! first screen's download. calamine and rust_xlsxwriter live only in this
//! binary; a panic here (wasm aborts) kills the worker, not the page, which
//! reports the failure and starts a fresh worker next time.
//!
//! Messages: `crate::protocol` (`{id, msg, bytes?}` both ways).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    chamdiem::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("chamdiem-worker is the browser's file worker: it is built by Trunk for wasm32.");
}
