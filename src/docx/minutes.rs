//! "Biên bản họp khối": the meeting that scored and ranked the units and
//! voted on the proposals for an award, as the bloc's secretary writes it
//! (time and place, who attended, the results table, the votes, the
//! close), with the chair's and the secretary's signatures.

use super::doc::{Doc, Para, Run};
use super::{lock_line, national_header, proposals, recipients, results, signatures, title};
use crate::model::meeting::percent;
use crate::model::{Results, Scoresheet};
use crate::strings as t;
use crate::xlsx::zip_store::TooLarge;

/// "…" where the secretary typed nothing: a blank to fill by hand.
fn or_blank(s: &str) -> &str {
    match s.trim() {
        "" => t::DOCX_BLANK,
        s => s,
    }
}

/// The biên bản of `sheet`'s meeting, as a .docx.
pub fn minutes(sheet: &Scoresheet) -> Result<Vec<u8>, TooLarge> {
    let res = Results::compute(sheet);
    let m = &sheet.meeting;
    let mut d = Doc::default();
    national_header(&mut d, &sheet.face, &m.number, &m.date_words());
    title(
        &mut d,
        t::DOCX_MINUTES,
        &t::docx_minutes_about(&sheet.title),
    );

    d.para(Para::body(vec![Run::bold(t::DOCX_MINUTES_TIME)]));
    d.para(Para::body(vec![Run::plain(t::docx_minutes_when(
        or_blank(&m.when),
        or_blank(&m.place),
    ))]));
    d.para(Para::body(vec![Run::bold(t::DOCX_MINUTES_WHO)]));
    d.para(Para::body(vec![
        Run::plain(format!("{} ", t::DOCX_CHAIR)),
        Run::plain(or_blank(&m.chair)),
    ]));
    d.para(Para::body(vec![
        Run::plain(format!("{} ", t::DOCX_SECRETARY)),
        Run::plain(or_blank(&m.secretary)),
    ]));
    d.para(Para::body(vec![Run::plain(t::docx_present(
        m.present.len(),
    ))]));
    for line in &m.present {
        d.para(Para::body(vec![Run::plain(format!("- {line}"))]));
    }
    if !m.absent.is_empty() {
        d.para(Para::body(vec![Run::plain(t::docx_absent(m.absent.len()))]));
        for line in &m.absent {
            d.para(Para::body(vec![Run::plain(format!("- {line}"))]));
        }
    }

    d.para(Para::body(vec![Run::bold(t::DOCX_MINUTES_WHAT)]));
    d.para(Para::body(vec![Run::plain(t::docx_minutes_scored(
        res.units
            .iter()
            .filter(|u| u.final_result().is_some())
            .count(),
        sheet.units.len(),
        &t::export_summary_note(res.rule),
    ))]));
    results(&mut d, sheet, &res);
    lock_line(&mut d, sheet);
    d.para(Para::body(vec![Run::bold(t::DOCX_MINUTES_VOTES)]));
    proposals(&mut d, sheet, &res, |p, _| {
        t::docx_vote(
            or_blank(&p.award),
            p.votes_for,
            p.voters,
            &percent(p.votes_for, p.voters),
        )
    });
    d.para(Para::body(vec![Run::plain(t::DOCX_MINUTES_CLOSE)]));
    signatures(
        &mut d,
        (t::DOCX_SECRETARY_SIGN, &m.secretary),
        (t::DOCX_CHAIR_SIGN, &m.chair),
    );
    recipients(&mut d);
    d.finish()
}
