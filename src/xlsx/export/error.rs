//! Why an export fails: [`ExportError`], its code, message and detail.

use crate::strings as t;
use rust_xlsxwriter::XlsxError;

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

#[cfg(test)]
mod tests {
    use super::*;

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
