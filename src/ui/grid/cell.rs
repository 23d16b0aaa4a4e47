//! A unit's cells in a row: its score (as typed, marked when invalid,
//! unexplained or noted), a section's sum, or its note. A score or note
//! tracks its own cell's trigger, a sum its column's: a score edit wakes
//! that cell and the sums above it, not every visible cell.

use super::row::Frame;
use super::state::Grid;
use crate::grid::geometry::W_NOTE;
use crate::model::{compare::needs_reason, input, Stage};
use crate::strings as t;
use leptos::prelude::*;

/// The note column's cell (the single-unit view).
pub(super) fn note_cell(
    g: Grid,
    f: &Frame,
    (r, c): (usize, usize),
    pos: usize,
    unit: usize,
    stage: Stage,
) -> AnyView {
    let ctx = g.ctx;
    let n = &f.sheet.nodes[pos];
    let Some(u) = f.sheet.units.get(unit) else {
        return ().into_any();
    };
    let label = format!(
        "{} · {} · {} {}",
        u.name,
        n.code,
        t::COL_NOTE,
        t::stage_name(stage)
    );
    let style = format!("width:{W_NOTE}px");
    if !f.tree.is_scoreable(pos) {
        return view! { <div role="gridcell" class="g-c g-note" data-r=r data-c=c aria-label=label aria-readonly="true" style=style></div> }.into_any();
    }
    let nid = n.id;
    let trigger = ctx.one_cell_trigger(u.id, nid, stage);
    let note = Memo::new(move |_| {
        trigger.track();
        ctx.sheet.with_untracked(|s| {
            s.units
                .get(unit)
                .and_then(|u| u.mark(nid, stage))
                .map(|m| m.note.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <div role="gridcell" class="g-c g-note" data-r=r data-c=c aria-label=label title=note style=style>{note}</div>
    }
    .into_any()
}

/// The score column's cell: a criterion's score, a section's sum, or an
/// empty cell on a guidance line.
pub(super) fn score_cell(
    g: Grid,
    f: &Frame,
    (r, c): (usize, usize),
    pos: usize,
    unit: usize,
    stage: Stage,
) -> AnyView {
    let ctx = g.ctx;
    let n = &f.sheet.nodes[pos];
    let Some(u) = f.sheet.units.get(unit) else {
        return ().into_any();
    };
    let label = format!("{} · {} · {}", u.name, n.code, t::stage_name(stage));
    if n.guidance {
        return view! { <div role="gridcell" class="g-c g-score" data-r=r data-c=c aria-label=label aria-readonly="true"></div> }.into_any();
    }
    if !f.tree.is_scoreable(pos) {
        let trigger = ctx.cell_trigger(u.id, stage);
        let v = Memo::new(move |_| {
            trigger.track();
            ctx.results.with_untracked(|res| {
                let Some(ur) = res.units.get(unit) else {
                    return String::new();
                };
                let sr = ur.stage(stage);
                // A section nobody scored in this stage shows blank, not 0.
                let scored = ctx.sheet.with_untracked(|s| {
                    s.units.get(unit).is_some_and(|u| {
                        res.tree
                            .any_scoreable_below(pos, &|q| !u.raw(s.nodes[q].id, stage).is_empty())
                    })
                });
                if sr.filled() && scored {
                    sr.points.get(pos).map(|p| p.to_vi()).unwrap_or_default()
                } else {
                    String::new()
                }
            })
        });
        return view! { <div role="gridcell" class="g-c g-score sum" data-r=r data-c=c aria-label=label aria-readonly="true">{v}</div> }.into_any();
    }
    let (nid, max) = (n.id, n.max);
    let trigger = ctx.one_cell_trigger(u.id, nid, stage);
    // (text as typed, reason it is not counted, note)
    let state = Memo::new(move |_| {
        trigger.track();
        ctx.sheet.with_untracked(|s| {
            let Some(u) = s.units.get(unit) else {
                return (String::new(), None, String::new());
            };
            let raw = u.raw(nid, stage).to_string();
            let note = u
                .mark(nid, stage)
                .map(|m| m.note.clone())
                .unwrap_or_default();
            let why = input::score_error(&raw, max).map(|e| t::cell_error(&e));
            (raw, why, note)
        })
    });
    // Khối chấm or thẩm định differing from tự chấm without a reason (#18).
    let unexplained = (stage != Stage::SelfScore).then(|| {
        let own = ctx.one_cell_trigger(u.id, nid, Stage::SelfScore);
        Memo::new(move |_| {
            state.track();
            own.track();
            ctx.sheet.with_untracked(|s| {
                s.units
                    .get(unit)
                    .is_some_and(|u| needs_reason(u, nid, stage))
            })
        })
    });
    let class = move || {
        state.with(|(_, why, note)| {
            if why.is_some() {
                "g-c g-score invalid"
            } else if unexplained.is_some_and(|m| m.get()) {
                "g-c g-score no-reason"
            } else if note.is_empty() {
                "g-c g-score"
            } else {
                "g-c g-score has-note"
            }
        })
    };
    let title = move || state.with(|(_, why, note)| why.clone().unwrap_or_else(|| note.clone()));
    let invalid = move || state.with(|(_, why, _)| why.is_some().then_some("true"));
    let description = move || state.with(|(_, why, _)| why.clone());
    let raw = move || state.with(|(raw, _, _)| raw.clone());
    view! {
        <div role="gridcell" class=class data-r=r data-c=c aria-label=label aria-invalid=invalid title=title aria-description=description>{raw}</div>
    }
    .into_any()
}
