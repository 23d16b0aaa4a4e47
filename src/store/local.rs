//! The browser's localStorage as a [`Storage`]: fetched on every call
//! (so the value is `Send` and never holds a stale handle), errors as
//! values with the browser's error name kept.

use super::{Storage, StoreError};
use wasm_bindgen::JsValue;

#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStorage;

fn error_of(e: &JsValue) -> StoreError {
    let name = js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Quota,
        "SecurityError" => StoreError::Denied,
        _ => StoreError::Other(name),
    }
}

fn raw() -> Result<web_sys::Storage, StoreError> {
    let w = web_sys::window().ok_or(StoreError::Unavailable)?;
    // `window.localStorage` itself throws where the page is denied storage.
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Unavailable),
        Err(e) => Err(error_of(&e)),
    }
}

impl Storage for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        raw()?.get_item(key).map_err(|e| error_of(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        raw()?.set_item(key, value).map_err(|e| error_of(&e))
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        raw()?.remove_item(key).map_err(|e| error_of(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = raw()?;
        let n = s.length().map_err(|e| error_of(&e))?;
        Ok((0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with("chamdiem."))
            .collect())
    }
}
