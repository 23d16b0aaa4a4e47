//! The stored form of scoresheets and of the workspace (several
//! scoresheets, which one is open, the view), with versions and migrations.
//! Pure: the browser storage itself lives in `crate::store`.
//!
//! Versions of a stored scoresheet:
//! - 1: the plain serde form of [`Scoresheet`] (`{"schema_version":1,…}`).
//! - 2: compact: nodes as arrays; per unit and stage one string holding the
//!   typed text of every node in tree order, tab-separated and escaped;
//!   notes as a sparse list. About a third of version 1 for a full sheet.
//!   Fields added since (classes, rule, receipts, the template's face,
//!   the bloc meeting)
//!   have serde defaults: older pages read what they know.
//! - 3: version 2 with a lock or a lock log ("Chốt kết quả"). Written
//!   only for such sheets, so that a page that knows no locks refuses to
//!   write over them (it would drop the lock and take edits); a sheet
//!   never locked stays version 2.

use super::face::Face;
use super::meeting::Meeting;
use super::num::Dec;
use super::sheet::{
    Class, FinalRule, Kind, Lock, LockEvent, Node, NodeId, Receipt, Scoresheet, Stage, Unit,
    UnitId, SCHEMA_VERSION,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version this build writes for a sheet never locked.
pub const STORED_VERSION: u32 = 2;
/// The version this build writes for a locked (or once locked) sheet.
pub const LOCKED_VERSION: u32 = 3;

/// Why stored text could not be read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or JSON of another shape (foreign data under our key).
    Corrupt(String),
    /// Written by a newer version of the app.
    TooNew(u32),
}

type NodeRow = (
    NodeId,
    Option<NodeId>,
    String,
    String,
    String,
    Option<Dec>,
    Dec,
    Kind,
    bool,
);

#[derive(Serialize, Deserialize)]
struct UnitV2 {
    id: UnitId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short: Option<String>,
    /// Per stage: raw texts of all nodes in order, escaped and tab-joined.
    s: [String; 3],
    /// Notes: (node, stage index, note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    n: Vec<(NodeId, u8, String)>,
    /// The workbooks the unit sent back (added after the first v2: older
    /// pages ignore it, and data they wrote reads with none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    r: Vec<Receipt>,
}

#[derive(Serialize, Deserialize)]
struct SheetV2 {
    v: u32,
    title: String,
    nodes: Vec<NodeRow>,
    units: Vec<UnitV2>,
    /// Bands with their bounds and conditions; fields added after the
    /// first v2 have serde defaults, so older pages read what they know.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    classes: Vec<Class>,
    /// The final-result rule, left out when it is the default (an older
    /// page ignores it and uses its own rule).
    #[serde(default, skip_serializing_if = "FinalRule::is_default")]
    rule: FinalRule,
    /// The template's header block and place (`face.rs`).
    #[serde(default, skip_serializing_if = "Face::is_empty")]
    face: Face,
    /// Version 3 only: the lock and its log (`lock.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lock: Option<Lock>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    lock_log: Vec<LockEvent>,
    /// The bloc meeting (`meeting.rs`).
    #[serde(default, skip_serializing_if = "Meeting::is_empty")]
    meeting: Meeting,
}

/// Appends `s` with its backslashes, tabs and line breaks escaped.
fn escape_into(out: &mut String, s: &str) {
    if !s
        .bytes()
        .any(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

/// Encodes a scoresheet in the current stored version.
pub fn encode(sheet: &Scoresheet) -> String {
    let nodes = sheet
        .nodes
        .iter()
        .map(|n| {
            (
                n.id,
                n.parent,
                n.code.clone(),
                n.label.clone(),
                n.text.clone(),
                n.max,
                n.weight,
                n.kind,
                n.guidance,
            )
        })
        .collect();
    let units = sheet
        .units
        .iter()
        .map(|u| {
            let s = Stage::ALL.map(|st| {
                let mut line = String::new();
                let mut pending_tabs = 0usize;
                for (i, n) in sheet.nodes.iter().enumerate() {
                    let raw = u.raw(n.id, st);
                    if i > 0 {
                        pending_tabs += 1;
                    }
                    if !raw.is_empty() {
                        line.extend(std::iter::repeat_n('\t', pending_tabs));
                        pending_tabs = 0;
                        escape_into(&mut line, raw);
                    }
                }
                line
            });
            let mut n = Vec::new();
            for st in Stage::ALL {
                for (node, m) in &u.marks[st.index()] {
                    if !m.note.is_empty() {
                        n.push((*node, st.index() as u8, m.note.clone()));
                    }
                }
            }
            UnitV2 {
                id: u.id,
                name: u.name.clone(),
                short: u.short.clone(),
                s,
                n,
                r: u.receipts.clone(),
            }
        })
        .collect();
    let locked = sheet.lock.is_some() || !sheet.lock_log.is_empty();
    let v2 = SheetV2 {
        v: if locked {
            LOCKED_VERSION
        } else {
            STORED_VERSION
        },
        title: sheet.title.clone(),
        nodes,
        units,
        classes: sheet.classes.clone(),
        rule: sheet.final_rule,
        face: sheet.face.clone(),
        lock: sheet.lock.clone(),
        lock_log: sheet.lock_log.clone(),
        meeting: sheet.meeting.clone(),
    };
    serde_json::to_string(&v2).unwrap_or_default()
}

/// Parses JSON, a failure being corrupt data.
fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    serde_json::from_str(text).map_err(|e| DecodeError::Corrupt(e.to_string()))
}

/// Decodes any stored version, migrating to the current model.
pub fn decode(text: &str) -> Result<Scoresheet, DecodeError> {
    /// Just the version fields (parsed straight from the text: no
    /// intermediate `serde_json::Value`, which costs download size).
    #[derive(Deserialize)]
    struct Version {
        v: Option<u32>,
        schema_version: Option<u32>,
    }
    let probe: Version = json(text)?;
    let version = probe
        .v
        .or(probe.schema_version)
        .ok_or_else(|| DecodeError::Corrupt("no version".into()))?;
    match version {
        1 => migrate_v1(text),
        2 | 3 => from_v2(text),
        v => Err(DecodeError::TooNew(v)),
    }
}

/// Version 1 is the plain model form: read it as is.
fn migrate_v1(text: &str) -> Result<Scoresheet, DecodeError> {
    let mut s: Scoresheet = json(text)?;
    s.schema_version = SCHEMA_VERSION;
    check(s)
}

fn from_v2(text: &str) -> Result<Scoresheet, DecodeError> {
    let v2: SheetV2 = json(text)?;
    let mut sheet = Scoresheet::new(v2.title);
    sheet.classes = v2.classes;
    sheet.final_rule = v2.rule;
    sheet.face = v2.face;
    sheet.lock = v2.lock;
    sheet.lock_log = v2.lock_log;
    sheet.meeting = v2.meeting;
    sheet.nodes = v2
        .nodes
        .into_iter()
        .map(
            |(id, parent, code, label, text, max, weight, kind, guidance)| Node {
                id,
                parent,
                code,
                label,
                text,
                max,
                weight,
                kind,
                guidance,
            },
        )
        .collect();
    let ids: Vec<NodeId> = sheet.nodes.iter().map(|n| n.id).collect();
    for u in v2.units {
        let mut unit = Unit::new(u.id, u.name);
        unit.short = u.short;
        unit.receipts = u.r;
        for st in Stage::ALL {
            let line = &u.s[st.index()];
            if line.is_empty() {
                continue;
            }
            let values: Vec<&str> = line.split('\t').collect();
            if values.len() > ids.len() {
                return Err(DecodeError::Corrupt("more values than criteria".into()));
            }
            for (id, v) in ids.iter().zip(values) {
                if !v.is_empty() {
                    unit.set_raw(*id, st, unescape(v));
                }
            }
        }
        for (node, stage, note) in u.n {
            let st = *Stage::ALL
                .get(stage as usize)
                .ok_or_else(|| DecodeError::Corrupt("bad stage".into()))?;
            unit.set_note(node, st, note);
        }
        sheet.units.push(unit);
    }
    check(sheet)
}

/// Refuses shapes the model cannot use (duplicate ids, a parent after its child).
fn check(s: Scoresheet) -> Result<Scoresheet, DecodeError> {
    let mut seen = std::collections::HashSet::new();
    for n in &s.nodes {
        if let Some(p) = n.parent {
            if !seen.contains(&p) {
                return Err(DecodeError::Corrupt(format!(
                    "node {} before its parent",
                    n.id
                )));
            }
        }
        if !seen.insert(n.id) {
            return Err(DecodeError::Corrupt(format!("duplicate node {}", n.id)));
        }
    }
    let mut units = std::collections::HashSet::new();
    if !s.units.iter().all(|u| units.insert(u.id)) {
        return Err(DecodeError::Corrupt("duplicate unit".into()));
    }
    Ok(s)
}

// ---------------------------------------------------------------------------
// The workspace

/// What the user was looking at, restored on reload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewState {
    #[serde(default)]
    pub tab: String,
    #[serde(default = "all_stages")]
    pub stages: [bool; 3],
    /// The grid's text column width (px) per scoresheet id, where the
    /// secretary dragged it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub text_widths: BTreeMap<String, u32>,
}

impl ViewState {
    pub fn text_width(&self, sheet: &str) -> Option<f64> {
        self.text_widths.get(sheet).map(|w| f64::from(*w))
    }

    pub fn set_text_width(&mut self, sheet: &str, width: f64) {
        self.text_widths
            .insert(sheet.to_string(), width.round().max(0.0) as u32);
    }
}

fn all_stages() -> [bool; 3] {
    [true, true, true]
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            tab: String::new(),
            stages: all_stages(),
            text_widths: BTreeMap::new(),
        }
    }
}

/// One scoresheet in the workspace list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// Save generation: the key `chamdiem.sheet.<id>.<gen>` holds the data.
    pub gen: u64,
    /// Bumped by every save, also one that replaced its generation in place
    /// (no room for two): what other tabs compare to detect a save.
    #[serde(default)]
    pub rev: u64,
    /// Milliseconds since the epoch of the last save.
    #[serde(default)]
    pub updated: f64,
}

/// The list of scoresheets and what is open.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub v: u32,
    pub sheets: Vec<Entry>,
    #[serde(default)]
    pub open: Option<String>,
    #[serde(default)]
    pub view: ViewState,
}

pub const INDEX_VERSION: u32 = 1;

impl Index {
    pub fn new() -> Index {
        Index {
            v: INDEX_VERSION,
            ..Default::default()
        }
    }

    /// Reads an index; a newer one is `TooNew` whatever its shape (its
    /// version is read first), so an older page never mistakes it for
    /// corrupt data and replaces it.
    pub fn decode(text: &str) -> Result<Index, DecodeError> {
        #[derive(Deserialize)]
        struct Version {
            v: u32,
        }
        let probe: Version = json(text)?;
        if probe.v > INDEX_VERSION {
            return Err(DecodeError::TooNew(probe.v));
        }
        json(text)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.sheets.iter().find(|e| e.id == id)
    }

    /// A fresh id not used in this workspace.
    pub fn new_id(&self, seed: u64) -> String {
        let mut n = seed;
        loop {
            let id = format!("{:x}", n);
            if self.entry(&id).is_none() {
                return id;
            }
            n = n.wrapping_add(1);
        }
    }
}

/// A downloadable backup of the whole workspace.
#[derive(Serialize, Deserialize)]
pub struct Backup {
    pub chamdiem_backup: u32,
    pub sheets: Vec<BackupSheet>,
}

#[derive(Serialize, Deserialize)]
pub struct BackupSheet {
    pub title: String,
    /// The stored form (any version).
    pub data: String,
}

impl Backup {
    /// A backup of `sheets`, plus `raw` (title, stored text) of scoresheets
    /// that cannot be opened, kept as they are stored.
    pub fn make(sheets: &[Scoresheet], raw: &[(String, String)]) -> String {
        let b = Backup {
            chamdiem_backup: 1,
            sheets: sheets
                .iter()
                .map(|s| BackupSheet {
                    title: s.title.clone(),
                    data: encode(s),
                })
                .chain(raw.iter().map(|(title, data)| BackupSheet {
                    title: title.clone(),
                    data: data.clone(),
                }))
                .collect(),
        };
        serde_json::to_string_pretty(&b).unwrap_or_default()
    }

    /// Reads a backup file: each scoresheet in it or why it cannot be read;
    /// an error when the file is not a backup at all.
    pub fn read(text: &str) -> Result<Vec<Result<Scoresheet, DecodeError>>, DecodeError> {
        let b: Backup = json(text)?;
        if b.chamdiem_backup > 1 {
            return Err(DecodeError::TooNew(b.chamdiem_backup));
        }
        Ok(b.sheets.iter().map(|s| decode(&s.data)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    /// A stored blob written by the first version (the plain serde form).
    const V1_BLOB: &str = r#"{"schema_version":1,"title":"Khối huyện 2022","nodes":[
        {"id":1,"code":"I","label":"I","text":"Nhiệm vụ","max":400000},
        {"id":2,"parent":1,"code":"I.1","label":"1","text":"Kinh tế","max":250000,"weight":20000},
        {"id":3,"parent":2,"text":"- Đạt: 20 điểm","guidance":true},
        {"id":4,"parent":1,"code":"I.2","label":"2","text":"Xã hội","max":150000},
        {"id":5,"code":"II","label":"II","text":"Điểm thưởng","max":50000,"kind":"bonus"},
        {"id":6,"parent":5,"code":"II.1","label":"1","text":"Khen thưởng","max":50000,"kind":"bonus"}],
      "units":[{"id":1,"name":"UBND huyện Cẩm Xuyên","short":"Cẩm Xuyên","marks":[
        {"2":{"raw":"20,5"},"4":{"raw":"mười","note":"chưa rõ"}},{"2":{"raw":"19"}},{}]},
        {"id":2,"name":"UBND huyện Đức Thọ","marks":[{"6":{"raw":"5"}},{},{}]}],
      "classes":[{"name":"Xuất sắc","min":950000}]}"#;

    #[test]
    fn migrates_the_first_version() {
        let s = decode(V1_BLOB).unwrap();
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert_eq!(s.title, "Khối huyện 2022");
        assert_eq!(s.nodes.len(), 6);
        assert_eq!(s.node(2).unwrap().weight, Dec::from_int(2));
        assert!(s.node(3).unwrap().guidance);
        assert_eq!(s.units[0].raw(2, Stage::SelfScore), "20,5");
        assert_eq!(s.units[0].raw(4, Stage::SelfScore), "mười");
        assert_eq!(
            s.units[0].mark(4, Stage::SelfScore).unwrap().note,
            "chưa rõ"
        );
        assert_eq!(s.units[0].raw(2, Stage::Bloc), "19");
        assert_eq!(s.units[1].raw(6, Stage::SelfScore), "5");
        assert_eq!(s.classes[0].min, Dec::from_int(95));
        // And it survives the current format unchanged.
        assert_eq!(decode(&encode(&s)).unwrap(), s);
    }

    #[test]
    fn v2_round_trips_everything() {
        let mut s = sample();
        let id = s.nodes[3].id;
        s.units[2].set_raw(id, Stage::Verify, "dòng 1\ndòng 2\tcó tab \\ và ngoặc \"");
        s.units[2].set_note(id, Stage::Bloc, "ghi chú khối");
        s.units[0].set_raw(s.nodes.last().unwrap().id, Stage::Bloc, "1");
        let text = encode(&s);
        assert!(text.starts_with("{\"v\":2"));
        assert_eq!(decode(&text).unwrap(), s);
    }

    #[test]
    fn the_face_and_the_lock_survive_saving_and_a_locked_sheet_is_version_3() {
        // Found by the dossier's browser test: a reload opened a locked
        // sheet unlocked, and the template's face was dropped the same way.
        let mut s = sample();
        s.face = Face {
            body_from: None,
            issuer: vec!["UBND TỈNH HÀ TĨNH".into(), "KHỐI THI ĐUA SỐ 1".into()],
            place: "Hà Tĩnh".into(),
        };
        s.meeting = crate::model::meeting::Meeting {
            chair: "Ông Nguyễn Văn A".into(),
            present: vec!["Ông B".into()],
            ..Default::default()
        };
        let text = encode(&s);
        assert!(
            text.starts_with("{\"v\":2"),
            "a sheet never locked stays v2"
        );
        assert_eq!(decode(&text).unwrap(), s);
        let op = crate::model::lock::lock_op(&s, Stage::Bloc, "05/12/2026 14:30");
        s.apply(op);
        assert!(s.lock.is_some());
        let text = encode(&s);
        assert!(text.starts_with("{\"v\":3"), "{}", &text[..20]);
        assert_eq!(decode(&text).unwrap(), s);
        // Unlocked, its log still makes it version 3.
        let op = crate::model::lock::unlock_op(&s, "06/12/2026 08:00", "Sửa");
        s.apply(op);
        let text = encode(&s);
        assert!(text.starts_with("{\"v\":3"));
        assert_eq!(decode(&text).unwrap(), s);
    }

    #[test]
    fn v2_is_compact_for_a_full_sheet() {
        // 60 units × 400 criteria, two stages filled.
        let mut s = Scoresheet::new("Lớn");
        for p in 0..4 {
            let sec = s.push_node(
                None,
                ["I", "II", "III", "IV"][p],
                "Phần",
                None,
                Kind::Content,
            );
            for c in 0..100 {
                s.push_node(
                    Some(sec),
                    &(c + 1).to_string(),
                    "Tiêu chí chi tiết: kết quả thực hiện nhiệm vụ",
                    Some(Dec::from_hundredths(250)),
                    Kind::Content,
                );
            }
        }
        let ids: Vec<NodeId> = s
            .nodes
            .iter()
            .filter(|n| n.max.is_some())
            .map(|n| n.id)
            .collect();
        for u in 0..60 {
            let uid = s.push_unit(&format!("Đơn vị số {u:02}"));
            let unit = s.unit_mut(uid).unwrap();
            for (k, id) in ids.iter().enumerate() {
                unit.set_raw(*id, Stage::SelfScore, ["2", "2,25", "1,5", "2,5"][k % 4]);
                unit.set_raw(*id, Stage::Bloc, ["2", "2", "1,75", "2,5"][k % 4]);
            }
        }
        let v1 = s.to_json().len();
        let v2 = encode(&s).len();
        assert!(v2 * 2 < v1, "v2 {v2} bytes, v1 {v1} bytes");
        // Far below the ~5 MB (UTF-16 code units) most browsers give a page.
        assert!(v2 < 500_000, "{v2}");
        assert_eq!(decode(&encode(&s)).unwrap(), s);
    }

    #[test]
    fn corrupt_foreign_and_newer_data_are_refused() {
        assert!(matches!(decode("{not json"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(
            decode("{\"theme\":\"dark\"}"),
            Err(DecodeError::Corrupt(_))
        ));
        assert!(matches!(decode("[1,2,3]"), Err(DecodeError::Corrupt(_))));
        assert_eq!(decode("{\"v\":9}"), Err(DecodeError::TooNew(9)));
        let bad = r#"{"v":2,"title":"x","nodes":[[2,1,"a","a","a",null,10000,"content",false],[1,null,"b","b","b",null,10000,"content",false]],"units":[]}"#;
        assert!(matches!(decode(bad), Err(DecodeError::Corrupt(_))));
        assert!(Index::decode("{\"v\":1,\"sheets\":5}").is_err());
    }

    #[test]
    fn the_final_rule_and_band_conditions_are_kept_and_older_pages_still_read() {
        let mut s = sample();
        s.final_rule = FinalRule::Highest;
        let mut top = Class::new("Xuất sắc", Dec::from_int(95));
        top.max_deduction = Some(Dec::ZERO);
        top.min_section_pct = Some(Dec::from_int(80));
        let mut good = Class::new("Tốt", Dec::from_int(80));
        good.max = Some(Dec::from_int(95));
        let mut low = Class::new("Khá", Dec::from_int(65));
        low.min_in = false;
        low.max = Some(Dec::from_int(80));
        low.max_in = false;
        s.classes = vec![top, good, low];
        let text = encode(&s);
        assert!(text.starts_with("{\"v\":2"), "still version 2");
        assert_eq!(decode(&text).unwrap(), s);
        // What a page built before these fields reads: its own shapes.
        #[derive(Deserialize)]
        struct OldClass {
            name: String,
            min: Dec,
        }
        #[derive(Deserialize)]
        struct OldSheet {
            v: u32,
            title: String,
            #[serde(default)]
            classes: Vec<OldClass>,
        }
        let old: OldSheet = serde_json::from_str(&text).unwrap();
        assert_eq!((old.v, old.title.as_str()), (2, s.title.as_str()));
        assert_eq!(old.classes[1].name, "Tốt");
        assert_eq!(old.classes[1].min, Dec::from_int(80));
        // And data it wrote reads here with the defaults.
        let mut plain = sample();
        plain.classes = vec![Class::new("Tốt", Dec::from_int(80))];
        let text = encode(&plain);
        assert!(!text.contains("\"rule\"") && !text.contains("min_in"));
        let back = decode(&text).unwrap();
        assert_eq!(back.final_rule, FinalRule::Merge);
        assert!(back.classes[0].min_in && back.classes[0].max.is_none());
    }

    #[test]
    fn receipts_are_kept_in_version_2_and_older_data_reads_without() {
        let mut s = sample();
        let text = encode(&s);
        assert!(!text.contains("\"r\""), "no receipts, no field");
        s.units[1].receipts = vec![
            Receipt {
                file: "duc-tho.xlsx".into(),
                at: 1_734_681_600_000,
                filled: [14, 0, 0],
            },
            Receipt {
                file: "đức thọ bổ sung.xlsx".into(),
                at: 1_734_768_000_123,
                filled: [3, 2, 0],
            },
        ];
        let text = encode(&s);
        assert!(text.starts_with("{\"v\":2"), "still version 2");
        let back = decode(&text).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.units[1].receipts[1].at, 1_734_768_000_123);
        assert!(back.units[0].receipts.is_empty());
        // A page built before receipts reads the units it knows.
        #[derive(Deserialize)]
        struct OldUnit {
            name: String,
            s: [String; 3],
        }
        #[derive(Deserialize)]
        struct OldSheet {
            units: Vec<OldUnit>,
        }
        let old: OldSheet = serde_json::from_str(&text).unwrap();
        assert_eq!(old.units[1].name, s.units[1].name);
        assert_eq!(old.units.len(), s.units.len());
        assert!(old.units.iter().all(|u| u.s.len() == 3));
        // The plain form (backups of version 1 pages) keeps them too.
        assert_eq!(Scoresheet::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn backup_round_trip() {
        let a = sample();
        let mut b = sample();
        b.title = "Khối huyện 2023".into();
        let text = Backup::make(
            &[a.clone(), b.clone()],
            &[("Hỏng".into(), "{\"v\":2,".into())],
        );
        let back = Backup::read(&text).unwrap();
        assert_eq!(back[..2], [Ok(a), Ok(b)]);
        assert!(matches!(back[2], Err(DecodeError::Corrupt(_))));
        assert!(Backup::read("{}").is_err());
    }
}
