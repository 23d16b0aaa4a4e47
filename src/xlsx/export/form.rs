//! The unit form: one sheet per unit in the layout of the templates the
//! import reads, and its formula algebra (section subtotals, totals, the
//! final column and result under each [`FinalRule`]).

use super::error::ExportError;
use super::styles::{Styles, FONT};
use super::writer::{
    abs_cell, cell, cell_text, fit_row, line_count, national_header, page_setup, quoted, signature,
    Cached, ColNum, Out, RowNum, HEAD_ROW, MAX_CELL_TEXT, MAX_NOTE_TEXT,
};
use crate::model::{
    evaluate, CellValue, Dec, FinalRule, Kind, Results, Scoresheet, Stage, Tree, Unit,
};
use crate::strings as t;
use crate::xlsx::layout::notes_text;
use crate::xlsx::words;
use rust_xlsxwriter::{Format, Note, Worksheet};

/// Most arguments an Excel function takes.
const MAX_ARGS: usize = 255;
/// Column widths (in characters of the default font) of a unit form,
/// chosen so that a form prints at its own 12 points on A4 portrait: the
/// page's 17 cm between margins hold about 92 characters (Calibri 11's
/// 7-pixel digit at 96 dpi: 92 × 7 + 8 columns × 5 ≈ 684 px of 643, so a
/// scale of 94 %, 11.3 pt). The text and note columns wrap. At 30527ae's
/// widths (129 characters) the scale was 67 %: 8 pt on paper.
pub(super) const W_STT: f64 = 5.0;
pub(super) const W_TEXT: f64 = 36.0;
pub(super) const W_MAX: f64 = 7.0;
pub(super) const W_WEIGHT: f64 = 6.0;
pub(super) const W_STAGE: f64 = 8.0;
pub(super) const W_NOTE: f64 = 12.0;
/// The widest form that prints at 11 points or more on A4 portrait;
/// wider ones (a weight's two columns) turn the page to landscape.
pub(super) const PORTRAIT_WIDTH: f64 = 92.0;

/// Labels that are plain whole numbers are written as numbers (no "number
/// stored as text" warnings); they read back the same.
fn whole_number(label: &str) -> Option<f64> {
    let ok = !label.is_empty()
        && label.len() <= 9
        && !label.starts_with('0')
        && label.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| label.parse::<f64>().ok()).flatten()
}

/// Columns of a unit form.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cols {
    pub(super) stt: ColNum,
    pub(super) text: ColNum,
    pub(super) max: ColNum,
    pub(super) weight: Option<ColNum>,
    /// The maximum after weights ("Tối đa quy đổi"), when there are weights.
    pub(super) wmax: Option<ColNum>,
    pub(super) stage: [ColNum; 3],
    /// The final result, criterion by criterion.
    pub(super) fin: ColNum,
    pub(super) note: ColNum,
}

impl Cols {
    fn new(weighted: bool) -> Cols {
        let w = if weighted { 2 } else { 0 };
        Cols {
            stt: 0,
            text: 1,
            max: 2,
            weight: weighted.then_some(3),
            wmax: weighted.then_some(4),
            stage: [3 + w, 4 + w, 5 + w],
            fin: 6 + w,
            note: 7 + w,
        }
    }

    /// The columns holding points: the three stages, then the final.
    fn points(&self) -> [ColNum; 4] {
        [self.stage[0], self.stage[1], self.stage[2], self.fin]
    }
}

/// Index of the final column in the per-column formula arrays.
const FIN: usize = 3;

/// The layout and formulas shared by every unit form (they all have the
/// same tree, hence the same rows).
pub(super) struct Form<'a> {
    pub(super) sheet: &'a Scoresheet,
    pub(super) res: &'a Results,
    pub(super) cols: Cols,
    /// Row of the first node.
    first: RowNum,
    content_row: RowNum,
    pub(super) bonus_row: RowNum,
    pub(super) deduction_row: RowNum,
    total_row: RowNum,
    count_row: RowNum,
    /// Criteria holding a value (rule 6 of `calc`), per stage and final.
    valid_row: RowNum,
    pub(super) final_row: RowNum,
    /// Per points column (three stages, final), per node position: the
    /// subtotal formula of sections.
    sections: [Vec<Option<String>>; 4],
    content: [Option<String>; 4],
    bonus: [Option<String>; 4],
    deduction: [Option<String>; 4],
    count: [Option<String>; 4],
    valid: [Option<String>; 4],
    /// Per node position, the final column's formula of a criterion.
    fin_cells: Vec<Option<String>>,
    /// The final total once complete, else "" (for the merged cell).
    fin_total: String,
    /// Under the rules that take a stage whole, the formula naming it (in
    /// the final row's note column); `None` under [`FinalRule::Merge`].
    fin_stage: Option<String>,
    scoreable: usize,
    /// A unit pack's form: tự chấm and notes unlocked.
    pub(super) pack: bool,
}

impl<'a> Form<'a> {
    pub(super) fn new(sheet: &'a Scoresheet, res: &'a Results) -> Form<'a> {
        let weighted = sheet.nodes.iter().any(|n| n.weight != Dec::ONE);
        let cols = Cols::new(weighted);
        let first = HEAD_ROW + 1;
        let n = sheet.nodes.len() as RowNum;
        let content_row = first + n;
        let tree = &res.tree;
        let mut f = Form {
            sheet,
            res,
            cols,
            first,
            content_row,
            bonus_row: content_row + 1,
            deduction_row: content_row + 2,
            total_row: content_row + 3,
            count_row: content_row + 4,
            valid_row: content_row + 5,
            final_row: content_row + 6,
            sections: Default::default(),
            content: Default::default(),
            bonus: Default::default(),
            deduction: Default::default(),
            count: Default::default(),
            valid: Default::default(),
            fin_cells: Vec::new(),
            fin_total: String::new(),
            fin_stage: None,
            scoreable: tree.criteria,
            pack: false,
        };
        let roots =
            |k: Kind| -> Vec<usize> { tree.roots().filter(|&p| tree.kind(p) == k).collect() };
        let criteria = |content: bool| -> Vec<usize> {
            (0..tree.len())
                .filter(|&p| tree.is_scoreable(p) && (tree.kind(p) == Kind::Content) == content)
                .collect()
        };
        let (content_items, other_items) = (criteria(true), criteria(false));
        let all: Vec<usize> = (0..tree.len()).filter(|&p| tree.is_scoreable(p)).collect();
        let n_other = other_items.len();
        for (i, col) in cols.points().into_iter().enumerate() {
            f.sections[i] = (0..tree.len()).map(|p| f.section_formula(p, col)).collect();
            f.content[i] = f.points_sum(&roots(Kind::Content), col);
            f.bonus[i] = f
                .points_sum(&roots(Kind::Bonus), col)
                .map(|e| format!("MIN({},{e})", tree.bonus_max.to_plain()));
            f.deduction[i] = f.points_sum(&roots(Kind::Deduction), col);
            if i == FIN {
                continue;
            }
            f.count[i] = f.counted("COUNTA", &all, col);
            // Rule 6: valid content values, and bonus or deduction cells
            // that hold no invalid text once the stage is filled.
            let content = f.counted("COUNT", &content_items, col);
            let other = match (
                f.counted("COUNTA", &other_items, col),
                f.counted("COUNT", &other_items, col),
            ) {
                (Some(a), Some(c)) => Some(format!(
                    "IF({}>0,{n_other}-({a})+{c},0)",
                    cell(f.count_row, col)
                )),
                _ => None,
            };
            f.valid[i] = match (content, other) {
                (Some(a), Some(b)) => Some(format!("{a}+{b}")),
                (a, b) => a.or(b),
            };
        }
        f.final_formulas(&all, &content_items, &other_items);
        f
    }

    /// The final column (rules 8 and 9 of `calc`): each criterion's final
    /// value, its count rows, and the final total once complete.
    fn final_formulas(&mut self, all: &[usize], content_items: &[usize], other_items: &[usize]) {
        let c = self.cols;
        let tree = self.tree();
        let [_, b, v] = c.stage;
        let verify = quoted(words::stage_word(Stage::Verify));
        let bloc = quoted(words::stage_word(Stage::Bloc));
        let (bc, vc) = (abs_cell(self.count_row, b), abs_cell(self.count_row, v));
        let (bv, vv) = (abs_cell(self.valid_row, b), abs_cell(self.valid_row, v));
        let n = self.scoreable;
        let complete = |valid: &str| {
            if n == 0 {
                "FALSE".to_string()
            } else {
                format!("{valid}={n}")
            }
        };
        let mut cells = vec![None; tree.len()];
        match self.res.rule {
            FinalRule::Merge => {
                for p in (0..tree.len()).filter(|&p| tree.is_scoreable(p)) {
                    let row = self.row(p);
                    let (vr, br) = (cell(row, v), cell(row, b));
                    let blank = if tree.kind(p) == Kind::Content {
                        "\"\""
                    } else {
                        "0"
                    };
                    cells[p] = Some(format!("IF({vr}<>\"\",{vr},IF({br}<>\"\",{br},{blank}))"));
                }
                self.count[FIN] = self.either(all, b, v);
                let content = self.counted("COUNT", content_items, c.fin);
                let other = self
                    .counted("COUNT", other_items, c.fin)
                    .map(|e| format!("IF(OR({bc}>0,{vc}>0),{e},0)"));
                self.valid[FIN] = match (content, other) {
                    (Some(a), Some(b)) => Some(format!("{a}+{b}")),
                    (a, b) => a.or(b),
                };
            }
            FinalRule::Latest | FinalRule::Highest => {
                let at = |row: RowNum, col: ColNum| format!("ROUND({},4)", abs_cell(row, col));
                let (vt, bt) = (at(self.total_row, v), at(self.total_row, b));
                let (vcon, bcon) = (at(self.content_row, v), at(self.content_row, b));
                let (vded, bded) = (at(self.deduction_row, v), at(self.deduction_row, b));
                let (v_ok, b_ok) = (complete(&vv), complete(&bv));
                let single = format!("IF({v_ok},{verify},IF({b_ok},{bloc},\"\"))");
                let stage = match self.res.rule {
                    FinalRule::Highest => format!(
                        "IF(AND({v_ok},{b_ok}),IF(OR({vt}>{bt},AND({vt}={bt},OR({vcon}>{bcon},AND({vcon}={bcon},{vded}<={bded})))),{verify},{bloc}),{single})"
                    ),
                    _ => single,
                };
                let s = abs_cell(self.final_row, c.note);
                // The stage taken, or while none is complete the latest filled.
                let use_v = format!("OR({s}={verify},AND({s}=\"\",{vc}>0))");
                for p in (0..tree.len()).filter(|&p| tree.is_scoreable(p)) {
                    let row = self.row(p);
                    let (vr, br) = (cell(row, v), cell(row, b));
                    cells[p] = Some(format!(
                        "IF({use_v},IF({vr}<>\"\",{vr},\"\"),IF({br}<>\"\",{br},\"\"))"
                    ));
                }
                self.count[FIN] = Some(format!("IF({use_v},{vc},{bc})"));
                self.valid[FIN] = Some(format!("IF({use_v},{vv},{bv})"));
                self.fin_stage = Some(stage);
            }
        }
        self.fin_cells = cells;
        self.fin_total = format!(
            "IF({},{},\"\")",
            complete(&cell(self.valid_row, c.fin)),
            cell(self.total_row, c.fin)
        );
    }

    /// How many rows of `items` hold text in column `a` or `b` or both
    /// (rule 8's criteria scored), as a sum over runs of rows.
    fn either(&self, items: &[usize], a: ColNum, b: ColNum) -> Option<String> {
        let (ra, rb) = (self.runs(items, a)?, self.runs(items, b)?);
        let terms: Vec<String> = ra
            .iter()
            .zip(&rb)
            .map(|(x, y)| format!("SUMPRODUCT((({}<>\"\")+({}<>\"\")>0)*1)", x.range, y.range))
            .collect();
        Some(terms.join("+"))
    }

    /// `f` (COUNT, COUNTA) over the rows of `items` in one column, as a
    /// sum of calls of at most [`MAX_ARGS`] ranges.
    fn counted(&self, f: &str, items: &[usize], col: ColNum) -> Option<String> {
        self.runs(items, col).map(|runs| {
            runs.chunks(MAX_ARGS)
                .map(|c| {
                    let refs: Vec<String> = c.iter().map(|r| r.range.clone()).collect();
                    format!("{f}({})", refs.join(","))
                })
                .collect::<Vec<_>>()
                .join("+")
        })
    }

    pub(super) fn tree(&self) -> &Tree {
        &self.res.tree
    }

    pub(super) fn row(&self, pos: usize) -> RowNum {
        self.first + pos as RowNum
    }

    /// Consecutive runs of the given criteria rows, allowing guidance rows
    /// (whose score cells are always empty) between them.
    fn runs(&self, items: &[usize], col: ColNum) -> Option<Vec<Run>> {
        let nodes = &self.sheet.nodes;
        let mut runs: Vec<Run> = Vec::new();
        let mut prev: Option<usize> = None;
        for &p in items {
            let weighted = nodes[p].weight != Dec::ONE;
            let joins = prev.is_some_and(|q| (q + 1..p).all(|k| nodes[k].guidance));
            match runs.last_mut() {
                Some(run) if joins => {
                    run.last = p;
                    run.weighted |= weighted;
                }
                _ => runs.push(Run {
                    first: p,
                    last: p,
                    weighted,
                    range: String::new(),
                }),
            }
            prev = Some(p);
        }
        for run in &mut runs {
            run.range = self.range(run.first, run.last, col);
        }
        (!runs.is_empty()).then_some(runs)
    }

    fn range(&self, first: usize, last: usize, col: ColNum) -> String {
        if first == last {
            cell(self.row(first), col)
        } else {
            format!(
                "{}:{}",
                cell(self.row(first), col),
                cell(self.row(last), col)
            )
        }
    }

    /// The points of `items` (nodes carrying points) in one stage column:
    /// criteria as score × weight, sections as their (weighted) cell.
    fn points_sum(&self, items: &[usize], col: ColNum) -> Option<String> {
        let tree = self.tree();
        let mut plain: Vec<String> = Vec::new();
        let mut weighted: Vec<String> = Vec::new();
        let mut criteria: Vec<usize> = Vec::new();
        for &p in items {
            if tree.is_scoreable(p) {
                criteria.push(p);
            } else {
                plain.push(cell(self.row(p), col));
            }
        }
        for run in self.runs(&criteria, col).unwrap_or_default() {
            match (run.weighted, self.cols.weight) {
                (true, Some(wc)) => weighted.push(format!(
                    "SUMPRODUCT({},{})",
                    run.range,
                    self.range(run.first, run.last, wc)
                )),
                _ => plain.push(run.range),
            }
        }
        let mut terms: Vec<String> = plain
            .chunks(MAX_ARGS)
            .map(|c| format!("SUM({})", c.join(",")))
            .collect();
        terms.extend(weighted);
        (!terms.is_empty()).then(|| terms.join("+"))
    }

    /// A section's subtotal: its children's points, times its weight,
    /// capped at its stated maximum for bonus and deduction sections.
    fn section_formula(&self, pos: usize, col: ColNum) -> Option<String> {
        let tree = self.tree();
        if !tree.is_section(pos) {
            return None;
        }
        let node = &self.sheet.nodes[pos];
        let kids: Vec<usize> = tree
            .children(pos)
            .iter()
            .copied()
            .filter(|&k| tree.max(k).is_some())
            .collect();
        let mut e = self.points_sum(&kids, col)?;
        if node.weight != Dec::ONE {
            e = format!("ROUND(({e})*{},4)", node.weight.to_plain());
        }
        if let (Some(m), Kind::Bonus | Kind::Deduction) = (node.max, node.kind) {
            e = format!("MIN({},{e})", m.to_plain());
        }
        Some(e)
    }

    /// The points of a top-level node in a stage column, seen from another sheet.
    pub(super) fn root_points(&self, at: &str, pos: usize, col: ColNum) -> String {
        let r = format!("{at}{}", cell(self.row(pos), col));
        if !self.tree().is_scoreable(pos) {
            return r;
        }
        let w = self.sheet.nodes[pos].weight;
        if w == Dec::ONE {
            format!("N({r})")
        } else {
            format!("ROUND(N({r})*{},4)", w.to_plain())
        }
    }

    /// The maximum in the "Điểm chuẩn" column, as the import reads it
    /// back: a criterion's, a content section's sum of children
    /// (unweighted), a bonus or deduction section's stated cap. With
    /// weights, the maximum after them (rule 5 of `calc`) is beside it.
    fn raw_max(&self, pos: usize) -> Option<Dec> {
        let tree = self.tree();
        let node = &self.sheet.nodes[pos];
        if node.guidance {
            return None;
        }
        if tree.is_section(pos) && node.kind != Kind::Content {
            return node.max;
        }
        tree.plain_max(pos).or(node.max)
    }

    /// Writes one unit's form (`None`: the empty template): the title
    /// block, the header row, one row per node, then the totals.
    pub(super) fn write<'s>(
        &self,
        o: &mut Out<'_, 's>,
        unit: Option<usize>,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let u = unit.and_then(|i| self.sheet.units.get(i).map(|u| (i, u)));
        self.set_widths(o.ws)?;
        self.write_title(o, u.map(|(_, u)| u), st)?;
        self.write_head(o, st)?;
        let filled = self.filled(u.map(|(i, _)| i));
        for pos in 0..self.sheet.nodes.len() {
            self.write_node(o, pos, u, filled, st)?;
        }
        self.write_totals(o, u.map(|(i, _)| i), filled, st)?;
        Ok(())
    }

    fn set_widths(&self, ws: &mut Worksheet) -> Result<(), ExportError> {
        let c = self.cols;
        ws.set_column_width(c.stt, W_STT)?;
        ws.set_column_width(c.text, W_TEXT)?;
        ws.set_column_width(c.max, W_MAX)?;
        if let Some(w) = c.weight {
            ws.set_column_width(w, W_WEIGHT)?;
        }
        if let Some(w) = c.wmax {
            ws.set_column_width(w, W_MAX)?;
        }
        for col in c.points() {
            ws.set_column_width(col, W_STAGE)?;
        }
        ws.set_column_width(c.note, W_NOTE)?;
        Ok(())
    }

    /// The width of all the columns, in characters.
    fn full_width(&self) -> f64 {
        W_STT
            + W_TEXT
            + W_MAX
            + 4.0 * W_STAGE
            + W_NOTE
            + if self.cols.weight.is_some() {
                W_WEIGHT + W_MAX
            } else {
                0.0
            }
    }

    /// The page, the national header, the form's title, the scoresheet's
    /// title line and the unit's (the import reads the unit's name there).
    fn write_title<'s>(
        &self,
        o: &mut Out<'_, 's>,
        unit: Option<&Unit>,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let last = self.cols.note;
        page_setup(o.ws, self.sheet, self.full_width() > PORTRAIT_WIDTH, true)?;
        national_header(
            o,
            &self.sheet.face,
            (self.cols.text, last),
            W_STT + W_TEXT,
            st,
        )?;
        o.merged(3, 0, last, words::EXPORT_FORM_TITLE, &st.heading)?;
        let title = words::export_title_line(&self.sheet.title);
        o.merged(4, 0, last, &title, &st.subheading)?;
        // 13-point lines over the whole width.
        let wide = self.full_width() * 12.0 / 13.0;
        fit_row(o.ws, 4, line_count(&title, wide, true), 13.0)?;
        if let Some(u) = unit {
            let line = words::export_unit_line(&u.name);
            o.merged(5, 0, last, &line, &st.line)?;
            fit_row(o.ws, 5, line_count(&line, wide, false), 13.0)?;
        }
        Ok(())
    }

    /// The header row, as tall as its longest heading needs.
    fn write_head<'s>(&self, o: &mut Out<'_, 's>, st: &'s Styles) -> Result<(), ExportError> {
        let c = self.cols;
        let r = HEAD_ROW;
        o.text(r, c.stt, words::EXPORT_COL_STT, &st.head)?;
        o.text(r, c.text, words::EXPORT_COL_TEXT, &st.head)?;
        o.text(r, c.max, t::COL_MAX, &st.head)?;
        if let Some(w) = c.weight {
            o.text(r, w, t::COL_WEIGHT, &st.head)?;
        }
        if let Some(w) = c.wmax {
            o.text(r, w, t::EXPORT_COL_WEIGHTED_MAX, &st.head)?;
        }
        for s in Stage::ALL {
            o.text(r, c.stage[s.index()], words::stage_word(s), &st.head)?;
        }
        o.text(r, c.fin, t::COL_FINAL, &st.head)?;
        o.text(r, c.note, t::COL_NOTE, &st.head)?;
        let head_lines = [
            (t::COL_MAX, W_MAX),
            (t::COL_WEIGHT, W_WEIGHT),
            (t::EXPORT_COL_WEIGHTED_MAX, W_MAX),
            (t::COL_FINAL, W_STAGE),
        ]
        .iter()
        .chain(Stage::ALL.map(|s| (words::stage_word(s), W_STAGE)).iter())
        .map(|(text, w)| line_count(text, *w, true))
        .max()
        .unwrap_or(1);
        fit_row(o.ws, r, head_lines, 12.0)
    }

    /// Per points column (three stages, final): whether the unit has begun
    /// it. Stages nobody has scored show blank subtotals, not zeros; so
    /// does a final neither khối chấm nor thẩm định has begun.
    fn filled(&self, unit: Option<usize>) -> [bool; 4] {
        [0, 1, 2, 3].map(|i| {
            unit.is_some_and(|ui| {
                let r = &self.res.units[ui];
                match Stage::ALL.get(i) {
                    Some(&s) => r.stage(s).filled(),
                    None => r.fin.result.filled(),
                }
            })
        })
    }

    /// One node's row: a guidance line in italics, or the label, text and
    /// maxima, then (on a unit's form) its scores, final and notes.
    fn write_node<'s>(
        &self,
        o: &mut Out<'_, 's>,
        pos: usize,
        unit: Option<(usize, &Unit)>,
        filled: [bool; 4],
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let c = self.cols;
        let tree = self.tree();
        let node = &self.sheet.nodes[pos];
        let row = self.row(pos);
        for col in 0..=c.note {
            o.format(row, col, &st.center);
        }
        if node.guidance {
            o.text(row, c.text, &node.text, &st.guide)?;
            return fit_row(o.ws, row, line_count(&node.text, W_TEXT, false), 12.0);
        }
        let strong = tree.is_section(pos) || tree.depth(pos) == 0;
        let mut lines = self.write_node_head(o, pos, strong, st)?;
        if let Some(u) = unit {
            lines = lines.max(self.write_stages(o, pos, u, filled, strong, st)?);
            self.write_final(o, pos, u.0, filled[FIN], strong, st)?;
            lines = lines.max(self.write_notes(o, pos, u.1, st)?);
        }
        fit_row(o.ws, row, lines, 12.0)
    }

    /// A node's STT, text, maximum, weight and maximum after weight.
    /// Returns the lines the row needs for them.
    fn write_node_head<'s>(
        &self,
        o: &mut Out<'_, 's>,
        pos: usize,
        strong: bool,
        st: &'s Styles,
    ) -> Result<usize, ExportError> {
        let c = self.cols;
        let node = &self.sheet.nodes[pos];
        let row = self.row(pos);
        let (label_f, text_f, num_f) = node_formats(st, strong);
        let lines =
            line_count(&node.label, W_STT, strong).max(line_count(&node.text, W_TEXT, strong));
        match whole_number(&node.label) {
            Some(n) => {
                o.number(row, c.stt, n, label_f)?;
            }
            None => o.text(row, c.stt, &node.label, label_f)?,
        }
        o.text(row, c.text, &node.text, text_f)?;
        if let Some(m) = self.raw_max(pos) {
            o.number(row, c.max, m.to_f64(), num_f)?;
        }
        if let Some(w) = c.weight {
            o.number(row, w, node.weight.to_f64(), num_f)?;
        }
        if let (Some(w), Some(m)) = (c.wmax, self.tree().max(pos)) {
            o.number(row, w, m.to_f64(), num_f)?;
        }
        Ok(lines)
    }

    /// A node's three stage cells: a section's subtotal formula, or the
    /// score as typed (a number when valid, else the text in red with a
    /// note saying why). Returns the lines the row needs for them.
    fn write_stages<'s>(
        &self,
        o: &mut Out<'_, 's>,
        pos: usize,
        (ui, unit): (usize, &Unit),
        filled: [bool; 4],
        strong: bool,
        st: &'s Styles,
    ) -> Result<usize, ExportError> {
        let tree = self.tree();
        let node = &self.sheet.nodes[pos];
        let row = self.row(pos);
        let result = &self.res.units[ui];
        let (_, _, num_f) = node_formats(st, strong);
        let mut lines = 1;
        for s in Stage::ALL {
            let col = self.cols.stage[s.index()];
            if let Some(f) = &self.sections[s.index()][pos] {
                let v = result.stage(s).points.get(pos).copied().unwrap_or_default();
                let fmt = subtotal_format(st, filled[s.index()], strong);
                o.formula(row, col, f, Cached::Num(v), fmt)?;
                continue;
            }
            let raw = unit.raw(node.id, s);
            // What a pack's unit fills: its own score, on criteria.
            let open = self.pack && s == Stage::SelfScore && tree.is_scoreable(pos);
            let (num_f, invalid_f) = match (open, strong) {
                (false, _) => (num_f, &st.invalid),
                (true, false) => (&st.open_num, &st.open_invalid),
                (true, true) => (&st.open_num_bold, &st.open_invalid),
            };
            match evaluate(raw, node.max) {
                CellValue::Empty if open => o.format(row, col, num_f),
                CellValue::Empty => {}
                CellValue::Valid(v) => {
                    o.number(row, col, v.to_f64(), num_f)?;
                }
                CellValue::Invalid(e) => {
                    o.text(row, col, raw, invalid_f)?;
                    lines = lines.max(line_count(raw, W_STAGE, false));
                    if tree.is_scoreable(pos) {
                        let note = Note::new(cell_text(&t::cell_error(&e), MAX_NOTE_TEXT))
                            .set_author(t::APP_TITLE)
                            .add_author_prefix(false)
                            .set_font_name(FONT);
                        o.ws.insert_note(row, col, &note)?;
                    }
                }
            }
        }
        Ok(lines)
    }

    /// A node's final cell: a section's subtotal, or the criterion's value.
    fn write_final<'s>(
        &self,
        o: &mut Out<'_, 's>,
        pos: usize,
        ui: usize,
        filled: bool,
        strong: bool,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let (row, col) = (self.row(pos), self.cols.fin);
        let fin_value = self.res.units[ui].fin.result.points.get(pos).copied();
        let fmt = subtotal_format(st, filled, strong);
        if let Some(f) = &self.sections[FIN][pos] {
            o.formula(row, col, f, Cached::Num(fin_value.unwrap_or_default()), fmt)?;
        } else if let Some(f) = &self.fin_cells[pos] {
            o.formula(row, col, f, self.fin_cached(ui, pos), fmt)?;
        }
        Ok(())
    }

    /// A node's notes, one line per stage with its prefix (the import reads
    /// them back by it). Returns the lines the row needs for them.
    fn write_notes<'s>(
        &self,
        o: &mut Out<'_, 's>,
        pos: usize,
        unit: &Unit,
        st: &'s Styles,
    ) -> Result<usize, ExportError> {
        let (row, col) = (self.row(pos), self.cols.note);
        let id = self.sheet.nodes[pos].id;
        let notes = Stage::ALL.map(|s| unit.mark(id, s).map(|m| m.note.as_str()).unwrap_or(""));
        let text = notes_text(notes);
        let note_f = if self.pack { &st.open_note } else { &st.note };
        if !text.is_empty() {
            o.text(row, col, &text, note_f)?;
            return Ok(line_count(&text, W_NOTE, false));
        }
        if self.pack {
            o.format(row, col, note_f);
        }
        Ok(1)
    }

    /// The cached result of a criterion's formula in the final column.
    fn fin_cached(&self, ui: usize, pos: usize) -> Cached {
        let node = &self.sheet.nodes[pos];
        let unit = &self.sheet.units[ui];
        let result = &self.res.units[ui];
        let fin = &result.fin;
        let value = |s: Stage| {
            let raw = unit.raw(node.id, s);
            match evaluate(raw, node.max) {
                CellValue::Valid(v) => Some(Cached::Num(v)),
                CellValue::Invalid(_) => Some(Cached::Text(cell_text(raw, MAX_CELL_TEXT))),
                CellValue::Empty => None,
            }
        };
        let blank = || {
            if self.tree().kind(pos) == Kind::Content {
                Cached::Text(String::new())
            } else {
                Cached::Num(Dec::ZERO)
            }
        };
        match self.res.rule {
            FinalRule::Merge => value(Stage::Verify)
                .or_else(|| value(Stage::Bloc))
                .unwrap_or_else(blank),
            FinalRule::Latest | FinalRule::Highest => {
                let verify = fin.stage == Some(Stage::Verify)
                    || (fin.stage.is_none() && result.stage(Stage::Verify).filled());
                let s = if verify { Stage::Verify } else { Stage::Bloc };
                value(s).unwrap_or(Cached::Text(String::new()))
            }
        }
    }

    /// The rows below the table: totals per stage and final, the count of
    /// scored criteria and of those holding a value, the final result,
    /// then the date and signature lines. Their texts start with "Tổng" so
    /// the import skips them.
    fn write_totals<'s>(
        &self,
        o: &mut Out<'_, 's>,
        unit: Option<usize>,
        filled: [bool; 4],
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        self.write_total_labels(o, st)?;
        let Some(ui) = unit else {
            return Ok(());
        };
        for (i, col) in self.cols.points().into_iter().enumerate() {
            self.write_total_column(o, ui, i, col, filled[i], st)?;
        }
        self.write_final_result(o, ui, st)?;
        // Date and signature, on the right, outside the table's columns.
        signature(
            o,
            &self.sheet.face,
            self.final_row + 2,
            self.cols.stage[0],
            self.cols.note,
            st,
        )
    }

    /// The total rows' labels and maxima (the template has them too).
    fn write_total_labels<'s>(
        &self,
        o: &mut Out<'_, 's>,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let c = self.cols;
        let tree = self.tree();
        let rows = [
            (
                self.content_row,
                words::EXPORT_ROW_CONTENT.to_string(),
                Some((tree.content_plain_max, tree.content_max)),
            ),
            (
                self.bonus_row,
                words::export_row_bonus(tree.bonus_max),
                Some((tree.bonus_plain_max, tree.bonus_max)),
            ),
            (
                self.deduction_row,
                words::EXPORT_ROW_DEDUCTION.to_string(),
                Some((tree.deduction_plain_max, tree.deduction_max)),
            ),
            (
                self.total_row,
                words::EXPORT_ROW_TOTAL.to_string(),
                Some((tree.content_plain_max, tree.content_max)),
            ),
            (
                self.count_row,
                words::export_row_count(self.scoreable),
                None,
            ),
            (self.valid_row, t::export_row_valid(self.scoreable), None),
            (self.final_row, t::export_row_final(self.res.rule), None),
        ];
        for (row, label, max) in &rows {
            for col in 0..=c.note {
                o.format(*row, col, &st.total_num);
            }
            o.text(*row, c.text, label, &st.total_text)?;
            fit_row(o.ws, *row, line_count(label, W_TEXT, true), 12.0)?;
            if let Some((raw, weighted)) = max {
                match c.wmax {
                    Some(w) => {
                        o.number(*row, c.max, raw.to_f64(), &st.total_num)?;
                        o.number(*row, w, weighted.to_f64(), &st.total_num)?;
                    }
                    None => {
                        o.number(*row, c.max, weighted.to_f64(), &st.total_num)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// One points column's totals (`i`: the stage's index, or [`FIN`]):
    /// content, bonus, deduction, the counts, and the total.
    fn write_total_column<'s>(
        &self,
        o: &mut Out<'_, 's>,
        ui: usize,
        i: usize,
        col: ColNum,
        filled: bool,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let result = &self.res.units[ui];
        let r = match Stage::ALL.get(i) {
            Some(&s) => result.stage(s),
            None => &result.fin.result,
        };
        let fmt = if filled {
            &st.total_num
        } else {
            &st.quiet_bold
        };
        let lines = [
            (self.content_row, &self.content[i], r.content),
            (self.bonus_row, &self.bonus[i], r.bonus),
            (self.deduction_row, &self.deduction[i], r.deduction),
            (
                self.count_row,
                &self.count[i],
                Dec::from_int(r.entered as i64),
            ),
            (
                self.valid_row,
                &self.valid[i],
                Dec::from_int(r.counted as i64),
            ),
        ];
        for (row, f, v) in lines {
            match f {
                Some(f) => o.formula(row, col, f, Cached::Num(v), fmt)?,
                None => {
                    o.number(row, col, 0.0, fmt)?;
                }
            }
        }
        let total = format!(
            "ROUND({}+{}-{},4)",
            cell(self.content_row, col),
            cell(self.bonus_row, col),
            cell(self.deduction_row, col)
        );
        // A total that leaves out cells holding no valid score says so:
        // "⚠ 85,5", in red, with a note counting them.
        let fmt = if r.invalid > 0 { &st.left_out } else { fmt };
        o.formula(self.total_row, col, &total, Cached::Num(r.total), fmt)?;
        if r.invalid > 0 {
            let note = Note::new(t::export_left_out(r.invalid))
                .set_author(t::APP_TITLE)
                .add_author_prefix(false)
                .set_font_name(FONT);
            o.ws.insert_note(self.total_row, col, &note)?;
        }
        Ok(())
    }

    /// The final result, merged over the three stage columns and the
    /// final's, blank until complete; beside it the stage taken (a formula
    /// the final column reads), or where each criterion's value comes from.
    fn write_final_result<'s>(
        &self,
        o: &mut Out<'_, 's>,
        ui: usize,
        st: &'s Styles,
    ) -> Result<(), ExportError> {
        let c = self.cols;
        let result = &self.res.units[ui];
        let (f0, f3) = (c.stage[0], c.fin);
        o.ws.merge_range(self.final_row, f0, self.final_row, f3, "", &st.total_num)?;
        let cached = match result.final_total() {
            Some(v) => Cached::Num(v),
            None => Cached::Text(String::new()),
        };
        o.formula(self.final_row, f0, &self.fin_total, cached, &st.total_num)?;
        let basis = t::final_basis(&result.fin, self.res.rule);
        match &self.fin_stage {
            Some(f) => {
                let name = result.fin.stage.map(words::stage_word).unwrap_or("");
                o.formula(
                    self.final_row,
                    c.note,
                    f,
                    Cached::Text(name.to_string()),
                    &st.center_bold,
                )
            }
            None => o.text(self.final_row, c.note, &basis, &st.center_bold),
        }
    }
}

/// A run of criteria rows summed as one range.
#[derive(Clone, Debug)]
struct Run {
    first: usize,
    last: usize,
    weighted: bool,
    range: String,
}

/// The formats of a node's label, text and numbers: bold for sections and
/// top-level rows.
fn node_formats(st: &Styles, strong: bool) -> (&Format, &Format, &Format) {
    if strong {
        (&st.center_bold, &st.text_bold, &st.num_bold)
    } else {
        (&st.center, &st.text, &st.num)
    }
}

/// A subtotal's format: zeros blank while its column is not begun.
fn subtotal_format(st: &Styles, filled: bool, strong: bool) -> &Format {
    match (filled, strong) {
        (true, _) => node_formats(st, strong).2,
        (false, true) => &st.quiet_bold,
        (false, false) => &st.quiet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_number_labels() {
        assert_eq!(whole_number("12"), Some(12.0));
        assert_eq!(whole_number("01"), None);
        assert_eq!(whole_number("1."), None);
        assert_eq!(whole_number("1.1"), None);
        assert_eq!(whole_number("I"), None);
    }
}
