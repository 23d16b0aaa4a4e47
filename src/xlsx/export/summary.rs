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
use crate::model::{Dec, Kind, Scoresheet};
use crate::strings as t;
use crate::xlsx::words;

/// Excel nests functions at most 64 deep, and a band's formula nests two
/// levels per band below it (bounds, then conditions); beyond this many
/// classes the classification is written as a value.
const MAX_CLASSES: usize = 20;

pub(super) fn write_summary<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    st: &'s Styles,
) -> Result<(), ExportError> {
    let sheet = form.sheet;
    let tree = form.tree();
    let res = form.res;
    let sections: Vec<usize> = tree
        .roots()
        .filter(|&p| tree.kind(p) == Kind::Content)
        .collect();
    let first_sec: ColNum = 2;
    let k = sections.len() as ColNum;
    let (c_bonus, c_ded, c_total, c_rank, c_class, c_basis) = (
        first_sec + k,
        first_sec + k + 1,
        first_sec + k + 2,
        first_sec + k + 3,
        first_sec + k + 4,
        first_sec + k + 5,
    );
    const W_NAME: f64 = 32.0;
    const W_SECTION: f64 = 10.0;
    const W_NUM: f64 = 10.0;
    const W_CLASS: f64 = 14.0;
    const W_BASIS: f64 = 30.0;
    o.ws.set_column_width(0, W_STT)?;
    o.ws.set_column_width(1, W_NAME)?;
    for i in 0..k {
        o.ws.set_column_width(first_sec + i, W_SECTION)?;
    }
    for col in [c_bonus, c_ded, c_total, c_rank] {
        o.ws.set_column_width(col, W_NUM)?;
    }
    o.ws.set_column_width(c_class, W_CLASS)?;
    o.ws.set_column_width(c_basis, W_BASIS)?;
    let has_classes = !sheet.classes.is_empty();
    if !has_classes {
        // No bands: no classification to show.
        o.ws.set_column_hidden(c_class)?;
    }
    let full = W_STT
        + W_NAME
        + k as f64 * W_SECTION
        + 4.0 * W_NUM
        + if has_classes { W_CLASS } else { 0.0 }
        + W_BASIS;
    let wide = full * 12.0 / 13.0;
    page_setup(o.ws, true, true)?;
    national_header(o, 1, c_basis, st)?;
    o.merged(3, 0, c_basis, words::EXPORT_SUMMARY_TITLE, &st.heading)?;
    o.merged(4, 0, c_basis, &sheet.title, &st.subheading)?;
    fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
    let rule_note = t::export_summary_note(res.rule);
    o.merged(5, 0, c_basis, &rule_note, &st.sign_italic)?;
    fit_row(o.ws, 5, line_count(&rule_note, wide, false), 13.0)?;

    // Headers with the maxima a unit can reach (rule 5 of `calc`).
    let r = HEAD_ROW;
    o.text(r, 0, words::EXPORT_COL_STT, &st.head)?;
    o.text(r, 1, words::EXPORT_COL_UNIT, &st.head)?;
    let mut heads: Vec<(ColNum, String, f64)> = Vec::new();
    for (i, &p) in sections.iter().enumerate() {
        let node = &sheet.nodes[p];
        let code = if node.code.is_empty() {
            &node.label
        } else {
            &node.code
        };
        let head = match tree.shown_max(p) {
            Some(m) => t::with_max(code, m),
            None => code.to_string(),
        };
        heads.push((first_sec + i as ColNum, head, W_SECTION));
    }
    let bonus = crate::model::ShownMax {
        max: tree.bonus_max,
        raw: None,
    };
    heads.push((c_bonus, t::with_max(words::EXPORT_COL_BONUS, bonus), W_NUM));
    heads.push((c_ded, words::EXPORT_COL_DEDUCTION.to_string(), W_NUM));
    heads.push((
        c_total,
        t::with_max(t::COL_TOTAL, tree.shown_total_max()),
        W_NUM,
    ));
    heads.push((c_rank, t::COL_RANK.to_string(), W_NUM));
    heads.push((c_class, t::COL_CLASS.to_string(), W_CLASS));
    heads.push((c_basis, t::COL_BASIS.to_string(), W_BASIS));
    let mut head_lines = 1;
    for (col, head, w) in &heads {
        o.text(r, *col, head, &st.head)?;
        head_lines = head_lines.max(line_count(head, *w, true));
    }
    fit_row(o.ws, r, head_lines, 12.0)?;

    let first = HEAD_ROW + 1;
    let last_row = first + names.len().saturating_sub(1) as RowNum;
    let totals = format!(
        "{}:{}",
        abs_cell(first, c_total),
        abs_cell(last_row, c_total)
    );
    let order = classes::sorted(&sheet.classes);
    let ties = res.ties(None);
    let fin_col = form.cols.fin;
    for (ui, name) in names.iter().enumerate() {
        let row = first + ui as RowNum;
        let unit = &sheet.units[ui];
        let result = &res.units[ui];
        let fin = result.final_result();
        let at = sheet_ref(name);
        o.number(row, 0, (ui + 1) as f64, &st.center)?;
        o.text(row, 1, &unit.name, &st.text)?;
        let cached = |v: Option<Dec>| match v {
            Some(v) => Cached::Num(v),
            None => Cached::Text(String::new()),
        };
        let total = cell(row, c_total);
        let when_complete = |e: String| format!("IF(ISNUMBER({total}),{e},\"\")");
        for (i, &p) in sections.iter().enumerate() {
            let f = when_complete(form.root_points(&at, p, fin_col));
            let v = fin.map(|r| r.points.get(p).copied().unwrap_or_default());
            o.formula(row, first_sec + i as ColNum, &f, cached(v), &st.num)?;
        }
        let f = when_complete(format!("{at}{}", cell(form.bonus_row, fin_col)));
        o.formula(row, c_bonus, &f, cached(fin.map(|r| r.bonus)), &st.num)?;
        let f = when_complete(format!("{at}{}", cell(form.deduction_row, fin_col)));
        o.formula(row, c_ded, &f, cached(fin.map(|r| r.deduction)), &st.num)?;
        let f = format!("{at}{}", cell(form.final_row, form.cols.stage[0]));
        o.formula(row, c_total, &f, cached(fin.map(|r| r.total)), &st.num_bold)?;
        let f = format!("IF(ISNUMBER({total}),RANK({total},{totals}),\"\")");
        let rank = result.final_rank.map(|r| Dec::from_int(r as i64));
        o.formula(row, c_rank, &f, cached(rank), &st.num_bold)?;
        let class = fin
            .and_then(|r| classes::class_of(sheet, tree, r))
            .unwrap_or("")
            .to_string();
        if !has_classes {
            o.format(row, c_class, &st.center);
        } else if sheet.classes.len() > MAX_CLASSES {
            // Nested too deep for Excel: the value only.
            o.text(row, c_class, &class, &st.center)?;
        } else {
            let secs: Vec<(String, Dec)> = sections
                .iter()
                .enumerate()
                .filter_map(|(i, &p)| Some((cell(row, first_sec + i as ColNum), tree.max(p)?)))
                .collect();
            let f = class_formula(sheet, &order, &total, &cell(row, c_ded), &secs);
            o.formula(row, c_class, &f, Cached::Text(class), &st.center)?;
        }
        let basis = t::summary_basis(sheet, result, res.rule, &ties[ui]);
        o.text(row, c_basis, &basis, &st.note)?;
        let lines = line_count(&unit.name, W_NAME, false).max(line_count(&basis, W_BASIS, false));
        fit_row(o.ws, row, lines, 12.0)?;
    }
    signature(o, last_row + 2, c_total, c_basis, st)
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
