//! An in-memory [`Storage`] for native tests: a quota counted as browsers
//! count it (UTF-16 code units of keys and values), and faults to inject.

use super::{Storage, StoreError};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct MemoryStorage {
    pub items: BTreeMap<String, String>,
    /// Largest total size in UTF-16 units of keys plus values; `None`: no limit.
    pub quota: Option<usize>,
    /// When set, every call fails with this error (storage switched off).
    pub fail_all: Option<StoreError>,
    /// When set, writes fail with this error; reads still work.
    pub fail_writes: Option<StoreError>,
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl MemoryStorage {
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    pub fn with_quota(quota: usize) -> MemoryStorage {
        MemoryStorage {
            quota: Some(quota),
            ..Default::default()
        }
    }

    /// Size used now, as the quota counts it.
    pub fn used(&self) -> usize {
        self.items.iter().map(|(k, v)| units(k) + units(v)).sum()
    }

    /// Fills what is left of the quota with a key of another app.
    pub fn fill(&mut self) {
        if let Some(q) = self.quota {
            let key = "filler";
            let room = q.saturating_sub(self.used() + units(key));
            self.items.insert(key.into(), "x".repeat(room));
        }
    }

    pub fn raw(&self, key: &str) -> Option<&str> {
        self.items.get(key).map(String::as_str)
    }
}

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if let Some(e) = &self.fail_all {
            return Err(e.clone());
        }
        Ok(self.items.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(e) = self.fail_all.as_ref().or(self.fail_writes.as_ref()) {
            return Err(e.clone());
        }
        if let Some(q) = self.quota {
            // Replacing a value frees the old one first, as browsers count.
            let old = self.items.get(key).map_or(0, |v| units(key) + units(v));
            if self.used() - old + units(key) + units(value) > q {
                return Err(StoreError::Quota);
            }
        }
        self.items.insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(e) = &self.fail_all {
            return Err(e.clone());
        }
        self.items.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if let Some(e) = &self.fail_all {
            return Err(e.clone());
        }
        Ok(self
            .items
            .keys()
            .filter(|k| k.starts_with("chamdiem."))
            .cloned()
            .collect())
    }
}

/// One storage seen by several tabs (tests of two tabs).
impl<T: Storage> Storage for std::rc::Rc<std::cell::RefCell<T>> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.borrow().keys()
    }
}
