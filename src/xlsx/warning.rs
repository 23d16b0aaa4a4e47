//! What an import says people should know (a value read a certain way, a
//! code repeated, a section whose parts do not add up), as data: the
//! worker sends it to the page, and only the page turns it into words
//! (`strings::warning`), so no Vietnamese crosses the worker boundary and
//! tests can match on what was found, not on its wording.

use crate::model::{Dec, ParseError};
use crate::strings as t;
use serde::{Deserialize, Serialize};

/// Which value a reading note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    /// A criterion's maximum ("điểm chuẩn").
    Max,
    /// A criterion's weight ("hệ số").
    Weight,
}

/// What was found. Texts quoted from the file are clipped by the import.
//
// Externally tagged (serde's default), not `#[serde(tag = "k")]`: an
// internally tagged enum is deserialized through serde's buffered
// `Content`, which cost the page 42.5 KB of wasm for this one type
// (twiggy, 02/12/2026).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Said {
    /// `text` was read as `value` ("10 điểm" → 10).
    ReadAs {
        what: Field,
        text: String,
        value: Dec,
    },
    /// A number unclear about its dot ("1.000"), left out.
    Unclear { what: Field, error: ParseError },
    /// Text that is no number, left out.
    Unreadable { what: Field, text: String },
    /// A weight of 0 or less: weight 1 is used.
    WeightNotPositive { value: Dec },
    /// A criterion code seen before, on `first_row` (1-based).
    DuplicateCode { code: String, first_row: u32 },
    /// A unit's row whose code the template does not have.
    UnknownCode { code: String },
    /// A unit whose name is close to `others`', kept apart.
    SimilarUnits { name: String, others: Vec<String> },
    /// A cell text far longer than criteria are.
    LongText { chars: usize },
    /// Numbering deeper than the tree keeps: `rows` put at level `max`.
    TooDeep { max: usize, rows: usize },
    /// The notes past the listed ones, counted.
    More { n: usize },
    /// A criterion with no maximum: it cannot be scored.
    NoMax { code: String },
    /// A section's stated maximum differs from its parts' sum.
    SectionSum { code: String, stated: Dec, sum: Dec },
    /// A maximum typed as a rate ("2 điểm/lần").
    Rate { text: String },
    /// A rate item inside a bonus or deduction block takes its cap.
    RateCapped { code: String, cap: Dec },
    /// A numbered heading repeated on the next row, which has the points.
    RepeatedHeading { label: String, second_row: u32 },
    /// `n` children that are levels of their parent (choose one).
    Levels { label: String, n: usize },
    /// A row with points and no number between numbered siblings.
    InferredNumber { label: String },
    /// A bonus or deduction block inside content part `part`.
    Lifted { code: String, part: String },
}

impl Said {
    /// The bytes its texts hold, for the import's memory estimate.
    pub fn text_len(&self) -> usize {
        match self {
            Said::ReadAs { text, .. }
            | Said::Unreadable { text, .. }
            | Said::Rate { text }
            | Said::DuplicateCode { code: text, .. }
            | Said::UnknownCode { code: text }
            | Said::NoMax { code: text }
            | Said::SectionSum { code: text, .. }
            | Said::RateCapped { code: text, .. }
            | Said::RepeatedHeading { label: text, .. }
            | Said::Levels { label: text, .. }
            | Said::InferredNumber { label: text } => text.len(),
            Said::SimilarUnits { name, others } => {
                name.len() + others.iter().map(String::len).sum::<usize>()
            }
            Said::Lifted { code, part } => code.len() + part.len(),
            Said::Unclear { .. }
            | Said::WeightNotPositive { .. }
            | Said::LongText { .. }
            | Said::TooDeep { .. }
            | Said::More { .. } => 0,
        }
    }
}

/// Something people should know about the import, with its place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 1-based row, as the spreadsheet shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    pub said: Said,
}

impl Warning {
    /// On a row of a sheet.
    pub fn at(sheet: &str, row: u32, said: Said) -> Warning {
        Warning {
            sheet: Some(sheet.to_string()),
            row: Some(row),
            said,
        }
    }
}

/// "Trang 'X', dòng 14: …", in Vietnamese: for the page and reports.
impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t::warning_place(
            self.sheet.as_deref(),
            self.row,
            &t::warning(&self.said),
        ))
    }
}
