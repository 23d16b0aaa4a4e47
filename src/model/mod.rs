//! The scoring domain: pure Rust, no web types.

pub mod calc;
pub mod classes;
pub mod compare;
pub mod edit;
pub mod face;
pub mod fingerprint;
pub mod hash;
pub mod input;
pub mod lock;
pub mod meeting;
pub mod merge;
pub mod num;
pub mod pack;
pub mod sample;
pub mod saved;
pub mod sheet;
pub mod text;
pub mod tsv;
pub mod unit_match;

pub use calc::{
    evaluate, CellError, CellValue, FinalResult, Progress, Results, ShownMax, StageResult, Tie,
    TieKey, Tree, UnitResult,
};
#[cfg(test)]
pub use classes::classify;
pub use edit::{History, Op};
pub use face::Face;
pub use lock::Finding;
pub use num::{Dec, ParseError};
pub use sheet::{
    Class, FinalRule, Kind, Lock, LockAction, LockEvent, Mark, Node, NodeId, Receipt, Scoresheet,
    Stage, Unit, UnitId, SCHEMA_VERSION,
};

impl Scoresheet {
    /// Serializes to JSON (the stored and backup form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the JSON form, refusing versions newer than this build knows.
    pub fn from_json(text: &str) -> Result<Scoresheet, String> {
        let s: Scoresheet = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if s.schema_version > SCHEMA_VERSION {
            return Err(format!(
                "schema_version {} > {}",
                s.schema_version, SCHEMA_VERSION
            ));
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_round_trip_keeps_everything() {
        let mut s = sample::sample();
        let id = s.nodes[2].id;
        s.units[0].set_raw(id, Stage::Verify, "mười");
        s.units[0].set_note(id, Stage::Verify, "Ghi chú \"có dấu\" <b>");
        let json = s.to_json();
        assert!(json.contains("\"schema_version\":1"));
        let back = Scoresheet::from_json(&json).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.units[0].raw(id, Stage::Verify), "mười");
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut s = sample::sample();
        s.schema_version = SCHEMA_VERSION + 1;
        assert!(Scoresheet::from_json(&s.to_json()).is_err());
        assert!(Scoresheet::from_json("{").is_err());
    }
}
