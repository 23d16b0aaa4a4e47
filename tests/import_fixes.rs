//! Corrections made in the import preview (src/xlsx/fixes.rs), on real
//! tables of tests/fixtures/real: each changes what is read as the
//! secretary means it, and is remembered for a unit's copy of the same
//! template, whose rows moved and whose cells hold scores.

use chamdiem::model::{Dec, Kind, Stage, Tree};
use chamdiem::xlsx::{
    self, fixes, read::read_book, read::Val, Fixes, ImportOptions, Imported, ReadRow, Remembered,
    RowFix, RowRole,
};
use serde_json::Value;
use std::path::PathBuf;

fn real(stem: &str) -> (PathBuf, Vec<u8>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                && !p.to_string_lossy().ends_with(".json")
        })
        .unwrap_or_else(|| panic!("no fixture {stem}"));
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

fn import(bytes: &[u8], fixes: Fixes, remembered: Vec<Remembered>) -> Imported {
    xlsx::import(
        bytes,
        &ImportOptions {
            file_name: None,
            fixes,
            remembered,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The row read with this code.
fn row<'a>(imp: &'a Imported, code: &str) -> &'a ReadRow {
    imp.report
        .rows
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

/// The row read at this 0-based sheet row.
fn row_at(imp: &Imported, at: u32) -> &ReadRow {
    imp.report
        .rows
        .iter()
        .find(|r| r.at == at)
        .unwrap_or_else(|| panic!("no row at {at}"))
}

/// A correction as the preview makes it: on the row as read.
fn fix(r: &ReadRow, role: Option<RowRole>, kind: Option<Kind>, max: Option<Dec>) -> RowFix {
    RowFix {
        at: r.at,
        key: r.key.clone(),
        role,
        kind,
        max,
    }
}

fn expect(stem: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(format!("{stem}.expect.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn kind_of(s: &str) -> Kind {
    match s {
        "bonus" => Kind::Bonus,
        "deduction" => Kind::Deduction,
        _ => Kind::Content,
    }
}

const T09: &str = "09-thpt-chu-van-an-thuong-tru";
const T10: &str = "10-th-thcs-thi-dua-thang-giao-vien";
const T08: &str = "08-vien-chuc-quan-ly-tu-danh-gia";

/// The expectation of one criterion, by code.
fn criterion<'a>(e: &'a Value, code: &str) -> &'a Value {
    e["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("{code} not expected"))
}

/// Section I of table 09 ends with a bonus item and three deduction items
/// whose kinds and maxima sit in separate columns the import does not
/// read (tests/import_real.rs GAPS). Read off the paper, as the secretary
/// does, and set in the preview, they hold.
fn fixes_09(imp: &Imported) -> Fixes {
    let e = expect(T09);
    let mut fixes = Fixes::default();
    for code in ["I.5", "I.6", "I.7", "I.8"] {
        let want = criterion(&e, code);
        let max = want["max"].as_f64().and_then(Dec::from_f64);
        let kind = kind_of(want["kind"].as_str().unwrap());
        fixes.set_row(fix(row(imp, code), None, Some(kind), max));
    }
    fixes
}

#[test]
fn kinds_and_maxima_set_in_the_preview_hold() {
    let (_, bytes) = real(T09);
    let plain = import(&bytes, Fixes::default(), vec![]);
    assert_eq!(row(&plain, "I.5").kind, Kind::Content);
    assert_eq!(row(&plain, "I.5").max, None);
    let fixes = fixes_09(&plain);
    let imp = import(&bytes, fixes.clone(), vec![]);
    assert_eq!(imp.report.fixes, fixes);
    let s = &imp.sheet;
    let tree = Tree::new(s);
    let e = expect(T09);
    for code in ["I.5", "I.6", "I.7", "I.8"] {
        let want = criterion(&e, code);
        let n = s
            .node_by_code(code)
            .unwrap_or_else(|| panic!("{code} lost"));
        let pos = tree.position(n.id).unwrap();
        assert_eq!(
            tree.kind(pos),
            kind_of(want["kind"].as_str().unwrap()),
            "{code}"
        );
        assert_eq!(
            n.max,
            want["max"].as_f64().and_then(Dec::from_f64),
            "{code}"
        );
        assert!(row(&imp, code).fixed, "{code} marked corrected");
    }
    // The bonus item now counts as bonus: its 10 points are the bonus
    // cap, not content; section I keeps its 80.
    assert_eq!(tree.bonus_max, Dec::from_int(10));
    let i = tree.position(s.node_by_code("I").unwrap().id).unwrap();
    assert_eq!(tree.max(i), Some(Dec::from_int(80)));
    // Rows not corrected are not marked.
    assert!(!row(&imp, "I.1").fixed);
}

#[test]
fn row_roles_set_in_the_preview_change_the_tree() {
    let (_, bytes) = real(T10);
    let plain = import(&bytes, Fixes::default(), vec![]);
    let codes = |imp: &Imported| -> Vec<String> {
        imp.sheet
            .nodes
            .iter()
            .filter(|n| !n.guidance)
            .map(|n| n.code.clone())
            .collect()
    };
    // A guidance line left out ("Mức điểm cộng: …" under VI.1).
    let line = plain
        .report
        .rows
        .iter()
        .find(|r| r.role == RowRole::Guidance && r.text.starts_with("Mức điểm cộng: +3đ/đợt"))
        .unwrap()
        .clone();
    let guidance = |imp: &Imported| imp.sheet.nodes.iter().filter(|n| n.guidance).count();
    let mut fixes = Fixes::default();
    fixes.set_row(fix(&line, Some(RowRole::Skip), None, None));
    let imp = import(&bytes, fixes, vec![]);
    assert_eq!(guidance(&imp), guidance(&plain) - 1);
    let r = row_at(&imp, line.at);
    assert_eq!(r.role, RowRole::Skip);
    assert!(r.fixed && r.why.is_some());
    assert_eq!(codes(&imp), codes(&plain));

    // A criterion that is only a line of I.1 (I.2 made guidance): I is
    // worth I.1's 8 points alone, and I.2's lines stay under I.1.
    let mut fixes = Fixes::default();
    fixes.set_row(fix(row(&plain, "I.2"), Some(RowRole::Guidance), None, None));
    let imp = import(&bytes, fixes, vec![]);
    assert!(imp.sheet.node_by_code("I.2").is_none());
    let tree = Tree::new(&imp.sheet);
    let i = tree
        .position(imp.sheet.node_by_code("I").unwrap().id)
        .unwrap();
    assert_eq!(tree.max(i), Some(Dec::from_int(8)));
    assert_eq!(row_at(&imp, row(&plain, "I.2").at).role, RowRole::Guidance);

    // A section scored as one criterion: its items become its lines.
    let mut fixes = Fixes::default();
    fixes.set_row(fix(row(&plain, "II"), Some(RowRole::Criterion), None, None));
    let imp = import(&bytes, fixes, vec![]);
    let tree = Tree::new(&imp.sheet);
    let ii = tree
        .position(imp.sheet.node_by_code("II").unwrap().id)
        .unwrap();
    assert!(tree.is_scoreable(ii));
    assert!(imp.sheet.node_by_code("II.1").is_none());
    assert_eq!(row(&imp, "II").role, RowRole::Criterion);
    assert!(
        codes(&imp).iter().any(|c| c == "III.1"),
        "the next section is untouched"
    );

    // An unnumbered line made a criterion with its maximum: scored under I.
    let first_line = row_at(&plain, row(&plain, "I.1").at + 1).clone();
    assert_eq!(first_line.role, RowRole::Guidance);
    let mut fixes = Fixes::default();
    fixes.set_row(fix(
        &first_line,
        Some(RowRole::Criterion),
        None,
        Some(Dec::from_int(2)),
    ));
    let imp = import(&bytes, fixes, vec![]);
    let r = row_at(&imp, first_line.at);
    assert_eq!(r.role, RowRole::Criterion);
    let n = imp.sheet.nodes.iter().find(|n| n.code == r.code).unwrap();
    assert_eq!(n.max, Some(Dec::from_int(2)));
    let parent = imp
        .sheet
        .nodes
        .iter()
        .find(|p| Some(p.id) == n.parent)
        .unwrap();
    assert_eq!(parent.code, "I");

    // The total row made a criterion: read, never a total.
    let total = plain
        .report
        .rows
        .iter()
        .find(|r| r.role == RowRole::Total && r.text.starts_with("Cộng (I"))
        .unwrap()
        .clone();
    let mut fixes = Fixes::default();
    fixes.set_row(fix(&total, Some(RowRole::Section), None, None));
    let imp = import(&bytes, fixes, vec![]);
    assert_eq!(row_at(&imp, total.at).role, RowRole::Section);
}

#[test]
fn a_chosen_header_row_is_read_and_a_wrong_one_is_explained() {
    let (_, bytes) = real(T10);
    let plain = import(&bytes, Fixes::default(), vec![]);
    let header = plain.report.header_row - 1;
    // The same row chosen by hand reads the same.
    let same = import(
        &bytes,
        Fixes {
            header_row: Some(header),
            ..Fixes::default()
        },
        vec![],
    );
    assert_eq!(same.sheet.nodes.len(), plain.sheet.nodes.len());
    assert!(same.report.problem.is_none());
    // The title row chosen instead: no criteria column; opened in the
    // preview with what to fix, never refused.
    let title = plain.report.top_rows.first().unwrap().0;
    assert!(title < header);
    let wrong = import(
        &bytes,
        Fixes {
            header_row: Some(title),
            ..Fixes::default()
        },
        vec![],
    );
    assert!(wrong.report.problem.is_some());
    assert_eq!(wrong.report.header_row, title + 1);
    assert!(!wrong.report.top_rows.is_empty());
    // Columns chosen for it: read again.
    let fixed = import(
        &bytes,
        Fixes {
            header_row: Some(header),
            columns: Some(plain.report.columns.clone()),
            ..Fixes::default()
        },
        vec![],
    );
    assert!(fixed.report.problem.is_none());
    assert_eq!(fixed.sheet.nodes.len(), plain.sheet.nodes.len());
}

/// A unit's returned copy of a template: a line naming the unit inserted
/// above everything, self scores typed in `self_col` on the rows `scores`
/// (0-based rows of the original), written as .xlsx.
fn units_copy(bytes: &[u8], self_col: u16, scores: &[(u32, f64)]) -> Vec<u8> {
    let book = read_book(bytes).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for g in book.sheets.iter().filter(|g| !g.hidden) {
        let ws = wb.add_worksheet();
        ws.set_name(&g.name).unwrap();
        ws.write_string(0, 0, "Đơn vị: Tổ Toán - Tin").unwrap();
        for (&r, cells) in &g.rows {
            for (&c, v) in cells.iter() {
                match v {
                    Val::Text(t) => ws.write_string(r + 1, c as u16, t).unwrap(),
                    Val::Num(n) => ws.write_number(r + 1, c as u16, *n).unwrap(),
                };
            }
        }
        for &(r, v) in scores {
            ws.write_number(r + 1, self_col, v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn corrections_are_remembered_for_a_units_copy() {
    let (_, bytes) = real(T09);
    let plain = import(&bytes, Fixes::default(), vec![]);
    let fixes = fixes_09(&plain);
    let made = import(&bytes, fixes.clone(), vec![]);
    let remembered = vec![Remembered {
        signature: made.report.signature.clone(),
        fixes: fixes.clone(),
        saved_ms: 1,
        title: made.sheet.title.clone(),
    }];
    let self_col = plain.report.columns[&xlsx::Role::SelfScore] as u16;
    let i1 = row(&plain, "I.1").at;
    let copy = units_copy(&bytes, self_col, &[(i1, 18.0)]);
    let imp = import(&copy, Fixes::default(), remembered.clone());
    assert_eq!(
        imp.report.recalled.as_deref(),
        Some(made.sheet.title.as_str())
    );
    // Found by words one row lower.
    assert_eq!(row(&imp, "I.5").at, row(&plain, "I.5").at + 1);
    assert!(row(&imp, "I.5").fixed);
    let n = imp.sheet.node_by_code("I.5").unwrap();
    assert_eq!(n.max, Some(Dec::from_int(10)));
    assert_eq!(n.kind, Kind::Bonus);
    // The unit's score is read, under its name line.
    let id = imp.sheet.node_by_code("I.1").unwrap().id;
    assert_eq!(imp.sheet.units.len(), 1);
    assert_eq!(imp.sheet.units[0].raw(id, Stage::SelfScore), "18");

    // Corrections made now win over remembered ones.
    let own = import(
        &copy,
        Fixes {
            header_row: Some(plain.report.header_row),
            ..Fixes::default()
        },
        remembered.clone(),
    );
    assert!(own.report.recalled.is_none());

    // Another bloc's table is not taken for this one.
    let (_, other) = real(T10);
    let imp = import(&other, Fixes::default(), remembered);
    assert!(imp.report.recalled.is_none());
}

#[test]
fn different_tables_never_share_a_signature() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut sigs = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let ext = p.extension().map(|x| x.to_string_lossy().to_string());
        if !matches!(ext.as_deref(), Some("xlsx" | "xls" | "ods")) {
            continue;
        }
        let book = read_book(&std::fs::read(&p).unwrap()).unwrap();
        sigs.push((
            p.file_name().unwrap().to_string_lossy().to_string(),
            fixes::signature(&book),
        ));
    }
    assert!(sigs.len() >= 10);
    let mut worst = (0.0, String::new());
    for (a, sa) in &sigs {
        assert!(!sa.is_empty(), "{a}: empty signature");
        for (b, sb) in &sigs {
            if a == b {
                continue;
            }
            let share = fixes::share(sa, sb);
            if share > worst.0 {
                worst = (share, format!("{a} in {b}"));
            }
            assert!(share < fixes::MATCH_SHARE, "{a} found in {b}: {share}");
        }
    }
    println!(
        "largest share between two tables: {:.2} ({})",
        worst.0, worst.1
    );
}

#[test]
fn corrections_that_find_no_row_change_nothing() {
    let (_, bytes) = real(T10);
    let plain = import(&bytes, Fixes::default(), vec![]);
    let mut fixes = Fixes::default();
    fixes.set_row(RowFix {
        at: 5_000,
        key: "khong co dong nay".into(),
        role: Some(RowRole::Skip),
        kind: Some(Kind::Bonus),
        max: Some(Dec::from_int(3)),
    });
    fixes.set_row(RowFix {
        at: 9_000,
        key: String::new(),
        role: Some(RowRole::Section),
        kind: None,
        max: None,
    });
    let imp = import(&bytes, fixes, vec![]);
    assert_eq!(imp.sheet.nodes, plain.sheet.nodes);
    assert!(imp.report.rows.iter().all(|r| !r.fixed));
    // A sheet that does not exist is ignored too.
    let imp = import(
        &bytes,
        Fixes {
            sheet: Some("Không có".into()),
            ..Fixes::default()
        },
        vec![],
    );
    assert_eq!(imp.sheet.nodes, plain.sheet.nodes);
}

/// Table 08's part IV is five alternatives, one per kind of job (IV.A …
/// IV.E, 40 points each): read as written they add up to 260. A manager
/// cuts the four that are not hers, and the scale is the source's 100.
#[test]
fn alternative_parts_cut_in_the_preview_leave_the_scale_of_the_source() {
    let (_, bytes) = real(T08);
    let plain = import(&bytes, Fixes::default(), vec![]);
    let e = expect(T08);
    let want = Dec::from_f64(e["total_max"].as_f64().unwrap()).unwrap();
    assert_ne!(Tree::new(&plain.sheet).shown_total_max().max, want);
    let mut fixes = Fixes::default();
    for code in ["IV.B", "IV.C", "IV.D", "IV.E"] {
        fixes.change(row(&plain, code), fixes::Change::Role(RowRole::SkipBlock));
    }
    let imp = import(&bytes, fixes, vec![]);
    assert_eq!(Tree::new(&imp.sheet).shown_total_max().max, want);
    for code in ["IV.B", "IV.B.1", "IV.E.3"] {
        assert!(imp.sheet.node_by_code(code).is_none(), "{code} cut");
    }
    assert!(imp.sheet.node_by_code("IV.A.1").is_some());
    assert!(
        imp.sheet.node_by_code("V").is_some(),
        "the part after the cut ones stays"
    );
    // In the preview: the heads as chosen, their rows said why.
    let head = row_at(&imp, row(&plain, "IV.C").at);
    assert_eq!(head.role, RowRole::SkipBlock);
    let under = row_at(&imp, row(&plain, "IV.C.1").at);
    assert_eq!(under.role, RowRole::Skip);
    assert!(under.why.as_deref().is_some_and(|w| w.contains("IV.C")));
}
