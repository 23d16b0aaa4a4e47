//! Reading a template's face (`model::Face`): the issuing body's block
//! and the place of its date line, so that the export and the dossier
//! print them as the bloc wrote them.
//!
//! Rules, in order:
//! 1. The issuer is read above the header row only. When a row holds the
//!    national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự
//!    do - Hạnh phúc"), the issuer is the text left of it in the rows from
//!    the first non-empty one down to the last motto row: the two blocks
//!    of a Vietnamese administrative document stand side by side.
//! 2. Without the motto, the issuer is the run of capitalised lines at the
//!    top that name a body (UBND…, SỞ…, KHỐI THI ĐUA…, PHÒNG…), stopping
//!    at the first line that is not one.
//! 3. Never in the issuer: the title, a line with a colon ("Số: …", "Đơn
//!    vị: ……", a field to fill in), a date line, rules
//!    drawn with underscores or dashes, the generic "KHỐI THI ĐUA" our own
//!    export writes when the face is unknown. At most [`MAX_ISSUER`] lines,
//!    each at most [`MAX_LINE`] characters.
//! 5. Left of the motto, a line that names no body continues the line
//!    above it: one body's name set on two lines ("THƯỜNG TRỰC HĐND" /
//!    "TỈNH THANH HÓA", "HỌC VIỆN CÔNG NGHỆ" / "BƯU CHÍNH VIỄN THÔNG"). The
//!    lines stay as written (joined, they wrapped in the unit forms and the
//!    print: seen by a secretary's run); the issuing body starts on the
//!    last line that names one, and is printed in bold from there.
//! 4. The place is the words before ", ngày" in the first date line of the
//!    sheet, above or below the table ("Hà Tĩnh, ngày … tháng … năm 2024"),
//!    unless they are a blank to fill in ("…, ngày").

use super::read::{Grid, Val};
use super::text::fold;
use super::{wording, words};
use crate::model::Face;

/// Lines of an issuing block: the superior body, the body, a sub-unit.
const MAX_ISSUER: usize = 3;
const MAX_LINE: usize = 100;
/// Characters a place name may have ("Thành phố Hồ Chí Minh" is 21).
const MAX_PLACE: usize = 40;

/// The face of the sheet whose table's header is at `header_row` (0-based).
pub fn read_face(grid: &Grid, header_row: u32) -> Face {
    let issuer = issuer(grid, header_row);
    // Rule 5: the body's name starts on the last line naming one.
    let last = issuer.len().saturating_sub(1);
    let body_from = issuer
        .iter()
        .rposition(|l| names_a_body(l))
        .filter(|&i| i < last);
    Face {
        issuer,
        place: place(grid).unwrap_or_default(),
        body_from,
    }
}

fn is_motto(folded: &str) -> bool {
    folded.starts_with("cong hoa xa hoi") || folded.starts_with("doc lap")
}

/// Rule 3: a line that may stand in an issuing block.
fn may_be_issuer(text: &str) -> bool {
    let f = fold(text);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    !text.is_empty()
        && text.chars().count() <= MAX_LINE
        && letters >= 2
        && !is_motto(&f)
        && !text.contains(':')
        && !f.contains("ngay")
        && !wording::names_a_table(text)
        && text != words::EXPORT_BLOC
}

/// Words typed in capitals ("UBND TỈNH HÀ TĨNH", "Sở Nội vụ" is not).
fn in_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    !letters.is_empty() && upper * 10 >= letters.len() * 8
}

/// Rule 2: the words a body's name starts with.
fn names_a_body(text: &str) -> bool {
    let f = fold(text);
    [
        "ubnd",
        "uy ban",
        "so ",
        "ban ",
        "khoi",
        "cum",
        "phong",
        "hoi dong",
        "truong",
        "cong an",
        "bo ",
        "tong cuc",
        "cuc ",
        "dang uy",
        "thanh uy",
        "tinh uy",
        "huyen uy",
        "mat tran",
        "lien doan",
        "doan ",
        "benh vien",
        "trung tam",
        "van phong",
        "thuong truc",
        "hoc vien",
        "dai hoc",
        "vien ",
        "to ",
        "cong ty",
        "tong cong ty",
        "chi cuc",
        "kho bac",
        "ngan hang",
        "bao hiem",
        "hoi ",
    ]
    .iter()
    .any(|w| f.starts_with(w))
}

fn text_of(v: &Val) -> Option<String> {
    match v {
        Val::Text(s) => {
            let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then_some(t)
        }
        Val::Num(_) => None,
    }
}

fn issuer(grid: &Grid, header_row: u32) -> Vec<String> {
    let above = || grid.rows.range(..header_row);
    // Rule 1: the motto's column and its last row.
    let motto = above()
        .flat_map(|(&r, cells)| cells.iter().map(move |(&c, v)| (r, c, v)))
        .filter(|(_, _, v)| text_of(v).is_some_and(|t| is_motto(&fold(&t))))
        .fold(None::<(u32, u32)>, |acc, (r, c, _)| match acc {
            Some((_, col)) => Some((r, col.min(c))),
            None => Some((r, c)),
        });
    let mut lines: Vec<String> = Vec::new();
    match motto {
        Some((last_row, motto_col)) => {
            for (_, cells) in grid
                .rows
                .range(..=last_row.min(header_row.saturating_sub(1)))
            {
                let row_text: Vec<String> = cells
                    .iter()
                    .filter(|(&c, _)| c < motto_col)
                    .filter_map(|(_, v)| text_of(v))
                    .collect();
                let line = row_text.join(" ");
                if may_be_issuer(&line) {
                    lines.push(line);
                }
            }
        }
        None => {
            for (_, cells) in above() {
                let Some(line) = cells.values().find_map(text_of) else {
                    continue;
                };
                if !(may_be_issuer(&line) && in_capitals(&line) && names_a_body(&line)) {
                    break;
                }
                lines.push(line);
            }
        }
    }
    lines.truncate(MAX_ISSUER);
    lines
}

/// Rule 4.
fn place(grid: &Grid) -> Option<String> {
    grid.rows
        .values()
        .flat_map(|cells| cells.values())
        .find_map(|v| {
            let t = text_of(v)?;
            let (before, _) = split_date_line(&t)?;
            let name = before.trim().trim_end_matches(',').trim();
            let filled = name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            (filled && name.chars().count() <= MAX_PLACE).then(|| name.to_string())
        })
}

/// "Hà Tĩnh, ngày 05 tháng 12 năm 2024" → ("Hà Tĩnh", "ngày 05 …").
fn split_date_line(text: &str) -> Option<(&str, &str)> {
    let (before, after) = text.split_once(',')?;
    let f = fold(after.trim_start());
    f.starts_with("ngay").then_some((before, after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn grid(rows: &[(u32, u32, &str)]) -> Grid {
        let mut g = Grid {
            name: "Sheet1".into(),
            hidden: false,
            rows: BTreeMap::new(),
            merges: Vec::new(),
        };
        for &(r, c, t) in rows {
            g.rows
                .entry(r)
                .or_default()
                .insert(c, Val::Text(t.to_string()));
        }
        g
    }

    #[test]
    fn rule_1_the_block_left_of_the_motto() {
        let g = grid(&[
            (0, 0, "UBND TỈNH HÀ TĨNH"),
            (0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (1, 0, "KHỐI THI ĐUA CÁC HUYỆN"),
            (1, 3, "Độc lập - Tự do - Hạnh phúc"),
            (2, 0, "Số: …/KTĐ"),
            (2, 3, "Hà Tĩnh, ngày … tháng … năm 2024"),
            (4, 0, "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2024"),
            (6, 0, "STT"),
        ]);
        let f = read_face(&g, 6);
        assert_eq!(f.issuer, ["UBND TỈNH HÀ TĨNH", "KHỐI THI ĐUA CÁC HUYỆN"]);
        assert_eq!(f.place, "Hà Tĩnh");
    }

    #[test]
    fn rule_5_a_name_set_on_two_lines_is_one_body() {
        // As in the published HĐND Thanh Hóa and PTIT templates
        // (tests/fixtures/real/01, 04).
        let g = grid(&[
            (0, 0, "THƯỜNG TRỰC HĐND"),
            (0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (1, 0, "TỈNH THANH HÓA"),
            (1, 3, "Độc lập - Tự do - Hạnh phúc"),
            (4, 0, "STT"),
        ]);
        let f = read_face(&g, 4);
        assert_eq!(f.issuer, ["THƯỜNG TRỰC HĐND", "TỈNH THANH HÓA"]);
        assert!(f.is_body_line(0) && f.is_body_line(1));
        let g = grid(&[
            (0, 0, "ĐẠI HỌC ĐÀ NẴNG"),
            (0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (1, 0, "TRƯỜNG ……………………"),
            (1, 3, "Độc lập - Tự do - Hạnh phúc"),
            (4, 0, "STT"),
        ]);
        let f = read_face(&g, 4);
        assert_eq!(f.issuer, ["ĐẠI HỌC ĐÀ NẴNG", "TRƯỜNG ……………………"]);
        assert!(!f.is_body_line(0) && f.is_body_line(1));
    }

    #[test]
    fn rule_2_capitalised_bodies_at_the_top_without_a_motto() {
        let g = grid(&[
            (0, 0, "ỦY BAN NHÂN DÂN QUẬN 3"),
            (1, 0, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"),
            (2, 0, "BẢNG CHẤM ĐIỂM ỨNG DỤNG CNTT"),
            (3, 0, "ỦY BAN NHÂN DÂN QUẬN 3"),
            (5, 0, "STT"),
            (40, 4, "Quận 3, ngày    tháng    năm 2026"),
        ]);
        let f = read_face(&g, 5);
        assert_eq!(
            f.issuer,
            ["ỦY BAN NHÂN DÂN QUẬN 3", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
        );
        assert_eq!(f.place, "Quận 3");
    }

    #[test]
    fn rule_3_and_4_blanks_and_our_generic_words_are_not_a_face() {
        let g = grid(&[
            (0, 0, "KHỐI THI ĐUA"),
            (0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (1, 3, "Độc lập - Tự do - Hạnh phúc"),
            (3, 0, "PHIẾU CHẤM ĐIỂM THI ĐUA"),
            (7, 0, "STT"),
            (30, 3, "…, ngày … tháng … năm …"),
        ]);
        assert!(read_face(&g, 7).is_empty());
        // A title alone at the top is no issuer; a table without any
        // header block has no face.
        let g = grid(&[(0, 0, "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2025"), (2, 0, "STT")]);
        assert!(read_face(&g, 2).is_empty());
    }
}
