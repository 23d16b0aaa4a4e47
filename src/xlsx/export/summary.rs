//! The summary sheet ("Tổng hợp"): one row per unit, its content
//! sections, bonus, deduction, total, rank and class as formulas on the
//! unit sheets.

use super::error::ExportError;
use super::form::{Form, W_STT};
use super::styles::Styles;
use super::writer::{
    abs_cell, cell, cell_text, fit_row, line_count, national_header, page_setup, quoted, sheet_ref,
    signature, Cached, ColNum, Out, RowNum, HEAD_ROW,
};
use crate::model::classes::{self, section_threshold};
use crate::model::{Dec, Kind, Scoresheet, Tie};
use crate::strings as t;
use crate::xlsx::words;
use rust_xlsxwriter::Worksheet;

/// Excel nests functions at most 64 deep, and a band's formula nests two
/// levels per band below it (bounds, then conditions); beyond this many
/// classes the classification is written as a value.
const MAX_CLASSES: usize = 20;

const W_NAME: f64 = 32.0;
/// A section's column: its code, name and maximum, wrapped.
const W_SECTION: f64 = 14.0;
const W_NUM: f64 = 10.0;
const W_CLASS: f64 = 14.0;
const W_BASIS: f64 = 30.0;

/// The summary sheet: the title block, headers with the maxima a unit can
/// reach, one row per unit (its sections, bonus, deduction and total read
/// from its sheet, its rank and class), then the signature.
pub(super) fn write_summary<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    st: &'s Styles,
) -> Result<(), ExportError> {
    let summary = Summary::new(form, names);
    let wide = summary.set_widths(o.ws)? * 12.0 / 13.0;
    summary.write_title(o, wide, st)?;
    summary.write_head(o, st)?;
    for ui in 0..names.len() {
        summary.write_unit(o, ui, st)?;
    }
    let c = &summary.cols;
    signature(
        o,
        &form.sheet.face,
        summary.last_row + 2,
        c.total,
        c.basis,
        st,
    )
}

/// Columns of the summary sheet: STT, the unit, one per top-level content
/// section, then bonus, deduction, total, rank, class and basis.
struct SummaryCols {
    first_sec: ColNum,
    bonus: ColNum,
    ded: ColNum,
    total: ColNum,
    rank: ColNum,
    /// The rank as the app says it: "Nhất", "Nhì"…
    rank_word: ColNum,
    class: ColNum,
    basis: ColNum,
}

/// What every row of the summary shares.
struct Summary<'f, 'a> {
    form: &'f Form<'a>,
    names: &'f [String],
    /// The top-level content sections, one column each.
    sections: Vec<usize>,
    cols: SummaryCols,
    has_classes: bool,
    first_row: RowNum,
    last_row: RowNum,
    /// The total column's range, for RANK.
    totals: String,
    /// The bands in [`classes::sorted`] order.
    order: Vec<usize>,
    ties: Vec<Vec<Tie>>,
}

impl<'f, 'a> Summary<'f, 'a> {
    fn new(form: &'f Form<'a>, names: &'f [String]) -> Self {
        let sheet = form.sheet;
        let tree = form.tree();
        let sections: Vec<usize> = tree.content_sections().collect();
        let first_sec: ColNum = 2;
        let k = sections.len() as ColNum;
        let cols = SummaryCols {
            first_sec,
            bonus: first_sec + k,
            ded: first_sec + k + 1,
            total: first_sec + k + 2,
            rank: first_sec + k + 3,
            rank_word: first_sec + k + 4,
            class: first_sec + k + 5,
            basis: first_sec + k + 6,
        };
        let first_row = HEAD_ROW + 1;
        let last_row = first_row + names.len().saturating_sub(1) as RowNum;
        let totals = format!(
            "{}:{}",
            abs_cell(first_row, cols.total),
            abs_cell(last_row, cols.total)
        );
        Summary {
            form,
            names,
            sections,
            cols,
            has_classes: !sheet.classes.is_empty(),
            first_row,
            last_row,
            totals,
            order: classes::sorted(&sheet.classes),
            ties: form.res.ties(None),
        }
    }

    /// Sets the column widths (the class column hidden without bands);
    /// returns the width shown, in characters.
    fn set_widths(&self, ws: &mut Worksheet) -> Result<f64, ExportError> {
        let c = &self.cols;
        let k = self.sections.len() as ColNum;
        ws.set_column_width(0, W_STT)?;
        ws.set_column_width(1, W_NAME)?;
        for i in 0..k {
            ws.set_column_width(c.first_sec + i, W_SECTION)?;
        }
        for col in [c.bonus, c.ded, c.total, c.rank, c.rank_word] {
            ws.set_column_width(col, W_NUM)?;
        }
        // A table without bonus or deduction items: no empty columns for
        // them (the formulas stay, hidden, for the class conditions).
        let has = |k: Kind| self.form.sheet.nodes.iter().any(|n| n.kind == k);
        if !has(Kind::Bonus) {
            ws.set_column_hidden(c.bonus)?;
        }
        if !has(Kind::Deduction) {
            ws.set_column_hidden(c.ded)?;
        }
        ws.set_column_width(c.class, W_CLASS)?;
        ws.set_column_width(c.basis, W_BASIS)?;
        if !self.has_classes {
            // No bands: no classification to show.
            ws.set_column_hidden(c.class)?;
        }
        Ok(W_STT
            + W_NAME
            + k as f64 * W_SECTION
            + 5.0 * W_NUM
            + if self.has_classes { W_CLASS } else { 0.0 }
            + W_BASIS)
    }

    /// The page, the national header, the title, the scoresheet's title
    /// and the final rule, over `wide` characters of 13-point text.
    fn write_title<'s>(
        &self,
        o: &mut Out<'_, 's>,
        wide: f64,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let sheet = self.form.sheet;
        let last = self.cols.basis;
        page_setup(o.ws, sheet, true, true)?;
        national_header(o, &sheet.face, (1, last), W_STT + W_NAME, st)?;
        o.merged(3, 0, last, words::EXPORT_SUMMARY_TITLE, &st.heading)?;
        o.merged(4, 0, last, &sheet.title, &st.subheading)?;
        fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
        let mut rule_note = t::export_summary_note(self.form.res.rule);
        // Which version this is, in sight as well as in the page footer.
        if let Some(lock) = &sheet.lock {
            rule_note.push('\n');
            rule_note.push_str(&words::export_lock_line(lock));
        }
        o.merged(5, 0, last, &rule_note, &st.note_italic)?;
        fit_row(o.ws, 5, line_count(&rule_note, wide, false), 13.0)
    }

    /// Headers with the maxima a unit can reach (rule 5 of `calc`).
    fn write_head<'s>(&self, o: &mut Out<'_, 's>, st: &'s Styles) -> Result<(), ExportError> {
        let sheet = self.form.sheet;
        let tree = self.form.tree();
        let c = &self.cols;
        let r = HEAD_ROW;
        o.text(r, 0, words::EXPORT_COL_STT, &st.head)?;
        o.text(r, 1, words::EXPORT_COL_UNIT, &st.head)?;
        let mut heads: Vec<(ColNum, String, f64)> = Vec::new();
        for (i, &p) in self.sections.iter().enumerate() {
            let node = &sheet.nodes[p];
            let head = t::section_head(node, tree.shown_max(p));
            heads.push((c.first_sec + i as ColNum, head, W_SECTION));
        }
        let bonus = crate::model::ShownMax {
            max: tree.bonus_max,
            raw: None,
        };
        heads.push((c.bonus, t::with_max(words::EXPORT_COL_BONUS, bonus), W_NUM));
        heads.push((c.ded, words::EXPORT_COL_DEDUCTION.to_string(), W_NUM));
        heads.push((
            c.total,
            t::with_max(t::COL_TOTAL, tree.shown_total_max()),
            W_NUM,
        ));
        heads.push((c.rank, t::COL_RANK.to_string(), W_NUM));
        heads.push((c.rank_word, words::EXPORT_COL_RANK_WORD.to_string(), W_NUM));
        heads.push((c.class, t::COL_CLASS.to_string(), W_CLASS));
        heads.push((c.basis, t::COL_BASIS.to_string(), W_BASIS));
        let mut head_lines = 1;
        for (col, head, w) in &heads {
            o.text(r, *col, head, &st.head)?;
            head_lines = head_lines.max(line_count(head, *w, true));
        }
        fit_row(o.ws, r, head_lines, 12.0)
    }

    /// Unit `ui`'s row: its name, then formulas on its sheet (blank until
    /// its final is complete), its rank, class and the basis of its final.
    fn write_unit<'s>(
        &self,
        o: &mut Out<'_, 's>,
        ui: usize,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let form = self.form;
        let (sheet, tree, res) = (form.sheet, form.tree(), form.res);
        let c = &self.cols;
        let fin_col = form.cols.fin;
        let row = self.first_row + ui as RowNum;
        let unit = &sheet.units[ui];
        let result = &res.units[ui];
        let fin = result.final_result();
        let at = sheet_ref(&self.names[ui]);
        o.number(row, 0, (ui + 1) as f64, &st.center)?;
        o.text(row, 1, &unit.name, &st.text)?;
        let cached = |v: Option<Dec>| match v {
            Some(v) => Cached::Num(v),
            None => Cached::Text(String::new()),
        };
        let total = cell(row, c.total);
        let when_complete = |e: String| format!("IF(ISNUMBER({total}),{e},\"\")");
        for (i, &p) in self.sections.iter().enumerate() {
            let f = when_complete(form.root_points(&at, p, fin_col));
            let v = fin.map(|r| r.points.get(p).copied().unwrap_or_default());
            o.formula(row, c.first_sec + i as ColNum, &f, cached(v), &st.num)?;
        }
        let f = when_complete(format!("{at}{}", cell(form.bonus_row, fin_col)));
        o.formula(row, c.bonus, &f, cached(fin.map(|r| r.bonus)), &st.num)?;
        let f = when_complete(format!("{at}{}", cell(form.deduction_row, fin_col)));
        o.formula(row, c.ded, &f, cached(fin.map(|r| r.deduction)), &st.num)?;
        let f = format!("{at}{}", cell(form.final_row, form.cols.stage[0]));
        o.formula(row, c.total, &f, cached(fin.map(|r| r.total)), &st.num_bold)?;
        let totals = &self.totals;
        let f = format!("IF(ISNUMBER({total}),RANK({total},{totals}),\"\")");
        let rank = result.final_rank.map(|r| Dec::from_int(r as i64));
        o.formula(row, c.rank, &f, cached(rank), &st.num_bold)?;
        let word = result.final_rank.map(t::rank_word).unwrap_or_default();
        let f = rank_word_formula(&cell(row, c.rank));
        o.formula(row, c.rank_word, &f, Cached::Text(word), &st.center_bold)?;
        let class = fin
            .and_then(|r| classes::class_of(sheet, tree, r))
            .unwrap_or("")
            .to_string();
        if !self.has_classes {
            o.format(row, c.class, &st.center);
        } else if sheet.classes.len() > MAX_CLASSES {
            // Nested too deep for Excel: the value only.
            o.text(row, c.class, &class, &st.center)?;
        } else {
            let secs: Vec<(String, Dec)> = self
                .sections
                .iter()
                .enumerate()
                .filter_map(|(i, &p)| Some((cell(row, c.first_sec + i as ColNum), tree.max(p)?)))
                .collect();
            let f = class_formula(sheet, &self.order, &total, &cell(row, c.ded), &secs);
            o.formula(row, c.class, &f, Cached::Text(class), &st.center)?;
        }
        let basis = t::summary_basis(sheet, result, res.rule, &self.ties[ui]);
        o.text(row, c.basis, &basis, &st.note)?;
        let lines = line_count(&unit.name, W_NAME, false).max(line_count(&basis, W_BASIS, false));
        fit_row(o.ws, row, lines, 12.0)
    }
}

/// The rank in words as the app says them (`strings::rank_word`): "Nhất",
/// "Nhì", "Ba", "Tư", then "Thứ 5"…; blank without a rank.
fn rank_word_formula(rank: &str) -> String {
    let named: Vec<String> = (1..=4).map(|r| quoted(&t::rank_word(r))).collect();
    let prefix = t::rank_word(5);
    let prefix = quoted(prefix.trim_end_matches('5'));
    format!(
        "IF(ISNUMBER({rank}),IF({rank}<={},CHOOSE({rank},{}),{prefix}&{rank}),\"\")",
        named.len(),
        named.join(",")
    )
}

/// The classification of a summary row (rules 2 and 3 of
/// `model::classes`): the band whose lower bound the total reaches, if
/// within its upper bound, then down the bands until one's conditions hold.
/// `order`: [`classes::sorted`]; `secs`: each top-level content section's
/// cell and maximum.
fn class_formula(
    sheet: &Scoresheet,
    order: &[usize],
    total: &str,
    deduction: &str,
    secs: &[(String, Dec)],
) -> String {
    let bands = &sheet.classes;
    let name = |i: usize| quoted(&cell_text(&bands[i].name, 255));
    let conditions = |i: usize| -> Option<String> {
        let c = &bands[i];
        let mut parts = Vec::new();
        if let Some(x) = c.max_deduction {
            parts.push(format!("ROUND({deduction},4)<={}", x.to_plain()));
        }
        if let Some(pct) = c.min_section_pct {
            for (sec, max) in secs {
                parts.push(format!("ROUND({sec},4)>={}", section_threshold(pct, *max)));
            }
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(format!("AND({})", parts.join(","))),
        }
    };
    // chain[k]: the first band from order[k] down whose conditions hold.
    let mut chain = vec!["\"\"".to_string(); order.len() + 1];
    for k in (0..order.len()).rev() {
        let i = order[k];
        chain[k] = match conditions(i) {
            Some(cond) => format!("IF({cond},{},{})", name(i), chain[k + 1]),
            None => name(i),
        };
    }
    let mut e = "\"\"".to_string();
    for k in (0..order.len()).rev() {
        let c = &bands[order[k]];
        let lower = format!(
            "{total}{}{}",
            if c.min_in { ">=" } else { ">" },
            c.min.to_plain()
        );
        let inside = match c.max {
            Some(m) => format!(
                "IF({total}{}{},{},\"\")",
                if c.max_in { "<=" } else { "<" },
                m.to_plain(),
                chain[k]
            ),
            None => chain[k].clone(),
        };
        e = format!("IF({lower},{inside},{e})");
    }
    format!("IF(ISNUMBER({total}),{e},\"\")")
}
