//! Paste, fill down, copy and clear on the grid (grid rule 4).

use chamdiem::grid::{Cells, Col, Layout, Refusal, Sel};
use chamdiem::model::{sample::sample, History, Results, Stage};
use std::collections::HashSet;

fn col_of(layout: &Layout, unit: usize, stage: Stage) -> usize {
    layout
        .cols
        .iter()
        .position(
            |c| matches!(c, Col::Score { unit: u, stage: s, .. } if *u == unit && *s == stage),
        )
        .unwrap()
}

#[test]
fn a_pasted_column_over_section_rows_skips_them_as_information() {
    let mut sheet = sample();
    let layout = Layout::new(&sheet, &HashSet::new(), [true, true, true], None);
    let results = Results::compute(&sheet);
    let col = col_of(&layout, 0, Stage::Verify);
    // Twelve rows from section I's own row: sections and guidance between.
    let text: String = (0..12).map(|i| format!("{i}\n")).collect();
    let cells = Cells::new(&sheet, &results.tree, &layout);
    let paste = cells.paste(Sel::one(0, col), &text);
    let takes: Vec<usize> = (0..12).filter(|&r| cells.takes_value((r, col))).collect();
    assert_eq!(paste.skipped, 12 - takes.len());
    assert!(paste.skipped > 0);
    assert_eq!(paste.refused, 0);
    assert_eq!(
        paste.sel,
        Some(Sel {
            anchor: (0, col),
            focus: (11, col)
        })
    );
    History::default().apply(&mut sheet, paste.ops);
    for r in takes {
        let node = sheet.nodes[layout.rows[r]].id;
        assert_eq!(sheet.units[0].raw(node, Stage::Verify), r.to_string());
    }
}

#[test]
fn one_value_fills_the_selection_and_refusals_are_counted_apart() {
    let mut sheet = sample();
    let layout = Layout::new(&sheet, &HashSet::new(), [true, true, true], None);
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    let c0 = col_of(&layout, 0, Stage::SelfScore);
    let sel = Sel {
        anchor: (1, c0),
        focus: (3, c0 + 2),
    };
    let paste = cells.paste(sel, "5");
    assert!(paste.sel.is_none());
    let n = paste.ops.len();
    History::default().apply(&mut sheet, paste.ops);
    let layout2 = layout.clone();
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout2);
    let mut filled = 0;
    for r in 1..=3 {
        for c in c0..=c0 + 2 {
            if cells.takes_value((r, c)) {
                assert_eq!(cells.text((r, c)), "5");
                filled += 1;
            }
        }
    }
    assert_eq!(filled, n);
    // A negative maximum pasted into the max column is refused, not skipped.
    let paste = cells.paste(Sel::one(1, 1), "-3\n4");
    assert_eq!(paste.refused, 1);
    assert!(matches!(paste.first_refusal, Some(Refusal::Input(_))));
}

#[test]
fn fill_down_copy_and_clear() {
    let mut sheet = sample();
    let layout = Layout::new(&sheet, &HashSet::new(), [true, true, true], None);
    let c = col_of(&layout, 1, Stage::Bloc);
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    let rows: Vec<usize> = (0..layout.rows.len())
        .filter(|&r| cells.takes_value((r, c)))
        .take(3)
        .collect();
    let first = rows[0];
    let ops = cells.ops_for((first, c), "3,5").unwrap();
    History::default().apply(&mut sheet, ops);
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    let ops = cells.fill_down(Sel {
        anchor: (first, c),
        focus: (rows[2], c),
    });
    History::default().apply(&mut sheet, ops);
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    for &r in &rows {
        assert_eq!(cells.text((r, c)), "3,5");
    }
    let copied = cells.copy(Sel {
        anchor: (first, c),
        focus: (rows[2], c),
    });
    assert!(copied.starts_with("3,5"));
    let ops = cells.clear(Sel {
        anchor: (first, c),
        focus: (rows[2], c),
    });
    History::default().apply(&mut sheet, ops);
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    for &r in &rows {
        assert_eq!(cells.text((r, c)), "");
    }
}

#[test]
fn the_one_unit_view_has_a_note_column_beside_each_stage() {
    let mut sheet = sample();
    let id = sheet.units[1].id;
    let layout = Layout::new(&sheet, &HashSet::new(), [true, true, false], Some(id));
    let kinds: Vec<&str> = layout.cols[3..]
        .iter()
        .map(|c| match c {
            Col::Score { .. } => "score",
            Col::Note { .. } => "note",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["score", "note", "score", "note"]);
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    let row = (0..layout.rows.len())
        .find(|&r| cells.takes_value((r, 3)))
        .unwrap();
    // Typing in the note column writes the note of that stage, trimmed.
    let ops = cells.ops_for((row, 4), "  Trừ 1 điểm: nộp chậm ").unwrap();
    History::default().apply(&mut sheet, ops);
    let node = sheet.nodes[layout.rows[row]].id;
    let mark = sheet.units[1].mark(node, Stage::SelfScore).unwrap();
    assert_eq!(mark.note, "Trừ 1 điểm: nộp chậm");
    // Section rows take no note.
    let results = Results::compute(&sheet);
    let cells = Cells::new(&sheet, &results.tree, &layout);
    assert_eq!(cells.ops_for((0, 4), "x"), Err(Refusal::Computed));
}
