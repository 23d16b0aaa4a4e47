//! One criterion row: its number (with a section's fold toggle), text,
//! maximum and weight, frozen on the left, then the score cells in the
//! window.

use super::cell::{note_cell, score_cell};
use super::state::Grid;
use crate::grid::geometry::{self as geo, ROW_H, W_MAX, W_STT, W_WEIGHT};
use crate::grid::Col;
use crate::model::{Dec, NodeId, Scoresheet, Tree};
use crate::strings as t;
use leptos::prelude::*;
use std::collections::HashSet;

/// What every row of one rendering shares.
pub(super) struct Frame<'a> {
    pub sheet: &'a Scoresheet,
    pub tree: &'a Tree,
    pub cols: &'a [Col],
    pub closed: &'a HashSet<NodeId>,
    pub geom: &'a geo::Rows,
    /// Score columns drawn: c0..c1.
    pub c0: usize,
    pub c1: usize,
    /// The text column's width and the whole row's.
    pub tw: f64,
    pub width: f64,
}

/// Row `r` of the grid, showing the node at `pos`.
pub(super) fn row_view(g: Grid, f: &Frame, r: usize, pos: usize) -> impl IntoView {
    let n = &f.sheet.nodes[pos];
    let tree = f.tree;
    let section = tree.is_section(pos);
    let depth = tree.depth(pos);
    let class = if n.guidance {
        "g-row guide".to_string()
    } else if section {
        format!("g-row section d{}", depth.min(3))
    } else {
        format!("g-row crit d{}", depth.min(3))
    };
    let toggle = (section || !tree.children(pos).is_empty()).then(|| {
        let open = !f.closed.contains(&n.id);
        view! {
            <button
                class="tog"
                tabindex="-1"
                data-toggle=n.id.to_string()
                aria-expanded=open.to_string()
                aria-label=if open { t::GRID_COLLAPSE } else { t::GRID_EXPAND }
            >
                {if open { "▾" } else { "▸" }}
            </button>
        }
    });
    let max = if n.guidance {
        String::new()
    } else if section {
        // What a unit can reach (max × hệ số up the tree), with the raw
        // max beside it when a weight differs.
        tree.shown_max(pos).map(t::max_text).unwrap_or_default()
    } else {
        n.max.map(|m| m.to_vi()).unwrap_or_default()
    };
    let weight = if n.guidance || n.weight == Dec::ONE {
        String::new()
    } else {
        n.weight.to_vi()
    };
    let indent = 6.0 + depth as f64 * 14.0;
    let scores = (f.c0..f.c1)
        .map(|c| match f.cols.get(c) {
            Some(&Col::Note { unit, stage, .. }) => note_cell(g, f, (r, c), pos, unit, stage),
            Some(&Col::Score { unit, stage, .. }) => score_cell(g, f, (r, c), pos, unit, stage),
            _ => ().into_any(),
        })
        .collect_view();
    let spacer = g.spacer_for(f.c0);
    let (top, height) = (f.geom.top(r), f.geom.height(r));
    let text_class = if height > ROW_H {
        "g-c fz g-text wrap"
    } else {
        "g-c fz g-text"
    };
    let (tw, width) = (f.tw, f.width);
    view! {
        <div role="row" class=class style=format!("top:{top}px;height:{height}px;width:{width}px") aria-rowindex=r + 2>
            <div role="gridcell" class="g-c fz g-stt" style=format!("left:0;width:{W_STT}px")>{toggle}{n.label.clone()}</div>
            <div role="rowheader" class=text_class data-r=r data-c=0 title=n.text.clone()
                style=format!("left:{W_STT}px;width:{tw}px;padding-left:{indent}px")><span class="clamp">{n.text.clone()}</span></div>
            <div role="gridcell" class="g-c fz g-num" data-r=r data-c=1 aria-label=format!("{} · {}", n.code, t::COL_MAX)
                style=format!("left:{}px;width:{W_MAX}px", W_STT + tw)>{max}</div>
            <div role="gridcell" class="g-c fz g-num fz-last" data-r=r data-c=2 aria-label=format!("{} · {}", n.code, t::COL_WEIGHT)
                style=format!("left:{}px;width:{W_WEIGHT}px", W_STT + tw + W_MAX)>{weight}</div>
            <div class="g-spacer" style=format!("width:{spacer}px")></div>
            {scores}
        </div>
    }
}
