//! "Xem bản in": the Tổng hợp, every unit's phiếu and the Thẩm định list
//! laid out as A4 pages for the browser to print (Ctrl+P). The whole table
//! is drawn (the grid draws only the rows on screen); table heads repeat
//! on every printed page (`thead`); each part opens with the national
//! header of the template's face and closes with the signature block; on
//! locked results the code is printed at the foot of every page (an
//! `@page` margin box reading the root's `--print-code`, style/main.css).

use super::Ctx;
use crate::model::calc::{evaluate, CellValue};
use crate::model::compare::adjustments;
use crate::model::{classes::class_of, Face, Kind, Results, Scoresheet, Stage};
use crate::strings as t;
use crate::xlsx::words;
use leptos::prelude::*;

/// What `@media print` hides while the view is open: the app around it.
const PRINTING: &str = "printing";

/// Marks the page as printing this view, with the lock's code for the
/// page footer, until the view closes.
fn mark_page(code: Option<String>) {
    let doc = document();
    if let Some(body) = doc.body() {
        let _ = body.class_list().add_1(PRINTING);
    }
    if let Some(root) = doc.document_element() {
        let style = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&root).style();
        match code {
            // A CSS string: the code holds only hex digits and a dash.
            Some(c) => {
                let _ = style.set_property("--print-code", &format!("\"{c}\""));
            }
            None => {
                let _ = style.remove_property("--print-code");
            }
        }
    }
}

fn unmark_page() {
    let doc = document();
    if let Some(body) = doc.body() {
        let _ = body.class_list().remove_1(PRINTING);
    }
    if let Some(root) = doc.document_element() {
        let style = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&root).style();
        let _ = style.remove_property("--print-code");
    }
}

#[component]
pub fn PrintView(close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let code = ctx.sheet.with_untracked(|s| {
        s.lock
            .as_ref()
            .map(|l| format!("{} {}", words::EXPORT_LOCK_CODE, l.fingerprint))
    });
    mark_page(code);
    on_cleanup(unmark_page);
    let pages = ctx
        .sheet
        .with_untracked(|s| ctx.results.with_untracked(|r| pages(s, r)));
    view! {
        <div class="print-view" role="dialog" aria-modal="true" aria-label=t::PRINT_TITLE>
            <div class="print-bar">
                <button class="primary" on:click=move |_| { let _ = window().print(); }>{t::PRINT_NOW}</button>
                <button on:click=move |_| close()>{t::CLOSE}</button>
                <span class="hint">{t::PRINT_HINT}</span>
            </div>
            {pages}
        </div>
    }
}

/// Every part of the print, in the order the export's sheets have.
fn pages(s: &Scoresheet, r: &Results) -> impl IntoView {
    let units = (0..s.units.len())
        .map(|i| unit_page(s, r, i))
        .collect_view();
    view! {
        {summary_page(s, r)}
        {units}
        {review_page(s)}
    }
}

/// The national header: the issuing body on the left (its own line in
/// bold), the nation and motto on the right (NĐ 30/2020).
fn face_header(face: &Face) -> impl IntoView {
    let issuer = match face.issuer.is_empty() {
        true => vec![words::EXPORT_BLOC.to_string()],
        false => face.issuer.clone(),
    };
    let last = issuer.len().saturating_sub(1);
    let lines = issuer
        .into_iter()
        .enumerate()
        .map(|(i, l)| match i == last {
            true => view! { <strong>{l}</strong> }.into_any(),
            false => view! { <span>{l}</span> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="face">
            <div class="issuer">{lines}</div>
            <div class="nation">
                <strong>{words::EXPORT_NATION}</strong>
                <strong class="motto">{words::EXPORT_MOTTO}</strong>
            </div>
        </div>
    }
}

fn signature(face: &Face) -> impl IntoView {
    view! {
        <div class="signature">
            <em>{words::export_date_line(&face.place)}</em>
            <strong>{words::EXPORT_SIGNER}</strong>
            <em>{words::EXPORT_SIGN_HINT}</em>
        </div>
    }
}

fn lock_line(s: &Scoresheet) -> Option<impl IntoView> {
    s.lock
        .as_ref()
        .map(|l| view! { <p class="lock-line">{words::export_lock_line(l)}</p> })
}

/// The top-level content sections, the summary's columns (bonus and
/// deduction have their own), as the export has them.
fn sections(r: &Results) -> Vec<usize> {
    r.tree
        .roots()
        .filter(|&p| r.tree.kind(p) == Kind::Content)
        .collect()
}

/// Tổng hợp: units by final rank (unranked after, in sheet order).
fn summary_page(s: &Scoresheet, r: &Results) -> impl IntoView {
    let secs = sections(r);
    let mut order: Vec<usize> = (0..s.units.len()).collect();
    order.sort_by_key(|&i| (r.units[i].rank_for(None).unwrap_or(usize::MAX), i));
    let has_classes = !s.classes.is_empty();
    let heads = secs
        .iter()
        .map(
            |&p| view! { <th scope="col">{t::section_head(&s.nodes[p], r.tree.shown_max(p))}</th> },
        )
        .collect_view();
    let rows = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let u = &r.units[i];
            let name = s.units[i].name.clone();
            match u.result_for(None) {
                Some(res) => {
                    let cells = secs
                        .iter()
                        .map(|&p| view! { <td class="num">{res.points.get(p).copied().unwrap_or_default().to_vi()}</td> })
                        .collect_view();
                    let rank = u.rank_for(None).map(t::rank_word).unwrap_or_default();
                    let class = class_of(s, &r.tree, res).unwrap_or_default().to_string();
                    view! {
                        <tr>
                            <td class="num">{k + 1}</td>
                            <td class="unit">{name}</td>
                            {cells}
                            <td class="num">{res.bonus.to_vi()}</td>
                            <td class="num">{res.deduction.to_vi()}</td>
                            <td class="num total">{res.total.to_vi()}</td>
                            <td class="rank">{rank}</td>
                            {has_classes.then(|| view! { <td>{class}</td> })}
                        </tr>
                    }
                    .into_any()
                }
                None => {
                    let span = secs.len() + 4 + usize::from(has_classes);
                    view! {
                        <tr class="pending">
                            <td class="num">{k + 1}</td>
                            <td class="unit">{name}</td>
                            <td colspan=span.to_string()>{t::AWAITING_BLOC}</td>
                        </tr>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! {
        <section class="print-page landscape">
            {face_header(&s.face)}
            <h1>{words::EXPORT_SUMMARY_TITLE}</h1>
            <p class="sheet-line">{s.title.clone()}</p>
            <p class="note">{t::export_summary_note(r.rule)}</p>
            {lock_line(s)}
            <table>
                <thead>
                    <tr>
                        <th scope="col">{words::EXPORT_COL_STT}</th>
                        <th scope="col">{words::EXPORT_COL_UNIT}</th>
                        {heads}
                        <th scope="col">{words::EXPORT_COL_BONUS}</th>
                        <th scope="col">{words::EXPORT_COL_DEDUCTION}</th>
                        <th scope="col">{t::COL_TOTAL}</th>
                        <th scope="col">{words::EXPORT_COL_RANK_WORD}</th>
                        {has_classes.then(|| view! { <th scope="col">{t::COL_CLASS}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {signature(&s.face)}
        </section>
    }
}

/// A score cell as printed: the valid value with a decimal comma, an
/// invalid one as typed with ⚠ (it is not counted), blank when empty.
fn score_text(raw: &str, max: Option<crate::model::Dec>) -> String {
    match evaluate(raw, max) {
        CellValue::Empty => String::new(),
        CellValue::Valid(v) => v.to_vi(),
        CellValue::Invalid(_) => format!("{} ⚠", raw.trim()),
    }
}

/// One unit's phiếu: every criterion, the three stages, the notes.
fn unit_page(s: &Scoresheet, r: &Results, i: usize) -> impl IntoView {
    let unit = &s.units[i];
    let res = &r.units[i];
    let tree = &r.tree;
    let rows = s
        .nodes
        .iter()
        .enumerate()
        .map(|(p, n)| {
            let section = tree.is_section(p);
            let stages = Stage::ALL
                .into_iter()
                .map(|st| {
                    let sr = res.stage(st);
                    let text = if tree.is_scoreable(p) {
                        score_text(unit.raw(n.id, st), n.max)
                    } else if section && sr.entered > 0 {
                        sr.points.get(p).copied().unwrap_or_default().to_vi()
                    } else {
                        String::new()
                    };
                    view! { <td class="num">{text}</td> }
                })
                .collect_view();
            let notes: Vec<String> = Stage::ALL
                .into_iter()
                .filter_map(|st| {
                    let note = unit.mark(n.id, st)?.note.trim().to_string();
                    (!note.is_empty()).then(|| format!("{}: {note}", words::stage_word(st)))
                })
                .collect();
            let max = tree
                .shown_max(p)
                .filter(|_| !n.guidance)
                .map(|m| m.max.to_vi())
                .unwrap_or_default();
            let class = match (section, n.guidance) {
                (true, _) => "section",
                (_, true) => "guidance",
                _ => "",
            };
            view! {
                <tr class=class>
                    <td>{n.label.clone()}</td>
                    <td>{n.text.clone()}</td>
                    <td class="num">{max}</td>
                    {stages}
                    <td class="notes">{notes.join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    let total_row = |label: &'static str, f: fn(&crate::model::StageResult) -> String| {
        let cells = Stage::ALL
            .into_iter()
            .map(|st| {
                let sr = res.stage(st);
                let v = if sr.entered > 0 { f(sr) } else { String::new() };
                view! { <td class="num">{v}</td> }
            })
            .collect_view();
        view! {
            <tr class="section">
                <td></td>
                <td>{label}</td>
                <td></td>
                {cells}
                <td></td>
            </tr>
        }
    };
    view! {
        <section class="print-page">
            {face_header(&s.face)}
            <h1>{words::EXPORT_FORM_TITLE}</h1>
            <p class="sheet-line">{words::export_title_line(&s.title)}</p>
            <p class="sheet-line"><strong>{words::export_unit_line(&unit.name)}</strong></p>
            {lock_line(s)}
            <table class="form">
                <thead>
                    <tr>
                        <th scope="col">{words::EXPORT_COL_STT}</th>
                        <th scope="col">{words::EXPORT_COL_TEXT}</th>
                        <th scope="col">{t::COL_MAX}</th>
                        {Stage::ALL.into_iter().map(|st| view! { <th scope="col">{words::stage_word(st)}</th> }).collect_view()}
                        <th scope="col">{t::COL_NOTE}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    {total_row(words::EXPORT_ROW_CONTENT, |r| r.content.to_vi())}
                    {total_row(t::COL_BONUS, |r| r.bonus.to_vi())}
                    {total_row(words::EXPORT_ROW_DEDUCTION, |r| r.deduction.to_vi())}
                    {total_row(words::EXPORT_ROW_TOTAL, |r| r.total.to_vi())}
                </tbody>
            </table>
            {signature(&s.face)}
        </section>
    }
}

/// Thẩm định: every cell where khối chấm or thẩm định differs from tự
/// chấm, with its reason (none: one line saying so).
fn review_page(s: &Scoresheet) -> impl IntoView {
    let list = adjustments(s);
    let body = match list.is_empty() {
        true => view! { <p>{t::COMPARE_NO_DIFF}</p> }.into_any(),
        false => {
            let rows = list
                .iter()
                .map(|a| {
                    let reason = match a.reason.is_empty() {
                        true => t::REASONS_MISSING.to_string(),
                        false => a.reason.clone(),
                    };
                    view! {
                        <tr>
                            <td>{s.units[a.unit].name.clone()}</td>
                            <td>{a.code.clone()}</td>
                            <td>{a.text.clone()}</td>
                            <td>{words::stage_word(a.stage)}</td>
                            <td class="num">{a.before.clone()}</td>
                            <td class="num">{a.after.clone()}</td>
                            <td class:missing=a.reason.is_empty()>{reason}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{words::EXPORT_COL_UNIT}</th>
                            <th scope="col">{t::PRINT_COL_CODE}</th>
                            <th scope="col">{words::EXPORT_COL_TEXT}</th>
                            <th scope="col">{t::PRINT_COL_STAGE}</th>
                            <th scope="col">{words::stage_word(Stage::SelfScore)}</th>
                            <th scope="col">{t::PRINT_COL_AFTER}</th>
                            <th scope="col">{t::PRINT_COL_REASON}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <section class="print-page landscape">
            {face_header(&s.face)}
            <h1>{t::PRINT_REVIEW_TITLE}</h1>
            <p class="sheet-line">{s.title.clone()}</p>
            {lock_line(s)}
            {body}
            {signature(&s.face)}
        </section>
    }
}
