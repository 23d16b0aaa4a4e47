//! Model in, bytes out: the workbook a bloc sends to the Board.
//!
//! Layout: a summary sheet ("Tổng hợp") first, then, when khối chấm or
//! thẩm định differs from tự chấm somewhere, the comparison ("Thẩm định",
//! which the import skips by its title), then one scoring form per unit in
//! the layout of the templates the import reads, so that importing an
//! export gives back the same scoresheet; last, when there are
//! adjustments, their history with reasons ("Lịch sử điều chỉnh", skipped
//! by its title too). Section subtotals, totals,
//! the final result, ranks and classes are live formulas; each carries its
//! cached result computed by [`crate::model::calc`], so viewers that do not
//! recalculate still show the right numbers. Scores are written as typed:
//! a number when valid, the exact text (with a cell note giving the
//! reason) when not.

use super::col_letter;
use super::layout::{note_prefix, notes_text, write_meta, META_SHEET};
use super::words;
use crate::model::classes::{self, section_threshold};
use crate::model::compare::{adjustments, compare, Adjustment, UnitComparison};
use crate::model::pack::PackStamp;
use crate::model::{evaluate, CellValue, Dec, FinalRule, Kind, Results, Scoresheet, Stage, Tree};
use crate::strings as t;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, FormatUnderline, Formula, Note, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};
use std::collections::HashSet;

/// Why a scoresheet cannot be exported. Each has its own Vietnamese
/// message (`crate::strings::export_error`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExportError {
    /// No criteria: there is nothing to put in a scoring form.
    Empty,
    /// Unit packs of a scoresheet without units.
    NoUnits,
    /// The workbook writer failed (kept for the details).
    Write(String),
    /// The scoresheet handed to the file worker could not be decoded
    /// (kept for the details).
    Data(String),
}

impl ExportError {
    /// A stable short name, for tests and tools.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Empty => "empty",
            ExportError::NoUnits => "no_units",
            ExportError::Write(_) => "write",
            ExportError::Data(_) => "data",
        }
    }

    /// The message shown to people, in Vietnamese.
    pub fn message(&self) -> String {
        t::export_error(self)
    }

    /// Technical detail for a bug report (English, from the libraries),
    /// shown only on request.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ExportError::Empty | ExportError::NoUnits => None,
            ExportError::Write(d) | ExportError::Data(d) => Some(d),
        }
    }
}

/// "Không tạo được tệp Excel: " and the message, then the detail on its
/// own line (for tools and logs).
impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", t::EXPORT_FAILED, self.message())?;
        match self.detail() {
            Some(d) => write!(f, "\n{}: {d}", t::ERROR_DETAIL),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> ExportError {
        ExportError::Write(e.to_string())
    }
}

/// Longest text Excel keeps in a cell, in UTF-16 units.
const MAX_CELL_TEXT: usize = 32_767;
/// Longest note text rust_xlsxwriter accepts (Excel's limit less its prefix).
const MAX_NOTE_TEXT: usize = 32_767 - 54;
/// Excel refuses formulas longer than 8,192 characters; past this length
/// the cached value is written instead of the formula.
const MAX_FORMULA_CHARS: usize = 8_000;
/// Most arguments an Excel function takes.
const MAX_ARGS: usize = 255;
/// Excel nests functions at most 64 deep, and a band's formula nests two
/// levels per band below it (bounds, then conditions); beyond this many
/// classes the classification is written as a value.
const MAX_CLASSES: usize = 20;
/// 0-based row of the table header on every sheet (Excel row 8).
const HEAD_ROW: u32 = 7;
const FONT: &str = "Times New Roman";
/// Column widths (in characters of the default font) of a unit form.
const W_STT: f64 = 6.0;
const W_TEXT: f64 = 50.0;
const W_MAX: f64 = 9.0;
const W_WEIGHT: f64 = 7.0;
const W_STAGE: f64 = 10.0;
const W_NOTE: f64 = 24.0;
/// Number format that leaves zeros blank: the subtotals of a stage nobody
/// has scored yet.
const HIDE_ZERO: &str = "General;-General;;@";
/// Longest file name stem, in characters.
const MAX_SLUG: usize = 60;
const FALLBACK_STEM: &str = "bang-cham-diem";

/// Writes the workbook for `sheet`.
pub fn export(sheet: &Scoresheet) -> Result<Vec<u8>, ExportError> {
    if sheet.nodes.iter().all(|n| n.guidance) {
        return Err(ExportError::Empty);
    }
    let res = Results::compute(sheet);
    let st = Styles::new();
    let form = Form::new(sheet, &res);
    let names = sheet_names(sheet);
    let mut wb = Workbook::new();
    // Deflate level 4: on the 60 × 400 bench book 9 % less time than the
    // default 6 for a file 1 % larger (level 2: 11 % less again, 18 % larger).
    wb.set_zip_compression_level(4);
    wb.set_default_format(&st.base, 21, 72)?;
    if sheet.units.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(words::EXPORT_TEMPLATE_SHEET)?;
        let mut o = Out::new(ws);
        form.write(&mut o, None, &st)?;
        o.finish()?;
    } else {
        let ws = wb.add_worksheet();
        ws.set_name(words::EXPORT_SUMMARY_SHEET)?;
        let mut o = Out::new(ws);
        write_summary(&mut o, &form, &names, &st)?;
        o.finish()?;
        let comparison = compare(sheet, &res);
        if !comparison.is_empty() {
            let ws = wb.add_worksheet();
            ws.set_name(words::EXPORT_COMPARE_SHEET)?;
            let mut o = Out::new(ws);
            write_comparison(&mut o, &form, &names, &comparison, &st)?;
            o.finish()?;
        }
        for (ui, name) in names.iter().enumerate() {
            let ws = wb.add_worksheet();
            ws.set_name(name)?;
            let mut o = Out::new(ws);
            form.write(&mut o, Some(ui), &st)?;
            o.finish()?;
        }
        let history = adjustments(sheet);
        if !history.is_empty() {
            let ws = wb.add_worksheet();
            ws.set_name(words::EXPORT_HISTORY_SHEET)?;
            let mut o = Out::new(ws);
            write_history(&mut o, &form, &names, &history, &st)?;
            o.finish()?;
        }
    }
    write_meta(&mut wb, sheet, None)?;
    Ok(wb.save_to_buffer()?)
}

/// A unit pack's workbook ([`super::packs`]): the form of `one`'s only
/// unit, its tự chấm and note cells open and the rest locked (the sheet
/// protected without a password: maxima and formulas are not typed over
/// by mistake, and anyone can lift it on purpose), and the hidden sheet
/// with `stamp`.
pub(super) fn pack_book(one: &Scoresheet, stamp: &PackStamp) -> Result<Vec<u8>, ExportError> {
    if one.nodes.iter().all(|n| n.guidance) {
        return Err(ExportError::Empty);
    }
    let res = Results::compute(one);
    let st = Styles::new();
    let mut form = Form::new(one, &res);
    form.pack = true;
    let names = sheet_names(one);
    let mut wb = Workbook::new();
    wb.set_default_format(&st.base, 21, 72)?;
    for (ui, name) in names.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        // Rows may be made taller for a long note.
        ws.protect_with_options(&ProtectionOptions {
            format_rows: true,
            ..ProtectionOptions::default()
        });
        let mut o = Out::new(ws);
        form.write(&mut o, Some(ui), &st)?;
        o.finish()?;
    }
    write_meta(&mut wb, one, Some(stamp))?;
    Ok(wb.save_to_buffer()?)
}

/// The file name for a scoresheet: an ASCII slug of its title, without
/// diacritics ("Khối huyện 2022" → "khoi-huyen-2022.xlsx").
pub fn file_name(title: &str) -> String {
    let mut slug = String::new();
    for c in super::text::fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > MAX_SLUG {
        // Cut at a word boundary when there is one in the second half.
        let cut = match slug[..=MAX_SLUG].rfind('-') {
            Some(i) if i >= MAX_SLUG / 2 => i,
            _ => MAX_SLUG,
        };
        slug.truncate(cut);
    }
    let slug = slug.trim_matches('-');
    let stem = if slug.is_empty() { FALLBACK_STEM } else { slug };
    format!("{stem}.xlsx")
}

// ---------------------------------------------------------------------------
// Text and names

/// NFC, cut to what a cell holds.
fn cell_text(s: &str, limit: usize) -> String {
    let s = super::read::to_nfc(s);
    if s.len() <= limit || s.encode_utf16().count() <= limit {
        return s;
    }
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        units += c.len_utf16();
        if units > limit {
            break;
        }
        out.push(c);
    }
    out
}

/// Longest sheet name Excel accepts, in UTF-16 units (as Excel counts).
const MAX_SHEET_NAME: usize = 31;

/// One sheet name per unit: its short name or name, without the
/// characters Excel refuses, at most 31 UTF-16 units, neither starting nor
/// ending with an apostrophe, unique among themselves and the workbook's
/// other sheets (Excel compares sheet names without case; "History" is
/// its own), whatever the units are called. A unit whose name leaves
/// nothing is named by its place ("Đơn vị 7") after the others, so that
/// it never takes the name of a unit really called so.
fn sheet_names(sheet: &Scoresheet) -> Vec<String> {
    let mut used: HashSet<String> = [
        words::EXPORT_SUMMARY_SHEET,
        words::EXPORT_COMPARE_SHEET,
        words::EXPORT_HISTORY_SHEET,
        words::EXPORT_TEMPLATE_SHEET,
        META_SHEET,
        "History",
    ]
    .iter()
    .map(|s| s.to_lowercase())
    .collect();
    let bases: Vec<String> = sheet
        .units
        .iter()
        .map(|u| sheet_name_base(u.display_name()))
        .collect();
    let mut out = vec![String::new(); bases.len()];
    let named = (0..bases.len()).filter(|&i| !bases[i].is_empty());
    let unnamed = (0..bases.len()).filter(|&i| bases[i].is_empty());
    for i in named.chain(unnamed) {
        let base = match bases[i].as_str() {
            "" => words::export_unit_fallback(i + 1),
            b => b.to_string(),
        };
        out[i] = unique_sheet_name(&base, &mut used);
    }
    out
}

/// A name as a sheet name: NFC, without the characters Excel refuses (or
/// XML cannot hold), blanks as single spaces, no apostrophe or space at
/// either end. May be empty.
fn sheet_name_base(name: &str) -> String {
    let mut base = String::new();
    for c in super::read::to_nfc(name).chars() {
        match c {
            '/' | '\\' | ':' => base.push('-'),
            '[' | ']' | '*' | '?' | '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() || c.is_whitespace() => {
                if !base.is_empty() && !base.ends_with(' ') {
                    base.push(' ');
                }
            }
            c => base.push(c),
        }
    }
    base.trim_matches(['\'', ' ']).to_string()
}

/// `base` (not empty, clean), cut to fit with a " (2)", " (3)"… suffix
/// until no name in `used` equals it without case; the result is added to
/// `used`.
fn unique_sheet_name(base: &str, used: &mut HashSet<String>) -> String {
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = MAX_SHEET_NAME.saturating_sub(suffix.len());
        let mut stem = String::new();
        let mut units = 0;
        for c in base.chars() {
            units += c.len_utf16();
            if units > room {
                break;
            }
            stem.push(c);
        }
        // Cut after an apostrophe or a space: trim again (the base starts
        // with neither, so something is left).
        let stem = stem.trim_end_matches(['\'', ' ']);
        let candidate = format!("{stem}{suffix}");
        if used.insert(candidate.to_lowercase()) {
            return candidate;
        }
        n += 1;
    }
}

/// A sheet name as a formula reference prefix: 'Cẩm Xuyên'!
fn sheet_ref(name: &str) -> String {
    format!("'{}'!", name.replace('\'', "''"))
}

/// "D12"
fn cell(col: u16, row: u32) -> String {
    format!("{}{}", col_letter(col as u32), row + 1)
}

/// "$D$12"
fn abs_cell(col: u16, row: u32) -> String {
    format!("${}${}", col_letter(col as u32), row + 1)
}

/// A string literal inside a formula.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Labels that are plain whole numbers are written as numbers (no "number
/// stored as text" warnings); they read back the same.
fn whole_number(label: &str) -> Option<f64> {
    let ok = !label.is_empty()
        && label.len() <= 9
        && !label.starts_with('0')
        && label.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| label.parse::<f64>().ok()).flatten()
}

// ---------------------------------------------------------------------------
// Formats

struct Styles {
    base: Format,
    block: Format,
    motto: Format,
    heading: Format,
    subheading: Format,
    line: Format,
    head: Format,
    text: Format,
    text_bold: Format,
    guide: Format,
    center: Format,
    center_bold: Format,
    num: Format,
    num_bold: Format,
    quiet: Format,
    quiet_bold: Format,
    invalid: Format,
    note: Format,
    total_text: Format,
    total_num: Format,
    sign_italic: Format,
    sign_bold: Format,
    /// A difference on the comparison sheet: "+1,5", "-2", blank for none.
    delta: Format,
    /// A unit pack's cells the unit fills (unlocked): tự chấm, as `num`,
    /// `num_bold` and `invalid`, and notes.
    open_num: Format,
    open_num_bold: Format,
    open_invalid: Format,
    open_note: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(12)
            .set_align(FormatAlign::VerticalCenter);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let center = cell.clone().set_align(FormatAlign::Center).set_text_wrap();
        let text = cell.clone().set_align(FormatAlign::Left).set_text_wrap();
        Styles {
            block: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center),
            motto: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_underline(FormatUnderline::Single),
            heading: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subheading: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            line: base
                .clone()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            head: center.clone().set_bold(),
            text_bold: text.clone().set_bold(),
            guide: text.clone().set_italic(),
            center_bold: center.clone().set_bold(),
            num: center.clone(),
            num_bold: center.clone().set_bold(),
            quiet: center.clone().set_num_format(HIDE_ZERO),
            quiet_bold: center.clone().set_bold().set_num_format(HIDE_ZERO),
            invalid: center.clone().set_font_color(Color::Red),
            note: text.clone(),
            total_text: text.clone().set_bold(),
            total_num: center.clone().set_bold(),
            sign_italic: base.clone().set_italic().set_align(FormatAlign::Center),
            sign_bold: base.clone().set_bold().set_align(FormatAlign::Center),
            delta: center.clone().set_num_format(SIGNED),
            open_num: center.clone().set_unlocked(),
            open_num_bold: center.clone().set_bold().set_unlocked(),
            open_invalid: center.clone().set_font_color(Color::Red).set_unlocked(),
            open_note: text.clone().set_unlocked(),
            text,
            center,
            base,
        }
    }
}

/// A formula's cached result.
enum Cached {
    Num(Dec),
    Text(String),
}

impl Cached {
    fn result(&self) -> String {
        match self {
            Cached::Num(d) => d.to_plain(),
            Cached::Text(s) => s.clone(),
        }
    }
}

/// A worksheet being written. Values go in at once; formats are collected
/// per cell and applied when the sheet is done, one format lookup per
/// vertical run of equal formats instead of one per cell: rust_xlsxwriter
/// hashes the whole `Format` on every lookup, which was half of the
/// export's time when done cell by cell.
struct Out<'w, 's> {
    ws: &'w mut Worksheet,
    /// (column, row, format) in the order set: the last one set wins.
    formats: Vec<(u16, u32, &'s Format)>,
    /// Extent of the cells holding values (rows, columns).
    rows: (u32, u32),
    cols: (u16, u16),
}

impl<'w, 's> Out<'w, 's> {
    fn new(ws: &'w mut Worksheet) -> Self {
        Out {
            ws,
            formats: Vec::new(),
            rows: (u32::MAX, 0),
            cols: (u16::MAX, 0),
        }
    }

    /// A value was written at (row, col), to be shown with `fmt`.
    fn wrote(&mut self, row: u32, col: u16, fmt: &'s Format) {
        self.rows = (self.rows.0.min(row), self.rows.1.max(row));
        self.cols = (self.cols.0.min(col), self.cols.1.max(col));
        self.format(row, col, fmt);
    }

    /// The cell's format (an empty cell with a border, say).
    fn format(&mut self, row: u32, col: u16, fmt: &'s Format) {
        self.formats.push((col, row, fmt));
    }

    fn number(&mut self, row: u32, col: u16, v: f64, fmt: &'s Format) -> Result<(), ExportError> {
        self.ws.write_number(row, col, v)?;
        self.wrote(row, col, fmt);
        Ok(())
    }

    /// Text, never a formula: write_string keeps "=…", "+…", "-…" and
    /// "@…" as text.
    fn text(&mut self, row: u32, col: u16, s: &str, fmt: &'s Format) -> Result<(), ExportError> {
        self.ws
            .write_string(row, col, cell_text(s, MAX_CELL_TEXT))?;
        self.wrote(row, col, fmt);
        Ok(())
    }

    /// A formula with its cached result; a formula too long for Excel is
    /// replaced by its value.
    fn formula(
        &mut self,
        row: u32,
        col: u16,
        expr: &str,
        cached: Cached,
        fmt: &'s Format,
    ) -> Result<(), ExportError> {
        if expr.len() > MAX_FORMULA_CHARS {
            return match cached {
                Cached::Num(d) => self.number(row, col, d.to_f64(), fmt),
                Cached::Text(s) => self.text(row, col, &s, fmt),
            };
        }
        let f = Formula::new(format!("={expr}")).set_result(cached.result());
        self.ws.write_formula(row, col, f)?;
        self.wrote(row, col, fmt);
        Ok(())
    }

    /// Text over the columns `first..=last` of a row.
    fn merged(
        &mut self,
        row: u32,
        first: u16,
        last: u16,
        s: &str,
        fmt: &'s Format,
    ) -> Result<(), ExportError> {
        if last > first {
            let s = cell_text(s, MAX_CELL_TEXT);
            self.ws.merge_range(row, first, row, last, &s, fmt)?;
            // Recorded like any value: inside the extent, and a format set
            // on these cells before or after keeps its order.
            for col in first..=last {
                self.wrote(row, col, fmt);
            }
            Ok(())
        } else {
            self.text(row, first, s, fmt)
        }
    }

    /// Applies the collected formats.
    fn finish(self) -> Result<(), ExportError> {
        let Out {
            ws,
            formats,
            rows,
            cols,
        } = self;
        // By column, then by row: formats are set mostly row after row, so
        // each column's list is nearly sorted already.
        let width = formats
            .iter()
            .map(|f| usize::from(f.0) + 1)
            .max()
            .unwrap_or(0);
        let mut by_col: Vec<Vec<(u32, &Format)>> = vec![Vec::new(); width];
        for (col, row, fmt) in formats {
            by_col[usize::from(col)].push((row, fmt));
        }
        let (rows, cols) = (rows.0..=rows.1, cols.0..=cols.1);
        for (col, mut cells) in by_col.into_iter().enumerate() {
            let col = col as u16;
            // Stable: of one cell's formats the last set stays last, and wins.
            cells.sort_by_key(|c| c.0);
            let mut i = 0;
            while i < cells.len() {
                let (row, fmt) = cells[i];
                // Skip to this cell's last format.
                if cells.get(i + 1).is_some_and(|next| next.0 == row) {
                    i += 1;
                    continue;
                }
                if !(rows.contains(&row) && cols.contains(&col)) {
                    // Outside the values' extent: set_range_format would
                    // leave the sheet's extent, hence the cell, out.
                    ws.write_blank(row, col, fmt)?;
                    i += 1;
                    continue;
                }
                // The run of following rows with the same (last) format.
                let mut last = row;
                let mut j = i + 1;
                while let Some(&(r, f)) = cells.get(j) {
                    let superseded = cells.get(j + 1).is_some_and(|next| next.0 == r);
                    if superseded {
                        j += 1;
                    } else if r == last + 1 && rows.contains(&r) && std::ptr::eq(f, fmt) {
                        last = r;
                        j += 1;
                    } else {
                        break;
                    }
                }
                ws.set_range_format(row, col, last, col, fmt)?;
                i = j;
            }
        }
        Ok(())
    }
}

/// Lines a text takes in a column of `width` characters, wrapping at
/// spaces. Rows with wrapped text get their height written: LibreOffice
/// does not fit them on opening.
fn line_count(text: &str, width: f64, bold: bool) -> usize {
    // Times New Roman is narrower than the digit width columns are
    // measured in; bold is wider.
    let per_line = ((width * if bold { 1.0 } else { 1.1 }) as usize).max(1);
    let text = text.as_bytes();
    // Bytes bound chars: most cells (scores, short texts) fit at a glance.
    if text.len() <= per_line && !text.contains(&b'\n') {
        return 1;
    }
    // On bytes ('\n' and ' ' are ASCII; chars are the bytes that do not
    // continue one): this runs for every row of every unit's sheet.
    text.split(|&b| b == b'\n')
        .map(|para| {
            let mut lines = 1;
            let mut used = 0;
            for word in para.split(|&b| b == b' ') {
                let n = word.iter().filter(|&&b| b & 0xC0 != 0x80).count();
                let need = if used == 0 { n } else { used + 1 + n };
                if need <= per_line {
                    used = need;
                } else if used == 0 {
                    lines += n.saturating_sub(1) / per_line;
                    used = n % per_line;
                } else {
                    lines += 1 + n.saturating_sub(1) / per_line;
                    used = n % per_line;
                }
            }
            lines
        })
        .sum()
}

/// Sets a row's height for `lines` lines of text of `size` points.
fn fit_row(ws: &mut Worksheet, row: u32, lines: usize, size: f64) -> Result<(), ExportError> {
    if lines > 1 {
        let h = (lines as f64 * size * 1.17 + 3.0).min(409.0);
        ws.set_row_height(row, h)?;
    }
    Ok(())
}

/// The date line, the signer and the signing hint from `row` down, over
/// the columns `first..=last`.
fn signature<'s>(
    o: &mut Out<'_, 's>,
    row: u32,
    first: u16,
    last: u16,
    st: &'s Styles,
) -> Result<(), ExportError> {
    o.merged(row, first, last, words::EXPORT_DATE_LINE, &st.sign_italic)?;
    o.merged(row + 1, first, last, words::EXPORT_SIGNER, &st.sign_bold)?;
    o.merged(
        row + 2,
        first,
        last,
        words::EXPORT_SIGN_HINT,
        &st.sign_italic,
    )
}

/// The national header block: the bloc on the left, the national motto on
/// the right, as Vietnamese administrative documents open.
fn national_header<'s>(
    o: &mut Out<'_, 's>,
    left_last: u16,
    right_last: u16,
    st: &'s Styles,
) -> Result<(), ExportError> {
    o.merged(0, 0, left_last, words::EXPORT_BLOC, &st.block)?;
    o.merged(
        0,
        left_last + 1,
        right_last,
        words::EXPORT_NATION,
        &st.block,
    )?;
    o.merged(1, left_last + 1, right_last, words::EXPORT_MOTTO, &st.motto)?;
    Ok(())
}

/// A4, fit to one page wide, the table header (when there is one at
/// [`HEAD_ROW`]) repeated on every page.
fn page_setup(ws: &mut Worksheet, landscape: bool, repeat_head: bool) -> Result<(), ExportError> {
    // Formulas whose cached result is empty (no stage scored) read as
    // empty, not as 0.
    ws.set_formula_result_default("");
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    if repeat_head {
        ws.set_repeat_rows(HEAD_ROW, HEAD_ROW)?;
    }
    // Left 2.5 cm, right 1.5 cm, top and bottom 2 cm.
    ws.set_margins(0.98, 0.59, 0.79, 0.79, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_footer(words::EXPORT_PAGE_FOOTER);
    Ok(())
}

// ---------------------------------------------------------------------------
// The unit form

/// Columns of a unit form.
#[derive(Clone, Copy, Debug)]
struct Cols {
    stt: u16,
    text: u16,
    max: u16,
    weight: Option<u16>,
    /// The maximum after weights ("Tối đa quy đổi"), when there are weights.
    wmax: Option<u16>,
    stage: [u16; 3],
    /// The final result, criterion by criterion.
    fin: u16,
    note: u16,
}

impl Cols {
    fn new(weighted: bool) -> Cols {
        let w = if weighted { 2 } else { 0 };
        Cols {
            stt: 0,
            text: 1,
            max: 2,
            weight: weighted.then_some(3),
            wmax: weighted.then_some(4),
            stage: [3 + w, 4 + w, 5 + w],
            fin: 6 + w,
            note: 7 + w,
        }
    }

    /// The columns holding points: the three stages, then the final.
    fn points(&self) -> [u16; 4] {
        [self.stage[0], self.stage[1], self.stage[2], self.fin]
    }
}

/// Index of the final column in the per-column formula arrays.
const FIN: usize = 3;

/// The layout and formulas shared by every unit form (they all have the
/// same tree, hence the same rows).
struct Form<'a> {
    sheet: &'a Scoresheet,
    res: &'a Results,
    cols: Cols,
    /// Row of the first node.
    first: u32,
    content_row: u32,
    bonus_row: u32,
    deduction_row: u32,
    total_row: u32,
    count_row: u32,
    /// Criteria holding a value (rule 6 of `calc`), per stage and final.
    valid_row: u32,
    final_row: u32,
    /// Per points column (three stages, final), per node position: the
    /// subtotal formula of sections.
    sections: [Vec<Option<String>>; 4],
    content: [Option<String>; 4],
    bonus: [Option<String>; 4],
    deduction: [Option<String>; 4],
    count: [Option<String>; 4],
    valid: [Option<String>; 4],
    /// Per node position, the final column's formula of a criterion.
    fin_cells: Vec<Option<String>>,
    /// The final total once complete, else "" (for the merged cell).
    fin_total: String,
    /// Under the rules that take a stage whole, the formula naming it (in
    /// the final row's note column); `None` under [`FinalRule::Merge`].
    fin_stage: Option<String>,
    scoreable: usize,
    /// A unit pack's form: tự chấm and notes unlocked.
    pack: bool,
}

impl<'a> Form<'a> {
    fn new(sheet: &'a Scoresheet, res: &'a Results) -> Form<'a> {
        let weighted = sheet.nodes.iter().any(|n| n.weight != Dec::ONE);
        let cols = Cols::new(weighted);
        let first = HEAD_ROW + 1;
        let n = sheet.nodes.len() as u32;
        let content_row = first + n;
        let tree = &res.tree;
        let mut f = Form {
            sheet,
            res,
            cols,
            first,
            content_row,
            bonus_row: content_row + 1,
            deduction_row: content_row + 2,
            total_row: content_row + 3,
            count_row: content_row + 4,
            valid_row: content_row + 5,
            final_row: content_row + 6,
            sections: Default::default(),
            content: Default::default(),
            bonus: Default::default(),
            deduction: Default::default(),
            count: Default::default(),
            valid: Default::default(),
            fin_cells: Vec::new(),
            fin_total: String::new(),
            fin_stage: None,
            scoreable: tree.criteria,
            pack: false,
        };
        let roots =
            |k: Kind| -> Vec<usize> { tree.roots().filter(|&p| tree.kind(p) == k).collect() };
        let criteria = |content: bool| -> Vec<usize> {
            (0..tree.len())
                .filter(|&p| tree.is_scoreable(p) && (tree.kind(p) == Kind::Content) == content)
                .collect()
        };
        let (content_items, other_items) = (criteria(true), criteria(false));
        let all: Vec<usize> = (0..tree.len()).filter(|&p| tree.is_scoreable(p)).collect();
        let n_other = other_items.len();
        for (i, col) in cols.points().into_iter().enumerate() {
            f.sections[i] = (0..tree.len()).map(|p| f.section_formula(p, col)).collect();
            f.content[i] = f.points_sum(&roots(Kind::Content), col);
            f.bonus[i] = f
                .points_sum(&roots(Kind::Bonus), col)
                .map(|e| format!("MIN({},{e})", tree.bonus_max.to_plain()));
            f.deduction[i] = f.points_sum(&roots(Kind::Deduction), col);
            if i == FIN {
                continue;
            }
            f.count[i] = f.counted("COUNTA", &all, col);
            // Rule 6: valid content values, and bonus or deduction cells
            // that hold no invalid text once the stage is filled.
            let content = f.counted("COUNT", &content_items, col);
            let other = match (
                f.counted("COUNTA", &other_items, col),
                f.counted("COUNT", &other_items, col),
            ) {
                (Some(a), Some(c)) => Some(format!(
                    "IF({}>0,{n_other}-({a})+{c},0)",
                    cell(col, f.count_row)
                )),
                _ => None,
            };
            f.valid[i] = match (content, other) {
                (Some(a), Some(b)) => Some(format!("{a}+{b}")),
                (a, b) => a.or(b),
            };
        }
        f.final_formulas(&content_items, &other_items);
        f
    }

    /// The final column (rules 8 and 9 of `calc`): each criterion's final
    /// value, its count rows, and the final total once complete.
    fn final_formulas(&mut self, content_items: &[usize], other_items: &[usize]) {
        let c = self.cols;
        let tree = self.tree();
        let [_, b, v] = c.stage;
        let verify = quoted(words::stage_word(Stage::Verify));
        let bloc = quoted(words::stage_word(Stage::Bloc));
        let (bc, vc) = (abs_cell(b, self.count_row), abs_cell(v, self.count_row));
        let (bv, vv) = (abs_cell(b, self.valid_row), abs_cell(v, self.valid_row));
        let n = self.scoreable;
        let complete = |valid: &str| {
            if n == 0 {
                "FALSE".to_string()
            } else {
                format!("{valid}={n}")
            }
        };
        let mut cells = vec![None; tree.len()];
        match self.res.rule {
            FinalRule::Merge => {
                for p in (0..tree.len()).filter(|&p| tree.is_scoreable(p)) {
                    let row = self.row(p);
                    let (vr, br) = (cell(v, row), cell(b, row));
                    let blank = if tree.kind(p) == Kind::Content {
                        "\"\""
                    } else {
                        "0"
                    };
                    cells[p] = Some(format!("IF({vr}<>\"\",{vr},IF({br}<>\"\",{br},{blank}))"));
                }
                self.count[FIN] = Some(format!("{bc}+{vc}"));
                let content = self.counted("COUNT", content_items, c.fin);
                let other = self
                    .counted("COUNT", other_items, c.fin)
                    .map(|e| format!("IF(OR({bc}>0,{vc}>0),{e},0)"));
                self.valid[FIN] = match (content, other) {
                    (Some(a), Some(b)) => Some(format!("{a}+{b}")),
                    (a, b) => a.or(b),
                };
            }
            FinalRule::Latest | FinalRule::Highest => {
                let at = |col: u16, row: u32| format!("ROUND({},4)", abs_cell(col, row));
                let (vt, bt) = (at(v, self.total_row), at(b, self.total_row));
                let (vcon, bcon) = (at(v, self.content_row), at(b, self.content_row));
                let (vded, bded) = (at(v, self.deduction_row), at(b, self.deduction_row));
                let (v_ok, b_ok) = (complete(&vv), complete(&bv));
                let single = format!("IF({v_ok},{verify},IF({b_ok},{bloc},\"\"))");
                let stage = match self.res.rule {
                    FinalRule::Highest => format!(
                        "IF(AND({v_ok},{b_ok}),IF(OR({vt}>{bt},AND({vt}={bt},OR({vcon}>{bcon},AND({vcon}={bcon},{vded}<={bded})))),{verify},{bloc}),{single})"
                    ),
                    _ => single,
                };
                let s = abs_cell(c.note, self.final_row);
                // The stage taken, or while none is complete the latest filled.
                let use_v = format!("OR({s}={verify},AND({s}=\"\",{vc}>0))");
                for p in (0..tree.len()).filter(|&p| tree.is_scoreable(p)) {
                    let row = self.row(p);
                    let (vr, br) = (cell(v, row), cell(b, row));
                    cells[p] = Some(format!(
                        "IF({use_v},IF({vr}<>\"\",{vr},\"\"),IF({br}<>\"\",{br},\"\"))"
                    ));
                }
                self.count[FIN] = Some(format!("IF({use_v},{vc},{bc})"));
                self.valid[FIN] = Some(format!("IF({use_v},{vv},{bv})"));
                self.fin_stage = Some(stage);
            }
        }
        self.fin_cells = cells;
        self.fin_total = format!(
            "IF({},{},\"\")",
            complete(&cell(c.fin, self.valid_row)),
            cell(c.fin, self.total_row)
        );
    }

    /// `f` (COUNT, COUNTA) over the rows of `items` in one column, as a
    /// sum of calls of at most [`MAX_ARGS`] ranges.
    fn counted(&self, f: &str, items: &[usize], col: u16) -> Option<String> {
        self.runs(items, col).map(|runs| {
            runs.chunks(MAX_ARGS)
                .map(|c| {
                    let refs: Vec<String> = c.iter().map(|r| r.range.clone()).collect();
                    format!("{f}({})", refs.join(","))
                })
                .collect::<Vec<_>>()
                .join("+")
        })
    }

    fn tree(&self) -> &Tree {
        &self.res.tree
    }

    fn row(&self, pos: usize) -> u32 {
        self.first + pos as u32
    }

    /// Consecutive runs of the given criteria rows, allowing guidance rows
    /// (whose score cells are always empty) between them.
    fn runs(&self, items: &[usize], col: u16) -> Option<Vec<Run>> {
        let nodes = &self.sheet.nodes;
        let mut runs: Vec<Run> = Vec::new();
        let mut prev: Option<usize> = None;
        for &p in items {
            let weighted = nodes[p].weight != Dec::ONE;
            let joins = prev.is_some_and(|q| (q + 1..p).all(|k| nodes[k].guidance));
            match runs.last_mut() {
                Some(run) if joins => {
                    run.last = p;
                    run.weighted |= weighted;
                }
                _ => runs.push(Run {
                    first: p,
                    last: p,
                    weighted,
                    range: String::new(),
                }),
            }
            prev = Some(p);
        }
        for run in &mut runs {
            run.range = self.range(col, run.first, run.last);
        }
        (!runs.is_empty()).then_some(runs)
    }

    fn range(&self, col: u16, first: usize, last: usize) -> String {
        if first == last {
            cell(col, self.row(first))
        } else {
            format!(
                "{}:{}",
                cell(col, self.row(first)),
                cell(col, self.row(last))
            )
        }
    }

    /// The points of `items` (nodes carrying points) in one stage column:
    /// criteria as score × weight, sections as their (weighted) cell.
    fn points_sum(&self, items: &[usize], col: u16) -> Option<String> {
        let tree = self.tree();
        let mut plain: Vec<String> = Vec::new();
        let mut weighted: Vec<String> = Vec::new();
        let mut criteria: Vec<usize> = Vec::new();
        for &p in items {
            if tree.is_scoreable(p) {
                criteria.push(p);
            } else {
                plain.push(cell(col, self.row(p)));
            }
        }
        for run in self.runs(&criteria, col).unwrap_or_default() {
            match (run.weighted, self.cols.weight) {
                (true, Some(wc)) => weighted.push(format!(
                    "SUMPRODUCT({},{})",
                    run.range,
                    self.range(wc, run.first, run.last)
                )),
                _ => plain.push(run.range),
            }
        }
        let mut terms: Vec<String> = plain
            .chunks(MAX_ARGS)
            .map(|c| format!("SUM({})", c.join(",")))
            .collect();
        terms.extend(weighted);
        (!terms.is_empty()).then(|| terms.join("+"))
    }

    /// A section's subtotal: its children's points, times its weight,
    /// capped at its stated maximum for bonus and deduction sections.
    fn section_formula(&self, pos: usize, col: u16) -> Option<String> {
        let tree = self.tree();
        if !tree.is_section(pos) {
            return None;
        }
        let node = &self.sheet.nodes[pos];
        let kids: Vec<usize> = tree
            .children(pos)
            .iter()
            .copied()
            .filter(|&k| tree.max(k).is_some())
            .collect();
        let mut e = self.points_sum(&kids, col)?;
        if node.weight != Dec::ONE {
            e = format!("ROUND(({e})*{},4)", node.weight.to_plain());
        }
        if let (Some(m), Kind::Bonus | Kind::Deduction) = (node.max, node.kind) {
            e = format!("MIN({},{e})", m.to_plain());
        }
        Some(e)
    }

    /// The points of a top-level node in a stage column, seen from another sheet.
    fn root_points(&self, at: &str, pos: usize, col: u16) -> String {
        let r = format!("{at}{}", cell(col, self.row(pos)));
        if !self.tree().is_scoreable(pos) {
            return r;
        }
        let w = self.sheet.nodes[pos].weight;
        if w == Dec::ONE {
            format!("N({r})")
        } else {
            format!("ROUND(N({r})*{},4)", w.to_plain())
        }
    }

    /// The maximum in the "Điểm chuẩn" column, as the import reads it
    /// back: a criterion's, a content section's sum of children
    /// (unweighted), a bonus or deduction section's stated cap. With
    /// weights, the maximum after them (rule 5 of `calc`) is beside it.
    fn raw_max(&self, pos: usize) -> Option<Dec> {
        let tree = self.tree();
        let node = &self.sheet.nodes[pos];
        if node.guidance {
            return None;
        }
        if tree.is_section(pos) && node.kind != Kind::Content {
            return node.max;
        }
        tree.plain_max(pos).or(node.max)
    }

    /// Writes one unit's form (`None`: the empty template).
    fn write<'s>(
        &self,
        o: &mut Out<'_, 's>,
        unit: Option<usize>,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let c = self.cols;
        let sheet = self.sheet;
        let tree = self.tree();
        let last = c.note;
        o.ws.set_column_width(c.stt, W_STT)?;
        o.ws.set_column_width(c.text, W_TEXT)?;
        o.ws.set_column_width(c.max, W_MAX)?;
        if let Some(w) = c.weight {
            o.ws.set_column_width(w, W_WEIGHT)?;
        }
        if let Some(w) = c.wmax {
            o.ws.set_column_width(w, W_MAX)?;
        }
        for col in c.points() {
            o.ws.set_column_width(col, W_STAGE)?;
        }
        o.ws.set_column_width(c.note, W_NOTE)?;
        let full = W_STT
            + W_TEXT
            + W_MAX
            + 4.0 * W_STAGE
            + W_NOTE
            + if c.weight.is_some() {
                W_WEIGHT + W_MAX
            } else {
                0.0
            };
        page_setup(o.ws, false, true)?;
        national_header(o, c.text, last, st)?;
        o.merged(3, 0, last, words::EXPORT_FORM_TITLE, &st.heading)?;
        let title = words::export_title_line(&sheet.title);
        o.merged(4, 0, last, &title, &st.subheading)?;
        // 13-point lines over the whole width.
        let wide = full * 12.0 / 13.0;
        fit_row(o.ws, 4, line_count(&title, wide, true), 13.0)?;
        let u = unit.and_then(|i| sheet.units.get(i).map(|u| (i, u)));
        if let Some((_, u)) = u {
            let line = words::export_unit_line(&u.name);
            o.merged(5, 0, last, &line, &st.line)?;
            fit_row(o.ws, 5, line_count(&line, wide, false), 13.0)?;
        }

        // Header row.
        let r = HEAD_ROW;
        o.text(r, c.stt, words::EXPORT_COL_STT, &st.head)?;
        o.text(r, c.text, words::EXPORT_COL_TEXT, &st.head)?;
        o.text(r, c.max, t::COL_MAX, &st.head)?;
        if let Some(w) = c.weight {
            o.text(r, w, t::COL_WEIGHT, &st.head)?;
        }
        if let Some(w) = c.wmax {
            o.text(r, w, t::EXPORT_COL_WEIGHTED_MAX, &st.head)?;
        }
        for s in Stage::ALL {
            o.text(r, c.stage[s.index()], words::stage_word(s), &st.head)?;
        }
        o.text(r, c.fin, t::COL_FINAL, &st.head)?;
        o.text(r, c.note, t::COL_NOTE, &st.head)?;
        let head_lines = [
            (t::COL_MAX, W_MAX),
            (t::COL_WEIGHT, W_WEIGHT),
            (t::EXPORT_COL_WEIGHTED_MAX, W_MAX),
            (t::COL_FINAL, W_STAGE),
        ]
        .iter()
        .chain(Stage::ALL.map(|s| (words::stage_word(s), W_STAGE)).iter())
        .map(|(text, w)| line_count(text, *w, true))
        .max()
        .unwrap_or(1);
        fit_row(o.ws, r, head_lines, 12.0)?;

        // Stages nobody has scored show blank subtotals, not zeros; so
        // does a final neither khối chấm nor thẩm định has begun.
        let filled = [0, 1, 2, 3].map(|i| {
            u.is_some_and(|(ui, _)| {
                let r = &self.res.units[ui];
                match Stage::ALL.get(i) {
                    Some(&s) => r.stage(s).filled(),
                    None => r.fin.result.filled(),
                }
            })
        });

        // One row per node.
        for (pos, node) in sheet.nodes.iter().enumerate() {
            let row = self.row(pos);
            for col in 0..=last {
                o.format(row, col, &st.center);
            }
            if node.guidance {
                o.text(row, c.text, &node.text, &st.guide)?;
                fit_row(o.ws, row, line_count(&node.text, W_TEXT, false), 12.0)?;
                continue;
            }
            let strong = tree.is_section(pos) || tree.depth(pos) == 0;
            let (label_f, text_f, num_f) = if strong {
                (&st.center_bold, &st.text_bold, &st.num_bold)
            } else {
                (&st.center, &st.text, &st.num)
            };
            let mut lines =
                line_count(&node.label, W_STT, strong).max(line_count(&node.text, W_TEXT, strong));
            match whole_number(&node.label) {
                Some(n) => {
                    o.number(row, c.stt, n, label_f)?;
                }
                None => o.text(row, c.stt, &node.label, label_f)?,
            }
            o.text(row, c.text, &node.text, text_f)?;
            if let Some(m) = self.raw_max(pos) {
                o.number(row, c.max, m.to_f64(), num_f)?;
            }
            if let Some(w) = c.weight {
                o.number(row, w, node.weight.to_f64(), num_f)?;
            }
            if let (Some(w), Some(m)) = (c.wmax, tree.max(pos)) {
                o.number(row, w, m.to_f64(), num_f)?;
            }
            let Some((ui, unit)) = u else {
                fit_row(o.ws, row, lines, 12.0)?;
                continue;
            };
            let result = &self.res.units[ui];
            for s in Stage::ALL {
                let col = c.stage[s.index()];
                if let Some(f) = &self.sections[s.index()][pos] {
                    let v = result.stage(s).points.get(pos).copied().unwrap_or_default();
                    let fmt = match (filled[s.index()], strong) {
                        (true, _) => num_f,
                        (false, true) => &st.quiet_bold,
                        (false, false) => &st.quiet,
                    };
                    o.formula(row, col, f, Cached::Num(v), fmt)?;
                    continue;
                }
                let raw = unit.raw(node.id, s);
                // What a pack's unit fills: its own score, on criteria.
                let open = self.pack && s == Stage::SelfScore && tree.is_scoreable(pos);
                let (num_f, invalid_f) = match (open, strong) {
                    (false, _) => (num_f, &st.invalid),
                    (true, false) => (&st.open_num, &st.open_invalid),
                    (true, true) => (&st.open_num_bold, &st.open_invalid),
                };
                match evaluate(raw, node.max) {
                    CellValue::Empty if open => o.format(row, col, num_f),
                    CellValue::Empty => {}
                    CellValue::Valid(v) => {
                        o.number(row, col, v.to_f64(), num_f)?;
                    }
                    CellValue::Invalid(e) => {
                        o.text(row, col, raw, invalid_f)?;
                        lines = lines.max(line_count(raw, W_STAGE, false));
                        if tree.is_scoreable(pos) {
                            let note = Note::new(cell_text(&t::cell_error(&e), MAX_NOTE_TEXT))
                                .set_author(t::APP_TITLE)
                                .add_author_prefix(false)
                                .set_font_name(FONT);
                            o.ws.insert_note(row, col, &note)?;
                        }
                    }
                }
            }
            // The final: a section's subtotal, or the criterion's value.
            let fin_value = result.fin.result.points.get(pos).copied();
            let fmt = match (filled[FIN], strong) {
                (true, _) => num_f,
                (false, true) => &st.quiet_bold,
                (false, false) => &st.quiet,
            };
            if let Some(f) = &self.sections[FIN][pos] {
                o.formula(
                    row,
                    c.fin,
                    f,
                    Cached::Num(fin_value.unwrap_or_default()),
                    fmt,
                )?;
            } else if let Some(f) = &self.fin_cells[pos] {
                o.formula(row, c.fin, f, self.fin_cached(ui, pos), fmt)?;
            }
            let notes =
                Stage::ALL.map(|s| unit.mark(node.id, s).map(|m| m.note.as_str()).unwrap_or(""));
            let text = notes_text(notes);
            let note_f = if self.pack { &st.open_note } else { &st.note };
            if !text.is_empty() {
                o.text(row, c.note, &text, note_f)?;
                lines = lines.max(line_count(&text, W_NOTE, false));
            } else if self.pack {
                o.format(row, c.note, note_f);
            }
            fit_row(o.ws, row, lines, 12.0)?;
        }
        self.write_totals(o, u.map(|(i, _)| i), filled, st)?;
        Ok(())
    }

    /// The cached result of a criterion's formula in the final column.
    fn fin_cached(&self, ui: usize, pos: usize) -> Cached {
        let node = &self.sheet.nodes[pos];
        let unit = &self.sheet.units[ui];
        let result = &self.res.units[ui];
        let fin = &result.fin;
        let value = |s: Stage| {
            let raw = unit.raw(node.id, s);
            match evaluate(raw, node.max) {
                CellValue::Valid(v) => Some(Cached::Num(v)),
                CellValue::Invalid(_) => Some(Cached::Text(cell_text(raw, MAX_CELL_TEXT))),
                CellValue::Empty => None,
            }
        };
        let blank = || {
            if self.tree().kind(pos) == Kind::Content {
                Cached::Text(String::new())
            } else {
                Cached::Num(Dec::ZERO)
            }
        };
        match self.res.rule {
            FinalRule::Merge => value(Stage::Verify)
                .or_else(|| value(Stage::Bloc))
                .unwrap_or_else(blank),
            FinalRule::Latest | FinalRule::Highest => {
                let verify = fin.stage == Some(Stage::Verify)
                    || (fin.stage.is_none() && result.stage(Stage::Verify).filled());
                let s = if verify { Stage::Verify } else { Stage::Bloc };
                value(s).unwrap_or(Cached::Text(String::new()))
            }
        }
    }

    /// The rows below the table: totals per stage and final, the count of
    /// scored criteria and of those holding a value, the final result,
    /// then the date and signature lines. Their texts start with "Tổng" so
    /// the import skips them.
    fn write_totals<'s>(
        &self,
        o: &mut Out<'_, 's>,
        unit: Option<usize>,
        filled: [bool; 4],
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let c = self.cols;
        let tree = self.tree();
        let last = c.note;
        let rows = [
            (
                self.content_row,
                words::EXPORT_ROW_CONTENT.to_string(),
                Some((tree.content_plain_max, tree.content_max)),
            ),
            (
                self.bonus_row,
                words::export_row_bonus(tree.bonus_max),
                Some((tree.bonus_plain_max, tree.bonus_max)),
            ),
            (
                self.deduction_row,
                words::EXPORT_ROW_DEDUCTION.to_string(),
                Some((tree.deduction_plain_max, tree.deduction_max)),
            ),
            (
                self.total_row,
                words::EXPORT_ROW_TOTAL.to_string(),
                Some((tree.content_plain_max, tree.content_max)),
            ),
            (
                self.count_row,
                words::export_row_count(self.scoreable),
                None,
            ),
            (self.valid_row, t::export_row_valid(self.scoreable), None),
            (self.final_row, t::export_row_final(self.res.rule), None),
        ];
        for (row, label, max) in &rows {
            for col in 0..=last {
                o.format(*row, col, &st.total_num);
            }
            o.text(*row, c.text, label, &st.total_text)?;
            fit_row(o.ws, *row, line_count(label, W_TEXT, true), 12.0)?;
            if let Some((raw, weighted)) = max {
                match c.wmax {
                    Some(w) => {
                        o.number(*row, c.max, raw.to_f64(), &st.total_num)?;
                        o.number(*row, w, weighted.to_f64(), &st.total_num)?;
                    }
                    None => {
                        o.number(*row, c.max, weighted.to_f64(), &st.total_num)?;
                    }
                }
            }
        }
        let Some(ui) = unit else {
            return Ok(());
        };
        let result = &self.res.units[ui];
        for (i, col) in c.points().into_iter().enumerate() {
            let r = match Stage::ALL.get(i) {
                Some(&s) => result.stage(s),
                None => &result.fin.result,
            };
            let fmt = if filled[i] {
                &st.total_num
            } else {
                &st.quiet_bold
            };
            let lines = [
                (self.content_row, &self.content[i], r.content),
                (self.bonus_row, &self.bonus[i], r.bonus),
                (self.deduction_row, &self.deduction[i], r.deduction),
                (
                    self.count_row,
                    &self.count[i],
                    Dec::from_int(r.entered as i64),
                ),
                (
                    self.valid_row,
                    &self.valid[i],
                    Dec::from_int(r.counted as i64),
                ),
            ];
            for (row, f, v) in lines {
                match f {
                    Some(f) => o.formula(row, col, f, Cached::Num(v), fmt)?,
                    None => {
                        o.number(row, col, 0.0, fmt)?;
                    }
                }
            }
            let total = format!(
                "ROUND({}+{}-{},4)",
                cell(col, self.content_row),
                cell(col, self.bonus_row),
                cell(col, self.deduction_row)
            );
            o.formula(self.total_row, col, &total, Cached::Num(r.total), fmt)?;
        }
        // The final result: merged over the three stage columns and the
        // final's; blank until complete.
        let (f0, f3) = (c.stage[0], c.fin);
        o.ws.merge_range(self.final_row, f0, self.final_row, f3, "", &st.total_num)?;
        let cached = match result.final_total() {
            Some(v) => Cached::Num(v),
            None => Cached::Text(String::new()),
        };
        o.formula(self.final_row, f0, &self.fin_total, cached, &st.total_num)?;
        // Beside it: the stage taken (a formula the final column reads),
        // or where each criterion's value comes from.
        let basis = t::final_basis(&result.fin, self.res.rule);
        match &self.fin_stage {
            Some(f) => {
                let name = result.fin.stage.map(words::stage_word).unwrap_or("");
                o.formula(
                    self.final_row,
                    c.note,
                    f,
                    Cached::Text(name.to_string()),
                    &st.center_bold,
                )?;
            }
            None => o.text(self.final_row, c.note, &basis, &st.center_bold)?,
        }

        // Date and signature, on the right, outside the table's columns.
        signature(o, self.final_row + 2, f0, last, st)
    }
}

/// A run of criteria rows summed as one range.
#[derive(Clone, Debug)]
struct Run {
    first: usize,
    last: usize,
    weighted: bool,
    range: String,
}

// ---------------------------------------------------------------------------
// The summary sheet

fn write_summary<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    st: &'s Styles,
) -> Result<(), ExportError> {
    let sheet = form.sheet;
    let tree = form.tree();
    let res = form.res;
    let sections: Vec<usize> = tree
        .roots()
        .filter(|&p| tree.kind(p) == Kind::Content)
        .collect();
    let first_sec = 2u16;
    let k = sections.len() as u16;
    let (c_bonus, c_ded, c_total, c_rank, c_class, c_basis) = (
        first_sec + k,
        first_sec + k + 1,
        first_sec + k + 2,
        first_sec + k + 3,
        first_sec + k + 4,
        first_sec + k + 5,
    );
    const W_NAME: f64 = 32.0;
    const W_SECTION: f64 = 10.0;
    const W_NUM: f64 = 10.0;
    const W_CLASS: f64 = 14.0;
    const W_BASIS: f64 = 30.0;
    o.ws.set_column_width(0, W_STT)?;
    o.ws.set_column_width(1, W_NAME)?;
    for i in 0..k {
        o.ws.set_column_width(first_sec + i, W_SECTION)?;
    }
    for col in [c_bonus, c_ded, c_total, c_rank] {
        o.ws.set_column_width(col, W_NUM)?;
    }
    o.ws.set_column_width(c_class, W_CLASS)?;
    o.ws.set_column_width(c_basis, W_BASIS)?;
    let has_classes = !sheet.classes.is_empty();
    if !has_classes {
        // No bands: no classification to show.
        o.ws.set_column_hidden(c_class)?;
    }
    let full = W_STT
        + W_NAME
        + k as f64 * W_SECTION
        + 4.0 * W_NUM
        + if has_classes { W_CLASS } else { 0.0 }
        + W_BASIS;
    let wide = full * 12.0 / 13.0;
    page_setup(o.ws, true, true)?;
    national_header(o, 1, c_basis, st)?;
    o.merged(3, 0, c_basis, words::EXPORT_SUMMARY_TITLE, &st.heading)?;
    o.merged(4, 0, c_basis, &sheet.title, &st.subheading)?;
    fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
    let rule_note = t::export_summary_note(res.rule);
    o.merged(5, 0, c_basis, &rule_note, &st.sign_italic)?;
    fit_row(o.ws, 5, line_count(&rule_note, wide, false), 13.0)?;

    // Headers with the maxima a unit can reach (rule 5 of `calc`).
    let r = HEAD_ROW;
    o.text(r, 0, words::EXPORT_COL_STT, &st.head)?;
    o.text(r, 1, words::EXPORT_COL_UNIT, &st.head)?;
    let mut heads: Vec<(u16, String, f64)> = Vec::new();
    for (i, &p) in sections.iter().enumerate() {
        let node = &sheet.nodes[p];
        let code = if node.code.is_empty() {
            &node.label
        } else {
            &node.code
        };
        let head = match tree.shown_max(p) {
            Some(m) => t::with_max(code, m),
            None => code.to_string(),
        };
        heads.push((first_sec + i as u16, head, W_SECTION));
    }
    let bonus = crate::model::ShownMax {
        max: tree.bonus_max,
        raw: None,
    };
    heads.push((c_bonus, t::with_max(words::EXPORT_COL_BONUS, bonus), W_NUM));
    heads.push((c_ded, words::EXPORT_COL_DEDUCTION.to_string(), W_NUM));
    heads.push((
        c_total,
        t::with_max(t::COL_TOTAL, tree.shown_total_max()),
        W_NUM,
    ));
    heads.push((c_rank, t::COL_RANK.to_string(), W_NUM));
    heads.push((c_class, t::COL_CLASS.to_string(), W_CLASS));
    heads.push((c_basis, t::COL_BASIS.to_string(), W_BASIS));
    let mut head_lines = 1;
    for (col, head, w) in &heads {
        o.text(r, *col, head, &st.head)?;
        head_lines = head_lines.max(line_count(head, *w, true));
    }
    fit_row(o.ws, r, head_lines, 12.0)?;

    let first = HEAD_ROW + 1;
    let last_row = first + names.len().saturating_sub(1) as u32;
    let totals = format!(
        "{}:{}",
        abs_cell(c_total, first),
        abs_cell(c_total, last_row)
    );
    let order = classes::sorted(&sheet.classes);
    let ties = res.ties(None);
    let fin_col = form.cols.fin;
    for (ui, name) in names.iter().enumerate() {
        let row = first + ui as u32;
        let unit = &sheet.units[ui];
        let result = &res.units[ui];
        let fin = result.final_result();
        let at = sheet_ref(name);
        o.number(row, 0, (ui + 1) as f64, &st.center)?;
        o.text(row, 1, &unit.name, &st.text)?;
        let cached = |v: Option<Dec>| match v {
            Some(v) => Cached::Num(v),
            None => Cached::Text(String::new()),
        };
        let total = cell(c_total, row);
        let when_complete = |e: String| format!("IF(ISNUMBER({total}),{e},\"\")");
        for (i, &p) in sections.iter().enumerate() {
            let f = when_complete(form.root_points(&at, p, fin_col));
            let v = fin.map(|r| r.points.get(p).copied().unwrap_or_default());
            o.formula(row, first_sec + i as u16, &f, cached(v), &st.num)?;
        }
        let f = when_complete(format!("{at}{}", cell(fin_col, form.bonus_row)));
        o.formula(row, c_bonus, &f, cached(fin.map(|r| r.bonus)), &st.num)?;
        let f = when_complete(format!("{at}{}", cell(fin_col, form.deduction_row)));
        o.formula(row, c_ded, &f, cached(fin.map(|r| r.deduction)), &st.num)?;
        let f = format!("{at}{}", cell(form.cols.stage[0], form.final_row));
        o.formula(row, c_total, &f, cached(fin.map(|r| r.total)), &st.num_bold)?;
        let f = format!("IF(ISNUMBER({total}),RANK({total},{totals}),\"\")");
        let rank = result.final_rank.map(|r| Dec::from_int(r as i64));
        o.formula(row, c_rank, &f, cached(rank), &st.num_bold)?;
        let class = fin
            .and_then(|r| classes::class_of(sheet, tree, r))
            .unwrap_or("")
            .to_string();
        if !has_classes {
            o.format(row, c_class, &st.center);
        } else if sheet.classes.len() > MAX_CLASSES {
            // Nested too deep for Excel: the value only.
            o.text(row, c_class, &class, &st.center)?;
        } else {
            let secs: Vec<(String, Dec)> = sections
                .iter()
                .enumerate()
                .filter_map(|(i, &p)| Some((cell(first_sec + i as u16, row), tree.max(p)?)))
                .collect();
            let f = class_formula(sheet, &order, &total, &cell(c_ded, row), &secs);
            o.formula(row, c_class, &f, Cached::Text(class), &st.center)?;
        }
        let basis = t::summary_basis(sheet, result, res.rule, &ties[ui]);
        o.text(row, c_basis, &basis, &st.note)?;
        let lines = line_count(&unit.name, W_NAME, false).max(line_count(&basis, W_BASIS, false));
        fit_row(o.ws, row, lines, 12.0)?;
    }
    signature(o, last_row + 2, c_total, c_basis, st)
}

/// The classification of a summary row (rules 2 and 3 of
/// `model::classes`): the band whose lower bound the total reaches, if
/// within its upper bound, then down the bands until one's conditions hold.
/// `order`: [`classes::sorted`]; `secs`: each top-level content section's
/// cell and maximum.
fn class_formula(
    sheet: &Scoresheet,
    order: &[usize],
    total: &str,
    deduction: &str,
    secs: &[(String, Dec)],
) -> String {
    let bands = &sheet.classes;
    let name = |i: usize| quoted(&cell_text(&bands[i].name, 255));
    let conditions = |i: usize| -> Option<String> {
        let c = &bands[i];
        let mut parts = Vec::new();
        if let Some(x) = c.max_deduction {
            parts.push(format!("ROUND({deduction},4)<={}", x.to_plain()));
        }
        if let Some(pct) = c.min_section_pct {
            for (sec, max) in secs {
                parts.push(format!("ROUND({sec},4)>={}", section_threshold(pct, *max)));
            }
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(format!("AND({})", parts.join(","))),
        }
    };
    // chain[k]: the first band from order[k] down whose conditions hold.
    let mut chain = vec!["\"\"".to_string(); order.len() + 1];
    for k in (0..order.len()).rev() {
        let i = order[k];
        chain[k] = match conditions(i) {
            Some(cond) => format!("IF({cond},{},{})", name(i), chain[k + 1]),
            None => name(i),
        };
    }
    let mut e = "\"\"".to_string();
    for k in (0..order.len()).rev() {
        let c = &bands[order[k]];
        let lower = format!(
            "{total}{}{}",
            if c.min_in { ">=" } else { ">" },
            c.min.to_plain()
        );
        let inside = match c.max {
            Some(m) => format!(
                "IF({total}{}{},{},\"\")",
                if c.max_in { "<=" } else { "<" },
                m.to_plain(),
                chain[k]
            ),
            None => chain[k].clone(),
        };
        e = format!("IF({lower},{inside},{e})");
    }
    format!("IF(ISNUMBER({total}),{e},\"\")")
}

// ---------------------------------------------------------------------------
// The comparison sheet ("Thẩm định")

/// Number format of a difference: "+1,5", "-2", blank for none.
const SIGNED: &str = "+General;-General;;@";

/// Columns of the comparison sheet.
const CMP_CODE: u16 = 0;
const CMP_TEXT: u16 = 1;
/// Tự chấm, khối chấm, thẩm định.
const CMP_STAGE: [u16; 3] = [2, 3, 5];
/// Khối chấm − tự chấm, thẩm định − tự chấm.
const CMP_DELTA: [u16; 2] = [4, 6];
const CMP_NOTE: u16 = 7;

/// Per unit (the order of [`compare`]: the top three first) a block: the
/// unit's name, rank and final total; a header row; one row per listed
/// criterion with the three stages' values and the two differences as
/// formulas referencing the unit's sheet; the notes. The title
/// ([`words::EXPORT_COMPARE_TITLE`]) tells the import to skip the sheet.
fn write_comparison<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    comparison: &[UnitComparison],
    st: &'s Styles,
) -> Result<(), ExportError> {
    const W_CODE: f64 = 8.0;
    const W_CMP_TEXT: f64 = 44.0;
    const W_CMP_NOTE: f64 = 30.0;
    let sheet = form.sheet;
    let c = form.cols;
    o.ws.set_column_width(CMP_CODE, W_CODE)?;
    o.ws.set_column_width(CMP_TEXT, W_CMP_TEXT)?;
    for col in CMP_STAGE.iter().chain(&CMP_DELTA) {
        o.ws.set_column_width(*col, W_STAGE)?;
    }
    o.ws.set_column_width(CMP_NOTE, W_CMP_NOTE)?;
    let full = W_CODE + W_CMP_TEXT + 5.0 * W_STAGE + W_CMP_NOTE;
    let wide = full * 12.0 / 13.0;
    page_setup(o.ws, true, false)?;
    national_header(o, CMP_TEXT, CMP_NOTE, st)?;
    o.merged(3, 0, CMP_NOTE, words::EXPORT_COMPARE_TITLE, &st.heading)?;
    o.merged(4, 0, CMP_NOTE, &sheet.title, &st.subheading)?;
    fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
    o.merged(5, 0, CMP_NOTE, words::EXPORT_COMPARE_NOTE, &st.line)?;
    fit_row(
        o.ws,
        5,
        line_count(words::EXPORT_COMPARE_NOTE, wide, false),
        13.0,
    )?;
    let mut row = HEAD_ROW;
    for uc in comparison {
        let (Some(unit), Some(name)) = (sheet.units.get(uc.unit), names.get(uc.unit)) else {
            continue;
        };
        let at = sheet_ref(name);
        let result = &form.res.units[uc.unit];
        let mut line = t::export_compare_unit(&unit.name, uc.final_rank, result.final_total());
        match uc.bloc_rank {
            Some(r) => line.push_str(&format!(" ({})", t::bloc_rank(r).to_lowercase())),
            None if !uc.bloc_scored => line.push_str(&format!(" ({})", t::COMPARE_NOT_BLOC)),
            None => {}
        }
        o.merged(row, 0, CMP_NOTE, &line, &st.total_text)?;
        fit_row(o.ws, row, line_count(&line, wide, true), 12.0)?;
        row += 1;
        let heads = [
            (CMP_CODE, words::EXPORT_COMPARE_CODE),
            (CMP_TEXT, words::EXPORT_COL_TEXT),
            (CMP_STAGE[0], words::stage_word(Stage::SelfScore)),
            (CMP_STAGE[1], words::stage_word(Stage::Bloc)),
            (CMP_DELTA[0], words::EXPORT_COMPARE_DELTA),
            (CMP_STAGE[2], words::stage_word(Stage::Verify)),
            (CMP_DELTA[1], words::EXPORT_COMPARE_DELTA),
            (CMP_NOTE, t::COL_NOTE),
        ];
        for (col, text) in heads {
            o.text(row, col, text, &st.head)?;
        }
        let head_lines = heads
            .iter()
            .map(|(_, h)| line_count(h, W_STAGE, true))
            .max()
            .unwrap_or(1);
        fit_row(o.ws, row, head_lines, 12.0)?;
        row += 1;
        if uc.diffs.is_empty() {
            // A unit of the bloc's top three where nothing changed.
            for col in 0..=CMP_NOTE {
                o.format(row, col, &st.center);
            }
            o.text(row, CMP_TEXT, t::COMPARE_NO_DIFF, &st.guide)?;
            row += 1;
        }
        for d in &uc.diffs {
            let Some(pos) = form.tree().position(d.node) else {
                continue;
            };
            let src_row = form.row(pos);
            for col in 0..=CMP_NOTE {
                o.format(row, col, &st.center);
            }
            o.text(row, CMP_CODE, &d.code, &st.center)?;
            o.text(row, CMP_TEXT, &d.text, &st.text)?;
            let mut lines = line_count(&d.text, W_CMP_TEXT, false);
            let src = Stage::ALL.map(|s| format!("{at}{}", cell(c.stage[s.index()], src_row)));
            for s in Stage::ALL {
                let i = s.index();
                match d.values[i] {
                    Some(v) => o.formula(row, CMP_STAGE[i], &src[i], Cached::Num(v), &st.num)?,
                    None => {
                        let raw = unit.raw(d.node, s).trim();
                        if !raw.is_empty() {
                            o.text(row, CMP_STAGE[i], raw, &st.invalid)?;
                            lines = lines.max(line_count(raw, W_STAGE, false));
                        }
                    }
                }
            }
            for (k, s) in [Stage::Bloc, Stage::Verify].into_iter().enumerate() {
                if let (Some(v), Some(base)) = (d.values[s.index()], d.values[0]) {
                    let f = format!("{}-{}", src[s.index()], src[0]);
                    o.formula(row, CMP_DELTA[k], &f, Cached::Num(v - base), &st.delta)?;
                }
            }
            let notes: Vec<String> = Stage::ALL
                .into_iter()
                .filter(|s| !d.notes[s.index()].trim().is_empty())
                .map(|s| format!("{}{}", note_prefix(s), d.notes[s.index()]))
                .collect();
            if !notes.is_empty() {
                let text = notes.join("\n");
                o.text(row, CMP_NOTE, &text, &st.note)?;
                lines = lines.max(line_count(&text, W_CMP_NOTE, false));
            }
            fit_row(o.ws, row, lines, 12.0)?;
            row += 1;
        }
        // A blank line between units.
        row += 1;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The history of adjustments ("Lịch sử điều chỉnh")

/// Columns of the history sheet.
const HIST_NO: u16 = 0;
const HIST_UNIT: u16 = 1;
const HIST_CODE: u16 = 2;
const HIST_TEXT: u16 = 3;
const HIST_STAGE: u16 = 4;
const HIST_BEFORE: u16 = 5;
const HIST_AFTER: u16 = 6;
const HIST_REASON: u16 = 7;

/// One row per adjustment ([`adjustments`]: units in sheet order): the
/// unit, the criterion, the stage, tự chấm's value and the stage's (as
/// formulas on the unit's sheet when valid, as typed when not), and the
/// reason, or [`words::EXPORT_HISTORY_NO_REASON`] in italics. The title
/// ([`words::EXPORT_HISTORY_TITLE`]) tells the import to skip the sheet.
fn write_history<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    history: &[Adjustment],
    st: &'s Styles,
) -> Result<(), ExportError> {
    const W_NO: f64 = 5.0;
    const W_UNIT: f64 = 22.0;
    const W_CODE: f64 = 8.0;
    const W_TEXT: f64 = 36.0;
    const W_REASON: f64 = 30.0;
    let sheet = form.sheet;
    let c = form.cols;
    let widths = [
        (HIST_NO, W_NO),
        (HIST_UNIT, W_UNIT),
        (HIST_CODE, W_CODE),
        (HIST_TEXT, W_TEXT),
        (HIST_STAGE, W_STAGE),
        (HIST_BEFORE, W_STAGE),
        (HIST_AFTER, W_STAGE),
        (HIST_REASON, W_REASON),
    ];
    for (col, w) in widths {
        o.ws.set_column_width(col, w)?;
    }
    let wide = widths.iter().map(|(_, w)| w).sum::<f64>() * 12.0 / 13.0;
    page_setup(o.ws, true, true)?;
    national_header(o, HIST_CODE, HIST_REASON, st)?;
    o.merged(3, 0, HIST_REASON, words::EXPORT_HISTORY_TITLE, &st.heading)?;
    o.merged(4, 0, HIST_REASON, &sheet.title, &st.subheading)?;
    fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
    o.merged(5, 0, HIST_REASON, words::EXPORT_HISTORY_NOTE, &st.line)?;
    fit_row(
        o.ws,
        5,
        line_count(words::EXPORT_HISTORY_NOTE, wide, false),
        13.0,
    )?;
    let heads = [
        (HIST_NO, t::COL_STT),
        (HIST_UNIT, t::COL_UNIT),
        (HIST_CODE, words::EXPORT_COMPARE_CODE),
        (HIST_TEXT, words::EXPORT_COL_TEXT),
        (HIST_STAGE, words::EXPORT_HISTORY_STAGE),
        (HIST_BEFORE, words::EXPORT_HISTORY_BEFORE),
        (HIST_AFTER, words::EXPORT_HISTORY_AFTER),
        (HIST_REASON, words::EXPORT_HISTORY_REASON),
    ];
    for (col, text) in heads {
        o.text(HEAD_ROW, col, text, &st.head)?;
    }
    let head_lines = heads
        .iter()
        .map(|(col, h)| {
            let w = widths
                .iter()
                .find(|(c, _)| c == col)
                .map_or(W_STAGE, |x| x.1);
            line_count(h, w, true)
        })
        .max()
        .unwrap_or(1);
    fit_row(o.ws, HEAD_ROW, head_lines, 12.0)?;
    let mut row = HEAD_ROW + 1;
    for (k, a) in history.iter().enumerate() {
        let (Some(unit), Some(name), Some(pos)) = (
            sheet.units.get(a.unit),
            names.get(a.unit),
            form.tree().position(a.node),
        ) else {
            continue;
        };
        let at = sheet_ref(name);
        let src_row = form.row(pos);
        let max = sheet.nodes[pos].max;
        o.number(row, HIST_NO, (k + 1) as f64, &st.center)?;
        o.text(row, HIST_UNIT, &unit.name, &st.text)?;
        o.text(row, HIST_CODE, &a.code, &st.center)?;
        o.text(row, HIST_TEXT, &a.text, &st.text)?;
        o.text(row, HIST_STAGE, words::stage_word(a.stage), &st.center)?;
        let mut lines =
            line_count(&a.text, W_TEXT, false).max(line_count(&unit.name, W_UNIT, false));
        for (col, stage, raw) in [
            (HIST_BEFORE, Stage::SelfScore, &a.before),
            (HIST_AFTER, a.stage, &a.after),
        ] {
            match evaluate(raw, max).value() {
                Some(v) => {
                    let src = format!("{at}{}", cell(c.stage[stage.index()], src_row));
                    o.formula(row, col, &src, Cached::Num(v), &st.num)?;
                }
                None => {
                    o.text(row, col, raw, &st.invalid)?;
                    lines = lines.max(line_count(raw, W_STAGE, false));
                }
            }
        }
        if a.reason.is_empty() {
            o.text(row, HIST_REASON, words::EXPORT_HISTORY_NO_REASON, &st.guide)?;
        } else {
            o.text(row, HIST_REASON, &a.reason, &st.note)?;
            lines = lines.max(line_count(&a.reason, W_REASON, false));
        }
        fit_row(o.ws, row, lines, 12.0)?;
        row += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn wrapped_lines_are_counted_in_chars_at_spaces_and_breaks() {
        // 10 chars a line (width 10, bold).
        assert_eq!(line_count("", 10.0, true), 1);
        assert_eq!(line_count("Điểm chuẩn", 10.0, true), 1);
        // 10 chars, 14 bytes: still one line.
        assert_eq!(
            line_count("Điểm chuẩn".to_uppercase().as_str(), 10.0, true),
            1
        );
        assert_eq!(line_count("Điểm tự chấm", 10.0, true), 2);
        assert_eq!(line_count("a\nb\n", 10.0, true), 3);
        // A word longer than a line takes as many lines as it needs.
        assert_eq!(line_count("Thẩmđịnhđiểmthiđua", 10.0, true), 2);
        assert_eq!(line_count("x Thẩmđịnhđiểmthiđuaaa", 10.0, true), 3);
        // Regular text is narrower: 11 chars a line.
        assert_eq!(line_count("Điểm tự chấ", 10.0, false), 1);
        assert_eq!(line_count("Điểm tự chấm", 10.0, false), 2);
        assert_eq!(line_count("ab", 0.0, false), 2);
    }

    #[test]
    fn file_names_are_ascii_slugs() {
        assert_eq!(file_name("Khối huyện 2022"), "khoi-huyen-2022.xlsx");
        assert_eq!(
            file_name("  ĐIỂM thi đua — Sở Nội vụ (2024)!! "),
            "diem-thi-dua-so-noi-vu-2024.xlsx"
        );
        assert_eq!(file_name(""), "bang-cham-diem.xlsx");
        assert_eq!(file_name("—/—"), "bang-cham-diem.xlsx");
        let long = file_name(&"Khối thi đua các huyện thị xã thành phố ".repeat(5));
        assert!(long.len() <= MAX_SLUG + 5, "{long}");
        assert!(!long.contains("--") && !long.starts_with('-'));
        assert!(long.ends_with(".xlsx") && !long.ends_with("-.xlsx"));
        // Decomposed input gives the same name.
        let nfd: String = "Khối huyện 2022".nfd().collect();
        assert_eq!(file_name(&nfd), "khoi-huyen-2022.xlsx");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut s = Scoresheet::new("t");
        for name in [
            "UBND huyện [Cẩm Xuyên]: A/B*?",
            "ubnd huyện cẩm xuyên- a-b",
            "Tổng hợp",
            "'Trích'",
            "Ủy ban nhân dân thành phố Hà Tĩnh tỉnh Hà Tĩnh",
            "Ủy ban nhân dân thành phố Hà Tĩnh tỉnh Hà Tĩnh nữa",
            "",
        ] {
            s.push_unit(name);
        }
        let names = sheet_names(&s);
        assert_eq!(names[0], "UBND huyện Cẩm Xuyên- A-B");
        assert_eq!(names[1], "ubnd huyện cẩm xuyên- a-b (2)");
        assert_eq!(names[2], "Tổng hợp (2)");
        assert_eq!(names[3], "Trích");
        assert_eq!(names[6], "Đơn vị 7");
        let mut seen = HashSet::new();
        for n in &names {
            rust_xlsxwriter::utility::check_sheet_name(n).unwrap();
            assert!(seen.insert(n.to_lowercase()), "{n}");
        }
        assert_eq!(names[4].chars().count(), 31);
        assert!(names[5].ends_with(" (2)"));
        // The hidden sheet's name and Excel's own are taken, in any case;
        // a blank name never takes a real one's.
        let mut s = Scoresheet::new("t");
        for name in ["CHAMDIEM", "history", " ' ", "Đơn vị 3"] {
            s.push_unit(name);
        }
        assert_eq!(
            sheet_names(&s),
            ["CHAMDIEM (2)", "history (2)", "Đơn vị 3 (2)", "Đơn vị 3"]
        );
    }

    #[test]
    fn whole_number_labels() {
        assert_eq!(whole_number("12"), Some(12.0));
        assert_eq!(whole_number("01"), None);
        assert_eq!(whole_number("1."), None);
        assert_eq!(whole_number("1.1"), None);
        assert_eq!(whole_number("I"), None);
    }

    #[test]
    fn an_empty_scoresheet_is_refused() {
        let s = Scoresheet::new("t");
        assert_eq!(export(&s), Err(ExportError::Empty));
        assert!(ExportError::Empty.message().contains("tiêu chí"));
    }

    #[test]
    fn export_errors_say_so_in_vietnamese_with_the_detail_apart() {
        let english = "Worksheet name 'x' is already in use";
        for e in [
            ExportError::Empty,
            ExportError::Write(english.into()),
            ExportError::Data(english.into()),
        ] {
            let m = e.message();
            assert!(
                !m.contains(english) && !m.contains("Chi tiết kỹ thuật"),
                "{m}"
            );
            assert!(e.to_string().starts_with("Không tạo được tệp Excel: "));
            assert_eq!(e.detail().is_some(), e != ExportError::Empty);
        }
        let w = ExportError::from(XlsxError::SheetnameReused("x".into()));
        assert_eq!(w.code(), "write");
        assert!(w.detail().is_some_and(|d| d.contains('x')));
        assert!(w.to_string().starts_with(t::EXPORT_FAILED));
        assert!(w.to_string().contains("\nChi tiết: "));
    }
}
