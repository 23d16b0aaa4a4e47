//! Gathering the units' returned workbooks into the open scoresheet.
//!
//! The bloc leader has the scoresheet open (the *target*); each unit sends
//! back its filled workbook, imported with [`crate::xlsx::import`]. A
//! [`plan`] says what merging them would do; [`MergePlan::ops`] turns it
//! into one undoable step.
//!
//! Rules (pinned by the tests below and in `tests/merge.rs`):
//! - Units are matched by name with [`super::unit_match`]'s rule: the same
//!   name exactly (case and NFC/NFD aside, diacritics kept); else loosely
//!   (also without diacritics, "UBND" / "Ủy ban nhân dân" and an
//!   administrative level word only one name has: "Cẩm Xuyên" ≈ "huyện
//!   Cẩm Xuyên"), when exactly one target unit fits. Level words are never
//!   ignored when both names have one: "thị xã Kỳ Anh" is not "huyện Kỳ
//!   Anh"; nor is the rest ever a suffix: "An" is not "Tân An".
//! - A name two target units or more fit ("Kỳ Anh" with "huyện Kỳ Anh" and
//!   "thị xã Kỳ Anh"; "Xa Thach Ha" with "Xã Thạch Hà" and "Xã Thạch Hạ")
//!   is not guessed: its unit is an [`UnknownUnit`] whose `candidates` are
//!   those target units; nothing of it reaches them.
//! - Criteria are matched by code; when the code is not in the target, or
//!   the target's criterion of that code has a completely different text
//!   (less than half of the words of the shorter text in common), by text
//!   (folded, punctuation aside), when exactly one target criterion has it.
//!   Anything else is an [`UnknownCriterion`]: its cells are not merged.
//! - Only scoreable criteria ([`Tree::is_scoreable`]) of the target get
//!   score cells. Score cells of the incoming file's own sections are their
//!   sums and are ignored. Notes go to any matched criterion or section.
//! - Every stage the incoming file holds is taken. An empty incoming cell
//!   never clears anything.
//! - A cell equal to the target's (by value when both parse as numbers,
//!   else the same text, surrounding spaces aside) counts in `same`; an
//!   empty target cell gets a [`Fill`]; a different non-empty target cell
//!   is a [`Conflict`], which keeps the target's value unless the user
//!   chooses the incoming one.
//! - Files are taken in the order given. When two incoming units (from two
//!   files, or twice in one file) give the same empty target cell, the
//!   first gives the fill and a later different value is a conflict
//!   against it (`current_from` names the earlier file); a later equal
//!   value counts in `same`.
//! - Notes fill empty target notes only. A note is never overwritten: an
//!   incoming note that differs from a note already there (or from one
//!   filled by an earlier file) is left out, not a conflict; `notes_kept`
//!   counts them.
//! - Units of the files that match no target unit are [`UnknownUnit`]s,
//!   one per name across files, names compared exactly (as two sheets of
//!   one workbook are by the import: "Xã Thạch Hà" and "Xã Thạch Hạ", or
//!   "Vũ Quang" and "huyện Vũ Quang", stay two), each with a provisional
//!   id; they are added only when the user asks ([`MergePlan::ops`]).

use super::calc::Tree;
use super::edit::Op;
use super::num::Dec;
use super::sheet::{Mark, NodeId, Scoresheet, Stage, Unit, UnitId};
use super::text::fold;
use super::unit_match::{find, Match, UnitName};
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
        type Key = (UnitId, NodeId, Stage);
        let chosen = |i: usize| replace.get(i).copied().unwrap_or(false);
        let known =
            |unit: UnitId, node: NodeId| target.unit(unit).is_some() && target.node(node).is_some();
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
        if !add_unknown_units {
            return ops;
        }
        let first_id = target.next_unit_id();
        for (k, uu) in self.unknown_units.iter().enumerate() {
            let mut unit = Unit::new(first_id + k as UnitId, uu.name.clone());
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

    fn dest(&mut self, from: &str, unit: &Unit, cells: usize) -> Dest {
        let name = UnitName::new(&unit.name);
        let (i, exact) = match find(&self.target_names, &name) {
            Match::Exact(i) => (i, true),
            Match::Loose(i) => (i, false),
            Match::Ambiguous(fits) => {
                let ids = fits.iter().map(|&i| self.target.units[i].id).collect();
                return self.unknown(from, unit, name, cells, ids);
            }
            Match::None => return self.unknown(from, unit, name, cells, Vec::new()),
        };
        self.plan.matched.push(UnitMatch {
            from: from.to_string(),
            name: unit.name.clone(),
            unit: self.target.units[i].id,
            exact,
        });
        Dest::Target(i)
    }

    fn unknown(
        &mut self,
        from: &str,
        unit: &Unit,
        name: UnitName,
        cells: usize,
        candidates: Vec<UnitId>,
    ) -> Dest {
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
        Dest::Unknown(i)
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

/// What merging `incoming` (file name, imported scoresheet), in this
/// order, into `target` would do. Nothing is changed.
pub fn plan(target: &Scoresheet, incoming: &[(String, Scoresheet)]) -> MergePlan {
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
    for (from, sheet) in incoming {
        let itree = Tree::new(sheet);
        let map = match_nodes(target, &tree, sheet);
        for unit in &sheet.units {
            let cells = cells_of(unit);
            if cells == 0 {
                continue;
            }
            let dest = p.dest(from, unit, cells);
            for (ipos, node) in sheet.nodes.iter().enumerate() {
                if node.guidance {
                    continue;
                }
                let to = map[ipos];
                for stage in Stage::ALL {
                    let Some(mark) = unit.mark(node.id, stage) else {
                        continue;
                    };
                    let raw = mark.raw.trim();
                    // A section's cells in the file are its sums.
                    if !raw.is_empty() && itree.is_scoreable(ipos) {
                        match to.filter(|&t| tree.is_scoreable(t)) {
                            Some(t) => p.raw(dest, target.nodes[t].id, stage, raw, from),
                            None => p.unknown_criterion(from, &node.code, &node.text),
                        }
                    }
                    if !mark.note.trim().is_empty() {
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

    #[test]
    fn fills_typed_over_since_the_plan_are_skipped() {
        let t = tree(&["A"]);
        let mut inc = tree(&["A"]);
        set(&mut inc, 0, "I.1", Stage::SelfScore, "7");
        let p = plan(&t, &[("f.xlsx".into(), inc)]);
        let mut now = t.clone();
        set(&mut now, 0, "I.1", Stage::SelfScore, "1");
        assert!(p.ops(&now, &[], false).is_empty());
        assert!(plan(&t, &[]).is_empty());
    }
}
