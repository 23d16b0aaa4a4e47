//! "Xuất phiếu cho từng đơn vị": one workbook per unit, for the unit to
//! fill in Excel, WPS, LibreOffice or this app and send back, all in one
//! .zip.
//!
//! Each workbook holds the unit's form as the export writes it (the same
//! layout, so the import reads it back; "Đơn vị: …" above the table), with
//! what the unit has scored so far; only its tự chấm and note cells are
//! unlocked ([`super::export`]'s `pack_book`). Its hidden sheet carries a
//! [`PackStamp`]: the table's fingerprint and the unit's id, which the
//! merge uses ([`crate::model::merge`], rule 16).
//!
//! The workbooks are stored in the zip as they are, not compressed again:
//! an .xlsx is a deflated zip already ([`super::zip_store`]).

use super::export::{file_name, pack_book, ExportError};
use super::zip_store::stored_zip;
use crate::model::pack::PackStamp;
use crate::model::{Scoresheet, Stage};
use std::collections::HashSet;

/// The workbook of unit `index` of `sheet` (for tests and tools).
pub fn export_pack(sheet: &Scoresheet, index: usize) -> Result<Vec<u8>, ExportError> {
    let Some(unit) = sheet.units.get(index) else {
        return Err(ExportError::NoUnits);
    };
    let mut one = sheet.clone();
    let mut unit = unit.clone();
    // The bloc's record of what came in is not the unit's business, nor
    // the thẩm định the bloc drafts before the Board has verified.
    unit.receipts.clear();
    unit.marks[Stage::Verify.index()].clear();
    one.units = vec![unit];
    pack_book(&one, &PackStamp::new(sheet, &sheet.units[index]))
}

/// The slug of a unit without a name.
const UNNAMED: &str = "don vi";

/// The file names of the units' workbooks, in unit order: their place in
/// the list and an ASCII slug of the short name ("03-duc-tho.xlsx"),
/// unique.
pub fn pack_names(sheet: &Scoresheet) -> Vec<String> {
    let width = sheet.units.len().to_string().len().max(2);
    let mut used = HashSet::new();
    sheet
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let short = u.short_name();
            let slug = match short.trim() {
                "" => file_name(UNNAMED),
                s => file_name(s),
            };
            let stem = slug.trim_end_matches(".xlsx");
            let mut name = format!("{:0width$}-{stem}.xlsx", i + 1);
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{:0width$}-{stem}-{n}.xlsx", i + 1);
                n += 1;
            }
            name
        })
        .collect()
}

/// The zip's name: the sheet's file name with "-phieu-don-vi.zip".
pub fn packs_zip_name(title: &str) -> String {
    let name = file_name(title);
    format!("{}-phieu-don-vi.zip", name.trim_end_matches(".xlsx"))
}

/// Every unit's workbook in one zip. A sheet without units has nothing to
/// send: [`ExportError::NoUnits`].
pub fn export_packs(sheet: &Scoresheet) -> Result<Vec<u8>, ExportError> {
    if sheet.units.is_empty() {
        return Err(ExportError::NoUnits);
    }
    let files = pack_names(sheet)
        .into_iter()
        .enumerate()
        .map(|(i, name)| Ok((name, export_pack(sheet, i)?)))
        .collect::<Result<Vec<_>, ExportError>>()?;
    stored_zip(&files).map_err(|_| ExportError::Write("zip: over 65,535 files or 4 GB".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample;

    #[test]
    fn names_are_numbered_ascii_slugs_and_unique() {
        let mut s = sample::sample();
        s.units.truncate(2);
        s.units[0].name = "UBND huyện Đức Thọ".into();
        s.units[0].short = None;
        s.units[1].name = "Huyện Đức Thọ".into();
        s.units[1].short = None;
        s.push_unit("");
        assert_eq!(
            pack_names(&s),
            ["01-duc-tho.xlsx", "02-duc-tho.xlsx", "03-don-vi.xlsx"]
        );
        assert_eq!(
            packs_zip_name("Khối huyện 2024"),
            "khoi-huyen-2024-phieu-don-vi.zip"
        );
    }

    #[test]
    fn no_units_no_packs() {
        let mut s = sample::sample();
        s.units.clear();
        assert_eq!(export_packs(&s), Err(ExportError::NoUnits));
        assert_eq!(export_pack(&s, 0), Err(ExportError::NoUnits));
    }
}
