//! Shift+F2: the note of a score cell (the reason for a deduction or a
//! difference), undoable like any edit.

use super::state::Grid;
use crate::grid::Col;
use crate::model::Op;
use crate::strings as t;
use leptos::prelude::*;

impl Grid {
    pub fn edit_note(self) {
        let ctx = self.ctx;
        let at = self.sel.get_untracked().focus;
        let Some(tg) = self.with_cells(|c| c.target(at)) else {
            return;
        };
        let Col::Score { id, stage, .. } = tg.col else {
            return;
        };
        if let Some(why) = self.with_cells(|c| c.entry_refusal(at)) {
            self.refusal.set(Some(why));
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
            window().prompt_with_message_and_default(&t::note_prompt(&label), &current)
        {
            let note = note.trim().to_string();
            if note != current {
                ctx.edit(vec![Op::SetNote {
                    unit: id,
                    node: tg.node,
                    stage,
                    note,
                }]);
            }
        }
        self.focus_editor();
    }
}
