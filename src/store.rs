//! The browser's local storage (through gloo-storage), thin: keys, reads,
//! writes, and errors as values. What is stored and how it migrates is
//! `crate::model::saved`.
//!
//! Keys: `chamdiem.index` (the workspace [`Index`]), one
//! `chamdiem.sheet.<id>.<gen>` per scoresheet (a new generation is written
//! before the index switches to it, so a failed write leaves the last good
//! save in place), `chamdiem.backup.<ms>` for unreadable data kept aside.

use crate::model::saved::{self, DecodeError, Index};
use crate::model::Scoresheet;
use gloo_storage::{LocalStorage, Storage};

pub const INDEX_KEY: &str = "chamdiem.index";
const SHEET_PREFIX: &str = "chamdiem.sheet.";
const BACKUP_PREFIX: &str = "chamdiem.backup.";
const PROBE_KEY: &str = "chamdiem.probe";

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The browser's quota is exhausted.
    Quota,
    /// Storage is disabled or unavailable.
    Unavailable,
    Other(String),
}

/// True when local storage can be written (not disabled, not a private
/// mode that refuses writes).
pub fn available() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let Ok(Some(s)) = w.local_storage() else {
        return false;
    };
    let ok = s.set_item(PROBE_KEY, "1").is_ok();
    let _ = s.remove_item(PROBE_KEY);
    ok
}

fn raw() -> Option<web_sys::Storage> {
    // gloo's raw() throws when storage is missing: check first.
    web_sys::window()?.local_storage().ok()??;
    Some(LocalStorage::raw())
}

pub fn get(key: &str) -> Option<String> {
    raw()?.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) -> Result<(), SaveError> {
    let s = raw().ok_or(SaveError::Unavailable)?;
    s.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            SaveError::Quota
        } else {
            SaveError::Other(name)
        }
    })
}

pub fn remove(key: &str) {
    if let Some(s) = raw() {
        let _ = s.remove_item(key);
    }
}

pub fn sheet_key(id: &str, gen: u64) -> String {
    format!("{SHEET_PREFIX}{id}.{gen}")
}

/// The workspace index: `Ok(None)` when there is none yet; the raw text
/// with the error when it cannot be read.
pub fn load_index() -> Result<Option<Index>, (String, DecodeError)> {
    match get(INDEX_KEY) {
        None => Ok(None),
        Some(text) => Index::decode(&text).map(Some).map_err(|e| (text, e)),
    }
}

pub fn save_index(index: &Index) -> Result<(), SaveError> {
    set(INDEX_KEY, &index.encode())
}

/// A stored scoresheet; the raw text with the error when unreadable
/// (`None` text: the key is missing).
pub fn load_sheet(id: &str, gen: u64) -> Result<Scoresheet, (Option<String>, DecodeError)> {
    let Some(text) = get(&sheet_key(id, gen)) else {
        return Err((None, DecodeError::Corrupt("missing".into())));
    };
    saved::decode(&text).map_err(|e| (Some(text), e))
}

pub fn write_sheet(id: &str, gen: u64, sheet: &Scoresheet) -> Result<usize, SaveError> {
    let text = saved::encode(sheet);
    set(&sheet_key(id, gen), &text)?;
    Ok(text.len())
}

/// Keeps unreadable text under a backup key; returns the key, if it fit.
pub fn keep_aside(text: &str) -> Option<String> {
    let key = format!("{BACKUP_PREFIX}{}", js_sys::Date::now() as u64);
    set(&key, text).ok().map(|_| key)
}

/// Every key of ours, for clean-up and for measuring.
pub fn our_keys() -> Vec<String> {
    let Some(s) = raw() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("chamdiem."))
        .collect()
}

/// Removes sheet generations the index no longer points at (left by a
/// crash between writing a new generation and switching the index).
pub fn remove_orphans(index: &Index) {
    for key in our_keys() {
        let Some(rest) = key.strip_prefix(SHEET_PREFIX) else {
            continue;
        };
        let Some((id, gen)) = rest.rsplit_once('.') else {
            continue;
        };
        let live = index
            .entry(id)
            .is_some_and(|e| gen.parse::<u64>().ok() == Some(e.gen));
        if !live {
            remove(&key);
        }
    }
}
