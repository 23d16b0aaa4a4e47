//! "Phiếu chấm": the criteria tree against the units, one stage at a time
//! (read-only here; the editable grid replaces it).

use super::Ctx;
use crate::model::{classify, evaluate, CellValue, Stage};
use crate::strings as t;
use leptos::prelude::*;

#[component]
pub fn ScoresView() -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let stage = RwSignal::new(Stage::SelfScore);
    let stage_button = move |s: Stage| {
        view! {
            <button
                class="stage"
                aria-pressed=move || (stage.get() == s).to_string()
                on:click=move |_| stage.set(s)
            >
                {t::stage_name(s)}
            </button>
        }
    };
    let table = move || {
        let st = stage.get();
        let results = ctx.results.get();
        ctx.sheet.with(|sheet| {
            let tree = &results.tree;
            let head = view! {
                <tr>
                    <th scope="col" class="c-stt">{t::COL_STT}</th>
                    <th scope="col" class="c-text">{t::COL_TEXT}</th>
                    <th scope="col" class="c-num">{t::COL_MAX}</th>
                    <th scope="col" class="c-num">{t::COL_WEIGHT}</th>
                    {sheet
                        .units
                        .iter()
                        .map(|u| view! { <th scope="col" class="c-unit" title=u.name.clone()>{u.display_name().to_string()}</th> })
                        .collect_view()}
                </tr>
            };
            let rows = sheet
                .nodes
                .iter()
                .enumerate()
                .map(|(pos, node)| {
                    let depth = tree.depth(pos);
                    let section = tree.is_section(pos);
                    let class = if node.guidance {
                        "r-guide".to_string()
                    } else if section {
                        format!("r-section d{}", depth.min(3))
                    } else {
                        format!("r-crit d{}", depth.min(3))
                    };
                    let max = tree.max(pos).map(|m| m.to_vi()).unwrap_or_default();
                    let weight = if node.guidance || node.weight == crate::model::Dec::ONE {
                        String::new()
                    } else {
                        node.weight.to_vi()
                    };
                    let cells = sheet
                        .units
                        .iter()
                        .zip(results.units.iter())
                        .map(|(u, r)| {
                            if node.guidance {
                                view! { <td class="c-unit"></td> }.into_any()
                            } else if section {
                                let v = r.stage(st).points[pos].to_vi();
                                view! { <td class="c-unit sum">{v}</td> }.into_any()
                            } else {
                                let raw = u.raw(node.id, st).to_string();
                                match evaluate(&raw, node.max) {
                                    CellValue::Invalid(e) => {
                                        let why = t::cell_error(&e);
                                        view! { <td class="c-unit invalid" title=why>{raw}</td> }.into_any()
                                    }
                                    _ => view! { <td class="c-unit">{raw}</td> }.into_any(),
                                }
                            }
                        })
                        .collect_view();
                    view! {
                        <tr class=class>
                            <td class="c-stt">{node.label.clone()}</td>
                            <td class="c-text">{node.text.clone()}</td>
                            <td class="c-num">{max}</td>
                            <td class="c-num">{weight}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            let foot_row = |label: String, class: &'static str, values: Vec<String>| {
                view! {
                    <tr class=class>
                        <td></td>
                        <th scope="row" class="c-text">{label}</th>
                        <td></td>
                        <td></td>
                        {values.into_iter().map(|v| view! { <td class="c-unit">{v}</td> }).collect_view()}
                    </tr>
                }
            };
            let per_unit = |f: &dyn Fn(&crate::model::UnitResult) -> String| {
                results.units.iter().map(f).collect::<Vec<_>>()
            };
            let content_max = tree.content_max.to_vi();
            let foot = view! {
                {foot_row(format!("{} ({})", t::ROW_CONTENT, content_max), "r-foot", per_unit(&|r| r.stage(st).content.to_vi()))}
                {foot_row(t::ROW_BONUS.to_string(), "r-foot", per_unit(&|r| r.stage(st).bonus.to_vi()))}
                {foot_row(t::ROW_DEDUCTION.to_string(), "r-foot", per_unit(&|r| r.stage(st).deduction.to_vi()))}
                {foot_row(t::ROW_TOTAL.to_string(), "r-total", per_unit(&|r| {
                    if r.stage(st).filled() { r.stage(st).total.to_vi() } else { t::NOT_SCORED.to_string() }
                }))}
                {foot_row(t::ROW_RANK.to_string(), "r-rank", per_unit(&|r| {
                    r.rank[st.index()].map(t::rank_word).unwrap_or_else(|| t::NOT_RANKED.to_string())
                }))}
                {foot_row(t::ROW_CLASS.to_string(), "r-foot", per_unit(&|r| {
                    let s = r.stage(st);
                    if s.filled() { classify(sheet, s.total).unwrap_or(t::NOT_SCORED).to_string() } else { String::new() }
                }))}
                {foot_row(t::ROW_INVALID.to_string(), "r-foot", per_unit(&|r| {
                    let n = r.stage(st).invalid;
                    if n > 0 { n.to_string() } else { String::new() }
                }))}
            };
            view! {
                <table class="scores" aria-label=t::VIEW_SCORES>
                    <thead>{head}</thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{foot}</tfoot>
                </table>
            }
        })
    };
    view! {
        <section class="view">
            <div class="stages" role="group" aria-label=t::STAGE_PICK>
                <span>{t::STAGE_PICK}</span>
                {Stage::ALL.map(stage_button).to_vec()}
            </div>
            <div class="table-wrap">{table}</div>
        </section>
    }
}
