//! The workspace: several scoresheets kept in local storage, autosaved
//! after every edit (debounced, and at once when the page is hidden),
//! restored on reload; faults shown in banners, never silently dropped.

use super::Ctx;
use crate::model::saved::{Backup, DecodeError, Entry, Index, ViewState};
use crate::model::{sample::sample, Scoresheet};
use crate::store::{self, SaveError};
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
    /// Storage disabled: working in memory.
    Unavailable,
    /// Unreadable data found; kept under this key (if it fit).
    Corrupt(Option<String>),
    /// Data from a newer version of the app.
    TooNew,
    /// Quota exhausted: the last good save is kept.
    Quota,
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
    base_gen: StoredValue<u64>,
    dirty: StoredValue<bool>,
    persistent: StoredValue<bool>,
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
        let ws = Workspace {
            index: RwSignal::new(Index::new()),
            open_id: RwSignal::new(String::new()),
            base_gen: StoredValue::new(0),
            dirty: StoredValue::new(false),
            persistent: StoredValue::new(store::available()),
            banners: RwSignal::new(Vec::new()),
            state: RwSignal::new(SaveState::Memory),
            timer: StoredValue::new(None),
            view: RwSignal::new(ViewState::default()),
            ctx,
        };
        ws.load_at_start();
        ws.listen();
        ws
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

    fn load_at_start(&self) {
        if !self.persistent.get_value() {
            self.banner(Banner::Unavailable);
            self.open_fresh_sample();
            return;
        }
        let mut index = match store::load_index() {
            Ok(Some(i)) => i,
            Ok(None) => Index::new(),
            Err((text, err)) => {
                self.unreadable(&text, &err);
                store::remove(store::INDEX_KEY);
                Index::new()
            }
        };
        store::remove_orphans(&index);
        self.view.set(index.view.clone());
        // Open the last open scoresheet, else the first readable one.
        let mut order: Vec<String> = index.sheets.iter().map(|e| e.id.clone()).collect();
        if let Some(open) = &index.open {
            order.retain(|i| i != open);
            order.insert(0, open.clone());
        }
        let mut opened = false;
        let mut dropped = Vec::new();
        for id in order {
            let Some(e) = index.entry(&id).cloned() else {
                continue;
            };
            match store::load_sheet(&e.id, e.gen) {
                Ok(sheet) => {
                    self.show(sheet, false, e.id.clone(), e.gen);
                    opened = true;
                    break;
                }
                Err((text, err)) => {
                    if let Some(text) = text {
                        self.unreadable(&text, &err);
                        store::remove(&store::sheet_key(&e.id, e.gen));
                    }
                    if !matches!(err, DecodeError::TooNew(_)) {
                        dropped.push(e.id.clone());
                    }
                }
            }
        }
        index.sheets.retain(|e| !dropped.contains(&e.id));
        if !dropped.is_empty() {
            let _ = store::save_index(&index);
        }
        self.index.set(index);
        if opened {
            self.state.set(SaveState::Saved(now()));
        } else {
            self.open_fresh_sample();
        }
    }

    fn unreadable(&self, text: &str, err: &DecodeError) {
        match err {
            DecodeError::TooNew(_) => self.banner(Banner::TooNew),
            DecodeError::Corrupt(_) => {
                let key = store::keep_aside(text);
                self.banner(Banner::Corrupt(key));
            }
        }
    }

    /// Shows `sheet` as the open scoresheet `id`, stored as generation `gen`.
    fn show(&self, sheet: Scoresheet, is_sample: bool, id: String, gen: u64) {
        self.ctx.replace(sheet, is_sample);
        self.open_id.set(id);
        self.base_gen.set_value(gen);
    }

    fn open_fresh_sample(&self) {
        let id = self.index.with_untracked(|i| i.new_id(now() as u64));
        self.show(sample(), true, id, 0);
        self.dirty.set_value(false);
        if !self.persistent.get_value() {
            self.state.set(SaveState::Memory);
        } else {
            self.state.set(SaveState::Untouched);
        }
    }

    /// Called after every edit: save soon.
    pub fn touched(&self) {
        self.dirty.set_value(true);
        if !self.persistent.get_value() {
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

    /// Saves the open scoresheet now if it changed: a new generation is
    /// written first, then the index switches to it, then the old one goes.
    pub fn save_now(&self) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
            self.timer.set_value(None);
        }
        if !self.persistent.get_value() || !self.dirty.get_value() {
            return;
        }
        let id = self.open_id.get_untracked();
        let base = self.base_gen.get_value();
        // What is stored now, in case another tab saved meanwhile.
        let mut index = match store::load_index() {
            Ok(Some(i)) => i,
            _ => self.index.get_untracked(),
        };
        if let Some(e) = index.entry(&id) {
            if e.gen != base {
                self.banner(Banner::Conflict);
                self.state.set(SaveState::Failed);
                return;
            }
        }
        let gen = base + 1;
        let title = self.ctx.sheet.with_untracked(|s| s.title.clone());
        let written = self
            .ctx
            .sheet
            .with_untracked(|s| store::write_sheet(&id, gen, s));
        if let Err(e) = written {
            self.save_failed(e);
            return;
        }
        let entry = Entry {
            id: id.clone(),
            title,
            gen,
            updated: now(),
        };
        match index.sheets.iter_mut().find(|e| e.id == id) {
            Some(e) => *e = entry,
            None => index.sheets.push(entry),
        }
        index.open = Some(id.clone());
        index.view = self.view.get_untracked();
        if let Err(e) = store::save_index(&index) {
            store::remove(&store::sheet_key(&id, gen));
            self.save_failed(e);
            return;
        }
        if base > 0 {
            store::remove(&store::sheet_key(&id, base));
        }
        self.base_gen.set_value(gen);
        self.dirty.set_value(false);
        self.index.set(index);
        self.ctx.is_sample.set(false);
        self.dismiss(&Banner::Quota);
        self.state.set(SaveState::Saved(now()));
    }

    fn save_failed(&self, e: SaveError) {
        match e {
            SaveError::Quota => self.banner(Banner::Quota),
            SaveError::Unavailable => self.banner(Banner::Unavailable),
            SaveError::Other(_) => self.banner(Banner::Quota),
        }
        self.state.set(SaveState::Failed);
    }

    /// Saves only the index (view changes).
    fn save_view(&self) {
        if !self.persistent.get_value() {
            return;
        }
        let view = self.view.get_untracked();
        if let Ok(Some(mut index)) = store::load_index() {
            if index.view != view {
                index.view = view;
                let _ = store::save_index(&index);
            }
        }
    }

    fn listen(&self) {
        let ws = *self;
        // Another tab wrote the index.
        let h = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
            if e.key().as_deref() == Some(store::INDEX_KEY) {
                ws.other_tab_saved();
            }
        });
        let hide = window_event_listener(ev::pagehide, move |_| ws.save_now());
        on_cleanup(move || {
            h.remove();
            hide.remove();
        });
        let cb = Closure::<dyn Fn()>::new(move || {
            // Read as a property (not through the prototype's getter).
            let hidden = js_sys::Reflect::get(&document(), &"hidden".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if hidden {
                ws.save_now();
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
        let Ok(Some(stored)) = store::load_index() else {
            return;
        };
        let id = self.open_id.get_untracked();
        let base = self.base_gen.get_value();
        let theirs = stored.entry(&id).map(|e| e.gen);
        self.index.update(|i| i.sheets = stored.sheets.clone());
        match theirs {
            Some(g) if g != base => {
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
        let Ok(Some(stored)) = store::load_index() else {
            return;
        };
        let Some(e) = stored.entry(&id).cloned() else {
            return;
        };
        if let Ok(sheet) = store::load_sheet(&e.id, e.gen) {
            self.ctx.replace(sheet, false);
            self.base_gen.set_value(e.gen);
            self.dirty.set_value(false);
            self.dismiss(&Banner::Conflict);
            self.banner(Banner::Updated);
            self.state.set(SaveState::Saved(now()));
        }
    }

    /// Conflict resolution: keep this tab's version, replacing the other save.
    pub fn keep_mine(&self) {
        let id = self.open_id.get_untracked();
        if let Ok(Some(stored)) = store::load_index() {
            if let Some(e) = stored.entry(&id) {
                self.base_gen.set_value(e.gen);
            }
        }
        self.dismiss(&Banner::Conflict);
        self.dirty.set_value(true);
        self.save_now();
    }

    /// Adds a scoresheet to the workspace and opens it.
    pub fn add(&self, sheet: Scoresheet, is_sample: bool) {
        self.save_now();
        let id = self.index.with_untracked(|i| i.new_id(now() as u64));
        self.show(sheet, is_sample, id, 0);
        self.dirty.set_value(true);
        self.save_now();
    }

    pub fn switch_to(&self, id: &str) {
        if id == self.open_id.get_untracked() {
            return;
        }
        self.save_now();
        let Some(e) = self.index.with_untracked(|i| i.entry(id).cloned()) else {
            return;
        };
        match store::load_sheet(&e.id, e.gen) {
            Ok(sheet) => {
                self.show(sheet, false, e.id.clone(), e.gen);
                self.dirty.set_value(false);
                self.state.set(SaveState::Saved(now()));
                if let Ok(Some(mut index)) = store::load_index() {
                    index.open = Some(e.id);
                    let _ = store::save_index(&index);
                }
            }
            Err((text, err)) => {
                if let Some(text) = text {
                    self.unreadable(&text, &err);
                }
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

    /// Deletes the open scoresheet (after the user confirmed) and opens another.
    pub fn delete_open(&self) {
        let id = self.open_id.get_untracked();
        let gen = self.base_gen.get_value();
        if self.persistent.get_value() {
            let mut index = store::load_index()
                .ok()
                .flatten()
                .unwrap_or_else(|| self.index.get_untracked());
            index.sheets.retain(|e| e.id != id);
            index.open = index.sheets.first().map(|e| e.id.clone());
            if store::save_index(&index).is_ok() {
                store::remove(&store::sheet_key(&id, gen));
            }
            self.index.set(index);
        }
        self.dirty.set_value(false);
        let next = self
            .index
            .with_untracked(|i| i.sheets.first().map(|e| e.id.clone()));
        self.open_id.set(String::new());
        match next {
            Some(n) => self.switch_to(&n),
            None => self.open_fresh_sample(),
        }
    }

    pub fn backup_text(&self) -> String {
        self.save_now();
        let mut sheets = Vec::new();
        let open = self.open_id.get_untracked();
        for e in self.index.get_untracked().sheets {
            if e.id == open {
                sheets.push(self.ctx.sheet.get_untracked());
            } else if let Ok(s) = store::load_sheet(&e.id, e.gen) {
                sheets.push(s);
            }
        }
        if !self.index.with_untracked(|i| i.entry(&open).is_some()) {
            sheets.insert(0, self.ctx.sheet.get_untracked());
        }
        Backup::make(&sheets)
    }

    /// Adds every scoresheet of a backup file to the workspace.
    pub fn restore(&self, text: &str) -> Result<usize, DecodeError> {
        let sheets = Backup::read(text)?;
        let n = sheets.len();
        for s in sheets {
            self.add(s, false);
        }
        Ok(n)
    }
}

/// Offers bytes as a file download.
pub fn download(bytes: &[u8], name: &str, mime: &str) {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn WorkspaceBar() -> impl IntoView {
    let ws = Workspace::use_ws();
    let ctx = Ctx::use_ctx();
    let restore_ref = NodeRef::<leptos::html::Input>::new();
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
                    updated: 0.0,
                },
            );
        }
        // The title changes only with the structure (SetTitle), not with scores.
        let title = ctx.with_structure(|s| s.title.clone());
        entries
            .into_iter()
            .map(|e| {
                let label = if e.id == open {
                    title.clone()
                } else {
                    e.title.clone()
                };
                view! { <option value=e.id.clone() selected=e.id == open>{label}</option> }
            })
            .collect_view()
    };
    let confirm = |msg: &str| window().confirm_with_message(msg).unwrap_or(false);
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
    let on_backup = move |_| {
        let text = ws.backup_text();
        download(
            text.as_bytes(),
            &t::backup_file_name(&crate::xlsx::export::file_name(
                &ctx.sheet.with_untracked(|s| s.title.clone()),
            )),
            "application/json",
        );
    };
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
                Some(Ok(n)) => ws.banner(Banner::Info(t::ws_restored(n))),
                _ => ws.banner(Banner::Info(t::WS_RESTORE_FAILED.into())),
            }
        });
    };
    let state = move || match ws.state.get() {
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
    };
    let banners = move || {
        ws.banners
            .get()
            .into_iter()
            .map(|b| {
                let (class, text) = match &b {
                    Banner::Unavailable => ("banner warn", t::BANNER_UNAVAILABLE.to_string()),
                    Banner::Corrupt(key) => ("banner warn", t::banner_corrupt(key.as_deref())),
                    Banner::TooNew => ("banner warn", t::BANNER_TOO_NEW.to_string()),
                    Banner::Quota => ("banner error", t::BANNER_QUOTA.to_string()),
                    Banner::Conflict => ("banner error", t::BANNER_CONFLICT.to_string()),
                    Banner::Updated => ("banner info", t::BANNER_UPDATED.to_string()),
                    Banner::Info(s) => ("banner info", s.clone()),
                };
                let conflict = b == Banner::Conflict;
                let quota = b == Banner::Quota;
                let b2 = b.clone();
                view! {
                    <div class=class role="alert">
                        <span>{text}</span>
                        {conflict.then(|| view! {
                            <button on:click=move |_| ws.take_theirs()>{t::CONFLICT_THEIRS}</button>
                            <button on:click=move |_| ws.keep_mine()>{t::CONFLICT_MINE}</button>
                        })}
                        {quota.then(|| view! { <button on:click=on_backup>{t::WS_BACKUP}</button> })}
                        {(!conflict).then(|| view! { <button class="link" on:click=move |_| ws.dismiss(&b2)>{t::CLOSE}</button> })}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <div class="ws-bar">
            <label class="group">
                <span class="lbl">{t::WS_SHEETS}</span>
                <select on:change=move |e| ws.switch_to(&event_target_value(&e))>{options}</select>
            </label>
            <button on:click=move |_| ws.add(sample(), false)>{t::WS_NEW}</button>
            <button on:click=move |_| ws.duplicate()>{t::WS_DUPLICATE}</button>
            <button on:click=on_rename>{t::WS_RENAME}</button>
            <button on:click=on_delete>{t::WS_DELETE}</button>
            <button on:click=on_backup>{t::WS_BACKUP}</button>
            <button on:click=move |_| { if let Some(i) = restore_ref.get() { i.click(); } }>{t::WS_RESTORE}</button>
            <input type="file" class="hidden" accept=".json,application/json" aria-label=t::WS_RESTORE node_ref=restore_ref on:change=on_restore_pick />
            <span class="save-state" role="status">{state}</span>
        </div>
        {banners}
    }
}
