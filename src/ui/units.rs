//! Units: add, rename, reorder, remove — every change undoable.

use super::Ctx;
use crate::model::{Op, Unit};
use crate::strings as t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses row `i`'s name field with its text selected (typing replaces
/// the placeholder name), once the list has been drawn: in a microtask,
/// after the list's render effects (queued first, by the edit) and before
/// the next key event is handled. A frame later (it was
/// `request_animation_frame`) was too late for a quick typist: keys typed
/// meanwhile went to the button, or were added to the previous unit's
/// name after Enter ("UBND huyện Hương Sơn" became "D huyện Hương Sơn").
/// The name is selected again at the next frame while the field still
/// holds the unit's name as saved (nothing typed): the value is set once
/// more after the microtask, which left the caret after it ("Đơn vị mới
/// 1UBND huyện Cẩm Xuyên", secretary run).
fn focus_name(ctx: Ctx, i: usize) {
    let input = move || {
        let sel = format!("input[aria-label='{} {}']", t::UNIT_NAME, i + 1);
        document()
            .query_selector(&sel)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    let untouched = move |el: &web_sys::HtmlInputElement| {
        let saved = ctx
            .sheet
            .with_untracked(|s| s.units.get(i).map(|u| u.name.clone()));
        saved.is_some_and(|n| n == el.value())
    };
    queue_microtask(move || {
        if let Some(el) = input() {
            let _ = el.focus();
            el.select();
        }
        request_animation_frame(move || {
            let Some(el) = input() else {
                return;
            };
            let focused = document().active_element().is_some_and(|a| a == **el);
            if !focused || untouched(&el) {
                let _ = el.focus();
                el.select();
            }
        });
    });
}

/// Ops adding units named `names` at `index` onwards.
fn insert_ops(s: &crate::model::Scoresheet, index: usize, names: &[&str]) -> Vec<Op> {
    let first = s.next_unit_id();
    names
        .iter()
        .enumerate()
        .map(|(k, name)| Op::InsertUnit {
            index: index + k,
            unit: Unit::new(first + k as u32, name.to_string()),
        })
        .collect()
}

#[component]
pub fn UnitsDialog(close: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    // Adds "Đơn vị mới N" at the end; returns its position.
    let add_one = move || -> usize {
        let ops = ctx.sheet.with_untracked(|s| {
            let n = s.units.len();
            insert_ops(s, n, &[&format!("{} {}", t::NEW_UNIT, n + 1)])
        });
        let n = ctx.sheet.with_untracked(|s| s.units.len());
        ctx.edit(ops);
        n
    };
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
                                on:change={
                                    let short = current_short.clone();
                                    move |ev| rename(event_target_value(&ev), short.clone())
                                }
                                on:keydown={
                                    let short = current_short.clone();
                                    move |ev: leptos::ev::KeyboardEvent| {
                                        if ev.key() != "Enter" {
                                            return;
                                        }
                                        ev.prevent_default();
                                        rename(event_target_value(&ev), short.clone());
                                        // Enter goes on to the next unit, adding one after the last.
                                        if i + 1 == n {
                                            add_one();
                                        }
                                        focus_name(ctx, i + 1);
                                    }
                                }
                                on:paste=move |ev: leptos::ev::ClipboardEvent| {
                                    let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else {
                                        return;
                                    };
                                    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                                    if lines.len() < 2 {
                                        return;
                                    }
                                    // Several lines (a column copied from Excel): this row
                                    // takes the first, new rows the rest, one undo step.
                                    ev.prevent_default();
                                    let mut ops = vec![Op::RenameUnit { unit: id, name: lines[0].to_string(), short: None }];
                                    ctx.sheet.with_untracked(|s| ops.extend(insert_ops(s, i + 1, &lines[1..])));
                                    ctx.edit(ops);
                                    focus_name(ctx, i + lines.len() - 1);
                                }
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
        let n = add_one();
        focus_name(ctx, n);
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
