//! The cell formats of every sheet the export writes.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatUnderline};

pub(super) const FONT: &str = "Times New Roman";
// Numbers print with a decimal comma ("2,5") whatever the reader's
// locale: the Vietnamese locale tag [$-42A] makes LibreOffice use its
// separators (checked: a C-locale LibreOffice prints "2,5" for 2.5 with
// it, "2.5" without). Excel and WPS keep the reader's Windows separators,
// which are Vietnamese on the offices' machines. "General", not "0.##":
// Excel prints 12 as "12." with the latter.
/// A number: "2,5", "12".
const DEC: &str = "[$-42A]General";
/// Number format that leaves zeros blank: the subtotals of a stage nobody
/// has scored yet.
const HIDE_ZERO: &str = "[$-42A]General;-General;;@";
/// Number format of a difference: "+1,5", "-2", blank for none.
const SIGNED: &str = "[$-42A]+General;-General;;@";
/// A total that leaves out cells holding no valid score: "⚠ 85,5".
const LEFT_OUT: &str = "[$-42A]\"⚠ \"General;\"⚠ -\"General;\"⚠ 0\";@";

pub(super) struct Styles {
    pub(super) base: Format,
    pub(super) block: Format,
    /// The issuing body's line in the header block, wrapped.
    pub(super) block_bold: Format,
    /// A superior body's line in the header block: not bold.
    pub(super) block_plain: Format,
    pub(super) motto: Format,
    pub(super) heading: Format,
    pub(super) subheading: Format,
    pub(super) line: Format,
    pub(super) head: Format,
    pub(super) text: Format,
    pub(super) text_bold: Format,
    pub(super) guide: Format,
    pub(super) center: Format,
    pub(super) center_bold: Format,
    pub(super) num: Format,
    pub(super) num_bold: Format,
    pub(super) quiet: Format,
    pub(super) quiet_bold: Format,
    pub(super) invalid: Format,
    /// A total leaving out invalid cells: "⚠ 85,5", bold.
    pub(super) left_out: Format,
    pub(super) note: Format,
    pub(super) total_text: Format,
    pub(super) total_num: Format,
    pub(super) sign_italic: Format,
    /// A note line under a title, wrapped over the row's fitted height
    /// (without wrapping, LibreOffice and Excel print one line, cut).
    pub(super) note_italic: Format,
    pub(super) sign_bold: Format,
    /// A difference on the comparison sheet: "+1,5", "-2", blank for none.
    pub(super) delta: Format,
    /// A unit pack's cells the unit fills (unlocked): tự chấm, as `num`,
    /// `num_bold` and `invalid`, and notes.
    pub(super) open_num: Format,
    pub(super) open_num_bold: Format,
    pub(super) open_invalid: Format,
    pub(super) open_note: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(12)
            .set_align(FormatAlign::VerticalCenter);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let center = cell
            .clone()
            .set_align(FormatAlign::Center)
            .set_text_wrap()
            .set_num_format(DEC);
        let text = cell.clone().set_align(FormatAlign::Left).set_text_wrap();
        Styles {
            block: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center),
            block_bold: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            block_plain: base
                .clone()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            motto: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_underline(FormatUnderline::Single),
            heading: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subheading: base
                .clone()
                .set_bold()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            line: base
                .clone()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            head: center.clone().set_bold(),
            text_bold: text.clone().set_bold(),
            guide: text.clone().set_italic(),
            center_bold: center.clone().set_bold(),
            num: center.clone(),
            num_bold: center.clone().set_bold(),
            quiet: center.clone().set_num_format(HIDE_ZERO),
            quiet_bold: center.clone().set_bold().set_num_format(HIDE_ZERO),
            invalid: center.clone().set_font_color(Color::Red),
            left_out: center
                .clone()
                .set_bold()
                .set_font_color(Color::Red)
                .set_num_format(LEFT_OUT),
            note: text.clone(),
            total_text: text.clone().set_bold(),
            total_num: center.clone().set_bold(),
            sign_italic: base.clone().set_italic().set_align(FormatAlign::Center),
            note_italic: base
                .clone()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            sign_bold: base.clone().set_bold().set_align(FormatAlign::Center),
            delta: center.clone().set_num_format(SIGNED),
            open_num: center.clone().set_unlocked(),
            open_num_bold: center.clone().set_bold().set_unlocked(),
            open_invalid: center.clone().set_font_color(Color::Red).set_unlocked(),
            open_note: text.clone().set_unlocked(),
            text,
            center,
            base,
        }
    }
}
