//! The export's formulas, recalculated by LibreOffice: every fixture and
//! several generated scoresheets are exported, LibreOffice (headless)
//! recalculates them and saves them again, and every computed cell it
//! wrote (section subtotals, totals per stage, count, final result, summary
//! columns, ranks, classes, the "Thẩm định" comparison's values and
//! differences, the "Lịch sử điều chỉnh" values) must equal the app's own
//! results.
//!
//! LibreOffice trusts the cached values of an .xlsx by default; a throwaway
//! profile sets "recalculate on load: always", and a workbook with wrong
//! cached values proves the recalculation really happens. All files go
//! through one soffice run (each start costs seconds).
//!
//! Needs `soffice` (Debian package libreoffice-calc; `make office`
//! installs it). Without it these tests fail: they never skip.

mod common;

use calamine::{Data, Reader};
use chamdiem::model::Scoresheet;
use chamdiem::xlsx;
use common::{
    assert_no_failures, check_comparison, check_history, check_results, comparison_sheet,
    fixture_sheets, generate, read_back, read_comparison, read_history, Rng,
};
use rust_xlsxwriter::{Formula, Workbook};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Longest a soffice run may take.
const TIMEOUT: Duration = Duration::from_secs(600);
const PROOF: &str = "bang-tinh-sai-ket-qua";

/// Forces recalculation of every formula when LibreOffice loads a file
/// (0 = always; the default trusts the cached values of .xlsx files).
const RECALC_ALWAYS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

struct Batch {
    /// Case name → (scoresheet, workbook as LibreOffice saved it).
    cases: HashMap<String, (Scoresheet, Vec<u8>)>,
    proof: Vec<u8>,
}

/// The scoresheets sent through LibreOffice.
fn cases() -> Vec<(String, Scoresheet)> {
    let mut out = Vec::new();
    for (i, (name, sheet)) in fixture_sheets().into_iter().enumerate() {
        // Each fixture as imported, and scored in every stage with invalid
        // cells and notes (except the 60-unit one, already scored: three
        // more stages of it would cost LibreOffice ten seconds).
        if sheet.units.len() <= 20 {
            let mut scored = sheet.clone();
            if scored.units.is_empty() {
                for n in ["UBND huyện Cẩm Xuyên", "Công an tỉnh", "An", "Tân An"] {
                    scored.push_unit(n);
                }
            }
            common::fill(&mut scored, &mut Rng::new(2000 + i as u64), 85);
            out.push((format!("fixture {name}, scored"), scored));
        }
        out.push((format!("fixture {name}"), sheet));
    }
    for seed in 0..12 {
        let mut s = generate(seed);
        common::fill(&mut s, &mut Rng::new(3000 + seed), 80);
        out.push((format!("generated {seed}"), s));
    }
    // Complete stages: finals under each rule, ranks, classes, ties.
    for seed in 0..12 {
        let mut s = generate(100 + seed);
        common::fill_complete(&mut s, seed);
        out.push((format!("complete {seed}"), s));
    }
    // Known differences: deltas of decimals, an invalid cell, notes, ties.
    out.push(("comparison".into(), comparison_sheet()));
    // And their reasons.
    let mut reasons = comparison_sheet();
    let i1 = reasons.node_by_code("I.1").unwrap().id;
    reasons.units[0].set_note(i1, chamdiem::model::Stage::Bloc, "Thiếu minh chứng");
    out.push(("reasons".into(), reasons));
    out
}

/// A workbook whose cached results are all wrong, using the functions
/// the export uses.
fn proof_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_number(0, 0, 2).unwrap();
    ws.write_number(1, 0, 3).unwrap();
    ws.write_number(0, 1, 5).unwrap();
    ws.write_number(1, 1, 5).unwrap();
    ws.write_number(2, 1, 3).unwrap();
    ws.write_string(0, 4, "chữ").unwrap();
    let formulas = [
        (2, 0, "=SUM(A1:A2)"),
        (0, 2, "=RANK(B3,$B$1:$B$3)"),
        (1, 2, "=RANK(B2,$B$1:$B$3)"),
        (0, 3, "=SUMPRODUCT(A1:A2,B1:B2)"),
        (1, 3, "=IF(COUNTA(A1:A2)>0,\"có\",\"\")"),
        (2, 3, "=N(E1)"),
        (3, 3, "=MIN(1,A3)"),
        (4, 3, "=ROUND(1/3,4)"),
    ];
    for (r, c, f) in formulas {
        ws.write_formula(r, c, Formula::new(f).set_result("999"))
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn soffice_missing() -> ! {
    panic!(
        "LibreOffice is required for these tests and `soffice` was not found on PATH.\n\
         Install it with `make office` (Debian: apt-get install libreoffice-calc)."
    )
}

/// Runs one soffice conversion of every file in `input` into `output`.
fn convert(work: &Path, input: &Path, output: &Path, files: &[PathBuf]) -> Result<(), String> {
    let profile = work.join("profile");
    std::fs::create_dir_all(profile.join("user")).map_err(|e| e.to_string())?;
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        RECALC_ALWAYS,
    )
    .map_err(|e| e.to_string())?;
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore", "--nolockcheck", "--nologo"])
    .args(["--convert-to", "xlsx", "--outdir"])
    .arg(output)
    .args(files)
    .current_dir(input)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => soffice_missing(),
        Err(e) => return Err(format!("soffice: {e}")),
    };
    let start = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(_) => break,
            None if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("soffice took more than {TIMEOUT:?}"));
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let missing: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name())
        .filter(|n| !output.join(n).exists())
        .map(|n| n.to_string_lossy().to_string())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "soffice did not convert {missing:?} (status {}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
        .unwrap_or(false)
}

fn run_batch() -> Result<Batch, String> {
    if !on_path("soffice") {
        soffice_missing();
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let work = std::env::temp_dir().join(format!("chamdiem-lo-{}-{nanos}", std::process::id()));
    let (input, output) = (work.join("in"), work.join("out"));
    std::fs::create_dir_all(&input).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&output).map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    let mut sheets = Vec::new();
    for (i, (name, sheet)) in cases().into_iter().enumerate() {
        let bytes = xlsx::export(&sheet).map_err(|e| format!("{name}: {e}"))?;
        let file = input.join(format!("case-{i:03}.xlsx"));
        std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
        files.push(file);
        sheets.push((name, sheet));
    }
    let proof = input.join(format!("{PROOF}.xlsx"));
    std::fs::write(&proof, proof_workbook()).map_err(|e| e.to_string())?;
    files.push(proof);
    let result = convert(&work, &input, &output, &files).and_then(|()| {
        let read = |n: &str| std::fs::read(output.join(n)).map_err(|e| format!("{n}: {e}"));
        let mut cases = HashMap::new();
        for (i, (name, sheet)) in sheets.into_iter().enumerate() {
            let bytes = read(&format!("case-{i:03}.xlsx"))?;
            cases.insert(name, (sheet, bytes));
        }
        Ok(Batch {
            cases,
            proof: read(&format!("{PROOF}.xlsx"))?,
        })
    });
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn batch() -> &'static Batch {
    static BATCH: OnceLock<Result<Batch, String>> = OnceLock::new();
    match BATCH.get_or_init(run_batch) {
        Ok(b) => b,
        Err(e) => panic!("LibreOffice conversion failed: {e}"),
    }
}

#[test]
fn libreoffice_recalculates_instead_of_trusting_cached_values() {
    let b = batch();
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(&b.proof)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&name).unwrap();
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned();
    let num = |row, col| match at(row, col) {
        Some(Data::Float(f)) => f,
        Some(Data::Int(i)) => i as f64,
        other => panic!("({row}, {col}): {other:?}"),
    };
    assert_eq!(num(2, 0), 5.0, "SUM");
    assert_eq!(num(0, 2), 3.0, "RANK");
    assert_eq!(num(1, 2), 1.0, "RANK of a tie");
    assert_eq!(num(0, 3), 25.0, "SUMPRODUCT");
    assert_eq!(at(1, 3), Some(Data::String("có".into())), "IF/COUNTA");
    assert_eq!(num(2, 3), 0.0, "N of text");
    assert_eq!(num(3, 3), 1.0, "MIN");
    assert_eq!(num(4, 3), 0.3333, "ROUND");
}

fn check(prefix: &str) {
    let b = batch();
    let mut names: Vec<&String> = b.cases.keys().filter(|n| n.starts_with(prefix)).collect();
    names.sort();
    assert!(names.len() >= 9, "only {} cases", names.len());
    let mut failures = Vec::new();
    for name in names {
        let (sheet, bytes) = &b.cases[name];
        for e in check_results(sheet, &read_back(bytes, sheet)) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn fixtures_recalculated_by_libreoffice_match_the_app() {
    check("fixture ");
}

#[test]
fn generated_scoresheets_recalculated_by_libreoffice_match_the_app() {
    check("generated ");
}

#[test]
fn final_results_ranks_and_classes_recalculated_by_libreoffice_match_the_app() {
    check("complete ");
}

#[test]
fn the_comparison_recalculated_by_libreoffice_matches_the_app() {
    let b = batch();
    let mut names: Vec<&String> = b.cases.keys().collect();
    names.sort();
    let mut compared = 0;
    let mut failures = Vec::new();
    for name in names {
        let (sheet, bytes) = &b.cases[name];
        let back = read_comparison(bytes);
        compared += usize::from(back.is_some());
        for e in check_comparison(sheet, back.as_deref()) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(
        compared >= 15,
        "only {compared} workbooks have a comparison"
    );
    assert_no_failures(&failures);
}

#[test]
fn the_history_recalculated_by_libreoffice_matches_the_app() {
    let b = batch();
    let mut names: Vec<&String> = b.cases.keys().collect();
    names.sort();
    let mut listed = 0;
    let mut failures = Vec::new();
    for name in names {
        let (sheet, bytes) = &b.cases[name];
        let back = read_history(bytes);
        listed += usize::from(back.is_some());
        for e in check_history(sheet, back.as_deref()) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(listed >= 15, "only {listed} workbooks have a history");
    assert_no_failures(&failures);
}
