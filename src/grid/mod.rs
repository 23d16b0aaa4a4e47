//! The grid's behaviour, native and tested without a browser (as IronCalc
//! keeps its spreadsheet UI behaviour in `base/src/user_model`): which rows
//! and columns show, which cells take a value, where Enter, Tab and the
//! arrows go (`keys`), what typed or pasted text becomes, what the
//! where-am-I line says. `src/ui/grid/` only turns key and mouse events
//! into these calls and draws the result.
//!
//! Entry rules (each pinned by a test in tests/grid_*.rs):
//! 1. A cell takes a value when it is a criterion's score (scoreable: no
//!    children, not a guidance line), a criterion's maximum, a weight
//!    (not on a guidance line), or any row's text.
//! 2. Enter, Shift+Enter, Tab, Shift+Tab and the arrows (without Ctrl)
//!    go to the next cell in that direction that takes a value, skipping
//!    section totals, guidance lines and computed rows; with none left in
//!    that direction the selection stays.
//! 3. Typed text becomes ops through [`Cells::ops_for`], under the rules of
//!    `model::input` (shared with the import and the merge): a score is
//!    kept as typed (an invalid one is marked, never dropped); a maximum
//!    must be a number ≥ 0; a weight a number above 0 (blank is 1); a
//!    text or a note is trimmed.
//!    A cell that takes no value refuses with [`Refusal::Computed`], and the
//!    typed text stays in the editor beside the refusal.
//! 4. Paste maps the block onto the cells from the selection's top-left
//!    (one value fills the whole selection); cells that take no value are
//!    skipped and counted as information, values a cell refuses are
//!    counted apart; everything else lands in one undoable step.
//! 5. A locked scoresheet (`model::lock`, rule 3) takes no value in any
//!    cell: typing, F2, a note, paste, delete and fill refuse with
//!    [`Refusal::Locked`] (typed text stays in the editor, as in rule 3);
//!    moving is unchanged, so the results can still be read and copied.

mod cells;
pub mod geometry;
pub mod keys;
mod layout;
mod where_line;

pub use cells::{Cells, Dir, Paste, Refusal};
pub use keys::{Action, Key, Keys, Mode};
pub use layout::{Col, Layout, Sel, Target, FIXED_COLS};
pub use where_line::{footer_line, WhereLine};
