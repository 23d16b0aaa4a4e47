//! Unit packs ("Xuất phiếu cho từng đơn vị"): one workbook per unit, made
//! from real templates (tests/fixtures/real/) and the merge tests' bloc
//! (tests/fixtures/merge/khoi-mau.xlsx); read back as the same table and
//! scores; protected but for tự chấm and notes; and, filled by openpyxl
//! with the unit's name line changed (tests/fixtures/packs/, built by
//! make_pack_fixtures.py), merged into the unit the pack was made for.

use chamdiem::model::fingerprint::fingerprint;
use chamdiem::model::merge::{plan, Incoming, LineDest, PackTemplate};
use chamdiem::model::pack::PackStamp;
use chamdiem::model::{Dec, Scoresheet, Stage, Tree, UnitId};
use chamdiem::xlsx::packs::{export_pack, export_packs, pack_names};
use chamdiem::xlsx::{self, ImportOptions, Imported};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(bytes: &[u8], name: &str) -> Imported {
    let opts = ImportOptions {
        file_name: Some(name.into()),
        ..Default::default()
    };
    xlsx::import(bytes, &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn open(path: &Path) -> Imported {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    read(&bytes, &path.display().to_string())
}

/// The returned file as the merge gets it from the import.
fn incoming(path: &Path) -> Incoming {
    let imp = open(path);
    Incoming {
        from: path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sheet: imp.sheet,
        stamp: imp.report.pack,
    }
}

fn bloc() -> Scoresheet {
    open(&fixtures().join("merge/khoi-mau.xlsx")).sheet
}

fn unit_id(s: &Scoresheet, name: &str) -> UnitId {
    s.units
        .iter()
        .find(|u| u.name == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
        .id
}

/// The templates of tests/fixtures/real/, each with its units, or with
/// two units scored here when it has none.
fn real_sheets() -> Vec<(String, Scoresheet)> {
    let dir = fixtures().join("real");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("xlsx" | "xls" | "ods")
            )
        })
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "{paths:?}");
    paths
        .into_iter()
        .map(|p| {
            let mut s = open(&p).sheet;
            if s.units.is_empty() {
                s.push_unit("UBND huyện Đức Thọ");
                s.push_unit("Trường THPT Chu Văn An");
            }
            // A score on every criterion of the first unit, in every stage,
            // and a thẩm định note.
            let tree = Tree::new(&s);
            for pos in (0..tree.len()).filter(|&p| tree.is_scoreable(p)) {
                let (id, max) = (s.nodes[pos].id, s.nodes[pos].max);
                let raw = max.map(|m| m.to_plain()).unwrap_or_else(|| "1".into());
                for stage in Stage::ALL {
                    s.units[0].set_raw(id, stage, raw.clone());
                }
                s.units[0].set_note(id, Stage::Verify, "Chưa đủ minh chứng");
            }
            (p.display().to_string(), s)
        })
        .collect()
}

#[test]
fn each_units_pack_reads_back_as_the_same_table_and_scores_with_its_stamp() {
    for (name, s) in real_sheets() {
        let print = fingerprint(&s);
        for (i, unit) in s.units.iter().enumerate().take(3) {
            let bytes = export_pack(&s, i).unwrap_or_else(|e| panic!("{name}: {e}"));
            let back = read(&bytes, "pack.xlsx");
            let words = part(&bytes, "xl/sharedStrings.xml");
            assert!(
                !words.contains("Chưa đủ minh chứng"),
                "{name}: a thẩm định note"
            );
            assert_eq!(
                back.report.pack,
                Some(PackStamp {
                    fingerprint: print.clone(),
                    unit: unit.id,
                    name: unit.name.clone()
                }),
                "{name}"
            );
            assert_eq!(
                fingerprint(&back.sheet),
                print,
                "{name}: the table read back"
            );
            // Thẩm định never leaves the bloc in a pack.
            let scored = unit.marks[..Stage::Verify.index()]
                .iter()
                .any(|m| !m.is_empty());
            let back_scored: Vec<_> = back
                .sheet
                .units
                .iter()
                .filter(|u| u.marks.iter().any(|m| !m.is_empty()))
                .collect();
            assert_eq!(back_scored.len(), usize::from(scored), "{name}");
            if let Some(u) = back_scored.first() {
                assert_eq!(u.name, unit.name, "{name}");
                assert!(u.receipts.is_empty());
                for stage in Stage::ALL {
                    for n in &s.nodes {
                        let got = back.sheet.node_by_code(&n.code).map(|b| u.raw(b.id, stage));
                        let want = unit.raw(n.id, stage);
                        if stage == Stage::Verify {
                            let got = got.unwrap_or_default();
                            assert_eq!(got, "", "{name}: {} thẩm định", n.code);
                        } else if !n.guidance && !want.is_empty() {
                            // Numbers by value: "2.5" is written 2.5, read "2,5".
                            let got = got.map(Dec::parse);
                            assert_eq!(got, Some(Dec::parse(want)), "{name}: {} {stage:?}", n.code);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_zip_holds_one_workbook_per_unit_by_its_names() {
    let s = bloc();
    let zip = export_packs(&s).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, pack_names(&s));
    assert_eq!(
        pack_names(&s),
        [
            "01-cam-xuyen.xlsx",
            "02-duc-tho.xlsx",
            "03-tx-ky-anh.xlsx",
            "04-ky-anh.xlsx",
            "05-tp-ha-tinh.xlsx"
        ]
    );
    for (i, name) in pack_names(&s).iter().enumerate() {
        let mut bytes = Vec::new();
        z.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        let stamp = read(&bytes, name).report.pack.unwrap();
        assert_eq!(stamp.unit, s.units[i].id, "{name}");
    }
}

/// The text of a part of an .xlsx.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    z.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Per cell format (the `s` of `<c>`), whether it is locked.
fn locked_styles(styles: &str) -> Vec<bool> {
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xfs = xfs.split("</cellXfs>").next().unwrap();
    xfs.split("<xf ")
        .skip(1)
        .map(|xf| !xf.split("</xf>").next().unwrap().contains("locked=\"0\""))
        .collect()
}

/// The style index of cell `r` ("D9") in a sheet's XML (0 when none).
fn style_of(sheet: &str, r: &str) -> usize {
    let at = sheet
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("no cell {r}"));
    let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
    tag.split(" s=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .map(|v| v.parse().unwrap())
        .unwrap_or(0)
}

#[test]
fn the_sheet_is_protected_without_password_but_for_tu_cham_and_notes() {
    let mut s = bloc();
    let dt = unit_id(&s, "UBND huyện Đức Thọ");
    let i1 = s.node_by_code("I.1").unwrap().id;
    s.unit_mut(dt).unwrap().set_raw(i1, Stage::SelfScore, "20");
    s.unit_mut(dt).unwrap().set_raw(i1, Stage::Bloc, "19");
    let bytes = export_pack(&s, 1).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let protection = sheet.split("<sheetProtection").nth(1).unwrap();
    let protection = protection.split("/>").next().unwrap();
    assert!(protection.contains("sheet=\"1\""), "{protection}");
    assert!(!protection.contains("assword"), "no password: {protection}");
    let locked = locked_styles(&part(&bytes, "xl/styles.xml"));
    // Row 9 is I, row 10 I.1, row 11 I.2 (header on row 8). Columns: A
    // STT, B text, C maximum, D tự chấm, E khối chấm, F thẩm định, G
    // final, H notes.
    for (cell, open) in [
        ("A10", false),
        ("B10", false),
        ("C10", false),
        ("D10", true),
        ("D11", true),
        ("E10", false),
        ("G10", false),
        ("H10", true),
        ("H11", true),
        // The section's subtotal: a formula.
        ("D9", false),
        ("C9", false),
    ] {
        assert_eq!(locked[style_of(&sheet, cell)], !open, "{cell}");
    }
    // The khối chấm value written, locked; the unit's own, open.
    assert!(sheet.contains("<c r=\"E10\""));
}

#[test]
fn returned_packs_go_to_their_units_by_id_whatever_name_they_carry() {
    let mut t = bloc();
    // An earlier value: the file's equal value counts as equal.
    let dt = unit_id(&t, "UBND huyện Đức Thọ");
    let ka = unit_id(&t, "UBND huyện Kỳ Anh");
    let cx = unit_id(&t, "UBND huyện Cẩm Xuyên");
    let i1 = t.node_by_code("I.1").unwrap().id;
    t.unit_mut(dt).unwrap().set_raw(i1, Stage::SelfScore, "22");
    let dir = fixtures().join("packs");
    let files = [
        incoming(&dir.join("duc-tho-da-dien.xlsx")),
        incoming(&dir.join("ky-anh-doi-ten.xlsx")),
    ];
    // What the files say: another unit's name, and a name two units fit.
    assert_eq!(files[0].sheet.units[0].name, "UBND huyện Cẩm Xuyên");
    assert_eq!(files[1].sheet.units[0].name, "Kỳ Anh");
    let p = plan(&t, &files);
    let dests: Vec<&LineDest> = p.files.iter().map(|f| &f.units[0].dest).collect();
    assert!(
        matches!(dests[0], LineDest::Unit { unit, stamped: true, .. } if *unit == dt),
        "{dests:?}"
    );
    assert!(
        matches!(dests[1], LineDest::Unit { unit, stamped: true, .. } if *unit == ka),
        "{dests:?}"
    );
    assert!(p
        .files
        .iter()
        .all(|f| f.pack == PackTemplate::Same && !f.differs()));
    assert!(p.unknown_units.is_empty() && p.conflicts.is_empty());
    let got = |unit: UnitId, code: &str| -> Option<&str> {
        let node = t.node_by_code(code)?.id;
        p.fills
            .iter()
            .find(|f| f.unit == unit && f.node == node && f.stage == Stage::SelfScore)
            .map(|f| f.raw.as_str())
    };
    assert_eq!(got(dt, "I.2"), Some("14"));
    assert_eq!(got(dt, "II.1"), Some("9"));
    assert_eq!(got(dt, "III.1"), Some("10"));
    assert_eq!(p.same, 1, "I.1 is 22 already");
    assert_eq!(got(ka, "I.1"), Some("18"));
    assert_eq!(got(ka, "I.3"), Some("7,5"));
    assert!(
        !p.fills.iter().any(|f| f.unit == cx),
        "nothing to Cẩm Xuyên"
    );
    assert_eq!(p.notes.len(), 1);
    assert_eq!(
        (p.notes[0].unit, p.notes[0].note.as_str()),
        (dt, "Thiếu 1 báo cáo quý")
    );
    // Without the stamp, the names alone would have sent the first to
    // Cẩm Xuyên and left the second undecided.
    let bare: Vec<(String, Scoresheet)> = files
        .iter()
        .map(|f| (f.from.clone(), f.sheet.clone()))
        .collect();
    let p = plan(&t, &bare);
    assert!(matches!(p.files[0].units[0].dest, LineDest::Unit { unit, .. } if unit == cx));
    assert_eq!(p.unknown_units.len(), 1);
    assert_eq!(p.unknown_units[0].candidates.len(), 2);
}

#[test]
fn a_pack_of_another_table_is_flagged_and_not_taken_by_id() {
    let t = bloc();
    for (name, s) in real_sheets().into_iter().take(3) {
        let bytes = export_pack(&s, 0).unwrap();
        let imp = read(&bytes, "khac.xlsx");
        let stamp = imp.report.pack.clone().unwrap();
        // Its id is one the bloc has too.
        assert!(t.unit(stamp.unit).is_some(), "{name}");
        let file = Incoming {
            from: "khac.xlsx".into(),
            sheet: imp.sheet,
            stamp: Some(stamp),
        };
        let p = plan(&t, &[file]);
        let f = &p.files[0];
        assert_eq!(f.pack, PackTemplate::Other, "{name}");
        assert!(f.differs() && f.foreign(), "{name}: {f:?}");
        assert!(
            !matches!(f.units[0].dest, LineDest::Unit { stamped: true, .. }),
            "{name}: {:?}",
            f.units[0].dest
        );
    }
}
