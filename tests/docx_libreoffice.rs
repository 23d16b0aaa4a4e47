//! The dossier's documents open in a real word processor with the right
//! text: the biên bản and the báo cáo of the sample (locked, with a
//! meeting typed) are converted to PDF by LibreOffice headless (Writer,
//! `make office`) and read back with pdftotext (poppler-utils, `make
//! browser`): the national header, the title, every unit with its total
//! and rank in words, the votes, the signers and the lock's code.

use chamdiem::model::lock::lock_op;
use chamdiem::model::meeting::{Meeting, Proposal};
use chamdiem::model::{sample::sample, Face, History, Results, Scoresheet, Stage, Tree};
use std::path::Path;
use std::process::{Command, Stdio};

fn sheet() -> Scoresheet {
    let mut s = sample();
    s.face = Face {
        body_from: None,
        issuer: vec![
            "UBND TỈNH HÀ TĨNH".into(),
            "KHỐI THI ĐUA CÁC HUYỆN, THÀNH PHỐ, THỊ XÃ".into(),
        ],
        place: "Hà Tĩnh".into(),
    };
    let first = s.units[0].id;
    s.meeting = Meeting {
        number: "01/BB-KTĐ".into(),
        when: "14 giờ 00, ngày 05/12/2026".into(),
        place: "Hội trường UBND thành phố Hà Tĩnh".into(),
        chair: "Ông Nguyễn Văn An, Chủ tịch UBND thành phố Hà Tĩnh, Trưởng khối".into(),
        secretary: "Bà Trần Thị Bình".into(),
        present: (1..=7).map(|i| format!("Thành viên số {i}")).collect(),
        absent: vec!["Ông Lê Văn Cường (đi công tác)".into()],
        proposals: vec![Proposal {
            unit: first,
            award: "Cờ thi đua của UBND tỉnh".into(),
            votes_for: 6,
            voters: 7,
        }],
    };
    // The verifier changed one criterion of the first unit.
    let tree = Tree::new(&s);
    let first = (0..tree.len()).find(|&p| tree.is_scoreable(p)).unwrap();
    let i1 = s.nodes[first].id;
    s.units[0].set_raw(i1, Stage::Verify, "1");
    let op = lock_op(&s, Stage::Bloc, "05/12/2026 16:30");
    History::default().apply(&mut s, vec![op]);
    s
}

/// Converts the .docx files in `dir` to PDF and returns each one's text.
fn to_text(dir: &Path, names: &[&str]) -> Vec<String> {
    let profile = dir.join("profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--nolockcheck", "--nologo"])
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(names.iter().map(|n| dir.join(n)))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("soffice (LibreOffice Writer; `make office`) is required");
    assert!(status.success(), "soffice failed: {status}");
    names
        .iter()
        .map(|n| {
            let pdf = dir.join(n.replace(".docx", ".pdf"));
            assert!(
                pdf.exists(),
                "{n} was not converted (is libreoffice-writer installed?)"
            );
            let out = Command::new("pdftotext")
                .args(["-layout"])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils; `make browser`) is required");
            String::from_utf8_lossy(&out.stdout).to_string()
        })
        .collect()
}

/// pdftotext lays a table out in columns: compare with spaces folded.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_minutes_and_the_report_open_in_libreoffice_with_the_results() {
    let s = sheet();
    let res = Results::compute(&s);
    let code = s.lock.as_ref().unwrap().fingerprint.clone();
    let dir = std::env::temp_dir().join(format!("chamdiem-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bien-ban.docx"),
        chamdiem::docx::minutes(&s).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("bao-cao.docx"),
        chamdiem::docx::report(&s).unwrap(),
    )
    .unwrap();
    let texts = to_text(&dir, &["bien-ban.docx", "bao-cao.docx"]);
    let (minutes, report) = (fold(&texts[0]), fold(&texts[1]));

    for text in [&minutes, &report] {
        assert!(text.contains("UBND TỈNH HÀ TĨNH"), "{text}");
        assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(text.contains("Độc lập - Tự do - Hạnh phúc"));
        assert!(text.contains(&format!("Mã kết quả {code}")));
        assert!(text.contains("Nơi nhận:"));
        // Every unit, and each ranked one with its total and rank in words.
        for (i, u) in s.units.iter().enumerate() {
            assert!(text.contains(&u.name), "{} missing", u.name);
            let r = &res.units[i];
            if let (Some(total), Some(rank)) = (r.final_total(), r.rank_for(None)) {
                let word = chamdiem::strings::rank_word(rank);
                assert!(
                    text.contains(&format!("{} {word}", total.to_vi())),
                    "{}: {} {word} not in {text}",
                    u.name,
                    total.to_vi()
                );
            }
        }
        assert!(text.contains("6/7 phiếu đồng ý (85,7%)"));
    }
    // How many units the bloc scored in full, never more.
    let scored = res
        .units
        .iter()
        .filter(|u| u.final_result().is_some())
        .count();
    assert!(scored < s.units.len(), "the sample has units waiting");
    let said = format!("đủ {scored}/{} đơn vị", s.units.len());
    assert!(
        minutes.contains(&format!("Khối đã chấm điểm {said}")),
        "{minutes}"
    );
    assert!(
        report.contains(&format!("khối họp chấm điểm {said}")),
        "{report}"
    );
    // The minutes are dated by the meeting; the report is dated by hand.
    assert!(
        minutes.contains("Hà Tĩnh, ngày 05 tháng 12 năm 2026"),
        "{minutes}"
    );
    assert!(report.contains("Hà Tĩnh, ngày … tháng … năm …"), "{report}");
    // A stage total of a unit not fully scored in it is marked, and said.
    let partial = res.units.iter().any(|u| {
        [Stage::SelfScore, Stage::Bloc, Stage::Verify]
            .iter()
            .any(|&st| u.stage(st).filled() && !u.stage(st).complete())
    });
    assert!(partial, "the sample has a stage scored in part");
    for text in [&minutes, &report] {
        assert!(text.contains("(*) Tổng điểm của giai đoạn chưa chấm đủ"));
        // Thẩm định has its column: one criterion of the first unit was
        // verified, its total marked as scored in part.
        let verified = res.units[0].stage(Stage::Verify).total.to_vi();
        assert!(
            text.contains(&format!("{verified} (*)")),
            "{verified} (*) in {text}"
        );
    }
    assert!(minutes.contains("BIÊN BẢN"));
    assert!(minutes.contains("Số: 01/BB-KTĐ"));
    assert!(minutes.contains("14 giờ 00, ngày 05/12/2026"));
    assert!(minutes.contains("Hội trường UBND thành phố Hà Tĩnh"));
    assert!(minutes.contains("Thành viên dự họp (7 người)"));
    assert!(minutes.contains("Ông Lê Văn Cường (đi công tác)"));
    assert!(minutes.contains("THƯ KÝ") && minutes.contains("CHỦ TRÌ"));
    assert!(minutes.contains("Bà Trần Thị Bình") && minutes.contains("Ông Nguyễn Văn An"));
    // The chair's whole line in the body, the name alone under the
    // signatures (meeting rule 5).
    let line = "Chủ tịch UBND thành phố Hà Tĩnh, Trưởng khối";
    assert_eq!(minutes.matches(line).count(), 1, "{minutes}");
    assert!(!report.contains(line), "{report}");
    assert!(report.contains("Nguyễn Văn An"));
    assert!(report.contains("BÁO CÁO"));
    assert!(report.contains("TRƯỞNG KHỐI"));
    assert!(report.contains("đề nghị Cờ thi đua của UBND tỉnh"));
    // CHAMDIEM_KEEP=1 keeps the files to look at.
    if std::env::var_os("CHAMDIEM_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("kept {}", dir.display());
    }
}
