//! The thẩm định comparison: which units and criteria are listed, in which
//! order, with which values, differences and notes; and the export's
//! "Thẩm định" sheet, whose cached results must equal it and which the
//! import skips.

mod common;

use calamine::{Reader, Xlsx};
use chamdiem::model::compare::{compare, Diff, UnitComparison};
use chamdiem::model::{Dec, Results, Scoresheet, Stage};
use chamdiem::xlsx;
use common::{
    check_comparison, check_history, comparison_sheet, read_comparison, read_history, round_trip,
};
use std::io::Cursor;

fn d(s: &str) -> Dec {
    Dec::parse(s).unwrap().unwrap()
}

fn run(s: &Scoresheet) -> Vec<UnitComparison> {
    compare(s, &Results::compute(s))
}

fn names(s: &Scoresheet, list: &[UnitComparison]) -> Vec<String> {
    list.iter().map(|u| s.units[u.unit].name.clone()).collect()
}

fn diff<'a>(list: &'a [UnitComparison], unit: usize, code: &str) -> &'a Diff {
    list.iter()
        .find(|u| u.unit == unit)
        .and_then(|u| u.diffs.iter().find(|d| d.code == code))
        .unwrap_or_else(|| panic!("unit {unit} {code} not listed"))
}

#[test]
fn the_top_three_come_first_ties_included_then_by_rank_then_unranked() {
    let s = comparison_sheet();
    let list = run(&s);
    // F and G differ nowhere: left out. Only complete khối chấm or thẩm
    // định make a final (rule 8 of calc): D (an invalid khối chấm cell), E
    // and H (khối chấm in part) are not ranked.
    assert_eq!(
        names(&s, &list),
        [
            "UBND huyện Đức Thọ",     // B, 1
            "UBND thị xã Kỳ Anh",     // C, 1
            "UBND huyện Cẩm Xuyên",   // A, 3 (before I: earlier in the sheet)
            "UBND thành phố Hà Tĩnh", // I, 3
            "UBND huyện Hương Sơn",   // D, unranked
            "UBND huyện Vũ Quang",    // E, unranked
            "UBND huyện Nghi Xuân",   // H, unranked
        ]
    );
    let ranks: Vec<Option<usize>> = list.iter().map(|u| u.final_rank).collect();
    assert_eq!(
        ranks,
        [Some(1), Some(1), Some(3), Some(3), None, None, None]
    );
    let top: Vec<bool> = list.iter().map(|u| u.top()).collect();
    assert_eq!(top, [true, true, true, true, false, false, false]);
    // Stage totals of the filled stages only.
    let a = list.iter().find(|u| u.unit == 0).unwrap();
    assert_eq!(a.totals, [Some(d("25")), Some(d("23,75")), None]);
    let e = &list[5];
    assert_eq!(e.totals, [None, None, None]);
    assert!(!e.bloc_scored);
    assert!(list[6].bloc_scored);
}

#[test]
fn every_unit_the_bloc_ranked_in_its_top_three_is_listed() {
    let mut s = comparison_sheet();
    // F: 20 = 20 everywhere, nothing differs; give it the bloc's first place.
    let f = 5;
    for code in ["I.1", "I.2", "I.3"] {
        let id = s.node_by_code(code).unwrap().id;
        let max = s.node(id).unwrap().max.unwrap().to_vi();
        s.units[f].set_raw(id, Stage::SelfScore, max.clone());
        s.units[f].set_raw(id, Stage::Bloc, max);
    }
    // And the verifier lowers B: B leaves the final's top three? No: a
    // tie of four at 25 would include it; lower B's thẩm định to 20.
    let i1 = s.node_by_code("I.1").unwrap().id;
    s.units[1].set_raw(i1, Stage::Verify, "5");
    let res = Results::compute(&s);
    assert_eq!(res.units[f].rank[Stage::Bloc.index()], Some(1));
    let list = compare(&s, &res);
    let fl = list.iter().find(|u| u.unit == f).expect("F listed");
    assert!(fl.diffs.is_empty() && fl.bloc_top() && fl.bloc_scored);
    // B: bloc 1, final lower: still in the top group.
    let b = list.iter().find(|u| u.unit == 1).unwrap();
    assert_eq!(b.bloc_rank, Some(1));
    assert!(b.top());
    let tops: Vec<usize> = list
        .iter()
        .take_while(|u| u.top())
        .map(|u| u.unit)
        .collect();
    assert!(tops.contains(&f) && tops.contains(&1), "{tops:?}");
    // The units the bloc never scored: E (a note only) and G.
    assert_eq!(chamdiem::model::compare::never_scored_by_bloc(&res), [4, 6]);
    // The export lists F too, with no criterion row.
    let blocks = read_comparison(&xlsx::export(&s).unwrap()).unwrap();
    assert_eq!(check_comparison(&s, Some(&blocks)), Vec::<String>::new());
    assert!(blocks
        .iter()
        .any(|b| b.line.starts_with("UBND huyện Can Lộc") && b.rows.is_empty()));
}

#[test]
fn values_and_differences_against_tu_cham() {
    let s = comparison_sheet();
    let list = run(&s);
    let a = diff(&list, 0, "I.1");
    assert_eq!(a.values, [Some(d("10")), Some(d("8,75")), None]);
    assert_eq!(a.bloc_delta, Some(d("-1,25")));
    assert_eq!(a.verify_delta, None);
    assert_eq!(a.text, "Hoàn thành chỉ tiêu");
    // Khối chấm and thẩm định both above tự chấm ("10.0" is 10).
    let c = diff(&list, 2, "I.2");
    assert_eq!(c.values, [Some(d("9")), Some(d("10")), Some(d("10"))]);
    assert_eq!((c.bloc_delta, c.verify_delta), (Some(d("1")), Some(d("1"))));
    // Only the criteria that differ, in tree order.
    let codes: Vec<&str> = list[1].diffs.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["I.2"]);
    // An invalid khối chấm cell differs but has no value and no difference.
    let dd = diff(&list, 3, "I.2");
    assert_eq!(dd.values, [Some(d("8")), None, None]);
    assert_eq!((dd.bloc_delta, dd.verify_delta), (None, None));
    // Khối chấm filled where tự chấm is not.
    let h = diff(&list, 7, "I.1");
    assert_eq!(h.values, [None, Some(d("3")), None]);
    assert_eq!(h.bloc_delta, None);
    // "5,0" equals "5": F is not listed at all.
    assert!(list.iter().all(|u| u.unit != 5 && u.unit != 6));
}

#[test]
fn notes_on_khoi_cham_and_tham_dinh_list_a_criterion() {
    let s = comparison_sheet();
    let list = run(&s);
    // Same values everywhere, but a thẩm định note.
    let b = diff(&list, 1, "I.2");
    assert_eq!(b.values, [Some(d("10")); 3]);
    assert_eq!((b.bloc_delta, b.verify_delta), (None, None));
    assert_eq!(
        b.notes,
        [
            "Tự đánh giá".to_string(),
            String::new(),
            "Đạt, đủ hồ sơ".into()
        ]
    );
    // A section with a khối chấm note is listed (no values), before its criteria.
    let codes: Vec<&str> = list[4].diffs.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["I", "I.2"]);
    assert_eq!(list[4].diffs[0].values, [None; 3]);
    assert_eq!(list[4].diffs[0].notes[1], "Mục I: thiếu báo cáo");
    // A unit with only a khối chấm note.
    let e = diff(&list, 4, "I.3");
    assert_eq!(e.notes[1], "Chưa nộp");
    // A tự chấm note alone lists nothing (G).
    assert!(list.iter().all(|u| u.unit != 6));
    // Nothing differs: nothing is listed, and the export has no such sheet.
    let mut same = s.clone();
    for u in same.units.iter_mut() {
        u.marks[Stage::Bloc.index()].clear();
        u.marks[Stage::Verify.index()].clear();
    }
    assert!(run(&same).is_empty());
    assert!(read_comparison(&xlsx::export(&same).unwrap()).is_none());
}

#[test]
fn the_exported_comparison_sheet_equals_the_apps_and_is_skipped_on_import() {
    let s = comparison_sheet();
    let bytes = xlsx::export(&s).unwrap();
    let blocks = read_comparison(&bytes).expect("a Thẩm định sheet");
    assert_eq!(check_comparison(&s, Some(&blocks)), Vec::<String>::new());
    assert_eq!(blocks.len(), 7);
    assert_eq!(
        blocks[0].line,
        "UBND huyện Đức Thọ — xếp hạng Nhất, tổng điểm 25 (khối chấm xếp nhất)"
    );
    assert_eq!(blocks[6].line, "UBND huyện Nghi Xuân — chưa xếp hạng");
    assert_eq!(
        blocks[0].rows[0].notes,
        "Tự chấm: Tự đánh giá\nThẩm định: Đạt, đủ hồ sơ"
    );
    // The invalid text is shown as typed.
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let order = wb.sheet_names().to_vec();
    assert_eq!(
        &order[..3],
        ["Tổng hợp", "Thẩm định", "UBND huyện Cẩm Xuyên"]
    );
    let r = wb.worksheet_range("Thẩm định").unwrap();
    let invalid = r
        .used_cells()
        .any(|(_, c, v)| c == 3 && *v == calamine::Data::String("mười".into()));
    assert!(invalid, "the invalid khối chấm text");
    // Differences are formulas on the unit's sheet: I.1 is row 10, the
    // stages are columns D, E, F.
    let f = wb.worksheet_formula("Thẩm định").unwrap();
    let formulas: Vec<String> = f.used_cells().map(|(_, _, f)| f.clone()).collect();
    let want = "'UBND huyện Cẩm Xuyên'!E10-'UBND huyện Cẩm Xuyên'!D10";
    assert!(formulas.iter().any(|f| f == want), "{formulas:?}");
    assert!(formulas
        .iter()
        .any(|f| f == "'UBND thị xã Kỳ Anh'!F12-'UBND thị xã Kỳ Anh'!D12"));
    // Importing the export gives back the same scoresheet: the sheet is skipped.
    assert_eq!(round_trip(&s), Vec::<String>::new());
}

#[test]
fn adjustments_are_stage_cells_differing_from_tu_cham_with_their_reasons() {
    use chamdiem::model::compare::{adjustments, needs_reason};
    use Stage::{Bloc, SelfScore, Verify};
    let mut s = comparison_sheet();
    let id = |s: &Scoresheet, code: &str| s.node_by_code(code).unwrap().id;
    let (i1, i2) = (id(&s, "I.1"), id(&s, "I.2"));
    // A's khối chấm explained; C's thẩm định only with spaces.
    s.units[0].set_note(i1, Bloc, " Thiếu minh chứng ");
    s.units[2].set_note(i2, Verify, "  ");
    let list = adjustments(&s);
    let got: Vec<_> = list
        .iter()
        .map(|a| {
            let texts = (a.before.as_str(), a.after.as_str(), a.reason.as_str());
            (a.unit, a.code.as_str(), a.stage, texts.0, texts.1, texts.2)
        })
        .collect();
    assert_eq!(
        got,
        [
            (0, "I.1", Bloc, "10", "8,75", "Thiếu minh chứng"),
            // Each stage against tự chấm: "10.0" is 10, still not 9.
            (2, "I.2", Bloc, "9", "10", ""),
            (2, "I.2", Verify, "9", "10.0", ""),
            // An invalid text is an adjustment too; a section's note is
            // no reason for its criterion.
            (3, "I.2", Bloc, "8", "mười", ""),
            (8, "I.2", Bloc, "10", "8,75", ""),
        ]
    );
    assert_eq!(list[0].text, "Hoàn thành chỉ tiêu");
    // Not adjustments: "5,0" is "5" (F); khối chấm where tự chấm is empty
    // (H); tự chấm itself; equal values with a note (B).
    let h = &s.units[7];
    assert!(!needs_reason(h, i1, Bloc));
    assert!(!needs_reason(&s.units[5], i2, Bloc));
    assert!(!needs_reason(&s.units[0], i1, SelfScore));
    assert!(!needs_reason(&s.units[1], i2, Verify));
    assert!(!needs_reason(&s.units[0], i1, Bloc), "explained");
    assert!(
        needs_reason(&s.units[2], i2, Verify),
        "spaces are no reason"
    );
    assert!(needs_reason(&s.units[8], i2, Bloc));
    // Guidance lines and sections never are, whatever they hold.
    let sec = id(&s, "I");
    s.units[0].set_raw(sec, SelfScore, "25");
    s.units[0].set_raw(sec, Bloc, "20");
    assert_eq!(adjustments(&s).len(), 5);
}

#[test]
fn the_exported_history_lists_every_adjustment_with_its_reason_and_is_skipped_on_import() {
    use Stage::{Bloc, Verify};
    let mut s = comparison_sheet();
    let id = |s: &Scoresheet, code: &str| s.node_by_code(code).unwrap().id;
    let (i1, i2) = (id(&s, "I.1"), id(&s, "I.2"));
    s.units[0].set_note(i1, Bloc, "Thiếu minh chứng\nđợt 2");
    s.units[2].set_note(i2, Verify, "=Đã đối chiếu");
    let bytes = xlsx::export(&s).unwrap();
    let rows = read_history(&bytes).expect("a Lịch sử điều chỉnh sheet");
    assert_eq!(check_history(&s, Some(&rows)), Vec::<String>::new());
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            let after = if r.after.1.is_empty() {
                ""
            } else {
                r.after.1.as_str()
            };
            (r.unit.as_str(), r.code.as_str(), after, r.reason.as_str())
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "UBND huyện Cẩm Xuyên",
                "I.1",
                "8.75",
                "Thiếu minh chứng\nđợt 2"
            ),
            ("UBND thị xã Kỳ Anh", "I.2", "10", "(chưa ghi lý do)"),
            ("UBND thị xã Kỳ Anh", "I.2", "10", "=Đã đối chiếu"),
            ("UBND huyện Hương Sơn", "I.2", "mười", "(chưa ghi lý do)"),
            ("UBND thành phố Hà Tĩnh", "I.2", "8.75", "(chưa ghi lý do)"),
        ]
    );
    // Values are formulas on the unit's sheet: Cẩm Xuyên's I.1 is row 10,
    // tự chấm column D, khối chấm E.
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let order = wb.sheet_names().to_vec();
    // After the units' sheets; only the hidden one follows.
    assert_eq!(
        order[order.len() - 2..],
        ["Lịch sử điều chỉnh", chamdiem::xlsx::layout::META_SHEET]
    );
    let f = wb.worksheet_formula("Lịch sử điều chỉnh").unwrap();
    let formulas: Vec<String> = f.used_cells().map(|(_, _, f)| f.clone()).collect();
    assert!(
        formulas.iter().any(|f| f == "'UBND huyện Cẩm Xuyên'!E10"),
        "{formulas:?}"
    );
    assert!(formulas.iter().any(|f| f == "'UBND huyện Cẩm Xuyên'!D10"));
    // The import reads the units, not this sheet.
    assert_eq!(round_trip(&s), Vec::<String>::new());
    // No adjustment, no sheet.
    let mut none = s.clone();
    for u in none.units.iter_mut() {
        u.marks[Bloc.index()].clear();
        u.marks[Verify.index()].clear();
    }
    assert!(read_history(&xlsx::export(&none).unwrap()).is_none());
}
