//! The words an exported workbook carries and the import reads back (or
//! must skip): sheet names, the title and unit lines, column headers, the
//! rows below the table, the stage names in the notes column. They are
//! part of the file format: changing one can make earlier exports import
//! differently, which `tests/export_compat.rs` would catch. UI wording is
//! in `crate::strings`, which re-exports these for the pages that show them.

use crate::model::{Dec, Lock, Stage};

/// A stage's name as files write it: column headers and note lines
/// ("Khối chấm: …").
pub fn stage_word(s: Stage) -> &'static str {
    match s {
        Stage::SelfScore => "Tự chấm",
        Stage::Bloc => "Khối chấm",
        Stage::Verify => "Thẩm định",
    }
}

pub const EXPORT_SUMMARY_SHEET: &str = "Tổng hợp";
/// The sheet name of the form when the scoresheet has no unit yet.
pub const EXPORT_TEMPLATE_SHEET: &str = "Phiếu chấm";
pub const EXPORT_BLOC: &str = "KHỐI THI ĐUA";
pub const EXPORT_NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const EXPORT_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub const EXPORT_FORM_TITLE: &str = "PHIẾU CHẤM ĐIỂM THI ĐUA";
pub const EXPORT_SUMMARY_TITLE: &str = "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA";
/// The import reads the line starting with this as the title.
pub const EXPORT_TITLE_PREFIX: &str = "Bảng chấm điểm:";
/// The import reads the line starting with this as the unit's name.
pub const EXPORT_UNIT_PREFIX: &str = "Đơn vị:";
pub const EXPORT_COL_STT: &str = "STT";
pub const EXPORT_COL_TEXT: &str = "Nội dung";
pub const EXPORT_COL_UNIT: &str = "Tên đơn vị";
pub const EXPORT_COL_BONUS: &str = "Điểm thưởng";
pub const EXPORT_COL_DEDUCTION: &str = "Điểm trừ";
/// The summary's column saying the rank in words ("Nhất") beside RANK's.
pub const EXPORT_COL_RANK_WORD: &str = "Xếp thứ";
// Rows below the table start with "Tổng" so that the import skips them.
pub const EXPORT_ROW_CONTENT: &str = "Tổng điểm nội dung";
pub const EXPORT_ROW_DEDUCTION: &str = "Tổng điểm trừ";
pub const EXPORT_ROW_TOTAL: &str = "TỔNG ĐIỂM";
/// The start of the final result's row ([`export_row_final`]).
pub const EXPORT_ROW_FINAL: &str = "Tổng điểm kết quả cuối";
pub const EXPORT_DATE_LINE: &str = "…, ngày … tháng … năm …";

/// "Hà Tĩnh, ngày … tháng … năm …"; without a place, [`EXPORT_DATE_LINE`].
/// "Hà Tĩnh, ngày 05 tháng 12 năm 2026" once the date is known
/// (`date` as [`crate::model::meeting::Meeting::date_words`] writes it).
pub fn dated_line(place: &str, date: &str) -> String {
    match (place.trim(), date) {
        (_, "") => export_date_line(place),
        ("", d) => format!("…, {d}"),
        (p, d) => format!("{p}, {d}"),
    }
}
pub fn export_date_line(place: &str) -> String {
    match place.trim() {
        "" => EXPORT_DATE_LINE.to_string(),
        p => format!("{p}, ngày … tháng … năm …"),
    }
}
pub const EXPORT_SIGNER: &str = "TRƯỞNG KHỐI";
pub const EXPORT_SIGN_HINT: &str = "(Ký, ghi rõ họ tên)";
/// Page footer: "Trang 2/5" (Excel header/footer codes).
pub const EXPORT_PAGE_FOOTER: &str = "&CTrang &P/&N";

/// "Mã kết quả" : the words before a locked result's fingerprint.
pub const EXPORT_LOCK_CODE: &str = "Mã kết quả";

/// The page footer: the page number, and on locked results the
/// fingerprint on the right of every printed page ("Mã kết quả 3F2A-91C0").
pub fn page_footer(lock: Option<&Lock>) -> String {
    match lock {
        None => EXPORT_PAGE_FOOTER.to_string(),
        Some(l) => format!("{EXPORT_PAGE_FOOTER}&R{EXPORT_LOCK_CODE} {}", l.fingerprint),
    }
}

/// "Kết quả khối chấm đã chốt lúc 05/12/2026 14:30 · Mã kết quả 3F2A-91C0"
pub fn export_lock_line(lock: &Lock) -> String {
    format!(
        "Kết quả {} đã chốt lúc {} · {EXPORT_LOCK_CODE} {}",
        stage_word(lock.stage).to_lowercase(),
        lock.at,
        lock.fingerprint
    )
}

/// "Bảng chấm điểm: Khối huyện 2024"
pub fn export_title_line(title: &str) -> String {
    format!("{EXPORT_TITLE_PREFIX} {title}")
}

/// "Đơn vị: UBND huyện Cẩm Xuyên"
pub fn export_unit_line(name: &str) -> String {
    format!("{EXPORT_UNIT_PREFIX} {name}")
}

/// The sheet name of a unit without a usable name: "Đơn vị 3".
pub fn export_unit_fallback(n: usize) -> String {
    format!("Đơn vị {n}")
}

/// "Tổng điểm thưởng (tối đa 5)"
pub fn export_row_bonus(max: Dec) -> String {
    if max.is_zero() {
        "Tổng điểm thưởng".into()
    } else {
        format!("Tổng điểm thưởng (tối đa {})", max.to_vi())
    }
}

/// "Tổng số tiêu chí đã chấm (trên 13)"
pub fn export_row_count(criteria: usize) -> String {
    format!("Tổng số tiêu chí đã chấm (trên {criteria})")
}

/// The export's sheet comparing the stages, after "Tổng hợp".
pub const EXPORT_COMPARE_SHEET: &str = "Thẩm định";
/// Its title; the import skips a sheet carrying it.
pub const EXPORT_COMPARE_TITLE: &str = "BẢNG SO SÁNH ĐIỂM TỰ CHẤM, KHỐI CHẤM VÀ THẨM ĐỊNH";
pub const EXPORT_COMPARE_NOTE: &str =
    "Chỉ gồm các tiêu chí có điểm khối chấm hoặc thẩm định khác điểm tự chấm; ba đơn vị dẫn đầu \
     đứng trước. Chênh lệch = điểm khối chấm (hoặc thẩm định) − điểm tự chấm.";
pub const EXPORT_COMPARE_CODE: &str = "Mã";
/// The export's sheet of adjustments and their reasons, after the units'.
pub const EXPORT_HISTORY_SHEET: &str = "Lịch sử điều chỉnh";
/// Its title; the import skips a sheet carrying it.
pub const EXPORT_HISTORY_TITLE: &str = "LỊCH SỬ ĐIỀU CHỈNH ĐIỂM";
pub const EXPORT_HISTORY_NOTE: &str =
    "Mỗi dòng là một ô khối chấm hoặc thẩm định khác điểm tự chấm của đơn vị; lý do là ghi chú \
     của ô đó.";
pub const EXPORT_HISTORY_STAGE: &str = "Giai đoạn";
pub const EXPORT_HISTORY_BEFORE: &str = "Tự chấm (trước)";
pub const EXPORT_HISTORY_AFTER: &str = "Sau điều chỉnh";
pub const EXPORT_HISTORY_REASON: &str = "Lý do";
/// In place of a reason nobody wrote.
pub const EXPORT_HISTORY_NO_REASON: &str = "(chưa ghi lý do)";
pub const EXPORT_COMPARE_DELTA: &str = "Chênh lệch";
