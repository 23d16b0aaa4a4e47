//! What the wording of a scoring table says, beyond its columns: numbering
//! typed inside a text ("Phần I.", "Điều 4.", "1.1.1 …"), points typed as
//! text ("5 điểm\n(tối đa)", "2 điểm/lần", "- 20 điểm"), caps stated in a
//! section's title ("(tối đa trừ 20 điểm)", "(0 - 20 điểm)"), the kind a
//! section's name gives it, total and classification rows, column-index
//! rows, reviewer columns and title lines. Pure functions of text: the
//! import ([`super::import`]) decides what to do with them.

use super::read::Val;
use crate::model::text::fold;
use crate::model::Dec;

// ---------------------------------------------------------------------------
// Numbers

/// The number at the start of `s` ("20", "0,25", "7.0"), and the rest.
fn leading_number(s: &str) -> Option<(Dec, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    // A trailing separator belongs to the sentence ("20." "5,").
    let num = s[..end].trim_end_matches([',', '.']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "1.000" stays unread here as everywhere: a thousand or one.
    let d = Dec::parse(num).ok().flatten()?;
    Some((d, &s[num.len()..]))
}

/// Strips a leading sign; true for a minus (any dash).
fn strip_sign(s: &str) -> (bool, &str) {
    let s = s.trim_start();
    match s.chars().next() {
        Some('-' | '−' | '–' | '—') => (
            true,
            s[s.chars().next().map_or(0, char::len_utf8)..].trim_start(),
        ),
        Some('+') => (false, s[1..].trim_start()),
        _ => (false, s),
    }
}

/// Strips "điểm" / "đ" (folded: "diem" / "d") after a number.
fn strip_unit(s: &str) -> &str {
    let t = s.trim_start();
    if let Some(r) = t.strip_prefix("diem") {
        return r;
    }
    match t.strip_prefix('d') {
        Some(r) if !r.starts_with(|c: char| c.is_alphabetic()) => r,
        _ => s,
    }
}

/// Points typed as text in a maximum cell, as a person reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointsText {
    /// The most the row can give: the number, or the highest of several
    /// levels ("2 điểm\n4 điểm" → 4). None for a rate ("2 điểm/lần").
    pub value: Option<Dec>,
    /// Typed with a minus ("- 20 điểm (tối đa)", "-10 điểm/lần"): points
    /// taken away, a deduction.
    pub negative: bool,
    /// A rate per occurrence ("2 điểm/lần", "8 điểm/giải"): no maximum of
    /// its own; the enclosing block's cap applies.
    pub rate: bool,
    /// Several values: levels, or alternatives ("5/4/3").
    pub levels: bool,
}

/// Reads "5 điểm\n(tối đa)", "+20 điểm (tối đa)", "- 20 điểm", "2 điểm\n4
/// điểm", "2 điểm/lần", "12điểm/gK", "+0,25đ/lần", "5/4/3", "-20", "+10".
/// None for anything else (the caller says it could not read it).
pub fn points_text(s: &str) -> Option<PointsText> {
    let mut best: Option<Dec> = None;
    let mut negative = false;
    let mut rate = false;
    let mut values = 0;
    for line in s.lines() {
        let f = fold(line);
        let f = f.trim();
        let bare = f.trim_matches(['(', ')', ' ']);
        if bare.is_empty() || bare == "toi da" {
            continue;
        }
        let (minus, rest) = strip_sign(f);
        let (d, rest) = leading_number(rest)?;
        let mut rest = strip_unit(rest).trim_start();
        let mut level_values = vec![d];
        // "5/4/3": alternative levels, not a rate.
        while let Some(r) = rest.strip_prefix('/') {
            match leading_number(r.trim_start()) {
                Some((d, r)) => {
                    level_values.push(d);
                    rest = strip_unit(r).trim_start();
                }
                None => {
                    rate = true;
                    rest = "";
                }
            }
        }
        let tail = rest.trim_matches(['(', ')', ' ', '.', ';', ',']);
        if !(tail.is_empty() || tail == "toi da" || rate) {
            return None;
        }
        negative |= minus;
        values += level_values.len();
        for v in level_values {
            best = Some(best.map_or(v, |b: Dec| b.max(v)));
        }
    }
    if values == 0 {
        return None;
    }
    Some(PointsText {
        value: if rate { None } else { best },
        negative,
        rate,
        levels: values > 1,
    })
}

/// True when a text says what a criterion is worth ("…: 5 điểm", "trừ
/// 0,5đ/lần", "+3đ/đợt"): rule lines under an item, never criteria.
pub fn mentions_points(text: &str) -> bool {
    let f = fold(text);
    let b = f.as_bytes();
    let in_number = |c: u8| c.is_ascii_digit() || c == b',' || c == b'.';
    // Each run of digits, commas and dots holding a digit, followed by the
    // unit: one look per run (not per digit, which was quadratic in a
    // long run of digits).
    let mut i = 0;
    while i < b.len() {
        if !in_number(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && in_number(b[i]) {
            i += 1;
        }
        if !b[start..i].iter().any(u8::is_ascii_digit) {
            continue;
        }
        let rest = f[i..].trim_start();
        if rest.starts_with("diem")
            || (rest.starts_with('d') && !rest[1..].starts_with(|c: char| c.is_alphabetic()))
        {
            return true;
        }
    }
    false
}

/// A cap stated in a section's title: "(tối đa 10 điểm)", "(tối đa trừ 20
/// điểm)", "(Tổng C.1 + C.2 tối đa 7.0 điểm)", "(TỐI ĐA 30 ĐIỂM)", "(0 - 20
/// điểm)", "(80 điểm ban đầu)".
pub fn title_cap(text: &str) -> Option<Dec> {
    let f = fold(text);
    let mut rest = f.as_str();
    while let Some(open) = rest.find('(') {
        let inner = &rest[open + 1..];
        let close = inner.find(')').unwrap_or(inner.len());
        let group = &inner[..close];
        if let Some(d) = cap_in(group) {
            return Some(d);
        }
        rest = &inner[close..];
    }
    None
}

fn cap_in(group: &str) -> Option<Dec> {
    let g = group.trim();
    if let Some(at) = g.find("toi da") {
        let mut r = g[at + "toi da".len()..].trim_start();
        for w in ["tru", "cong", "la", ":"] {
            r = r.strip_prefix(w).unwrap_or(r).trim_start();
        }
        let (_, r) = strip_sign(r);
        if let Some((d, _)) = leading_number(r) {
            return (!d.is_zero()).then_some(d);
        }
    }
    // "0 - 20 điểm", "từ 0 đến 20 điểm", "0-20đ"
    let g2 = g.strip_prefix("tu ").unwrap_or(g);
    if let Some((lo, r)) = leading_number(g2) {
        let r = r.trim_start();
        let upper = r
            .strip_prefix('-')
            .or_else(|| r.strip_prefix('–'))
            .or_else(|| r.strip_prefix("den"));
        if let Some(r) = upper {
            if let Some((hi, r)) = leading_number(r.trim_start()) {
                let unit = strip_unit(r);
                if lo.is_zero() && unit.len() != r.len() && !hi.is_zero() {
                    return Some(hi);
                }
            }
        } else {
            // "(80 điểm ban đầu)", "(10 điểm)"
            let unit = strip_unit(r);
            if unit.len() != r.len() && !unit.trim_start().starts_with('/') && !lo.is_zero() {
                return Some(lo);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Numbering inside a text

/// Numbering typed at the start of a text, when the table has no STT
/// column or leaves it empty: "1. …", "1.1.1 …", "3: …", "Phần I. …",
/// "Phần III: …", "Điều 4. …", "II.1. …", "a) …". Returns the label and
/// the text after it. `strict` (the table has an STT column): only
/// section-level numbering is taken, with a word before it ("Điều 4.") or
/// a Roman numeral ("II.1."); "1. …" there is a line of guidance.
pub fn inline_number(text: &str, strict: bool) -> Option<(String, &str)> {
    let s = text.trim_start();
    let mut prefixed = false;
    let mut body = s;
    if let Some((word, rest)) = s.split_once(char::is_whitespace) {
        if matches!(fold(word).as_str(), "phan" | "dieu" | "muc" | "chuong") {
            prefixed = true;
            body = rest.trim_start();
        }
    }
    // The token: segments of digits, Roman numerals or one letter, joined
    // by dots.
    let end = body
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(body.len(), |(i, _)| i);
    let mut token = &body[..end];
    // A word glued after the number ("1.Đi học"): the token stops at the
    // last dot before a lowercase or long alphabetic run.
    let segs: Vec<&str> = token.split('.').collect();
    let is_roman = |p: &str| !p.is_empty() && p.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let is_digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let is_letter = |p: &str| p.chars().count() == 1 && p.chars().all(char::is_alphabetic);
    // Count the leading segments that are numbering.
    let mut n = 0;
    for (i, p) in segs.iter().enumerate() {
        let ok = is_digits(p)
            || is_roman(p)
            || (i > 0 && p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
        if !ok {
            break;
        }
        n = i + 1;
    }
    let letter = n == 0 && segs.len() <= 2 && is_letter(segs[0]) && !strict;
    if n == 0 && !letter {
        return None;
    }
    let used = if letter { 1 } else { n };
    let label_len: usize = segs[..used].iter().map(|p| p.len()).sum::<usize>() + used - 1;
    token = &body[..label_len];
    let mut rest = &body[label_len..];
    // The terminator: ".", ":", ")".
    let mut terminated = false;
    if let Some(r) = rest.strip_prefix(['.', ':', ')']) {
        rest = r;
        terminated = true;
    }
    if letter && !rest.is_empty() && !terminated {
        return None;
    }
    let next = rest.chars().next();
    match next {
        None => {}
        Some(c) if c.is_whitespace() => {}
        Some(c) if terminated && c.is_alphabetic() => {}
        _ => return None,
    }
    let after = rest.trim_start();
    let fa = fold(after);
    // "2 điểm", "0.5 đ/lần", "3 ngày": a quantity, not a number.
    if !terminated && !prefixed {
        let dotted = segs.len() > 1 && used > 1;
        let head_roman = is_roman(segs[0]);
        if !(dotted || head_roman) {
            return None;
        }
    }
    // A quantity: the unit, then nothing more of a heading ("2 điểm/lần",
    // "0.5 điểm, tối đa 2"); "1.1 Điểm cộng" is a heading.
    let unit = strip_unit(&fa);
    if unit.len() != fa.len() {
        let u = unit.trim_start();
        if u.is_empty() || u.starts_with(['/', ',', ';', ')', '.', '(']) || u.starts_with("toi da")
        {
            return None;
        }
    }
    if fa.starts_with('%') || segs[0].starts_with('0') {
        return None;
    }
    if strict && !prefixed && !is_roman(segs[0]) {
        return None;
    }
    // A Roman numeral needs the terminator or a prefix word ("I Tổ chức"
    // could be a pronoun in another language, never here, but keep it safe).
    if is_roman(segs[0]) && used == 1 && !terminated && !prefixed {
        return None;
    }
    let label = if letter {
        format!("{token})")
    } else {
        token.to_string()
    };
    Some((label, after))
}

/// A label whose head is a Roman numeral with more after it ("II.1",
/// "IV.A"): a section of that Roman level, coded by the whole label.
pub fn roman_dotted(label: &str) -> bool {
    let core = label.trim().trim_end_matches(['.', ':', ')']);
    match core.split_once('.') {
        Some((head, tail)) => {
            !head.is_empty()
                && head.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
                && !tail.is_empty()
                && tail.split('.').all(|p| {
                    !p.is_empty()
                        && (p.chars().all(|c| c.is_ascii_digit())
                            || (p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase())))
                })
        }
        None => false,
    }
}

/// A bullet in the STT column ("-", "+", "•"): an unnumbered row.
pub fn is_bullet(label: &str) -> bool {
    matches!(label.trim(), "-" | "+" | "•" | "*" | "–" | "o")
}

// ---------------------------------------------------------------------------
// Kinds

/// What a section's name says it holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindWords {
    /// "Điểm thưởng", "Thưởng": bonus wherever it stands.
    pub bonus: bool,
    /// "Điểm cộng": bonus as a section of its own, but inside a content
    /// part (a conduct form's "1.1 Điểm cộng") the part's own points.
    pub plus: bool,
    /// "Điểm trừ", "Trừ điểm".
    pub deduction: bool,
}

impl KindWords {
    pub fn any(self) -> bool {
        self.bonus || self.plus || self.deduction
    }
}

/// The kind words of a section's name: its head, before any parenthesis
/// ("ĐIỂM THƯỞNG ĐỔI MỚI SÁNG TẠO (tối đa 10 điểm)", "ĐIỂM CỘNG, ĐIỂM TRỪ
/// THI ĐUA"), never a prefix of another word ("Thường trực HĐND…").
pub fn kind_words(text: &str) -> KindWords {
    let f = fold(text);
    let head = f.split('(').next().unwrap_or("").trim();
    let head = head.trim_start_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |a: &str, b: &str| words.windows(2).any(|w| w[0] == a && w[1] == b);
    let first = |a: &str, b: Option<&str>| {
        words.first() == Some(&a) && b.is_none_or(|b| words.get(1) == Some(&b))
    };
    KindWords {
        bonus: has("diem", "thuong")
            || (first("thuong", None)
                && words
                    .get(1)
                    .is_none_or(|w| matches!(*w, "thanh" | "diem" | "thi" | "them"))),
        plus: has("diem", "cong") || first("cong", Some("diem")),
        deduction: has("diem", "tru") || first("tru", Some("diem")) || has("diem", "phat"),
    }
}

// ---------------------------------------------------------------------------
// Rows that are not criteria

/// A total row without a number: "Cộng (I - VII)", "Cộng điểm các nhóm
/// tiêu chí …", "TỔNG ĐIỂM ĐẠT …", "Tổng cộng", "TỔNG ĐIỂM PHẦN 1",
/// "Điểm thưởng (nhóm VIII)", "Điểm trừ (nhóm IX)".
pub fn is_total_text(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim();
    if f == "cong"
        || f == "tong"
        || f.starts_with("tong cong")
        || f.starts_with("tong diem")
        || f.starts_with("tong so")
    {
        return true;
    }
    if [
        "cong (",
        "cong(",
        "cong:",
        "cong diem",
        "cong cac",
        "cong muc",
        "cong phan",
        "cong nhom",
    ]
    .iter()
    .any(|p| f.starts_with(p))
    {
        return true;
    }
    // "Điểm thưởng (nhóm VIII)": a line of the totals naming its group.
    let k = kind_words(f);
    if k.any() {
        if let Some((_, inner)) = f.split_once('(') {
            let inner = inner.trim_start();
            return ["nhom", "muc", "phan"].iter().any(|w| inner.starts_with(w));
        }
    }
    false
}

/// The classification line that ends a table: "XẾP LOẠI: ……", "Xếp loại".
pub fn is_grade_line(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim();
    f.starts_with("xep loai") && f.chars().count() <= 60 && !f.contains(" diem")
}

/// A column-index row under a header: "(1) (2) (3) …" or "1 2 3 4 5":
/// at least three cells, each a whole number, one more than the last.
pub fn is_index_row<'a>(cells: impl Iterator<Item = &'a Val>) -> bool {
    let mut prev: Option<i64> = None;
    let mut n = 0;
    for v in cells {
        let k = match v {
            Val::Num(x) if x.fract() == 0.0 && *x >= 0.0 && *x < 1000.0 => *x as i64,
            Val::Text(s) => {
                let t = s
                    .trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .trim();
                match t.parse::<i64>() {
                    Ok(k) if t.chars().all(|c| c.is_ascii_digit()) => k,
                    _ => return false,
                }
            }
            _ => return false,
        };
        if prev.is_some_and(|p| k != p + 1) {
            return false;
        }
        prev = Some(k);
        n += 1;
    }
    n >= 3
}

/// A header naming a reviewer's column that no role word names: "Điểm
/// lớp đánh giá", "Khoa Đánh Giá", "Cấp có thẩm quyền đánh giá", "Tổ
/// chuyên môn chấm", "BGH duyệt". The import gives the first such column
/// the second stage (khối chấm) and the next the third (thẩm định).
pub fn is_reviewer(text: &str) -> bool {
    let f = fold(text);
    if f.chars().count() > 60 {
        return false;
    }
    let words = ["danh gia", "cham", "duyet", "nhan xet"];
    let not = [
        "noi dung",
        "tieu chi",
        "cach",
        "huong dan",
        "yeu cau",
        "minh chung",
        "ghi chu",
        "thang",
        "toi da",
        "chuan",
    ];
    words.iter().any(|w| f.contains(w)) && !not.iter().any(|w| f.contains(w))
}

// ---------------------------------------------------------------------------
// Titles

/// Lines above a table that are never its title: the national motto,
/// "DỰ THẢO", form numbers, blanks for a name, dates, sub-titles in
/// parentheses.
pub fn is_not_title(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim();
    let starts = [
        "cong hoa",
        "doc lap",
        "du thao",
        "mau so",
        "mau:",
        "phu luc",
        "so:",
        "so ",
        "ho va ten",
        "ho ten",
        "chuc vu",
        "don vi:",
        "hoc ky",
        "nam hoc",
        "thang",
        "ngay",
        "(",
        "kem theo",
        "lop:",
        "ma ",
    ];
    f.is_empty() || starts.iter().any(|w| f.starts_with(w)) || f.ends_with(':')
}

/// Lines above a table that never name the unit, though they are not
/// its title either: sub-titles ("(Kèm theo Hướng dẫn số 01/HD-KTĐ …)",
/// "Ban hành kèm theo …", "Theo Quyết định …"), form numbers, dates, a
/// draft's mark. A unit named so would be a unit made of the template.
pub fn is_not_unit_name(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim();
    let starts = [
        "(",
        "kem theo",
        "ban hanh kem",
        "theo huong dan",
        "theo quyet dinh",
        "theo cong van",
        "theo ke hoach",
        "phu luc",
        "mau so",
        "du thao",
        "ngay ",
        "nam ",
        "dot ",
    ];
    starts.iter().any(|w| f.starts_with(w))
}

/// A name spreadsheet programs give a new sheet ("Sheet1", "Trang tính1"):
/// it names no unit.
pub fn is_default_sheet_name(name: &str) -> bool {
    let f = fold(name);
    let stem = f.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    [
        "sheet",
        "trang tinh",
        "bang tinh",
        "tabelle",
        "feuil",
        "hoja",
        "foglio",
    ]
    .contains(&stem)
}

/// Words that name a scoring table in its title.
pub fn names_a_table(text: &str) -> bool {
    let f = fold(text);
    [
        "bang cham",
        "bang diem",
        "phieu cham",
        "tieu chi cham",
        "bang tong hop",
        "ket qua cham",
        "phieu danh gia",
        "phieu tu danh gia",
        "khung tieu chi",
        "bang tieu chi",
        "tieu chi danh gia",
        "tieu chi thi dua",
        "cham diem",
        "thang diem",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// A title-like line: mostly capital letters, several words.
pub fn looks_like_title(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 12 && upper * 10 >= letters.len() * 8 && text.split_whitespace().count() >= 3
}

/// A short code for a table that has no number of its own, from its
/// title's words after "Bảng điểm": "Bảng điểm vi phạm" → "VP".
pub fn title_code(title: &str) -> String {
    let f = fold(title);
    let skip = ["bang", "diem", "phieu", "cac", "danh", "sach", "muc"];
    let code: String = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !skip.contains(w))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if code.is_empty() {
        "#".to_string()
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap().unwrap()
    }

    #[test]
    fn points_typed_as_text() {
        let p = points_text("5 điểm\n(tối đa)").unwrap();
        assert_eq!((p.value, p.negative, p.rate), (Some(d("5")), false, false));
        let p = points_text("2 điểm\n4 điểm").unwrap();
        assert_eq!((p.value, p.levels), (Some(d("4")), true));
        let p = points_text("-10 điểm\n-15 điểm\n-20 điểm").unwrap();
        assert_eq!((p.value, p.negative), (Some(d("20")), true));
        let p = points_text("- 20 điểm \n(tối đa)").unwrap();
        assert_eq!((p.value, p.negative), (Some(d("20")), true));
        let p = points_text("- 20 điểm (tối đa)").unwrap();
        assert_eq!((p.value, p.negative), (Some(d("20")), true));
        let p = points_text("+20 điểm\n(tối đa)").unwrap();
        assert_eq!((p.value, p.negative), (Some(d("20")), false));
        let p = points_text("-10điểm\n(tối đa)").unwrap();
        assert_eq!(p.value, Some(d("10")));
        for rate in [
            "2 điểm/lần",
            "12điểm/gK\n8điểm/gK",
            "+0,25đ/lần",
            "-10 điểm/lần",
            "8 điểm/giải\n6 điểm/giải",
        ] {
            let p = points_text(rate).unwrap();
            assert!(p.rate && p.value.is_none(), "{rate}");
        }
        let p = points_text("5/4/3").unwrap();
        assert_eq!((p.value, p.rate, p.levels), (Some(d("5")), false, true));
        assert_eq!(points_text("+10").unwrap().value, Some(d("10")));
        assert!(points_text("-20").unwrap().negative);
        assert_eq!(points_text("Theo kết quả"), None);
        assert_eq!(points_text("Điểm trừ tối đa"), None);
    }

    #[test]
    fn caps_in_titles() {
        assert_eq!(
            title_cap("ĐIỂM THƯỞNG ĐỔI MỚI SÁNG TẠO (tối đa 10 điểm)"),
            Some(d("10"))
        );
        assert_eq!(
            title_cap("ĐIỂM TRỪ VÀ CHẾ TÀI VI PHẠM (tối đa trừ 20 điểm)"),
            Some(d("20"))
        );
        assert_eq!(
            title_cap("ĐIỂM CỘNG THI ĐƯA (Tổng C.1 + C.2 + C.3 + C.4 tối đa 7.0 điểm)"),
            Some(d("7"))
        );
        assert_eq!(title_cap("TIÊU CHÍ CHUNG (TỐI ĐA 30 ĐIỂM)"), Some(d("30")));
        assert_eq!(
            title_cap("Phần I. Đánh giá về ý thức học tập (0 - 20 điểm) "),
            Some(d("20"))
        );
        assert_eq!(
            title_cap("I. Phẩm chất chính trị (80 điểm ban đầu)"),
            Some(d("80"))
        );
        assert_eq!(title_cap("Điểm cộng (tối đa 10 điểm)"), Some(d("10")));
        assert_eq!(
            title_cap("Công tác chủ nhiệm (chỉ áp dụng đối với GVCN)"),
            None
        );
        assert_eq!(title_cap("Hoạt động (2 điểm/lần)"), None);
    }

    #[test]
    fn numbering_inside_texts() {
        let n = |s: &str, strict| inline_number(s, strict).map(|(l, r)| (l, r.to_string()));
        assert_eq!(
            n("1. Đi học đúng giờ", false),
            Some(("1".into(), "Đi học đúng giờ".into()))
        );
        assert_eq!(
            n("1.1.1 Đi học", false),
            Some(("1.1.1".into(), "Đi học".into()))
        );
        assert_eq!(
            n("1.1 Điểm cộng ", false),
            Some(("1.1".into(), "Điểm cộng ".into()))
        );
        assert_eq!(
            n("3: Có giấy khen", false),
            Some(("3".into(), "Có giấy khen".into()))
        );
        assert_eq!(
            n("Phần III: Đánh giá", false),
            Some(("III".into(), "Đánh giá".into()))
        );
        assert_eq!(
            n("Phần I. Đánh giá", true),
            Some(("I".into(), "Đánh giá".into()))
        );
        assert_eq!(
            n("Điều 4. Đánh giá", true),
            Some(("4".into(), "Đánh giá".into()))
        );
        assert_eq!(
            n("II.1. Thực hiện", true),
            Some(("II.1".into(), "Thực hiện".into()))
        );
        assert_eq!(
            n("I. Phẩm chất", true),
            Some(("I".into(), "Phẩm chất".into()))
        );
        assert_eq!(
            n("2.2.7\n- Trong thời gian", false),
            Some(("2.2.7".into(), "- Trong thời gian".into()))
        );
        assert_eq!(n("1.Đi học", false), Some(("1".into(), "Đi học".into())));
        assert_eq!(n("a) Ý thức", false), Some(("a)".into(), "Ý thức".into())));
        assert_eq!(n("1. Đi học", true), None);
        assert_eq!(n("0.5 điểm/sự kiện, tối đa 2 điểm", false), None);
        assert_eq!(n("100% đại biểu", false), None);
        assert_eq!(n("2 điểm", false), None);
        assert_eq!(n("Tổng cộng", false), None);
        assert_eq!(n("TỔNG ĐIỂM PHẦN 1", false), None);
        assert_eq!(n("Đi làm đầy đủ", true), None);
        assert_eq!(n("Tham gia các cuộc thi", false), None);
        assert!(roman_dotted("II.1"));
        assert!(roman_dotted("IV.A"));
        assert!(!roman_dotted("1.1"));
        assert!(!roman_dotted("IV"));
    }

    #[test]
    fn kinds_from_the_whole_wording() {
        assert!(kind_words("ĐIỂM THƯỞNG ĐỔI MỚI SÁNG TẠO (tối đa 10 điểm)").bonus);
        assert!(!kind_words("Thường trực HĐND họp định kỳ").any());
        assert!(!kind_words("TỔ CHỨC BỘ MÁY (không tính điểm thưởng)").any());
        let k = kind_words("ĐIỂM CỘNG, ĐIỂM TRỪ THI ĐƯA");
        assert!(k.plus && k.deduction);
        assert!(kind_words("Điểm cộng (tối đa 10 điểm)").plus);
        assert!(kind_words("ĐIỂM TRỪ VÀ CHẾ TÀI VI PHẠM").deduction);
        assert!(kind_words("Trừ điểm").deduction);
        assert!(kind_words("Thưởng").bonus);
    }

    #[test]
    fn totals_grades_and_index_rows() {
        for t in [
            "Cộng (I - VII)",
            "Cộng điểm các nhóm tiêu chí (I + II + III + IV + V + VI + VII)",
            "TỔNG ĐIỂM ĐẠT (Điểm nhóm I - VII + VIII - IX; từ 0 đến 110 điểm)",
            "Điểm thưởng (nhóm VIII)",
            "Điểm trừ (nhóm IX)",
            "Tổng cộng",
            "TỔNG ĐIỂM PHẦN 1 ",
            "Cộng (I + II + III + IV + V)",
            "Cộng",
        ] {
            assert!(is_total_text(t), "{t}");
        }
        for t in [
            "Cộng 0,25 điểm/lần tham gia",
            "Điểm cộng (tối đa 10 điểm)",
            "Điểm thưởng",
        ] {
            assert!(!is_total_text(t), "{t}");
        }
        assert!(is_grade_line("XẾP LOẠI: ……………………………"));
        assert!(is_grade_line("Xếp loại"));
        let t = |s: &str| Val::Text(s.into());
        assert!(is_index_row(
            [t("(1)"), t("(2)"), t("(3)"), t("(4)")].iter()
        ));
        assert!(is_index_row([t("1"), t("2"), t("3")].iter()));
        assert!(is_index_row(
            [Val::Num(1.0), Val::Num(2.0), Val::Num(3.0)].iter()
        ));
        assert!(!is_index_row([t("1"), t("Nội dung"), Val::Num(3.0)].iter()));
        assert!(!is_index_row([t("1"), t("2")].iter()));
    }

    #[test]
    fn reviewers_and_titles() {
        for r in [
            "Điểm lớp đánh giá",
            "Khoa Đánh Giá",
            "Cấp có thẩm quyền đánh giá",
            "Tổ chuyên môn chấm",
            "BGH duyệt",
            "Điểm đánh giá của lớp/CVHT",
        ] {
            assert!(is_reviewer(r), "{r}");
        }
        for r in [
            "Cách chấm điểm",
            "Nội dung đánh giá",
            "Yêu cầu và cách trừ điểm",
            "Minh chứng",
            "Thang điểm",
        ] {
            assert!(!is_reviewer(r), "{r}");
        }
        assert!(is_not_title("DỰ THẢO"));
        assert!(is_not_title("Họ và tên: ………………"));
        assert!(is_not_title("(Kèm theo Quyết định số …)"));
        assert!(is_not_title("Mẫu số 02"));
        assert!(names_a_table(
            "KHUNG TIÊU CHÍ ĐÁNH GIÁ, XẾP LOẠI HĐND CẤP TỈNH"
        ));
        assert!(names_a_table(
            "Phiếu tự đánh giá chấm điểm cho viên chức quản lí"
        ));
        assert!(looks_like_title("SINH VIÊN TỰ CHẤM ĐIỂM RÈN LUYỆN"));
        assert_eq!(title_code("Bảng điểm vi phạm"), "VP");
        assert!(mentions_points("Mức điểm cộng: +3đ/đợt; +2đ/đợt"));
        assert!(mentions_points("- Xuất sắc: 10 điểm"));
        assert!(!mentions_points(
            "Trong thời gian sinh viên bị kỷ luật mức khiển trách"
        ));
    }
}
