//! Writing cells: the [`Out`] cell writer (values now, formats batched),
//! cell references and formula text, row heights for wrapped text, and the
//! parts every sheet shares (page setup, national header, signature).

use super::error::ExportError;
use super::styles::Styles;
use crate::model::{Dec, Face, Scoresheet};
use crate::xlsx::col_letter;
use crate::xlsx::words;
use rust_xlsxwriter::{Format, Formula, Worksheet};

/// A 0-based row number, as rust_xlsxwriter numbers them.
pub(super) type RowNum = u32;
/// A 0-based column number, as rust_xlsxwriter numbers them.
pub(super) type ColNum = u16;

/// Longest text Excel keeps in a cell, in UTF-16 units.
pub(super) const MAX_CELL_TEXT: usize = 32_767;
/// Longest note text rust_xlsxwriter accepts (Excel's limit less its prefix).
pub(super) const MAX_NOTE_TEXT: usize = 32_767 - 54;
/// Excel refuses formulas longer than 8,192 characters; past this length
/// the cached value is written instead of the formula.
const MAX_FORMULA_CHARS: usize = 8_000;
/// 0-based row of the table header on every sheet (Excel row 8).
pub(super) const HEAD_ROW: RowNum = 7;

/// NFC, cut to what a cell holds.
pub(super) fn cell_text(s: &str, limit: usize) -> String {
    let s = crate::xlsx::read::to_nfc(s);
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

/// A sheet name as a formula reference prefix: 'Cẩm Xuyên'!
pub(super) fn sheet_ref(name: &str) -> String {
    format!("'{}'!", name.replace('\'', "''"))
}

/// "D12"
pub(super) fn cell(row: RowNum, col: ColNum) -> String {
    format!("{}{}", col_letter(col as u32), row + 1)
}

/// "$D$12"
pub(super) fn abs_cell(row: RowNum, col: ColNum) -> String {
    format!("${}${}", col_letter(col as u32), row + 1)
}

/// A string literal inside a formula.
pub(super) fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A formula's cached result.
pub(super) enum Cached {
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
pub(super) struct Out<'w, 's> {
    pub(super) ws: &'w mut Worksheet,
    /// (row, column, format) in the order set: the last one set wins.
    formats: Vec<(RowNum, ColNum, &'s Format)>,
    /// Extent of the cells holding values (rows, columns).
    rows: (RowNum, RowNum),
    cols: (ColNum, ColNum),
}

impl<'w, 's> Out<'w, 's> {
    pub(super) fn new(ws: &'w mut Worksheet) -> Self {
        Out {
            ws,
            formats: Vec::new(),
            rows: (RowNum::MAX, 0),
            cols: (ColNum::MAX, 0),
        }
    }

    /// A value was written at (row, col), to be shown with `fmt`.
    fn wrote(&mut self, row: RowNum, col: ColNum, fmt: &'s Format) {
        self.rows = (self.rows.0.min(row), self.rows.1.max(row));
        self.cols = (self.cols.0.min(col), self.cols.1.max(col));
        self.format(row, col, fmt);
    }

    /// The cell's format (an empty cell with a border, say).
    pub(super) fn format(&mut self, row: RowNum, col: ColNum, fmt: &'s Format) {
        self.formats.push((row, col, fmt));
    }

    pub(super) fn number(
        &mut self,
        row: RowNum,
        col: ColNum,
        v: f64,
        fmt: &'s Format,
    ) -> Result<(), ExportError> {
        self.ws.write_number(row, col, v)?;
        self.wrote(row, col, fmt);
        Ok(())
    }

    /// Text, never a formula: write_string keeps "=…", "+…", "-…" and
    /// "@…" as text.
    pub(super) fn text(
        &mut self,
        row: RowNum,
        col: ColNum,
        s: &str,
        fmt: &'s Format,
    ) -> Result<(), ExportError> {
        self.ws
            .write_string(row, col, cell_text(s, MAX_CELL_TEXT))?;
        self.wrote(row, col, fmt);
        Ok(())
    }

    /// A formula with its cached result; a formula too long for Excel is
    /// replaced by its value.
    pub(super) fn formula(
        &mut self,
        row: RowNum,
        col: ColNum,
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
    pub(super) fn merged(
        &mut self,
        row: RowNum,
        first: ColNum,
        last: ColNum,
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
    pub(super) fn finish(self) -> Result<(), ExportError> {
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
            .map(|f| usize::from(f.1) + 1)
            .max()
            .unwrap_or(0);
        let mut by_col: Vec<Vec<(RowNum, &Format)>> = vec![Vec::new(); width];
        for (row, col, fmt) in formats {
            by_col[usize::from(col)].push((row, fmt));
        }
        let (rows, cols) = (rows.0..=rows.1, cols.0..=cols.1);
        for (col, mut cells) in by_col.into_iter().enumerate() {
            let col = col as ColNum;
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
///
/// Capitals count [`CAPITAL`]/[`CHAR`] (1.45) of a character and spaces
/// half: in Times New Roman capitals are that much wider than small
/// letters and digits, spaces that much narrower. Counted
/// as one, "THƯỜNG TRỰC HĐND TỈNH THANH HÓA" (31 characters) fitted a
/// 37-digit cell on paper, while LibreOffice wrapped it after "THANH" and
/// its second line overlapped the next line of the header (the summary
/// of tests/fixtures/real/02, 02/12/2026).
pub(super) fn line_count(text: &str, width: f64, bold: bool) -> usize {
    // Times New Roman is narrower than the digit width columns are
    // measured in; bold is wider.
    let per_line = ((width * if bold { 1.0 } else { 1.1 }) as usize).max(1);
    let room = per_line * CHAR;
    // Bytes bound chars: most cells (scores, short texts) fit at a glance.
    if text.len() * CAPITAL <= room && !text.contains('\n') {
        return 1;
    }
    let wide = |c: char| if c.is_uppercase() { CAPITAL } else { CHAR };
    text.split('\n')
        .map(|para| {
            let mut lines = 1;
            let mut used = 0;
            for word in para.split(' ') {
                let n: usize = word.chars().map(wide).sum();
                let need = if used == 0 { n } else { used + SPACE + n };
                if need <= room {
                    used = need;
                } else if used == 0 {
                    lines += n.saturating_sub(1) / room;
                    used = n % room;
                } else {
                    lines += 1 + n.saturating_sub(1) / room;
                    used = n % room;
                }
            }
            lines
        })
        .sum()
}

/// The width of a character, a capital and a space, in [`line_count`]'s
/// units (Times New Roman: a space is half a digit).
const CHAR: usize = 20;
const CAPITAL: usize = 29;
const SPACE: usize = 10;

/// Sets a row's height for `lines` lines of text of `size` points.
pub(super) fn fit_row(
    ws: &mut Worksheet,
    row: RowNum,
    lines: usize,
    size: f64,
) -> Result<(), ExportError> {
    if lines > 1 {
        let h = (lines as f64 * size * 1.17 + 3.0).min(409.0);
        ws.set_row_height(row, h)?;
    }
    Ok(())
}

/// The date line (with the template's place when it has one: "Hà Tĩnh,
/// ngày … tháng … năm …"), the signer and the signing hint from `row`
/// down, over the columns `first..=last`.
pub(super) fn signature<'s>(
    o: &mut Out<'_, 's>,
    face: &Face,
    row: RowNum,
    first: ColNum,
    last: ColNum,
    st: &'s Styles,
) -> Result<(), ExportError> {
    let date = words::export_date_line(&face.place);
    o.merged(row, first, last, &date, &st.sign_italic)?;
    o.merged(row + 1, first, last, words::EXPORT_SIGNER, &st.sign_bold)?;
    o.merged(
        row + 2,
        first,
        last,
        words::EXPORT_SIGN_HINT,
        &st.sign_italic,
    )
}

/// The national header block, as Vietnamese administrative documents
/// open: on the left the template's issuing body (its superior body's
/// line plain, its own in bold, as Nghị định 30/2020 lays them out; the
/// generic "KHỐI THI ĐUA" when the template names none), on the right the
/// national motto. `left_wide`: the left block's width in characters.
pub(super) fn national_header<'s>(
    o: &mut Out<'_, 's>,
    face: &Face,
    (left_last, right_last): (ColNum, ColNum),
    left_wide: f64,
    st: &'s Styles,
) -> Result<(), ExportError> {
    let generic = [words::EXPORT_BLOC.to_string()];
    let issuer: &[String] = match face.issuer.is_empty() {
        true => &generic,
        false => &face.issuer,
    };
    let last = issuer.len().saturating_sub(1);
    for (i, line) in issuer.iter().enumerate().take(3) {
        let row = i as RowNum;
        // The body issuing is bold; the bodies above it are not.
        let fmt = if face.is_body_line(i) || (face.issuer.is_empty() && i == last) {
            &st.block_bold
        } else {
            &st.block_plain
        };
        o.merged(row, 0, left_last, line, fmt)?;
        fit_row(
            o.ws,
            row,
            line_count(line, left_wide * 12.0 / 13.0, true),
            13.0,
        )?;
    }
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
pub(super) fn page_setup(
    ws: &mut Worksheet,
    sheet: &Scoresheet,
    landscape: bool,
    repeat_head: bool,
) -> Result<(), ExportError> {
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
    ws.set_footer(words::page_footer(sheet.lock.as_ref()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_counted_in_chars_at_spaces_and_breaks() {
        // 10 chars a line (width 10, bold).
        assert_eq!(line_count("", 10.0, true), 1);
        assert_eq!(line_count("Điểm chuẩn", 10.0, true), 1);
        // Capitals are wider: the same 10 letters in capitals take two.
        assert_eq!(
            line_count("Điểm chuẩn".to_uppercase().as_str(), 10.0, true),
            2
        );
        assert_eq!(line_count("ĐIỂM CH", 10.0, true), 1);
        // As LibreOffice laid it out in a 37-digit cell (34 after the 12/13
        // of the header's smaller type): two lines, then one.
        let header = 37.0 * 12.0 / 13.0;
        assert_eq!(
            line_count("THƯỜNG TRỰC HĐND TỈNH THANH HÓA", header, true),
            2
        );
        assert_eq!(line_count("TỔ CÔNG TÁC THẨM ĐỊNH", header, true), 1);
        assert_eq!(line_count("Điểm tự chấm", 10.0, true), 2);
        assert_eq!(line_count("a\nb\n", 10.0, true), 3);
        // A word longer than a line takes as many lines as it needs.
        assert_eq!(line_count("Thẩmđịnhđiểmthiđua", 10.0, true), 2);
        assert_eq!(line_count("x thẩmđịnhđiểmthiđuaaa", 10.0, true), 3);
        // Regular text is narrower: 11 chars a line.
        assert_eq!(line_count("Điểm tự chấ", 10.0, false), 1);
        assert_eq!(line_count("Điểm tự chấm", 10.0, false), 2);
        assert_eq!(line_count("ab", 0.0, false), 2);
    }
}
