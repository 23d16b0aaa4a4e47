//! Shared by the export tests: a deterministic generator of scoresheets the
//! import can represent, and a reader of the computed cells of an exported
//! (or recalculated) workbook, checked against the app's own results.
#![allow(dead_code)]

use calamine::{Data, Range, Reader};
use chamdiem::model::classes::class_of;
use chamdiem::model::{evaluate, CellValue, Dec, FinalRule, Kind, Results, Scoresheet, Stage};
use chamdiem::xlsx::{self, ImportOptions};
use std::io::Cursor;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Deterministic pseudo-random numbers (splitmix64)

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// lo..=hi
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------
// Generated scoresheets

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];
const LETTERS: [&str; 12] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m"];

/// Texts of top-level content sections: none names a bonus or deduction.
const SECTION_TEXTS: &[&str] = &[
    "Thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội",
    "Văn hóa - xã hội, quốc phòng - an ninh",
    "Công tác thi đua, khen thưởng",
    "=SUM(C9:C12) là nội dung, không phải công thức",
    "+ Xây dựng Đảng, đoàn thể <b>trong sạch</b>",
    "- Cải cách hành chính",
    "@Chuyển đổi số",
    "CÔNG TÁC XÂY DỰNG ĐẢNG",
];
const CRITERION_TEXTS: &[&str] = &[
    "Tốc độ tăng trưởng kinh tế (GRDP) đạt và vượt kế hoạch",
    "Thu ngân sách nhà nước trên địa bàn đạt dự toán",
    "Giải quyết việc làm, giảm nghèo bền vững",
    "=1+1",
    "+ Tham gia đầy đủ hoạt động của khối",
    "- Ban hành kế hoạch thi đua",
    "@mention không phải hàm",
    "Nội dung có <b>thẻ</b> & <i>ký hiệu</i> \"ngoặc kép\" 'nháy đơn'",
    "Chất lượng công tác tham mưu cho Tỉnh ủy, UBND tỉnh\n(Căn cứ báo cáo tổng kết năm và hồ sơ minh chứng kèm theo)",
    "Tổng kết phong trào thi đua",
    "Ứng dụng công nghệ thông tin, chuyển đổi số trong chỉ đạo, điều hành; cung cấp dịch vụ công trực tuyến toàn trình",
];
const GUIDANCE_TEXTS: &[&str] = &[
    "- Hoàn thành vượt mức: 20 điểm",
    "+ Không hoàn thành: 0 điểm",
    "(Căn cứ báo cáo tổng kết năm)",
    "* Ghi chú <b>đậm</b> trong hướng dẫn",
    "=SUM(A1:A3) chỉ là chữ",
    "@hướng dẫn",
    "– Mỗi lần chậm trừ 0,5 điểm",
];
const BONUS_TEXTS: &[&str] = &[
    "Điểm thưởng",
    "Điểm cộng",
    "ĐIỂM THƯỞNG (tối đa 5 điểm)",
    "Thưởng thành tích đột xuất",
];
const DEDUCTION_TEXTS: &[&str] = &["Điểm trừ", "Các khoản điểm trừ", "TRỪ ĐIỂM"];
const UNIT_NAMES: &[&str] = &[
    "UBND huyện Cẩm Xuyên",
    "UBND thị xã Kỳ Anh",
    "Công an tỉnh",
    "Tổng công ty Điện lực Miền Bắc",
    "Sở Nội vụ",
    "=Đơn vị công thức",
    "Ban <b>Tuyên giáo</b> Tỉnh ủy",
    "Huyện Đức Thọ / Hương Sơn",
    "An",
    "Tân An",
    "Trường THPT [Chuyên] Hà Tĩnh: cơ sở 2*?",
    "Ủy ban nhân dân thành phố Hà Tĩnh, tỉnh Hà Tĩnh",
    "+Xã Thạch Hạ",
    "@Phường Bắc Hà",
    "-Xã Cẩm Bình",
    "Tổng hợp",
    "Hội Nông dân 'tỉnh'",
];
const TITLES: &[&str] = &[
    "Khối các huyện, thị xã, thành phố — năm 2024",
    "=BẢNG CHẤM ĐIỂM <b>2025</b>",
    "Khối thi đua các sở, ban, ngành: năm 2023",
    "Khối doanh nghiệp",
];
const NOTES: &[&str] = &[
    "Thiếu minh chứng",
    "Đã bổ sung hồ sơ\nngày 15/12",
    "=HYPERLINK(\"http://x\")",
    "<b>đậm</b> & <i>nghiêng</i>",
    "+ cộng thêm",
    "-trừ",
    "@all",
    "Khối chấm: ghi nhầm ở ô tự chấm",
    "Ghi chú rất dài: Đơn vị đã tổ chức hội nghị sơ kết, tổng kết phong trào thi đua yêu nước, biểu dương điển hình tiên tiến đúng thời gian quy định.",
];

fn dec(s: &str) -> Dec {
    Dec::parse(s).unwrap().unwrap()
}

/// A scoresheet in the shapes the import recognises (numbering styles by
/// level, kinds named by the top-level texts), with units, several stages,
/// valid, invalid and empty cells, and notes.
pub fn generate(seed: u64) -> Scoresheet {
    let mut rng = Rng::new(seed);
    let mut s = Scoresheet::new(rng.pick(TITLES));
    let maxima = ["1", "2", "2,5", "5", "10", "0,25", "7,5", "15", "20", "3"];
    let weights = ["1,5", "2", "0,5", "0,25", "3"];
    let n_sections = rng.range(1, 4);
    let mut roman = 0;
    for _ in 0..n_sections {
        let label = ROMAN[roman];
        roman += 1;
        if rng.chance(20) {
            // A top-level criterion scored directly.
            let id = s.push_node(
                None,
                label,
                rng.pick(SECTION_TEXTS),
                Some(dec(rng.pick(&maxima))),
                Kind::Content,
            );
            maybe_weight(&mut s, &mut rng, id, &weights, 30);
            maybe_guidance(&mut s, &mut rng, id);
            continue;
        }
        let stated = rng
            .chance(50)
            .then(|| dec(rng.pick(&["20", "30", "40", "100"])));
        let sec = s.push_node(None, label, rng.pick(SECTION_TEXTS), stated, Kind::Content);
        maybe_weight(&mut s, &mut rng, sec, &weights, 10);
        maybe_guidance(&mut s, &mut rng, sec);
        children(&mut s, &mut rng, sec, 1, &maxima, &weights);
    }
    // Bonus and deduction sections: Roman numbers going on, or parts B, C.
    let parts = rng.chance(30);
    let mut part = ["B", "C", "D"].iter();
    for (kind, texts, p) in [
        (Kind::Bonus, BONUS_TEXTS, 60),
        (Kind::Deduction, DEDUCTION_TEXTS, 60),
    ] {
        if !rng.chance(p) {
            continue;
        }
        let label = if parts {
            part.next().copied().unwrap_or("D")
        } else {
            roman += 1;
            ROMAN[roman - 1]
        };
        let stated = rng.chance(60).then(|| dec(rng.pick(&["5", "10", "2,5"])));
        let sec = s.push_node(None, label, rng.pick(texts), stated, kind);
        maybe_guidance(&mut s, &mut rng, sec);
        let n = rng.range(1, 3);
        for k in 0..n {
            let id = s.push_node(
                Some(sec),
                &(k + 1).to_string(),
                rng.pick(CRITERION_TEXTS),
                Some(dec(rng.pick(&["1", "2", "3", "5"]))),
                kind,
            );
            maybe_weight(&mut s, &mut rng, id, &weights, 10);
            maybe_guidance(&mut s, &mut rng, id);
        }
    }
    if rng.chance(50) {
        use chamdiem::model::Class;
        let mut top = Class::new("Xuất sắc", dec("25"));
        if rng.chance(50) {
            // Conditions, bounds not included, upper bounds.
            top.max_deduction = Some(dec("1"));
            top.min_section_pct = Some(dec("50"));
        }
        let mut good = Class::new("Tốt \"loại A\"", dec("10"));
        if rng.chance(50) {
            good.max = Some(dec("25"));
            good.min_in = false;
        }
        let mut fair = Class::new("Khá", dec("5"));
        if rng.chance(50) {
            fair.max = Some(dec("9,5"));
            fair.max_in = true;
        }
        s.classes = vec![top, good, fair];
    }
    if rng.chance(40) {
        s.final_rule = rng.pick(&[FinalRule::Latest, FinalRule::Highest]);
    }
    // Units, with names that test matching and sheet names.
    let n_units = rng.range(1, 8);
    let mut pool: Vec<&str> = UNIT_NAMES.to_vec();
    for _ in 0..n_units {
        let name = pool.remove(rng.below(pool.len()));
        let id = s.push_unit(name);
        if rng.chance(25) {
            s.unit_mut(id).unwrap().short = Some(rng.pick(&["Huyện", "Sở", "huyện"]).to_string());
        }
    }
    fill(&mut s, &mut rng, 60);
    s
}

fn maybe_weight(s: &mut Scoresheet, rng: &mut Rng, id: u32, weights: &[&str], percent: usize) {
    if rng.chance(percent) {
        let w = dec(rng.pick(weights));
        s.nodes.iter_mut().find(|n| n.id == id).unwrap().weight = w;
    }
}

/// Guidance right after a node belongs to it, as the import reads it.
fn maybe_guidance(s: &mut Scoresheet, rng: &mut Rng, parent: u32) {
    if rng.chance(20) {
        s.push_guidance(Some(parent), rng.pick(GUIDANCE_TEXTS));
    }
}

/// Children of a content node at `level` (1: "1", 2: "1.1" or "a)", 3: "a)").
fn children(
    s: &mut Scoresheet,
    rng: &mut Rng,
    parent: u32,
    level: usize,
    maxima: &[&str],
    weights: &[&str],
) {
    let parent_label = s.node(parent).unwrap().label.clone();
    let dotted = level == 2 && rng.chance(50);
    let n = rng.range(1, 4);
    for (k, letter) in LETTERS.iter().enumerate().take(n) {
        let label = match level {
            1 => {
                if rng.chance(20) {
                    format!("{}.", k + 1)
                } else {
                    (k + 1).to_string()
                }
            }
            2 if dotted => format!("{}.{}", parent_label.trim_end_matches('.'), k + 1),
            _ => format!("{letter})"),
        };
        let deeper = level < 3 && !label.ends_with(')') && rng.chance(30);
        // A group states its maximum now and then; a criterion has one but
        // now and then (without one it is not scoreable).
        let (max, weight_chance) = if deeper {
            (rng.chance(30).then(|| dec("10")), 10)
        } else {
            ((!rng.chance(5)).then(|| dec(rng.pick(maxima))), 25)
        };
        let text = rng.pick(CRITERION_TEXTS);
        let id = s.push_node(Some(parent), &label, text, max, Kind::Content);
        maybe_weight(s, rng, id, weights, weight_chance);
        maybe_guidance(s, rng, id);
        if deeper {
            children(s, rng, id, level + 1, maxima, weights);
        }
    }
}

/// Fills score cells and notes: each stage of each unit is scored with
/// probability `percent`; cells are valid numbers typed in various ways,
/// invalid texts, blanks; notes land on several stages and on sections.
pub fn fill(s: &mut Scoresheet, rng: &mut Rng, percent: usize) {
    let tree = chamdiem::model::Tree::new(s);
    let nodes = s.nodes.clone();
    for ui in 0..s.units.len() {
        for stage in Stage::ALL {
            if !rng.chance(percent) {
                continue;
            }
            for (pos, node) in nodes.iter().enumerate() {
                if tree.is_section(pos) && rng.chance(5) {
                    s.units[ui].set_note(node.id, stage, rng.pick(NOTES));
                }
                if !tree.is_scoreable(pos) {
                    continue;
                }
                if rng.chance(10) {
                    s.units[ui].set_note(node.id, stage, rng.pick(NOTES));
                }
                if rng.chance(25) {
                    continue;
                }
                let max = node.max.unwrap();
                let raw = match rng.below(100) {
                    0..=74 => {
                        let quarters = (max.raw() / 2500) as usize;
                        let v = Dec::from_raw(rng.below(quarters + 1) as i64 * 2500);
                        match rng.below(6) {
                            0 => v.to_plain(),
                            1 => format!(" {} ", v.to_vi()),
                            2 => format!("{}đ", v.to_vi()),
                            3 => format!("+{}", v.to_vi()),
                            _ => v.to_vi(),
                        }
                    }
                    75..=94 => {
                        let above = (max + Dec::ONE).to_vi();
                        rng.pick(&[
                            above.as_str(),
                            "-1",
                            "abc",
                            "=1+1",
                            "@x",
                            "<b>5</b>",
                            "mười",
                            "1e3",
                            "0,12345",
                            " sai ",
                            "+",
                        ])
                        .to_string()
                    }
                    _ => "   ".to_string(),
                };
                s.units[ui].set_raw(node.id, stage, raw);
            }
        }
    }
}

/// Scores that make finals (rules 6 to 9 of `model::calc`): every unit's
/// tự chấm and khối chấm complete with valid values (bonus and deduction
/// often left blank); thẩm định on some criteria of some units, complete
/// for others, now and then with an invalid cell; ties on purpose; each
/// final rule in turn by seed.
pub fn fill_complete(s: &mut Scoresheet, seed: u64) {
    let mut rng = Rng::new(seed);
    let tree = chamdiem::model::Tree::new(s);
    s.final_rule = FinalRule::ALL[(seed % 3) as usize];
    let nodes = s.nodes.clone();
    let value = |rng: &mut Rng, max: Dec| {
        let quarters = (max.raw() / 2500) as usize;
        Dec::from_raw(rng.below(quarters + 1) as i64 * 2500).to_vi()
    };
    for ui in 0..s.units.len() {
        // Unit 1 copies unit 0's khối chấm: a tie the tie-break cannot break.
        let twin = ui == 1;
        let verify = rng.below(3);
        // Now and then the bloc has scored only part of a unit.
        let partial = !twin && rng.chance(20);
        for (pos, node) in nodes.iter().enumerate() {
            if !tree.is_scoreable(pos) {
                continue;
            }
            let max = node.max.unwrap();
            let optional = node.kind != Kind::Content;
            for stage in [Stage::SelfScore, Stage::Bloc] {
                let raw = if twin && stage == Stage::Bloc {
                    s.units[0].raw(node.id, Stage::Bloc).to_string()
                } else if (optional || (partial && stage == Stage::Bloc)) && rng.chance(50) {
                    String::new()
                } else {
                    value(&mut rng, max)
                };
                s.units[ui].set_raw(node.id, stage, raw);
            }
            let raw = match verify {
                // Only the criteria the verifier changed.
                1 if rng.chance(30) => value(&mut rng, max),
                // All of them.
                2 if !optional || rng.chance(50) => {
                    if rng.chance(8) {
                        "sai".to_string()
                    } else {
                        value(&mut rng, max)
                    }
                }
                _ => String::new(),
            };
            s.units[ui].set_raw(node.id, Stage::Verify, raw);
        }
    }
}

// ---------------------------------------------------------------------------
// Comparing scoresheets after a round trip

/// Differences between a scoresheet and what importing its export gave.
pub fn differences(a: &Scoresheet, b: &Scoresheet) -> Vec<String> {
    let mut errs = Vec::new();
    let mut eq = |what: String, x: String, y: String| {
        if x != y {
            errs.push(format!("{what}: {x:?} ≠ {y:?}"));
        }
    };
    eq("title".into(), a.title.clone(), b.title.clone());
    eq(
        "node count".into(),
        a.nodes.len().to_string(),
        b.nodes.len().to_string(),
    );
    let ta = chamdiem::model::Tree::new(a);
    let tb = chamdiem::model::Tree::new(b);
    let pos_of =
        |s: &Scoresheet, id: Option<u32>| id.and_then(|id| s.nodes.iter().position(|n| n.id == id));
    for (i, (x, y)) in a.nodes.iter().zip(&b.nodes).enumerate() {
        let at = format!("node {i} ({})", x.code);
        eq(format!("{at} code"), x.code.clone(), y.code.clone());
        eq(format!("{at} label"), x.label.clone(), y.label.clone());
        eq(format!("{at} text"), x.text.clone(), y.text.clone());
        eq(
            format!("{at} guidance"),
            x.guidance.to_string(),
            y.guidance.to_string(),
        );
        eq(
            format!("{at} kind"),
            format!("{:?}", x.kind),
            format!("{:?}", y.kind),
        );
        eq(format!("{at} weight"), x.weight.to_vi(), y.weight.to_vi());
        eq(
            format!("{at} parent"),
            format!("{:?}", pos_of(a, x.parent)),
            format!("{:?}", pos_of(b, y.parent)),
        );
        if ta.is_section(i) && x.kind == Kind::Content {
            // A content section's maximum is the sum of its children.
            eq(
                format!("{at} section max"),
                format!("{:?}", ta.plain_max(i)),
                format!("{:?}", tb.plain_max(i)),
            );
        } else {
            eq(
                format!("{at} max"),
                format!("{:?}", x.max),
                format!("{:?}", y.max),
            );
        }
        eq(
            format!("{at} weighted max"),
            format!("{:?}", ta.max(i)),
            format!("{:?}", tb.max(i)),
        );
    }
    eq(
        "units".into(),
        format!("{:?}", a.units.iter().map(|u| &u.name).collect::<Vec<_>>()),
        format!("{:?}", b.units.iter().map(|u| &u.name).collect::<Vec<_>>()),
    );
    for (ua, ub) in a.units.iter().zip(&b.units) {
        for (pos, (x, y)) in a.nodes.iter().zip(&b.nodes).enumerate() {
            for s in Stage::ALL {
                let at = format!("{} / {} / {:?}", ua.name, x.code, s);
                let ra = ua.raw(x.id, s);
                let rb = ub.raw(y.id, s);
                let same = if ta.is_section(pos) {
                    rb.is_empty()
                } else {
                    match evaluate(ra, x.max) {
                        CellValue::Empty => rb.trim().is_empty(),
                        CellValue::Valid(v) => Dec::parse(rb) == Ok(Some(v)),
                        CellValue::Invalid(_) => ra == rb,
                    }
                };
                if !same {
                    errs.push(format!("{at}: cell {ra:?} came back as {rb:?}"));
                }
                let na = ua.mark(x.id, s).map(|m| m.note.as_str()).unwrap_or("");
                let nb = ub.mark(y.id, s).map(|m| m.note.as_str()).unwrap_or("");
                if na != nb {
                    errs.push(format!("{at}: note {na:?} came back as {nb:?}"));
                }
            }
        }
    }
    if a.final_rule != b.final_rule {
        errs.push(format!(
            "final rule: {:?} ≠ {:?}",
            a.final_rule, b.final_rule
        ));
    }
    // Classification bands and short names come back too.
    if format!("{:?}", a.classes) != format!("{:?}", b.classes) {
        errs.push(format!("classes: {:?} ≠ {:?}", a.classes, b.classes));
    }
    for (x, y) in a.units.iter().zip(&b.units) {
        if x.short != y.short {
            errs.push(format!(
                "unit {} short name: {:?} ≠ {:?}",
                x.name, x.short, y.short
            ));
        }
        if x.receipts != y.receipts {
            errs.push(format!(
                "unit {} receipts: {:?} ≠ {:?}",
                x.name, x.receipts, y.receipts
            ));
        }
    }
    // The results follow.
    let (ra, rb) = (Results::compute(a), Results::compute(b));
    for (i, (x, y)) in ra.units.iter().zip(&rb.units).enumerate() {
        if x.stages
            .iter()
            .map(|r| r.total)
            .ne(y.stages.iter().map(|r| r.total))
            || x.final_rank != y.final_rank
        {
            errs.push(format!("unit {i}: results differ"));
        }
    }
    errs
}

/// Exports, imports the export and returns the differences.
pub fn round_trip(a: &Scoresheet) -> Vec<String> {
    let bytes = match xlsx::export(a) {
        Ok(b) => b,
        Err(e) => return vec![format!("export failed: {e}")],
    };
    match xlsx::import(&bytes, &ImportOptions::default()) {
        Ok(imp) => {
            let mut errs = differences(a, &imp.sheet);
            // An export reads back without surprises.
            for w in &imp.report.warnings {
                if !matches!(
                    w.said,
                    xlsx::Said::NoMax { .. } | xlsx::Said::SectionSum { .. }
                ) {
                    errs.push(format!("warning: {w}"));
                }
            }
            errs
        }
        Err(e) => vec![format!("re-import failed: {e}")],
    }
}

// ---------------------------------------------------------------------------
// Fixtures

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every template in tests/fixtures/, imported: (file name, scoresheet).
/// Imported once per test binary.
pub fn fixture_sheets() -> Vec<(String, Scoresheet)> {
    static SHEETS: std::sync::OnceLock<Vec<(String, Scoresheet)>> = std::sync::OnceLock::new();
    SHEETS.get_or_init(import_fixtures).clone()
}

/// The shared fixtures (other writers) and the corpus of real published
/// tables (tests/fixtures/real).
fn import_fixtures() -> Vec<(String, Scoresheet)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .chain(std::fs::read_dir(fixtures_dir().join("real")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .map(|e| {
                    matches!(
                        e.to_string_lossy().as_ref(),
                        "xlsx" | "xls" | "ods" | "xlsb"
                    )
                })
                .unwrap_or(false)
        })
        .collect();
    paths.sort();
    assert!(paths.len() >= 19, "fixtures missing");
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let bytes = std::fs::read(&p).unwrap();
            let imp = xlsx::import(&bytes, &ImportOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, imp.sheet)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Reading the computed cells of an exported workbook

/// The cells of one unit form that carry computed values, per points
/// column: the three stages, then the final ("Kết quả cuối").
#[derive(Debug, Default)]
pub struct FormBack {
    /// Per node row, the four cells (numbers only).
    pub nodes: Vec<[Option<f64>; 4]>,
    pub content: [Option<f64>; 4],
    pub bonus: [Option<f64>; 4],
    pub deduction: [Option<f64>; 4],
    pub total: [Option<f64>; 4],
    pub count: [Option<f64>; 4],
    /// Criteria holding a value.
    pub valid: [Option<f64>; 4],
    pub final_total: Option<f64>,
    /// The text beside the final total: the stage taken, or the basis.
    pub final_stage: String,
}

/// One row of the summary sheet.
#[derive(Debug, Default)]
pub struct SummaryBack {
    pub name: String,
    pub sections: Vec<Option<f64>>,
    pub bonus: Option<f64>,
    pub deduction: Option<f64>,
    pub total: Option<f64>,
    pub rank: Option<f64>,
    /// The rank in words beside RANK's number ("Nhất").
    pub rank_word: String,
    pub class: String,
    pub basis: String,
}

#[derive(Debug, Default)]
pub struct Back {
    pub summary: Vec<SummaryBack>,
    pub forms: Vec<FormBack>,
}

fn num(d: Option<&Data>) -> Option<f64> {
    match d? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

fn find_row(r: &Range<Data>, col: u32, pred: impl Fn(&str) -> bool) -> Option<u32> {
    let (r0, _) = r.start()?;
    let (r1, _) = r.end()?;
    (r0..=r1).find(|&row| pred(&text(r.get_value((row, col)))))
}

/// The header row holding every name (alone, followed by " (…)", as
/// headings with their maximum are, or a section's code followed by its
/// name: "I. Công tác …"), and their columns.
fn find_header(r: &Range<Data>, names: &[&str]) -> Option<(u32, Vec<u32>)> {
    let (r0, c0) = r.start()?;
    let (r1, c1) = r.end()?;
    let is = |t: String, n: &str| {
        t == n
            || t.starts_with(&format!("{n} ("))
            || t.starts_with(&format!("{}. ", n.trim_end_matches('.')))
    };
    for row in r0..=r1 {
        let cols: Vec<Option<u32>> = names
            .iter()
            .map(|n| (c0..=c1).find(|&c| is(text(r.get_value((row, c))), n)))
            .collect();
        if cols.iter().all(|c| c.is_some()) {
            return Some((row, cols.into_iter().flatten().collect()));
        }
    }
    None
}

/// Reads the computed cells of a workbook laid out as the export writes it.
pub fn read_back(bytes: &[u8], sheet: &Scoresheet) -> Back {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names().to_vec();
    let mut back = Back::default();
    let tree = chamdiem::model::Tree::new(sheet);
    let sections: Vec<usize> = tree
        .roots()
        .filter(|&p| tree.kind(p) == Kind::Content)
        .collect();
    for name in &names {
        if name == chamdiem::xlsx::layout::META_SHEET
            || name == chamdiem::strings::EXPORT_COMPARE_SHEET
            || name == chamdiem::strings::EXPORT_HISTORY_SHEET
        {
            continue;
        }
        let r = wb.worksheet_range(name).unwrap();
        if name == "Tổng hợp" {
            let mut heads = vec![
                "Tên đơn vị",
                "Điểm thưởng",
                "Điểm trừ",
                "Tổng điểm",
                "Xếp hạng",
                "Xếp loại",
                "Căn cứ kết quả",
                "Xếp thứ",
            ];
            let codes: Vec<String> = sections
                .iter()
                .map(|&p| sheet.nodes[p].code.clone())
                .collect();
            heads.extend(codes.iter().map(|c| c.as_str()));
            let (row, cols) = find_header(&r, &heads).expect("summary header");
            for (i, _) in sheet.units.iter().enumerate() {
                let at = row + 1 + i as u32;
                back.summary.push(SummaryBack {
                    name: text(r.get_value((at, cols[0]))),
                    bonus: num(r.get_value((at, cols[1]))),
                    deduction: num(r.get_value((at, cols[2]))),
                    total: num(r.get_value((at, cols[3]))),
                    rank: num(r.get_value((at, cols[4]))),
                    class: text(r.get_value((at, cols[5]))),
                    basis: text(r.get_value((at, cols[6]))),
                    rank_word: text(r.get_value((at, cols[7]))),
                    sections: cols[8..]
                        .iter()
                        .map(|&c| num(r.get_value((at, c))))
                        .collect(),
                });
            }
            continue;
        }
        let (row, cols) = find_header(
            &r,
            &[
                "Nội dung",
                "Tự chấm",
                "Khối chấm",
                "Thẩm định",
                "Kết quả cuối",
                "Ghi chú",
            ],
        )
        .unwrap_or_else(|| panic!("no header on sheet {name}"));
        let tc = cols[0];
        let stage_cols = [cols[1], cols[2], cols[3], cols[4]];
        let per_stage = |row: Option<u32>| -> [Option<f64>; 4] {
            match row {
                Some(row) => stage_cols.map(|c| num(r.get_value((row, c)))),
                None => [None; 4],
            }
        };
        let starts = |p: &'static str| move |t: &str| t.starts_with(p);
        let mut f = FormBack {
            nodes: (0..sheet.nodes.len())
                .map(|i| per_stage(Some(row + 1 + i as u32)))
                .collect(),
            content: per_stage(find_row(&r, tc, starts("Tổng điểm nội dung"))),
            bonus: per_stage(find_row(&r, tc, starts("Tổng điểm thưởng"))),
            deduction: per_stage(find_row(&r, tc, starts("Tổng điểm trừ"))),
            total: per_stage(find_row(&r, tc, |t| t == "TỔNG ĐIỂM")),
            count: per_stage(find_row(&r, tc, starts("Tổng số tiêu chí đã chấm"))),
            valid: per_stage(find_row(&r, tc, starts("Tổng số tiêu chí có điểm"))),
            ..Default::default()
        };
        if let Some(fr) = find_row(&r, tc, starts("Tổng điểm kết quả cuối")) {
            f.final_total = num(r.get_value((fr, stage_cols[0])));
            f.final_stage = text(r.get_value((fr, cols[5])));
        }
        back.forms.push(f);
    }
    back
}

fn close(a: Option<f64>, b: Option<Dec>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y.to_f64()).abs() <= 0.01,
        (None, None) => true,
        _ => false,
    }
}

/// Every computed cell of the workbook against the app's results.
pub fn check_results(sheet: &Scoresheet, back: &Back) -> Vec<String> {
    let mut errs = Vec::new();
    let res = Results::compute(sheet);
    let tree = &res.tree;
    if sheet.units.is_empty() {
        return errs;
    }
    if back.forms.len() != sheet.units.len() || back.summary.len() != sheet.units.len() {
        return vec![format!(
            "{} forms and {} summary rows for {} units",
            back.forms.len(),
            back.summary.len(),
            sheet.units.len()
        )];
    }
    let sections: Vec<usize> = tree
        .roots()
        .filter(|&p| tree.kind(p) == Kind::Content)
        .collect();
    let ties = res.ties(None);
    for (ui, unit) in sheet.units.iter().enumerate() {
        let r = &res.units[ui];
        let f = &back.forms[ui];
        let mut other = Vec::new();
        let mut check = |what: String, got: Option<f64>, want: Option<Dec>| {
            if !close(got, want) {
                errs.push(format!(
                    "{}: {what}: got {got:?}, want {:?}",
                    unit.name,
                    want.map(|d| d.to_f64())
                ));
            }
        };
        for i in 0..4 {
            let (label, st) = match Stage::ALL.get(i) {
                Some(&s) => (format!("{s:?}"), r.stage(s)),
                None => ("final".to_string(), &r.fin.result),
            };
            check(format!("{label} content"), f.content[i], Some(st.content));
            check(format!("{label} bonus"), f.bonus[i], Some(st.bonus));
            check(
                format!("{label} deduction"),
                f.deduction[i],
                Some(st.deduction),
            );
            check(format!("{label} total"), f.total[i], Some(st.total));
            check(
                format!("{label} count"),
                f.count[i],
                Some(Dec::from_int(st.entered as i64)),
            );
            check(
                format!("{label} valid"),
                f.valid[i],
                Some(Dec::from_int(st.counted as i64)),
            );
            for pos in 0..tree.len() {
                if tree.is_section(pos) {
                    check(
                        format!("{label} section {}", sheet.nodes[pos].code),
                        f.nodes[pos][i],
                        Some(st.points[pos]),
                    );
                }
            }
        }
        check("final".into(), f.final_total, r.final_total());
        let stage = match res.rule {
            FinalRule::Merge => chamdiem::strings::final_basis(&r.fin, res.rule),
            _ => r
                .fin
                .stage
                .map(chamdiem::strings::stage_name)
                .unwrap_or("")
                .to_string(),
        };
        if f.final_stage != stage {
            other.push(format!(
                "{}: final stage {:?}, want {stage:?}",
                unit.name, f.final_stage
            ));
        }
        let row = &back.summary[ui];
        if row.name != unit.name {
            other.push(format!(
                "summary row {ui}: {:?}, want {:?}",
                row.name, unit.name
            ));
        }
        let fin = r.final_result();
        check("summary total".into(), row.total, r.final_total());
        check(
            "summary rank".into(),
            row.rank,
            r.final_rank.map(|k| Dec::from_int(k as i64)),
        );
        let word = r
            .final_rank
            .map(chamdiem::strings::rank_word)
            .unwrap_or_default();
        if row.rank_word != word {
            other.push(format!(
                "{}: rank word {:?}, want {word:?}",
                unit.name, row.rank_word
            ));
        }
        check("summary bonus".into(), row.bonus, fin.map(|x| x.bonus));
        check(
            "summary deduction".into(),
            row.deduction,
            fin.map(|x| x.deduction),
        );
        for (k, &p) in sections.iter().enumerate() {
            check(
                format!("summary {}", sheet.nodes[p].code),
                row.sections.get(k).copied().flatten(),
                fin.map(|x| x.points[p]),
            );
        }
        let class = fin.and_then(|x| class_of(sheet, tree, x)).unwrap_or("");
        if row.class != class {
            other.push(format!(
                "{}: class {:?}, want {class:?}",
                unit.name, row.class
            ));
        }
        let basis = chamdiem::strings::summary_basis(sheet, r, res.rule, &ties[ui]);
        if row.basis != basis {
            other.push(format!(
                "{}: basis {:?}, want {basis:?}",
                unit.name, row.basis
            ));
        }
        errs.extend(other);
    }
    errs
}

// ---------------------------------------------------------------------------
// Reading the comparison sheet ("Thẩm định")

/// One criterion row of the comparison sheet.
#[derive(Debug, Default)]
pub struct CompareRowBack {
    pub code: String,
    pub text: String,
    /// Tự chấm, khối chấm, thẩm định (numbers only).
    pub values: [Option<f64>; 3],
    /// Khối chấm − tự chấm, thẩm định − tự chấm.
    pub deltas: [Option<f64>; 2],
    pub notes: String,
}

/// One unit's block: the line naming it, then its rows.
#[derive(Debug, Default)]
pub struct CompareBlockBack {
    pub line: String,
    pub rows: Vec<CompareRowBack>,
}

/// The blocks of the comparison sheet; `None` when the workbook has none.
pub fn read_comparison(bytes: &[u8]) -> Option<Vec<CompareBlockBack>> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let name = chamdiem::strings::EXPORT_COMPARE_SHEET;
    if !wb.sheet_names().iter().any(|n| n == name) {
        return None;
    }
    let r = wb.worksheet_range(name).unwrap();
    let (r0, _) = r.start()?;
    let (r1, _) = r.end()?;
    let at = |row: u32, col: u32| r.get_value((row, col));
    let mut blocks = Vec::new();
    let mut row = r0;
    while row <= r1 {
        let header = text(at(row, 0)) == "Mã" && text(at(row, 2)) == "Tự chấm";
        if !header {
            row += 1;
            continue;
        }
        let mut block = CompareBlockBack {
            line: text(at(row.saturating_sub(1), 0)),
            rows: Vec::new(),
        };
        row += 1;
        while row <= r1 && !text(at(row, 0)).is_empty() {
            block.rows.push(CompareRowBack {
                code: text(at(row, 0)),
                text: text(at(row, 1)),
                values: [2, 3, 5].map(|c| num(at(row, c))),
                deltas: [4, 6].map(|c| num(at(row, c))),
                notes: text(at(row, 7)),
            });
            row += 1;
        }
        blocks.push(block);
    }
    Some(blocks)
}

/// The comparison sheet against [`chamdiem::model::compare::compare`]:
/// the same units in the same order, the same criteria, values and
/// differences (to 0,01; a difference the app does not list because both
/// values are equal reads as 0 or blank).
pub fn check_comparison(sheet: &Scoresheet, back: Option<&[CompareBlockBack]>) -> Vec<String> {
    let res = Results::compute(sheet);
    let want = chamdiem::model::compare::compare(sheet, &res);
    let mut errs = Vec::new();
    let Some(blocks) = back else {
        if !want.is_empty() {
            errs.push(format!("no comparison sheet, want {} units", want.len()));
        }
        return errs;
    };
    if want.is_empty() {
        errs.push("a comparison sheet without differences".into());
    }
    if blocks.len() != want.len() {
        errs.push(format!("{} unit blocks, want {}", blocks.len(), want.len()));
        return errs;
    }
    for (b, uc) in blocks.iter().zip(&want) {
        let unit = &sheet.units[uc.unit];
        if !b.line.starts_with(&unit.name) {
            errs.push(format!("block {:?}, want unit {:?}", b.line, unit.name));
        }
        if b.rows.len() != uc.diffs.len() {
            errs.push(format!(
                "{}: {} rows, want {}",
                unit.name,
                b.rows.len(),
                uc.diffs.len()
            ));
            continue;
        }
        for (r, d) in b.rows.iter().zip(&uc.diffs) {
            let at = format!("{} / {}", unit.name, d.code);
            if r.code != d.code {
                errs.push(format!("{at}: code {:?}", r.code));
            }
            for i in 0..3 {
                if !close(r.values[i], d.values[i]) {
                    errs.push(format!(
                        "{at}: value {i} {:?}, want {:?}",
                        r.values[i], d.values[i]
                    ));
                }
            }
            for (k, (got, want)) in r
                .deltas
                .iter()
                .zip([d.bloc_delta, d.verify_delta])
                .enumerate()
            {
                let both = d.values[0].is_some() && d.values[k + 1].is_some();
                let ok = match want {
                    Some(_) => close(*got, want),
                    None if both => got.is_none_or(|g| g.abs() < 0.01),
                    None => got.is_none(),
                };
                if !ok {
                    errs.push(format!("{at}: delta {k} {got:?}, want {want:?}"));
                }
            }
        }
    }
    errs
}

/// One row of the history sheet ("Lịch sử điều chỉnh").
#[derive(Debug, Default)]
pub struct HistoryRowBack {
    pub unit: String,
    pub code: String,
    pub stage: String,
    /// Tự chấm and the stage's: a number, or the text as typed.
    pub before: (Option<f64>, String),
    pub after: (Option<f64>, String),
    pub reason: String,
}

/// The rows of the history sheet; `None` when the workbook has none.
pub fn read_history(bytes: &[u8]) -> Option<Vec<HistoryRowBack>> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let name = chamdiem::strings::EXPORT_HISTORY_SHEET;
    if !wb.sheet_names().iter().any(|n| n == name) {
        return None;
    }
    let r = wb.worksheet_range(name).unwrap();
    let (head, cols) = find_header(
        &r,
        &[
            "Đơn vị",
            "Mã",
            "Giai đoạn",
            "Tự chấm (trước)",
            "Sau điều chỉnh",
            "Lý do",
        ],
    )
    .expect("the history's header");
    let (r1, _) = r.end()?;
    let value = |row: u32, col: u32| (num(r.get_value((row, col))), text(r.get_value((row, col))));
    Some(
        (head + 1..=r1)
            .filter(|&row| !text(r.get_value((row, cols[0]))).is_empty())
            .map(|row| HistoryRowBack {
                unit: text(r.get_value((row, cols[0]))),
                code: text(r.get_value((row, cols[1]))),
                stage: text(r.get_value((row, cols[2]))),
                before: value(row, cols[3]),
                after: value(row, cols[4]),
                reason: text(r.get_value((row, cols[5]))),
            })
            .collect(),
    )
}

/// The history sheet against [`chamdiem::model::compare::adjustments`]:
/// the same rows in the same order, values (to 0,01, or the same text) and
/// reasons.
pub fn check_history(sheet: &Scoresheet, back: Option<&[HistoryRowBack]>) -> Vec<String> {
    let want = chamdiem::model::compare::adjustments(sheet);
    let Some(rows) = back else {
        return match want.len() {
            0 => Vec::new(),
            n => vec![format!("no history sheet, want {n} rows")],
        };
    };
    let mut errs = Vec::new();
    if rows.len() != want.len() {
        errs.push(format!("{} history rows, want {}", rows.len(), want.len()));
        return errs;
    }
    for (r, a) in rows.iter().zip(&want) {
        let unit = &sheet.units[a.unit];
        let at = format!("{} / {} / {:?}", unit.name, a.code, a.stage);
        let max = sheet.node(a.node).and_then(|n| n.max);
        let same = |got: &(Option<f64>, String), raw: &str| match evaluate(raw, max).value() {
            Some(v) => close(got.0, Some(v)),
            None => got.1 == raw,
        };
        let reason = match a.reason.as_str() {
            "" => chamdiem::strings::EXPORT_HISTORY_NO_REASON,
            r => r,
        };
        let fields = [
            (r.unit == unit.name, "unit"),
            (r.code == a.code, "code"),
            (r.stage == chamdiem::strings::stage_name(a.stage), "stage"),
            (same(&r.before, &a.before), "before"),
            (same(&r.after, &a.after), "after"),
            (r.reason == reason, "reason"),
        ];
        for (ok, what) in fields {
            if !ok {
                errs.push(format!("{at}: {what} {r:?}, want {a:?}"));
            }
        }
    }
    errs
}

/// A scoresheet whose comparison is known by heart (`tests/compare.rs`):
/// criteria I.1 (max 10), I.2 (max 10), I.3 (max 5) under section I;
/// nine units whose final totals rank B 1, C 1, A 3, I 3, F 5, G 6, D 7,
/// H 8, E unranked.
pub fn comparison_sheet() -> Scoresheet {
    let mut s = Scoresheet::new("Khối các huyện — so sánh");
    let i = s.push_node(None, "I", "Công tác chuyên môn", None, Kind::Content);
    let one = s.push_node(
        Some(i),
        "1",
        "Hoàn thành chỉ tiêu",
        Some(dec("10")),
        Kind::Content,
    );
    s.push_guidance(Some(one), "- Hướng dẫn: đủ 10 điểm khi hoàn thành");
    s.push_node(
        Some(i),
        "2",
        "Cải cách hành chính",
        Some(dec("10")),
        Kind::Content,
    );
    s.push_node(Some(i), "3", "Chuyển đổi số", Some(dec("5")), Kind::Content);
    let names = [
        "UBND huyện Cẩm Xuyên",   // A
        "UBND huyện Đức Thọ",     // B
        "UBND thị xã Kỳ Anh",     // C
        "UBND huyện Hương Sơn",   // D
        "UBND huyện Vũ Quang",    // E
        "UBND huyện Can Lộc",     // F
        "UBND huyện Lộc Hà",      // G
        "UBND huyện Nghi Xuân",   // H
        "UBND thành phố Hà Tĩnh", // I
    ];
    for n in names {
        s.push_unit(n);
    }
    let codes = ["I.1", "I.2", "I.3"];
    let mut put = |unit: usize, stage: Stage, raws: [&str; 3]| {
        for (code, raw) in codes.iter().zip(raws) {
            let id = s.node_by_code(code).unwrap().id;
            s.units[unit].set_raw(id, stage, raw);
        }
    };
    use Stage::{Bloc, SelfScore, Verify};
    put(0, SelfScore, ["10", "10", "5"]); // A: 25, bloc 23,75
    put(0, Bloc, ["8,75", "10", "5"]);
    put(1, SelfScore, ["10", "10", "5"]); // B: 25 everywhere, a thẩm định note
    put(1, Bloc, ["10", "10", "5"]);
    put(1, Verify, ["10", "10", "5"]);
    put(2, SelfScore, ["10", "9", "5"]); // C: 24, bloc and thẩm định 25
    put(2, Bloc, ["10", "10", "5"]);
    put(2, Verify, ["10", "10.0", "5"]);
    put(3, SelfScore, ["8", "8", "4"]); // D: 20, bloc 12 with an invalid cell
    put(3, Bloc, ["8", "mười", "4"]);
    put(5, SelfScore, ["10", "5", "5"]); // F: 20 = 20, nothing differs
    put(5, Bloc, ["10", "5,0", "5"]);
    put(6, SelfScore, ["5", "5", "5"]); // G: 15, tự chấm only
    put(7, Bloc, ["3", "", ""]); // H: khối chấm only
    put(8, SelfScore, ["10", "10", "5"]); // I: 25, bloc 23,75 (ties A)
    put(8, Bloc, ["10", "8,75", "5"]);
    let id = |s: &Scoresheet, code: &str| s.node_by_code(code).unwrap().id;
    let (i2, i3, sec) = (id(&s, "I.2"), id(&s, "I.3"), id(&s, "I"));
    s.units[1].set_note(i2, Verify, "Đạt, đủ hồ sơ");
    s.units[1].set_note(i2, SelfScore, "Tự đánh giá");
    s.units[3].set_note(sec, Bloc, "Mục I: thiếu báo cáo");
    s.units[4].set_note(i3, Bloc, "Chưa nộp");
    s.units[6].set_note(i3, SelfScore, "Chỉ ghi chú tự chấm");
    s
}

/// Fails listing (the first 40 of) `failures`, if there are any.
pub fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}
