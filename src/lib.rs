//! chamdiem: a browser-only scoring app for Vietnamese emulation blocs.
//!
//! `model` (the domain) and `xlsx` (import/export) are pure Rust and test
//! natively, and so do `store`'s save protocol and `grid`'s behaviour; `ui`
//! exists only on wasm32.

pub mod docx;
pub mod grid;
pub mod model;
pub mod print;
pub mod protocol;
pub mod store;
pub mod strings;
pub mod xlsx;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
