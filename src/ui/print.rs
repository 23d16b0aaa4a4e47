//! "Xem bản in": the Tổng hợp, every unit's phiếu and the Thẩm định list
//! laid out as A4 pages for the browser to print (Ctrl+P). The pages are
//! `crate::print`'s HTML (the whole table, not the grid's rows on
//! screen); table heads repeat on every printed page (`thead`); on locked
//! results the code is printed at the foot of every page (an `@page`
//! margin box reading the root's `--print-code`, style/main.css).

use super::Ctx;
use crate::strings as t;
use crate::xlsx::words;
use leptos::prelude::*;

/// What `@media print` hides while the view is open: the app around it.
const PRINTING: &str = "printing";

/// Marks the page as printing this view, with the lock's code for the
/// page footer, until the view closes.
fn mark_page(code: Option<String>) {
    let doc = document();
    if let Some(body) = doc.body() {
        let _ = body.class_list().add_1(PRINTING);
    }
    if let Some(root) = doc.document_element() {
        let style = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&root).style();
        match code {
            // A CSS string: the code holds only hex digits and a dash.
            Some(c) => {
                let _ = style.set_property("--print-code", &format!("\"{c}\""));
            }
            None => {
                let _ = style.remove_property("--print-code");
            }
        }
    }
}

fn unmark_page() {
    let doc = document();
    if let Some(body) = doc.body() {
        let _ = body.class_list().remove_1(PRINTING);
    }
    if let Some(root) = doc.document_element() {
        let style = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&root).style();
        let _ = style.remove_property("--print-code");
    }
}

#[component]
pub fn PrintView(close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let code = ctx.sheet.with_untracked(|s| {
        s.lock
            .as_ref()
            .map(|l| format!("{} {}", words::EXPORT_LOCK_CODE, l.fingerprint))
    });
    mark_page(code);
    on_cleanup(unmark_page);
    // The pages as one HTML string (`crate::print`: texts escaped there).
    let html = ctx
        .sheet
        .with_untracked(|s| ctx.results.with_untracked(|r| crate::print::html(s, r)));
    view! {
        <div class="print-view" role="dialog" aria-modal="true" aria-label=t::PRINT_TITLE>
            <div class="print-bar">
                <button class="primary" on:click=move |_| { let _ = window().print(); }>{t::PRINT_NOW}</button>
                <button on:click=move |_| close()>{t::CLOSE}</button>
                <span class="hint">{t::PRINT_HINT}</span>
            </div>
            <div class="print-pages" inner_html=html></div>
        </div>
    }
}
