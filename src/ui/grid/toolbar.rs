//! The grid's toolbar: stages shown, one unit or all, undo and redo,
//! criteria added or removed, the units dialog, help.

use super::state::Grid;
use crate::model::{Dec, Stage};
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub(super) fn Toolbar(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    let stage_toggle = move |st: Stage| {
        view! {
            <label class="chk">
                <input
                    type="checkbox"
                    prop:checked=move || g.shown.get()[st.index()]
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        g.ws.view.update(|v| {
                            v.stages[st.index()] = on;
                            if !v.stages.iter().any(|x| *x) {
                                v.stages[st.index()] = true;
                            }
                        });
                    }
                />
                {t::stage_name(st)}
            </label>
        }
    };
    let unit_options = move || {
        ctx.with_structure(|s| {
            s.units
                .iter()
                .map(|u| {
                    let id = u.id;
                    view! { <option value=id.to_string() selected=move || g.only_unit.get() == Some(id)>{u.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let add_criterion = move |_| {
        let after = g.selected_node();
        let (id, ops) = ctx
            .sheet
            .with_untracked(|s| s.add_criterion_ops(after, t::NEW_CRITERION, Dec::from_int(1)));
        ctx.edit(ops);
        if let Some(r) = ctx
            .sheet
            .with_untracked(|s| s.nodes.iter().position(|n| n.id == id))
            .and_then(|pos| g.rows.with_untracked(|v| v.iter().position(|&p| p == pos)))
        {
            g.move_to(r, 0, false);
        }
        g.focus_editor();
    };
    let remove_criterion = move |_| {
        if let Some(id) = g.selected_node() {
            let ops = ctx.sheet.with_untracked(|s| s.remove_subtree_ops(id));
            ctx.edit(ops);
            g.message.set(t::GRID_REMOVED_CRITERION.to_string());
        }
        g.focus_editor();
    };
    // Locked results (`model::lock`): what would change them is greyed,
    // with why on hover.
    let locked = move || ctx.sheet.with(|s| s.lock.is_some());
    let why = move || if locked() { t::GRID_LOCKED } else { "" };
    view! {
        <div class="toolbar" role="toolbar" aria-label=t::GRID_TOOLBAR>
            <div class="group">
                <span class="lbl">{t::STAGE_PICK}</span>
                {Stage::ALL.map(stage_toggle).to_vec()}
            </div>
            <label class="group">
                <span class="lbl">{t::GRID_UNIT_FILTER}</span>
                <select on:change=move |ev| g.only_unit.set(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || g.only_unit.get().is_none()>{t::GRID_ALL_UNITS}</option>
                    {unit_options}
                </select>
            </label>
            <div class="group">
                <button on:click=move |_| { ctx.undo(); g.focus_editor(); }
                    disabled=move || { ctx.steps.track(); !ctx.history.with_value(|h| h.can_undo()) }
                    title="Ctrl+Z">{t::UNDO}</button>
                <button on:click=move |_| { ctx.redo(); g.focus_editor(); }
                    disabled=move || { ctx.steps.track(); !ctx.history.with_value(|h| h.can_redo()) }
                    title="Ctrl+Y">{t::REDO}</button>
            </div>
            <div class="group">
                <button on:click=add_criterion disabled=locked title=why>{t::ADD_CRITERION}</button>
                <button on:click=remove_criterion disabled=locked title=why>{t::REMOVE_CRITERION}</button>
                <button on:click=move |_| g.show_units.set(true) disabled=locked title=why>{t::MANAGE_UNITS}</button>
                <button on:click=move |_| g.show_help.set(true) title="F1" aria-label=t::HELP_TITLE>"?"</button>
            </div>
        </div>
    }
}
