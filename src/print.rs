//! The print view's pages as HTML ("Xem bản in", `ui/print.rs` shows
//! them): the Tổng hợp, every unit's phiếu and the Thẩm định list, each
//! with the national header of the template's face and the signature
//! block. Pure, so it is tested natively.
//!
//! Written as one HTML string put in the page at once, not as Leptos
//! views: for the 60 units × 400 criteria bench book (62 pages, ~170,000
//! cells) the views took 5.3 s to open and 1.7 s to close on this
//! machine; the string is built and parsed by the browser in a fraction
//! of that, and weighs far less in the page's wasm than a view type per
//! table part. Every text from the scoresheet is escaped.

use crate::model::calc::{evaluate, CellValue};
use crate::model::compare::adjustments;
use crate::model::text::escape_markup;
use crate::model::{classes::class_of, Dec, Face, Results, Scoresheet, Stage, StageResult};
use crate::strings as t;
use crate::xlsx::words;
use std::fmt::Write;

/// `<tag class="…">text</tag>`, the text escaped.
fn el(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag}");
    if !class.is_empty() {
        let _ = write!(out, " class=\"{class}\"");
    }
    out.push('>');
    escape_markup(out, text);
    let _ = write!(out, "</{tag}>");
}

/// Every page of the print, in the order the export's sheets have.
pub fn html(s: &Scoresheet, r: &Results) -> String {
    let mut out = String::with_capacity(64 * 1024);
    summary_page(&mut out, s, r);
    for i in 0..s.units.len() {
        unit_page(&mut out, s, r, i);
    }
    review_page(&mut out, s);
    out
}

/// The national header: the issuing body on the left (its own line in
/// bold), the nation and motto on the right (NĐ 30/2020).
fn face_header(out: &mut String, face: &Face) {
    let generic = [words::EXPORT_BLOC.to_string()];
    let issuer: &[String] = match face.issuer.is_empty() {
        true => &generic,
        false => &face.issuer,
    };
    out.push_str("<div class=\"face\"><div class=\"issuer\">");
    let last = issuer.len().saturating_sub(1);
    for (i, l) in issuer.iter().enumerate() {
        let bold = face.is_body_line(i) || (face.issuer.is_empty() && i == last);
        el(out, if bold { "strong" } else { "span" }, "", l);
    }
    out.push_str("</div><div class=\"nation\">");
    el(out, "strong", "", words::EXPORT_NATION);
    el(out, "strong", "motto", words::EXPORT_MOTTO);
    out.push_str("</div></div>");
}

fn signature(out: &mut String, face: &Face) {
    out.push_str("<div class=\"signature\">");
    el(out, "em", "", &words::export_date_line(&face.place));
    el(out, "strong", "", words::EXPORT_SIGNER);
    el(out, "em", "", words::EXPORT_SIGN_HINT);
    out.push_str("</div>");
}

/// The heading lines of a page: title, the lines under it, the lock.
fn heading(out: &mut String, s: &Scoresheet, title: &str, lines: &[(&str, &str)]) {
    face_header(out, &s.face);
    el(out, "h1", "", title);
    for (class, text) in lines {
        el(out, "p", class, text);
    }
    if let Some(l) = &s.lock {
        el(out, "p", "lock-line", &words::export_lock_line(l));
    }
}

fn head_row(out: &mut String, heads: &[String]) {
    out.push_str("<thead><tr>");
    for h in heads {
        el(out, "th", "", h);
    }
    out.push_str("</tr></thead>");
}

/// Tổng hợp: units by final rank (unranked after, in sheet order).
fn summary_page(out: &mut String, s: &Scoresheet, r: &Results) {
    let secs: Vec<usize> = r.tree.content_sections().collect();
    let order = r.final_order();
    let has_classes = !s.classes.is_empty();
    out.push_str("<section class=\"print-page landscape\">");
    let note = t::export_summary_note(r.rule);
    heading(
        out,
        s,
        words::EXPORT_SUMMARY_TITLE,
        &[("sheet-line", &s.title), ("note", &note)],
    );
    let mut heads = vec![
        words::EXPORT_COL_STT.to_string(),
        words::EXPORT_COL_UNIT.to_string(),
    ];
    heads.extend(
        secs.iter()
            .map(|&p| t::section_head(&s.nodes[p], r.tree.shown_max(p))),
    );
    heads.extend(
        [
            words::EXPORT_COL_BONUS,
            words::EXPORT_COL_DEDUCTION,
            t::COL_TOTAL,
            words::EXPORT_COL_RANK_WORD,
        ]
        .map(String::from),
    );
    if has_classes {
        heads.push(t::COL_CLASS.to_string());
    }
    out.push_str("<table class=\"summary\">");
    head_row(out, &heads);
    out.push_str("<tbody>");
    for (k, &i) in order.iter().enumerate() {
        let u = &r.units[i];
        let _ = write!(out, "<tr><td class=\"num\">{}</td>", k + 1);
        el(out, "td", "unit", &s.units[i].name);
        match u.result_for(None) {
            Some(res) => {
                for &p in &secs {
                    let v = res.points.get(p).copied().unwrap_or_default();
                    el(out, "td", "num", &v.to_vi());
                }
                el(out, "td", "num", &res.bonus.to_vi());
                el(out, "td", "num", &res.deduction.to_vi());
                el(out, "td", "num total", &res.total.to_vi());
                let rank = u.rank_for(None).map(t::rank_word).unwrap_or_default();
                el(out, "td", "rank", &rank);
                if has_classes {
                    el(out, "td", "", class_of(s, &r.tree, res).unwrap_or_default());
                }
            }
            None => {
                let span = secs.len() + 4 + usize::from(has_classes);
                let _ = write!(out, "<td colspan=\"{span}\">");
                escape_markup(out, t::AWAITING_BLOC);
                out.push_str("</td>");
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    signature(out, &s.face);
    out.push_str("</section>");
}

/// A score cell as printed: the valid value with a decimal comma, an
/// invalid one as typed with ⚠ (it is not counted), blank when empty.
fn score_text(raw: &str, max: Option<Dec>) -> String {
    match evaluate(raw, max) {
        CellValue::Empty => String::new(),
        CellValue::Valid(v) => v.to_vi(),
        CellValue::Invalid(_) => format!("{} ⚠", raw.trim()),
    }
}

/// One part of a stage's total (content, bonus, deduction, total).
type Part = fn(&StageResult) -> Dec;

/// One unit's phiếu: every criterion, the three stages, the notes.
fn unit_page(out: &mut String, s: &Scoresheet, r: &Results, i: usize) {
    let unit = &s.units[i];
    let res = &r.units[i];
    let tree = &r.tree;
    out.push_str("<section class=\"print-page\">");
    let title = words::export_title_line(&s.title);
    let unit_line = words::export_unit_line(&unit.name);
    heading(
        out,
        s,
        words::EXPORT_FORM_TITLE,
        &[("sheet-line", &title), ("sheet-line unit-line", &unit_line)],
    );
    let mut heads = vec![
        words::EXPORT_COL_STT.to_string(),
        words::EXPORT_COL_TEXT.to_string(),
        t::COL_MAX.to_string(),
    ];
    heads.extend(Stage::ALL.map(|st| words::stage_word(st).to_string()));
    heads.push(t::COL_NOTE.to_string());
    out.push_str("<table class=\"form\">");
    head_row(out, &heads);
    out.push_str("<tbody>");
    for (p, n) in s.nodes.iter().enumerate() {
        let section = tree.is_section(p);
        let class = match (section, n.guidance) {
            (true, _) => "section",
            (_, true) => "guidance",
            _ => "",
        };
        let _ = write!(out, "<tr class=\"{class}\">");
        el(out, "td", "", &n.label);
        el(out, "td", "", &n.text);
        let max = tree
            .shown_max(p)
            .filter(|_| !n.guidance)
            .map(|m| m.max.to_vi())
            .unwrap_or_default();
        el(out, "td", "num", &max);
        for st in Stage::ALL {
            let sr = res.stage(st);
            let text = if tree.is_scoreable(p) {
                score_text(unit.raw(n.id, st), n.max)
            } else if section && sr.entered > 0 {
                sr.points.get(p).copied().unwrap_or_default().to_vi()
            } else {
                String::new()
            };
            el(out, "td", "num", &text);
        }
        let notes: Vec<String> = Stage::ALL
            .into_iter()
            .filter_map(|st| {
                let note = unit.mark(n.id, st)?.note.trim().to_string();
                (!note.is_empty()).then(|| format!("{}: {note}", words::stage_word(st)))
            })
            .collect();
        el(out, "td", "notes", &notes.join("; "));
        out.push_str("</tr>");
    }
    let totals: [(&str, Part); 4] = [
        (words::EXPORT_ROW_CONTENT, |r| r.content),
        (t::COL_BONUS, |r| r.bonus),
        (words::EXPORT_ROW_DEDUCTION, |r| r.deduction),
        (words::EXPORT_ROW_TOTAL, |r| r.total),
    ];
    for (label, f) in totals {
        out.push_str("<tr class=\"section\"><td></td>");
        el(out, "td", "", label);
        out.push_str("<td></td>");
        for st in Stage::ALL {
            let sr = res.stage(st);
            let v = if sr.entered > 0 {
                f(sr).to_vi()
            } else {
                String::new()
            };
            el(out, "td", "num", &v);
        }
        out.push_str("<td></td></tr>");
    }
    out.push_str("</tbody></table>");
    signature(out, &s.face);
    out.push_str("</section>");
}

/// Thẩm định: every cell where khối chấm or thẩm định differs from tự
/// chấm, with its reason (none: one line saying so).
fn review_page(out: &mut String, s: &Scoresheet) {
    let list = adjustments(s);
    out.push_str("<section class=\"print-page landscape\">");
    heading(out, s, t::PRINT_REVIEW_TITLE, &[("sheet-line", &s.title)]);
    if list.is_empty() {
        el(out, "p", "", t::COMPARE_NO_DIFF);
    } else {
        out.push_str("<table class=\"review\">");
        let heads = [
            words::EXPORT_COL_UNIT,
            t::PRINT_COL_CODE,
            words::EXPORT_COL_TEXT,
            t::PRINT_COL_STAGE,
            words::stage_word(Stage::SelfScore),
            t::PRINT_COL_AFTER,
            t::PRINT_COL_REASON,
        ]
        .map(String::from);
        head_row(out, &heads);
        out.push_str("<tbody>");
        for a in &list {
            out.push_str("<tr>");
            el(out, "td", "", &s.units[a.unit].name);
            el(out, "td", "", &a.code);
            el(out, "td", "", &a.text);
            el(out, "td", "", words::stage_word(a.stage));
            el(out, "td", "num", &a.before);
            el(out, "td", "num", &a.after);
            match a.reason.is_empty() {
                true => el(out, "td", "missing", t::REASONS_MISSING),
                false => el(out, "td", "", &a.reason),
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    signature(out, &s.face);
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    #[test]
    fn every_part_is_printed_whole_and_every_text_is_escaped() {
        let mut s = sample();
        s.units[0].name = "UBND <b>\"A\" & B".into();
        let r = Results::compute(&s);
        let h = html(&s, &r);
        // Tổng hợp, one phiếu a unit, Thẩm định.
        assert_eq!(
            h.matches("<section class=\"print-page").count(),
            s.units.len() + 2
        );
        assert!(h.contains("UBND &lt;b&gt;&quot;A&quot; &amp; B"));
        assert!(!h.contains("<b>"));
        // Every criterion of every unit, not the rows a grid would show.
        let rows = h.matches("<tr class=\"").count();
        assert_eq!(rows, s.units.len() * (s.nodes.len() + 4));
        // Ranks in words, the face's generic header without a face.
        assert!(h.contains("<td class=\"rank\">Nhất</td>"));
        assert!(h.contains(words::EXPORT_NATION));
        assert!(!h.contains("lock-line"));
    }

    #[test]
    fn a_locked_sheet_says_its_code_on_every_part() {
        let mut s = sample();
        let op = crate::model::lock::lock_op(&s, Stage::Bloc, "05/12/2026 14:30");
        s.apply(op);
        let h = html(&s, &Results::compute(&s));
        let code = &s.lock.as_ref().unwrap().fingerprint;
        assert_eq!(
            h.matches(&format!("Mã kết quả {code}")).count(),
            s.units.len() + 2
        );
    }
}
