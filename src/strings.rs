//! Every string a person reads, in Vietnamese, in one place.
//! Pure Rust: used by the UI, the import warnings and the export.

use crate::model::classes::BandError;
use crate::model::{
    CellError, Class, Dec, FinalResult, FinalRule, Kind, ParseError, Progress, Scoresheet,
    ShownMax, Stage, Tie, TieKey, UnitResult,
};
use crate::store::{RestoreReport, SaveError, StoreError, Unreadable};

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
        ParseError::Ambiguous { int, frac } => {
            let thousands = u32::from(*int) * 1000 + u32::from(*frac);
            let decimal = Dec::from_raw(i64::from(thousands) * 10);
            format!(
                "«{int}.{frac:03}» không rõ là {thousands} hay {}: \
                 dùng dấu phẩy cho phần thập phân (1,5)",
                decimal.to_vi()
            )
        }
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

// --- grid ---------------------------------------------------------------

pub const GRID_TOOLBAR: &str = "Công cụ phiếu chấm";
pub const GRID_UNIT_FILTER: &str = "Đơn vị:";
pub const GRID_WHERE: &str = "Ô đang chọn";
pub const GRID_RESIZE_TEXT: &str = "Kéo để đổi độ rộng cột nội dung";
pub fn note_prompt(cell: &str) -> String {
    format!("Ghi chú cho ô {cell} (ví dụ lý do trừ điểm). Để trống để xóa ghi chú:")
}
pub const HELP_TITLE: &str = "Phím tắt và cách dùng";
pub const HELP_STEPS_TITLE: &str = "Sau khi nhập bảng chấm điểm";
pub const HELP_STEPS: &[&str] = &[
    "Kiểm tra các mục, tiêu chí và điểm chuẩn trên lưới; sửa trực tiếp nếu cần (Hoàn tác bằng Ctrl+Z).",
    "Thêm các đơn vị được chấm (nút «Đơn vị…»), hoặc gộp tệp các đơn vị gửi về (Nhập tệp Excel, chọn nhiều tệp).",
    "Chọn ô đầu tiên của cột cần nhập, gõ điểm rồi nhấn Enter: con trỏ tự xuống tiêu chí tiếp theo, bỏ qua dòng mục và dòng hướng dẫn.",
    "Xem kết quả và xếp hạng ở thẻ «Tổng hợp»; xuất Excel để gửi Ban Thi đua - Khen thưởng.",
];
pub const HELP_KEYS_TITLE: &str = "Phím tắt trên lưới";
pub const HELP_KEYS: &[(&str, &str)] = &[
    (
        "Enter / Shift+Enter",
        "Ghi ô và xuống / lên ô nhập được tiếp theo",
    ),
    ("Tab / Shift+Tab", "Ghi ô và sang phải / trái"),
    ("Mũi tên", "Di chuyển (bỏ qua ô tính tự động)"),
    ("F2", "Sửa nội dung ô đang chọn"),
    (
        "Shift+F2",
        "Viết ghi chú cho ô điểm (lý do trừ điểm, chênh lệch)",
    ),
    ("Esc", "Bỏ nội dung đang gõ; nhấn tiếp Tab để rời lưới"),
    ("Delete", "Xóa điểm các ô đang chọn"),
    (
        "Ctrl+C / Ctrl+X / Ctrl+V",
        "Sao chép / cắt / dán (dán được cả cột từ Excel)",
    ),
    ("Ctrl+D", "Điền xuống"),
    ("Ctrl+Z / Ctrl+Y", "Hoàn tác / làm lại"),
    ("Shift+mũi tên, kéo chuột", "Chọn nhiều ô"),
    ("F1", "Mở bảng này"),
];
pub const GRID_ALL_UNITS: &str = "Tất cả đơn vị";
pub const GRID_NOT_EDITABLE: &str =
    "Ô này được tính tự động (dòng mục hoặc dòng hướng dẫn), không sửa trực tiếp.";
pub const GRID_MAX_REQUIRED: &str = "Tiêu chí cần có điểm chuẩn.";
pub const GRID_WEIGHT_POSITIVE: &str = "Hệ số phải lớn hơn 0.";

/// Why a cell did not take what was typed (shown beside the cell).
pub fn refusal(r: &crate::grid::Refusal) -> String {
    use crate::grid::Refusal;
    use crate::model::input::InputError;
    match r {
        Refusal::Computed => GRID_NOT_EDITABLE.to_string(),
        Refusal::Locked => GRID_LOCKED.to_string(),
        Refusal::Input(InputError::MaxRequired) => GRID_MAX_REQUIRED.to_string(),
        Refusal::Input(InputError::Negative) => cell_error(&CellError::Negative),
        Refusal::Input(InputError::WeightPositive) => GRID_WEIGHT_POSITIVE.to_string(),
        Refusal::Input(InputError::Parse(e)) => parse_error(e),
    }
}
pub const GRID_LOCKED: &str = "Kết quả đã chốt nên không sửa được. Muốn sửa, bấm “Mở khóa” \
     ở dòng báo đã chốt (việc mở khóa được ghi lại).";
/// Typed text kept on a cell that refused it: how to go on.
pub const GRID_KEPT_HINT: &str = "Chữ vừa gõ vẫn được giữ: sửa lại, hoặc Esc để bỏ.";
pub fn grid_paste_info(skipped: usize) -> String {
    format!("Đã bỏ qua {skipped} ô dòng mục hoặc dòng hướng dẫn (được tính tự động).")
}
pub const GRID_COLLAPSE: &str = "Thu gọn mục";
pub const GRID_EXPAND: &str = "Mở rộng mục";
pub const GRID_REMOVED_CRITERION: &str = "Đã xóa tiêu chí. Bấm Hoàn tác (Ctrl+Z) để khôi phục.";
pub const UNDO: &str = "↶ Hoàn tác";
pub const REDO: &str = "↷ Làm lại";
pub const ADD_CRITERION: &str = "Thêm tiêu chí";
pub const REMOVE_CRITERION: &str = "Xóa tiêu chí";
pub const NEW_CRITERION: &str = "Tiêu chí mới";
pub const MANAGE_UNITS: &str = "Đơn vị…";
pub const GRID_NO_UNITS: &str = "Bảng điểm chưa có đơn vị nào được chấm, nên chưa có cột điểm.";
pub const UNITS_TITLE: &str = "Các đơn vị được chấm";
pub const UNITS_HINT: &str =
    "Sửa tên, đổi thứ tự, thêm hoặc xóa đơn vị. Mọi thay đổi đều hoàn tác được (Ctrl+Z).";
pub const UNIT_NAME: &str = "Tên đơn vị";
pub const UNIT_SHORT: &str = "Tên ngắn";
pub const UNIT_UP: &str = "Lên trên";
pub const UNIT_DOWN: &str = "Xuống dưới";
pub const UNIT_REMOVE: &str = "Xóa";
pub const UNIT_ADD: &str = "Thêm đơn vị";
pub const NEW_UNIT: &str = "Đơn vị mới";

pub fn grid_paste_skipped(n: usize) -> String {
    format!(
        "{n} ô không dán được (dòng mục, dòng hướng dẫn, ngoài bảng hoặc giá trị không hợp lệ)."
    )
}

// --- workspace and storage -------------------------------------------------

pub const WS_SHEETS: &str = "Bảng điểm:";
pub const WS_NEW: &str = "Mới từ mẫu";
pub const WS_BLANK: &str = "Bảng trống";
pub const BLANK_TITLE: &str = "Bảng chấm điểm mới";
pub const BLANK_SECTION: &str = "Mục I";
pub const BLANK_CRITERION: &str = "Tiêu chí 1";
pub const WS_DUPLICATE: &str = "Nhân bản";
pub const WS_RENAME: &str = "Đổi tên";
pub const WS_DELETE: &str = "Xóa bảng";
pub const WS_BACKUP: &str = "Tải bản sao lưu";
pub const WS_RESTORE: &str = "Khôi phục từ bản sao lưu";
pub const WS_RENAME_PROMPT: &str = "Tên bảng điểm:";
pub const WS_SAVED_AT: &str = "Đã lưu lúc";
pub const WS_SAVING: &str = "Đang lưu…";
pub const WS_UNTOUCHED: &str = "Bảng mẫu: sẽ tự lưu khi bạn sửa";
pub const WS_NOT_SAVED: &str = "Chưa lưu được";
pub const WS_MEMORY_ONLY: &str = "Không lưu (chỉ trong bộ nhớ)";
pub const WS_RESTORE_FAILED: &str =
    "Tệp này không phải bản sao lưu của ứng dụng, hoặc đã hỏng. Không có gì thay đổi.";
/// Storage cannot be used at all: the session works in memory.
pub fn banner_unavailable(e: &StoreError) -> String {
    let why = match e {
        StoreError::Denied => "Trình duyệt chặn quyền lưu dữ liệu của trang này (cài đặt bảo mật hoặc chặn cookie), nên không cho lưu.",
        StoreError::Quota => "Trình duyệt không cho lưu dữ liệu (chế độ riêng tư, dung lượng lưu bằng 0).",
        StoreError::Unavailable | StoreError::Other(_) => {
            "Trình duyệt không cho lưu dữ liệu (chế độ riêng tư hoặc đã tắt lưu trữ)."
        }
    };
    format!(
        "{why} Ứng dụng vẫn chạy nhưng mọi thay đổi sẽ mất khi đóng trang: hãy xuất Excel hoặc tải bản sao lưu trước khi đóng."
    )
}
pub const BANNER_FULL: &str = "Bộ nhớ của trình duyệt đã đầy. Các bảng điểm đã lưu vẫn mở được, nhưng thay đổi mới có thể không lưu được: \
     hãy tải bản sao lưu, rồi xóa bớt bảng điểm cũ.";
pub const BANNER_TOO_NEW: &str = "Dữ liệu đã lưu được tạo bởi phiên bản mới hơn của ứng dụng. Trang này (phiên bản cũ) \
     không ghi gì vào bộ nhớ để khỏi làm hỏng dữ liệu đó, mọi thay đổi ở đây sẽ mất khi đóng trang. \
     Hãy tải lại trang (Ctrl+F5) để dùng phiên bản mới.";
pub fn banner_index_corrupt(aside: Option<&str>, recovered: usize) -> String {
    match aside {
        Some(k) => format!(
            "Danh mục các bảng điểm đã lưu bị hỏng. Bản gốc đã được cất riêng (khóa \"{k}\"); \
             đã tìm lại {recovered} bảng điểm trong bộ nhớ, không bảng nào bị xóa."
        ),
        None => format!(
            "Danh mục các bảng điểm đã lưu bị hỏng và bộ nhớ đã đầy nên không cất được bản gốc. \
             Đã tìm lại {recovered} bảng điểm; để giữ nguyên dữ liệu, lần này ứng dụng không ghi gì vào bộ nhớ: \
             hãy tải bản sao lưu, xóa bớt dữ liệu rồi tải lại trang."
        ),
    }
}
pub fn banner_recovered(n: usize) -> String {
    format!("Danh mục các bảng điểm bị mất; đã tìm lại {n} bảng điểm trong bộ nhớ của trình duyệt.")
}
pub fn banner_sheet_unreadable(title: &str, why: &Unreadable) -> String {
    let title = if title.is_empty() {
        "không tên"
    } else {
        title
    };
    match why {
        Unreadable::Corrupt => format!(
            "Bảng điểm «{title}» bị hỏng nên không mở được. Dữ liệu gốc vẫn được giữ nguyên, không bị xóa: \
             có thể tải về để cứu lại."
        ),
        Unreadable::TooNew(_) => format!(
            "Bảng điểm «{title}» được lưu bởi phiên bản mới hơn của ứng dụng nên phiên bản này không mở được; \
             dữ liệu được để nguyên. Hãy tải lại trang (Ctrl+F5) để dùng phiên bản mới."
        ),
        Unreadable::Missing => format!(
            "Không tìm thấy dữ liệu của bảng điểm «{title}» trong bộ nhớ của trình duyệt."
        ),
    }
}
/// The picker's label of a scoresheet that cannot be opened.
pub fn ws_unreadable_label(title: &str, why: &Unreadable) -> String {
    match why {
        Unreadable::TooNew(_) => format!("{title} (phiên bản mới hơn)"),
        _ => format!("{title} (không mở được)"),
    }
}
pub fn banner_save_failed(e: &StoreError) -> String {
    let why = match e {
        StoreError::Denied => "trình duyệt vừa chặn quyền lưu dữ liệu của trang".to_string(),
        StoreError::Unavailable => "bộ nhớ của trình duyệt không còn dùng được".to_string(),
        StoreError::Quota => "bộ nhớ đã đầy".to_string(),
        StoreError::Other(name) if name.is_empty() => "lỗi của trình duyệt".to_string(),
        StoreError::Other(name) => format!("lỗi của trình duyệt: {name}"),
    };
    format!(
        "Thay đổi mới nhất CHƯA được lưu ({why}); bản lưu trước vẫn còn. Hãy tải bản sao lưu hoặc xuất Excel."
    )
}
pub const WS_DOWNLOAD_RAW: &str = "Tải dữ liệu gốc";
pub const WS_DELETE_THIS: &str = "Xóa bảng này";
pub const WS_UNSAVED_LEAVE: &str = "Còn thay đổi chưa lưu được. Rời trang sẽ mất các thay đổi này.";

/// "chamdiem-du-lieu-goc-khoi-huyen-2022.json" from the export's file name.
pub fn raw_file_name(xlsx_name: &str) -> String {
    format!(
        "chamdiem-du-lieu-goc-{}.json",
        xlsx_name.trim_end_matches(".xlsx")
    )
}
pub const BANNER_QUOTA: &str =
    "Bộ nhớ của trình duyệt đã đầy: thay đổi mới nhất CHƯA được lưu, bản lưu trước vẫn còn. \
     Hãy tải bản sao lưu hoặc xuất Excel, rồi xóa bớt bảng điểm cũ.";
pub const BANNER_CONFLICT: &str =
    "Bảng điểm này vừa được lưu ở một thẻ (tab) khác trong khi thẻ này còn thay đổi chưa lưu. \
     Chọn bản muốn giữ:";
pub const BANNER_UPDATED: &str =
    "Bảng điểm đã được cập nhật theo thay đổi vừa lưu ở thẻ (tab) khác.";
pub const CONFLICT_THEIRS: &str = "Dùng bản ở thẻ kia";
pub const CONFLICT_MINE: &str = "Giữ bản của thẻ này";

pub const EXPORT_BUTTON: &str = "Xuất Excel";
pub const EXPORT_WORKING: &str = "Đang tạo tệp Excel…";
pub const EXPORT_PACKS_BUTTON: &str = "Xuất phiếu cho từng đơn vị";
pub const EXPORT_PACKS_HINT: &str = "Mỗi đơn vị một tệp Excel để tự chấm rồi gửi lại, gói trong \
     một tệp .zip. Điểm chuẩn và công thức được khóa; khi gộp, tệp tự về đúng đơn vị.";
pub const EXPORT_PACKS_WORKING: &str = "Đang tạo phiếu cho từng đơn vị…";
pub const EXPORT_PACKS_FAILED: &str = "Không tạo được phiếu cho các đơn vị";

/// "chamdiem-sao-luu-khoi-huyen-2022.json" from the export's file name.
pub fn backup_file_name(xlsx_name: &str) -> String {
    format!(
        "chamdiem-sao-luu-{}.json",
        xlsx_name.trim_end_matches(".xlsx")
    )
}

pub fn ws_delete_confirm(title: &str) -> String {
    format!("Xóa hẳn bảng điểm \"{title}\" khỏi trình duyệt này? Không hoàn tác được (hãy tải bản sao lưu trước nếu cần).")
}

/// What a restore kept, and why not the rest.
pub fn ws_restored(r: &RestoreReport) -> String {
    let mut out = format!("Đã khôi phục {} bảng điểm từ bản sao lưu.", r.kept.len());
    if r.not_written > 0 {
        let why = match &r.stopped {
            Some(SaveError::Store(StoreError::Quota)) => {
                "bộ nhớ của trình duyệt đã đầy".to_string()
            }
            Some(SaveError::Store(e)) => banner_save_failed(e),
            Some(SaveError::ReadOnly) | Some(SaveError::TooNew(_)) => {
                "trang này đang không ghi vào bộ nhớ (xem thông báo phía trên)".to_string()
            }
            Some(SaveError::Conflict) | None => "không lưu được".to_string(),
        };
        out.push_str(&format!(
            " {} bảng điểm CHƯA được khôi phục: {why}.",
            r.not_written
        ));
    }
    if r.unreadable > 0 {
        out.push_str(&format!(
            " {} bảng điểm trong tệp bị hỏng, không đọc được.",
            r.unreadable
        ));
    }
    out
}

pub fn copy_title(title: &str) -> String {
    format!("{title} (bản sao)")
}

// --- merging returned workbooks, comparison (UI) ---------------------------

pub const VIEW_COMPARE: &str = "Thẩm định";
pub const COL_DELTA: &str = "Chênh lệch";
pub const COMPARE_HINT: &str = "Các tiêu chí có điểm khối chấm hoặc thẩm định khác điểm tự chấm, \
     ba đơn vị dẫn đầu trước.";
pub const COMPARE_NONE: &str = "Chưa có tiêu chí nào mà khối chấm hoặc thẩm định khác tự chấm.";
pub const IMPORT_MERGE: &str = "Gộp điểm vào bảng đang mở";
/// In place of [`IMPORT_MERGE`] when the file holds no score.
pub const IMPORT_NOTHING_TO_MERGE: &str =
    "Tệp này chưa có điểm nào nên không gộp được; mở nó như một bảng mới.";
pub const MERGE_TITLE: &str = "Gộp điểm từ các tệp đơn vị gửi về";
pub const MERGE_CONFLICTS: &str = "Ô đã có giá trị khác";
pub const MERGE_CONFLICTS_HINT: &str =
    "Mặc định giữ giá trị đang có; đánh dấu ô nào muốn lấy giá trị trong tệp.";
pub const MERGE_CURRENT: &str = "Đang có";
pub const MERGE_INCOMING: &str = "Trong tệp";
pub const MERGE_FILE: &str = "Tệp";
pub const MERGE_TAKE_INCOMING: &str = "Lấy giá trị trong tệp";
pub const MERGE_UNKNOWN_UNITS: &str = "Đơn vị không có trong bảng";
pub const MERGE_ADD_UNITS: &str = "Thêm các đơn vị này vào bảng";
pub const MERGE_UNKNOWN_CRITERIA: &str = "Tiêu chí không có trong bảng (không nhập)";
pub const MERGE_CONFIRM: &str = "Gộp vào bảng";

pub fn files_count(n: usize) -> String {
    format!("{n} tệp")
}

pub fn merge_summary(fills: usize, notes: usize, same: usize, conflicts: usize) -> String {
    format!("Sẽ điền {fills} ô điểm và {notes} ghi chú; {same} ô đã có đúng giá trị này; {conflicts} ô đang có giá trị khác.")
}

pub fn merge_unknown_unit(name: &str, file: &str, cells: usize) -> String {
    format!("“{name}” (tệp {file}, {cells} ô)")
}

pub fn merge_unknown_criterion(code: &str, text: &str, file: &str, cells: usize) -> String {
    format!("{code} “{text}” (tệp {file}, {cells} ô)")
}

pub fn merge_done(ops: usize) -> String {
    if ops == 0 {
        // Nothing to undo either: no word of Hoàn tác.
        return "Không có gì mới để gộp: các điểm trong tệp đã có sẵn trong bảng.".into();
    }
    format!("Đã gộp ({ops} thay đổi). Bấm Hoàn tác (Ctrl+Z) để bỏ toàn bộ lần gộp này.")
}

/// The list of files in the merge dialog, one line each.
pub const MERGE_FILES: &str = "Các tệp";
pub const MERGE_FILES_HINT: &str = "Mỗi tệp được gộp vào đơn vị ghi bên cạnh. Nếu nhận nhầm, chọn \
     lại đơn vị hoặc bỏ qua tệp: bảng xem trước được tính lại ngay.";
/// The select of a file's unit: the name says.
pub const MERGE_BY_NAME: &str = "Theo tên trong tệp";
/// The same choice for a unit pack, which goes by the unit it was made for.
pub const MERGE_BY_STAMP: &str = "Theo phiếu đã xuất";
pub const MERGE_SKIP: &str = "Bỏ qua tệp này";

/// "Đơn vị cho tệp vu-quang.xlsx" (the select's label), with the unit's
/// name in the file when the file holds several.
pub fn merge_pick_label(file: &str, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("Đơn vị cho tệp {file} ({n})"),
        None => format!("Đơn vị cho tệp {file}"),
    }
}

/// "cam-xuyen.xlsx → UBND huyện Cẩm Xuyên: 9 ô mới, 1 ô khác, 0 ô không
/// hợp lệ, 1 ghi chú"; `name` is the unit's name in the file when the file
/// holds several.
pub fn merge_line(
    file: &str,
    name: Option<&str>,
    to: &str,
    counts: Option<(usize, usize, usize, usize)>,
) -> String {
    let file = match name {
        Some(n) => format!("{file} ({n})"),
        None => file.to_string(),
    };
    match counts {
        None => format!("{file} → {to}"),
        Some((new, conflicts, invalid, notes)) => {
            let mut s =
                format!("{file} → {to}: {new} ô mới, {conflicts} ô khác, {invalid} ô không hợp lệ");
            if notes > 0 {
                s.push_str(&format!(", {notes} ghi chú"));
            }
            s
        }
    }
}

/// The values of a file's unit its criteria refuse, named (at most
/// [`MERGE_REFUSED_SHOWN`], then how many more): where they are, what
/// they hold and why; a negative deduction says how to write it.
pub fn merge_refused(cells: &[crate::model::merge::Refused]) -> String {
    use crate::model::CellError;
    let named: Vec<String> = cells
        .iter()
        .take(MERGE_REFUSED_SHOWN)
        .map(|r| {
            let why = match (&r.error, r.deduction) {
                (CellError::Negative, true) => {
                    let plain = r.raw.trim_start_matches(['-', '−', ' ']);
                    format!("điểm trừ ghi số dương ({plain}), không ghi dấu trừ")
                }
                (e, _) => cell_error(e).to_lowercase(),
            };
            format!("{} {} «{}»: {why}", r.code, stage_name(r.stage), r.raw)
        })
        .collect();
    let mut s = format!(
        "Ô không hợp lệ, giữ nguyên như trong tệp và chưa tính điểm (chữ đỏ trên lưới): {}",
        named.join("; ")
    );
    if cells.len() > MERGE_REFUSED_SHOWN {
        s.push_str(&format!(
            "; và {} ô khác",
            cells.len() - MERGE_REFUSED_SHOWN
        ));
    }
    s
}
pub const MERGE_REFUSED_SHOWN: usize = 5;

/// A returned file that holds khối chấm or thẩm định scores besides tự
/// chấm: where they go, and how to keep them out.
pub fn merge_other_stages(unit: Option<&str>, bloc: u32, verify: u32) -> String {
    let mut parts = Vec::new();
    if bloc > 0 {
        parts.push(format!("khối chấm ở {bloc} tiêu chí"));
    }
    if verify > 0 {
        parts.push(format!("thẩm định ở {verify} tiêu chí"));
    }
    let who = unit.map(|u| format!(" ({u})")).unwrap_or_default();
    format!(
        "Tệp có cả điểm {}{who}: được gộp vào đúng cột đó như điểm của khối; nếu không phải, chọn «Bỏ qua tệp này» hoặc hoàn tác sau khi gộp.",
        parts.join(" và ")
    )
}

/// Where a file's unit goes when the bloc has no such unit.
pub fn merge_to_new(name: &str) -> String {
    format!("đơn vị mới “{name}” (chưa có trong bảng)")
}

/// …when two units of the bloc or more fit its name.
pub fn merge_to_unclear(name: &str, candidates: &[&str]) -> String {
    format!(
        "chưa rõ: “{name}” khớp cả {}; hãy chọn đơn vị",
        candidates.join(", ")
    )
}

pub const MERGE_TO_SKIPPED: &str = "bỏ qua";

/// Where a unit pack goes: the unit it was made for, whatever name it
/// carries.
pub fn merge_to_stamped(name: &str) -> String {
    format!("{name} (phiếu xuất cho đơn vị này)")
}

/// A file holding no score.
pub fn merge_nothing(file: &str) -> String {
    format!("{file}: không có điểm nào để gộp")
}

/// An unreadable file of the batch.
pub fn merge_unreadable(file: &str, why: &str) -> String {
    format!("{file}: không đọc được — {why}")
}

/// What differs in a file's template: "3 tiêu chí không có trong bảng".
pub fn merge_extra(n: usize, codes: &[String]) -> String {
    format!("{n} tiêu chí không có trong bảng ({})", codes_list(codes))
}

pub fn merge_missing(n: usize, codes: &[String]) -> String {
    format!(
        "{n} tiêu chí của bảng không có trong tệp ({})",
        codes_list(codes)
    )
}

/// "điểm chuẩn I.2 khác: 8 → 10"
pub fn merge_max_changed(code: &str, target: Option<Dec>, file: Dec) -> String {
    let target = target.map(|d| d.to_vi()).unwrap_or_else(|| "trống".into());
    format!("điểm chuẩn {code} khác: {target} → {}", file.to_vi())
}

/// A unit pack made from another table than the open one.
pub const MERGE_PACK_OTHER: &str = "Phiếu này làm từ mẫu khác với bảng đang mở";

/// A different template.
pub fn merge_foreign(matching: usize, criteria: usize) -> String {
    format!("Mẫu khác: chỉ {matching}/{criteria} tiêu chí của tệp khớp với bảng đang mở")
}

/// At most eight codes, then "…".
fn codes_list(codes: &[String]) -> String {
    let mut s = codes.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
    if codes.len() > 8 {
        s.push_str(", …");
    }
    s
}

// --- receipts ("Tình hình nộp") ---------------------------------------------

pub const RECEIPTS_BUTTON: &str = "Tình hình nộp";
pub const RECEIPTS_TITLE: &str = "Tình hình nộp tệp của các đơn vị";
pub const RECEIPTS_HINT: &str =
    "Mỗi lần gộp tệp một đơn vị gửi về được ghi lại: tệp nào, lúc nào, \
     chấm bao nhiêu tiêu chí. Lưu cùng bảng điểm và trong tệp Excel xuất ra.";
pub const RECEIPTS_LAST_FILE: &str = "Tệp gửi gần nhất";
pub const RECEIPTS_WHEN: &str = "Thời điểm gộp";
pub const RECEIPTS_FILLED: &str = "Tiêu chí chấm trong tệp đó";
pub const RECEIPTS_NOW: &str = "Tự chấm hiện có trong bảng";
pub const RECEIPTS_COUNT: &str = "Số lần gửi";
pub const RECEIPTS_NOT_SENT: &str = "chưa gửi";
pub const RECEIPTS_ALL_SENT: &str = "Tất cả các đơn vị đã gửi tệp.";

/// "Chưa gửi (2): Đức Thọ, Hương Sơn."
pub fn receipts_not_sent(names: &[&str]) -> String {
    format!("Chưa gửi ({}): {}.", names.len(), names.join(", "))
}

/// "Tự chấm 14/14 · Khối chấm 2/14": the stages the file scored.
/// Valid scores of `criteria`, and invalid cells: "4/13", "1/13, 2 ô
/// không hợp lệ"; "—" when nothing is there.
pub fn receipt_now(valid: usize, invalid: usize, criteria: usize) -> String {
    match (valid, invalid) {
        (0, 0) => NOT_SCORED.to_string(),
        (n, 0) => format!("{n}/{criteria}"),
        (n, bad) => format!("{n}/{criteria}, {bad} ô không hợp lệ"),
    }
}

pub fn receipt_filled(filled: [u32; 3], criteria: usize) -> String {
    let parts: Vec<String> = Stage::ALL
        .iter()
        .filter(|s| filled[s.index()] > 0)
        .map(|s| format!("{} {}/{criteria}", stage_name(*s), filled[s.index()]))
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(" · ")
    }
}

/// "20/12/2024 08:00": `at` (milliseconds since the epoch, UTC) shifted by
/// `offset_minutes` (local time minus UTC).
pub fn receipt_time(at: u64, offset_minutes: i64) -> String {
    let minutes = (at / 60_000) as i64 + offset_minutes;
    let (days, minute) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{day:02}/{month:02}/{year} {:02}:{:02}",
        minute / 60,
        minute % 60
    )
}

// --- "Chốt kết quả" (model::lock) -------------------------------------------

pub const LOCK_BUTTON: &str = "Chốt kết quả…";
pub const LOCK_TITLE: &str = "Chốt kết quả trước khi gửi";
pub const LOCK_HINT: &str = "Kiểm tra lần cuối trước khi gửi Ban Thi đua - Khen thưởng. Sau khi \
     chốt, điểm không sửa được nữa cho đến khi mở khóa (việc mở khóa được ghi lại); mã kết quả in \
     trên mọi trang xuất ra để biết bản nào đã gửi.";
pub const LOCK_STAGE: &str = "Kết quả gửi đi";
pub const LOCK_ALL_GOOD: &str = "Không có gì cần xem lại: mọi đơn vị đã chấm đủ, có lý do cho \
     mọi điểm trừ và điều chỉnh.";
pub const LOCK_CONFIRM: &str = "Chốt kết quả";
pub const LOCK_CONFIRM_ANYWAY: &str = "Vẫn chốt kết quả";
pub const LOCK_REASON: &str = "Lý do mở khóa";
pub const LOCK_REASON_NEEDED: &str = "Ghi lý do mở khóa (ví dụ: Ban Thi đua yêu cầu sửa điểm \
     tiêu chí 2.3).";
pub const UNLOCK: &str = "Mở khóa";
pub const UNLOCK_TITLE: &str = "Mở khóa kết quả đã chốt";
pub const UNLOCK_HINT: &str = "Mở khóa để sửa điểm. Lý do mở khóa được ghi vào nhật ký dưới \
     đây; khi chốt lại, mã kết quả đổi nếu điểm đã đổi, để phân biệt với bản đã gửi.";
pub const UNLOCK_BUTTON: &str = "Mở khóa…";
pub const LOCK_LOG: &str = "Nhật ký chốt và mở khóa";
pub const LOCK_REFUSED: &str = "Thay đổi vừa rồi không được ghi vì kết quả đã chốt. Muốn sửa, \
     bấm “Mở khóa…”.";
pub const MERGE_LOCKED_HEADING: &str = "Không gộp được tệp vào bảng đã chốt";

/// "Có 3 đơn vị cần xem lại (…):"
pub fn lock_findings_count(units: usize) -> String {
    format!("Có {units} đơn vị cần xem lại (vẫn chốt được nếu đã cân nhắc):")
}

/// "Đã chốt kết quả khối chấm lúc 05/12/2026 14:30 · Mã kết quả 3F2A-91C0"
pub fn lock_banner(lock: &crate::model::Lock) -> String {
    crate::xlsx::words::export_lock_line(lock)
}

/// One line of the lock's log.
pub fn lock_event(e: &crate::model::LockEvent) -> String {
    use crate::model::LockAction;
    match e.action {
        LockAction::Locked => format!("{}: chốt kết quả, mã {}", e.at, e.fingerprint),
        LockAction::Unlocked => format!(
            "{}: mở khóa (mã {}). Lý do: {}",
            e.at, e.fingerprint, e.reason
        ),
    }
}

/// What the check before sending found for one unit, as short phrases:
/// its criteria without a reason are named together, not one line each
/// (a bloc of 20 units gave a hundred lines).
pub fn lock_unit_findings(fs: &[&crate::model::Finding]) -> Vec<String> {
    use crate::model::{Finding as F, Stage};
    let mut out = Vec::new();
    let mut deductions = Vec::new();
    let mut differences: Vec<(Stage, &str)> = Vec::new();
    for f in fs {
        match f {
            // What is missing, as the grid's totals say it (blank bonus
            // and deduction rows hold 0 once a stage is scored).
            F::Incomplete {
                counted: 0,
                invalid: 0,
                ..
            } => out.push("chưa chấm".to_string()),
            F::Incomplete {
                counted,
                criteria,
                invalid: 0,
                ..
            } => out.push(format!(
                "còn {}/{criteria} tiêu chí chưa có điểm",
                criteria - counted
            )),
            F::Incomplete {
                counted,
                criteria,
                invalid,
                ..
            } => out.push(format!(
                "còn {}/{criteria} tiêu chí chưa có điểm, {invalid} ô không phải điểm hợp lệ",
                criteria - counted
            )),
            F::BonusOverCap { typed, counted, .. } => out.push(format!(
                "điểm thưởng ghi {} nhưng chỉ tính tối đa {}",
                typed.to_vi(),
                counted.to_vi()
            )),
            F::DeductionWithoutReason { code, .. } => deductions.push(code.as_str()),
            F::DifferenceWithoutReason { code, stage, .. } => differences.push((*stage, code)),
            F::NoClass { total, .. } => out.push(format!(
                "tổng {} điểm không thuộc mức xếp loại nào",
                total.to_vi()
            )),
        }
    }
    if !deductions.is_empty() {
        out.push(format!(
            "điểm trừ chưa ghi lý do ở tiêu chí {}",
            deductions.join(", ")
        ));
    }
    for stage in [Stage::Bloc, Stage::Verify] {
        let codes: Vec<&str> = differences
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, c)| *c)
            .collect();
        if !codes.is_empty() {
            out.push(format!(
                "điểm {} khác tự chấm, chưa ghi lý do ở {} tiêu chí: {}",
                stage_name(stage).to_lowercase(),
                codes.len(),
                codes.join(", ")
            ));
        }
    }
    out
}

// --- "Xem bản in" (ui/print.rs) ----------------------------------------------

pub const PRINT_BUTTON: &str = "Xem bản in";
pub const PRINT_TITLE: &str = "Bản in: Tổng hợp, phiếu chấm từng đơn vị, thẩm định";
pub const PRINT_NOW: &str = "In (Ctrl+P)";
pub const PRINT_HINT: &str = "Khổ A4; bảng dài tự sang trang và lặp lại hàng tiêu đề. Trong hộp \
     thoại in, chọn máy in hoặc “Lưu dưới dạng PDF”.";
pub const PRINT_REVIEW_TITLE: &str = "BẢNG ĐỐI CHIẾU ĐIỂM TỰ CHẤM, KHỐI CHẤM VÀ THẨM ĐỊNH";
pub const PRINT_COL_CODE: &str = "Tiêu chí";
pub const PRINT_COL_STAGE: &str = "Giai đoạn";
pub const PRINT_COL_AFTER: &str = "Điểm sau điều chỉnh";
pub const PRINT_COL_REASON: &str = "Lý do";

// --- "Hồ sơ gửi Ban Thi đua" (ui/dossier.rs) ---------------------------------

pub const DOSSIER_BUTTON: &str = "Hồ sơ gửi Ban…";
pub const DOSSIER_TITLE: &str = "Hồ sơ gửi Ban Thi đua - Khen thưởng";
pub const DOSSIER_HINT: &str = "Ghi ngắn gọn cuộc họp khối; biên bản và báo cáo (.docx, mở bằng \
     Word để sửa, ký) lấy kết quả chấm điểm từ bảng điểm. Gói hồ sơ gồm tệp Excel và hai văn bản.";
pub const DOSSIER_NUMBER: &str = "Số biên bản";
pub const DOSSIER_NUMBER_HINT: &str = "01/BB-KTĐ";
pub const DOSSIER_WHEN: &str = "Thời gian họp";
pub const DOSSIER_WHEN_HINT: &str = "14 giờ 00, ngày 05/12/2026";
pub const DOSSIER_PLACE: &str = "Địa điểm";
pub const DOSSIER_PLACE_HINT: &str = "Hội trường UBND huyện…";
pub const DOSSIER_CHAIR: &str = "Chủ trì";
pub const DOSSIER_CHAIR_HINT: &str = "Ông/Bà …, chức vụ, Trưởng khối";
pub const DOSSIER_SECRETARY: &str = "Thư ký";
pub const DOSSIER_SECRETARY_HINT: &str = "Ông/Bà …, chức vụ";
pub const DOSSIER_PRESENT: &str = "Thành viên dự họp (mỗi người một dòng)";
pub const DOSSIER_ABSENT: &str = "Thành viên vắng (mỗi người một dòng, kèm lý do)";
pub const DOSSIER_LINES_HINT: &str = "Ông Nguyễn Văn A – Phó Chủ tịch UBND huyện…";
pub const DOSSIER_PROPOSALS: &str = "Đề nghị khen thưởng và kết quả bỏ phiếu";
pub const DOSSIER_AWARD: &str = "Hình thức đề nghị";
pub const DOSSIER_DEFAULT_AWARD: &str = "Cờ thi đua của UBND tỉnh";
pub const DOSSIER_VOTES_FOR: &str = "Số phiếu đồng ý";
pub const DOSSIER_VOTERS: &str = "Số thành viên bỏ phiếu";
pub const DOSSIER_ADD: &str = "Thêm đề nghị";
pub const DOSSIER_REMOVE: &str = "Bỏ";
pub const DOSSIER_DOWNLOAD_ALL: &str = "Tải gói hồ sơ (.zip)";
pub const DOSSIER_DOWNLOAD_MINUTES: &str = "Tải biên bản (.docx)";
pub const DOSSIER_DOWNLOAD_REPORT: &str = "Tải báo cáo (.docx)";
pub const DOSSIER_WORKING: &str = "Đang tạo hồ sơ…";
pub const DOSSIER_FAILED: &str = "Không tạo được hồ sơ";
pub const DOSSIER_VOTES_NUMBER: &str = "Số phiếu phải là số nguyên không âm (ví dụ 6).";

pub fn dossier_votes_over(n: usize) -> String {
    format!("Đề nghị thứ {n}: số phiếu đồng ý lớn hơn số thành viên bỏ phiếu.")
}

pub fn dossier_voters_over(n: usize, present: usize) -> String {
    format!("Đề nghị thứ {n}: số thành viên bỏ phiếu lớn hơn số thành viên dự họp ({present}).")
}

pub fn dossier_unknown_unit(n: usize) -> String {
    format!("Đề nghị thứ {n}: đơn vị không còn trong bảng điểm.")
}

pub fn dossier_proposal_unit(n: usize) -> String {
    format!("Đơn vị được đề nghị {n}")
}

pub fn dossier_proposal_award(n: usize) -> String {
    format!("Hình thức đề nghị {n}")
}

pub fn dossier_proposal_for(n: usize) -> String {
    format!("Số phiếu đồng ý {n}")
}

pub fn dossier_proposal_voters(n: usize) -> String {
    format!("Số thành viên bỏ phiếu {n}")
}

// --- documents (src/docx/) --------------------------------------------------

pub const DOCX_NUMBER: &str = "Số:";
pub const DOCX_NUMBER_BLANK: &str = "Số:      /";
pub const DOCX_BLANK: &str = "……………………";
pub const DOCX_MINUTES: &str = "BIÊN BẢN";
pub const DOCX_REPORT: &str = "BÁO CÁO";
pub const DOCX_MINUTES_TIME: &str = "I. THỜI GIAN, ĐỊA ĐIỂM";
pub const DOCX_MINUTES_WHO: &str = "II. THÀNH PHẦN";
pub const DOCX_MINUTES_WHAT: &str = "III. NỘI DUNG";
pub const DOCX_MINUTES_VOTES: &str = "Kết quả bỏ phiếu đề nghị khen thưởng:";
pub const DOCX_CHAIR: &str = "- Chủ trì:";
pub const DOCX_SECRETARY: &str = "- Thư ký:";
pub const DOCX_CHAIR_SIGN: &str = "CHỦ TRÌ";
pub const DOCX_SECRETARY_SIGN: &str = "THƯ KÝ";
pub const DOCX_PARTIAL_NOTE: &str = "(*) Tổng điểm của giai đoạn chưa chấm đủ mọi tiêu chí.";
pub const DOCX_NO_PROPOSALS: &str = "Chưa có đề nghị khen thưởng.";
pub const DOCX_MINUTES_CLOSE: &str = "Cuộc họp kết thúc cùng ngày. Biên bản đã được thông qua \
     trước các thành viên dự họp và được các thành viên thống nhất.";
pub const DOCX_REPORT_HOW: &str = "I. CÁCH CHẤM ĐIỂM";
pub const DOCX_REPORT_RESULTS: &str = "II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG";
pub const DOCX_REPORT_PROPOSALS: &str = "III. ĐỀ NGHỊ KHEN THƯỞNG";
pub const DOCX_REPORT_CLOSE: &str = "Khối thi đua kính đề nghị Ban Thi đua - Khen thưởng xem xét, \
     trình cấp có thẩm quyền khen thưởng./.";
pub const DOCX_RECIPIENTS: &str = "Nơi nhận:";
pub const DOCX_RECIPIENT_LINES: &[&str] = &[
    "- Ban Thi đua - Khen thưởng;",
    "- Các đơn vị trong khối;",
    "- Lưu: VT.",
];

/// "Họp bình xét, chấm điểm thi đua: Khối … — năm 2024"
pub fn docx_minutes_about(title: &str) -> String {
    format!("Họp bình xét, chấm điểm thi đua\n{title}")
}

pub fn docx_report_about(title: &str) -> String {
    format!("Kết quả chấm điểm thi đua\n{title}")
}

pub fn docx_minutes_when(when: &str, place: &str) -> String {
    format!("Vào lúc {when}, tại {place}, khối thi đua tổ chức họp bình xét, chấm điểm thi đua.")
}

pub fn docx_present(n: usize) -> String {
    match n {
        0 => "- Thành viên dự họp: ……………………".to_string(),
        n => format!("- Thành viên dự họp ({n} người):"),
    }
}

pub fn docx_absent(n: usize) -> String {
    format!("- Vắng ({n} người):")
}

/// "5 đơn vị", or "3/5 đơn vị (2 đơn vị chờ khối chấm)" while some have
/// no final result: the documents never say more were scored than were.
fn docx_scored_units(scored: usize, units: usize) -> String {
    if scored == units {
        format!("{units} đơn vị")
    } else {
        format!(
            "đủ {scored}/{units} đơn vị ({} đơn vị {AWAITING_BLOC})",
            units - scored
        )
    }
}

pub fn docx_minutes_scored(scored: usize, units: usize, rule: &str) -> String {
    format!(
        "Khối đã chấm điểm {} theo bảng chấm điểm đã thống nhất. {rule} Kết quả như sau:",
        docx_scored_units(scored, units)
    )
}

pub fn docx_report_how(scored: usize, units: usize, rule: &str) -> String {
    format!(
        "Các đơn vị tự chấm điểm theo bảng chấm điểm của khối; khối họp chấm điểm {}. {rule}",
        docx_scored_units(scored, units)
    )
}

/// "Cờ thi đua của UBND tỉnh: 6/7 phiếu đồng ý (85,7%)."
pub fn docx_vote(award: &str, votes_for: u32, voters: u32, percent: &str) -> String {
    format!("{award}: {votes_for}/{voters} phiếu đồng ý ({percent}%).")
}

/// "đề nghị Cờ thi đua của UBND tỉnh; tổng điểm 92,25; 6/7 phiếu đồng ý (85,7%)."
pub fn docx_proposal(
    award: &str,
    total: &str,
    votes_for: u32,
    voters: u32,
    percent: &str,
) -> String {
    format!("đề nghị {award}; tổng điểm {total}; {votes_for}/{voters} phiếu đồng ý ({percent}%).")
}

// --- reasons (Thẩm định tab) ------------------------------------------------

pub const REASONS_MISSING: &str = "Điều chỉnh chưa ghi lý do";
pub const REASONS_HINT: &str =
    "Ô khối chấm hoặc thẩm định khác điểm tự chấm cần ghi lý do vào ghi \
     chú của ô (chọn ô trên Phiếu chấm, Shift+F2). Trên lưới, các ô này có viền cam.";
pub const REASONS_AFTER: &str = "Điều chỉnh thành";

/// "Điều chỉnh chưa ghi lý do (3)"
pub fn reasons_missing(n: usize) -> String {
    format!("{REASONS_MISSING} ({n})")
}

// --- summary --------------------------------------------------------------

pub const SUMMARY_STAGE: &str = "Kết quả:";
pub const SUMMARY_FINAL: &str = "Kết quả cuối";
pub const SUMMARY_SORT: &str = "Sắp xếp:";
pub const SORT_RANK: &str = "Theo xếp hạng";
pub const SORT_NAME: &str = "Theo tên đơn vị";
pub const CHART_TITLE: &str = "Biểu đồ tổng điểm";
pub const COL_BONUS: &str = "Điểm thưởng";
pub const COL_DEDUCTION: &str = "Điểm trừ";

// --- import -------------------------------------------------------------

pub const IMPORT_BUTTON: &str = "Nhập tệp Excel";
pub const WORKER_FAILED: &str =
    "Trình duyệt không chạy được bộ đọc tệp (Web Worker). Hãy tải lại trang.";
pub const WORKER_CRASHED: &str =
    "Tệp này làm bộ đọc tệp gặp lỗi nên không đọc được (tệp có thể bị hỏng). \
     Dữ liệu đang mở không bị ảnh hưởng.";
pub const IMPORT_HINT: &str = "hoặc kéo thả tệp .xlsx, .xls, .ods vào trang";
pub const IMPORT_DROP: &str = "Thả tệp vào đây để nhập";
pub const IMPORT_READING: &str = "Đang đọc tệp";
pub const IMPORT_STOP: &str = "Hủy";
pub const IMPORT_CANCELLED: &str = "Đã hủy theo yêu cầu; không có gì thay đổi.";
pub const IMPORT_TITLE: &str = "Kiểm tra trước khi nhập";
pub const IMPORT_CONFIRM: &str = "Dùng bảng chấm điểm này";
pub const IMPORT_CANCEL: &str = "Hủy";
pub const IMPORT_UNSURE: &str =
    "Ứng dụng chưa chắc cột nào là cột nào. Hãy chọn lại các cột bên dưới rồi kiểm tra kết quả.";
pub const IMPORT_COLUMNS: &str = "Các cột";
// The preview's reading of the table, and the corrections made there
// (xlsx/fixes.rs).
pub const IMPORT_PROBLEM_TEXT: &str =
    "Chưa biết cột nào ghi nội dung tiêu chí. Hãy chọn cột “Nội dung” (và hàng tiêu đề nếu cần) ở phần Các cột.";
pub const IMPORT_PROBLEM_ROWS: &str = "Dưới hàng tiêu đề chưa đọc được tiêu chí nào có điểm. \
     Hãy kiểm tra hàng tiêu đề, cột “Điểm tối đa”, hoặc đánh dấu từng dòng ở bảng bên dưới.";
pub const SKIP_PART_TOTAL: &str = "chỉ cộng các mục bên dưới";
pub const SKIP_INDEX_ROW: &str = "dòng đánh số cột (1), (2), (3)…";
pub const SKIP_TOTAL: &str = "dòng tổng, được tính lại";
pub const SKIP_END: &str = "bảng kết thúc ở đây (phần ký tên hoặc xếp loại)";
pub const SKIP_FIXED: &str = "đã đánh dấu";
pub const PREVIEW_ROWS: &str = "Bảng đã đọc";
pub const PREVIEW_ROWS_HINT: &str =
    "Sai ở đâu thì sửa ngay tại dòng đó: vai trò của dòng, loại điểm, điểm tối đa. Kết quả cập nhật ngay.";
pub const PREVIEW_ROW: &str = "Dòng";
pub const PREVIEW_CODE: &str = "Mã";
pub const PREVIEW_TEXT: &str = "Nội dung";
pub const PREVIEW_ROLE: &str = "Là";
pub const PREVIEW_KIND: &str = "Loại";
pub const PREVIEW_MAX: &str = "Tối đa";
pub const PREVIEW_SHEET: &str = "Trang tính";
pub const PREVIEW_HEADER_ROW: &str = "Hàng tiêu đề";
pub const PREVIEW_UNITS: &str = "Đơn vị và cột điểm";
pub const PREVIEW_UNDO_FIXES: &str = "Bỏ mọi chỉnh sửa";
pub const PREVIEW_FIXED: &str = "đã sửa";
pub const PREVIEW_WORKING: &str = "Đang đọc lại…";
pub const PREVIEW_BAD_MAX: &str = "Điểm tối đa phải là số không âm, ví dụ 10 hoặc 2,5.";
pub const PREVIEW_FIX_FAILED: &str = "Không đọc lại được với chỉnh sửa này; bảng vẫn như trước.";

pub const PREVIEW_CAP_IN_TITLE: &str = "Đọc từ tên mục, ví dụ “(tối đa 10 điểm)”";
pub const PREVIEW_RESET_ROW: &str = "Trả dòng này về như đã đọc";

/// A kind as the preview's badge and select say it.
pub fn kind_short(k: Kind) -> &'static str {
    match k {
        Kind::Content => "Nội dung",
        Kind::Bonus => "Thưởng",
        Kind::Deduction => "Trừ",
    }
}

pub const PREVIEW_SECTION_SUM: &str = "Mục nội dung: điểm của mục là tổng điểm các tiêu chí con \
     (số ghi trong tệp chỉ để đối chiếu). Sửa điểm tối đa ở từng tiêu chí.";

/// "Đơn vị: Trường THCS Colette"
pub fn preview_unit_names(names: &[String]) -> String {
    format!("Đơn vị: {}", names.join(", "))
}

/// "Đọc từ trang: Bang diem"
pub fn preview_unit_sheets(sheets: &[String]) -> String {
    format!("Đọc từ trang: {}", sheets.join(", "))
}

/// "… và 120 dòng nữa (không hiện)."
pub fn preview_more_rows(n: usize) -> String {
    format!("… và {n} dòng nữa không hiện ở đây.")
}

/// "Đã áp dụng các chỉnh sửa đã lưu cho mẫu “…”."
pub fn preview_recalled(title: &str) -> String {
    format!("Đã áp dụng các chỉnh sửa lần trước cho mẫu “{title}”. Có thể sửa tiếp hoặc bỏ.")
}

/// What a row is, as the preview's select says it.
pub fn row_role_name(r: crate::xlsx::RowRole) -> &'static str {
    use crate::xlsx::RowRole as R;
    match r {
        R::Section => "Mục",
        R::Criterion => "Tiêu chí",
        R::Guidance => "Dòng hướng dẫn",
        R::Total => "Dòng tổng",
        R::Skip => "Bỏ qua",
        R::SkipBlock => "Bỏ qua cả mục",
    }
}

/// Why a row under a cut block is left out: "bỏ qua cùng mục IV.B".
pub fn skip_cut(head: &str) -> String {
    format!("bỏ qua cùng mục {head}")
}
pub const IMPORT_NO_COLUMN: &str = "— không có —";
pub const IMPORT_WARNINGS: &str = "Lưu ý khi đọc tệp";
pub const IMPORT_NO_WARNINGS: &str = "Không có lưu ý nào.";
pub const IMPORT_FAILED: &str = "Không nhập được tệp";
pub const IMPORT_DONE: &str = "Đã nhập bảng chấm điểm";
pub const CLOSE: &str = "Đóng";
/// The toggle over technical details (English or codes) a user need not read.
pub const DETAILS: &str = "Chi tiết";
pub const CRASH_TITLE: &str = "Ứng dụng gặp lỗi và phải tải lại";
pub const CRASH_BODY: &str = "Đã xảy ra một lỗi không lường trước nên trang này ngừng hoạt động. \
     Những gì đã lưu trước đó vẫn an toàn trong trình duyệt; thao tác vừa làm có thể chưa được lưu. \
     Hãy tải lại trang để tiếp tục.";
pub const CRASH_RELOAD: &str = "Tải lại trang";

/// "Trang 'Bảng điểm', tiêu đề ở dòng 4 (tệp xlsx)"
pub fn import_where(sheet: &str, header_row: u32, format: &str) -> String {
    format!("Trang '{sheet}', hàng tiêu đề ở dòng {header_row} (tệp {format})")
}

/// "13 tiêu chí, 3 mục · 100 điểm nội dung, thưởng tối đa 5, trừ tối đa
/// 10"; with weights "180 điểm nội dung (gốc 120, chưa nhân hệ số)".
pub fn import_counts(
    criteria: usize,
    sections: usize,
    content: ShownMax,
    bonus: Dec,
    deduction: Dec,
) -> String {
    let raw = content
        .raw
        .map(|r| format!(" (gốc {}, chưa nhân hệ số)", r.to_vi()))
        .unwrap_or_default();
    format!(
        "{criteria} tiêu chí, {sections} mục · {} điểm nội dung{raw}, điểm thưởng tối đa {}, điểm trừ tối đa {}",
        content.max.to_vi(),
        bonus.to_vi(),
        deduction.to_vi()
    )
}

pub fn import_units(n: usize, scored: usize) -> String {
    if n == 0 {
        "Chưa có đơn vị nào (bảng mẫu trống); có thể thêm đơn vị sau.".into()
    } else {
        format!("{n} đơn vị, {scored} đơn vị đã có điểm")
    }
}

pub fn role_name(r: crate::xlsx::Role) -> &'static str {
    use crate::xlsx::Role;
    match r {
        Role::Stt => "STT",
        Role::Text => "Nội dung",
        Role::Max => "Điểm chuẩn",
        Role::Weight => "Hệ số",
        Role::SelfScore => "Tự chấm",
        Role::Bloc => "Khối chấm",
        Role::Verify => "Thẩm định",
        Role::Note => "Ghi chú",
    }
}

pub const WHAT_MAX: &str = "điểm chuẩn";
pub const WHAT_WEIGHT: &str = "hệ số";

/// The message for a file that cannot be imported.
pub fn import_error(e: &crate::xlsx::ImportError) -> String {
    use crate::xlsx::ImportError as E;
    match e {
        E::Empty => "Tệp rỗng (0 byte). Hãy chọn lại tệp Excel của khối.".into(),
        E::TooLarge { limit_mb } => format!(
            "Tệp quá lớn: ứng dụng nhận tệp tối đa {limit_mb} MB (khi giải nén tối đa 200 MB). \
             Hãy xóa các trang không cần thiết rồi lưu lại."
        ),
        E::TooManyCells { limit } => format!(
            "Tệp có quá nhiều ô dữ liệu (quá {} ô). Hãy giữ lại các trang bảng chấm điểm rồi lưu lại.",
            group_thousands(*limit as u64)
        ),
        E::TooManySheets { limit } => format!(
            "Tệp có quá nhiều trang tính (quá {} trang). Hãy giữ lại các trang bảng chấm điểm rồi lưu lại.",
            group_thousands(*limit as u64)
        ),
        E::TooMuchText { limit_mb } => format!(
            "Các ô trong tệp chứa quá nhiều chữ (quá {limit_mb} MB). Hãy giữ lại các trang bảng chấm điểm, \
             xóa các ô chữ dài không cần thiết rồi lưu lại."
        ),
        E::TooManyCriteria { limit } => format!(
            "Bảng chấm điểm có quá nhiều dòng (quá {} dòng tiêu chí; một bảng chấm điểm thường dưới 2.000 dòng). \
             Hãy kiểm tra trang bảng chấm điểm: có thể cột STT hoặc Nội dung đang chứa dữ liệu khác.",
            group_thousands(*limit as u64)
        ),
        E::TooManyUnits { limit } => format!(
            "Tệp có quá nhiều đơn vị (quá {} đơn vị). Hãy kiểm tra danh sách đơn vị hoặc tách thành nhiều tệp.",
            group_thousands(*limit as u64)
        ),
        E::TooManyScores { criteria, limit } => format!(
            "Bảng điểm quá lớn để mở: số đơn vị × {} dòng tiêu chí vượt quá {} ô điểm. \
             Hãy tách thành nhiều tệp nhỏ hơn.",
            group_thousands(*criteria as u64),
            group_thousands(*limit as u64)
        ),
        E::ResultTooLarge { limit_mb } => format!(
            "Bảng điểm đọc được từ tệp quá lớn để mở (quá {limit_mb} MB chữ: nội dung tiêu chí, tên đơn vị, \
             điểm và ghi chú). Hãy bớt các ô chữ dài hoặc tách thành nhiều tệp nhỏ hơn."
        ),
        E::NotSpreadsheet => "Đây không phải tệp bảng tính (có thể là ảnh, PDF hoặc tệp khác bị đổi tên). \
             Hãy chọn tệp .xlsx, .xls hoặc .ods."
            .into(),
        E::Csv => "Đây là tệp văn bản (CSV), không giữ được cấu trúc bảng chấm điểm. \
             Hãy mở bằng Excel và lưu thành Excel Workbook (.xlsx) rồi nhập lại."
            .into(),
        E::Truncated => "Tệp bị hỏng hoặc không đầy đủ (có thể tải về hoặc sao chép chưa xong). \
             Hãy tải lại hoặc xin lại tệp gốc."
            .into(),
        E::Encrypted => "Tệp được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu \
             (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu và nhập lại."
            .into(),
        E::Macro => "Tệp có macro (mã VBA hoặc trang macro) nên không được nhận vì lý do an toàn, \
             dù tên tệp là .xlsm hay .xlsx. Hãy mở bằng Excel, chọn Lưu thành → Excel Workbook (.xlsx) \
             (Excel sẽ bỏ macro đi) rồi nhập lại."
            .into(),
        E::NotWorkbook => "Tệp nén này không phải sổ tính Excel hay LibreOffice. Hãy chọn đúng tệp bảng chấm điểm.".into(),
        E::NoTable => "Không tìm thấy bảng chấm điểm trong tệp: cần một hàng tiêu đề có các cột \
             như \"STT\", \"Nội dung\", \"Điểm chuẩn\" (hoặc \"Thang điểm\"), \"Tự chấm\", \"Khối chấm\"."
            .into(),
        E::OldXls { codepage } => format!(
            "Tệp .xls này lưu chữ theo bảng mã cũ (trang mã {codepage}, kiểu Excel 95 trở về trước), \
             ứng dụng không đọc được. Hãy mở bằng Excel hoặc LibreOffice, lưu thành Excel Workbook (.xlsx) \
             rồi nhập lại."
        ),
        // The reader's own words (English) go behind "Chi tiết":
        // `ImportError::detail`.
        E::Broken(_) => "Không đọc được tệp (tệp có thể bị hỏng). Hãy mở bằng Excel hoặc LibreOffice, \
             lưu lại thành .xlsx rồi nhập lại."
            .into(),
    }
}

/// "Trang 'X', dòng 14: …"
pub fn warning_place(sheet: Option<&str>, row: Option<u32>, message: &str) -> String {
    match (sheet, row) {
        (Some(s), Some(r)) => format!("Trang '{s}', dòng {r}: {message}"),
        (None, Some(r)) => format!("Dòng {r}: {message}"),
        (Some(s), None) => format!("Trang '{s}': {message}"),
        (None, None) => message.to_string(),
    }
}

/// The words of an import's warning (`xlsx::warning`).
pub fn warning(said: &crate::xlsx::warning::Said) -> String {
    use crate::xlsx::warning::{Field, Said as S};
    let what = |f: &Field| match f {
        Field::Max => WHAT_MAX,
        Field::Weight => WHAT_WEIGHT,
    };
    match said {
        S::ReadAs {
            what: w,
            text,
            value,
        } => warn_read_as(what(w), text, *value),
        S::Unclear { what: w, error } => warn_unclear(what(w), error),
        S::Unreadable { what: w, text } => warn_unreadable(what(w), text),
        S::WeightNotPositive { value } => warn_weight_not_positive(*value),
        S::DuplicateCode { code, first_row } => warn_duplicate_code(code, *first_row),
        S::UnknownCode { code } => warn_unknown_code(code),
        S::SimilarUnits { name, others } => {
            let others: Vec<&str> = others.iter().map(String::as_str).collect();
            warn_similar_units(name, &others)
        }
        S::LongText { chars } => warn_long_text(*chars),
        S::TooDeep { max, rows } => warn_too_deep(*max, *rows),
        S::More { n } => warn_more(*n),
        S::NoMax { code } => warn_no_max(code),
        S::SectionSum { code, stated, sum } => warn_section_sum(code, *stated, *sum),
        S::Rate { text } => warn_rate(text),
        S::RateCapped { code, cap } => warn_rate_capped(code, *cap),
        S::RepeatedHeading { label, second_row } => warn_repeated_heading(label, *second_row),
        S::Levels { label, n } => warn_levels(label, *n),
        S::InferredNumber { label } => warn_inferred_number(label),
        S::Lifted { code, part } => warn_lifted(code, part),
    }
}

fn warn_read_as(what: &str, text: &str, value: Dec) -> String {
    format!("{what} '{text}' đọc là {}", value.to_vi())
}

/// "điểm chuẩn «1.000» không rõ là 1000 hay 1: …; đã bỏ qua"
fn warn_unclear(what: &str, e: &ParseError) -> String {
    format!("{what} {}; đã bỏ qua", parse_error(e))
}

fn warn_unreadable(what: &str, text: &str) -> String {
    format!("không đọc được {what} '{text}', đã bỏ qua")
}

/// "hệ số 0 không dùng được (hệ số phải lớn hơn 0): tính hệ số 1"
fn warn_weight_not_positive(value: Dec) -> String {
    format!(
        "{WHAT_WEIGHT} {} không dùng được ({}): tính hệ số 1",
        value.to_vi(),
        GRID_WEIGHT_POSITIVE.trim_end_matches('.').to_lowercase()
    )
}

fn warn_duplicate_code(code: &str, first_row: u32) -> String {
    format!("mã tiêu chí {code} trùng với dòng {first_row}")
}

fn warn_unknown_code(code: &str) -> String {
    format!("tiêu chí {code} không có trong bảng mẫu, điểm của dòng này không được nhập")
}

/// A sheet's unit whose name is close to other units' (`others`), kept apart.
fn warn_similar_units(name: &str, others: &[&str]) -> String {
    let mut all: Vec<String> = std::iter::once(name)
        .chain(others.iter().copied())
        .map(|n| format!("“{n}”"))
        .collect();
    let last = all.pop().unwrap_or_default();
    let how_many = if others.len() == 1 { "hai" } else { "các" };
    format!(
        "{} và {last} có tên gần giống nhau: đã nhập thành {how_many} đơn vị riêng, hãy kiểm tra",
        all.join(", ")
    )
}

fn warn_long_text(chars: usize) -> String {
    format!(
        "nội dung dài bất thường ({} ký tự), vẫn giữ nguyên; hãy kiểm tra lại ô này",
        group_thousands(chars as u64)
    )
}

/// Rows numbered deeper than the tree keeps (1.1.1.1.1.1.1.1.1…).
fn warn_too_deep(max: usize, rows: usize) -> String {
    format!(
        "cách đánh số sâu quá {max} cấp: {} dòng sâu hơn được xếp vào cấp {max}; hãy kiểm tra cột STT",
        group_thousands(rows as u64)
    )
}

/// The last warning when there are more than are listed.
fn warn_more(n: usize) -> String {
    format!("… và {} lưu ý khác", group_thousands(n as u64))
}

fn warn_no_max(code: &str) -> String {
    format!("tiêu chí {code} không có điểm chuẩn nên không chấm được")
}

fn warn_section_sum(code: &str, stated: Dec, sum: Dec) -> String {
    format!(
        "mục {code} ghi {} điểm nhưng các tiêu chí con cộng lại {} điểm; ứng dụng dùng tổng các tiêu chí con",
        stated.to_vi(),
        sum.to_vi()
    )
}

/// A maximum typed as a rate ("2 điểm/lần"): no maximum of its own.
fn warn_rate(text: &str) -> String {
    format!("điểm chuẩn '{text}' là mức tính theo lần, không phải điểm tối đa")
}

/// A rate item inside a bonus or deduction block takes the block's cap.
fn warn_rate_capped(code: &str, cap: Dec) -> String {
    format!(
        "tiêu chí {code} tính theo lần, không có điểm tối đa riêng: dùng mức tối đa của cả mục ({} điểm)",
        cap.to_vi()
    )
}

/// A numbered heading repeated on the next row, which has the points.
fn warn_repeated_heading(label: &str, second_row: u32) -> String {
    format!("số {label} được ghi hai lần; dòng này là tiêu đề, tiêu chí là dòng {second_row}")
}

/// Children that are levels of their parent ("Chỉ điền vào 01 dòng").
fn warn_levels(label: &str, n: usize) -> String {
    format!(
        "{n} dòng dưới tiêu chí {label} là các mức điểm (chỉ chọn một), không phải tiêu chí con"
    )
}

/// A row with points and no number between two numbered siblings.
fn warn_inferred_number(label: &str) -> String {
    format!("dòng có điểm nhưng thiếu số thứ tự: đã đánh số {label} theo các dòng trước và sau")
}

/// A bonus or deduction block inside a content part, counted on its own.
fn warn_lifted(code: &str, part: &str) -> String {
    format!("mục {code} (điểm thưởng/điểm trừ) nằm trong mục {part}: được tính riêng, ngoài điểm nội dung")
}

/// 2000000 → "2.000.000"
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

// --- export ---------------------------------------------------------------

// The words the exported workbook carries (sheet names, lines, headers,
// total rows) are part of the file format: they live in
// `crate::xlsx::words`, and are re-exported here for the pages that show
// them.
pub use crate::xlsx::words::*;

/// Heading of an export that failed, above [`export_error`]'s message.
pub const EXPORT_FAILED: &str = "Không tạo được tệp Excel";
/// The file worker died while writing.
pub const EXPORT_CRASHED: &str = "Bộ ghi tệp gặp lỗi và đã được khởi động lại. \
     Dữ liệu đang mở không bị ảnh hưởng; hãy thử lại.";
/// Label of the toggle showing an error's technical detail.
pub const ERROR_DETAIL: &str = "Chi tiết";

/// Why a scoresheet cannot be exported, shown under [`EXPORT_FAILED`].
/// Technical detail (English) is not part of it: `ExportError::detail`.
pub fn export_error(e: &crate::xlsx::ExportError) -> String {
    use crate::xlsx::ExportError as E;
    match e {
        E::Empty => "Bảng chấm điểm chưa có tiêu chí nào.".into(),
        E::NoUnits => "Bảng chưa có đơn vị nào để xuất phiếu.".into(),
        E::Write(_) => "Bộ ghi tệp gặp lỗi. Dữ liệu đang mở không bị ảnh hưởng; hãy thử lại, \
             nếu vẫn lỗi hãy gửi phần Chi tiết cho người hỗ trợ."
            .into(),
        E::Data(_) => "Không đọc được bảng điểm đang mở (lỗi của ứng dụng). Dữ liệu đang mở \
             không bị ảnh hưởng; hãy tải bản sao lưu rồi báo lỗi kèm phần Chi tiết."
            .into(),
    }
}

// --- merge and comparison ---------------------------------------------------

/// "UBND huyện Cẩm Xuyên — xếp hạng Nhất, tổng điểm 95,5"
pub fn export_compare_unit(name: &str, rank: Option<usize>, total: Option<Dec>) -> String {
    let rank = match rank {
        Some(r) => format!("xếp hạng {}", rank_word(r)),
        None => "chưa xếp hạng".to_string(),
    };
    match total {
        Some(v) => format!("{name} — {rank}, tổng điểm {}", v.to_vi()),
        None => format!("{name} — {rank}"),
    }
}

// --- results: completeness, final rule, ties, classes ------------------------

/// "Kết quả cuối" while the bloc has not scored a unit completely.
pub const AWAITING_BLOC: &str = "chờ khối chấm";
/// The summary's column saying where each number comes from.
pub const COL_BASIS: &str = "Căn cứ kết quả";
/// The unit form's column of the maximum after weights (not a word the
/// import reads as a column: no "điểm tối đa", no "hệ số").
pub const EXPORT_COL_WEIGHTED_MAX: &str = "Tối đa quy đổi";
pub const FINAL_RULE_PICK: &str = "Kết quả cuối lấy theo:";

/// A rule's name in the picker.
pub fn final_rule_name(rule: FinalRule) -> &'static str {
    match rule {
        FinalRule::Merge => "Thẩm định, ô trống lấy khối chấm",
        FinalRule::Latest => "Giai đoạn muộn nhất đã chấm đủ",
        FinalRule::Highest => "Giai đoạn có kết quả cao nhất",
    }
}

/// What a rule does, in a sentence (summary and export).
pub fn final_rule_text(rule: FinalRule) -> &'static str {
    match rule {
        FinalRule::Merge => {
            "Kết quả cuối: từng tiêu chí lấy điểm thẩm định, ô thẩm định để trống lấy điểm khối chấm; \
             đơn vị chưa được khối chấm đủ mọi tiêu chí thì chưa xếp hạng (điểm tự chấm không dùng để xếp hạng)."
        }
        FinalRule::Latest => {
            "Kết quả cuối: lấy thẩm định nếu đã chấm đủ mọi tiêu chí, nếu không thì khối chấm nếu đã chấm đủ; \
             đơn vị chưa được chấm đủ thì chưa xếp hạng (điểm tự chấm không dùng để xếp hạng)."
        }
        FinalRule::Highest => {
            "Kết quả cuối: trong khối chấm và thẩm định đã chấm đủ mọi tiêu chí, lấy giai đoạn có tổng điểm cao hơn; \
             đơn vị chưa được chấm đủ thì chưa xếp hạng (điểm tự chấm không dùng để xếp hạng)."
        }
    }
}

/// The line under the summary's title in the export.
pub fn export_summary_note(rule: FinalRule) -> String {
    format!(
        "{} Bằng tổng điểm thì đồng hạng; trong nhóm đồng hạng, đơn vị có điểm nội dung cao hơn, rồi bị trừ ít điểm hơn, đứng trước.",
        final_rule_text(rule)
    )
}

/// "Tổng điểm kết quả cuối (thẩm định, ô trống lấy khối chấm)"
pub fn export_row_final(rule: FinalRule) -> String {
    format!(
        "{EXPORT_ROW_FINAL} ({})",
        final_rule_name(rule).to_lowercase()
    )
}

/// "Tổng số tiêu chí có điểm hợp lệ (trên 13)"
/// The note on an exported total that leaves out invalid cells.
pub fn export_left_out(invalid: usize) -> String {
    format!("Tổng này chưa tính {invalid} ô không phải điểm hợp lệ (chữ đỏ trong cột).")
}

pub fn export_row_valid(criteria: usize) -> String {
    format!("Tổng số tiêu chí có điểm hợp lệ (trên {criteria})")
}

/// "chưa đủ 2/14", "chưa đủ 12/14, 1 ô không hợp lệ"; empty when complete
/// or not scored.
pub fn progress(p: Progress) -> String {
    match p {
        Progress::Incomplete {
            counted,
            criteria,
            invalid,
        } => {
            let mut s = format!("chưa đủ {counted}/{criteria}");
            if invalid > 0 {
                s.push_str(&format!(", {invalid} ô không hợp lệ"));
            }
            s
        }
        Progress::NotScored | Progress::Complete => String::new(),
    }
}

/// A stage's status under its total (grid footer, summary): "—" when not
/// scored, "chưa đủ 2/14" when incomplete, empty when complete.
pub fn stage_status(p: Progress) -> String {
    match p {
        Progress::NotScored => NOT_SCORED.to_string(),
        _ => progress(p),
    }
}

/// Where a complete final's numbers come from: "Thẩm định 4/10 · Khối
/// chấm 6/10"; for one not complete, what it waits for: "chờ khối chấm
/// (chưa đủ 6/10)".
pub fn final_basis(fin: &FinalResult, rule: FinalRule) -> String {
    if !fin.complete() {
        let p = progress(fin.progress());
        return if p.is_empty() {
            AWAITING_BLOC.to_string()
        } else {
            format!("{AWAITING_BLOC} ({p})")
        };
    }
    let n = fin.result.criteria;
    let parts: Vec<String> = [Stage::Verify, Stage::Bloc]
        .into_iter()
        .filter(|s| fin.from[s.index()] > 0)
        .map(|s| format!("{} {}/{n}", stage_name(s), fin.from[s.index()]))
        .collect();
    let mut out = parts.join(" · ");
    if rule == FinalRule::Highest {
        out.push_str(" (cao hơn)");
    }
    out
}

/// The tie-break beside a unit: "Bằng tổng điểm với Đức Thọ: đứng trên vì
/// điểm nội dung cao hơn (80 so với 78)".
pub fn tie_text(other: &str, tie: &Tie) -> String {
    let place = if tie.before {
        "đứng trên"
    } else {
        "đứng dưới"
    };
    let why = match tie.key {
        TieKey::Content(a, b) => format!(
            "vì điểm nội dung {} ({} so với {})",
            if tie.before {
                "cao hơn"
            } else {
                "thấp hơn"
            },
            a.to_vi(),
            b.to_vi()
        ),
        TieKey::Deduction(a, b) => format!(
            "vì bị trừ {} điểm hơn ({} so với {})",
            if tie.before { "ít" } else { "nhiều" },
            a.to_vi(),
            b.to_vi()
        ),
        TieKey::Order => "vì bằng cả điểm nội dung và điểm trừ: theo thứ tự trong bảng".to_string(),
    };
    format!("Đồng hạng, bằng tổng điểm với {other}: {place} {why}")
}

/// The summary's "Căn cứ kết quả" of a unit's final: where its numbers
/// come from, or what it waits for with its self total beside; then the
/// tie-breaks next to it.
pub fn summary_basis(sheet: &Scoresheet, r: &UnitResult, rule: FinalRule, ties: &[Tie]) -> String {
    let mut parts = vec![final_basis(&r.fin, rule)];
    if !r.fin.complete() {
        if let Some(own) = r.scored(Stage::SelfScore) {
            parts[0].push_str(&format!(
                "; {} {}",
                stage_name(Stage::SelfScore).to_lowercase(),
                own.total.to_vi()
            ));
        }
    }
    for tie in ties {
        let name = sheet
            .units
            .get(tie.other)
            .map(|u| u.display_name())
            .unwrap_or_default();
        parts.push(tie_text(name, tie));
    }
    parts.join("; ")
}

/// A maximum as a cell shows it: "180", or "180 (gốc 120)" when a weight
/// makes the raw one differ (grid's Điểm chuẩn of sections and totals).
pub fn max_text(m: ShownMax) -> String {
    match m.raw {
        Some(raw) => format!("{} (gốc {})", m.max.to_vi(), raw.to_vi()),
        None => m.max.to_vi(),
    }
}

/// A stage's total as the grid's footer shows it: the total when
/// complete; "12,5 · chưa đủ 2/14" when scored in part; "—" when nobody
/// scored; "⚠ " first when a cell is invalid. The cell draws it as
/// [`FooterTotal`]'s parts (this is their text, read as one line, which
/// the tests pin).
#[cfg(test)]
pub fn footer_total(r: &crate::model::StageResult) -> String {
    let p = footer_total_parts(r);
    if p.mark.is_empty() {
        p.number
    } else {
        format!("{} · {}", p.number, p.mark)
    }
}

/// A footer total in parts that fit a 96 px column: the number on the
/// first line, a short mark under it, and the whole explanation for the
/// tooltip and the where-am-I line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FooterTotal {
    /// "24", "⚠ 24", "—".
    pub number: String,
    /// "chưa đủ 12/14" (", 1 ô không hợp lệ" goes to `full` only); empty
    /// when complete or not scored.
    pub mark: String,
    /// "Tổng 24 chưa đủ: còn 2/14 tiêu chí chưa có điểm, 1 ô không hợp lệ
    /// (không tính). Chưa xếp hạng, xếp loại đến khi đủ."
    pub full: String,
}

pub fn footer_total_parts(r: &crate::model::StageResult) -> FooterTotal {
    let warn = if r.invalid > 0 { "⚠ " } else { "" };
    let invalid = |n: usize| {
        if n > 0 {
            format!(", {n} ô không hợp lệ (không tính)")
        } else {
            String::new()
        }
    };
    match r.progress() {
        Progress::Complete => FooterTotal {
            number: format!("{warn}{}", r.total.to_vi()),
            mark: String::new(),
            full: format!("Tổng {}: đã đủ điểm mọi tiêu chí.", r.total.to_vi()),
        },
        Progress::NotScored => FooterTotal {
            number: format!("{warn}{NOT_SCORED}"),
            mark: String::new(),
            full: FOOTER_NOT_SCORED.to_string(),
        },
        Progress::Incomplete {
            counted,
            criteria,
            invalid: bad,
        } => FooterTotal {
            number: format!("{warn}{}", r.total.to_vi()),
            mark: format!("chưa đủ {counted}/{criteria}"),
            // What is missing, not what is there: blank bonus and
            // deduction rows hold 0 (calc rule 6), so "mới có điểm 7/13"
            // read as 7 typed when 3 were (secretary run).
            full: format!(
                "Tổng {} chưa đủ: còn {}/{criteria} tiêu chí chưa có điểm{}. \
                 Chưa xếp hạng, xếp loại đến khi đủ.",
                r.total.to_vi(),
                criteria - counted,
                invalid(bad)
            ),
        },
    }
}

pub const FOOTER_NOT_SCORED: &str = "Chưa chấm giai đoạn này.";

/// A heading with its maximum: "I (180)", and the raw one when a weight
/// makes it differ: "I (180; gốc 120)".
pub fn with_max(label: &str, m: ShownMax) -> String {
    match m.raw {
        Some(raw) => format!("{label} ({}; gốc {})", m.max.to_vi(), raw.to_vi()),
        None => format!("{label} ({})", m.max.to_vi()),
    }
}

/// Characters of a section's name in its column's heading.
pub const SECTION_NAME_CHARS: usize = 70;

/// A section's column heading: "I. Công tác tham mưu (30)" — its code,
/// its name (cut at [`SECTION_NAME_CHARS`]) and the maximum a unit can
/// reach in it.
pub fn section_head(node: &crate::model::Node, max: Option<crate::model::ShownMax>) -> String {
    let code = if node.code.is_empty() {
        &node.label
    } else {
        &node.code
    };
    let text = node.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = match text.char_indices().nth(SECTION_NAME_CHARS) {
        None => text,
        Some((cut, _)) => {
            let head = &text[..cut];
            let at_word = head.rfind(' ').unwrap_or(cut);
            format!("{}…", head[..at_word].trim_end_matches([',', ';', ':']))
        }
    };
    let named = match (code.trim(), name.is_empty()) {
        ("", _) => name.to_string(),
        (c, true) => c.to_string(),
        (c, false) => format!("{}. {name}", c.trim_end_matches('.')),
    };
    match max {
        Some(m) => with_max(&named, m),
        None => named,
    }
}

/// Beside a rank shared with a unit listed next to it.
pub const TIED: &str = "(đồng hạng)";

/// "Biểu đồ tổng điểm (tối đa 100, thưởng tối đa 5)"
pub fn chart_caption(total: ShownMax, bonus: Dec) -> String {
    let mut s = format!("{CHART_TITLE} (tối đa {}", total.max.to_vi());
    if let Some(raw) = total.raw {
        s.push_str(&format!("; gốc {}", raw.to_vi()));
    }
    if !bonus.is_zero() {
        s.push_str(&format!(", thưởng tối đa {}", bonus.to_vi()));
    }
    s.push(')');
    s
}

pub const CLASSES_BUTTON: &str = "Xếp loại…";
pub const CLASSES_TITLE: &str = "Các mức xếp loại";
pub const CLASSES_HINT: &str = "Mỗi mức: tên, điểm từ (có tính mức này hay không), điểm đến (có thể để trống: \
     đến mức trên). Điều kiện thêm (không bắt buộc): không bị trừ quá bao nhiêu điểm, mọi mục đạt ít nhất bao nhiêu %. \
     Đơn vị không đạt điều kiện thì xuống mức dưới. Không có mức nào thì không hiện xếp loại.";
pub const CLASS_NAME: &str = "Tên mức";
pub const CLASS_MIN: &str = "Từ (điểm)";
pub const CLASS_MIN_IN: &str = "Tính cả điểm này";
pub const CLASS_MAX: &str = "Đến (điểm)";
pub const CLASS_MAX_IN: &str = "Tính cả điểm này";
pub const CLASS_MAX_DEDUCTION: &str = "Bị trừ không quá (điểm)";
pub const CLASS_MIN_SECTION: &str = "Mọi mục đạt ít nhất (%)";
pub const CLASS_ADD: &str = "Thêm mức";
pub const CLASS_REMOVE: &str = "Xóa";
pub const CLASS_SAVE: &str = "Lưu các mức";
pub const CLASS_CANCEL: &str = "Hủy";

/// Why a band set is refused (nothing saved changes).
pub fn band_error(classes: &[Class], e: &BandError) -> String {
    let name = |i: usize| {
        classes
            .get(i)
            .map(|c| c.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("thứ {}", i + 1))
    };
    let why = match e {
        BandError::NoName(i) => format!("mức {} chưa có tên", name(*i)),
        BandError::SameName(a, _) => format!("hai mức cùng tên «{}»", name(*a)),
        BandError::Inverted(i) => {
            format!("mức «{}» có điểm đến nhỏ hơn (hoặc bằng) điểm từ", name(*i))
        }
        BandError::Overlap(a, b) => format!(
            "mức «{}» và mức «{}» chồng lên nhau: một tổng điểm không thể thuộc cả hai mức",
            name(*a),
            name(*b)
        ),
        BandError::BadPercent(i) => format!("mức «{}»: tỷ lệ phải từ 0 đến 100%", name(*i)),
        BandError::NegativeDeduction(i) => {
            format!("mức «{}»: số điểm trừ không được âm", name(*i))
        }
    };
    format!("Chưa lưu: {why}. Các mức đã lưu trước đó không thay đổi.")
}

/// Why the bands typed in the dialog are refused (nothing saved changes).
pub fn band_input_error(
    inputs: &[crate::model::classes::BandInput],
    e: &crate::model::classes::BandInputError,
) -> String {
    use crate::model::classes::{BandField, BandInputError};
    match e {
        BandInputError::NotANumber(i, f) => {
            let field = match f {
                BandField::Min => CLASS_MIN,
                BandField::Max => CLASS_MAX,
                BandField::MaxDeduction => CLASS_MAX_DEDUCTION,
                BandField::MinSectionPct => CLASS_MIN_SECTION,
            };
            let name = inputs
                .get(*i)
                .map(|b| b.name.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("thứ {}", i + 1));
            format!(
                "Chưa lưu: mức «{name}», ô «{field}» cần một số (ví dụ 80 hoặc 92,5). \
                 Các mức đã lưu trước đó không thay đổi."
            )
        }
        BandInputError::Band(b) => {
            let classes: Vec<Class> = inputs
                .iter()
                .map(|i| Class::new(i.name.clone(), Dec::ZERO))
                .collect();
            band_error(&classes, b)
        }
    }
}

/// A band as a line: "Tốt: từ 80 đến dưới 95 điểm, không bị trừ quá 2 điểm".
pub fn band_text(c: &Class) -> String {
    let mut s = format!(
        "{}: {} {}",
        c.name,
        if c.min_in { "từ" } else { "trên" },
        c.min.to_vi()
    );
    match c.max {
        Some(m) => s.push_str(&format!(
            " {} {} điểm",
            if c.max_in { "đến" } else { "đến dưới" },
            m.to_vi()
        )),
        None => s.push_str(" điểm trở lên"),
    }
    if let Some(x) = c.max_deduction {
        if x.is_zero() {
            s.push_str(", không có điểm trừ");
        } else {
            s.push_str(&format!(", không bị trừ quá {} điểm", x.to_vi()));
        }
    }
    if let Some(p) = c.min_section_pct {
        s.push_str(&format!(", mọi mục đạt từ {}% trở lên", p.to_vi()));
    }
    s
}

/// The Thẩm định tab: a unit of the bloc's top three with nothing changed.
pub const COMPARE_NO_DIFF: &str = "không có chênh lệch";
/// A unit the bloc never scored.
pub const COMPARE_NOT_BLOC: &str = "khối chưa chấm đơn vị này";

/// "Khối chưa chấm: Đức Thọ, Hương Sơn."
pub fn compare_never_bloc(names: &[&str]) -> String {
    format!("Khối chưa chấm: {}.", names.join(", "))
}

/// "Khối chấm xếp Nhất"
pub fn bloc_rank(rank: usize) -> String {
    format!("Khối chấm xếp {}", rank_word(rank))
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

    #[test]
    fn results_say_where_they_come_from_and_what_they_wait_for() {
        use crate::model::{Results, Scoresheet};
        let d = |s: &str| Dec::parse(s).unwrap().unwrap();
        let mut s = Scoresheet::new("t");
        let i = s.push_node(None, "I", "Mục", None, Kind::Content);
        let a = s.push_node(Some(i), "1", "a", Some(d("10")), Kind::Content);
        let b = s.push_node(Some(i), "2", "b", Some(d("10")), Kind::Content);
        s.nodes.last_mut().unwrap().weight = d("2");
        s.push_unit("Cẩm Xuyên");
        s.push_unit("Đức Thọ");
        s.units[0].set_raw(a, Stage::Bloc, "8");
        s.units[0].set_raw(b, Stage::Bloc, "5");
        s.units[0].set_raw(a, Stage::Verify, "7");
        s.units[1].set_raw(a, Stage::SelfScore, "10");
        s.units[1].set_raw(b, Stage::SelfScore, "10");
        s.units[1].set_raw(a, Stage::Bloc, "9");
        let r = Results::compute(&s);
        assert_eq!(
            final_basis(&r.units[0].fin, r.rule),
            "Thẩm định 1/2 · Khối chấm 1/2"
        );
        assert_eq!(
            summary_basis(&s, &r.units[1], r.rule, &[]),
            "chờ khối chấm (chưa đủ 1/2); tự chấm 30"
        );
        assert_eq!(
            footer_total(r.units[1].stage(Stage::Bloc)),
            "9 · chưa đủ 1/2"
        );
        assert_eq!(footer_total(r.units[1].stage(Stage::Verify)), "—");
        let parts = footer_total_parts(r.units[1].stage(Stage::Bloc));
        assert_eq!(
            (parts.number.as_str(), parts.mark.as_str()),
            ("9", "chưa đủ 1/2")
        );
        assert_eq!(
            parts.full,
            "Tổng 9 chưa đủ: còn 1/2 tiêu chí chưa có điểm. Chưa xếp hạng, xếp loại đến khi đủ."
        );
        assert_eq!(footer_total(r.units[0].stage(Stage::Bloc)), "18");
        let m = r.tree.shown_total_max();
        assert_eq!(max_text(m), "30 (gốc 20)");
        assert_eq!(with_max("I", m), "I (30; gốc 20)");
        let tie = Tie {
            other: 1,
            before: true,
            key: TieKey::Content(d("80"), d("78")),
        };
        assert_eq!(
            tie_text("Đức Thọ", &tie),
            "Đồng hạng, bằng tổng điểm với Đức Thọ: đứng trên vì điểm nội dung cao hơn (80 so với 78)"
        );
        let e = crate::model::classes::BandError::Overlap(1, 0);
        let classes = [Class::new("Xuất sắc", d("95")), Class::new("Tốt", d("80"))];
        assert_eq!(
            band_error(&classes, &e),
            "Chưa lưu: mức «Tốt» và mức «Xuất sắc» chồng lên nhau: một tổng điểm không thể thuộc cả hai mức. \
             Các mức đã lưu trước đó không thay đổi."
        );
    }

    #[test]
    fn receipt_times_are_local_dates_and_lines_say_what_files_bring() {
        // 2024-12-20 01:00 UTC is 08:00 in Hà Nội (UTC+7).
        assert_eq!(receipt_time(1_734_656_400_000, 420), "20/12/2024 08:00");
        assert_eq!(receipt_time(1_734_656_400_000, 0), "20/12/2024 01:00");
        assert_eq!(receipt_time(0, 0), "01/01/1970 00:00");
        // Across midnight, a leap day, and behind UTC.
        assert_eq!(receipt_time(1_709_164_800_000, 420), "29/02/2024 07:00");
        assert_eq!(receipt_time(1_709_164_800_000, -60), "28/02/2024 23:00");
        assert_eq!(
            receipt_filled([14, 2, 0], 14),
            "Tự chấm 14/14 · Khối chấm 2/14"
        );
        assert_eq!(receipt_filled([0; 3], 14), "—");
        assert_eq!(
            merge_line("cx.xlsx", None, "UBND huyện Cẩm Xuyên", Some((9, 1, 0, 1))),
            "cx.xlsx → UBND huyện Cẩm Xuyên: 9 ô mới, 1 ô khác, 0 ô không hợp lệ, 1 ghi chú"
        );
        assert_eq!(
            merge_max_changed("I.2", Some(Dec::from_int(8)), Dec::from_int(10)),
            "điểm chuẩn I.2 khác: 8 → 10"
        );
        // Refused values: five named, then how many more.
        let refused: Vec<crate::model::merge::Refused> = (1..=7)
            .map(|i| crate::model::merge::Refused {
                code: format!("I.{i}"),
                stage: Stage::Bloc,
                raw: "11".into(),
                error: crate::model::CellError::AboveMax(Dec::from_int(10)),
                deduction: false,
            })
            .collect();
        let said = merge_refused(&refused);
        assert!(
            said.contains("I.5 Khối chấm «11»: vượt điểm chuẩn (10); và 2 ô khác"),
            "{said}"
        );
        assert!(!said.contains("I.6"), "{said}");
        let codes: Vec<String> = (1..=10).map(|i| format!("I.{i}")).collect();
        assert_eq!(
            merge_extra(10, &codes),
            "10 tiêu chí không có trong bảng (I.1, I.2, I.3, I.4, I.5, I.6, I.7, I.8, …)"
        );
    }

    #[test]
    fn an_unclear_dot_says_both_readings() {
        let e = ParseError::Ambiguous { int: 1, frac: 0 };
        assert_eq!(
            parse_error(&e),
            "«1.000» không rõ là 1000 hay 1: dùng dấu phẩy cho phần thập phân (1,5)"
        );
        let e = ParseError::Ambiguous { int: 12, frac: 50 };
        assert!(parse_error(&e).starts_with("«12.050» không rõ là 12050 hay 12,05:"));
        assert_eq!(
            warn_unclear(WHAT_MAX, &ParseError::Ambiguous { int: 2, frac: 500 }),
            "điểm chuẩn «2.500» không rõ là 2500 hay 2,5: dùng dấu phẩy cho phần thập phân (1,5); đã bỏ qua"
        );
    }

    #[test]
    fn a_units_findings_are_said_in_a_few_phrases_naming_its_criteria_together() {
        use crate::model::Finding as F;
        let fs = [
            F::Incomplete {
                unit: 0,
                counted: 20,
                criteria: 22,
                invalid: 1,
            },
            F::DifferenceWithoutReason {
                unit: 0,
                code: "I.1".into(),
                stage: Stage::Bloc,
            },
            F::DeductionWithoutReason {
                unit: 0,
                code: "VI.1".into(),
            },
            F::DifferenceWithoutReason {
                unit: 0,
                code: "II.3".into(),
                stage: Stage::Bloc,
            },
            F::DifferenceWithoutReason {
                unit: 0,
                code: "II.3".into(),
                stage: Stage::Verify,
            },
        ];
        let refs: Vec<&F> = fs.iter().collect();
        assert_eq!(
            lock_unit_findings(&refs),
            [
                "còn 2/22 tiêu chí chưa có điểm, 1 ô không phải điểm hợp lệ",
                "điểm trừ chưa ghi lý do ở tiêu chí VI.1",
                "điểm khối chấm khác tự chấm, chưa ghi lý do ở 2 tiêu chí: I.1, II.3",
                "điểm thẩm định khác tự chấm, chưa ghi lý do ở 1 tiêu chí: II.3",
            ]
        );
    }
}
