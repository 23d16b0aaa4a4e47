//! "Tổng hợp": units × sections, total, rank and classification for a
//! stage (or the final result), sorted by rank or by name in Vietnamese
//! order, with a bar chart of the totals.

use super::Ctx;
use crate::model::{classify, Dec, Kind, Results, Scoresheet, Stage, StageResult};
use crate::strings as t;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Rank,
    Name,
}

/// Sorts names with the browser's Vietnamese collation.
fn vi_order(names: &[String]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..names.len()).collect();
    let locales = js_sys::Array::of1(&"vi".into());
    let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
    let compare = collator.compare();
    idx.sort_by(|&a, &b| {
        let r = compare
            .call2(
                &wasm_bindgen::JsValue::NULL,
                &names[a].as_str().into(),
                &names[b].as_str().into(),
            )
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        r.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal)
    });
    idx
}

fn chart(
    sheet: &Scoresheet,
    res: &Results,
    order: &[usize],
    stage: Option<Stage>,
) -> impl IntoView {
    let bar_h = 22.0;
    let gap = 6.0;
    let label_w = 190.0;
    let plot_w = 460.0;
    let max = res.tree.content_max + res.tree.bonus_max;
    let max_f = max.to_f64().max(1.0);
    let height = order.len() as f64 * (bar_h + gap) + gap;
    let bars = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let y = gap + k as f64 * (bar_h + gap);
            let result = res.units[i].result_for(stage);
            let total = result.map(|r| r.total).unwrap_or(Dec::ZERO);
            let w = (total.to_f64().max(0.0) / max_f * plot_w).min(plot_w);
            let name = sheet.units[i].display_name().to_string();
            let value = result.map(|r| r.total.to_vi()).unwrap_or_else(|| t::NOT_SCORED.into());
            let first = res.units[i].rank_for(stage) == Some(1);
            view! {
                <g>
                    <text x=label_w - 6.0 y=y + bar_h * 0.7 text-anchor="end" class="c-label">{name}</text>
                    <rect x=label_w y=y width=w height=bar_h class=if first { "bar top" } else { "bar" }></rect>
                    <text x=label_w + w + 6.0 y=y + bar_h * 0.7 class="c-value">{value}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{format!("{} ({} {})", t::CHART_TITLE, t::COL_TOTAL.to_lowercase(), max.to_vi())}</figcaption>
            <svg
                role="img"
                aria-label=t::CHART_TITLE
                viewBox=format!("0 0 {} {}", label_w + plot_w + 70.0, height)
                width=label_w + plot_w + 70.0
                height=height
            >
                {bars}
            </svg>
        </figure>
    }
}

#[component]
pub fn SummaryView() -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let stage: RwSignal<Option<Stage>> = RwSignal::new(None);
    let sort = RwSignal::new(Sort::Rank);
    let stage_button = move |s: Option<Stage>, label: &'static str| {
        view! {
            <button class="stage" aria-pressed=move || (stage.get() == s).to_string() on:click=move |_| stage.set(s)>
                {label}
            </button>
        }
    };
    let content = move || {
        let st = stage.get();
        let by = sort.get();
        ctx.results.with(|res| {
            ctx.sheet.with(|sheet| {
                let tree = &res.tree;
                let sections: Vec<usize> = tree.roots().filter(|&p| tree.kind(p) == Kind::Content).collect();
                let order = match by {
                    Sort::Rank => res.order(st),
                    Sort::Name => vi_order(&sheet.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>()),
                };
                let head = view! {
                    <tr>
                        <th scope="col">{t::COL_STT}</th>
                        <th scope="col">{t::COL_UNIT}</th>
                        {sections
                            .iter()
                            .map(|&p| {
                                let n = &sheet.nodes[p];
                                let max = tree.max(p).map(|m| m.to_vi()).unwrap_or_default();
                                view! { <th scope="col" title=n.text.clone()>{format!("{} ({})", n.code, max)}</th> }
                            })
                            .collect_view()}
                        <th scope="col">{t::COL_BONUS}</th>
                        <th scope="col">{t::COL_DEDUCTION}</th>
                        <th scope="col">{t::COL_TOTAL}</th>
                        <th scope="col">{t::COL_RANK}</th>
                        <th scope="col">{t::COL_CLASS}</th>
                    </tr>
                };
                let rows = order
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let u = &sheet.units[i];
                        let r = res.units[i].result_for(st);
                        let num = |f: &dyn Fn(&StageResult) -> Dec| r.map(|r| f(r).to_vi()).unwrap_or_else(|| t::NOT_SCORED.into());
                        let secs = sections
                            .iter()
                            .map(|&p| view! { <td class="c-num">{num(&|r| r.points[p])}</td> })
                            .collect_view();
                        let rank = res.units[i].rank_for(st).map(t::rank_word).unwrap_or_else(|| t::NOT_RANKED.into());
                        let class = r.and_then(|r| classify(sheet, r.total)).unwrap_or(t::NOT_SCORED).to_string();
                        let warn = r.is_some_and(|r| r.invalid > 0);
                        view! {
                            <tr>
                                <td class="c-num">{k + 1}</td>
                                <th scope="row" class="c-text">{u.name.clone()}</th>
                                {secs}
                                <td class="c-num">{num(&|r| r.bonus)}</td>
                                <td class="c-num">{num(&|r| r.deduction)}</td>
                                <td class="c-num total" title=if warn { t::ROW_INVALID } else { "" }>
                                    {if warn { "⚠ " } else { "" }}
                                    {num(&|r| r.total)}
                                </td>
                                <td class="c-rank">{rank}</td>
                                <td>{class}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="summary" aria-label=t::VIEW_SUMMARY>
                            <thead>{head}</thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {chart(sheet, res, &order, st)}
                }
            })
        })
    };
    view! {
        <section class="view">
            <div class="toolbar">
                <div class="group" role="group" aria-label=t::SUMMARY_STAGE>
                    <span class="lbl">{t::SUMMARY_STAGE}</span>
                    {stage_button(None, t::SUMMARY_FINAL)}
                    {Stage::ALL.map(|s| stage_button(Some(s), t::stage_name(s))).to_vec()}
                </div>
                <label class="group">
                    <span class="lbl">{t::SUMMARY_SORT}</span>
                    <select on:change=move |ev| sort.set(if event_target_value(&ev) == "name" { Sort::Name } else { Sort::Rank })>
                        <option value="rank">{t::SORT_RANK}</option>
                        <option value="name">{t::SORT_NAME}</option>
                    </select>
                </label>
            </div>
            {content}
        </section>
    }
}
