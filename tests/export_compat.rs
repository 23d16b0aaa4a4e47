//! Exports written by earlier releases still import as what they were
//! made from. tests/fixtures/exports/<commit>-<stem>.xlsx was written by
//! `cargo run --release --example chamdiem -- export` at that commit from
//! the fixture <stem> (tests/fixtures or tests/fixtures/real). A change to
//! the workbook contract (src/xlsx/layout.rs, src/xlsx/words.rs) that
//! makes an earlier export read differently fails here. When a release
//! changes the format, add its exports beside these; never regenerate old
//! ones.

mod common;

use chamdiem::xlsx::{self, ImportOptions};
use common::{differences, fixtures_dir};
use std::path::PathBuf;

fn source(stem: &str) -> PathBuf {
    for dir in [fixtures_dir(), fixtures_dir().join("real")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().map(|x| x.to_string_lossy().to_string());
            if p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                && matches!(ext.as_deref(), Some("xlsx" | "xls" | "ods"))
            {
                return p;
            }
        }
    }
    panic!("no source fixture for {stem}");
}

fn import(path: &PathBuf) -> chamdiem::xlsx::Imported {
    let bytes = std::fs::read(path).unwrap();
    xlsx::import(&bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

#[test]
fn earlier_exports_import_as_what_they_were_made_from() {
    let dir = fixtures_dir().join("exports");
    let mut seen = 0;
    let mut failures = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let Some((_commit, stem)) = name.split_once('-') else {
            continue;
        };
        seen += 1;
        let want = import(&source(stem)).sheet;
        let got = import(&p);
        for d in differences(&want, &got.sheet) {
            failures.push(format!("{name}: {d}"));
        }
        assert!(got.report.problem.is_none(), "{name}");
    }
    assert!(seen >= 4, "exports missing: {seen}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
