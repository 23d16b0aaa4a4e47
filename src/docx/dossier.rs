//! "Gói hồ sơ": the workbook and the two documents in one zip, named after
//! the scoresheet (the bloc and the year its title gives), for the Ban Thi
//! đua - Khen thưởng.

use crate::model::Scoresheet;
use crate::xlsx::export::file_name;
use crate::xlsx::zip_store::stored_zip;
use crate::xlsx::ExportError;
use serde::{Deserialize, Serialize};

/// A document of the dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Document {
    /// "Biên bản họp khối".
    Minutes,
    /// "Báo cáo kết quả chấm điểm".
    Report,
}

impl Document {
    pub const ALL: [Document; 2] = [Document::Minutes, Document::Report];

    /// The file's name: "bien-ban-hop-khoi-khoi-huyen-2024.docx".
    pub fn file_name(self, title: &str) -> String {
        let kind = match self {
            Document::Minutes => "bien-ban-hop-khoi",
            Document::Report => "bao-cao-ket-qua",
        };
        super::file_name(kind, title)
    }

    /// The .docx of `sheet`.
    pub fn write(self, sheet: &Scoresheet) -> Result<Vec<u8>, ExportError> {
        let written = match self {
            Document::Minutes => super::minutes(sheet),
            Document::Report => super::report(sheet),
        };
        written.map_err(|_| ExportError::Write("document larger than a zip holds".into()))
    }
}

/// "ho-so-thi-dua-khoi-huyen-2024.zip"
pub fn dossier_name(title: &str) -> String {
    format!(
        "ho-so-thi-dua-{}.zip",
        file_name(title).trim_end_matches(".xlsx")
    )
}

/// The zip: the workbook, then the biên bản and the báo cáo.
pub fn dossier(sheet: &Scoresheet) -> Result<Vec<u8>, ExportError> {
    let mut files = vec![(file_name(&sheet.title), crate::xlsx::export(sheet)?)];
    for d in Document::ALL {
        files.push((d.file_name(&sheet.title), d.write(sheet)?));
    }
    stored_zip(&files).map_err(|_| ExportError::Write("dossier larger than a zip holds".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    #[test]
    fn the_dossier_holds_the_workbook_and_both_documents_named_after_the_sheet() {
        let s = sample();
        assert_eq!(
            dossier_name("Khối huyện — năm 2024"),
            "ho-so-thi-dua-khoi-huyen-nam-2024.zip"
        );
        let bytes = dossier(&s).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        let stem = file_name(&s.title);
        let stem = stem.trim_end_matches(".xlsx");
        assert_eq!(
            names,
            [
                format!("{stem}.xlsx"),
                format!("bien-ban-hop-khoi-{stem}.docx"),
                format!("bao-cao-ket-qua-{stem}.docx"),
            ]
        );
        // The workbook inside reads back as the sheet.
        let mut xlsx = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut xlsx).unwrap();
        let back = crate::xlsx::import(&xlsx, &Default::default()).unwrap();
        assert_eq!(back.sheet.units.len(), s.units.len());
    }
}
