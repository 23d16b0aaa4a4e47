//! The grid's header row: the frozen columns' names (the text column's
//! right edge drags to resize it), then each unit's name over all its
//! stage columns, staying in view while scrolling sideways.

use super::state::Grid;
use crate::grid::geometry::{self as geo, W_MAX, W_NOTE, W_STT, W_WEIGHT};
use crate::grid::{Col, FIXED_COLS};
use crate::strings as t;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub(super) fn Header(g: Grid) -> impl IntoView {
    let ctx = g.ctx;
    move || {
        let (_, _, c0, c1) = g.window.get();
        let width = g.total_width();
        ctx.with_structure(|s| {
            let cols = g.cols.get();
            // Consecutive visible columns of one unit, under one name that
            // spans them and stays in view while scrolling sideways.
            let mut groups: Vec<(usize, Vec<(usize, Col)>)> = Vec::new();
            for (c, col) in cols.iter().enumerate().take(c1).skip(c0) {
                if let Some(unit) = col.unit() {
                    match groups.last_mut() {
                        Some((u, v)) if *u == unit => v.push((c, *col)),
                        _ => groups.push((unit, vec![(c, *col)])),
                    }
                }
            }
            let heads = groups
                .into_iter()
                .filter_map(|(unit, stages)| {
                    let u = s.units.get(unit)?;
                    let first = stages.first().map(|(c, _)| *c).unwrap_or(FIXED_COLS);
                    let starts = first == FIXED_COLS || cols[first - 1].unit() != Some(unit);
                    let w: f64 = stages.iter().map(|(c, _)| g.col_geom(*c).1).sum();
                    let heads = stages
                        .into_iter()
                        .map(|(_, col)| match col {
                            Col::Note { stage, .. } => {
                                let label = format!("{} · {} · {}", u.name, t::COL_NOTE, t::stage_name(stage));
                                view! {
                                    <div role="columnheader" class="g-h g-note" aria-label=label style=format!("width:{W_NOTE}px")>
                                        {format!("{} ({})", t::COL_NOTE, t::stage_name(stage))}
                                    </div>
                                }
                                .into_any()
                            }
                            Col::Score { stage, .. } => {
                                let label = format!("{} · {}", u.name, t::stage_name(stage));
                                view! {
                                    <div role="columnheader" class="g-h g-score" aria-label=label title=u.name.clone()>
                                        {t::stage_name(stage)}
                                    </div>
                                }
                                .into_any()
                            }
                            _ => ().into_any(),
                        })
                        .collect_view();
                    Some(view! {
                        <div role="presentation" class=if starts { "g-unit unit-start" } else { "g-unit" } style=format!("width:{w}px")>
                            <div class="g-unit-name" title=u.name.clone()><span>{u.short_name().into_owned()}</span></div>
                            <div class="g-unit-stages" role="presentation">{heads}</div>
                        </div>
                    })
                })
                .collect_view();
            let spacer = g.spacer_for(c0);
            let tw = g.tw.get();
            let fz = geo::frozen(tw);
            view! {
                <div role="row" class="g-head" style=format!("width:{width}px;--frozen:{fz}px") aria-rowindex="1">
                    <div role="columnheader" class="g-h fz g-stt" style=format!("left:0;width:{W_STT}px")>{t::COL_STT}</div>
                    <div role="columnheader" class="g-h fz g-text" style=format!("left:{W_STT}px;width:{tw}px")>
                        {t::COL_TEXT}
                        <div class="g-resize" role="separator" aria-orientation="vertical" aria-label=t::GRID_RESIZE_TEXT title=t::GRID_RESIZE_TEXT
                            on:mousedown=move |ev| start_resize(g, ev)></div>
                    </div>
                    <div role="columnheader" class="g-h fz g-num" style=format!("left:{}px;width:{W_MAX}px", W_STT + tw)>{t::COL_MAX}</div>
                    <div role="columnheader" class="g-h fz g-num fz-last" style=format!("left:{}px;width:{W_WEIGHT}px", W_STT + tw + W_MAX)>{t::COL_WEIGHT}</div>
                    <div class="g-spacer" style=format!("width:{spacer}px")></div>
                    {heads}
                </div>
            }
        })
    }
}

/// Dragging the text column's right edge: its width follows the mouse
/// and is remembered for this scoresheet.
fn start_resize(g: Grid, ev: ev::MouseEvent) {
    ev.prevent_default();
    ev.stop_propagation();
    let x0 = ev.client_x() as f64;
    let w0 = g.tw.get_untracked();
    let moving = window_event_listener(ev::mousemove, move |e: ev::MouseEvent| {
        g.chosen_w
            .set((w0 + e.client_x() as f64 - x0).clamp(geo::W_TEXT_MIN, geo::W_TEXT_MAX));
    });
    let moving = StoredValue::new(Some(moving));
    let up = StoredValue::new(None::<WindowListenerHandle>);
    let done = window_event_listener(ev::mouseup, move |_| {
        if let Some(m) = moving.try_update_value(|m| m.take()).flatten() {
            m.remove();
        }
        if let Some(u) = up.try_update_value(|u| u.take()).flatten() {
            u.remove();
        }
        let id = g.ws.open_id.get_untracked();
        let w = g.chosen_w.get_untracked();
        g.ws.view.update(|v| v.set_text_width(&id, w));
    });
    up.set_value(Some(done));
}
