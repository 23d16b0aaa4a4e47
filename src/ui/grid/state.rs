//! The grid's state as signals: what is selected and typed, what shows
//! (rows, columns, their pixels, the window on screen). Shared by the
//! grid's components; `Copy`, so each takes it by value.

use super::measure::TextMeasurer;
use crate::grid::geometry::{self as geo, W_NOTE, W_SCORE};
use crate::grid::{Col, Keys, Layout, Mode, Refusal, Sel, FIXED_COLS};
use crate::model::{NodeId, Stage, UnitId};
use crate::ui::workspace::Workspace;
use crate::ui::Ctx;
use leptos::prelude::*;
use std::collections::HashSet;

const OVERSCAN_ROWS: usize = 6;
const OVERSCAN_COLS: usize = 2;

#[derive(Clone, Copy)]
pub(super) struct Grid {
    pub ctx: Ctx,
    pub ws: Workspace,
    /// The stages shown (Tự chấm, Khối chấm, Thẩm định).
    pub shown: Memo<[bool; 3]>,
    /// The single-unit view, when chosen.
    pub only_unit: RwSignal<Option<UnitId>>,
    pub collapsed: RwSignal<HashSet<NodeId>>,
    pub sel: RwSignal<Sel>,
    pub mode: RwSignal<Mode>,
    pub keys: StoredValue<Keys>,
    /// An IME composition is under way: keys belong to it.
    pub composing: StoredValue<bool>,
    pub dragging: StoredValue<bool>,
    /// (top, left) of the viewport's scroll.
    pub scroll: RwSignal<(f64, f64)>,
    /// (height, width) of the viewport.
    pub size: RwSignal<(f64, f64)>,
    pub message: RwSignal<String>,
    /// Why the active cell did not take what was typed: shown beside it.
    pub refusal: RwSignal<Option<Refusal>>,
    /// The text in the editor while a cell is edited (for the where line).
    pub draft: RwSignal<String>,
    /// A footer cell clicked (unit position, stage): the where line
    /// explains its total until the selection moves.
    pub foot: RwSignal<Option<(usize, Stage)>>,
    pub show_help: RwSignal<bool>,
    pub show_units: RwSignal<bool>,
    pub editor: NodeRef<leptos::html::Input>,
    pub viewport: NodeRef<leptos::html::Div>,
    /// Node positions shown, skipping what collapsed sections hide.
    pub rows: Memo<Vec<usize>>,
    pub cols: Memo<Vec<Col>>,
    pub layout: Memo<Layout>,
    /// The text column's width as dragged.
    pub chosen_w: RwSignal<f64>,
    /// The text column's width as drawn.
    pub tw: Memo<f64>,
    pub cg: Memo<geo::Cols>,
    pub geom: Memo<geo::Rows>,
    /// (first row, end row, first score column, end column) on screen.
    pub window: Memo<(usize, usize, usize, usize)>,
}

impl Grid {
    pub fn new() -> Grid {
        let ctx = Ctx::use_ctx();
        let ws = Workspace::use_ws();
        let shown = Memo::new(move |_| ws.view.with(|v| v.stages));
        let only_unit: RwSignal<Option<UnitId>> = RwSignal::new(None);
        let collapsed: RwSignal<HashSet<NodeId>> = RwSignal::new(HashSet::new());
        let size = RwSignal::new((600.0f64, 1200.0f64));
        let rows = Memo::new(move |_| {
            let closed = collapsed.get();
            // Criteria and units change only with the structure, not with scores.
            ctx.with_structure(|s| Layout::rows_of(s, &closed))
        });
        let cols = Memo::new(move |_| {
            let shown = shown.get();
            let only = only_unit.get();
            ctx.with_structure(|s| Layout::cols_of(s, shown, only))
        });
        let layout = Memo::new(move |_| Layout {
            rows: rows.get(),
            cols: cols.get(),
        });
        // The text column's width: as dragged (remembered per scoresheet in
        // the view), narrowed on a small screen, widened when one unit is
        // shown.
        let chosen_w = RwSignal::new(
            ws.view
                .with_untracked(|v| v.text_width(&ws.open_id.get_untracked()))
                .unwrap_or(geo::W_TEXT),
        );
        let tw = Memo::new(move |_| {
            let after: f64 = cols.with(|c| {
                c.iter()
                    .skip(FIXED_COLS)
                    .map(|c| {
                        if matches!(c, Col::Note { .. }) {
                            W_NOTE
                        } else {
                            W_SCORE
                        }
                    })
                    .sum()
            });
            geo::text_width(
                chosen_w.get(),
                size.get().1,
                after,
                only_unit.get().is_some(),
            )
        });
        // Column positions: score columns, and note columns in the one-unit view.
        let cg = Memo::new(move |_| {
            let w = tw.get();
            cols.with(|cols| {
                geo::Cols::new(
                    w,
                    cols.iter()
                        .skip(FIXED_COLS)
                        .map(|c| matches!(c, Col::Note { .. })),
                )
            })
        });
        // Each row as tall as its text needs, up to three lines: the text's
        // width measured in the grid's font (a canvas), bold for sections.
        let measure = StoredValue::new_local(TextMeasurer::new());
        let geom = Memo::new(move |_| {
            let w = tw.get();
            rows.with(|rows| {
                ctx.with_structure(|s| {
                    ctx.results.with_untracked(|res| {
                        measure.with_value(|m| {
                            geo::Rows::new(rows.iter().map(|&pos| {
                                let n = &s.nodes[pos];
                                let indent = 6.0 + res.tree.depth(pos) as f64 * 14.0;
                                let bold = res.tree.is_section(pos);
                                match m {
                                    Some(m) => geo::lines_for(m.width(&n.text, bold), indent, w),
                                    None => geo::lines(n.text.chars().count(), indent, w),
                                }
                            }))
                        })
                    })
                })
            })
        });
        let scroll = RwSignal::new((0.0f64, 0.0f64));
        let window = Memo::new(move |_| {
            let (top, left) = scroll.get();
            let (h, w) = size.get();
            let nr = rows.with(|r| r.len());
            let nc = cols.with(|c| c.len());
            let (r0, r1) = geom.with(|g| (g.at(top), g.at(top + h) + 1));
            let r0 = r0.saturating_sub(OVERSCAN_ROWS).min(nr);
            let r1 = (r1 + OVERSCAN_ROWS).min(nr);
            let (first, last) = cg.with(|g| {
                let fz = g.frozen();
                (g.at(left + fz), g.at(left + w.max(fz + W_SCORE)) + 1)
            });
            let c0 = first.saturating_sub(OVERSCAN_COLS).max(FIXED_COLS).min(nc);
            let c1 = (last + OVERSCAN_COLS).min(nc);
            (r0, r1, c0, c1)
        });
        let g = Grid {
            ctx,
            ws,
            shown,
            only_unit,
            collapsed,
            sel: RwSignal::new(Sel::one(0, FIXED_COLS)),
            mode: RwSignal::new(Mode::Ready),
            keys: StoredValue::new(Keys::default()),
            composing: StoredValue::new(false),
            dragging: StoredValue::new(false),
            scroll,
            size,
            message: RwSignal::new(String::new()),
            refusal: RwSignal::new(None),
            draft: RwSignal::new(String::new()),
            foot: RwSignal::new(None),
            show_help: RwSignal::new(false),
            show_units: RwSignal::new(false),
            editor: NodeRef::new(),
            viewport: NodeRef::new(),
            rows,
            cols,
            layout,
            chosen_w,
            tw,
            cg,
            geom,
            window,
        };
        g.keep_selection_inside();
        g.follow_open_sheet();
        g
    }

    /// Keeps the selection inside the grid when rows or columns go away.
    fn keep_selection_inside(self) {
        Effect::new(move |_| {
            let nr = self.rows.with(|r| r.len());
            let nc = self.cols.with(|c| c.len());
            let s = self.sel.get_untracked();
            let fixed = s.clamped(nr, nc);
            if fixed != s {
                self.sel.set(fixed);
            }
        });
    }

    /// Another scoresheet opened: its own remembered text width.
    fn follow_open_sheet(self) {
        Effect::new(move |prev: Option<()>| {
            let id = self.ws.open_id.get();
            if prev.is_some() {
                self.chosen_w.set(
                    self.ws
                        .view
                        .with_untracked(|v| v.text_width(&id))
                        .unwrap_or(geo::W_TEXT),
                );
            }
        });
    }

    /// Left edge, width and whether frozen, of column `c`.
    pub fn col_geom(self, c: usize) -> (f64, f64, bool) {
        self.cg.with_untracked(|g| g.col(c))
    }

    /// Width of the gap left of the first drawn score column `c0`.
    pub fn spacer_for(self, c0: usize) -> f64 {
        if c0 <= FIXED_COLS {
            0.0
        } else {
            self.cg.with_untracked(|g| g.col(c0).0 - g.frozen())
        }
    }

    /// Left edge on screen (frozen columns follow the scroll) and width of
    /// column `c`, tracked.
    pub fn cell_box(self, c: usize) -> (f64, f64) {
        let (x, w, frozen) = self.cg.with(|g| g.col(c));
        (if frozen { self.scroll.get().1 + x } else { x }, w)
    }

    pub fn total_width(self) -> f64 {
        self.cg.with(|g| g.total())
    }
}
