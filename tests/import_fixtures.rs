//! Data-driven: every template in tests/fixtures/ imports and matches its
//! .expect.json; every file in tests/fixtures/bad/ gets the outcome that
//! bad/expect.json names. A new fixture is a new case with no code change.

use chamdiem::model::{Dec, Kind, Stage, Tree};
use chamdiem::xlsx::{self, col_letter, ImportOptions, Role};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn dec(v: &Value) -> Dec {
    Dec::from_f64(v.as_f64().expect("number")).expect("finite")
}

fn role_key(r: Role) -> &'static str {
    match r {
        Role::Stt => "stt",
        Role::Text => "text",
        Role::Max => "max",
        Role::Weight => "weight",
        Role::SelfScore => "self",
        Role::Bloc => "bloc",
        Role::Verify => "verify",
        Role::Note => "note",
    }
}

fn kind_key(k: Kind) -> &'static str {
    match k {
        Kind::Content => "content",
        Kind::Bonus => "bonus",
        Kind::Deduction => "deduction",
    }
}

/// Checks one template against its expectation; returns the failures.
fn check_template(path: &Path, expect: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let bytes = std::fs::read(path).unwrap();
    let imp = match xlsx::import(&bytes, &ImportOptions::default()) {
        Ok(i) => i,
        Err(e) => return vec![format!("import failed: {e}")],
    };
    let s = &imp.sheet;
    let r = &imp.report;
    let mut eq = |what: &str, got: String, want: String| {
        if got != want {
            errs.push(format!("{what}: got {got}, want {want}"));
        }
    };
    eq(
        "sheet",
        r.sheet.clone(),
        expect["sheet"].as_str().unwrap().to_string(),
    );
    eq(
        "header_row",
        r.header_row.to_string(),
        expect["header_row"].to_string(),
    );
    let cols: std::collections::BTreeMap<String, String> = r
        .columns
        .iter()
        .map(|(k, c)| (role_key(*k).to_string(), col_letter(*c)))
        .collect();
    let want_cols: std::collections::BTreeMap<String, String> = expect["columns"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    eq("columns", format!("{cols:?}"), format!("{want_cols:?}"));

    let tree = Tree::new(s);
    let criteria: Vec<_> = s
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| tree.is_scoreable(*i))
        .map(|(_, n)| n)
        .collect();
    let want = expect["criteria"].as_array().unwrap();
    eq(
        "criteria count",
        criteria.len().to_string(),
        want.len().to_string(),
    );
    for (n, w) in criteria.iter().zip(want) {
        let code = w["code"].as_str().unwrap();
        eq(&format!("{code} code"), n.code.clone(), code.to_string());
        let text40: String = n.text.chars().take(40).collect();
        eq(
            &format!("{code} text"),
            text40,
            w["text40"].as_str().unwrap().to_string(),
        );
        eq(
            &format!("{code} max"),
            format!("{:?}", n.max),
            format!("{:?}", Some(dec(&w["max"]))),
        );
        eq(
            &format!("{code} kind"),
            kind_key(n.kind).into(),
            w["kind"].as_str().unwrap().into(),
        );
        let parent = n
            .parent
            .and_then(|p| s.node(p))
            .map(|p| p.code.clone())
            .unwrap_or_default();
        eq(
            &format!("{code} parent"),
            parent,
            w["parent"].as_str().unwrap_or("").into(),
        );
    }
    for (code, m) in expect["section_max"].as_object().unwrap() {
        let pos = s.nodes.iter().position(|n| &n.code == code && !n.guidance);
        let got = pos.and_then(|p| tree.plain_max(p));
        eq(
            &format!("section {code} max"),
            format!("{got:?}"),
            format!("{:?}", Some(dec(m))),
        );
    }
    // Every content section the import found is expected.
    let sections: Vec<String> = tree
        .roots()
        .filter(|&p| tree.kind(p) == Kind::Content && tree.is_section(p))
        .map(|p| s.nodes[p].code.clone())
        .collect();
    let mut want_sections: Vec<String> = expect["section_max"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut got_sections = sections.clone();
    want_sections.sort();
    got_sections.sort();
    eq(
        "sections",
        format!("{got_sections:?}"),
        format!("{want_sections:?}"),
    );
    eq(
        "total_max",
        tree.content_plain_max.to_vi(),
        dec(&expect["total_max"]).to_vi(),
    );
    eq(
        "bonus_max",
        tree.bonus_plain_max.to_vi(),
        dec(&expect["bonus_max"]).to_vi(),
    );
    eq(
        "deduction_max",
        tree.deduction_plain_max.to_vi(),
        dec(&expect["deduction_max"]).to_vi(),
    );
    if let Some(units) = expect.get("units").and_then(|u| u.as_array()) {
        let got: Vec<&str> = s.units.iter().map(|u| u.name.as_str()).collect();
        let want: Vec<&str> = units.iter().map(|u| u.as_str().unwrap()).collect();
        eq("units", format!("{got:?}"), format!("{want:?}"));
    } else {
        eq("units", s.units.len().to_string(), "0".into());
    }
    if let Some(scores) = expect.get("scores").and_then(|v| v.as_object()) {
        for (unit, per) in scores {
            let Some(u) = s.units.iter().find(|u| &u.name == unit) else {
                errs.push(format!("unit {unit} missing"));
                continue;
            };
            for (code, cell) in per.as_object().unwrap() {
                let Some(node) = s.node_by_code(code) else {
                    errs.push(format!("{unit} {code}: criterion missing"));
                    continue;
                };
                for (key, stage) in [
                    ("self", Stage::SelfScore),
                    ("bloc", Stage::Bloc),
                    ("verify", Stage::Verify),
                ] {
                    let got = Dec::parse(u.raw(node.id, stage)).ok().flatten();
                    let want = cell.get(key).map(dec);
                    if got != want {
                        errs.push(format!("{unit} {code} {key}: got {got:?}, want {want:?}"));
                    }
                }
            }
        }
    }
    errs
}

#[test]
fn every_template_matches_its_expectation() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "xlsx" | "xls" | "ods" | "xlsm" | "xlsb") {
            continue;
        }
        let stem = name.rsplit_once('.').unwrap().0;
        let expect_path = fixtures().join(format!("{stem}.expect.json"));
        let expect: Value = serde_json::from_str(
            &std::fs::read_to_string(&expect_path)
                .unwrap_or_else(|_| panic!("{name} has no {stem}.expect.json")),
        )
        .unwrap();
        for e in check_template(&path, &expect) {
            failures.push(format!("{name}: {e}"));
        }
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} templates found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_bad_file_gets_its_outcome() {
    let dir = fixtures().join("bad");
    let expect: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "expect.json" {
            continue;
        }
        seen += 1;
        let Some(want) = expect.get(&name) else {
            failures.push(format!("{name}: not listed in bad/expect.json"));
            continue;
        };
        let bytes = std::fs::read(&path).unwrap();
        let got = xlsx::import(&bytes, &ImportOptions::default());
        match (got, want.get("error").and_then(|e| e.as_str())) {
            (Err(e), Some(code)) => {
                if e.code() != code {
                    failures.push(format!("{name}: error {} ({e}), want {code}", e.code()));
                }
                // Each error has its own message, in Vietnamese.
                assert!(
                    e.message().chars().any(|c| "ệảđơưạ".contains(c)),
                    "{name}: {e}"
                );
            }
            (Ok(_), Some(code)) => failures.push(format!("{name}: imported, want error {code}")),
            (Err(e), None) => failures.push(format!("{name}: error {e}, want ok")),
            (Ok(imp), None) => {
                let ok = &want["ok"];
                let tree = Tree::new(&imp.sheet);
                let n = (0..tree.len()).filter(|&i| tree.is_scoreable(i)).count();
                if Some(n as u64) != ok["criteria"].as_u64() {
                    failures.push(format!("{name}: {n} criteria, want {}", ok["criteria"]));
                }
                if let Some(chars) = ok.get("text_chars").and_then(|v| v.as_u64()) {
                    let longest = imp
                        .sheet
                        .nodes
                        .iter()
                        .map(|n| n.text.chars().count())
                        .max()
                        .unwrap_or(0);
                    if longest as u64 != chars {
                        failures.push(format!("{name}: longest text {longest}, want {chars}"));
                    }
                }
                if let Some(w) = ok.get("warning").and_then(|v| v.as_str()) {
                    if !imp
                        .report
                        .warnings
                        .iter()
                        .any(|x| x.to_string().contains(w))
                    {
                        failures.push(format!("{name}: no warning containing '{w}'"));
                    }
                }
            }
        }
    }
    assert!(seen >= 10);
    // Each error file has a distinct error.
    let codes: Vec<&str> = expect
        .as_object()
        .unwrap()
        .values()
        .filter_map(|v| v.get("error").and_then(|e| e.as_str()))
        .collect();
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "two bad files share an error");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
