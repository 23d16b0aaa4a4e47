//! Gathering the units' returned workbooks into the open scoresheet.
//!
//! The bloc leader has the scoresheet open (the *target*); each unit sends
//! back its filled workbook, imported with [`crate::xlsx::import`]. A
//! [`plan`] (or [`plan_with`], with the user's choices per file) says what
//! merging them would do; [`MergePlan::ops`] and
//! [`MergePlan::ops_received`] turn it into one undoable step.
//!
//! Rules (pinned by the tests below and in `tests/merge.rs`):
//! 1. Units are matched by name with [`super::unit_match`]'s rule: the
//!    same name exactly (case and NFC/NFD aside, diacritics kept); else
//!    loosely (also without diacritics, "UBND" / "Ủy ban nhân dân" and an
//!    administrative level word only one name has: "Cẩm Xuyên" ≈ "huyện
//!    Cẩm Xuyên"), when exactly one target unit fits. Level words are never
//!    ignored when both names have one: "thị xã Kỳ Anh" is not "huyện Kỳ
//!    Anh"; nor is the rest ever a suffix: "An" is not "Tân An".
//! 2. A name two target units or more fit ("Kỳ Anh" with "huyện Kỳ Anh"
//!    and "thị xã Kỳ Anh"; "Xa Thach Ha" with "Xã Thạch Hà" and "Xã Thạch
//!    Hạ") is not guessed: its unit is an [`UnknownUnit`] whose
//!    `candidates` are those target units; nothing of it reaches them.
//! 3. Criteria are matched by code; when the code is not in the target, or
//!    the target's criterion of that code has a completely different text
//!    (less than half of the words of the shorter text in common), by text
//!    (folded, punctuation aside), when exactly one target criterion has
//!    it. Anything else is an [`UnknownCriterion`]: its cells are not
//!    merged.
//! 4. Only scoreable criteria ([`Tree::is_scoreable`]) of the target get
//!    score cells. Score cells of the incoming file's own sections are
//!    their sums and are ignored. Notes go to any matched criterion or
//!    section.
//! 5. Every stage the incoming file holds is taken. An empty incoming cell
//!    never clears anything.
//! 6. A cell equal to the target's (by value when both parse as numbers,
//!    else the same text, surrounding spaces aside) counts in `same`; an
//!    empty target cell gets a [`Fill`]; a different non-empty target cell
//!    is a [`Conflict`], which keeps the target's value unless the user
//!    chooses the incoming one.
//! 7. Files are taken in the order given. When two incoming units (from two
//!    files, or twice in one file) give the same empty target cell, the
//!    first gives the fill and a later different value is a conflict
//!    against it (`current_from` names the earlier file); a later equal
//!    value counts in `same`.
//! 8. Notes fill empty target notes only. A note is never overwritten: an
//!    incoming note that differs from a note already there (or from one
//!    filled by an earlier file) is left out, not a conflict; `notes_kept`
//!    counts them.
//! 9. Units of the files that match no target unit are [`UnknownUnit`]s,
//!    one per name across files, names compared exactly (as two sheets of
//!    one workbook are by the import: "Xã Thạch Hà" and "Xã Thạch Hạ", or
//!    "Vũ Quang" and "huyện Vũ Quang", stay two), each with a provisional
//!    id; they are added only when the user asks ([`MergePlan::ops`]),
//!    but never one that two target units or more fit (rule 2): that
//!    file's line asks which unit it is ("Ky Anh - tu cham.xlsx" would
//!    have become a unit of that name).
//! 10. Every file has a [`FileReport`] (`files`, in the order given) with a
//!     [`FileUnit`] line per unit of it holding something: where it went,
//!     and its new cells (fills), notes filled, equal cells, conflicts (its
//!     own incoming values against what is there) and invalid values (the
//!     target's criterion refuses them, [`input::score_error`] with the target's
//!     maximum: a maximum the unit raised shows here; they are merged as
//!     typed, like typing), each named ([`Refused`]: criterion, stage,
//!     value, why, and whether under a deduction section, where "-2" is a
//!     habit for "2 taken off"). A file holding no score has no line.
//! 11. The user may assign a file's unit ([`Assign`], [`plan_with`]) to a
//!     target unit, which takes it whatever the names say (`chosen`), or
//!     skip it: nothing of a skipped unit counts anywhere (no cell, note,
//!     unknown unit or criterion; files after it fill what it would
//!     have). An assignment to a unit the target no longer has is
//!     [`Assign::Auto`]. The plan is recomputed as a whole.
//! 12. Each file's template is compared with the target's, whatever the
//!     assignments: its scoreable criteria that match no scoreable
//!     criterion of the target (`extra`), the target's scoreable criteria
//!     none of its criteria match (`missing`), matched criteria whose
//!     maximum differs in the file (`maxima`). Fewer than half of its
//!     criteria matching is a different template
//!     ([`FileReport::foreign`]). These are flagged only: rules 3 and 4 say
//!     what merges.
//! 13. [`MergePlan::ops_received`] also records a [`Receipt`] (the file,
//!     the time given, the target's criteria it scores per stage) for each
//!     line merged into a target unit or into an unknown unit added, after
//!     the unit's earlier receipts, in file order; in the same one step.
//!     A skipped line, or an unknown unit not added, records nothing.
//! 14. Choices on conflicts survive a recomputation
//!     ([`MergePlan::carry`]): the same unit, criterion, stage, file and
//!     incoming value keep their choice; any other conflict keeps the
//!     current value.
//! 15. What each unit has sent ([`submissions`], "Tình hình nộp"): its
//!     latest receipt (by time; of equal times the one recorded later) and
//!     how many it has; a unit without any has not sent.
//! 16. A unit pack ([`Incoming::stamp`], [`PackStamp`]) of one unit goes
//!     to the unit it was made for, found by its id
//!     ([`PackStamp::unit_in`]), whatever name the unit wrote in the file
//!     (`LineDest::Unit::stamped`); only when the open sheet has no such
//!     unit does rule 1 decide, on the name in the file. The user's
//!     [`Assign`] still wins. A pack made from another table than the open
//!     one (its fingerprint) is flagged ([`FileReport::pack`]), with what
//!     differs as rule 12 finds it.
//! 17. A file of one unit whose name fits no target unit (rule 6 of
//!     [`super::unit_match`]: a sheet's "Tự chấm", or the file's own name
//!     the import gave it for a "Sheet1") goes where its file name says,
//!     by rule 7 there ("Duc Tho - tu cham 2024.xlsx"): one unit, or the
//!     units it fits equally as the candidates of rule 2.

use super::calc::{CellError, Tree};
use super::edit::Op;
use super::fingerprint::fingerprint;
use super::input;
use super::num::Dec;
use super::pack::PackStamp;
use super::sheet::{Kind, Mark, NodeId, Receipt, Scoresheet, Stage, Unit, UnitId};
use super::text::fold;
use super::unit_match::{find, find_in, Match, UnitName};
use std::collections::{BTreeMap, HashMap, HashSet};

/// An empty target cell that will get the incoming text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fill {
    pub unit: UnitId,
    pub node: NodeId,
    pub stage: Stage,
    pub raw: String,
    /// The file it comes from.
    pub from: String,
}

/// An empty target note that will get the incoming note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteFill {
    pub unit: UnitId,
    pub node: NodeId,
    pub stage: Stage,
    pub note: String,
    pub from: String,
}

/// A cell holding a different value already; the user decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// A target unit, or the provisional id of an [`UnknownUnit`] (when two
    /// files disagree about a unit the target does not have).
    pub unit: UnitId,
    pub node: NodeId,
    pub stage: Stage,
    /// What the cell holds (or will hold from an earlier file).
    pub current: String,
    pub incoming: String,
    /// The file of the incoming value.
    pub from: String,
    /// The unit's name in the target (or in the file, for an unknown unit).
    pub unit_name: String,
    /// `None`: `current` is in the target; `Some(file)`: an earlier file
    /// fills the cell with `current`.
    pub current_from: Option<String>,
}

/// A unit in a file that matches no unit of the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownUnit {
    /// The first file naming it.
    pub from: String,
    /// Its name in that file (NFC): the name it gets when added.
    pub name: String,
    /// Score cells and notes it carries, in every file naming it.
    pub cells: usize,
    /// Provisional id: [`MergePlan::ops`] gives the unit a fresh id.
    pub id: UnitId,
    /// Its cells and notes that find a criterion (unit = `id`).
    pub fills: Vec<Fill>,
    pub notes: Vec<NoteFill>,
    /// The target units its name fits equally well, when more than one:
    /// it is not merged into any of them (empty: it fits none).
    pub candidates: Vec<UnitId>,
}

/// A criterion in a file that matches no scoreable criterion of the
/// target; its cells are not merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCriterion {
    pub from: String,
    pub code: String,
    pub text: String,
    /// Score cells and notes on it, over the file's units.
    pub cells: usize,
}

/// How a unit of a file was matched to a target unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitMatch {
    pub from: String,
    /// The name in the file.
    pub name: String,
    pub unit: UnitId,
    /// True when the names are the same (case and NFC/NFD aside, with
    /// their diacritics).
    pub exact: bool,
}

/// What the user decided for one unit of one file (rule 11).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Assign {
    /// By its name (rules 1, 2 and 9).
    #[default]
    Auto,
    /// Into this target unit, whatever the names say.
    To(UnitId),
    /// Not merged.
    Skip,
}

/// The user's [`Assign`]s by (file position, unit position in the file);
/// missing entries are [`Assign::Auto`].
pub type Assignments = BTreeMap<(usize, usize), Assign>;

/// Where one unit of one file goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineDest {
    /// A target unit, found by name (`exact` or loosely), by the
    /// `stamped` id of a unit pack (rule 16) or `chosen` by the user.
    Unit {
        unit: UnitId,
        exact: bool,
        stamped: bool,
        chosen: bool,
    },
    /// No target unit: the [`UnknownUnit`] of this provisional id.
    Unknown {
        id: UnitId,
    },
    Skipped,
}

/// One unit of one file: where it goes and what it brings (rule 10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileUnit {
    /// Its position among the file's units (the key of [`Assignments`]).
    pub index: usize,
    /// Its name in the file.
    pub name: String,
    pub dest: LineDest,
    /// Score cells and notes it holds, matched or not.
    pub cells: usize,
    /// Empty target cells it fills.
    pub new: usize,
    /// Empty target notes it fills.
    pub notes: usize,
    /// Cells equal to what is there.
    pub same: usize,
    /// Cells holding another value already.
    pub conflicts: usize,
    /// Its values the target's criteria refuse (above the maximum, not a
    /// number…), in the file's order.
    pub invalid: Vec<Refused>,
    /// Per stage, the target's criteria it gives a score (its receipt).
    pub filled: [u32; 3],
}

/// A value of a file the target's criterion refuses (rule 10): merged as
/// typed, and named to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The target's criterion.
    pub code: String,
    pub stage: Stage,
    /// As the file holds it, trimmed.
    pub raw: String,
    pub error: CellError,
    /// Under a deduction section, where "-2" is a habit for "2 taken off".
    pub deduction: bool,
}

/// A criterion whose maximum the file states differently (rule 12).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxChange {
    /// The target's criterion.
    pub node: NodeId,
    pub code: String,
    /// The target's maximum, and the file's.
    pub target: Option<Dec>,
    pub file: Dec,
}

/// Whether a file is a unit pack, and of which table (rule 16).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PackTemplate {
    /// No stamp: a workbook of any other origin.
    #[default]
    NotAPack,
    /// Made from the open sheet's table as it is now.
    Same,
    /// Made from another table, or from this one before it changed.
    Other,
}

/// One file: its lines, and how its template compares (rules 10, 12, 16).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    pub from: String,
    pub pack: PackTemplate,
    pub units: Vec<FileUnit>,
    /// The file's scoreable criteria, and how many match the target's.
    pub criteria: usize,
    pub matching: usize,
    /// Codes (the file's) of its criteria the target does not have.
    pub extra: Vec<String>,
    /// Codes of the target's criteria the file does not have.
    pub missing: Vec<String>,
    /// Matched criteria with another maximum, in the target's order.
    pub maxima: Vec<MaxChange>,
}

impl FileReport {
    /// A different template: fewer than half of its criteria match.
    pub fn foreign(&self) -> bool {
        self.matching * 2 < self.criteria
    }

    /// Whether anything of its template differs from the target's.
    pub fn differs(&self) -> bool {
        !self.extra.is_empty()
            || !self.missing.is_empty()
            || !self.maxima.is_empty()
            || self.pack == PackTemplate::Other
    }
}

/// A returned file as the merge takes it: its name, the scoresheet read
/// from it and, for a unit pack, its stamp. A `(name, scoresheet)` pair is
/// a file without a stamp.
pub trait Returned {
    fn from(&self) -> &str;
    fn sheet(&self) -> &Scoresheet;
    fn stamp(&self) -> Option<&PackStamp> {
        None
    }
}

impl Returned for (String, Scoresheet) {
    fn from(&self) -> &str {
        &self.0
    }
    fn sheet(&self) -> &Scoresheet {
        &self.1
    }
}

/// A returned file with what its hidden sheet says of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub from: String,
    pub sheet: Scoresheet,
    pub stamp: Option<PackStamp>,
}

impl Returned for Incoming {
    fn from(&self) -> &str {
        &self.from
    }
    fn sheet(&self) -> &Scoresheet {
        &self.sheet
    }
    fn stamp(&self) -> Option<&PackStamp> {
        self.stamp.as_ref()
    }
}

/// What merging the files would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergePlan {
    pub fills: Vec<Fill>,
    pub notes: Vec<NoteFill>,
    pub conflicts: Vec<Conflict>,
    /// Incoming score cells equal to what the cell holds already.
    pub same: usize,
    pub unknown_units: Vec<UnknownUnit>,
    pub unknown_criteria: Vec<UnknownCriterion>,
    /// Units of the files matched to target units (one per file and unit
    /// holding something).
    pub matched: Vec<UnitMatch>,
    /// Incoming notes left out because the note is already written.
    pub notes_kept: usize,
    /// Per file, in the order given.
    pub files: Vec<FileReport>,
}

impl MergePlan {
    /// Nothing new at all: no fill, note, conflict, unknown unit or
    /// unknown criterion (`same` may be anything).
    pub fn is_empty(&self) -> bool {
        self.fills.is_empty()
            && self.notes.is_empty()
            && self.conflicts.is_empty()
            && self.unknown_units.is_empty()
            && self.unknown_criteria.is_empty()
    }

    /// The ops of ONE undoable step ([`Op`]). `replace[i]` says whether
    /// conflict `i` takes the incoming value (missing entries: no). With
    /// `add_unknown_units`, each unknown unit is inserted at the end
    /// ([`Op::InsertUnit`], fresh ids) holding its cells.
    ///
    /// `target` is the scoresheet as it is now: a fill whose cell was
    /// typed into since the plan was made is skipped, as is anything on a
    /// unit or criterion removed since.
    pub fn ops(&self, target: &Scoresheet, replace: &[bool], add_unknown_units: bool) -> Vec<Op> {
        self.build(target, replace, add_unknown_units, None)
    }

    /// [`MergePlan::ops`] and, in the same step, a [`Receipt`] per line
    /// merged, received `at` (milliseconds since the epoch): rule 13.
    pub fn ops_received(
        &self,
        target: &Scoresheet,
        replace: &[bool],
        add_unknown_units: bool,
        at: u64,
    ) -> Vec<Op> {
        self.build(target, replace, add_unknown_units, Some(at))
    }

    /// The choices `replace` made on `earlier` (a plan of the same files
    /// before a reassignment), for this plan's conflicts: rule 14.
    pub fn carry(&self, earlier: &MergePlan, replace: &[bool]) -> Vec<bool> {
        let key = |c: &Conflict| (c.unit, c.node, c.stage, c.from.clone(), c.incoming.clone());
        let taken: HashSet<_> = earlier
            .conflicts
            .iter()
            .enumerate()
            .filter(|(i, _)| replace.get(*i).copied().unwrap_or(false))
            .map(|(_, c)| key(c))
            .collect();
        self.conflicts
            .iter()
            .map(|c| taken.contains(&key(c)))
            .collect()
    }

    /// The receipts of the lines merged into each target unit, and into
    /// each unknown unit (by provisional id), in file order.
    fn receipts(&self, at: u64) -> [BTreeMap<UnitId, Vec<Receipt>>; 2] {
        let mut out: [BTreeMap<UnitId, Vec<Receipt>>; 2] = Default::default();
        for f in &self.files {
            for line in &f.units {
                let (map, unit) = match line.dest {
                    LineDest::Unit { unit, .. } => (0, unit),
                    LineDest::Unknown { id } => (1, id),
                    LineDest::Skipped => continue,
                };
                out[map].entry(unit).or_default().push(Receipt {
                    file: f.from.clone(),
                    at,
                    filled: line.filled,
                });
            }
        }
        out
    }

    fn build(
        &self,
        target: &Scoresheet,
        replace: &[bool],
        add_unknown_units: bool,
        at: Option<u64>,
    ) -> Vec<Op> {
        type Key = (UnitId, NodeId, Stage);
        let chosen = |i: usize| replace.get(i).copied().unwrap_or(false);
        let known =
            |unit: UnitId, node: NodeId| target.unit(unit).is_some() && target.node(node).is_some();
        let [mut received, mut received_unknown] =
            at.map(|at| self.receipts(at)).unwrap_or_default();
        let mut raws: BTreeMap<Key, String> = BTreeMap::new();
        let mut notes: BTreeMap<Key, String> = BTreeMap::new();
        for f in &self.fills {
            let empty = target
                .unit(f.unit)
                .is_some_and(|u| u.raw(f.node, f.stage).trim().is_empty());
            if empty && known(f.unit, f.node) {
                raws.insert((f.unit, f.node, f.stage), f.raw.clone());
            }
        }
        for (i, c) in self.conflicts.iter().enumerate() {
            if chosen(i) && known(c.unit, c.node) {
                raws.insert((c.unit, c.node, c.stage), c.incoming.clone());
            }
        }
        for n in &self.notes {
            let empty = target
                .unit(n.unit)
                .is_some_and(|u| u.mark(n.node, n.stage).is_none_or(|m| m.note.is_empty()));
            if empty && known(n.unit, n.node) {
                notes.insert((n.unit, n.node, n.stage), n.note.clone());
            }
        }
        let mut ops: Vec<Op> = Vec::new();
        for ((unit, node, stage), raw) in raws {
            ops.push(Op::SetRaw {
                unit,
                node,
                stage,
                raw,
            });
        }
        for ((unit, node, stage), note) in notes {
            ops.push(Op::SetNote {
                unit,
                node,
                stage,
                note,
            });
        }
        for u in &target.units {
            if let Some(new) = received.remove(&u.id) {
                let mut all = u.receipts.clone();
                all.extend(new);
                ops.push(Op::SetReceipts {
                    unit: u.id,
                    receipts: all,
                });
            }
        }
        if !add_unknown_units {
            return ops;
        }
        let first_id = target.next_unit_id();
        // A name two units of the bloc fit (rule 2) is not a new unit: its
        // file's line asks which it is.
        let new_units = self
            .unknown_units
            .iter()
            .filter(|u| u.candidates.is_empty());
        for (k, uu) in new_units.enumerate() {
            let mut unit = Unit::new(first_id + k as UnitId, uu.name.clone());
            unit.receipts = received_unknown.remove(&uu.id).unwrap_or_default();
            let mut put = |node: NodeId, stage: Stage, f: &dyn Fn(&mut Mark)| {
                if target.node(node).is_some() {
                    let m = unit.marks[stage.index()].entry(node).or_default();
                    f(m);
                }
            };
            for f in &uu.fills {
                put(f.node, f.stage, &|m| m.raw = f.raw.clone());
            }
            for (i, c) in self.conflicts.iter().enumerate() {
                if c.unit == uu.id && chosen(i) {
                    put(c.node, c.stage, &|m| m.raw = c.incoming.clone());
                }
            }
            for n in &uu.notes {
                put(n.node, n.stage, &|m| m.note = n.note.clone());
            }
            ops.push(Op::InsertUnit {
                index: target.units.len() + k,
                unit,
            });
        }
        ops
    }
}

/// A unit's state in sending back its workbook (rule 15).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission<'a> {
    /// The unit's position in the scoresheet.
    pub unit: usize,
    /// Its latest receipt; `None`: it has not sent.
    pub last: Option<&'a Receipt>,
    pub count: usize,
}

/// Every unit's [`Submission`], in sheet order.
pub fn submissions(sheet: &Scoresheet) -> Vec<Submission<'_>> {
    sheet
        .units
        .iter()
        .enumerate()
        .map(|(unit, u)| Submission {
            unit,
            // The last of the maxima.
            last: u.receipts.iter().max_by_key(|r| r.at),
            count: u.receipts.len(),
        })
        .collect()
}

/// Folded words of a criterion text, punctuation aside.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn text_key(text: &str) -> String {
    words(text).join(" ")
}

/// Two criterion texts with less than half of the shorter one's words in
/// common. An empty text is never completely different.
fn completely_different(a: &str, b: &str) -> bool {
    let wa: HashSet<String> = words(a).into_iter().collect();
    let wb: HashSet<String> = words(b).into_iter().collect();
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let common = wa.intersection(&wb).count();
    common * 2 < wa.len().min(wb.len())
}

/// For each node of `incoming` (by position), the target node position it
/// matches: by code, else by text.
fn match_nodes(target: &Scoresheet, tree: &Tree, incoming: &Scoresheet) -> Vec<Option<usize>> {
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
    for (pos, n) in target.nodes.iter().enumerate() {
        if n.guidance {
            continue;
        }
        if !n.code.is_empty() {
            by_code.entry(n.code.as_str()).or_insert(pos);
        }
        let k = text_key(&n.text);
        if !k.is_empty() {
            by_text.entry(k).or_default().push(pos);
        }
    }
    incoming
        .nodes
        .iter()
        .map(|n| {
            if n.guidance {
                return None;
            }
            let coded = by_code
                .get(n.code.as_str())
                .copied()
                .filter(|&p| !completely_different(&target.nodes[p].text, &n.text));
            coded.or_else(|| {
                let found = by_text.get(&text_key(&n.text))?;
                // Prefer scoreable criteria when a section shares the text.
                let scoreable: Vec<usize> = found
                    .iter()
                    .copied()
                    .filter(|&p| tree.is_scoreable(p))
                    .collect();
                match (scoreable.as_slice(), found.as_slice()) {
                    ([p], _) => Some(*p),
                    ([], [p]) => Some(*p),
                    _ => None,
                }
            })
        })
        .collect()
}

/// Equal cells: by value when both parse as numbers, else the same text
/// (surrounding spaces aside).
pub(crate) fn same_cell(a: &str, b: &str) -> bool {
    match (Dec::parse(a), Dec::parse(b)) {
        (Ok(Some(x)), Ok(Some(y))) => x == y,
        _ => a.trim() == b.trim(),
    }
}

/// Where an incoming unit's cells go.
#[derive(Clone, Copy)]
enum Dest {
    Target(usize),
    Unknown(usize),
}

type Key = (UnitId, NodeId, Stage);

struct Planner<'a> {
    target: &'a Scoresheet,
    plan: MergePlan,
    /// Cells filled by an earlier file: text and file.
    pending: HashMap<Key, (String, String)>,
    pending_notes: HashMap<Key, String>,
    /// The names of the target's units and of `plan.unknown_units`, by position.
    target_names: Vec<UnitName>,
    unknown_names: Vec<UnitName>,
    unknown_criteria: HashMap<(String, String, String), usize>,
    next_id: UnitId,
}

impl Planner<'_> {
    fn unit_of(&self, dest: Dest) -> (UnitId, String) {
        match dest {
            Dest::Target(i) => (self.target.units[i].id, self.target.units[i].name.clone()),
            Dest::Unknown(i) => {
                let u = &self.plan.unknown_units[i];
                (u.id, u.name.clone())
            }
        }
    }

    /// The line being planned: the last of the last file.
    fn line(&mut self) -> &mut FileUnit {
        self.plan
            .files
            .last_mut()
            .and_then(|f| f.units.last_mut())
            .expect("a line is open while its cells are planned")
    }

    fn raw(&mut self, dest: Dest, node: NodeId, stage: Stage, raw: &str, from: &str) {
        let (unit, unit_name) = self.unit_of(dest);
        let key = (unit, node, stage);
        let current = match dest {
            Dest::Target(i) => self.target.units[i].raw(node, stage).trim(),
            Dest::Unknown(_) => "",
        };
        // The value already there: in the target, or from an earlier file.
        // Borrowed: only a conflict copies them.
        let existing = if !current.is_empty() {
            Some((current, None))
        } else {
            self.pending
                .get(&key)
                .map(|(earlier, earlier_from)| (earlier.as_str(), Some(earlier_from.as_str())))
        };
        if let Some((current, current_from)) = existing {
            if same_cell(current, raw) {
                self.plan.same += 1;
                self.line().same += 1;
            } else {
                self.plan.conflicts.push(Conflict {
                    unit,
                    node,
                    stage,
                    current: current.to_string(),
                    incoming: raw.to_string(),
                    from: from.to_string(),
                    unit_name,
                    current_from: current_from.map(str::to_string),
                });
                self.line().conflicts += 1;
            }
            return;
        }
        self.pending
            .insert(key, (raw.to_string(), from.to_string()));
        let fill = Fill {
            unit,
            node,
            stage,
            raw: raw.to_string(),
            from: from.to_string(),
        };
        self.line().new += 1;
        match dest {
            Dest::Target(_) => self.plan.fills.push(fill),
            Dest::Unknown(i) => self.plan.unknown_units[i].fills.push(fill),
        }
    }

    fn note(&mut self, dest: Dest, node: NodeId, stage: Stage, note: &str, from: &str) {
        let (unit, _) = self.unit_of(dest);
        let key = (unit, node, stage);
        let current = match dest {
            Dest::Target(i) => self.target.units[i]
                .mark(node, stage)
                .map(|m| m.note.as_str())
                .unwrap_or(""),
            Dest::Unknown(_) => "",
        };
        let earlier = if current.trim().is_empty() {
            self.pending_notes.get(&key).map(String::as_str)
        } else {
            Some(current)
        };
        if let Some(earlier) = earlier {
            if earlier.trim() != note.trim() {
                self.plan.notes_kept += 1;
            }
            return;
        }
        self.pending_notes.insert(key, note.to_string());
        let fill = NoteFill {
            unit,
            node,
            stage,
            note: note.to_string(),
            from: from.to_string(),
        };
        self.line().notes += 1;
        match dest {
            Dest::Target(_) => self.plan.notes.push(fill),
            Dest::Unknown(i) => self.plan.unknown_units[i].notes.push(fill),
        }
    }

    fn unknown_criterion(&mut self, from: &str, code: &str, text: &str) {
        let key = (from.to_string(), code.to_string(), text.to_string());
        let i = *self.unknown_criteria.entry(key).or_insert_with(|| {
            self.plan.unknown_criteria.push(UnknownCriterion {
                from: from.to_string(),
                code: code.to_string(),
                text: text.to_string(),
                cells: 0,
            });
            self.plan.unknown_criteria.len() - 1
        });
        self.plan.unknown_criteria[i].cells += 1;
    }

    /// Where a unit of a file goes, opening its line; `None`: skipped.
    fn dest(
        &mut self,
        from: &str,
        index: usize,
        unit: &Unit,
        assign: Assign,
        stamp: Option<&PackStamp>,
        alone: bool,
    ) -> Option<Dest> {
        let cells = cells_of(unit);
        let mut line = FileUnit {
            index,
            name: unit.name.trim().to_string(),
            dest: LineDest::Skipped,
            cells,
            new: 0,
            notes: 0,
            same: 0,
            conflicts: 0,
            invalid: Vec::new(),
            filled: [0; 3],
        };
        let name = UnitName::new(&unit.name);
        let chosen = match assign {
            Assign::Skip => {
                self.open(line);
                return None;
            }
            Assign::To(id) => self.target.units.iter().position(|u| u.id == id),
            Assign::Auto => None,
        };
        let stamped = match chosen {
            Some(_) => None,
            None => stamp.and_then(|s| s.unit_in(self.target)),
        };
        let by_name = || match find(&self.target_names, &name) {
            // Rule 17: a name fitting no unit ("Sheet1", "Tự chấm") and a
            // file of one unit: the file's name may say.
            Match::None if alone => find_in(&self.target_names, file_stem(from)),
            m => m,
        };
        let found = match (chosen, stamped) {
            (Some(i), _) => Ok((i, self.target_names[i].same_exactly(&name), false, true)),
            (None, Some(i)) => Ok((i, self.target_names[i].same_exactly(&name), true, false)),
            (None, None) => match by_name() {
                Match::Exact(i) => Ok((i, true, false, false)),
                Match::Loose(i) => Ok((i, false, false, false)),
                Match::Ambiguous(fits) => Err(fits),
                Match::None => Err(Vec::new()),
            },
        };
        let dest = match found {
            Ok((i, exact, stamped, chosen)) => {
                let id = self.target.units[i].id;
                self.plan.matched.push(UnitMatch {
                    from: from.to_string(),
                    name: unit.name.clone(),
                    unit: id,
                    exact,
                });
                line.dest = LineDest::Unit {
                    unit: id,
                    exact,
                    stamped,
                    chosen,
                };
                Dest::Target(i)
            }
            Err(fits) => {
                let ids = fits.iter().map(|&i| self.target.units[i].id).collect();
                let i = self.unknown(from, unit, name, cells, ids);
                line.dest = LineDest::Unknown {
                    id: self.plan.unknown_units[i].id,
                };
                Dest::Unknown(i)
            }
        };
        self.open(line);
        Some(dest)
    }

    fn open(&mut self, line: FileUnit) {
        if let Some(f) = self.plan.files.last_mut() {
            f.units.push(line);
        }
    }

    fn unknown(
        &mut self,
        from: &str,
        unit: &Unit,
        name: UnitName,
        cells: usize,
        candidates: Vec<UnitId>,
    ) -> usize {
        let known = self
            .unknown_names
            .iter()
            .position(|u| u.same_exactly(&name));
        let i = match known {
            Some(i) => i,
            None => {
                self.plan.unknown_units.push(UnknownUnit {
                    from: from.to_string(),
                    // Imported names are NFC already (the import normalises).
                    name: unit.name.trim().to_string(),
                    cells: 0,
                    id: self.next_id,
                    fills: Vec::new(),
                    notes: Vec::new(),
                    candidates,
                });
                self.next_id += 1;
                self.unknown_names.push(name);
                self.plan.unknown_units.len() - 1
            }
        };
        self.plan.unknown_units[i].cells += cells;
        i
    }
}

/// A file's name without its folder and extension.
fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

/// Score cells and notes a unit holds.
fn cells_of(unit: &Unit) -> usize {
    unit.marks
        .iter()
        .flat_map(|m| m.values())
        .map(|m| usize::from(!m.raw.trim().is_empty()) + usize::from(!m.note.trim().is_empty()))
        .sum()
}

/// How a file's template compares with the target's (rule 12); its units
/// are left for the planner.
fn template_report(
    from: &str,
    target: &Scoresheet,
    tree: &Tree,
    sheet: &Scoresheet,
    itree: &Tree,
    map: &[Option<usize>],
) -> FileReport {
    let mut report = FileReport {
        from: from.to_string(),
        ..FileReport::default()
    };
    let mut seen: HashSet<usize> = HashSet::new();
    for (ipos, node) in sheet.nodes.iter().enumerate() {
        if node.guidance || !itree.is_scoreable(ipos) {
            continue;
        }
        report.criteria += 1;
        let Some(t) = map[ipos].filter(|&t| tree.is_scoreable(t)) else {
            report.extra.push(node.code.clone());
            continue;
        };
        report.matching += 1;
        seen.insert(t);
    }
    for (t, node) in target.nodes.iter().enumerate() {
        if node.guidance || !tree.is_scoreable(t) {
            continue;
        }
        if !seen.contains(&t) {
            report.missing.push(node.code.clone());
        }
    }
    // Maxima in the target's order: each target criterion once.
    let mut by_target: BTreeMap<usize, Dec> = BTreeMap::new();
    for (ipos, node) in sheet.nodes.iter().enumerate() {
        if node.guidance || !itree.is_scoreable(ipos) {
            continue;
        }
        if let (Some(t), Some(max)) = (map[ipos].filter(|&t| tree.is_scoreable(t)), node.max) {
            by_target.entry(t).or_insert(max);
        }
    }
    for (t, file) in by_target {
        let n = &target.nodes[t];
        if n.max != Some(file) {
            report.maxima.push(MaxChange {
                node: n.id,
                code: n.code.clone(),
                target: n.max,
                file,
            });
        }
    }
    report
}

/// What merging `incoming` (file name, imported scoresheet and, for a
/// unit pack, its stamp), in this order, into `target` would do, each unit
/// going where its name (or stamp) says. Nothing is changed.
pub fn plan<R: Returned>(target: &Scoresheet, incoming: &[R]) -> MergePlan {
    plan_with(target, incoming, &Assignments::new())
}

/// [`plan`] with the user's choices of where units of files go (rule 11).
pub fn plan_with<R: Returned>(
    target: &Scoresheet,
    incoming: &[R],
    assign: &Assignments,
) -> MergePlan {
    let tree = Tree::new(target);
    let mut p = Planner {
        target,
        plan: MergePlan::default(),
        pending: HashMap::new(),
        pending_notes: HashMap::new(),
        target_names: target
            .units
            .iter()
            .map(|u| UnitName::new(&u.name))
            .collect(),
        unknown_names: Vec::new(),
        unknown_criteria: HashMap::new(),
        next_id: target.next_unit_id(),
    };
    // The open table's fingerprint, computed once for the packs' stamps.
    let mut print: Option<String> = None;
    for (fi, file) in incoming.iter().enumerate() {
        let (from, sheet) = (file.from(), file.sheet());
        let itree = Tree::new(sheet);
        let map = match_nodes(target, &tree, sheet);
        let mut report = template_report(from, target, &tree, sheet, &itree, &map);
        // A pack holds its one unit; a stamp on a workbook of several
        // units (packs copied together by hand) names none of them.
        let stamp = file.stamp().filter(|_| sheet.units.len() == 1);
        if let Some(s) = file.stamp() {
            let print = print.get_or_insert_with(|| fingerprint(target));
            report.pack = if s.fingerprint == *print {
                PackTemplate::Same
            } else {
                PackTemplate::Other
            };
        }
        p.plan.files.push(report);
        for (ui, unit) in sheet.units.iter().enumerate() {
            let cells = cells_of(unit);
            if cells == 0 {
                continue;
            }
            let choice = assign.get(&(fi, ui)).copied().unwrap_or_default();
            let alone = sheet.units.len() == 1;
            let Some(dest) = p.dest(from, ui, unit, choice, stamp, alone) else {
                continue;
            };
            // Target criteria scored, per stage: each once.
            let mut scored: HashSet<(usize, Stage)> = HashSet::new();
            for (ipos, node) in sheet.nodes.iter().enumerate() {
                if node.guidance {
                    continue;
                }
                let to = map[ipos];
                for stage in Stage::ALL {
                    let Some(mark) = unit.mark(node.id, stage) else {
                        continue;
                    };
                    // Compared and filled without the blanks around it
                    // (" 9 " is the 9 already there, not a conflict).
                    let raw = mark.raw.trim();
                    // A section's cells in the file are its sums.
                    if !raw.is_empty() && itree.is_scoreable(ipos) {
                        match to.filter(|&t| tree.is_scoreable(t)) {
                            Some(t) => {
                                let line = p.line();
                                if scored.insert((t, stage)) {
                                    line.filled[stage.index()] += 1;
                                }
                                if let Some(error) = input::score_error(raw, target.nodes[t].max) {
                                    line.invalid.push(Refused {
                                        code: target.nodes[t].code.clone(),
                                        stage,
                                        raw: raw.to_string(),
                                        error,
                                        deduction: tree.kind(t) == Kind::Deduction,
                                    });
                                }
                                p.raw(dest, target.nodes[t].id, stage, raw, from)
                            }
                            None => p.unknown_criterion(from, &node.code, &node.text),
                        }
                    }
                    if !input::note(&mark.note).is_empty() {
                        match to {
                            Some(t) => p.note(dest, target.nodes[t].id, stage, &mark.note, from),
                            None => p.unknown_criterion(from, &node.code, &node.text),
                        }
                    }
                }
            }
        }
    }
    p.plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::History;
    use crate::model::sheet::Kind;
    use unicode_normalization::UnicodeNormalization;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap().unwrap()
    }

    fn tree(units: &[&str]) -> Scoresheet {
        let mut s = Scoresheet::new("Khối");
        let i = s.push_node(None, "I", "Công tác chuyên môn", None, Kind::Content);
        s.push_node(
            Some(i),
            "1",
            "Hoàn thành chỉ tiêu",
            Some(d("10")),
            Kind::Content,
        );
        s.push_node(
            Some(i),
            "2",
            "Cải cách hành chính",
            Some(d("5")),
            Kind::Content,
        );
        s.push_node(Some(i), "3", "Chuyển đổi số", Some(d("5")), Kind::Content);
        for u in units {
            s.push_unit(u);
        }
        s
    }

    fn set(s: &mut Scoresheet, unit: usize, code: &str, stage: Stage, raw: &str) {
        let id = s.node_by_code(code).unwrap().id;
        s.units[unit].set_raw(id, stage, raw);
    }

    /// Where a file of one unit named `name` goes: the target unit's name
    /// and whether exactly, or the names of its unknown unit's candidates.
    fn dest_of(t: &Scoresheet, name: &str) -> Result<(String, bool), Vec<String>> {
        let mut inc = tree(&[name]);
        set(&mut inc, 0, "I.1", Stage::SelfScore, "1");
        let p = plan(t, &[("f.xlsx".into(), inc)]);
        let name_of = |id| t.unit(id).unwrap().name.clone();
        match (p.matched.as_slice(), p.unknown_units.as_slice()) {
            ([m], []) => Ok((name_of(m.unit), m.exact)),
            ([], [u]) => Err(u.candidates.iter().map(|&id| name_of(id)).collect()),
            _ => panic!("{name}: {p:?}"),
        }
    }

    #[test]
    fn units_match_by_the_one_rule_and_an_ambiguous_name_is_not_guessed() {
        let t = tree(&[
            "UBND huyện Kỳ Anh",
            "UBND thị xã Kỳ Anh",
            "An",
            "Tân An",
            "UBND huyện Cẩm Xuyên",
            "Sở Nội vụ",
            "Xã Thạch Hà",
            "Xã Thạch Hạ",
        ]);
        let ok = |n: &str, exact| Ok((n.to_string(), exact));
        assert_eq!(dest_of(&t, "Tân An"), ok("Tân An", true));
        assert_eq!(dest_of(&t, "an"), ok("An", true));
        assert_eq!(dest_of(&t, "Xã An"), ok("An", false));
        assert_eq!(
            dest_of(&t, "Thị xã Kỳ Anh"),
            ok("UBND thị xã Kỳ Anh", false)
        );
        assert_eq!(dest_of(&t, "TX Kỳ Anh"), ok("UBND thị xã Kỳ Anh", false));
        assert_eq!(
            dest_of(&t, "ubnd huyen ky anh"),
            ok("UBND huyện Kỳ Anh", false)
        );
        assert_eq!(dest_of(&t, "Cẩm Xuyên"), ok("UBND huyện Cẩm Xuyên", false));
        assert_eq!(dest_of(&t, "Nội vụ"), ok("Sở Nội vụ", false));
        let nfd: String = "XÃ THẠCH HẠ".nfd().collect();
        assert_eq!(dest_of(&t, &nfd), ok("Xã Thạch Hạ", true));
        // Two units fit: none is taken, both are named.
        let both = |a: &str, b: &str| Err(vec![a.to_string(), b.to_string()]);
        assert_eq!(
            dest_of(&t, "Kỳ Anh"),
            both("UBND huyện Kỳ Anh", "UBND thị xã Kỳ Anh")
        );
        assert_eq!(
            dest_of(&t, "Xa Thach Ha"),
            both("Xã Thạch Hà", "Xã Thạch Hạ")
        );
        // Both have a level word, different: not the same unit.
        assert_eq!(dest_of(&t, "Phòng Nội vụ"), Err(vec![]));
        assert_eq!(dest_of(&t, "Thành phố Cẩm Xuyên"), Err(vec![]));
    }

    #[test]
    fn criteria_match_by_code_then_by_text() {
        let t = tree(&[]);
        let tr = Tree::new(&t);
        let mut inc = tree(&[]);
        // 2 and 3 swapped in the file; a new 4.
        inc.nodes[2].text = "Chuyển đổi số".into();
        inc.nodes[3].text = "Cải cách hành chính.".into();
        let i = inc.node_by_code("I").unwrap().id;
        inc.push_node(Some(i), "4", "Phong trào mới", Some(d("2")), Kind::Content);
        // A lightly edited text keeps its code.
        inc.nodes[1].text = "Hoàn thành các chỉ tiêu".into();
        let m = match_nodes(&t, &tr, &inc);
        assert_eq!(m, vec![Some(0), Some(1), Some(3), Some(2), None]);
        // A known code whose text is another criterion's, found nowhere: unknown.
        let mut other = tree(&[]);
        other.nodes[1].text = "Tổ chức hội thi văn nghệ quần chúng".into();
        assert_eq!(match_nodes(&t, &tr, &other)[1], None);
        assert!(completely_different("Chuyển đổi số", "Cải cách hành chính"));
        assert!(!completely_different(
            "Hoàn thành chỉ tiêu",
            "Hoàn thành các chỉ tiêu"
        ));
        assert!(!completely_different("", "Cải cách"));
    }

    #[test]
    fn fills_same_conflicts_and_notes() {
        let mut t = tree(&["UBND huyện Cẩm Xuyên", "UBND huyện Đức Thọ"]);
        set(&mut t, 0, "I.1", Stage::SelfScore, "8");
        set(&mut t, 0, "I.2", Stage::SelfScore, "2,5");
        let n1 = t.node_by_code("I.1").unwrap().id;
        t.units[0].set_note(n1, Stage::SelfScore, "cũ");
        let mut inc = tree(&["Huyện Cẩm Xuyên"]);
        set(&mut inc, 0, "I.1", Stage::SelfScore, "9");
        set(&mut inc, 0, "I.2", Stage::SelfScore, "2.50");
        set(&mut inc, 0, "I.3", Stage::SelfScore, " 4 ");
        set(&mut inc, 0, "I.3", Stage::Bloc, "3,5");
        inc.units[0].set_note(n1, Stage::SelfScore, "mới");
        let n3 = inc.node_by_code("I.3").unwrap().id;
        inc.units[0].set_note(n3, Stage::Bloc, "thiếu hồ sơ");
        let p = plan(&t, &[("cx.xlsx".into(), inc)]);
        assert_eq!(p.same, 1);
        assert_eq!(p.fills.len(), 2);
        assert_eq!(p.fills[0].raw, "4");
        assert_eq!(p.fills[1].stage, Stage::Bloc);
        assert_eq!(p.conflicts.len(), 1);
        let c = &p.conflicts[0];
        assert_eq!((c.current.as_str(), c.incoming.as_str()), ("8", "9"));
        assert_eq!(c.unit_name, "UBND huyện Cẩm Xuyên");
        assert_eq!(c.current_from, None);
        assert_eq!(p.notes.len(), 1);
        assert_eq!(p.notes[0].note, "thiếu hồ sơ");
        assert_eq!(p.notes_kept, 1);
        assert_eq!(p.matched.len(), 1);
        assert!(!p.matched[0].exact);
        assert!(!p.is_empty());

        // Keep the current value, then take the incoming one.
        let keep = p.ops(&t, &[false], false);
        assert_eq!(keep.len(), 3);
        let mut a = t.clone();
        a.apply_all(keep);
        assert_eq!(a.units[0].raw(n1, Stage::SelfScore), "8");
        assert_eq!(a.units[0].raw(n3, Stage::SelfScore), "4");
        assert_eq!(a.units[0].raw(n3, Stage::Bloc), "3,5");
        assert_eq!(a.units[0].mark(n1, Stage::SelfScore).unwrap().note, "cũ");
        let mut b = t.clone();
        let mut h = History::default();
        h.apply(&mut b, p.ops(&t, &[true], false));
        assert_eq!(b.units[0].raw(n1, Stage::SelfScore), "9");
        h.undo(&mut b);
        assert_eq!(b, t);
    }

    #[test]
    fn a_later_file_conflicts_with_an_earlier_one() {
        let t = tree(&["UBND huyện Đức Thọ"]);
        let mut f1 = tree(&["UBND huyện Đức Thọ"]);
        set(&mut f1, 0, "I.1", Stage::SelfScore, "7");
        set(&mut f1, 0, "I.2", Stage::SelfScore, "3");
        let mut f2 = tree(&["huyen duc tho"]);
        set(&mut f2, 0, "I.1", Stage::SelfScore, "6");
        set(&mut f2, 0, "I.2", Stage::SelfScore, "3,0");
        let p = plan(&t, &[("a.xlsx".into(), f1), ("b.xlsx".into(), f2)]);
        assert_eq!(p.fills.len(), 2);
        assert_eq!(p.same, 1);
        assert_eq!(p.conflicts.len(), 1);
        let c = &p.conflicts[0];
        assert_eq!(c.current, "7");
        assert_eq!(c.incoming, "6");
        assert_eq!(c.from, "b.xlsx");
        assert_eq!(c.current_from.as_deref(), Some("a.xlsx"));
        let n1 = t.node_by_code("I.1").unwrap().id;
        let mut a = t.clone();
        a.apply_all(p.ops(&t, &[false], false));
        assert_eq!(a.units[0].raw(n1, Stage::SelfScore), "7");
        let mut b = t.clone();
        b.apply_all(p.ops(&t, &[true], false));
        assert_eq!(b.units[0].raw(n1, Stage::SelfScore), "6");
    }

    #[test]
    fn unknown_units_are_grouped_and_added_on_request() {
        let t = tree(&["UBND huyện Đức Thọ"]);
        let mut f1 = tree(&["UBND huyện Vũ Quang"]);
        set(&mut f1, 0, "I.1", Stage::SelfScore, "7");
        let mut f2 = tree(&["UBND HUYỆN VŨ QUANG", "Xã Trống"]);
        set(&mut f2, 0, "I.1", Stage::SelfScore, "8");
        set(&mut f2, 0, "I.2", Stage::SelfScore, "4");
        let p = plan(&t, &[("a.xlsx".into(), f1), ("b.xlsx".into(), f2)]);
        assert_eq!(p.unknown_units.len(), 1, "the unit without cells is left");
        assert!(p.unknown_units[0].candidates.is_empty());
        let uu = &p.unknown_units[0];
        assert_eq!(
            (uu.name.as_str(), uu.from.as_str(), uu.cells),
            ("UBND huyện Vũ Quang", "a.xlsx", 3)
        );
        assert_eq!(uu.fills.len(), 2);
        assert_eq!(p.conflicts.len(), 1);
        assert_eq!(p.conflicts[0].unit, uu.id);
        assert_eq!(p.conflicts[0].unit_name, "UBND huyện Vũ Quang");
        assert!(p.fills.is_empty());
        assert!(p.ops(&t, &[], false).is_empty());
        let mut s = t.clone();
        let mut h = History::default();
        h.apply(&mut s, p.ops(&t, &[true], true));
        assert_eq!(s.units.len(), 2);
        let added = &s.units[1];
        assert_eq!(added.name, "UBND huyện Vũ Quang");
        assert_eq!(added.id, t.next_unit_id());
        let n1 = t.node_by_code("I.1").unwrap().id;
        let n2 = t.node_by_code("I.2").unwrap().id;
        assert_eq!(added.raw(n1, Stage::SelfScore), "8");
        assert_eq!(added.raw(n2, Stage::SelfScore), "4");
        h.undo(&mut s);
        assert_eq!(s, t);
    }

    #[test]
    fn rule_9_a_name_two_units_fit_is_never_added_as_a_new_unit() {
        let t = tree(&["UBND huyện Kỳ Anh", "UBND thị xã Kỳ Anh"]);
        let mut f = tree(&["Kỳ Anh"]);
        set(&mut f, 0, "I.1", Stage::SelfScore, "7");
        let mut g = tree(&["UBND huyện Vũ Quang"]);
        set(&mut g, 0, "I.1", Stage::SelfScore, "6");
        let p = plan(&t, &[("ka.xlsx".into(), f), ("vq.xlsx".into(), g)]);
        assert_eq!(p.unknown_units.len(), 2);
        assert_eq!(p.unknown_units[0].candidates.len(), 2);
        let mut s = t.clone();
        History::default().apply(&mut s, p.ops(&t, &[], true));
        let names: Vec<&str> = s.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "UBND huyện Kỳ Anh",
                "UBND thị xã Kỳ Anh",
                "UBND huyện Vũ Quang"
            ]
        );
        assert_eq!(s.units[2].id, t.next_unit_id());
    }

    #[test]
    fn unknown_units_are_one_per_exact_name() {
        let t = tree(&["UBND huyện Đức Thọ"]);
        let files: Vec<(String, Scoresheet)> =
            ["Xã Thạch Hà", "Xã Thạch Hạ", "xã thạch hà", "Vũ Quang"]
                .iter()
                .chain(&["Huyện Vũ Quang"])
                .map(|name| {
                    let mut f = tree(&[name]);
                    set(&mut f, 0, "I.1", Stage::SelfScore, "1");
                    (format!("{name}.xlsx"), f)
                })
                .collect();
        let p = plan(&t, &files);
        let got: Vec<(&str, usize)> = p
            .unknown_units
            .iter()
            .map(|u| (u.name.as_str(), u.cells))
            .collect();
        assert_eq!(
            got,
            [
                ("Xã Thạch Hà", 2),
                ("Xã Thạch Hạ", 1),
                ("Vũ Quang", 1),
                ("Huyện Vũ Quang", 1)
            ]
        );
        assert_eq!(p.same, 1, "the two Thạch Hà files agree");
        assert!(p.conflicts.is_empty());
    }

    #[test]
    fn unknown_criteria_and_sections_are_reported_not_merged() {
        let t = tree(&["A"]);
        let mut inc = tree(&["A"]);
        let i = inc.node_by_code("I").unwrap().id;
        let new = inc.push_node(Some(i), "9", "Tiêu chí riêng", Some(d("3")), Kind::Content);
        inc.units[0].set_raw(new, Stage::SelfScore, "3");
        inc.units[0].set_note(new, Stage::SelfScore, "x");
        // The file split I.1 into a) and b): its I.1 is a section there.
        let one = inc.node_by_code("I.1").unwrap().id;
        let a = inc.push_node(Some(one), "a)", "Ý a", Some(d("5")), Kind::Content);
        inc.units[0].set_raw(a, Stage::SelfScore, "5");
        inc.units[0].set_raw(one, Stage::SelfScore, "5");
        let p = plan(&t, &[("f.xlsx".into(), inc)]);
        assert!(p.fills.is_empty());
        let got: Vec<(&str, usize)> = p
            .unknown_criteria
            .iter()
            .map(|c| (c.code.as_str(), c.cells))
            .collect();
        assert_eq!(got, vec![("I.9", 2), ("I.1.a", 1)]);
    }

    /// A one-unit file named `name` holding `cells` of tự chấm.
    fn file(name: &str, cells: &[(&str, &str)]) -> Scoresheet {
        let mut f = tree(&[name]);
        for (code, raw) in cells {
            set(&mut f, 0, code, Stage::SelfScore, raw);
        }
        f
    }

    fn line(p: &MergePlan, file: usize) -> &FileUnit {
        &p.files[file].units[0]
    }

    #[test]
    fn rule_10_a_line_per_unit_of_each_file_with_what_it_brings() {
        let mut t = tree(&["UBND huyện Cẩm Xuyên", "UBND huyện Đức Thọ"]);
        set(&mut t, 0, "I.1", Stage::SelfScore, "8");
        set(&mut t, 0, "I.2", Stage::SelfScore, "2");
        let mut cx = file(
            "Cẩm Xuyên",
            &[("I.1", "9"), ("I.2", "2,0"), ("I.3", "7"), ("I", "18")],
        );
        set(&mut cx, 0, "I.3", Stage::Bloc, "4");
        let n3 = cx.node_by_code("I.3").unwrap().id;
        cx.units[0].set_note(n3, Stage::Bloc, "thiếu hồ sơ");
        let nothing = tree(&["UBND huyện Đức Thọ"]);
        let two = {
            let mut f = tree(&["UBND huyện Đức Thọ", "Xã Mới"]);
            set(&mut f, 0, "I.1", Stage::SelfScore, "mười");
            set(&mut f, 1, "I.1", Stage::SelfScore, "1");
            f
        };
        let p = plan(
            &t,
            &[
                ("cx.xlsx".into(), cx),
                ("rong.xlsx".into(), nothing),
                ("hai.xlsx".into(), two),
            ],
        );
        let names: Vec<&str> = p.files.iter().map(|f| f.from.as_str()).collect();
        assert_eq!(names, ["cx.xlsx", "rong.xlsx", "hai.xlsx"]);
        let l = line(&p, 0);
        assert_eq!(
            l.dest,
            LineDest::Unit {
                unit: t.units[0].id,
                exact: false,
                stamped: false,
                chosen: false
            }
        );
        assert_eq!(l.name, "Cẩm Xuyên");
        // I.3 tự chấm 7 above its maximum 5: invalid, still new; the
        // section's 18 is a sum, not counted.
        let counts = (
            l.new,
            l.notes,
            l.same,
            l.conflicts,
            l.invalid.len(),
            l.cells,
        );
        assert_eq!(counts, (2, 1, 1, 1, 1, 6));
        // Named: the criterion, the stage, the value and why.
        assert_eq!(
            l.invalid,
            [Refused {
                code: "I.3".into(),
                stage: Stage::SelfScore,
                raw: "7".into(),
                error: CellError::AboveMax(d("5")),
                deduction: false,
            }]
        );
        assert_eq!(l.filled, [3, 1, 0]);
        assert!(p.files[1].units.is_empty(), "nothing to merge, no line");
        let hai = &p.files[2].units;
        assert_eq!(hai.len(), 2);
        assert_eq!((hai[0].index, hai[0].invalid.len(), hai[0].new), (0, 1, 1));
        assert_eq!(hai[0].invalid[0].raw, "mười");
        assert_eq!(
            hai[1].dest,
            LineDest::Unknown {
                id: p.unknown_units[0].id
            }
        );
        assert_eq!((hai[1].index, hai[1].new), (1, 1));
    }

    #[test]
    fn rule_10_a_deduction_typed_negative_is_named_as_one() {
        let with_deduction = |units: &[&str]| {
            let mut s = tree(units);
            let iii = s.push_node(None, "III", "Điểm trừ", None, Kind::Deduction);
            s.push_node(
                Some(iii),
                "1",
                "Chậm báo cáo",
                Some(d("5")),
                Kind::Deduction,
            );
            s
        };
        let t = with_deduction(&["UBND huyện Cẩm Xuyên"]);
        let mut f = with_deduction(&["Cẩm Xuyên"]);
        set(&mut f, 0, "III.1", Stage::SelfScore, "-2");
        set(&mut f, 0, "I.1", Stage::SelfScore, "-1");
        let p = plan(&t, &[("cx.xlsx".into(), f)]);
        let named: Vec<(&str, &str, bool)> = line(&p, 0)
            .invalid
            .iter()
            .map(|r| (r.code.as_str(), r.raw.as_str(), r.deduction))
            .collect();
        assert_eq!(named, [("I.1", "-1", false), ("III.1", "-2", true)]);
        assert!(line(&p, 0)
            .invalid
            .iter()
            .all(|r| r.error == CellError::Negative));
    }

    #[test]
    fn rule_11_a_file_reassigned_or_skipped_is_planned_again() {
        let t = tree(&["UBND huyện Kỳ Anh", "UBND thị xã Kỳ Anh", "Đức Thọ"]);
        let files = vec![
            ("ky-anh.xlsx".to_string(), file("Kỳ Anh", &[("I.1", "7")])),
            ("dt.xlsx".to_string(), file("Đức Thọ", &[("I.1", "6")])),
            ("dt-2.xlsx".to_string(), file("Đức Thọ", &[("I.1", "5")])),
        ];
        let auto = plan(&t, &files);
        assert_eq!(auto.unknown_units.len(), 1, "ambiguous: not guessed");
        assert_eq!(auto.conflicts.len(), 1, "dt-2 against dt");
        let (ka_h, ka_tx, dt) = (t.units[0].id, t.units[1].id, t.units[2].id);
        let mut choice = Assignments::new();
        choice.insert((0, 0), Assign::To(ka_tx));
        choice.insert((1, 0), Assign::Skip);
        let p = plan_with(&t, &files, &choice);
        assert!(p.unknown_units.is_empty());
        assert_eq!(
            line(&p, 0).dest,
            LineDest::Unit {
                unit: ka_tx,
                exact: false,
                stamped: false,
                chosen: true
            }
        );
        assert_eq!(line(&p, 1).dest, LineDest::Skipped);
        assert_eq!(line(&p, 1).new, 0);
        // The skipped file gives nothing: the later one fills the cell.
        let fills: Vec<(UnitId, &str, &str)> = p
            .fills
            .iter()
            .map(|f| (f.unit, f.raw.as_str(), f.from.as_str()))
            .collect();
        assert_eq!(fills, [(ka_tx, "7", "ky-anh.xlsx"), (dt, "5", "dt-2.xlsx")]);
        assert!(p.conflicts.is_empty());
        assert!(!p.fills.iter().any(|f| f.unit == ka_h));
        // Skipping hides its unknown unit and criteria too.
        let mut odd = file("Xã Lạ", &[("I.1", "1")]);
        let i = odd.node_by_code("I").unwrap().id;
        let x = odd.push_node(Some(i), "9", "Riêng", Some(d("2")), Kind::Content);
        odd.units[0].set_raw(x, Stage::SelfScore, "2");
        let files = vec![("la.xlsx".to_string(), odd)];
        assert!(!plan(&t, &files).unknown_criteria.is_empty());
        let skip = Assignments::from([((0, 0), Assign::Skip)]);
        let p = plan_with(&t, &files, &skip);
        assert!(p.is_empty() && p.unknown_criteria.is_empty());
        // A unit removed since: by name again.
        let gone = Assignments::from([((0, 0), Assign::To(999))]);
        assert_eq!(plan_with(&t, &files, &gone), plan(&t, &files));
    }

    #[test]
    fn rule_12_the_template_of_each_file_is_compared() {
        let t = tree(&["A"]);
        let mut f = file("A", &[("I.1", "1")]);
        // I.2's maximum raised, I.3 removed, two criteria of its own.
        let i2 = f.node_by_code("I.2").unwrap().id;
        f.nodes.iter_mut().find(|n| n.id == i2).unwrap().max = Some(d("8"));
        let i3 = f.nodes.iter().position(|n| n.code == "I.3").unwrap();
        f.nodes.remove(i3);
        let i = f.node_by_code("I").unwrap().id;
        f.push_node(Some(i), "4", "Phong trào mới", Some(d("2")), Kind::Content);
        f.push_node(Some(i), "5", "Tiêu chí riêng", Some(d("2")), Kind::Content);
        let p = plan(&t, &[("f.xlsx".into(), f.clone())]);
        let r = &p.files[0];
        assert_eq!((r.criteria, r.matching), (4, 2));
        assert_eq!(r.extra, ["I.4", "I.5"]);
        assert_eq!(r.missing, ["I.3"]);
        let maxima: Vec<_> = r
            .maxima
            .iter()
            .map(|m| (m.code.as_str(), m.target, m.file))
            .collect();
        assert_eq!(maxima, [("I.2", Some(d("5")), d("8"))]);
        assert!(r.differs() && !r.foreign());
        // Its I.1 still merges.
        assert_eq!(p.fills.len(), 1);
        // Another bloc's form: a different template.
        let mut other = Scoresheet::new("Khác");
        let s = other.push_node(None, "A", "Phần A", None, Kind::Content);
        for k in 1..=3 {
            other.push_node(
                Some(s),
                &k.to_string(),
                &format!("Việc {k}"),
                Some(d("1")),
                Kind::Content,
            );
        }
        other.push_node(Some(s), "4", "Chuyển đổi số", Some(d("5")), Kind::Content);
        other.push_unit("A");
        let p = plan(&t, &[("khac.xlsx".into(), other)]);
        assert!(p.files[0].foreign());
        assert_eq!((p.files[0].criteria, p.files[0].matching), (4, 1));
        // The same template: nothing flagged.
        let p = plan(&t, &[("a.xlsx".into(), file("A", &[("I.1", "1")]))]);
        assert!(!p.files[0].differs() && !p.files[0].foreign());
    }

    #[test]
    fn rule_13_receipts_are_recorded_in_the_same_step() {
        let mut t = tree(&["Cẩm Xuyên", "Đức Thọ", "Kỳ Anh"]);
        let old = Receipt {
            file: "cu.xlsx".into(),
            at: 1,
            filled: [1, 0, 0],
        };
        t.units[0].receipts.push(old.clone());
        let mut cx = file("Cẩm Xuyên", &[("I.1", "1"), ("I.2", "2")]);
        set(&mut cx, 0, "I.1", Stage::Bloc, "1");
        let files = vec![
            ("cx.xlsx".to_string(), cx),
            ("dt.xlsx".to_string(), file("Đức Thọ", &[("I.1", "3")])),
            ("cx-2.xlsx".to_string(), file("Cẩm Xuyên", &[("I.3", "4")])),
            ("vq.xlsx".to_string(), file("Vũ Quang", &[("I.1", "5")])),
        ];
        let skip = Assignments::from([((1, 0), Assign::Skip)]);
        let p = plan_with(&t, &files, &skip);
        let at = 1_734_681_600_000;
        let r = |file: &str, filled| Receipt {
            file: file.into(),
            at,
            filled,
        };
        for add in [false, true] {
            let mut s = t.clone();
            let mut h = History::default();
            h.apply(&mut s, p.ops_received(&t, &[], add, at));
            assert_eq!(
                s.units[0].receipts,
                [
                    old.clone(),
                    r("cx.xlsx", [2, 1, 0]),
                    r("cx-2.xlsx", [1, 0, 0])
                ]
            );
            assert!(s.units[1].receipts.is_empty(), "skipped");
            assert!(s.units[2].receipts.is_empty(), "sent nothing");
            assert_eq!(s.units.len(), 3 + usize::from(add));
            if add {
                assert_eq!(s.units[3].receipts, [r("vq.xlsx", [1, 0, 0])]);
            }
            h.undo(&mut s);
            assert_eq!(s, t, "one step");
        }
        // Without a time, none.
        let mut s = t.clone();
        s.apply_all(p.ops(&t, &[], true));
        assert_eq!(s.units[0].receipts, [old]);
        assert!(s.units[3].receipts.is_empty());
    }

    #[test]
    fn rule_14_conflict_choices_survive_a_reassignment() {
        let mut t = tree(&["Cẩm Xuyên", "Đức Thọ"]);
        set(&mut t, 0, "I.1", Stage::SelfScore, "1");
        set(&mut t, 0, "I.2", Stage::SelfScore, "1");
        set(&mut t, 1, "I.1", Stage::SelfScore, "1");
        let files = vec![
            (
                "a.xlsx".to_string(),
                file("Cẩm Xuyên", &[("I.1", "2"), ("I.2", "2")]),
            ),
            ("b.xlsx".to_string(), file("Đức Thọ", &[("I.1", "3")])),
        ];
        let before = plan(&t, &files);
        assert_eq!(before.conflicts.len(), 3);
        // Take a.xlsx's I.2 and b.xlsx's I.1; then send b.xlsx to Cẩm Xuyên.
        let replace = [false, true, true];
        let after = plan_with(
            &t,
            &files,
            &Assignments::from([((1, 0), Assign::To(t.units[0].id))]),
        );
        let got: Vec<(&str, &str, bool)> = after
            .conflicts
            .iter()
            .zip(after.carry(&before, &replace))
            .map(|(c, on)| (c.from.as_str(), c.incoming.as_str(), on))
            .collect();
        assert_eq!(
            got,
            [
                ("a.xlsx", "2", false),
                ("a.xlsx", "2", true),
                ("b.xlsx", "3", false)
            ]
        );
    }

    #[test]
    fn rule_16_a_pack_goes_to_its_units_id_whatever_name_it_carries() {
        let t = tree(&["Cẩm Xuyên", "Đức Thọ", "Kỳ Anh"]);
        let dt = t.units[1].id;
        let pack = |name: &str, stamp: PackStamp| Incoming {
            from: format!("{name}.xlsx"),
            sheet: file(name, &[("I.1", "7")]),
            stamp: Some(stamp),
        };
        let stamp = PackStamp::new(&t, &t.units[1]);
        let files = [
            // The unit wrote another name, or another unit's.
            pack("Phòng Nội vụ", stamp.clone()),
            pack("Cẩm Xuyên", stamp.clone()),
            // A stamp of a unit the sheet does not have: by name.
            pack(
                "Kỳ Anh",
                PackStamp {
                    unit: 999,
                    ..stamp.clone()
                },
            ),
        ];
        let p = plan(&t, &files);
        let dests: Vec<&LineDest> = p.files.iter().map(|f| &f.units[0].dest).collect();
        let by_id = LineDest::Unit {
            unit: dt,
            exact: false,
            stamped: true,
            chosen: false,
        };
        assert_eq!(dests[0], &by_id);
        assert_eq!(dests[1], &by_id);
        assert_eq!(
            dests[2],
            &LineDest::Unit {
                unit: t.units[2].id,
                exact: true,
                stamped: false,
                chosen: false
            }
        );
        assert!(p
            .files
            .iter()
            .all(|f| f.pack == PackTemplate::Same && !f.differs()));
        assert!(p.unknown_units.is_empty());
        // The user's choice still wins.
        let to_cx = Assignments::from([((0, 0), Assign::To(t.units[0].id))]);
        let p = plan_with(&t, &files, &to_cx);
        assert!(
            matches!(p.files[0].units[0].dest, LineDest::Unit { unit, chosen: true, stamped: false, .. } if unit == t.units[0].id)
        );
        // Made from another table: flagged, even when nothing else differs.
        let mut other = t.clone();
        other.nodes[1].text = "Hoàn thành vượt chỉ tiêu".into();
        let stale = pack("Đức Thọ", PackStamp::new(&other, &other.units[1]));
        let p = plan(&t, &[stale]);
        assert_eq!(p.files[0].pack, PackTemplate::Other);
        assert!(p.files[0].differs() && p.files[0].extra.is_empty());
        // A plain file is no pack.
        let p = plan(
            &t,
            &[("a.xlsx".to_string(), file("Đức Thọ", &[("I.1", "1")]))],
        );
        assert_eq!(p.files[0].pack, PackTemplate::NotAPack);
    }

    #[test]
    fn rule_15_each_unit_its_latest_receipt_or_not_sent() {
        let mut t = tree(&["A", "B", "C"]);
        let r = |file: &str, at| Receipt {
            file: file.into(),
            at,
            filled: [1, 0, 0],
        };
        t.units[0].receipts = vec![r("a2.xlsx", 20), r("a1.xlsx", 10)];
        t.units[2].receipts = vec![r("c1.xlsx", 5), r("c2.xlsx", 5)];
        let got: Vec<(usize, Option<&str>, usize)> = submissions(&t)
            .iter()
            .map(|s| (s.unit, s.last.map(|r| r.file.as_str()), s.count))
            .collect();
        assert_eq!(
            got,
            [
                (0, Some("a2.xlsx"), 2),
                (1, None, 0),
                (2, Some("c2.xlsx"), 2)
            ]
        );
    }

    #[test]
    fn fills_typed_over_since_the_plan_are_skipped() {
        let t = tree(&["A"]);
        let mut inc = tree(&["A"]);
        set(&mut inc, 0, "I.1", Stage::SelfScore, "7");
        let p = plan(&t, &[("f.xlsx".into(), inc)]);
        let mut now = t.clone();
        set(&mut now, 0, "I.1", Stage::SelfScore, "1");
        assert!(p.ops(&now, &[], false).is_empty());
        assert!(plan::<Incoming>(&t, &[]).is_empty());
    }
}
