//! The export, natively: importing an export gives back the same
//! scoresheet (generated ones and every fixture), cached formula results
//! equal the app's, text is never turned into a formula, and the pages are
//! set up as Vietnamese documents are.

mod common;

use calamine::{Reader, Xlsx};
use chamdiem::model::{Dec, Kind, Scoresheet, Stage};
use chamdiem::xlsx::{self, ImportOptions};
use common::{
    assert_no_failures, check_comparison, check_results, fixture_sheets, generate, read_back,
    read_comparison, round_trip, Rng,
};
use std::io::{Cursor, Read};

const SEEDS: u64 = 150;

#[test]
fn generated_scoresheets_round_trip() {
    let mut failures = Vec::new();
    for seed in 0..SEEDS {
        let s = generate(seed);
        for e in round_trip(&s) {
            failures.push(format!("seed {seed}: {e}"));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn complete_scoresheets_round_trip_with_their_rule_and_ranks() {
    let mut failures = Vec::new();
    let (mut ranked, mut waiting, mut by_rule) = (0, 0, [0; 3]);
    for seed in 0..40 {
        let mut s = generate(seed);
        common::fill_complete(&mut s, seed);
        let r = chamdiem::model::Results::compute(&s);
        ranked += r.units.iter().filter(|u| u.final_rank.is_some()).count();
        waiting += r.units.iter().filter(|u| u.final_rank.is_none()).count();
        let i = chamdiem::model::FinalRule::ALL
            .iter()
            .position(|&x| x == s.final_rule)
            .unwrap();
        by_rule[i] += 1;
        for e in round_trip(&s) {
            failures.push(format!("seed {seed}: {e}"));
        }
    }
    assert_no_failures(&failures);
    // Not vacuous: finals ranked and finals waiting, under every rule.
    assert!(
        ranked > 60 && waiting > 5,
        "{ranked} ranked, {waiting} waiting"
    );
    assert!(by_rule.iter().all(|&n| n > 5), "{by_rule:?}");
}

#[test]
fn the_generator_covers_what_it_should() {
    // Guard against a generator that quietly stops producing the hard cases.
    let mut seen = [false; 10];
    for seed in 0..SEEDS {
        let s = generate(seed);
        let tree = chamdiem::model::Tree::new(&s);
        seen[0] |= s.nodes.iter().any(|n| n.kind == Kind::Bonus);
        seen[1] |= s.nodes.iter().any(|n| n.kind == Kind::Deduction);
        seen[2] |= s.nodes.iter().any(|n| n.weight != Dec::ONE);
        seen[3] |= (0..tree.len()).any(|p| tree.depth(p) >= 3);
        seen[4] |= s.units.len() == 8;
        seen[5] |= s.units.len() == 1;
        seen[6] |= s.units.iter().any(|u| {
            u.marks
                .iter()
                .flat_map(|m| m.values())
                .any(|m| m.raw.starts_with('='))
        });
        seen[7] |= s.units.iter().any(|u| {
            let stages = u.marks.iter().filter(|m| !m.is_empty()).count();
            stages >= 2
                && u.marks
                    .iter()
                    .flat_map(|m| m.values())
                    .any(|m| !m.note.is_empty())
        });
        seen[8] |= s.units.iter().any(|u| {
            u.marks[Stage::Bloc.index()]
                .values()
                .chain(u.marks[Stage::Verify.index()].values())
                .any(|m| !m.note.is_empty())
        });
        seen[9] |= s.nodes.iter().any(|n| n.guidance);
    }
    assert_eq!(seen, [true; 10]);
}

#[test]
fn every_fixture_round_trips() {
    let mut failures = Vec::new();
    for (name, s) in fixture_sheets() {
        for e in round_trip(&s) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_fixture_with_scores_and_notes_round_trips() {
    let mut failures = Vec::new();
    for (i, (name, mut s)) in fixture_sheets().into_iter().enumerate() {
        if s.units.len() > 20 {
            // The 60-unit fixture is scored already; more is only slower.
            continue;
        }
        if s.units.is_empty() {
            for n in ["UBND huyện Cẩm Xuyên", "Công an tỉnh", "An", "Tân An"] {
                s.push_unit(n);
            }
        }
        common::fill(&mut s, &mut Rng::new(1000 + i as u64), 70);
        for e in round_trip(&s) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}",
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn cached_results_equal_the_apps() {
    // What a viewer that does not recalculate shows.
    let mut failures = Vec::new();
    let mut cases: Vec<(String, Scoresheet)> = (0..40)
        .map(|seed| (format!("seed {seed}"), generate(seed)))
        .collect();
    cases.extend(fixture_sheets());
    // Complete stages: finals under each rule, ranks, classes, ties.
    for seed in 0..30 {
        let mut s = generate(seed);
        common::fill_complete(&mut s, seed);
        cases.push((format!("complete {seed}"), s));
    }
    for (name, s) in cases {
        let bytes = xlsx::export(&s).unwrap();
        for e in check_results(&s, &read_back(&bytes, &s)) {
            failures.push(format!("{name}: {e}"));
        }
        for e in check_comparison(&s, read_comparison(&bytes).as_deref()) {
            failures.push(format!("{name}: comparison: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}",
        failures[..failures.len().min(40)].join("\n")
    );
}

fn one_criterion(text: &str, raw: &str, note: &str) -> Scoresheet {
    let mut s = Scoresheet::new("Thử");
    let i = s.push_node(None, "I", "Phần một", None, Kind::Content);
    let c = s.push_node(Some(i), "1", text, Some(Dec::from_int(10)), Kind::Content);
    let u = s.push_unit("=HYPERLINK(\"http://x\",\"y\")");
    s.unit_mut(u).unwrap().set_raw(c, Stage::SelfScore, raw);
    s.unit_mut(u).unwrap().set_note(c, Stage::SelfScore, note);
    s
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    for lead in ["=", "+", "-", "@"] {
        let text = format!("{lead}SUM(A1:A3)");
        let s = one_criterion(&text, &format!("{lead}1+1"), &format!("{lead}A1"));
        let bytes = xlsx::export(&s).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
        for name in wb.sheet_names().to_vec() {
            let formulas = wb.worksheet_formula(&name).unwrap();
            for f in formulas.used_cells().map(|(_, _, f)| f) {
                assert!(
                    !f.contains("A1:A3") && !f.contains("1+1") && !f.starts_with("HYPERLINK"),
                    "{lead}: text became the formula {f}"
                );
            }
        }
        let back = xlsx::import(&bytes, &ImportOptions::default())
            .unwrap()
            .sheet;
        let id = back.node_by_code("I.1").unwrap().id;
        assert_eq!(back.units[0].name, s.units[0].name);
        assert_eq!(back.node_by_code("I.1").unwrap().text, text);
        assert_eq!(
            back.units[0].raw(id, Stage::SelfScore),
            format!("{lead}1+1")
        );
        assert_eq!(
            back.units[0].mark(id, Stage::SelfScore).unwrap().note,
            format!("{lead}A1")
        );
    }
}

#[test]
fn invalid_cells_keep_their_text_and_explain_why() {
    let s = one_criterion("Tiêu chí", "12", "");
    let bytes = xlsx::export(&s).unwrap();
    let comments = zip_text(&bytes, "xl/comments1.xml");
    assert!(comments.contains("Vượt điểm chuẩn (10)"), "{comments}");
    let back = xlsx::import(&bytes, &ImportOptions::default())
        .unwrap()
        .sheet;
    let id = back.node_by_code("I.1").unwrap().id;
    assert_eq!(back.units[0].raw(id, Stage::SelfScore), "12");
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"))
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn pages_follow_vietnamese_document_conventions() {
    // A scoresheet whose stages differ, so that it has a comparison sheet.
    let s = (0..)
        .map(generate)
        .find(|s| {
            let res = chamdiem::model::Results::compute(s);
            s.units.len() >= 2 && !chamdiem::model::compare::compare(s, &res).is_empty()
        })
        .unwrap();
    let bytes = xlsx::export(&s).unwrap();
    let wb = zip_text(&bytes, "xl/workbook.xml");
    // The summary first, then the comparison when there is one, then the units.
    let names: Vec<&str> = wb
        .split("<sheet name=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .collect();
    assert_eq!(names[0], "Tổng hợp", "{wb}");
    let compared = names[1] == "Thẩm định";
    assert!(compared, "{wb}");
    let first_form = if compared { 3 } else { 2 };
    // Header rows repeated on every page.
    assert!(wb.contains("_xlnm.Print_Titles"), "{wb}");
    let summary = zip_text(&bytes, "xl/worksheets/sheet1.xml");
    let form = zip_text(&bytes, &format!("xl/worksheets/sheet{first_form}.xml"));
    // A form prints portrait at 11 pt or more; a weight's two extra
    // columns turn it to landscape (form.rs, PORTRAIT_WIDTH).
    let weighted = s
        .nodes
        .iter()
        .any(|n| n.weight != chamdiem::model::Dec::ONE);
    let form_orientation = if weighted { "landscape" } else { "portrait" };
    let mut pages = vec![(&summary, "landscape"), (&form, form_orientation)];
    let comparison = compared.then(|| zip_text(&bytes, "xl/worksheets/sheet2.xml"));
    if let Some(c) = &comparison {
        pages.push((c, "landscape"));
    }
    for (xml, orientation) in pages {
        assert!(xml.contains("paperSize=\"9\""), "A4");
        assert!(xml.contains(&format!("orientation=\"{orientation}\"")));
        assert!(xml.contains("fitToPage=\"1\"") && xml.contains("fitToHeight=\"0\""));
    }
    assert!(summary.contains("RANK("));
    let styles = zip_text(&bytes, "xl/styles.xml");
    assert!(styles.contains("Times New Roman"));
    assert!(!styles.contains("Calibri"), "every font is Times New Roman");
}

#[test]
fn a_scoresheet_without_units_exports_its_form() {
    let mut s = generate(7);
    s.units.clear();
    let bytes = xlsx::export(&s).unwrap();
    let back = xlsx::import(&bytes, &ImportOptions::default())
        .unwrap()
        .sheet;
    assert!(back.units.is_empty());
    let mut t = s.clone();
    t.units.clear();
    assert_eq!(common::differences(&t, &back), Vec::<String>::new());
}

#[test]
fn the_sample_round_trips_and_names_its_file() {
    let s = chamdiem::model::sample::sample();
    assert_eq!(round_trip(&s), Vec::<String>::new());
    assert_eq!(
        xlsx::file_name(&s.title),
        "khoi-cac-huyen-thi-xa-thanh-pho-nam-2024.xlsx"
    );
}

#[test]
fn the_comparison_notices_changes() {
    let s = (0..).map(generate).find(|s| s.units.len() >= 2).unwrap();
    assert_eq!(common::differences(&s, &s), Vec::<String>::new());
    let tree = chamdiem::model::Tree::new(&s);
    let criterion = (0..tree.len()).find(|&p| tree.is_scoreable(p)).unwrap();
    let id = s.nodes[criterion].id;
    type Change = Box<dyn Fn(&mut Scoresheet)>;
    let changes: Vec<Change> = vec![
        Box::new(|t| t.title.push('!')),
        Box::new(move |t| t.nodes[criterion].text.push('!')),
        Box::new(move |t| t.nodes[criterion].weight = Dec::from_int(7)),
        Box::new(move |t| t.nodes[criterion].max = Some(Dec::from_int(99))),
        Box::new(|t| t.units[1].name.push('!')),
        Box::new(move |t| t.units[0].set_raw(id, Stage::Verify, "kém")),
        Box::new(move |t| t.units[0].set_note(id, Stage::Bloc, "khác")),
        Box::new(|t| t.units.pop().map(|_| ()).unwrap_or(())),
    ];
    for (i, change) in changes.iter().enumerate() {
        let mut t = s.clone();
        change(&mut t);
        assert!(
            !common::differences(&s, &t).is_empty(),
            "change {i} unnoticed"
        );
    }
}

/// The `s` attribute of every cell of a sheet's XML, by (0-based row, column).
fn cell_styles(xml: &str) -> std::collections::HashMap<(u32, u32), usize> {
    let mut out = std::collections::HashMap::new();
    for c in xml.split("<c r=\"").skip(1) {
        let head = &c[..c.find('>').unwrap()];
        let r = &head[..head.find('"').unwrap()];
        let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let col = letters
            .bytes()
            .fold(0u32, |a, b| a * 26 + u32::from(b - b'A' + 1))
            - 1;
        let row: u32 = r[letters.len()..].parse::<u32>().unwrap() - 1;
        let s = head
            .split(" s=\"")
            .nth(1)
            .map(|v| v[..v.find('"').unwrap()].parse().unwrap())
            .unwrap_or(0);
        out.insert((row, col), s);
    }
    out
}

/// Per cell format (xf) of styles.xml: (bold, bordered).
fn xf_looks(styles: &str) -> Vec<(bool, bool)> {
    let section = |tag: &str| {
        let from = styles.find(&format!("<{tag} ")).unwrap();
        let to = styles[from..].find(&format!("</{tag}>")).unwrap();
        &styles[from..from + to]
    };
    let bold: Vec<bool> = section("fonts")
        .split("<font>")
        .skip(1)
        .map(|f| f.contains("<b/>"))
        .collect();
    let attr = |xf: &str, name: &str| -> usize {
        xf.split(&format!(" {name}=\""))
            .nth(1)
            .map(|v| v[..v.find('"').unwrap()].parse().unwrap())
            .unwrap_or(0)
    };
    section("cellXfs")
        .split("<xf ")
        .skip(1)
        .map(|xf| (bold[attr(xf, "fontId")], attr(xf, "borderId") != 0))
        .collect()
}

#[test]
fn unit_forms_are_bordered_tables_with_bold_sections() {
    for seed in 0..20 {
        let s = generate(seed);
        if s.units.is_empty() {
            continue;
        }
        let bytes = xlsx::export(&s).unwrap();
        let looks = xf_looks(&zip_text(&bytes, "xl/styles.xml"));
        let wb = zip_text(&bytes, "xl/workbook.xml");
        let first_form = if wb.contains("<sheet name=\"Thẩm định\"") {
            3
        } else {
            2
        };
        let tree = chamdiem::model::Tree::new(&s);
        for ui in 0..s.units.len().min(3) {
            let xml = zip_text(
                &bytes,
                &format!("xl/worksheets/sheet{}.xml", first_form + ui),
            );
            let cells = cell_styles(&xml);
            // The header row (Excel row 8) spans the table's columns.
            let width = (0..).take_while(|c| cells.contains_key(&(7, *c))).count() as u32;
            assert!(width >= 7, "seed {seed}: header has {width} cells");
            for (pos, node) in s.nodes.iter().enumerate() {
                let row = 8 + pos as u32;
                for col in 0..width {
                    let xf = cells.get(&(row, col)).copied().unwrap_or(0);
                    assert!(
                        looks[xf].1,
                        "seed {seed}, unit {ui}, row {row}, col {col}: no border"
                    );
                }
                if !node.guidance {
                    let strong = tree.is_section(pos) || tree.depth(pos) == 0;
                    assert_eq!(
                        looks[cells[&(row, 1)]].0,
                        strong,
                        "seed {seed}, row {row} ({}): bold iff a section",
                        node.text
                    );
                }
            }
        }
    }
}

/// Unit names that once made the export fail or could: the hidden sheet's
/// name in any case, Excel's reserved "History", apostrophes at the ends,
/// names empty once cleaned, the other sheets' names, long names sharing
/// their first 31 characters (in UTF-16 units, as Excel counts them).
fn hostile_unit_names() -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut names: Vec<String> = [
        "chamdiem",
        "CHAMDIEM",
        "ChamDiem (2)",
        "History",
        "HISTORY",
        "'abc'",
        "'",
        "''x''",
        "",
        "   ",
        "[]*?",
        "/",
        "Tổng hợp",
        "TỔNG HỢP",
        "Thẩm định",
        "Phiếu chấm",
        "O'Brien",
        "a\tb\nc",
        "\u{0}\u{1F}x",
        "\u{FFFE}y",
        "Đơn vị 10",
        "Tổng hợp (2)",
    ]
    .map(String::from)
    .to_vec();
    // NFD, which NFC shortens.
    names.push("Ủy ban nhân dân huyện Cẩm Xuyên".nfd().collect());
    // Characters outside the BMP count twice.
    names.push("😀".repeat(20));
    names.push(format!("x{}", "😀".repeat(20)));
    let long = "Ủy ban nhân dân thành phố Hà Tĩnh, tỉnh Hà Tĩnh — số ";
    for i in 0..40 {
        names.push(format!("{long}{i}"));
    }
    names
}

#[test]
fn any_unit_names_export_to_legal_unique_sheets_and_come_back() {
    use unicode_normalization::UnicodeNormalization;
    let names = hostile_unit_names();
    for seed in 0..2u64 {
        let mut s = generate(seed);
        s.units.clear();
        for n in &names {
            s.push_unit(n);
        }
        if seed % 2 == 1 {
            // Short names are what the sheets are named after.
            for (i, u) in s.units.iter_mut().enumerate() {
                u.short = Some(names[(i + 1) % names.len()].clone());
            }
        }
        common::fill(&mut s, &mut Rng::new(seed), 80);
        let bytes = xlsx::export(&s).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        let wb: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
        let sheets = wb.sheet_names().to_vec();
        let compared = usize::from(sheets.iter().any(|n| n == "Thẩm định"));
        let history = usize::from(sheets.iter().any(|n| n == "Lịch sử điều chỉnh"));
        // Summary, comparison, one per unit, history, the hidden one.
        assert_eq!(
            sheets.len(),
            1 + compared + names.len() + history + 1,
            "seed {seed}"
        );
        let mut seen = std::collections::HashSet::new();
        for n in &sheets {
            rust_xlsxwriter::utility::check_sheet_name(n)
                .unwrap_or_else(|e| panic!("seed {seed}: {n:?}: {e}"));
            assert_ne!(n.to_lowercase(), "history", "seed {seed}");
            assert!(seen.insert(n.to_lowercase()), "seed {seed}: {n:?} twice");
        }
        let back = xlsx::import(&bytes, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("seed {seed}: {e:?}"))
            .sheet;
        // Every unit, in order, first; a blank name (which the app does
        // not let anyone type) comes back named after its sheet. (Names
        // equal but for case are one name to the import: their sheets come
        // back as units of their own too, with a warning.)
        let mut want: Vec<String> = names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.nfc().collect())
            .collect();
        let got: Vec<&str> = back.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(got[..want.len()], want, "seed {seed}");
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                want.push(sheets[1 + compared + i].clone());
            }
        }
        for n in &want {
            assert!(got.contains(&n.as_str()), "seed {seed}: {n:?} lost");
        }
        // The hidden sheet was found (short names and bands came back).
        assert_eq!(back.classes, s.classes, "seed {seed}");
        for u in &back.units {
            if let Some(i) = names.iter().position(|n| n.nfc().eq(u.name.chars())) {
                let short = s.units[i].short.as_ref().map(|n| n.nfc().collect());
                assert_eq!(u.short, short, "seed {seed}: {}", u.name);
            }
        }
    }
    // All of it, scores and notes included, for names the app can hold
    // (not blank, NFC) that differ by more than case.
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<String> = names
        .iter()
        .map(|n| n.nfc().collect::<String>())
        .filter(|n| !n.trim().is_empty() && seen.insert(n.to_lowercase()))
        .collect();
    for seed in 0..2u64 {
        let mut s = generate(seed);
        s.units.clear();
        for n in &distinct {
            s.push_unit(n);
        }
        common::fill(&mut s, &mut Rng::new(seed), 80);
        assert_eq!(round_trip(&s), Vec::<String>::new(), "seed {seed}");
    }
}

#[test]
fn receipts_come_back_through_the_hidden_sheet() {
    use chamdiem::model::Receipt;
    use unicode_normalization::UnicodeNormalization;
    // Names the app can hold that differ by more than case (as above).
    let mut seen = std::collections::HashSet::new();
    let names: Vec<String> = hostile_unit_names()
        .iter()
        .map(|n| n.nfc().collect::<String>())
        .filter(|n| !n.trim().is_empty() && seen.insert(n.to_lowercase()))
        .collect();
    let mut failures = Vec::new();
    for seed in 0..6u64 {
        let mut s = generate(seed);
        if seed == 5 {
            s.units.clear();
            for n in &names {
                s.push_unit(n);
            }
        }
        for (i, u) in s.units.iter_mut().enumerate().filter(|(i, _)| i % 3 != 1) {
            let name = u.name.clone();
            u.receipts = (0..=i % 3)
                .map(|k| Receipt {
                    file: format!("{name} — lần {k}.xlsx"),
                    at: 1_734_681_600_000 + (i * 1000 + k) as u64 * 86_400_123,
                    filled: [i as u32, k as u32, 0],
                })
                .collect();
        }
        assert!(s.units.iter().any(|u| !u.receipts.is_empty()));
        for e in round_trip(&s) {
            failures.push(format!("seed {seed}: {e}"));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn locked_results_print_their_code_on_every_sheet_and_come_back_locked() {
    use chamdiem::model::lock::{fingerprint, lock_op};
    let mut s = generate(3);
    let op = lock_op(&s, Stage::Bloc, "05/12/2026 14:30");
    chamdiem::model::History::default().apply(&mut s, vec![op]);
    let code = s.lock.as_ref().unwrap().fingerprint.clone();
    assert_eq!(code, fingerprint(&s));
    let bytes = xlsx::export(&s).unwrap();
    // Every printed page of every sheet carries the code in its footer,
    // and the summary says it in sight.
    let wb = zip_text(&bytes, "xl/workbook.xml");
    let sheets = wb.matches("<sheet ").count();
    for i in 1..=sheets {
        let xml = zip_text(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        if xml.contains("<oddFooter>") {
            assert!(
                xml.contains(&format!("&amp;RMã kết quả {code}")),
                "sheet{i} footer without the code"
            );
        }
    }
    let shared = zip_text(&bytes, "xl/sharedStrings.xml");
    assert!(shared.contains(&format!("đã chốt lúc 05/12/2026 14:30 · Mã kết quả {code}")));

    // Read back: locked still, with its log.
    let back = xlsx::import(&bytes, &ImportOptions::default())
        .unwrap()
        .sheet;
    assert_eq!(back.lock, s.lock);
    assert_eq!(back.lock_log, s.lock_log);

    // A file whose scores changed after the lock opens unlocked; its log
    // still says it was locked.
    let mut changed = s.clone();
    let tree = chamdiem::model::Tree::new(&changed);
    let pos = (0..changed.nodes.len())
        .find(|&p| tree.is_scoreable(p))
        .unwrap();
    let id = changed.nodes[pos].id;
    let was = changed.units[0].raw(id, Stage::Bloc).to_string();
    changed.units[0].set_raw(id, Stage::Bloc, if was == "0" { "1" } else { "0" });
    let bytes = xlsx::export(&changed).unwrap();
    let back = xlsx::import(&bytes, &ImportOptions::default())
        .unwrap()
        .sheet;
    assert_eq!(back.lock, None);
    assert_eq!(back.lock_log, s.lock_log);
}
