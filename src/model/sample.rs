//! The built-in sample: a district bloc of six units, four content
//! sections (100 points), a bonus section (max 5) and a deduction section,
//! with tự chấm filled for every unit and khối chấm for some.

use super::num::Dec;
use super::sheet::{Class, Kind, Scoresheet, Stage};

fn d(hundredths: i64) -> Option<Dec> {
    Some(Dec::from_hundredths(hundredths))
}

/// label, text, kind, stated max, criteria (label, text, max in hundredths).
type SectionSpec = (
    &'static str,
    &'static str,
    Kind,
    Option<Dec>,
    &'static [(&'static str, &'static str, i64)],
);

/// A blank scoresheet to fill in by hand: one section with one criterion
/// (so the grid has a row to type on), no units.
pub fn blank(title: &str, section: &str, criterion: &str) -> Scoresheet {
    let mut s = Scoresheet::new(title);
    let sec = s.push_node(None, "I", section, None, Kind::Content);
    s.push_node(Some(sec), "1", criterion, Some(Dec::from_int(10)), Kind::Content);
    s
}

/// Builds the sample scoresheet. Deterministic: the same every time.
pub fn sample() -> Scoresheet {
    let mut s = Scoresheet::new("Khối các huyện, thị xã, thành phố — năm 2024");
    let sections: [SectionSpec; 6] = [
        (
            "I",
            "Thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội",
            Kind::Content,
            d(4000),
            &[
                (
                    "1",
                    "Tốc độ tăng trưởng kinh tế (GRDP) đạt và vượt kế hoạch",
                    800,
                ),
                ("2", "Thu ngân sách nhà nước trên địa bàn đạt dự toán", 800),
                ("3", "Xây dựng nông thôn mới, đô thị văn minh", 600),
                ("4", "Giải quyết việc làm, giảm nghèo bền vững", 500),
                ("5", "Thu hút đầu tư, hỗ trợ doanh nghiệp", 500),
                ("6", "Chuyển đổi số, cải cách hành chính", 800),
            ],
        ),
        (
            "II",
            "Văn hóa - xã hội, quốc phòng - an ninh",
            Kind::Content,
            d(2500),
            &[
                (
                    "1",
                    "Giáo dục và đào tạo, y tế, chăm sóc sức khỏe nhân dân",
                    700,
                ),
                ("2", "Văn hóa, thể thao, gia đình", 500),
                ("3", "Quốc phòng, quân sự địa phương", 650),
                (
                    "4",
                    "Bảo đảm an ninh chính trị, trật tự an toàn xã hội",
                    650,
                ),
            ],
        ),
        (
            "III",
            "Công tác thi đua, khen thưởng",
            Kind::Content,
            d(2000),
            &[
                ("1", "Ban hành kế hoạch, phát động phong trào thi đua", 500),
                ("2", "Tham gia đầy đủ hoạt động của khối thi đua", 500),
                (
                    "3",
                    "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến",
                    500,
                ),
                ("4", "Xét, đề nghị khen thưởng đúng quy định, kịp thời", 500),
            ],
        ),
        (
            "IV",
            "Xây dựng Đảng, chính quyền và đoàn thể",
            Kind::Content,
            d(1500),
            &[
                ("1", "Tổ chức đảng hoàn thành tốt nhiệm vụ trở lên", 600),
                ("2", "Chính quyền thực hiện tốt quy chế dân chủ cơ sở", 450),
                ("3", "Mặt trận và các đoàn thể vững mạnh", 450),
            ],
        ),
        (
            "V",
            "Điểm thưởng (tối đa 5 điểm)",
            Kind::Bonus,
            d(500),
            &[
                ("1", "Được Chính phủ, Bộ, ngành Trung ương khen thưởng", 300),
                (
                    "2",
                    "Có mô hình mới, sáng kiến được cấp tỉnh công nhận",
                    300,
                ),
            ],
        ),
        (
            "VI",
            "Điểm trừ",
            Kind::Deduction,
            None,
            &[
                ("1", "Có cán bộ, công chức vi phạm bị xử lý kỷ luật", 500),
                ("2", "Không gửi báo cáo hoặc gửi chậm so với quy định", 300),
            ],
        ),
    ];
    for (label, text, kind, max, items) in sections {
        let sec = s.push_node(None, label, text, max, kind);
        for (l, t, m) in items {
            let id = s.push_node(Some(sec), l, t, d(*m), kind);
            if label == "I" && *l == "1" {
                s.push_guidance(Some(id), "- Đạt kế hoạch: 6 điểm; vượt kế hoạch: 8 điểm");
            }
        }
    }
    // Sub-criteria a), b) under I.6.
    let i6 = s.node_by_code("I.6").map(|n| n.id);
    if let Some(i6) = i6 {
        s.push_node(
            Some(i6),
            "a)",
            "Chỉ số cải cách hành chính (PAR Index)",
            d(400),
            Kind::Content,
        );
        s.push_node(
            Some(i6),
            "b)",
            "Tỷ lệ hồ sơ trực tuyến toàn trình",
            d(400),
            Kind::Content,
        );
        // Keep display order: move the two new children right after I.6.
        let pos = s.nodes.iter().position(|n| n.id == i6).unwrap_or(0);
        let b = s.nodes.pop();
        let a = s.nodes.pop();
        if let (Some(a), Some(b)) = (a, b) {
            s.nodes.insert(pos + 1, b);
            s.nodes.insert(pos + 1, a);
        }
    }
    s.classes = vec![
        Class {
            name: "Xuất sắc".into(),
            min: Dec::from_int(95),
        },
        Class {
            name: "Tốt".into(),
            min: Dec::from_int(85),
        },
        Class {
            name: "Khá".into(),
            min: Dec::from_int(70),
        },
    ];
    let units = [
        ("UBND thành phố Hà Tĩnh", "TP Hà Tĩnh"),
        ("UBND thị xã Hồng Lĩnh", "TX Hồng Lĩnh"),
        ("UBND thị xã Kỳ Anh", "TX Kỳ Anh"),
        ("UBND huyện Cẩm Xuyên", "Cẩm Xuyên"),
        ("UBND huyện Đức Thọ", "Đức Thọ"),
        ("UBND huyện Hương Sơn", "Hương Sơn"),
    ];
    // Fractions of the maximum (in percent) each unit self-scores, varied
    // per criterion so the totals differ; the bloc scores a little lower.
    let profile: [i64; 6] = [96, 90, 88, 93, 85, 90];
    let scoreable: Vec<(u32, Dec, Kind)> = {
        let tree = super::calc::Tree::new(&s);
        s.nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| tree.is_scoreable(*i))
            .filter_map(|(_, n)| n.max.map(|m| (n.id, m, n.kind)))
            .collect()
    };
    for (ui, (name, short)) in units.iter().enumerate() {
        let uid = s.push_unit(name);
        let unit = s.units.last_mut();
        let Some(unit) = unit else { continue };
        unit.short = Some(short.to_string());
        for (ci, (nid, max, kind)) in scoreable.iter().enumerate() {
            let vary = ((ui * 7 + ci * 3) % 9) as i64 - 4; // -4..4 percent
            let pct = match kind {
                Kind::Content => (profile[ui] + vary).min(100),
                Kind::Bonus => {
                    if (ui + ci) % 3 == 0 {
                        100
                    } else {
                        0
                    }
                }
                Kind::Deduction => {
                    if (ui + ci) % 5 == 0 {
                        20
                    } else {
                        0
                    }
                }
            };
            // Round to quarter points, as blocs do.
            let v = (max.raw() * pct / 100) / 2500 * 2500;
            let v = Dec::from_raw(v);
            if *kind != Kind::Content && v.is_zero() {
                continue;
            }
            unit.set_raw(*nid, Stage::SelfScore, v.to_vi());
            if ui < 4 {
                let bloc = if *kind == Kind::Content && ci % 4 == ui % 4 {
                    v - Dec::from_hundredths(50).min(v)
                } else {
                    v
                };
                unit.set_raw(*nid, Stage::Bloc, bloc.to_vi());
            }
        }
        let _ = uid;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calc::Results;

    #[test]
    fn a_blank_sheet_has_one_criterion_and_no_unit() {
        let s = blank("Mới", "Mục I", "Tiêu chí 1");
        assert_eq!(s.nodes.len(), 2);
        assert!(s.units.is_empty());
        let r = crate::model::Results::compute(&s);
        assert!(r.tree.is_scoreable(1));
    }

    #[test]
    fn sample_is_a_100_point_table_with_bonus_and_deduction() {
        let s = sample();
        let r = Results::compute(&s);
        assert_eq!(r.tree.content_max, Dec::from_int(100));
        assert_eq!(r.tree.bonus_max, Dec::from_int(5));
        assert_eq!(r.tree.deduction_max, Dec::from_int(8));
        assert_eq!(s.units.len(), 6);
        let criteria = (0..r.tree.len())
            .filter(|&i| r.tree.is_scoreable(i))
            .count();
        assert!((18..=24).contains(&criteria), "{criteria} criteria");
        // Everyone self-scored, four were scored by the bloc.
        assert!(r.units.iter().all(|u| u.stage(Stage::SelfScore).filled()));
        assert_eq!(
            r.units
                .iter()
                .filter(|u| u.stage(Stage::Bloc).filled())
                .count(),
            4
        );
        // Every sample value is valid and within its max.
        assert!(r
            .units
            .iter()
            .all(|u| u.stages.iter().all(|s| s.invalid == 0)));
        // Totals differ enough to rank.
        let mut totals: Vec<_> = r.units.iter().map(|u| u.final_total().unwrap()).collect();
        totals.sort();
        totals.dedup();
        assert!(totals.len() >= 5);
        // Parents precede children (I.6 then a), b)).
        let i6 = s.nodes.iter().position(|n| n.code == "I.6").unwrap();
        assert_eq!(s.nodes[i6 + 1].code, "I.6.a");
        assert_eq!(s.nodes[i6 + 2].code, "I.6.b");
    }
}
