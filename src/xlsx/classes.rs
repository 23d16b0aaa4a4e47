//! What the import reads beside the criteria table: the final-result rule
//! an export keeps in its hidden sheet, and the classification bands a
//! template states in words (a "Xếp loại" sheet, or lines such as "Xuất
//! sắc: từ 95 điểm trở lên" under a "Xếp loại" heading). Called once by
//! the import, after the hidden sheet's bands and names are applied.

use super::layout::META_MAGIC;
use super::read::{Book, Grid, Val};
use crate::model::classes::parse_bands;
use crate::model::text::fold;
use crate::model::{FinalRule, Scoresheet};

/// Rows read after a "Xếp loại" heading.
const ROWS_AFTER_HEADING: u32 = 12;
/// Headings tried, rows of a "Xếp loại" sheet read, longest cell looked
/// at: a hostile file repeating "xếp loại" costs no more than this.
const MAX_HEADINGS: usize = 20;
const MAX_BAND_ROWS: usize = 200;
const MAX_CELL_BYTES: usize = 2000;

/// Applies the export's final-result rule, or, in a template, the bands it
/// states (only when no band is known yet).
pub fn apply(book: &Book, sheet: &mut Scoresheet) {
    if book.sheets.iter().any(|g| g.text(0, 0) == META_MAGIC) {
        // An export of the app: its rule (an oversized sheet is ignored).
        let Some(text) = super::layout::meta_text(book) else {
            return;
        };
        #[derive(serde::Deserialize)]
        struct Meta {
            #[serde(default)]
            rule: FinalRule,
        }
        if let Ok(meta) = serde_json::from_str::<Meta>(&text) {
            sheet.final_rule = meta.rule;
        }
        return;
    }
    if sheet.classes.is_empty() {
        if let Some(bands) = template_bands(book) {
            sheet.classes = bands;
        }
    }
}

/// A row as one line: "Xuất sắc: từ 95 điểm trở lên" as written, or its
/// cells joined ("Xuất sắc" | "từ 95 điểm trở lên" → "Xuất sắc: từ 95…").
fn row_line(grid: &Grid, row: u32) -> String {
    let Some(cells) = grid.rows.get(&row) else {
        return String::new();
    };
    let texts: Vec<String> = cells
        .values()
        .map(|v| v.text().trim().to_string())
        .filter(|t| !t.is_empty() && t.len() < MAX_CELL_BYTES)
        .collect();
    match texts.split_first() {
        Some((first, rest)) if !rest.is_empty() && !first.contains(':') => {
            let rest = rest.join(" ");
            // Two bare numbers are a range: "95 | 100".
            let numbers = rest.split(' ').all(|w| {
                w.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            });
            if numbers && rest.contains(' ') {
                format!("{first}: {} điểm", rest.replacen(' ', " - ", 1))
            } else if numbers {
                format!("{first}: từ {rest} điểm")
            } else {
                format!("{first}: {rest}")
            }
        }
        _ => texts.join(" "),
    }
}

/// The bands stated in a template: a sheet named "Xếp loại", else the
/// lines from a "Xếp loại" heading down, on any visible sheet.
fn template_bands(book: &Book) -> Option<Vec<crate::model::Class>> {
    let visible = || book.sheets.iter().filter(|g| !g.hidden);
    for g in visible().filter(|g| fold(&g.name).contains("xep loai")) {
        let text: Vec<String> = g
            .rows
            .keys()
            .take(MAX_BAND_ROWS)
            .map(|&r| row_line(g, r))
            .collect();
        if let Some(b) = parse_bands(&text.join("\n")) {
            return Some(b);
        }
    }
    let mut tried = 0;
    for g in visible() {
        for (&row, cells) in &g.rows {
            let heading = cells.values().any(|v| match v {
                Val::Text(t) => t.len() < MAX_CELL_BYTES && fold(t).contains("xep loai"),
                Val::Num(_) => false,
            });
            if !heading {
                continue;
            }
            tried += 1;
            if tried > MAX_HEADINGS {
                return None;
            }
            let lines: Vec<String> = (row..=row + ROWS_AFTER_HEADING)
                .map(|r| row_line(g, r))
                .collect();
            if let Some(b) = parse_bands(&lines.join("\n")) {
                return Some(b);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dec;
    use crate::xlsx::read::Format;

    fn grid(name: &str, rows: &[&[&str]]) -> Grid {
        let mut g = Grid {
            name: name.into(),
            ..Grid::default()
        };
        for (r, cells) in rows.iter().enumerate() {
            for (c, t) in cells.iter().enumerate() {
                if !t.is_empty() {
                    g.rows
                        .entry(r as u32)
                        .or_default()
                        .insert(c as u32, Val::Text(t.to_string()));
                }
            }
        }
        g
    }

    fn book(sheets: Vec<Grid>) -> Book {
        Book {
            format: Format::Xlsx,
            sheets,
        }
    }

    #[test]
    fn bands_under_a_heading_below_the_table() {
        let b = book(vec![grid(
            "Bảng điểm",
            &[
                &["STT", "Nội dung", "Điểm chuẩn"],
                &["1", "Tiêu chí", "10"],
                &["", "Xếp loại:"],
                &["", "- Xuất sắc: từ 95 điểm trở lên;"],
                &["", "- Tốt: từ 80 đến dưới 95 điểm;"],
                &["", "- Khá: từ 65 đến dưới 80 điểm."],
            ],
        )]);
        let mut s = Scoresheet::new("t");
        apply(&b, &mut s);
        let names: Vec<&str> = s.classes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Xuất sắc", "Tốt", "Khá"]);
        assert_eq!(s.classes[1].max, Some(Dec::from_int(95)));
        // Bands already known (the export's hidden sheet) are kept.
        let mut known = Scoresheet::new("t");
        known.classes = vec![crate::model::Class::new("A", Dec::ONE)];
        apply(&b, &mut known);
        assert_eq!(known.classes.len(), 1);
    }

    #[test]
    fn bands_in_a_sheet_of_their_own_as_a_table() {
        let b = book(vec![grid(
            "Xếp loại",
            &[
                &["Mức", "Điểm từ", "Điểm đến"],
                &["Xuất sắc", "95", "100"],
                &["Tốt", "80", "94,75"],
                &["Khá", "từ 65 đến dưới 80 điểm"],
            ],
        )]);
        let mut s = Scoresheet::new("t");
        apply(&b, &mut s);
        assert_eq!(s.classes.len(), 3);
        assert_eq!(s.classes[0].min, Dec::from_int(95));
        assert_eq!(s.classes[0].max, Some(Dec::from_int(100)));
        assert!(s.classes[0].max_in);
        assert_eq!(s.classes[2].max, Some(Dec::from_int(80)));
        // Nothing that reads as bands: nothing.
        let b = book(vec![grid("Xếp loại", &[&["Ghi chú: xem quy chế"]])]);
        let mut s = Scoresheet::new("t");
        apply(&b, &mut s);
        assert!(s.classes.is_empty());
    }

    #[test]
    fn a_published_tables_bands_are_read_and_ambiguous_ones_are_not() {
        let read = |name: &str| {
            let path = format!("{}/tests/fixtures/real/{name}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(path).unwrap();
            crate::xlsx::import(&bytes, &Default::default())
                .unwrap()
                .sheet
        };
        // "Xuất sắc ≥ 90 điểm; Tốt từ 80 đến dưới 90; …; Yếu dưới 50."
        let s = read("01-hdnd-thanh-hoa-cap-tinh.xlsx");
        let bands: Vec<String> = s.classes.iter().map(crate::strings::band_text).collect();
        assert_eq!(
            bands,
            [
                "Xuất sắc: từ 90 điểm trở lên",
                "Tốt: từ 80 đến dưới 90 điểm",
                "Khá: từ 65 đến dưới 80 điểm",
                "Trung bình: từ 50 đến dưới 65 điểm",
                "Yếu: từ 0 đến dưới 50 điểm"
            ]
        );
        // Two thresholds per band (homeroom teachers or not): left to the bloc.
        assert!(read("10-th-thcs-thi-dua-thang-giao-vien.xlsx")
            .classes
            .is_empty());
    }

    #[test]
    fn the_exports_rule_comes_back() {
        let meta = r#"{"classes":[],"short":{},"kinds":{},"rule":"highest"}"#;
        let b = book(vec![grid("chamdiem", &[&[META_MAGIC], &[meta]])]);
        let mut s = Scoresheet::new("t");
        apply(&b, &mut s);
        assert_eq!(s.final_rule, FinalRule::Highest);
        // An older export has no rule: the default.
        let meta = r#"{"classes":[],"short":{},"kinds":{}}"#;
        let b = book(vec![grid("chamdiem", &[&[META_MAGIC], &[meta]])]);
        let mut s = Scoresheet::new("t");
        s.final_rule = FinalRule::Latest;
        apply(&b, &mut s);
        assert_eq!(s.final_rule, FinalRule::Merge);
    }
}
