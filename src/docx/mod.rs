//! The documents of the dossier sent to the Ban Thi đua - Khen thưởng, as
//! .docx (Word is what offices edit and sign): the "Biên bản họp khối"
//! (`minutes.rs`) and the "Báo cáo kết quả chấm điểm" (`report.rs`),
//! filled from the scoresheet, its results and the meeting the secretary
//! typed (`model::meeting`). Written in the file worker; `doc.rs` is the
//! document writer, this file the parts both documents share (national
//! header, results table, signature, recipients).

mod doc;
mod dossier;
mod minutes;
mod report;

pub use dossier::{dossier, dossier_name, Document};
pub use minutes::minutes;
pub use report::report;

use crate::model::{classes::class_of, Face, Results, Scoresheet, Stage};
use crate::strings as t;
use crate::xlsx::words;
use doc::{Align, Cell, Doc, Para, Run, Table, NOTE, SMALL, TABLE, TEXT_WIDTH_MM};

/// "bien-ban-hop-khoi-khoi-huyen-2024.docx" and the like: the kind of
/// document, then the workbook's name for the sheet.
pub fn file_name(kind: &str, title: &str) -> String {
    let stem = crate::xlsx::export::file_name(title);
    let stem = stem.trim_end_matches(".xlsx");
    format!("{kind}-{stem}.docx")
}

/// The national header (NĐ 30/2020): on the left the issuing body (its
/// superior's line plain, its own in bold) and the document's number; on
/// the right the nation, the motto, and the place and date in italics.
/// `date` is the document's date as written ("ngày 05 tháng 12 năm
/// 2026"); empty leaves dots to fill in by hand.
fn national_header(d: &mut Doc, face: &Face, number: &str, date: &str) {
    let issuer = match face.issuer.is_empty() {
        true => vec![words::EXPORT_BLOC.to_string()],
        false => face.issuer.clone(),
    };
    let last = issuer.len().saturating_sub(1);
    let mut left: Vec<Para> = issuer
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let run = Run::plain(l.to_uppercase()).size(SMALL);
            let run = if face.is_body_line(i) || (face.issuer.is_empty() && i == last) {
                Run { bold: true, ..run }
            } else {
                run
            };
            Para::center(vec![run])
        })
        .collect();
    let number = match number.trim() {
        "" => t::DOCX_NUMBER_BLANK.to_string(),
        n => format!("{} {n}", t::DOCX_NUMBER),
    };
    left.push(Para::center(vec![Run::plain(number).size(SMALL)]));
    let right = vec![
        Para::center(vec![Run::bold(words::EXPORT_NATION).size(TABLE)]),
        Para::center(vec![Run::bold(words::EXPORT_MOTTO).underlined()]),
        Para::center(vec![Run::italic(words::dated_line(&face.place, date))]),
    ];
    d.table(Table {
        // The nation's line at 12 pt fits the right column's 95 mm on one
        // line (at 13 pt in 90 mm LibreOffice broke it in two).
        widths_mm: vec![70, TEXT_WIDTH_MM - 70],
        rows: vec![vec![Cell::new(left), Cell::new(right)]],
        borders: false,
        head: 0,
    });
    d.para(Para::center(Vec::new()).after(120));
}

/// The document's name and what it is about, centred in bold.
fn title(d: &mut Doc, name: &str, about: &str) {
    d.para(Para::center(vec![Run::bold(name)]));
    d.para(Para::center(vec![Run::bold(about)]).after(240));
}

/// The units by final rank (unranked after, in sheet order): STT, unit,
/// tự chấm, khối chấm, thẩm định (when any unit has one), final total,
/// rank in words, class; then, when a stage's total is marked "(*)"
/// because not every criterion of it is scored, the line saying so.
fn results(d: &mut Doc, sheet: &Scoresheet, res: &Results) {
    let (table, partial) = results_table(sheet, res);
    d.table(table);
    if partial {
        d.para(Para::body(vec![
            Run::italic(t::DOCX_PARTIAL_NOTE).size(NOTE)
        ]));
    }
}

fn results_table(sheet: &Scoresheet, res: &Results) -> (Table, bool) {
    let has_classes = !sheet.classes.is_empty();
    let verified = res.units.iter().any(|u| u.stage(Stage::Verify).filled());
    let stages: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|&s| s != Stage::Verify || verified)
        .collect();
    let mut partial = false;
    let order = res.final_order();
    let head = |s: &str| Cell::text(Align::Center, Run::bold(s).size(TABLE));
    let num = |s: String| Cell::text(Align::Right, Run::plain(s).size(TABLE));
    let text = |s: String| Cell::text(Align::Left, Run::plain(s).size(TABLE));
    let mut heads = vec![head(words::EXPORT_COL_STT), head(words::EXPORT_COL_UNIT)];
    heads.extend(stages.iter().map(|&s| head(words::stage_word(s))));
    heads.extend([head(t::COL_FINAL), head(words::EXPORT_COL_RANK_WORD)]);
    let mut widths = vec![12, 55];
    widths.extend(stages.iter().map(|_| 20));
    widths.extend([20, 18]);
    if has_classes {
        heads.push(head(t::COL_CLASS));
        widths.push(22);
    }
    let mut rows = vec![heads];
    for (k, &i) in order.iter().enumerate() {
        let u = &res.units[i];
        let mut stage_total = |st: Stage| {
            let r = u.stage(st);
            if r.complete() {
                r.total.to_vi()
            } else if r.filled() {
                partial = true;
                format!("{} (*)", r.total.to_vi())
            } else {
                String::new()
            }
        };
        let (total, rank, class) = match u.result_for(None) {
            Some(r) => (
                r.total.to_vi(),
                u.rank_for(None).map(t::rank_word).unwrap_or_default(),
                class_of(sheet, &res.tree, r)
                    .unwrap_or_default()
                    .to_string(),
            ),
            None => (t::AWAITING_BLOC.to_string(), String::new(), String::new()),
        };
        let mut row = vec![
            Cell::text(Align::Center, Run::plain((k + 1).to_string()).size(TABLE)),
            text(sheet.units[i].name.clone()),
        ];
        row.extend(stages.iter().map(|&s| num(stage_total(s))));
        row.extend([
            num(total),
            Cell::text(Align::Center, Run::bold(rank).size(TABLE)),
        ]);
        if has_classes {
            row.push(text(class));
        }
        rows.push(row);
    }
    // Widths scaled to the text width.
    let sum: u32 = widths.iter().sum();
    let widths_mm = widths.iter().map(|w| w * TEXT_WIDTH_MM / sum).collect();
    let table = Table {
        widths_mm,
        rows,
        borders: true,
        head: 1,
    };
    (table, partial)
}

/// The proposals for an award, a paragraph each: the unit in bold, then
/// `said` of the proposal and the unit's final total ("" unranked); a line
/// saying there are none.
fn proposals(
    d: &mut Doc,
    sheet: &Scoresheet,
    res: &Results,
    said: impl Fn(&crate::model::meeting::Proposal, String) -> String,
) {
    if sheet.meeting.proposals.is_empty() {
        d.para(Para::body(vec![Run::plain(t::DOCX_NO_PROPOSALS)]));
    }
    for p in &sheet.meeting.proposals {
        let Some(i) = sheet.units.iter().position(|u| u.id == p.unit) else {
            continue;
        };
        let total = res.units[i]
            .final_total()
            .map(|d| d.to_vi())
            .unwrap_or_default();
        d.para(Para::body(vec![
            Run::bold(format!("{}: ", sheet.units[i].name)),
            Run::plain(said(p, total)),
        ]));
    }
}

/// The locked results' code, when locked: which version the document
/// speaks of.
fn lock_line(d: &mut Doc, sheet: &Scoresheet) {
    if let Some(lock) = &sheet.lock {
        d.para(Para::center(Vec::new()));
        d.para(Para::body(vec![Run::italic(words::export_lock_line(lock))]));
    }
}

/// Two signers side by side (the left one may be empty), each with the
/// signing hint and, when known, the name under the space for signing.
fn signatures(d: &mut Doc, left: (&str, &str), right: (&str, &str)) {
    let block = |(who, name): (&str, &str)| {
        if who.is_empty() {
            return Cell::new(Vec::new());
        }
        let mut p = vec![
            Para::center(vec![Run::bold(who)]),
            Para::center(vec![Run::italic(words::EXPORT_SIGN_HINT).size(SMALL)]),
        ];
        for _ in 0..3 {
            p.push(Para::center(Vec::new()));
        }
        // The name only (meeting rule 5), not the line as typed.
        let name = crate::model::meeting::signing_name(name);
        p.push(Para::center(vec![Run::bold(name)]));
        Cell::new(p)
    };
    d.para(Para::center(Vec::new()).after(120));
    d.table(Table {
        widths_mm: vec![TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM - TEXT_WIDTH_MM / 2],
        rows: vec![vec![block(left), block(right)]],
        borders: false,
        head: 0,
    });
}

/// "Nơi nhận:" and its lines, bottom left, as NĐ 30/2020 sets them.
fn recipients(d: &mut Doc) {
    d.para(Para::center(Vec::new()).after(240));
    d.para(Para::new(
        Align::Left,
        vec![Run {
            italic: true,
            ..Run::bold(t::DOCX_RECIPIENTS).size(SMALL)
        }],
    ));
    for line in t::DOCX_RECIPIENT_LINES {
        d.para(Para::new(Align::Left, vec![Run::plain(*line).size(NOTE)]));
    }
}
