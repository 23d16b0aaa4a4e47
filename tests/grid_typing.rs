//! Typing a paper column as a secretary does: each value, then Enter (or
//! Tab across units). Every value must land in the next criterion that
//! takes a score, in order, whatever section totals, guidance lines,
//! bonus and deduction sections lie between (grid rules 1–3).

use chamdiem::grid::{Cells, Dir, Layout, Refusal, Sel};
use chamdiem::model::{sample::sample, History, Results, Scoresheet, Stage};
use std::collections::HashSet;

/// The grid as the page holds it: sheet, history, layout, selection.
struct Desk {
    sheet: Scoresheet,
    history: History,
    layout: Layout,
    sel: Sel,
}

impl Desk {
    fn new(sheet: Scoresheet) -> Desk {
        let layout = Layout::new(&sheet, &HashSet::new(), [true, true, true], None);
        Desk {
            sheet,
            history: History::default(),
            layout,
            sel: Sel::one(0, 0),
        }
    }

    /// Clicks a cell.
    fn click(&mut self, at: (usize, usize)) {
        self.sel = Sel::one(at.0, at.1);
    }

    /// Types `text` then presses a key that commits and moves.
    fn type_then(&mut self, text: &str, dir: Dir) -> Result<(), Refusal> {
        let results = Results::compute(&self.sheet);
        let cells = Cells::new(&self.sheet, &results.tree, &self.layout);
        let (ops, sel) = cells.enter(self.sel, Some(text), dir)?;
        self.history.apply(&mut self.sheet, ops);
        self.sel = sel;
        Ok(())
    }

    fn col_of(&self, unit: usize, stage: Stage) -> usize {
        self.layout
            .cols
            .iter()
            .position(|c| matches!(c, chamdiem::grid::Col::Score { unit: u, stage: s, .. } if *u == unit && *s == stage))
            .unwrap()
    }

    /// Node positions that take a score, in tree order.
    fn scoreable(&self) -> Vec<usize> {
        let results = Results::compute(&self.sheet);
        (0..self.sheet.nodes.len())
            .filter(|&p| results.tree.is_scoreable(p))
            .collect()
    }
}

#[test]
fn a_column_typed_with_enter_lands_in_order_in_every_scoreable_criterion() {
    let mut desk = Desk::new(sample());
    let scoreable = desk.scoreable();
    // The sample has sections, guidance lines, bonus and deduction rows.
    let kinds: HashSet<_> = desk.sheet.nodes.iter().map(|n| n.kind).collect();
    assert!(kinds.len() == 3 && desk.sheet.nodes.iter().any(|n| n.guidance));
    assert!(scoreable.len() < desk.sheet.nodes.len());
    let unit = 2;
    let col = desk.col_of(unit, Stage::Bloc);
    // She clicks the first criterion's cell (row 1: row 0 is section I).
    let first = desk
        .layout
        .rows
        .iter()
        .position(|p| *p == scoreable[0])
        .unwrap();
    desk.click((first, col));
    let values: Vec<String> = (0..scoreable.len())
        .map(|i| format!("{},{}", i % 7, i % 4 * 25))
        .collect();
    for v in &values {
        desk.type_then(v, Dir::Down).unwrap();
    }
    let u = &desk.sheet.units[unit];
    for (pos, v) in scoreable.iter().zip(&values) {
        let id = desk.sheet.nodes[*pos].id;
        assert_eq!(
            u.raw(id, Stage::Bloc),
            v,
            "criterion {}",
            desk.sheet.nodes[*pos].code
        );
    }
    // Nothing went to a section or guidance row.
    for (pos, n) in desk.sheet.nodes.iter().enumerate() {
        if !scoreable.contains(&pos) {
            assert_eq!(u.raw(n.id, Stage::Bloc), "", "{}", n.code);
        }
    }
    // The last Enter had nowhere further down to go: the selection stays.
    let last = desk
        .layout
        .rows
        .iter()
        .position(|p| p == scoreable.last().unwrap())
        .unwrap();
    assert_eq!(desk.sel.focus, (last, col));
}

#[test]
fn shift_enter_goes_back_up_over_the_same_rows() {
    let mut desk = Desk::new(sample());
    let scoreable = desk.scoreable();
    let col = desk.col_of(0, Stage::SelfScore);
    let last = desk
        .layout
        .rows
        .iter()
        .position(|p| p == scoreable.last().unwrap())
        .unwrap();
    desk.click((last, col));
    for i in 0..scoreable.len() {
        desk.type_then(&i.to_string(), Dir::Up).unwrap();
    }
    let u = &desk.sheet.units[0];
    for (i, pos) in scoreable.iter().rev().enumerate() {
        assert_eq!(
            u.raw(desk.sheet.nodes[*pos].id, Stage::SelfScore),
            i.to_string()
        );
    }
}

#[test]
fn a_row_typed_with_tab_goes_across_units_and_stages() {
    let mut desk = Desk::new(sample());
    let scoreable = desk.scoreable();
    let row = desk
        .layout
        .rows
        .iter()
        .position(|p| *p == scoreable[3])
        .unwrap();
    let first = desk.col_of(0, Stage::SelfScore);
    desk.click((row, first));
    let n = desk.layout.cols.len() - first;
    for i in 0..n {
        desk.type_then(&format!("{i}"), Dir::Right).unwrap();
    }
    let id = desk.sheet.nodes[scoreable[3]].id;
    let mut i = 0;
    for u in &desk.sheet.units {
        for st in Stage::ALL {
            assert_eq!(u.raw(id, st), i.to_string());
            i += 1;
        }
    }
}

#[test]
fn typing_on_a_section_total_is_refused_and_moves_nothing() {
    let mut desk = Desk::new(sample());
    let col = desk.col_of(1, Stage::Bloc);
    desk.click((0, col)); // section I's total
    let before = desk.sheet.clone();
    assert_eq!(desk.type_then("7", Dir::Down), Err(Refusal::Computed));
    assert_eq!(desk.sel, Sel::one(0, col));
    assert_eq!(desk.sheet, before);
    // A guidance line the same.
    let g = desk.sheet.nodes.iter().position(|n| n.guidance).unwrap();
    let r = desk.layout.rows.iter().position(|p| *p == g).unwrap();
    desk.click((r, col));
    assert_eq!(desk.type_then("7", Dir::Down), Err(Refusal::Computed));
}

#[test]
fn a_bad_maximum_is_refused_with_its_reason_and_kept() {
    let mut desk = Desk::new(sample());
    let scoreable = desk.scoreable();
    let row = desk
        .layout
        .rows
        .iter()
        .position(|p| *p == scoreable[0])
        .unwrap();
    desk.click((row, 1));
    assert!(matches!(
        desk.type_then("-2", Dir::Down),
        Err(Refusal::Input(_))
    ));
    assert_eq!(desk.sel, Sel::one(row, 1));
    desk.type_then("7,5", Dir::Down).unwrap();
    assert_eq!(
        desk.sheet.nodes[scoreable[0]].max,
        Some(chamdiem::model::Dec::from_hundredths(750))
    );
}

#[test]
fn an_imported_template_is_typed_the_same_way() {
    // A template written by another program (xlsxwriter, 4-level header).
    let bytes = std::fs::read("tests/fixtures/02-xlsxwriter-tieu-de-4-cap.xlsx").unwrap();
    let mut sheet = chamdiem::xlsx::import(&bytes, &Default::default())
        .unwrap()
        .sheet;
    if sheet.units.is_empty() {
        sheet.push_unit("UBND huyện Hương Khê");
    }
    let mut desk = Desk::new(sheet);
    let scoreable = desk.scoreable();
    assert!(scoreable.len() >= 5);
    let col = desk.col_of(0, Stage::SelfScore);
    let first = desk
        .layout
        .rows
        .iter()
        .position(|p| *p == scoreable[0])
        .unwrap();
    desk.click((first, col));
    for i in 0..scoreable.len() {
        desk.type_then(&format!("{}", i + 1), Dir::Down).unwrap();
    }
    for (i, pos) in scoreable.iter().enumerate() {
        let id = desk.sheet.nodes[*pos].id;
        assert_eq!(
            desk.sheet.units[0].raw(id, Stage::SelfScore),
            (i + 1).to_string()
        );
    }
}

#[test]
fn locked_results_refuse_typing_paste_fill_and_clear_but_still_move() {
    use chamdiem::model::lock::lock_op;
    let mut desk = Desk::new(sample());
    let scoreable = desk.scoreable();
    let col = desk.col_of(1, Stage::Bloc);
    let first = desk
        .layout
        .rows
        .iter()
        .position(|p| *p == scoreable[0])
        .unwrap();
    desk.click((first, col));
    desk.type_then("7", Dir::Down).unwrap();
    let op = lock_op(&desk.sheet, Stage::Bloc, "02/12/2026 08:00");
    desk.history.apply(&mut desk.sheet, vec![op]);
    assert!(desk.sheet.lock.is_some());
    let before = desk.sheet.clone();

    // Typing: refused where she is, before and after typing; nothing moves.
    desk.click((first, col));
    let results = Results::compute(&desk.sheet);
    let cells = Cells::new(&desk.sheet, &results.tree, &desk.layout);
    assert_eq!(cells.entry_refusal((first, col)), Some(Refusal::Locked));
    assert_eq!(desk.type_then("9", Dir::Down), Err(Refusal::Locked));
    assert_eq!(desk.sel.focus, (first, col));

    // Paste, fill and clear make nothing to apply.
    let results = Results::compute(&desk.sheet);
    let cells = Cells::new(&desk.sheet, &results.tree, &desk.layout);
    let paste = cells.paste(Sel::one(first, col), "1\n2\n3");
    assert!(paste.ops.is_empty());
    assert_eq!(paste.first_refusal, Some(Refusal::Locked));
    let block = Sel {
        anchor: (first, col),
        focus: (first + 3, col),
    };
    assert!(cells.fill_down(block).is_empty());
    assert!(cells.clear(block).is_empty());
    // Moving still works: the results can be read and copied.
    assert_ne!(cells.next((first, col), Dir::Down), (first, col));
    assert!(cells.copy(Sel::one(first, col)).contains('7'));
    assert_eq!(desk.sheet, before);
}
