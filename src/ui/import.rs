//! "Nhập tệp Excel": a button, drag-and-drop anywhere on the page, a
//! preview of what the import understood (with column choice when unsure),
//! and nothing replaced until the user confirms.

use super::files;
use super::merge::{MergeDialog, MergeState};
use super::preview::{Preview, PreviewDialog};
use super::status::{FileStatus, Status};
use crate::model::merge::Incoming;
use crate::store::local::LocalStorage;
use crate::strings as t;
use crate::xlsx::{self, Fixes, Remembered};
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// The corrections remembered per template (`store::remembered`).
fn remembered() -> Vec<Remembered> {
    crate::store::remembered::load(&LocalStorage)
}

/// Remembers the corrections a preview holds for its template, when any
/// were made or undone there. A failure loses only the convenience: the
/// sheet is opened all the same.
fn remember(p: &Preview) {
    if !p.touched {
        return;
    }
    let r = &p.imported.report;
    let entry = Remembered {
        signature: r.signature.clone(),
        fixes: r.fixes.clone(),
        saved_ms: js_sys::Date::now() as u64,
        title: p.imported.sheet.title.clone(),
    };
    let _ = crate::store::remembered::save(&mut LocalStorage, entry);
}

/// "Không nhập được tệp “a.xlsx”"
fn import_failed(name: &str) -> String {
    format!("{} “{}”", t::IMPORT_FAILED, name)
}

async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    if file.size() > xlsx::MAX_FILE_BYTES as f64 {
        return Err(xlsx::ImportError::TooLarge {
            limit_mb: xlsx::MAX_FILE_BYTES / (1024 * 1024),
        }
        .message());
    }
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| xlsx::ImportError::Truncated.message())?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn all_files(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files
        .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
        .unwrap_or_default()
}

/// Drag-and-drop anywhere on the page: `dragging` while files are over
/// it, `start` with the files dropped. Removed with the bar.
fn listen_for_drops(dragging: RwSignal<bool>, start: impl Fn(Vec<web_sys::File>) + 'static) {
    let over = window_event_listener(ev::dragover, move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(ev::dragleave, move |e: ev::DragEvent| {
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        start(all_files(e.data_transfer().and_then(|d| d.files())));
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
}

/// Step 1 of one file: read it and have the worker understand it; the
/// preview shows what was understood, nothing is replaced yet.
async fn read_one(file: web_sys::File) -> Result<Preview, Status> {
    let name = file.name();
    let bytes = read_file(&file)
        .await
        .map_err(|msg| Status::Failed(import_failed(&name), msg.into()))?;
    match files::import(&bytes, &name, &Fixes::default(), &remembered()).await {
        Ok(imported) => Ok(Preview {
            name,
            bytes: Arc::new(bytes),
            imported: Arc::new(imported),
            touched: false,
        }),
        Err(f) => Err(Status::Failed(import_failed(&name), f)),
    }
}

/// The units' returned workbooks, read one by one: what can be merged,
/// and per file why not. `None` when stopped.
async fn read_returns(
    files: Vec<web_sys::File>,
    cancelled: StoredValue<bool>,
) -> Option<(Vec<Incoming>, Vec<(String, String)>)> {
    let mut incoming = Vec::new();
    let mut errors = Vec::new();
    let known = remembered();
    for file in files {
        if cancelled.get_value() {
            return None;
        }
        let name = file.name();
        let bytes = match read_file(&file).await {
            Ok(b) => b,
            Err(msg) => {
                errors.push((name, msg));
                continue;
            }
        };
        match files::import(&bytes, &name, &Fixes::default(), &known).await {
            // A header with nothing readable under it: said per file, as
            // a refusal is.
            Ok(imp) => match imp.report.problem {
                Some(p) => errors.push((name, p)),
                None => incoming.push(Incoming {
                    from: name,
                    sheet: imp.sheet,
                    stamp: imp.report.pack,
                }),
            },
            Err(f) => errors.push((name, f.message)),
        }
    }
    Some((incoming, errors))
}

#[component]
pub fn ImportBar() -> impl IntoView {
    let ctx = super::Ctx::use_ctx();
    let ws = super::workspace::Workspace::use_ws();
    let merge: RwSignal<Option<StoredValue<MergeState>>> = RwSignal::new(None);
    let show_receipts = RwSignal::new(false);
    let fs = FileStatus::use_status();
    let status = fs.status;
    let preview: RwSignal<Option<Preview>> = RwSignal::new(None);
    let dragging = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // The merge dialog's state belongs to this bar, not to whatever is
    // current when it is made: made in the preview's button handler, it
    // was owned by the preview, disposed with it, and the merge panicked.
    let owner = StoredValue::new(Owner::current());
    let merge_state = move |state: MergeState| match owner.get_value() {
        Some(o) => o.with(|| StoredValue::new(state)),
        None => StoredValue::new(state),
    };

    let cancelled = fs.cancelled;
    let start = move |file: web_sys::File| {
        cancelled.set_value(false);
        status.set(Status::Reading(file.name()));
        leptos::task::spawn_local(async move {
            match read_one(file).await {
                Ok(p) => {
                    preview.set(Some(p));
                    status.set(Status::Idle);
                }
                Err(failed) => status.set(failed),
            }
        });
    };

    // Returned files are not merged into locked results (`model::lock`,
    // rule 3): said at once, before anything is read.
    let refused_locked = move || {
        let locked = ctx.sheet.with_untracked(|s| s.lock.is_some());
        if locked {
            status.set(Status::Failed(
                t::MERGE_LOCKED_HEADING.to_string(),
                t::GRID_LOCKED.to_string().into(),
            ));
        }
        locked
    };
    // Several files: the units' returned workbooks, merged into the open sheet.
    let start_many = move |files: Vec<web_sys::File>| {
        if refused_locked() {
            return;
        }
        status.set(Status::Reading(t::files_count(files.len())));
        cancelled.set_value(false);
        leptos::task::spawn_local(async move {
            if let Some((incoming, errors)) = read_returns(files, cancelled).await {
                let state = ctx
                    .sheet
                    .with_untracked(|s| MergeState::new(s, incoming, errors));
                merge.set(Some(merge_state(state)));
            }
            status.set(Status::Idle);
        });
    };
    let start_files = move |files: Vec<web_sys::File>| match files.len() {
        0 => {}
        1 => {
            if let Some(f) = files.into_iter().next() {
                start(f);
            }
        }
        _ => start_many(files),
    };

    listen_for_drops(dragging, start_files);

    let on_pick = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        start_files(all_files(input.files()));
        // Picking the same file again must fire change again.
        input.set_value("");
    };
    let open_picker = move |_| {
        if let Some(input) = input_ref.get() {
            input.click();
        }
    };

    let confirm = move |_| {
        if let Some(p) = preview.get_untracked() {
            if p.imported.report.problem.is_some() {
                return;
            }
            remember(&p);
            let sheet = Arc::unwrap_or_clone(p.imported).sheet;
            let title = sheet.title.clone();
            ws.add(sheet, false);
            preview.set(None);
            let said = format!("{}: {}", t::IMPORT_DONE, title);
            status.set(Status::Done(said, ctx.edits.get_untracked()));
        }
    };
    let cancel = move |_| preview.set(None);
    // One returned workbook merged into the open sheet instead of opened.
    let merge_one = move |_| {
        if refused_locked() {
            preview.set(None);
            return;
        }
        if let Some(p) = preview.get_untracked() {
            remember(&p);
            let state = ctx.sheet.with_untracked(|s| {
                let imported = Arc::unwrap_or_clone(p.imported);
                let incoming = Incoming {
                    from: p.name,
                    sheet: imported.sheet,
                    stamp: imported.report.pack,
                };
                MergeState::new(s, vec![incoming], Vec::new())
            });
            merge.set(Some(merge_state(state)));
            preview.set(None);
        }
    };
    let close_merge = move |done: Option<usize>| {
        merge.set(None);
        if let Some(n) = done {
            status.set(Status::Done(t::merge_done(n), ctx.edits.get_untracked()));
        }
    };

    view! {
        <div class="import-bar">
            <button class="primary" on:click=open_picker>{t::IMPORT_BUTTON}</button>
            <button on:click=move |_| show_receipts.set(true)>{t::RECEIPTS_BUTTON}</button>
            <input
                type="file"
                class="hidden"
                aria-label=t::IMPORT_BUTTON
                multiple=true
                accept=".xlsx,.xls,.ods,.xlsb,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
                node_ref=input_ref
                on:change=on_pick
            />
        </div>
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">{t::IMPORT_DROP}</div>
        </Show>
        <Show when=move || preview.with(Option::is_some)>
            <PreviewDialog preview=preview confirm=confirm cancel=cancel merge=merge_one />
        </Show>
        {move || merge.get().map(|state| view! { <MergeDialog state=state close=close_merge /> })}
        <Show when=move || show_receipts.get()>
            <super::receipts::ReceiptsDialog close=move || show_receipts.set(false) />
        </Show>
    }
}
