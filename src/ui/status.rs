//! The line under the file buttons that says what the import or the export
//! is doing, what it did, or why it failed: one line for both, so the
//! message is where the secretary just clicked.

use super::files::{self, Failure};
use crate::strings as t;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Status {
    Idle,
    /// Reading the named file (or "3 tệp"); can be stopped.
    Reading(String),
    /// Heading ("Không nhập được tệp “a.xlsx”") and why.
    Failed(String, Failure),
    /// What was done, as said: "Đã nhập bảng chấm điểm: …", "Đã gộp …",
    /// and the sheet's edit count then: the next edit takes the line away
    /// (after typing, "Ctrl+Z bỏ toàn bộ lần gộp" is no longer true).
    Done(String, u64),
}

/// The status shared by the import and export bars, provided by the app.
#[derive(Clone, Copy)]
pub struct FileStatus {
    pub status: RwSignal<Status>,
    /// Set by the stop button while files are read; the reading stops.
    pub cancelled: StoredValue<bool>,
}

impl FileStatus {
    pub fn provide() {
        provide_context(FileStatus {
            status: RwSignal::new(Status::Idle),
            cancelled: StoredValue::new(false),
        });
    }

    pub fn use_status() -> FileStatus {
        expect_context::<FileStatus>()
    }

    pub fn set(&self, s: Status) {
        self.status.set(s);
    }
}

#[component]
pub fn StatusLine() -> impl IntoView {
    let fs = FileStatus::use_status();
    let ctx = super::Ctx::use_ctx();
    Effect::new(move |_| {
        let edits = ctx.edits.get();
        let stale = matches!(fs.status.get_untracked(), Status::Done(_, at) if at != edits);
        if stale {
            fs.set(Status::Idle);
        }
    });
    move || match fs.status.get() {
        Status::Idle => ().into_any(),
        Status::Reading(name) => view! {
            <p class="status busy" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {format!("{} “{}”…", t::IMPORT_READING, name)}
                <button class="link" on:click=move |_| {
                    fs.cancelled.set_value(true);
                    files::cancel_import();
                }>{t::IMPORT_STOP}</button>
            </p>
        }
        .into_any(),
        Status::Failed(heading, failure) => view! {
            <div class="status error" role="alert">
                <strong>{heading}</strong>
                <p>{failure.message}</p>
                {failure.detail.map(|d| view! {
                    <details class="error-detail">
                        <summary>{t::ERROR_DETAIL}</summary>
                        <code>{d}</code>
                    </details>
                })}
                <button class="link" on:click=move |_| fs.set(Status::Idle)>{t::CLOSE}</button>
            </div>
        }
        .into_any(),
        Status::Done(said, _) => view! {
            <p class="status ok" role="status">{said}</p>
        }
        .into_any(),
    }
}
