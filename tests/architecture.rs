//! The house's walls, checked on the source: the domain (`src/model`)
//! imports nothing above it, the file layer (`src/xlsx`), the grid's rules
//! (`src/grid`) and the save protocol (`src/store`) know no web types and
//! no UI, and no two files of a layer import each other, directly or
//! around a circle (a folder counts as one file of its layer, and its own
//! files are checked among themselves). Test modules (`#[cfg(test)]` onwards) are not looked at.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const WEB: [&str; 5] = ["web_sys", "js_sys", "leptos", "wasm_bindgen", "gloo"];

/// (layer, what it may use of the crate besides itself).
const LAYERS: [(&str, &[&str]); 5] = [
    ("model", &[]),
    // The dossier's documents: the results, their words, the workbook's
    // words and its zip writer.
    ("docx", &["model", "strings", "xlsx"]),
    // The where-am-I line's words are Vietnamese text (strings.rs).
    ("grid", &["model", "strings"]),
    ("xlsx", &["model", "strings"]),
    ("store", &["model", "xlsx"]),
];

/// Files allowed web types: the browser's own storage, and the browser's
/// own NFC on wasm32 (issue #21: 53 KB brotli less worker than
/// unicode-normalization's tables; native code there still uses them).
const WEB_FILES: [&str; 2] = ["src/store/local.rs", "src/xlsx/nfc.rs"];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The code of a file up to its tests, without comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every `crate::<name>` named in the code.
fn crate_uses(code: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + 7..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            set.insert(name);
        }
    }
    // `use crate::{model, strings}`
    for (i, _) in code.match_indices("crate::{") {
        let rest = &code[i + 8..];
        let inner = &rest[..rest.find('}').unwrap_or(0)];
        for part in inner.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                set.insert(name);
            }
        }
    }
    set
}

#[test]
fn layers_import_only_what_is_below_them_and_no_web_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for (layer, allowed) in LAYERS {
        for f in files(&root.join("src").join(layer)) {
            let rel = f.strip_prefix(root).unwrap().to_string_lossy().to_string();
            let code = code(&f);
            for used in crate_uses(&code) {
                if used != layer && !allowed.contains(&used.as_str()) {
                    wrong.push(format!("{rel} uses crate::{used}"));
                }
            }
            if !WEB_FILES.contains(&rel.as_str()) {
                for w in WEB {
                    if code.contains(&format!("{w}::")) {
                        wrong.push(format!("{rel} uses {w}"));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The names in `names` that `code` imports through one of `prefixes`
/// (`super::x`, `crate::layer::x`).
fn siblings(code: &str, prefixes: &[String], names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in prefixes {
        for (i, _) in code.match_indices(p.as_str()) {
            let rest = &code[i + p.len()..];
            let mut names_here = Vec::new();
            if let Some(inner) = rest.strip_prefix('{') {
                let inner = &inner[..inner.find('}').unwrap_or(0)];
                names_here.extend(inner.split(',').map(|s| s.trim().to_string()));
            } else {
                names_here.push(rest.to_string());
            }
            for n in names_here {
                let n: String = n
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if names.contains(&n) {
                    out.insert(n);
                }
            }
        }
    }
    out
}

/// The circles among the files and folders of the module folder `dir`
/// (module path `path`, as `xlsx::export`), then inside each folder. A
/// folder imports what its mod.rs imports (where `super::` is `dir`) and
/// what any file below it names by its `crate::` path.
fn circles_in(dir: &Path, path: &str, circles: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    // (name, code where `super::` is `dir`, code naming `dir` only by path)
    let mut nodes: Vec<(String, String, String)> = Vec::new();
    for p in entries {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            let mod_rs = p.join("mod.rs");
            let own = if mod_rs.exists() {
                code(&mod_rs)
            } else {
                String::new()
            };
            let below: String = files(&p)
                .iter()
                .filter(|f| **f != mod_rs)
                .map(|f| code(f))
                .collect();
            circles_in(&p, &format!("{path}::{name}"), circles);
            nodes.push((name, own, below));
        } else if p.extension().is_some_and(|x| x == "rs") && name != "mod" {
            nodes.push((name, code(&p), String::new()));
        }
    }
    let names: BTreeSet<String> = nodes.iter().map(|n| n.0.clone()).collect();
    let by_path = format!("crate::{path}::");
    let edges: BTreeMap<String, BTreeSet<String>> = nodes
        .iter()
        .map(|(me, own, below)| {
            let mut to = siblings(own, &["super::".to_string(), by_path.clone()], &names);
            to.extend(siblings(below, std::slice::from_ref(&by_path), &names));
            to.remove(me);
            (me.clone(), to)
        })
        .collect();
    // A circle: a file reachable from one of the files it imports.
    let shown = path.replace("::", "/");
    for (from, tos) in &edges {
        for to in tos {
            let mut seen = BTreeSet::new();
            let mut stack = vec![to.clone()];
            while let Some(n) = stack.pop() {
                if !seen.insert(n.clone()) {
                    continue;
                }
                if n == *from {
                    circles.push(format!("src/{shown}: {from} → {to} → … → {from}"));
                    break;
                }
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
    }
}

#[test]
fn no_two_files_of_a_layer_import_each_other_around_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut circles = Vec::new();
    for layer in ["model", "xlsx", "docx", "grid", "store"] {
        circles_in(&root.join("src").join(layer), layer, &mut circles);
    }
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}
