//! "Tình hình nộp": every unit with the last workbook it sent back and
//! when, how many criteria it scored per stage, and who has not sent yet.
//! The receipts are recorded by the merge ([`crate::model::merge`]).

use super::Ctx;
use crate::model::merge::submissions;
use crate::model::{Stage, Tree};
use crate::strings as t;
use leptos::prelude::*;

/// Local time minus UTC, in minutes, at `at` (milliseconds since the epoch).
pub(super) fn local_offset(at: u64) -> i64 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
    -(date.get_timezone_offset() as i64)
}

#[component]
pub fn ReceiptsDialog(close: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let content = move || {
        ctx.sheet.with(|s| {
            // What the table holds now, beside what the last file brought:
            // "Tự chấm 2/13" of a unit's second file read as all it had
            // sent (secretary run).
            let nows: Vec<String> = ctx.results.with(|res| {
                res.units
                    .iter()
                    .map(|u| {
                        let r = u.stage(Stage::SelfScore);
                        t::receipt_now(r.entered - r.invalid, r.invalid, r.criteria)
                    })
                    .collect()
            });
            let now = |i: usize| nows.get(i).cloned().unwrap_or_default();
            let tree = Tree::new(s);
            let criteria = (0..tree.len()).filter(|&i| tree.is_scoreable(i)).count();
            let list = submissions(s);
            let not_sent: Vec<&str> = list
                .iter()
                .filter(|x| x.last.is_none())
                .map(|x| s.units[x.unit].name.as_str())
                .collect();
            let status = if not_sent.is_empty() {
                view! { <p class="status ok" role="status">{t::RECEIPTS_ALL_SENT}</p> }.into_any()
            } else {
                view! { <p class="status warn not-sent" role="status">{t::receipts_not_sent(&not_sent)}</p> }.into_any()
            };
            let rows = list
                .iter()
                .map(|x| {
                    let name = s.units[x.unit].name.clone();
                    match x.last {
                        Some(r) => view! {
                            <tr>
                                <td>{name}</td>
                                <td>{r.file.clone()}</td>
                                <td>{t::receipt_time(r.at, local_offset(r.at))}</td>
                                <td>{t::receipt_filled(r.filled, criteria)}</td>
                                <td>{now(x.unit)}</td>
                                <td class="c-num">{x.count}</td>
                            </tr>
                        }
                        .into_any(),
                        None => view! {
                            <tr class="not-sent">
                                <td>{name}</td>
                                <td class="muted" colspan="3">{t::RECEIPTS_NOT_SENT}</td>
                                <td>{now(x.unit)}</td>
                                <td class="c-num">"0"</td>
                            </tr>
                        }
                        .into_any(),
                    }
                })
                .collect_view();
            view! {
                {status}
                <div class="table-wrap small">
                    <table class="receipts" aria-label=t::RECEIPTS_BUTTON>
                        <thead>
                            <tr>
                                <th scope="col">{t::COL_UNIT}</th>
                                <th scope="col">{t::RECEIPTS_LAST_FILE}</th>
                                <th scope="col">{t::RECEIPTS_WHEN}</th>
                                <th scope="col">{t::RECEIPTS_FILLED}</th>
                                <th scope="col">{t::RECEIPTS_NOW}</th>
                                <th scope="col">{t::RECEIPTS_COUNT}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <div class="modal-backdrop">
            <div class="modal wide" role="dialog" aria-modal="true" aria-labelledby="receipts-title">
                <h2 id="receipts-title">{t::RECEIPTS_TITLE}</h2>
                <p class="muted">{t::RECEIPTS_HINT}</p>
                {content}
                <div class="actions">
                    <button class="primary" on:click=move |_| close()>{t::CLOSE}</button>
                </div>
            </div>
        </div>
    }
}
