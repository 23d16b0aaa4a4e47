//! What a key does in the grid, by the editor's mode: the keyboard half of
//! the entry flow (rule 2 in `mod.rs`), native so it is tested without a
//! browser. The view only turns a `keydown` into [`Keys::press`] and runs
//! the [`Action`].

use super::cells::Dir;

/// The editor over the active cell.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// A cell is selected; typing starts an edit that replaces it.
    Ready,
    /// Typing replaced the cell; arrows commit and move.
    Edit,
    /// F2 or double-click: editing the existing text; arrows move the caret.
    F2,
}

/// A key as the browser reports it (`KeyboardEvent.key`), with Ctrl (or
/// Cmd) and Shift.
#[derive(Clone, Copy, Debug)]
pub struct Key<'a> {
    pub key: &'a str,
    pub ctrl: bool,
    pub shift: bool,
}

/// What the grid does for a key.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    /// Not the grid's key: the browser (or the editor) handles it.
    Pass,
    /// Tab right after Esc on a selected cell: the browser moves the focus
    /// out of the grid, as keyboard users expect.
    Leave,
    /// Commit, then go to the next cell that takes a value (rule 2).
    Next(Dir),
    /// Commit, then move by (rows, cols), extending the selection (Shift
    /// with an arrow).
    Extend(isize, isize),
    /// Commit, then go to the grid's edge in that direction (Ctrl+arrow);
    /// with Shift the selection grows.
    Edge {
        dr: isize,
        dc: isize,
        extend: bool,
    },
    /// To the row's first column (Home) or the grid's first cell
    /// (Ctrl+Home).
    Home {
        top: bool,
        extend: bool,
    },
    /// A screen of rows down or up.
    Page {
        down: bool,
        extend: bool,
    },
    /// Drop what was typed.
    Cancel,
    Help,
    /// Shift+F2: the note of the cell.
    Note,
    /// F2: edit the cell's text where it is.
    EditInPlace,
    Clear,
    Undo,
    Redo,
    FillDown,
}

impl Action {
    /// Whether the browser's own handling of the key is cancelled.
    pub fn prevents_default(&self) -> bool {
        !matches!(self, Action::Pass | Action::Leave)
    }
}

/// The keyboard's state across keys: only whether the next Tab leaves.
#[derive(Clone, Copy, Default, Debug)]
pub struct Keys {
    leave_next_tab: bool,
}

impl Keys {
    pub fn press(&mut self, k: Key, mode: Mode) -> Action {
        let ready = mode == Mode::Ready;
        if !matches!(k.key, "Escape" | "Tab" | "Shift") {
            self.leave_next_tab = false;
        }
        match k.key {
            "Enter" => Action::Next(if k.shift { Dir::Up } else { Dir::Down }),
            "Tab" if self.leave_next_tab => {
                self.leave_next_tab = false;
                Action::Leave
            }
            "Tab" => Action::Next(if k.shift { Dir::Left } else { Dir::Right }),
            "Escape" => {
                // Esc on a selected cell (nothing typed): the next Tab
                // leaves the grid.
                self.leave_next_tab = ready;
                Action::Cancel
            }
            "F1" => Action::Help,
            "F2" if ready && k.shift => Action::Note,
            "F2" if ready => Action::EditInPlace,
            key if mode != Mode::F2 => match arrow(key) {
                Some((dr, dc)) if k.ctrl => Action::Edge {
                    dr,
                    dc,
                    extend: k.shift,
                },
                Some((dr, dc)) if k.shift => Action::Extend(dr, dc),
                // Plain arrows skip what takes no value, as Enter does.
                Some(_) => Action::Next(match key {
                    "ArrowUp" => Dir::Up,
                    "ArrowDown" => Dir::Down,
                    "ArrowLeft" => Dir::Left,
                    _ => Dir::Right,
                }),
                None if ready => ready_key(k),
                None => Action::Pass,
            },
            _ => Action::Pass,
        }
    }
}

fn arrow(key: &str) -> Option<(isize, isize)> {
    match key {
        "ArrowUp" => Some((-1, 0)),
        "ArrowDown" => Some((1, 0)),
        "ArrowLeft" => Some((0, -1)),
        "ArrowRight" => Some((0, 1)),
        _ => None,
    }
}

/// Keys that act on the selection, only when nothing is being typed.
fn ready_key(k: Key) -> Action {
    match k.key {
        "Home" => Action::Home {
            top: k.ctrl,
            extend: k.shift,
        },
        "PageDown" | "PageUp" => Action::Page {
            down: k.key == "PageDown",
            extend: k.shift,
        },
        "Delete" | "Backspace" => Action::Clear,
        "z" | "Z" if k.ctrl && k.shift => Action::Redo,
        "z" | "Z" if k.ctrl => Action::Undo,
        "y" | "Y" if k.ctrl => Action::Redo,
        "d" | "D" if k.ctrl => Action::FillDown,
        _ => Action::Pass,
    }
}

/// Where Ctrl+arrow goes from `at` in a grid of `size` (rows, cols): the
/// first or last row or column in that direction.
pub fn edge(at: (usize, usize), (dr, dc): (isize, isize), size: (usize, usize)) -> (usize, usize) {
    let last = |n: usize| n.saturating_sub(1);
    let r = match dr {
        d if d < 0 => 0,
        d if d > 0 => last(size.0),
        _ => at.0,
    };
    let c = match dc {
        d if d < 0 => 0,
        d if d > 0 => last(size.1),
        _ => at.1,
    };
    (r, c)
}

/// How many rows PageDown moves in a viewport `height` px tall of rows
/// `row_h` px: a screen less three rows of context, at least one.
pub fn page_rows(height: f64, row_h: f64) -> isize {
    if row_h <= 0.0 || !height.is_finite() {
        return 1;
    }
    ((height / row_h) as isize - 3).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> Key<'_> {
        Key {
            key,
            ctrl: false,
            shift: false,
        }
    }
    fn shift(key: &str) -> Key<'_> {
        Key {
            shift: true,
            ..self::key(key)
        }
    }
    fn ctrl(key: &str) -> Key<'_> {
        Key {
            ctrl: true,
            ..self::key(key)
        }
    }

    #[test]
    fn enter_and_tab_commit_and_move_in_every_mode() {
        for mode in [Mode::Ready, Mode::Edit, Mode::F2] {
            let mut k = Keys::default();
            assert_eq!(k.press(key("Enter"), mode), Action::Next(Dir::Down));
            assert_eq!(k.press(shift("Enter"), mode), Action::Next(Dir::Up));
            assert_eq!(k.press(key("Tab"), mode), Action::Next(Dir::Right));
            assert_eq!(k.press(shift("Tab"), mode), Action::Next(Dir::Left));
        }
    }

    #[test]
    fn arrows_move_except_in_f2_where_they_move_the_caret() {
        let mut k = Keys::default();
        assert_eq!(
            k.press(key("ArrowDown"), Mode::Edit),
            Action::Next(Dir::Down)
        );
        assert_eq!(
            k.press(key("ArrowLeft"), Mode::Ready),
            Action::Next(Dir::Left)
        );
        assert_eq!(
            k.press(shift("ArrowUp"), Mode::Ready),
            Action::Extend(-1, 0)
        );
        assert_eq!(
            k.press(ctrl("ArrowRight"), Mode::Ready),
            Action::Edge {
                dr: 0,
                dc: 1,
                extend: false
            }
        );
        assert_eq!(k.press(key("ArrowLeft"), Mode::F2), Action::Pass);
        assert!(!Action::Pass.prevents_default());
        assert!(Action::Next(Dir::Up).prevents_default());
    }

    #[test]
    fn esc_then_tab_leaves_the_grid_only_from_a_selected_cell() {
        let mut k = Keys::default();
        assert_eq!(k.press(key("Escape"), Mode::Ready), Action::Cancel);
        assert_eq!(k.press(key("Tab"), Mode::Ready), Action::Leave);
        assert!(!Action::Leave.prevents_default());
        // Once: the Tab after comes back to moving.
        assert_eq!(k.press(key("Tab"), Mode::Ready), Action::Next(Dir::Right));

        // Esc while typing only drops the text.
        assert_eq!(k.press(key("Escape"), Mode::Edit), Action::Cancel);
        assert_eq!(k.press(key("Tab"), Mode::Ready), Action::Next(Dir::Right));

        // Another key between Esc and Tab: Tab moves again.
        k.press(key("Escape"), Mode::Ready);
        k.press(key("ArrowDown"), Mode::Ready);
        assert_eq!(k.press(key("Tab"), Mode::Ready), Action::Next(Dir::Right));
        // Shift alone (on the way to Shift+Tab) keeps the way out open.
        k.press(key("Escape"), Mode::Ready);
        k.press(key("Shift"), Mode::Ready);
        assert_eq!(k.press(shift("Tab"), Mode::Ready), Action::Leave);
    }

    #[test]
    fn selection_keys_act_only_when_nothing_is_typed() {
        let mut k = Keys::default();
        assert_eq!(k.press(key("Delete"), Mode::Ready), Action::Clear);
        assert_eq!(k.press(key("Backspace"), Mode::Edit), Action::Pass);
        assert_eq!(k.press(ctrl("z"), Mode::Ready), Action::Undo);
        assert_eq!(k.press(ctrl("Z"), Mode::Edit), Action::Pass);
        assert_eq!(
            k.press(
                Key {
                    key: "Z",
                    ctrl: true,
                    shift: true
                },
                Mode::Ready
            ),
            Action::Redo
        );
        assert_eq!(k.press(ctrl("y"), Mode::Ready), Action::Redo);
        assert_eq!(k.press(ctrl("d"), Mode::Ready), Action::FillDown);
        assert_eq!(k.press(key("d"), Mode::Ready), Action::Pass);
        assert_eq!(k.press(shift("F2"), Mode::Ready), Action::Note);
        assert_eq!(k.press(key("F2"), Mode::Ready), Action::EditInPlace);
        assert_eq!(k.press(key("F2"), Mode::Edit), Action::Pass);
        assert_eq!(k.press(key("F1"), Mode::F2), Action::Help);
        assert_eq!(
            k.press(ctrl("Home"), Mode::Ready),
            Action::Home {
                top: true,
                extend: false
            }
        );
        assert_eq!(k.press(key("Home"), Mode::Edit), Action::Pass);
        assert_eq!(
            k.press(shift("PageUp"), Mode::Ready),
            Action::Page {
                down: false,
                extend: true
            }
        );
    }

    #[test]
    fn ctrl_arrow_goes_to_the_edge_inside_the_grid() {
        assert_eq!(edge((5, 4), (1, 0), (10, 8)), (9, 4));
        assert_eq!(edge((5, 4), (-1, 0), (10, 8)), (0, 4));
        assert_eq!(edge((5, 4), (0, 1), (10, 8)), (5, 7));
        assert_eq!(edge((5, 4), (0, -1), (10, 8)), (5, 0));
        assert_eq!(edge((0, 0), (1, 1), (0, 0)), (0, 0));
    }

    #[test]
    fn a_page_is_a_screen_less_three_rows_and_never_zero() {
        assert_eq!(page_rows(600.0, 30.0), 17);
        assert_eq!(page_rows(60.0, 30.0), 1);
        assert_eq!(page_rows(600.0, 0.0), 1);
    }
}
