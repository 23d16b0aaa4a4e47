//! Exact decimal points: fixed-point ten-thousandths in an `i64`.
//!
//! Scores, maxima and weights are entered with at most a few decimals
//! ("2,5", "0,25", "1,5"), so ten-thousandths represent every product of a
//! two-decimal score and a two-decimal weight exactly: 0,1 + 0,2 is 0,3.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// Number of stored decimal places.
pub const SCALE_DIGITS: u32 = 4;
const SCALE: i64 = 10_000;
/// Largest magnitude accepted from input (a billion points is far past any scale).
const LIMIT: i64 = 1_000_000_000 * SCALE;

/// A decimal number of points, exact to four decimal places.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Dec(i64);

/// Why a typed text is not a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParseError {
    /// Letters or symbols where a number was expected.
    NotANumber,
    /// More decimals than [`SCALE_DIGITS`].
    TooPrecise,
    /// Far beyond any scoring scale.
    TooLarge,
    /// "1.000", "2.500": one to three digits, a dot, exactly three digits.
    /// A Vietnamese reads one thousand (the dot groups thousands), a
    /// spreadsheet in English one: read neither way. The parts as written
    /// (1 and 0 for "1.000"), for the message.
    Ambiguous { int: u16, frac: u16 },
}

impl Dec {
    pub const ZERO: Dec = Dec(0);
    pub const ONE: Dec = Dec(SCALE);

    /// From a whole number of points.
    pub const fn from_int(n: i64) -> Dec {
        Dec(n * SCALE)
    }

    /// From hundredths of a point (`from_hundredths(250)` is 2,5).
    pub const fn from_hundredths(n: i64) -> Dec {
        Dec(n * (SCALE / 100))
    }

    /// From the raw ten-thousandths.
    pub const fn from_raw(raw: i64) -> Dec {
        Dec(raw)
    }

    pub const fn raw(self) -> i64 {
        self.0
    }

    /// From a float read out of a spreadsheet cell, rounded to four decimals
    /// (spreadsheets store 2,5 as 2.4999999999999996 now and then).
    /// `None` for NaN, infinities and magnitudes beyond any scale.
    pub fn from_f64(v: f64) -> Option<Dec> {
        if !v.is_finite() {
            return None;
        }
        let scaled = (v * SCALE as f64).round();
        if scaled.abs() >= LIMIT as f64 {
            return None;
        }
        Some(Dec(scaled as i64))
    }

    /// For writing to spreadsheets and charts only; never used for sums.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Product rounded half away from zero to four decimals.
    pub fn times(self, other: Dec) -> Dec {
        let p = self.0 as i128 * other.0 as i128;
        let half = SCALE as i128 / 2;
        let q = if p >= 0 {
            (p + half) / SCALE as i128
        } else {
            (p - half) / SCALE as i128
        };
        Dec(q.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
    }

    /// Parses what a person types into a score cell: "2,5", "2.5", " 3 ",
    /// "10đ", "10 điểm", "1.000,5". Empty text is `Ok(None)`.
    /// Scientific notation ("1e3") is refused: nobody scores that way and
    /// it is more likely a typo. So is "1.000" ([`ParseError::Ambiguous`]):
    /// the decimal mark is the comma; a dot is read as one only where
    /// it cannot be a thousands separator ("2.5", "0.250", "1234.567").
    pub fn parse(text: &str) -> Result<Option<Dec>, ParseError> {
        match Self::parse_plain(text.as_bytes()) {
            Some(d) => Ok(Some(d)),
            None => Self::parse_general(text),
        }
    }

    /// Like [`Dec::parse`], but "1.000" is one: for a column of a file
    /// whose other values write decimals with a dot ([`Dec::has_decimal_dot`]).
    pub fn parse_dot_decimal(text: &str) -> Result<Option<Dec>, ParseError> {
        match Self::parse(text) {
            Err(ParseError::Ambiguous { .. }) => Self::parse(&Self::dot_as_comma(text)),
            r => r,
        }
    }

    /// The text with its (only) dot made a comma: "1.000" → "1,000",
    /// which [`Dec::parse`] reads as one, as the dot meant.
    pub fn dot_as_comma(text: &str) -> String {
        text.replacen('.', ",", 1)
    }

    /// True for a number written with a dot that can only be the decimal
    /// mark: "2.5", "0.25", "0.250", "1234.5" (not "1.000", not "2,5").
    pub fn has_decimal_dot(text: &str) -> bool {
        text.contains('.') && !text.contains(',') && matches!(Self::parse(text), Ok(Some(_)))
    }

    /// The usual score, digits with at most one decimal mark ("5", "2,5",
    /// "0.25"), read in one pass without allocating; `None` sends anything
    /// else (signs, spaces, suffixes, grouping, errors, a dot before three
    /// digits) to the general path.
    fn parse_plain(b: &[u8]) -> Option<Dec> {
        let (mut int, mut int_digits) = (0i64, 0usize);
        let (mut frac, mut frac_digits) = (0i64, 0u32);
        let mut in_frac = false;
        let mut dot = false;
        for &c in b {
            match c {
                b'0'..=b'9' if in_frac => {
                    if frac_digits == SCALE_DIGITS {
                        return None;
                    }
                    frac = frac * 10 + i64::from(c - b'0');
                    frac_digits += 1;
                }
                b'0'..=b'9' => {
                    // Leading zeros do not count against the nine digits.
                    if int_digits > 0 || c != b'0' {
                        int_digits += 1;
                    }
                    if int_digits > 9 {
                        return None;
                    }
                    int = int * 10 + i64::from(c - b'0');
                }
                b',' | b'.' if !in_frac => {
                    in_frac = true;
                    dot = c == b'.';
                }
                _ => return None,
            }
        }
        // At least one digit; "1.000" may be a thousand.
        if b.len() == usize::from(in_frac) || (dot && frac_digits == 3) {
            return None;
        }
        Some(Dec(
            int * SCALE + frac * 10i64.pow(SCALE_DIGITS - frac_digits)
        ))
    }

    fn parse_general(text: &str) -> Result<Option<Dec>, ParseError> {
        let mut s = text.trim();
        // Unit suffixes people write in templates.
        for suffix in ["điểm", "Điểm", "ĐIỂM", "đ", "Đ"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
                break;
            }
        }
        if s.is_empty() {
            return if text.trim().is_empty() {
                Ok(None)
            } else {
                Err(ParseError::NotANumber)
            };
        }
        let (negative, body) = match s.as_bytes()[0] {
            b'-' => (true, s[1..].trim_start()),
            b'+' => (false, s[1..].trim_start()),
            _ => (false, s),
        };
        if body.is_empty()
            || !body
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            return Err(ParseError::NotANumber);
        }
        let dots = body.matches('.').count();
        let commas = body.matches(',').count();
        // Decide which mark is the decimal separator.
        let (int_part, frac_part): (String, &str) = match (dots, commas) {
            (0, 0) => (body.to_string(), ""),
            (1, 0) => {
                let (int, frac) = split_once(body, '.');
                // "1.000": a thousand or one? Not "0.250" or "1234.567",
                // which grouping would not write so.
                if frac.len() == 3
                    && (1..=3).contains(&int.len())
                    && !int.starts_with('0')
                    && frac.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(ParseError::Ambiguous {
                        int: int.parse().map_err(|_| ParseError::NotANumber)?,
                        frac: frac.parse().map_err(|_| ParseError::NotANumber)?,
                    });
                }
                (int, frac)
            }
            (0, 1) => split_once(body, ','),
            // Both marks: the last one is the decimal separator and the
            // other groups thousands ("1.000,5", "1,000.5").
            (d, c) if d > 0 && c > 0 => {
                let last_dot = body.rfind('.').unwrap_or(0);
                let last_comma = body.rfind(',').unwrap_or(0);
                let (dec, group) = if last_comma > last_dot {
                    (',', '.')
                } else {
                    ('.', ',')
                };
                let (int, frac) = split_once_last(body, dec);
                (ungroup(&int, group)?, frac)
            }
            _ => return Err(ParseError::NotANumber),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(ParseError::NotANumber);
        }
        if frac_part.contains(['.', ',']) || int_part.contains(['.', ',']) {
            return Err(ParseError::NotANumber);
        }
        if frac_part.len() > SCALE_DIGITS as usize {
            return Err(ParseError::TooPrecise);
        }
        let int_part = int_part.trim_start_matches('0');
        if int_part.len() > 9 {
            return Err(ParseError::TooLarge);
        }
        let int: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| ParseError::NotANumber)?
        };
        let mut frac: i64 = 0;
        for (i, b) in frac_part.bytes().enumerate() {
            frac += (b - b'0') as i64 * 10i64.pow(SCALE_DIGITS - 1 - i as u32);
        }
        let v = int * SCALE + frac;
        Ok(Some(Dec(if negative { -v } else { v })))
    }

    /// Formats with a decimal comma and no trailing zeros: "2,5", "100", "-0,25".
    pub fn to_vi(self) -> String {
        self.format(',')
    }

    /// Like [`Dec::to_vi`] but with a decimal point, for machine formats.
    pub fn to_plain(self) -> String {
        self.format('.')
    }

    /// Digit by digit: this runs for every score shown, imported or exported.
    fn format(self, point: char) -> String {
        let mut out = String::with_capacity(24);
        if self.0 < 0 {
            out.push('-');
        }
        let a = self.0.unsigned_abs();
        let (mut int, mut frac) = (a / SCALE as u64, a % SCALE as u64);
        // u64::MAX has 20 digits.
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (int % 10) as u8;
            int /= 10;
            if int == 0 {
                break;
            }
        }
        out.extend(digits[i..].iter().map(|&d| char::from(d)));
        if frac != 0 {
            out.push(point);
            let mut fd = [0u8; SCALE_DIGITS as usize];
            for d in fd.iter_mut().rev() {
                *d = b'0' + (frac % 10) as u8;
                frac /= 10;
            }
            let end = fd.iter().rposition(|&d| d != b'0').map_or(0, |p| p + 1);
            out.extend(fd[..end].iter().map(|&d| char::from(d)));
        }
        out
    }
}

fn split_once_last(s: &str, sep: char) -> (String, &str) {
    match s.rsplit_once(sep) {
        Some((a, b)) => (a.to_string(), b),
        None => (s.to_string(), ""),
    }
}

fn split_once(s: &str, sep: char) -> (String, &str) {
    match s.split_once(sep) {
        Some((a, b)) => (a.to_string(), b),
        None => (s.to_string(), ""),
    }
}

/// Removes thousands separators, checking the groups are three digits.
fn ungroup(s: &str, sep: char) -> Result<String, ParseError> {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 {
        return Err(ParseError::NotANumber);
    }
    let mut out = first.to_string();
    for p in parts {
        if p.len() != 3 {
            return Err(ParseError::NotANumber);
        }
        out.push_str(p);
    }
    Ok(out)
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_vi())
    }
}

impl Add for Dec {
    type Output = Dec;
    fn add(self, o: Dec) -> Dec {
        Dec(self.0.saturating_add(o.0))
    }
}

impl AddAssign for Dec {
    fn add_assign(&mut self, o: Dec) {
        self.0 = self.0.saturating_add(o.0);
    }
}

impl Sub for Dec {
    type Output = Dec;
    fn sub(self, o: Dec) -> Dec {
        Dec(self.0.saturating_sub(o.0))
    }
}

impl SubAssign for Dec {
    fn sub_assign(&mut self, o: Dec) {
        self.0 = self.0.saturating_sub(o.0);
    }
}

impl Neg for Dec {
    type Output = Dec;
    fn neg(self) -> Dec {
        Dec(-self.0)
    }
}

impl std::iter::Sum for Dec {
    fn sum<I: Iterator<Item = Dec>>(iter: I) -> Dec {
        iter.fold(Dec::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Option<Dec>, ParseError> {
        Dec::parse(s)
    }

    #[test]
    fn tenths_add_exactly() {
        let a = p("0,1").unwrap().unwrap();
        let b = p("0.2").unwrap().unwrap();
        assert_eq!((a + b).to_vi(), "0,3");
        assert_eq!(a + b, p("0,3").unwrap().unwrap());
    }

    #[test]
    fn the_quick_path_reads_as_the_general_one() {
        // Every string of up to four of these characters, and longer ones
        // at the limits: what the quick path accepts, it reads exactly as
        // the general path; everything else it leaves to it.
        let alphabet = ["0", "1", "5", "9", ",", ".", " ", "-", "đ"];
        let mut cases: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = cases
                .iter()
                .flat_map(|c| alphabet.iter().map(move |a| format!("{c}{a}")))
                .collect();
            cases.extend(longer);
        }
        cases.extend(
            [
                "999999999",
                "1000000000",
                "0001000000000",
                "123456789,1234",
                "1,12345",
                "0,0001",
                "00,5",
                "1.000,5",
                "1,000",
                "1.000",
                "0.250",
                "1234.567",
            ]
            .map(String::from),
        );
        let mut quick = 0;
        for c in &cases {
            if let Some(d) = Dec::parse_plain(c.as_bytes()) {
                quick += 1;
                assert_eq!(Dec::parse_general(c), Ok(Some(d)), "{c:?}");
            }
            assert_eq!(p(c), Dec::parse_general(c), "{c:?}");
        }
        assert!(quick > 1000, "{quick}");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(p("2,5"), Ok(Some(Dec::from_hundredths(250))));
        assert_eq!(p("2.5"), Ok(Some(Dec::from_hundredths(250))));
        assert_eq!(p(" 3 "), Ok(Some(Dec::from_int(3))));
        assert_eq!(p(""), Ok(None));
        assert_eq!(p("   "), Ok(None));
        assert_eq!(p("abc"), Err(ParseError::NotANumber));
        assert_eq!(p("-1"), Ok(Some(Dec::from_int(-1))));
        assert_eq!(p("1e3"), Err(ParseError::NotANumber));
        assert_eq!(p("10đ"), Ok(Some(Dec::from_int(10))));
        assert_eq!(p("2,5 điểm"), Ok(Some(Dec::from_hundredths(250))));
        assert_eq!(p(",5"), Ok(Some(Dec::from_hundredths(50))));
        assert_eq!(p("5,"), Ok(Some(Dec::from_int(5))));
        assert_eq!(p("0,25"), Ok(Some(Dec::from_hundredths(25))));
        assert_eq!(p("1.000,5"), Ok(Some(Dec::from_hundredths(100_050))));
        assert_eq!(p("1,000.5"), Ok(Some(Dec::from_hundredths(100_050))));
        assert_eq!(p("1,2,3"), Err(ParseError::NotANumber));
        assert_eq!(p("1.2.3"), Err(ParseError::NotANumber));
        assert_eq!(p("0,12345"), Err(ParseError::TooPrecise));
        assert_eq!(p("99999999999"), Err(ParseError::TooLarge));
        assert_eq!(p("đ"), Err(ParseError::NotANumber));
        assert_eq!(p("-"), Err(ParseError::NotANumber));
        assert_eq!(p("2,5,"), Err(ParseError::NotANumber));
    }

    #[test]
    fn a_dot_before_three_digits_is_not_guessed() {
        let one = ParseError::Ambiguous { int: 1, frac: 0 };
        assert_eq!(p("1.000"), Err(one.clone()));
        assert_eq!(p("2.500"), Err(ParseError::Ambiguous { int: 2, frac: 500 }));
        assert_eq!(
            p("999.999"),
            Err(ParseError::Ambiguous {
                int: 999,
                frac: 999
            })
        );
        assert_eq!(p(" 1.000 "), Err(one.clone()));
        assert_eq!(p("1.000đ"), Err(one.clone()));
        assert_eq!(p("-1.000"), Err(one.clone()));
        // Grouping would not write these: the dot is decimal.
        assert_eq!(p("0.250"), Ok(Some(Dec::from_hundredths(25))));
        assert_eq!(p("1234.500"), Ok(Some(Dec::from_hundredths(123_450))));
        assert_eq!(p("2.5"), Ok(Some(Dec::from_hundredths(250))));
        assert_eq!(p("2.25"), Ok(Some(Dec::from_hundredths(225))));
        assert_eq!(p("2.2500"), Ok(Some(Dec::from_hundredths(225))));
        // The comma is the decimal mark; both marks say which groups.
        assert_eq!(p("1,000"), Ok(Some(Dec::ONE)));
        assert_eq!(p("1.000,5"), Ok(Some(Dec::from_hundredths(100_050))));
        // A column that writes decimals with a dot settles it.
        assert!(Dec::has_decimal_dot("2.5") && Dec::has_decimal_dot("0.25"));
        assert!(Dec::has_decimal_dot("0.250") && Dec::has_decimal_dot(" 7.5đ"));
        for t in ["1.000", "2,5", "5", "abc.", "1.2.3", "1.000,5", ""] {
            assert!(!Dec::has_decimal_dot(t), "{t}");
        }
        assert_eq!(Dec::parse_dot_decimal("1.000"), Ok(Some(Dec::ONE)));
        assert_eq!(
            Dec::parse_dot_decimal("2.500 điểm"),
            Ok(Some(Dec::from_hundredths(250)))
        );
        assert_eq!(
            Dec::parse_dot_decimal("-2.500"),
            Ok(Some(Dec::from_hundredths(-250)))
        );
        assert_eq!(
            Dec::parse_dot_decimal("2,5"),
            Ok(Some(Dec::from_hundredths(250)))
        );
        assert_eq!(Dec::dot_as_comma("1.000"), "1,000");
    }

    #[test]
    fn shows_a_decimal_comma() {
        assert_eq!(Dec::from_hundredths(250).to_vi(), "2,5");
        assert_eq!(Dec::from_int(100).to_vi(), "100");
        assert_eq!(Dec::from_hundredths(-25).to_vi(), "-0,25");
        assert_eq!(Dec::from_raw(33_750).to_vi(), "3,375");
        assert_eq!(Dec::from_hundredths(250).to_plain(), "2.5");
        assert_eq!(Dec::from_raw(0).to_vi(), "0");
        assert_eq!(Dec::from_raw(-5).to_vi(), "-0,0005");
        assert_eq!(Dec::from_raw(1_000_100).to_vi(), "100,01");
        assert_eq!(Dec::from_raw(i64::MIN).to_plain(), "-922337203685477.5808");
        assert_eq!(Dec::from_raw(i64::MAX).to_vi(), "922337203685477,5807");
    }

    #[test]
    fn multiplies_and_rounds() {
        let w = Dec::from_hundredths(150);
        assert_eq!(Dec::from_hundredths(225).times(w).to_vi(), "3,375");
        assert_eq!(
            Dec::from_raw(5).times(Dec::from_raw(5000)),
            Dec::from_raw(3)
        );
        assert_eq!(
            Dec::from_raw(-5).times(Dec::from_raw(5000)),
            Dec::from_raw(-3)
        );
    }

    #[test]
    fn reads_spreadsheet_floats() {
        assert_eq!(
            Dec::from_f64(2.4999999999999996),
            Some(Dec::from_hundredths(250))
        );
        assert_eq!(Dec::from_f64(0.1 + 0.2), Some(Dec::from_hundredths(30)));
        assert_eq!(Dec::from_f64(f64::NAN), None);
        assert_eq!(Dec::from_f64(1e300), None);
    }
}
