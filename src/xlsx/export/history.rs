//! The history of adjustments ("Lịch sử điều chỉnh"): each change a
//! later stage made to tự chấm, with its reason.

use super::error::ExportError;
use super::form::{Form, W_STAGE};
use super::styles::Styles;
use super::writer::{
    cell, fit_row, line_count, national_header, page_setup, sheet_ref, Cached, ColNum, Out,
    HEAD_ROW,
};
use crate::model::compare::Adjustment;
use crate::model::{evaluate, Stage};
use crate::strings as t;
use crate::xlsx::words;

/// Columns of the history sheet.
const HIST_NO: ColNum = 0;
const HIST_UNIT: ColNum = 1;
const HIST_CODE: ColNum = 2;
const HIST_TEXT: ColNum = 3;
const HIST_STAGE: ColNum = 4;
const HIST_BEFORE: ColNum = 5;
const HIST_AFTER: ColNum = 6;
const HIST_REASON: ColNum = 7;

/// One row per adjustment ([`adjustments`](crate::model::compare::adjustments): units in sheet order): the
/// unit, the criterion, the stage, tự chấm's value and the stage's (as
/// formulas on the unit's sheet when valid, as typed when not), and the
/// reason, or [`words::EXPORT_HISTORY_NO_REASON`] in italics. The title
/// ([`words::EXPORT_HISTORY_TITLE`]) tells the import to skip the sheet.
pub(super) fn write_history<'s>(
    o: &mut Out<'_, 's>,
    form: &Form,
    names: &[String],
    history: &[Adjustment],
    st: &'s Styles,
) -> Result<(), ExportError> {
    const W_NO: f64 = 5.0;
    const W_UNIT: f64 = 22.0;
    const W_CODE: f64 = 8.0;
    const W_TEXT: f64 = 36.0;
    const W_REASON: f64 = 30.0;
    let sheet = form.sheet;
    let c = form.cols;
    let widths = [
        (HIST_NO, W_NO),
        (HIST_UNIT, W_UNIT),
        (HIST_CODE, W_CODE),
        (HIST_TEXT, W_TEXT),
        (HIST_STAGE, W_STAGE),
        (HIST_BEFORE, W_STAGE),
        (HIST_AFTER, W_STAGE),
        (HIST_REASON, W_REASON),
    ];
    for (col, w) in widths {
        o.ws.set_column_width(col, w)?;
    }
    let wide = widths.iter().map(|(_, w)| w).sum::<f64>() * 12.0 / 13.0;
    page_setup(o.ws, sheet, true, true)?;
    national_header(
        o,
        &sheet.face,
        (HIST_CODE, HIST_REASON),
        W_NO + W_UNIT + W_CODE,
        st,
    )?;
    o.merged(3, 0, HIST_REASON, words::EXPORT_HISTORY_TITLE, &st.heading)?;
    o.merged(4, 0, HIST_REASON, &sheet.title, &st.subheading)?;
    fit_row(o.ws, 4, line_count(&sheet.title, wide, true), 13.0)?;
    o.merged(5, 0, HIST_REASON, words::EXPORT_HISTORY_NOTE, &st.line)?;
    fit_row(
        o.ws,
        5,
        line_count(words::EXPORT_HISTORY_NOTE, wide, false),
        13.0,
    )?;
    let heads = [
        (HIST_NO, t::COL_STT),
        (HIST_UNIT, t::COL_UNIT),
        (HIST_CODE, words::EXPORT_COMPARE_CODE),
        (HIST_TEXT, words::EXPORT_COL_TEXT),
        (HIST_STAGE, words::EXPORT_HISTORY_STAGE),
        (HIST_BEFORE, words::EXPORT_HISTORY_BEFORE),
        (HIST_AFTER, words::EXPORT_HISTORY_AFTER),
        (HIST_REASON, words::EXPORT_HISTORY_REASON),
    ];
    for (col, text) in heads {
        o.text(HEAD_ROW, col, text, &st.head)?;
    }
    let head_lines = heads
        .iter()
        .map(|(col, h)| {
            let w = widths
                .iter()
                .find(|(c, _)| c == col)
                .map_or(W_STAGE, |x| x.1);
            line_count(h, w, true)
        })
        .max()
        .unwrap_or(1);
    fit_row(o.ws, HEAD_ROW, head_lines, 12.0)?;
    let mut row = HEAD_ROW + 1;
    for (k, a) in history.iter().enumerate() {
        let (Some(unit), Some(name), Some(pos)) = (
            sheet.units.get(a.unit),
            names.get(a.unit),
            form.tree().position(a.node),
        ) else {
            continue;
        };
        let at = sheet_ref(name);
        let src_row = form.row(pos);
        let max = sheet.nodes[pos].max;
        o.number(row, HIST_NO, (k + 1) as f64, &st.center)?;
        o.text(row, HIST_UNIT, &unit.name, &st.text)?;
        o.text(row, HIST_CODE, &a.code, &st.center)?;
        o.text(row, HIST_TEXT, &a.text, &st.text)?;
        o.text(row, HIST_STAGE, words::stage_word(a.stage), &st.center)?;
        let mut lines =
            line_count(&a.text, W_TEXT, false).max(line_count(&unit.name, W_UNIT, false));
        for (col, stage, raw) in [
            (HIST_BEFORE, Stage::SelfScore, &a.before),
            (HIST_AFTER, a.stage, &a.after),
        ] {
            match evaluate(raw, max).value() {
                Some(v) => {
                    let src = format!("{at}{}", cell(src_row, c.stage[stage.index()]));
                    o.formula(row, col, &src, Cached::Num(v), &st.num)?;
                }
                None => {
                    o.text(row, col, raw, &st.invalid)?;
                    lines = lines.max(line_count(raw, W_STAGE, false));
                }
            }
        }
        if a.reason.is_empty() {
            o.text(row, HIST_REASON, words::EXPORT_HISTORY_NO_REASON, &st.guide)?;
        } else {
            o.text(row, HIST_REASON, &a.reason, &st.note)?;
            lines = lines.max(line_count(&a.reason, W_REASON, false));
        }
        fit_row(o.ws, row, lines, 12.0)?;
        row += 1;
    }
    Ok(())
}
