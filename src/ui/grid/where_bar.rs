//! The where-am-I line above the grid: [`crate::grid::WhereLine`] for the
//! active cell (or the footer total clicked), and the grid's message.

use super::state::Grid;
use crate::grid::{footer_line, Mode, WhereLine};
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub(super) fn WhereBar(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    let line = move || -> Option<WhereLine> {
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
    };
    let content = move || {
        let msg = g.message.get();
        let Some(l) = line() else {
            return view! { <span class="what">{msg}</span> }.into_any();
        };
        let title = l.what.clone();
        view! {
            <span class="who">{l.who}</span>
            <span class="what" title=title>{l.what}</span>
            {l.max.map(|m| view! { <span class="max">{m}</span> })}
            <span class=if l.bad { "val bad" } else { "val" }>{l.val}</span>
            {(!msg.is_empty()).then(|| view! { <span class="msg">{msg}</span> })}
        }
        .into_any()
    };
    view! {
        <div class="g-where" role="status" aria-live="polite" aria-label=t::GRID_WHERE>{content}</div>
    }
}
