//! "Chốt kết quả": the check before the results are sent to the Ban Thi
//! đua, and the lock that freezes them, with a short fingerprint printed
//! on every exported sheet, printed page and document so that the Board
//! can tell which version it holds.
//!
//! Rules (each pinned by a test below):
//! 1. The check looks at the stage being sent and lists, unit by unit in
//!    sheet order: a unit not complete in it (how many criteria hold a
//!    value, how many cells are not valid scores); bonus points typed over
//!    the cap (what was typed, what counts); a deduction without a reason
//!    (the cell's note, or the unit's own on its tự chấm cell); a khối chấm or thẩm định score that differs from
//!    tự chấm without a reason; with classification bands, a complete unit
//!    that falls in no band. Incomplete units block nothing by themselves:
//!    the secretary decides, the list says what she is deciding on.
//! 2. The fingerprint covers what the results are made of: the criteria
//!    (codes, texts, the maxima that count, weights, kinds), the units'
//!    names and every score in every stage (by its value: "+1,5", "1.5"
//!    and 1,5 are one score; text that is no valid score as typed), the
//!    final rule and the bands. Notes, receipts, the title and the view
//!    do not count, nor how a value was written: an exported workbook
//!    read back has the fingerprint it was exported with. It is 8
//!    hexadecimal digits of 64-bit FNV-1a, written "3F2A-91C0".
//! 3. A locked scoresheet refuses every edit that changes a result or a
//!    note (`Op::allowed_when_locked`); the lock and unlock themselves are
//!    recorded in the log with their time, the fingerprint and (for an
//!    unlock) the reason given.
//! 4. Locking and unlocking end the undo history: Ctrl+Z cannot take a
//!    lock back without the log, nor reach edits made before it.
//! 5. The stage offered for sending is the latest one any unit is scored
//!    in (thẩm định, then khối chấm, then tự chấm).

use super::calc::{evaluate, CellValue, Results, StageResult, Tree};
use super::classes::class_of;
use super::compare::needs_reason;
use super::edit::Op;
use super::hash::Fnv;
use super::num::Dec;
use super::sheet::{Kind, Lock, LockAction, LockEvent, Scoresheet, Stage};

/// Something to look at before sending (rule 1). Units by position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// `counted` of `criteria` criteria hold a value; `invalid` cells hold
    /// text that is not a valid score.
    Incomplete {
        unit: usize,
        counted: usize,
        criteria: usize,
        invalid: usize,
    },
    /// Bonus points typed over the cap: `typed` in all, `counted` count.
    BonusOverCap {
        unit: usize,
        typed: Dec,
        counted: Dec,
    },
    /// A deduction typed without a note saying why.
    DeductionWithoutReason { unit: usize, code: String },
    /// A khối chấm or thẩm định score differing from tự chấm, no reason.
    DifferenceWithoutReason {
        unit: usize,
        code: String,
        stage: Stage,
    },
    /// A complete unit that falls in no classification band.
    NoClass { unit: usize, total: Dec },
}

impl Finding {
    pub fn unit(&self) -> usize {
        match self {
            Finding::Incomplete { unit, .. }
            | Finding::BonusOverCap { unit, .. }
            | Finding::DeductionWithoutReason { unit, .. }
            | Finding::DifferenceWithoutReason { unit, .. }
            | Finding::NoClass { unit, .. } => *unit,
        }
    }
}

/// Rule 1: what to look at before sending `stage`'s results.
pub fn check(sheet: &Scoresheet, results: &Results, stage: Stage) -> Vec<Finding> {
    let tree = &results.tree;
    let mut out = Vec::new();
    for (ui, unit) in sheet.units.iter().enumerate() {
        let r = results.units[ui].stage(stage);
        if !r.complete() {
            out.push(Finding::Incomplete {
                unit: ui,
                counted: r.counted,
                criteria: r.criteria,
                invalid: r.invalid,
            });
        }
        let typed = typed_bonus(sheet, tree, r);
        if typed > r.bonus {
            out.push(Finding::BonusOverCap {
                unit: ui,
                typed,
                counted: r.bonus,
            });
        }
        for (pos, node) in sheet.nodes.iter().enumerate() {
            if !tree.is_scoreable(pos) {
                continue;
            }
            // The reason may be the unit's own, on its tự chấm cell.
            let noted = [stage, Stage::SelfScore].iter().any(|&st| {
                unit.mark(node.id, st)
                    .is_some_and(|m| !m.note.trim().is_empty())
            });
            let deducted = matches!(
                evaluate(unit.raw(node.id, stage), node.max),
                CellValue::Valid(v) if v > Dec::ZERO
            );
            if tree.kind(pos) == Kind::Deduction && deducted && !noted {
                out.push(Finding::DeductionWithoutReason {
                    unit: ui,
                    code: node.code.clone(),
                });
            } else if needs_reason(unit, node.id, stage) {
                out.push(Finding::DifferenceWithoutReason {
                    unit: ui,
                    code: node.code.clone(),
                    stage,
                });
            }
        }
        if !sheet.classes.is_empty() && r.complete() && class_of(sheet, tree, r).is_none() {
            out.push(Finding::NoClass {
                unit: ui,
                total: r.total,
            });
        }
    }
    out
}

/// The bonus points a unit's criteria of `stage` hold, before any cap.
fn typed_bonus(sheet: &Scoresheet, tree: &Tree, r: &StageResult) -> Dec {
    (0..sheet.nodes.len())
        .filter(|&p| tree.is_scoreable(p) && tree.kind(p) == Kind::Bonus)
        .map(|p| r.points.get(p).copied().unwrap_or_default())
        .sum()
}

/// Rule 2: the fingerprint of what the results are made of, "3F2A-91C0".
pub fn fingerprint(sheet: &Scoresheet) -> String {
    let tree = Tree::new(sheet);
    let mut h = Fnv::new();
    let mut field = |s: &str| {
        h.feed(s.as_bytes());
        h.feed(&[0x1f]);
    };
    for (pos, n) in sheet.nodes.iter().enumerate() {
        field(&n.code);
        field(&n.text.split_whitespace().collect::<Vec<_>>().join(" "));
        // The maximum that counts (a section's is its parts' sum).
        field(&tree.max(pos).map(|m| m.to_plain()).unwrap_or_default());
        field(&n.weight.to_plain());
        field(match tree.kind(pos) {
            Kind::Content => "c",
            Kind::Bonus => "b",
            Kind::Deduction => "d",
        });
    }
    for u in &sheet.units {
        field(u.name.trim());
        for (pos, n) in sheet.nodes.iter().enumerate() {
            if !tree.is_scoreable(pos) {
                continue;
            }
            for s in Stage::ALL {
                // A score by its value ("+1,5", "1.5đ" and 1.5 are one),
                // text that is none as typed.
                let raw = u.raw(n.id, s);
                match evaluate(raw, n.max) {
                    CellValue::Empty => field(""),
                    CellValue::Valid(v) => field(&v.to_plain()),
                    CellValue::Invalid(_) => field(raw.trim()),
                }
            }
        }
    }
    field(&format!("{:?}", sheet.final_rule));
    for c in &sheet.classes {
        field(&serde_json::to_string(c).unwrap_or_default());
    }
    let v = h.value();
    let short = ((v >> 32) ^ (v & 0xffff_ffff)) as u32;
    format!("{:04X}-{:04X}", short >> 16, short & 0xffff)
}

/// Rule 5: the stage whose results are being sent, by default.
pub fn stage_to_send(sheet: &Scoresheet) -> Stage {
    let scored = |st: Stage| {
        sheet.units.iter().any(|u| {
            sheet
                .nodes
                .iter()
                .any(|n| !u.raw(n.id, st).trim().is_empty())
        })
    };
    [Stage::Verify, Stage::Bloc]
        .into_iter()
        .find(|&st| scored(st))
        .unwrap_or(Stage::SelfScore)
}

/// The op that locks `stage`'s results as they are now, logged.
pub fn lock_op(sheet: &Scoresheet, stage: Stage, at: &str) -> Op {
    let fingerprint = fingerprint(sheet);
    let mut log = sheet.lock_log.clone();
    log.push(LockEvent {
        action: LockAction::Locked,
        at: at.to_string(),
        fingerprint: fingerprint.clone(),
        reason: String::new(),
    });
    Op::SetLock {
        lock: Some(Lock {
            stage,
            fingerprint,
            at: at.to_string(),
        }),
        log,
    }
}

/// The op that unlocks the results, logged with `reason`.
pub fn unlock_op(sheet: &Scoresheet, at: &str, reason: &str) -> Op {
    let mut log = sheet.lock_log.clone();
    log.push(LockEvent {
        action: LockAction::Unlocked,
        at: at.to_string(),
        fingerprint: fingerprint(sheet),
        reason: reason.trim().to_string(),
    });
    Op::SetLock { lock: None, log }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample, Class};

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap().unwrap()
    }

    /// The sample with every unit's tự chấm and khối chấm filled alike
    /// with each criterion's maximum (or 0 where it has none), thẩm định
    /// empty.
    fn complete() -> Scoresheet {
        let mut s = sample::sample();
        let tree = Tree::new(&s);
        let cells: Vec<(u32, String)> = s
            .nodes
            .iter()
            .enumerate()
            .filter(|(p, _)| tree.is_scoreable(*p))
            .map(|(p, n)| {
                let v = match tree.kind(p) {
                    Kind::Content => n.max.unwrap_or(Dec::ZERO).to_plain(),
                    _ => "0".into(),
                };
                (n.id, v)
            })
            .collect();
        for u in s.units.iter_mut() {
            for (id, v) in &cells {
                u.set_raw(*id, Stage::SelfScore, v);
                u.set_raw(*id, Stage::Bloc, v);
                u.set_raw(*id, Stage::Verify, "");
            }
        }
        s
    }

    fn first_of(s: &Scoresheet, kind: Kind) -> (usize, u32) {
        let tree = Tree::new(s);
        let pos = (0..s.nodes.len())
            .find(|&p| tree.is_scoreable(p) && tree.kind(p) == kind)
            .unwrap();
        (pos, s.nodes[pos].id)
    }

    #[test]
    fn rule_1_a_complete_stage_checks_clean_and_each_gap_is_listed() {
        let s = complete();
        let r = Results::compute(&s);
        assert_eq!(check(&s, &r, Stage::Bloc), []);
        // Thẩm định is empty everywhere: every unit is listed as incomplete.
        let verify = check(&s, &r, Stage::Verify);
        assert_eq!(verify.len(), s.units.len());
        assert!(matches!(verify[0], Finding::Incomplete { counted: 0, .. }));

        let mut s = complete();
        let (_, c) = first_of(&s, Kind::Content);
        s.units[1].set_raw(c, Stage::Bloc, "mười");
        let r = Results::compute(&s);
        let f = check(&s, &r, Stage::Bloc);
        // Not a valid score, and not tự chấm's either: both are said.
        assert!(
            matches!(
                f[..],
                [
                    Finding::Incomplete {
                        unit: 1,
                        invalid: 1,
                        ..
                    },
                    Finding::DifferenceWithoutReason { unit: 1, .. }
                ]
            ),
            "{f:?}"
        );
    }

    #[test]
    fn rule_1_bonus_over_cap_deductions_and_differences_need_reasons() {
        let mut s = complete();
        let (_, b) = first_of(&s, Kind::Bonus);
        let (_, dd) = first_of(&s, Kind::Deduction);
        let (_, c) = first_of(&s, Kind::Content);
        let r = Results::compute(&s);
        let cap = r.tree.bonus_max;
        // Every bonus criterion at its maximum: past the cap in the sample.
        for n in s.nodes.clone() {
            if let (Kind::Bonus, Some(m)) = (n.kind, n.max) {
                s.units[0].set_raw(n.id, Stage::SelfScore, m.to_plain());
                s.units[0].set_raw(n.id, Stage::Bloc, m.to_plain());
            }
        }
        s.units[0].set_raw(dd, Stage::SelfScore, "1");
        s.units[0].set_raw(dd, Stage::Bloc, "1");
        s.units[0].set_raw(c, Stage::SelfScore, "0");
        let r = Results::compute(&s);
        let f = check(&s, &r, Stage::Bloc);
        assert!(
            f.iter().any(
                |x| matches!(x, Finding::BonusOverCap { unit: 0, counted, .. } if *counted == cap)
            ),
            "{f:?}"
        );
        assert!(f.contains(&Finding::DeductionWithoutReason {
            unit: 0,
            code: s.node(dd).unwrap().code.clone()
        }));
        assert!(f.contains(&Finding::DifferenceWithoutReason {
            unit: 0,
            code: s.node(c).unwrap().code.clone(),
            stage: Stage::Bloc
        }));
        let _ = b;
        // Reasons given: only the bonus remains.
        s.units[0].set_note(dd, Stage::Bloc, "Vi phạm quy định báo cáo");
        s.units[0].set_note(c, Stage::Bloc, "Minh chứng thiếu");
        let r = Results::compute(&s);
        let f = check(&s, &r, Stage::Bloc);
        assert!(
            matches!(f[..], [Finding::BonusOverCap { unit: 0, .. }]),
            "{f:?}"
        );
    }

    #[test]
    fn rule_1_a_complete_unit_outside_every_band() {
        let mut s = complete();
        s.classes = vec![Class {
            name: "Xuất sắc".into(),
            ..Class::new("Xuất sắc", d("1000"))
        }];
        let r = Results::compute(&s);
        let f = check(&s, &r, Stage::Bloc);
        assert_eq!(f.len(), s.units.len());
        assert!(matches!(f[0], Finding::NoClass { unit: 0, .. }));
    }

    #[test]
    fn rule_2_the_fingerprint_follows_scores_not_notes() {
        let s = complete();
        let fp = fingerprint(&s);
        assert_eq!(fp.len(), 9);
        assert_eq!(&fp[4..5], "-");
        assert_eq!(fp, fingerprint(&s.clone()));
        let (_, c) = first_of(&s, Kind::Content);
        let mut noted = s.clone();
        noted.units[0].set_note(c, Stage::Bloc, "ghi chú");
        noted.title = "Tên khác".into();
        assert_eq!(fingerprint(&noted), fp);
        let mut scored = s.clone();
        scored.units[0].set_raw(c, Stage::Verify, "1");
        assert_ne!(fingerprint(&scored), fp);
        // The same value written otherwise is the same score.
        let mut written = scored.clone();
        written.units[0].set_raw(c, Stage::Verify, " +1,0 ");
        assert_eq!(fingerprint(&written), fingerprint(&scored));
        let mut text = scored.clone();
        text.units[0].set_raw(c, Stage::Verify, "một");
        assert_ne!(fingerprint(&text), fingerprint(&scored));
        let mut renamed = s.clone();
        renamed.units[0].name.push('x');
        assert_ne!(fingerprint(&renamed), fp);
        let (pos, _) = first_of(&s, Kind::Content);
        let mut other_max = s.clone();
        other_max.nodes[pos].max = Some(d("99"));
        assert_ne!(fingerprint(&other_max), fp);
    }

    #[test]
    fn rule_3_locked_results_refuse_edits_until_unlocked_and_both_are_logged() {
        let mut s = complete();
        let (_, c) = first_of(&s, Kind::Content);
        let id = s.units[0].id;
        let fp = fingerprint(&s);
        let mut h = crate::model::History::default();
        let op = lock_op(&s, Stage::Bloc, "05/12/2026 14:30");
        h.apply(&mut s, vec![op]);
        assert_eq!(
            s.lock.as_ref().map(|l| l.fingerprint.as_str()),
            Some(fp.as_str())
        );
        let set = |raw: &str| Op::SetRaw {
            unit: id,
            node: c,
            stage: Stage::Bloc,
            raw: raw.into(),
        };
        let before = s.clone();
        h.apply(&mut s, vec![set("1")]);
        assert_eq!(s, before, "a locked sheet took an edit");
        assert_eq!(s.apply(Op::RemoveUnit { index: 0 }), None);
        assert_eq!(s, before);
        let op = unlock_op(&s, "06/12/2026 08:00", " Sửa theo ý kiến Ban ");
        h.apply(&mut s, vec![op]);
        assert_eq!(s.lock, None);
        h.apply(&mut s, vec![set("1")]);
        assert_eq!(s.units[0].raw(c, Stage::Bloc), "1");
        let log: Vec<(LockAction, &str, &str)> = s
            .lock_log
            .iter()
            .map(|e| (e.action, e.at.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            log,
            [
                (LockAction::Locked, "05/12/2026 14:30", ""),
                (
                    LockAction::Unlocked,
                    "06/12/2026 08:00",
                    "Sửa theo ý kiến Ban"
                ),
            ]
        );
        // Saved and read back, the lock and its log stay.
        let op = lock_op(&s, Stage::Bloc, "06/12/2026 09:00");
        h.apply(&mut s, vec![op]);
        let back = Scoresheet::from_json(&s.to_json()).unwrap();
        assert_eq!(back, s);
        assert_ne!(back.lock.unwrap().fingerprint, fp);
    }

    #[test]
    fn rule_4_undo_cannot_take_a_lock_back_nor_reach_past_it() {
        let mut s = complete();
        let (_, c) = first_of(&s, Kind::Content);
        let id = s.units[0].id;
        let mut h = crate::model::History::default();
        h.apply(
            &mut s,
            vec![Op::SetRaw {
                unit: id,
                node: c,
                stage: Stage::Bloc,
                raw: "1".into(),
            }],
        );
        assert!(h.can_undo());
        let op = lock_op(&s, Stage::Bloc, "05/12/2026 14:30");
        h.apply(&mut s, vec![op]);
        assert!(!h.can_undo() && !h.can_redo());
        assert_eq!(h.undo(&mut s), None);
        assert!(s.lock.is_some());
        let op = unlock_op(&s, "06/12/2026 08:00", "Sửa");
        h.apply(&mut s, vec![op]);
        assert!(!h.can_undo());
        assert_eq!(s.units[0].raw(c, Stage::Bloc), "1");
        assert_eq!(s.lock_log.len(), 2);
    }

    #[test]
    fn rule_5_the_latest_scored_stage_is_offered() {
        let mut s = sample::sample();
        for u in s.units.iter_mut() {
            for st in Stage::ALL {
                for n in s.nodes.iter() {
                    u.set_raw(n.id, st, "");
                }
            }
        }
        assert_eq!(stage_to_send(&s), Stage::SelfScore);
        let id = s.nodes[1].id;
        s.units[2].set_raw(id, Stage::Bloc, "1");
        assert_eq!(stage_to_send(&s), Stage::Bloc);
        s.units[0].set_raw(id, Stage::Verify, "1");
        assert_eq!(stage_to_send(&s), Stage::Verify);
    }

    #[test]
    fn rule_3_a_locked_sheet_takes_only_the_lock_ops() {
        let s = complete();
        let (_, c) = first_of(&s, Kind::Content);
        let id = s.units[0].id;
        assert!(!Op::allowed_when_locked(&Op::SetRaw {
            unit: id,
            node: c,
            stage: Stage::Bloc,
            raw: "1".into()
        }));
        assert!(!Op::allowed_when_locked(&Op::SetNote {
            unit: id,
            node: c,
            stage: Stage::Bloc,
            note: "x".into()
        }));
        assert!(!Op::allowed_when_locked(&Op::RemoveUnit { index: 0 }));
        assert!(Op::allowed_when_locked(&Op::SetLock {
            lock: None,
            log: Vec::new()
        }));
    }
}
