//! "Tổng hợp": units × sections, total, rank and classification for a
//! stage (or the final result), sorted by rank or by name in Vietnamese
//! order, with a bar chart of the totals. Every row says where its number
//! comes from, or why it is not ranked (the rules: `model::calc`).

use super::classes::ClassesDialog;
use super::Ctx;
use crate::model::classes::class_of;
use crate::model::{Dec, FinalRule, Op, Progress, Results, Scoresheet, ShownMax, Stage};
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

/// What a row shows instead of numbers when its result is not ranked:
/// "chờ khối chấm" (final) or "chưa đủ 2/14" (stage), "—" when nobody
/// scored.
fn pending(res: &Results, i: usize, stage: Option<Stage>) -> String {
    let u = &res.units[i];
    match stage {
        None => t::AWAITING_BLOC.to_string(),
        Some(s) => t::stage_status(u.stage(s).progress()),
    }
}

/// The "Căn cứ kết quả" of a row: for the final, where its numbers come
/// from (or what it waits for, with the self total); for a stage, its
/// progress; then the tie-breaks beside it.
fn basis(
    sheet: &Scoresheet,
    res: &Results,
    i: usize,
    stage: Option<Stage>,
    ties: &[crate::model::Tie],
) -> String {
    match stage {
        None => t::summary_basis(sheet, &res.units[i], res.rule, ties),
        Some(s) => {
            let mut parts = Vec::new();
            let p = res.units[i].stage(s).progress();
            if let Progress::Incomplete { .. } = p {
                parts.push(format!(
                    "{} ({} {})",
                    t::progress(p),
                    t::stage_name(s).to_lowercase(),
                    res.units[i].stage(s).total.to_vi()
                ));
            }
            for tie in ties {
                parts.push(t::tie_text(sheet.units[tie.other].display_name(), tie));
            }
            parts.join("; ")
        }
    }
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
            // Only ranked results are drawn: an incomplete one would
            // compare partial sums with whole ones.
            let result = res.units[i].result_for(stage);
            let total = result.map(|r| r.total).unwrap_or(Dec::ZERO);
            let w = (total.to_f64().max(0.0) / max_f * plot_w).min(plot_w);
            let name = sheet.units[i].display_name().to_string();
            let value = match result {
                Some(r) => r.total.to_vi(),
                None => pending(res, i, stage),
            };
            let first = res.units[i].rank_for(stage) == Some(1);
            let class = match (result, first) {
                (None, _) => "bar pending",
                (Some(_), true) => "bar top",
                (Some(_), false) => "bar",
            };
            view! {
                <g>
                    <text x=label_w - 6.0 y=y + bar_h * 0.7 text-anchor="end" class="c-label">{name}</text>
                    <rect x=label_w y=y width=w height=bar_h class=class></rect>
                    <text x=label_w + w + 6.0 y=y + bar_h * 0.7 class="c-value">{value}</text>
                </g>
            }
        })
        .collect_view();
    let caption = t::chart_caption(res.tree.shown_total_max(), res.tree.bonus_max);
    view! {
        <figure class="chart">
            <figcaption>{caption}</figcaption>
            <svg
                role="img"
                aria-label=t::CHART_TITLE
                viewBox=format!("0 0 {} {}", label_w + plot_w + 110.0, height)
                width=label_w + plot_w + 110.0
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
    let show_classes = RwSignal::new(false);
    let stage_button = move |s: Option<Stage>, label: &'static str| {
        view! {
            <button class="stage" aria-pressed=move || (stage.get() == s).to_string() on:click=move |_| stage.set(s)>
                {label}
            </button>
        }
    };
    let rule = move || ctx.sheet.with(|s| s.final_rule);
    let pick_rule = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let Some(&r) = FinalRule::ALL.iter().find(|r| rule_value(**r) == v) else {
            return;
        };
        if r != ctx.sheet.with_untracked(|s| s.final_rule) {
            ctx.edit(vec![Op::SetFinalRule(r)]);
        }
    };
    let content = move || {
        let st = stage.get();
        let by = sort.get();
        ctx.results.with(|res| {
            ctx.sheet.with(|sheet| {
                let tree = &res.tree;
                let sections: Vec<usize> = tree.content_sections().collect();
                let has_classes = !sheet.classes.is_empty();
                let order = match by {
                    Sort::Rank => res.order(st),
                    Sort::Name => vi_order(&sheet.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>()),
                };
                let ties = res.ties(st);
                let bonus_max = ShownMax { max: tree.bonus_max, raw: None };
                let head = view! {
                    <tr>
                        <th scope="col">{t::COL_STT}</th>
                        <th scope="col">{t::COL_UNIT}</th>
                        {sections
                            .iter()
                            .map(|&p| {
                                let n = &sheet.nodes[p];
                                let head = match tree.shown_max(p) {
                                    Some(m) => t::with_max(&n.code, m),
                                    None => n.code.clone(),
                                };
                                view! { <th scope="col" title=n.text.clone()>{head}</th> }
                            })
                            .collect_view()}
                        <th scope="col">{t::with_max(t::COL_BONUS, bonus_max)}</th>
                        <th scope="col">{t::COL_DEDUCTION}</th>
                        <th scope="col">{t::with_max(t::COL_TOTAL, tree.shown_total_max())}</th>
                        <th scope="col">{t::COL_RANK}</th>
                        {has_classes.then(|| view! { <th scope="col">{t::COL_CLASS}</th> })}
                        <th scope="col">{t::COL_BASIS}</th>
                    </tr>
                };
                let rows = order
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let u = &sheet.units[i];
                        let ur = &res.units[i];
                        let r = ur.result_for(st);
                        let num = |f: &dyn Fn(&crate::model::StageResult) -> Dec| r.map(|r| f(r).to_vi()).unwrap_or_else(|| t::NOT_SCORED.into());
                        let secs = sections
                            .iter()
                            .map(|&p| view! { <td class="c-num">{num(&|r| r.points[p])}</td> })
                            .collect_view();
                        let rank = ur.rank_for(st).map(t::rank_word).unwrap_or_else(|| t::NOT_RANKED.into());
                        let tied = !ties[i].is_empty();
                        let rank = if tied { format!("{rank} {}", t::TIED) } else { rank };
                        let class = r.and_then(|r| class_of(sheet, tree, r)).unwrap_or(t::NOT_SCORED).to_string();
                        let warn = ur.partial_for(st).invalid > 0;
                        let total = match r {
                            Some(r) => r.total.to_vi(),
                            None => pending(res, i, st),
                        };
                        // Beside a final that waits: the unit's own total.
                        let own = (st.is_none() && r.is_none())
                            .then(|| ur.scored(Stage::SelfScore).map(|s| format!("{} {}", t::stage_name(Stage::SelfScore).to_lowercase(), s.total.to_vi())))
                            .flatten();
                        let why = basis(sheet, res, i, st, &ties[i]);
                        view! {
                            <tr class=if r.is_some() { "" } else { "pending" }>
                                <td class="c-num">{k + 1}</td>
                                <th scope="row" class="c-text">{u.name.clone()}</th>
                                {secs}
                                <td class="c-num">{num(&|r| r.bonus)}</td>
                                <td class="c-num">{num(&|r| r.deduction)}</td>
                                <td class="c-num total" title=if warn { t::ROW_INVALID } else { "" }>
                                    {if warn { "⚠ " } else { "" }}
                                    {total}
                                    {own.map(|o| view! { <span class="own">{format!(" ({o})")}</span> })}
                                </td>
                                <td class="c-rank">{rank}</td>
                                {has_classes.then(|| view! { <td>{class}</td> })}
                                <td class="c-basis">{why}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let note = st.is_none().then(|| view! { <p class="muted rule-note">{t::final_rule_text(res.rule)}</p> });
                view! {
                    {note}
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
    // Locked results: the rule and the bands are greyed, with why.
    let locked = move || ctx.sheet.with(|s| s.lock.is_some());
    let why = move || if locked() { t::GRID_LOCKED } else { "" };
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
                <label class="group">
                    <span class="lbl">{t::FINAL_RULE_PICK}</span>
                    <select on:change=pick_rule prop:value=move || rule_value(rule()) disabled=locked title=why>
                        {FinalRule::ALL
                            .map(|r| view! { <option value=rule_value(r) selected=move || rule() == r>{t::final_rule_name(r)}</option> })
                            .to_vec()}
                    </select>
                </label>
                <button on:click=move |_| show_classes.set(true) disabled=locked title=why>{t::CLASSES_BUTTON}</button>
            </div>
            {content}
            <Show when=move || show_classes.get()>
                <ClassesDialog close=move || show_classes.set(false) />
            </Show>
        </section>
    }
}

/// A rule's value in the picker.
fn rule_value(r: FinalRule) -> &'static str {
    match r {
        FinalRule::Merge => "merge",
        FinalRule::Latest => "latest",
        FinalRule::Highest => "highest",
    }
}
