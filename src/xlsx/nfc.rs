//! NFC of a text that may not be NFC yet (`read::to_nfc` skips the rest).
//!
//! In the browser, the browser's own NFC (`String.prototype.normalize`, the
//! same Unicode algorithm on its ICU tables) instead of
//! unicode-normalization's tables and code: the file worker 122 KB smaller,
//! 53 KB brotli (1,522 → 1,400 KB; issue #21). A `&str` is valid UTF-16
//! once converted (no lone surrogate), so the round trip loses nothing.
//! Natively (tests, tools) unicode-normalization. The one file of the file
//! layer that names a web type (tests/architecture.rs lists it).

#[cfg(not(target_arch = "wasm32"))]
pub fn nfc(t: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfc_quick(t.chars()) == unicode_normalization::IsNormalized::Yes {
        return t.to_string();
    }
    t.nfc().collect()
}

#[cfg(target_arch = "wasm32")]
pub fn nfc(t: &str) -> String {
    String::from(js_sys::JsString::from(t).normalize("NFC"))
}
