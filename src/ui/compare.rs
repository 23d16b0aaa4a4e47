//! "Thẩm định": the adjustments without a reason; where khối chấm or thẩm
//! định differs from tự chấm, unit by unit, the top three first; every unit
//! the bloc ranked in its top three, differences or not; the units the bloc
//! never scored.

use super::Ctx;
use crate::model::compare::{adjustments, compare, never_scored_by_bloc};
use crate::model::{Dec, Stage};
use crate::strings as t;
use leptos::prelude::*;

fn show(v: Option<Dec>) -> String {
    v.map(|d| d.to_vi()).unwrap_or_default()
}

fn delta(v: Option<Dec>) -> (String, &'static str) {
    match v {
        Some(d) if d.is_negative() => (d.to_vi(), "c-num delta down"),
        Some(d) if !d.is_zero() => (format!("+{}", d.to_vi()), "c-num delta up"),
        _ => (String::new(), "c-num"),
    }
}

#[component]
pub fn CompareView() -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let content = move || {
        ctx.results.with(|res| {
            ctx.sheet.with(|sheet| {
                let list = compare(sheet, res);
                let never: Vec<&str> = never_scored_by_bloc(res).into_iter().map(|i| sheet.units[i].display_name()).collect();
                let never = (!never.is_empty()).then(|| view! { <p class="warn never-bloc">{t::compare_never_bloc(&never)}</p> });
                let unexplained: Vec<_> = adjustments(sheet).into_iter().filter(|a| a.reason.is_empty()).collect();
                let unexplained = (!unexplained.is_empty()).then(|| {
                    let n = unexplained.len();
                    let rows = unexplained
                        .into_iter()
                        .map(|a| view! {
                            <tr>
                                <td>{sheet.units[a.unit].name.clone()}</td>
                                <td>{a.code}</td>
                                <td class="c-text">{a.text}</td>
                                <td>{t::stage_name(a.stage)}</td>
                                <td class="c-num">{a.before}</td>
                                <td class="c-num">{a.after}</td>
                            </tr>
                        })
                        .collect_view();
                    view! {
                        <section class="cmp-unexplained" aria-label=t::REASONS_MISSING>
                            <h3>{t::reasons_missing(n)}</h3>
                            <p class="muted">{t::REASONS_HINT}</p>
                            <table class="compare" aria-label=t::REASONS_MISSING>
                                <thead>
                                    <tr>
                                        <th scope="col">{t::COL_UNIT}</th>
                                        <th scope="col">{t::COL_STT}</th>
                                        <th scope="col">{t::COL_TEXT}</th>
                                        <th scope="col">{t::EXPORT_HISTORY_STAGE}</th>
                                        <th scope="col">{t::stage_name(Stage::SelfScore)}</th>
                                        <th scope="col">{t::REASONS_AFTER}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </section>
                    }
                });
                if list.is_empty() {
                    return view! { {never} {unexplained} <p class="muted">{t::COMPARE_NONE}</p> }.into_any();
                }
                let blocks = list.into_iter()
                    .map(|uc| {
                        let u = &sheet.units[uc.unit];
                        let rank = uc.final_rank.map(t::rank_word).unwrap_or_else(|| t::NOT_RANKED.into());
                        let top = uc.top();
                        let bloc = match uc.bloc_rank {
                            Some(r) => Some(t::bloc_rank(r)),
                            None if !uc.bloc_scored => Some(t::COMPARE_NOT_BLOC.to_string()),
                            None => None,
                        };
                        let empty = uc.diffs.is_empty();
                        let totals = Stage::ALL
                            .map(|s| format!("{}: {}", t::stage_name(s), uc.totals[s.index()].map(|v| v.to_vi()).unwrap_or_else(|| t::NOT_SCORED.into())))
                            .join(" · ");
                        let rows = uc
                            .diffs
                            .iter()
                            .map(|d| {
                                let (bd, bc) = delta(d.bloc_delta);
                                let (vd, vc) = delta(d.verify_delta);
                                let notes = d
                                    .notes
                                    .iter()
                                    .zip(Stage::ALL)
                                    .filter(|(n, _)| !n.is_empty())
                                    .map(|(n, s)| format!("{}: {}", t::stage_name(s), n))
                                    .collect::<Vec<_>>()
                                    .join("\n");
                                view! {
                                    <tr>
                                        <td>{d.code.clone()}</td>
                                        <td class="c-text">{d.text.clone()}</td>
                                        <td class="c-num">{show(d.values[0])}</td>
                                        <td class="c-num">{show(d.values[1])}</td>
                                        <td class=bc>{bd}</td>
                                        <td class="c-num">{show(d.values[2])}</td>
                                        <td class=vc>{vd}</td>
                                        <td class="c-note">{notes}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <section class=if top { "cmp-unit top" } else { "cmp-unit" } aria-label=u.name.clone()>
                                <h3>{format!("{} — {}", rank, u.name)}{bloc.map(|b| view! { <span class="bloc-rank">{format!(" ({b})")}</span> })}</h3>
                                <p class="muted">{totals}</p>
                                {empty.then(|| view! { <p class="no-diff">{t::COMPARE_NO_DIFF}</p> })}
                                {(!empty).then(|| view! {
                                <table class="compare" aria-label=format!("{} {}", t::VIEW_COMPARE, u.name)>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t::COL_STT}</th>
                                            <th scope="col">{t::COL_TEXT}</th>
                                            <th scope="col">{t::stage_name(Stage::SelfScore)}</th>
                                            <th scope="col">{t::stage_name(Stage::Bloc)}</th>
                                            <th scope="col">{t::COL_DELTA}</th>
                                            <th scope="col">{t::stage_name(Stage::Verify)}</th>
                                            <th scope="col">{t::COL_DELTA}</th>
                                            <th scope="col">{t::COL_NOTE}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                })}
                            </section>
                        }
                    })
                    .collect_view();
                view! { {never} {unexplained} {blocks} }.into_any()
            })
        })
    };
    view! {
        <section class="view compare-view">
            <p class="muted">{t::COMPARE_HINT}</p>
            {content}
        </section>
    }
}
