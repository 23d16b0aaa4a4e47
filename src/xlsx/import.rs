//! Understanding a bloc's scoring template: which sheet, which header row,
//! which column is which, the criteria tree from the numbering, maxima,
//! kinds, units and the scores already filled.

use super::fixes::{self, Fixes, ReadRow, Remembered, RowFix, RowRole};
use super::layout::meta_text;
use super::read::{fmt_num, read_book, Book, Cells, Format, Grid, Val};
pub use super::role::Role;
use super::warning::{Field, Said, Warning};
use super::wording;
use super::words;
use super::{col_letter, ImportError};
use crate::model::input::{self, InputError};
use crate::model::pack::PackStamp;
use crate::model::text::fold;
use crate::model::unit_match::{self, Match, UnitName};
use crate::model::{Dec, Kind, NodeId, ParseError, Receipt, Scoresheet, Stage};
use crate::strings as t;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Choices a person makes when detection is unsure.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The file name, for the title when the sheet has none.
    pub file_name: Option<String>,
    /// Corrections made in the preview (`fixes.rs`), replacing detection.
    pub fixes: Fixes,
    /// Corrections remembered from earlier imports: those of the same
    /// template apply when `fixes` is empty (`fixes.rs`, rule 5).
    pub remembered: Vec<Remembered>,
}

/// What the import understood, for people and tests.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub sheet: String,
    /// 1-based row of the (first) header row.
    pub header_row: u32,
    pub header_rows: u32,
    /// Role → column (0-based).
    pub columns: BTreeMap<Role, u32>,
    /// Texts of the header cells by column, for choosing columns by hand.
    pub header_cells: Vec<(u32, String)>,
    /// True when a person should check the columns before confirming.
    pub unsure: bool,
    /// Sheets read as one unit each.
    pub unit_sheets: Vec<String>,
    pub summary_sheet: Option<String>,
    /// Units laid out as column groups on the table's sheet (each unit's
    /// name over its stage columns), in order.
    #[serde(default)]
    pub unit_columns: Vec<UnitColumns>,
    pub warnings: Vec<Warning>,
    /// What a unit pack's hidden sheet says of it (`super::packs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<PackStamp>,
    /// The table's rows as read, skipped ones too, in sheet order: what
    /// the preview shows and lets a person correct.
    #[serde(default)]
    pub rows: Vec<ReadRow>,
    /// The first rows of the table's sheet (0-based row, its words), to
    /// choose the header row from.
    #[serde(default)]
    pub top_rows: Vec<(u32, String)>,
    /// The visible sheets, to choose the table's sheet from.
    #[serde(default)]
    pub sheets: Vec<String>,
    /// The workbook's signature (`fixes::signature`), to remember
    /// corrections by.
    #[serde(default)]
    pub signature: Vec<u32>,
    /// The corrections applied: those given, or those remembered.
    #[serde(default)]
    pub fixes: Fixes,
    /// The corrections were remembered from an earlier import of the same
    /// template (titled so), not made now.
    #[serde(default)]
    pub recalled: Option<String>,
    /// Why nothing can be opened yet, and what to correct: a header was
    /// found but no criteria could be read under it.
    #[serde(default)]
    pub problem: Option<String>,
}

/// Characters of a row's text the preview gets.
pub(super) const PREVIEW_TEXT_CHARS: usize = 300;
/// Rows offered as the header row.
const TOP_ROWS: usize = 40;

/// One unit's stage columns, when units are column groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitColumns {
    pub name: String,
    /// Stage role → column (0-based).
    pub columns: BTreeMap<Role, u32>,
}

/// An imported scoresheet waiting for the user's confirmation.
#[derive(Clone, Debug)]
pub struct Imported {
    pub sheet: Scoresheet,
    pub report: Report,
}

/// Imports a workbook. Nothing is replaced: the caller decides.
pub fn import(bytes: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    let book = read_book(bytes)?;
    understand(&book, opts)
}

// ---------------------------------------------------------------------------
// Header detection

/// Header cells longer than this are data, not headers.
const MAX_HEADER_CHARS: usize = 80;
/// Criterion texts longer than this are kept whole, with a warning.
const LONG_TEXT_CHARS: usize = 2000;
/// How many non-empty rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 40;
/// Most rows of a scoring table (criteria, sections and guidance lines):
/// a real bloc's table has under 2,000.
pub const MAX_CRITERIA: usize = 20_000;
/// Deepest level of the criteria tree: rows numbered deeper (1.1.1.1.1.1.1.1.1)
/// are put at this level, with a warning.
pub const MAX_DEPTH: usize = 8;
/// Longest code segment taken from a label; a longer label (it is not a
/// numbering) is coded by its row.
const MAX_SEGMENT_CHARS: usize = 64;
/// Most units in a scoresheet (a bloc has tens).
pub const MAX_UNITS: usize = 2_000;
/// Most unit × table row cells of a scoresheet: the page takes in every
/// one (60 units × 400 rows is 24,000).
pub const MAX_SCORE_CELLS: usize = 1_000_000;
/// Most bytes of text an import returns to the page (names, criteria,
/// scores, notes, warnings).
pub const MAX_RESULT_BYTES: usize = 16 * 1024 * 1024;
/// Most texts whose role is remembered (a header's and its criteria's
/// texts repeat across a bloc's sheets; the rest are looked at afresh).
const MAX_MEMO_TEXTS: usize = 10_000;
/// Most warnings listed; the rest are counted in a last one.
const MAX_WARNINGS: usize = 500;
/// Longest unit name kept (a sheet name is 31 characters at most).
const MAX_NAME_CHARS: usize = 255;
/// Longest cell text quoted in a warning.
const MAX_QUOTE_CHARS: usize = 60;

/// The first `max` characters of a text.
fn clip(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The warnings of an import: the first [`MAX_WARNINGS`] listed, the rest
/// counted.
#[derive(Clone, Debug, Default)]
struct Warnings {
    list: Vec<Warning>,
    more: usize,
}

impl Warnings {
    fn push(&mut self, w: Warning) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(w);
        } else {
            self.more += 1;
        }
    }

    fn into_vec(mut self) -> Vec<Warning> {
        if self.more > 0 {
            self.list.push(Warning {
                sheet: None,
                row: None,
                said: Said::More { n: self.more },
            });
        }
        self.list
    }
}

fn role_of(text: &str) -> Option<Role> {
    if text.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    let f = fold(text);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    let has = |w: &str| f.contains(w);
    if matches!(f, "stt" | "tt" | "so tt" | "s tt")
        || f.starts_with("so thu tu")
        || matches!(text.trim(), "#" | "No" | "No.")
    {
        Some(Role::Stt)
    } else if has("he so") {
        Some(Role::Weight)
    } else if has("ghi chu") || f == "mo ta" {
        Some(Role::Note)
    } else if has("tu cham")
        || has("tu danh gia")
        || has("don vi cham")
        || has("sinh vien danh gia")
        || f.starts_with("sv danh gia")
        || f == "diem dat"
    {
        Some(Role::SelfScore)
    } else if has("khoi cham") || has("cum cham") || has("khoi danh gia") || has("diem khoi") {
        Some(Role::Bloc)
    } else if has("tham dinh") || has("ban thi dua cham") || has("hoi dong cham") {
        Some(Role::Verify)
    } else if has("diem chuan")
        || has("thang diem")
        || has("diem toi da")
        || has("diem quy dinh")
        || has("muc diem")
        || has("khung diem")
        || has("diem ban dau")
        || has("diem tru toi da")
        || has("diem cong toi da")
    {
        Some(Role::Max)
    } else if has("noi dung") || has("tieu chi") {
        Some(Role::Text)
    } else {
        None
    }
}

/// `role_of`, remembered per text for the whole book: a bloc's workbook
/// repeats the same header and criteria texts on every unit's sheet.
#[derive(Default)]
struct RoleMemo(HashMap<String, Option<Role>>);

impl RoleMemo {
    fn of(&mut self, text: &str) -> Option<Role> {
        // Longer than any header in any script (4 bytes a character): no
        // role, and not kept (a row of long texts would be copied here).
        if text.len() > 4 * MAX_HEADER_CHARS {
            return None;
        }
        if let Some(&r) = self.0.get(text) {
            return r;
        }
        let r = role_of(text);
        // Kept for the texts met first: every row of a table is asked now
        // (a second table's header), and a hostile table's texts all differ.
        if self.0.len() < MAX_MEMO_TEXTS {
            self.0.insert(text.to_string(), r);
        }
        r
    }
}

#[derive(Clone, Debug)]
struct Header {
    row: u32,
    rows: u32,
    roles: BTreeMap<Role, u32>,
    cells: Vec<(u32, String)>,
    /// Units laid out as column groups: each unit's name over its stage
    /// columns ("Tự chấm | Thẩm định"), stage index → column.
    units: Vec<(String, [Option<u32>; 3])>,
    /// The workbook is the app's own export: its maximum column says
    /// everything (a cap in a title is only words there).
    ours: bool,
}

/// Units laid out as merged column groups in a two-row header: each
/// upper cell that names no role, over two or more lower cells naming
/// stages (its span: the merged region, else up to the next upper cell).
/// Two groups at least: one "Điểm" over "Tự chấm | Khối chấm" is a vague
/// header, not a unit.
fn unit_groups(
    merges: &MergesByRow,
    row: u32,
    upper: &Cells,
    lower: &Cells,
    memo: &mut RoleMemo,
) -> Vec<(String, [Option<u32>; 3])> {
    let mut groups = Vec::new();
    let uppers: Vec<(u32, String)> = upper
        .iter()
        .filter_map(|(&c, v)| match v {
            Val::Text(s) if !s.trim().is_empty() => Some((c, s.trim().to_string())),
            _ => None,
        })
        .collect();
    for (i, (c, name)) in uppers.iter().enumerate() {
        if memo.of(name).is_some() {
            continue;
        }
        let last = match merges.at(row, *c) {
            Some(m) if m.3 > m.1 => m.3,
            _ => uppers
                .get(i + 1)
                .map_or(u32::MAX, |n| n.0.saturating_sub(1)),
        };
        let mut stages: [Option<u32>; 3] = [None; 3];
        let mut n = 0;
        // Only the lower cells under the group (a search, not a pass over
        // the row per upper cell).
        for (&lc, v) in lower.range(*c..=last) {
            let Val::Text(t) = v else { continue };
            if let Some(st) = memo.of(t).and_then(Role::stage) {
                if stages[st.index()].is_none() {
                    stages[st.index()] = Some(lc);
                    n += 1;
                }
            }
        }
        if n >= 2 {
            groups.push((name.clone(), stages));
        }
    }
    if groups.len() >= 2 {
        groups
    } else {
        Vec::new()
    }
}

/// Reviewer columns that no role word names ("Điểm lớp đánh giá", "BGH
/// duyệt"): the first gets khối chấm, the next thẩm định, when the header
/// names neither.
fn add_reviewers(roles: &mut BTreeMap<Role, u32>, header_cells: &[(u32, &str)]) {
    let used: HashSet<u32> = roles.values().copied().collect();
    for &(c, text) in header_cells {
        if used.contains(&c) || !wording::is_reviewer(text) {
            continue;
        }
        let role = match roles.contains_key(&Role::Bloc) {
            false => Role::Bloc,
            true => Role::Verify,
        };
        roles.entry(role).or_insert(c);
    }
}

/// The roles a row's text cells name (each at the first column naming it), and
/// whether a short text among them names none (a vague upper header cell,
/// "Điểm").
fn roles_in(cells: &Cells, memo: &mut RoleMemo) -> (BTreeMap<Role, u32>, bool) {
    let mut roles = BTreeMap::new();
    let mut vague = false;
    for (&c, v) in cells {
        let Val::Text(s) = v else { continue };
        match memo.of(s) {
            Some(r) => {
                roles.entry(r).or_insert(c);
            }
            None => vague = vague || s.chars().count() <= 20,
        }
    }
    (roles, vague)
}

/// A merged region: first row, first column, last row, last column.
type Merge = (u32, u32, u32, u32);

/// The merged regions starting on each of the rows the header search
/// looks at, by first column (in the file's order among equals): found
/// with a search, not a pass over every region of the sheet per cell.
struct MergesByRow(HashMap<u32, Vec<Merge>>);

impl MergesByRow {
    fn new(grid: &Grid) -> MergesByRow {
        let rows: HashSet<u32> = grid.rows.keys().take(HEADER_SEARCH_ROWS).copied().collect();
        let mut by_row: HashMap<u32, Vec<Merge>> = HashMap::new();
        for m in grid.merges.iter().filter(|m| rows.contains(&m.0)) {
            by_row.entry(m.0).or_default().push(*m);
        }
        for list in by_row.values_mut() {
            list.sort_by_key(|m| m.1);
        }
        MergesByRow(by_row)
    }

    fn on(&self, row: u32) -> &[Merge] {
        self.0.get(&row).map_or(&[], Vec::as_slice)
    }

    /// The region whose top-left cell is (row, col), as [`Grid::merge_at`].
    fn at(&self, row: u32, col: u32) -> Option<Merge> {
        let list = self.on(row);
        let i = list.partition_point(|m| m.1 < col);
        list.get(i).filter(|m| m.1 == col).copied()
    }

    /// The region on `row` covering column `col` (regions do not overlap).
    fn covering(&self, row: u32, col: u32) -> Option<Merge> {
        let list = self.on(row);
        let i = list.partition_point(|m| m.1 <= col);
        list.get(i.checked_sub(1)?).filter(|m| col <= m.3).copied()
    }
}

/// Roles of a lower header row, read with the upper cell above it
/// ("Điểm" over "Tối đa" is "Điểm tối đa"): the upper text comes from the
/// merged region covering the column, or else the nearest upper cell to the
/// left when the upper cell itself is empty.
fn lower_roles(
    grid: &Grid,
    merges: &MergesByRow,
    row: u32,
    upper: &Cells,
    lower: &Cells,
    memo: &mut RoleMemo,
) -> BTreeMap<Role, u32> {
    let mut roles = BTreeMap::new();
    for (&c, v) in lower {
        let Val::Text(s) = v else { continue };
        let above = merges
            .covering(row, c)
            .map(|m| grid.text(row, m.1))
            .or_else(|| upper.get(&c).map(|v| v.text()))
            .or_else(|| upper.before(c).map(|(_, v)| v.text()))
            .unwrap_or_default();
        // Together longer than a header: no role (and no copy of a long
        // upper text per lower cell).
        let combined = above.len() + 1 + s.len() <= 4 * MAX_HEADER_CHARS;
        let role = memo
            .of(s)
            .or_else(|| combined.then(|| memo.of(&format!("{above} {s}"))).flatten());
        if let Some(r) = role {
            roles.entry(r).or_insert(c);
        }
    }
    roles
}

/// Finds the scoring table's header: the row (or two rows, for merged
/// headers) naming the most roles, among the first rows of the sheet.
/// `only`: the row a person chose, taken whatever roles it names.
fn find_header(grid: &Grid, memo: &mut RoleMemo, only: Option<u32>) -> Option<Header> {
    let mut best: Option<(usize, Header)> = None;
    let merges = MergesByRow::new(grid);
    let candidates = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .filter(|(&row, _)| only.is_none_or(|o| o == row));
    for (&row, cells) in candidates {
        let (mut roles, vague) = roles_in(cells, memo);
        let mut rows = 1;
        let mut units = Vec::new();
        // Two-row header: an upper cell that names no role ("Điểm") or spans
        // rows/columns, over a lower row of role names.
        let spans = cells
            .keys()
            .any(|&c| merges.at(row, c).is_some_and(|m| m.2 > m.0 || m.3 > m.1));
        // The upper row names at least one role itself (STT, Nội dung…).
        if (spans || vague) && !roles.is_empty() {
            if let Some(next) = grid.rows.get(&(row + 1)) {
                let lower = lower_roles(grid, &merges, row, cells, next, memo);
                units = unit_groups(&merges, row, cells, next, memo);
                if !units.is_empty() {
                    // Stage columns belong to their units; the rest of the
                    // lower row may name roles of its own.
                    let in_units: HashSet<u32> = units
                        .iter()
                        .flat_map(|(_, st)| st.iter().flatten().copied())
                        .collect();
                    for (&r, &c) in &lower {
                        if !in_units.contains(&c) && r.stage().is_none() {
                            roles.insert(r, c);
                        }
                    }
                    rows = 2;
                }
                let new = lower.keys().filter(|r| !roles.contains_key(r)).count();
                if units.is_empty() && lower.len() >= 2 && new >= 1 {
                    for (r, c) in lower {
                        // The lower row is more specific where both name a role.
                        roles.insert(r, c);
                    }
                    rows = 2;
                }
            }
        }
        if roles.contains_key(&Role::Text) && units.is_empty() {
            let mut texts: Vec<(u32, &str)> = Vec::new();
            for r in row..row + rows {
                if let Some(cs) = grid.rows.get(&r) {
                    for (&c, v) in cs {
                        if let Val::Text(t) = v {
                            texts.push((c, t.as_str()));
                        }
                    }
                }
            }
            texts.sort_by_key(|&(c, _)| c);
            add_reviewers(&mut roles, &texts);
        }
        let ok = roles.contains_key(&Role::Text)
            && (roles.contains_key(&Role::Max)
                || roles.contains_key(&Role::SelfScore)
                || roles.contains_key(&Role::Bloc));
        if !ok && only.is_none() {
            continue;
        }
        let score = roles.len() + units.len();
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            let mut texts: BTreeMap<u32, String> = BTreeMap::new();
            for r in row..row + rows {
                if let Some(cs) = grid.rows.get(&r) {
                    for (&c, v) in cs {
                        let e = texts.entry(c).or_default();
                        if !e.is_empty() {
                            e.push_str(" / ");
                        }
                        e.push_str(&v.text());
                    }
                }
            }
            best = Some((
                score,
                Header {
                    row,
                    rows,
                    roles,
                    cells: texts.into_iter().collect(),
                    units,
                    ours: false,
                },
            ));
        }
    }
    best.map(|(_, h)| h)
}

/// A summary sheet: STT and a unit-name column ("Tên đơn vị", "Đơn vị"),
/// no maximum column. Returns the names listed under it.
fn find_summary(grid: &Grid, memo: &mut RoleMemo) -> Option<Vec<String>> {
    for (&row, cells) in grid.rows.iter().take(HEADER_SEARCH_ROWS) {
        let (roles, _) = roles_in(cells, memo);
        if roles.contains_key(&Role::Max) {
            return None;
        }
        let name_col = cells.iter().find_map(|(&c, v)| match v {
            Val::Text(s) if s.chars().count() <= MAX_HEADER_CHARS => {
                let f = fold(s);
                (f == "don vi"
                    || f == "ten don vi"
                    || f.starts_with("ten don vi")
                    || f == "ten co quan, don vi")
                    .then_some(c)
            }
            _ => None,
        });
        let Some(name_col) = name_col else { continue };
        let stt_col = roles.get(&Role::Stt).copied();
        let mut names = Vec::new();
        for (_, cells) in grid.rows.range(row + 1..) {
            let Some(Val::Text(name)) = cells.get(&name_col) else {
                continue;
            };
            let f = fold(name);
            // A numbered row is a unit, even "Công an tỉnh" or "Tổng công ty…".
            let numbered = stt_col
                .and_then(|c| cells.get(&c))
                .is_some_and(|v| !v.text().trim().is_empty());
            if !numbered && (f.starts_with("tong") || f.starts_with("cong") || is_footer(name)) {
                break;
            }
            names.push(name.trim().to_string());
        }
        return (!names.is_empty()).then_some(names);
    }
    None
}

// ---------------------------------------------------------------------------
// Rows → criteria tree

/// Numbering styles, by which the tree's levels are recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// A, B, C: parts.
    Part,
    Roman,
    Arabic,
    /// 1.1 (2), 1.1.1 (3)…
    Dotted(usize),
    /// a), b), đ)
    Letter,
    Other,
}

fn style_of(label: &str) -> Style {
    let core = label
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.', ':', '/'])
        .trim();
    if core.is_empty() {
        return Style::Other;
    }
    // "II.1", "IV.A": a section of the Roman level.
    if wording::roman_dotted(core) {
        return Style::Roman;
    }
    let is_roman = core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    if is_roman && (core.len() > 1 || matches!(core, "I" | "V" | "X")) {
        return Style::Roman;
    }
    if core.chars().count() == 1 {
        let c = core.chars().next().unwrap_or(' ');
        if c.is_ascii_uppercase() {
            return Style::Part;
        }
        if c.is_lowercase() && c.is_alphabetic() {
            return Style::Letter;
        }
    }
    if core.chars().all(|c| c.is_ascii_digit()) {
        return Style::Arabic;
    }
    if core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    {
        return Style::Dotted(core.split('.').count());
    }
    Style::Other
}

/// One row of the table as read.
#[derive(Clone, Debug)]
struct Row {
    /// 0-based sheet row.
    at: u32,
    label: String,
    style: Style,
    text: String,
    max: Option<Dec>,
    weight: Option<Dec>,
    marks: [Option<String>; 3],
    notes: [Option<String>; 3],
    guidance: bool,
    parent: Option<usize>,
    kind: Kind,
    code: String,
    /// Dropped from the tree (a part that only totals its sections).
    dropped: bool,
    extra: Extra,
}

/// What a row of a real table says beyond its cells.
#[derive(Clone, Debug, Default)]
struct Extra {
    /// The kind the row's own cells give it: a maximum typed negative is a
    /// deduction; a second table's header names its kind.
    hint: Option<Kind>,
    /// The maximum cell is a rate ("2 điểm/lần"): no maximum of its own.
    rate: bool,
    /// The maximum was read from the title ("(tối đa 10 điểm)").
    cap_in_title: bool,
    /// No number of its own: one may be inferred from its siblings.
    infer_label: bool,
    /// A part holding both bonus and deduction sub-sections.
    mixed: bool,
    /// Scores of units laid out as column groups: (unit's group in header
    /// order, stage, mark), only the cells filled, in column order.
    units: Vec<(usize, Stage, String)>,
    /// The role a person gave the row (`fixes.rs`, rule 2).
    forced: Option<RowRole>,
    /// The kind a person gave the row (rule 3).
    forced_kind: Option<Kind>,
    /// A correction applies to the row.
    fixed: bool,
    /// Left out with a block a person cut (rule 2 of fixes.rs): the row
    /// that heads the block.
    cut: Option<usize>,
}

/// Why a row of the table's area is not in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SkipWhy {
    /// "(1) (2) (3) …" under the header.
    IndexRow,
    /// "Tổng cộng", "Cộng (I - V)".
    Total,
    /// The signature block or "XẾP LOẠI": the table ends here.
    End,
    /// A person said so.
    Fixed(RowRole),
}

/// A row left out of the tree, for the preview.
#[derive(Clone, Debug)]
struct Skipped {
    at: u32,
    label: String,
    text: String,
    why: SkipWhy,
}

struct Table {
    rows: Vec<Row>,
    /// The rows left out, in sheet order.
    skipped: Vec<Skipped>,
    warnings: Warnings,
    /// Where the warnings about the tree's shape begin (those `finish_tree`
    /// gives): moot when the app's own export restores its tree.
    tree_warnings: usize,
}

impl Table {
    /// Each row's children that count (neither guidance nor dropped), in
    /// one pass: asking per row was quadratic in rows, cubic along a deep
    /// chain.
    fn children(&self) -> Vec<Vec<usize>> {
        let mut kids = vec![Vec::new(); self.rows.len()];
        for (j, r) in self.rows.iter().enumerate() {
            if let Some(p) = r.parent.filter(|_| !r.guidance && !r.dropped) {
                kids[p].push(j);
            }
        }
        kids
    }

    /// Each row's children, guidance lines and dropped rows too, in one
    /// pass.
    fn under(&self) -> Vec<Vec<usize>> {
        let mut under = vec![Vec::new(); self.rows.len()];
        for (j, r) in self.rows.iter().enumerate() {
            if let Some(p) = r.parent {
                under[p].push(j);
            }
        }
        under
    }
}

fn is_footer(text: &str) -> bool {
    let f = fold(text);
    [
        "truong khoi",
        "nguoi lap",
        "xac nhan cua",
        "thu truong",
        "ky ten",
        "ky, ghi ro",
        "pho truong khoi",
    ]
    .iter()
    .any(|w| f.starts_with(w))
        || (f.contains("ngay") && f.contains("thang") && f.contains("nam") && f.len() < 60)
}

fn is_total_row(text: &str) -> bool {
    let f = fold(text);
    f.starts_with("tong cong")
        || f.starts_with("tong diem")
        || f.starts_with("tong so")
        || f == "cong"
        || f == "tong"
}

/// Reads a points cell: numbers, numeric text, decimal-comma text with "đ"
/// or "điểm". Warns when text had to be interpreted. `dot_decimal`: the
/// column writes decimals with a dot, so "1.000" is one.
fn read_points(
    v: Option<&Val>,
    what: Field,
    dot_decimal: bool,
    sheet: &str,
    row: u32,
    warnings: &mut Warnings,
) -> Option<Dec> {
    let parsed = |s: &str| match dot_decimal {
        true => Dec::parse_dot_decimal(s),
        false => Dec::parse(s),
    };
    match v? {
        Val::Num(n) => Dec::from_f64(*n),
        Val::Text(s) => match parsed(s) {
            Ok(Some(d)) => {
                let plain = s.trim();
                if plain != d.to_plain() {
                    warnings.push(Warning::at(
                        sheet,
                        row + 1,
                        Said::ReadAs {
                            what,
                            text: clip(plain, MAX_QUOTE_CHARS).to_string(),
                            value: d,
                        },
                    ));
                }
                Some(d)
            }
            Ok(None) => None,
            Err(e) => {
                let said = match e {
                    ParseError::Ambiguous { .. } => Said::Unclear { what, error: e },
                    _ => Said::Unreadable {
                        what,
                        text: clip(s.trim(), MAX_QUOTE_CHARS).to_string(),
                    },
                };
                warnings.push(Warning::at(sheet, row + 1, said));
                None
            }
        },
    }
}

/// Reads a weight cell as [`read_points`] does, under the rule for a typed
/// weight (`input::weight_value`: > 0): one of 0 or below is left out (the
/// criterion keeps weight 1) and said.
fn read_weight(
    v: Option<&Val>,
    dot_decimal: bool,
    sheet: &str,
    row: u32,
    warnings: &mut Warnings,
) -> Option<Dec> {
    let d = read_points(v, Field::Weight, dot_decimal, sheet, row, warnings)?;
    match input::weight_value(d) {
        Ok(d) => Some(d),
        Err(_) => {
            warnings.push(Warning {
                sheet: Some(sheet.to_string()),
                row: Some(row + 1),
                said: Said::WeightNotPositive { value: d },
            });
            None
        }
    }
}

/// The table under `header`: its rows (at most [`MAX_CRITERIA`], checked
/// before each is kept) as a tree at most [`MAX_DEPTH`] deep.
fn read_table(grid: &Grid, header: &Header, fixes: &[RowFix]) -> Result<Table, ImportError> {
    let mut warnings = Warnings::default();
    // Each role's column, looked up once (not per row and cell).
    let cols = Role::ALL.map(|r| header.roles.get(&r).copied());
    let mut rows: Vec<Row> = Vec::with_capacity(grid.rows.len().min(MAX_CRITERIA));
    let mut skipped: Vec<Skipped> = Vec::new();
    // The corrections, placed on this sheet's rows (rule 1 of fixes.rs):
    // found by words, so a copy whose rows moved gets them too.
    let placed = if fixes.is_empty() {
        BTreeMap::new()
    } else {
        let words: Vec<(u32, String)> = grid
            .rows
            .range(header.row + header.rows..)
            .map(|(&at, cells)| {
                let (label, text) = row_words(cells, &cols);
                (at, fixes::row_key(&label, &text))
            })
            .collect();
        fixes::place(fixes, &words)
    };
    // Rows numbered deeper than MAX_DEPTH: how many, and the first.
    let mut too_deep: (usize, Option<u32>) = (0, None);
    // Stack of (style, row index) along the current path.
    let mut stack: Vec<(Style, usize)> = Vec::new();
    let first = header.row + header.rows;
    // Without an STT column (or with it left empty) the numbering is typed
    // inside the text ("1.1.1 Đi học…", "Phần I.", "Điều 4.").
    let has_stt = cols[Role::Stt.index()].is_some();
    // "1.000" is a thousand to a Vietnamese, one to a spreadsheet in
    // English: a column whose other texts write decimals with a dot
    // ("2.5") settles it; otherwise it is left unread (and said so).
    // Numbers stored as numbers are not concerned.
    let dot_decimal = Role::ALL.map(|r| {
        let Some(c) =
            cols[r.index()].filter(|_| r != Role::Stt && r != Role::Text && r != Role::Note)
        else {
            return false;
        };
        grid.rows.range(first..).any(
            |(_, cells)| matches!(cells.get(&c), Some(Val::Text(s)) if Dec::has_decimal_dot(s)),
        )
    });
    let mark_of = |role: Role, v: &Val| match v {
        Val::Num(n) => Dec::from_f64(*n)
            .map(|d| d.to_vi())
            .unwrap_or_else(|| fmt_num(*n)),
        // Kept as typed, but "1.000" where the column's dot is
        // decimal becomes "1,000" (one, as it meant).
        Val::Text(s)
            if dot_decimal[role.index()]
                && matches!(Dec::parse(s), Err(ParseError::Ambiguous { .. })) =>
        {
            Dec::dot_as_comma(s)
        }
        // As a typed score is kept (`input::score`).
        Val::Text(s) => input::score(s),
    };
    // Units as column groups: each stage column's unit and stage.
    let stage_role = |s: Stage| match s {
        Stage::SelfScore => Role::SelfScore,
        Stage::Bloc => Role::Bloc,
        Stage::Verify => Role::Verify,
    };
    let mut unit_cols: HashMap<u32, Vec<(usize, Stage)>> = HashMap::new();
    for (k, (_, st)) in header.units.iter().enumerate() {
        for s in Stage::ALL {
            if let Some(c) = st[s.index()] {
                unit_cols.entry(c).or_default().push((k, s));
            }
        }
    }
    let mut memo = RoleMemo::default();
    for (&at, cells) in grid.rows.range(first..) {
        let get = |r: Role| cols[r.index()].and_then(|c| cells.get(&c));
        let fix = placed.get(&at);
        let forced = fix.and_then(|f| f.role);
        let (mut label, mut text) = row_words(cells, &cols);
        let mut skip = |why: SkipWhy, label: &str, text: &str| {
            skipped.push(Skipped {
                at,
                label: label.to_string(),
                text: text.to_string(),
                why,
            })
        };
        match forced {
            Some(r @ (RowRole::Total | RowRole::Skip)) => {
                skip(SkipWhy::Fixed(r), &label, &text);
                continue;
            }
            // "(1) (2) (3) …" or "1 2 3 4 5" under the header: column numbers.
            None if rows.is_empty() && wording::is_index_row(cells.values()) => {
                skip(SkipWhy::IndexRow, &label, &text);
                continue;
            }
            _ => {}
        }
        let max_cell = get(Role::Max);
        if label.is_empty() && text.is_empty() && max_cell.is_none() {
            continue;
        }
        // A second table below the first, with its own header ("Bảng điểm
        // vi phạm": # | Nội dung vi phạm | Điểm trừ tối đa | Điểm trừ):
        // a top-level block named by the line above its header.
        let (own, _) = match forced {
            None => roles_in(cells, &mut memo),
            Some(_) => Default::default(),
        };
        if own.contains_key(&Role::Text) && own.contains_key(&Role::Max) && !rows.is_empty() {
            let title = match rows.last() {
                Some(r) if r.guidance && r.label.is_empty() && r.at + 2 >= at => {
                    rows.pop().map(|r| r.text)
                }
                _ => None,
            };
            let title =
                title.unwrap_or_else(|| get(Role::Text).map(|v| v.text()).unwrap_or_default());
            let words: String = cells.values().map(|v| v.text() + " ").collect();
            let fw = fold(&words);
            let hint = if fold(&title).contains("vi pham") || fw.contains("diem tru") {
                Some(Kind::Deduction)
            } else if fw.contains("diem thuong") || fw.contains("diem cong") {
                Some(Kind::Bonus)
            } else {
                None
            };
            stack.clear();
            if rows.len() == MAX_CRITERIA {
                return Err(ImportError::TooManyCriteria {
                    limit: MAX_CRITERIA,
                });
            }
            let idx = rows.len();
            rows.push(Row {
                at,
                label: wording::title_code(&title),
                style: Style::Part,
                text: title,
                max: None,
                weight: None,
                marks: Default::default(),
                notes: Default::default(),
                guidance: false,
                parent: None,
                kind: Kind::Content,
                code: String::new(),
                dropped: false,
                extra: Extra {
                    hint,
                    ..Extra::default()
                },
            });
            stack.push((Style::Part, idx));
            continue;
        }
        // The row as read, before its number is split from its text.
        let (raw_label, raw_text) = (label.clone(), text.clone());
        // Numbering typed inside the text.
        if label.is_empty() {
            if let Some((l, rest)) = wording::inline_number(&text, has_stt) {
                let rest = rest.to_string();
                label = l;
                text = rest;
            }
        }
        // A guidance line may mention a date ("- Nộp trước ngày 15 tháng 12
        // năm 2024"); only other lines can be the signature block.
        let guidance_text = text.starts_with(['-', '+', '*', '•', '–']) || text.starts_with('(');
        if forced.is_none() {
            // "XẾP LOẠI: ……" closes the table too; the legend below is not
            // part of it.
            if label.is_empty()
                && ((!guidance_text && is_footer(&text)) || wording::is_grade_line(&text))
            {
                skip(SkipWhy::End, &raw_label, &raw_text);
                break;
            }
            if label.is_empty() && (is_total_row(&text) || wording::is_total_text(&text)) {
                skip(SkipWhy::Total, &raw_label, &raw_text);
                continue;
            }
        }
        let mut marks: [Option<String>; 3] = Default::default();
        for role in [Role::SelfScore, Role::Bloc, Role::Verify] {
            if let (Some(stage), Some(v)) = (role.stage(), get(role)) {
                marks[stage.index()] = Some(mark_of(role, v));
            }
        }
        // Units as column groups: the row's cells in a unit's stage
        // columns (only those filled: a row is not a list of every unit).
        let mut unit_marks: Vec<(usize, Stage, String)> = Vec::new();
        if !unit_cols.is_empty() {
            for (c, v) in cells {
                for &(k, s) in unit_cols.get(c).map_or(&[][..], Vec::as_slice) {
                    unit_marks.push((k, s, mark_of(stage_role(s), v)));
                }
            }
            // In the units' order (a later one with the same name wins).
            unit_marks.sort_by_key(|m| m.0);
        }
        // One notes column: "Khối chấm: …" lines are that stage's note
        // (as the export writes them), plain text is the tự chấm note.
        let notes = get(Role::Note)
            .map(|v| super::layout::split_notes(&v.text()))
            .unwrap_or_default();
        if rows.len() == MAX_CRITERIA {
            return Err(ImportError::TooManyCriteria {
                limit: MAX_CRITERIA,
            });
        }
        let bullet = wording::is_bullet(&label);
        let heuristic_guidance = (label.is_empty() && (guidance_text || max_cell.is_none()))
            || (bullet && max_cell.is_none());
        let guidance = match forced {
            Some(RowRole::Guidance) => true,
            Some(_) => false,
            None => heuristic_guidance,
        };
        if guidance {
            // A guidance line under the latest node.
            let parent = stack.last().map(|&(_, i)| i);
            rows.push(Row {
                at,
                label,
                style: Style::Other,
                text,
                max: None,
                weight: None,
                marks: Default::default(),
                notes: Default::default(),
                guidance: true,
                parent,
                kind: Kind::Content,
                code: String::new(),
                dropped: false,
                extra: Extra {
                    forced,
                    fixed: fix.is_some(),
                    ..Extra::default()
                },
            });
            continue;
        }
        // Bytes bound chars: most texts need no count.
        let chars = if text.len() > LONG_TEXT_CHARS {
            text.chars().count()
        } else {
            0
        };
        if chars > LONG_TEXT_CHARS {
            warnings.push(Warning {
                sheet: Some(grid.name.clone()),
                row: Some(at + 1),
                said: Said::LongText { chars },
            });
        }
        let mut extra = Extra {
            units: unit_marks,
            forced,
            forced_kind: fix.and_then(|f| f.kind),
            fixed: fix.is_some(),
            ..Extra::default()
        };
        let mut max = read_max(
            max_cell,
            dot_decimal[Role::Max.index()],
            &grid.name,
            at,
            &mut extra,
            &mut warnings,
        );
        // A cap stated only in the title: "(tối đa 10 điểm)", "(0 - 20 điểm)".
        if max.is_none() && !extra.rate && !label.is_empty() && !header.ours {
            max = wording::title_cap(&text);
            extra.cap_in_title = max.is_some();
        }
        // A maximum a person set (rule 3 of fixes.rs).
        if let Some(m) = fix.and_then(|f| f.max) {
            max = Some(m);
            extra.cap_in_title = false;
            extra.rate = false;
        }
        let weight = read_weight(
            get(Role::Weight),
            dot_decimal[Role::Weight.index()],
            &grid.name,
            at,
            &mut warnings,
        );
        let mut style = match (label.is_empty(), forced) {
            // An unnumbered heading a person named: a part, top level.
            (true, Some(RowRole::Section)) => Style::Part,
            (true, _) => Style::Other,
            (false, _) => style_of(&label),
        };
        // A row with points but no number, right after a numbered item with
        // points of its own: an item whose number was forgotten, a sibling.
        if label.is_empty() {
            if let Some(&(s, i)) = stack.last() {
                if (rows[i].max.is_some() || rows[i].extra.rate)
                    && s != Style::Other
                    && s != Style::Part
                {
                    style = s;
                    extra.infer_label = true;
                }
            }
        }
        // "C" after "a", "b)": a letter of the same list, not a part.
        if style == Style::Part {
            let c = label.trim().chars().next().unwrap_or(' ');
            let follows = stack
                .iter()
                .rev()
                .find(|(s, _)| *s == Style::Letter)
                .is_some_and(|&(_, i)| {
                    let prev = rows[i].label.trim().chars().next().unwrap_or(' ');
                    prev.to_lowercase().next().map(|p| (p as u32) + 1)
                        == c.to_lowercase().next().map(|c| c as u32)
                });
            if follows {
                style = Style::Letter;
            }
        }
        // Same style as a node on the path: a sibling of it. New style: a
        // child. Parts (A, B, C) are always top level: "B. Điểm thưởng"
        // after sections I, II (whose part A only totalled them).
        if style == Style::Part {
            stack.clear();
        } else if let Some(k) = stack.iter().rposition(|&(s, _)| s == style) {
            stack.truncate(k);
        }
        // No deeper than MAX_DEPTH: a sibling of the deepest node instead.
        if stack.len() >= MAX_DEPTH {
            stack.truncate(MAX_DEPTH - 1);
            too_deep.0 += 1;
            too_deep.1.get_or_insert(at);
        }
        let parent = stack.last().map(|&(_, i)| i);
        let idx = rows.len();
        rows.push(Row {
            at,
            label,
            style,
            text,
            max,
            weight,
            marks,
            notes,
            guidance: false,
            parent,
            kind: Kind::Content,
            code: String::new(),
            dropped: false,
            extra,
        });
        stack.push((style, idx));
    }
    if let (n, Some(at)) = too_deep {
        warnings.push(Warning {
            sheet: Some(grid.name.clone()),
            row: Some(at + 1),
            said: Said::TooDeep {
                max: MAX_DEPTH,
                rows: n,
            },
        });
    }
    let tree_warnings = warnings.list.len();
    let mut table = Table {
        rows,
        skipped,
        warnings,
        tree_warnings,
    };
    finish_tree(&mut table, &grid.name);
    Ok(table)
}

/// A row's number and text as typed (trimmed; a number cell as shown): a
/// line typed across the number column ("Bảng điểm vi phạm" in A) is text.
fn row_words(cells: &Cells, cols: &[Option<u32>; 8]) -> (String, String) {
    let get = |r: Role| cols[r.index()].and_then(|c| cells.get(&c));
    let trimmed = |v: &Val| match v {
        Val::Text(s) => s.trim().to_string(),
        Val::Num(_) => v.text(),
    };
    let mut label = get(Role::Stt).map(trimmed).unwrap_or_default();
    let mut text = get(Role::Text).map(trimmed).unwrap_or_default();
    if text.is_empty() && label.contains(' ') && label.chars().count() > 8 {
        text = std::mem::take(&mut label);
    }
    (label, text)
}

/// Reads a maximum cell: a number, or points typed as text ("5 điểm\n(tối
/// đa)", "2 điểm\n4 điểm", "- 20 điểm (tối đa)", "2 điểm/lần"). A minus
/// marks a deduction (its maximum is kept positive); a rate has no maximum
/// of its own. Says what it read when text had to be interpreted.
fn read_max(
    v: Option<&Val>,
    dot_decimal: bool,
    sheet: &str,
    row: u32,
    extra: &mut Extra,
    warnings: &mut Warnings,
) -> Option<Dec> {
    let warn =
        |warnings: &mut Warnings, said: Said| warnings.push(Warning::at(sheet, row + 1, said));
    match v? {
        Val::Num(n) if *n < 0.0 => {
            extra.hint = Some(Kind::Deduction);
            Dec::from_f64(-*n)
        }
        // Text that is a maximum as one is typed (`input::max`: a number
        // ≥ 0), or a number unclear about its dot, reads as a number
        // below; any other text as wording.
        Val::Text(s)
            if !matches!(
                input::max(s),
                Ok(_) | Err(InputError::Parse(ParseError::Ambiguous { .. }))
            ) =>
        {
            match wording::points_text(s) {
                Some(p) => {
                    if p.negative {
                        extra.hint = Some(Kind::Deduction);
                    }
                    extra.rate = p.rate;
                    let plain = s.split_whitespace().collect::<Vec<_>>().join(" ");
                    let plain = clip(&plain, MAX_QUOTE_CHARS).trim_end();
                    // One number with its unit, sign or "(tối đa)" reads
                    // plainly; levels and rates are said.
                    match p.value {
                        Some(d) if p.levels => warn(
                            warnings,
                            Said::ReadAs {
                                what: Field::Max,
                                text: plain.to_string(),
                                value: d,
                            },
                        ),
                        Some(_) => {}
                        None => warn(
                            warnings,
                            Said::Rate {
                                text: plain.to_string(),
                            },
                        ),
                    }
                    p.value
                }
                None => read_points(v, Field::Max, dot_decimal, sheet, row, warnings),
            }
        }
        _ => read_points(v, Field::Max, dot_decimal, sheet, row, warnings),
    }
}

/// Kinds, dropped grouping parts, codes, and the layout of real tables:
/// alternative levels, repeated headings, forgotten numbers, bullets,
/// bonus and deduction blocks inside content parts, caps for rate items.
fn finish_tree(table: &mut Table, sheet: &str) {
    let n = table.rows.len();
    let warn = |table: &mut Table, i: usize, said: Said| {
        let at = table.rows[i].at;
        table.warnings.push(Warning::at(sheet, at + 1, said));
    };
    // A block a person cut: the row and everything under it are left out
    // (fixes.rs, rule 2). Rows come after their parents: one pass finds
    // every descendant.
    for j in 0..n {
        let head = match (table.rows[j].extra.forced, table.rows[j].parent) {
            (Some(RowRole::SkipBlock), _) => Some(j),
            (_, Some(p)) => table.rows[p].extra.cut,
            _ => None,
        };
        if let Some(h) = head {
            table.rows[j].extra.cut = Some(h);
            table.rows[j].dropped = true;
        }
    }
    // A row a person said is a criterion is scored on its own: what was
    // read as its sub-criteria are its guidance lines (same rule).
    let mut owner: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        let Some(p) = table.rows[j].parent else {
            continue;
        };
        let o = match table.rows[p].extra.forced {
            Some(RowRole::Criterion) => Some(p),
            _ => owner[p],
        };
        if let Some(o) = o {
            owner[j] = Some(o);
            if table.rows[j].extra.forced.is_none() {
                table.rows[j].guidance = true;
                table.rows[j].parent = Some(o);
            }
        }
    }
    // The lists of children are computed once, and again after each pass
    // that changes the tree: never looked for among all rows per row (that
    // was quadratic in rows, cubic along a deep chain).
    // Only top-level rows are dropped below, and they are nobody's
    // children: the lists stay right.
    let kids = table.children();
    // Every row under each (guidance too), to lift when a part is dropped.
    let under = table.under();
    // A top-level part whose children are all sections (I, II…) only
    // totals them: drop it, its sections become the top level. Not when
    // another part has sections of its own (A.I … B.I: their numbers
    // restart, the parts are the top level).
    let roman_parts = (0..n)
        .filter(|&i| {
            table.rows[i].parent.is_none()
                && table.rows[i].style == Style::Part
                && kids[i].iter().any(|&k| table.rows[k].style == Style::Roman)
        })
        .count();
    for i in 0..n {
        if table.rows[i].parent.is_some() || table.rows[i].guidance {
            continue;
        }
        let all_sections = !kids[i].is_empty()
            && kids[i]
                .iter()
                .all(|&k| table.rows[k].style == Style::Roman && !kids[k].is_empty());
        if all_sections
            && roman_parts == 1
            && table.rows[i].extra.forced != Some(RowRole::Section)
            && table.rows[i].style == Style::Part
            && !wording::kind_words(&table.rows[i].text).any()
        {
            table.rows[i].dropped = true;
            for &j in &under[i] {
                table.rows[j].parent = None;
            }
        }
    }
    // A numbered heading with no points repeated on the next row with its
    // points ("2.2.3 Vi phạm…" twice): the first is a heading line. Each
    // row's next row that is no guidance line, found once (only the row
    // itself changes below, and only rows after it are looked at).
    let mut next_row: Vec<Option<usize>> = vec![None; n];
    let mut after = None;
    for i in (0..n).rev() {
        next_row[i] = after;
        if !table.rows[i].guidance {
            after = Some(i);
        }
    }
    for (i, next) in next_row.into_iter().enumerate() {
        let r = &table.rows[i];
        if r.guidance
            || r.dropped
            || r.label.is_empty()
            || r.max.is_some()
            || r.extra.rate
            || r.extra.forced.is_some()
        {
            continue;
        }
        if let Some(j) = next.filter(|&j| table.rows[j].label == table.rows[i].label) {
            let label = clip(&table.rows[i].label, MAX_QUOTE_CHARS).to_string();
            let second = table.rows[j].at + 1;
            table.rows[i].guidance = true;
            table.rows[i].parent = table.rows[j].parent;
            warn(
                table,
                i,
                Said::RepeatedHeading {
                    label: label.clone(),
                    second_row: second,
                },
            );
        }
    }
    // Levels of one criterion typed as its children (a) 10, b) 8 … e) 0
    // under an item of 10): alternatives, only one of which is scored.
    // (The rows made guidance here are leaves under a row already passed:
    // the lists stay right for the rows after it.)
    let kids = table.children();
    for i in 0..n {
        if table.rows[i].guidance || table.rows[i].dropped {
            continue;
        }
        let Some(stated) = table.rows[i].max else {
            continue;
        };
        let ks = &kids[i];
        if ks.len() < 2
            || ks
                .iter()
                .any(|&k| !kids[k].is_empty() || table.rows[k].extra.forced.is_some())
        {
            continue;
        }
        let maxima: Vec<Dec> = ks.iter().filter_map(|&k| table.rows[k].max).collect();
        if maxima.len() != ks.len() {
            continue;
        }
        let top = maxima.iter().copied().fold(Dec::ZERO, Dec::max);
        let sum = maxima.iter().fold(Dec::ZERO, |a, &b| a + b);
        let falling = maxima.windows(2).all(|w| w[0] >= w[1]);
        let lettered = ks.len() >= 3 && ks.iter().all(|&k| table.rows[k].style == Style::Letter);
        if top == stated && sum > stated && falling && lettered {
            for &k in ks {
                table.rows[k].guidance = true;
            }
            let code = clip(&table.rows[i].label, MAX_QUOTE_CHARS).to_string();
            warn(
                table,
                i,
                Said::Levels {
                    label: code.clone(),
                    n: ks.len(),
                },
            );
        }
    }
    // Kinds: top-level rows from their wording; a block inside a content
    // part says "Điểm thưởng" / "Điểm trừ" (its "Điểm cộng" is the part's
    // own points); a part that says both ("ĐIỂM CỘNG, ĐIỂM TRỪ") is split
    // by its sub-sections; an item typed negative is a deduction.
    let kids = table.children();
    for (i, ks) in kids.iter().enumerate() {
        if table.rows[i].guidance {
            table.rows[i].kind = table.rows[i]
                .parent
                .map_or(Kind::Content, |p| table.rows[p].kind);
            continue;
        }
        let w = wording::kind_words(&table.rows[i].text);
        let leaf = ks.is_empty();
        let hint = table.rows[i].extra.hint;
        let parent = table.rows[i].parent;
        let (pk, pmixed) = parent.map_or((Kind::Content, false), |p| {
            (table.rows[p].kind, table.rows[p].extra.mixed)
        });
        let kind = match parent {
            // A kind a person set (fixes.rs, rule 3).
            _ if table.rows[i].extra.forced_kind.is_some() => {
                table.rows[i].extra.forced_kind.unwrap_or_default()
            }
            None => {
                if (w.bonus || w.plus) && w.deduction && !leaf {
                    table.rows[i].extra.mixed = true;
                    Kind::Content
                } else if w.bonus || w.plus {
                    Kind::Bonus
                } else if w.deduction {
                    Kind::Deduction
                } else {
                    hint.unwrap_or_default()
                }
            }
            Some(_) if pmixed => {
                if w.deduction && !(w.bonus || w.plus) {
                    Kind::Deduction
                } else if w.bonus || w.plus {
                    Kind::Bonus
                } else {
                    hint.unwrap_or(Kind::Content)
                }
            }
            Some(_) if pk == Kind::Content => {
                if !leaf && w.bonus && !w.deduction {
                    Kind::Bonus
                } else if !leaf && w.deduction && !(w.bonus || w.plus) {
                    Kind::Deduction
                } else {
                    hint.unwrap_or(Kind::Content)
                }
            }
            Some(_) => pk,
        };
        table.rows[i].kind = kind;
    }
    // Labels forgotten between two numbered siblings ("1.1.3", ?, "1.1.5").
    // Siblings: the parent's list of children, or the top-level rows.
    let roots: Vec<usize> = (0..n)
        .filter(|&j| {
            let r = &table.rows[j];
            r.parent.is_none() && !r.guidance && !r.dropped
        })
        .collect();
    for i in 0..n {
        if !table.rows[i].extra.infer_label || table.rows[i].guidance {
            continue;
        }
        let sibs = match table.rows[i].parent {
            Some(p) => &kids[p],
            None => &roots,
        };
        let at = sibs.partition_point(|&j| j < i);
        let prev = at.checked_sub(1).map(|a| sibs[a]);
        let next = sibs[at..].iter().copied().find(|&j| j > i);
        let last_num = |j: Option<usize>| {
            j.and_then(|j| {
                let l = &table.rows[j].label;
                let core = l.trim().trim_end_matches(['.', ':', ')']);
                let (head, last) = match core.rsplit_once('.') {
                    Some((h, l)) => (Some(h.to_string()), l),
                    None => (None, core),
                };
                last.parse::<u32>().ok().map(|k| (head, k))
            })
        };
        if let (Some((h1, a)), Some((h2, b))) = (last_num(prev), last_num(next)) {
            if h1 == h2 && a.checked_add(2) == Some(b) {
                let label = match h1 {
                    Some(h) => format!("{h}.{}", a + 1),
                    None => (a + 1).to_string(),
                };
                warn(
                    table,
                    i,
                    Said::InferredNumber {
                        label: clip(&label, MAX_QUOTE_CHARS).to_string(),
                    },
                );
                table.rows[i].label = label;
            }
        }
    }
    // Codes, unique.
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(n);
    let mut bullets: HashMap<Option<usize>, usize> = HashMap::new();
    for i in 0..n {
        if table.rows[i].guidance || table.rows[i].dropped {
            continue;
        }
        let label = &table.rows[i].label;
        let seg = if wording::roman_dotted(label) {
            label.trim().trim_end_matches(['.', ':', ')']).to_string()
        } else if wording::is_bullet(label) {
            // Bullets that carry points are numbered by order.
            let k = bullets.entry(table.rows[i].parent).or_default();
            *k += 1;
            k.to_string()
        } else {
            crate::model::sheet::code_segment(label)
        };
        let seg = if seg.is_empty() || seg.chars().nth(MAX_SEGMENT_CHARS).is_some() {
            format!("#{}", table.rows[i].at + 1)
        } else {
            seg
        };
        let code = match table.rows[i].parent {
            Some(p) if !table.rows[p].code.is_empty() => {
                // Not format!: this runs for every row of every unit's sheet.
                let parent = &table.rows[p].code;
                let mut code = String::with_capacity(parent.len() + 1 + seg.len());
                code.push_str(parent);
                code.push('.');
                code.push_str(&seg);
                code
            }
            _ => seg,
        };
        let code = match seen.entry(code) {
            Entry::Vacant(e) => {
                let code = e.key().clone();
                e.insert(i);
                code
            }
            Entry::Occupied(e) => {
                let (code, prev) = (e.key().clone(), *e.get());
                table.warnings.push(Warning {
                    sheet: Some(sheet.to_string()),
                    row: Some(table.rows[i].at + 1),
                    said: Said::DuplicateCode {
                        code: code.clone(),
                        first_row: table.rows[prev].at + 1,
                    },
                });
                let code = format!("{}#{}", code, table.rows[i].at + 1);
                seen.insert(code.clone(), i);
                code
            }
        };
        table.rows[i].code = code;
    }
    // A part that holds both bonus and deduction sub-sections is a heading:
    // its sub-sections stand at the top level, each with its kind. (Such a
    // part is top level: its own list is all that changes.)
    for (i, ks) in kids.iter().enumerate() {
        if table.rows[i].extra.mixed && !table.rows[i].guidance {
            table.rows[i].guidance = true;
            for &j in ks {
                table.rows[j].parent = None;
            }
        }
    }
    // Caps for items with no maximum of their own inside a bonus or
    // deduction block that states one: a rate ("2 điểm/lần"), or rule lines
    // with points under it ("Mức điểm cộng: +3đ/đợt"). The block's cap
    // applies to each. (Ancestors are at most MAX_DEPTH.)
    let kids = table.children();
    let under = table.under();
    for i in 0..n {
        let r = &table.rows[i];
        if r.guidance || r.dropped || r.max.is_some() || !kids[i].is_empty() {
            continue;
        }
        let says_points = r.extra.rate
            || wording::mentions_points(&r.text)
            || under[i]
                .iter()
                .any(|&k| table.rows[k].guidance && wording::mentions_points(&table.rows[k].text));
        if !says_points {
            continue;
        }
        let mut p = r.parent;
        let mut cap = None;
        while let Some(a) = p {
            let ar = &table.rows[a];
            if ar.kind != Kind::Content && ar.max.is_some() {
                cap = ar.max;
                break;
            }
            p = ar.parent;
        }
        if let Some(cap) = cap {
            table.rows[i].max = Some(cap);
            let code = table.rows[i].code.clone();
            warn(
                table,
                i,
                Said::RateCapped {
                    code: code.clone(),
                    cap,
                },
            );
        }
    }
    // A bonus or deduction block (or item) inside a content part counts on
    // its own: it stands at the top level, keeping its code.
    for i in 0..n {
        if table.rows[i].guidance || table.rows[i].dropped || table.rows[i].kind == Kind::Content {
            continue;
        }
        if let Some(p) = table.rows[i].parent {
            if table.rows[p].kind == Kind::Content && !table.rows[p].guidance {
                table.rows[i].parent = None;
                let code = table.rows[i].code.clone();
                let part = table.rows[p].code.clone();
                warn(
                    table,
                    i,
                    Said::Lifted {
                        code: code.clone(),
                        part: part.clone(),
                    },
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Assembling the scoresheet

/// What templates write where a name is to be filled in: dots, ellipses,
/// underscores, dashes, blanks.
fn is_blank_mark(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '…' | '_' | '-' | '–' | '—')
}

/// The title and unit name written above a table. The export's lines
/// "Bảng chấm điểm: X" and "Đơn vị: X" say so explicitly; otherwise the
/// title is a line naming a scoring table and the unit the first other line.
fn title_above(grid: &Grid, header_row: u32) -> (Option<String>, Option<String>) {
    let mut title = None;
    let mut unit = None;
    let title_prefix = fold(words::EXPORT_TITLE_PREFIX);
    let unit_prefix = fold(words::EXPORT_UNIT_PREFIX);
    let mut named_title = None;
    let mut named_unit = None;
    // Without a line naming a scoring table: the first title-like line
    // (capitals, several words) that is not the national motto's row,
    // "DỰ THẢO", "Mẫu số", "Họ và tên: ……" or a sub-title in parentheses.
    let mut fallback = None;
    for (_, cells) in grid.rows.range(..header_row) {
        let national = cells.values().any(|v| {
            let f = fold(&v.text());
            f.starts_with("cong hoa") || f.starts_with("doc lap")
        });
        for v in cells.values() {
            let Val::Text(s) = v else { continue };
            let s = s.trim();
            let f = fold(s);
            // Anything but a blank to fill in ("Đơn vị: ………"): a unit may
            // be called "[A]" or "*".
            let after_colon = || {
                s.split_once(':')
                    .map(|(_, rest)| rest.trim().to_string())
                    .filter(|r| r.chars().any(|c| !is_blank_mark(c)))
            };
            if f.starts_with(&title_prefix) {
                named_title = named_title.or_else(after_colon);
                continue;
            }
            if f.starts_with(&unit_prefix) {
                named_unit = named_unit.or_else(after_colon);
                continue;
            }
            let is_title = wording::names_a_table(s) && !wording::is_not_title(s);
            if !national
                && fallback.is_none()
                && wording::looks_like_title(s)
                && !wording::is_not_title(s)
            {
                fallback = Some(s.to_string());
            }
            let boiler = [
                "cong hoa",
                "doc lap",
                "khoi thi dua",
                "so noi vu",
                "ban thi dua",
                "ubnd tinh",
                "nam 20",
                "tieu chi",
            ]
            .iter()
            .any(|w| f.starts_with(w));
            if is_title {
                title.get_or_insert_with(|| s.to_string());
            } else if !boiler
                && unit.is_none()
                && !f.starts_with("ghi chu")
                && !wording::is_not_unit_name(s)
                && s.chars().count() <= 120
            {
                unit = Some(s.to_string());
            }
        }
    }
    (named_title.or(title).or(fallback), named_unit.or(unit))
}

/// The export's comparison sheet ("Thẩm định") and history of adjustments
/// ("Lịch sử điều chỉnh"): their headers name stages and criteria like a
/// scoring table, but they hold no template. Known by their titles near
/// the top.
fn is_comparison(grid: &Grid) -> bool {
    let titles = [
        fold(words::EXPORT_COMPARE_TITLE),
        fold(words::EXPORT_HISTORY_TITLE),
    ];
    grid.rows.iter().take(8).any(|(_, cells)| {
        cells
            .values()
            .any(|v| matches!(v, Val::Text(s) if titles.contains(&fold(s))))
    })
}

fn understand(book: &Book, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let visible: Vec<&Grid> = book
        .sheets
        .iter()
        .filter(|g| !g.hidden && !is_comparison(g))
        .collect();
    let mut memo = RoleMemo::default();
    let signature = fixes::signature(book);
    let (fixes, recalled) = corrections(opts, &signature);
    let Headers {
        list: headers,
        summary,
        mut unsure,
    } = choose_headers(book, &visible, &fixes, &mut memo)?;
    let (grid, header) = (headers[0].0, headers[0].1.clone());
    let table = read_table(grid, &header, &fixes.rows)?;
    // A header was found: whatever cannot be read under it is said in the
    // preview, where it can be corrected, never refused.
    let problem = table_problem(&header, &table);
    if table.rows.iter().all(|r| r.guidance || r.max.is_none()) {
        // Rows but no maximum read: the user must point at the column.
        unsure = true;
    }
    let mut warnings = table.warnings.clone();
    let sheet = template_of(grid, &header, &table, opts);
    check_maxima(&table, &grid.name, &mut warnings);

    // Units: a summary list, a sheet per unit, or the one sheet's scores.
    let mut a = Assembly::new(sheet, warnings);
    if let Some((_, list)) = &summary {
        a.units_from_summary(list)?;
    }
    let unit_sheets: Vec<&(&Grid, Header)> = if headers.len() > 1 || summary.is_some() {
        headers.iter().collect()
    } else if table
        .rows
        .iter()
        .any(|r| r.marks.iter().any(|m| m.is_some()))
    {
        headers.iter().take(1).collect()
    } else {
        Vec::new()
    };
    // A template with a summary list and no scores: nothing to read.
    let skip_blank = summary.is_some() && headers.len() == 1;
    let used_sheets = a.units_from_sheets(&unit_sheets, &table, &fixes, opts, skip_blank)?;
    let unit_columns = a.units_from_groups(grid, &header, &table)?;
    let Assembly {
        mut sheet,
        mut warnings,
        ..
    } = a;
    let meta = parse_meta(book);
    if apply_meta(meta.as_ref(), &mut sheet) {
        // The tree is the exported one: what reading the rows guessed
        // about its shape does not apply.
        let end = table.warnings.list.len().min(warnings.list.len());
        warnings.list.drain(table.tree_warnings.min(end)..end);
    }
    super::classes::apply(book, &mut sheet);
    restore_lock(meta.as_ref(), &mut sheet);
    let report = Report {
        format: book.format.name().to_string(),
        sheet: grid.name.clone(),
        header_row: header.row + 1,
        header_rows: header.rows,
        columns: header.roles.clone(),
        header_cells: header.cells.clone(),
        unsure,
        unit_sheets: used_sheets,
        summary_sheet: summary.map(|(n, _)| n),
        unit_columns,
        warnings: warnings.into_vec(),
        pack: pack_stamp(book),
        rows: read_rows(grid, &header, &table),
        top_rows: top_rows(grid),
        sheets: visible.iter().map(|g| g.name.clone()).collect(),
        signature,
        fixes,
        recalled,
        problem,
    };
    if result_bytes(&sheet, &report) > MAX_RESULT_BYTES {
        return Err(ImportError::ResultTooLarge {
            limit_mb: MAX_RESULT_BYTES / (1024 * 1024),
        });
    }
    let _ = Format::Xlsx;
    Ok(Imported { sheet, report })
}

/// The corrections to apply: those made in the preview, else those
/// remembered for this template (fixes.rs, rule 5), with the title of the
/// file they were made on.
fn corrections(opts: &ImportOptions, signature: &[u32]) -> (Fixes, Option<String>) {
    match opts.fixes.is_empty() {
        false => (opts.fixes.clone(), None),
        true => match fixes::recall(&opts.remembered, signature) {
            Some(r) => (r.fixes.clone(), Some(r.title.clone())),
            None => (Fixes::default(), None),
        },
    }
}

/// The headers found, the one to read first, and the summary list.
struct Headers<'b> {
    /// Every visible sheet's header; the first is the scoring table's.
    list: Vec<(&'b Grid, Header)>,
    /// The summary sheet's name and its units.
    summary: Option<(String, Vec<String>)>,
    /// The columns read need a person's look.
    unsure: bool,
}

/// Finds every sheet's header and the summary list; a sheet or header row
/// a person chose comes first (rule 4), with the columns they set.
fn choose_headers<'b>(
    book: &Book,
    visible: &[&'b Grid],
    fixes: &Fixes,
    memo: &mut RoleMemo,
) -> Result<Headers<'b>, ImportError> {
    let mut headers: Vec<(&Grid, Header)> = visible
        .iter()
        .filter_map(|g| find_header(g, memo, None).map(|h| (*g, h)))
        .collect();
    let summary = visible
        .iter()
        .find_map(|g| find_summary(g, memo).map(|names| (g.name.clone(), names)));
    let chosen = match &fixes.sheet {
        Some(name) => visible.iter().find(|g| g.name == *name).copied(),
        None if fixes.header_row.is_some() => headers
            .first()
            .map(|(g, _)| *g)
            .or_else(|| visible.first().copied()),
        None => None,
    };
    if let Some(g) = chosen {
        if let Some(h) = find_header(g, memo, fixes.header_row) {
            headers.retain(|(other, _)| other.name != g.name);
            headers.insert(0, (g, h));
        }
    }
    if headers.is_empty() {
        return Err(ImportError::NoTable);
    }
    let ours = book
        .sheets
        .iter()
        .any(|g| g.text(0, 0) == super::layout::META_MAGIC);
    for (_, h) in headers.iter_mut() {
        h.ours = ours;
    }
    let mut unsure = false;
    if let Some(cols) = &fixes.columns {
        headers[0].1.roles = cols.clone();
    } else {
        // Without a maximum column nothing can be scored: ask. (No STT
        // column is common, the numbering typed in the text; no score
        // column is a blank form, or units as column groups: the preview's
        // tree and units show what was read.)
        unsure = !headers[0].1.roles.contains_key(&Role::Max);
    }
    Ok(Headers {
        list: headers,
        summary,
        unsure,
    })
}

/// What the preview says cannot be read under the header found: no text
/// column, or no row but guidance.
fn table_problem(header: &Header, table: &Table) -> Option<String> {
    if !header.roles.contains_key(&Role::Text) {
        Some(t::IMPORT_PROBLEM_TEXT.to_string())
    } else if table.rows.iter().all(|r| r.guidance) {
        Some(t::IMPORT_PROBLEM_ROWS.to_string())
    } else {
        None
    }
}

/// The scoresheet of the table read, without units: its title (a line
/// above the table, else the file's name, else the sheet's) and its nodes
/// in row order.
fn template_of(grid: &Grid, header: &Header, table: &Table, opts: &ImportOptions) -> Scoresheet {
    let (title, _) = title_above(grid, header.row);
    let title = title
        .or_else(|| opts.file_name.as_ref().map(|f| file_stem(f)))
        .unwrap_or_else(|| grid.name.clone());
    let mut sheet = Scoresheet::new(title);
    sheet.face = super::face::read_face(grid, header.row);
    // Ids from 1 (counted here: asking the sheet for the next id looks at
    // every node).
    let mut ids: HashMap<usize, NodeId> = HashMap::new();
    let mut next_id: NodeId = 1;
    for (i, r) in table.rows.iter().enumerate() {
        if r.dropped {
            continue;
        }
        let id = next_id;
        next_id += 1;
        ids.insert(i, id);
        // The parent of a guidance line under a dropped part is the root.
        let parent = r.parent.and_then(|p| ids.get(&p).copied());
        sheet.nodes.push(crate::model::Node {
            id,
            parent,
            code: r.code.clone(),
            label: r.label.clone(),
            text: r.text.clone(),
            max: r.max,
            weight: r.weight.unwrap_or(Dec::ONE),
            kind: r.kind,
            guidance: r.guidance,
        });
    }
    sheet
}

/// The scoresheet being given its units, with what reading them needs.
struct Assembly {
    sheet: Scoresheet,
    names: UnitNames,
    warnings: Warnings,
    /// Scores on section rows are their sums, which the tree recomputes:
    /// only their notes are read.
    sections: HashSet<NodeId>,
    /// Criteria and sections by code, as rows name them.
    by_code: HashMap<String, NodeId>,
}

impl Assembly {
    fn new(sheet: Scoresheet, warnings: Warnings) -> Assembly {
        let tree = crate::model::Tree::new(&sheet);
        let sections: HashSet<NodeId> = (0..tree.len())
            .filter(|&pos| tree.is_section(pos))
            .map(|pos| sheet.nodes[pos].id)
            .collect();
        let by_code: HashMap<&str, NodeId> = sheet
            .nodes
            .iter()
            .filter(|n| !n.guidance)
            .map(|n| (n.code.as_str(), n.id))
            .collect::<HashMap<_, _>>();
        let by_code: HashMap<String, NodeId> = by_code
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        Assembly {
            sheet,
            names: UnitNames::default(),
            warnings,
            sections,
            by_code,
        }
    }

    /// The units a summary sheet lists, in its order.
    fn units_from_summary(&mut self, list: &[String]) -> Result<(), ImportError> {
        for n in list {
            room_for_unit(&self.sheet)?;
            let n = clip(n, MAX_NAME_CHARS);
            self.sheet.push_unit(n);
            self.names.push(n, true);
        }
        Ok(())
    }

    /// The scores and notes of each unit's sheet (the first is the table
    /// already read); returns the sheets read. `skip_blank`: a sheet
    /// holding no score or note gives no unit.
    fn units_from_sheets(
        &mut self,
        unit_sheets: &[&(&Grid, Header)],
        table: &Table,
        fixes: &Fixes,
        opts: &ImportOptions,
        skip_blank: bool,
    ) -> Result<Vec<String>, ImportError> {
        let mut used_sheets = Vec::new();
        for (i, (g, h)) in unit_sheets.iter().enumerate() {
            let tbl;
            let rows = if i == 0 {
                &table.rows
            } else {
                let mut h = h.clone();
                if let Some(cols) = &fixes.columns {
                    h.roles = cols.clone();
                }
                tbl = read_table(g, &h, &fixes.rows)?;
                &tbl.rows
            };
            if skip_blank
                && !rows
                    .iter()
                    .any(|r| r.marks.iter().chain(&r.notes).any(|m| m.is_some()))
            {
                continue;
            }
            // Its name: a line above the table, else the sheet's name, else
            // (a new sheet's "Sheet1") the file's, which the merge reads for
            // a unit's name (`crate::model::unit_match::find_in`).
            let (_, name) = title_above(g, h.row);
            let name = name.unwrap_or_else(|| match &opts.file_name {
                Some(f) if wording::is_default_sheet_name(&g.name) => file_stem(f),
                _ => g.name.clone(),
            });
            let name = clip(&name, MAX_NAME_CHARS);
            let ui = unit_of_sheet(
                &mut self.sheet,
                &mut self.names,
                name,
                &g.name,
                &mut self.warnings,
            )?;
            used_sheets.push(g.name.clone());
            for r in rows.iter().filter(|r| !r.guidance && !r.dropped) {
                let Some(&id) = self.by_code.get(&r.code) else {
                    if r.marks.iter().any(|m| m.is_some()) {
                        self.warnings.push(Warning {
                            sheet: Some(g.name.clone()),
                            row: Some(r.at + 1),
                            said: Said::UnknownCode {
                                code: r.code.clone(),
                            },
                        });
                    }
                    continue;
                };
                for s in Stage::ALL {
                    if let Some(m) = r.marks[s.index()]
                        .as_ref()
                        .filter(|_| !self.sections.contains(&id))
                    {
                        self.sheet.units[ui].set_raw(id, s, m.clone());
                    }
                    if let Some(note) = &r.notes[s.index()] {
                        self.sheet.units[ui].set_note(id, s, note.clone());
                    }
                }
            }
        }
        Ok(used_sheets)
    }

    /// Units laid out as column groups on the table's own sheet, and their
    /// scores; returns each group's columns.
    fn units_from_groups(
        &mut self,
        grid: &Grid,
        header: &Header,
        table: &Table,
    ) -> Result<Vec<UnitColumns>, ImportError> {
        let mut unit_columns = Vec::new();
        // Each group's unit, by group.
        let mut group_units: Vec<usize> = Vec::with_capacity(header.units.len());
        for (name, stages) in &header.units {
            let name = clip(name, MAX_NAME_CHARS);
            let ui = unit_of_sheet(
                &mut self.sheet,
                &mut self.names,
                name,
                &grid.name,
                &mut self.warnings,
            )?;
            group_units.push(ui);
            let mut columns = BTreeMap::new();
            for (role, s) in [
                (Role::SelfScore, Stage::SelfScore),
                (Role::Bloc, Stage::Bloc),
                (Role::Verify, Stage::Verify),
            ] {
                if let Some(c) = stages[s.index()] {
                    columns.insert(role, c);
                }
            }
            unit_columns.push(UnitColumns {
                name: self.sheet.units[ui].name.clone(),
                columns,
            });
        }
        // Their scores, in one pass over the rows (each row holds only the
        // cells filled, in the groups' order: a later group of the same unit
        // wins, as when read group by group).
        if !group_units.is_empty() {
            for r in table.rows.iter().filter(|r| !r.guidance && !r.dropped) {
                let Some(&id) = self.by_code.get(&r.code) else {
                    continue;
                };
                if self.sections.contains(&id) {
                    continue;
                }
                for (k, s, m) in &r.extra.units {
                    self.sheet.units[group_units[*k]].set_raw(id, *s, m.clone());
                }
            }
        }
        Ok(unit_columns)
    }
}

/// The table's rows for the preview: those in the tree with their role,
/// code, depth, maximum and kind; those left out with why; in sheet order.
fn read_rows(grid: &Grid, header: &Header, table: &Table) -> Vec<ReadRow> {
    let cols = Role::ALL.map(|r| header.roles.get(&r).copied());
    let key = |at: u32| {
        grid.rows.get(&at).map_or_else(String::new, |cells| {
            let (label, text) = row_words(cells, &cols);
            fixes::row_key(&label, &text)
        })
    };
    let short = |s: &str| clip(s, PREVIEW_TEXT_CHARS).to_string();
    let kids = table.children();
    let rows = &table.rows;
    let mut depth = vec![0u8; rows.len()];
    let mut out = Vec::with_capacity(rows.len() + table.skipped.len());
    for (i, r) in rows.iter().enumerate() {
        // Parents come first: their depth is known.
        depth[i] = match r.parent {
            Some(p) if !rows[p].dropped => depth[p].saturating_add(1),
            _ => 0,
        };
        // What a person chose is what the row is said to be, even when the
        // tree makes it otherwise (a heading with nothing under it).
        let role = if let Some(forced) = r.extra.forced {
            forced
        } else if r.extra.cut.is_some() {
            RowRole::Skip
        } else if r.dropped {
            RowRole::Total
        } else if r.guidance {
            RowRole::Guidance
        } else if kids[i].is_empty() {
            RowRole::Criterion
        } else {
            RowRole::Section
        };
        out.push(ReadRow {
            at: r.at,
            key: key(r.at),
            label: r.label.clone(),
            text: short(&r.text),
            role,
            code: r.code.clone(),
            depth: depth[i],
            max: r.max,
            kind: r.kind,
            cap_in_title: r.extra.cap_in_title,
            why: match r.extra.cut {
                Some(h) if h != i => Some(t::skip_cut(&rows[h].label)),
                Some(_) => Some(t::SKIP_FIXED.to_string()),
                None => r.dropped.then(|| t::SKIP_PART_TOTAL.to_string()),
            },
            fixed: r.extra.fixed,
        });
    }
    for sk in &table.skipped {
        let (role, why) = match sk.why {
            SkipWhy::IndexRow => (RowRole::Skip, t::SKIP_INDEX_ROW),
            SkipWhy::Total => (RowRole::Total, t::SKIP_TOTAL),
            SkipWhy::End => (RowRole::Skip, t::SKIP_END),
            SkipWhy::Fixed(r) => (r, t::SKIP_FIXED),
        };
        out.push(ReadRow {
            at: sk.at,
            key: key(sk.at),
            label: sk.label.clone(),
            text: short(&sk.text),
            role,
            code: String::new(),
            depth: 0,
            max: None,
            kind: Kind::Content,
            cap_in_title: false,
            why: Some(why.to_string()),
            fixed: matches!(sk.why, SkipWhy::Fixed(_)),
        });
    }
    out.sort_by_key(|r| r.at);
    out
}

/// The first rows of a sheet with their words, to choose a header from.
fn top_rows(grid: &Grid) -> Vec<(u32, String)> {
    grid.rows
        .iter()
        .take(TOP_ROWS)
        .map(|(&at, cells)| {
            let words: Vec<String> = cells
                .values()
                .map(|v| v.text().split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|w| !w.is_empty())
                .collect();
            (at, clip(&words.join(" | "), 100).to_string())
        })
        .collect()
}

/// Fails unless the scoresheet has room for one more unit: at most
/// [`MAX_UNITS`], and at most [`MAX_SCORE_CELLS`] unit × row cells (the
/// page receives every one: the worker refuses rather than send it).
fn room_for_unit(sheet: &Scoresheet) -> Result<(), ImportError> {
    let units = sheet.units.len() + 1;
    if units > MAX_UNITS {
        return Err(ImportError::TooManyUnits { limit: MAX_UNITS });
    }
    if units.saturating_mul(sheet.nodes.len()) > MAX_SCORE_CELLS {
        return Err(ImportError::TooManyScores {
            criteria: sheet.nodes.len(),
            limit: MAX_SCORE_CELLS,
        });
    }
    Ok(())
}

/// The bytes of text an import returns to the page.
fn result_bytes(sheet: &Scoresheet, report: &Report) -> usize {
    let nodes: usize = sheet
        .nodes
        .iter()
        .map(|n| n.code.len() + n.label.len() + n.text.len())
        .sum();
    let marks = |u: &crate::model::Unit| -> usize {
        u.marks
            .iter()
            .flat_map(|m| m.values())
            .map(|m| m.raw.len() + m.note.len())
            .sum()
    };
    let units: usize = sheet
        .units
        .iter()
        .map(|u| u.name.len() + u.short.as_ref().map_or(0, String::len) + marks(u))
        .sum();
    let classes: usize = sheet.classes.iter().map(|c| c.name.len()).sum();
    let warnings: usize = report
        .warnings
        .iter()
        .map(|w| w.said.text_len() + w.sheet.as_ref().map_or(0, String::len))
        .sum();
    let cells: usize = report.header_cells.iter().map(|(_, t)| t.len()).sum();
    let sheets: usize = report.unit_sheets.iter().map(String::len).sum();
    let unit_columns: usize = report
        .unit_columns
        .iter()
        .map(|u| u.name.len() + 4 * u.columns.len())
        .sum();
    sheet.title.len()
        + nodes
        + units
        + classes
        + warnings
        + cells
        + sheets
        + unit_columns
        + report.sheet.len()
}

/// The units read so far, by position: their names and whether each is
/// still a summary line no sheet has claimed.
#[derive(Default)]
struct UnitNames {
    names: Vec<UnitName>,
    unclaimed: Vec<bool>,
}

impl UnitNames {
    fn push(&mut self, name: &str, unclaimed: bool) {
        self.names.push(UnitName::new(name));
        self.unclaimed.push(unclaimed);
    }
}

/// The unit (position) whose scores a sheet holds, by [`unit_match`]'s
/// rule on its unit name (the line above its table, else the sheet name),
/// then on the sheet name:
/// - an exact match is that unit;
/// - a loose match to a line of the summary list no sheet has claimed
///   yet is that line's unit ("UBND huyện Cẩm Xuyên" and its sheet "Cẩm
///   Xuyên");
/// - anything else loose or ambiguous is a unit of its own, with a warning:
///   two sheets whose names are not the same are two units ("Kỳ Anh" and
///   "TX Kỳ Anh", "Xã Thạch Hà" and "Xã Thạch Hạ");
/// - no match at all is a new unit.
fn unit_of_sheet(
    sheet: &mut Scoresheet,
    names: &mut UnitNames,
    name: &str,
    sheet_name: &str,
    warnings: &mut Warnings,
) -> Result<usize, ImportError> {
    let mut found = unit_match::find(&names.names, &UnitName::new(name));
    if found == Match::None && sheet_name != name {
        found = unit_match::find(&names.names, &UnitName::new(sheet_name));
    }
    let similar = match found {
        Match::Exact(i) => {
            names.unclaimed[i] = false;
            return Ok(i);
        }
        Match::Loose(i) if names.unclaimed[i] => {
            names.unclaimed[i] = false;
            return Ok(i);
        }
        Match::Loose(i) => vec![i],
        Match::Ambiguous(fits) => fits,
        Match::None => Vec::new(),
    };
    if !similar.is_empty() {
        // A few are enough to tell.
        let others: Vec<&str> = similar
            .iter()
            .take(5)
            .map(|&i| sheet.units[i].name.as_str())
            .collect();
        warnings.push(Warning {
            sheet: Some(sheet_name.to_string()),
            row: None,
            said: Said::SimilarUnits {
                name: name.to_string(),
                others: others.iter().map(|s| s.to_string()).collect(),
            },
        });
    }
    room_for_unit(sheet)?;
    sheet.push_unit(name);
    names.push(name, false);
    Ok(sheet.units.len() - 1)
}

/// The stamp of a unit pack, from the hidden metadata sheet.
fn pack_stamp(book: &Book) -> Option<PackStamp> {
    let text = meta_text(book)?;
    let mut meta = serde_json::from_str::<serde_json::Value>(&text).ok()?;
    let stamp = meta.get_mut(super::layout::META_PACK)?.take();
    serde_json::from_value(stamp).ok()
}

/// Applies the hidden metadata sheet our export writes (classification
/// bands, short unit names, kinds by code, receipts), when there is one. Known by
/// its first cell only, never by its name: a unit may be called
/// "chamdiem" too.
/// The lock and its log as exported. The lock comes back only while the
/// results are the ones locked (`lock::fingerprint` unchanged): a file
/// edited after the export opens unlocked, its log says it was locked.
/// Runs last, when everything the fingerprint covers has been read.
fn restore_lock(meta: Option<&serde_json::Value>, sheet: &mut Scoresheet) {
    let Some(meta) = meta else {
        return;
    };
    if let Some(log) = meta
        .get("lock_log")
        .and_then(|v| serde_json::from_value::<Vec<crate::model::LockEvent>>(v.clone()).ok())
    {
        sheet.lock_log = log;
    }
    sheet.lock = meta
        .get("lock")
        .and_then(|v| serde_json::from_value::<crate::model::Lock>(v.clone()).ok())
        .filter(|l| l.fingerprint == crate::model::lock::fingerprint(sheet));
}

/// Applies the export's hidden sheet; true when it restored the tree.
/// The export's hidden sheet, parsed once for every reader of it.
fn parse_meta(book: &Book) -> Option<serde_json::Value> {
    serde_json::from_str(&meta_text(book)?).ok()
}

fn apply_meta(meta: Option<&serde_json::Value>, sheet: &mut Scoresheet) -> bool {
    let Some(meta) = meta else {
        return false;
    };
    let restored = meta
        .get("tree")
        .and_then(|v| v.as_array())
        .is_some_and(|tree| restore_tree(sheet, tree));
    if let Some(classes) = meta
        .get("classes")
        .and_then(|c| serde_json::from_value::<Vec<crate::model::Class>>(c.clone()).ok())
    {
        sheet.classes = classes;
    }
    if let Some(face) = meta
        .get("face")
        .and_then(|f| serde_json::from_value::<crate::model::Face>(f.clone()).ok())
    {
        sheet.face = face;
    }
    if let Some(meeting) = meta
        .get("meeting")
        .and_then(|f| serde_json::from_value::<crate::model::meeting::Meeting>(f.clone()).ok())
    {
        sheet.meeting = super::layout::meeting_from_positions(meeting, sheet);
    }
    if let Some(short) = meta.get("short").and_then(|v| v.as_object()) {
        for u in sheet.units.iter_mut() {
            if let Some(s) = short.get(&u.name).and_then(|v| v.as_str()) {
                u.short = Some(s.to_string());
            }
        }
    }
    if let Some(receipts) = meta.get("receipts").and_then(|v| v.as_object()) {
        for u in sheet.units.iter_mut() {
            if let Some(r) = receipts
                .get(&u.name)
                .and_then(|r| serde_json::from_value::<Vec<Receipt>>(r.clone()).ok())
            {
                u.receipts = r;
            }
        }
    }
    if let Some(kinds) = meta.get("kinds").and_then(|v| v.as_object()) {
        for n in sheet.nodes.iter_mut() {
            if let Some(k) = kinds
                .get(&n.code)
                .and_then(|k| serde_json::from_value::<Kind>(k.clone()).ok())
            {
                n.kind = k;
            }
        }
    }
    if restored {
        // A guidance line is of its item's kind (as when read from rows).
        let kinds: HashMap<NodeId, Kind> = sheet.nodes.iter().map(|n| (n.id, n.kind)).collect();
        for n in sheet.nodes.iter_mut().filter(|n| n.guidance) {
            if let Some(k) = n.parent.and_then(|p| kinds.get(&p)) {
                n.kind = *k;
            }
        }
    }
    restored
}

/// The exported tree (each node's code, its parent's place, whether it is
/// a guidance line, and a guidance line's number and points), put back on the nodes read from the rows when they
/// are the same rows: as many, guidance where it was, each parent before
/// its child. Otherwise (rows added or removed in the file) the reading of
/// the rows stands.
fn restore_tree(sheet: &mut Scoresheet, tree: &[serde_json::Value]) -> bool {
    if tree.len() != sheet.nodes.len() {
        return false;
    }
    let mut entries = Vec::with_capacity(tree.len());
    for (i, (v, n)) in tree.iter().zip(&sheet.nodes).enumerate() {
        let (Some(code), Some(guidance)) = (
            v.get(0).and_then(|c| c.as_str()),
            v.get(2).and_then(|g| g.as_bool()),
        ) else {
            return false;
        };
        let parent = match v.get(1) {
            Some(serde_json::Value::Null) | None => None,
            Some(p) => match p.as_u64().map(|p| p as usize) {
                Some(p) if p < i => Some(p),
                _ => return false,
            },
        };
        if guidance != n.guidance {
            return false;
        }
        // A guidance line's number and points.
        let label = v.get(3).and_then(|l| l.as_str()).map(String::from);
        let max = v
            .get(4)
            .and_then(|m| serde_json::from_value::<Option<Dec>>(m.clone()).ok())
            .flatten();
        entries.push((code.to_string(), parent, label, max));
    }
    let ids: Vec<NodeId> = sheet.nodes.iter().map(|n| n.id).collect();
    for (n, (code, parent, label, max)) in sheet.nodes.iter_mut().zip(entries) {
        n.code = code;
        n.parent = parent.map(|p| ids[p]);
        if n.guidance {
            if let Some(l) = label {
                n.label = l;
            }
            n.max = n.max.or(max);
        }
    }
    // A row read as a criterion that is a section again: what its cells
    // held was its total (a formula), not a score.
    let sections: HashSet<NodeId> = sheet
        .nodes
        .iter()
        .filter(|n| !n.guidance)
        .filter_map(|n| n.parent)
        .collect();
    for u in sheet.units.iter_mut() {
        for id in &sections {
            for s in Stage::ALL {
                u.set_raw(*id, s, "");
            }
        }
    }
    true
}

/// Warns where a section's stated maximum differs from its children's sum
/// (bonus and deduction sections may state less: that is their cap), and
/// where a criterion has no maximum.
fn check_maxima(table: &Table, sheet: &str, warnings: &mut Warnings) {
    let kids = table.children();
    // Each row's sum of its children's maxima (a leaf's own maximum; a
    // bonus or deduction section's capped at what it states), bottom-up: a
    // row's children come after it.
    let mut sums: Vec<Option<Dec>> = vec![None; table.rows.len()];
    for i in (0..table.rows.len()).rev() {
        if kids[i].is_empty() {
            sums[i] = table.rows[i].max;
            continue;
        }
        let mut total = Dec::ZERO;
        let mut any = false;
        for &k in &kids[i] {
            let r = &table.rows[k];
            let capped = match (r.kind, r.max, sums[k]) {
                (Kind::Bonus | Kind::Deduction, Some(stated), Some(m)) if !kids[k].is_empty() => {
                    Some(m.min(stated))
                }
                (_, _, m) => m,
            };
            if let Some(m) = capped {
                total += m;
                any = true;
            }
        }
        sums[i] = any.then_some(total);
    }
    for (i, r) in table.rows.iter().enumerate() {
        if r.guidance {
            continue;
        }
        if kids[i].is_empty() {
            // A rate was said when it was read.
            if r.max.is_none() && !r.dropped && !r.extra.rate {
                warnings.push(Warning {
                    sheet: Some(sheet.to_string()),
                    row: Some(r.at + 1),
                    said: Said::NoMax {
                        code: r.code.clone(),
                    },
                });
            }
            continue;
        }
        if let (Some(stated), Some(children)) = (r.max, sums[i]) {
            let cap_ok = matches!(r.kind, Kind::Bonus | Kind::Deduction) && stated < children;
            if stated != children && !cap_ok {
                warnings.push(Warning {
                    sheet: Some(sheet.to_string()),
                    row: Some(r.at + 1),
                    said: Said::SectionSum {
                        code: r.code.clone(),
                        stated,
                        sum: children,
                    },
                });
            }
        }
    }
}

fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Inspection (the `inspect` example and the fixture tests)

/// The bonus or deduction cap a person reads off the table, as a positive
/// number: the plain maximum of that kind's top-level sections when
/// every one of them states its cap; none when some has no overall cap (a
/// section without one, or items per violation on their own: points
/// added up without a stated limit); zero when the table has none of that
/// kind.
pub fn stated_cap(s: &Scoresheet, tree: &crate::model::Tree, kind: Kind) -> Option<Dec> {
    let roots: Vec<usize> = tree.roots().filter(|&p| tree.kind(p) == kind).collect();
    let capped = roots
        .iter()
        .all(|&p| tree.is_section(p) && s.nodes[p].max.is_some());
    capped.then_some(match kind {
        Kind::Bonus => tree.bonus_plain_max,
        Kind::Deduction => tree.deduction_plain_max,
        Kind::Content => tree.content_plain_max,
    })
}

/// Roles and their column letters, as `inspect` prints them.
fn columns_json(columns: &BTreeMap<Role, u32>) -> serde_json::Map<String, serde_json::Value> {
    columns
        .iter()
        .map(|(r, c)| {
            let key = serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            (key, serde_json::json!(col_letter(*c)))
        })
        .collect()
}

/// A JSON view of what the import understood.
pub fn inspect_json(imp: &Imported) -> serde_json::Value {
    use serde_json::json;
    let s = &imp.sheet;
    let tree = crate::model::Tree::new(s);
    let code_of = |id: Option<NodeId>| id.and_then(|p| s.node(p)).map(|n| n.code.clone());
    let criteria: Vec<_> = s
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| tree.is_scoreable(*i))
        .map(|(_, n)| {
            json!({
                "code": n.code,
                "text": n.text,
                "max": n.max.map(|m| m.to_f64()),
                "weight": n.weight.to_f64(),
                "kind": n.kind,
                "parent": code_of(n.parent),
            })
        })
        .collect();
    let mut section_max = serde_json::Map::new();
    for pos in tree.roots() {
        if tree.kind(pos) == Kind::Content && tree.is_section(pos) {
            section_max.insert(
                s.nodes[pos].code.clone(),
                json!(tree.plain_max(pos).map(|m| m.to_f64())),
            );
        }
    }
    let mut scores = serde_json::Map::new();
    for u in &s.units {
        let mut per = serde_json::Map::new();
        for n in &s.nodes {
            let mut cell = serde_json::Map::new();
            for st in Stage::ALL {
                let raw = u.raw(n.id, st);
                if raw.is_empty() {
                    continue;
                }
                let key = match st {
                    Stage::SelfScore => "self",
                    Stage::Bloc => "bloc",
                    Stage::Verify => "verify",
                };
                let v = match Dec::parse(raw) {
                    Ok(Some(d)) => json!(d.to_f64()),
                    _ => json!(raw),
                };
                cell.insert(key.into(), v);
            }
            if !cell.is_empty() {
                per.insert(n.code.clone(), serde_json::Value::Object(cell));
            }
        }
        scores.insert(u.name.clone(), serde_json::Value::Object(per));
    }
    let columns = columns_json(&imp.report.columns);
    json!({
        "format": imp.report.format,
        "title": s.title,
        "face": s.face,
        "sheet": imp.report.sheet,
        "header_row": imp.report.header_row,
        "header_rows": imp.report.header_rows,
        "columns": columns,
        "unsure": imp.report.unsure,
        "criteria": criteria,
        "section_max": section_max,
        "total_max": tree.content_plain_max.to_f64(),
        "bonus_max": stated_cap(s, &tree, Kind::Bonus).map(|m| m.to_f64()),
        "deduction_max": stated_cap(s, &tree, Kind::Deduction).map(|m| m.to_f64()),
        "weighted_total_max": tree.content_max.to_f64(),
        "units": s.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>(),
        "unit_sheets": imp.report.unit_sheets,
        "unit_columns": imp
            .report
            .unit_columns
            .iter()
            .map(|u| (u.name.clone(), serde_json::Value::Object(columns_json(&u.columns))))
            .collect::<serde_json::Map<String, serde_json::Value>>(),
        "summary_sheet": imp.report.summary_sheet,
        "scores": scores,
        "warnings": imp.report.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_styles() {
        assert_eq!(style_of("I"), Style::Roman);
        assert_eq!(style_of("IV."), Style::Roman);
        assert_eq!(style_of("A"), Style::Part);
        assert_eq!(style_of("C"), Style::Part);
        assert_eq!(style_of("1"), Style::Arabic);
        assert_eq!(style_of("1."), Style::Arabic);
        assert_eq!(style_of("1.1"), Style::Dotted(2));
        assert_eq!(style_of("1.10"), Style::Dotted(2));
        assert_eq!(style_of("1.1.1"), Style::Dotted(3));
        assert_eq!(style_of("a)"), Style::Letter);
        assert_eq!(style_of("đ)"), Style::Letter);
        assert_eq!(style_of("(b)"), Style::Letter);
        assert_eq!(style_of("*"), Style::Other);
    }

    #[test]
    fn merged_regions_are_found_as_a_pass_over_all_of_them_finds_them() {
        let mut g = text_grid("x", false, &["a", "b", "c"]);
        // Row 0: A1:B1, D1:F2, H1; row 1: B2:C2; row 2 is no header row.
        g.merges = vec![
            (0, 3, 1, 5),
            (1, 1, 1, 2),
            (0, 0, 0, 1),
            (0, 7, 0, 7),
            (2, 0, 2, 4),
        ];
        let by_row = MergesByRow::new(&g);
        for row in 0..2 {
            for col in 0..10 {
                let at = g.merges.iter().copied().find(|m| m.0 == row && m.1 == col);
                assert_eq!(by_row.at(row, col), at, "{row} {col}");
                let covering = g
                    .merges
                    .iter()
                    .copied()
                    .find(|m| m.0 == row && m.1 <= col && col <= m.3);
                assert_eq!(by_row.covering(row, col), covering, "{row} {col}");
            }
        }
    }

    #[test]
    fn header_roles_by_wording() {
        assert_eq!(role_of("STT"), Some(Role::Stt));
        assert_eq!(role_of("Nội dung tiêu chí"), Some(Role::Text));
        assert_eq!(role_of("ĐIỂM CHUẨN"), Some(Role::Max));
        assert_eq!(role_of("Thang điểm"), Some(Role::Max));
        assert_eq!(role_of("Điểm tối đa"), Some(Role::Max));
        assert_eq!(role_of("Điểm tự chấm"), Some(Role::SelfScore));
        assert_eq!(role_of("Điểm khối chấm"), Some(Role::Bloc));
        assert_eq!(role_of("Thẩm định"), Some(Role::Verify));
        assert_eq!(role_of("Hệ số"), Some(Role::Weight));
        assert_eq!(role_of("Ghi chú"), Some(Role::Note));
        assert_eq!(role_of("Điểm"), None);
        assert_eq!(role_of("Mã nội bộ"), None);
    }

    #[test]
    fn the_exports_rows_below_the_table_are_skipped() {
        for label in [
            words::EXPORT_ROW_CONTENT.to_string(),
            words::export_row_bonus(Dec::from_int(5)),
            words::export_row_bonus(Dec::ZERO),
            words::EXPORT_ROW_DEDUCTION.to_string(),
            words::EXPORT_ROW_TOTAL.to_string(),
            words::export_row_count(13),
            words::EXPORT_ROW_FINAL.to_string(),
        ] {
            assert!(is_total_row(&label), "{label}");
        }
        assert!(is_footer(words::EXPORT_DATE_LINE));
        assert!(is_footer(words::EXPORT_SIGNER));
    }

    fn text_grid(name: &str, hidden: bool, lines: &[&str]) -> Grid {
        let mut g = Grid {
            name: name.into(),
            hidden,
            ..Grid::default()
        };
        for (r, line) in lines.iter().enumerate() {
            g.rows
                .entry(r as u32)
                .or_default()
                .insert(0, Val::Text(line.to_string()));
        }
        g
    }

    #[test]
    fn the_hidden_sheet_is_known_by_its_content_not_its_name() {
        use super::super::layout::{META_MAGIC, META_SHEET};
        let meta = r#"{"classes":[{"name":"Tốt","min":100000}],"short":{},"kinds":{}}"#;
        let book = Book {
            format: Format::Xlsx,
            sheets: vec![
                // A unit's sheet named like the hidden one, before it.
                text_grid(META_SHEET, false, &["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
                text_grid("CHAMDIEM (2)", true, &[META_MAGIC, meta]),
            ],
        };
        let mut sheet = Scoresheet::new("t");
        apply_meta(parse_meta(&book).as_ref(), &mut sheet);
        assert_eq!(sheet.classes.len(), 1);
        assert_eq!(sheet.classes[0].min, Dec::from_int(10));
        // Named so but without the magic first cell: not ours, ignored.
        let book = Book {
            format: Format::Xlsx,
            sheets: vec![text_grid(META_SHEET, true, &["khác", meta])],
        };
        let mut sheet = Scoresheet::new("t");
        apply_meta(parse_meta(&book).as_ref(), &mut sheet);
        assert!(sheet.classes.is_empty());
    }

    #[test]
    fn a_unit_line_names_any_unit_but_a_blank_to_fill() {
        for (line, want) in [
            ("Đơn vị: []*?", Some("[]*?")),
            ("Đơn vị: '", Some("'")),
            ("Đơn vị: Công an tỉnh", Some("Công an tỉnh")),
            ("Đơn vị: ……………", None),
            ("Đơn vị: ____ . ____", None),
            ("Đơn vị: - - -", None),
            ("Đơn vị:", None),
        ] {
            let g = text_grid("x", false, &[line]);
            assert_eq!(title_above(&g, 5).1.as_deref(), want, "{line}");
        }
    }

    #[test]
    fn default_sheet_names() {
        for n in [
            "Sheet1",
            "Sheet",
            "sheet 2",
            "Trang tính1",
            "Tabelle1",
            "Feuil3",
        ] {
            assert!(wording::is_default_sheet_name(n), "{n}");
        }
        for n in ["Hương Sơn", "Tự chấm", "Sheet of Đức Thọ", "1"] {
            assert!(!wording::is_default_sheet_name(n), "{n}");
        }
    }

    #[test]
    fn a_sub_title_or_a_date_is_never_the_unit() {
        for sub in [
            "(Kèm theo Hướng dẫn số 01/HD-KTĐ ngày 15/01/2024 của Khối thi đua)",
            "Kèm theo Công văn số 12/SNV",
            "Ban hành kèm theo Quyết định số 5/QĐ-UBND",
            "Theo Hướng dẫn số 01 của Khối",
            "Năm 2024",
            "Đợt 1",
            "Ngày 20 tháng 12 năm 2024",
        ] {
            let g = text_grid("x", false, &["BẢNG CHẤM ĐIỂM THI ĐUA", sub]);
            assert_eq!(title_above(&g, 5).1, None, "{sub}");
            let g = text_grid(
                "x",
                false,
                &["BẢNG CHẤM ĐIỂM THI ĐUA", sub, "UBND huyện Đức Thọ"],
            );
            assert_eq!(
                title_above(&g, 5).1.as_deref(),
                Some("UBND huyện Đức Thọ"),
                "{sub}"
            );
        }
    }
}
