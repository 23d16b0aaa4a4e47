//! The grid's footer, sticky under the rows: each unit's total, rank and
//! class per stage. Only complete stages are ranked and classed (#17); the
//! total of a stage scored in part shows its number with a small "chưa đủ
//! 12/14" under it, the whole explanation in its tooltip and, once
//! clicked, in the where-am-I line.

use super::state::Grid;
use crate::grid::geometry::{W_MAX, W_NOTE, W_STT, W_WEIGHT};
use crate::grid::Col;
use crate::model::{classes::class_of, Results, Scoresheet, Stage};
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
    let lines = move || {
        let (_, _, c0, c1) = g.window.get();
        let width = g.total_width();
        let tw = g.tw.get();
        ctx.results.with(|res| {
            ctx.sheet.with(|s| {
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
                                    foot_cell(s, res, l, label, unit, stage)
                                }
                                Some(Col::Note { .. }) => view! { <div class="g-c g-note" style=format!("width:{W_NOTE}px")></div> }.into_any(),
                                _ => ().into_any(),
                            })
                            .collect_view();
                        let spacer = g.spacer_for(c0);
                        let max = if l == Line::Total {
                            t::max_text(res.tree.shown_total_max())
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

fn foot_cell(
    s: &Scoresheet,
    res: &Results,
    l: Line,
    label: &str,
    unit: usize,
    stage: Stage,
) -> AnyView {
    let (Some(u), Some(ur)) = (s.units.get(unit), res.units.get(unit)) else {
        return ().into_any();
    };
    let name = format!("{} · {} · {}", u.name, label, t::stage_name(stage));
    let r = ur.stage(stage);
    let (fu, fs) = (unit, stage.index());
    match l {
        Line::Total => {
            let p = t::footer_total_parts(r);
            let marked = !p.mark.is_empty();
            let class = if marked {
                "g-c g-score part"
            } else {
                "g-c g-score"
            };
            // The text reads "24 · chưa đủ 12/14" (the separator hidden),
            // drawn as the number over a small mark.
            view! {
                <div role="gridcell" class=class aria-label=name aria-readonly="true" data-fu=fu data-fs=fs
                    title=p.full.clone() aria-description=p.full>
                    <span class="n">{p.number}</span>
                    {marked.then(|| view! { <span class="sep">" · "</span><small class="mark">{p.mark}</small> })}
                </div>
            }
            .into_any()
        }
        Line::Rank | Line::Class => {
            let text = if l == Line::Rank {
                ur.rank[stage.index()].map(t::rank_word).unwrap_or_default()
            } else if r.complete() {
                class_of(s, &res.tree, r).unwrap_or("").to_string()
            } else {
                String::new()
            };
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
