//! The template's own face: the lines its authors put above the table
//! (the issuing body's block, the place of the date line). An export and
//! the dossier's documents print them as the bloc wrote them, instead of a
//! generic "KHỐI THI ĐUA".

use serde::{Deserialize, Serialize};

/// What stands above a template's table, as read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Face {
    /// The issuing body's block, top-left, line by line, as written:
    /// ["UBND TỈNH HÀ TĨNH", "KHỐI THI ĐUA CÁC HUYỆN, THÀNH PHỐ, THỊ XÃ"].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issuer: Vec<String>,
    /// The place of the date line ("Hà Tĩnh, ngày … tháng … năm …"), empty
    /// when the template has none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// The line the issuing body's own name starts on, when its name is
    /// set on more than one line ("THƯỜNG TRỰC HĐND" / "TỈNH THANH HÓA"):
    /// from there on the lines are printed in bold. `None`: the last line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_from: Option<usize>,
}

impl Face {
    pub fn is_empty(&self) -> bool {
        self.issuer.is_empty() && self.place.is_empty()
    }

    /// Whether issuer line `i` is the issuing body's (printed in bold, as
    /// NĐ 30/2020 sets it; the bodies above it are plain).
    pub fn is_body_line(&self, i: usize) -> bool {
        let last = self.issuer.len().saturating_sub(1);
        i >= self.body_from.unwrap_or(last).min(last)
    }
}
