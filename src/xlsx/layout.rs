//! The workbook contract both directions share: what the export writes
//! that the import reads back, in one place. The hidden sheet (its name,
//! first cell and JSON: bands, short names, kinds, the tree, the final
//! rule, receipts, a unit pack's stamp) and the notes column's lines
//! ("Khối chấm: …"). The words the visible sheets carry are in
//! `words.rs`.

use super::read::Book;
use super::words;
use super::ExportError;
use crate::model::pack::PackStamp;
use crate::model::text::fold;
use crate::model::{NodeId, Scoresheet, Stage};
use rust_xlsxwriter::Workbook;
use std::collections::HashMap;

/// Name and first cell of the hidden sheet holding what the visible sheets
/// cannot show (classification bands with their conditions, short unit
/// names, kinds by code, the final-result rule, the units' receipts), so
/// that an export imports back losslessly.
pub const META_SHEET: &str = "chamdiem";
pub const META_MAGIC: &str = "chamdiem-meta-v1";
/// The key of a unit pack's [`PackStamp`] in the hidden sheet's JSON.
pub const META_PACK: &str = "pack";
/// Characters per cell (Excel's limit is 32,767).
const META_CHUNK: usize = 30_000;

pub(super) fn write_meta(
    wb: &mut Workbook,
    sheet: &Scoresheet,
    stamp: Option<&PackStamp>,
) -> Result<(), ExportError> {
    let kinds: serde_json::Map<String, serde_json::Value> = sheet
        .nodes
        .iter()
        .filter(|n| !n.guidance && n.kind != crate::model::Kind::Content)
        .filter_map(|n| Some((n.code.clone(), serde_json::to_value(n.kind).ok()?)))
        .collect();
    let short: serde_json::Map<String, serde_json::Value> = sheet
        .units
        .iter()
        .filter_map(|u| Some((u.name.clone(), serde_json::Value::String(u.short.clone()?))))
        .collect();
    let receipts: serde_json::Map<String, serde_json::Value> = sheet
        .units
        .iter()
        .filter(|u| !u.receipts.is_empty())
        .filter_map(|u| Some((u.name.clone(), serde_json::to_value(&u.receipts).ok()?)))
        .collect();
    // The tree as it is: each node's code and its parent's place (and a
    // guidance line's number and points). Read back
    // from the rows alone, a block lifted to the top level ("C.I" of a part
    // split into bonus and deduction) or a second table ("VP") is numbered
    // anew under what precedes it; with this, the import restores it.
    let pos: HashMap<NodeId, usize> = sheet
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let tree: Vec<serde_json::Value> = sheet
        .nodes
        .iter()
        .map(|n| {
            let parent = n.parent.and_then(|p| pos.get(&p).copied());
            // A guidance line's number and points ("a) … 10 điểm", one
            // level of a criterion) are written as its text only.
            match n.guidance {
                true => serde_json::json!([n.code, parent, true, n.label, n.max]),
                false => serde_json::json!([n.code, parent, false]),
            }
        })
        .collect();
    let mut meta = serde_json::json!({
        "tree": tree,
        "classes": sheet.classes,
        "short": short,
        "kinds": kinds,
        "rule": sheet.final_rule,
        "receipts": receipts,
        "face": sheet.face,
        "lock": sheet.lock,
        "lock_log": sheet.lock_log,
        "meeting": meeting_by_position(sheet),
    });
    if let (Some(stamp), Some(map)) = (stamp, meta.as_object_mut()) {
        if let Ok(v) = serde_json::to_value(stamp) {
            map.insert(META_PACK.to_string(), v);
        }
    }
    let text = meta.to_string();
    let ws = wb.add_worksheet();
    ws.set_name(META_SHEET)?;
    ws.set_very_hidden(true);
    ws.write_string(0, 0, META_MAGIC)?;
    let chars: Vec<char> = text.chars().collect();
    for (i, chunk) in chars.chunks(META_CHUNK).enumerate() {
        ws.write_string(i as u32 + 1, 0, chunk.iter().collect::<String>())?;
    }
    Ok(())
}

/// Most bytes of the export's hidden metadata read (bands, short names,
/// kinds: a few kilobytes). A larger one is not ours and is ignored, as
/// an unreadable one is: parsed as a JSON tree it takes up to 16 times its
/// size (100 MB of "0," held 1.6 GB).
const MAX_META_BYTES: usize = 4 * 1024 * 1024;

/// The meeting with each proposal's unit as its place in the sheet: ids
/// are renumbered on import, places are not.
fn meeting_by_position(sheet: &Scoresheet) -> crate::model::meeting::Meeting {
    let mut m = sheet.meeting.clone();
    for p in &mut m.proposals {
        p.unit = sheet
            .units
            .iter()
            .position(|u| u.id == p.unit)
            .map_or(u32::MAX, |i| i as u32);
    }
    m
}

/// The meeting read from the meta sheet, places back to the sheet's ids;
/// proposals for a unit that is not there are dropped.
pub(crate) fn meeting_from_positions(
    mut m: crate::model::meeting::Meeting,
    sheet: &Scoresheet,
) -> crate::model::meeting::Meeting {
    m.proposals
        .retain_mut(|p| match sheet.units.get(p.unit as usize) {
            Some(u) => {
                p.unit = u.id;
                true
            }
            None => false,
        });
    m
}

/// The JSON the export keeps in its hidden sheet (known by its first
/// cell only), or `None` when there is none or it is over the limit.
pub fn meta_text(book: &Book) -> Option<String> {
    let grid = book.sheets.iter().find(|g| g.text(0, 0) == META_MAGIC)?;
    let mut text = String::new();
    for v in grid.rows.range(1..).filter_map(|(_, cells)| cells.get(&0)) {
        let v = v.text();
        if text.len() + v.len() > MAX_META_BYTES {
            return None;
        }
        text.push_str(&v);
    }
    Some(text)
}

// Notes: one "Ghi chú" column for three stages

/// The note prefix of a stage: "Khối chấm: ".
pub(super) fn note_prefix(s: Stage) -> String {
    format!("{}: ", words::stage_word(s))
}

/// The stage a note line names ("Khối chấm: …", in any case, with or
/// without diacritics) and the rest of the line after the colon and one
/// space.
pub(crate) fn note_line_stage(line: &str) -> Option<(Stage, &str)> {
    let (head, rest) = line.split_once(':')?;
    let f = fold(head);
    let stage = Stage::ALL
        .into_iter()
        .find(|&s| fold(words::stage_word(s)) == f)?;
    Some((stage, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// The text of the notes column for one row. Only a tự chấm note: written
/// as it is; otherwise one "Stage: note" line per stage.
pub(super) fn notes_text(notes: [&str; 3]) -> String {
    let only_self = notes[1].is_empty() && notes[2].is_empty();
    let ambiguous = notes[0].split('\n').any(|l| note_line_stage(l).is_some());
    if only_self && !ambiguous {
        return notes[0].to_string();
    }
    let mut lines = Vec::new();
    for s in Stage::ALL {
        let n = notes[s.index()];
        if !n.is_empty() {
            lines.push(format!("{}{}", note_prefix(s), n));
        }
    }
    lines.join("\n")
}

/// Splits a notes cell back into per-stage notes: lines starting with a
/// stage name and a colon begin that stage's note; other lines continue
/// the current note; text before any such line is the tự chấm note.
pub(crate) fn split_notes(text: &str) -> [Option<String>; 3] {
    let mut out: [Option<String>; 3] = Default::default();
    let mut current = Stage::SelfScore.index();
    for line in text.split('\n') {
        let piece = match note_line_stage(line) {
            Some((s, rest)) => {
                current = s.index();
                rest
            }
            None => line,
        };
        match &mut out[current] {
            Some(n) => {
                n.push('\n');
                n.push_str(piece);
            }
            slot => *slot = Some(piece.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_join_and_split_by_stage() {
        assert_eq!(notes_text(["thiếu hồ sơ", "", ""]), "thiếu hồ sơ");
        let two = notes_text(["a\nb", "", "c"]);
        assert_eq!(two, "Tự chấm: a\nb\nThẩm định: c");
        assert_eq!(
            split_notes(&two),
            [Some("a\nb".into()), None, Some("c".into())]
        );
        // A tự chấm note that looks prefixed is prefixed, so it reads back.
        let odd = notes_text(["Khối chấm: ghi nhầm", "", ""]);
        assert_eq!(odd, "Tự chấm: Khối chấm: ghi nhầm");
        assert_eq!(
            split_notes(&odd),
            [Some("Khối chấm: ghi nhầm".into()), None, None]
        );
        assert_eq!(
            split_notes("chỉ ghi chú"),
            [Some("chỉ ghi chú".into()), None, None]
        );
        // Typed by hand: any case, without diacritics, no space.
        assert_eq!(
            split_notes("KHOI CHAM:đạt"),
            [None, Some("đạt".into()), None]
        );
    }
}
