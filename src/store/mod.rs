//! Saving scoresheets in the browser, natively testable: the save protocol
//! ([`Vault`], `vault.rs`) runs over the small [`Storage`] trait, which is
//! the browser's localStorage on wasm32 (`local.rs`) and an in-memory store
//! with a quota in tests (`memory.rs`). What a stored scoresheet looks like
//! and how old versions migrate is `crate::model::saved`.
//!
//! Keys: `chamdiem.index` (the workspace [`crate::model::saved::Index`]),
//! one `chamdiem.sheet.<id>.<gen>` per scoresheet, `chamdiem.backup.<ms>`
//! for unreadable data copied aside before anything replaces it,
//! `chamdiem.fixes` for the import corrections remembered per template.

#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod memory;
pub mod remembered;
mod vault;

pub use vault::{Notice, RestoreReport, SaveError, Stamp, Start, Unreadable, Vault};

pub const INDEX_KEY: &str = "chamdiem.index";
pub const SHEET_PREFIX: &str = "chamdiem.sheet.";
pub const BACKUP_PREFIX: &str = "chamdiem.backup.";
/// Import corrections remembered per template (`remembered.rs`).
pub const FIXES_KEY: &str = "chamdiem.fixes";
const PROBE_KEY: &str = "chamdiem.probe";

/// Why storage refused a read or a write. Each has its own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is exhausted (`QuotaExceededError`).
    Quota,
    /// There is no storage (no window, storage switched off).
    Unavailable,
    /// The browser forbids this page its storage (`SecurityError`:
    /// blocked cookies, a sandboxed frame, a policy).
    Denied,
    /// Anything else, with the browser's error name for the details.
    Other(String),
}

/// A key-value store of strings, as localStorage is. Each `set` either
/// replaces the whole value or leaves the old one (localStorage's
/// `setItem` is atomic per key; the protocol relies on that).
pub trait Storage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key of ours (prefix `chamdiem.`).
    fn keys(&self) -> Result<Vec<String>, StoreError>;

    /// Whether a small write goes through now.
    fn probe(&mut self) -> Result<(), StoreError> {
        self.set(PROBE_KEY, "1")?;
        self.remove(PROBE_KEY)
    }
}

pub fn sheet_key(id: &str, gen: u64) -> String {
    format!("{SHEET_PREFIX}{id}.{gen}")
}

/// `(id, gen)` of a sheet key, `None` for any other key.
pub fn parse_sheet_key(key: &str) -> Option<(&str, u64)> {
    let rest = key.strip_prefix(SHEET_PREFIX)?;
    let (id, gen) = rest.rsplit_once('.')?;
    Some((id, gen.parse().ok()?))
}
