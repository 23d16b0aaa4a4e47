//! The thẩm định comparison: for each unit, the criteria where khối chấm
//! or thẩm định differs from tự chấm, with the differences.
//!
//! Rules (pinned by `tests/compare.rs`):
//! - A criterion is listed when, in khối chấm or thẩm định, its cell holds
//!   text that is not the tự chấm's (a different value, a value where tự
//!   chấm has none or an invalid one, a different invalid text), or that
//!   stage has a note. A section is listed only for a khối chấm or thẩm
//!   định note (its points are sums). Guidance lines never are.
//! - Values are valid values only; a delta is the stage's value minus the
//!   tự chấm value, when both are present and different.
//! - Units without any such criterion are left out, except the units the
//!   bloc ranked in its top three (khối chấm, ties included), listed with
//!   no criterion ("không có chênh lệch"): the Council sees every unit it
//!   is asked to confirm. Each unit says whether the bloc scored it at
//!   all; [`never_scored_by_bloc`] lists those it did not.
//! - Order: the top three of the final ranking or of the bloc's first
//!   (ties included), then the others, each group in the order of the
//!   final ranking ([`Results::order`], with its tie-break; the unranked
//!   last, in sheet order). Within a unit: tree order.
//!
//! Reasons (pinned by `tests/compare.rs` too):
//! - An *adjustment* is a khối chấm or thẩm định cell of a scoreable
//!   criterion holding text where tự chấm holds text too, and the two
//!   differ ([`same_cell`]: "5,0" is "5"). Each stage is compared with tự
//!   chấm, not with the stage before it. Where tự chấm is empty there is
//!   nothing to adjust: the bloc scores what the unit did not.
//! - The adjustment's reason is that stage's note on the cell (spaces
//!   aside); an adjustment without one is *unexplained* ([`needs_reason`]):
//!   the grid marks the cell, the Thẩm định tab lists it.
//! - [`adjustments`] lists them unit by unit in sheet order, criteria in
//!   tree order, khối chấm before thẩm định: the export's "Lịch sử điều
//!   chỉnh".

use super::calc::{evaluate, Results, Tree};
use super::merge::same_cell;
use super::num::Dec;
use super::sheet::{NodeId, Scoresheet, Stage, Unit};

/// One listed criterion of one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    pub node: NodeId,
    pub code: String,
    pub text: String,
    /// Tự chấm, khối chấm, thẩm định: valid values only.
    pub values: [Option<Dec>; 3],
    /// Khối chấm − tự chấm, when both are present and different.
    pub bloc_delta: Option<Dec>,
    /// Thẩm định − tự chấm, when both are present and different.
    pub verify_delta: Option<Dec>,
    /// The notes of the three stages.
    pub notes: [String; 3],
}

/// One unit's listed criteria.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitComparison {
    /// The unit's position in the scoresheet.
    pub unit: usize,
    pub final_rank: Option<usize>,
    /// The unit's rank in khối chấm (complete stages only).
    pub bloc_rank: Option<usize>,
    /// Whether the bloc typed any score for the unit.
    pub bloc_scored: bool,
    /// The total of each stage that is filled.
    pub totals: [Option<Dec>; 3],
    pub diffs: Vec<Diff>,
}

impl UnitComparison {
    /// Among the top three of the final ranking or of the bloc's (ties
    /// included).
    pub fn top(&self) -> bool {
        self.final_rank.is_some_and(|r| r <= 3) || self.bloc_top()
    }

    /// Among the top three the bloc ranked.
    pub fn bloc_top(&self) -> bool {
        self.bloc_rank.is_some_and(|r| r <= 3)
    }
}

/// The units whose khối chấm or thẩm định differs from tự chấm, in the
/// order above. `results` must be computed from `sheet`.
pub fn compare(sheet: &Scoresheet, results: &Results) -> Vec<UnitComparison> {
    let tree = &results.tree;
    let mut out = Vec::new();
    for ui in results.order(None) {
        let (Some(unit), Some(res)) = (sheet.units.get(ui), results.units.get(ui)) else {
            continue;
        };
        let mut diffs = Vec::new();
        for (pos, node) in sheet.nodes.iter().enumerate() {
            if node.guidance || pos >= tree.len() {
                continue;
            }
            let notes = Stage::ALL.map(|s| {
                unit.mark(node.id, s)
                    .map(|m| m.note.clone())
                    .unwrap_or_default()
            });
            let noted = !notes[1].trim().is_empty() || !notes[2].trim().is_empty();
            let scoreable = tree.is_scoreable(pos);
            let raws = Stage::ALL.map(|s| unit.raw(node.id, s).trim());
            let differs = scoreable
                && [Stage::Bloc, Stage::Verify].iter().any(|s| {
                    let r = raws[s.index()];
                    !r.is_empty() && !same_cell(r, raws[0])
                });
            if !differs && !noted {
                continue;
            }
            let values = if scoreable {
                raws.map(|r| evaluate(r, node.max).value())
            } else {
                [None; 3]
            };
            let delta = |v: Option<Dec>| match (v, values[0]) {
                (Some(x), Some(s)) if x != s => Some(x - s),
                _ => None,
            };
            diffs.push(Diff {
                node: node.id,
                code: node.code.clone(),
                text: node.text.clone(),
                values,
                bloc_delta: delta(values[1]),
                verify_delta: delta(values[2]),
                notes,
            });
        }
        let bloc_rank = res.rank[Stage::Bloc.index()];
        if diffs.is_empty() && bloc_rank.is_none_or(|r| r > 3) {
            continue;
        }
        out.push(UnitComparison {
            unit: ui,
            final_rank: res.final_rank,
            bloc_rank,
            bloc_scored: res.stage(Stage::Bloc).filled(),
            totals: Stage::ALL.map(|s| res.scored(s).map(|r| r.total)),
            diffs,
        });
    }
    // The top first, each group in the final ranking's order (stable).
    out.sort_by_key(|u| !u.top());
    out
}

/// Positions of the units the bloc has not scored at all (no khối chấm
/// cell holds text), in sheet order.
pub fn never_scored_by_bloc(results: &Results) -> Vec<usize> {
    (0..results.units.len())
        .filter(|&i| !results.units[i].stage(Stage::Bloc).filled())
        .collect()
}

/// A khối chấm or thẩm định cell that differs from tự chấm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    /// The unit's position in the scoresheet.
    pub unit: usize,
    pub node: NodeId,
    pub code: String,
    pub text: String,
    /// [`Stage::Bloc`] or [`Stage::Verify`].
    pub stage: Stage,
    /// Tự chấm's text, then the stage's, as typed (spaces around aside).
    pub before: String,
    pub after: String,
    /// The stage's note on the cell; empty when there is none.
    pub reason: String,
}

/// Whether `stage`'s cell of `node` adjusts the unit's tự chấm (for a
/// scoreable criterion: the caller knows which are).
pub fn adjusted(unit: &Unit, node: NodeId, stage: Stage) -> bool {
    if stage == Stage::SelfScore {
        return false;
    }
    let (before, after) = (
        unit.raw(node, Stage::SelfScore).trim(),
        unit.raw(node, stage).trim(),
    );
    !before.is_empty() && !after.is_empty() && !same_cell(before, after)
}

/// The cell's note, spaces around aside.
fn reason(unit: &Unit, node: NodeId, stage: Stage) -> &str {
    unit.mark(node, stage).map(|m| m.note.trim()).unwrap_or("")
}

/// An adjustment without a reason.
pub fn needs_reason(unit: &Unit, node: NodeId, stage: Stage) -> bool {
    adjusted(unit, node, stage) && reason(unit, node, stage).is_empty()
}

/// Every adjustment of the scoresheet, in the order above.
pub fn adjustments(sheet: &Scoresheet) -> Vec<Adjustment> {
    let tree = Tree::new(sheet);
    let mut out = Vec::new();
    for (ui, unit) in sheet.units.iter().enumerate() {
        for (pos, node) in sheet.nodes.iter().enumerate() {
            if node.guidance || !tree.is_scoreable(pos) {
                continue;
            }
            for stage in [Stage::Bloc, Stage::Verify] {
                if !adjusted(unit, node.id, stage) {
                    continue;
                }
                out.push(Adjustment {
                    unit: ui,
                    node: node.id,
                    code: node.code.clone(),
                    text: node.text.clone(),
                    stage,
                    before: unit.raw(node.id, Stage::SelfScore).trim().to_string(),
                    after: unit.raw(node.id, stage).trim().to_string(),
                    reason: reason(unit, node.id, stage).to_string(),
                });
            }
        }
    }
    out
}
