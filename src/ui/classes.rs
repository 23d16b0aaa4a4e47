//! "Xếp loại…": the classification bands of the open scoresheet, each with
//! its bounds and optional conditions. Saved as one undoable step, only
//! when the whole set is valid (`model::classes`, rule 4); a refused set
//! changes nothing.

use super::Ctx;
use crate::model::classes::{from_inputs, sorted, BandInput};
use crate::model::Op;
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub fn ClassesDialog(close: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    // The rows as typed, highest band first; `shape` redraws the list
    // when rows are added or removed (not on every key, which would take
    // the focus away).
    let start: Vec<BandInput> = ctx.sheet.with_untracked(|s| {
        sorted(&s.classes)
            .into_iter()
            .map(|i| BandInput::of(&s.classes[i]))
            .collect()
    });
    let rows = StoredValue::new(start);
    let shape = RwSignal::new(0u32);
    let error = RwSignal::new(String::new());
    let edit = move |i: usize, f: &dyn Fn(&mut BandInput)| {
        rows.update_value(|rs| {
            if let Some(r) = rs.get_mut(i) {
                f(r);
            }
        });
        error.set(String::new());
    };
    let text_input =
        move |i: usize, label: &'static str, value: String, set: fn(&mut BandInput, String)| {
            view! {
                <input
                    aria-label=format!("{label} {}", i + 1)
                    prop:value=value
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        edit(i, &|r| set(r, v.clone()));
                    }
                />
            }
        };
    let tick = move |i: usize, label: &'static str, value: bool, set: fn(&mut BandInput, bool)| {
        view! {
            <input
                type="checkbox"
                aria-label=format!("{label} {}", i + 1)
                prop:checked=value
                on:change=move |ev| {
                    let v = event_target_checked(&ev);
                    edit(i, &|r| set(r, v));
                }
            />
        }
    };
    let list = move || {
        shape.track();
        rows.with_value(|rs| {
            rs.iter()
                .cloned()
                .enumerate()
                .map(|(i, r)| {
                    view! {
                        <tr>
                            <td>{text_input(i, t::CLASS_NAME, r.name, |b, v| b.name = v)}</td>
                            <td class="c-num">{text_input(i, t::CLASS_MIN, r.min, |b, v| b.min = v)}</td>
                            <td>{tick(i, t::CLASS_MIN_IN, r.min_in, |b, v| b.min_in = v)}</td>
                            <td class="c-num">{text_input(i, t::CLASS_MAX, r.max, |b, v| b.max = v)}</td>
                            <td>{tick(i, t::CLASS_MAX_IN, r.max_in, |b, v| b.max_in = v)}</td>
                            <td class="c-num">{text_input(i, t::CLASS_MAX_DEDUCTION, r.max_deduction, |b, v| b.max_deduction = v)}</td>
                            <td class="c-num">{text_input(i, t::CLASS_MIN_SECTION, r.min_section_pct, |b, v| b.min_section_pct = v)}</td>
                            <td>
                                <button class="danger" aria-label=format!("{} {}", t::CLASS_REMOVE, i + 1)
                                    on:click=move |_| {
                                        rows.update_value(|rs| {
                                            if i < rs.len() {
                                                rs.remove(i);
                                            }
                                        });
                                        error.set(String::new());
                                        shape.update(|n| *n += 1);
                                    }>{t::CLASS_REMOVE}</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let add = move |_| {
        rows.update_value(|rs| {
            rs.push(BandInput {
                min_in: true,
                ..BandInput::default()
            })
        });
        shape.update(|n| *n += 1);
    };
    let save = move |_| {
        let inputs = rows.get_value();
        match from_inputs(&inputs) {
            Ok(classes) => {
                if ctx.sheet.with_untracked(|s| s.classes != classes) {
                    ctx.edit(vec![Op::SetClasses(classes)]);
                }
                close();
            }
            Err(e) => error.set(t::band_input_error(&inputs, &e)),
        }
    };
    view! {
        <div class="modal-backdrop">
            <div class="modal wide" role="dialog" aria-modal="true" aria-labelledby="classes-title">
                <h2 id="classes-title">{t::CLASSES_TITLE}</h2>
                <p class="muted">{t::CLASSES_HINT}</p>
                <table class="bands">
                    <thead>
                        <tr>
                            <th scope="col">{t::CLASS_NAME}</th>
                            <th scope="col">{t::CLASS_MIN}</th>
                            <th scope="col">{t::CLASS_MIN_IN}</th>
                            <th scope="col">{t::CLASS_MAX}</th>
                            <th scope="col">{t::CLASS_MAX_IN}</th>
                            <th scope="col">{t::CLASS_MAX_DEDUCTION}</th>
                            <th scope="col">{t::CLASS_MIN_SECTION}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{list}</tbody>
                </table>
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button on:click=add>{t::CLASS_ADD}</button>
                    <button on:click=move |_| close()>{t::CLASS_CANCEL}</button>
                    <button class="primary" on:click=save>{t::CLASS_SAVE}</button>
                </div>
            </div>
        </div>
    }
}
