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
//!
//! One concept a file, as rust_xlsxwriter keeps them: `error` (why an
//! export fails), `styles` (the cell formats), `writer` (the cell writer,
//! cell references, row heights, and the page, header and signature every
//! sheet shares), `form` (the unit form and its formula algebra),
//! `summary`, `comparison` and `history` (the other sheets); here, the
//! workbook, a unit pack's book, and file and sheet names. Rows and
//! columns are 0-based and given in (row, col) order, as `RowNum` and
//! `ColNum`.

mod comparison;
mod error;
mod form;
mod history;
mod styles;
mod summary;
mod writer;

use self::comparison::write_comparison;
use self::form::Form;
use self::history::write_history;
use self::styles::Styles;
use self::summary::write_summary;
use self::writer::Out;
use super::layout::{write_meta, META_SHEET};
use super::words;
use crate::model::compare::{adjustments, compare};
use crate::model::pack::PackStamp;
use crate::model::{Results, Scoresheet};
use rust_xlsxwriter::{ProtectionOptions, Workbook};
use std::collections::HashSet;

pub use self::error::ExportError;

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

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

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
    fn an_empty_scoresheet_is_refused() {
        let s = Scoresheet::new("t");
        assert_eq!(export(&s), Err(ExportError::Empty));
        assert!(ExportError::Empty.message().contains("tiêu chí"));
    }
}
