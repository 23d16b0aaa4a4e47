//! Gathering the units' returned workbooks into the open scoresheet: a line
//! per file (where it goes, what it brings, how its template differs) with
//! a choice of unit or skipping it, conflicts to decide one by one, unknown
//! units and criteria; the whole merge, receipts included, is one undoable
//! step. The rules are in [`crate::model::merge`].

use super::Ctx;
use crate::model::merge::{
    plan, plan_with, Assign, Assignments, Incoming, LineDest, MergePlan, PackTemplate,
};
use crate::model::{Op, Scoresheet, UnitId};
use crate::strings as t;
use leptos::prelude::*;

/// What the dialog needs: the files read, the user's choices of units, the
/// plan they give, and the files that could not be read.
pub struct MergeState {
    incoming: Vec<Incoming>,
    assign: Assignments,
    plan: MergePlan,
    errors: Vec<(String, String)>,
}

impl MergeState {
    pub fn new(
        target: &Scoresheet,
        incoming: Vec<Incoming>,
        errors: Vec<(String, String)>,
    ) -> MergeState {
        MergeState {
            plan: plan(target, &incoming),
            incoming,
            assign: Assignments::new(),
            errors,
        }
    }

    /// Plans again with `choice` for unit `key` (file, unit in the file);
    /// returns the conflict choices `replace` carried to the new plan.
    fn reassign(
        &mut self,
        target: &Scoresheet,
        key: (usize, usize),
        choice: Assign,
        replace: &[bool],
    ) -> Vec<bool> {
        self.assign.insert(key, choice);
        let next = plan_with(target, &self.incoming, &self.assign);
        let carried = next.carry(&self.plan, replace);
        self.plan = next;
        carried
    }
}

/// The select's value for a choice.
fn choice_value(a: Assign) -> String {
    match a {
        Assign::Auto => "auto".into(),
        Assign::Skip => "skip".into(),
        Assign::To(id) => id.to_string(),
    }
}

fn choice_of(v: &str) -> Assign {
    match v {
        "skip" => Assign::Skip,
        v => v.parse().map(Assign::To).unwrap_or(Assign::Auto),
    }
}

#[component]
pub fn MergeDialog(
    state: StoredValue<MergeState>,
    close: impl Fn(Option<usize>) + Copy + 'static,
) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    // Bumped when the plan is made again: what every part below follows.
    let rev = RwSignal::new(0u64);
    let n_conflicts = move || {
        rev.track();
        state.with_value(|s| s.plan.conflicts.len())
    };
    let replace = RwSignal::new(vec![false; state.with_value(|s| s.plan.conflicts.len())]);
    let add_units = RwSignal::new(false);
    // The bloc's units, as they are now, for the selects.
    let units: Vec<(UnitId, String)> = ctx
        .sheet
        .with_untracked(|s| s.units.iter().map(|u| (u.id, u.name.clone())).collect());
    let units = StoredValue::new(units);
    let name_of = move |id: UnitId| {
        units.with_value(|u| {
            u.iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        })
    };
    let reassign = move |key: (usize, usize), choice: Assign| {
        let carried = ctx.sheet.with_untracked(|sheet| {
            state.try_update_value(|s| s.reassign(sheet, key, choice, &replace.get_untracked()))
        });
        if let Some(c) = carried {
            replace.set(c);
        }
        rev.update(|n| *n += 1);
    };

    let summary = move || {
        rev.track();
        state.with_value(|s| {
            t::merge_summary(
                s.plan.fills.len(),
                s.plan.notes.len(),
                s.plan.same,
                s.plan.conflicts.len(),
            )
        })
    };

    // A line per file: where each of its units goes, what it brings, a
    // choice of unit; what differs in its template.
    let file_lines = move || {
        rev.track();
        state.with_value(|s| {
            let p = &s.plan;
            let lines = p.files.iter().enumerate().map(|(fi, f)| {
                let several = f.units.len() > 1;
                let units_view = f
                    .units
                    .iter()
                    .map(|l| {
                        let key = (fi, l.index);
                        let in_file = several.then_some(l.name.as_str());
                        let (to, counts) = match &l.dest {
                            LineDest::Unit { unit, stamped: true, .. } => (t::merge_to_stamped(&name_of(*unit)), true),
                            LineDest::Unit { unit, .. } => (name_of(*unit), true),
                            LineDest::Unknown { id } => {
                                let uu = p.unknown_units.iter().find(|u| u.id == *id);
                                match uu.map(|u| u.candidates.as_slice()) {
                                    Some(c) if !c.is_empty() => {
                                        let names: Vec<String> = c.iter().map(|&i| name_of(i)).collect();
                                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                                        // Nothing merges until a unit is chosen: no counts.
                                        (t::merge_to_unclear(&l.name, &names), false)
                                    }
                                    _ => (t::merge_to_new(&l.name), true),
                                }
                            }
                            LineDest::Skipped => (t::MERGE_TO_SKIPPED.to_string(), false),
                        };
                        let counts = counts.then_some((l.new, l.conflicts, l.invalid.len(), l.notes));
                        let refused = (counts.is_some() && !l.invalid.is_empty()).then(|| {
                            view! { <p class="merge-refused warn">{t::merge_refused(&l.invalid)}</p> }
                        });
                        let text = t::merge_line(&f.from, in_file, &to, counts);
                        let current = choice_value(s.assign.get(&key).copied().unwrap_or_default());
                        let options = units.with_value(|u| {
                            u.iter()
                                .map(|(id, name)| {
                                    let v = id.to_string();
                                    let sel = v == current;
                                    view! { <option value=v selected=sel>{name.clone()}</option> }
                                })
                                .collect_view()
                        });
                        // A pack's own way is its stamp, not its name.
                        let auto = if f.pack == PackTemplate::NotAPack { t::MERGE_BY_NAME } else { t::MERGE_BY_STAMP };
                        let class = match l.dest {
                            LineDest::Skipped => "merge-line skipped",
                            LineDest::Unknown { .. } => "merge-line unknown",
                            LineDest::Unit { .. } => "merge-line",
                        };
                        view! {
                            <div class=class>
                                <span class="what">{text}</span>
                                <select
                                    aria-label=t::merge_pick_label(&f.from, in_file)
                                    on:change=move |ev| reassign(key, choice_of(&event_target_value(&ev)))
                                >
                                    <option value="auto" selected=current == "auto">{auto}</option>
                                    {options}
                                    <option value="skip" selected=current == "skip">{t::MERGE_SKIP}</option>
                                </select>
                                {refused}
                            </div>
                        }
                    })
                    .collect_view();
                let mut flags: Vec<String> = Vec::new();
                if f.pack == PackTemplate::Other {
                    flags.push(t::MERGE_PACK_OTHER.to_string());
                }
                if f.foreign() {
                    flags.push(t::merge_foreign(f.matching, f.criteria));
                }
                if !f.extra.is_empty() {
                    flags.push(t::merge_extra(f.extra.len(), &f.extra));
                }
                if !f.missing.is_empty() {
                    flags.push(t::merge_missing(f.missing.len(), &f.missing));
                }
                flags.extend(f.maxima.iter().map(|m| t::merge_max_changed(&m.code, m.target, m.file)));
                // A unit's file holding khối chấm or thẩm định: merged into
                // those columns like tự chấm, so said (a unit's own "khối
                // chấm" column became the bloc's score without a word).
                for l in f.units.iter().filter(|l| l.dest != LineDest::Skipped) {
                    let [_, bloc, verify] = l.filled;
                    if bloc > 0 || verify > 0 {
                        flags.push(t::merge_other_stages(several.then_some(l.name.as_str()), bloc, verify));
                    }
                }
                let empty = f.units.is_empty().then(|| view! { <span class="what muted">{t::merge_nothing(&f.from)}</span> });
                let flags = (!flags.is_empty()).then(|| view! {
                    <ul class="warnings">{flags.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                });
                view! { <li class="merge-file">{empty}{units_view}{flags}</li> }
            });
            let errors = s.errors.iter().map(|(f, e)| {
                view! { <li class="merge-file error"><span class="what">{t::merge_unreadable(f, e)}</span></li> }
            });
            lines.map(|v| v.into_any()).chain(errors.map(|v| v.into_any())).collect_view()
        })
    };

    let conflicts = move || {
        rev.track();
        ctx.sheet.with_untracked(|sheet| {
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
        })
    };
    let unknown_units = move || {
        rev.track();
        state.with_value(|s| {
            // Those two units of the bloc fit are asked on their file's line.
            s.plan
                .unknown_units
                .iter()
                .filter(|u| u.candidates.is_empty())
                .map(|u| view! { <li>{t::merge_unknown_unit(&u.name, &u.from, u.cells)}</li> })
                .collect_view()
        })
    };
    let unknown_criteria = move || {
        rev.track();
        state.with_value(|s| {
            s.plan
                .unknown_criteria
                .iter()
                .map(|c| view! { <li>{t::merge_unknown_criterion(&c.code, &c.text, &c.from, c.cells)}</li> })
                .collect_view()
        })
    };
    let has = move |f: fn(&MergePlan) -> bool| {
        rev.track();
        state.with_value(|s| f(&s.plan))
    };
    let confirm = move |_| {
        let at = js_sys::Date::now().max(0.0) as u64;
        let ops = ctx.sheet.with_untracked(|sheet| {
            state.with_value(|s| {
                s.plan.ops_received(
                    sheet,
                    &replace.get_untracked(),
                    add_units.get_untracked(),
                    at,
                )
            })
        });
        // What the user counts: cells, notes, units; not the receipts.
        let n = ops
            .iter()
            .filter(|o| !matches!(o, Op::SetReceipts { .. }))
            .count();
        ctx.edit(ops);
        close(Some(n));
    };
    view! {
        <div class="modal-backdrop">
            <div class="modal wide" role="dialog" aria-modal="true" aria-labelledby="merge-title">
                <h2 id="merge-title">{t::MERGE_TITLE}</h2>
                <p>{summary}</p>
                <h3>{t::MERGE_FILES}</h3>
                <p class="muted">{t::MERGE_FILES_HINT}</p>
                <ul class="merge-files" aria-label=t::MERGE_FILES>{file_lines}</ul>
                <Show when=move || { n_conflicts() > 0 }>
                    <h3>{t::MERGE_CONFLICTS}</h3>
                    <p class="muted">{t::MERGE_CONFLICTS_HINT}</p>
                    <div class="table-wrap small">
                        <table class="merge" aria-label=t::MERGE_CONFLICTS>
                            <thead>
                                <tr>
                                    <th scope="col">{t::COL_UNIT}</th>
                                    <th scope="col">{t::COL_STT}</th>
                                    <th scope="col">{t::PRINT_COL_STAGE}</th>
                                    <th scope="col">{t::MERGE_CURRENT}</th>
                                    <th scope="col">{t::MERGE_INCOMING}</th>
                                    <th scope="col">{t::MERGE_FILE}</th>
                                    <th scope="col">{t::MERGE_TAKE_INCOMING}</th>
                                </tr>
                            </thead>
                            <tbody>{conflicts}</tbody>
                        </table>
                    </div>
                </Show>
                <Show when=move || has(|p| p.unknown_units.iter().any(|u| u.candidates.is_empty()))>
                    <h3>{t::MERGE_UNKNOWN_UNITS}</h3>
                    <ul class="warnings">{unknown_units}</ul>
                    <label class="chk">
                        <input type="checkbox" prop:checked=move || add_units.get() on:change=move |ev| add_units.set(event_target_checked(&ev)) />
                        {t::MERGE_ADD_UNITS}
                    </label>
                </Show>
                <Show when=move || has(|p| !p.unknown_criteria.is_empty())>
                    <h3>{t::MERGE_UNKNOWN_CRITERIA}</h3>
                    <ul class="warnings">{unknown_criteria}</ul>
                </Show>
                <div class="actions">
                    <button class="primary" on:click=confirm>{t::MERGE_CONFIRM}</button>
                    <button on:click=move |_| close(None)>{t::IMPORT_CANCEL}</button>
                </div>
            </div>
        </div>
    }
}
