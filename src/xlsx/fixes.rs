//! The secretary's corrections to how a template was read, and how they
//! are remembered for the next copy of the same template.
//!
//! The import guesses which row is the header, which column holds what and
//! what each row of the table is. Where it guessed wrong, the preview lets
//! her say otherwise; those corrections ([`Fixes`]) are applied by the
//! import itself, so the preview shows their effect at once and the same
//! rules hold natively (tests) and in the browser.
//!
//! Rules (each pinned by a test, `tests/import_fixes.rs` or below):
//! 1. A row correction is found again by the row's words (its number and
//!    text, folded: [`row_key`]), not by its position: a unit's returned
//!    copy with a line inserted above the table still gets it. Only when
//!    no row has those words is the recorded position used, and only if
//!    the row there is empty of words too (an unnumbered row's key is its
//!    text; a row without either is found by position).
//! 2. Roles: [`RowRole::Section`] makes the row a heading others hang
//!    under (an unnumbered one at the top level); [`RowRole::Criterion`]
//!    makes it an item scored on its own: what was read as its
//!    sub-criteria become its guidance lines; [`RowRole::Guidance`] a
//!    line of explanation under the item above; [`RowRole::Total`] and
//!    [`RowRole::Skip`] leave the row out (a total row, a line that is
//!    not part of the table); [`RowRole::SkipBlock`] leaves out the row
//!    and everything under it (alternative parts, one per kind of job: the
//!    others are cut). A row made a section or criterion is never taken
//!    for the end of the table.
//! 3. A kind set on a row applies to it and to what is under it (a bonus
//!    or deduction block inside a content part stands at the top level,
//!    as when read from the wording). A maximum set on a row replaces the
//!    one read (for a bonus or deduction block it is the block's cap).
//! 4. A chosen header row replaces the one detected; chosen columns
//!    replace the detected ones; a chosen sheet is read as the template.
//! 5. Remembering: a template's *signature* is the set of hashes of the
//!    longer texts of its sheets ([`signature`]), taken before any
//!    correction. Remembered corrections apply to a file when at least
//!    [`MATCH_SHARE`] of the remembered signature is found in the file's
//!    (a unit's copy adds its name, notes and scores, which do not count
//!    against it); among several, the best share wins, then the newest.

use super::read::{Book, Val};
use super::role::Role;
use crate::model::hash::Fnv;
use crate::model::text::fold;
use crate::model::{Dec, Kind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What a row of the table is, as the secretary says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowRole {
    /// Mục: a heading other rows are under.
    Section,
    /// Tiêu chí: scored on its own.
    Criterion,
    /// Dòng hướng dẫn: an explanation of the item above.
    Guidance,
    /// Dòng tổng: a total, computed, not read.
    Total,
    /// Bỏ qua: not part of the table.
    Skip,
    /// Bỏ qua cả mục: the row and every row under it (one of several
    /// alternative parts, only one of which applies).
    SkipBlock,
}

impl RowRole {
    pub const ALL: [RowRole; 6] = [
        RowRole::Section,
        RowRole::Criterion,
        RowRole::Guidance,
        RowRole::Total,
        RowRole::Skip,
        RowRole::SkipBlock,
    ];

    /// A stable short name (the preview's select values, tests).
    pub fn code(self) -> &'static str {
        match self {
            RowRole::Section => "section",
            RowRole::Criterion => "criterion",
            RowRole::Guidance => "guidance",
            RowRole::Total => "total",
            RowRole::Skip => "skip",
            RowRole::SkipBlock => "skipblock",
        }
    }

    pub fn from_code(code: &str) -> Option<RowRole> {
        RowRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One row's correction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowFix {
    /// 0-based sheet row where it was made.
    pub at: u32,
    /// The row's words ([`row_key`]), to find it again.
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RowRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// The maximum (a block's cap), replacing the one read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Dec>,
}

/// Every correction made to one reading of a template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Fixes {
    /// The sheet holding the table, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 0-based first row of the header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u32>,
    /// Column of each role (0-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<BTreeMap<Role, u32>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowFix>,
}

impl Fixes {
    pub fn is_empty(&self) -> bool {
        self.sheet.is_none()
            && self.header_row.is_none()
            && self.columns.is_none()
            && self.rows.is_empty()
    }

    /// Sets (or with all of `role`, `kind`, `max` empty, removes) the
    /// correction of the row at `at` whose words are `key`.
    pub fn set_row(&mut self, fix: RowFix) {
        self.rows.retain(|f| f.at != fix.at);
        if fix.role.is_some() || fix.kind.is_some() || fix.max.is_some() {
            self.rows.push(fix);
            self.rows.sort_by_key(|f| f.at);
        }
    }

    /// The correction made at row `at`, when there is one.
    pub fn row_at(&self, at: u32) -> Option<&RowFix> {
        self.rows.iter().find(|f| f.at == at)
    }
}

/// One change made to a row in the preview.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    Role(RowRole),
    Kind(Kind),
    /// A maximum; `None` goes back to the one read.
    Max(Option<Dec>),
    /// Back to the row as read.
    Reset,
}

impl Fixes {
    /// Applies a change made to `row` (as the import read it with these
    /// corrections): the row's correction is the one placed on it, found
    /// as the import found it (by words, else position), and it moves to
    /// where the row is now.
    pub fn change(&mut self, row: &ReadRow, change: Change) {
        let existing = self
            .rows
            .iter()
            .position(|f| match f.key.is_empty() {
                false => f.key == row.key,
                true => f.at == row.at && row.key.is_empty(),
            })
            .map(|i| self.rows.remove(i));
        let mut fix = existing.unwrap_or(RowFix {
            at: row.at,
            key: row.key.clone(),
            role: None,
            kind: None,
            max: None,
        });
        fix.at = row.at;
        match change {
            Change::Role(r) => fix.role = Some(r),
            Change::Kind(k) => fix.kind = Some(k),
            Change::Max(m) => fix.max = m,
            Change::Reset => {
                fix.role = None;
                fix.kind = None;
                fix.max = None;
            }
        }
        self.set_row(fix);
    }
}

/// The words that find a row again: its number and text, folded, spaces
/// collapsed, at most [`KEY_CHARS`] characters.
pub fn row_key(label: &str, text: &str) -> String {
    // `fold` collapses the spaces already.
    fold(&format!("{label} {text}"))
        .chars()
        .take(KEY_CHARS)
        .collect()
}

/// Characters of a row's words kept in its key: enough to tell apart the
/// criteria of real tables (the longest shared beginning among the corpus'
/// rows is 61 characters, "thuc hien tot cong tac …").
const KEY_CHARS: usize = 120;

/// The row each correction applies to, found in the rows read: `rows` is
/// (0-based sheet row, key) in sheet order. Returns row → correction.
pub fn place(fixes: &[RowFix], rows: &[(u32, String)]) -> BTreeMap<u32, RowFix> {
    let mut placed = BTreeMap::new();
    let mut taken: BTreeSet<u32> = BTreeSet::new();
    // Rule 1: by words first (the nearest row with those words, so a
    // table that repeats a line gets each correction where it was made)…
    for f in fixes.iter().filter(|f| !f.key.is_empty()) {
        let best = rows
            .iter()
            .filter(|(at, key)| *key == f.key && !taken.contains(at))
            .min_by_key(|(at, _)| at.abs_diff(f.at));
        if let Some((at, _)) = best {
            taken.insert(*at);
            placed.insert(*at, f.clone());
        }
    }
    // … then by position, for rows without words.
    for f in fixes.iter().filter(|f| f.key.is_empty()) {
        if let Some((at, _)) = rows
            .iter()
            .find(|(at, key)| *at == f.at && key.is_empty() && !taken.contains(at))
        {
            taken.insert(*at);
            placed.insert(*at, f.clone());
        }
    }
    placed
}

/// One row of the table as the import understood it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadRow {
    /// 0-based sheet row.
    pub at: u32,
    /// The words that find it again (`fixes::row_key`).
    pub key: String,
    pub label: String,
    /// The text, at most `import::PREVIEW_TEXT_CHARS` characters.
    pub text: String,
    pub role: RowRole,
    /// Its code in the tree (empty unless section or criterion).
    #[serde(default)]
    pub code: String,
    /// Levels above it in the tree.
    #[serde(default)]
    pub depth: u8,
    #[serde(default)]
    pub max: Option<Dec>,
    #[serde(default)]
    pub kind: Kind,
    /// The maximum was read from the title ("(tối đa 10 điểm)").
    #[serde(default)]
    pub cap_in_title: bool,
    /// Why a row was left out, in Vietnamese.
    #[serde(default)]
    pub why: Option<String>,
    /// A correction applies to this row.
    #[serde(default)]
    pub fixed: bool,
}

/// Corrections remembered for a template, by its signature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    /// [`signature`] of the file the corrections were made on.
    pub signature: Vec<u32>,
    pub fixes: Fixes,
    /// When they were made (ms since the epoch), for the newest first.
    #[serde(default)]
    pub saved_ms: u64,
    /// The template's title, to list what is remembered.
    #[serde(default)]
    pub title: String,
}

/// Share of a remembered signature a file must hold (rule 5): a unit's
/// copy holds all of it unless it rewrote criteria; another bloc's
/// template shares its national header and a few common lines (at most
/// 18 % between two tables of the real corpus: tests/import_fixes.rs).
pub const MATCH_SHARE: f64 = 0.8;
/// Texts shorter than this are not in a signature ("STT", "Điểm", "1").
const SIGNATURE_MIN_CHARS: usize = 12;
/// Most hashes in a signature: enough for any real table (the largest in
/// the corpus has 96), small to store (a few KB each).
const SIGNATURE_MAX: usize = 400;
/// Most remembered templates kept (the oldest are forgotten first).
pub const MAX_REMEMBERED: usize = 30;

/// The signature of a workbook: sorted hashes of its longer texts, folded
/// (visible sheets only; numbers never count).
pub fn signature(book: &Book) -> Vec<u32> {
    let mut set = BTreeSet::new();
    'sheets: for g in book.sheets.iter().filter(|g| !g.hidden) {
        for cells in g.rows.values() {
            for v in cells.values() {
                let Val::Text(s) = v else { continue };
                if s.chars().count() < SIGNATURE_MIN_CHARS {
                    continue;
                }
                // Kept to 32 bits: a few hundred texts, stored per template.
                set.insert(Fnv::of(&fold(s)) as u32);
                if set.len() >= SIGNATURE_MAX {
                    break 'sheets;
                }
            }
        }
    }
    set.into_iter().collect()
}

/// Share of `remembered` found in `file` (both sorted).
pub fn share(remembered: &[u32], file: &[u32]) -> f64 {
    if remembered.is_empty() {
        return 0.0;
    }
    let found = remembered
        .iter()
        .filter(|h| file.binary_search(h).is_ok())
        .count();
    found as f64 / remembered.len() as f64
}

/// The remembered corrections that apply to a file of signature `file`
/// (rule 5), if any.
pub fn recall<'a>(book: &'a [Remembered], file: &[u32]) -> Option<&'a Remembered> {
    book.iter()
        .map(|r| (share(&r.signature, file), r))
        .filter(|(s, _)| *s >= MATCH_SHARE)
        .max_by(|(a, ra), (b, rb)| {
            a.partial_cmp(b)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(ra.saved_ms.cmp(&rb.saved_ms))
        })
        .map(|(_, r)| r)
}

/// `book` with `entry` remembered: replacing the entry of the same
/// template (a signature it matches), newest first, at most
/// [`MAX_REMEMBERED`]. Corrections emptied are forgotten.
pub fn remember(mut book: Vec<Remembered>, entry: Remembered) -> Vec<Remembered> {
    book.retain(|r| {
        share(&r.signature, &entry.signature) < MATCH_SHARE
            && share(&entry.signature, &r.signature) < MATCH_SHARE
    });
    if !entry.fixes.is_empty() {
        book.insert(0, entry);
    }
    book.sort_by_key(|r| std::cmp::Reverse(r.saved_ms));
    book.truncate(MAX_REMEMBERED);
    book
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(at: u32, key: &str, role: RowRole) -> RowFix {
        RowFix {
            at,
            key: key.to_string(),
            role: Some(role),
            kind: None,
            max: None,
        }
    }

    #[test]
    fn keys_fold_and_collapse() {
        assert_eq!(
            row_key("1.", "  Công tác   Đảng "),
            "1. cong tac dang".to_string()
        );
        assert_eq!(row_key("", ""), "");
    }

    #[test]
    fn rule_1_found_by_words_after_rows_moved() {
        let fixes = vec![
            fix(10, "a) cach cham", RowRole::Guidance),
            fix(12, "", RowRole::Skip),
        ];
        // Two lines inserted above: the words are on row 12 now; row 12
        // (no words recorded) now holds words, so the position fix finds
        // nothing there.
        let rows = vec![
            (11, "1 cong tac".to_string()),
            (12, "a) cach cham".to_string()),
            (14, "".to_string()),
        ];
        let placed = place(&fixes, &rows);
        assert_eq!(
            placed.get(&12).and_then(|f| f.role),
            Some(RowRole::Guidance)
        );
        assert!(!placed.contains_key(&14));
        // Unmoved, the wordless row is found where it was.
        let rows = vec![(10, "a) cach cham".to_string()), (12, String::new())];
        let placed = place(&fixes, &rows);
        assert_eq!(placed.get(&12).and_then(|f| f.role), Some(RowRole::Skip));
    }

    #[test]
    fn rule_1_repeated_words_each_where_made() {
        let fixes = vec![fix(20, "- cach tru", RowRole::Skip)];
        let rows = vec![
            (5, "- cach tru".to_string()),
            (21, "- cach tru".to_string()),
        ];
        let placed = place(&fixes, &rows);
        assert!(placed.contains_key(&21) && !placed.contains_key(&5));
    }

    #[test]
    fn rule_5_recall_needs_the_share_and_prefers_the_best() {
        let a = Remembered {
            signature: (0..10).collect(),
            fixes: Fixes {
                header_row: Some(3),
                ..Fixes::default()
            },
            saved_ms: 1,
            title: "A".into(),
        };
        let b = Remembered {
            signature: (5..15).collect(),
            fixes: Fixes {
                header_row: Some(4),
                ..Fixes::default()
            },
            saved_ms: 2,
            title: "B".into(),
        };
        let book = vec![a.clone(), b.clone()];
        // A unit's copy of A: all of A plus its own texts.
        let copy: Vec<u32> = (0..10).chain(100..120).collect();
        assert_eq!(recall(&book, &copy).map(|r| r.title.as_str()), Some("A"));
        // Seven of ten: another template.
        let other: Vec<u32> = (3..10).chain(200..203).collect();
        assert_eq!(share(&a.signature, &other), 0.7);
        assert!(recall(std::slice::from_ref(&a), &other).is_none());
        // Remembering A again replaces it; emptied corrections forget it.
        let again = remember(
            book.clone(),
            Remembered {
                saved_ms: 9,
                ..a.clone()
            },
        );
        assert_eq!(again.len(), 2);
        assert_eq!(again[0].saved_ms, 9);
        let forgot = remember(
            book,
            Remembered {
                fixes: Fixes::default(),
                ..a
            },
        );
        assert_eq!(forgot.len(), 1);
        assert_eq!(forgot[0].title, "B");
    }

    fn read(at: u32, key: &str) -> ReadRow {
        ReadRow {
            at,
            key: key.to_string(),
            label: String::new(),
            text: String::new(),
            role: RowRole::Criterion,
            code: String::new(),
            depth: 0,
            max: None,
            kind: Kind::Content,
            cap_in_title: false,
            why: None,
            fixed: false,
        }
    }

    #[test]
    fn changes_accumulate_on_the_row_and_follow_it() {
        let mut f = Fixes::default();
        f.change(&read(5, "1 cong tac"), Change::Role(RowRole::Section));
        f.change(&read(5, "1 cong tac"), Change::Kind(Kind::Bonus));
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].role, Some(RowRole::Section));
        assert_eq!(f.rows[0].kind, Some(Kind::Bonus));
        // Remembered at row 5, the row is at 6 in a copy: changed there.
        f.change(&read(6, "1 cong tac"), Change::Max(Some(Dec::from_int(3))));
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].at, 6);
        assert_eq!(f.rows[0].max, Some(Dec::from_int(3)));
        f.change(&read(6, "1 cong tac"), Change::Reset);
        assert!(f.is_empty());
    }

    #[test]
    fn set_row_replaces_and_clears() {
        let mut f = Fixes::default();
        f.set_row(fix(3, "x", RowRole::Skip));
        f.set_row(fix(3, "x", RowRole::Total));
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.row_at(3).and_then(|r| r.role), Some(RowRole::Total));
        f.set_row(RowFix {
            role: None,
            ..fix(3, "x", RowRole::Skip)
        });
        assert!(f.is_empty());
    }
}
