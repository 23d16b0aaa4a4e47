//! "Tổng hợp": one row per unit, totals per stage, final result, rank and class.

use super::Ctx;
use crate::model::{classify, Stage};
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub fn SummaryView() -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let table = move || {
        let results = ctx.results.get();
        ctx.sheet.with(|sheet| {
            let order = results.order(None);
            let rows = order
                .into_iter()
                .map(|i| {
                    let u = &sheet.units[i];
                    let r = &results.units[i];
                    let stages = Stage::ALL
                        .map(|s| {
                            let sr = r.stage(s);
                            let v = if sr.filled() { sr.total.to_vi() } else { t::NOT_SCORED.to_string() };
                            view! { <td class="c-num">{v}</td> }
                        })
                        .to_vec();
                    let total = r.final_total();
                    let final_text = total.map(|v| v.to_vi()).unwrap_or_else(|| t::NOT_SCORED.to_string());
                    let rank = r.final_rank.map(t::rank_word).unwrap_or_else(|| t::NOT_RANKED.to_string());
                    let class = total.and_then(|v| classify(sheet, v)).unwrap_or(t::NOT_SCORED).to_string();
                    view! {
                        <tr>
                            <th scope="row" class="c-text">{u.name.clone()}</th>
                            {stages}
                            <td class="c-num total">{final_text}</td>
                            <td class="c-rank">{rank}</td>
                            <td>{class}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="summary" aria-label=t::VIEW_SUMMARY>
                    <thead>
                        <tr>
                            <th scope="col">{t::COL_UNIT}</th>
                            {Stage::ALL.map(|s| view! { <th scope="col">{t::stage_name(s)}</th> }).to_vec()}
                            <th scope="col">{t::COL_FINAL}</th>
                            <th scope="col">{t::COL_RANK}</th>
                            <th scope="col">{t::COL_CLASS}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    view! { <section class="view">{table}</section> }
}
