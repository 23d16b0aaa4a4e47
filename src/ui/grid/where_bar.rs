//! The where-am-I line above the grid: [`crate::grid::WhereLine`] for the
//! active cell (or the footer total clicked), and the grid's message.

use super::state::Grid;
use crate::grid::{footer_line, Mode, WhereLine};
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub(super) fn WhereBar(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    // One memo, and each part a text of it: a move or an edit rewrites
    // the parts that changed, not the line's elements.
    let line = Memo::new(move |_| -> Option<WhereLine> {
        let at = g.sel.get().focus;
        ctx.steps.track();
        g.layout.track();
        if let Some((unit, stage)) = g.foot.get() {
            return ctx.sheet.with_untracked(|s| {
                ctx.results
                    .with_untracked(|r| footer_line(s, r, unit, stage))
            });
        }
        let draft = (g.mode.get() != Mode::Ready).then(|| g.draft.get());
        g.with_cells(|c| c.where_line(at, draft.as_deref()))
    });
    let part = move |f: fn(&WhereLine) -> String| {
        move || line.with(|l| l.as_ref().map(f).unwrap_or_default())
    };
    let max = move || line.with(|l| l.as_ref().and_then(|l| l.max.clone()));
    let val_class = move || {
        if line.with(|l| l.as_ref().is_some_and(|l| l.bad)) {
            "val bad"
        } else {
            "val"
        }
    };
    view! {
        <div class="g-where" role="status" aria-live="polite" aria-label=t::GRID_WHERE>
            <span class="who">{part(|l| l.who.clone())}</span>
            <span class="what" on:mouseenter=move |ev| set_title(&ev, line)>{part(|l| l.what.clone())}</span>
            <span class="max">{max}</span>
            <span class=val_class>{part(|l| l.val.clone())}</span>
            <span class="msg">{move || g.message.get()}</span>
        </div>
    }
}

/// The criterion's whole text as the cut line's tooltip, written when the
/// mouse comes (the browser reads a title then): written on every move it
/// cost ~76 µs a time in the edit → repaint bench, more than the line's
/// text.
fn set_title(ev: &leptos::ev::MouseEvent, line: Memo<Option<WhereLine>>) {
    use wasm_bindgen::JsCast;
    if let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.set_title(
            &line.with_untracked(|l| l.as_ref().map(|l| l.what.clone()).unwrap_or_default()),
        );
    }
}
