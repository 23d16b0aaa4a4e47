//! Everything computed from a [`Scoresheet`]: cell validation, section
//! subtotals, weighted totals, bonus cap, deductions, results per stage,
//! final results, ranking and classification. Nothing here is stored.
//!
//! Rules (pinned by the tests below):
//! - A criterion is *scoreable* when it is not guidance, has a maximum and
//!   has no scoreable children. Its points are `score × weight`.
//! - A cell is left out of totals when it is empty or invalid (not a
//!   number, negative, above its maximum); invalid cells are counted.
//! - A section's points are the sum of its children's points times its own
//!   weight. Bonus and deduction sections that state a maximum are capped
//!   at it; content sections are not (their stated maximum should equal the
//!   sum, which the import checks).
//! - Total = content + bonus (capped at the bonus maximum) − deductions.
//!   Deduction cells hold the points to subtract, as positive numbers.
//! - A stage is *filled* for a unit when at least one of its score cells
//!   holds text. The final result is that of the latest filled stage
//!   (thẩm định, then khối chấm, then tự chấm).
//! - Ranking, per stage and final, covers the units for which that stage is
//!   filled, by total, highest first. Equal totals share a rank (1, 1, 3).
//!   Tie-break for the order in which tied units are listed: higher content
//!   points first, then fewer deduction points, then the unit's position in
//!   the scoresheet. The tie-break orders; it never splits a shared rank.

use super::num::{Dec, ParseError};
use super::sheet::{Kind, NodeId, Scoresheet, Stage, Unit};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Why a cell's text is not counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellError {
    Parse(ParseError),
    Negative,
    AboveMax(Dec),
}

/// A cell's text, evaluated against its criterion's maximum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    Empty,
    Valid(Dec),
    Invalid(CellError),
}

impl CellValue {
    pub fn value(&self) -> Option<Dec> {
        match self {
            CellValue::Valid(v) => Some(*v),
            _ => None,
        }
    }

    pub fn error(&self) -> Option<&CellError> {
        match self {
            CellValue::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

/// Validates the text typed into a score cell. The text itself is never
/// changed: the caller keeps it as typed.
pub fn evaluate(raw: &str, max: Option<Dec>) -> CellValue {
    match Dec::parse(raw) {
        Ok(None) => CellValue::Empty,
        Err(e) => CellValue::Invalid(CellError::Parse(e)),
        Ok(Some(v)) if v.is_negative() => CellValue::Invalid(CellError::Negative),
        Ok(Some(v)) => match max {
            Some(m) if v > m => CellValue::Invalid(CellError::AboveMax(m)),
            _ => CellValue::Valid(v),
        },
    }
}

/// The shape of the criteria tree, derived once per structure change.
#[derive(Clone, Debug, PartialEq)]
pub struct Tree {
    index: HashMap<NodeId, usize>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    depth: Vec<usize>,
    scoreable: Vec<bool>,
    /// Weighted maximum of each node (sections: sum of children, capped).
    max: Vec<Option<Dec>>,
    /// The same without weights: the scale the template states.
    plain: Vec<Option<Dec>>,
    kind: Vec<Kind>,
    pub content_max: Dec,
    pub bonus_max: Dec,
    pub deduction_max: Dec,
    pub content_plain_max: Dec,
    pub bonus_plain_max: Dec,
    pub deduction_plain_max: Dec,
}

impl Tree {
    pub fn new(sheet: &Scoresheet) -> Tree {
        let n = sheet.nodes.len();
        let index: HashMap<NodeId, usize> = sheet
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (node.id, i))
            .collect();
        let mut parent = vec![None; n];
        let mut children = vec![Vec::new(); n];
        let mut depth = vec![0; n];
        for (i, node) in sheet.nodes.iter().enumerate() {
            // A parent must precede its child; anything else is treated as a root.
            if let Some(p) = node.parent.and_then(|p| index.get(&p).copied()) {
                if p < i {
                    parent[i] = Some(p);
                    children[p].push(i);
                    depth[i] = depth[p] + 1;
                }
            }
        }
        let mut scoreable = vec![false; n];
        let mut has_scoreable_child = vec![false; n];
        let mut max: Vec<Option<Dec>> = vec![None; n];
        let mut plain: Vec<Option<Dec>> = vec![None; n];
        let mut child_max_sum = vec![Dec::ZERO; n];
        let mut child_plain_sum = vec![Dec::ZERO; n];
        for i in (0..n).rev() {
            let node = &sheet.nodes[i];
            if node.guidance {
                continue;
            }
            if has_scoreable_child[i] {
                let mut m = child_max_sum[i].times(node.weight);
                let mut pm = child_plain_sum[i];
                if let (Some(stated), Kind::Bonus | Kind::Deduction) = (node.max, node.kind) {
                    m = m.min(stated);
                    pm = pm.min(stated);
                }
                max[i] = Some(m);
                plain[i] = Some(pm);
            } else if let Some(m) = node.max {
                scoreable[i] = true;
                max[i] = Some(m.times(node.weight));
                plain[i] = Some(m);
            }
            if let (Some(p), Some(m), Some(pm)) = (parent[i], max[i], plain[i]) {
                has_scoreable_child[p] = true;
                child_max_sum[p] += m;
                child_plain_sum[p] += pm;
            }
        }
        let kind: Vec<Kind> = sheet.nodes.iter().map(|n| n.kind).collect();
        let mut totals = [Dec::ZERO; 3];
        let mut plain_totals = [Dec::ZERO; 3];
        for i in 0..n {
            if let (None, Some(m), Some(pm)) = (parent[i], max[i], plain[i]) {
                let k = match kind[i] {
                    Kind::Content => 0,
                    Kind::Bonus => 1,
                    Kind::Deduction => 2,
                };
                totals[k] += m;
                plain_totals[k] += pm;
            }
        }
        let [content_max, bonus_max, deduction_max] = totals;
        let [content_plain_max, bonus_plain_max, deduction_plain_max] = plain_totals;
        Tree {
            index,
            parent,
            children,
            depth,
            scoreable,
            max,
            plain,
            kind,
            content_max,
            bonus_max,
            deduction_max,
            content_plain_max,
            bonus_plain_max,
            deduction_plain_max,
        }
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    pub fn position(&self, id: NodeId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    pub fn is_scoreable(&self, pos: usize) -> bool {
        self.scoreable[pos]
    }

    /// True for nodes whose points are a sum of children.
    pub fn is_section(&self, pos: usize) -> bool {
        !self.scoreable[pos] && self.max[pos].is_some()
    }

    pub fn depth(&self, pos: usize) -> usize {
        self.depth[pos]
    }

    pub fn parent(&self, pos: usize) -> Option<usize> {
        self.parent[pos]
    }

    pub fn children(&self, pos: usize) -> &[usize] {
        &self.children[pos]
    }

    /// Weighted maximum of a node: a criterion's max × weight, or a section's sum.
    pub fn max(&self, pos: usize) -> Option<Dec> {
        self.max[pos]
    }

    /// Maximum of a node without weights (the template's stated scale).
    pub fn plain_max(&self, pos: usize) -> Option<Dec> {
        self.plain[pos]
    }

    pub fn kind(&self, pos: usize) -> Kind {
        self.kind[pos]
    }

    /// Positions of the top-level nodes that carry points.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(|&i| self.parent[i].is_none() && self.max[i].is_some())
    }
}

/// One unit's result in one stage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageResult {
    /// Points of every node by position (criteria and sections); zero for
    /// guidance and for empty or invalid cells.
    pub points: Vec<Dec>,
    pub content: Dec,
    /// Bonus points after the cap.
    pub bonus: Dec,
    pub deduction: Dec,
    pub total: Dec,
    /// Score cells holding text (valid or not).
    pub entered: usize,
    /// Score cells whose text is not counted.
    pub invalid: usize,
}

impl StageResult {
    pub fn filled(&self) -> bool {
        self.entered > 0
    }
}

/// Computes one unit's result for one stage.
pub fn stage_result(sheet: &Scoresheet, tree: &Tree, unit: &Unit, stage: Stage) -> StageResult {
    let n = tree.len();
    let mut raw_sum = vec![Dec::ZERO; n];
    let mut points = vec![Dec::ZERO; n];
    let mut r = StageResult::default();
    for i in (0..n).rev() {
        let node = &sheet.nodes[i];
        if tree.scoreable[i] {
            let raw = unit.raw(node.id, stage);
            if !raw.trim().is_empty() {
                r.entered += 1;
            }
            match evaluate(raw, node.max) {
                CellValue::Valid(v) => points[i] = v.times(node.weight),
                CellValue::Invalid(_) => r.invalid += 1,
                CellValue::Empty => {}
            }
        } else if tree.max[i].is_some() {
            let mut p = raw_sum[i].times(node.weight);
            if let (Some(stated), Kind::Bonus | Kind::Deduction) = (node.max, node.kind) {
                p = p.min(stated);
            }
            points[i] = p;
        }
        if let Some(par) = tree.parent[i] {
            raw_sum[par] += points[i];
        }
    }
    for i in tree.roots() {
        match tree.kind[i] {
            Kind::Content => r.content += points[i],
            Kind::Bonus => r.bonus += points[i],
            Kind::Deduction => r.deduction += points[i],
        }
    }
    r.bonus = r.bonus.min(tree.bonus_max);
    r.total = r.content + r.bonus - r.deduction;
    r.points = points;
    r
}

/// All computed results of a scoresheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub tree: Tree,
    /// By unit position.
    pub units: Vec<UnitResult>,
}

/// One unit's results across stages.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitResult {
    pub stages: [StageResult; 3],
    /// Rank per stage; `None` when that stage is not filled.
    pub rank: [Option<usize>; 3],
    /// The latest filled stage.
    pub final_stage: Option<Stage>,
    pub final_rank: Option<usize>,
}

impl UnitResult {
    pub fn stage(&self, s: Stage) -> &StageResult {
        &self.stages[s.index()]
    }

    pub fn final_result(&self) -> Option<&StageResult> {
        self.final_stage.map(|s| self.stage(s))
    }

    /// A stage's result once someone has scored it.
    pub fn scored(&self, s: Stage) -> Option<&StageResult> {
        Some(self.stage(s)).filter(|r| r.filled())
    }

    /// A stage's result once scored, or with `None` the final result.
    pub fn result_for(&self, stage: Option<Stage>) -> Option<&StageResult> {
        match stage {
            Some(s) => self.scored(s),
            None => self.final_result(),
        }
    }

    /// The rank in a stage, or with `None` the final rank.
    pub fn rank_for(&self, stage: Option<Stage>) -> Option<usize> {
        match stage {
            Some(s) => self.rank[s.index()],
            None => self.final_rank,
        }
    }

    pub fn final_total(&self) -> Option<Dec> {
        self.final_result().map(|r| r.total)
    }
}

impl Results {
    pub fn compute(sheet: &Scoresheet) -> Results {
        let tree = Tree::new(sheet);
        let units: Vec<UnitResult> = sheet
            .units
            .iter()
            .map(|u| {
                let stages = Stage::ALL.map(|s| stage_result(sheet, &tree, u, s));
                UnitResult {
                    stages,
                    rank: [None; 3],
                    final_stage: None,
                    final_rank: None,
                }
            })
            .collect();
        let mut r = Results { tree, units };
        r.rerank();
        r
    }

    /// Recomputes only the given (unit position, stage) results after cell
    /// edits, then the ranks. The tree and units must be unchanged.
    pub fn update_cells(&mut self, sheet: &Scoresheet, cells: &[(usize, Stage)]) {
        for &(ui, s) in cells {
            if let (Some(u), Some(r)) = (sheet.units.get(ui), self.units.get_mut(ui)) {
                r.stages[s.index()] = stage_result(sheet, &self.tree, u, s);
            }
        }
        self.rerank();
    }

    fn rerank(&mut self) {
        for u in self.units.iter_mut() {
            u.final_stage = Stage::ALL
                .into_iter()
                .rev()
                .find(|s| u.stages[s.index()].filled());
        }
        for s in Stage::ALL {
            let scored: Vec<Option<&StageResult>> =
                self.units.iter().map(|u| u.scored(s)).collect();
            let ranks = rank(&scored);
            for (u, r) in self.units.iter_mut().zip(ranks) {
                u.rank[s.index()] = r;
            }
        }
        let finals: Vec<Option<&StageResult>> =
            self.units.iter().map(|u| u.final_result()).collect();
        let ranks = rank(&finals);
        for (u, r) in self.units.iter_mut().zip(ranks) {
            u.final_rank = r;
        }
    }

    /// Unit positions in ranking order for a stage (`None`: final), with
    /// the documented tie-break; unranked units last, in sheet order.
    pub fn order(&self, stage: Option<Stage>) -> Vec<usize> {
        let pick = |i: usize| self.units[i].result_for(stage);
        let mut idx: Vec<usize> = (0..self.units.len()).collect();
        idx.sort_by(|&a, &b| match (pick(a), pick(b)) {
            (Some(x), Some(y)) => compare(x, y).then(a.cmp(&b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.cmp(&b),
        });
        idx
    }
}

/// Ranking order: total desc, then the tie-break (content desc, deduction asc).
fn compare(x: &StageResult, y: &StageResult) -> Ordering {
    y.total
        .cmp(&x.total)
        .then(y.content.cmp(&x.content))
        .then(x.deduction.cmp(&y.deduction))
}

/// Competition ranking ("1, 1, 3") by total among the present results.
pub fn rank(results: &[Option<&StageResult>]) -> Vec<Option<usize>> {
    results
        .iter()
        .map(|r| {
            r.map(|r| {
                1 + results
                    .iter()
                    .flatten()
                    .filter(|o| o.total > r.total)
                    .count()
            })
        })
        .collect()
}

/// The classification band a total reaches (highest band first).
pub fn classify(sheet: &Scoresheet, total: Dec) -> Option<&str> {
    sheet
        .classes
        .iter()
        .filter(|c| total >= c.min)
        .max_by_key(|c| c.min)
        .map(|c| c.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sheet::Class;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap().unwrap()
    }

    /// I (content): 1 (max 10), 2 (max 5, weight 2) with a) 3 and b) 2 under 3.
    /// II bonus: stated max 5, items 3 and 4. III deduction: 2 items of 5.
    fn sheet() -> Scoresheet {
        let mut s = Scoresheet::new("Thử");
        let i = s.push_node(None, "I", "Nội dung", Some(d("30")), Kind::Content);
        s.push_node(Some(i), "1", "Tiêu chí 1", Some(d("10")), Kind::Content);
        let c2 = s.push_node(Some(i), "2", "Tiêu chí 2", Some(d("5")), Kind::Content);
        s.nodes.last_mut().unwrap().weight = d("2");
        s.push_guidance(Some(c2), "- Hướng dẫn: đủ 5 điểm khi hoàn thành");
        s.push_node(Some(i), "3", "Tiêu chí 3", None, Kind::Content);
        let c3 = s.nodes.last().unwrap().id;
        s.push_node(Some(c3), "a)", "Ý a", Some(d("2,5")), Kind::Content);
        s.push_node(Some(c3), "b)", "Ý b", Some(d("2,5")), Kind::Content);
        let b = s.push_node(None, "II", "Điểm thưởng", Some(d("5")), Kind::Bonus);
        s.push_node(Some(b), "1", "Thưởng 1", Some(d("3")), Kind::Bonus);
        s.push_node(Some(b), "2", "Thưởng 2", Some(d("4")), Kind::Bonus);
        let t = s.push_node(None, "III", "Điểm trừ", None, Kind::Deduction);
        s.push_node(Some(t), "1", "Trừ 1", Some(d("5")), Kind::Deduction);
        s.push_node(Some(t), "2", "Trừ 2", Some(d("5")), Kind::Deduction);
        for name in ["A", "B", "C", "D"] {
            s.push_unit(name);
        }
        s
    }

    fn set(s: &mut Scoresheet, unit: usize, code: &str, stage: Stage, raw: &str) {
        let id = s.node_by_code(code).unwrap().id;
        s.units[unit].set_raw(id, stage, raw);
    }

    #[test]
    fn maxima_follow_weights_and_caps() {
        let s = sheet();
        let t = Tree::new(&s);
        // 10 + 5×2 + (2,5 + 2,5) = 25
        assert_eq!(t.content_max, d("25"));
        // 3 + 4 = 7, capped at the stated 5
        assert_eq!(t.bonus_max, d("5"));
        assert_eq!(t.deduction_max, d("10"));
        // Unweighted: 10 + 5 + 5.
        assert_eq!(t.content_plain_max, d("20"));
        assert_eq!(t.bonus_plain_max, d("5"));
        let c3 = t.position(s.node_by_code("I.3").unwrap().id).unwrap();
        assert!(t.is_section(c3));
        assert_eq!(t.max(c3), Some(d("5")));
        let guidance = s.nodes.iter().position(|n| n.guidance).unwrap();
        assert!(!t.is_scoreable(guidance));
        assert_eq!(t.max(guidance), None);
    }

    #[test]
    fn weighted_totals_subtotals_bonus_cap_and_deductions() {
        let mut s = sheet();
        set(&mut s, 0, "I.1", Stage::SelfScore, "8,5");
        set(&mut s, 0, "I.2", Stage::SelfScore, "4,25"); // × 2 = 8,5
        set(&mut s, 0, "I.3.a", Stage::SelfScore, "2");
        set(&mut s, 0, "I.3.b", Stage::SelfScore, "0,1");
        set(&mut s, 0, "II.1", Stage::SelfScore, "3");
        set(&mut s, 0, "II.2", Stage::SelfScore, "4"); // 7 capped to 5
        set(&mut s, 0, "III.1", Stage::SelfScore, "1,5");
        let r = Results::compute(&s);
        let u = r.units[0].stage(Stage::SelfScore);
        assert_eq!(u.content, d("19,1"));
        assert_eq!(u.bonus, d("5"));
        assert_eq!(u.deduction, d("1,5"));
        assert_eq!(u.total, d("22,6"));
        assert_eq!(u.total.to_vi(), "22,6");
        let c3 = r.tree.position(s.node_by_code("I.3").unwrap().id).unwrap();
        assert_eq!(u.points[c3], d("2,1"));
        let sec = r.tree.position(s.node_by_code("I").unwrap().id).unwrap();
        assert_eq!(u.points[sec], d("19,1"));
    }

    #[test]
    fn invalid_cells_are_kept_counted_and_left_out() {
        let mut s = sheet();
        set(&mut s, 0, "I.1", Stage::Bloc, "12"); // above max 10
        set(&mut s, 0, "I.2", Stage::Bloc, "-1");
        set(&mut s, 0, "I.3.a", Stage::Bloc, "abc");
        set(&mut s, 0, "I.3.b", Stage::Bloc, "2,5");
        let r = Results::compute(&s);
        let u = r.units[0].stage(Stage::Bloc);
        assert_eq!(u.invalid, 3);
        assert_eq!(u.entered, 4);
        assert_eq!(u.total, d("2,5"));
        // The typed text is untouched.
        let id = s.node_by_code("I.1").unwrap().id;
        assert_eq!(s.units[0].raw(id, Stage::Bloc), "12");
        assert_eq!(
            evaluate("12", Some(d("10"))),
            CellValue::Invalid(CellError::AboveMax(d("10")))
        );
        assert_eq!(
            evaluate("-1", Some(d("10"))),
            CellValue::Invalid(CellError::Negative)
        );
        assert_eq!(
            evaluate("abc", Some(d("10"))),
            CellValue::Invalid(CellError::Parse(ParseError::NotANumber))
        );
        assert_eq!(evaluate("10", Some(d("10"))), CellValue::Valid(d("10")));
        assert_eq!(evaluate(" ", Some(d("10"))), CellValue::Empty);
    }

    #[test]
    fn ties_share_a_rank_and_the_tie_break_orders_them() {
        let mut s = sheet();
        // A: 10 content. B: 8 content + 2 bonus = 10. C: 9. D: nothing.
        set(&mut s, 0, "I.1", Stage::Bloc, "10");
        set(&mut s, 1, "I.1", Stage::Bloc, "8");
        set(&mut s, 1, "II.1", Stage::Bloc, "2");
        set(&mut s, 2, "I.1", Stage::Bloc, "9");
        let r = Results::compute(&s);
        let ranks: Vec<_> = r
            .units
            .iter()
            .map(|u| u.rank[Stage::Bloc.index()])
            .collect();
        assert_eq!(ranks, vec![Some(1), Some(1), Some(3), None]);
        // B first would be wrong: A has more content points.
        assert_eq!(r.order(Some(Stage::Bloc)), vec![0, 1, 2, 3]);
        // Swap: B gets more content, equal total.
        set(&mut s, 1, "I.1", Stage::Bloc, "10");
        set(&mut s, 1, "II.1", Stage::Bloc, "");
        set(&mut s, 0, "I.1", Stage::Bloc, "9");
        set(&mut s, 0, "II.1", Stage::Bloc, "1");
        let r = Results::compute(&s);
        assert_eq!(r.order(Some(Stage::Bloc)), vec![1, 0, 2, 3]);
        let ranks: Vec<_> = r
            .units
            .iter()
            .map(|u| u.rank[Stage::Bloc.index()])
            .collect();
        assert_eq!(ranks, vec![Some(1), Some(1), Some(3), None]);
    }

    #[test]
    fn final_result_is_the_latest_filled_stage() {
        let mut s = sheet();
        set(&mut s, 0, "I.1", Stage::SelfScore, "10");
        set(&mut s, 0, "I.1", Stage::Bloc, "9");
        set(&mut s, 0, "I.1", Stage::Verify, "7,5");
        set(&mut s, 1, "I.1", Stage::SelfScore, "9");
        set(&mut s, 1, "I.1", Stage::Bloc, "8");
        set(&mut s, 2, "I.1", Stage::SelfScore, "6");
        let r = Results::compute(&s);
        assert_eq!(r.units[0].final_stage, Some(Stage::Verify));
        assert_eq!(r.units[0].final_total(), Some(d("7,5")));
        assert_eq!(r.units[1].final_stage, Some(Stage::Bloc));
        assert_eq!(r.units[1].final_total(), Some(d("8")));
        assert_eq!(r.units[2].final_stage, Some(Stage::SelfScore));
        assert_eq!(r.units[3].final_stage, None);
        // Self-scoring ranks A first; the final ranking puts B (8) above A (7,5).
        let self_ranks: Vec<_> = r.units.iter().map(|u| u.rank[0]).collect();
        assert_eq!(self_ranks, vec![Some(1), Some(2), Some(3), None]);
        let finals: Vec<_> = r.units.iter().map(|u| u.final_rank).collect();
        assert_eq!(finals, vec![Some(2), Some(1), Some(3), None]);
        // A stage holding only an invalid cell is still filled (the secretary
        // must see it), and counts nothing.
        set(&mut s, 3, "I.1", Stage::Verify, "mười");
        let r = Results::compute(&s);
        assert_eq!(r.units[3].final_stage, Some(Stage::Verify));
        assert_eq!(r.units[3].final_total(), Some(Dec::ZERO));
        assert_eq!(r.units[3].stage(Stage::Verify).invalid, 1);
    }

    #[test]
    fn weight_on_a_section_scales_its_sum() {
        let mut s = sheet();
        let i = s.node_by_code("I").unwrap().id;
        s.nodes.iter_mut().find(|n| n.id == i).unwrap().weight = d("0,5");
        set(&mut s, 0, "I.1", Stage::SelfScore, "7");
        set(&mut s, 0, "I.2", Stage::SelfScore, "1,5"); // × 2 = 3
        let r = Results::compute(&s);
        assert_eq!(r.tree.content_max, d("12,5"));
        assert_eq!(r.units[0].stage(Stage::SelfScore).content, d("5"));
    }

    #[test]
    fn incremental_update_equals_full_compute() {
        let mut s = sheet();
        set(&mut s, 0, "I.1", Stage::Bloc, "10");
        set(&mut s, 1, "I.1", Stage::Bloc, "9");
        let mut r = Results::compute(&s);
        set(&mut s, 1, "I.1", Stage::Bloc, "10");
        set(&mut s, 2, "II.1", Stage::Verify, "2");
        r.update_cells(&s, &[(1, Stage::Bloc), (2, Stage::Verify)]);
        assert_eq!(r, Results::compute(&s));
        assert_eq!(r.units[1].rank[Stage::Bloc.index()], Some(1));
    }

    #[test]
    fn classification_bands() {
        let mut s = sheet();
        s.classes = vec![
            Class {
                name: "Khá".into(),
                min: d("70"),
            },
            Class {
                name: "Xuất sắc".into(),
                min: d("95"),
            },
            Class {
                name: "Tốt".into(),
                min: d("85"),
            },
        ];
        assert_eq!(classify(&s, d("96")), Some("Xuất sắc"));
        assert_eq!(classify(&s, d("95")), Some("Xuất sắc"));
        assert_eq!(classify(&s, d("94,99")), Some("Tốt"));
        assert_eq!(classify(&s, d("70")), Some("Khá"));
        assert_eq!(classify(&s, d("69,5")), None);
    }

    #[test]
    fn deduction_section_with_stated_max_caps() {
        let mut s = sheet();
        let t = s.node_by_code("III").unwrap().id;
        s.nodes.iter_mut().find(|n| n.id == t).unwrap().max = Some(d("6"));
        set(&mut s, 0, "I.1", Stage::SelfScore, "10");
        set(&mut s, 0, "III.1", Stage::SelfScore, "5");
        set(&mut s, 0, "III.2", Stage::SelfScore, "5");
        let r = Results::compute(&s);
        assert_eq!(r.tree.deduction_max, d("6"));
        assert_eq!(r.units[0].stage(Stage::SelfScore).total, d("4"));
    }
}
