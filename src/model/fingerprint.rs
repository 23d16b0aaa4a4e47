//! A template's structure as a short stable text: what a unit pack
//! ([`crate::xlsx::export::export_packs`]) records of the scoring table it
//! was made from, so that merging it back can tell whether the open
//! scoresheet still has the same table.
//!
//! What counts (each pinned by a test below): the criteria tree's lines in
//! order (guidance lines aside), each by its code, its text folded (case,
//! diacritics, spacing and punctuation aside: "Đảng" in NFD, "ĐẢNG," and
//! "dang" are one text), its kind, its weight, and its maximum where the
//! maximum is the template's own: a criterion's, and the cap a bonus or
//! deduction section states. A content section's maximum is the sum of
//! its children's, already counted, and not every writer states it.
//! Units, scores, notes, titles and classification bands do not count.
//!
//! The hash is 64-bit FNV-1a, written as 16 hexadecimal digits: the same on
//! every platform and in every build (std's hasher is neither).

use super::calc::Tree;
use super::hash::Fnv;
use super::sheet::{Kind, Scoresheet};
use super::text::fold;

/// A criterion text as the fingerprint sees it: folded words, punctuation
/// aside.
fn text_key(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fingerprint of `sheet`'s criteria tree.
pub fn fingerprint(sheet: &Scoresheet) -> String {
    let tree = Tree::new(sheet);
    let mut h = Fnv::new();
    for (pos, n) in sheet.nodes.iter().enumerate() {
        if n.guidance {
            continue;
        }
        let max = if tree.is_scoreable(pos) || (n.kind != Kind::Content && tree.is_section(pos)) {
            n.max.map(|m| m.to_plain()).unwrap_or_default()
        } else {
            String::new()
        };
        let kind = match n.kind {
            Kind::Content => "c",
            Kind::Bonus => "b",
            Kind::Deduction => "d",
        };
        // Fields apart by a byte no text holds, lines by another.
        for field in [
            n.code.as_str(),
            &text_key(&n.text),
            kind,
            &n.weight.to_plain(),
            &max,
        ] {
            h.feed(field.as_bytes());
            h.feed(&[0x1f]);
        }
        h.feed(&[0x1e]);
    }
    format!("{:016x}", h.value())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample, Dec};
    use unicode_normalization::UnicodeNormalization;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap().unwrap()
    }

    fn table() -> Scoresheet {
        let mut s = Scoresheet::new("Khối huyện");
        let i = s.push_node(None, "I", "Công tác Đảng, đoàn thể", None, Kind::Content);
        s.push_node(
            Some(i),
            "1",
            "Hoàn thành chỉ tiêu",
            Some(d("10")),
            Kind::Content,
        );
        s.push_guidance(Some(i), "- Đạt 100%: 10 điểm");
        s.push_node(
            Some(i),
            "2",
            "Cải cách hành chính",
            Some(d("5")),
            Kind::Content,
        );
        let b = s.push_node(None, "II", "Điểm thưởng", Some(d("3")), Kind::Bonus);
        s.push_node(Some(b), "1", "Sáng kiến", Some(d("2")), Kind::Bonus);
        s.push_node(Some(b), "2", "Khen thưởng", Some(d("2")), Kind::Bonus);
        s
    }

    #[test]
    fn stable_hex_and_the_same_for_the_same_table() {
        let f = fingerprint(&table());
        assert_eq!(f.len(), 16);
        assert!(f.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(f, fingerprint(&table()));
        // Pinned: a change of hash or of what is fed shows here.
        assert_eq!(fingerprint(&Scoresheet::new("x")), "cbf29ce484222325");
        assert_ne!(fingerprint(&sample::sample()), f);
    }

    #[test]
    fn units_scores_titles_guidance_and_text_forms_do_not_count() {
        let base = fingerprint(&table());
        let mut s = table();
        s.title = "Khác".into();
        let u = s.push_unit("UBND huyện Đức Thọ");
        let id = s.nodes[1].id;
        s.unit_mut(u)
            .unwrap()
            .set_raw(id, crate::model::Stage::SelfScore, "9");
        s.nodes.retain(|n| !n.guidance);
        s.nodes[0].text = s.nodes[0].text.nfd().collect();
        s.nodes[1].text = "HOÀN THÀNH   chỉ tiêu.".into();
        s.nodes[2].text = "cai cach hanh chinh".into();
        // A content section's stated maximum is its children's sum.
        s.nodes[0].max = Some(d("15"));
        assert_eq!(fingerprint(&s), base);
    }

    #[test]
    fn codes_texts_maxima_kinds_weights_and_caps_count() {
        let base = fingerprint(&table());
        type Change = (&'static str, fn(&mut Scoresheet));
        let changes: [Change; 7] = [
            ("code", |s| s.nodes[1].code = "I.9".into()),
            ("text", |s| {
                s.nodes[1].text = "Hoàn thành vượt chỉ tiêu".into()
            }),
            ("maximum", |s| s.nodes[1].max = Some(d("12"))),
            ("kind", |s| s.nodes[3].kind = Kind::Deduction),
            ("weight", |s| s.nodes[3].weight = d("2")),
            ("bonus cap", |s| s.nodes[4].max = Some(d("4"))),
            ("a line more", |s| {
                s.push_node(None, "III", "Điểm trừ", Some(d("5")), Kind::Deduction);
            }),
        ];
        for (what, change) in changes {
            let mut s = table();
            change(&mut s);
            assert_ne!(fingerprint(&s), base, "{what}");
        }
        // Two criteria exchanging their places is another table.
        let mut s = table();
        s.nodes.swap(1, 3);
        assert_ne!(fingerprint(&s), base);
    }
}
