//! A key in the grid's editor: [`crate::grid::Keys`] says what it means,
//! this runs it.

use super::state::Grid;
use crate::grid::geometry::ROW_H;
use crate::grid::{keys, Action, Key};
use leptos::ev;
use leptos::prelude::*;

impl Grid {
    pub fn on_keydown(self, ev: &ev::KeyboardEvent) {
        if self.composing.get_value() || ev.is_composing() || ev.key_code() == 229 {
            return;
        }
        let key = ev.key();
        let k = Key {
            key: &key,
            ctrl: ev.ctrl_key() || ev.meta_key(),
            shift: ev.shift_key(),
        };
        let mode = self.mode.get_untracked();
        let mut action = Action::Pass;
        self.keys.update_value(|keys| action = keys.press(k, mode));
        if action.prevents_default() {
            ev.prevent_default();
        }
        self.run(action);
    }

    fn run(self, action: Action) {
        let ctx = self.ctx;
        match action {
            Action::Pass | Action::Leave => {}
            Action::Next(dir) => self.enter(dir),
            Action::Extend(dr, dc) => {
                if self.commit() {
                    self.move_by(dr, dc, true);
                }
            }
            Action::Edge { dr, dc, extend } => {
                if self.commit() {
                    let from = self.sel.get_untracked().focus;
                    let (r, c) = keys::edge(from, (dr, dc), self.size_in_cells());
                    self.move_to(r, c, extend);
                }
            }
            Action::Home { top, extend } => {
                let (r, _) = self.sel.get_untracked().focus;
                self.move_to(if top { 0 } else { r }, 0, extend);
            }
            Action::Page { down, extend } => {
                let page = keys::page_rows(self.size.get_untracked().0, ROW_H);
                self.move_by(if down { page } else { -page }, 0, extend);
            }
            Action::Cancel => self.cancel(),
            Action::Help => self.show_help.set(true),
            Action::Note => self.edit_note(),
            Action::EditInPlace => self.start_f2(),
            Action::Clear => self.clear_selection(),
            Action::Undo => ctx.undo(),
            Action::Redo => ctx.redo(),
            Action::FillDown => self.fill_down(),
        }
    }
}
