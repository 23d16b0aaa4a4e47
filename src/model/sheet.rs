//! The stored inputs of a scoresheet. Nothing here is computed: totals,
//! ranks and validation live in [`super::calc`] and derive from these.

use super::face::Face;
use super::meeting::Meeting;
use super::num::Dec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the serialized form; bump it and add a migration on change.
pub const SCHEMA_VERSION: u32 = 1;

/// Stable identity of a node in the criteria tree.
pub type NodeId = u32;
/// Stable identity of a unit.
pub type UnitId = u32;

/// What a criterion's points do to the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Ordinary content points, summed to the total (its maximum is the scale).
    #[default]
    Content,
    /// Điểm thưởng / điểm cộng: added, capped at the bonus maximum.
    Bonus,
    /// Điểm trừ: points typed are subtracted.
    Deduction,
}

/// The scoring stages, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Tự chấm: the unit scores itself.
    #[serde(rename = "self")]
    SelfScore,
    /// Khối chấm: the bloc scores the unit.
    Bloc,
    /// Thẩm định: the Board verifies.
    Verify,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::SelfScore, Stage::Bloc, Stage::Verify];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One line of the criteria tree: a section, a criterion, or a guidance line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: NodeId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<NodeId>,
    /// Full code built from the numbering, e.g. "I.1.a". Empty for guidance.
    #[serde(default)]
    pub code: String,
    /// The label as the template shows it in the STT column ("I", "1", "a)").
    #[serde(default)]
    pub label: String,
    pub text: String,
    /// Maximum points (điểm chuẩn). For a section this is only what the
    /// template stated; the section's real maximum is the sum of its children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Dec>,
    /// Hệ số. 1 when the template has none.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: Dec,
    #[serde(default, skip_serializing_if = "is_content")]
    pub kind: Kind,
    /// Guidance lines ("- Hoàn thành vượt mức: 20 điểm") carry no points.
    #[serde(default, skip_serializing_if = "is_false")]
    pub guidance: bool,
}

fn one() -> Dec {
    Dec::ONE
}
fn is_one(d: &Dec) -> bool {
    *d == Dec::ONE
}
fn is_content(k: &Kind) -> bool {
    *k == Kind::Content
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// What was typed into one unit × criterion × stage cell. The text is kept
/// exactly as typed, valid or not; its value is parsed when computing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub raw: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Mark {
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty() && self.note.is_empty()
    }
}

/// A workbook a unit sent back, merged into the scoresheet
/// ([`super::merge`]): the secretary's record of who has sent what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The file's name.
    pub file: String,
    /// When it was merged, in milliseconds since the Unix epoch (UTC).
    pub at: u64,
    /// Per stage (index = [`Stage::index`]), how many of the scoresheet's
    /// criteria the file gave a score to (valid or not).
    pub filled: [u32; 3],
}

/// A scored unit (a district, a department, an enterprise).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Per stage (index = [`Stage::index`]), the marks by criterion.
    #[serde(default)]
    pub marks: [BTreeMap<NodeId, Mark>; 3],
    /// The workbooks the unit sent back, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receipts: Vec<Receipt>,
}

impl Unit {
    pub fn new(id: UnitId, name: impl Into<String>) -> Unit {
        Unit {
            id,
            name: name.into(),
            short: None,
            marks: Default::default(),
            receipts: Vec::new(),
        }
    }

    /// The short name if there is one, else the full name.
    pub fn display_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// The short name if there is one, else one derived from the name
    /// ("UBND huyện Cẩm Xuyên" → "Cẩm Xuyên"): what narrow places show.
    pub fn short_name(&self) -> std::borrow::Cow<'_, str> {
        match &self.short {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(derive_short(&self.name)),
        }
    }

    pub fn mark(&self, node: NodeId, stage: Stage) -> Option<&Mark> {
        self.marks[stage.index()].get(&node)
    }

    pub fn raw(&self, node: NodeId, stage: Stage) -> &str {
        self.mark(node, stage).map(|m| m.raw.as_str()).unwrap_or("")
    }

    /// Sets the typed text of a cell, keeping its note; empty text with no
    /// note removes the entry.
    pub fn set_raw(&mut self, node: NodeId, stage: Stage, raw: impl Into<String>) {
        let map = &mut self.marks[stage.index()];
        let m = map.entry(node).or_default();
        m.raw = raw.into();
        if m.is_empty() {
            map.remove(&node);
        }
    }

    pub fn set_note(&mut self, node: NodeId, stage: Stage, note: impl Into<String>) {
        let map = &mut self.marks[stage.index()];
        let m = map.entry(node).or_default();
        m.note = note.into();
        if m.is_empty() {
            map.remove(&node);
        }
    }
}

/// A classification band (xếp loại): units whose total lies between its
/// bounds, and who meet its conditions, get `name`. The rules are in
/// [`super::classes`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Class {
    pub name: String,
    /// Lower bound of the total.
    pub min: Dec,
    /// Whether a total equal to `min` is in the band ("từ 80": yes; "trên
    /// 80": no).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub min_in: bool,
    /// Upper bound, when the band states one ("dưới 95", "đến 94,5");
    /// without it the band reaches the next band's lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Dec>,
    /// Whether a total equal to `max` is in the band ("đến 94,5": yes;
    /// "dưới 95": no).
    #[serde(default, skip_serializing_if = "is_false")]
    pub max_in: bool,
    /// Condition: deductions of at most this many points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_deduction: Option<Dec>,
    /// Condition: every top-level content section reaches at least this
    /// percentage of its maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_section_pct: Option<Dec>,
}

impl Class {
    /// A band from `min` (included) up to the next band, without conditions.
    pub fn new(name: impl Into<String>, min: Dec) -> Class {
        Class {
            name: name.into(),
            min,
            min_in: true,
            max: None,
            max_in: false,
            max_deduction: None,
            min_section_pct: None,
        }
    }
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

/// How a unit's final result ("Kết quả cuối") is made. Self scores never
/// make a final result, whatever the rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FinalRule {
    /// Per criterion: thẩm định where its cell holds something, else khối
    /// chấm (a verifier's blank means "unchanged").
    #[default]
    Merge,
    /// The latest complete stage: thẩm định when complete, else khối chấm.
    Latest,
    /// Of khối chấm and thẩm định, the complete one with the higher result.
    Highest,
}

impl FinalRule {
    pub const ALL: [FinalRule; 3] = [FinalRule::Merge, FinalRule::Latest, FinalRule::Highest];

    pub fn is_default(&self) -> bool {
        *self == FinalRule::Merge
    }
}

/// The locked state of a scoresheet's results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    /// The stage whose results were sent.
    pub stage: Stage,
    /// `lock::fingerprint` at the time of locking.
    pub fingerprint: String,
    /// When, as the page's clock said it ("05/12/2026 14:30").
    pub at: String,
}

/// One line of the lock's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockEvent {
    pub action: LockAction,
    pub at: String,
    pub fingerprint: String,
    /// Why the results were unlocked; empty for a lock.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LockAction {
    Locked,
    Unlocked,
}

/// Everything a bloc's scoring table holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scoresheet {
    pub schema_version: u32,
    pub title: String,
    /// The criteria tree in display order (a parent always precedes its children).
    pub nodes: Vec<Node>,
    pub units: Vec<Unit>,
    /// Classification bands, any order; empty when the bloc does not classify.
    #[serde(default)]
    pub classes: Vec<Class>,
    /// How the final result is made.
    #[serde(default, skip_serializing_if = "FinalRule::is_default")]
    pub final_rule: FinalRule,
    /// The template's header block and place (`face.rs`).
    #[serde(default, skip_serializing_if = "Face::is_empty")]
    pub face: Face,
    /// The results as sent, frozen (`lock.rs`); `None` while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<Lock>,
    /// Every lock and unlock, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lock_log: Vec<LockEvent>,
    /// The bloc meeting, as the biên bản records it (`meeting.rs`).
    #[serde(default, skip_serializing_if = "Meeting::is_empty")]
    pub meeting: Meeting,
}

impl Scoresheet {
    /// How many units hold a score or note in some stage.
    pub fn units_with_marks(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.marks.iter().any(|m| !m.is_empty()))
            .count()
    }

    pub fn new(title: impl Into<String>) -> Scoresheet {
        Scoresheet {
            schema_version: SCHEMA_VERSION,
            title: title.into(),
            nodes: Vec::new(),
            units: Vec::new(),
            classes: Vec::new(),
            final_rule: FinalRule::Merge,
            face: Face::default(),
            lock: None,
            lock_log: Vec::new(),
            meeting: Meeting::default(),
        }
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn unit_mut(&mut self, id: UnitId) -> Option<&mut Unit> {
        self.units.iter_mut().find(|u| u.id == id)
    }

    pub fn next_node_id(&self) -> NodeId {
        self.nodes.iter().map(|n| n.id + 1).max().unwrap_or(1)
    }

    pub fn next_unit_id(&self) -> UnitId {
        self.units.iter().map(|u| u.id + 1).max().unwrap_or(1)
    }

    /// Appends a node under `parent` and returns its id. The code is the
    /// parent's code joined with the label's last segment.
    pub fn push_node(
        &mut self,
        parent: Option<NodeId>,
        label: &str,
        text: &str,
        max: Option<Dec>,
        kind: Kind,
    ) -> NodeId {
        let id = self.next_node_id();
        let code = match parent.and_then(|p| self.node(p)) {
            Some(p) if !p.code.is_empty() => format!("{}.{}", p.code, code_segment(label)),
            _ => code_segment(label),
        };
        self.nodes.push(Node {
            id,
            parent,
            code,
            label: label.to_string(),
            text: text.to_string(),
            max,
            weight: Dec::ONE,
            kind,
            guidance: false,
        });
        id
    }

    /// Appends a guidance line under `parent`.
    pub fn push_guidance(&mut self, parent: Option<NodeId>, text: &str) -> NodeId {
        let id = self.next_node_id();
        self.nodes.push(Node {
            id,
            parent,
            code: String::new(),
            label: String::new(),
            text: text.to_string(),
            max: None,
            weight: Dec::ONE,
            kind: self.kind_under(parent),
            guidance: true,
        });
        id
    }

    fn kind_under(&self, parent: Option<NodeId>) -> Kind {
        parent
            .and_then(|p| self.node(p))
            .map(|n| n.kind)
            .unwrap_or_default()
    }

    /// Adds a unit and returns its id.
    pub fn push_unit(&mut self, name: &str) -> UnitId {
        let id = self.next_unit_id();
        self.units.push(Unit::new(id, name));
        id
    }

    /// Finds a node by its full code ("I.1.a").
    pub fn node_by_code(&self, code: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| !n.guidance && n.code == code)
    }
}

/// The code segment of a label: "a)" → "a", "1." → "1", "1.2" → "2",
/// "III" → "III".
pub fn code_segment(label: &str) -> String {
    let t = label.trim().trim_end_matches([')', '.', ':', '/']);
    let t = t.trim_start_matches('(');
    t.rsplit('.').next().unwrap_or(t).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_segments() {
        assert_eq!(code_segment("a)"), "a");
        assert_eq!(code_segment("1."), "1");
        assert_eq!(code_segment("1.2"), "2");
        assert_eq!(code_segment("1.1.1"), "1");
        assert_eq!(code_segment("IV"), "IV");
        assert_eq!(code_segment("(b)"), "b");
    }

    #[test]
    fn codes_join_along_the_path() {
        let mut s = Scoresheet::new("t");
        let i = s.push_node(None, "I", "Phần I", None, Kind::Content);
        let one = s.push_node(Some(i), "1", "Tiêu chí 1", None, Kind::Content);
        let a = s.push_node(
            Some(one),
            "a)",
            "Ý a",
            Some(Dec::from_int(5)),
            Kind::Content,
        );
        let b = s.push_node(
            Some(one),
            "1.2",
            "Ý 1.2",
            Some(Dec::from_int(5)),
            Kind::Content,
        );
        assert_eq!(s.node(a).unwrap().code, "I.1.a");
        assert_eq!(s.node(b).unwrap().code, "I.1.2");
        assert_eq!(s.node_by_code("I.1.a").unwrap().id, a);
    }

    #[test]
    fn empty_marks_are_removed_and_notes_kept() {
        let mut u = Unit::new(1, "A");
        u.set_raw(5, Stage::Bloc, "2,5");
        u.set_note(5, Stage::Bloc, "thiếu minh chứng");
        u.set_raw(5, Stage::Bloc, "");
        assert_eq!(u.mark(5, Stage::Bloc).unwrap().note, "thiếu minh chứng");
        u.set_note(5, Stage::Bloc, "");
        assert!(u.mark(5, Stage::Bloc).is_none());
    }
}

/// A short form of a unit's name: without "UBND" / "Ủy ban nhân dân" and
/// without "huyện", "xã", "phường", "thị trấn"; "thành phố" becomes "TP",
/// "thị xã" "TX". Any other name is kept whole.
pub fn derive_short(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| super::text::fold(w)).collect();
    let starts = |at: usize, p: &[&str]| {
        p.iter()
            .enumerate()
            .all(|(i, w)| folded.get(at + i).is_some_and(|f| f == w))
    };
    let mut at = 0;
    if starts(0, &["ubnd"]) {
        at = 1;
    } else if starts(0, &["uy", "ban", "nhan", "dan"]) {
        at = 4;
    }
    let (prefix, skip): (Option<&str>, usize) = if starts(at, &["thanh", "pho"]) {
        (Some("TP"), 2)
    } else if starts(at, &["thi", "xa"]) {
        (Some("TX"), 2)
    } else if starts(at, &["thi", "tran"]) {
        (None, 2)
    } else if starts(at, &["huyen"]) || starts(at, &["xa"]) || starts(at, &["phuong"]) {
        (None, 1)
    } else {
        (None, 0)
    };
    let rest = &words[(at + skip).min(words.len())..];
    if rest.is_empty() {
        return name.trim().to_string();
    }
    let mut out = String::new();
    if let Some(p) = prefix {
        out.push_str(p);
        out.push(' ');
    }
    out.push_str(&rest.join(" "));
    out
}

#[cfg(test)]
mod short_tests {
    use super::derive_short;

    #[test]
    fn short_names_drop_the_office_and_the_level() {
        for (name, short) in [
            ("UBND huyện Cẩm Xuyên", "Cẩm Xuyên"),
            ("UBND thành phố Hà Tĩnh", "TP Hà Tĩnh"),
            ("Ủy ban nhân dân thị xã Kỳ Anh", "TX Kỳ Anh"),
            ("UBND xã Thạch Hạ", "Thạch Hạ"),
            ("Huyện Đức Thọ", "Đức Thọ"),
            ("Sở Tài chính", "Sở Tài chính"),
            ("UBND", "UBND"),
            ("Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh"),
        ] {
            assert_eq!(derive_short(name), short, "{name}");
        }
    }
}
