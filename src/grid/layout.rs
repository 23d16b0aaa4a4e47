//! What the grid shows: rows (node positions, less what collapsed sections
//! hide) and columns (text, max, weight, then units × shown stages), and
//! the selection over them. Positions are (row, col), as everywhere.

use crate::model::{NodeId, Scoresheet, Stage, UnitId};
use std::collections::HashSet;

/// Navigable columns before the score columns: text, max, weight.
pub const FIXED_COLS: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Col {
    Text,
    Max,
    Weight,
    Score {
        /// Position of the unit in the sheet.
        unit: usize,
        id: UnitId,
        stage: Stage,
    },
    /// The notes of a unit's stage (the single-unit view shows one after
    /// each stage column: the reason for a deduction or a difference).
    Note {
        unit: usize,
        id: UnitId,
        stage: Stage,
    },
}

impl Col {
    /// The unit a score or note column belongs to.
    pub fn unit(&self) -> Option<usize> {
        match *self {
            Col::Score { unit, .. } | Col::Note { unit, .. } => Some(unit),
            _ => None,
        }
    }
}

/// Rows and columns on screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Node positions, in tree order.
    pub rows: Vec<usize>,
    pub cols: Vec<Col>,
}

/// What a grid position holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub node: NodeId,
    pub pos: usize,
    pub col: Col,
}

impl Layout {
    /// The rows (nodes whose ancestors are not collapsed) and the columns
    /// (every unit, or only `only`, with its `shown` stages).
    pub fn new(
        sheet: &Scoresheet,
        collapsed: &HashSet<NodeId>,
        shown: [bool; 3],
        only: Option<UnitId>,
    ) -> Layout {
        Layout {
            rows: Self::rows_of(sheet, collapsed),
            cols: Self::cols_of(sheet, shown, only),
        }
    }

    pub fn rows_of(sheet: &Scoresheet, collapsed: &HashSet<NodeId>) -> Vec<usize> {
        let mut hidden: HashSet<NodeId> = HashSet::new();
        let mut out = Vec::with_capacity(sheet.nodes.len());
        for (pos, n) in sheet.nodes.iter().enumerate() {
            if let Some(p) = n.parent {
                if hidden.contains(&p) || collapsed.contains(&p) {
                    hidden.insert(n.id);
                    continue;
                }
            }
            out.push(pos);
        }
        out
    }

    pub fn cols_of(sheet: &Scoresheet, shown: [bool; 3], only: Option<UnitId>) -> Vec<Col> {
        let mut v = vec![Col::Text, Col::Max, Col::Weight];
        for (i, u) in sheet.units.iter().enumerate() {
            if only.is_some_and(|o| o != u.id) {
                continue;
            }
            for st in Stage::ALL {
                if shown[st.index()] {
                    v.push(Col::Score {
                        unit: i,
                        id: u.id,
                        stage: st,
                    });
                    if only.is_some() {
                        v.push(Col::Note {
                            unit: i,
                            id: u.id,
                            stage: st,
                        });
                    }
                }
            }
        }
        v
    }

    pub fn target(&self, sheet: &Scoresheet, (row, col): (usize, usize)) -> Option<Target> {
        let pos = *self.rows.get(row)?;
        let col = *self.cols.get(col)?;
        let node = sheet.nodes.get(pos)?.id;
        Some(Target { node, pos, col })
    }

    /// The grid position of a node's cell in a column, if shown.
    pub fn find(&self, pos: usize, col: Col) -> Option<(usize, usize)> {
        let r = self.rows.iter().position(|&p| p == pos)?;
        let c = self.cols.iter().position(|&c| c == col)?;
        Some((r, c))
    }
}

/// A rectangular selection: where it started and where it is now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Sel {
    pub anchor: (usize, usize),
    pub focus: (usize, usize),
}

impl Sel {
    pub fn one(row: usize, col: usize) -> Sel {
        Sel {
            anchor: (row, col),
            focus: (row, col),
        }
    }

    /// (first row, last row, first col, last col), inclusive.
    pub fn rect(&self) -> (usize, usize, usize, usize) {
        let (a, b) = (self.anchor, self.focus);
        (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1))
    }

    /// The same selection kept inside a grid of `rows` × `cols`.
    pub fn clamped(&self, rows: usize, cols: usize) -> Sel {
        let clamp =
            |(r, c): (usize, usize)| (r.min(rows.saturating_sub(1)), c.min(cols.saturating_sub(1)));
        Sel {
            anchor: clamp(self.anchor),
            focus: clamp(self.focus),
        }
    }
}
