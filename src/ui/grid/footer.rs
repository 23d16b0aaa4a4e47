//! The grid's footer, sticky under the rows: each unit's total, rank and
//! class per stage. Only complete stages are ranked and classed (#17); the
//! total of a stage scored in part shows its number with a small "chưa đủ
//! 12/14" under it, the whole explanation in its tooltip and, once
//! clicked, in the where-am-I line.

use super::state::Grid;
use crate::grid::geometry::{W_MAX, W_NOTE, W_STT, W_WEIGHT};
use crate::grid::Col;
use crate::model::{classes::class_of, Scoresheet, Stage};
use crate::strings as t;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Line {
    Total,
    Rank,
    Class,
}

#[component]
pub(super) fn Footer(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    // The lines' cells are laid out again when the window, the columns or
    // the structure change; a score edit only re-runs the memos of the
    // cells' texts (rebuilding the whole footer per edit cost ~0.7 ms of
    // the edit → repaint time at 60 × 400, 1400 × 900).
    let lines = move || {
        let (_, _, c0, c1) = g.window.get();
        let width = g.total_width();
        let tw = g.tw.get();
        ctx.with_structure(|s| {
            g.cols.with(|cols| {
                let line = |l: Line| {
                    let label = match l {
                        Line::Total => t::ROW_TOTAL,
                        Line::Rank => t::ROW_RANK,
                        Line::Class => t::ROW_CLASS,
                    };
                    let cells = (c0..c1)
                        .map(|c| match cols.get(c) {
                            Some(&Col::Score { unit, stage, .. }) => {
                                foot_cell(g, s, l, label, unit, stage)
                            }
                            Some(Col::Note { .. }) => view! { <div class="g-c g-note" style=format!("width:{W_NOTE}px")></div> }.into_any(),
                            _ => ().into_any(),
                        })
                        .collect_view();
                    let spacer = g.spacer_for(c0);
                    let max = if l == Line::Total {
                        ctx.results
                            .with_untracked(|res| t::max_text(res.tree.shown_total_max()))
                    } else {
                        String::new()
                    };
                    let class = match l {
                        Line::Total => "g-foot total",
                        Line::Rank => "g-foot rank",
                        Line::Class => "g-foot",
                    };
                    view! {
                        <div role="row" class=class style=format!("width:{width}px")>
                            <div class="g-c fz g-stt" style=format!("left:0;width:{W_STT}px")></div>
                            <div role="rowheader" class="g-c fz g-text" style=format!("left:{W_STT}px;width:{tw}px")>{label}</div>
                            <div class="g-c fz g-num" style=format!("left:{}px;width:{W_MAX}px", W_STT + tw)>{max}</div>
                            <div class="g-c fz g-num fz-last" style=format!("left:{}px;width:{W_WEIGHT}px", W_STT + tw + W_MAX)></div>
                            <div class="g-spacer" style=format!("width:{spacer}px")></div>
                            {cells}
                        </div>
                    }
                };
                view! {
                    {line(Line::Total)}
                    {line(Line::Rank)}
                    {(!s.classes.is_empty()).then(|| line(Line::Class))}
                }
            })
        })
    };
    // A footer cell clicked: the where line explains that unit's total.
    let on_mousedown = move |ev: ev::MouseEvent| {
        let Some(at) = foot_at(&ev) else {
            return;
        };
        ev.prevent_default();
        if g.commit() {
            g.foot.set(Some(at));
        }
        g.focus_editor();
    };
    view! {
        <div class="g-footer" on:mousedown=on_mousedown>{lines}</div>
    }
}

/// A unit's cell in a footer line. A total and a class change only with
/// the unit's column (its trigger); a rank with any unit's total in the
/// stage (the results).
fn foot_cell(g: Grid, s: &Scoresheet, l: Line, label: &str, unit: usize, stage: Stage) -> AnyView {
    let ctx = g.ctx;
    let Some(u) = s.units.get(unit) else {
        return ().into_any();
    };
    let name = format!("{} · {} · {}", u.name, label, t::stage_name(stage));
    let (fu, fs) = (unit, stage.index());
    let column = ctx.cell_trigger(u.id, stage);
    match l {
        Line::Total => {
            let p = Memo::new(move |_| {
                column.track();
                ctx.results.with_untracked(|res| {
                    res.units
                        .get(unit)
                        .map(|ur| t::footer_total_parts(ur.stage(stage)))
                        .unwrap_or_default()
                })
            });
            let class = move || {
                if p.with(|p| p.mark.is_empty()) {
                    "g-c g-score"
                } else {
                    "g-c g-score part"
                }
            };
            let full = move || p.with(|p| p.full.clone());
            // The text reads "24 · chưa đủ 12/14" (the separator hidden),
            // drawn as the number over a small mark.
            view! {
                <div role="gridcell" class=class aria-label=name aria-readonly="true" data-fu=fu data-fs=fs
                    title=full aria-description=full>
                    <span class="n">{move || p.with(|p| p.number.clone())}</span>
                    {move || p.with(|p| (!p.mark.is_empty()).then(|| {
                        let mark = p.mark.clone();
                        view! { <span class="sep">" · "</span><small class="mark">{mark}</small> }
                    }))}
                </div>
            }
            .into_any()
        }
        Line::Rank | Line::Class => {
            let text = Memo::new(move |_| {
                if l == Line::Rank {
                    ctx.results.with(|res| {
                        res.units
                            .get(unit)
                            .and_then(|ur| ur.rank[stage.index()])
                            .map(t::rank_word)
                            .unwrap_or_default()
                    })
                } else {
                    column.track();
                    ctx.results.with_untracked(|res| {
                        ctx.sheet.with_untracked(|s| {
                            res.units
                                .get(unit)
                                .map(|ur| ur.stage(stage))
                                .filter(|r| r.complete())
                                .and_then(|r| class_of(s, &res.tree, r))
                                .unwrap_or("")
                                .to_string()
                        })
                    })
                }
            });
            view! {
                <div role="gridcell" class="g-c g-score" aria-label=name aria-readonly="true" data-fu=fu data-fs=fs>{text}</div>
            }
            .into_any()
        }
    }
}

/// The unit position and stage of the footer cell under the mouse.
fn foot_at(ev: &ev::MouseEvent) -> Option<(usize, Stage)> {
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let cell = el.closest("[data-fu]").ok().flatten()?;
    let u = cell.get_attribute("data-fu")?.parse().ok()?;
    let s: usize = cell.get_attribute("data-fs")?.parse().ok()?;
    Some((u, *Stage::ALL.get(s)?))
}
