//! A panic in the page aborts its wasm: every later event handler would
//! throw, leaving a page that looks alive but does nothing. The panic hook
//! instead covers the page with a message and a reload button, built with
//! plain DOM calls (the reactive system may be what failed). What was
//! saved before stays saved; the page cannot save after this point.

use crate::strings as t;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The hash that makes the page panic once mounted: how the browser tests
/// check that a panic reaches the user (nothing else uses it).
const SELF_TEST_HASH: &str = "#kiem-tra-loi";

/// Covers the page with the crash message (once).
pub fn show(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let el = |tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Ok(root) = doc.create_element("div") else {
        return;
    };
    root.set_id("crash");
    root.set_class_name("crash");
    let _ = root.set_attribute("role", "alertdialog");
    let _ = root.set_attribute("aria-modal", "true");
    let _ = root.set_attribute("aria-labelledby", "crash-title");
    let Ok(card) = doc.create_element("div") else {
        return;
    };
    card.set_class_name("crash-card");
    if let Some(h) = el("h2", t::CRASH_TITLE) {
        h.set_id("crash-title");
        let _ = card.append_child(&h);
    }
    if let Some(p) = el("p", t::CRASH_BODY) {
        let _ = card.append_child(&p);
    }
    if let Some(b) = el("button", t::CRASH_RELOAD) {
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = b.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = card.append_child(&b);
    }
    if let (Some(d), Some(s), Some(pre)) = (
        el("details", ""),
        el("summary", t::DETAILS),
        el("pre", detail),
    ) {
        let _ = d.append_child(&s);
        let _ = d.append_child(&pre);
        let _ = card.append_child(&d);
    }
    let _ = root.append_child(&card);
    let _ = body.append_child(&root);
}

/// Panics when the page was opened with [`SELF_TEST_HASH`].
pub fn self_test() {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash == SELF_TEST_HASH {
        panic!("kiểm tra: lỗi cố ý để thử thông báo sự cố");
    }
}
