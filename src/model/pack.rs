//! What a unit pack says of itself. A pack is the workbook the bloc sends
//! one unit to fill ([`crate::xlsx::export::export_packs`]); its hidden
//! sheet holds a [`PackStamp`]: the table it was made from (its
//! [`fingerprint`]) and the unit it was made for. Merging the pack back
//! ([`super::merge`]) finds the unit by the stamp, not by the name the
//! unit wrote in the file.

use super::fingerprint::fingerprint;
use super::sheet::{Scoresheet, Unit, UnitId};
use super::unit_match::UnitName;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackStamp {
    /// The [`fingerprint`] of the table the pack was made from.
    pub fingerprint: String,
    /// The unit's id and name in the scoresheet the pack was made from.
    pub unit: UnitId,
    pub name: String,
}

impl PackStamp {
    pub fn new(sheet: &Scoresheet, unit: &Unit) -> PackStamp {
        PackStamp {
            fingerprint: fingerprint(sheet),
            unit: unit.id,
            name: unit.name.clone(),
        }
    }

    /// Whether the pack was made from `target`'s table as it is now.
    pub fn same_template(&self, target: &Scoresheet) -> bool {
        self.fingerprint == fingerprint(target)
    }

    /// The position in `target` of the unit the pack was made for: the
    /// unit of the stamp's id, when its name there is still the stamp's
    /// (case, diacritics, "UBND" and a level word aside). Ids are only
    /// unique within one scoresheet: a pack of another bloc using the same
    /// table carries ids of its own units, which the name tells apart.
    /// `None`: the name rule decides, on the name written in the file.
    pub fn unit_in(&self, target: &Scoresheet) -> Option<usize> {
        let i = target.units.iter().position(|u| u.id == self.unit)?;
        UnitName::new(&target.units[i].name)
            .same_loosely(&UnitName::new(&self.name))
            .then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample;

    #[test]
    fn the_stamp_names_its_unit_by_id_while_the_name_still_fits() {
        let mut s = sample::sample();
        let stamp = PackStamp::new(&s, &s.units[1]);
        assert!(stamp.same_template(&s));
        assert_eq!(stamp.unit_in(&s), Some(1));
        // Moved, or renamed loosely: still found by its id.
        s.units.swap(0, 1);
        let name = s.units[0].name.clone();
        s.units[0].name = name.to_uppercase().replace("UBND ", "");
        assert_eq!(stamp.unit_in(&s), Some(0));
        // Another unit under that id (another bloc's sheet): not it.
        s.units[0].name = "Phòng Nội vụ".into();
        assert_eq!(stamp.unit_in(&s), None);
        s.units.remove(0);
        assert_eq!(stamp.unit_in(&s), None);
        // The table changed since.
        let tree = crate::model::Tree::new(&s);
        let first = (0..tree.len()).find(|&p| tree.is_scoreable(p)).unwrap();
        s.nodes[first].text.push_str(" và báo cáo");
        assert!(!stamp.same_template(&s));
    }
}
