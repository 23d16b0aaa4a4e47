//! The comparison sheet ("Thẩm định"): where khối chấm or thẩm định
//! differs from tự chấm, unit by unit.

use super::error::ExportError;
use super::form::{Form, W_STAGE};
use super::styles::Styles;
use super::writer::{
    cell, fit_row, line_count, national_header, page_setup, sheet_ref, Cached, ColNum, Out,
    HEAD_ROW,
};
use crate::model::compare::UnitComparison;
use crate::model::Stage;
use crate::strings as t;
use crate::xlsx::layout::note_prefix;
use crate::xlsx::words;

/// Columns of the comparison sheet.
const CMP_CODE: ColNum = 0;
const CMP_TEXT: ColNum = 1;
/// Tự chấm, khối chấm, thẩm định.
const CMP_STAGE: [ColNum; 3] = [2, 3, 5];
/// Khối chấm − tự chấm, thẩm định − tự chấm.
const CMP_DELTA: [ColNum; 2] = [4, 6];
const CMP_NOTE: ColNum = 7;

/// Per unit (the order of [`compare`](crate::model::compare::compare): the top three first) a block: the
/// unit's name, rank and final total; a header row; one row per listed
/// criterion with the three stages' values and the two differences as
/// formulas referencing the unit's sheet; the notes. The title
/// ([`words::EXPORT_COMPARE_TITLE`]) tells the import to skip the sheet.
pub(super) fn write_comparison<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    comparison: &[UnitComparison],
    st: &'s Styles,
) -> Result<(), ExportError> {
    const W_CODE: f64 = 8.0;
    const W_CMP_TEXT: f64 = 44.0;
    const W_CMP_NOTE: f64 = 30.0;
    let sheet = form.sheet;
    let c = form.cols;
    o.ws.set_column_width(CMP_CODE, W_CODE)?;
    o.ws.set_column_width(CMP_TEXT, W_CMP_TEXT)?;
    for col in CMP_STAGE.iter().chain(&CMP_DELTA) {
        o.ws.set_column_width(*col, W_STAGE)?;
    }
    o.ws.set_column_width(CMP_NOTE, W_CMP_NOTE)?;
    let full = W_CODE + W_CMP_TEXT + 5.0 * W_STAGE + W_CMP_NOTE;
    let wide = full * 12.0 / 13.0;
    page_setup(o.ws, sheet, true, false)?;
    national_header(
        o,
        &sheet.face,
        (CMP_TEXT, CMP_NOTE),
        W_CODE + W_CMP_TEXT,
        st,
    )?;
    o.merged(3, 0, CMP_NOTE, words::EXPORT_COMPARE_TITLE, &st.heading)?;
    o.merged(4, 0, CMP_NOTE, &sheet.title, &st.subheading)?;
    fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
    o.merged(5, 0, CMP_NOTE, words::EXPORT_COMPARE_NOTE, &st.line)?;
    fit_row(
        o.ws,
        5,
        line_count(words::EXPORT_COMPARE_NOTE, wide, false),
        13.0,
    )?;
    let mut row = HEAD_ROW;
    for uc in comparison {
        let (Some(unit), Some(name)) = (sheet.units.get(uc.unit), names.get(uc.unit)) else {
            continue;
        };
        let at = sheet_ref(name);
        let result = &form.res.units[uc.unit];
        let mut line = t::export_compare_unit(&unit.name, uc.final_rank, result.final_total());
        match uc.bloc_rank {
            Some(r) => line.push_str(&format!(" ({})", t::bloc_rank(r).to_lowercase())),
            None if !uc.bloc_scored => line.push_str(&format!(" ({})", t::COMPARE_NOT_BLOC)),
            None => {}
        }
        o.merged(row, 0, CMP_NOTE, &line, &st.total_text)?;
        fit_row(o.ws, row, line_count(&line, wide, true), 12.0)?;
        row += 1;
        let heads = [
            (CMP_CODE, words::EXPORT_COMPARE_CODE),
            (CMP_TEXT, words::EXPORT_COL_TEXT),
            (CMP_STAGE[0], words::stage_word(Stage::SelfScore)),
            (CMP_STAGE[1], words::stage_word(Stage::Bloc)),
            (CMP_DELTA[0], words::EXPORT_COMPARE_DELTA),
            (CMP_STAGE[2], words::stage_word(Stage::Verify)),
            (CMP_DELTA[1], words::EXPORT_COMPARE_DELTA),
            (CMP_NOTE, t::COL_NOTE),
        ];
        for (col, text) in heads {
            o.text(row, col, text, &st.head)?;
        }
        let head_lines = heads
            .iter()
            .map(|(_, h)| line_count(h, W_STAGE, true))
            .max()
            .unwrap_or(1);
        fit_row(o.ws, row, head_lines, 12.0)?;
        row += 1;
        if uc.diffs.is_empty() {
            // A unit of the bloc's top three where nothing changed.
            for col in 0..=CMP_NOTE {
                o.format(row, col, &st.center);
            }
            o.text(row, CMP_TEXT, t::COMPARE_NO_DIFF, &st.guide)?;
            row += 1;
        }
        for d in &uc.diffs {
            let Some(pos) = form.tree().position(d.node) else {
                continue;
            };
            let src_row = form.row(pos);
            for col in 0..=CMP_NOTE {
                o.format(row, col, &st.center);
            }
            o.text(row, CMP_CODE, &d.code, &st.center)?;
            o.text(row, CMP_TEXT, &d.text, &st.text)?;
            let mut lines = line_count(&d.text, W_CMP_TEXT, false);
            let src = Stage::ALL.map(|s| format!("{at}{}", cell(src_row, c.stage[s.index()])));
            for s in Stage::ALL {
                let i = s.index();
                match d.values[i] {
                    Some(v) => o.formula(row, CMP_STAGE[i], &src[i], Cached::Num(v), &st.num)?,
                    None => {
                        let raw = unit.raw(d.node, s).trim();
                        if !raw.is_empty() {
                            o.text(row, CMP_STAGE[i], raw, &st.invalid)?;
                            lines = lines.max(line_count(raw, W_STAGE, false));
                        }
                    }
                }
            }
            for (k, s) in [Stage::Bloc, Stage::Verify].into_iter().enumerate() {
                if let (Some(v), Some(base)) = (d.values[s.index()], d.values[0]) {
                    let f = format!("{}-{}", src[s.index()], src[0]);
                    o.formula(row, CMP_DELTA[k], &f, Cached::Num(v - base), &st.delta)?;
                }
            }
            let notes: Vec<String> = Stage::ALL
                .into_iter()
                .filter(|s| !d.notes[s.index()].trim().is_empty())
                .map(|s| format!("{}{}", note_prefix(s), d.notes[s.index()]))
                .collect();
            if !notes.is_empty() {
                let text = notes.join("\n");
                o.text(row, CMP_NOTE, &text, &st.note)?;
                lines = lines.max(line_count(&text, W_CMP_NOTE, false));
            }
            fit_row(o.ws, row, lines, 12.0)?;
            row += 1;
        }
        // A blank line between units.
        row += 1;
    }
    Ok(())
}
