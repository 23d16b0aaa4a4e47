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
}

impl Face {
    pub fn is_empty(&self) -> bool {
        self.issuer.is_empty() && self.place.is_empty()
    }
}
