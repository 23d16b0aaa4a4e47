//! chamdiem: a browser-only scoring app for Vietnamese emulation blocs.
//!
//! `model` (the domain) and `xlsx` (import/export) are pure Rust and test
//! natively; `ui` and `store` exist only on wasm32.

pub mod model;
pub mod strings;
pub mod xlsx;

#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
