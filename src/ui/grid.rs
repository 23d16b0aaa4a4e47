//! "Phiếu chấm": the editable grid. Rows are the criteria tree, columns are
//! units × stages. Only the visible window is rendered. One editor input,
//! never re-rendered, sits over the active cell: typing goes straight into
//! it (so the first keystroke and IME composition are never lost), and the
//! value reaches the model only on commit.

use super::Ctx;
use crate::grid::{Cells, Col, Dir, Layout, Refusal, Sel, FIXED_COLS};
use crate::model::{evaluate, CellValue, Dec, NodeId, Stage, UnitId};
use crate::strings as t;
use leptos::ev;
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

const ROW_H: f64 = 30.0;
const HEAD_H: f64 = 46.0;
const FOOT_H: f64 = 3.0 * ROW_H;
const W_STT: f64 = 56.0;
const W_TEXT: f64 = 380.0;
const W_MAX: f64 = 90.0;
const W_WEIGHT: f64 = 60.0;
const W_SCORE: f64 = 96.0;
const FROZEN: f64 = W_STT + W_TEXT + W_MAX + W_WEIGHT;
const OVERSCAN_ROWS: usize = 6;
const OVERSCAN_COLS: usize = 2;

/// Left edge (in content coordinates), width, frozen.
fn col_geom(c: usize) -> (f64, f64, bool) {
    match c {
        0 => (W_STT, W_TEXT, true),
        1 => (W_STT + W_TEXT, W_MAX, true),
        2 => (W_STT + W_TEXT + W_MAX, W_WEIGHT, true),
        k => (FROZEN + (k - FIXED_COLS) as f64 * W_SCORE, W_SCORE, false),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// A cell is selected; typing starts an edit that replaces it.
    Ready,
    /// Typing replaced the cell; arrows commit and move.
    Edit,
    /// F2 or double-click: editing the existing text; arrows move the caret.
    F2,
}

/// Runs `f` over the grid's cells as they are now (untracked).
fn with_cells<R>(ctx: Ctx, layout: Memo<Layout>, f: impl FnOnce(&Cells) -> R) -> R {
    layout.with_untracked(|l| {
        ctx.sheet.with_untracked(|s| {
            ctx.results
                .with_untracked(|r| f(&Cells::new(s, &r.tree, l)))
        })
    })
}

#[component]
pub fn GridView() -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let ws = super::workspace::Workspace::use_ws();
    let shown = Memo::new(move |_| ws.view.with(|v| v.stages));
    let only_unit: RwSignal<Option<UnitId>> = RwSignal::new(None);
    let collapsed: RwSignal<HashSet<NodeId>> = RwSignal::new(HashSet::new());
    let sel = RwSignal::new(Sel::one(0, FIXED_COLS));
    let mode = RwSignal::new(Mode::Ready);
    let composing = StoredValue::new(false);
    let dragging = StoredValue::new(false);
    let scroll = RwSignal::new((0.0f64, 0.0f64));
    let size = RwSignal::new((600.0f64, 1200.0f64));
    let message = RwSignal::new(String::new());
    // Why the active cell did not take what was typed: shown beside it.
    let refusal: RwSignal<Option<Refusal>> = RwSignal::new(None);
    // The text in the editor while a cell is edited (for the where bar).
    let draft = RwSignal::new(String::new());
    let leave_next_tab = StoredValue::new(false);
    let show_help = RwSignal::new(false);
    let show_units = RwSignal::new(false);
    let editor = NodeRef::<leptos::html::Input>::new();
    let viewport = NodeRef::<leptos::html::Div>::new();

    // Node positions shown, skipping what collapsed sections hide.
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
    // Keep the selection inside the grid when rows or columns go away.
    Effect::new(move |_| {
        let nr = rows.with(|r| r.len());
        let nc = cols.with(|c| c.len());
        let s = sel.get_untracked();
        let fixed = s.clamped(nr, nc);
        if fixed != s {
            sel.set(fixed);
        }
    });

    let window = Memo::new(move |_| {
        let (top, left) = scroll.get();
        let (h, w) = size.get();
        let nr = rows.with(|r| r.len());
        let nc = cols.with(|c| c.len());
        let r0 = ((top / ROW_H) as usize)
            .saturating_sub(OVERSCAN_ROWS)
            .min(nr);
        let r1 = (((top + h) / ROW_H) as usize + OVERSCAN_ROWS).min(nr);
        let first = (left / W_SCORE) as usize;
        let last = ((left + (w - FROZEN).max(W_SCORE)) / W_SCORE) as usize + 1;
        let c0 = (FIXED_COLS + first.saturating_sub(OVERSCAN_COLS)).min(nc);
        let c1 = (FIXED_COLS + last + OVERSCAN_COLS).min(nc);
        (r0, r1, c0, c1)
    });

    let cells = move |f: &mut dyn FnMut(&Cells)| with_cells(ctx, layout, |c| f(c));
    let takes_value = move |at: (usize, usize)| {
        let mut ok = false;
        cells(&mut |c| ok = c.takes_value(at));
        ok
    };
    let cell_text = move |at: (usize, usize)| {
        let mut text = String::new();
        cells(&mut |c| text = c.text(at));
        text
    };

    let focus_editor = move || {
        if let Some(e) = editor.get_untracked() {
            let _ = e.focus();
        }
    };
    let ensure_visible = move || {
        let Some(vp) = viewport.get_untracked() else {
            return;
        };
        let (r, c) = sel.get_untracked().focus;
        let h = vp.client_height() as f64 - HEAD_H - FOOT_H;
        let w = vp.client_width() as f64;
        let y = r as f64 * ROW_H;
        let top = vp.scroll_top() as f64;
        if y < top {
            vp.set_scroll_top(y as i32);
        } else if y + ROW_H > top + h {
            vp.set_scroll_top((y + ROW_H - h).max(0.0) as i32);
        }
        let (x, cw, frozen) = col_geom(c);
        if !frozen {
            let left = vp.scroll_left() as f64;
            if x < left + FROZEN {
                vp.set_scroll_left((x - FROZEN).max(0.0) as i32);
            } else if x + cw > left + w {
                vp.set_scroll_left((x + cw - w) as i32);
            }
        }
    };
    let move_to = move |r: usize, c: usize, extend: bool| {
        let nr = rows.with_untracked(|v| v.len());
        let nc = cols.with_untracked(|v| v.len());
        if nr == 0 || nc == 0 {
            return;
        }
        let f = (r.min(nr - 1), c.min(nc - 1));
        sel.update(|s| {
            s.focus = f;
            if !extend {
                s.anchor = f;
            }
        });
        message.set(String::new());
        ensure_visible();
    };
    let move_by = move |dr: isize, dc: isize, extend: bool| {
        let (r, c) = sel.get_untracked().focus;
        let r = (r as isize + dr).max(0) as usize;
        let c = (c as isize + dc).max(0) as usize;
        move_to(r, c, extend);
    };
    // Commits the editor into the active cell; false keeps editing (what
    // was typed stays, the refusal shows beside the cell: grid rule 3).
    let commit = move || -> bool {
        if mode.get_untracked() == Mode::Ready {
            return true;
        }
        let Some(input) = editor.get_untracked() else {
            return true;
        };
        let value = input.value();
        let at = sel.get_untracked().focus;
        let mut outcome = Ok(Vec::new());
        cells(&mut |c| outcome = c.ops_for(at, &value));
        match outcome {
            Ok(ops) => {
                input.set_value("");
                mode.set(Mode::Ready);
                refusal.set(None);
                ctx.edit(ops);
                true
            }
            Err(why) => {
                refusal.set(Some(why));
                false
            }
        }
    };
    // Enter, Tab and their Shift forms: commit, then go to the next cell
    // that takes a value (grid rule 2).
    let enter = move |dir: Dir| {
        if !commit() {
            return;
        }
        let s = sel.get_untracked();
        let mut to = s.focus;
        cells(&mut |c| to = c.next(s.focus, dir));
        move_to(to.0, to.1, false);
    };
    let cancel = move || {
        if let Some(input) = editor.get_untracked() {
            input.set_value("");
        }
        mode.set(Mode::Ready);
        refusal.set(None);
        message.set(String::new());
    };
    let start_f2 = move || {
        let at = sel.get_untracked().focus;
        if !takes_value(at) {
            refusal.set(Some(Refusal::Computed));
            return;
        }
        if let Some(input) = editor.get_untracked() {
            let text = cell_text(at);
            input.set_value(&text);
            draft.set(text.clone());
            let n = text.encode_utf16().count() as u32;
            let _ = input.set_selection_range(n, n);
        }
        mode.set(Mode::F2);
        focus_editor();
    };
    let clear_selection = move || {
        let mut ops = Vec::new();
        cells(&mut |c| ops = c.clear(sel.get_untracked()));
        ctx.edit(ops);
    };
    let copy_text = move || -> String {
        let mut text = String::new();
        cells(&mut |c| text = c.copy(sel.get_untracked()));
        text
    };
    let paste_text = move |text: &str| {
        let mut paste = crate::grid::Paste::default();
        cells(&mut |c| paste = c.paste(sel.get_untracked(), text));
        ctx.edit(std::mem::take(&mut paste.ops));
        if let Some(s) = paste.sel {
            sel.set(s);
        }
        // Refused values are a failure; section rows skipped are not.
        message.set(match (&paste.first_refusal, paste.skipped) {
            (Some(why), _) => format!(
                "{} {}",
                t::grid_paste_skipped(paste.refused),
                t::refusal(why)
            ),
            (None, 0) => String::new(),
            (None, n) => t::grid_paste_info(n),
        });
    };
    let fill_down = move || {
        let mut ops = Vec::new();
        cells(&mut |c| ops = c.fill_down(sel.get_untracked()));
        ctx.edit(ops);
    };

    // Shift+F2: the note of a score cell (the reason for a deduction or a
    // difference), undoable like any edit.
    let edit_note = move || {
        let at = sel.get_untracked().focus;
        let Some(tg) = layout.with_untracked(|l| ctx.sheet.with_untracked(|s| l.target(s, at)))
        else {
            return;
        };
        let Col::Score { id, stage, .. } = tg.col else {
            return;
        };
        if !takes_value(at) {
            refusal.set(Some(Refusal::Computed));
            return;
        }
        let (current, label) = ctx.sheet.with_untracked(|s| {
            let u = s.unit(id);
            (
                u.and_then(|u| u.mark(tg.node, stage))
                    .map(|m| m.note.clone())
                    .unwrap_or_default(),
                format!(
                    "{} · {} · {}",
                    u.map(|u| u.name.as_str()).unwrap_or_default(),
                    s.nodes[tg.pos].code,
                    t::stage_name(stage)
                ),
            )
        });
        if let Ok(Some(note)) =
            leptos::prelude::window().prompt_with_message_and_default(&t::note_prompt(&label), &current)
        {
            let note = note.trim().to_string();
            if note != current {
                ctx.edit(vec![crate::model::Op::SetNote {
                    unit: id,
                    node: tg.node,
                    stage,
                    note,
                }]);
            }
        }
        focus_editor();
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        if composing.get_value() || ev.is_composing() || ev.key_code() == 229 {
            return;
        }
        let key = ev.key();
        if key != "Escape" && key != "Tab" && key != "Shift" {
            leave_next_tab.set_value(false);
        }
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let shift = ev.shift_key();
        let m = mode.get_untracked();
        let arrow = |k: &str| match k {
            "ArrowUp" => Some((-1, 0)),
            "ArrowDown" => Some((1, 0)),
            "ArrowLeft" => Some((0, -1)),
            "ArrowRight" => Some((0, 1)),
            _ => None,
        };
        match key.as_str() {
            "Enter" => {
                ev.prevent_default();
                enter(if shift { Dir::Up } else { Dir::Down });
            }
            "Tab" if leave_next_tab.get_value() => {
                leave_next_tab.set_value(false);
            }
            "Tab" => {
                ev.prevent_default();
                enter(if shift { Dir::Left } else { Dir::Right });
            }
            "Escape" => {
                ev.prevent_default();
                // Esc on a selected cell (nothing typed): the next Tab
                // leaves the grid, as keyboard users expect.
                leave_next_tab.set_value(m == Mode::Ready);
                cancel();
            }
            "F1" => {
                ev.prevent_default();
                show_help.set(true);
            }
            "F2" if shift && m == Mode::Ready => {
                ev.prevent_default();
                edit_note();
            }
            "F2" if m == Mode::Ready => {
                ev.prevent_default();
                start_f2();
            }
            k if arrow(k).is_some() && m != Mode::F2 => {
                ev.prevent_default();
                if commit() {
                    let (dr, dc) = arrow(k).unwrap_or((0, 0));
                    if ctrl {
                        let (r, c) = sel.get_untracked().focus;
                        let nr = rows.with_untracked(|v| v.len());
                        let nc = cols.with_untracked(|v| v.len());
                        let r = if dr < 0 {
                            0
                        } else if dr > 0 {
                            nr
                        } else {
                            r
                        };
                        let c = if dc < 0 {
                            0
                        } else if dc > 0 {
                            nc
                        } else {
                            c
                        };
                        move_to(r, c, shift);
                    } else if shift {
                        move_by(dr, dc, true);
                    } else {
                        // Plain arrows skip what takes no value, as Enter does.
                        enter(match (dr, dc) {
                            (-1, _) => Dir::Up,
                            (1, _) => Dir::Down,
                            (_, -1) => Dir::Left,
                            _ => Dir::Right,
                        });
                    }
                }
            }
            "Home" if m == Mode::Ready => {
                ev.prevent_default();
                let (r, _) = sel.get_untracked().focus;
                move_to(if ctrl { 0 } else { r }, 0, shift);
            }
            "PageDown" | "PageUp" if m == Mode::Ready => {
                ev.prevent_default();
                let page = (size.get_untracked().0 / ROW_H) as isize - 3;
                move_by(if key == "PageDown" { page } else { -page }, 0, shift);
            }
            "Delete" | "Backspace" if m == Mode::Ready => {
                ev.prevent_default();
                clear_selection();
            }
            "z" | "Z" if ctrl && m == Mode::Ready => {
                ev.prevent_default();
                if shift {
                    ctx.redo();
                } else {
                    ctx.undo();
                }
            }
            "y" | "Y" if ctrl && m == Mode::Ready => {
                ev.prevent_default();
                ctx.redo();
            }
            "d" | "D" if ctrl && m == Mode::Ready => {
                ev.prevent_default();
                fill_down();
            }
            _ => {}
        }
    };
    let on_input = move |_: ev::Event| {
        if let Some(i) = editor.get_untracked() {
            draft.set(i.value());
        }
        if mode.get_untracked() != Mode::Ready {
            return;
        }
        // Typing starts an edit on any cell: on one that takes no value
        // the text is kept and the refusal shows beside it on commit
        // (nothing typed is dropped).
        sel.update(|s| s.anchor = s.focus);
        mode.set(Mode::Edit);
        if !takes_value(sel.get_untracked().focus) {
            refusal.set(Some(Refusal::Computed));
        }
    };
    let on_comp_start = move |_: ev::CompositionEvent| {
        composing.set_value(true);
        if mode.get_untracked() == Mode::Ready {
            mode.set(Mode::Edit);
        }
    };
    let on_comp_end = move |_: ev::CompositionEvent| composing.set_value(false);
    let on_blur = move |_: ev::FocusEvent| {
        if !composing.get_value() {
            commit();
        }
    };
    // Text typed but not committed is committed when the page is hidden
    // or closed (the workspace saves right after).
    ctx.set_editor_flush(Some(Callback::new(move |_| {
        commit();
    })));
    on_cleanup(move || ctx.set_editor_flush(None));
    // Puts the selection on the clipboard; false while a cell is edited
    // (the editor's own copy applies then).
    let copy_out = move |ev: &ev::ClipboardEvent| {
        if mode.get_untracked() != Mode::Ready {
            return false;
        }
        ev.prevent_default();
        if let Some(dt) = ev.clipboard_data() {
            let _ = dt.set_data("text/plain", &copy_text());
        }
        true
    };
    let on_copy = move |ev: ev::ClipboardEvent| {
        copy_out(&ev);
    };
    let on_cut = move |ev: ev::ClipboardEvent| {
        if copy_out(&ev) {
            clear_selection();
        }
    };
    let on_paste = move |ev: ev::ClipboardEvent| {
        if mode.get_untracked() != Mode::Ready {
            return;
        }
        ev.prevent_default();
        if let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        {
            paste_text(&text);
        }
    };

    // Mouse: select, extend with Shift or by dragging, double-click edits.
    let cell_at = |ev: &ev::MouseEvent| -> Option<(usize, usize, Option<NodeId>)> {
        let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
        if let Some(tg) = el.closest("[data-toggle]").ok().flatten() {
            let id = tg.get_attribute("data-toggle")?.parse().ok()?;
            return Some((0, 0, Some(id)));
        }
        let cell = el.closest("[data-c]").ok().flatten()?;
        let r = cell.get_attribute("data-r")?.parse().ok()?;
        let c = cell.get_attribute("data-c")?.parse().ok()?;
        Some((r, c, None))
    };
    let on_mousedown = move |ev: ev::MouseEvent| {
        let Some((r, c, toggle)) = cell_at(&ev) else {
            return;
        };
        ev.prevent_default();
        if let Some(id) = toggle {
            collapsed.update(|set| {
                if !set.remove(&id) {
                    set.insert(id);
                }
            });
            focus_editor();
            return;
        }
        if !commit() {
            focus_editor();
            return;
        }
        move_to(r, c, ev.shift_key());
        dragging.set_value(true);
        focus_editor();
    };
    let on_mouseover = move |ev: ev::MouseEvent| {
        if !dragging.get_value() || ev.buttons() != 1 {
            dragging.set_value(false);
            return;
        }
        if let Some((r, c, None)) = cell_at(&ev) {
            if sel.get_untracked().focus != (r, c) {
                sel.update(|s| s.focus = (r, c));
            }
        }
    };
    let on_mouseup = move |_: ev::MouseEvent| dragging.set_value(false);
    let on_dblclick = move |ev: ev::MouseEvent| {
        if let Some((r, c, None)) = cell_at(&ev) {
            move_to(r, c, false);
            start_f2();
        }
    };
    let on_scroll = move |_: ev::Event| {
        if let Some(vp) = viewport.get_untracked() {
            scroll.set((vp.scroll_top() as f64, vp.scroll_left() as f64));
        }
    };
    let measure = move || {
        if let Some(vp) = viewport.get_untracked() {
            size.set((vp.client_height() as f64, vp.client_width() as f64));
        }
    };
    Effect::new(move |_| {
        if viewport.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // --- rendering -----------------------------------------------------

    let total_width =
        move || FROZEN + cols.with(|c| c.len().saturating_sub(FIXED_COLS)) as f64 * W_SCORE;
    let header = move || {
        let (_, _, c0, c1) = window.get();
        let width = total_width();
        ctx.with_structure(|s| {
            let cols = cols.get();
            // Consecutive visible columns of one unit, under one name that
            // spans them and stays in view while scrolling sideways.
            let mut groups: Vec<(usize, Vec<(usize, Stage)>)> = Vec::new();
            for (c, col) in cols.iter().enumerate().take(c1).skip(c0) {
                if let Col::Score { unit, stage, .. } = *col {
                    match groups.last_mut() {
                        Some((u, v)) if *u == unit => v.push((c, stage)),
                        _ => groups.push((unit, vec![(c, stage)])),
                    }
                }
            }
            let heads = groups
                .into_iter()
                .map(|(unit, stages)| {
                    let u = &s.units[unit];
                    let first = stages.first().map(|(c, _)| *c).unwrap_or(FIXED_COLS);
                    let starts = first == FIXED_COLS
                        || !matches!(cols[first - 1], Col::Score { unit: p, .. } if p == unit);
                    let w = stages.len() as f64 * W_SCORE;
                    let heads = stages
                        .into_iter()
                        .map(|(_, stage)| {
                            let label = format!("{} · {}", u.name, t::stage_name(stage));
                            view! {
                                <div role="columnheader" class="g-h g-score" aria-label=label title=u.name.clone()>
                                    {t::stage_name(stage)}
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <div role="presentation" class=if starts { "g-unit unit-start" } else { "g-unit" } style=format!("width:{w}px")>
                            <div class="g-unit-name" title=u.name.clone()><span>{u.short_name().into_owned()}</span></div>
                            <div class="g-unit-stages" role="presentation">{heads}</div>
                        </div>
                    }
                })
                .collect_view();
            let spacer = (c0.saturating_sub(FIXED_COLS)) as f64 * W_SCORE;
            view! {
                <div role="row" class="g-head" style=format!("width:{width}px;--frozen:{FROZEN}px") aria-rowindex="1">
                    <div role="columnheader" class="g-h fz g-stt" style=format!("left:0;width:{W_STT}px")>{t::COL_STT}</div>
                    <div role="columnheader" class="g-h fz g-text" style=format!("left:{W_STT}px;width:{W_TEXT}px")>{t::COL_TEXT}</div>
                    <div role="columnheader" class="g-h fz g-num" style=format!("left:{}px;width:{W_MAX}px", W_STT + W_TEXT)>{t::COL_MAX}</div>
                    <div role="columnheader" class="g-h fz g-num fz-last" style=format!("left:{}px;width:{W_WEIGHT}px", W_STT + W_TEXT + W_MAX)>{t::COL_WEIGHT}</div>
                    <div class="g-spacer" style=format!("width:{spacer}px")></div>
                    {heads}
                </div>
            }
        })
    };
    // The visible rows. This re-renders when the window scrolls or the
    // structure changes (criteria, maxima, weights, units); a score edit
    // only re-runs the memos of the cells that show it and of the totals.
    let body = move || {
        let (r0, r1, c0, c1) = window.get();
        let width = total_width();
        let closed = collapsed.get();
        ctx.with_structure(|s| {
            ctx.results.with_untracked(|res| {
                rows.with(|rows| {
                    cols.with(|cols| {
                        (r0..r1)
                            .map(|r| {
                                let pos = rows[r];
                                let n = &s.nodes[pos];
                                let tree = &res.tree;
                                let section = tree.is_section(pos);
                                let scoreable = tree.is_scoreable(pos);
                                let depth = tree.depth(pos);
                                let class = if n.guidance {
                                    "g-row guide".to_string()
                                } else if section {
                                    format!("g-row section d{}", depth.min(3))
                                } else {
                                    format!("g-row crit d{}", depth.min(3))
                                };
                                let toggle = (section || !tree.children(pos).is_empty()).then(|| {
                                    let open = !closed.contains(&n.id);
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
                                    tree.plain_max(pos).map(|m| m.to_vi()).unwrap_or_default()
                                } else {
                                    n.max.map(|m| m.to_vi()).unwrap_or_default()
                                };
                                let weight = if n.guidance || n.weight == Dec::ONE { String::new() } else { n.weight.to_vi() };
                                let indent = 6.0 + depth as f64 * 14.0;
                                let scores = (c0..c1)
                                    .map(|c| {
                                        let Col::Score { unit, stage, .. } = cols[c] else {
                                            return ().into_any();
                                        };
                                        let u = &s.units[unit];
                                        let label = format!("{} · {} · {}", u.name, n.code, t::stage_name(stage));
                                        if n.guidance {
                                            return view! { <div role="gridcell" class="g-c g-score" data-r=r data-c=c aria-label=label aria-readonly="true"></div> }.into_any();
                                        }
                                        let trigger = ctx.cell_trigger(u.id, stage);
                                        if !scoreable {
                                            let v = Memo::new(move |_| {
                                                trigger.track();
                                                ctx.results.with_untracked(|res| {
                                                    res.units.get(unit).map(|ur| {
                                                        let sr = ur.stage(stage);
                                                        if sr.filled() { sr.points.get(pos).map(|p| p.to_vi()).unwrap_or_default() } else { String::new() }
                                                    }).unwrap_or_default()
                                                })
                                            });
                                            return view! { <div role="gridcell" class="g-c g-score sum" data-r=r data-c=c aria-label=label aria-readonly="true">{v}</div> }.into_any();
                                        }
                                        let (nid, max) = (n.id, n.max);
                                        // (text as typed, reason it is not counted, note)
                                        let state = Memo::new(move |_| {
                                            trigger.track();
                                            ctx.sheet.with_untracked(|s| {
                                                let Some(u) = s.units.get(unit) else { return (String::new(), None, String::new()) };
                                                let raw = u.raw(nid, stage).to_string();
                                                let note = u.mark(nid, stage).map(|m| m.note.clone()).unwrap_or_default();
                                                let why = match evaluate(&raw, max) {
                                                    CellValue::Invalid(e) => Some(t::cell_error(&e)),
                                                    _ => None,
                                                };
                                                (raw, why, note)
                                            })
                                        });
                                        let class = move || state.with(|(_, why, note)| {
                                            if why.is_some() { "g-c g-score invalid" } else if note.is_empty() { "g-c g-score" } else { "g-c g-score has-note" }
                                        });
                                        let title = move || state.with(|(_, why, note)| why.clone().unwrap_or_else(|| note.clone()));
                                        let invalid = move || state.with(|(_, why, _)| why.is_some().then_some("true"));
                                        let description = move || state.with(|(_, why, _)| why.clone());
                                        let raw = move || state.with(|(raw, _, _)| raw.clone());
                                        view! {
                                            <div role="gridcell" class=class data-r=r data-c=c aria-label=label aria-invalid=invalid title=title aria-description=description>{raw}</div>
                                        }.into_any()
                                    })
                                    .collect_view();
                                let spacer = (c0.saturating_sub(FIXED_COLS)) as f64 * W_SCORE;
                                view! {
                                    <div role="row" class=class style=format!("top:{}px;width:{width}px", r as f64 * ROW_H) aria-rowindex=r + 2>
                                        <div role="gridcell" class="g-c fz g-stt" style=format!("left:0;width:{W_STT}px")>{toggle}{n.label.clone()}</div>
                                        <div role="rowheader" class="g-c fz g-text" data-r=r data-c=0 title=n.text.clone()
                                            style=format!("left:{W_STT}px;width:{W_TEXT}px;padding-left:{indent}px")>{n.text.clone()}</div>
                                        <div role="gridcell" class="g-c fz g-num" data-r=r data-c=1 aria-label=format!("{} · {}", n.code, t::COL_MAX)
                                            style=format!("left:{}px;width:{W_MAX}px", W_STT + W_TEXT)>{max}</div>
                                        <div role="gridcell" class="g-c fz g-num fz-last" data-r=r data-c=2 aria-label=format!("{} · {}", n.code, t::COL_WEIGHT)
                                            style=format!("left:{}px;width:{W_WEIGHT}px", W_STT + W_TEXT + W_MAX)>{weight}</div>
                                        <div class="g-spacer" style=format!("width:{spacer}px")></div>
                                        {scores}
                                    </div>
                                }
                            })
                            .collect_view()
                    })
                })
            })
        })
    };
    let footer = move || {
        let (_, _, c0, c1) = window.get();
        let width = total_width();
        ctx.results.with(|res| {
            ctx.sheet.with(|s| {
                cols.with(|cols| {
                    let line = |label: String, class: &'static str, f: &dyn Fn(usize, Stage) -> String| {
                        let cells = (c0..c1)
                            .map(|c| match cols[c] {
                                Col::Score { unit, stage, .. } => {
                                    let name = format!("{} · {} · {}", s.units[unit].name, label, t::stage_name(stage));
                                    view! { <div role="gridcell" class="g-c g-score" aria-label=name aria-readonly="true">{f(unit, stage)}</div> }.into_any()
                                }
                                _ => ().into_any(),
                            })
                            .collect_view();
                        let spacer = (c0.saturating_sub(FIXED_COLS)) as f64 * W_SCORE;
                        view! {
                            <div role="row" class=class style=format!("width:{width}px")>
                                <div class="g-c fz g-stt" style=format!("left:0;width:{W_STT}px")></div>
                                <div role="rowheader" class="g-c fz g-text" style=format!("left:{W_STT}px;width:{W_TEXT}px")>{label.clone()}</div>
                                <div class="g-c fz g-num" style=format!("left:{}px;width:{W_MAX}px", W_STT + W_TEXT)>
                                    {if class == "g-foot total" { res.tree.content_max.to_vi() } else { String::new() }}
                                </div>
                                <div class="g-c fz g-num fz-last" style=format!("left:{}px;width:{W_WEIGHT}px", W_STT + W_TEXT + W_MAX)></div>
                                <div class="g-spacer" style=format!("width:{spacer}px")></div>
                                {cells}
                            </div>
                        }
                    };
                    let total = |u: usize, st: Stage| {
                        let r = res.units[u].stage(st);
                        let mut v = if r.filled() { r.total.to_vi() } else { t::NOT_SCORED.to_string() };
                        if r.invalid > 0 {
                            v = format!("⚠ {v}");
                        }
                        v
                    };
                    let rank = |u: usize, st: Stage| res.units[u].rank[st.index()].map(t::rank_word).unwrap_or_default();
                    let class = |u: usize, st: Stage| {
                        let r = res.units[u].stage(st);
                        if r.filled() { crate::model::classify(s, r.total).unwrap_or("").to_string() } else { String::new() }
                    };
                    view! {
                        <div class="g-footer">
                            {line(t::ROW_TOTAL.to_string(), "g-foot total", &total)}
                            {line(t::ROW_RANK.to_string(), "g-foot rank", &rank)}
                            {line(t::ROW_CLASS.to_string(), "g-foot", &class)}
                        </div>
                    }
                })
            })
        })
    };

    // The editor and the selection box, positioned over the active cell.
    let cell_box = move |c: usize| -> (f64, f64) {
        let (x, w, frozen) = col_geom(c);
        (if frozen { scroll.get().1 + x } else { x }, w)
    };
    let editor_style = move || {
        let (r, c) = sel.get().focus;
        let (x, w) = cell_box(c);
        let z = if col_geom(c).2 { 6 } else { 1 };
        format!(
            "top:{}px;left:{}px;width:{}px;height:{}px;z-index:{}",
            r as f64 * ROW_H,
            x,
            w.max(if mode.get() == Mode::Ready {
                0.0
            } else {
                160.0
            }),
            ROW_H,
            z
        )
    };
    let sel_style = move || {
        let (r0, r1, c0, c1) = sel.get().rect();
        let (x0, _) = cell_box(c0);
        let (x1, w1) = cell_box(c1);
        let z = if col_geom(c0).2 { 5 } else { 1 };
        format!(
            "top:{}px;left:{}px;width:{}px;height:{}px;z-index:{}",
            r0 as f64 * ROW_H,
            x0,
            (x1 + w1 - x0).max(W_SCORE.min(w1)),
            (r1 - r0 + 1) as f64 * ROW_H,
            z
        )
    };
    let editor_label = move || {
        let at = sel.get().focus;
        let _ = ctx.steps.get();
        let Some(tg) = layout.with_untracked(|l| ctx.sheet.with_untracked(|s| l.target(s, at)))
        else {
            return String::new();
        };
        ctx.sheet.with_untracked(|s| {
            let n = &s.nodes[tg.pos];
            match tg.col {
                Col::Score { unit, stage, .. } => format!(
                    "{} · {} · {}",
                    s.units[unit].name,
                    n.code,
                    t::stage_name(stage)
                ),
                Col::Text => format!("{} · {}", n.code, t::COL_TEXT),
                Col::Max => format!("{} · {}", n.code, t::COL_MAX),
                Col::Weight => format!("{} · {}", n.code, t::COL_WEIGHT),
            }
        })
    };
    // Where am I (above the grid, as a spreadsheet's formula bar): the
    // active cell's unit and stage, criterion, maximum and weight, and the
    // text being typed or the cell's value with its error.
    let where_bar = move || {
        let at = sel.get().focus;
        let _ = ctx.steps.get();
        let editing = mode.get() != Mode::Ready;
        let msg = message.get();
        let Some(tg) = layout.with_untracked(|l| ctx.sheet.with_untracked(|s| l.target(s, at)))
        else {
            return view! { <span class="what">{msg}</span> }.into_any();
        };
        let text = if editing { draft.get() } else { cell_text(at) };
        ctx.sheet.with_untracked(|s| {
            let n = &s.nodes[tg.pos];
            let who = match tg.col {
                Col::Score { unit, stage, .. } => format!(
                    "{} · {}",
                    s.units[unit].short_name(),
                    t::stage_name(stage)
                ),
                Col::Text => t::COL_TEXT.to_string(),
                Col::Max => t::COL_MAX.to_string(),
                Col::Weight => t::COL_WEIGHT.to_string(),
            };
            let what = format!("{} {}", n.code, n.text);
            let what_title = what.clone();
            let max = n.max.map(|m| {
                if n.weight == Dec::ONE {
                    format!("{} {}", t::COL_MAX, m.to_vi())
                } else {
                    format!("{} {} × {} {}", t::COL_MAX, m.to_vi(), t::COL_WEIGHT, n.weight.to_vi())
                }
            });
            let why = match tg.col {
                Col::Score { .. } if !editing => match evaluate(&text, n.max) {
                    CellValue::Invalid(e) => Some(t::cell_error(&e)),
                    _ => None,
                },
                _ => None,
            };
            let val = match &why {
                Some(w) => format!("“{text}” — {w}"),
                None => text,
            };
            view! {
                <span class="who">{who}</span>
                <span class="what" title=what_title>{what}</span>
                {max.map(|m| view! { <span class="max">{m}</span> })}
                <span class=if why.is_some() { "val bad" } else { "val" }>{val}</span>
                {(!msg.is_empty()).then(|| view! { <span class="msg">{msg}</span> })}
            }
            .into_any()
        })
    };
    // The refusal, in a bubble under the active cell (where she looks).
    let refusal_style = move || {
        let (r, c) = sel.get().focus;
        let (x, _) = cell_box(c);
        format!("top:{}px;left:{}px", (r + 1) as f64 * ROW_H + 2.0, x)
    };
    let refusal_view = move || {
        refusal.get().map(|why| {
            view! {
                <div class="g-refusal" role="alert" style=refusal_style>
                    <strong>{t::refusal(&why)}</strong>
                    " "
                    {t::GRID_KEPT_HINT}
                </div>
            }
        })
    };
    let rows_height = move || rows.with(|r| r.len()) as f64 * ROW_H;

    // --- toolbar -------------------------------------------------------

    let stage_toggle = move |st: Stage| {
        view! {
            <label class="chk">
                <input
                    type="checkbox"
                    prop:checked=move || shown.get()[st.index()]
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ws.view.update(|v| {
                            v.stages[st.index()] = on;
                            if !v.stages.iter().any(|x| *x) {
                                v.stages[st.index()] = true;
                            }
                        });
                    }
                />
                {t::stage_name(st)}
            </label>
        }
    };
    let unit_options = move || {
        ctx.with_structure(|s| {
            s.units
                .iter()
                .map(|u| { let id = u.id; view! { <option value=id.to_string() selected=move || only_unit.get() == Some(id)>{u.name.clone()}</option> } })
                .collect_view()
        })
    };
    let selected_node = move || {
        let (r, _) = sel.get_untracked().focus;
        let pos = rows.with_untracked(|v| v.get(r).copied())?;
        ctx.sheet.with_untracked(|s| s.nodes.get(pos).map(|n| n.id))
    };
    let add_criterion = move |_| {
        let after = selected_node();
        let (id, ops) = ctx
            .sheet
            .with_untracked(|s| s.add_criterion_ops(after, t::NEW_CRITERION, Dec::from_int(1)));
        ctx.edit(ops);
        if let Some(r) = ctx
            .sheet
            .with_untracked(|s| s.nodes.iter().position(|n| n.id == id))
            .and_then(|pos| rows.with_untracked(|v| v.iter().position(|&p| p == pos)))
        {
            move_to(r, 0, false);
        }
        focus_editor();
    };
    let remove_criterion = move |_| {
        if let Some(id) = selected_node() {
            let ops = ctx.sheet.with_untracked(|s| s.remove_subtree_ops(id));
            ctx.edit(ops);
            message.set(t::GRID_REMOVED_CRITERION.to_string());
        }
        focus_editor();
    };

    view! {
        <section class="view grid-view">
            <div class="toolbar" role="toolbar" aria-label=t::GRID_TOOLBAR>
                <div class="group">
                    <span class="lbl">{t::STAGE_PICK}</span>
                    {Stage::ALL.map(stage_toggle).to_vec()}
                </div>
                <label class="group">
                    <span class="lbl">{t::GRID_UNIT_FILTER}</span>
                    <select on:change=move |ev| only_unit.set(event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || only_unit.get().is_none()>{t::GRID_ALL_UNITS}</option>
                        {unit_options}
                    </select>
                </label>
                <div class="group">
                    <button on:click=move |_| { ctx.undo(); focus_editor(); }
                        disabled=move || { ctx.steps.get(); !ctx.history.with_value(|h| h.can_undo()) }
                        title="Ctrl+Z">{t::UNDO}</button>
                    <button on:click=move |_| { ctx.redo(); focus_editor(); }
                        disabled=move || { ctx.steps.get(); !ctx.history.with_value(|h| h.can_redo()) }
                        title="Ctrl+Y">{t::REDO}</button>
                </div>
                <div class="group">
                    <button on:click=add_criterion>{t::ADD_CRITERION}</button>
                    <button on:click=remove_criterion>{t::REMOVE_CRITERION}</button>
                    <button on:click=move |_| show_units.set(true)>{t::MANAGE_UNITS}</button>
                    <button on:click=move |_| show_help.set(true) title="F1" aria-label=t::HELP_TITLE>"?"</button>
                </div>
            </div>
            {move || {
                ctx.with_structure(|s| s.units.is_empty()).then(|| view! {
                    <p class="status warn empty-units" role="note">
                        {t::GRID_NO_UNITS}" "
                        <button class="link" on:click=move |_| show_units.set(true)>{t::UNIT_ADD}</button>
                    </p>
                })
            }}
            <div class="g-where" role="status" aria-live="polite" aria-label=t::GRID_WHERE>{where_bar}</div>
            <div
                class="grid"
                role="grid"
                aria-label=t::VIEW_SCORES
                aria-rowcount=move || rows.with(|r| r.len()) + 4
                aria-colcount=move || cols.with(|c| c.len()) + 1
                aria-multiselectable="true"
                node_ref=viewport
                on:scroll=on_scroll
            >
                {header}
                <div
                    class="g-body"
                    style=move || format!("height:{}px;width:{}px", rows_height(), total_width())
                    on:mousedown=on_mousedown
                    on:mouseover=on_mouseover
                    on:mouseup=on_mouseup
                    on:dblclick=on_dblclick
                >
                    {body}
                    <div class="g-sel" style=sel_style aria-hidden="true"></div>
                    {refusal_view}
                    <input
                        class=move || match mode.get() { Mode::Ready => "g-editor ready", _ => "g-editor editing" }
                        node_ref=editor
                        style=editor_style
                        aria-label=editor_label
                        autocomplete="off"
                        spellcheck="false"
                        inputmode=move || {
                            let c = sel.get().focus.1;
                            if c == 0 { "text" } else { "decimal" }
                        }
                        on:keydown=on_keydown
                        on:input=on_input
                        on:compositionstart=on_comp_start
                        on:compositionend=on_comp_end
                        on:blur=on_blur
                        on:copy=on_copy
                        on:cut=on_cut
                        on:paste=on_paste
                    />
                </div>
                {footer}
            </div>
            <Show when=move || show_help.get()>
                <div class="modal-backdrop" on:click=move |_| show_help.set(false)>
                    <div class="modal help" role="dialog" aria-label=t::HELP_TITLE
                        on:click=|e| e.stop_propagation()
                        on:keydown=move |e: ev::KeyboardEvent| if e.key() == "Escape" { show_help.set(false); focus_editor(); }>
                        <h2>{t::HELP_TITLE}</h2>
                        <h3>{t::HELP_STEPS_TITLE}</h3>
                        <ol>{t::HELP_STEPS.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                        <h3>{t::HELP_KEYS_TITLE}</h3>
                        <table class="keys">
                            <tbody>
                                {t::HELP_KEYS.iter().map(|(k, what)| view! { <tr><th><kbd>{*k}</kbd></th><td>{*what}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                        <div class="actions">
                            <button class="primary" autofocus on:click=move |_| { show_help.set(false); focus_editor(); }>{t::CLOSE}</button>
                        </div>
                    </div>
                </div>
            </Show>
            <Show when=move || show_units.get()>
                <super::units::UnitsDialog close=move || show_units.set(false) />
            </Show>
        </section>
    }
}
