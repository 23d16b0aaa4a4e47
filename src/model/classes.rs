//! Classification bands (xếp loại): which band a result falls in, which
//! band sets are accepted, and reading bands from a template's wording
//! ("Xuất sắc: từ 95 điểm trở lên", "Tốt: từ 80 đến dưới 95 điểm").
//!
//! Rules (pinned by the tests below):
//! 1. A band runs from its lower bound (included or not) up to its upper
//!    bound (included or not) when it states one, else up to the next
//!    band's lower bound. Bands written before upper bounds existed are
//!    thresholds: the highest one reached.
//! 2. A total's band is the highest band whose lower bound it reaches; a
//!    total above that band's stated upper bound (a gap between bands)
//!    has none.
//! 3. A band's conditions — deductions of at most x points; every
//!    top-level content section at y % of its maximum or more — must hold
//!    too; a unit that fails them goes to the next band down whose
//!    conditions it meets.
//! 4. A band set is refused, whole, when a band has no name, two bands
//!    share a name, a band's upper bound is below its lower bound (or
//!    equal without both included), two bands overlap (an upper bound
//!    above the next band's lower bound, or two bands starting at the same
//!    total), or a condition is out of range (a percentage outside 0–100,
//!    negative deductions).
//! 5. Reading a template: one band per line or per ";"-separated piece,
//!    "Name: rule" where the rule says "từ/đạt/trên/≥ x" (lower bound,
//!    "trên" excluding it), "đến x" / "dưới x" / "≤ x" / "< x" (upper
//!    bound, "dưới" and "<" excluding it), "x - y" (both included), "trở
//!    lên"; "không có điểm trừ", "không bị trừ quá x điểm" and "mỗi mục /
//!    các mục đạt (từ) y % trở lên" are conditions. A piece without a
//!    name or a number is not a band.

use super::calc::{StageResult, Tree};
use super::num::Dec;
use super::sheet::{Class, Scoresheet};
use super::text::fold;
use std::cmp::Ordering;

/// Band positions from the highest lower bound down (rule 1). Of two
/// bands starting at the same total, one that excludes it comes first;
/// of equal ones, the later in the list (as bands were read before).
pub fn sorted(classes: &[Class]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..classes.len()).collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&classes[a], &classes[b]);
        y.min
            .cmp(&x.min)
            .then(x.min_in.cmp(&y.min_in))
            .then(b.cmp(&a))
    });
    idx
}

fn reaches(c: &Class, total: Dec) -> bool {
    total > c.min || (c.min_in && total == c.min)
}

fn within_max(c: &Class, total: Dec) -> bool {
    match c.max {
        Some(m) => total < m || (c.max_in && total == m),
        None => true,
    }
}

/// The band a total falls in by the bounds alone (rule 2): its position.
pub fn band_of(classes: &[Class], total: Dec) -> Option<usize> {
    let i = sorted(classes)
        .into_iter()
        .find(|&i| reaches(&classes[i], total))?;
    within_max(&classes[i], total).then_some(i)
}

/// Whether a result meets a band's conditions (rule 3).
pub fn meets(c: &Class, tree: &Tree, r: &StageResult) -> bool {
    if c.max_deduction.is_some_and(|x| r.deduction > x) {
        return false;
    }
    if let Some(pct) = c.min_section_pct {
        for p in tree.content_sections() {
            let (Some(max), Some(points)) = (tree.max(p), r.points.get(p)) else {
                continue;
            };
            // points × 100 ≥ pct × max, exactly (four decimals each).
            let lhs = points.raw() as i128 * 100 * Dec::ONE.raw() as i128;
            let rhs = pct.raw() as i128 * max.raw() as i128;
            if lhs < rhs {
                return false;
            }
        }
    }
    true
}

/// The smallest points a section needs for `pct` % of `max`, exactly, as
/// a plain decimal for a formula ("90", "8.3325").
pub fn section_threshold(pct: Dec, max: Dec) -> String {
    let n = pct.raw() as i128 * max.raw() as i128;
    // Scale 10^8 from the product, 10^2 from the percentage.
    let scale: i128 = 10_000_000_000;
    let (sign, n) = if n < 0 { ("-", -n) } else { ("", n) };
    let int = n / scale;
    let frac = n % scale;
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let digits = format!("{frac:010}");
    format!("{sign}{int}.{}", digits.trim_end_matches('0'))
}

/// The classification band a total reaches, by the bands' bounds only
/// (their conditions need the whole result: [`class_of`]); the tests'
/// reading of the bounds.
#[cfg(test)]
pub fn classify(sheet: &Scoresheet, total: Dec) -> Option<&str> {
    band_of(&sheet.classes, total).map(|i| sheet.classes[i].name.as_str())
}

/// The class of a result (rules 2 and 3): the band its total falls in, or
/// the next one down whose conditions it meets.
pub fn class_of<'a>(sheet: &'a Scoresheet, tree: &Tree, r: &StageResult) -> Option<&'a str> {
    let classes = &sheet.classes;
    let first = band_of(classes, r.total)?;
    let order = sorted(classes);
    let from = order.iter().position(|&i| i == first)?;
    order[from..]
        .iter()
        .find(|&&i| meets(&classes[i], tree, r))
        .map(|&i| classes[i].name.as_str())
}

/// Why a band set is refused (rule 4); positions are in the set given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BandError {
    NoName(usize),
    SameName(usize, usize),
    /// Upper bound below the lower bound (or equal, not both included).
    Inverted(usize),
    /// Two bands share totals: (lower band, higher band).
    Overlap(usize, usize),
    BadPercent(usize),
    NegativeDeduction(usize),
}

/// Checks a band set (rule 4).
pub fn validate(classes: &[Class]) -> Result<(), BandError> {
    for (i, c) in classes.iter().enumerate() {
        let name = fold(c.name.trim());
        if name.is_empty() {
            return Err(BandError::NoName(i));
        }
        if let Some(j) = classes[..i]
            .iter()
            .position(|o| fold(o.name.trim()) == name)
        {
            return Err(BandError::SameName(j, i));
        }
        if let Some(m) = c.max {
            if m < c.min || (m == c.min && !(c.min_in && c.max_in)) {
                return Err(BandError::Inverted(i));
            }
        }
        if c.min_section_pct
            .is_some_and(|p| p.is_negative() || p > Dec::from_int(100))
        {
            return Err(BandError::BadPercent(i));
        }
        if c.max_deduction.is_some_and(|x| x.is_negative()) {
            return Err(BandError::NegativeDeduction(i));
        }
    }
    let order = sorted(classes);
    for pair in order.windows(2) {
        let (hi, lo) = (&classes[pair[0]], &classes[pair[1]]);
        let overlap = if hi.min == lo.min {
            true
        } else {
            match lo.max {
                Some(m) => match m.cmp(&hi.min) {
                    Ordering::Greater => true,
                    Ordering::Equal => lo.max_in && hi.min_in,
                    Ordering::Less => false,
                },
                None => false,
            }
        };
        if overlap {
            return Err(BandError::Overlap(pair[1], pair[0]));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Bands as typed in the dialog

/// One band as typed: every field as text, the bounds' inclusion as
/// ticks. Blank optional fields mean "none".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BandInput {
    pub name: String,
    pub min: String,
    pub min_in: bool,
    pub max: String,
    pub max_in: bool,
    pub max_deduction: String,
    pub min_section_pct: String,
}

/// The field of a band that does not read as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandField {
    Min,
    Max,
    MaxDeduction,
    MinSectionPct,
}

/// Why typed bands are refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BandInputError {
    /// Band (position among the typed rows), field.
    NotANumber(usize, BandField),
    Band(BandError),
}

impl BandInput {
    /// A band as the dialog shows it.
    pub fn of(c: &Class) -> BandInput {
        let opt = |d: Option<Dec>| d.map(|d| d.to_vi()).unwrap_or_default();
        BandInput {
            name: c.name.clone(),
            min: c.min.to_vi(),
            min_in: c.min_in,
            max: opt(c.max),
            max_in: c.max_in,
            max_deduction: opt(c.max_deduction),
            min_section_pct: opt(c.min_section_pct),
        }
    }

    fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.min,
            &self.max,
            &self.max_deduction,
            &self.min_section_pct,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
    }
}

/// The bands typed in the dialog, checked by rule 4; rows left wholly
/// blank are dropped. Errors name positions among the rows given.
pub fn from_inputs(inputs: &[BandInput]) -> Result<Vec<Class>, BandInputError> {
    let mut out = Vec::new();
    let mut rows = Vec::new();
    for (i, b) in inputs.iter().enumerate() {
        if b.is_blank() {
            continue;
        }
        let num = |t: &str, f: BandField, required: bool| -> Result<Option<Dec>, BandInputError> {
            match Dec::parse(t) {
                Ok(None) if required => Err(BandInputError::NotANumber(i, f)),
                Ok(v) => Ok(v),
                Err(_) => Err(BandInputError::NotANumber(i, f)),
            }
        };
        let mut c = Class::new(b.name.trim(), Dec::ZERO);
        c.min = num(&b.min, BandField::Min, true)?.unwrap_or_default();
        c.min_in = b.min_in;
        c.max = num(&b.max, BandField::Max, false)?;
        c.max_in = c.max.is_some() && b.max_in;
        c.max_deduction = num(&b.max_deduction, BandField::MaxDeduction, false)?;
        c.min_section_pct = num(&b.min_section_pct, BandField::MinSectionPct, false)?;
        out.push(c);
        rows.push(i);
    }
    validate(&out).map_err(|e| {
        // Back to the rows' positions.
        let at = |k: usize| rows[k];
        BandInputError::Band(match e {
            BandError::NoName(a) => BandError::NoName(at(a)),
            BandError::SameName(a, b) => BandError::SameName(at(a), at(b)),
            BandError::Inverted(a) => BandError::Inverted(at(a)),
            BandError::Overlap(a, b) => BandError::Overlap(at(a), at(b)),
            BandError::BadPercent(a) => BandError::BadPercent(at(a)),
            BandError::NegativeDeduction(a) => BandError::NegativeDeduction(at(a)),
        })
    })?;
    Ok(out)
}

// ---------------------------------------------------------------------------
// Reading bands from a template's wording

/// Numbers in a folded text, with the byte offset after each.
fn numbers(f: &str) -> Vec<(usize, usize, Dec)> {
    let b = f.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b',' | b'.')) {
                i += 1;
            }
            let mut text = &f[start..i];
            text = text.trim_end_matches([',', '.']);
            if let Ok(Some(v)) = Dec::parse(text) {
                out.push((start, start + text.len(), v));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Words that begin a band's rule ("Tốt từ 80 đến dưới 95").
const RULE_WORDS: [&str; 7] = ["tu", "dat", "tren", "duoi", "den", "bang", "toi"];

/// Texts that name no band: sums, notes, headings.
const NOT_NAMES: [&str; 9] = [
    "cong", "tong", "ghi chu", "luu y", "diem", "tieu chi", "xep loai", "so ", "dieu",
];

/// Longest band name read from a template, in characters.
const MAX_NAME_CHARS: usize = 40;

/// Splits "Name: rule" or "Name rule" (the rule starting at a word such as
/// "từ", a comparison sign or a number); after headings ("Ghi chú: Xếp
/// loại theo tổng điểm: Xuất sắc ≥ 90 điểm") only the last part counts.
fn split_band(line: &str) -> Option<(String, String)> {
    let starts_rule = |w: &str| {
        let f = fold(w);
        RULE_WORDS.contains(&f.as_str())
            || f.starts_with(|c: char| c.is_ascii_digit() || "≥≤<>=".contains(c))
    };
    let (head, tail) = match line.rsplit_once(':') {
        Some((head, tail)) => (head, tail.trim()),
        None => ("", line.trim()),
    };
    let first = tail.split_whitespace().next()?;
    if starts_rule(first) {
        // "Name: rule": the name is what follows the previous colon.
        let name = head.rsplit(':').next().unwrap_or(head).trim();
        return Some((name.to_string(), tail.to_string()));
    }
    let words: Vec<&str> = tail.split_whitespace().collect();
    let at = words.iter().position(|w| starts_rule(w))?;
    Some((words[..at].join(" "), words[at..].join(" ")))
}

/// Reads one band from a line such as "Xuất sắc: từ 95 điểm trở lên" or
/// "Tốt từ 80 đến dưới 90" (rule 5); `None` when the line is not one.
pub fn parse_band(line: &str) -> Option<Class> {
    let line = line
        .trim()
        .trim_start_matches(['-', '+', '*', '•', '–', ' '])
        .trim()
        .trim_end_matches(['.', ',', ' ']);
    let (name, rule) = split_band(line)?;
    let name = strip_numbering(name.trim());
    let folded = fold(&name);
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(|c| c.is_ascii_digit())
        || NOT_NAMES.iter().any(|w| folded.starts_with(w))
    {
        return None;
    }
    let f = fold(&rule).replace('≥', ">=").replace('≤', "<=");
    let nums = numbers(&f);
    let (_, _, first) = *nums.first()?;
    let before = |at: usize| f[..at].trim_end().to_string();
    let word_before = |at: usize, words: &[&str]| {
        let b = before(at);
        words.iter().any(|w| b.ends_with(w))
    };
    let mut c = Class::new(name, Dec::ZERO);
    let mut lower: Option<(Dec, bool)> = None;
    let mut upper: Option<(Dec, bool)> = None;
    for &(s, e, v) in &nums {
        let after = f[e..].trim_start();
        let after = after
            .strip_prefix("diem")
            .map(str::trim_start)
            .unwrap_or(after);
        if after.starts_with('%') || after.starts_with("phan tram") {
            c.min_section_pct = Some(v);
            continue;
        }
        if word_before(s, &["qua", "vuot"]) && before(s).contains("tru") {
            c.max_deduction = Some(v);
            continue;
        }
        if word_before(s, &["duoi", "<"]) {
            upper = Some((v, false));
        } else if word_before(s, &["<=", "den", "toi"])
            || (lower.is_some() && word_before(s, &["-"]))
        {
            upper = Some((v, true));
        } else if word_before(s, &["tren", ">"]) && !word_before(s, &[">="]) {
            lower = Some((v, false));
        } else if lower.is_none() {
            lower = Some((v, true));
        }
    }
    if lower.is_none() && upper.is_none() {
        lower = Some((first, true));
    }
    if f.contains("khong co diem tru") || f.contains("khong bi tru diem") {
        c.max_deduction.get_or_insert(Dec::ZERO);
    }
    let (min, min_in) = lower.unwrap_or((Dec::ZERO, true));
    c.min = min;
    c.min_in = min_in;
    if let Some((m, inc)) = upper {
        c.max = Some(m);
        c.max_in = inc;
    }
    Some(c)
}

/// "a) Xuất sắc" → "Xuất sắc"; "1. Tốt" → "Tốt".
fn strip_numbering(name: &str) -> String {
    let t = name.trim();
    if let Some((head, rest)) = t.split_once([')', '.']) {
        let h = head.trim().trim_start_matches('(');
        if !h.is_empty() && h.chars().count() <= 3 && h.chars().all(|c| c.is_alphanumeric()) {
            return rest.trim().to_string();
        }
    }
    t.to_string()
}

/// Reads the bands stated in a text (lines or ";"-separated pieces); the
/// set only when it is a valid one of two bands or more.
pub fn parse_bands(text: &str) -> Option<Vec<Class>> {
    let bands: Vec<Class> = text.split(['\n', ';']).filter_map(parse_band).collect();
    (bands.len() >= 2 && validate(&bands).is_ok()).then_some(bands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calc::Results;
    use crate::model::sheet::{Kind, Stage};

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap().unwrap()
    }

    fn band(name: &str, min: &str, max: Option<(&str, bool)>) -> Class {
        let mut c = Class::new(name, d(min));
        if let Some((m, inc)) = max {
            c.max = Some(d(m));
            c.max_in = inc;
        }
        c
    }

    fn names<'a>(classes: &'a [Class], totals: &[&str]) -> Vec<Option<&'a str>> {
        totals
            .iter()
            .map(|t| band_of(classes, d(t)).map(|i| classes[i].name.as_str()))
            .collect()
    }

    #[test]
    fn thresholds_without_upper_bounds_reach_the_next_band() {
        let c = vec![
            Class::new("Khá", d("70")),
            Class::new("Xuất sắc", d("95")),
            Class::new("Tốt", d("85")),
        ];
        assert_eq!(
            names(&c, &["96", "95", "94,99", "70", "69,5"]),
            [
                Some("Xuất sắc"),
                Some("Xuất sắc"),
                Some("Tốt"),
                Some("Khá"),
                None
            ]
        );
        assert_eq!(validate(&c), Ok(()));
    }

    #[test]
    fn bounds_included_or_not_and_gaps() {
        let mut above = band("Xuất sắc", "95", None);
        above.min_in = false; // "trên 95"
        let c = vec![
            above,
            band("Tốt", "80", Some(("95", true))),  // 80 – 95
            band("Khá", "65", Some(("75", false))), // 65 – dưới 75
        ];
        assert_eq!(validate(&c), Ok(()));
        assert_eq!(
            names(&c, &["95,25", "95", "80", "75", "74,99", "65", "64"]),
            [
                Some("Xuất sắc"),
                Some("Tốt"),
                Some("Tốt"),
                None, // the gap between 75 and 80
                Some("Khá"),
                Some("Khá"),
                None
            ]
        );
    }

    #[test]
    fn overlapping_inverted_and_nameless_sets_are_refused() {
        let ok = band("Tốt", "80", Some(("95", false)));
        let top = band("Xuất sắc", "95", None);
        assert_eq!(validate(&[top.clone(), ok.clone()]), Ok(()));
        // "80 đến 95" (95 included) and "từ 95": both hold 95.
        let both = band("Tốt", "80", Some(("95", true)));
        assert_eq!(
            validate(&[top.clone(), both]),
            Err(BandError::Overlap(1, 0))
        );
        let over = band("Tốt", "80", Some(("96", false)));
        assert_eq!(
            validate(&[top.clone(), over]),
            Err(BandError::Overlap(1, 0))
        );
        assert_eq!(
            validate(&[top.clone(), Class::new("Khác", d("95"))]),
            Err(BandError::Overlap(0, 1))
        );
        let inverted = band("Tốt", "80", Some(("70", false)));
        assert_eq!(validate(&[inverted]), Err(BandError::Inverted(0)));
        let empty = band("Tốt", "80", Some(("80", false)));
        assert_eq!(validate(&[empty]), Err(BandError::Inverted(0)));
        assert_eq!(validate(&[band("Tốt", "80", Some(("80", true)))]), Ok(()));
        assert_eq!(
            validate(&[top.clone(), band(" ", "1", None)]),
            Err(BandError::NoName(1))
        );
        assert_eq!(
            validate(&[top.clone(), band("xuat sac", "1", None)]),
            Err(BandError::SameName(0, 1))
        );
        let mut pct = top.clone();
        pct.min_section_pct = Some(d("101"));
        assert_eq!(validate(&[pct]), Err(BandError::BadPercent(0)));
        let mut ded = top;
        ded.max_deduction = Some(d("-1"));
        assert_eq!(validate(&[ded]), Err(BandError::NegativeDeduction(0)));
    }

    /// I (content): 1 (max 10), 2 (max 10). II (content): 1 (max 10).
    /// III deduction: 1 (max 5).
    fn sheet() -> Scoresheet {
        let mut s = Scoresheet::new("t");
        let i = s.push_node(None, "I", "Phần I", None, Kind::Content);
        s.push_node(Some(i), "1", "a", Some(d("10")), Kind::Content);
        s.push_node(Some(i), "2", "b", Some(d("10")), Kind::Content);
        let ii = s.push_node(None, "II", "Phần II", None, Kind::Content);
        s.push_node(Some(ii), "1", "c", Some(d("10")), Kind::Content);
        let iii = s.push_node(None, "III", "Điểm trừ", None, Kind::Deduction);
        s.push_node(Some(iii), "1", "d", Some(d("5")), Kind::Deduction);
        s.push_unit("A");
        let mut top = Class::new("Xuất sắc", d("27"));
        top.max_deduction = Some(Dec::ZERO);
        top.min_section_pct = Some(d("80"));
        s.classes = vec![top, Class::new("Tốt", d("20"))];
        s
    }

    fn class_for(s: &mut Scoresheet, scores: [&str; 4]) -> Option<String> {
        for (code, raw) in ["I.1", "I.2", "II.1", "III.1"].iter().zip(scores) {
            let id = s.node_by_code(code).unwrap().id;
            s.units[0].set_raw(id, Stage::Bloc, raw);
        }
        let r = Results::compute(s);
        class_of(s, &r.tree, r.units[0].stage(Stage::Bloc)).map(str::to_string)
    }

    #[test]
    fn conditions_move_a_unit_down_a_band() {
        let mut s = sheet();
        assert_eq!(
            class_for(&mut s, ["10", "10", "8", ""]).as_deref(),
            Some("Xuất sắc")
        );
        // A deduction: 28 − 0,5 = 27,5 still reaches 27, but "no deduction" fails.
        assert_eq!(
            class_for(&mut s, ["10", "10", "8", "0,5"]).as_deref(),
            Some("Tốt")
        );
        // Section II at 7,5 of 10 (< 80 %) fails the other condition.
        assert_eq!(
            class_for(&mut s, ["10", "10", "7,5", ""]).as_deref(),
            Some("Tốt")
        );
        // Below every band.
        assert_eq!(class_for(&mut s, ["5", "5", "5", ""]), None);
        assert_eq!(section_threshold(d("80"), d("10")), "8");
        assert_eq!(section_threshold(d("33,33"), d("25")), "8.3325");
        assert_eq!(section_threshold(d("12,5"), d("0,25")), "0.03125");
    }

    #[test]
    fn bands_typed_in_the_dialog() {
        let row = |name: &str, min: &str, max: &str| BandInput {
            name: name.into(),
            min: min.into(),
            min_in: true,
            max: max.into(),
            max_in: false,
            ..BandInput::default()
        };
        let mut top = row("Xuất sắc", "95", "");
        top.max_deduction = "0".into();
        top.min_section_pct = "80".into();
        let rows = vec![top, BandInput::default(), row("Tốt", "80", "95")];
        let got = from_inputs(&rows).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].max_deduction, Some(Dec::ZERO));
        assert_eq!(got[1].max, Some(d("95")));
        // And back: what the dialog shows is what was typed.
        assert_eq!(BandInput::of(&got[1]), rows[2]);
        // Errors name the row as shown (the blank row counts).
        let bad = vec![
            row("Xuất sắc", "95", ""),
            BandInput::default(),
            row("Tốt", "80", "96"),
        ];
        assert_eq!(
            from_inputs(&bad),
            Err(BandInputError::Band(BandError::Overlap(2, 0)))
        );
        let nan = vec![row("Tốt", "tám mươi", "")];
        assert_eq!(
            from_inputs(&nan),
            Err(BandInputError::NotANumber(0, BandField::Min))
        );
        let no_min = vec![row("Tốt", "", "90")];
        assert_eq!(
            from_inputs(&no_min),
            Err(BandInputError::NotANumber(0, BandField::Min))
        );
        // No band at all: the set is empty (the row and column are hidden).
        assert_eq!(from_inputs(&[BandInput::default()]), Ok(Vec::new()));
    }

    #[test]
    fn bands_read_from_a_templates_wording() {
        let b = parse_band("- Xuất sắc: từ 95 điểm trở lên").unwrap();
        assert_eq!(
            (b.name.as_str(), b.min, b.min_in, b.max),
            ("Xuất sắc", d("95"), true, None)
        );
        let b = parse_band("Tốt: từ 80 đến dưới 95 điểm").unwrap();
        assert_eq!((b.min, b.max, b.max_in), (d("80"), Some(d("95")), false));
        let b = parse_band("Khá: từ 65 điểm đến 79,5 điểm").unwrap();
        assert_eq!((b.min, b.max, b.max_in), (d("65"), Some(d("79,5")), true));
        let b = parse_band("c) Trung bình: 50 - 64 điểm").unwrap();
        assert_eq!(b.name, "Trung bình");
        assert_eq!((b.min, b.max, b.max_in), (d("50"), Some(d("64")), true));
        let b = parse_band("Yếu: dưới 50 điểm").unwrap();
        assert_eq!(
            (b.min, b.min_in, b.max, b.max_in),
            (d("0"), true, Some(d("50")), false)
        );
        let b = parse_band("Loại A: trên 90 điểm").unwrap();
        assert_eq!((b.min, b.min_in), (d("90"), false));
        let b = parse_band("Xuất sắc: ≥ 95 điểm và không có điểm trừ").unwrap();
        assert_eq!((b.min, b.max_deduction), (d("95"), Some(Dec::ZERO)));
        let b = parse_band(
            "Xuất sắc: từ 95 điểm trở lên, không bị trừ quá 2 điểm, các mục đều đạt từ 80% trở lên",
        )
        .unwrap();
        assert_eq!(b.min, d("95"));
        assert_eq!(b.max_deduction, Some(d("2")));
        assert_eq!(b.min_section_pct, Some(d("80")));
        // Without colons, after a heading (a published provincial table).
        let all = parse_bands(
            "Ghi chú: Xếp loại theo tổng điểm và điều kiện đổi mới sáng tạo: Xuất sắc ≥ 90 điểm; \
             Tốt từ 80 đến dưới 90; Khá từ 65 đến dưới 80; Trung bình từ 50 đến dưới 65; Yếu dưới 50.",
        )
        .unwrap();
        let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]);
        assert_eq!((all[0].min, all[0].max), (d("90"), None));
        assert_eq!((all[4].min, all[4].max), (Dec::ZERO, Some(d("50"))));
        let b = parse_band("Loại A (Tốt): từ 95 điểm trở lên").unwrap();
        assert_eq!(b.name, "Loại A (Tốt)");
        // Not bands.
        assert_eq!(parse_band("Ghi chú: từ 90 điểm trở lên"), None);
        assert_eq!(
            parse_band("Cộng điểm các nhóm tiêu chí (I + II + III): từ 100 điểm trở lên"),
            None
        );
        assert_eq!(
            parse_band("Cấp xã: số đơn vị xếp loại Xuất sắc không vượt quá 25% tổng số đơn vị"),
            None
        );
        assert_eq!(parse_band("Ghi chú: đơn vị gửi báo cáo trước ngày"), None);
        assert_eq!(parse_band("Tổng điểm tối đa 100"), None);
        assert_eq!(parse_band("Điều 5: xếp loại"), None);
        let all = parse_bands(
            "Xếp loại:\n- Xuất sắc: từ 95 điểm trở lên;\n- Tốt: từ 80 đến dưới 95 điểm;\n- Khá: từ 65 đến dưới 80 điểm",
        )
        .unwrap();
        assert_eq!(all.len(), 3);
        // Overlapping wording is no band set.
        assert_eq!(
            parse_bands("Xuất sắc: từ 90 điểm trở lên\nTốt: từ 80 đến 95 điểm"),
            None
        );
    }
}
