//! Units: add, rename, reorder, remove — every change undoable.

use super::Ctx;
use crate::model::{Op, Unit};
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub fn UnitsDialog(close: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let list = move || {
        ctx.sheet.with(|s| {
            let n = s.units.len();
            s.units
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let id = u.id;
                    let name = u.name.clone();
                    let short = u.short.clone().unwrap_or_default();
                    let rename = move |name: String, short: Option<String>| {
                        let name = name.trim().to_string();
                        if name.is_empty() {
                            return;
                        }
                        let short = short.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                        ctx.edit(vec![Op::RenameUnit { unit: id, name, short }]);
                    };
                    let current_short = u.short.clone();
                    let current_name = u.name.clone();
                    view! {
                        <li class="unit-row">
                            <span class="idx">{i + 1}</span>
                            <input
                                class="name"
                                aria-label=format!("{} {}", t::UNIT_NAME, i + 1)
                                prop:value=name
                                on:change=move |ev| rename(event_target_value(&ev), current_short.clone())
                            />
                            <input
                                class="short"
                                aria-label=format!("{} {}", t::UNIT_SHORT, i + 1)
                                placeholder=t::UNIT_SHORT
                                prop:value=short
                                on:change=move |ev| rename(current_name.clone(), Some(event_target_value(&ev)))
                            />
                            <button disabled=i == 0 aria-label=format!("{} {}", t::UNIT_UP, i + 1)
                                on:click=move |_| ctx.edit(vec![Op::MoveUnit { from: i, to: i - 1 }])>"↑"</button>
                            <button disabled=i + 1 == n aria-label=format!("{} {}", t::UNIT_DOWN, i + 1)
                                on:click=move |_| ctx.edit(vec![Op::MoveUnit { from: i, to: i + 1 }])>"↓"</button>
                            <button class="danger" aria-label=format!("{} {}", t::UNIT_REMOVE, i + 1)
                                on:click=move |_| ctx.edit(vec![Op::RemoveUnit { index: i }])>{t::UNIT_REMOVE}</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let add = move |_| {
        let (index, unit) = ctx.sheet.with_untracked(|s| {
            let n = s.units.len();
            (
                n,
                Unit::new(s.next_unit_id(), format!("{} {}", t::NEW_UNIT, n + 1)),
            )
        });
        ctx.edit(vec![Op::InsertUnit { index, unit }]);
    };
    view! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="units-title">
                <h2 id="units-title">{t::UNITS_TITLE}</h2>
                <p class="muted">{t::UNITS_HINT}</p>
                <ol class="unit-list">{list}</ol>
                <div class="actions">
                    <button on:click=add>{t::UNIT_ADD}</button>
                    <button class="primary" on:click=move |_| close()>{t::CLOSE}</button>
                </div>
            </div>
        </div>
    }
}
