//! The Leptos UI (wasm32 only). Thin: it reads the model through signals
//! and sends every edit through [`Ctx::edit`]; every string comes from
//! `crate::strings`.

mod app;
mod classes;
mod compare;
mod crash;
mod dossier;
mod download;
mod export;
pub mod files;
mod grid;
mod import;
mod lock;
mod merge;
mod preview;
mod print;
mod receipts;
mod status;
mod summary;
mod units;
pub mod workspace;

use crate::model::{History, NodeId, Op, Results, Scoresheet, Stage, UnitId};
use leptos::prelude::*;
use std::collections::HashMap;

/// Mounts the app on the page body.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        crash::show(&info.to_string());
    }));
    leptos::mount::mount_to_body(app::App);
    crash::self_test();
}

/// A score cell: unit, criterion, stage.
type CellKey = (UnitId, NodeId, Stage);

/// Shared state: the open scoresheet, its computed results and its history.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub sheet: RwSignal<Scoresheet>,
    /// Derived from `sheet`; kept up to date by `edit` (incrementally for
    /// cell edits, in full for structural ones).
    pub results: RwSignal<Results>,
    pub history: StoredValue<History>,
    /// Bumped after every undoable step and every replacement, for the
    /// undo/redo buttons.
    pub steps: RwSignal<u64>,
    /// Bumped after every edit (not replacements): what autosave follows.
    pub edits: RwSignal<u64>,
    /// Bumped when more than score cells changed (criteria, maxima,
    /// weights, units, a new sheet): what re-renders the grid's rows.
    pub structure: RwSignal<u64>,
    /// True while the built-in sample is open.
    pub is_sample: RwSignal<bool>,
    /// An edit was refused because the results are locked (`model::lock`
    /// rule 3): said on the lock banner until the sheet is unlocked.
    pub lock_refused: RwSignal<bool>,
    /// One trigger per unit × stage column, notified when a cell of it
    /// changes: what depends on the whole column (section sums, the
    /// footer's total and class) tracks these instead of the whole sheet.
    cells: StoredValue<HashMap<(UnitId, Stage), ArcTrigger>>,
    /// One trigger per score cell on screen (unit × criterion × stage),
    /// with how many views hold it (dropped at none): a score edit wakes
    /// that cell's view only. With column triggers alone an edit re-ran
    /// every visible cell of the column and, through "differs from tự
    /// chấm", of the unit's other stages (~120 memos at 1400×900).
    one: StoredValue<HashMap<CellKey, (ArcTrigger, usize)>>,
    /// What commits text being typed, by who registered it (the grid's
    /// cell editor, the dossier's meeting form): run before the page is
    /// hidden or closed, then the workspace saves.
    flushes: StoredValue<Vec<(&'static str, Callback<()>)>>,
}

impl Ctx {
    pub fn new(sheet: Scoresheet, is_sample: bool) -> Ctx {
        let results = Results::compute(&sheet);
        Ctx {
            sheet: RwSignal::new(sheet),
            results: RwSignal::new(results),
            history: StoredValue::new(History::default()),
            steps: RwSignal::new(0),
            edits: RwSignal::new(0),
            structure: RwSignal::new(0),
            is_sample: RwSignal::new(is_sample),
            lock_refused: RwSignal::new(false),
            cells: StoredValue::new(HashMap::new()),
            one: StoredValue::new(HashMap::new()),
            flushes: StoredValue::new(Vec::new()),
        }
    }

    pub fn use_ctx() -> Ctx {
        expect_context::<Ctx>()
    }

    /// Reads the sheet for what depends on its structure only (criteria,
    /// maxima, weights, units, title): re-run on structural changes, not on
    /// every score edit.
    pub fn with_structure<T>(&self, f: impl FnOnce(&Scoresheet) -> T) -> T {
        self.structure.track();
        self.sheet.with_untracked(f)
    }

    /// Registers (or, with `None`, clears) what commits the text being
    /// typed in `who` (one per name).
    pub fn set_flush(&self, who: &'static str, f: Option<Callback<()>>) {
        self.flushes.update_value(|v| {
            v.retain(|(w, _)| *w != who);
            v.extend(f.map(|f| (who, f)));
        });
    }

    /// Commits whatever is being typed, wherever.
    pub fn flush_typing(&self) {
        for (_, f) in self.flushes.get_value() {
            f.run(());
        }
    }

    /// The trigger of a unit × stage column (see `cells`).
    pub fn cell_trigger(&self, unit: UnitId, stage: Stage) -> ArcTrigger {
        self.cells
            .try_update_value(|m| {
                m.entry((unit, stage))
                    .or_insert_with(ArcTrigger::new)
                    .clone()
            })
            .unwrap_or_default()
    }

    /// The trigger of one score cell, held until the current owner (the
    /// view showing it) is cleaned up.
    pub fn one_cell_trigger(&self, unit: UnitId, node: NodeId, stage: Stage) -> ArcTrigger {
        let key = (unit, node, stage);
        let trigger = self
            .one
            .try_update_value(|m| {
                let e = m.entry(key).or_insert_with(|| (ArcTrigger::new(), 0));
                e.1 += 1;
                e.0.clone()
            })
            .unwrap_or_default();
        let one = self.one;
        on_cleanup(move || {
            one.try_update_value(|m| {
                if let Some(e) = m.get_mut(&key) {
                    e.1 = e.1.saturating_sub(1);
                    if e.1 == 0 {
                        m.remove(&key);
                    }
                }
            });
        });
        trigger
    }

    /// Applies one undoable step.
    pub fn edit(&self, ops: Vec<Op>) {
        if ops.is_empty() {
            return;
        }
        // Locked results take only the lock's own ops: anything else is
        // said on the lock banner, never dropped in silence.
        let refused = self.sheet.with_untracked(|s| s.lock.is_some())
            && ops.iter().any(|o| !o.allowed_when_locked());
        if refused {
            self.lock_refused.set(true);
            return;
        }
        let mut applied = Vec::new();
        self.sheet.update(|s| {
            self.history.update_value(|h| applied = h.apply(s, ops));
        });
        self.after(applied);
    }

    pub fn undo(&self) {
        self.step(History::undo);
    }

    pub fn redo(&self) {
        self.step(History::redo);
    }

    /// Undo or redo: a step of the history, when there is one.
    fn step(&self, f: fn(&mut History, &mut Scoresheet) -> Option<Vec<Op>>) {
        let mut applied = None;
        self.sheet
            .update(|s| self.history.update_value(|h| applied = f(h, s)));
        if let Some(a) = applied {
            self.after(a);
        }
    }

    /// Replaces the whole scoresheet (import, switching sheets): not undoable.
    pub fn replace(&self, sheet: Scoresheet, is_sample: bool) {
        self.results.set(Results::compute(&sheet));
        self.sheet.set(sheet);
        self.history.update_value(|h| h.clear());
        self.is_sample.set(is_sample);
        self.lock_refused.set(false);
        self.steps.update(|n| *n += 1);
        self.structure.update(|n| *n += 1);
    }

    fn after(&self, applied: Vec<Op>) {
        if applied.iter().all(Op::touches_only_cells) {
            // Each unit × stage once, however many of its cells changed.
            let mut touched: Vec<(UnitId, Stage)> =
                applied.iter().filter_map(|o| o.cell()).collect();
            touched.sort_by_key(|&(u, s)| (u, s.index()));
            touched.dedup();
            self.sheet.with_untracked(|s| {
                let cells: Vec<(usize, Stage)> = touched
                    .iter()
                    .filter_map(|&(u, st)| s.units.iter().position(|x| x.id == u).map(|i| (i, st)))
                    .collect();
                self.results.update(|r| r.update_cells(s, &cells));
            });
            for key in touched {
                if let Some(t) = self.cells.with_value(|m| m.get(&key).cloned()) {
                    t.notify();
                }
            }
            for key in applied.iter().filter_map(Op::cell_at) {
                if let Some((t, _)) = self.one.with_value(|m| m.get(&key).cloned()) {
                    t.notify();
                }
            }
        } else {
            self.sheet
                .with_untracked(|s| self.results.set(Results::compute(s)));
            self.structure.update(|n| *n += 1);
        }
        self.steps.update(|n| *n += 1);
        self.edits.update(|n| *n += 1);
    }
}
