//! The where-am-I line above the grid (as a spreadsheet's formula bar):
//! the active cell's unit and stage, criterion, maximum and weight, and
//! the text being typed or the cell's value with its error; for a footer
//! total, what it is made of and why it is not ranked yet.

use super::cells::Cells;
use super::layout::Col;
use crate::model::{input, Dec, Results, Scoresheet, Stage};
use crate::strings as t;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WhereLine {
    /// "Cẩm Xuyên · Tự chấm", or the column's name.
    pub who: String,
    /// "I.1.2 Criterion text".
    pub what: String,
    /// "Điểm chuẩn 2 × Hệ số 1,5", when the row has a maximum.
    pub max: Option<String>,
    /// The text (being typed, or in the cell), with its error.
    pub val: String,
    /// The value is not counted (invalid).
    pub bad: bool,
}

impl Cells<'_> {
    /// The line for the cell at `at`; `draft` is the editor's text while
    /// the cell is edited (shown as typed, not judged yet).
    pub fn where_line(&self, at: (usize, usize), draft: Option<&str>) -> Option<WhereLine> {
        let tg = self.target(at)?;
        let s = self.sheet;
        let n = &s.nodes[tg.pos];
        let unit = |u: usize| s.units.get(u).map(|u| u.short_name().into_owned());
        let who = match tg.col {
            Col::Score { unit: u, stage, .. } => {
                format!("{} · {}", unit(u)?, t::stage_name(stage))
            }
            Col::Note { unit: u, stage, .. } => {
                format!("{} · {} ({})", unit(u)?, t::COL_NOTE, t::stage_name(stage))
            }
            Col::Text => t::COL_TEXT.to_string(),
            Col::Max => t::COL_MAX.to_string(),
            Col::Weight => t::COL_WEIGHT.to_string(),
        };
        let max = n.max.map(|m| {
            if n.weight == Dec::ONE {
                format!("{} {}", t::COL_MAX, m.to_vi())
            } else {
                format!(
                    "{} {} × {} {}",
                    t::COL_MAX,
                    m.to_vi(),
                    t::COL_WEIGHT,
                    n.weight.to_vi()
                )
            }
        });
        let text = match draft {
            Some(d) => d.to_string(),
            None => self.text(at),
        };
        let why = match (tg.col, draft) {
            (Col::Score { .. }, None) => {
                input::score_error(&text, n.max).map(|e| t::cell_error(&e))
            }
            _ => None,
        };
        Some(WhereLine {
            who,
            what: format!("{} {}", n.code, n.text),
            max,
            bad: why.is_some(),
            val: match why {
                Some(w) => format!("“{text}” — {w}"),
                None => text,
            },
        })
    }

    /// The editor's accessible name over the cell at `at`: "Unit name ·
    /// I.1.2 · Tự chấm", as the cell's own label.
    pub fn label(&self, at: (usize, usize)) -> String {
        let Some(tg) = self.target(at) else {
            return String::new();
        };
        let s = self.sheet;
        let n = &s.nodes[tg.pos];
        let name = |u: usize| s.units.get(u).map(|u| u.name.as_str()).unwrap_or_default();
        match tg.col {
            Col::Score { unit, stage, .. } => {
                format!("{} · {} · {}", name(unit), n.code, t::stage_name(stage))
            }
            Col::Note { unit, stage, .. } => format!(
                "{} · {} · {} {}",
                name(unit),
                n.code,
                t::COL_NOTE,
                t::stage_name(stage)
            ),
            Col::Text => format!("{} · {}", n.code, t::COL_TEXT),
            Col::Max => format!("{} · {}", n.code, t::COL_MAX),
            Col::Weight => format!("{} · {}", n.code, t::COL_WEIGHT),
        }
    }
}

/// The line for a unit's total in a stage (a footer cell clicked): the
/// total, the maximum it is out of, and the whole explanation that the
/// 96 px cell only marks ("chưa đủ 12/14").
pub fn footer_line(
    sheet: &Scoresheet,
    results: &Results,
    unit: usize,
    stage: Stage,
) -> Option<WhereLine> {
    let u = sheet.units.get(unit)?;
    let r = results.units.get(unit)?.stage(stage);
    Some(WhereLine {
        who: format!("{} · {}", u.short_name(), t::stage_name(stage)),
        what: t::ROW_TOTAL.to_string(),
        max: Some(format!(
            "{} {}",
            t::COL_MAX,
            t::max_text(results.tree.shown_total_max())
        )),
        val: t::footer_total_parts(r).full,
        bad: r.invalid > 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Layout;
    use crate::model::sample::sample;
    use std::collections::HashSet;

    fn at_code(sheet: &Scoresheet, layout: &Layout, code: &str) -> usize {
        let pos = sheet.nodes.iter().position(|n| n.code == code);
        layout
            .rows
            .iter()
            .position(|&p| Some(p) == pos)
            .expect("code shown")
    }

    #[test]
    fn the_line_names_unit_stage_criterion_and_the_error_of_an_invalid_score() {
        let mut sheet = sample();
        let layout = Layout::new(&sheet, &HashSet::new(), [true, false, false], None);
        let pos = sheet
            .nodes
            .iter()
            .position(|n| n.max.is_some() && n.weight == Dec::ONE)
            .expect("a scored criterion");
        let (id, code, max) = {
            let n = &sheet.nodes[pos];
            (n.id, n.code.clone(), n.max.unwrap_or(Dec::ZERO))
        };
        sheet.units[0].set_raw(id, Stage::SelfScore, "-1");
        let results = Results::compute(&sheet);
        let cells = Cells::new(&sheet, &results.tree, &layout);
        let r = at_code(&sheet, &layout, &code);
        let line = cells.where_line((r, 3), None).expect("a line");
        assert_eq!(
            line.who,
            format!("{} · Tự chấm", sheet.units[0].short_name())
        );
        assert!(line.what.starts_with(&format!("{code} ")));
        assert_eq!(line.max, Some(format!("Điểm chuẩn {}", max.to_vi())));
        assert!(line.bad);
        assert_eq!(line.val, "“-1” — Điểm không được âm");
        // While typing, the draft shows as typed, not judged.
        let typing = cells.where_line((r, 3), Some("-")).expect("a line");
        assert_eq!((typing.val.as_str(), typing.bad), ("-", false));
        assert_eq!(
            cells.label((r, 3)),
            format!("{} · {code} · Tự chấm", sheet.units[0].name)
        );
        assert_eq!(cells.label((r, 1)), format!("{code} · Điểm chuẩn"));
        assert_eq!(cells.where_line((r, 99), None), None);
    }

    #[test]
    fn a_footer_total_explains_what_its_cell_only_marks() {
        let mut sheet = sample();
        let results = Results::compute(&sheet);
        let scoreable: Vec<_> = (0..sheet.nodes.len())
            .filter(|&p| results.tree.is_scoreable(p))
            .map(|p| sheet.nodes[p].id)
            .collect();
        assert!(!scoreable.is_empty());
        for u in &mut sheet.units {
            for st in Stage::ALL {
                for &id in &scoreable {
                    u.set_raw(id, st, "");
                }
            }
        }
        sheet.units[0].set_raw(scoreable[0], Stage::Bloc, "1");
        let results = Results::compute(&sheet);
        let line = footer_line(&sheet, &results, 0, Stage::Bloc).expect("a line");
        let r = results.units[0].stage(Stage::Bloc);
        assert!(r.counted < r.criteria, "scored in part");
        assert_eq!(line.what, "TỔNG ĐIỂM");
        assert_eq!(
            line.val,
            format!(
                "Tổng 1 chưa đủ: còn {}/{} tiêu chí chưa có điểm. Chưa xếp hạng, xếp loại đến khi đủ.",
                r.criteria - r.counted,
                r.criteria
            )
        );
        assert!(!line.bad);
        let none = footer_line(&sheet, &results, 0, Stage::Verify).expect("a line");
        assert_eq!(none.val, "Chưa chấm giai đoạn này.");
        assert_eq!(footer_line(&sheet, &results, 99, Stage::Verify), None);
    }
}
