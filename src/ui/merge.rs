//! Gathering the units' returned workbooks into the open scoresheet: a
//! preview of what will be filled, conflicts to decide one by one, unknown
//! units and criteria; the whole merge is one undoable step.

use super::Ctx;
use crate::model::merge::{plan, MergePlan};
use crate::model::Scoresheet;
use crate::strings as t;
use leptos::prelude::*;

/// What the dialog needs: the plan and the files that could not be read.
pub struct MergeState {
    pub plan: MergePlan,
    pub errors: Vec<(String, String)>,
}

impl MergeState {
    pub fn new(
        target: &Scoresheet,
        incoming: Vec<(String, Scoresheet)>,
        errors: Vec<(String, String)>,
    ) -> MergeState {
        MergeState {
            plan: plan(target, &incoming),
            errors,
        }
    }
}

#[component]
pub fn MergeDialog(
    state: StoredValue<MergeState>,
    close: impl Fn(Option<usize>) + Copy + 'static,
) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let n_conflicts = state.with_value(|s| s.plan.conflicts.len());
    let replace = RwSignal::new(vec![false; n_conflicts]);
    let add_units = RwSignal::new(false);
    let (fills, notes, same, unknown_units, unknown_criteria) = state.with_value(|s| {
        (
            s.plan.fills.len(),
            s.plan.notes.len(),
            s.plan.same,
            s.plan.unknown_units.len(),
            s.plan.unknown_criteria.len(),
        )
    });
    let errors = state.with_value(|s| {
        s.errors
            .iter()
            .map(|(f, e)| view! { <li><strong>{f.clone()}</strong>": "{e.clone()}</li> })
            .collect_view()
    });
    let conflicts = ctx.sheet.with_untracked(|sheet| {
        state.with_value(|s| {
            s.plan
                .conflicts
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let unit = c.unit_name.clone();
                    let code = sheet.node(c.node).map(|n| n.code.clone()).unwrap_or_default();
                    let label = format!("{} · {} · {}", unit, code, t::stage_name(c.stage));
                    view! {
                        <tr>
                            <td>{unit}</td>
                            <td>{code}</td>
                            <td>{t::stage_name(c.stage)}</td>
                            <td class="c-num" title=c.current_from.clone().unwrap_or_default()>{c.current.clone()}</td>
                            <td class="c-num">{c.incoming.clone()}</td>
                            <td class="muted">{c.from.clone()}</td>
                            <td>
                                <input
                                    type="checkbox"
                                    aria-label=format!("{} {}", t::MERGE_TAKE_INCOMING, label)
                                    prop:checked=move || replace.with(|r| r.get(i).copied().unwrap_or(false))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        replace.update(|r| if let Some(x) = r.get_mut(i) { *x = on });
                                    }
                                />
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    });
    let unknown_unit_list = state.with_value(|s| {
        s.plan
            .unknown_units
            .iter()
            .map(|u| view! { <li>{t::merge_unknown_unit(&u.name, &u.from, u.cells)}</li> })
            .collect_view()
    });
    let unknown_criteria_list = state.with_value(|s| {
        s.plan
            .unknown_criteria
            .iter()
            .map(|c| view! { <li>{t::merge_unknown_criterion(&c.code, &c.text, &c.from, c.cells)}</li> })
            .collect_view()
    });
    let confirm = move |_| {
        let ops = ctx.sheet.with_untracked(|sheet| {
            state.with_value(|s| {
                s.plan
                    .ops(sheet, &replace.get_untracked(), add_units.get_untracked())
            })
        });
        let n = ops.len();
        ctx.edit(ops);
        close(Some(n));
    };
    view! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="merge-title">
                <h2 id="merge-title">{t::MERGE_TITLE}</h2>
                <p>{t::merge_summary(fills, notes, same, n_conflicts)}</p>
                {(!state.with_value(|s| s.errors.is_empty())).then(|| view! {
                    <h3>{t::MERGE_FILE_ERRORS}</h3>
                    <ul class="warnings">{errors}</ul>
                })}
                {(n_conflicts > 0).then(|| view! {
                    <h3>{t::MERGE_CONFLICTS}</h3>
                    <p class="muted">{t::MERGE_CONFLICTS_HINT}</p>
                    <div class="table-wrap small">
                        <table class="merge" aria-label=t::MERGE_CONFLICTS>
                            <thead>
                                <tr>
                                    <th scope="col">{t::COL_UNIT}</th>
                                    <th scope="col">{t::COL_STT}</th>
                                    <th scope="col">{t::STAGE_PICK}</th>
                                    <th scope="col">{t::MERGE_CURRENT}</th>
                                    <th scope="col">{t::MERGE_INCOMING}</th>
                                    <th scope="col">{t::MERGE_FILE}</th>
                                    <th scope="col">{t::MERGE_TAKE_INCOMING}</th>
                                </tr>
                            </thead>
                            <tbody>{conflicts}</tbody>
                        </table>
                    </div>
                })}
                {(unknown_units > 0).then(|| view! {
                    <h3>{t::MERGE_UNKNOWN_UNITS}</h3>
                    <ul class="warnings">{unknown_unit_list}</ul>
                    <label class="chk">
                        <input type="checkbox" prop:checked=move || add_units.get() on:change=move |ev| add_units.set(event_target_checked(&ev)) />
                        {t::MERGE_ADD_UNITS}
                    </label>
                })}
                {(unknown_criteria > 0).then(|| view! {
                    <h3>{t::MERGE_UNKNOWN_CRITERIA}</h3>
                    <ul class="warnings">{unknown_criteria_list}</ul>
                })}
                <div class="actions">
                    <button class="primary" on:click=confirm>{t::MERGE_CONFIRM}</button>
                    <button on:click=move |_| close(None)>{t::IMPORT_CANCEL}</button>
                </div>
            </div>
        </div>
    }
}
