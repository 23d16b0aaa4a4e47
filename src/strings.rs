//! Every string a person reads, in Vietnamese, in one place.
//! Pure Rust: used by the UI, the import warnings and the export.

use crate::model::{CellError, Dec, Kind, ParseError, Stage};

pub const APP_TITLE: &str = "Chấm điểm thi đua";
pub const APP_TAGLINE: &str =
    "Bảng chấm điểm thi đua của khối — chạy hoàn toàn trong trình duyệt, dữ liệu không rời máy bạn.";
pub const SAMPLE_NOTICE: &str =
    "Đang mở bảng điểm mẫu. Dữ liệu của bạn chỉ lưu trong trình duyệt này.";

pub const COL_STT: &str = "STT";
pub const COL_TEXT: &str = "Nội dung tiêu chí";
pub const COL_MAX: &str = "Điểm chuẩn";
pub const COL_WEIGHT: &str = "Hệ số";
pub const COL_NOTE: &str = "Ghi chú";
pub const COL_UNIT: &str = "Đơn vị";
pub const COL_TOTAL: &str = "Tổng điểm";
pub const COL_RANK: &str = "Xếp hạng";
pub const COL_CLASS: &str = "Xếp loại";
pub const COL_FINAL: &str = "Kết quả cuối";

pub const ROW_CONTENT: &str = "Cộng điểm nội dung";
pub const ROW_BONUS: &str = "Điểm thưởng (sau giới hạn)";
pub const ROW_DEDUCTION: &str = "Điểm trừ";
pub const ROW_TOTAL: &str = "TỔNG ĐIỂM";
pub const ROW_RANK: &str = "Xếp hạng";
pub const ROW_CLASS: &str = "Xếp loại";
pub const ROW_INVALID: &str = "Ô không hợp lệ (không tính)";

pub const VIEW_SCORES: &str = "Phiếu chấm";
pub const VIEW_SUMMARY: &str = "Tổng hợp";
pub const STAGE_PICK: &str = "Giai đoạn:";
pub const NOT_SCORED: &str = "—";
pub const NOT_RANKED: &str = "chưa xếp";

pub fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::SelfScore => "Tự chấm",
        Stage::Bloc => "Khối chấm",
        Stage::Verify => "Thẩm định",
    }
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Content => "Nội dung",
        Kind::Bonus => "Điểm thưởng",
        Kind::Deduction => "Điểm trừ",
    }
}

/// "nhất", "nhì", "ba", then "thứ 4"… as said in award lists.
pub fn rank_word(rank: usize) -> String {
    match rank {
        1 => "Nhất".into(),
        2 => "Nhì".into(),
        3 => "Ba".into(),
        4 => "Tư".into(),
        n => format!("Thứ {n}"),
    }
}

pub fn parse_error(e: &ParseError) -> String {
    match e {
        ParseError::NotANumber => "Không phải là số".into(),
        ParseError::TooPrecise => "Quá nhiều chữ số thập phân (tối đa 4)".into(),
        ParseError::TooLarge => "Số quá lớn".into(),
    }
}

/// The reason shown on hover and focus of an invalid cell.
pub fn cell_error(e: &CellError) -> String {
    match e {
        CellError::Parse(p) => parse_error(p),
        CellError::Negative => "Điểm không được âm".into(),
        CellError::AboveMax(m) => format!("Vượt điểm chuẩn ({})", m.to_vi()),
    }
}

/// "12,5 / 100"
pub fn of_max(v: Dec, max: Dec) -> String {
    format!("{} / {}", v.to_vi(), max.to_vi())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_vietnamese_with_decimal_comma() {
        assert_eq!(
            cell_error(&CellError::AboveMax(Dec::from_hundredths(250))),
            "Vượt điểm chuẩn (2,5)"
        );
        assert_eq!(rank_word(1), "Nhất");
        assert_eq!(rank_word(7), "Thứ 7");
        assert_eq!(stage_name(Stage::Verify), "Thẩm định");
    }
}
