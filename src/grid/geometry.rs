//! Where rows and columns are drawn: a row is as tall as its criterion's
//! text needs (up to three lines, then it is cut with an ellipsis), the
//! text column is as wide as the secretary dragged it, narrowed so at
//! least three score columns show on a small screen, widened to the free
//! width when one unit is shown. Pixels, in content coordinates.

/// Height of a one-line row.
pub const ROW_H: f64 = 30.0;
/// Each further line of a wrapped criterion text.
pub const LINE_H: f64 = 17.0;
pub const MAX_LINES: usize = 3;
pub const W_STT: f64 = 56.0;
pub const W_MAX: f64 = 90.0;
pub const W_WEIGHT: f64 = 60.0;
pub const W_SCORE: f64 = 96.0;
/// The text column's width unless the secretary changed it.
pub const W_TEXT: f64 = 380.0;
pub const W_TEXT_MIN: f64 = 160.0;
pub const W_TEXT_MAX: f64 = 1200.0;
/// Average advance of a character of criterion text at the grid's font
/// (0.86 rem of a sans face: measured 6.4–6.9 px over Vietnamese text).
const CHAR_W: f64 = 6.7;
/// A text cell's right padding and border (its left padding is the indent).
const PAD: f64 = 7.0;

/// The text column's width to draw: what was chosen, at most what leaves
/// room for three score columns in `viewport` (a tablet), at least the
/// free width when the columns after the frozen ones take `after` pixels
/// (one unit shown).
pub fn text_width(chosen: f64, viewport: f64, after: f64, one_unit: bool) -> f64 {
    let fixed = W_STT + W_MAX + W_WEIGHT;
    let mut w = chosen.clamp(W_TEXT_MIN, W_TEXT_MAX);
    let room_for_three = viewport - fixed - 3.0 * W_SCORE;
    if viewport > 0.0 && w > room_for_three {
        w = room_for_three.max(W_TEXT_MIN);
    }
    if one_unit && viewport > 0.0 {
        let free = viewport - fixed - after - 20.0;
        w = w.max(free.min(W_TEXT_MAX));
    }
    w
}

/// Width of everything frozen on the left.
pub fn frozen(text_width: f64) -> f64 {
    W_STT + text_width + W_MAX + W_WEIGHT
}

/// Left edge, width and whether frozen, of column `c` (0 text, 1 max,
/// 2 weight, then scores).
pub fn col(c: usize, text_width: f64) -> (f64, f64, bool) {
    match c {
        0 => (W_STT, text_width, true),
        1 => (W_STT + text_width, W_MAX, true),
        2 => (W_STT + text_width + W_MAX, W_WEIGHT, true),
        k => (
            frozen(text_width) + (k - 3) as f64 * W_SCORE,
            W_SCORE,
            false,
        ),
    }
}

/// Width of a note column (single-unit view).
pub const W_NOTE: f64 = 220.0;

/// Where each column is drawn: the frozen ones, then score columns of
/// [`W_SCORE`] and note columns of [`W_NOTE`].
#[derive(Clone, Debug, PartialEq)]
pub struct Cols {
    text_width: f64,
    /// Left edges of the columns after the frozen ones, and the end.
    lefts: Vec<f64>,
}

impl Cols {
    /// From the text column's width and whether each column after the
    /// frozen ones is a note column.
    pub fn new(text_width: f64, notes: impl IntoIterator<Item = bool>) -> Cols {
        let mut x = frozen(text_width);
        let mut lefts = vec![x];
        for note in notes {
            x += if note { W_NOTE } else { W_SCORE };
            lefts.push(x);
        }
        Cols { text_width, lefts }
    }

    pub fn frozen(&self) -> f64 {
        frozen(self.text_width)
    }

    /// Left edge, width and whether frozen, of column `c`.
    pub fn col(&self, c: usize) -> (f64, f64, bool) {
        if c < 3 {
            return col(c, self.text_width);
        }
        let k = (c - 3).min(self.lefts.len().saturating_sub(2));
        let x = self.lefts.get(k).copied().unwrap_or(self.frozen());
        let w = self.lefts.get(k + 1).map_or(W_SCORE, |e| e - x);
        (x, w, false)
    }

    /// Right edge of the last column.
    pub fn total(&self) -> f64 {
        self.lefts.last().copied().unwrap_or(self.frozen())
    }

    /// The column (index from 0 = text) under content x, among the ones
    /// after the frozen columns.
    pub fn at(&self, x: f64) -> usize {
        let i = self.lefts.partition_point(|&l| l <= x);
        3 + i.saturating_sub(1)
    }
}

/// Lines a text takes in the text column (1 to [`MAX_LINES`]), from its
/// character count (natively; the page measures the text instead).
pub fn lines(chars: usize, indent: f64, text_width: f64) -> usize {
    lines_for(chars as f64 * CHAR_W, indent, text_width)
}

/// Lines a text `text_px` wide on one line takes in the text column.
/// Words do not break mid-way, so a wrapped line is on average a little
/// shorter than the column: 6 % of slack (measured on the sample's and
/// the corpus's criteria).
pub fn lines_for(text_px: f64, indent: f64, text_width: f64) -> usize {
    let avail = (text_width - indent - PAD).max(CHAR_W * 8.0);
    if text_px <= avail {
        return 1;
    }
    let needed = (text_px * 1.06 / avail).ceil() as usize;
    needed.clamp(1, MAX_LINES)
}

/// Row tops by row index.
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    /// `tops[r]` is row r's top; the last entry is the total height.
    tops: Vec<f64>,
}

impl Rows {
    /// From each row's line count.
    pub fn new(lines: impl IntoIterator<Item = usize>) -> Rows {
        let mut tops = vec![0.0];
        let mut y = 0.0;
        for l in lines {
            y += ROW_H + (l.clamp(1, MAX_LINES) - 1) as f64 * LINE_H;
            tops.push(y);
        }
        Rows { tops }
    }

    pub fn len(&self) -> usize {
        self.tops.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn top(&self, r: usize) -> f64 {
        self.tops[r.min(self.len())]
    }

    pub fn height(&self, r: usize) -> f64 {
        if r >= self.len() {
            return ROW_H;
        }
        self.tops[r + 1] - self.tops[r]
    }

    pub fn total(&self) -> f64 {
        self.tops[self.len()]
    }

    /// The row at height `y` (the last row below the end).
    pub fn at(&self, y: f64) -> usize {
        let i = self.tops.partition_point(|&t| t <= y);
        i.saturating_sub(1).min(self.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_grow_with_their_text_up_to_three_lines() {
        let w = W_TEXT;
        assert_eq!(lines(20, 6.0, w), 1);
        assert_eq!(lines(80, 6.0, w), 2);
        assert_eq!(lines(130, 20.0, w), 3);
        assert_eq!(lines(5_000, 6.0, w), 3);
        // A wider column takes the same text in fewer lines.
        assert_eq!(lines(80, 6.0, 700.0), 1);
        // A measured text that just fits stays on one line.
        assert_eq!(lines_for(366.0, 6.0, 380.0), 1);
        assert_eq!(lines_for(368.0, 6.0, 380.0), 2);
    }

    #[test]
    fn row_positions_and_lookup() {
        let rows = Rows::new([1, 3, 1, 2]);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows.top(1), ROW_H);
        assert_eq!(rows.height(1), ROW_H + 2.0 * LINE_H);
        assert_eq!(rows.top(2), 2.0 * ROW_H + 2.0 * LINE_H);
        assert_eq!(rows.total(), 4.0 * ROW_H + 3.0 * LINE_H);
        assert_eq!(rows.at(0.0), 0);
        assert_eq!(rows.at(ROW_H - 0.5), 0);
        assert_eq!(rows.at(ROW_H), 1);
        assert_eq!(rows.at(ROW_H + 40.0), 1);
        assert_eq!(rows.at(rows.top(3) + 1.0), 3);
        assert_eq!(rows.at(1e9), 3);
        assert!(Rows::new([]).is_empty());
        assert_eq!(Rows::new([]).at(10.0), 0);
    }

    #[test]
    fn note_columns_are_wider_than_score_columns() {
        let g = Cols::new(400.0, [false, true, false]);
        let f = frozen(400.0);
        assert_eq!(g.col(3), (f, W_SCORE, false));
        assert_eq!(g.col(4), (f + W_SCORE, W_NOTE, false));
        assert_eq!(g.col(5), (f + W_SCORE + W_NOTE, W_SCORE, false));
        assert_eq!(g.total(), f + 2.0 * W_SCORE + W_NOTE);
        assert_eq!(g.at(f + 1.0), 3);
        assert_eq!(g.at(f + W_SCORE + 5.0), 4);
        assert_eq!(g.at(f + W_SCORE + W_NOTE + 1.0), 5);
        assert_eq!(g.col(1), col(1, 400.0));
    }

    #[test]
    fn the_text_column_leaves_room_and_takes_free_width() {
        // A 1366 px window: the chosen width fits with room to spare.
        assert_eq!(text_width(380.0, 1330.0, 18.0 * W_SCORE, false), 380.0);
        // A tablet (768 px): narrowed so three score columns show.
        let w = text_width(380.0, 768.0, 18.0 * W_SCORE, false);
        assert!(frozen(w) + 3.0 * W_SCORE <= 768.0 + 0.5, "{w}");
        // Never below the minimum, whatever the window.
        assert_eq!(text_width(380.0, 300.0, 18.0 * W_SCORE, false), W_TEXT_MIN);
        // One unit shown: the text takes the free width.
        let w = text_width(380.0, 1330.0, 3.0 * W_SCORE, true);
        assert!(w > 700.0 && frozen(w) + 3.0 * W_SCORE <= 1330.0, "{w}");
        // With note columns beside the stages, the text keeps its width.
        assert_eq!(
            text_width(380.0, 1330.0, 3.0 * (W_SCORE + W_NOTE), true),
            380.0
        );
        // A drag beyond the bounds is clamped.
        assert_eq!(text_width(5_000.0, 0.0, 3.0 * W_SCORE, false), W_TEXT_MAX);
        assert_eq!(col(3, 400.0).0, frozen(400.0));
        assert_eq!(
            col(5, 400.0),
            (frozen(400.0) + 2.0 * W_SCORE, W_SCORE, false)
        );
    }
}
