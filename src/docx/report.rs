//! "Báo cáo kết quả chấm điểm": what the bloc reports to the Ban Thi
//! đua - Khen thưởng: how the units were scored (the rule), the results
//! table with ranks and classes, the proposals for an award with their
//! votes, signed by the head of the bloc.

use super::doc::{Doc, Para, Run};
use super::{lock_line, national_header, proposals, recipients, results, signatures, title};
use crate::model::meeting::percent;
use crate::model::{Results, Scoresheet};
use crate::strings as t;
use crate::xlsx::words;
use crate::xlsx::zip_store::TooLarge;

/// The báo cáo of `sheet`'s results, as a .docx.
pub fn report(sheet: &Scoresheet) -> Result<Vec<u8>, TooLarge> {
    let res = Results::compute(sheet);
    let m = &sheet.meeting;
    let mut d = Doc::default();
    // The report is dated when signed, by hand.
    national_header(&mut d, &sheet.face, "", "");
    title(&mut d, t::DOCX_REPORT, &t::docx_report_about(&sheet.title));

    d.para(Para::body(vec![Run::bold(t::DOCX_REPORT_HOW)]));
    d.para(Para::body(vec![Run::plain(t::docx_report_how(
        res.units
            .iter()
            .filter(|u| u.final_result().is_some())
            .count(),
        sheet.units.len(),
        &t::export_summary_note(res.rule),
    ))]));
    d.para(Para::body(vec![Run::bold(t::DOCX_REPORT_RESULTS)]));
    results(&mut d, sheet, &res);
    lock_line(&mut d, sheet);
    d.para(Para::body(vec![Run::bold(t::DOCX_REPORT_PROPOSALS)]));
    proposals(&mut d, sheet, &res, |p, total| {
        t::docx_proposal(
            &p.award,
            &total,
            p.votes_for,
            p.voters,
            &percent(p.votes_for, p.voters),
        )
    });
    d.para(Para::body(vec![Run::plain(t::DOCX_REPORT_CLOSE)]));
    signatures(&mut d, ("", ""), (words::EXPORT_SIGNER, &m.chair));
    recipients(&mut d);
    d.finish()
}
