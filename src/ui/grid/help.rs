//! The help panel (F1 and the "?" button): the first steps after an import
//! and the grid's shortcuts.

use super::state::Grid;
use crate::strings as t;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub(super) fn Help(g: Grid) -> impl IntoView {
    let close = move || {
        g.show_help.set(false);
        g.focus_editor();
    };
    view! {
        <div class="modal-backdrop" on:click=move |_| g.show_help.set(false)>
            <div class="modal help" role="dialog" aria-label=t::HELP_TITLE
                on:click=|e| e.stop_propagation()
                on:keydown=move |e: ev::KeyboardEvent| if e.key() == "Escape" { close(); }>
                <h2>{t::HELP_TITLE}</h2>
                <h3>{t::HELP_STEPS_TITLE}</h3>
                <ol>{t::HELP_STEPS.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                <h3>{t::HELP_KEYS_TITLE}</h3>
                <table class="keys">
                    <tbody>
                        {t::HELP_KEYS.iter().map(|(k, what)| view! { <tr><th><kbd>{*k}</kbd></th><td>{*what}</td></tr> }).collect_view()}
                    </tbody>
                </table>
                <div class="actions">
                    <button class="primary" autofocus on:click=move |_| close()>{t::CLOSE}</button>
                </div>
            </div>
        </div>
    }
}
