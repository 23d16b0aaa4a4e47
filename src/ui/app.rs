use super::dossier::DossierDialog;
use super::export::ExportBar;
use super::lock::{LockBanner, LockDialog};
use super::print::PrintView;
use super::status::{FileStatus, StatusLine};
use super::workspace::{Workspace, WorkspaceBar};
use super::{compare::CompareView, grid::GridView, import::ImportBar, summary::SummaryView, Ctx};
use crate::model::sample::sample;
use crate::strings as t;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Scores,
    Summary,
    Compare,
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx::new(sample(), true);
    provide_context(ctx);
    let ws = Workspace::start(ctx);
    provide_context(ws);
    FileStatus::provide();
    let lock_open = RwSignal::new(false);
    let print_open = RwSignal::new(false);
    let dossier_open = RwSignal::new(false);
    // Ctrl+P prints the print view, not the app's screen: the view opens,
    // then the browser's print dialog once it is drawn.
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("p") {
            e.prevent_default();
            print_open.set(true);
            set_timeout(
                || {
                    let _ = window().print();
                },
                std::time::Duration::from_millis(150),
            );
        }
    });
    on_cleanup(move || keys.remove());
    // Autosave after every edit.
    Effect::new(move |prev: Option<()>| {
        ctx.edits.track();
        if prev.is_some() {
            ws.touched();
        }
    });
    let initial = if ws.view.with_untracked(|v| v.tab == "summary") {
        View::Summary
    } else {
        View::Scores
    };
    let view = RwSignal::new(initial);
    Effect::new(move |_| {
        let tab = match view.get() {
            View::Scores => "scores",
            View::Summary => "summary",
            View::Compare => "compare",
        };
        if ws.view.with_untracked(|v| v.tab != tab) {
            ws.view.update(|v| v.tab = tab.to_string());
        }
    });
    let tab = move |v: View, label: &'static str| {
        view! {
            <button
                role="tab"
                class="tab"
                aria-selected=move || (view.get() == v).to_string()
                on:click=move |_| view.set(v)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="top">
            <h1>{t::APP_TITLE}</h1>
            <p class="tagline">{t::APP_TAGLINE}</p>
        </header>
        <main>
            <WorkspaceBar />
            <div class="file-bar">
                <ImportBar />
                <ExportBar lock_open=lock_open print_open=print_open dossier_open=dossier_open />
                <span class="hint">{t::IMPORT_HINT}</span>
            </div>
            <StatusLine />
            <LockBanner open=lock_open />
            <Show when=move || dossier_open.get()>
                <DossierDialog close=move || dossier_open.set(false) />
            </Show>
            <Show when=move || lock_open.get()>
                <LockDialog close=move || lock_open.set(false) />
            </Show>
            <div class="title-row">
                <h2 class="sheet-title">{move || ctx.with_structure(|s| s.title.clone())}</h2>
                <Show when=move || ctx.is_sample.get()>
                    <p class="notice">{t::SAMPLE_NOTICE}</p>
                </Show>
                <nav role="tablist" class="tabs">
                    {tab(View::Scores, t::VIEW_SCORES)}
                    {tab(View::Summary, t::VIEW_SUMMARY)}
                    {tab(View::Compare, t::VIEW_COMPARE)}
                </nav>
            </div>
            {move || match view.get() {
                View::Scores => view! { <GridView /> }.into_any(),
                View::Summary => view! { <SummaryView /> }.into_any(),
                View::Compare => view! { <CompareView /> }.into_any(),
            }}
        </main>
        <Show when=move || print_open.get()>
            <PrintView close=move || print_open.set(false) />
        </Show>
    }
}
