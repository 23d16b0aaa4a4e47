//! Merging the units' returned workbooks into the open scoresheet, cell by
//! cell: workbooks exported by the app (one unit's tự chấm, made here) and
//! workbooks written by openpyxl as a unit's secretary fills them
//! (tests/fixtures/merge/, built by make_merge_fixtures.py): a unit named
//! differently, an unknown unit, an unknown criterion, criteria numbered
//! differently (matched by text), a conflict with the target, a conflict
//! between two files, equal values, notes, two stages in one file, a form
//! whose maxima and criteria the unit edited; files reassigned or skipped,
//! and the receipts of what was merged.

mod common;

use chamdiem::model::merge::{plan, MergePlan};
use chamdiem::model::{History, NodeId, Scoresheet, Stage, UnitId};
use chamdiem::xlsx::{self, ImportOptions};
use std::collections::BTreeMap;
use std::path::Path;

use Stage::{Bloc, SelfScore};

const CAM_XUYEN: &str = "UBND huyện Cẩm Xuyên";
const DUC_THO: &str = "UBND huyện Đức Thọ";
const KY_ANH_TX: &str = "UBND thị xã Kỳ Anh";
const KY_ANH_H: &str = "UBND huyện Kỳ Anh";
const HA_TINH: &str = "UBND thành phố Hà Tĩnh";
const VU_QUANG: &str = "UBND huyện Vũ Quang";

fn open(name: &str) -> Scoresheet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/merge")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let opts = ImportOptions {
        file_name: Some(name.into()),
        ..Default::default()
    };
    xlsx::import(&bytes, &opts)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .sheet
}

fn node(s: &Scoresheet, code: &str) -> NodeId {
    s.node_by_code(code)
        .unwrap_or_else(|| panic!("no {code}"))
        .id
}

fn unit_id(s: &Scoresheet, name: &str) -> UnitId {
    s.units
        .iter()
        .find(|u| u.name == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
        .id
}

fn set(s: &mut Scoresheet, unit: &str, code: &str, stage: Stage, raw: &str) {
    let (n, u) = (node(s, code), unit_id(s, unit));
    s.unit_mut(u).unwrap().set_raw(n, stage, raw);
}

fn note(s: &mut Scoresheet, unit: &str, code: &str, stage: Stage, text: &str) {
    let (n, u) = (node(s, code), unit_id(s, unit));
    s.unit_mut(u).unwrap().set_note(n, stage, text);
}

/// The bloc's scoresheet: the template with its five units, some cells of
/// Cẩm Xuyên already entered.
fn target() -> Scoresheet {
    let mut t = open("khoi-mau.xlsx");
    set(&mut t, CAM_XUYEN, "I.1", SelfScore, "20");
    set(&mut t, CAM_XUYEN, "I.3", SelfScore, "8");
    note(&mut t, CAM_XUYEN, "II.1", SelfScore, "Đã nộp hồ sơ");
    t
}

/// A workbook exported by the app (`xlsx::export`) of a scoresheet holding
/// one unit's own scores, imported as the leader would.
fn exported_by_the_app(
    t: &Scoresheet,
    unit: &str,
    cells: &[(&str, Stage, &str)],
    notes: &[(&str, Stage, &str)],
) -> Scoresheet {
    let mut s = t.clone();
    s.units.clear();
    s.push_unit(unit);
    for (code, stage, raw) in cells {
        set(&mut s, unit, code, *stage, raw);
    }
    for (code, stage, text) in notes {
        note(&mut s, unit, code, *stage, text);
    }
    let bytes = xlsx::export(&s).unwrap();
    xlsx::import(&bytes, &ImportOptions::default())
        .unwrap()
        .sheet
}

/// The returned workbooks, in the order they are merged.
fn files(t: &Scoresheet) -> Vec<(String, Scoresheet)> {
    let duc_tho = exported_by_the_app(
        t,
        DUC_THO,
        &[("I.1", SelfScore, "18"), ("I.2", SelfScore, "14")],
        &[("I.1", SelfScore, "Kèm báo cáo số 12/BC-UBND")],
    );
    // Khối chấm too, so this export has a "Thẩm định" sheet to skip.
    let ha_tinh = exported_by_the_app(
        t,
        HA_TINH,
        &[
            ("I.1", SelfScore, "25"),
            ("I.2", SelfScore, "mười"),
            ("IV.1", SelfScore, "3"),
            ("V.1", SelfScore, "2,5"),
            ("I.1", Bloc, "24"),
        ],
        &[],
    );
    vec![
        ("duc-tho.xlsx".into(), duc_tho),
        ("ha-tinh.xlsx".into(), ha_tinh),
        ("cam-xuyen.xlsx".into(), open("cam-xuyen.xlsx")),
        ("ky-anh.xlsx".into(), open("ky-anh.xlsx")),
        ("vu-quang.xlsx".into(), open("vu-quang.xlsx")),
        ("duc-tho-bo-sung.xlsx".into(), open("duc-tho-bo-sung.xlsx")),
    ]
}

fn name_of(t: &Scoresheet, u: UnitId) -> String {
    t.unit(u).map(|u| u.name.clone()).unwrap_or_default()
}

fn code_of(t: &Scoresheet, n: NodeId) -> String {
    t.node(n).map(|n| n.code.clone()).unwrap_or_default()
}

type Cell = (String, String, Stage, String, String);

fn fills(t: &Scoresheet, p: &MergePlan) -> Vec<Cell> {
    let mut v: Vec<Cell> = p
        .fills
        .iter()
        .map(|f| {
            let (u, c) = (name_of(t, f.unit), code_of(t, f.node));
            (u, c, f.stage, f.raw.clone(), f.from.clone())
        })
        .collect();
    v.sort();
    v
}

fn cell(unit: &str, code: &str, stage: Stage, raw: &str, from: &str) -> Cell {
    (unit.into(), code.into(), stage, raw.into(), from.into())
}

/// Every cell of a scoresheet: (unit, code, stage) → (text, note).
fn cells(s: &Scoresheet) -> BTreeMap<(String, String, Stage), (String, String)> {
    let mut out = BTreeMap::new();
    for u in &s.units {
        for st in Stage::ALL {
            for (n, m) in &u.marks[st.index()] {
                let key = (u.name.clone(), code_of(s, *n), st);
                out.insert(key, (m.raw.clone(), m.note.clone()));
            }
        }
    }
    out
}

#[test]
fn the_fixtures_read_as_the_units_wrote_them() {
    let t = target();
    let names: Vec<&str> = t.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, [CAM_XUYEN, DUC_THO, KY_ANH_TX, KY_ANH_H, HA_TINH]);
    assert_eq!(
        t.units.iter().map(|u| u.id).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    let cx = open("cam-xuyen.xlsx");
    assert_eq!(cx.units[0].name, "Huyện Cẩm Xuyên");
    assert!(cx.node_by_code("III.3").is_some() && t.node_by_code("III.3").is_none());
    let ka = open("ky-anh.xlsx");
    // Written decomposed (NFD) in the file; read as NFC.
    assert_eq!(ka.units[0].name, "Thị xã Kỳ Anh");
    assert_eq!(
        ka.node_by_code("II.2").unwrap().text,
        t.node_by_code("II.3").unwrap().text
    );
    assert_eq!(open("duc-tho-bo-sung.xlsx").units[0].name, "huyen duc tho");
}

#[test]
fn the_plan_fills_reports_and_conflicts_cell_by_cell() {
    let t = target();
    let p = plan(&t, &files(&t));
    let mut want = vec![
        cell(DUC_THO, "I.1", SelfScore, "18", "duc-tho.xlsx"),
        cell(DUC_THO, "I.2", SelfScore, "14", "duc-tho.xlsx"),
        cell(HA_TINH, "I.1", SelfScore, "25", "ha-tinh.xlsx"),
        cell(HA_TINH, "I.2", SelfScore, "mười", "ha-tinh.xlsx"),
        cell(HA_TINH, "IV.1", SelfScore, "3", "ha-tinh.xlsx"),
        cell(HA_TINH, "V.1", SelfScore, "2,5", "ha-tinh.xlsx"),
        cell(HA_TINH, "I.1", Bloc, "24", "ha-tinh.xlsx"),
        // "Huyện Cẩm Xuyên" is "UBND huyện Cẩm Xuyên"; I.1 (20) is the same,
        // I.3 a conflict.
        cell(CAM_XUYEN, "I.2", SelfScore, "12,5", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "I.4", SelfScore, "10", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "II.1", SelfScore, "8", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "II.2", SelfScore, "6", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "II.3", SelfScore, "7", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "III.1", SelfScore, "10", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "III.2", SelfScore, "4,5", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "IV.1", SelfScore, "3", "cam-xuyen.xlsx"),
        cell(CAM_XUYEN, "V.2", SelfScore, "1", "cam-xuyen.xlsx"),
        // The thị xã, not the huyện; II.2 and II.3 by text (the file numbers
        // them the other way round); two stages.
        cell(KY_ANH_TX, "I.1", SelfScore, "22", "ky-anh.xlsx"),
        cell(KY_ANH_TX, "I.1", Bloc, "21", "ky-anh.xlsx"),
        cell(KY_ANH_TX, "I.2", SelfScore, "13,5", "ky-anh.xlsx"),
        cell(KY_ANH_TX, "II.2", SelfScore, "7,5", "ky-anh.xlsx"),
        cell(KY_ANH_TX, "II.3", SelfScore, "6,5", "ky-anh.xlsx"),
        // "huyen duc tho": I.2 (14) as the app's file, I.1 in conflict with it.
        cell(DUC_THO, "II.1", SelfScore, "9", "duc-tho-bo-sung.xlsx"),
    ];
    want.sort();
    assert_eq!(fills(&t, &p), want);
    assert_eq!(p.same, 2, "Cẩm Xuyên I.1 and Đức Thọ I.2");

    let conflicts: Vec<_> = p
        .conflicts
        .iter()
        .map(|c| {
            (
                c.unit_name.as_str(),
                code_of(&t, c.node),
                c.stage,
                c.current.as_str(),
                c.incoming.as_str(),
                c.from.as_str(),
                c.current_from.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        conflicts,
        [
            (
                CAM_XUYEN,
                "I.3".to_string(),
                SelfScore,
                "8",
                "9,5",
                "cam-xuyen.xlsx",
                None
            ),
            (
                DUC_THO,
                "I.1".to_string(),
                SelfScore,
                "18",
                "19",
                "duc-tho-bo-sung.xlsx",
                Some("duc-tho.xlsx")
            ),
        ]
    );
    assert_eq!(p.conflicts[0].unit, unit_id(&t, CAM_XUYEN));

    let notes: Vec<_> = p
        .notes
        .iter()
        .map(|n| {
            (
                name_of(&t, n.unit),
                code_of(&t, n.node),
                n.stage,
                n.note.as_str(),
                n.from.as_str(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                DUC_THO.into(),
                "I.1".into(),
                SelfScore,
                "Kèm báo cáo số 12/BC-UBND",
                "duc-tho.xlsx"
            ),
            (
                CAM_XUYEN.into(),
                "I.2".into(),
                SelfScore,
                "Có Bằng khen của UBND tỉnh",
                "cam-xuyen.xlsx"
            ),
            (
                KY_ANH_TX.into(),
                "I.1".into(),
                Bloc,
                "Trừ 1 điểm do báo cáo chậm",
                "ky-anh.xlsx"
            ),
        ]
    );
    // Cẩm Xuyên's II.1 note differs from the one written: left, not a conflict.
    assert_eq!(p.notes_kept, 1);

    assert_eq!(p.unknown_units.len(), 1);
    let vq = &p.unknown_units[0];
    assert_eq!(
        (vq.from.as_str(), vq.name.as_str(), vq.cells),
        ("vu-quang.xlsx", VU_QUANG, 3)
    );
    assert_eq!(vq.fills.len(), 2);
    assert_eq!(vq.notes.len(), 1);
    let crit: Vec<_> = p
        .unknown_criteria
        .iter()
        .map(|c| (c.from.as_str(), c.code.as_str(), c.text.as_str(), c.cells))
        .collect();
    assert_eq!(
        crit,
        [(
            "cam-xuyen.xlsx",
            "III.3",
            "Tham gia Cuộc thi ảnh đẹp về quê hương",
            1
        )]
    );
    // How the units were matched; the huyện Kỳ Anh gets nothing.
    let matched: Vec<_> = p
        .matched
        .iter()
        .map(|m| (m.from.as_str(), name_of(&t, m.unit), m.exact))
        .collect();
    assert_eq!(
        matched,
        [
            ("duc-tho.xlsx", DUC_THO.to_string(), true),
            ("ha-tinh.xlsx", HA_TINH.to_string(), true),
            ("cam-xuyen.xlsx", CAM_XUYEN.to_string(), false),
            ("ky-anh.xlsx", KY_ANH_TX.to_string(), false),
            ("duc-tho-bo-sung.xlsx", DUC_THO.to_string(), false),
        ]
    );
    assert!(!p.is_empty());
}

/// The target with exactly the cells the merge must give: replace[0] (Cẩm
/// Xuyên I.3) taken, replace[1] (Đức Thọ I.1) kept.
fn expected(t: &Scoresheet, with_vu_quang: bool) -> Scoresheet {
    let mut e = t.clone();
    for (u, code, stage, raw) in [
        (DUC_THO, "I.1", SelfScore, "18"),
        (DUC_THO, "I.2", SelfScore, "14"),
        (DUC_THO, "II.1", SelfScore, "9"),
        (HA_TINH, "I.1", SelfScore, "25"),
        (HA_TINH, "I.2", SelfScore, "mười"),
        (HA_TINH, "IV.1", SelfScore, "3"),
        (HA_TINH, "V.1", SelfScore, "2,5"),
        (HA_TINH, "I.1", Bloc, "24"),
        (CAM_XUYEN, "I.2", SelfScore, "12,5"),
        (CAM_XUYEN, "I.3", SelfScore, "9,5"),
        (CAM_XUYEN, "I.4", SelfScore, "10"),
        (CAM_XUYEN, "II.1", SelfScore, "8"),
        (CAM_XUYEN, "II.2", SelfScore, "6"),
        (CAM_XUYEN, "II.3", SelfScore, "7"),
        (CAM_XUYEN, "III.1", SelfScore, "10"),
        (CAM_XUYEN, "III.2", SelfScore, "4,5"),
        (CAM_XUYEN, "IV.1", SelfScore, "3"),
        (CAM_XUYEN, "V.2", SelfScore, "1"),
        (KY_ANH_TX, "I.1", SelfScore, "22"),
        (KY_ANH_TX, "I.1", Bloc, "21"),
        (KY_ANH_TX, "I.2", SelfScore, "13,5"),
        (KY_ANH_TX, "II.2", SelfScore, "7,5"),
        (KY_ANH_TX, "II.3", SelfScore, "6,5"),
    ] {
        set(&mut e, u, code, stage, raw);
    }
    note(
        &mut e,
        DUC_THO,
        "I.1",
        SelfScore,
        "Kèm báo cáo số 12/BC-UBND",
    );
    note(
        &mut e,
        CAM_XUYEN,
        "I.2",
        SelfScore,
        "Có Bằng khen của UBND tỉnh",
    );
    note(&mut e, KY_ANH_TX, "I.1", Bloc, "Trừ 1 điểm do báo cáo chậm");
    if with_vu_quang {
        e.push_unit(VU_QUANG);
        set(&mut e, VU_QUANG, "I.1", SelfScore, "15");
        set(&mut e, VU_QUANG, "I.2", SelfScore, "10");
        note(
            &mut e,
            VU_QUANG,
            "I.1",
            SelfScore,
            "Đơn vị mới tham gia khối",
        );
    }
    e
}

#[test]
fn applying_the_ops_gives_exactly_the_expected_cells_and_one_undo_restores() {
    let t = target();
    let p = plan(&t, &files(&t));
    for with_units in [false, true] {
        let mut s = t.clone();
        let mut h = History::default();
        h.apply(&mut s, p.ops(&t, &[true, false], with_units));
        let want = expected(&t, with_units);
        assert_eq!(cells(&s), cells(&want), "add units: {with_units}");
        assert_eq!(s, want);
        if with_units {
            assert_eq!(s.units[5].id, 6, "a fresh id");
        }
        // The whole merge is one step.
        assert!(h.undo(&mut s).is_some());
        assert_eq!(s, t);
        assert!(!h.can_undo());
        assert!(h.redo(&mut s).is_some());
        assert_eq!(s, want);
    }
    // Keeping every current value.
    let mut s = t.clone();
    s.apply_all(p.ops(&t, &[], false));
    assert_eq!(s.units[0].raw(node(&t, "I.3"), SelfScore), "8");
    assert_eq!(s.units[1].raw(node(&t, "I.1"), SelfScore), "18");
    // Taking both: the later file's value.
    let mut s = t.clone();
    s.apply_all(p.ops(&t, &[true, true], false));
    assert_eq!(s.units[1].raw(node(&t, "I.1"), SelfScore), "19");
}

#[test]
fn merging_the_same_files_again_adds_nothing() {
    let t = target();
    let f = files(&t);
    let mut s = t.clone();
    s.apply_all(plan(&t, &f).ops(&t, &[true, false], true));
    let again = plan(&s, &f);
    assert!(again.fills.is_empty(), "{:?}", again.fills);
    assert!(again.notes.is_empty());
    assert!(again.unknown_units.is_empty());
    // Only the value kept against the second Đức Thọ file still differs.
    assert_eq!(again.conflicts.len(), 1);
    assert_eq!(again.conflicts[0].current, "18");
    assert_eq!(again.conflicts[0].current_from, None);
    assert!(again.ops(&s, &[], false).is_empty());
}

#[test]
fn merging_the_blocs_own_export_changes_nothing() {
    // Generated scoresheets in every shape the export writes: every cell
    // comes back the same.
    for seed in 0..40 {
        let s = common::generate(seed);
        let bytes = xlsx::export(&s).unwrap();
        let back = xlsx::import(&bytes, &ImportOptions::default())
            .unwrap()
            .sheet;
        let p = plan(&s, &[("export.xlsx".into(), back)]);
        assert!(p.is_empty(), "seed {seed}: {p:?}");
        assert!(!p.files[0].differs(), "seed {seed}: {:?}", p.files[0]);
        assert_eq!(p.notes_kept, 0, "seed {seed}");
        let tree = chamdiem::model::Tree::new(&s);
        let scored = s
            .units
            .iter()
            .flat_map(|u| {
                s.nodes
                    .iter()
                    .enumerate()
                    .filter(|(pos, _)| tree.is_scoreable(*pos))
                    .flat_map(move |(_, n)| Stage::ALL.map(|st| u.raw(n.id, st)))
            })
            .filter(|r| !r.trim().is_empty())
            .count();
        assert_eq!(p.same, scored, "seed {seed}");
        assert!(p.ops(&s, &[], true).is_empty());
    }
}

#[test]
fn a_name_two_units_fit_is_not_guessed() {
    let mut t = target();
    t.push_unit("Xã Thạch Hà");
    t.push_unit("Xã Thạch Hạ");
    let one = |name: &str, raw: &str| {
        let f = exported_by_the_app(&t, name, &[("I.2", SelfScore, raw)], &[]);
        (format!("{name}.xlsx"), f)
    };
    let files = vec![
        one("Kỳ Anh", "11"),
        one("Xã Thạch Hạ", "12"),
        one("Xa Thach Ha", "13"),
        one("TX Kỳ Anh", "14"),
    ];
    let p = plan(&t, &files);
    // Only the exact "Xã Thạch Hạ" and the thị xã ("TX") are matched.
    assert_eq!(
        fills(&t, &p),
        [
            cell(KY_ANH_TX, "I.2", SelfScore, "14", "TX Kỳ Anh.xlsx"),
            cell("Xã Thạch Hạ", "I.2", SelfScore, "12", "Xã Thạch Hạ.xlsx"),
        ]
    );
    let unknown: Vec<(&str, Vec<String>)> = p
        .unknown_units
        .iter()
        .map(|u| {
            let names = u.candidates.iter().map(|&id| name_of(&t, id)).collect();
            (u.name.as_str(), names)
        })
        .collect();
    assert_eq!(
        unknown,
        [
            ("Kỳ Anh", vec![KY_ANH_TX.to_string(), KY_ANH_H.to_string()]),
            (
                "Xa Thach Ha",
                vec!["Xã Thạch Hà".to_string(), "Xã Thạch Hạ".to_string()]
            ),
        ]
    );
    // Never added, even on request (rule 9): each file's line asks which
    // of the units it fits it is.
    let mut s = t.clone();
    s.apply_all(p.ops(&t, &[], true));
    let i2 = node(&t, "I.2");
    let got: Vec<(&str, &str)> = s
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.raw(i2, SelfScore)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    assert_eq!(got, [(KY_ANH_TX, "14"), ("Xã Thạch Hạ", "12"),]);
}

/// (file, unit in the file, where it goes, new, notes, same, conflicts,
/// invalid, filled per stage)
type Line = (
    String,
    String,
    String,
    usize,
    usize,
    usize,
    usize,
    usize,
    [u32; 3],
);

fn lines(t: &Scoresheet, p: &MergePlan) -> Vec<Line> {
    use chamdiem::model::merge::LineDest;
    p.files
        .iter()
        .flat_map(|f| {
            f.units.iter().map(move |l| {
                let to = match &l.dest {
                    LineDest::Unit { unit, chosen, .. } => {
                        format!(
                            "{}{}",
                            name_of(t, *unit),
                            if *chosen { " (chọn)" } else { "" }
                        )
                    }
                    LineDest::Unknown { .. } => format!("mới: {}", l.name),
                    LineDest::Skipped => "bỏ qua".into(),
                };
                let n = (l.new, l.notes, l.same, l.conflicts, l.invalid.len());
                (
                    f.from.clone(),
                    l.name.clone(),
                    to,
                    n.0,
                    n.1,
                    n.2,
                    n.3,
                    n.4,
                    l.filled,
                )
            })
        })
        .collect()
}

fn line(
    file: &str,
    name: &str,
    to: &str,
    counts: (usize, usize, usize, usize, usize),
    filled: [u32; 3],
) -> Line {
    let (a, b, c, d, e) = counts;
    (file.into(), name.into(), to.into(), a, b, c, d, e, filled)
}

#[test]
fn each_returned_file_has_its_line_and_its_template_checked() {
    let t = target();
    let p = plan(&t, &files(&t));
    assert_eq!(
        lines(&t, &p),
        [
            line("duc-tho.xlsx", DUC_THO, DUC_THO, (2, 1, 0, 0, 0), [2, 0, 0]),
            // "mười" is not a number; 25 is I.1's maximum.
            line("ha-tinh.xlsx", HA_TINH, HA_TINH, (5, 0, 0, 0, 1), [4, 1, 0]),
            line(
                "cam-xuyen.xlsx",
                "Huyện Cẩm Xuyên",
                CAM_XUYEN,
                (9, 1, 1, 1, 0),
                [11, 0, 0]
            ),
            line(
                "ky-anh.xlsx",
                "Thị xã Kỳ Anh",
                KY_ANH_TX,
                (5, 1, 0, 0, 0),
                [4, 1, 0]
            ),
            line(
                "vu-quang.xlsx",
                VU_QUANG,
                "mới: UBND huyện Vũ Quang",
                (2, 1, 0, 0, 0),
                [2, 0, 0]
            ),
            line(
                "duc-tho-bo-sung.xlsx",
                "huyen duc tho",
                DUC_THO,
                (1, 0, 1, 1, 0),
                [3, 0, 0]
            ),
        ]
    );
    // Cẩm Xuyên's file added III.3; the others are the bloc's template.
    let flagged: Vec<(&str, &[String], &[String], bool)> = p
        .files
        .iter()
        .filter(|f| f.differs())
        .map(|f| (f.from.as_str(), &f.extra[..], &f.missing[..], f.foreign()))
        .collect();
    assert_eq!(
        flagged,
        [("cam-xuyen.xlsx", &["III.3".to_string()][..], &[][..], false)]
    );
}

#[test]
fn a_file_sent_to_another_unit_or_skipped_and_the_receipts_of_the_rest() {
    use chamdiem::model::merge::{plan_with, Assign, Assignments};
    use chamdiem::model::Receipt;
    let t = target();
    let f = files(&t);
    // Vũ Quang's file was really the huyện Kỳ Anh's (a wrong name on it);
    // the second Đức Thọ file came by mistake.
    let choice = Assignments::from([
        ((4, 0), Assign::To(unit_id(&t, KY_ANH_H))),
        ((5, 0), Assign::Skip),
    ]);
    let p = plan_with(&t, &f, &choice);
    let l = lines(&t, &p);
    assert_eq!(
        l[4],
        line(
            "vu-quang.xlsx",
            VU_QUANG,
            "UBND huyện Kỳ Anh (chọn)",
            (2, 1, 0, 0, 0),
            [2, 0, 0]
        )
    );
    assert_eq!(
        l[5],
        line(
            "duc-tho-bo-sung.xlsx",
            "huyen duc tho",
            "bỏ qua",
            (0, 0, 0, 0, 0),
            [0, 0, 0]
        )
    );
    assert!(p.unknown_units.is_empty());
    assert!(p.conflicts.iter().all(|c| c.from != "duc-tho-bo-sung.xlsx"));
    let at = 1_734_681_600_000;
    let mut s = t.clone();
    let mut h = History::default();
    h.apply(&mut s, p.ops_received(&t, &[true], true, at));
    assert_eq!(s.units.len(), t.units.len(), "no unit added");
    assert_eq!(s.units[3].raw(node(&t, "I.1"), SelfScore), "15");
    type Received<'a> = Vec<(&'a str, [u32; 3])>;
    let got: Vec<(&str, Received)> = s
        .units
        .iter()
        .map(|u| {
            let r = u.receipts.iter().map(|r: &Receipt| {
                assert_eq!(r.at, at);
                (r.file.as_str(), r.filled)
            });
            (u.name.as_str(), r.collect())
        })
        .collect();
    assert_eq!(
        got,
        [
            (CAM_XUYEN, vec![("cam-xuyen.xlsx", [11, 0, 0])]),
            (DUC_THO, vec![("duc-tho.xlsx", [2, 0, 0])]),
            (KY_ANH_TX, vec![("ky-anh.xlsx", [4, 1, 0])]),
            (KY_ANH_H, vec![("vu-quang.xlsx", [2, 0, 0])]),
            (HA_TINH, vec![("ha-tinh.xlsx", [4, 1, 0])]),
        ]
    );
    // The whole merge, receipts included, is one step.
    h.undo(&mut s);
    assert_eq!(s, t);
}

#[test]
fn a_form_the_unit_edited_and_another_blocs_template_are_flagged() {
    let t = target();
    let edited = open("ha-tinh-sua-mau.xlsx");
    let other_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/07-moi-don-vi-mot-sheet.xlsx");
    let other = xlsx::import(
        &std::fs::read(other_path).unwrap(),
        &ImportOptions::default(),
    )
    .unwrap()
    .sheet;
    let p = plan(
        &t,
        &[
            ("ha-tinh-sua-mau.xlsx".into(), edited),
            ("khoi-khac.xlsx".into(), other),
        ],
    );
    let f = &p.files[0];
    assert_eq!(f.extra, ["II.4"]);
    assert_eq!(f.missing, ["V.2"]);
    let maxima: Vec<(&str, String, String)> = f
        .maxima
        .iter()
        .map(|m| (m.code.as_str(), m.target.unwrap().to_vi(), m.file.to_vi()))
        .collect();
    assert_eq!(maxima, [("I.2", "15".to_string(), "20".to_string())]);
    assert!(!f.foreign());
    // 18 is above the bloc's maximum 15: merged as typed, and counted.
    assert_eq!(
        lines(&t, &p)[0],
        line(
            "ha-tinh-sua-mau.xlsx",
            HA_TINH,
            HA_TINH,
            (3, 0, 0, 0, 1),
            [3, 0, 0]
        )
    );
    // Another bloc's template: one criterion of ten in common.
    let g = &p.files[1];
    assert!(g.foreign(), "{g:?}");
    assert_eq!((g.matching, g.criteria), (1, 10));
}

#[test]
fn values_the_blocs_criteria_refuse_are_named_with_why() {
    use chamdiem::model::CellError;
    let t = target();
    let p = plan(
        &t,
        &[("ha-tinh-tru-am.xlsx".into(), open("ha-tinh-tru-am.xlsx"))],
    );
    let l = &p.files[0].units[0];
    let named: Vec<(&str, Stage, &str, &CellError, bool)> = l
        .invalid
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.stage,
                r.raw.as_str(),
                &r.error,
                r.deduction,
            )
        })
        .collect();
    let ten = chamdiem::model::Dec::from_int(10);
    assert_eq!(
        named,
        [
            ("I.3", SelfScore, "12", &CellError::AboveMax(ten), false),
            ("V.2", SelfScore, "-2", &CellError::Negative, true),
        ]
    );
    // What the dialog says of them.
    let said = chamdiem::strings::merge_refused(&l.invalid);
    assert!(
        said.contains("I.3 Tự chấm «12»: vượt điểm chuẩn (10)"),
        "{said}"
    );
    assert!(
        said.contains("V.2 Tự chấm «-2»: điểm trừ ghi số dương (2), không ghi dấu trừ"),
        "{said}"
    );
}

/// Where the one unit of each file goes: its target unit's name, or the
/// names it fits equally (asked), or "mới" for none.
fn dests(t: &Scoresheet, p: &MergePlan) -> Vec<String> {
    use chamdiem::model::merge::LineDest;
    p.files
        .iter()
        .map(|f| match &f.units[..] {
            [l] => match &l.dest {
                LineDest::Unit { unit, .. } => name_of(t, *unit),
                LineDest::Unknown { id } => {
                    let uu = p.unknown_units.iter().find(|u| u.id == *id).unwrap();
                    let fits: Vec<String> = uu.candidates.iter().map(|&c| name_of(t, c)).collect();
                    format!("hỏi: {}", fits.join(" | "))
                }
                LineDest::Skipped => "bỏ qua".into(),
            },
            other => panic!("{}: {} lines", f.from, other.len()),
        })
        .collect()
}

#[test]
fn a_file_named_only_by_its_file_or_its_sheet_goes_to_its_unit_or_is_asked() {
    let mut t = target();
    t.push_unit("UBND huyện Hương Sơn");
    let names = [
        "Duc Tho - tu cham 2024.xlsx",
        "tu-cham-2024.xlsx",
        "Ky Anh - tu cham.xlsx",
    ];
    let files: Vec<(String, Scoresheet)> = names.iter().map(|n| (n.to_string(), open(n))).collect();
    // Never the sub-title "(Kèm theo Hướng dẫn …)": the sheet's name, or
    // for a "Sheet1" the file's.
    let read: Vec<&str> = files.iter().map(|f| f.1.units[0].name.as_str()).collect();
    assert_eq!(
        read,
        ["Duc Tho - tu cham 2024", "Hương Sơn", "Ky Anh - tu cham"]
    );
    let want = [
        DUC_THO.to_string(),
        "UBND huyện Hương Sơn".to_string(),
        format!("hỏi: {KY_ANH_TX} | {KY_ANH_H}"),
    ];
    // Together, and one at a time as they arrive.
    assert_eq!(dests(&t, &plan(&t, &files)), want);
    for (f, want) in files.iter().zip(&want) {
        assert_eq!(&dests(&t, &plan(&t, std::slice::from_ref(f)))[0], want);
    }
    let p = plan(&t, &files);
    let dt = unit_id(&t, DUC_THO);
    let i1 = node(&t, "I.1");
    assert!(p
        .fills
        .iter()
        .any(|f| f.unit == dt && f.node == i1 && f.raw == "21"));
    // Asked, she picks the huyện: it lands there.
    let choice = chamdiem::model::merge::Assignments::from([(
        (2, 0),
        chamdiem::model::merge::Assign::To(unit_id(&t, KY_ANH_H)),
    )]);
    let p = chamdiem::model::merge::plan_with(&t, &files, &choice);
    assert_eq!(dests(&t, &p)[2], KY_ANH_H);
    assert!(p.unknown_units.is_empty());
    // "Duc Tho" without diacritics fits a huyện and a xã Đức Thọ alike:
    // asked, never guessed.
    t.push_unit("UBND xã Đức Thọ");
    assert_eq!(
        dests(&t, &plan(&t, &files[..1])),
        [format!("hỏi: {DUC_THO} | UBND xã Đức Thọ")]
    );
}
