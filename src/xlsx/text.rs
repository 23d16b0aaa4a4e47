//! Text helpers for recognising Vietnamese wording in any case, with or
//! without diacritics, in NFC or NFD. No Unicode tables: a small map of the
//! precomposed Latin letters (Vietnamese included) to their base letter,
//! and combining marks skipped, keep this out of the page's download size.

/// Precomposed Latin letters → base letter, lower case (sorted by char).
/// Generated from Unicode NFD for U+00C0–U+024F and U+1E00–U+1EFF.
const BASE: &[(char, char)] = &[
    ('À', 'a'),
    ('Á', 'a'),
    ('Â', 'a'),
    ('Ã', 'a'),
    ('Ä', 'a'),
    ('Å', 'a'),
    ('Ç', 'c'),
    ('È', 'e'),
    ('É', 'e'),
    ('Ê', 'e'),
    ('Ë', 'e'),
    ('Ì', 'i'),
    ('Í', 'i'),
    ('Î', 'i'),
    ('Ï', 'i'),
    ('Ñ', 'n'),
    ('Ò', 'o'),
    ('Ó', 'o'),
    ('Ô', 'o'),
    ('Õ', 'o'),
    ('Ö', 'o'),
    ('Ù', 'u'),
    ('Ú', 'u'),
    ('Û', 'u'),
    ('Ü', 'u'),
    ('Ý', 'y'),
    ('à', 'a'),
    ('á', 'a'),
    ('â', 'a'),
    ('ã', 'a'),
    ('ä', 'a'),
    ('å', 'a'),
    ('ç', 'c'),
    ('è', 'e'),
    ('é', 'e'),
    ('ê', 'e'),
    ('ë', 'e'),
    ('ì', 'i'),
    ('í', 'i'),
    ('î', 'i'),
    ('ï', 'i'),
    ('ñ', 'n'),
    ('ò', 'o'),
    ('ó', 'o'),
    ('ô', 'o'),
    ('õ', 'o'),
    ('ö', 'o'),
    ('ù', 'u'),
    ('ú', 'u'),
    ('û', 'u'),
    ('ü', 'u'),
    ('ý', 'y'),
    ('ÿ', 'y'),
    ('Ā', 'a'),
    ('ā', 'a'),
    ('Ă', 'a'),
    ('ă', 'a'),
    ('Ą', 'a'),
    ('ą', 'a'),
    ('Ć', 'c'),
    ('ć', 'c'),
    ('Ĉ', 'c'),
    ('ĉ', 'c'),
    ('Ċ', 'c'),
    ('ċ', 'c'),
    ('Č', 'c'),
    ('č', 'c'),
    ('Ď', 'd'),
    ('ď', 'd'),
    ('Đ', 'd'),
    ('đ', 'd'),
    ('Ē', 'e'),
    ('ē', 'e'),
    ('Ĕ', 'e'),
    ('ĕ', 'e'),
    ('Ė', 'e'),
    ('ė', 'e'),
    ('Ę', 'e'),
    ('ę', 'e'),
    ('Ě', 'e'),
    ('ě', 'e'),
    ('Ĝ', 'g'),
    ('ĝ', 'g'),
    ('Ğ', 'g'),
    ('ğ', 'g'),
    ('Ġ', 'g'),
    ('ġ', 'g'),
    ('Ģ', 'g'),
    ('ģ', 'g'),
    ('Ĥ', 'h'),
    ('ĥ', 'h'),
    ('Ĩ', 'i'),
    ('ĩ', 'i'),
    ('Ī', 'i'),
    ('ī', 'i'),
    ('Ĭ', 'i'),
    ('ĭ', 'i'),
    ('Į', 'i'),
    ('į', 'i'),
    ('İ', 'i'),
    ('Ĵ', 'j'),
    ('ĵ', 'j'),
    ('Ķ', 'k'),
    ('ķ', 'k'),
    ('Ĺ', 'l'),
    ('ĺ', 'l'),
    ('Ļ', 'l'),
    ('ļ', 'l'),
    ('Ľ', 'l'),
    ('ľ', 'l'),
    ('Ń', 'n'),
    ('ń', 'n'),
    ('Ņ', 'n'),
    ('ņ', 'n'),
    ('Ň', 'n'),
    ('ň', 'n'),
    ('Ō', 'o'),
    ('ō', 'o'),
    ('Ŏ', 'o'),
    ('ŏ', 'o'),
    ('Ő', 'o'),
    ('ő', 'o'),
    ('Ŕ', 'r'),
    ('ŕ', 'r'),
    ('Ŗ', 'r'),
    ('ŗ', 'r'),
    ('Ř', 'r'),
    ('ř', 'r'),
    ('Ś', 's'),
    ('ś', 's'),
    ('Ŝ', 's'),
    ('ŝ', 's'),
    ('Ş', 's'),
    ('ş', 's'),
    ('Š', 's'),
    ('š', 's'),
    ('Ţ', 't'),
    ('ţ', 't'),
    ('Ť', 't'),
    ('ť', 't'),
    ('Ũ', 'u'),
    ('ũ', 'u'),
    ('Ū', 'u'),
    ('ū', 'u'),
    ('Ŭ', 'u'),
    ('ŭ', 'u'),
    ('Ů', 'u'),
    ('ů', 'u'),
    ('Ű', 'u'),
    ('ű', 'u'),
    ('Ų', 'u'),
    ('ų', 'u'),
    ('Ŵ', 'w'),
    ('ŵ', 'w'),
    ('Ŷ', 'y'),
    ('ŷ', 'y'),
    ('Ÿ', 'y'),
    ('Ź', 'z'),
    ('ź', 'z'),
    ('Ż', 'z'),
    ('ż', 'z'),
    ('Ž', 'z'),
    ('ž', 'z'),
    ('Ơ', 'o'),
    ('ơ', 'o'),
    ('Ư', 'u'),
    ('ư', 'u'),
    ('Ǎ', 'a'),
    ('ǎ', 'a'),
    ('Ǐ', 'i'),
    ('ǐ', 'i'),
    ('Ǒ', 'o'),
    ('ǒ', 'o'),
    ('Ǔ', 'u'),
    ('ǔ', 'u'),
    ('Ǖ', 'u'),
    ('ǖ', 'u'),
    ('Ǘ', 'u'),
    ('ǘ', 'u'),
    ('Ǚ', 'u'),
    ('ǚ', 'u'),
    ('Ǜ', 'u'),
    ('ǜ', 'u'),
    ('Ǟ', 'a'),
    ('ǟ', 'a'),
    ('Ǡ', 'a'),
    ('ǡ', 'a'),
    ('Ǧ', 'g'),
    ('ǧ', 'g'),
    ('Ǩ', 'k'),
    ('ǩ', 'k'),
    ('Ǫ', 'o'),
    ('ǫ', 'o'),
    ('Ǭ', 'o'),
    ('ǭ', 'o'),
    ('ǰ', 'j'),
    ('Ǵ', 'g'),
    ('ǵ', 'g'),
    ('Ǹ', 'n'),
    ('ǹ', 'n'),
    ('Ǻ', 'a'),
    ('ǻ', 'a'),
    ('Ȁ', 'a'),
    ('ȁ', 'a'),
    ('Ȃ', 'a'),
    ('ȃ', 'a'),
    ('Ȅ', 'e'),
    ('ȅ', 'e'),
    ('Ȇ', 'e'),
    ('ȇ', 'e'),
    ('Ȉ', 'i'),
    ('ȉ', 'i'),
    ('Ȋ', 'i'),
    ('ȋ', 'i'),
    ('Ȍ', 'o'),
    ('ȍ', 'o'),
    ('Ȏ', 'o'),
    ('ȏ', 'o'),
    ('Ȑ', 'r'),
    ('ȑ', 'r'),
    ('Ȓ', 'r'),
    ('ȓ', 'r'),
    ('Ȕ', 'u'),
    ('ȕ', 'u'),
    ('Ȗ', 'u'),
    ('ȗ', 'u'),
    ('Ș', 's'),
    ('ș', 's'),
    ('Ț', 't'),
    ('ț', 't'),
    ('Ȟ', 'h'),
    ('ȟ', 'h'),
    ('Ȧ', 'a'),
    ('ȧ', 'a'),
    ('Ȩ', 'e'),
    ('ȩ', 'e'),
    ('Ȫ', 'o'),
    ('ȫ', 'o'),
    ('Ȭ', 'o'),
    ('ȭ', 'o'),
    ('Ȯ', 'o'),
    ('ȯ', 'o'),
    ('Ȱ', 'o'),
    ('ȱ', 'o'),
    ('Ȳ', 'y'),
    ('ȳ', 'y'),
    ('Ḁ', 'a'),
    ('ḁ', 'a'),
    ('Ḃ', 'b'),
    ('ḃ', 'b'),
    ('Ḅ', 'b'),
    ('ḅ', 'b'),
    ('Ḇ', 'b'),
    ('ḇ', 'b'),
    ('Ḉ', 'c'),
    ('ḉ', 'c'),
    ('Ḋ', 'd'),
    ('ḋ', 'd'),
    ('Ḍ', 'd'),
    ('ḍ', 'd'),
    ('Ḏ', 'd'),
    ('ḏ', 'd'),
    ('Ḑ', 'd'),
    ('ḑ', 'd'),
    ('Ḓ', 'd'),
    ('ḓ', 'd'),
    ('Ḕ', 'e'),
    ('ḕ', 'e'),
    ('Ḗ', 'e'),
    ('ḗ', 'e'),
    ('Ḙ', 'e'),
    ('ḙ', 'e'),
    ('Ḛ', 'e'),
    ('ḛ', 'e'),
    ('Ḝ', 'e'),
    ('ḝ', 'e'),
    ('Ḟ', 'f'),
    ('ḟ', 'f'),
    ('Ḡ', 'g'),
    ('ḡ', 'g'),
    ('Ḣ', 'h'),
    ('ḣ', 'h'),
    ('Ḥ', 'h'),
    ('ḥ', 'h'),
    ('Ḧ', 'h'),
    ('ḧ', 'h'),
    ('Ḩ', 'h'),
    ('ḩ', 'h'),
    ('Ḫ', 'h'),
    ('ḫ', 'h'),
    ('Ḭ', 'i'),
    ('ḭ', 'i'),
    ('Ḯ', 'i'),
    ('ḯ', 'i'),
    ('Ḱ', 'k'),
    ('ḱ', 'k'),
    ('Ḳ', 'k'),
    ('ḳ', 'k'),
    ('Ḵ', 'k'),
    ('ḵ', 'k'),
    ('Ḷ', 'l'),
    ('ḷ', 'l'),
    ('Ḹ', 'l'),
    ('ḹ', 'l'),
    ('Ḻ', 'l'),
    ('ḻ', 'l'),
    ('Ḽ', 'l'),
    ('ḽ', 'l'),
    ('Ḿ', 'm'),
    ('ḿ', 'm'),
    ('Ṁ', 'm'),
    ('ṁ', 'm'),
    ('Ṃ', 'm'),
    ('ṃ', 'm'),
    ('Ṅ', 'n'),
    ('ṅ', 'n'),
    ('Ṇ', 'n'),
    ('ṇ', 'n'),
    ('Ṉ', 'n'),
    ('ṉ', 'n'),
    ('Ṋ', 'n'),
    ('ṋ', 'n'),
    ('Ṍ', 'o'),
    ('ṍ', 'o'),
    ('Ṏ', 'o'),
    ('ṏ', 'o'),
    ('Ṑ', 'o'),
    ('ṑ', 'o'),
    ('Ṓ', 'o'),
    ('ṓ', 'o'),
    ('Ṕ', 'p'),
    ('ṕ', 'p'),
    ('Ṗ', 'p'),
    ('ṗ', 'p'),
    ('Ṙ', 'r'),
    ('ṙ', 'r'),
    ('Ṛ', 'r'),
    ('ṛ', 'r'),
    ('Ṝ', 'r'),
    ('ṝ', 'r'),
    ('Ṟ', 'r'),
    ('ṟ', 'r'),
    ('Ṡ', 's'),
    ('ṡ', 's'),
    ('Ṣ', 's'),
    ('ṣ', 's'),
    ('Ṥ', 's'),
    ('ṥ', 's'),
    ('Ṧ', 's'),
    ('ṧ', 's'),
    ('Ṩ', 's'),
    ('ṩ', 's'),
    ('Ṫ', 't'),
    ('ṫ', 't'),
    ('Ṭ', 't'),
    ('ṭ', 't'),
    ('Ṯ', 't'),
    ('ṯ', 't'),
    ('Ṱ', 't'),
    ('ṱ', 't'),
    ('Ṳ', 'u'),
    ('ṳ', 'u'),
    ('Ṵ', 'u'),
    ('ṵ', 'u'),
    ('Ṷ', 'u'),
    ('ṷ', 'u'),
    ('Ṹ', 'u'),
    ('ṹ', 'u'),
    ('Ṻ', 'u'),
    ('ṻ', 'u'),
    ('Ṽ', 'v'),
    ('ṽ', 'v'),
    ('Ṿ', 'v'),
    ('ṿ', 'v'),
    ('Ẁ', 'w'),
    ('ẁ', 'w'),
    ('Ẃ', 'w'),
    ('ẃ', 'w'),
    ('Ẅ', 'w'),
    ('ẅ', 'w'),
    ('Ẇ', 'w'),
    ('ẇ', 'w'),
    ('Ẉ', 'w'),
    ('ẉ', 'w'),
    ('Ẋ', 'x'),
    ('ẋ', 'x'),
    ('Ẍ', 'x'),
    ('ẍ', 'x'),
    ('Ẏ', 'y'),
    ('ẏ', 'y'),
    ('Ẑ', 'z'),
    ('ẑ', 'z'),
    ('Ẓ', 'z'),
    ('ẓ', 'z'),
    ('Ẕ', 'z'),
    ('ẕ', 'z'),
    ('ẖ', 'h'),
    ('ẗ', 't'),
    ('ẘ', 'w'),
    ('ẙ', 'y'),
    ('Ạ', 'a'),
    ('ạ', 'a'),
    ('Ả', 'a'),
    ('ả', 'a'),
    ('Ấ', 'a'),
    ('ấ', 'a'),
    ('Ầ', 'a'),
    ('ầ', 'a'),
    ('Ẩ', 'a'),
    ('ẩ', 'a'),
    ('Ẫ', 'a'),
    ('ẫ', 'a'),
    ('Ậ', 'a'),
    ('ậ', 'a'),
    ('Ắ', 'a'),
    ('ắ', 'a'),
    ('Ằ', 'a'),
    ('ằ', 'a'),
    ('Ẳ', 'a'),
    ('ẳ', 'a'),
    ('Ẵ', 'a'),
    ('ẵ', 'a'),
    ('Ặ', 'a'),
    ('ặ', 'a'),
    ('Ẹ', 'e'),
    ('ẹ', 'e'),
    ('Ẻ', 'e'),
    ('ẻ', 'e'),
    ('Ẽ', 'e'),
    ('ẽ', 'e'),
    ('Ế', 'e'),
    ('ế', 'e'),
    ('Ề', 'e'),
    ('ề', 'e'),
    ('Ể', 'e'),
    ('ể', 'e'),
    ('Ễ', 'e'),
    ('ễ', 'e'),
    ('Ệ', 'e'),
    ('ệ', 'e'),
    ('Ỉ', 'i'),
    ('ỉ', 'i'),
    ('Ị', 'i'),
    ('ị', 'i'),
    ('Ọ', 'o'),
    ('ọ', 'o'),
    ('Ỏ', 'o'),
    ('ỏ', 'o'),
    ('Ố', 'o'),
    ('ố', 'o'),
    ('Ồ', 'o'),
    ('ồ', 'o'),
    ('Ổ', 'o'),
    ('ổ', 'o'),
    ('Ỗ', 'o'),
    ('ỗ', 'o'),
    ('Ộ', 'o'),
    ('ộ', 'o'),
    ('Ớ', 'o'),
    ('ớ', 'o'),
    ('Ờ', 'o'),
    ('ờ', 'o'),
    ('Ở', 'o'),
    ('ở', 'o'),
    ('Ỡ', 'o'),
    ('ỡ', 'o'),
    ('Ợ', 'o'),
    ('ợ', 'o'),
    ('Ụ', 'u'),
    ('ụ', 'u'),
    ('Ủ', 'u'),
    ('ủ', 'u'),
    ('Ứ', 'u'),
    ('ứ', 'u'),
    ('Ừ', 'u'),
    ('ừ', 'u'),
    ('Ử', 'u'),
    ('ử', 'u'),
    ('Ữ', 'u'),
    ('ữ', 'u'),
    ('Ự', 'u'),
    ('ự', 'u'),
    ('Ỳ', 'y'),
    ('ỳ', 'y'),
    ('Ỵ', 'y'),
    ('ỵ', 'y'),
    ('Ỷ', 'y'),
    ('ỷ', 'y'),
    ('Ỹ', 'y'),
    ('ỹ', 'y'),
];

/// `BASE` as two direct lookup tables over the blocks it covers
/// (U+00C0–U+0233 and U+1E00–U+1EF9), built at compile time: a fold is
/// one index per letter, not a search (import folds every header cell).
const LOW: u32 = 0xC0;
const HIGH: u32 = 0x1E00;
static BASE_LOW: [u8; 0x234 - LOW as usize] = base_table(LOW);
static BASE_HIGH: [u8; 0x1EFA - HIGH as usize] = base_table(HIGH);

const fn base_table<const N: usize>(from: u32) -> [u8; N] {
    let mut table = [0u8; N];
    let mut i = 0;
    while i < BASE.len() {
        let (k, b) = BASE[i];
        let k = k as u32;
        if k >= from && k < from + N as u32 {
            table[(k - from) as usize] = b as u8;
        }
        i += 1;
    }
    table
}

fn base_of(c: char) -> Option<char> {
    let c = c as u32;
    let b = if c >= HIGH {
        BASE_HIGH.get((c - HIGH) as usize)
    } else {
        c.checked_sub(LOW).and_then(|i| BASE_LOW.get(i as usize))
    };
    b.filter(|&&b| b != 0).map(|&b| b as char)
}

/// True for the combining diacritical marks NFD text carries (U+0300–U+036F).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Lower case, no diacritics, "đ" → "d", single spaces: "ĐIỂM  Chuẩn" → "diem chuan".
pub fn fold(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII, most of any text, byte by byte; the rest by char.
        let c = if b.is_ascii() {
            i += 1;
            if matches!(b, b' ' | b'\t'..=b'\r') {
                space = !out.is_empty();
                continue;
            }
            None
        } else {
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if is_mark(c) {
                continue;
            }
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            Some(c)
        };
        if space {
            out.push(b' ');
            space = false;
        }
        match c {
            None => out.push(b.to_ascii_lowercase()),
            Some(c) => match base_of(c) {
                Some(base) => out.push(base as u8),
                None => {
                    for l in c.to_lowercase() {
                        out.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                }
            },
        }
    }
    // Whole characters only were written: always valid.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folds_case_diacritics_and_forms() {
        assert_eq!(fold("ĐIỂM  CHUẨN"), "diem chuan");
        let nfd: String = "Điểm tự chấm".nfd().collect();
        assert_eq!(fold(&nfd), "diem tu cham");
        assert_eq!(fold(" Ghi\nchú "), "ghi chu");
        assert_eq!(
            fold("Ủy ban nhân dân huyện Hương Khê"),
            "uy ban nhan dan huyen huong khe"
        );
    }

    #[test]
    fn the_table_agrees_with_unicode_nfd() {
        for w in BASE.windows(2) {
            assert!(w[0].0 < w[1].0, "table not sorted at {:?}", w);
        }
        // The lookup tables hold every entry, and nothing else.
        for &(k, b) in BASE {
            assert_eq!(base_of(k), Some(b), "{k}");
        }
        let mapped = (0..=0x1F00u32)
            .filter_map(char::from_u32)
            .filter(|&c| base_of(c).is_some())
            .count();
        assert_eq!(mapped, BASE.len());
        // Every Vietnamese letter, both cases, folds as NFD says.
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy";
        for l in letters.chars() {
            for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
                let s: String = format!("{l}{tone}").nfc().collect();
                let up: String = s.to_uppercase();
                let want: String = s
                    .nfd()
                    .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                    .map(|c| if c == 'đ' { 'd' } else { c })
                    .collect();
                assert_eq!(fold(&s), want, "{s}");
                assert_eq!(fold(&up), want, "{up}");
            }
        }
    }
}
