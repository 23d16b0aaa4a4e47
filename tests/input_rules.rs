//! One rule for typed input (`model::input`), whoever takes the text: the
//! grid (typing), the import (a template's cells) and the merge (the
//! files units send back) keep the same score, mark the same ones invalid
//! and take the same weights.

use chamdiem::grid::{Cells, Col, Layout, Refusal};
use chamdiem::model::input::{self, InputError};
use chamdiem::model::{merge, Dec, Op, Results, Scoresheet, Stage};
use chamdiem::xlsx::{self, ImportOptions};
use rust_xlsxwriter::Workbook;
use std::collections::HashSet;

/// Scores as a secretary or a unit may write them, under a maximum of 10.
const TYPED: [&str; 6] = [" 4,5 ", "12", "mười", "3\t", "-1", "7"];

/// A template of one section and one criterion (max 10) per typed score,
/// the scores in Tự chấm as text, and each criterion's weight.
fn book(weights: &[&str]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = ["STT", "Nội dung", "Điểm chuẩn", "Hệ số", "Tự chấm"];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "I").unwrap();
    ws.write_string(1, 1, "Công tác chuyên môn").unwrap();
    for (i, typed) in TYPED.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_number(r, 0, i as f64 + 1.0).unwrap();
        ws.write_string(r, 1, format!("Tiêu chí {}", i + 1))
            .unwrap();
        ws.write_number(r, 2, 10.0).unwrap();
        if let Some(w) = weights.get(i).filter(|w| !w.is_empty()) {
            ws.write_string(r, 3, *w).unwrap();
        }
        ws.write_string(r, 4, *typed).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn imported(weights: &[&str]) -> xlsx::Imported {
    xlsx::import(&book(weights), &ImportOptions::default()).unwrap()
}

/// Criteria positions (not the section), in order.
fn criteria(s: &Scoresheet) -> Vec<usize> {
    (0..s.nodes.len())
        .filter(|&p| s.nodes[p].max.is_some() && s.nodes[p].parent.is_some())
        .collect()
}

#[test]
fn a_score_is_kept_alike_by_typing_importing_and_merging() {
    let imp = imported(&[]);
    let sheet = &imp.sheet;
    let crit = criteria(sheet);
    assert_eq!(crit.len(), TYPED.len());
    let expected: Vec<String> = TYPED.iter().map(|t| input::score(t)).collect();
    assert_eq!(expected[0], " 4,5 ", "kept as typed");

    // The import keeps each as the rule does.
    let unit = &sheet.units[0];
    let got: Vec<&str> = crit
        .iter()
        .map(|&p| unit.raw(sheet.nodes[p].id, Stage::SelfScore))
        .collect();
    assert_eq!(got, expected);

    // Typing each into an empty copy of the template gives the same.
    let mut blank = sheet.clone();
    for &p in &crit {
        let id = blank.nodes[p].id;
        blank.units[0].set_raw(id, Stage::SelfScore, "");
    }
    let layout = Layout::new(&blank, &HashSet::new(), [true, false, false], None);
    let results = Results::compute(&blank);
    let cells = Cells::new(&blank, &results.tree, &layout);
    let col = layout
        .cols
        .iter()
        .position(|c| matches!(c, Col::Score { unit: 0, .. }))
        .unwrap();
    for (&p, typed) in crit.iter().zip(TYPED) {
        let row = layout.rows.iter().position(|&q| q == p).unwrap();
        let ops = cells.ops_for((row, col), typed).unwrap();
        assert!(
            matches!(&ops[..], [Op::SetRaw { raw, .. }] if *raw == input::score(typed)),
            "typing {typed:?}: {ops:?}"
        );
    }

    // Merging a unit's file holding them as typed into the blank copy
    // fills them (without the blanks around, which the merge compares
    // past) and counts as invalid exactly the scores the rule marks.
    let mut file = sheet.clone();
    for (&p, typed) in crit.iter().zip(TYPED) {
        let id = file.nodes[p].id;
        file.units[0].set_raw(id, Stage::SelfScore, typed);
    }
    let plan = merge::plan(&blank, &[("don-vi.xlsx".to_string(), file)]);
    let filled: Vec<String> = crit
        .iter()
        .filter_map(|&p| {
            plan.fills
                .iter()
                .find(|f| f.node == blank.nodes[p].id)
                .map(|f| f.raw.clone())
        })
        .collect();
    let trimmed: Vec<&str> = expected.iter().map(|e| e.trim()).collect();
    assert_eq!(filled, trimmed);
    let invalid = expected
        .iter()
        .filter(|raw| input::score_error(raw, Some(Dec::from_int(10))).is_some())
        .count();
    assert_eq!(invalid, 3, "12 above 10, mười, -1");
    let line = &plan.files[0].units[0];
    assert_eq!(line.invalid.len(), invalid);
}

#[test]
fn a_weight_the_grid_refuses_is_not_imported_either() {
    let weights = ["1,5", "0", "-2", "", "0,5", "x"];
    let imp = imported(&weights);
    let sheet = &imp.sheet;
    let crit = criteria(sheet);
    for (&p, typed) in crit.iter().zip(weights) {
        let got = sheet.nodes[p].weight;
        match input::weight(typed) {
            Ok(w) => assert_eq!(got, w, "weight {typed:?}"),
            // Refused when typed; from a file it is left out (weight 1).
            Err(_) => assert_eq!(got, Dec::ONE, "weight {typed:?}"),
        }
    }
    let said: Vec<String> = imp.report.warnings.iter().map(|w| w.to_string()).collect();
    for w in ["hệ số 0 không dùng được", "hệ số -2 không dùng được"] {
        assert!(said.iter().any(|s| s.contains(w)), "{w} in {said:?}");
    }
    // The grid refuses the same two when typed.
    let layout = Layout::new(sheet, &HashSet::new(), [true, false, false], None);
    let results = Results::compute(sheet);
    let cells = Cells::new(sheet, &results.tree, &layout);
    let row = layout.rows.iter().position(|&q| q == crit[0]).unwrap();
    for typed in ["0", "-2"] {
        assert_eq!(
            cells.ops_for((row, 2), typed),
            Err(Refusal::Input(InputError::WeightPositive))
        );
    }
}
