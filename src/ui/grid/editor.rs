//! The one editor input, never re-rendered, over the active cell: typing
//! goes straight into it (so the first keystroke and IME composition are
//! never lost), and the value reaches the model only on commit. With it,
//! the selection box and the refusal bubble under the active cell.

use super::state::Grid;
use crate::grid::geometry::W_SCORE;
use crate::grid::{Mode, Refusal, FIXED_COLS};
use crate::strings as t;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub(super) fn Editor(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    let sel = g.sel;
    let mode = g.mode;
    let editor_style = move || {
        let (r, c) = sel.get().focus;
        let (x, w) = g.cell_box(c);
        let z = if c < FIXED_COLS { 6 } else { 1 };
        let (top, height) = g.geom.with(|geo| (geo.top(r), geo.height(r)));
        let w = w.max(if mode.get() == Mode::Ready {
            0.0
        } else {
            160.0
        });
        format!("top:{top}px;left:{x}px;width:{w}px;height:{height}px;z-index:{z}")
    };
    let label = move || {
        let at = sel.get().focus;
        ctx.steps.track();
        g.layout.track();
        g.with_cells(|c| c.label(at))
    };
    let on_input = move |_: ev::Event| {
        if let Some(i) = g.editor.get_untracked() {
            g.draft.set(i.value());
        }
        if mode.get_untracked() != Mode::Ready {
            return;
        }
        // Typing starts an edit on any cell: on one that takes no value
        // the text is kept and the refusal shows beside it on commit
        // (nothing typed is dropped).
        // (Written only when it changes: every view of the selection
        // would re-run for nothing on each first keystroke.)
        let at = sel.get_untracked().focus;
        let refusal = g.with_cells(|c| c.entry_refusal(at));
        // On locked results no editor opens (grid rule 5): nothing typed
        // could be kept, and an open editor held the selection (a click on
        // another cell appended the next digit to the refused text).
        if refusal == Some(Refusal::Locked) {
            if let Some(i) = g.editor.get_untracked() {
                i.set_value("");
            }
            g.refusal.set(refusal);
            return;
        }
        if sel.with_untracked(|s| s.anchor != s.focus) {
            sel.update(|s| s.anchor = s.focus);
        }
        mode.set(Mode::Edit);
        if let Some(why) = refusal {
            g.refusal.set(Some(why));
        }
    };
    let on_comp_start = move |_: ev::CompositionEvent| {
        g.composing.set_value(true);
        if mode.get_untracked() == Mode::Ready {
            mode.set(Mode::Edit);
        }
    };
    let on_comp_end = move |_: ev::CompositionEvent| g.composing.set_value(false);
    let on_blur = move |_: ev::FocusEvent| {
        if !g.composing.get_value() {
            g.commit();
        }
    };
    // Text typed but not committed is committed when the page is hidden
    // or closed (the workspace saves right after).
    ctx.set_flush(
        "editor",
        Some(Callback::new(move |_| {
            g.commit();
        })),
    );
    on_cleanup(move || ctx.set_flush("editor", None));
    // Puts the selection on the clipboard; false while a cell is edited
    // (the editor's own copy applies then).
    let copy_out = move |ev: &ev::ClipboardEvent| {
        if mode.get_untracked() != Mode::Ready {
            return false;
        }
        ev.prevent_default();
        if let Some(dt) = ev.clipboard_data() {
            let _ = dt.set_data("text/plain", &g.copy_text());
        }
        true
    };
    let on_paste = move |ev: ev::ClipboardEvent| {
        if mode.get_untracked() != Mode::Ready {
            return;
        }
        ev.prevent_default();
        if let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        {
            g.paste_text(&text);
        }
    };
    view! {
        <div class="g-sel" style=move || sel_style(g) aria-hidden="true"></div>
        <RefusalBubble g=g />
        <input
            class=move || match mode.get() { Mode::Ready => "g-editor ready", _ => "g-editor editing" }
            node_ref=g.editor
            style=editor_style
            aria-label=label
            autocomplete="off"
            spellcheck="false"
            inputmode=move || if sel.get().focus.1 == 0 { "text" } else { "decimal" }
            on:keydown=move |ev| g.on_keydown(&ev)
            on:input=on_input
            on:compositionstart=on_comp_start
            on:compositionend=on_comp_end
            on:blur=on_blur
            on:copy=move |ev| { copy_out(&ev); }
            on:cut=move |ev| if copy_out(&ev) { g.clear_selection() }
            on:paste=on_paste
        />
    }
}

/// The selection's box, over the cells it covers.
fn sel_style(g: Grid) -> String {
    let (r0, r1, c0, c1) = g.sel.get().rect();
    let (x0, _) = g.cell_box(c0);
    let (x1, w1) = g.cell_box(c1);
    let z = if c0 < FIXED_COLS { 5 } else { 1 };
    let (top, bottom) = g
        .geom
        .with(|geo| (geo.top(r0), geo.top(r1) + geo.height(r1)));
    format!(
        "top:{}px;left:{}px;width:{}px;height:{}px;z-index:{}",
        top,
        x0,
        (x1 + w1 - x0).max(W_SCORE.min(w1)),
        bottom - top,
        z
    )
}

/// The bubble's widest (`.g-refusal`'s max-width, 26rem) and a margin.
const BUBBLE_W: f64 = 26.0 * 16.0 + 8.0;

/// The refusal, in a bubble under the active cell (where she looks).
#[component]
fn RefusalBubble(g: Grid) -> impl IntoView {
    let style = move || {
        let (r, c) = g.sel.get().focus;
        let (x, _) = g.cell_box(c);
        let below = g.geom.with(|geo| geo.top(r) + geo.height(r));
        // Kept inside the grid's visible width: under a cell at the right
        // edge it was cut off mid-word (seen at 1366×768).
        let (_, width) = g.size.get();
        let (_, scroll_left) = g.scroll.get();
        let x = x.min(scroll_left + width - BUBBLE_W).max(scroll_left);
        format!("top:{}px;left:{}px", below + 2.0, x)
    };
    move || {
        g.refusal.get().map(|why| {
            // On locked results nothing typed is kept: no editor opened.
            let kept = (why != Refusal::Locked).then_some(t::GRID_KEPT_HINT);
            view! {
                <div class="g-refusal" role="alert" style=style>
                    <strong>{t::refusal(&why)}</strong>
                    " "
                    {kept}
                </div>
            }
        })
    }
}
