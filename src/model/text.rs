//! Text helpers for recognising Vietnamese wording in any case, with or
//! without diacritics, in NFC or NFD. No Unicode tables: a small map of the
//! precomposed Latin letters (Vietnamese included) to their base letter
//! and marks keeps this out of the page's download size.

/// Precomposed Latin letters → base letter, lower case, and the combining
/// marks of their NFD (sorted by char). Generated from Unicode NFD for
/// U+00C0–U+024F and U+1E00–U+1EFF; "Đ", "đ" (no NFD) fold to "d".
const LETTERS: &[(char, char, &[char])] = &[
    ('À', 'a', &['\u{300}']),
    ('Á', 'a', &['\u{301}']),
    ('Â', 'a', &['\u{302}']),
    ('Ã', 'a', &['\u{303}']),
    ('Ä', 'a', &['\u{308}']),
    ('Å', 'a', &['\u{30a}']),
    ('Ç', 'c', &['\u{327}']),
    ('È', 'e', &['\u{300}']),
    ('É', 'e', &['\u{301}']),
    ('Ê', 'e', &['\u{302}']),
    ('Ë', 'e', &['\u{308}']),
    ('Ì', 'i', &['\u{300}']),
    ('Í', 'i', &['\u{301}']),
    ('Î', 'i', &['\u{302}']),
    ('Ï', 'i', &['\u{308}']),
    ('Ñ', 'n', &['\u{303}']),
    ('Ò', 'o', &['\u{300}']),
    ('Ó', 'o', &['\u{301}']),
    ('Ô', 'o', &['\u{302}']),
    ('Õ', 'o', &['\u{303}']),
    ('Ö', 'o', &['\u{308}']),
    ('Ù', 'u', &['\u{300}']),
    ('Ú', 'u', &['\u{301}']),
    ('Û', 'u', &['\u{302}']),
    ('Ü', 'u', &['\u{308}']),
    ('Ý', 'y', &['\u{301}']),
    ('à', 'a', &['\u{300}']),
    ('á', 'a', &['\u{301}']),
    ('â', 'a', &['\u{302}']),
    ('ã', 'a', &['\u{303}']),
    ('ä', 'a', &['\u{308}']),
    ('å', 'a', &['\u{30a}']),
    ('ç', 'c', &['\u{327}']),
    ('è', 'e', &['\u{300}']),
    ('é', 'e', &['\u{301}']),
    ('ê', 'e', &['\u{302}']),
    ('ë', 'e', &['\u{308}']),
    ('ì', 'i', &['\u{300}']),
    ('í', 'i', &['\u{301}']),
    ('î', 'i', &['\u{302}']),
    ('ï', 'i', &['\u{308}']),
    ('ñ', 'n', &['\u{303}']),
    ('ò', 'o', &['\u{300}']),
    ('ó', 'o', &['\u{301}']),
    ('ô', 'o', &['\u{302}']),
    ('õ', 'o', &['\u{303}']),
    ('ö', 'o', &['\u{308}']),
    ('ù', 'u', &['\u{300}']),
    ('ú', 'u', &['\u{301}']),
    ('û', 'u', &['\u{302}']),
    ('ü', 'u', &['\u{308}']),
    ('ý', 'y', &['\u{301}']),
    ('ÿ', 'y', &['\u{308}']),
    ('Ā', 'a', &['\u{304}']),
    ('ā', 'a', &['\u{304}']),
    ('Ă', 'a', &['\u{306}']),
    ('ă', 'a', &['\u{306}']),
    ('Ą', 'a', &['\u{328}']),
    ('ą', 'a', &['\u{328}']),
    ('Ć', 'c', &['\u{301}']),
    ('ć', 'c', &['\u{301}']),
    ('Ĉ', 'c', &['\u{302}']),
    ('ĉ', 'c', &['\u{302}']),
    ('Ċ', 'c', &['\u{307}']),
    ('ċ', 'c', &['\u{307}']),
    ('Č', 'c', &['\u{30c}']),
    ('č', 'c', &['\u{30c}']),
    ('Ď', 'd', &['\u{30c}']),
    ('ď', 'd', &['\u{30c}']),
    ('Đ', 'd', &[]),
    ('đ', 'd', &[]),
    ('Ē', 'e', &['\u{304}']),
    ('ē', 'e', &['\u{304}']),
    ('Ĕ', 'e', &['\u{306}']),
    ('ĕ', 'e', &['\u{306}']),
    ('Ė', 'e', &['\u{307}']),
    ('ė', 'e', &['\u{307}']),
    ('Ę', 'e', &['\u{328}']),
    ('ę', 'e', &['\u{328}']),
    ('Ě', 'e', &['\u{30c}']),
    ('ě', 'e', &['\u{30c}']),
    ('Ĝ', 'g', &['\u{302}']),
    ('ĝ', 'g', &['\u{302}']),
    ('Ğ', 'g', &['\u{306}']),
    ('ğ', 'g', &['\u{306}']),
    ('Ġ', 'g', &['\u{307}']),
    ('ġ', 'g', &['\u{307}']),
    ('Ģ', 'g', &['\u{327}']),
    ('ģ', 'g', &['\u{327}']),
    ('Ĥ', 'h', &['\u{302}']),
    ('ĥ', 'h', &['\u{302}']),
    ('Ĩ', 'i', &['\u{303}']),
    ('ĩ', 'i', &['\u{303}']),
    ('Ī', 'i', &['\u{304}']),
    ('ī', 'i', &['\u{304}']),
    ('Ĭ', 'i', &['\u{306}']),
    ('ĭ', 'i', &['\u{306}']),
    ('Į', 'i', &['\u{328}']),
    ('į', 'i', &['\u{328}']),
    ('İ', 'i', &['\u{307}']),
    ('Ĵ', 'j', &['\u{302}']),
    ('ĵ', 'j', &['\u{302}']),
    ('Ķ', 'k', &['\u{327}']),
    ('ķ', 'k', &['\u{327}']),
    ('Ĺ', 'l', &['\u{301}']),
    ('ĺ', 'l', &['\u{301}']),
    ('Ļ', 'l', &['\u{327}']),
    ('ļ', 'l', &['\u{327}']),
    ('Ľ', 'l', &['\u{30c}']),
    ('ľ', 'l', &['\u{30c}']),
    ('Ń', 'n', &['\u{301}']),
    ('ń', 'n', &['\u{301}']),
    ('Ņ', 'n', &['\u{327}']),
    ('ņ', 'n', &['\u{327}']),
    ('Ň', 'n', &['\u{30c}']),
    ('ň', 'n', &['\u{30c}']),
    ('Ō', 'o', &['\u{304}']),
    ('ō', 'o', &['\u{304}']),
    ('Ŏ', 'o', &['\u{306}']),
    ('ŏ', 'o', &['\u{306}']),
    ('Ő', 'o', &['\u{30b}']),
    ('ő', 'o', &['\u{30b}']),
    ('Ŕ', 'r', &['\u{301}']),
    ('ŕ', 'r', &['\u{301}']),
    ('Ŗ', 'r', &['\u{327}']),
    ('ŗ', 'r', &['\u{327}']),
    ('Ř', 'r', &['\u{30c}']),
    ('ř', 'r', &['\u{30c}']),
    ('Ś', 's', &['\u{301}']),
    ('ś', 's', &['\u{301}']),
    ('Ŝ', 's', &['\u{302}']),
    ('ŝ', 's', &['\u{302}']),
    ('Ş', 's', &['\u{327}']),
    ('ş', 's', &['\u{327}']),
    ('Š', 's', &['\u{30c}']),
    ('š', 's', &['\u{30c}']),
    ('Ţ', 't', &['\u{327}']),
    ('ţ', 't', &['\u{327}']),
    ('Ť', 't', &['\u{30c}']),
    ('ť', 't', &['\u{30c}']),
    ('Ũ', 'u', &['\u{303}']),
    ('ũ', 'u', &['\u{303}']),
    ('Ū', 'u', &['\u{304}']),
    ('ū', 'u', &['\u{304}']),
    ('Ŭ', 'u', &['\u{306}']),
    ('ŭ', 'u', &['\u{306}']),
    ('Ů', 'u', &['\u{30a}']),
    ('ů', 'u', &['\u{30a}']),
    ('Ű', 'u', &['\u{30b}']),
    ('ű', 'u', &['\u{30b}']),
    ('Ų', 'u', &['\u{328}']),
    ('ų', 'u', &['\u{328}']),
    ('Ŵ', 'w', &['\u{302}']),
    ('ŵ', 'w', &['\u{302}']),
    ('Ŷ', 'y', &['\u{302}']),
    ('ŷ', 'y', &['\u{302}']),
    ('Ÿ', 'y', &['\u{308}']),
    ('Ź', 'z', &['\u{301}']),
    ('ź', 'z', &['\u{301}']),
    ('Ż', 'z', &['\u{307}']),
    ('ż', 'z', &['\u{307}']),
    ('Ž', 'z', &['\u{30c}']),
    ('ž', 'z', &['\u{30c}']),
    ('Ơ', 'o', &['\u{31b}']),
    ('ơ', 'o', &['\u{31b}']),
    ('Ư', 'u', &['\u{31b}']),
    ('ư', 'u', &['\u{31b}']),
    ('Ǎ', 'a', &['\u{30c}']),
    ('ǎ', 'a', &['\u{30c}']),
    ('Ǐ', 'i', &['\u{30c}']),
    ('ǐ', 'i', &['\u{30c}']),
    ('Ǒ', 'o', &['\u{30c}']),
    ('ǒ', 'o', &['\u{30c}']),
    ('Ǔ', 'u', &['\u{30c}']),
    ('ǔ', 'u', &['\u{30c}']),
    ('Ǖ', 'u', &['\u{308}', '\u{304}']),
    ('ǖ', 'u', &['\u{308}', '\u{304}']),
    ('Ǘ', 'u', &['\u{308}', '\u{301}']),
    ('ǘ', 'u', &['\u{308}', '\u{301}']),
    ('Ǚ', 'u', &['\u{308}', '\u{30c}']),
    ('ǚ', 'u', &['\u{308}', '\u{30c}']),
    ('Ǜ', 'u', &['\u{308}', '\u{300}']),
    ('ǜ', 'u', &['\u{308}', '\u{300}']),
    ('Ǟ', 'a', &['\u{308}', '\u{304}']),
    ('ǟ', 'a', &['\u{308}', '\u{304}']),
    ('Ǡ', 'a', &['\u{307}', '\u{304}']),
    ('ǡ', 'a', &['\u{307}', '\u{304}']),
    ('Ǧ', 'g', &['\u{30c}']),
    ('ǧ', 'g', &['\u{30c}']),
    ('Ǩ', 'k', &['\u{30c}']),
    ('ǩ', 'k', &['\u{30c}']),
    ('Ǫ', 'o', &['\u{328}']),
    ('ǫ', 'o', &['\u{328}']),
    ('Ǭ', 'o', &['\u{328}', '\u{304}']),
    ('ǭ', 'o', &['\u{328}', '\u{304}']),
    ('ǰ', 'j', &['\u{30c}']),
    ('Ǵ', 'g', &['\u{301}']),
    ('ǵ', 'g', &['\u{301}']),
    ('Ǹ', 'n', &['\u{300}']),
    ('ǹ', 'n', &['\u{300}']),
    ('Ǻ', 'a', &['\u{30a}', '\u{301}']),
    ('ǻ', 'a', &['\u{30a}', '\u{301}']),
    ('Ȁ', 'a', &['\u{30f}']),
    ('ȁ', 'a', &['\u{30f}']),
    ('Ȃ', 'a', &['\u{311}']),
    ('ȃ', 'a', &['\u{311}']),
    ('Ȅ', 'e', &['\u{30f}']),
    ('ȅ', 'e', &['\u{30f}']),
    ('Ȇ', 'e', &['\u{311}']),
    ('ȇ', 'e', &['\u{311}']),
    ('Ȉ', 'i', &['\u{30f}']),
    ('ȉ', 'i', &['\u{30f}']),
    ('Ȋ', 'i', &['\u{311}']),
    ('ȋ', 'i', &['\u{311}']),
    ('Ȍ', 'o', &['\u{30f}']),
    ('ȍ', 'o', &['\u{30f}']),
    ('Ȏ', 'o', &['\u{311}']),
    ('ȏ', 'o', &['\u{311}']),
    ('Ȑ', 'r', &['\u{30f}']),
    ('ȑ', 'r', &['\u{30f}']),
    ('Ȓ', 'r', &['\u{311}']),
    ('ȓ', 'r', &['\u{311}']),
    ('Ȕ', 'u', &['\u{30f}']),
    ('ȕ', 'u', &['\u{30f}']),
    ('Ȗ', 'u', &['\u{311}']),
    ('ȗ', 'u', &['\u{311}']),
    ('Ș', 's', &['\u{326}']),
    ('ș', 's', &['\u{326}']),
    ('Ț', 't', &['\u{326}']),
    ('ț', 't', &['\u{326}']),
    ('Ȟ', 'h', &['\u{30c}']),
    ('ȟ', 'h', &['\u{30c}']),
    ('Ȧ', 'a', &['\u{307}']),
    ('ȧ', 'a', &['\u{307}']),
    ('Ȩ', 'e', &['\u{327}']),
    ('ȩ', 'e', &['\u{327}']),
    ('Ȫ', 'o', &['\u{308}', '\u{304}']),
    ('ȫ', 'o', &['\u{308}', '\u{304}']),
    ('Ȭ', 'o', &['\u{303}', '\u{304}']),
    ('ȭ', 'o', &['\u{303}', '\u{304}']),
    ('Ȯ', 'o', &['\u{307}']),
    ('ȯ', 'o', &['\u{307}']),
    ('Ȱ', 'o', &['\u{307}', '\u{304}']),
    ('ȱ', 'o', &['\u{307}', '\u{304}']),
    ('Ȳ', 'y', &['\u{304}']),
    ('ȳ', 'y', &['\u{304}']),
    ('Ḁ', 'a', &['\u{325}']),
    ('ḁ', 'a', &['\u{325}']),
    ('Ḃ', 'b', &['\u{307}']),
    ('ḃ', 'b', &['\u{307}']),
    ('Ḅ', 'b', &['\u{323}']),
    ('ḅ', 'b', &['\u{323}']),
    ('Ḇ', 'b', &['\u{331}']),
    ('ḇ', 'b', &['\u{331}']),
    ('Ḉ', 'c', &['\u{327}', '\u{301}']),
    ('ḉ', 'c', &['\u{327}', '\u{301}']),
    ('Ḋ', 'd', &['\u{307}']),
    ('ḋ', 'd', &['\u{307}']),
    ('Ḍ', 'd', &['\u{323}']),
    ('ḍ', 'd', &['\u{323}']),
    ('Ḏ', 'd', &['\u{331}']),
    ('ḏ', 'd', &['\u{331}']),
    ('Ḑ', 'd', &['\u{327}']),
    ('ḑ', 'd', &['\u{327}']),
    ('Ḓ', 'd', &['\u{32d}']),
    ('ḓ', 'd', &['\u{32d}']),
    ('Ḕ', 'e', &['\u{304}', '\u{300}']),
    ('ḕ', 'e', &['\u{304}', '\u{300}']),
    ('Ḗ', 'e', &['\u{304}', '\u{301}']),
    ('ḗ', 'e', &['\u{304}', '\u{301}']),
    ('Ḙ', 'e', &['\u{32d}']),
    ('ḙ', 'e', &['\u{32d}']),
    ('Ḛ', 'e', &['\u{330}']),
    ('ḛ', 'e', &['\u{330}']),
    ('Ḝ', 'e', &['\u{327}', '\u{306}']),
    ('ḝ', 'e', &['\u{327}', '\u{306}']),
    ('Ḟ', 'f', &['\u{307}']),
    ('ḟ', 'f', &['\u{307}']),
    ('Ḡ', 'g', &['\u{304}']),
    ('ḡ', 'g', &['\u{304}']),
    ('Ḣ', 'h', &['\u{307}']),
    ('ḣ', 'h', &['\u{307}']),
    ('Ḥ', 'h', &['\u{323}']),
    ('ḥ', 'h', &['\u{323}']),
    ('Ḧ', 'h', &['\u{308}']),
    ('ḧ', 'h', &['\u{308}']),
    ('Ḩ', 'h', &['\u{327}']),
    ('ḩ', 'h', &['\u{327}']),
    ('Ḫ', 'h', &['\u{32e}']),
    ('ḫ', 'h', &['\u{32e}']),
    ('Ḭ', 'i', &['\u{330}']),
    ('ḭ', 'i', &['\u{330}']),
    ('Ḯ', 'i', &['\u{308}', '\u{301}']),
    ('ḯ', 'i', &['\u{308}', '\u{301}']),
    ('Ḱ', 'k', &['\u{301}']),
    ('ḱ', 'k', &['\u{301}']),
    ('Ḳ', 'k', &['\u{323}']),
    ('ḳ', 'k', &['\u{323}']),
    ('Ḵ', 'k', &['\u{331}']),
    ('ḵ', 'k', &['\u{331}']),
    ('Ḷ', 'l', &['\u{323}']),
    ('ḷ', 'l', &['\u{323}']),
    ('Ḹ', 'l', &['\u{323}', '\u{304}']),
    ('ḹ', 'l', &['\u{323}', '\u{304}']),
    ('Ḻ', 'l', &['\u{331}']),
    ('ḻ', 'l', &['\u{331}']),
    ('Ḽ', 'l', &['\u{32d}']),
    ('ḽ', 'l', &['\u{32d}']),
    ('Ḿ', 'm', &['\u{301}']),
    ('ḿ', 'm', &['\u{301}']),
    ('Ṁ', 'm', &['\u{307}']),
    ('ṁ', 'm', &['\u{307}']),
    ('Ṃ', 'm', &['\u{323}']),
    ('ṃ', 'm', &['\u{323}']),
    ('Ṅ', 'n', &['\u{307}']),
    ('ṅ', 'n', &['\u{307}']),
    ('Ṇ', 'n', &['\u{323}']),
    ('ṇ', 'n', &['\u{323}']),
    ('Ṉ', 'n', &['\u{331}']),
    ('ṉ', 'n', &['\u{331}']),
    ('Ṋ', 'n', &['\u{32d}']),
    ('ṋ', 'n', &['\u{32d}']),
    ('Ṍ', 'o', &['\u{303}', '\u{301}']),
    ('ṍ', 'o', &['\u{303}', '\u{301}']),
    ('Ṏ', 'o', &['\u{303}', '\u{308}']),
    ('ṏ', 'o', &['\u{303}', '\u{308}']),
    ('Ṑ', 'o', &['\u{304}', '\u{300}']),
    ('ṑ', 'o', &['\u{304}', '\u{300}']),
    ('Ṓ', 'o', &['\u{304}', '\u{301}']),
    ('ṓ', 'o', &['\u{304}', '\u{301}']),
    ('Ṕ', 'p', &['\u{301}']),
    ('ṕ', 'p', &['\u{301}']),
    ('Ṗ', 'p', &['\u{307}']),
    ('ṗ', 'p', &['\u{307}']),
    ('Ṙ', 'r', &['\u{307}']),
    ('ṙ', 'r', &['\u{307}']),
    ('Ṛ', 'r', &['\u{323}']),
    ('ṛ', 'r', &['\u{323}']),
    ('Ṝ', 'r', &['\u{323}', '\u{304}']),
    ('ṝ', 'r', &['\u{323}', '\u{304}']),
    ('Ṟ', 'r', &['\u{331}']),
    ('ṟ', 'r', &['\u{331}']),
    ('Ṡ', 's', &['\u{307}']),
    ('ṡ', 's', &['\u{307}']),
    ('Ṣ', 's', &['\u{323}']),
    ('ṣ', 's', &['\u{323}']),
    ('Ṥ', 's', &['\u{301}', '\u{307}']),
    ('ṥ', 's', &['\u{301}', '\u{307}']),
    ('Ṧ', 's', &['\u{30c}', '\u{307}']),
    ('ṧ', 's', &['\u{30c}', '\u{307}']),
    ('Ṩ', 's', &['\u{323}', '\u{307}']),
    ('ṩ', 's', &['\u{323}', '\u{307}']),
    ('Ṫ', 't', &['\u{307}']),
    ('ṫ', 't', &['\u{307}']),
    ('Ṭ', 't', &['\u{323}']),
    ('ṭ', 't', &['\u{323}']),
    ('Ṯ', 't', &['\u{331}']),
    ('ṯ', 't', &['\u{331}']),
    ('Ṱ', 't', &['\u{32d}']),
    ('ṱ', 't', &['\u{32d}']),
    ('Ṳ', 'u', &['\u{324}']),
    ('ṳ', 'u', &['\u{324}']),
    ('Ṵ', 'u', &['\u{330}']),
    ('ṵ', 'u', &['\u{330}']),
    ('Ṷ', 'u', &['\u{32d}']),
    ('ṷ', 'u', &['\u{32d}']),
    ('Ṹ', 'u', &['\u{303}', '\u{301}']),
    ('ṹ', 'u', &['\u{303}', '\u{301}']),
    ('Ṻ', 'u', &['\u{304}', '\u{308}']),
    ('ṻ', 'u', &['\u{304}', '\u{308}']),
    ('Ṽ', 'v', &['\u{303}']),
    ('ṽ', 'v', &['\u{303}']),
    ('Ṿ', 'v', &['\u{323}']),
    ('ṿ', 'v', &['\u{323}']),
    ('Ẁ', 'w', &['\u{300}']),
    ('ẁ', 'w', &['\u{300}']),
    ('Ẃ', 'w', &['\u{301}']),
    ('ẃ', 'w', &['\u{301}']),
    ('Ẅ', 'w', &['\u{308}']),
    ('ẅ', 'w', &['\u{308}']),
    ('Ẇ', 'w', &['\u{307}']),
    ('ẇ', 'w', &['\u{307}']),
    ('Ẉ', 'w', &['\u{323}']),
    ('ẉ', 'w', &['\u{323}']),
    ('Ẋ', 'x', &['\u{307}']),
    ('ẋ', 'x', &['\u{307}']),
    ('Ẍ', 'x', &['\u{308}']),
    ('ẍ', 'x', &['\u{308}']),
    ('Ẏ', 'y', &['\u{307}']),
    ('ẏ', 'y', &['\u{307}']),
    ('Ẑ', 'z', &['\u{302}']),
    ('ẑ', 'z', &['\u{302}']),
    ('Ẓ', 'z', &['\u{323}']),
    ('ẓ', 'z', &['\u{323}']),
    ('Ẕ', 'z', &['\u{331}']),
    ('ẕ', 'z', &['\u{331}']),
    ('ẖ', 'h', &['\u{331}']),
    ('ẗ', 't', &['\u{308}']),
    ('ẘ', 'w', &['\u{30a}']),
    ('ẙ', 'y', &['\u{30a}']),
    ('Ạ', 'a', &['\u{323}']),
    ('ạ', 'a', &['\u{323}']),
    ('Ả', 'a', &['\u{309}']),
    ('ả', 'a', &['\u{309}']),
    ('Ấ', 'a', &['\u{302}', '\u{301}']),
    ('ấ', 'a', &['\u{302}', '\u{301}']),
    ('Ầ', 'a', &['\u{302}', '\u{300}']),
    ('ầ', 'a', &['\u{302}', '\u{300}']),
    ('Ẩ', 'a', &['\u{302}', '\u{309}']),
    ('ẩ', 'a', &['\u{302}', '\u{309}']),
    ('Ẫ', 'a', &['\u{302}', '\u{303}']),
    ('ẫ', 'a', &['\u{302}', '\u{303}']),
    ('Ậ', 'a', &['\u{323}', '\u{302}']),
    ('ậ', 'a', &['\u{323}', '\u{302}']),
    ('Ắ', 'a', &['\u{306}', '\u{301}']),
    ('ắ', 'a', &['\u{306}', '\u{301}']),
    ('Ằ', 'a', &['\u{306}', '\u{300}']),
    ('ằ', 'a', &['\u{306}', '\u{300}']),
    ('Ẳ', 'a', &['\u{306}', '\u{309}']),
    ('ẳ', 'a', &['\u{306}', '\u{309}']),
    ('Ẵ', 'a', &['\u{306}', '\u{303}']),
    ('ẵ', 'a', &['\u{306}', '\u{303}']),
    ('Ặ', 'a', &['\u{323}', '\u{306}']),
    ('ặ', 'a', &['\u{323}', '\u{306}']),
    ('Ẹ', 'e', &['\u{323}']),
    ('ẹ', 'e', &['\u{323}']),
    ('Ẻ', 'e', &['\u{309}']),
    ('ẻ', 'e', &['\u{309}']),
    ('Ẽ', 'e', &['\u{303}']),
    ('ẽ', 'e', &['\u{303}']),
    ('Ế', 'e', &['\u{302}', '\u{301}']),
    ('ế', 'e', &['\u{302}', '\u{301}']),
    ('Ề', 'e', &['\u{302}', '\u{300}']),
    ('ề', 'e', &['\u{302}', '\u{300}']),
    ('Ể', 'e', &['\u{302}', '\u{309}']),
    ('ể', 'e', &['\u{302}', '\u{309}']),
    ('Ễ', 'e', &['\u{302}', '\u{303}']),
    ('ễ', 'e', &['\u{302}', '\u{303}']),
    ('Ệ', 'e', &['\u{323}', '\u{302}']),
    ('ệ', 'e', &['\u{323}', '\u{302}']),
    ('Ỉ', 'i', &['\u{309}']),
    ('ỉ', 'i', &['\u{309}']),
    ('Ị', 'i', &['\u{323}']),
    ('ị', 'i', &['\u{323}']),
    ('Ọ', 'o', &['\u{323}']),
    ('ọ', 'o', &['\u{323}']),
    ('Ỏ', 'o', &['\u{309}']),
    ('ỏ', 'o', &['\u{309}']),
    ('Ố', 'o', &['\u{302}', '\u{301}']),
    ('ố', 'o', &['\u{302}', '\u{301}']),
    ('Ồ', 'o', &['\u{302}', '\u{300}']),
    ('ồ', 'o', &['\u{302}', '\u{300}']),
    ('Ổ', 'o', &['\u{302}', '\u{309}']),
    ('ổ', 'o', &['\u{302}', '\u{309}']),
    ('Ỗ', 'o', &['\u{302}', '\u{303}']),
    ('ỗ', 'o', &['\u{302}', '\u{303}']),
    ('Ộ', 'o', &['\u{323}', '\u{302}']),
    ('ộ', 'o', &['\u{323}', '\u{302}']),
    ('Ớ', 'o', &['\u{31b}', '\u{301}']),
    ('ớ', 'o', &['\u{31b}', '\u{301}']),
    ('Ờ', 'o', &['\u{31b}', '\u{300}']),
    ('ờ', 'o', &['\u{31b}', '\u{300}']),
    ('Ở', 'o', &['\u{31b}', '\u{309}']),
    ('ở', 'o', &['\u{31b}', '\u{309}']),
    ('Ỡ', 'o', &['\u{31b}', '\u{303}']),
    ('ỡ', 'o', &['\u{31b}', '\u{303}']),
    ('Ợ', 'o', &['\u{31b}', '\u{323}']),
    ('ợ', 'o', &['\u{31b}', '\u{323}']),
    ('Ụ', 'u', &['\u{323}']),
    ('ụ', 'u', &['\u{323}']),
    ('Ủ', 'u', &['\u{309}']),
    ('ủ', 'u', &['\u{309}']),
    ('Ứ', 'u', &['\u{31b}', '\u{301}']),
    ('ứ', 'u', &['\u{31b}', '\u{301}']),
    ('Ừ', 'u', &['\u{31b}', '\u{300}']),
    ('ừ', 'u', &['\u{31b}', '\u{300}']),
    ('Ử', 'u', &['\u{31b}', '\u{309}']),
    ('ử', 'u', &['\u{31b}', '\u{309}']),
    ('Ữ', 'u', &['\u{31b}', '\u{303}']),
    ('ữ', 'u', &['\u{31b}', '\u{303}']),
    ('Ự', 'u', &['\u{31b}', '\u{323}']),
    ('ự', 'u', &['\u{31b}', '\u{323}']),
    ('Ỳ', 'y', &['\u{300}']),
    ('ỳ', 'y', &['\u{300}']),
    ('Ỵ', 'y', &['\u{323}']),
    ('ỵ', 'y', &['\u{323}']),
    ('Ỷ', 'y', &['\u{309}']),
    ('ỷ', 'y', &['\u{309}']),
    ('Ỹ', 'y', &['\u{303}']),
    ('ỹ', 'y', &['\u{303}']),
];

/// `LETTERS` as direct lookup tables over the blocks it covers
/// (U+00C0–U+0233 and U+1E00–U+1EF9), built at compile time: a fold is
/// one index per letter, not a search (import folds every header cell).
const LOW: u32 = 0xC0;
const HIGH: u32 = 0x1E00;
const LOW_LEN: usize = 0x234 - LOW as usize;
const HIGH_LEN: usize = 0x1EFA - HIGH as usize;
static BASE_LOW: [u8; LOW_LEN] = base_table(LOW);
static BASE_HIGH: [u8; HIGH_LEN] = base_table(HIGH);
/// A letter's marks as offsets from U+02FF (0: none).
static MARKS_LOW: [[u8; 2]; LOW_LEN] = marks_table(LOW);
static MARKS_HIGH: [[u8; 2]; HIGH_LEN] = marks_table(HIGH);

const fn base_table<const N: usize>(from: u32) -> [u8; N] {
    let mut table = [0u8; N];
    let mut i = 0;
    while i < LETTERS.len() {
        let (k, b, _) = LETTERS[i];
        let k = k as u32;
        if k >= from && k < from + N as u32 {
            table[(k - from) as usize] = b as u8;
        }
        i += 1;
    }
    table
}

const fn marks_table<const N: usize>(from: u32) -> [[u8; 2]; N] {
    let mut table = [[0u8; 2]; N];
    let mut i = 0;
    while i < LETTERS.len() {
        let (k, _, marks) = LETTERS[i];
        let k = k as u32;
        if k >= from && k < from + N as u32 {
            let mut j = 0;
            while j < marks.len() {
                table[(k - from) as usize][j] = (marks[j] as u32 - 0x2FF) as u8;
                j += 1;
            }
        }
        i += 1;
    }
    table
}

/// Position of `c` in the low or high table.
fn slot(c: char) -> Option<(bool, usize)> {
    let c = c as u32;
    if c >= HIGH {
        Some((true, (c - HIGH) as usize))
    } else {
        c.checked_sub(LOW).map(|i| (false, i as usize))
    }
}

fn base_of(c: char) -> Option<char> {
    let b = match slot(c)? {
        (true, i) => BASE_HIGH.get(i),
        (false, i) => BASE_LOW.get(i),
    };
    b.filter(|&&b| b != 0).map(|&b| b as char)
}

/// A precomposed letter's base letter (lower case) and NFD marks; `None`
/// for any other char ("đ" included: it has no NFD).
fn decompose(c: char) -> Option<(char, impl Iterator<Item = char>)> {
    let marks = match slot(c)? {
        (true, i) => MARKS_HIGH.get(i),
        (false, i) => MARKS_LOW.get(i),
    };
    let marks = marks.copied().filter(|m| m[0] != 0)?;
    let marks = marks
        .into_iter()
        .filter(|&m| m != 0)
        .filter_map(|m| char::from_u32(0x2FF + u32::from(m)));
    Some((base_of(c)?, marks))
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

/// Lower case and single spaces, diacritics KEPT, NFC and NFD alike: a
/// key for comparing names exactly ("Thạch Hà" ≠ "Thạch Hạ" = "THẠCH  HẠ").
/// A key, not a text to show: each letter is written decomposed, its marks
/// in code point order; "đ" stays "đ".
pub fn fold_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // The marks of the letter last written, whatever their source.
    let mut marks: Vec<char> = Vec::new();
    let mut space = false;
    for c in s.chars() {
        if is_mark(c) {
            marks.push(c);
            continue;
        }
        marks.sort_unstable();
        out.extend(marks.drain(..));
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match decompose(c) {
            Some((base, m)) => {
                out.push(base);
                marks.extend(m);
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    marks.sort_unstable();
    out.extend(marks);
    out
}

/// Appends `s` to `out` as markup text (XML or HTML): the characters
/// markup gives a meaning escaped, and the control characters XML 1.0
/// forbids (all below U+0020 but tab and line breaks) left out. For the
/// documents (`docx`) and the print view (`print`) alike.
pub fn escape_markup(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
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
    fn fold_case_keeps_diacritics_and_ignores_case_form_and_spacing() {
        let nfd = |s: &str| s.nfd().collect::<String>();
        assert_eq!(fold_case("Xã  Thạch Hà "), fold_case("XÃ THẠCH HÀ"));
        assert_eq!(fold_case("Xã Thạch Hà"), fold_case(&nfd("xã thạch hà")));
        assert_ne!(fold_case("Xã Thạch Hà"), fold_case("Xã Thạch Hạ"));
        assert_ne!(fold_case("Xã Thạch Hà"), fold_case("Xa Thach Ha"));
        assert_ne!(fold_case("Đức Thọ"), fold_case("Duc Thọ"));
        assert_eq!(fold_case("ĐỨC THỌ"), fold_case("đức thọ"));
        // Marks in either order, or half composed: the same letter.
        let e = fold_case("ệ");
        assert_eq!(fold_case("e\u{323}\u{302}"), e);
        assert_eq!(fold_case("e\u{302}\u{323}"), e);
        assert_eq!(fold_case("ê\u{323}"), e);
        assert_eq!(fold_case("ẹ\u{302}"), e);
        assert_eq!(fold_case("Tân An"), "ta\u{302}n an");
    }

    #[test]
    fn the_table_agrees_with_unicode_nfd() {
        for w in LETTERS.windows(2) {
            assert!(w[0].0 < w[1].0, "table not sorted at {:?}", w);
        }
        // The lookup tables hold every entry, and nothing else.
        for &(k, b, marks) in LETTERS {
            assert_eq!(base_of(k), Some(b), "{k}");
            let d: Vec<char> = k.nfd().collect();
            if k == 'Đ' || k == 'đ' {
                assert_eq!(d, [k]);
                assert!(decompose(k).is_none());
                continue;
            }
            assert_eq!(d[0].to_lowercase().collect::<String>(), b.to_string());
            assert_eq!(marks, &d[1..], "{k}");
            let (db, dm) = decompose(k).unwrap();
            assert_eq!((db, dm.collect::<Vec<_>>()), (b, d[1..].to_vec()), "{k}");
        }
        let mapped = (0..=0x1F00u32)
            .filter_map(char::from_u32)
            .filter(|&c| base_of(c).is_some())
            .count();
        assert_eq!(mapped, LETTERS.len());
        // Every precomposed letter: NFC and NFD give one exact key.
        for c in LETTERS.iter().map(|l| l.0) {
            let s = c.to_string();
            let d: String = s.nfd().collect();
            assert_eq!(fold_case(&s), fold_case(&d), "{c}");
            assert_eq!(fold_case(&s), fold_case(&s.to_lowercase()), "{c}");
        }
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
