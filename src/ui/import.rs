//! "Nhập tệp Excel": a button, drag-and-drop anywhere on the page, a
//! preview of what the import understood (with column choice when unsure),
//! and nothing replaced until the user confirms.

use super::files;
use super::merge::{MergeDialog, MergeState};
use super::preview::{Preview, PreviewDialog};
use crate::model::merge::Incoming;
use crate::store::local::LocalStorage;
use crate::strings as t;
use crate::xlsx::{self, Fixes, Remembered};
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ZIP_MIME: &str = "application/zip";

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

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Reading(String),
    /// Heading ("Không nhập được tệp “a.xlsx”") and why.
    Failed(String, files::Failure),
    /// What was done, as said: "Đã nhập bảng chấm điểm: …", "Đã gộp …".
    Done(String),
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

#[component]
pub fn ImportBar() -> impl IntoView {
    let ctx = super::Ctx::use_ctx();
    let ws = super::workspace::Workspace::use_ws();
    let merge: RwSignal<Option<StoredValue<MergeState>>> = RwSignal::new(None);
    let show_receipts = RwSignal::new(false);
    let status = RwSignal::new(Status::Idle);
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

    // Set by the "Hủy" button while files are read; the reading stops.
    let cancelled = StoredValue::new(false);
    let start = move |file: web_sys::File| {
        let name = file.name();
        cancelled.set_value(false);
        status.set(Status::Reading(name.clone()));
        leptos::task::spawn_local(async move {
            let bytes = match read_file(&file).await {
                Ok(b) => b,
                Err(msg) => {
                    status.set(Status::Failed(import_failed(&name), msg.into()));
                    return;
                }
            };
            match files::import(&bytes, &name, &Fixes::default(), &remembered()).await {
                Ok(imported) => {
                    preview.set(Some(Preview {
                        name,
                        bytes: Arc::new(bytes),
                        imported: Arc::new(imported),
                        touched: false,
                    }));
                    status.set(Status::Idle);
                }
                Err(f) => status.set(Status::Failed(import_failed(&name), f)),
            }
        });
    };

    // Several files: the units' returned workbooks, merged into the open sheet.
    let start_many = move |files: Vec<web_sys::File>| {
        status.set(Status::Reading(t::files_count(files.len())));
        cancelled.set_value(false);
        leptos::task::spawn_local(async move {
            let mut incoming = Vec::new();
            let mut errors = Vec::new();
            let known = remembered();
            for file in files {
                if cancelled.get_value() {
                    status.set(Status::Idle);
                    return;
                }
                let name = file.name();
                match read_file(&file).await {
                    Ok(bytes) => {
                        match files::import(&bytes, &name, &Fixes::default(), &known).await {
                            // A header with nothing readable under it: said
                            // per file, as a refusal is.
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
                    Err(msg) => errors.push((name, msg)),
                }
            }
            let state = ctx
                .sheet
                .with_untracked(|s| MergeState::new(s, incoming, errors));
            merge.set(Some(merge_state(state)));
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

    // Drag-and-drop anywhere on the page.
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
        start_files(all_files(e.data_transfer().and_then(|d| d.files())));
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });

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
            status.set(Status::Done(format!("{}: {}", t::IMPORT_DONE, title)));
        }
    };
    let cancel = move |_| preview.set(None);
    // One returned workbook merged into the open sheet instead of opened.
    let merge_one = move |_| {
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
            status.set(Status::Done(t::merge_done(n)));
        }
    };

    let status_line = move || match status.get() {
        Status::Idle => ().into_any(),
        Status::Reading(name) => view! {
            <p class="status busy" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {format!("{} “{}”…", t::IMPORT_READING, name)}
                <button class="link" on:click=move |_| {
                    cancelled.set_value(true);
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
                <button class="link" on:click=move |_| status.set(Status::Idle)>{t::CLOSE}</button>
            </div>
        }
        .into_any(),
        Status::Done(said) => view! {
            <p class="status ok" role="status">{said}</p>
        }
        .into_any(),
    };

    // What is being written, said beside the buttons; one at a time.
    let exporting: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let on_export = move |_| {
        exporting.set(Some(t::EXPORT_WORKING));
        leptos::task::spawn_local(async move {
            let sheet = ctx.sheet.get_untracked();
            let name = xlsx::export::file_name(&sheet.title);
            let bytes = files::export(&sheet).await;
            exporting.set(None);
            match bytes {
                Ok(b) => super::workspace::download(&b, &name, XLSX_MIME),
                Err(f) => status.set(Status::Failed(
                    format!("{} “{}”", t::EXPORT_FAILED, name),
                    f,
                )),
            }
        });
    };
    // One workbook per unit, for the units to fill and send back.
    let on_packs = move |_| {
        exporting.set(Some(t::EXPORT_PACKS_WORKING));
        leptos::task::spawn_local(async move {
            let sheet = ctx.sheet.get_untracked();
            let name = xlsx::packs::packs_zip_name(&sheet.title);
            let bytes = files::export_packs(&sheet).await;
            exporting.set(None);
            match bytes {
                Ok(b) => super::workspace::download(&b, &name, ZIP_MIME),
                Err(f) => status.set(Status::Failed(t::EXPORT_PACKS_FAILED.to_string(), f)),
            }
        });
    };
    let no_units = move || ctx.sheet.with(|s| s.units.is_empty());
    view! {
        <div class="import-bar">
            <button class="primary" on:click=open_picker>{t::IMPORT_BUTTON}</button>
            <button class="primary" on:click=on_export disabled=move || exporting.get().is_some()>{t::EXPORT_BUTTON}</button>
            <button
                on:click=on_packs
                title=t::EXPORT_PACKS_HINT
                disabled=move || exporting.get().is_some() || no_units()
            >{t::EXPORT_PACKS_BUTTON}</button>
            <button on:click=move |_| show_receipts.set(true)>{t::RECEIPTS_BUTTON}</button>
            {move || exporting.get().map(|what| view! {
                <span class="status busy" role="status"><span class="spinner" aria-hidden="true"></span>{what}</span>
            })}
            <span class="hint">{t::IMPORT_HINT}</span>
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
        {status_line}
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
