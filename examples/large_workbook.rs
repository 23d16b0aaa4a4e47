//! Writes the benchmark workbook: 60 units × 400 criteria, one sheet per
//! unit in a bloc's template layout plus a summary sheet listing the units,
//! with tự chấm filled (deterministic values). Written with rust_xlsxwriter
//! directly, like a bloc's own file, not through our export.
//!
//!   cargo run --release --example large_workbook -- OUT.xlsx [UNITS] [CRITERIA]

use rust_xlsxwriter::{Format, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .first()
        .cloned()
        .unwrap_or_else(|| "lon-60x400.xlsx".into());
    let units: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(60);
    let criteria: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(400);
    let parts = ["I", "II", "III", "IV"];
    let per_part = criteria / parts.len();
    let groups = 10usize;
    let per_group = per_part.div_ceil(groups);
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();

    let summary = wb.add_worksheet();
    summary.set_name("Tổng hợp")?;
    for (c, h) in ["STT", "Đơn vị", "Tổng điểm", "Xếp thứ"].iter().enumerate() {
        summary.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for u in 0..units {
        summary.write_number(u as u32 + 1, 0, (u + 1) as f64)?;
        summary.write_string(u as u32 + 1, 1, format!("Đơn vị số {:02}", u + 1))?;
    }

    let max = 1000.0 / criteria as f64;
    for u in 0..units {
        let ws = wb.add_worksheet();
        ws.set_name(format!("DV{:02}", u + 1))?;
        ws.write_string_with_format(0, 0, format!("Đơn vị số {:02}", u + 1), &bold)?;
        let head = [
            "STT",
            "Nội dung tiêu chí",
            "Điểm chuẩn",
            "Điểm tự chấm",
            "Điểm khối chấm",
            "Ghi chú",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, *h, &bold)?;
        }
        let mut row = 3u32;
        let mut k = 0usize;
        for p in parts {
            ws.write_string_with_format(row, 0, p, &bold)?;
            ws.write_string_with_format(row, 1, format!("Phần {p}: nội dung chấm điểm"), &bold)?;
            ws.write_number_with_format(row, 2, max * per_part as f64, &bold)?;
            row += 1;
            for g in 0..groups {
                let n = per_group.min(per_part.saturating_sub(g * per_group));
                if n == 0 {
                    break;
                }
                ws.write_string(row, 0, (g + 1).to_string())?;
                ws.write_string(row, 1, format!("Nhóm tiêu chí {} của phần {p}", g + 1))?;
                ws.write_number(row, 2, max * n as f64)?;
                row += 1;
                for i in 0..n {
                    ws.write_string(row, 0, format!("{}.{}", g + 1, i + 1))?;
                    ws.write_string(
                        row,
                        1,
                        format!(
                            "Tiêu chí chi tiết {p}.{}.{}: kết quả thực hiện nhiệm vụ được giao",
                            g + 1,
                            i + 1
                        ),
                    )?;
                    ws.write_number(row, 2, max)?;
                    // Quarter points, varied by unit and criterion.
                    let v = ((u * 7 + k * 13) % 5) as f64 * 0.25;
                    ws.write_number(row, 3, (max - v).max(0.0))?;
                    row += 1;
                    k += 1;
                }
            }
        }
    }
    wb.save(&out)?;
    eprintln!(
        "wrote {out}: {units} units × {k} criteria",
        k = per_part * parts.len()
    );
    Ok(())
}
