//! "Xuất Excel" and "Xuất phiếu cho từng đơn vị": the workbooks the app
//! writes (in the worker, `files::export*`), offered as downloads.

use super::download::{download, DOCX_MIME, XLSX_MIME, ZIP_MIME};
use super::files::{self, Failure};
use super::status::{FileStatus, Status};
use crate::model::Scoresheet;
use crate::strings as t;
use crate::xlsx;
use leptos::prelude::*;
use std::future::Future;

/// Where an export says what it does: beside the buttons while working,
/// on the file status line when it fails.
#[derive(Clone, Copy)]
pub(super) struct Said {
    pub(super) exporting: RwSignal<Option<&'static str>>,
    pub(super) status: FileStatus,
}

/// What one export makes: the file's name and type, what is said while it
/// is made, and the heading of its failure.
struct Making {
    name: String,
    mime: &'static str,
    working: &'static str,
    failed: String,
}

/// Makes the bytes in the worker and offers them as a download.
fn run<F>(said: Said, what: Making, make: F)
where
    F: Future<Output = Result<Vec<u8>, Failure>> + 'static,
{
    said.exporting.set(Some(what.working));
    leptos::task::spawn_local(async move {
        let bytes = make.await;
        said.exporting.set(None);
        match bytes {
            Ok(b) => download(&b, &what.name, what.mime),
            Err(f) => said.status.set(Status::Failed(what.failed, f)),
        }
    });
}

/// The whole workbook: Tổng hợp, one form per unit, the comparison.
fn export_workbook(said: Said, sheet: Scoresheet) {
    let name = xlsx::export::file_name(&sheet.title);
    let what = Making {
        failed: format!("{} “{}”", t::EXPORT_FAILED, name),
        name,
        mime: XLSX_MIME,
        working: t::EXPORT_WORKING,
    };
    run(said, what, async move { files::export(&sheet).await });
}

/// A document of the dossier (.docx).
pub(super) fn export_document(said: Said, sheet: Scoresheet, doc: crate::docx::Document) {
    let what = Making {
        name: doc.file_name(&sheet.title),
        mime: DOCX_MIME,
        working: t::DOSSIER_WORKING,
        failed: t::DOSSIER_FAILED.to_string(),
    };
    run(said, what, async move {
        files::export_document(&sheet, doc).await
    });
}

/// "Gói hồ sơ": the workbook and both documents, zipped.
pub(super) fn export_dossier(said: Said, sheet: Scoresheet) {
    let what = Making {
        name: crate::docx::dossier_name(&sheet.title),
        mime: ZIP_MIME,
        working: t::DOSSIER_WORKING,
        failed: t::DOSSIER_FAILED.to_string(),
    };
    run(
        said,
        what,
        async move { files::export_dossier(&sheet).await },
    );
}

/// One workbook per unit, for the units to fill and send back, zipped.
fn export_packs(said: Said, sheet: Scoresheet) {
    let what = Making {
        name: xlsx::packs::packs_zip_name(&sheet.title),
        mime: ZIP_MIME,
        working: t::EXPORT_PACKS_WORKING,
        failed: t::EXPORT_PACKS_FAILED.to_string(),
    };
    run(said, what, async move { files::export_packs(&sheet).await });
}

/// `lock_open`: opens "Chốt kết quả" (`super::lock`); `print_open`:
/// "Xem bản in" (`super::print`); `dossier_open`: "Hồ sơ gửi Ban…"
/// (`super::dossier`).
#[component]
pub fn ExportBar(
    lock_open: RwSignal<bool>,
    print_open: RwSignal<bool>,
    dossier_open: RwSignal<bool>,
) -> impl IntoView {
    let ctx = super::Ctx::use_ctx();
    // What is being written, said beside the buttons; one at a time.
    let exporting: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let said = Said {
        exporting,
        status: FileStatus::use_status(),
    };
    let busy = move || exporting.get().is_some();
    let no_units = move || ctx.sheet.with(|s| s.units.is_empty());
    view! {
        <div class="export-bar">
            <button
                class="primary"
                on:click=move |_| export_workbook(said, ctx.sheet.get_untracked())
                disabled=busy
            >{t::EXPORT_BUTTON}</button>
            <button
                on:click=move |_| export_packs(said, ctx.sheet.get_untracked())
                title=t::EXPORT_PACKS_HINT
                disabled=move || busy() || no_units()
            >{t::EXPORT_PACKS_BUTTON}</button>
            <button on:click=move |_| print_open.set(true) title=t::PRINT_TITLE>{t::PRINT_BUTTON}</button>
            <button
                on:click=move |_| lock_open.set(true)
                title=t::LOCK_TITLE
                disabled=no_units
            >{t::LOCK_BUTTON}</button>
            <button
                on:click=move |_| dossier_open.set(true)
                title=t::DOSSIER_TITLE
                disabled=no_units
            >{t::DOSSIER_BUTTON}</button>
            {move || exporting.get().map(|what| view! {
                <span class="status busy" role="status"><span class="spinner" aria-hidden="true"></span>{what}</span>
            })}
        </div>
    }
}
