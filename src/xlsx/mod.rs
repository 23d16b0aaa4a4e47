//! Spreadsheet files: bytes in, model out (import) and model in, bytes out
//! (export). No DOM here: this compiles and tests natively.

mod classes;
pub mod export;
pub mod face;
pub mod fixes;
pub mod import;
pub mod layout;
mod nfc;
pub mod packs;
pub mod read;
mod role;
pub mod warning;
pub mod wording;
pub mod words;
pub mod zip_store;

/// The text folding the file layer used to hold; it lives in the model now
/// ([`crate::model::text`]). Kept for export.rs's paths.
pub mod text {
    pub use crate::model::text::fold;
}

pub use export::{export, file_name, ExportError};
pub use fixes::{Fixes, ReadRow, Remembered, RowFix, RowRole};
pub use import::{import, ImportOptions, Imported, Report};
pub use read::{Format, MAX_FILE_BYTES};
pub use role::Role;
pub use warning::{Said, Warning};

/// Why a file cannot be imported. Each has its own Vietnamese message
/// (`crate::strings::import_error`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImportError {
    /// Zero bytes.
    Empty,
    /// Over the stated size limit.
    TooLarge { limit_mb: usize },
    /// More cells than we read.
    TooManyCells { limit: usize },
    /// More sheets than we read.
    TooManySheets { limit: usize },
    /// More text in the cells than we keep.
    TooMuchText { limit_mb: usize },
    /// A scoring table with more rows than a real one has.
    TooManyCriteria { limit: usize },
    /// More units than a scoresheet holds.
    TooManyUnits { limit: usize },
    /// More unit × criterion cells than the page takes in (`criteria`
    /// rows of the table, for as many units as read before the limit).
    TooManyScores { criteria: usize, limit: usize },
    /// The scoresheet read holds more text than the page takes in.
    ResultTooLarge { limit_mb: usize },
    /// An image, a PDF, anything that is not a spreadsheet.
    NotSpreadsheet,
    /// A text file (CSV, TSV).
    Csv,
    /// The file was cut short (an interrupted download or copy).
    Truncated,
    /// Protected by a password.
    Encrypted,
    /// A macro-enabled workbook (.xlsm): refused, see the message.
    Macro,
    /// A zip archive that is not a workbook.
    NotWorkbook,
    /// A workbook without a recognisable scoring table.
    NoTable,
    /// An .xls whose text is in a legacy code page (Excel 95 and older):
    /// the worker carries no code-page tables (vendor/calamine patch 12).
    OldXls { codepage: u16 },
    /// The reader failed for another reason (kept for the details).
    Broken(String),
}

impl ImportError {
    /// A stable short name, for tests and the inspect tool.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "empty",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::TooManyCells { .. } => "too_many_cells",
            ImportError::TooManySheets { .. } => "too_many_sheets",
            ImportError::TooMuchText { .. } => "too_much_text",
            ImportError::TooManyCriteria { .. } => "too_many_criteria",
            ImportError::TooManyUnits { .. } => "too_many_units",
            ImportError::TooManyScores { .. } => "too_many_scores",
            ImportError::ResultTooLarge { .. } => "result_too_large",
            ImportError::NotSpreadsheet => "not_spreadsheet",
            ImportError::Csv => "csv",
            ImportError::Truncated => "truncated",
            ImportError::Encrypted => "encrypted",
            ImportError::Macro => "macro",
            ImportError::NotWorkbook => "not_workbook",
            ImportError::NoTable => "no_table",
            ImportError::OldXls { .. } => "old_xls",
            ImportError::Broken(_) => "broken",
        }
    }

    /// The message shown to people, in Vietnamese.
    pub fn message(&self) -> String {
        crate::strings::import_error(self)
    }

    /// Technical detail for a bug report (English, from the reader), shown
    /// only on request.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ImportError::Broken(d) => Some(d),
            _ => None,
        }
    }
}

/// The message, then the detail on its own line (for tools and logs).
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())?;
        match self.detail() {
            Some(d) => write!(f, "\n{}: {d}", crate::strings::ERROR_DETAIL),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ImportError {}

/// Column letters as spreadsheets show them (0 → "A", 27 → "AB").
pub fn col_letter(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_letters() {
        assert_eq!(super::col_letter(0), "A");
        assert_eq!(super::col_letter(25), "Z");
        assert_eq!(super::col_letter(26), "AA");
        assert_eq!(super::col_letter(701), "ZZ");
    }
}
