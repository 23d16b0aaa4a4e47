//! The workspace: several scoresheets kept in local storage, autosaved
//! after every edit (debounced, and at once when the page is hidden),
//! restored on reload. The save protocol is `crate::store::Vault` (native,
//! tested there); this file only turns its outcomes into banners.

use super::download::{download, JSON_MIME};
use super::Ctx;
use crate::model::saved::{Backup, DecodeError, Entry, Index, ViewState};
use crate::model::{sample::sample, Scoresheet};
use crate::store::local::LocalStorage;
use crate::store::{Notice, RestoreReport, SaveError, Stamp, StoreError, Unreadable, Vault};
use crate::strings as t;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Milliseconds between the last edit and the save.
const SAVE_DELAY_MS: u64 = 400;

#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    /// Storage cannot be used (why): working in memory.
    Unavailable(StoreError),
    /// Storage full at start: saved sheets open, new saves may fail.
    Full,
    /// The index was unreadable: kept aside under this key (None: no room,
    /// nothing is written), with this many scoresheets listed again.
    IndexCorrupt(Option<String>, usize),
    /// No index, these many scoresheets found and listed again.
    Recovered(usize),
    /// Data from a newer version of the app: nothing is written.
    TooNew,
    /// A listed scoresheet cannot be opened (id, title, why); left as is.
    Sheet(String, String, Unreadable),
    /// Quota exhausted: the last good save is kept.
    Quota,
    /// Another storage error on save (the last good save is kept).
    SaveFailed(StoreError),
    /// Another tab saved this scoresheet while this one has unsaved edits.
    Conflict,
    /// Another tab saved this scoresheet; reloaded here.
    Updated,
    /// A message (rename, restore…).
    Info(String),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SaveState {
    /// The sample, not edited: nothing to save yet.
    Untouched,
    Saved(f64),
    Pending,
    Failed,
    Memory,
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub index: RwSignal<Index>,
    pub open_id: RwSignal<String>,
    /// Scoresheets of the index that could not be opened, and why.
    pub unreadable: RwSignal<Vec<(String, Unreadable)>>,
    vault: StoredValue<Vault<LocalStorage>>,
    base: StoredValue<Stamp>,
    dirty: StoredValue<bool>,
    pub banners: RwSignal<Vec<Banner>>,
    pub state: RwSignal<SaveState>,
    timer: StoredValue<Option<TimeoutHandle>>,
    pub view: RwSignal<ViewState>,
    ctx: Ctx,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Workspace {
    pub fn use_ws() -> Workspace {
        expect_context::<Workspace>()
    }

    /// Loads what is stored (or the sample) into `ctx` and starts autosaving.
    pub fn start(ctx: Ctx) -> Workspace {
        let (vault, start) = Vault::start(LocalStorage, now() as u64);
        let ws = Workspace {
            index: RwSignal::new(Index::new()),
            open_id: RwSignal::new(String::new()),
            unreadable: RwSignal::new(Vec::new()),
            vault: StoredValue::new(vault),
            base: StoredValue::new(Stamp::NEW),
            dirty: StoredValue::new(false),
            banners: RwSignal::new(Vec::new()),
            state: RwSignal::new(SaveState::Memory),
            timer: StoredValue::new(None),
            view: RwSignal::new(start.index.view.clone()),
            ctx,
        };
        for n in start.notices {
            ws.notice(n);
        }
        ws.index.set(start.index);
        match start.opened {
            Some(o) => {
                ws.show(o.sheet, false, o.id, o.stamp);
                ws.state.set(SaveState::Saved(now()));
            }
            None => ws.open_fresh_sample(),
        }
        ws.listen();
        ws
    }

    fn writable(&self) -> bool {
        self.vault.with_value(|v| v.writable())
    }

    fn notice(&self, n: Notice) {
        match n {
            Notice::Unavailable(e) => self.banner(Banner::Unavailable(e)),
            Notice::Full => self.banner(Banner::Full),
            Notice::IndexUnreadable { aside, recovered } => {
                self.banner(Banner::IndexCorrupt(aside, recovered))
            }
            Notice::IndexTooNew(_) => self.banner(Banner::TooNew),
            Notice::Recovered(n) => self.banner(Banner::Recovered(n)),
            Notice::SheetUnreadable { id, title, why } => self.cannot_open(id, title, why),
        }
    }

    fn cannot_open(&self, id: String, title: String, why: Unreadable) {
        self.unreadable.update(|v| {
            if !v.iter().any(|(i, _)| *i == id) {
                v.push((id.clone(), why.clone()));
            }
        });
        self.banner(Banner::Sheet(id, title, why));
    }

    fn banner(&self, b: Banner) {
        self.banners.update(|v| {
            if !v.contains(&b) {
                v.push(b);
            }
        });
    }

    pub fn dismiss(&self, b: &Banner) {
        self.banners.update(|v| v.retain(|x| x != b));
    }

    /// Shows `sheet` as the open scoresheet `id`, stored at `stamp`.
    fn show(&self, sheet: Scoresheet, is_sample: bool, id: String, stamp: Stamp) {
        self.ctx.replace(sheet, is_sample);
        self.open_id.set(id);
        self.base.set_value(stamp);
    }

    fn open_fresh_sample(&self) {
        let id = self.index.with_untracked(|i| i.new_id(now() as u64));
        self.show(sample(), true, id, Stamp::NEW);
        self.dirty.set_value(false);
        self.state.set(if self.writable() {
            SaveState::Untouched
        } else {
            SaveState::Memory
        });
    }

    /// Called after every edit: save soon.
    pub fn touched(&self) {
        self.dirty.set_value(true);
        if !self.writable() {
            self.state.set(SaveState::Memory);
            return;
        }
        self.state.set(SaveState::Pending);
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        let ws = *self;
        let h =
            set_timeout_with_handle(move || ws.save_now(), Duration::from_millis(SAVE_DELAY_MS))
                .ok();
        self.timer.set_value(h);
    }

    /// The page is going away or hidden: text being typed (a cell
    /// editor, the meeting form) is committed first, then everything is
    /// saved.
    fn save_before_leaving(&self) {
        self.ctx.flush_typing();
        self.save_now();
    }

    /// Saves the open scoresheet now if it changed.
    pub fn save_now(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
            self.timer.set_value(None);
        }
        if !self.dirty.get_value() {
            return;
        }
        if !self.writable() {
            self.state.set(SaveState::Memory);
            return;
        }
        let id = self.open_id.get_untracked();
        let base = self.base.get_value();
        let view = self.view.get_untracked();
        let saved = self.ctx.sheet.with_untracked(|s| {
            self.vault
                .try_update_value(|v| v.save(&id, base, s, &view, now() as u64))
                .unwrap_or(Err(SaveError::ReadOnly))
        });
        match saved {
            Ok(stamp) => {
                self.base.set_value(stamp);
                self.dirty.set_value(false);
                self.index.set(self.vault.with_value(|v| v.index()));
                self.ctx.is_sample.set(false);
                self.dismiss(&Banner::Quota);
                self.banners
                    .update(|v| v.retain(|b| !matches!(b, Banner::SaveFailed(_))));
                self.state.set(SaveState::Saved(now()));
            }
            Err(e) => self.save_failed(e),
        }
    }

    fn save_failed(&self, e: SaveError) {
        match e {
            SaveError::Conflict => self.banner(Banner::Conflict),
            SaveError::ReadOnly => {}
            SaveError::TooNew(_) => self.banner(Banner::TooNew),
            SaveError::Store(StoreError::Quota) => self.banner(Banner::Quota),
            SaveError::Store(e) => self.banner(Banner::SaveFailed(e)),
        }
        self.state.set(if self.writable() {
            SaveState::Failed
        } else {
            SaveState::Memory
        });
    }

    /// Saves only the index (which sheet is open, the view).
    fn save_view(&self) {
        let open = self.open_id.get_untracked();
        let view = self.view.get_untracked();
        self.vault
            .update_value(|v| v.save_view(Some(&open), &view, now() as u64));
    }

    fn listen(&self) {
        let ws = *self;
        // Another tab wrote the index.
        let h = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
            if e.key().as_deref() == Some(crate::store::INDEX_KEY) {
                ws.other_tab_saved();
            }
        });
        let hide = window_event_listener(ev::pagehide, move |_| ws.save_before_leaving());
        // Unsaved edits (storage full or refused): the browser asks before
        // the page goes.
        let unload =
            window_event_listener(ev::beforeunload, move |e: web_sys::BeforeUnloadEvent| {
                ws.save_before_leaving();
                if ws.dirty.get_value() {
                    e.prevent_default();
                    e.set_return_value(t::WS_UNSAVED_LEAVE);
                }
            });
        on_cleanup(move || {
            h.remove();
            hide.remove();
            unload.remove();
        });
        let cb = Closure::<dyn Fn()>::new(move || {
            // Read as a property (not through the prototype's getter).
            let hidden = js_sys::Reflect::get(&document(), &"hidden".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if hidden {
                ws.save_before_leaving();
            }
        });
        let _ = document()
            .add_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
        cb.forget();
        Effect::new(move |prev: Option<()>| {
            ws.view.track();
            if prev.is_some() {
                ws.save_view();
            }
        });
    }

    fn other_tab_saved(&self) {
        let id = self.open_id.get_untracked();
        let (stored, theirs) = self.vault.with_value(|v| (v.index(), v.stored_stamp(&id)));
        self.index.set(stored);
        match theirs {
            Some(s) if s != self.base.get_value() => {
                if self.dirty.get_value() {
                    self.banner(Banner::Conflict);
                } else {
                    self.take_theirs();
                }
            }
            _ => {}
        }
    }

    /// Conflict resolution: load the other tab's save, dropping this tab's edits.
    pub fn take_theirs(&self) {
        let id = self.open_id.get_untracked();
        if let Ok((sheet, stamp)) = self.vault.with_value(|v| v.load(&id)) {
            self.ctx.replace(sheet, false);
            self.base.set_value(stamp);
            self.dirty.set_value(false);
            self.dismiss(&Banner::Conflict);
            self.banner(Banner::Updated);
            self.state.set(SaveState::Saved(now()));
        }
    }

    /// Conflict resolution: keep this tab's version, replacing the other save.
    pub fn keep_mine(&self) {
        let id = self.open_id.get_untracked();
        if let Some(s) = self.vault.with_value(|v| v.stored_stamp(&id)) {
            self.base.set_value(s);
        }
        self.dismiss(&Banner::Conflict);
        self.dirty.set_value(true);
        self.save_now();
    }

    /// Adds a scoresheet to the workspace and opens it.
    pub fn add(&self, sheet: Scoresheet, is_sample: bool) {
        self.save_now();
        let id = self.index.with_untracked(|i| i.new_id(now() as u64));
        self.show(sheet, is_sample, id, Stamp::NEW);
        self.dirty.set_value(true);
        if self.writable() {
            self.save_now();
        } else {
            self.state.set(SaveState::Memory);
        }
    }

    pub fn switch_to(&self, id: &str) {
        if id == self.open_id.get_untracked() {
            return;
        }
        self.save_now();
        match self.vault.with_value(|v| v.load(id)) {
            Ok((sheet, stamp)) => {
                self.show(sheet, false, id.to_string(), stamp);
                self.dirty.set_value(false);
                self.state.set(SaveState::Saved(now()));
                self.save_view();
            }
            Err(why) => {
                let title = self
                    .index
                    .with_untracked(|i| i.entry(id).map(|e| e.title.clone()))
                    .unwrap_or_default();
                self.cannot_open(id.to_string(), title, why);
                // The picker goes back to the open scoresheet.
                self.open_id.set(self.open_id.get_untracked());
            }
        }
    }

    pub fn rename(&self, title: String) {
        let title = title.trim().to_string();
        if title.is_empty() {
            return;
        }
        self.ctx.edit(vec![crate::model::Op::SetTitle(title)]);
    }

    pub fn duplicate(&self) {
        let mut copy = self.ctx.sheet.get_untracked();
        copy.title = t::copy_title(&copy.title);
        self.add(copy, false);
    }

    /// Deletes a scoresheet the user confirmed deleting (any, also one
    /// that cannot be opened). False when storage refused.
    fn delete(&self, id: &str) -> bool {
        if !self.writable() {
            self.index.update(|i| i.sheets.retain(|e| e.id != id));
            return true;
        }
        match self.vault.try_update_value(|v| v.delete(id, now() as u64)) {
            Some(Ok(index)) => {
                self.index.set(index);
                self.unreadable.update(|v| v.retain(|(i, _)| i != id));
                self.banners
                    .update(|v| v.retain(|b| !matches!(b, Banner::Sheet(i, ..) if i == id)));
                true
            }
            Some(Err(e)) => {
                self.save_failed(e);
                false
            }
            None => false,
        }
    }

    /// Deletes the open scoresheet (after the user confirmed) and opens another.
    pub fn delete_open(&self) {
        let id = self.open_id.get_untracked();
        if !self.delete(&id) {
            return;
        }
        self.dirty.set_value(false);
        let bad = self.unreadable.get_untracked();
        let next = self.index.with_untracked(|i| {
            i.sheets
                .iter()
                .find(|e| !bad.iter().any(|(b, _)| *b == e.id))
                .map(|e| e.id.clone())
        });
        self.open_id.set(String::new());
        match next {
            Some(n) => self.switch_to(&n),
            None => self.open_fresh_sample(),
        }
    }

    pub fn backup_text(&self) -> String {
        self.save_now();
        let mut sheets = Vec::new();
        let mut raw = Vec::new();
        let open = self.open_id.get_untracked();
        for e in self.index.get_untracked().sheets {
            if e.id == open {
                sheets.push(self.ctx.sheet.get_untracked());
            } else {
                match self.vault.with_value(|v| v.load(&e.id)) {
                    Ok((s, _)) => sheets.push(s),
                    // What cannot be opened goes into the backup as stored.
                    Err(_) => {
                        if let Some(text) = self.vault.with_value(|v| v.raw(&e.id)) {
                            raw.push((e.title.clone(), text));
                        }
                    }
                }
            }
        }
        if !self.index.with_untracked(|i| i.entry(&open).is_some()) {
            sheets.insert(0, self.ctx.sheet.get_untracked());
        }
        Backup::make(&sheets, &raw)
    }

    /// Adds every scoresheet of a backup file to the workspace and says
    /// exactly what was kept.
    pub fn restore(&self, text: &str) -> Result<RestoreReport, DecodeError> {
        let sheets = Backup::read(text)?;
        self.save_now();
        if !self.writable() {
            // In memory only: open the first readable one.
            let readable = sheets.iter().filter(|s| s.is_ok()).count();
            let unreadable = sheets.len() - readable;
            if let Some(s) = sheets.into_iter().flatten().next() {
                self.add(s, false);
            }
            return Ok(RestoreReport {
                kept: Vec::new(),
                unreadable,
                stopped: Some(SaveError::ReadOnly),
                not_written: readable,
            });
        }
        let report = self
            .vault
            .try_update_value(|v| v.restore(sheets, now() as u64))
            .unwrap_or(RestoreReport {
                kept: Vec::new(),
                unreadable: 0,
                stopped: Some(SaveError::ReadOnly),
                not_written: 0,
            });
        self.index.set(self.vault.with_value(|v| v.index()));
        if let Some(first) = report.kept.first() {
            self.switch_to(first);
        }
        Ok(report)
    }
}

/// The workspace bar: the scoresheets kept in the browser and what can be
/// done with them, how the open one is saved, and the banners about it.
#[component]
pub fn WorkspaceBar() -> impl IntoView {
    let ws = Workspace::use_ws();
    let ctx = Ctx::use_ctx();
    let on_rename = move |_| {
        let current = ctx.sheet.with_untracked(|s| s.title.clone());
        if let Ok(Some(name)) =
            window().prompt_with_message_and_default(t::WS_RENAME_PROMPT, &current)
        {
            ws.rename(name);
        }
    };
    let on_delete = move |_| {
        let title = ctx.sheet.with_untracked(|s| s.title.clone());
        if confirm(&t::ws_delete_confirm(&title)) {
            ws.delete_open();
        }
    };
    view! {
        <div class="ws-bar">
            <SheetPicker />
            <button on:click=move |_| ws.add(sample(), false)>{t::WS_NEW}</button>
            <button on:click=move |_| ws.add(crate::model::sample::blank(t::BLANK_TITLE, t::BLANK_SECTION, t::BLANK_CRITERION), false)>{t::WS_BLANK}</button>
            <button on:click=move |_| ws.duplicate()>{t::WS_DUPLICATE}</button>
            <button on:click=on_rename>{t::WS_RENAME}</button>
            <button on:click=on_delete>{t::WS_DELETE}</button>
            <button on:click=move |_| download_backup(ws, ctx)>{t::WS_BACKUP}</button>
            <RestoreButton />
            <span class="save-state" role="status">{move || save_state_text(ws.state.get())}</span>
        </div>
        <Banners />
    }
}

/// Asks a yes-or-no question in the browser's own dialog.
fn confirm(msg: &str) -> bool {
    window().confirm_with_message(msg).unwrap_or(false)
}

/// Offers every stored scoresheet as one backup file, named after the
/// open one.
fn download_backup(ws: Workspace, ctx: Ctx) {
    let text = ws.backup_text();
    download(
        text.as_bytes(),
        &t::backup_file_name(&crate::xlsx::export::file_name(
            &ctx.sheet.with_untracked(|s| s.title.clone()),
        )),
        JSON_MIME,
    );
}

/// "Đã lưu 14:05", "Đang lưu…" and the like.
fn save_state_text(state: SaveState) -> String {
    match state {
        SaveState::Saved(ms) => {
            let d = js_sys::Date::new(&JsValue::from_f64(ms));
            format!(
                "{} {:02}:{:02}",
                t::WS_SAVED_AT,
                d.get_hours(),
                d.get_minutes()
            )
        }
        SaveState::Untouched => t::WS_UNTOUCHED.into(),
        SaveState::Pending => t::WS_SAVING.into(),
        SaveState::Failed => t::WS_NOT_SAVED.into(),
        SaveState::Memory => t::WS_MEMORY_ONLY.into(),
    }
}

/// The scoresheets kept, the open one selected; choosing one opens it.
#[component]
fn SheetPicker() -> impl IntoView {
    let ws = Workspace::use_ws();
    let ctx = Ctx::use_ctx();
    let options = move || {
        let open = ws.open_id.get();
        let mut entries = ws.index.get().sheets;
        // The open scoresheet is listed even before its first save.
        if !entries.iter().any(|e| e.id == open) {
            entries.insert(
                0,
                Entry {
                    id: open.clone(),
                    title: String::new(),
                    gen: 0,
                    rev: 0,
                    updated: 0.0,
                },
            );
        }
        // The title changes only with the structure (SetTitle), not with scores.
        let title = ctx.with_structure(|s| s.title.clone());
        let bad = ws.unreadable.get();
        entries
            .into_iter()
            .map(|e| {
                let label = if e.id == open {
                    title.clone()
                } else if let Some((_, why)) = bad.iter().find(|(i, _)| *i == e.id) {
                    t::ws_unreadable_label(&e.title, why)
                } else {
                    e.title.clone()
                };
                view! { <option value=e.id.clone() selected=e.id == open>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="group">
            <span class="lbl">{t::WS_SHEETS}</span>
            <select on:change=move |e| ws.switch_to(&event_target_value(&e))>{options}</select>
        </label>
    }
}

/// A button opening the file picker for a backup, and the hidden picker;
/// the outcome is said in a banner.
#[component]
fn RestoreButton() -> impl IntoView {
    let ws = Workspace::use_ws();
    let restore_ref = NodeRef::<leptos::html::Input>::new();
    let on_restore_pick = move |e: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text.map(|t| ws.restore(&t)) {
                Some(Ok(report)) => ws.banner(Banner::Info(t::ws_restored(&report))),
                _ => ws.banner(Banner::Info(t::WS_RESTORE_FAILED.into())),
            }
        });
    };
    view! {
        <button on:click=move |_| { if let Some(i) = restore_ref.get() { i.click(); } }>{t::WS_RESTORE}</button>
        <input type="file" class="hidden" accept=".json,application/json" aria-label=t::WS_RESTORE node_ref=restore_ref on:change=on_restore_pick />
    }
}

/// The banners about storage and saving, newest last.
#[component]
fn Banners() -> impl IntoView {
    let ws = Workspace::use_ws();
    move || {
        ws.banners
            .get()
            .into_iter()
            .map(|b| view! { <BannerView banner=b /> })
            .collect_view()
    }
}

/// A banner's class and text.
fn banner_text(b: &Banner) -> (&'static str, String) {
    match b {
        Banner::Unavailable(e) => ("banner warn", t::banner_unavailable(e)),
        Banner::Full => ("banner warn", t::BANNER_FULL.to_string()),
        Banner::IndexCorrupt(key, n) => {
            ("banner warn", t::banner_index_corrupt(key.as_deref(), *n))
        }
        Banner::Recovered(n) => ("banner info", t::banner_recovered(*n)),
        Banner::TooNew => ("banner warn", t::BANNER_TOO_NEW.to_string()),
        Banner::Sheet(_, title, why) => ("banner warn", t::banner_sheet_unreadable(title, why)),
        Banner::Quota => ("banner error", t::BANNER_QUOTA.to_string()),
        Banner::SaveFailed(e) => ("banner error", t::banner_save_failed(e)),
        Banner::Conflict => ("banner error", t::BANNER_CONFLICT.to_string()),
        Banner::Updated => ("banner info", t::BANNER_UPDATED.to_string()),
        Banner::Info(s) => ("banner info", s.clone()),
    }
}

/// One banner, with what can be done about it: take either side of a
/// conflict, download a backup when saving fails, download or delete an
/// unreadable scoresheet, and close it (a conflict must be decided).
#[component]
fn BannerView(banner: Banner) -> impl IntoView {
    let ws = Workspace::use_ws();
    let ctx = Ctx::use_ctx();
    let b = banner;
    let (class, text) = banner_text(&b);
    let conflict = b == Banner::Conflict;
    let backup = matches!(b, Banner::Quota | Banner::Full | Banner::SaveFailed(_));
    // (id, title, whether there is stored text to download)
    let sheet = match &b {
        Banner::Sheet(id, title, why) => {
            Some((id.clone(), title.clone(), *why != Unreadable::Missing))
        }
        _ => None,
    };
    let b2 = b.clone();
    view! {
        <div class=class role="alert">
            <span>{text}</span>
            {conflict.then(|| view! {
                <button on:click=move |_| ws.take_theirs()>{t::CONFLICT_THEIRS}</button>
                <button on:click=move |_| ws.keep_mine()>{t::CONFLICT_MINE}</button>
            })}
            {backup.then(|| view! { <button on:click=move |_| download_backup(ws, ctx)>{t::WS_BACKUP}</button> })}
            {sheet.map(|(id, title, has_data)| {
                let id2 = id.clone();
                let title2 = title.clone();
                view! {
                    {has_data.then(|| view! {
                        <button on:click=move |_| {
                            if let Some(text) = ws.vault.with_value(|v| v.raw(&id)) {
                                download(text.as_bytes(), &t::raw_file_name(&crate::xlsx::export::file_name(&title)), JSON_MIME);
                            }
                        }>{t::WS_DOWNLOAD_RAW}</button>
                    })}
                    <button on:click=move |_| {
                        if confirm(&t::ws_delete_confirm(&title2)) {
                            ws.delete(&id2);
                        }
                    }>{t::WS_DELETE_THIS}</button>
                }
            })}
            {(!conflict).then(|| view! { <button class="link" on:click=move |_| ws.dismiss(&b2)>{t::CLOSE}</button> })}
        </div>
    }
}
