use super::{import::ImportBar, scores::ScoresView, summary::SummaryView, Ctx};
use crate::model::{sample::sample, Results};
use crate::strings as t;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Scores,
    Summary,
}

#[component]
pub fn App() -> impl IntoView {
    let sheet = RwSignal::new(sample());
    let results = Memo::new(move |_| Arc::new(sheet.with(Results::compute)));
    let is_sample = RwSignal::new(true);
    provide_context(Ctx {
        sheet,
        results,
        is_sample,
    });
    let view = RwSignal::new(View::Scores);
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
            <ImportBar />
            <h2 class="sheet-title">{move || sheet.with(|s| s.title.clone())}</h2>
            <Show when=move || is_sample.get()>
                <p class="notice">{t::SAMPLE_NOTICE}</p>
            </Show>
            <nav role="tablist" class="tabs">
                {tab(View::Scores, t::VIEW_SCORES)}
                {tab(View::Summary, t::VIEW_SUMMARY)}
            </nav>
            <Show when=move || view.get() == View::Scores fallback=|| view! { <SummaryView /> }>
                <ScoresView />
            </Show>
        </main>
    }
}
