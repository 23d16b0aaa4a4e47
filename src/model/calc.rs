//! Everything computed from a [`Scoresheet`]: cell validation, section
//! subtotals, weighted totals, bonus cap, deductions, results per stage,
//! completeness, final results, ranking and ties. Nothing here is stored.
//! Classification bands are in `classes.rs` (which uses this file, not
//! the other way round).
//!
//! Rules (each pinned by a test below, named after it):
//! 1. A criterion is *scoreable* when it is not guidance, has a maximum and
//!    has no scoreable children. Its points are `score × weight`.
//! 2. A cell is left out of totals when it is empty or invalid (not a
//!    number, negative, above its maximum); invalid cells are counted.
//! 3. A section's points are the sum of its children's points times its own
//!    weight. Bonus and deduction sections that state a maximum are capped
//!    at it; content sections are not (their stated maximum should equal the
//!    sum, which the import checks).
//! 4. Total = content + bonus (capped at the bonus maximum) − deductions.
//!    Deduction cells hold the points to subtract, as positive numbers.
//! 5. The maximum of a node is what full marks give it: a criterion's
//!    maximum × weight; a section's children's maxima summed, × its weight,
//!    capped as in 3. That weighted maximum is the one shown everywhere
//!    (preview, grid, summary, chart, export); the unweighted ("raw") one
//!    is shown beside it where they differ. Full marks reach the shown
//!    maximum exactly; no total exceeds the content maximum plus the bonus
//!    maximum.
//! 6. A stage is *filled* for a unit when one of its score cells holds
//!    text, and *complete* when it is filled and every scoreable criterion
//!    holds a value: a valid number, or, for bonus and deduction criteria,
//!    nothing (no bonus, no deduction). An invalid cell holds no value: it
//!    makes its stage incomplete.
//! 7. Ranking in a stage covers the units whose stage is complete, by
//!    total, highest first. Equal totals share a rank (1, 1, 3).
//! 8. Final result ("Kết quả cuối"), rule [`FinalRule::Merge`] (the
//!    default): per criterion, thẩm định where its cell holds text, else
//!    khối chấm; a bonus or deduction criterion blank in both is 0 once
//!    either stage is filled. It is complete when every scoreable criterion
//!    gets a value that way (an invalid cell gives none). Its criteria
//!    scored are those holding text in either stage, each counted once.
//!    Self scores never
//!    make a final result, under any rule: a unit whose final is not
//!    complete waits for the bloc and is not ranked.
//! 9. Rule [`FinalRule::Latest`]: thẩm định when complete, else khối chấm
//!    when complete. Rule [`FinalRule::Highest`]: of khối chấm and thẩm
//!    định, the complete one that ranks higher by 7 and 10 (thẩm định when
//!    they are equal in every way).
//! 10. The final ranking covers the units whose final is complete, as in 7.
//!     Tie-break for the order in which tied units are listed: higher
//!     content points first, then fewer deduction points, then the unit's
//!     position in the scoresheet. The tie-break orders; it never splits a
//!     shared rank; where it ordered tied units, [`Results::ties`] says by
//!     what, for the summary and the export to show.

use super::num::{Dec, ParseError};
use super::sheet::{FinalRule, Kind, NodeId, Scoresheet, Stage, Unit};
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
    /// Number of scoreable criteria (all kinds).
    pub criteria: usize,
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
        let criteria = scoreable.iter().filter(|&&b| b).count();
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
            criteria,
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

    /// Whether `f` holds for a scoreable node at or below `pos` (a section
    /// nobody scored shows blank, not 0).
    pub fn any_scoreable_below(&self, pos: usize, f: &impl Fn(usize) -> bool) -> bool {
        if self.scoreable[pos] {
            return f(pos);
        }
        self.children[pos]
            .iter()
            .any(|&c| self.any_scoreable_below(c, f))
    }

    /// Weighted maximum of a node: a criterion's max × weight, or a section's sum.
    pub fn max(&self, pos: usize) -> Option<Dec> {
        self.max[pos]
    }

    /// Maximum of a node without weights (the template's stated scale).
    pub fn plain_max(&self, pos: usize) -> Option<Dec> {
        self.plain[pos]
    }

    /// The maximum to show for a node (rule 5): the weighted one, and the
    /// raw one when it differs (a weight other than 1 on the way).
    pub fn shown_max(&self, pos: usize) -> Option<ShownMax> {
        let max = self.max[pos]?;
        let raw = self.plain[pos].filter(|&p| p != max);
        Some(ShownMax { max, raw })
    }

    /// The shown maximum of the total (content points; the bonus is capped
    /// apart), with the raw one when it differs.
    pub fn shown_total_max(&self) -> ShownMax {
        ShownMax {
            max: self.content_max,
            raw: Some(self.content_plain_max).filter(|&p| p != self.content_max),
        }
    }

    pub fn kind(&self, pos: usize) -> Kind {
        self.kind[pos]
    }

    /// Positions of the top-level nodes that carry points.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(|&i| self.parent[i].is_none() && self.max[i].is_some())
    }

    /// The top-level content sections: the summary's columns (bonus and
    /// deduction have their own), in tree order.
    pub fn content_sections(&self) -> impl Iterator<Item = usize> + '_ {
        self.roots().filter(|&p| self.kind(p) == Kind::Content)
    }
}

/// A maximum as shown (rule 5): what full marks give, and the unweighted
/// maximum when a weight makes it differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownMax {
    pub max: Dec,
    pub raw: Option<Dec>,
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
    /// Scoreable criteria holding a value (rule 6).
    pub counted: usize,
    /// Scoreable criteria in the tree.
    pub criteria: usize,
}

/// Where a unit stands in a stage (rule 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Nobody has typed anything.
    NotScored,
    /// Scored in part: `counted` of `criteria` hold a value; `invalid`
    /// cells hold text that is not a valid score.
    Incomplete {
        counted: usize,
        criteria: usize,
        invalid: usize,
    },
    Complete,
}

impl StageResult {
    pub fn filled(&self) -> bool {
        self.entered > 0
    }

    /// Rule 6: filled, and every scoreable criterion holds a value.
    pub fn complete(&self) -> bool {
        self.filled() && self.counted == self.criteria
    }

    pub fn progress(&self) -> Progress {
        if !self.filled() {
            Progress::NotScored
        } else if self.complete() {
            Progress::Complete
        } else {
            Progress::Incomplete {
                counted: self.counted,
                criteria: self.criteria,
                invalid: self.invalid,
            }
        }
    }
}

/// A criterion's value for a result: a valid score, nothing (left out), or
/// text that is not a valid score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Valid(Dec),
    Blank,
    Invalid,
}

/// Sums a result from each scoreable criterion's value (by position;
/// anything for the other nodes). `filled`: whether anyone scored, so that
/// a blank bonus or deduction criterion counts as holding a value.
fn sum_up(sheet: &Scoresheet, tree: &Tree, values: &[Value], filled: bool) -> StageResult {
    let n = tree.len();
    let mut raw_sum = vec![Dec::ZERO; n];
    let mut points = vec![Dec::ZERO; n];
    let mut r = StageResult {
        criteria: tree.criteria,
        ..StageResult::default()
    };
    for i in (0..n).rev() {
        let node = &sheet.nodes[i];
        if tree.scoreable[i] {
            match values[i] {
                Value::Valid(v) => {
                    points[i] = v.times(node.weight);
                    r.counted += 1;
                }
                Value::Invalid => r.invalid += 1,
                Value::Blank if filled && tree.kind[i] != Kind::Content => r.counted += 1,
                Value::Blank => {}
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

fn value_of(raw: &str, max: Option<Dec>) -> Value {
    match evaluate(raw, max) {
        CellValue::Valid(v) => Value::Valid(v),
        CellValue::Empty => Value::Blank,
        CellValue::Invalid(_) => Value::Invalid,
    }
}

/// Computes one unit's result for one stage.
pub fn stage_result(sheet: &Scoresheet, tree: &Tree, unit: &Unit, stage: Stage) -> StageResult {
    let mut entered = 0;
    let values: Vec<Value> = (0..tree.len())
        .map(|i| {
            if !tree.scoreable[i] {
                return Value::Blank;
            }
            let node = &sheet.nodes[i];
            let raw = unit.raw(node.id, stage);
            if !raw.trim().is_empty() {
                entered += 1;
            }
            value_of(raw, node.max)
        })
        .collect();
    let mut r = sum_up(sheet, tree, &values, entered > 0);
    r.entered = entered;
    r
}

/// One unit's final result ("Kết quả cuối", rules 8 and 9).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinalResult {
    /// What the final is made of, complete or not: its points and totals,
    /// and how many criteria hold a value. Filled when khối chấm or thẩm
    /// định is.
    pub result: StageResult,
    /// Per stage (by [`Stage::index`]): the scoreable criteria whose final
    /// value comes from it.
    pub from: [usize; 3],
    /// The stage taken whole, under [`FinalRule::Latest`] and
    /// [`FinalRule::Highest`] when one is complete.
    pub stage: Option<Stage>,
}

impl FinalResult {
    pub fn complete(&self) -> bool {
        self.result.complete()
    }

    /// The khối chấm or thẩm định progress of a final that is not
    /// complete; [`Progress::NotScored`] when neither stage is filled.
    pub fn progress(&self) -> Progress {
        self.result.progress()
    }
}

/// The final result of a unit under `rule`, from its stage results.
pub fn final_result(
    sheet: &Scoresheet,
    tree: &Tree,
    unit: &Unit,
    stages: &[StageResult; 3],
    rule: FinalRule,
) -> FinalResult {
    let (bloc, verify) = (&stages[Stage::Bloc.index()], &stages[Stage::Verify.index()]);
    let whole = |s: Stage| FinalResult {
        result: stages[s.index()].clone(),
        from: Stage::ALL.map(|x| if x == s { stages[s.index()].counted } else { 0 }),
        stage: Some(s),
    };
    // The stage shown for a final that is not complete: the latest filled.
    let pending = || {
        let s = if verify.filled() {
            Stage::Verify
        } else {
            Stage::Bloc
        };
        FinalResult {
            stage: None,
            from: [0; 3],
            ..whole(s)
        }
    };
    match rule {
        FinalRule::Latest => {
            if verify.complete() {
                whole(Stage::Verify)
            } else if bloc.complete() {
                whole(Stage::Bloc)
            } else {
                pending()
            }
        }
        FinalRule::Highest => match (bloc.complete(), verify.complete()) {
            (true, true) if compare(bloc, verify) == Ordering::Less => whole(Stage::Bloc),
            (_, true) => whole(Stage::Verify),
            (true, false) => whole(Stage::Bloc),
            (false, false) => pending(),
        },
        FinalRule::Merge => {
            let mut from = [0; 3];
            let mut entered = 0;
            let filled = bloc.filled() || verify.filled();
            let values: Vec<Value> = (0..tree.len())
                .map(|i| {
                    if !tree.scoreable[i] {
                        return Value::Blank;
                    }
                    let node = &sheet.nodes[i];
                    let v = unit.raw(node.id, Stage::Verify);
                    let (stage, raw) = if !v.trim().is_empty() {
                        entered += 1;
                        (Stage::Verify, v)
                    } else {
                        let b = unit.raw(node.id, Stage::Bloc);
                        if !b.trim().is_empty() {
                            entered += 1;
                        }
                        let s = if bloc.filled() || !verify.filled() {
                            Stage::Bloc
                        } else {
                            Stage::Verify
                        };
                        (s, b)
                    };
                    let value = value_of(raw, node.max);
                    let holds = match value {
                        Value::Valid(_) => true,
                        Value::Blank => filled && tree.kind[i] != Kind::Content,
                        Value::Invalid => false,
                    };
                    if holds {
                        from[stage.index()] += 1;
                    }
                    value
                })
                .collect();
            let mut result = sum_up(sheet, tree, &values, filled);
            // The criteria holding text in either stage, each once: the
            // bloc's 35 with 4 changed by the verifier are 35, not 39.
            result.entered = entered;
            FinalResult {
                result,
                from,
                stage: None,
            }
        }
    }
}

/// All computed results of a scoresheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub tree: Tree,
    /// By unit position.
    pub units: Vec<UnitResult>,
    /// The rule the finals were made by.
    pub rule: FinalRule,
}

/// One unit's results across stages.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitResult {
    pub stages: [StageResult; 3],
    /// Rank per stage; `None` when that stage is not complete.
    pub rank: [Option<usize>; 3],
    pub fin: FinalResult,
    /// `None` when the final is not complete.
    pub final_rank: Option<usize>,
}

impl UnitResult {
    pub fn stage(&self, s: Stage) -> &StageResult {
        &self.stages[s.index()]
    }

    /// The final result once complete (rule 8): what is ranked.
    pub fn final_result(&self) -> Option<&StageResult> {
        Some(&self.fin.result).filter(|_| self.fin.complete())
    }

    /// A stage's result once someone has scored it (complete or not).
    pub fn scored(&self, s: Stage) -> Option<&StageResult> {
        Some(self.stage(s)).filter(|r| r.filled())
    }

    /// A stage's result once complete (what is ranked in it).
    pub fn complete(&self, s: Stage) -> Option<&StageResult> {
        Some(self.stage(s)).filter(|r| r.complete())
    }

    /// The ranked result of a stage, or with `None` the final result.
    pub fn result_for(&self, stage: Option<Stage>) -> Option<&StageResult> {
        match stage {
            Some(s) => self.complete(s),
            None => self.final_result(),
        }
    }

    /// The result of a stage, or with `None` the final's, complete or not.
    pub fn partial_for(&self, stage: Option<Stage>) -> &StageResult {
        match stage {
            Some(s) => self.stage(s),
            None => &self.fin.result,
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

/// What the tie-break (rule 10) decided between two units with the same
/// total, listed one after the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TieKey {
    /// Higher content points first: (this unit's, the other's).
    Content(Dec, Dec),
    /// Fewer deduction points first: (this unit's, the other's).
    Deduction(Dec, Dec),
    /// Equal in both: the order of the scoresheet.
    Order,
}

/// A tie next to a unit in the ranking order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tie {
    /// The other unit (position in the scoresheet).
    pub other: usize,
    /// True when this unit is listed before the other.
    pub before: bool,
    pub key: TieKey,
}

impl Results {
    /// Unit positions by final rank with rule 10's tie-break, the
    /// unranked after in sheet order: the order of the summary tab, the
    /// printed summary and the dossier's tables, which all say the rule.
    /// (By rank and sheet position, as it was, tied units came in sheet
    /// order on paper and by content on screen.)
    pub fn final_order(&self) -> Vec<usize> {
        self.order(None)
    }

    pub fn compute(sheet: &Scoresheet) -> Results {
        let tree = Tree::new(sheet);
        let rule = sheet.final_rule;
        let units: Vec<UnitResult> = sheet
            .units
            .iter()
            .map(|u| {
                let stages = Stage::ALL.map(|s| stage_result(sheet, &tree, u, s));
                let fin = final_result(sheet, &tree, u, &stages, rule);
                UnitResult {
                    stages,
                    rank: [None; 3],
                    fin,
                    final_rank: None,
                }
            })
            .collect();
        let mut r = Results { tree, units, rule };
        r.rerank();
        r
    }

    /// Recomputes only the given (unit position, stage) results after cell
    /// edits, then those units' finals and the ranks. The tree, units and
    /// rule must be unchanged.
    pub fn update_cells(&mut self, sheet: &Scoresheet, cells: &[(usize, Stage)]) {
        for &(ui, s) in cells {
            if let (Some(u), Some(r)) = (sheet.units.get(ui), self.units.get_mut(ui)) {
                r.stages[s.index()] = stage_result(sheet, &self.tree, u, s);
            }
        }
        let mut touched: Vec<usize> = cells.iter().map(|c| c.0).collect();
        touched.sort_unstable();
        touched.dedup();
        for ui in touched {
            if let (Some(u), Some(r)) = (sheet.units.get(ui), self.units.get_mut(ui)) {
                r.fin = final_result(sheet, &self.tree, u, &r.stages, self.rule);
            }
        }
        self.rerank();
    }

    fn rerank(&mut self) {
        for s in Stage::ALL {
            let done: Vec<Option<&StageResult>> =
                self.units.iter().map(|u| u.complete(s)).collect();
            let ranks = rank(&done);
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

    /// Per unit (by position), the ties the tie-break ordered next to it in
    /// the ranking of a stage (`None`: final): with the unit listed just
    /// before and just after it, when their totals are equal (rule 10).
    pub fn ties(&self, stage: Option<Stage>) -> Vec<Vec<Tie>> {
        let mut out = vec![Vec::new(); self.units.len()];
        let order = self.order(stage);
        for pair in order.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (Some(x), Some(y)) = (
                self.units[a].result_for(stage),
                self.units[b].result_for(stage),
            ) else {
                continue;
            };
            if x.total != y.total {
                continue;
            }
            let (ka, kb) = if x.content != y.content {
                (
                    TieKey::Content(x.content, y.content),
                    TieKey::Content(y.content, x.content),
                )
            } else if x.deduction != y.deduction {
                (
                    TieKey::Deduction(x.deduction, y.deduction),
                    TieKey::Deduction(y.deduction, x.deduction),
                )
            } else {
                (TieKey::Order, TieKey::Order)
            };
            out[a].push(Tie {
                other: b,
                before: true,
                key: ka,
            });
            out[b].push(Tie {
                other: a,
                before: false,
                key: kb,
            });
        }
        out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::classes::classify;

    #[test]
    fn a_section_knows_whether_anything_below_it_was_scored() {
        let s = crate::model::sample::sample();
        let tree = Tree::new(&s);
        let sec = s.nodes.iter().position(|n| n.parent.is_none()).unwrap();
        let below: Vec<usize> = (0..s.nodes.len())
            .filter(|&p| tree.any_scoreable_below(sec, &|q| q == p))
            .collect();
        assert!(!below.is_empty());
        assert!(below.iter().all(|&p| tree.is_scoreable(p)));
        assert!(!tree.any_scoreable_below(sec, &|_| false));
    }
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

    /// Types "0" in every content criterion of a unit's stage left blank,
    /// so that the stage is complete (rule 6).
    fn complete(s: &mut Scoresheet, unit: usize, stage: Stage) {
        let t = Tree::new(s);
        for (i, n) in s.nodes.clone().iter().enumerate() {
            if t.is_scoreable(i)
                && n.kind == Kind::Content
                && s.units[unit].raw(n.id, stage).is_empty()
            {
                s.units[unit].set_raw(n.id, stage, "0");
            }
        }
    }

    #[test]
    fn ties_share_a_rank_and_the_tie_break_orders_them() {
        let mut s = sheet();
        // A: 10 content. B: 8 content + 2 bonus = 10. C: 9. D: nothing.
        set(&mut s, 0, "I.1", Stage::Bloc, "10");
        set(&mut s, 1, "I.1", Stage::Bloc, "8");
        set(&mut s, 1, "II.1", Stage::Bloc, "2");
        set(&mut s, 2, "I.1", Stage::Bloc, "9");
        for u in 0..3 {
            complete(&mut s, u, Stage::Bloc);
        }
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
    fn rule_10_ties_say_what_broke_them() {
        let mut s = sheet();
        // A: 9 content + 1 bonus = 10; B: 10 content; C: 10 content − 0 deduction…
        set(&mut s, 0, "I.1", Stage::Bloc, "9");
        set(&mut s, 0, "II.1", Stage::Bloc, "1");
        set(&mut s, 1, "I.1", Stage::Bloc, "10");
        // C: 10 + 2 bonus − 2 deduction = 10, content 10 like B, more deductions.
        set(&mut s, 2, "I.1", Stage::Bloc, "10");
        set(&mut s, 2, "II.1", Stage::Bloc, "2");
        set(&mut s, 2, "III.1", Stage::Bloc, "2");
        // D: 7.
        set(&mut s, 3, "I.1", Stage::Bloc, "7");
        for u in 0..4 {
            complete(&mut s, u, Stage::Bloc);
        }
        let r = Results::compute(&s);
        assert_eq!(r.order(None), vec![1, 2, 0, 3]);
        // The printed and the dossier's order is the same.
        assert_eq!(r.final_order(), r.order(None));
        assert_eq!(
            r.units.iter().map(|u| u.final_rank).collect::<Vec<_>>(),
            [Some(1), Some(1), Some(1), Some(4)]
        );
        let ties = r.ties(None);
        // B above C: same content, fewer deductions.
        assert_eq!(
            ties[1],
            [Tie {
                other: 2,
                before: true,
                key: TieKey::Deduction(Dec::ZERO, d("2"))
            }]
        );
        // C between B and A: below B by deductions, above A by content.
        assert_eq!(
            ties[2],
            [
                Tie {
                    other: 1,
                    before: false,
                    key: TieKey::Deduction(d("2"), Dec::ZERO)
                },
                Tie {
                    other: 0,
                    before: true,
                    key: TieKey::Content(d("10"), d("9"))
                }
            ]
        );
        assert_eq!(ties[0].len(), 1);
        assert!(ties[3].is_empty());
        // Equal in every way: the sheet's order, said so.
        set(&mut s, 3, "I.1", Stage::Bloc, "10");
        let r = Results::compute(&s);
        let t = r.ties(None);
        assert_eq!(r.order(None), vec![1, 3, 2, 0]);
        assert_eq!(
            t[3][0],
            Tie {
                other: 1,
                before: false,
                key: TieKey::Order
            }
        );
    }

    #[test]
    fn rule_6_a_stage_is_complete_when_every_criterion_holds_a_value() {
        let mut s = sheet();
        // A: 2 of the 4 content criteria scored.
        set(&mut s, 0, "I.1", Stage::Bloc, "10");
        set(&mut s, 0, "I.2", Stage::Bloc, "5");
        // B: only an invalid cell.
        set(&mut s, 1, "I.1", Stage::Bloc, "mười");
        // C: complete, bonus and deduction left blank (nothing to add or
        // subtract), a low total.
        set(&mut s, 2, "I.1", Stage::Bloc, "1");
        complete(&mut s, 2, Stage::Bloc);
        // D: complete but for an invalid deduction cell.
        complete(&mut s, 3, Stage::Bloc);
        set(&mut s, 3, "III.2", Stage::Bloc, "-1");
        let r = Results::compute(&s);
        let st = |u: usize| r.units[u].stage(Stage::Bloc);
        // 4 content criteria, 2 bonus, 2 deduction.
        assert_eq!(r.tree.criteria, 8);
        assert_eq!(
            st(0).progress(),
            Progress::Incomplete {
                counted: 6,
                criteria: 8,
                invalid: 0
            }
        );
        assert_eq!(
            st(1).progress(),
            Progress::Incomplete {
                counted: 4,
                criteria: 8,
                invalid: 1
            }
        );
        assert_eq!(st(2).progress(), Progress::Complete);
        assert_eq!(
            st(3).progress(),
            Progress::Incomplete {
                counted: 7,
                criteria: 8,
                invalid: 1
            }
        );
        assert_eq!(
            r.units[0].stage(Stage::Verify).progress(),
            Progress::NotScored
        );
        // Only C is ranked: neither A's 20 points nor B's invalid cell rank.
        let ranks: Vec<_> = r
            .units
            .iter()
            .map(|u| u.rank[Stage::Bloc.index()])
            .collect();
        assert_eq!(ranks, [None, None, Some(1), None]);
        assert_eq!(r.order(Some(Stage::Bloc)), [2, 0, 1, 3]);
        // A blank bonus or deduction cell counts only once the stage is filled.
        assert_eq!(st(2).counted, 8);
        assert_eq!(r.units[2].stage(Stage::Verify).counted, 0);
    }

    #[test]
    fn rule_8_final_takes_tham_dinh_per_criterion_else_khoi_cham() {
        let mut s = sheet();
        // A: bloc scored all; the verifier typed only the one she changed.
        for (code, v) in [
            ("I.1", "10"),
            ("I.2", "5"),
            ("I.3.a", "2,5"),
            ("I.3.b", "2,5"),
        ] {
            set(&mut s, 0, code, Stage::SelfScore, v);
            set(&mut s, 0, code, Stage::Bloc, v);
        }
        set(&mut s, 0, "III.1", Stage::Bloc, "1");
        set(&mut s, 0, "I.1", Stage::Verify, "7,5");
        // B: self-scored everything, full marks; the bloc has not scored it.
        for (code, v) in [
            ("I.1", "10"),
            ("I.2", "5"),
            ("I.3.a", "2,5"),
            ("I.3.b", "2,5"),
        ] {
            set(&mut s, 1, code, Stage::SelfScore, v);
        }
        // C: bloc scored half; D: bloc complete, a lower total.
        set(&mut s, 2, "I.1", Stage::Bloc, "9");
        set(&mut s, 2, "I.2", Stage::Bloc, "4");
        set(&mut s, 3, "I.1", Stage::Bloc, "6");
        complete(&mut s, 3, Stage::Bloc);
        let r = Results::compute(&s);
        let a = &r.units[0];
        // 7,5 + 5×2 + 2,5 + 2,5 − 1: the blanks of thẩm định kept khối chấm's.
        assert!(a.fin.complete());
        assert_eq!(a.final_total(), Some(d("21,5")));
        assert_eq!(a.stage(Stage::Verify).total, d("7,5"));
        // Where each criterion came from (the blank bonus items from khối chấm).
        assert_eq!(a.fin.from, [0, 7, 1]);
        // Criteria holding text: I.1 counted once though both stages hold it.
        assert_eq!(a.stage(Stage::Bloc).entered, 5);
        assert_eq!(a.stage(Stage::Verify).entered, 1);
        assert_eq!(a.fin.result.entered, 5);
        // Self scores never rank in the final.
        assert_eq!(r.units[1].rank[Stage::SelfScore.index()], Some(1));
        assert_eq!(r.units[1].final_result(), None);
        assert_eq!(r.units[1].fin.progress(), Progress::NotScored);
        assert_eq!(r.units[1].final_rank, None);
        assert!(matches!(
            r.units[2].fin.progress(),
            Progress::Incomplete {
                counted: 6,
                criteria: 8,
                invalid: 0
            }
        ));
        let finals: Vec<_> = r.units.iter().map(|u| u.final_rank).collect();
        assert_eq!(finals, [Some(1), None, None, Some(2)]);
        assert_eq!(r.order(None), [0, 3, 1, 2]);
        // An invalid thẩm định cell gives no value: the final waits.
        set(&mut s, 0, "I.2", Stage::Verify, "năm");
        let r = Results::compute(&s);
        assert_eq!(r.units[0].final_rank, None);
        assert!(matches!(
            r.units[0].fin.progress(),
            Progress::Incomplete { invalid: 1, .. }
        ));
        // Thẩm định alone, complete, makes a final too.
        let mut t = sheet();
        complete(&mut t, 0, Stage::Verify);
        let r = Results::compute(&t);
        assert!(r.units[0].fin.complete());
        assert_eq!(r.units[0].fin.from, [0, 0, 8]);
    }

    #[test]
    fn rule_9_latest_complete_or_highest_stage() {
        let mut s = sheet();
        // A: bloc complete (10 on I.1), thẩm định only on I.1 (7,5).
        set(&mut s, 0, "I.1", Stage::Bloc, "10");
        complete(&mut s, 0, Stage::Bloc);
        set(&mut s, 0, "I.1", Stage::Verify, "7,5");
        // B: bloc complete (8), thẩm định complete (9).
        set(&mut s, 1, "I.1", Stage::Bloc, "8");
        complete(&mut s, 1, Stage::Bloc);
        set(&mut s, 1, "I.1", Stage::Verify, "9");
        complete(&mut s, 1, Stage::Verify);
        // C: bloc complete (9), thẩm định complete (6).
        set(&mut s, 2, "I.1", Stage::Bloc, "9");
        complete(&mut s, 2, Stage::Bloc);
        set(&mut s, 2, "I.1", Stage::Verify, "6");
        complete(&mut s, 2, Stage::Verify);
        s.final_rule = FinalRule::Latest;
        let r = Results::compute(&s);
        let pick = |r: &Results| -> Vec<(Option<Stage>, Option<Dec>)> {
            r.units
                .iter()
                .map(|u| (u.fin.stage, u.final_total()))
                .collect()
        };
        assert_eq!(
            pick(&r),
            [
                (Some(Stage::Bloc), Some(d("10"))),
                (Some(Stage::Verify), Some(d("9"))),
                (Some(Stage::Verify), Some(d("6"))),
                (None, None)
            ]
        );
        s.final_rule = FinalRule::Highest;
        let r = Results::compute(&s);
        assert_eq!(
            pick(&r),
            [
                (Some(Stage::Bloc), Some(d("10"))),
                (Some(Stage::Verify), Some(d("9"))),
                (Some(Stage::Bloc), Some(d("9"))),
                (None, None)
            ]
        );
        assert_eq!(r.units[2].fin.from, [0, 8, 0]);
        // The default merges: A's thẩm định 7,5 replaces khối chấm's 10.
        s.final_rule = FinalRule::Merge;
        let r = Results::compute(&s);
        assert_eq!(r.units[0].final_total(), Some(d("7,5")));
    }

    /// Random trees (weights, caps, kinds, guidance) for rule 5.
    fn generated(seed: u64) -> Scoresheet {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            | 1;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let weights = ["1", "1", "1", "2", "0,5", "1,5", "0,25", "3"];
        let maxima = ["1", "2,5", "5", "10", "0,25", "7,5", "20", "3"];
        let mut s = Scoresheet::new("sinh");
        for (k, kind) in [Kind::Content, Kind::Content, Kind::Bonus, Kind::Deduction]
            .into_iter()
            .enumerate()
        {
            if k > 0 && next(3) == 0 {
                continue;
            }
            let stated = (kind != Kind::Content && next(2) == 0)
                .then(|| d(["2", "5", "4"][next(3) as usize]));
            let sec = s.push_node(None, ["I", "II", "III", "IV"][k], "Mục", stated, kind);
            s.nodes.last_mut().unwrap().weight = d(weights[next(8) as usize]);
            let mut parents = vec![sec];
            for c in 0..(1 + next(5)) {
                let parent = parents[next(parents.len() as u64) as usize];
                let deeper = next(4) == 0;
                let max = (!deeper).then(|| d(maxima[next(8) as usize]));
                let id = s.push_node(Some(parent), &(c + 1).to_string(), "Tiêu chí", max, kind);
                s.nodes.last_mut().unwrap().weight = d(weights[next(8) as usize]);
                if next(5) == 0 {
                    s.push_guidance(Some(id), "- Hướng dẫn");
                }
                if deeper {
                    parents.push(id);
                }
            }
        }
        s.push_unit("Đủ điểm");
        s.push_unit("Ngẫu nhiên");
        s
    }

    #[test]
    fn rule_5_full_marks_reach_the_shown_maximum_and_nothing_exceeds_it() {
        for seed in 0..300 {
            let mut s = generated(seed);
            let tree = Tree::new(&s);
            let mut x = seed + 7;
            for (i, n) in s.nodes.clone().iter().enumerate() {
                if !tree.is_scoreable(i) {
                    continue;
                }
                let max = n.max.unwrap();
                // Unit 0: full marks, no deduction. Unit 1: anything valid.
                let full = if n.kind == Kind::Deduction {
                    Dec::ZERO
                } else {
                    max
                };
                s.units[0].set_raw(n.id, Stage::Bloc, full.to_vi());
                x = x.wrapping_mul(2862933555777941757).wrapping_add(3037000493);
                let part = Dec::from_raw(max.raw() * ((x >> 33) % 5) as i64 / 4);
                s.units[1].set_raw(n.id, Stage::Bloc, part.to_vi());
            }
            let r = Results::compute(&s);
            let t = &r.tree;
            let full = r.units[0].stage(Stage::Bloc);
            assert!(full.complete(), "seed {seed}");
            assert_eq!(full.content, t.content_max, "seed {seed}");
            assert_eq!(full.bonus, t.bonus_max, "seed {seed}");
            assert_eq!(
                full.total,
                t.shown_total_max().max + t.bonus_max,
                "seed {seed}"
            );
            for u in &r.units {
                let st = u.stage(Stage::Bloc);
                assert!(st.total <= t.content_max + t.bonus_max, "seed {seed}");
                for p in 0..t.len() {
                    if let Some(m) = t.shown_max(p) {
                        assert!(st.points[p] <= m.max, "seed {seed} node {p}");
                        if std::ptr::eq(u, &r.units[0]) && t.kind(p) != Kind::Deduction {
                            assert_eq!(st.points[p], m.max, "seed {seed} node {p}");
                        }
                        // The raw maximum is shown only where it differs.
                        assert_ne!(m.raw, Some(m.max));
                    }
                }
            }
        }
    }

    #[test]
    fn rule_5_shown_maxima_are_weighted_with_the_raw_beside() {
        let s = sheet();
        let t = Tree::new(&s);
        let pos = |code: &str| t.position(s.node_by_code(code).unwrap().id).unwrap();
        // I.2: max 5 × weight 2.
        assert_eq!(
            t.shown_max(pos("I.2")),
            Some(ShownMax {
                max: d("10"),
                raw: Some(d("5"))
            })
        );
        assert_eq!(
            t.shown_max(pos("I.1")),
            Some(ShownMax {
                max: d("10"),
                raw: None
            })
        );
        // Section I: 25 after weights, 20 before.
        assert_eq!(
            t.shown_max(pos("I")),
            Some(ShownMax {
                max: d("25"),
                raw: Some(d("20"))
            })
        );
        assert_eq!(
            t.shown_total_max(),
            ShownMax {
                max: d("25"),
                raw: Some(d("20"))
            }
        );
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
        assert_eq!(r.units[1].rank[Stage::Bloc.index()], None);
        // Completing a stage ranks it, and the final follows.
        complete(&mut s, 1, Stage::Bloc);
        r.update_cells(&s, &[(1, Stage::Bloc)]);
        assert_eq!(r, Results::compute(&s));
        assert_eq!(r.units[1].rank[Stage::Bloc.index()], Some(1));
        assert_eq!(r.units[1].final_rank, Some(1));
    }

    #[test]
    fn classification_bands() {
        let mut s = sheet();
        s.classes = vec![
            Class::new("Khá", d("70")),
            Class::new("Xuất sắc", d("95")),
            Class::new("Tốt", d("85")),
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
