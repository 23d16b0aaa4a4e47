//! Rules for a value a person types: a score, a maximum, a weight, a
//! criterion's text, a note. One place, used by the grid (typing, paste,
//! fill), the import (maxima, weights and marks read from a template) and
//! the merge (marks of the files received). A score is kept as typed: its
//! validity is the calculation's ([`score_error`]), so an invalid score is
//! marked, never dropped.

use super::calc::{evaluate, CellError, CellValue};
use super::num::{Dec, ParseError};

/// Why typed text is not a value the cell can hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// A maximum cannot be blank (delete the criterion instead).
    MaxRequired,
    /// A maximum below zero.
    Negative,
    /// A weight of zero or below.
    WeightPositive,
    /// Not a number.
    Parse(ParseError),
}

/// A score as it is kept: exactly as typed, blanks included (an export
/// gives it back as it was: tests/export_roundtrip.rs). What it counts
/// for is [`score_error`]'s and the calculation's, which read past the
/// blanks.
pub fn score(text: &str) -> String {
    text.to_string()
}

/// Why a score kept as typed does not count under a criterion's `max`;
/// `None` when it counts (or is blank).
pub fn score_error(raw: &str, max: Option<Dec>) -> Option<CellError> {
    match evaluate(raw, max) {
        CellValue::Invalid(e) => Some(e),
        CellValue::Empty | CellValue::Valid(_) => None,
    }
}

/// A criterion's maximum: a number ≥ 0.
pub fn max(text: &str) -> Result<Dec, InputError> {
    match Dec::parse(text) {
        Ok(Some(d)) => max_value(d),
        Ok(None) => Err(InputError::MaxRequired),
        Err(e) => Err(InputError::Parse(e)),
    }
}

/// A maximum already read as a number (a spreadsheet's cell): ≥ 0.
pub fn max_value(d: Dec) -> Result<Dec, InputError> {
    if d.is_negative() {
        Err(InputError::Negative)
    } else {
        Ok(d)
    }
}

/// A weight (hệ số): a number > 0; blank is 1.
pub fn weight(text: &str) -> Result<Dec, InputError> {
    match Dec::parse(text) {
        Ok(Some(d)) => weight_value(d),
        Ok(None) => Ok(Dec::ONE),
        Err(e) => Err(InputError::Parse(e)),
    }
}

/// A weight already read as a number (a spreadsheet's cell): > 0.
pub fn weight_value(d: Dec) -> Result<Dec, InputError> {
    if d > Dec::ZERO {
        Ok(d)
    } else {
        Err(InputError::WeightPositive)
    }
}

/// A criterion's text, trimmed.
pub fn criterion_text(text: &str) -> String {
    text.trim().to_string()
}

/// A note (the reason for a deduction or a difference), trimmed; "" is
/// no note.
pub fn note(text: &str) -> String {
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_maximum_is_a_number_at_least_zero() {
        assert_eq!(max("2,5"), Ok(Dec::from_hundredths(250)));
        assert_eq!(max("0"), Ok(Dec::ZERO));
        assert_eq!(max("-1"), Err(InputError::Negative));
        assert_eq!(max(" "), Err(InputError::MaxRequired));
        assert!(matches!(max("mười"), Err(InputError::Parse(_))));
    }

    #[test]
    fn a_weight_is_positive_and_blank_is_one() {
        assert_eq!(weight("1,5"), Ok(Dec::from_hundredths(150)));
        assert_eq!(weight(""), Ok(Dec::ONE));
        assert_eq!(weight("0"), Err(InputError::WeightPositive));
        assert_eq!(weight("-2"), Err(InputError::WeightPositive));
        assert!(matches!(weight("x"), Err(InputError::Parse(_))));
    }

    #[test]
    fn a_text_is_trimmed() {
        assert_eq!(criterion_text("  Kinh tế \n"), "Kinh tế");
        assert_eq!(note(" thiếu hồ sơ \n"), "thiếu hồ sơ");
    }

    #[test]
    fn a_score_is_kept_as_typed_and_only_marked_when_invalid() {
        let five = Some(Dec::from_int(5));
        assert_eq!(score(" 4,5 "), " 4,5 ");
        assert_eq!(score("mười"), "mười");
        assert_eq!(score_error(" 4,5 ", five), None);
        assert_eq!(score_error("", five), None);
        assert_eq!(
            score_error("6", five),
            Some(CellError::AboveMax(Dec::from_int(5)))
        );
        assert_eq!(score_error("-1", None), Some(CellError::Negative));
        assert!(matches!(
            score_error("mười", five),
            Some(CellError::Parse(_))
        ));
    }

    #[test]
    fn numbers_read_from_a_cell_follow_the_typed_rules() {
        assert_eq!(max_value(Dec::ZERO), Ok(Dec::ZERO));
        assert_eq!(max_value(Dec::from_int(-2)), Err(InputError::Negative));
        assert_eq!(
            weight_value(Dec::from_hundredths(50)),
            Ok(Dec::from_hundredths(50))
        );
        assert_eq!(weight_value(Dec::ZERO), Err(InputError::WeightPositive));
        assert_eq!(
            weight_value(Dec::from_int(-1)),
            Err(InputError::WeightPositive)
        );
    }
}
