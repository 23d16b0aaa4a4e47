//! Rules for a value a person types into the structure of a table: a
//! maximum, a weight, a criterion's text. One place, used by the grid (and
//! by whatever else takes such text). A score is kept as typed: its
//! validity is the calculation's (`calc::evaluate`), so an invalid score is
//! marked, never dropped.

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

/// A criterion's maximum: a number ≥ 0.
pub fn max(text: &str) -> Result<Dec, InputError> {
    match Dec::parse(text) {
        Ok(Some(d)) if !d.is_negative() => Ok(d),
        Ok(Some(_)) => Err(InputError::Negative),
        Ok(None) => Err(InputError::MaxRequired),
        Err(e) => Err(InputError::Parse(e)),
    }
}

/// A weight (hệ số): a number > 0; blank is 1.
pub fn weight(text: &str) -> Result<Dec, InputError> {
    match Dec::parse(text) {
        Ok(Some(d)) if d > Dec::ZERO => Ok(d),
        Ok(None) => Ok(Dec::ONE),
        Ok(Some(_)) => Err(InputError::WeightPositive),
        Err(e) => Err(InputError::Parse(e)),
    }
}

/// A criterion's text, trimmed.
pub fn criterion_text(text: &str) -> String {
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
    }
}
