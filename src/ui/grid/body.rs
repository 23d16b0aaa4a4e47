//! The grid's body: the rows in the window on screen, the editor over the
//! active cell, and the mouse (select, extend with Shift or by dragging,
//! double-click edits, a section's toggle folds it).

use super::editor::Editor;
use super::row::{row_view, Frame};
use super::state::Grid;
use crate::model::NodeId;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub(super) fn Body(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    // The visible rows. This re-renders when the window scrolls or the
    // structure changes (criteria, maxima, weights, units); a score edit
    // only re-runs the memos of the cells that show it and of the totals.
    let rows = move || {
        let (r0, r1, c0, c1) = g.window.get();
        let width = g.total_width();
        let closed = g.collapsed.get();
        let tw = g.tw.get();
        let geom = g.geom.get();
        ctx.with_structure(|s| {
            ctx.results.with_untracked(|res| {
                g.rows.with(|rows| {
                    g.cols.with(|cols| {
                        let f = Frame {
                            sheet: s,
                            tree: &res.tree,
                            cols,
                            closed: &closed,
                            geom: &geom,
                            c0,
                            c1,
                            tw,
                            width,
                        };
                        (r0..r1)
                            .filter_map(|r| Some(row_view(g, &f, r, *rows.get(r)?)))
                            .collect_view()
                    })
                })
            })
        })
    };
    let on_mousedown = move |ev: ev::MouseEvent| {
        let Some((r, c, toggle)) = cell_at(&ev) else {
            return;
        };
        ev.prevent_default();
        if let Some(id) = toggle {
            g.collapsed.update(|set| {
                if !set.remove(&id) {
                    set.insert(id);
                }
            });
            g.focus_editor();
            return;
        }
        if !g.commit() {
            g.focus_editor();
            return;
        }
        g.move_to(r, c, ev.shift_key());
        g.dragging.set_value(true);
        g.focus_editor();
    };
    let on_mouseover = move |ev: ev::MouseEvent| {
        if !g.dragging.get_value() || ev.buttons() != 1 {
            g.dragging.set_value(false);
            return;
        }
        if let Some((r, c, None)) = cell_at(&ev) {
            if g.sel.get_untracked().focus != (r, c) {
                g.sel.update(|s| s.focus = (r, c));
            }
        }
    };
    let on_dblclick = move |ev: ev::MouseEvent| {
        if let Some((r, c, None)) = cell_at(&ev) {
            g.move_to(r, c, false);
            g.start_f2();
        }
    };
    view! {
        <div
            class="g-body"
            style=move || format!("height:{}px;width:{}px", g.geom.with(|geo| geo.total()), g.total_width())
            on:mousedown=on_mousedown
            on:mouseover=on_mouseover
            on:mouseup=move |_| g.dragging.set_value(false)
            on:dblclick=on_dblclick
        >
            {rows}
            <Editor g=g />
        </div>
    }
}

/// The cell under the mouse, (row, col), or a section's toggle.
fn cell_at(ev: &ev::MouseEvent) -> Option<(usize, usize, Option<NodeId>)> {
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    if let Some(tg) = el.closest("[data-toggle]").ok().flatten() {
        let id = tg.get_attribute("data-toggle")?.parse().ok()?;
        return Some((0, 0, Some(id)));
    }
    let cell = el.closest("[data-c]").ok().flatten()?;
    let r = cell.get_attribute("data-r")?.parse().ok()?;
    let c = cell.get_attribute("data-c")?.parse().ok()?;
    Some((r, c, None))
}
