//! The save protocol: what is written, in which order, and what is never
//! touched. Pure over [`Storage`]; the UI turns its outcomes into banners.
//!
//! Rules (each pinned by a test below, named `rule_N_…`):
//! 1. Nothing that cannot be read is deleted. An unreadable scoresheet
//!    stays under its key and in the index, listed as unreadable, its raw
//!    text downloadable; only the user's "Xóa bảng" removes it.
//! 2. An index written by a newer version, or any storage that a newer
//!    version wrote, is never written by this page: the session runs in
//!    memory (read-only storage) and says why.
//! 3. An unreadable index is copied aside (`chamdiem.backup.<ms>`) and the
//!    index is rebuilt from the scoresheets found in storage. When the copy
//!    does not fit, nothing is written this session.
//! 4. No index but scoresheets in storage: they are listed again
//!    (recovered), not treated as orphans.
//! 5. Clean-up removes only older generations of a scoresheet the valid
//!    index lists, and only when the listed generation exists; never a
//!    scoresheet the index does not know (another tab may be adding it).
//! 6. A save writes a new generation, then switches the index to it, then
//!    removes the old one; a failed write leaves the previous save as it
//!    was. When the new generation does not fit beside the old one (a
//!    large sheet near the quota), the old generation's key is replaced in
//!    place (one atomic `setItem`).
//! 7. A save whose stored stamp (generation, revision) differs from the
//!    one this tab loaded is a conflict: nothing is written.
//! 8. Storage full at start: the saved scoresheets open as usual and the
//!    start says storage is full; storage refused (disabled, denied): the
//!    session runs in memory and says which.
//! 9. A restore writes scoresheets one by one, stops at the first that
//!    does not fit, lists them once, and reports exactly what it kept.

use super::{parse_sheet_key, sheet_key, Storage, StoreError, BACKUP_PREFIX, INDEX_KEY};
use crate::model::saved::{self, DecodeError, Entry, Index, ViewState};
use crate::model::Scoresheet;
use std::collections::BTreeMap;

/// What a save is based on: the stored generation and revision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    pub gen: u64,
    pub rev: u64,
}

impl Stamp {
    /// A scoresheet never saved.
    pub const NEW: Stamp = Stamp { gen: 0, rev: 0 };

    fn of(e: &Entry) -> Stamp {
        Stamp {
            gen: e.gen,
            rev: e.rev,
        }
    }
}

/// Why a listed scoresheet cannot be opened. Its data stays untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not readable as any known version.
    Corrupt,
    /// Written by a newer version of the app.
    TooNew(u32),
    /// The index lists it, but storage holds no such key.
    Missing,
}

/// What the start found worth telling the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Storage cannot be used: everything stays in memory.
    Unavailable(StoreError),
    /// Storage is full: saved scoresheets open, new saves may fail.
    Full,
    /// The index was unreadable: copied aside under this key (None: no
    /// room, so nothing is written this session); `recovered` scoresheets
    /// found in storage are listed again.
    IndexUnreadable {
        aside: Option<String>,
        recovered: usize,
    },
    /// The index was written by a newer version: nothing is written.
    IndexTooNew(u32),
    /// No index, but these many scoresheets were found and listed again.
    Recovered(usize),
    /// A listed scoresheet could not be opened; left as it is.
    SheetUnreadable {
        id: String,
        title: String,
        why: Unreadable,
    },
}

/// Why a save did not happen. The previous save is intact in every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved this scoresheet since this one loaded it.
    Conflict,
    /// This session writes nothing (see the start's notices).
    ReadOnly,
    /// Storage now holds data of a newer version: from now on read-only.
    TooNew(u32),
    Store(StoreError),
}

/// A scoresheet opened at start.
pub struct Opened {
    pub id: String,
    pub sheet: Scoresheet,
    pub stamp: Stamp,
}

/// What [`Vault::start`] found.
pub struct Start {
    pub index: Index,
    pub opened: Option<Opened>,
    pub notices: Vec<Notice>,
}

/// What a restore kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreReport {
    /// Ids of the scoresheets written, in the backup's order.
    pub kept: Vec<String>,
    /// Scoresheets in the backup that could not be read.
    pub unreadable: usize,
    /// Why the rest was not written (the first failure), if any.
    pub stopped: Option<SaveError>,
    /// Scoresheets of the backup not written because of `stopped`.
    pub not_written: usize,
}

pub struct Vault<S: Storage> {
    store: S,
    writable: bool,
    /// The index as this tab last wrote or read it: used when the stored
    /// one vanished or is unreadable at save time.
    known: Index,
}

enum Stored {
    Missing,
    Valid(Index),
    Corrupt(String),
    TooNew(u32),
}

impl<S: Storage> Vault<S> {
    /// Reads the workspace and opens the scoresheet to show (rules 1–5, 8).
    pub fn start(mut store: S, now_ms: u64) -> (Vault<S>, Start) {
        let mut notices = Vec::new();
        // A session that writes nothing and opens nothing from storage.
        let refused = |store, notice| {
            let start = Start {
                index: Index::new(),
                opened: None,
                notices: vec![notice],
            };
            (Vault::read_only(store), start)
        };
        let ours = match store.keys() {
            Ok(k) => k,
            Err(e) => return refused(store, Notice::Unavailable(e)),
        };
        match store.probe() {
            Ok(()) => {}
            // Full, with our data in it: open what is saved (rule 8).
            Err(StoreError::Quota) if !ours.is_empty() => notices.push(Notice::Full),
            // A zero quota (some private modes), or storage refused.
            Err(e) => return refused(store, Notice::Unavailable(e)),
        }
        let mut writable = true;
        let mut write_index = false;
        let mut index = match read_index(&store) {
            Err(e) => return refused(store, Notice::Unavailable(e)),
            // Rule 2: not one byte written, not one key removed.
            Ok(Stored::TooNew(v)) => return refused(store, Notice::IndexTooNew(v)),
            Ok(Stored::Valid(index)) => {
                remove_stale(&mut store, &index, &ours);
                index
            }
            Ok(Stored::Missing) => {
                let index = rebuild(&store, &ours);
                if !index.sheets.is_empty() {
                    notices.push(Notice::Recovered(index.sheets.len()));
                    write_index = true;
                }
                index
            }
            Ok(Stored::Corrupt(text)) => {
                let aside = keep_aside(&mut store, &text, now_ms);
                let index = rebuild(&store, &ours);
                writable = aside.is_some();
                write_index = writable;
                notices.push(Notice::IndexUnreadable {
                    aside,
                    recovered: index.sheets.len(),
                });
                index
            }
        };
        if write_index && index.open.is_none() {
            index.open = index.sheets.first().map(|e| e.id.clone());
        }
        if write_index {
            // A failure here is harmless: the next save writes the index.
            let _ = store.set(INDEX_KEY, &index.encode());
        }
        let v = Vault {
            store,
            writable,
            known: index.clone(),
        };
        // The last open scoresheet first, then the others in order.
        let mut order: Vec<&Entry> = index.sheets.iter().collect();
        if let Some(pos) = index
            .open
            .as_ref()
            .and_then(|o| order.iter().position(|e| &e.id == o))
        {
            let e = order.remove(pos);
            order.insert(0, e);
        }
        let mut opened = None;
        for e in order {
            match v.read_sheet(e) {
                Ok(sheet) => {
                    opened = Some(Opened {
                        id: e.id.clone(),
                        sheet,
                        stamp: Stamp::of(e),
                    });
                    break;
                }
                Err(why) => notices.push(Notice::SheetUnreadable {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    why,
                }),
            }
        }
        let start = Start {
            index,
            opened,
            notices,
        };
        (v, start)
    }

    fn read_only(store: S) -> Vault<S> {
        Vault {
            store,
            writable: false,
            known: Index::new(),
        }
    }

    /// Whether this session writes to storage at all.
    pub fn writable(&self) -> bool {
        self.writable
    }

    /// The stored index, or this tab's when the stored one cannot be used.
    pub fn index(&self) -> Index {
        match read_index(&self.store) {
            Ok(Stored::Valid(i)) => i,
            _ => self.known.clone(),
        }
    }

    /// The stored stamp of a scoresheet (another tab may have saved).
    pub fn stored_stamp(&self, id: &str) -> Option<Stamp> {
        match read_index(&self.store) {
            Ok(Stored::Valid(i)) => i.entry(id).map(Stamp::of),
            _ => None,
        }
    }

    /// Loads a listed scoresheet with its stamp.
    pub fn load(&self, id: &str) -> Result<(Scoresheet, Stamp), Unreadable> {
        let index = self.index();
        let e = index.entry(id).ok_or(Unreadable::Missing)?;
        Ok((self.read_sheet(e)?, Stamp::of(e)))
    }

    /// The stored text of a listed scoresheet, whatever its state (to
    /// download what cannot be opened).
    pub fn raw(&self, id: &str) -> Option<String> {
        let index = self.index();
        let e = index.entry(id)?;
        self.store.get(&sheet_key(&e.id, e.gen)).ok().flatten()
    }

    fn read_sheet(&self, e: &Entry) -> Result<Scoresheet, Unreadable> {
        let text = match self.store.get(&sheet_key(&e.id, e.gen)) {
            Ok(Some(t)) => t,
            Ok(None) | Err(_) => return Err(Unreadable::Missing),
        };
        saved::decode(&text).map_err(|e| match e {
            DecodeError::Corrupt(_) => Unreadable::Corrupt,
            DecodeError::TooNew(v) => Unreadable::TooNew(v),
        })
    }

    /// The index to change for a write: the stored one, else this tab's
    /// (rules 2, 3).
    fn index_for_write(&mut self, now_ms: u64) -> Result<Index, SaveError> {
        if !self.writable {
            return Err(SaveError::ReadOnly);
        }
        match read_index(&self.store).map_err(SaveError::Store)? {
            Stored::Valid(i) => Ok(i),
            Stored::Missing => Ok(self.known.clone()),
            Stored::TooNew(v) => {
                self.writable = false;
                Err(SaveError::TooNew(v))
            }
            Stored::Corrupt(text) => match keep_aside(&mut self.store, &text, now_ms) {
                Some(_) => Ok(self.known.clone()),
                None => Err(SaveError::Store(StoreError::Quota)),
            },
        }
    }

    /// Saves `sheet` as scoresheet `id`, last loaded or saved at `base`
    /// (rules 6, 7). Returns the new stamp.
    pub fn save(
        &mut self,
        id: &str,
        base: Stamp,
        sheet: &Scoresheet,
        view: &ViewState,
        now_ms: u64,
    ) -> Result<Stamp, SaveError> {
        let mut index = self.index_for_write(now_ms)?;
        if let Some(e) = index.entry(id) {
            if Stamp::of(e) != base {
                return Err(SaveError::Conflict);
            }
        }
        let text = saved::encode(sheet);
        let mut next = Stamp {
            gen: base.gen + 1,
            rev: base.rev + 1,
        };
        let new_key = sheet_key(id, next.gen);
        let old_key = sheet_key(id, base.gen);
        let in_place = match self.store.set(&new_key, &text) {
            Ok(()) => false,
            Err(StoreError::Quota)
                if base.gen > 0 && matches!(self.store.get(&old_key), Ok(Some(_))) =>
            {
                // Rule 6: two generations do not fit; replace the old one
                // whole (it stays as it was if this fails too).
                self.store.set(&old_key, &text).map_err(SaveError::Store)?;
                next.gen = base.gen;
                true
            }
            Err(e) => return Err(SaveError::Store(e)),
        };
        let entry = Entry {
            id: id.to_string(),
            title: sheet.title.clone(),
            gen: next.gen,
            rev: next.rev,
            updated: now_ms as f64,
        };
        match index.sheets.iter_mut().find(|e| e.id == id) {
            Some(e) => *e = entry,
            None => index.sheets.push(entry),
        }
        index.open = Some(id.to_string());
        index.view = view.clone();
        if let Err(e) = self.store.set(INDEX_KEY, &index.encode()) {
            if in_place {
                // The data is saved; the index keeps the old stamp, which
                // is this tab's base from now on.
                return Ok(base);
            }
            let _ = self.store.remove(&new_key);
            return Err(SaveError::Store(e));
        }
        if !in_place && base.gen > 0 {
            let _ = self.store.remove(&old_key);
        }
        self.known = index;
        Ok(next)
    }

    /// Records which scoresheet is open and the view, if they changed.
    pub fn save_view(&mut self, open: Option<&str>, view: &ViewState, now_ms: u64) {
        let Ok(mut index) = self.index_for_write(now_ms) else {
            return;
        };
        let open = open
            .filter(|o| index.entry(o).is_some())
            .map(str::to_string)
            .or(index.open.clone());
        if index.open == open && &index.view == view {
            return;
        }
        index.open = open;
        index.view = view.clone();
        if self.store.set(INDEX_KEY, &index.encode()).is_ok() {
            self.known = index;
        }
    }

    /// Deletes a scoresheet the user chose to delete: out of the index
    /// first, then every generation of it. Returns the index.
    pub fn delete(&mut self, id: &str, now_ms: u64) -> Result<Index, SaveError> {
        let mut index = self.index_for_write(now_ms)?;
        index.sheets.retain(|e| e.id != id);
        if index.open.as_deref() == Some(id) {
            index.open = index.sheets.first().map(|e| e.id.clone());
        }
        self.store
            .set(INDEX_KEY, &index.encode())
            .map_err(SaveError::Store)?;
        for key in self.store.keys().unwrap_or_default() {
            if parse_sheet_key(&key).is_some_and(|(k, _)| k == id) {
                let _ = self.store.remove(&key);
            }
        }
        self.known = index.clone();
        Ok(index)
    }

    /// Adds the scoresheets of a backup (rule 9). Unreadable ones are
    /// counted, not written.
    pub fn restore(
        &mut self,
        sheets: Vec<Result<Scoresheet, DecodeError>>,
        now_ms: u64,
    ) -> RestoreReport {
        let unreadable = sheets.iter().filter(|s| s.is_err()).count();
        let sheets: Vec<Scoresheet> = sheets.into_iter().flatten().collect();
        let mut report = RestoreReport {
            kept: Vec::new(),
            unreadable,
            stopped: None,
            not_written: 0,
        };
        let mut index = match self.index_for_write(now_ms) {
            Ok(i) => i,
            Err(e) => {
                report.not_written = sheets.len();
                report.stopped = Some(e);
                return report;
            }
        };
        let mut written = Vec::new();
        for (i, s) in sheets.iter().enumerate() {
            let id = index.new_id(now_ms + i as u64);
            if let Err(e) = self.store.set(&sheet_key(&id, 1), &saved::encode(s)) {
                report.stopped = Some(SaveError::Store(e));
                report.not_written = sheets.len() - i;
                break;
            }
            index.sheets.push(Entry {
                id: id.clone(),
                title: s.title.clone(),
                gen: 1,
                rev: 1,
                updated: now_ms as f64,
            });
            written.push(id);
        }
        if let Some(first) = written.first() {
            index.open = Some(first.clone());
        }
        if let Err(e) = self.store.set(INDEX_KEY, &index.encode()) {
            for id in &written {
                let _ = self.store.remove(&sheet_key(id, 1));
            }
            report.stopped = Some(SaveError::Store(e));
            report.not_written = sheets.len();
            return report;
        }
        self.known = index;
        report.kept = written;
        report
    }
}

fn read_index<S: Storage>(store: &S) -> Result<Stored, StoreError> {
    Ok(match store.get(INDEX_KEY)? {
        None => Stored::Missing,
        Some(text) => match Index::decode(&text) {
            Ok(i) => Stored::Valid(i),
            Err(DecodeError::TooNew(v)) => Stored::TooNew(v),
            Err(DecodeError::Corrupt(_)) => Stored::Corrupt(text),
        },
    })
}

/// Copies unreadable text to a fresh backup key; the key, if it fit.
fn keep_aside<S: Storage>(store: &mut S, text: &str, now_ms: u64) -> Option<String> {
    let mut key = format!("{BACKUP_PREFIX}{now_ms}");
    let mut n = 1;
    while matches!(store.get(&key), Ok(Some(_))) {
        key = format!("{BACKUP_PREFIX}{now_ms}-{n}");
        n += 1;
    }
    store.set(&key, text).ok().map(|_| key)
}

/// The scoresheets in storage, each at its newest readable generation
/// (else its newest), listed as an index (rules 3, 4).
fn rebuild<S: Storage>(store: &S, keys: &[String]) -> Index {
    let mut gens: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for k in keys {
        if let Some((id, gen)) = parse_sheet_key(k) {
            gens.entry(id).or_default().push(gen);
        }
    }
    let mut index = Index::new();
    for (id, mut gs) in gens {
        gs.sort_unstable_by(|a, b| b.cmp(a));
        let readable = gs.iter().find_map(|&g| {
            let text = store.get(&sheet_key(id, g)).ok()??;
            saved::decode(&text).ok().map(|s| (g, s.title))
        });
        // Unreadable: its title, if the text still shows one, names it.
        let (gen, title) = readable.unwrap_or_else(|| {
            let text = store.get(&sheet_key(id, gs[0])).ok().flatten();
            (
                gs[0],
                text.as_deref().and_then(title_in).unwrap_or_default(),
            )
        });
        index.sheets.push(Entry {
            id: id.to_string(),
            title,
            gen,
            rev: gen,
            updated: 0.0,
        });
    }
    index
}

/// The `"title":"…"` of stored text that no longer parses as a whole.
fn title_in(text: &str) -> Option<String> {
    let start = text.find("\"title\":\"")? + 9;
    let rest = &text[start..];
    let mut end = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => {
                end = Some(i);
                break;
            }
            _ => escaped = false,
        }
    }
    serde_json::from_str(&format!("\"{}\"", &rest[..end?])).ok()
}

/// Rule 5: older generations of listed scoresheets, when the listed one
/// exists.
fn remove_stale<S: Storage>(store: &mut S, index: &Index, keys: &[String]) {
    for k in keys {
        let Some((id, gen)) = parse_sheet_key(k) else {
            continue;
        };
        let Some(e) = index.entry(id) else {
            continue;
        };
        if gen < e.gen && matches!(store.get(&sheet_key(id, e.gen)), Ok(Some(_))) {
            let _ = store.remove(k);
        }
    }
}

#[cfg(test)]
mod tests;
