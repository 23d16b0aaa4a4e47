//! Corrections remembered per template (`crate::xlsx::fixes`, rule 5),
//! kept under their own key ([`FIXES_KEY`]) beside the scoresheets. They
//! are a convenience: an unreadable or missing list is an empty one, and a
//! failed write is told but changes nothing saved.

use super::{Storage, StoreError, FIXES_KEY};
use crate::xlsx::fixes::{remember, Remembered};

/// The remembered corrections; none when absent or unreadable (a list
/// written by a newer version that this one cannot read included: it is
/// left as it is until corrections are saved again).
pub fn load(store: &dyn Storage) -> Vec<Remembered> {
    match store.get(FIXES_KEY) {
        Ok(Some(text)) => serde_json::from_str(&text).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Remembers `entry` (replacing the same template's, forgetting it when its
/// corrections are empty) and writes the list. On failure the stored list
/// is the previous one (one `set`, atomic).
pub fn save(store: &mut dyn Storage, entry: Remembered) -> Result<(), StoreError> {
    let list = remember(load(store), entry);
    let text = serde_json::to_string(&list).map_err(|e| StoreError::Other(e.to_string()))?;
    store.set(FIXES_KEY, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::memory::MemoryStorage;
    use crate::xlsx::Fixes;

    fn entry(sig: Vec<u32>, header: Option<u32>, ms: u64) -> Remembered {
        Remembered {
            signature: sig,
            fixes: Fixes {
                header_row: header,
                ..Fixes::default()
            },
            saved_ms: ms,
            title: format!("T{ms}"),
        }
    }

    #[test]
    fn saved_then_loaded_replacing_the_same_template() {
        let mut store = MemoryStorage::new();
        save(&mut store, entry(vec![1, 2, 3], Some(4), 1)).unwrap();
        save(&mut store, entry(vec![7, 8, 9], Some(2), 2)).unwrap();
        save(&mut store, entry(vec![1, 2, 3], Some(5), 3)).unwrap();
        let list = load(&store);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].fixes.header_row, Some(5));
        // Emptied corrections forget the template.
        save(&mut store, entry(vec![1, 2, 3], None, 4)).unwrap();
        assert_eq!(load(&store).len(), 1);
    }

    #[test]
    fn unreadable_is_empty_and_a_failed_write_keeps_the_list() {
        let mut store = MemoryStorage::new();
        store.set(FIXES_KEY, "{not json").unwrap();
        assert!(load(&store).is_empty());
        save(&mut store, entry(vec![1], Some(1), 1)).unwrap();
        let before = store.get(FIXES_KEY).unwrap();
        // A store with no room left: the write fails, the list stays.
        let mut full = MemoryStorage::with_quota(1 << 16);
        full.set(FIXES_KEY, before.as_deref().unwrap()).unwrap();
        full.fill();
        let big = entry((0..400).collect(), Some(9), 2);
        assert_eq!(save(&mut full, big), Err(StoreError::Quota));
        assert_eq!(full.get(FIXES_KEY).unwrap(), before);
    }
}
