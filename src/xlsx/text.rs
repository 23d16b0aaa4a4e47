//! Text helpers for recognising Vietnamese wording in any case, with or
//! without diacritics, in NFC or NFD.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case, no diacritics, "đ" → "d", single spaces: "ĐIỂM  Chuẩn" → "diem chuan".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_forms() {
        assert_eq!(fold("ĐIỂM  CHUẨN"), "diem chuan");
        let nfd: String = "Điểm tự chấm".nfd().collect();
        assert_eq!(fold(&nfd), "diem tu cham");
        assert_eq!(fold(" Ghi\nchú "), "ghi chu");
    }
}
