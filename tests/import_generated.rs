//! Import behaviour on workbooks built here, one rule at a time.

use chamdiem::model::{Dec, Kind, Stage, Tree};
use chamdiem::xlsx::{self, ImportOptions, Role};
use rust_xlsxwriter::{Format, Workbook};
use unicode_normalization::UnicodeNormalization;

type Rows<'a> = &'a [&'a [&'a str]];

/// A one-sheet workbook; cells that parse as plain numbers are numbers.
fn book(rows: Rows) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                Ok(n)
                    if !v.contains('.')
                        || v.len() < 6 && !v.starts_with('1')
                        || v.parse::<i64>().is_ok() =>
                {
                    ws.write_number(r as u32, c as u16, n).unwrap();
                }
                _ => {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn import(bytes: &[u8]) -> xlsx::Imported {
    xlsx::import(bytes, &ImportOptions::default()).unwrap()
}

const HEAD: &[&str] = &[
    "STT",
    "Nội dung",
    "Điểm chuẩn",
    "Tự chấm",
    "Khối chấm",
    "Ghi chú",
];

#[test]
fn nfd_text_is_normalised_and_headers_match_in_any_case() {
    let nfd = |s: &str| s.nfd().collect::<String>();
    let head: Vec<String> = ["stt", "NỘI DUNG TIÊU CHÍ", "thang điểm", "TỰ CHẤM"]
        .iter()
        .map(|s| nfd(s))
        .collect();
    let text = nfd("Chấp hành chủ trương, đường lối");
    let rows: Vec<Vec<&str>> = vec![
        head.iter().map(|s| s.as_str()).collect(),
        vec!["I", "Phần một", "10"],
        vec!["1", &text, "10", "9,5"],
    ];
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let imp = import(&book(&rows));
    let n = imp.sheet.node_by_code("I.1").unwrap();
    assert_eq!(n.text, "Chấp hành chủ trương, đường lối");
    assert_eq!(n.text.nfc().collect::<String>(), n.text);
    assert_eq!(imp.report.columns[&Role::Max], 2);
    assert_eq!(imp.report.columns[&Role::SelfScore], 3);
}

#[test]
fn decimal_comma_maxima_are_read_with_a_warning() {
    let imp = import(&book(&[
        HEAD,
        &["I", "Phần một", "7,5 điểm"],
        &["1", "Tiêu chí một", "2,5đ"],
        &["2", "Tiêu chí hai", "5"],
    ]));
    let n = imp.sheet.node_by_code("I.1").unwrap();
    assert_eq!(n.max, Some(Dec::from_hundredths(250)));
    let msgs: Vec<String> = imp.report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("dòng 3: điểm chuẩn '2,5đ' đọc là 2,5")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("'7,5 điểm' đọc là 7,5")),
        "{msgs:?}"
    );
}

#[test]
fn stated_section_total_that_differs_is_warned() {
    let imp = import(&book(&[
        HEAD,
        &["I", "Phần một", "20"],
        &["1", "Tiêu chí một", "5"],
        &["2", "Tiêu chí hai", "10"],
        &["", "Tổng cộng", "15"],
    ]));
    let msgs: Vec<String> = imp
        .report
        .warnings
        .iter()
        .map(|w| chamdiem::strings::warning(&w.said))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("mục I ghi 20 điểm") && m.contains("15 điểm")),
        "{msgs:?}"
    );
    // The total row is not a criterion.
    let tree = Tree::new(&imp.sheet);
    assert_eq!((0..tree.len()).filter(|&i| tree.is_scoreable(i)).count(), 2);
}

#[test]
fn letters_dotted_guidance_bonus_deduction_and_footer() {
    let imp = import(&book(&[
        &["BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2024"],
        &[],
        HEAD,
        &["I", "Nhiệm vụ chính", "20"],
        &["1", "Kinh tế", "10"],
        &["a)", "Tăng trưởng", "6"],
        &["", "+ Đạt kế hoạch: 4 điểm", ""],
        &["b)", "Thu ngân sách", "4"],
        &["2", "Xã hội", "10"],
        &["2.1", "Giáo dục", "5"],
        &["2.2", "Y tế", "5"],
        &["II", "Điểm cộng", "3"],
        &["1", "Sáng kiến", "3"],
        &["III", "Các khoản điểm trừ", ""],
        &["1", "Vi phạm", "5"],
        &["", "TRƯỞNG KHỐI", ""],
        &["", "Nguyễn Văn A", ""],
    ]));
    let s = &imp.sheet;
    assert_eq!(s.title, "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2024");
    let codes: Vec<&str> = s
        .nodes
        .iter()
        .filter(|n| !n.guidance)
        .map(|n| n.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["I", "I.1", "I.1.a", "I.1.b", "I.2", "I.2.1", "I.2.2", "II", "II.1", "III", "III.1"]
    );
    let guide = s.nodes.iter().find(|n| n.guidance).unwrap();
    assert_eq!(guide.text, "+ Đạt kế hoạch: 4 điểm");
    assert_eq!(s.node(guide.parent.unwrap()).unwrap().code, "I.1.a");
    assert_eq!(s.node_by_code("II.1").unwrap().kind, Kind::Bonus);
    assert_eq!(s.node_by_code("III.1").unwrap().kind, Kind::Deduction);
    let tree = Tree::new(s);
    assert_eq!(tree.content_plain_max, Dec::from_int(20));
    assert_eq!(tree.bonus_plain_max, Dec::from_int(3));
    assert_eq!(tree.deduction_plain_max, Dec::from_int(5));
    // The signature block ended the table.
    assert!(!s.nodes.iter().any(|n| n.text.contains("Nguyễn Văn A")));
}

#[test]
fn two_row_merged_header_in_xlsx() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 1, 0, "TT", &f).unwrap();
    ws.merge_range(0, 1, 1, 1, "Tiêu chí", &f).unwrap();
    ws.merge_range(0, 2, 0, 4, "Điểm", &f).unwrap();
    ws.write_string(1, 2, "Tối đa").unwrap();
    ws.write_string(1, 3, "Đơn vị tự chấm").unwrap();
    ws.write_string(1, 4, "Khối chấm").unwrap();
    ws.write_string(2, 0, "I").unwrap();
    ws.write_string(2, 1, "Phần I").unwrap();
    ws.write_number(2, 2, 10).unwrap();
    ws.write_string(3, 0, "1").unwrap();
    ws.write_string(3, 1, "Một").unwrap();
    ws.write_number(3, 2, 10).unwrap();
    ws.write_number(3, 3, 8.5).unwrap();
    let imp = import(&wb.save_to_buffer().unwrap());
    assert_eq!(imp.report.header_row, 1);
    assert_eq!(imp.report.header_rows, 2);
    assert!(!imp.report.unsure);
    // "Điểm" over "Tối đa" reads as "Điểm tối đa".
    assert_eq!(imp.report.columns[&Role::Max], 2);
    assert_eq!(imp.report.columns[&Role::SelfScore], 3);
    assert_eq!(imp.report.columns[&Role::Bloc], 4);
    let n = imp.sheet.node_by_code("I.1").unwrap();
    assert_eq!(n.max, Some(Dec::from_int(10)));
    // One sheet with scores: one unit, named after the sheet.
    assert_eq!(imp.sheet.units.len(), 1);
    assert_eq!(imp.sheet.units[0].name, "Sheet1");
    assert_eq!(imp.sheet.units[0].raw(n.id, Stage::SelfScore), "8,5");
}

#[test]
fn unsure_columns_are_picked_by_the_user() {
    let bytes = book(&[
        &["STT", "Nội dung", "Điểm", "Tự chấm"],
        &["I", "Phần I", "10"],
        &["1", "Một", "10", "7"],
    ]);
    let imp = import(&bytes);
    assert!(imp.report.unsure);
    assert!(!imp.report.columns.contains_key(&Role::Max));
    assert!(imp
        .report
        .header_cells
        .iter()
        .any(|(c, t)| *c == 2 && t == "Điểm"));
    let mut cols = imp.report.columns.clone();
    cols.insert(Role::Max, 2);
    let opts = ImportOptions {
        fixes: xlsx::Fixes {
            columns: Some(cols),
            ..Default::default()
        },
        ..Default::default()
    };
    let imp = xlsx::import(&bytes, &opts).unwrap();
    assert_eq!(
        imp.sheet.node_by_code("I.1").unwrap().max,
        Some(Dec::from_int(10))
    );
    assert!(!imp.report.unsure);
}

#[test]
fn scores_typed_as_text_are_kept_as_typed() {
    let imp = import(&book(&[
        &["PHIẾU CHẤM"],
        &["UBND huyện Kỳ Anh"],
        HEAD,
        &["I", "Phần một", "10"],
        &["1", "Tiêu chí một", "10", "chín", "9", "thiếu hồ sơ"],
    ]));
    let s = &imp.sheet;
    assert_eq!(s.units.len(), 1);
    assert_eq!(s.units[0].name, "UBND huyện Kỳ Anh");
    let id = s.node_by_code("I.1").unwrap().id;
    assert_eq!(s.units[0].raw(id, Stage::SelfScore), "chín");
    assert_eq!(s.units[0].raw(id, Stage::Bloc), "9");
    assert_eq!(
        s.units[0].mark(id, Stage::SelfScore).unwrap().note,
        "thiếu hồ sơ"
    );
}

#[test]
fn parts_after_sections_are_top_level() {
    // What a template with parts A / B / C becomes once part A (which only
    // totalled I and II) is dropped: the export writes I, II, then B.
    let imp = import(&book(&[
        HEAD,
        &["I", "Phần một", "10"],
        &["1", "Một", "10"],
        &["II", "Phần hai", "5"],
        &["1", "Hai", "5"],
        &["B", "Điểm thưởng", "2"],
        &["1", "Thưởng", "2"],
    ]));
    let s = &imp.sheet;
    let b = s.node_by_code("B").unwrap();
    assert_eq!(b.parent, None);
    assert_eq!(b.kind, Kind::Bonus);
    assert_eq!(s.node_by_code("B.1").unwrap().kind, Kind::Bonus);
}

#[test]
fn named_title_unit_and_stage_notes() {
    let imp = import(&book(&[
        &["PHIẾU CHẤM ĐIỂM THI ĐUA"],
        &["Bảng chấm điểm: Khối huyện 2024"],
        &["Đơn vị: UBND huyện Kỳ Anh"],
        HEAD,
        &["I", "Phần một", "10"],
        &[
            "1",
            "Một",
            "10",
            "9",
            "8",
            "Tự chấm: đủ\nKhối chấm: thiếu\nbổ sung sau",
        ],
    ]));
    let s = &imp.sheet;
    assert_eq!(s.title, "Khối huyện 2024");
    assert_eq!(s.units[0].name, "UBND huyện Kỳ Anh");
    let id = s.node_by_code("I.1").unwrap().id;
    let note = |st| s.units[0].mark(id, st).unwrap().note.clone();
    assert_eq!(note(Stage::SelfScore), "đủ");
    assert_eq!(note(Stage::Bloc), "thiếu\nbổ sung sau");
}

#[test]
fn numbered_units_named_like_totals_stay_in_the_summary() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [
        ["STT", "Tên đơn vị", "Tổng điểm"],
        ["1", "Công an tỉnh", ""],
        ["2", "Tổng công ty Điện lực", ""],
        ["", "Tổng cộng", ""],
        ["3", "Sau dòng tổng", ""],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let ws = wb.add_worksheet();
    for (c, v) in HEAD.iter().enumerate() {
        ws.write_string(0, c as u16, *v).unwrap();
    }
    ws.write_string(1, 0, "I").unwrap();
    ws.write_string(1, 1, "Phần một").unwrap();
    ws.write_number(1, 2, 10).unwrap();
    let imp = import(&wb.save_to_buffer().unwrap());
    let names: Vec<&str> = imp.sheet.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["Công an tỉnh", "Tổng công ty Điện lực"]);
}

#[test]
fn a_dated_guidance_line_does_not_end_the_table() {
    let imp = import(&book(&[
        HEAD,
        &["I", "Phần một", "10"],
        &["1", "Báo cáo", "5"],
        &["", "- Nộp trước ngày 15 tháng 12 năm 2024", ""],
        &["2", "Tổ chức", "5"],
        &["", "…, ngày … tháng … năm …", ""],
        &["3", "Sau chữ ký: không đọc", "5"],
    ]));
    let s = &imp.sheet;
    assert!(s.node_by_code("I.2").is_some());
    assert!(s
        .nodes
        .iter()
        .any(|n| n.guidance && n.text.contains("ngày 15")));
    // The signature line still ends the table.
    assert!(s.node_by_code("I.3").is_none());
}

/// A workbook of one sheet per `(sheet name, tự chấm of I.1)`, after a
/// summary list of `summary` when there is one; imported.
fn sheet_per_unit(summary: &[&str], sheets: &[(&str, &str)]) -> xlsx::Imported {
    let mut wb = Workbook::new();
    if !summary.is_empty() {
        let ws = wb.add_worksheet().set_name("Tổng hợp").unwrap();
        for (c, v) in ["STT", "Tên đơn vị", "Tổng điểm"].iter().enumerate() {
            ws.write_string(0, c as u16, *v).unwrap();
        }
        for (r, n) in summary.iter().enumerate() {
            ws.write_number(r as u32 + 1, 0, r as f64 + 1.0).unwrap();
            ws.write_string(r as u32 + 1, 1, *n).unwrap();
        }
    }
    for (name, score) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (c, v) in HEAD.iter().enumerate() {
            ws.write_string(0, c as u16, *v).unwrap();
        }
        ws.write_string(1, 0, "I").unwrap();
        ws.write_string(1, 1, "Phần một").unwrap();
        ws.write_number(1, 2, 10).unwrap();
        ws.write_number(2, 0, 1).unwrap();
        ws.write_string(2, 1, "Tiêu chí một").unwrap();
        ws.write_number(2, 2, 10).unwrap();
        ws.write_string(2, 3, *score).unwrap();
    }
    import(&wb.save_to_buffer().unwrap())
}

/// Each unit's name and tự chấm of I.1.
fn unit_scores(imp: &xlsx::Imported) -> Vec<(String, String)> {
    let s = &imp.sheet;
    let id = s.node_by_code("I.1").unwrap().id;
    s.units
        .iter()
        .map(|u| (u.name.clone(), u.raw(id, Stage::SelfScore).to_string()))
        .collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn sheets_named_alike_are_units_of_their_own_with_a_warning() {
    let sheets = [
        ("Kỳ Anh", "9"),
        ("TX Kỳ Anh", "8"),
        ("Xã Thạch Hà", "7"),
        ("Xã Thạch Hạ", "6"),
        ("An", "5"),
        ("Tân An", "4"),
    ];
    let imp = sheet_per_unit(&[], &sheets);
    assert_eq!(unit_scores(&imp), owned(&sheets));
    let msgs: Vec<String> = imp.report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "Trang 'TX Kỳ Anh': “TX Kỳ Anh” và “Kỳ Anh” có tên gần giống nhau: \
             đã nhập thành hai đơn vị riêng, hãy kiểm tra",
            "Trang 'Xã Thạch Hạ': “Xã Thạch Hạ” và “Xã Thạch Hà” có tên gần giống nhau: \
             đã nhập thành hai đơn vị riêng, hãy kiểm tra",
        ]
    );
    // In the other order too: never a suffix, never a guess.
    let mut rev = sheets;
    rev.reverse();
    let imp = sheet_per_unit(&[], &rev);
    assert_eq!(unit_scores(&imp), owned(&rev));
    assert_eq!(imp.report.warnings.len(), 2, "{:?}", imp.report.warnings);
}

#[test]
fn a_sheet_takes_a_summary_line_only_when_that_line_alone_fits() {
    let imp = sheet_per_unit(
        &[
            "UBND huyện Cẩm Xuyên",
            "UBND huyện Kỳ Anh",
            "UBND thị xã Kỳ Anh",
            "Tân An",
        ],
        &[
            ("Cẩm Xuyên", "9"),
            ("Huyện Cẩm Xuyên", "8"),
            ("TX Kỳ Anh", "6"),
            ("Kỳ Anh", "7"),
            ("An", "5"),
        ],
    );
    assert_eq!(
        unit_scores(&imp),
        owned(&[
            ("UBND huyện Cẩm Xuyên", "9"),
            ("UBND huyện Kỳ Anh", ""),
            ("UBND thị xã Kỳ Anh", "6"),
            ("Tân An", ""),
            // The line is claimed by the sheet "Cẩm Xuyên" already.
            ("Huyện Cẩm Xuyên", "8"),
            // Two lines fit: neither is taken.
            ("Kỳ Anh", "7"),
            ("An", "5"),
        ])
    );
    let msgs: Vec<String> = imp
        .report
        .warnings
        .iter()
        .map(|w| chamdiem::strings::warning(&w.said))
        .collect();
    assert_eq!(
        msgs,
        [
            "“Huyện Cẩm Xuyên” và “UBND huyện Cẩm Xuyên” có tên gần giống nhau: \
             đã nhập thành hai đơn vị riêng, hãy kiểm tra",
            "“Kỳ Anh”, “UBND huyện Kỳ Anh” và “UBND thị xã Kỳ Anh” có tên gần giống nhau: \
             đã nhập thành các đơn vị riêng, hãy kiểm tra",
        ]
    );
}

/// A one-sheet workbook of text cells, but those starting "n:", which are
/// numbers.
fn text_book(rows: Rows) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.strip_prefix("n:") {
                Some(n) => ws.write_number(r as u32, c as u16, n.parse::<f64>().unwrap()),
                None if v.is_empty() => continue,
                None => ws.write_string(r as u32, c as u16, *v),
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_dot_before_three_digits_is_flagged_unless_its_column_settles_it() {
    use chamdiem::model::{evaluate, CellError, CellValue, ParseError};
    let unclear =
        |int, frac| CellValue::Invalid(CellError::Parse(ParseError::Ambiguous { int, frac }));
    let page = |unit: &str, rows: Rows| -> Vec<Vec<String>> {
        let mut out = vec![
            vec!["PHIẾU CHẤM".to_string()],
            vec![format!("Đơn vị: {unit}")],
        ];
        out.push(HEAD.iter().map(|s| s.to_string()).collect());
        out.extend(
            rows.iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect()),
        );
        out
    };
    let build = |rows: Vec<Vec<String>>| {
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.as_str()).collect())
            .collect();
        let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        import(&text_book(&rows))
    };

    // Nothing settles it: "1.000" and "2.500" are read neither way.
    let imp = build(page(
        "An",
        &[
            &["I", "Phần một", "n:10"],
            &["1", "Tiêu chí một", "2.500", "1.000", "n:1"],
            &["2", "Tiêu chí hai", "n:7.5", "2,5", "2.000"],
            &["3", "Tiêu chí ba", "n:1.5", "n:1.5", "n:1.25"],
        ],
    ));
    let s = &imp.sheet;
    let (a, b, c) = (
        s.node_by_code("I.1").unwrap(),
        s.node_by_code("I.2").unwrap(),
        s.node_by_code("I.3").unwrap(),
    );
    assert_eq!(a.max, None);
    let warned: Vec<String> = imp.report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warned
            .iter()
            .any(|w| w.contains("«2.500» không rõ là 2500 hay 2,5")),
        "{warned:?}"
    );
    let u = &s.units[0];
    assert_eq!(u.raw(a.id, Stage::SelfScore), "1.000");
    assert_eq!(
        evaluate(u.raw(a.id, Stage::SelfScore), Some(Dec::from_int(10))),
        unclear(1, 0)
    );
    assert_eq!(u.raw(b.id, Stage::Bloc), "2.000");
    assert_eq!(evaluate(u.raw(b.id, Stage::Bloc), b.max), unclear(2, 0));
    // Numbers stored as numbers are numbers.
    assert_eq!(b.max, Some(Dec::from_hundredths(750)));
    assert_eq!(c.max, Some(Dec::from_hundredths(150)));
    assert_eq!(u.raw(c.id, Stage::Bloc), "1,25");
    let reason =
        chamdiem::strings::cell_error(&CellError::Parse(ParseError::Ambiguous { int: 1, frac: 0 }));
    assert!(reason.contains("dấu phẩy"), "{reason}");

    // Other texts of the same column write decimals with a dot: so does "1.000".
    let imp = build(page(
        "An",
        &[
            &["I", "Phần một", "n:10"],
            &["1", "Tiêu chí một", "2.500", "1.000", "2.000"],
            &["2", "Tiêu chí hai", "2.5", "0.25", "2,5"],
        ],
    ));
    let s = &imp.sheet;
    let (a, b) = (
        s.node_by_code("I.1").unwrap(),
        s.node_by_code("I.2").unwrap(),
    );
    assert_eq!(a.max, Some(Dec::from_hundredths(250)));
    assert_eq!(b.max, Some(Dec::from_hundredths(250)));
    let u = &s.units[0];
    assert_eq!(
        evaluate(u.raw(a.id, Stage::SelfScore), a.max),
        CellValue::Valid(Dec::ONE)
    );
    assert_eq!(
        evaluate(u.raw(b.id, Stage::SelfScore), b.max),
        CellValue::Valid(Dec::from_hundredths(25))
    );
    // The khối chấm column writes "2,5": its "2.000" stays unclear.
    assert_eq!(evaluate(u.raw(a.id, Stage::Bloc), a.max), unclear(2, 0));
}
