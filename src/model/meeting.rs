//! The bloc meeting that agrees the results, as the biên bản records it:
//! when and where, who chaired and who kept the minutes, the members
//! present and absent, and for each unit proposed for an award how the
//! members voted. The secretary types it in a short form; the documents
//! (`crate::docx`) are filled from it and from the results.
//!
//! Rules (pinned by the tests below):
//! 1. Names and lines are kept trimmed; empty lines are dropped.
//! 2. A vote count is whole and at most the members voting; members
//!    voting are at most the members present when the present are listed.
//! 3. The meeting is a record of what happened: it may be typed after the
//!    results are locked (`Op::SetMeeting` is allowed then, `lock.rs`).

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
            if !self.present.is_empty() && p.voters as usize > self.present.len() {
                return Err(MeetingError::VotersOverPresent(i));
            }
        }
        Ok(())
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
}
