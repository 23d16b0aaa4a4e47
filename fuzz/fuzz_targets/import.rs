//! Any bytes → import (→ compute → export when it imports). Must never
//! panic, hang or allocate without bound.
//!
//! A panic inside calamine is caught by the import (and reported as a
//! broken file); libfuzzer-sys would still abort on it, so panics located
//! in calamine are let through to that catch, while any other panic aborts
//! and is reported as a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-") || l.file().contains("vendor/calamine/"));
            if !in_calamine {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    });
    if let Ok(imp) = chamdiem::xlsx::import(data, &Default::default()) {
        let results = chamdiem::model::Results::compute(&imp.sheet);
        let _ = results.order(None);
        let _ = chamdiem::xlsx::export::export(&imp.sheet);
    }
});
