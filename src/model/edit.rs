//! Edits as data: every change to a scoresheet is a list of [`Op`]s applied
//! as one step. Applying an op returns its inverse, so undo and redo work
//! for every edit (typing, paste, fill, structural changes) alike.

use super::meeting::Meeting;
use super::num::Dec;
use super::sheet::{
    Class, FinalRule, Lock, LockEvent, Node, NodeId, Receipt, Scoresheet, Stage, Unit, UnitId,
};

/// One primitive change.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Sets the text typed in a score cell (empty clears it).
    SetRaw {
        unit: UnitId,
        node: NodeId,
        stage: Stage,
        raw: String,
    },
    SetNote {
        unit: UnitId,
        node: NodeId,
        stage: Stage,
        note: String,
    },
    SetMax {
        node: NodeId,
        max: Option<Dec>,
    },
    SetWeight {
        node: NodeId,
        weight: Dec,
    },
    SetText {
        node: NodeId,
        text: String,
    },
    SetTitle(String),
    InsertUnit {
        index: usize,
        unit: Unit,
    },
    RemoveUnit {
        index: usize,
    },
    RenameUnit {
        unit: UnitId,
        name: String,
        short: Option<String>,
    },
    MoveUnit {
        from: usize,
        to: usize,
    },
    InsertNode {
        index: usize,
        node: Node,
    },
    RemoveNode {
        index: usize,
    },
    /// How final results are made.
    SetFinalRule(FinalRule),
    /// Replaces the classification bands (checked by the caller with
    /// [`super::classes::validate`]).
    SetClasses(Vec<Class>),
    /// Replaces a unit's record of the workbooks it sent back.
    SetReceipts {
        unit: UnitId,
        receipts: Vec<Receipt>,
    },
    /// Locks or unlocks the results, with the log that records it
    /// (`lock.rs`, rule 3).
    SetLock {
        lock: Option<Lock>,
        log: Vec<LockEvent>,
    },
    /// Replaces the record of the bloc meeting (`meeting.rs`; checked by
    /// the caller with `Meeting::validate`).
    SetMeeting(Meeting),
}

impl Op {
    /// Whether the op may be applied to a locked scoresheet (`lock.rs`,
    /// rule 3): only the lock's own, and the record of the meeting
    /// (`meeting.rs`, rule 3), which changes no result.
    pub fn allowed_when_locked(&self) -> bool {
        matches!(self, Op::SetLock { .. } | Op::SetMeeting(_))
    }

    /// True when the op changes only score cells or notes (totals of one
    /// unit and stage change; the tree does not), or nothing any result
    /// depends on (a unit's receipts).
    pub fn touches_only_cells(&self) -> bool {
        matches!(
            self,
            Op::SetRaw { .. } | Op::SetNote { .. } | Op::SetReceipts { .. }
        )
    }

    /// The (unit, stage) whose result the op can change, for cell ops.
    pub fn cell(&self) -> Option<(UnitId, Stage)> {
        self.cell_at().map(|(u, _, s)| (u, s))
    }

    /// The one cell (unit, criterion, stage) a cell op writes.
    pub fn cell_at(&self) -> Option<(UnitId, NodeId, Stage)> {
        match self {
            Op::SetRaw {
                unit, node, stage, ..
            }
            | Op::SetNote {
                unit, node, stage, ..
            } => Some((*unit, *node, *stage)),
            _ => None,
        }
    }
}

impl Scoresheet {
    /// Applies one op and returns its inverse; `None` when the op does not
    /// apply (an unknown id or index), in which case nothing changed.
    pub fn apply(&mut self, op: Op) -> Option<Op> {
        // Locked results take no edit but the unlock (lock.rs, rule 3).
        if self.lock.is_some() && !op.allowed_when_locked() {
            return None;
        }
        match op {
            Op::SetRaw {
                unit,
                node,
                stage,
                raw,
            } => {
                let u = self.unit_mut(unit)?;
                let old = u.raw(node, stage).to_string();
                u.set_raw(node, stage, raw);
                Some(Op::SetRaw {
                    unit,
                    node,
                    stage,
                    raw: old,
                })
            }
            Op::SetNote {
                unit,
                node,
                stage,
                note,
            } => {
                let u = self.unit_mut(unit)?;
                let old = u
                    .mark(node, stage)
                    .map(|m| m.note.clone())
                    .unwrap_or_default();
                u.set_note(node, stage, note);
                Some(Op::SetNote {
                    unit,
                    node,
                    stage,
                    note: old,
                })
            }
            Op::SetMax { node, max } => {
                let n = self.nodes.iter_mut().find(|n| n.id == node)?;
                let old = std::mem::replace(&mut n.max, max);
                Some(Op::SetMax { node, max: old })
            }
            Op::SetWeight { node, weight } => {
                let n = self.nodes.iter_mut().find(|n| n.id == node)?;
                let old = std::mem::replace(&mut n.weight, weight);
                Some(Op::SetWeight { node, weight: old })
            }
            Op::SetText { node, text } => {
                let n = self.nodes.iter_mut().find(|n| n.id == node)?;
                let old = std::mem::replace(&mut n.text, text);
                Some(Op::SetText { node, text: old })
            }
            Op::SetTitle(title) => Some(Op::SetTitle(std::mem::replace(&mut self.title, title))),
            Op::InsertUnit { index, unit } => {
                if index > self.units.len() || self.unit(unit.id).is_some() {
                    return None;
                }
                self.units.insert(index, unit);
                Some(Op::RemoveUnit { index })
            }
            Op::RemoveUnit { index } => {
                if index >= self.units.len() {
                    return None;
                }
                let unit = self.units.remove(index);
                Some(Op::InsertUnit { index, unit })
            }
            Op::RenameUnit { unit, name, short } => {
                let u = self.unit_mut(unit)?;
                let old_name = std::mem::replace(&mut u.name, name);
                let old_short = std::mem::replace(&mut u.short, short);
                Some(Op::RenameUnit {
                    unit,
                    name: old_name,
                    short: old_short,
                })
            }
            Op::MoveUnit { from, to } => {
                if from >= self.units.len() || to >= self.units.len() {
                    return None;
                }
                let u = self.units.remove(from);
                self.units.insert(to, u);
                Some(Op::MoveUnit { from: to, to: from })
            }
            Op::InsertNode { index, node } => {
                if index > self.nodes.len() || self.node(node.id).is_some() {
                    return None;
                }
                self.nodes.insert(index, node);
                Some(Op::RemoveNode { index })
            }
            Op::RemoveNode { index } => {
                if index >= self.nodes.len() {
                    return None;
                }
                let node = self.nodes.remove(index);
                Some(Op::InsertNode { index, node })
            }
            Op::SetFinalRule(rule) => Some(Op::SetFinalRule(std::mem::replace(
                &mut self.final_rule,
                rule,
            ))),
            Op::SetClasses(classes) => Some(Op::SetClasses(std::mem::replace(
                &mut self.classes,
                classes,
            ))),
            Op::SetReceipts { unit, receipts } => {
                let u = self.unit_mut(unit)?;
                let old = std::mem::replace(&mut u.receipts, receipts);
                Some(Op::SetReceipts {
                    unit,
                    receipts: old,
                })
            }
            Op::SetLock { lock, log } => Some(Op::SetLock {
                lock: std::mem::replace(&mut self.lock, lock),
                log: std::mem::replace(&mut self.lock_log, log),
            }),
            Op::SetMeeting(m) => Some(Op::SetMeeting(std::mem::replace(&mut self.meeting, m))),
        }
    }

    /// Applies ops in order; returns the inverse step (to undo all of them).
    pub fn apply_all(&mut self, ops: Vec<Op>) -> Vec<Op> {
        let mut inverse: Vec<Op> = ops.into_iter().filter_map(|op| self.apply(op)).collect();
        inverse.reverse();
        inverse
    }

    /// Positions of the node at `start` and its subtree. The subtree is
    /// contiguous: the node, then every following node whose ancestors
    /// include it.
    fn subtree(&self, start: usize) -> std::ops::Range<usize> {
        let mut members = vec![self.nodes[start].id];
        for n in &self.nodes[start + 1..] {
            match n.parent {
                Some(p) if members.contains(&p) => members.push(n.id),
                _ => break,
            }
        }
        start..start + members.len()
    }

    /// Ops that remove a node with its whole subtree and every mark on it.
    pub fn remove_subtree_ops(&self, id: NodeId) -> Vec<Op> {
        let Some(start) = self.nodes.iter().position(|n| n.id == id) else {
            return Vec::new();
        };
        let range = self.subtree(start);
        let members: Vec<NodeId> = self.nodes[range.clone()].iter().map(|n| n.id).collect();
        let mut ops = Vec::new();
        for u in &self.units {
            for s in Stage::ALL {
                for &m in &members {
                    if let Some(mark) = u.mark(m, s) {
                        if !mark.note.is_empty() {
                            ops.push(Op::SetNote {
                                unit: u.id,
                                node: m,
                                stage: s,
                                note: String::new(),
                            });
                        }
                        if !mark.raw.is_empty() {
                            ops.push(Op::SetRaw {
                                unit: u.id,
                                node: m,
                                stage: s,
                                raw: String::new(),
                            });
                        }
                    }
                }
            }
        }
        // Remove from the end so indexes stay valid.
        for i in range.rev() {
            ops.push(Op::RemoveNode { index: i });
        }
        ops
    }

    /// Ops that insert a new criterion right after `after`'s subtree, as its
    /// sibling (or at the end when `after` is `None`). Returns the new id too.
    pub fn add_criterion_ops(
        &self,
        after: Option<NodeId>,
        text: &str,
        max: Dec,
    ) -> (NodeId, Vec<Op>) {
        let id = self.next_node_id();
        let (index, parent) = match after.and_then(|a| self.nodes.iter().position(|n| n.id == a)) {
            Some(pos) => (self.subtree(pos).end, self.nodes[pos].parent),
            None => (self.nodes.len(), None),
        };
        let siblings = self
            .nodes
            .iter()
            .filter(|n| n.parent == parent && !n.guidance)
            .count();
        let label = (siblings + 1).to_string();
        let parent_node = parent.and_then(|p| self.node(p));
        let code = match parent_node {
            Some(p) if !p.code.is_empty() => format!("{}.{}", p.code, label),
            _ => label.clone(),
        };
        let node = Node {
            id,
            parent,
            code,
            label,
            text: text.to_string(),
            max: Some(max),
            weight: Dec::ONE,
            kind: parent_node.map(|p| p.kind).unwrap_or_default(),
            guidance: false,
        };
        (id, vec![Op::InsertNode { index, node }])
    }
}

/// Undo and redo stacks of steps.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Vec<Op>>,
    redo: Vec<Vec<Op>>,
}

/// Steps kept for undo.
pub const HISTORY_LIMIT: usize = 500;

impl History {
    /// Applies a step and records it; returns the ops that were applied
    /// (for deciding what to recompute). A step that changes nothing is not recorded.
    pub fn apply(&mut self, sheet: &mut Scoresheet, ops: Vec<Op>) -> Vec<Op> {
        let applied = ops.clone();
        let locks = ops.iter().any(|o| matches!(o, Op::SetLock { .. }));
        let inverse = sheet.apply_all(ops);
        if locks {
            // A lock or unlock is a barrier (`lock.rs`, rule 4): undo
            // neither crosses it nor takes it back unlogged.
            self.clear();
        } else if !inverse.is_empty() {
            self.undo.push(inverse);
            if self.undo.len() > HISTORY_LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        applied
    }

    /// Undoes the last step; returns the ops applied to do so.
    pub fn undo(&mut self, sheet: &mut Scoresheet) -> Option<Vec<Op>> {
        let step = self.undo.pop()?;
        let applied = step.clone();
        let inverse = sheet.apply_all(step);
        self.redo.push(inverse);
        Some(applied)
    }

    pub fn redo(&mut self, sheet: &mut Scoresheet) -> Option<Vec<Op>> {
        let step = self.redo.pop()?;
        let applied = step.clone();
        let inverse = sheet.apply_all(step);
        self.undo.push(inverse);
        Some(applied)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    #[test]
    fn undo_and_redo_restore_exactly() {
        let mut s = sample();
        let original = s.clone();
        let mut h = History::default();
        let u = s.units[0].id;
        let n = s.node_by_code("I.1").unwrap().id;
        h.apply(
            &mut s,
            vec![
                Op::SetRaw {
                    unit: u,
                    node: n,
                    stage: Stage::Verify,
                    raw: "7,5".into(),
                },
                Op::SetNote {
                    unit: u,
                    node: n,
                    stage: Stage::Verify,
                    note: "giảm".into(),
                },
            ],
        );
        let edited = s.clone();
        assert_eq!(s.units[0].raw(n, Stage::Verify), "7,5");
        assert!(h.undo(&mut s).is_some());
        assert_eq!(s, original);
        assert!(h.redo(&mut s).is_some());
        assert_eq!(s, edited);
        assert!(h.redo(&mut s).is_none());
    }

    #[test]
    fn structural_edits_undo() {
        let mut s = sample();
        let original = s.clone();
        let mut h = History::default();
        // Remove section I with everything under it and its marks.
        let i = s.node_by_code("I").unwrap().id;
        let ops = s.remove_subtree_ops(i);
        h.apply(&mut s, ops);
        assert!(s.node_by_code("I.6.a").is_none());
        assert!(s.node_by_code("II").is_some());
        assert!(s
            .units
            .iter()
            .all(|u| u.marks.iter().all(|m| !m.contains_key(&i))));
        // Add and move units, add a criterion.
        let unit = Unit::new(s.next_unit_id(), "UBND huyện Vũ Quang");
        h.apply(&mut s, vec![Op::InsertUnit { index: 6, unit }]);
        h.apply(&mut s, vec![Op::MoveUnit { from: 6, to: 0 }]);
        assert_eq!(s.units[0].name, "UBND huyện Vũ Quang");
        let after = s.node_by_code("II.4").unwrap().id;
        let (id, ops) = s.add_criterion_ops(Some(after), "Tiêu chí mới", Dec::from_int(2));
        h.apply(&mut s, ops);
        assert_eq!(s.node(id).unwrap().code, "II.5");
        while h.undo(&mut s).is_some() {}
        assert_eq!(s, original);
    }

    #[test]
    fn receipts_are_set_and_undone_without_touching_results() {
        let mut s = sample();
        let original = s.clone();
        let mut h = History::default();
        let u = s.units[2].id;
        let r = Receipt {
            file: "ky-anh.xlsx".into(),
            at: 5,
            filled: [4, 1, 0],
        };
        let op = Op::SetReceipts {
            unit: u,
            receipts: vec![r.clone()],
        };
        assert!(op.touches_only_cells() && op.cell().is_none());
        h.apply(&mut s, vec![op]);
        assert_eq!(s.units[2].receipts, [r]);
        h.undo(&mut s);
        assert_eq!(s, original);
        assert!(s
            .apply(Op::SetReceipts {
                unit: 999,
                receipts: Vec::new()
            })
            .is_none());
    }

    #[test]
    fn ops_that_do_not_apply_change_nothing() {
        let mut s = sample();
        let before = s.clone();
        assert!(s.apply(Op::RemoveUnit { index: 99 }).is_none());
        assert!(s
            .apply(Op::SetMax {
                node: 9999,
                max: None
            })
            .is_none());
        assert_eq!(s, before);
        let mut h = History::default();
        h.apply(&mut s, vec![Op::RemoveUnit { index: 99 }]);
        assert!(!h.can_undo());
    }
}
