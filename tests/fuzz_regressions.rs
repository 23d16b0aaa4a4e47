//! Inputs the fuzzer (make fuzz) found, kept so they stay fixed: each must
//! import to a result or an error, never a panic (not even one the import
//! catches) and never an unbounded allocation. A new file in
//! tests/fixtures/fuzz/ is a new case.

use chamdiem::xlsx::{self, ImportOptions};
use std::sync::atomic::{AtomicUsize, Ordering};

static PANICS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn fuzzer_findings_stay_fixed() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{info}");
        PANICS.fetch_add(1, Ordering::SeqCst);
    }));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(imp) = xlsx::import(&bytes, &ImportOptions::default()) {
            let _ = chamdiem::model::Results::compute(&imp.sheet);
            let _ = xlsx::export::export(&imp.sheet);
        }
        n += 1;
    }
    assert!(n > 0, "no fuzz regression inputs in {}", dir.display());
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a finding panicked again");
}
