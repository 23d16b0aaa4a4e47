//! The cells of a layout over a scoresheet: which take a value, their
//! text, where the keys go, and what typed, pasted or filled text becomes
//! (rules 1–4 in `mod.rs`).

use super::layout::{Col, Layout, Sel, Target};
use crate::model::input::{self, InputError};
use crate::model::{tsv, Op, Scoresheet, Tree};

/// Why a cell did not take a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A section total, a guidance line or another computed cell.
    Computed,
    /// The value is not one the cell can hold.
    Input(InputError),
    /// The results are locked ("Chốt kết quả", `model::lock` rule 3).
    Locked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
    Left,
    Right,
}

/// What a paste does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paste {
    pub ops: Vec<Op>,
    /// Values that fell on cells taking none (section totals, guidance
    /// lines) or outside the grid: information, not failure.
    pub skipped: usize,
    /// Values a cell refused (a negative maximum…), with the first reason.
    pub refused: usize,
    pub first_refusal: Option<Refusal>,
    /// The pasted block, to select.
    pub sel: Option<Sel>,
}

pub struct Cells<'a> {
    pub sheet: &'a Scoresheet,
    pub tree: &'a Tree,
    pub layout: &'a Layout,
}

impl<'a> Cells<'a> {
    pub fn new(sheet: &'a Scoresheet, tree: &'a Tree, layout: &'a Layout) -> Cells<'a> {
        Cells {
            sheet,
            tree,
            layout,
        }
    }

    pub fn target(&self, at: (usize, usize)) -> Option<Target> {
        self.layout.target(self.sheet, at)
    }

    /// Rule 1.
    pub fn takes_value(&self, at: (usize, usize)) -> bool {
        self.target(at).is_some_and(|tg| self.target_takes(&tg))
    }

    /// Rule 5: why typing in the cell at `at` would be refused, before
    /// anything is typed: a locked sheet, or a cell taking no value.
    pub fn entry_refusal(&self, at: (usize, usize)) -> Option<Refusal> {
        if self.sheet.lock.is_some() {
            Some(Refusal::Locked)
        } else if !self.takes_value(at) {
            Some(Refusal::Computed)
        } else {
            None
        }
    }

    fn target_takes(&self, tg: &Target) -> bool {
        let guidance = self.sheet.nodes[tg.pos].guidance;
        match tg.col {
            Col::Text => true,
            Col::Max => !guidance && !self.tree.is_section(tg.pos),
            Col::Weight => !guidance,
            Col::Score { .. } | Col::Note { .. } => self.tree.is_scoreable(tg.pos),
        }
    }

    /// The text a cell shows in its editor and copies.
    pub fn text(&self, at: (usize, usize)) -> String {
        self.target(at)
            .map(|tg| self.target_text(&tg))
            .unwrap_or_default()
    }

    fn target_text(&self, tg: &Target) -> String {
        let n = &self.sheet.nodes[tg.pos];
        match tg.col {
            Col::Text => n.text.clone(),
            Col::Max => n.max.map(|m| m.to_vi()).unwrap_or_default(),
            Col::Weight => n.weight.to_vi(),
            Col::Score { unit, stage, .. } => self
                .sheet
                .units
                .get(unit)
                .map(|u| u.raw(n.id, stage).to_string())
                .unwrap_or_default(),
            Col::Note { unit, stage, .. } => self
                .sheet
                .units
                .get(unit)
                .and_then(|u| u.mark(n.id, stage))
                .map(|m| m.note.clone())
                .unwrap_or_default(),
        }
    }

    /// Rule 3: the ops that put `value` in the cell at `at`, or why not.
    pub fn ops_for(&self, at: (usize, usize), value: &str) -> Result<Vec<Op>, Refusal> {
        let tg = self.target(at).ok_or(Refusal::Computed)?;
        self.target_ops(&tg, value)
    }

    fn target_ops(&self, tg: &Target, value: &str) -> Result<Vec<Op>, Refusal> {
        if self.sheet.lock.is_some() {
            return Err(Refusal::Locked);
        }
        if !self.target_takes(tg) {
            return Err(Refusal::Computed);
        }
        let current = self.target_text(tg);
        if current == value {
            return Ok(Vec::new());
        }
        let node = tg.node;
        let op = match tg.col {
            Col::Text => Op::SetText {
                node,
                text: input::criterion_text(value),
            },
            Col::Max => Op::SetMax {
                node,
                max: Some(input::max(value).map_err(Refusal::Input)?),
            },
            Col::Weight => Op::SetWeight {
                node,
                weight: input::weight(value).map_err(Refusal::Input)?,
            },
            Col::Score { id, stage, .. } => Op::SetRaw {
                unit: id,
                node,
                stage,
                raw: input::score(value),
            },
            Col::Note { id, stage, .. } => {
                let note = input::note(value);
                if note == current {
                    return Ok(Vec::new());
                }
                Op::SetNote {
                    unit: id,
                    node,
                    stage,
                    note,
                }
            }
        };
        Ok(vec![op])
    }

    /// Rule 2: where Enter (Down), Shift+Enter (Up), Tab (Right), Shift+Tab
    /// (Left) and the arrows go from `from`.
    pub fn next(&self, from: (usize, usize), dir: Dir) -> (usize, usize) {
        let (rows, cols) = (self.layout.rows.len(), self.layout.cols.len());
        let (mut r, mut c) = from;
        loop {
            match dir {
                Dir::Up if r > 0 => r -= 1,
                Dir::Down if r + 1 < rows => r += 1,
                Dir::Left if c > 0 => c -= 1,
                Dir::Right if c + 1 < cols => c += 1,
                _ => return from,
            }
            if self.takes_value((r, c)) {
                return (r, c);
            }
        }
    }

    /// Enter, Shift+Enter, Tab, Shift+Tab, an arrow while typing: the
    /// typed text (if any) goes into the active cell, then the selection
    /// moves (rule 2). A refusal moves nothing: the text stays to fix.
    pub fn enter(
        &self,
        sel: Sel,
        typed: Option<&str>,
        dir: Dir,
    ) -> Result<(Vec<Op>, Sel), Refusal> {
        let ops = match typed {
            Some(text) => self.ops_for(sel.focus, text)?,
            None => Vec::new(),
        };
        let to = self.next(sel.focus, dir);
        Ok((ops, Sel::one(to.0, to.1)))
    }

    /// Every cell of the selection as tab-separated text.
    pub fn copy(&self, sel: Sel) -> String {
        let (r0, r1, c0, c1) = sel.rect();
        let rows: Vec<Vec<String>> = (r0..=r1)
            .map(|r| (c0..=c1).map(|c| self.text((r, c))).collect())
            .collect();
        tsv::write(&rows)
    }

    /// Clears the scores of the selection (criteria text and maxima stay).
    pub fn clear(&self, sel: Sel) -> Vec<Op> {
        let (r0, r1, c0, c1) = sel.rect();
        let mut ops = Vec::new();
        for r in r0..=r1 {
            for c in c0..=c1 {
                let Some(tg) = self.target((r, c)) else {
                    continue;
                };
                if matches!(tg.col, Col::Score { .. }) {
                    if let Ok(o) = self.target_ops(&tg, "") {
                        ops.extend(o);
                    }
                }
            }
        }
        ops
    }

    /// Rule 4.
    pub fn paste(&self, sel: Sel, text: &str) -> Paste {
        let block = tsv::parse(text);
        let mut out = Paste::default();
        if block.is_empty() {
            return out;
        }
        let (r0, r1, c0, c1) = sel.rect();
        // One value over a larger selection fills it, as in Excel.
        let single = block.len() == 1 && block[0].len() == 1;
        let (h, w) = if single {
            (r1 - r0 + 1, c1 - c0 + 1)
        } else {
            (
                block.len(),
                block.iter().map(|r| r.len()).max().unwrap_or(0),
            )
        };
        for i in 0..h {
            for j in 0..w {
                let value = if single {
                    block[0][0].as_str()
                } else {
                    match block[i].get(j) {
                        Some(v) => v.as_str(),
                        None => continue,
                    }
                };
                match self.ops_for((r0 + i, c0 + j), value) {
                    Ok(o) => out.ops.extend(o),
                    Err(Refusal::Computed) => out.skipped += 1,
                    Err(why) => {
                        out.refused += 1;
                        out.first_refusal.get_or_insert(why);
                    }
                }
            }
        }
        if !single {
            out.sel = Some(Sel {
                anchor: (r0, c0),
                focus: (r0 + h.saturating_sub(1), c0 + w.saturating_sub(1)),
            });
        }
        out
    }

    /// Ctrl+D: the selection's first row (or the row above a single row)
    /// copied down into the cells that take a value.
    pub fn fill_down(&self, sel: Sel) -> Vec<Op> {
        let (r0, r1, c0, c1) = sel.rect();
        let (src, from) = if r1 > r0 {
            (r0, r0 + 1)
        } else if r0 > 0 {
            (r0 - 1, r0)
        } else {
            return Vec::new();
        };
        let mut ops = Vec::new();
        for c in c0..=c1 {
            if !self.takes_value((src, c)) {
                continue;
            }
            let v = self.text((src, c));
            for r in from..=r1 {
                if let Ok(o) = self.ops_for((r, c), &v) {
                    ops.extend(o);
                }
            }
        }
        ops
    }
}
