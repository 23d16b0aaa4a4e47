//! "Phiếu chấm": the editable grid. Rows are the criteria tree, columns are
//! units × stages; only the window on screen is rendered. The behaviour
//! lives in `crate::grid` (tested natively); these components draw its
//! state and turn events into its calls, one concern per file:
//! `state` (the signals), `actions` and `keyboard` (events → rules),
//! `toolbar`, `where_bar`, `header`, `body` → `row` → `cell`, `editor`,
//! `footer`, `note`, `help`.

mod actions;
mod body;
mod cell;
mod editor;
mod footer;
mod header;
mod help;
mod keyboard;
mod measure;
mod note;
mod row;
mod state;
mod toolbar;
mod where_bar;

use body::Body;
use footer::Footer;
use header::Header;
use help::Help;
use leptos::ev;
use leptos::prelude::*;
use state::Grid;
use toolbar::Toolbar;
use where_bar::WhereBar;

use crate::strings as t;

#[component]
pub fn GridView() -> impl IntoView {
    let g = Grid::new();
    let ctx = g.ctx;
    let on_scroll = move |_: ev::Event| {
        if let Some(vp) = g.viewport.get_untracked() {
            g.scroll
                .set((vp.scroll_top() as f64, vp.scroll_left() as f64));
        }
    };
    let measure = move || {
        if let Some(vp) = g.viewport.get_untracked() {
            g.size
                .set((vp.client_height() as f64, vp.client_width() as f64));
        }
    };
    Effect::new(move |_| {
        if g.viewport.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    view! {
        <section class="view grid-view">
            <Toolbar g=g />
            {move || {
                ctx.with_structure(|s| s.units.is_empty()).then(|| view! {
                    <p class="status warn empty-units" role="note">
                        {t::GRID_NO_UNITS}" "
                        <button class="link" on:click=move |_| g.show_units.set(true)>{t::UNIT_ADD}</button>
                    </p>
                })
            }}
            <WhereBar g=g />
            <div
                class="grid"
                role="grid"
                aria-label=t::VIEW_SCORES
                aria-rowcount=move || g.rows.with(|r| r.len()) + 4
                aria-colcount=move || g.cols.with(|c| c.len()) + 1
                aria-multiselectable="true"
                node_ref=g.viewport
                on:scroll=on_scroll
            >
                <Header g=g />
                <Body g=g />
                <Footer g=g />
            </div>
            <Show when=move || g.show_help.get()>
                <Help g=g />
            </Show>
            <Show when=move || g.show_units.get()>
                <super::units::UnitsDialog close=move || g.show_units.set(false) />
            </Show>
        </section>
    }
}
