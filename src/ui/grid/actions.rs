//! What the grid does for a key, a click or a clipboard event: each a thin
//! call into `crate::grid` (the tested rules) and the result put into the
//! grid's signals and the model.

use super::state::Grid;
use crate::grid::{Cells, Dir, Mode, Paste, Refusal};
use crate::strings as t;
use leptos::prelude::*;

/// Head and footer rows, which cover the rows' ends in the viewport.
const HEAD_H: f64 = 46.0;
const FOOT_H: f64 = 3.0 * crate::grid::geometry::ROW_H;

impl Grid {
    /// Runs `f` over the grid's cells as they are now (untracked).
    pub fn with_cells<R>(self, f: impl FnOnce(&Cells) -> R) -> R {
        self.layout.with_untracked(|l| {
            self.ctx.sheet.with_untracked(|s| {
                self.ctx
                    .results
                    .with_untracked(|r| f(&Cells::new(s, &r.tree, l)))
            })
        })
    }

    pub fn focus_editor(self) {
        if let Some(e) = self.editor.get_untracked() {
            let _ = e.focus();
        }
    }

    /// Scrolls the viewport so the active cell shows.
    fn ensure_visible(self) {
        let Some(vp) = self.viewport.get_untracked() else {
            return;
        };
        let (r, c) = self.sel.get_untracked().focus;
        let h = vp.client_height() as f64 - HEAD_H - FOOT_H;
        let w = vp.client_width() as f64;
        let (y, rh) = self.geom.with_untracked(|g| (g.top(r), g.height(r)));
        let top = vp.scroll_top() as f64;
        if y < top {
            vp.set_scroll_top(y as i32);
        } else if y + rh > top + h {
            vp.set_scroll_top((y + rh - h).max(0.0) as i32);
        }
        let (x, cw, frozen) = self.col_geom(c);
        let fz = crate::grid::geometry::frozen(self.tw.get_untracked());
        if !frozen {
            let left = vp.scroll_left() as f64;
            if x < left + fz {
                vp.set_scroll_left((x - fz).max(0.0) as i32);
            } else if x + cw > left + w {
                vp.set_scroll_left((x + cw - w) as i32);
            }
        }
    }

    /// The grid's size: (rows, columns).
    pub fn size_in_cells(self) -> (usize, usize) {
        (
            self.rows.with_untracked(|v| v.len()),
            self.cols.with_untracked(|v| v.len()),
        )
    }

    pub fn move_to(self, r: usize, c: usize, extend: bool) {
        let (nr, nc) = self.size_in_cells();
        if nr == 0 || nc == 0 {
            return;
        }
        let f = (r.min(nr - 1), c.min(nc - 1));
        self.sel.update(|s| {
            s.focus = f;
            if !extend {
                s.anchor = f;
            }
        });
        // A refusal is about the cell left ("Kết quả đã chốt" stayed beside
        // the next one after Enter, as if about it); a refused commit
        // never gets here (grid rule 3: it moves nothing).
        self.clear_refusal();
        self.clear_message();
        if self.foot.get_untracked().is_some() {
            self.foot.set(None);
        }
        self.ensure_visible();
    }

    pub fn move_by(self, dr: isize, dc: isize, extend: bool) {
        let (r, c) = self.sel.get_untracked().focus;
        let r = r.saturating_add_signed(dr);
        let c = c.saturating_add_signed(dc);
        self.move_to(r, c, extend);
    }

    /// Commits the editor into the active cell; false keeps editing (what
    /// was typed stays, the refusal shows beside the cell: grid rule 3).
    pub fn commit(self) -> bool {
        if self.mode.get_untracked() == Mode::Ready {
            return true;
        }
        let Some(input) = self.editor.get_untracked() else {
            return true;
        };
        let value = input.value();
        let at = self.sel.get_untracked().focus;
        match self.with_cells(|c| c.ops_for(at, &value)) {
            Ok(ops) => {
                input.set_value("");
                self.mode.set(Mode::Ready);
                self.clear_refusal();
                self.ctx.edit(ops);
                true
            }
            Err(why) => {
                self.refusal.set(Some(why));
                false
            }
        }
    }

    /// Enter, Tab and their Shift forms: commit, then go to the next cell
    /// that takes a value (grid rule 2).
    pub fn enter(self, dir: Dir) {
        if !self.commit() {
            return;
        }
        let from = self.sel.get_untracked().focus;
        let to = self.with_cells(|c| c.next(from, dir));
        self.move_to(to.0, to.1, false);
    }

    pub fn cancel(self) {
        if let Some(input) = self.editor.get_untracked() {
            input.set_value("");
        }
        self.mode.set(Mode::Ready);
        self.clear_refusal();
        self.clear_message();
    }

    // Cleared only when set: each move or commit would otherwise wake
    // what shows them for nothing.
    fn clear_message(self) {
        if self.message.with_untracked(|m| !m.is_empty()) {
            self.message.set(String::new());
        }
    }

    fn clear_refusal(self) {
        if self.refusal.with_untracked(Option::is_some) {
            self.refusal.set(None);
        }
    }

    /// F2 or a double-click: edit the cell's text where it is.
    pub fn start_f2(self) {
        let at = self.sel.get_untracked().focus;
        if let Some(why) = self.with_cells(|c| c.entry_refusal(at)) {
            self.refusal.set(Some(why));
            return;
        }
        if let Some(input) = self.editor.get_untracked() {
            let text = self.with_cells(|c| c.text(at));
            input.set_value(&text);
            self.draft.set(text.clone());
            let n = text.encode_utf16().count() as u32;
            let _ = input.set_selection_range(n, n);
        }
        self.mode.set(Mode::F2);
        self.focus_editor();
    }

    /// Rule 5: on locked results, says so beside the cell; true then.
    fn refused_locked(self) -> bool {
        let locked = self.ctx.sheet.with_untracked(|s| s.lock.is_some());
        if locked {
            self.refusal.set(Some(Refusal::Locked));
        }
        locked
    }

    pub fn clear_selection(self) {
        if self.refused_locked() {
            return;
        }
        let sel = self.sel.get_untracked();
        let ops = self.with_cells(|c| c.clear(sel));
        self.ctx.edit(ops);
    }

    pub fn copy_text(self) -> String {
        let sel = self.sel.get_untracked();
        self.with_cells(|c| c.copy(sel))
    }

    pub fn paste_text(self, text: &str) {
        if self.refused_locked() {
            return;
        }
        let sel = self.sel.get_untracked();
        let mut paste: Paste = self.with_cells(|c| c.paste(sel, text));
        self.ctx.edit(std::mem::take(&mut paste.ops));
        if let Some(s) = paste.sel {
            self.sel.set(s);
        }
        // Refused values are a failure; section rows skipped are not.
        self.message
            .set(match (&paste.first_refusal, paste.skipped) {
                (Some(why), _) => format!(
                    "{} {}",
                    t::grid_paste_skipped(paste.refused),
                    t::refusal(why)
                ),
                (None, 0) => String::new(),
                (None, n) => t::grid_paste_info(n),
            });
    }

    pub fn fill_down(self) {
        if self.refused_locked() {
            return;
        }
        let sel = self.sel.get_untracked();
        let ops = self.with_cells(|c| c.fill_down(sel));
        self.ctx.edit(ops);
    }

    /// The criterion of the active row, if any.
    pub fn selected_node(self) -> Option<crate::model::NodeId> {
        let (r, _) = self.sel.get_untracked().focus;
        let pos = self.rows.with_untracked(|v| v.get(r).copied())?;
        self.ctx
            .sheet
            .with_untracked(|s| s.nodes.get(pos).map(|n| n.id))
    }
}
