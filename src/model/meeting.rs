//! The bloc meeting that agrees the results, as the biên bản records it:
//! when and where, who chaired and who kept the minutes, the members
//! present and absent, and for each unit proposed for an award how the
//! members voted. The secretary types it in a short form; the documents
//! (`crate::docx`) are filled from it and from the results.
//!
//! Rules (pinned by the tests below):
//! 1. Names and lines are kept trimmed; empty lines are dropped.
//! 2. A vote count is whole and at most the members voting; members
//!    voting are at most the members present when the present are listed,
//!    the chair counted among them when not listed (the form has a field
//!    of its own for the chair, who votes: 4 members listed and a chair
//!    are 5 voters).
//! 3. The meeting is a record of what happened: it may be typed after the
//!    results are locked (`Op::SetMeeting` is allowed then, `lock.rs`).
//! 4. The meeting's date is the first real date in `when`, written
//!    "05/12/2026" (also "5-12-2026", "5.12.2026") or "ngày 5 tháng 12
//!    năm 2026"; the minutes are dated by it, in NĐ 30/2020's words: a day
//!    below 10 and the months 1 and 2 with a leading zero ("ngày 05 tháng
//!    02 năm 2027", "ngày 15 tháng 3 năm 2026"). No date, no words.
//! 5. A signature block shows the signer's name only: the chair's line as
//!    typed ("Ông Trần Văn Bình, Chủ tịch UBND thị xã Kỳ Anh, Trưởng
//!    khối") up to its first comma or dash, without "Ông", "Bà" or "Đồng
//!    chí" ("Trần Văn Bình"); the body of the minutes keeps the whole line.

use serde::{Deserialize, Serialize};

/// A unit proposed for an award, and how the members voted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The unit's id (`sheet::UnitId`, spelt out: the sheet holds the
    /// meeting, so this file does not import it).
    pub unit: u32,
    /// "Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh".
    pub award: String,
    /// Members voting for, of `voters`.
    pub votes_for: u32,
    pub voters: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The document's number ("01/BB-KTĐ"), as the office numbers it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// When, as written in the document ("14 giờ 00, ngày 05/12/2026").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when: String,
    /// Where ("Hội trường UBND huyện Cẩm Xuyên").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// Who chaired ("Ông Nguyễn Văn A, Chủ tịch UBND huyện Cẩm Xuyên,
    /// Trưởng khối").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chair: String,
    /// Who kept the minutes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub secretary: String,
    /// Members present, one a line ("Ông … – Phó Chủ tịch UBND …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// Members absent, one a line (with the reason when given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
}

/// Why a meeting as typed cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingError {
    /// More votes for than members voting (proposal index).
    VotesOverVoters(usize),
    /// More members voting than members present (proposal index).
    VotersOverPresent(usize),
    /// A proposal names no unit of the scoresheet (proposal index).
    UnknownUnit(usize),
}

impl Meeting {
    pub fn is_empty(&self) -> bool {
        *self == Meeting::default()
    }

    /// Rule 1: trimmed, empty lines and untitled proposals dropped.
    pub fn tidy(mut self) -> Meeting {
        for s in [
            &mut self.number,
            &mut self.when,
            &mut self.place,
            &mut self.chair,
            &mut self.secretary,
        ] {
            *s = s.trim().to_string();
        }
        for list in [&mut self.present, &mut self.absent] {
            *list = list
                .iter()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
        }
        for p in &mut self.proposals {
            p.award = p.award.trim().to_string();
        }
        self
    }

    /// Rule 2, against the scoresheet's units.
    pub fn validate(&self, units: &[u32]) -> Result<(), MeetingError> {
        for (i, p) in self.proposals.iter().enumerate() {
            if !units.contains(&p.unit) {
                return Err(MeetingError::UnknownUnit(i));
            }
            if p.votes_for > p.voters {
                return Err(MeetingError::VotesOverVoters(i));
            }
            if !self.present.is_empty() && p.voters as usize > self.members_present() {
                return Err(MeetingError::VotersOverPresent(i));
            }
        }
        Ok(())
    }
}

impl Meeting {
    /// Rule 2: the members listed as present, and the chair when not
    /// among them (by name, rule 5).
    pub fn members_present(&self) -> usize {
        let chair = signing_name(&self.chair);
        let listed = self.present.iter().any(|l| l.contains(chair));
        self.present.len() + usize::from(!chair.is_empty() && !listed)
    }

    /// Rule 4: the date of the meeting as the minutes write it, or "".
    pub fn date_words(&self) -> String {
        match find_date(&self.when) {
            Some((d, m, y)) => {
                let month = if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                };
                format!("ngày {d:02} tháng {month} năm {y}")
            }
            None => String::new(),
        }
    }
}

/// Rule 5: the name to print under a signature.
pub fn signing_name(line: &str) -> &str {
    let end = line
        .find([',', ';', '(', '–', '—'])
        .into_iter()
        .chain(line.find(" - "))
        .min()
        .unwrap_or(line.len());
    let name = line[..end].trim();
    ["Ông ", "Bà ", "Đồng chí ", "đồng chí ", "Đ/c ", "đ/c "]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
        .trim()
}

/// The first (day, month, year) in `text` (rule 4).
fn find_date(text: &str) -> Option<(u32, u32, u32)> {
    let lower = text.to_lowercase();
    // Numbers in order, with what separates each from the next.
    let mut nums: Vec<(u32, String)> = Vec::new();
    let mut digits = String::new();
    let mut gap = String::new();
    for c in lower.chars().chain([' ']) {
        if c.is_ascii_digit() {
            if digits.is_empty() {
                if let Some(last) = nums.last_mut() {
                    last.1 = std::mem::take(&mut gap);
                }
                gap.clear();
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                nums.push((digits.parse().unwrap_or(u32::MAX), String::new()));
                digits.clear();
            }
            gap.push(c);
        }
    }
    let numeric = |g: &str| matches!(g, "/" | "-" | ".");
    let worded = |g: &str, w: &str| g.trim() == w;
    nums.windows(3).find_map(|w| {
        let [(d, g1), (m, g2), (y, _)] = w else {
            return None;
        };
        let shaped = (numeric(g1) && g1 == g2) || (worded(g1, "tháng") && worded(g2, "năm"));
        let real =
            (1900..=2999).contains(y) && (1..=12).contains(m) && *d >= 1 && *d <= days(*m, *y);
        (shaped && real).then_some((*d, *m, *y))
    })
}

fn days(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// "85,7" (percent of votes for, one decimal, as the minutes write it).
pub fn percent(votes_for: u32, voters: u32) -> String {
    if voters == 0 {
        return "0".into();
    }
    let tenths = (u64::from(votes_for) * 1000 + u64::from(voters) / 2) / u64::from(voters);
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        d => format!("{},{d}", tenths / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(unit: u32, votes_for: u32, voters: u32) -> Proposal {
        Proposal {
            unit,
            award: " Cờ thi đua của UBND tỉnh ".into(),
            votes_for,
            voters,
        }
    }

    #[test]
    fn rule_1_lines_are_trimmed_and_empty_ones_dropped() {
        let m = Meeting {
            chair: "  Ông Nguyễn Văn A ".into(),
            present: vec!["Ông B".into(), "  ".into(), " Bà C ".into()],
            proposals: vec![proposal(1, 5, 6)],
            ..Meeting::default()
        }
        .tidy();
        assert_eq!(m.chair, "Ông Nguyễn Văn A");
        assert_eq!(m.present, ["Ông B", "Bà C"]);
        assert_eq!(m.proposals[0].award, "Cờ thi đua của UBND tỉnh");
        assert!(Meeting::default().tidy().is_empty());
    }

    #[test]
    fn rule_2_votes_fit_the_voters_and_the_voters_the_members_present() {
        let units = [1, 2, 3];
        let mut m = Meeting {
            present: vec!["A".into(), "B".into(), "C".into()],
            proposals: vec![proposal(1, 3, 3)],
            ..Meeting::default()
        };
        assert_eq!(m.validate(&units), Ok(()));
        m.proposals[0] = proposal(1, 4, 3);
        assert_eq!(m.validate(&units), Err(MeetingError::VotesOverVoters(0)));
        m.proposals[0] = proposal(1, 3, 4);
        assert_eq!(m.validate(&units), Err(MeetingError::VotersOverPresent(0)));
        // A chair not listed votes too; listed, not twice.
        m.chair = "Ông Trần Văn Bình, Trưởng khối".into();
        assert_eq!(m.validate(&units), Ok(()));
        m.present[0] = "Ông Trần Văn Bình - Chủ tịch UBND thị xã Kỳ Anh".into();
        assert_eq!(m.validate(&units), Err(MeetingError::VotersOverPresent(0)));
        m.chair.clear();
        m.proposals[0] = proposal(9, 1, 1);
        assert_eq!(m.validate(&units), Err(MeetingError::UnknownUnit(0)));
        // With nobody listed, any count of voters is taken as typed.
        m.present.clear();
        m.proposals[0] = proposal(2, 6, 7);
        assert_eq!(m.validate(&units), Ok(()));
    }

    #[test]
    fn percentages_are_written_with_a_decimal_comma() {
        assert_eq!(percent(6, 7), "85,7");
        assert_eq!(percent(7, 7), "100");
        assert_eq!(percent(1, 3), "33,3");
        assert_eq!(percent(0, 0), "0");
    }

    #[test]
    fn rule_4_the_minutes_are_dated_by_the_meeting() {
        let words = |when: &str| {
            Meeting {
                when: when.into(),
                ..Meeting::default()
            }
            .date_words()
        };
        assert_eq!(
            words("14 giờ 00, ngày 05/12/2026"),
            "ngày 05 tháng 12 năm 2026"
        );
        assert_eq!(words("8h00 ngày 5-2-2027"), "ngày 05 tháng 02 năm 2027");
        assert_eq!(
            words("Vào hồi 8 giờ 30 phút, ngày 15 tháng 3 năm 2026"),
            "ngày 15 tháng 3 năm 2026"
        );
        assert_eq!(words("sáng 1.12.2026"), "ngày 01 tháng 12 năm 2026");
        // No date, or not a real one, or mixed separators: nothing.
        assert_eq!(words("14 giờ 00"), "");
        assert_eq!(words("ngày 31/11/2026"), "");
        assert_eq!(words("ngày 29/02/2027"), "");
        assert_eq!(words("ngày 29/02/2028"), "ngày 29 tháng 02 năm 2028");
        assert_eq!(words("ngày 5/12-2026"), "");
        assert_eq!(words(""), "");
    }

    #[test]
    fn rule_5_a_signature_shows_the_name_only() {
        assert_eq!(
            signing_name("Ông Trần Văn Bình, Chủ tịch UBND thị xã Kỳ Anh, Trưởng khối"),
            "Trần Văn Bình"
        );
        assert_eq!(
            signing_name("Bà Lê Thị Hoa - Chánh Văn phòng"),
            "Lê Thị Hoa"
        );
        assert_eq!(
            signing_name("Đồng chí Nguyễn Văn An (Trưởng khối)"),
            "Nguyễn Văn An"
        );
        assert_eq!(signing_name("Nguyễn Thị Lê-Na"), "Nguyễn Thị Lê-Na");
        assert_eq!(signing_name("  Phạm Minh  "), "Phạm Minh");
        assert_eq!(signing_name(""), "");
    }
}
