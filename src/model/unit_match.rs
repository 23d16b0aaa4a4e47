//! Which unit of a scoresheet a name means: one rule for the import (the
//! sheets and summary list of one workbook) and for the merge of the units'
//! returned files.
//!
//! Rules (each pinned by a test below):
//! 1. Names are compared exactly first: case, Unicode form (NFC or NFD)
//!    and spacing aside, diacritics kept ([`fold_case`]). The one unit of
//!    that name is the match: [`Match::Exact`].
//! 2. Only when no unit has the exact name, loosely: also without
//!    diacritics, without a leading "UBND" / "Ủy ban nhân dân" and without
//!    a leading administrative level word ([`LEVEL_WORDS`]: "huyện",
//!    "thị xã", "xã", "phường", "Sở"…). What is left must be equal, not
//!    merely end the same: "An" is not "Tân An".
//! 3. A level word is left out only when one name has none: two different
//!    level words are two units ("thị xã Kỳ Anh" is not "huyện Kỳ Anh").
//!    "TX" is "thị xã", "TP" is "thành phố".
//! 4. A loose match counts only when exactly one unit fits: [`Match::Loose`].
//! 5. Two units or more fitting (exactly: two units of one name; or
//!    loosely) is [`Match::Ambiguous`]: none is picked. With both "Xã Thạch
//!    Hà" and "Xã Thạch Hạ", "Xa Thach Ha" is ambiguous, "Xã Thạch Hạ" exact.
//! 6. Nothing fitting is [`Match::None`].
//!
//! 7. A file name ([`find_in`]: "Duc Tho - tu cham 2024.xlsx") names the
//!    unit whose name it holds as whole words: its name without "UBND" and
//!    the level word, diacritics kept ("Thạch Hạ"), else without
//!    diacritics, with or without its level word ("Duc Tho", "TX Ky
//!    Anh"). A name found inside another one found is left out ("An" in
//!    "Tân An", "Ky Anh" in "TX Ky Anh"). One unit left is a
//!    [`Match::Loose`]; two or more are [`Match::Ambiguous`] ("Ky Anh"
//!    with a huyện and a thị xã Kỳ Anh; "Thach Ha" with Thạch Hà and
//!    Thạch Hạ).
//!
//! What to do with a loose or ambiguous match is the caller's: the import
//! keeps loosely equal sheets apart, with a warning (`crate::xlsx::import`);
//! the merge takes a loose match and never guesses ([`super::merge`]).

use super::sheet::derive_short;
use super::text::{fold, fold_case};

/// Administrative level words, folded, each with the word it stands for
/// (an abbreviation stands for the full word).
pub const LEVEL_WORDS: &[(&str, &str)] = &[
    ("thanh pho", "thanh pho"),
    ("tp", "thanh pho"),
    ("thi tran", "thi tran"),
    ("thi xa", "thi xa"),
    ("tx", "thi xa"),
    ("chi cuc", "chi cuc"),
    ("huyen", "huyen"),
    ("phuong", "phuong"),
    ("quan", "quan"),
    ("tinh", "tinh"),
    ("phong", "phong"),
    ("cuc", "cuc"),
    ("ban", "ban"),
    ("so", "so"),
    ("xa", "xa"),
];

/// A unit name in the forms the rules compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitName {
    /// Rule 1's form.
    exact: String,
    /// Rule 2's: the level word (as the word it stands for) and the rest.
    level: Option<&'static str>,
    rest: String,
    /// Rule 7's: the short name's words, diacritics kept ("thạch hạ",
    /// as [`fold_case`] writes them).
    short_words: Vec<String>,
}

/// The words of a text, for rule 7: split at blanks and ASCII
/// punctuation ("duc-tho_2024.xlsx" → duc, tho, 2024, xlsx).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl UnitName {
    pub fn new(name: &str) -> UnitName {
        let folded = fold(name);
        let mut s = folded.as_str();
        for p in ["ubnd ", "uy ban nhan dan "] {
            if let Some(r) = s.strip_prefix(p) {
                s = r;
            }
        }
        let (level, rest) = split_level(s.trim());
        UnitName {
            exact: fold_case(name),
            level,
            rest: rest.to_string(),
            short_words: words(&fold_case(&derive_short(name))),
        }
    }

    /// Rule 1.
    pub fn same_exactly(&self, other: &UnitName) -> bool {
        self.exact == other.exact
    }

    /// Rules 2 and 3 (true for exactly equal names too).
    pub fn same_loosely(&self, other: &UnitName) -> bool {
        self.rest == other.rest
            && (self.level == other.level || self.level.is_none() || other.level.is_none())
    }
}

/// A folded name without "UBND" split into its leading level word, if
/// any, and the rest ("tx. ky anh" → ("thi xa", "ky anh")).
fn split_level(key: &str) -> (Option<&'static str>, &str) {
    for &(w, stands_for) in LEVEL_WORDS {
        let Some(after) = key.strip_prefix(w) else {
            continue;
        };
        // A whole word only: "so" is not the start of "soc trang".
        if !after.starts_with([' ', '.']) {
            continue;
        }
        let rest = after.trim_start_matches([' ', '.']);
        if !rest.is_empty() {
            return (Some(stands_for), rest);
        }
    }
    (None, key)
}

/// Which unit a name means (positions in the list searched).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// Rule 1.
    Exact(usize),
    /// Rules 2 to 4.
    Loose(usize),
    /// Rule 5: every unit that fits, in order.
    Ambiguous(Vec<usize>),
    /// Rule 6.
    None,
}

/// Where `phrase` occurs in `text` as whole words: (first, end) word
/// positions.
fn spans(text: &[String], phrase: &[String]) -> Vec<(usize, usize)> {
    if phrase.is_empty() || phrase.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - phrase.len())
        .filter(|&i| text[i..i + phrase.len()] == *phrase)
        .map(|i| (i, i + phrase.len()))
        .collect()
}

/// Where each unit's phrases occur in `text`: (unit, (first, end)).
fn found(text: &[String], phrases: &[Vec<Vec<String>>]) -> Vec<(usize, (usize, usize))> {
    phrases
        .iter()
        .enumerate()
        .flat_map(|(i, ps)| {
            ps.iter()
                .flat_map(move |p| spans(text, p))
                .map(move |s| (i, s))
        })
        .collect()
}

/// Which of `units` a text holding a name means, a file name say (rule 7).
pub fn find_in(units: &[UnitName], text: &str) -> Match {
    let exact: Vec<Vec<Vec<String>>> = units.iter().map(|u| vec![u.short_words.clone()]).collect();
    let loose: Vec<Vec<Vec<String>>> = units
        .iter()
        .map(|u| {
            let rest = words(&u.rest);
            let mut ps = vec![rest.clone()];
            for &(w, stands_for) in LEVEL_WORDS {
                if Some(stands_for) == u.level {
                    ps.push(words(w).into_iter().chain(rest.iter().cloned()).collect());
                }
            }
            ps
        })
        .collect();
    // Both ways at once: a name written without diacritics ("Tan An")
    // is exactly the diacritic-less unit "An" but lies inside "Tân An".
    let exact = found(&words(&fold_case(text)), &exact);
    let loose = found(&words(&fold(text)), &loose);
    let all: Vec<(usize, (usize, usize))> = exact.iter().chain(&loose).copied().collect();
    let outer = |&(i, (a, b)): &(usize, (usize, usize))| {
        !all.iter()
            .any(|&(j, (c, d))| j != i && c <= a && b <= d && d - c > b - a)
    };
    let mut fits: Vec<usize> = exact.iter().filter(|e| outer(e)).map(|e| e.0).collect();
    if fits.is_empty() {
        fits = loose.iter().filter(|e| outer(e)).map(|e| e.0).collect();
    }
    fits.sort_unstable();
    fits.dedup();
    match fits.as_slice() {
        [] => Match::None,
        [i] => Match::Loose(*i),
        _ => Match::Ambiguous(fits),
    }
}

/// Which of `units` `name` means.
pub fn find(units: &[UnitName], name: &UnitName) -> Match {
    let fits = |same: &dyn Fn(&UnitName) -> bool| -> Vec<usize> {
        (0..units.len()).filter(|&i| same(&units[i])).collect()
    };
    let exact = fits(&|u| u.same_exactly(name));
    match exact.as_slice() {
        [] => {}
        [i] => return Match::Exact(*i),
        _ => return Match::Ambiguous(exact),
    }
    let loose = fits(&|u| u.same_loosely(name));
    match loose.as_slice() {
        [] => Match::None,
        [i] => Match::Loose(*i),
        _ => Match::Ambiguous(loose),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn m(units: &[&str], name: &str) -> Match {
        let units: Vec<UnitName> = units.iter().map(|u| UnitName::new(u)).collect();
        find(&units, &UnitName::new(name))
    }

    use Match::{Ambiguous, Exact, Loose};

    const KY_ANH: [&str; 2] = ["UBND huyện Kỳ Anh", "UBND thị xã Kỳ Anh"];
    const THACH_HA: [&str; 2] = ["Xã Thạch Hà", "Xã Thạch Hạ"];

    #[test]
    fn rule_1_exact_is_case_form_and_spacing_aside_with_diacritics() {
        let nfd: String = "Xã Thạch Hạ".nfd().collect();
        assert_eq!(m(&THACH_HA, &nfd), Exact(1));
        assert_eq!(m(&THACH_HA, "XÃ  THẠCH HÀ "), Exact(0));
        assert_eq!(m(&THACH_HA, "xã thạch hạ"), Exact(1));
        let nfd_units: Vec<String> = THACH_HA.iter().map(|u| u.nfd().collect()).collect();
        let nfd_units: Vec<&str> = nfd_units.iter().map(String::as_str).collect();
        assert_eq!(m(&nfd_units, "Xã Thạch Hà"), Exact(0));
        // An exact hit wins over loose ones.
        assert_eq!(m(&["Kỳ Anh", "TX Kỳ Anh"], "Kỳ Anh"), Exact(0));
        assert_eq!(m(&["Kỳ Anh", "TX Kỳ Anh"], "tx kỳ anh"), Exact(1));
        assert_eq!(m(&["An", "Tân An"], "Tân An"), Exact(1));
        assert_eq!(m(&["An", "Tân An"], "an"), Exact(0));
    }

    #[test]
    fn rule_2_loose_is_without_diacritics_ubnd_and_level_never_a_suffix() {
        let cx = ["UBND huyện Cẩm Xuyên", "Sở Nội vụ"];
        for name in [
            "Huyện Cẩm Xuyên",
            "Cẩm Xuyên",
            "cam xuyen",
            "Ủy ban nhân dân  HUYỆN cẩm xuyên",
            "ubnd huyen cam xuyen",
        ] {
            assert_eq!(m(&cx, name), Loose(0), "{name}");
        }
        let nfd: String = "UBND huyện Cẩm Xuyên".nfd().collect();
        assert_eq!(m(&cx, &nfd), Exact(0));
        assert_eq!(m(&cx, "Nội vụ"), Loose(1));
        // The rest is equal or nothing: no suffix, no prefix.
        assert_eq!(m(&["Tân An"], "An"), Match::None);
        assert_eq!(m(&["An"], "Tân An"), Match::None);
        assert_eq!(m(&["An", "Tân An"], "Xã An"), Loose(0));
        assert_eq!(m(&["An", "Tân An"], "Xã Tân An"), Loose(1));
        assert_eq!(m(&["Huyện Cẩm Xuyên"], "Xuyên"), Match::None);
        // A level word is a whole word: "Sóc Sơn" keeps its "so".
        assert_eq!(m(&["Sóc Sơn"], "c Sơn"), Match::None);
    }

    #[test]
    fn rule_3_two_different_level_words_are_two_units() {
        assert_eq!(m(&["UBND huyện Kỳ Anh"], "Thị xã Kỳ Anh"), Match::None);
        assert_eq!(m(&KY_ANH, "Thị xã Kỳ Anh"), Loose(1));
        assert_eq!(m(&KY_ANH, "TX Kỳ Anh"), Loose(1));
        assert_eq!(m(&KY_ANH, "TX. Kỳ Anh"), Loose(1));
        assert_eq!(m(&KY_ANH, "tx.ky anh"), Loose(1));
        assert_eq!(m(&["Thành phố Hà Tĩnh"], "TP Hà Tĩnh"), Loose(0));
        assert_eq!(m(&["UBND tỉnh Hà Tĩnh"], "TP Hà Tĩnh"), Match::None);
        assert_eq!(m(&["Sở Tài chính"], "Phòng Tài chính"), Match::None);
        assert_eq!(
            m(&["UBND huyện Cẩm Xuyên"], "Thành phố Cẩm Xuyên"),
            Match::None
        );
    }

    #[test]
    fn rule_4_a_loose_match_is_one_unit_only() {
        assert_eq!(m(&["Kỳ Anh"], "TX Kỳ Anh"), Loose(0));
        assert_eq!(m(&["TX Kỳ Anh"], "Kỳ Anh"), Loose(0));
        assert_eq!(m(&["Xã Thạch Hà"], "Xã Thạch Hạ"), Loose(0));
        assert_eq!(m(&["Xã Thạch Hà", "Xã Thạch Hải"], "Thach Ha"), Loose(0));
    }

    #[test]
    fn rule_5_two_fits_or_more_are_ambiguous() {
        assert_eq!(m(&KY_ANH, "Kỳ Anh"), Ambiguous(vec![0, 1]));
        assert_eq!(
            m(&["Kỳ Anh", "TX Kỳ Anh"], "Thị xã Kỳ Anh"),
            Ambiguous(vec![0, 1])
        );
        for name in ["Xa Thach Ha", "Thạch Hà", "UBND xã Thạch Hà", "Thach Ha"] {
            assert_eq!(m(&THACH_HA, name), Ambiguous(vec![0, 1]), "{name}");
        }
        // Two units of one name.
        assert_eq!(m(&["An", "Tân An", "an"], "An"), Ambiguous(vec![0, 2]));
    }

    fn f(units: &[&str], text: &str) -> Match {
        let units: Vec<UnitName> = units.iter().map(|u| UnitName::new(u)).collect();
        find_in(&units, text)
    }

    #[test]
    fn rule_7_a_file_name_names_the_one_unit_whose_name_it_holds() {
        let bloc = [
            "UBND huyện Đức Thọ",
            "UBND huyện Hương Sơn",
            "UBND huyện Cẩm Xuyên",
        ];
        for name in [
            "Duc Tho - tu cham 2024.xlsx",
            "duc-tho.xlsx",
            "Tự chấm Đức Thọ 2024.xlsx",
            "BANG TU CHAM_HUYEN DUC THO.xls",
            "02-duc-tho.xlsx",
        ] {
            assert_eq!(f(&bloc, name), Loose(0), "{name}");
        }
        // Whole words only.
        assert_eq!(f(&bloc, "Duc Thoai.xlsx"), Match::None);
        assert_eq!(f(&bloc, "tu-cham-2024.xlsx"), Match::None);
        // Diacritics decide when written.
        assert_eq!(f(&THACH_HA, "Thạch Hạ - tự chấm.xlsx"), Loose(1));
        assert_eq!(
            f(&THACH_HA, "Thach Ha - tu cham.xlsx"),
            Ambiguous(vec![0, 1])
        );
        // A name inside another found name is not one.
        assert_eq!(f(&["An", "Tân An"], "Tan An.xlsx"), Loose(1));
        assert_eq!(f(&["Xã An", "Xã Tân An"], "xa an.xlsx"), Loose(0));
        assert_eq!(f(&KY_ANH, "Ky Anh - tu cham.xlsx"), Ambiguous(vec![0, 1]));
        assert_eq!(f(&KY_ANH, "TX Ky Anh - tu cham.xlsx"), Loose(1));
        assert_eq!(f(&KY_ANH, "huyen Ky Anh.xlsx"), Loose(0));
        assert_eq!(f(&KY_ANH, "Thị xã Kỳ Anh.xlsx"), Loose(1));
    }

    #[test]
    fn rule_6_nothing_fits() {
        assert_eq!(m(&KY_ANH, "Huyện Vũ Quang"), Match::None);
        assert_eq!(m(&[], "Kỳ Anh"), Match::None);
    }
}
