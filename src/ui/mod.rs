//! The Leptos UI (wasm32 only). Thin: it reads the model through signals
//! and writes edits back to it; every string comes from `crate::strings`.

mod app;
mod import;
mod scores;
mod summary;

use leptos::prelude::*;

/// Mounts the app on the page body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// Shared state: the open scoresheet and everything computed from it.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub sheet: RwSignal<crate::model::Scoresheet>,
    pub results: Memo<std::sync::Arc<crate::model::Results>>,
    /// True while the built-in sample is open.
    pub is_sample: RwSignal<bool>,
}

impl Ctx {
    pub fn use_ctx() -> Ctx {
        expect_context::<Ctx>()
    }
}
