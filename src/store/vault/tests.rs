//! The save protocol's rules, each against the attack or accident that
//! broke it (issue #14): storage is an in-memory store with a quota.
//! Built only under #[cfg(test)] (`mod tests;` in vault.rs): the unwraps
//! here are assertions, none runs on a user's storage.

use super::*;
use crate::model::sample::sample;
use crate::model::Stage;
use crate::store::memory::MemoryStorage;
use std::cell::RefCell;
use std::rc::Rc;

const NOW: u64 = 1_764_000_000_000;

fn titled(t: &str) -> Scoresheet {
    let mut s = sample();
    s.title = t.into();
    s
}

/// A sheet whose first unit's first criterion holds `v` (self score).
fn scored(t: &str, v: &str) -> Scoresheet {
    let mut s = titled(t);
    let id = s.nodes.iter().find(|n| n.max.is_some()).unwrap().id;
    s.units[0].set_raw(id, Stage::SelfScore, v);
    s
}

fn first_score(s: &Scoresheet) -> String {
    let id = s.nodes.iter().find(|n| n.max.is_some()).unwrap().id;
    s.units[0].raw(id, Stage::SelfScore).to_string()
}

/// A workspace with two saved scoresheets, "A" (open) and "B".
fn two_sheets() -> MemoryStorage {
    let (mut v, _) = Vault::start(MemoryStorage::new(), NOW);
    let view = ViewState::default();
    v.save("b", Stamp::NEW, &scored("B", "2"), &view, NOW)
        .unwrap();
    v.save("a", Stamp::NEW, &scored("A", "1"), &view, NOW)
        .unwrap();
    v.store
}

fn snapshot(s: &MemoryStorage) -> BTreeMap<String, String> {
    s.items.clone()
}

#[test]
fn saves_and_reopens_the_last_open_sheet() {
    let (v, start) = Vault::start(two_sheets(), NOW);
    assert!(start.notices.is_empty(), "{:?}", start.notices);
    let o = start.opened.unwrap();
    assert_eq!((o.id.as_str(), first_score(&o.sheet).as_str()), ("a", "1"));
    assert_eq!(start.index.sheets.len(), 2);
    assert_eq!(v.load("b").unwrap().0.title, "B");
}

#[test]
fn rule_1_an_unreadable_sheet_is_listed_kept_and_never_deleted() {
    let mut store = two_sheets();
    let key_a = sheet_key("a", 1);
    store.items.insert(
        key_a.clone(),
        "{\"v\":2,\"title\":\"A\",\"nodes\":[[1,".into(),
    );
    let before = snapshot(&store);
    let (mut v, start) = Vault::start(store, NOW);
    // B opens instead; A is reported, still listed, untouched.
    assert_eq!(start.opened.as_ref().unwrap().id, "b");
    assert!(start.notices.contains(&Notice::SheetUnreadable {
        id: "a".into(),
        title: "A".into(),
        why: Unreadable::Corrupt
    }));
    assert_eq!(start.index.sheets.len(), 2);
    assert_eq!(v.store.items, before);
    assert_eq!(
        v.raw("a").as_deref(),
        before.get(&key_a).map(String::as_str)
    );
    // Saving B keeps A's entry and A's data.
    let stamp = start.opened.unwrap().stamp;
    v.save("b", stamp, &scored("B", "3"), &ViewState::default(), NOW)
        .unwrap();
    assert_eq!(v.store.items.get(&key_a), before.get(&key_a));
    assert!(v.index().entry("a").is_some());
    // Even when storage is full (nothing needs room to keep it).
    v.store.quota = Some(v.store.used());
    let (v, start) = Vault::start(v.store, NOW);
    assert!(start.notices.contains(&Notice::Full));
    assert_eq!(v.store.items.get(&key_a), before.get(&key_a));
    // Only the user's deletion removes it.
    let mut v = v;
    v.store.quota = None;
    v.delete("a", NOW).unwrap();
    assert!(!v.store.items.contains_key(&key_a));
    assert!(v.index().entry("a").is_none());
}

#[test]
fn rule_1_a_sheet_of_a_newer_version_is_left_untouched() {
    let mut store = two_sheets();
    store
        .items
        .insert(sheet_key("a", 1), "{\"v\":4,\"whatever\":[]}".into());
    let before = snapshot(&store);
    let (mut v, start) = Vault::start(store, NOW);
    assert!(start.notices.contains(&Notice::SheetUnreadable {
        id: "a".into(),
        title: "A".into(),
        why: Unreadable::TooNew(4)
    }));
    assert_eq!(v.store.items, before);
    let stamp = start.opened.unwrap().stamp;
    v.save("b", stamp, &titled("B2"), &ViewState::default(), NOW)
        .unwrap();
    assert_eq!(
        v.store.raw(&sheet_key("a", 1)),
        Some("{\"v\":4,\"whatever\":[]}")
    );
}

#[test]
fn rule_2_a_newer_index_is_never_written_nor_cleaned() {
    for index in [
        r#"{"v":2,"sheets":[{"id":"a","title":"A","gen":1}],"open":"a"}"#,
        r#"{"v":7,"layout":"new"}"#,
    ] {
        let mut store = two_sheets();
        store.items.insert(INDEX_KEY.into(), index.into());
        // An orphan generation the old page would have removed.
        store.items.insert(sheet_key("zz", 4), "{}".into());
        let before = snapshot(&store);
        let (mut v, start) = Vault::start(store, NOW);
        assert!(matches!(start.notices[..], [Notice::IndexTooNew(_)]));
        assert!(!v.writable());
        assert_eq!(
            v.save("a", Stamp::NEW, &titled("x"), &ViewState::default(), NOW),
            Err(SaveError::ReadOnly)
        );
        v.save_view(Some("a"), &ViewState::default(), NOW);
        assert!(v.delete("a", NOW).is_err());
        let report = v.restore(vec![Ok(titled("R"))], NOW);
        assert!(report.kept.is_empty());
        assert_eq!(v.store.items, before);
    }
}

#[test]
fn rule_2_a_newer_index_met_while_saving_stops_writing() {
    let shared = Rc::new(RefCell::new(two_sheets()));
    let (mut v, start) = Vault::start(shared.clone(), NOW);
    let stamp = start.opened.unwrap().stamp;
    // A newer version opened in another tab rewrites the index.
    shared
        .borrow_mut()
        .items
        .insert(INDEX_KEY.into(), r#"{"v":2,"sheets":[]}"#.into());
    let before = snapshot(&shared.borrow());
    assert_eq!(
        v.save("a", stamp, &titled("x"), &ViewState::default(), NOW),
        Err(SaveError::TooNew(2))
    );
    assert!(!v.writable());
    assert_eq!(shared.borrow().items, before);
}

#[test]
fn rule_3_an_unreadable_index_is_kept_aside_and_rebuilt() {
    for bad in [
        // truncated
        r#"{"v":1,"sheets":[{"id":"a","title":"A","gen":1,"upd"#,
        // a wrongly typed field
        r#"{"v":1,"sheets":5}"#,
        r#"{"v":"1","sheets":[]}"#,
        // foreign data under our key
        r#"{"theme":"dark"}"#,
        "",
    ] {
        let mut store = two_sheets();
        store.items.insert(INDEX_KEY.into(), bad.into());
        let (v, start) = Vault::start(store, NOW);
        let aside = format!("{BACKUP_PREFIX}{NOW}");
        assert_eq!(
            start.notices,
            vec![Notice::IndexUnreadable {
                aside: Some(aside.clone()),
                recovered: 2
            }],
            "{bad}"
        );
        assert_eq!(v.store.raw(&aside), Some(bad));
        // Both scoresheets are there, with their data, and listed again.
        let titles: Vec<&str> = start
            .index
            .sheets
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["A", "B"]);
        assert_eq!(first_score(&v.load("b").unwrap().0), "2");
        assert!(start.opened.is_some());
        let (_, again) = Vault::start(v.store, NOW + 1);
        assert!(again.notices.is_empty(), "{:?}", again.notices);
        assert_eq!(again.index.sheets.len(), 2);
    }
}

#[test]
fn rule_3_no_room_to_keep_the_index_aside_means_nothing_is_written() {
    let mut store = two_sheets();
    store
        .items
        .insert(INDEX_KEY.into(), "{\"v\":1,\"sheets\":5}".into());
    store.quota = Some(store.used());
    let before = snapshot(&store);
    let (mut v, start) = Vault::start(store, NOW);
    assert!(start.notices.contains(&Notice::IndexUnreadable {
        aside: None,
        recovered: 2
    }));
    // The sheets still open, from the rebuilt list, read-only.
    assert!(start.opened.is_some());
    assert!(!v.writable());
    v.store.quota = None;
    let stamp = start.opened.unwrap().stamp;
    assert_eq!(
        v.save("a", stamp, &titled("x"), &ViewState::default(), NOW),
        Err(SaveError::ReadOnly)
    );
    assert_eq!(v.store.items, before);
}

#[test]
fn rule_4_no_index_but_sheets_in_storage_are_recovered() {
    let mut store = two_sheets();
    store.items.remove(INDEX_KEY);
    let (v, start) = Vault::start(store, NOW);
    assert_eq!(start.notices, vec![Notice::Recovered(2)]);
    assert_eq!(start.index.sheets.len(), 2);
    assert!(v.store.raw(INDEX_KEY).is_some());
    assert!(v.store.raw(&sheet_key("a", 1)).is_some());
}

#[test]
fn rule_4_recovery_takes_the_newest_readable_generation() {
    let mut store = two_sheets();
    store.items.remove(INDEX_KEY);
    store.items.insert(sheet_key("a", 2), "{broken".into());
    store.items.insert(
        sheet_key("c", 1),
        r#"{"v":2,"title":"Cụm \"3\"","nodes":[[1,"#.into(),
    );
    let (v, start) = Vault::start(store, NOW);
    // Even an unreadable one keeps its title when its text shows it.
    assert_eq!(start.index.entry("c").unwrap().title, "Cụm \"3\"");
    let a = start.index.entry("a").unwrap();
    assert_eq!(a.gen, 1);
    assert_eq!(first_score(&v.load("a").unwrap().0), "1");
    // The unreadable newer generation is not deleted either.
    assert_eq!(v.store.raw(&sheet_key("a", 2)), Some("{broken"));
}

#[test]
fn rule_5_clean_up_removes_only_older_generations_of_listed_sheets() {
    let mut store = two_sheets();
    let keep = [
        sheet_key("unknown", 1), // another tab may be adding it
        sheet_key("a", 9),       // a newer generation in flight
    ];
    for k in &keep {
        store.items.insert(k.clone(), "{}".into());
    }
    store.items.insert(sheet_key("a", 0), "{}".into());
    let (v, _) = Vault::start(store, NOW);
    for k in &keep {
        assert!(v.store.raw(k).is_some(), "{k}");
    }
    assert!(v.store.raw(&sheet_key("a", 0)).is_none());
    // A listed generation that is missing protects the older ones.
    let mut store = v.store;
    store.items.remove(&sheet_key("b", 1));
    store.items.insert(sheet_key("b", 0), "{}".into());
    let (v, start) = Vault::start(store, NOW);
    assert!(v.store.raw(&sheet_key("b", 0)).is_some());
    assert!(start.index.entry("b").is_some());
}

#[test]
fn rule_6_a_failed_write_keeps_the_previous_save() {
    let (mut v, start) = Vault::start(two_sheets(), NOW);
    let stamp = start.opened.unwrap().stamp;
    let before = snapshot(&v.store);
    v.store.quota = Some(v.store.used());
    // Not even in place: the new text is longer than the old.
    let mut big = scored("A", "1");
    big.title = "A".repeat(5_000);
    let err = v.save("a", stamp, &big, &ViewState::default(), NOW);
    assert_eq!(err, Err(SaveError::Store(StoreError::Quota)));
    assert_eq!(v.store.items, before);
    for e in [StoreError::Denied, StoreError::Other("UnknownError".into())] {
        v.store.fail_writes = Some(e.clone());
        let r = v.save("a", stamp, &scored("A", "5"), &ViewState::default(), NOW);
        assert_eq!(r, Err(SaveError::Store(e)));
        assert_eq!(v.store.items, before);
    }
}

#[test]
fn rule_6_a_large_sheet_near_the_quota_saves_in_place() {
    let (mut v, start) = Vault::start(two_sheets(), NOW);
    let stamp = start.opened.unwrap().stamp;
    // Room for the sheet's change but not for a second copy of it.
    v.store.quota = Some(v.store.used() + 50);
    let next = v
        .save("a", stamp, &scored("A", "7,5"), &ViewState::default(), NOW)
        .unwrap();
    assert_eq!(next.gen, stamp.gen);
    assert_eq!(next.rev, stamp.rev + 1);
    let (v, start) = Vault::start(v.store, NOW);
    assert_eq!(first_score(&start.opened.unwrap().sheet), "7,5");
    // And again from the new stamp.
    let mut v = v;
    let next2 = v
        .save("a", next, &scored("A", "8"), &ViewState::default(), NOW)
        .unwrap();
    assert_eq!(first_score(&v.load("a").unwrap().0), "8");
    assert_eq!(v.stored_stamp("a"), Some(next2));
}

#[test]
fn rule_7_two_tabs_conflict_instead_of_overwriting() {
    let shared = Rc::new(RefCell::new(two_sheets()));
    let (mut one, s1) = Vault::start(shared.clone(), NOW);
    let (mut two, s2) = Vault::start(shared.clone(), NOW);
    let base = s1.opened.unwrap().stamp;
    assert_eq!(base, s2.opened.unwrap().stamp);
    let view = ViewState::default();
    let after = two.save("a", base, &scored("A", "2"), &view, NOW).unwrap();
    assert_eq!(
        one.save("a", base, &scored("A", "3"), &view, NOW),
        Err(SaveError::Conflict)
    );
    assert_eq!(first_score(&one.load("a").unwrap().0), "2");
    // An in-place save is seen as a save too (its revision changes).
    let used = shared.borrow().used();
    shared.borrow_mut().quota = Some(used + 50);
    let in_place = two.save("a", after, &scored("A", "4"), &view, NOW).unwrap();
    assert_eq!(in_place.gen, after.gen);
    assert_eq!(
        one.save("a", after, &scored("A", "5"), &view, NOW),
        Err(SaveError::Conflict)
    );
    assert_eq!(one.stored_stamp("a"), Some(in_place));
}

#[test]
fn rule_8_full_storage_at_start_opens_the_saved_sheets() {
    let mut store = two_sheets();
    store.quota = Some(store.used());
    let (_, start) = Vault::start(store, NOW);
    assert_eq!(start.notices, vec![Notice::Full]);
    assert_eq!(start.opened.unwrap().id, "a");
}

#[test]
fn rule_8_storage_refused_is_said_by_its_cause() {
    for e in [StoreError::Denied, StoreError::Unavailable] {
        let mut store = two_sheets();
        store.fail_all = Some(e.clone());
        let (v, start) = Vault::start(store, NOW);
        assert_eq!(start.notices, vec![Notice::Unavailable(e)]);
        assert!(!v.writable());
    }
    // A zero quota (a private mode) with nothing saved: in memory.
    let (_, start) = Vault::start(MemoryStorage::with_quota(0), NOW);
    assert_eq!(start.notices, vec![Notice::Unavailable(StoreError::Quota)]);
}

#[test]
fn rule_9_restore_reports_what_it_kept() {
    let one = saved::encode(&titled("R")).encode_utf16().count();
    let (mut v, _) = Vault::start(MemoryStorage::new(), NOW);
    // Room for about 10 sheets and their index lines.
    v.store.quota = Some(one * 10 + 2_000);
    let mut sheets: Vec<Result<Scoresheet, DecodeError>> =
        (0..30).map(|i| Ok(titled(&format!("R{i}")))).collect();
    sheets.push(Err(DecodeError::Corrupt("x".into())));
    let report = v.restore(sheets, NOW);
    assert_eq!(report.unreadable, 1);
    assert_eq!(report.stopped, Some(SaveError::Store(StoreError::Quota)));
    assert!(!report.kept.is_empty() && report.kept.len() < 30);
    assert_eq!(report.kept.len() + report.not_written, 30);
    // Exactly what it says is kept is listed and opens.
    let (v, start) = Vault::start(v.store, NOW);
    assert_eq!(start.index.sheets.len(), report.kept.len());
    for id in &report.kept {
        assert!(v.load(id).is_ok());
    }
}

/// Any sequence of saves, failures and restarts: a fresh start always
/// opens what the last successful save wrote, for every sheet.
#[test]
fn no_sequence_of_faults_loses_a_successful_save() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for _round in 0..40 {
        let (mut v, _) = Vault::start(MemoryStorage::new(), NOW);
        let mut last: BTreeMap<String, String> = BTreeMap::new();
        let mut stamps: BTreeMap<String, Stamp> = BTreeMap::new();
        for step in 0..60u64 {
            let id = ["a", "b", "c"][rnd(3) as usize].to_string();
            match rnd(6) {
                0 => v.store.quota = Some(v.store.used() + rnd(3_000) as usize),
                1 => v.store.quota = None,
                2 => {
                    let (nv, start) = Vault::start(v.store, NOW + step);
                    v = nv;
                    stamps = start
                        .index
                        .sheets
                        .iter()
                        .map(|e| (e.id.clone(), Stamp::of(e)))
                        .collect();
                }
                _ => {
                    let val = format!("{step},{}", rnd(100));
                    let base = stamps.get(&id).copied().unwrap_or(Stamp::NEW);
                    let s = scored(&id, &val);
                    if let Ok(next) = v.save(&id, base, &s, &ViewState::default(), NOW) {
                        stamps.insert(id.clone(), next);
                        last.insert(id, val);
                    }
                }
            }
            let mut fresh = v.store.clone();
            fresh.quota = None;
            let (fv, start) = Vault::start(fresh, NOW);
            assert!(start.notices.is_empty(), "{:?}", start.notices);
            for (id, val) in &last {
                assert_eq!(&first_score(&fv.load(id).unwrap().0), val, "{id}");
            }
        }
    }
}
