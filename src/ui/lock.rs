//! "Chốt kết quả": the check before sending (`model::lock`, rule 1), the
//! lock, the banner that says the results are locked and by which code,
//! and the unlock with its reason. Everything is an op through
//! [`Ctx::edit`]; this file only shows and asks.

use super::Ctx;
use crate::model::lock::{check, lock_op, stage_to_send, unlock_op};
use crate::model::Stage;
use crate::strings as t;
use leptos::prelude::*;

/// The page's clock as the lock's log writes it: "05/12/2026 14:30".
fn now_text() -> String {
    let ms = js_sys::Date::now() as u64;
    t::receipt_time(ms, super::receipts::local_offset(ms))
}

/// The banner over the tabs while the results are locked; also the line
/// that says an edit was refused because of the lock.
#[component]
pub fn LockBanner(open: RwSignal<bool>) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    move || {
        let lock = ctx.sheet.with(|s| s.lock.clone())?;
        Some(view! {
            <div class="banner info lock-banner" role="status">
                <span>
                    {t::lock_banner(&lock)}
                    {move || ctx.lock_refused.get().then(|| view! {
                        <strong class="lock-refused">" "{t::LOCK_REFUSED}</strong>
                    })}
                </span>
                <button on:click=move |_| open.set(true)>{t::UNLOCK_BUTTON}</button>
            </div>
        })
    }
}

/// The check and the lock, or (when locked) the unlock with its reason.
#[component]
pub fn LockDialog(close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let locked = move || ctx.sheet.with(|s| s.lock.is_some());
    view! {
        <div class="modal-backdrop">
            <div class="modal wide" role="dialog" aria-modal="true" aria-labelledby="lock-title">
                <h2 id="lock-title">{move || if locked() { t::UNLOCK_TITLE } else { t::LOCK_TITLE }}</h2>
                <p class="muted">{move || if locked() { t::UNLOCK_HINT } else { t::LOCK_HINT }}</p>
                {move || match locked() {
                    false => view! { <CheckAndLock close=close /> }.into_any(),
                    true => view! { <Unlock close=close /> }.into_any(),
                }}
                <LockLog />
            </div>
        </div>
    }
}

#[component]
fn CheckAndLock(close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let stage = RwSignal::new(ctx.sheet.with_untracked(stage_to_send));
    // Per unit with something to look at: its name and what was found.
    let findings = Memo::new(move |_| {
        ctx.sheet.with(|s| {
            ctx.results.with(|r| {
                let all = check(s, r, stage.get());
                s.units
                    .iter()
                    .enumerate()
                    .filter_map(|(i, u)| {
                        let mine: Vec<_> = all.iter().filter(|f| f.unit() == i).collect();
                        (!mine.is_empty())
                            .then(|| (u.name.clone(), t::lock_unit_findings(&mine).join("; ")))
                    })
                    .collect::<Vec<(String, String)>>()
            })
        })
    });
    let on_stage = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(s) = Stage::ALL.into_iter().find(|s| s.index().to_string() == v) {
            stage.set(s);
        }
    };
    let do_lock = move |_| {
        let op = ctx
            .sheet
            .with_untracked(|s| lock_op(s, stage.get_untracked(), &now_text()));
        ctx.edit(vec![op]);
        close();
    };
    let options = Stage::ALL
        .into_iter()
        .map(|s| {
            view! {
                <option value=s.index().to_string() selected=move || stage.get() == s>
                    {t::stage_name(s)}
                </option>
            }
        })
        .collect_view();
    let no_units = move || ctx.with_structure(|s| s.units.is_empty());
    view! {
        <label class="lock-stage">
            {t::LOCK_STAGE}" "
            <select on:change=on_stage>{options}</select>
        </label>
        {move || {
            let list = findings.get();
            match list.is_empty() {
                true => view! { <p class="status ok" role="status">{t::LOCK_ALL_GOOD}</p> }.into_any(),
                false => view! {
                    <p class="status warn" role="status">{t::lock_findings_count(list.len())}</p>
                    <ul class="lock-findings">
                        {list.into_iter().map(|(unit, what)| view! { <li><strong>{unit}</strong>": "{what}</li> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }
        }}
        <div class="actions">
            <button class="primary" on:click=do_lock disabled=no_units>
                {move || match findings.with(Vec::is_empty) {
                    true => t::LOCK_CONFIRM,
                    false => t::LOCK_CONFIRM_ANYWAY,
                }}
            </button>
            <button on:click=move |_| close()>{t::CLOSE}</button>
        </div>
    }
}

#[component]
fn Unlock(close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let reason = RwSignal::new(String::new());
    let banner = move || ctx.sheet.with(|s| s.lock.as_ref().map(t::lock_banner));
    let do_unlock = move |_| {
        let why = reason.get_untracked();
        if why.trim().is_empty() {
            return;
        }
        let op = ctx
            .sheet
            .with_untracked(|s| unlock_op(s, &now_text(), &why));
        ctx.edit(vec![op]);
        ctx.lock_refused.set(false);
        close();
    };
    view! {
        <p class="status info" role="status">{banner}</p>
        <label class="lock-reason">
            {t::LOCK_REASON}
            <textarea
                rows="2"
                placeholder=t::LOCK_REASON_NEEDED
                prop:value=move || reason.get()
                on:input=move |ev| reason.set(event_target_value(&ev))
            ></textarea>
        </label>
        <div class="actions">
            <button class="primary" on:click=do_unlock disabled=move || reason.with(|r| r.trim().is_empty())>
                {t::UNLOCK}
            </button>
            <button on:click=move |_| close()>{t::CLOSE}</button>
        </div>
    }
}

#[component]
fn LockLog() -> impl IntoView {
    let ctx = Ctx::use_ctx();
    move || {
        let log = ctx.sheet.with(|s| s.lock_log.clone());
        (!log.is_empty()).then(|| {
            view! {
                <h3>{t::LOCK_LOG}</h3>
                <ul class="lock-log">
                    {log.iter().map(|e| view! { <li>{t::lock_event(e)}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
