//! What a column of a scoring table holds: the roles the import detects
//! from header words and a person may choose in the preview.

use crate::model::Stage;
use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Stt,
    Text,
    Max,
    Weight,
    #[serde(rename = "self")]
    SelfScore,
    Bloc,
    Verify,
    Note,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Stt,
        Role::Text,
        Role::Max,
        Role::Weight,
        Role::SelfScore,
        Role::Bloc,
        Role::Verify,
        Role::Note,
    ];

    /// A role's place in [`Role::ALL`] (checked at compile time below).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn stage(self) -> Option<Stage> {
        match self {
            Role::SelfScore => Some(Stage::SelfScore),
            Role::Bloc => Some(Stage::Bloc),
            Role::Verify => Some(Stage::Verify),
            _ => None,
        }
    }
}

const _: () = {
    let mut i = 0;
    while i < Role::ALL.len() {
        assert!(
            Role::ALL[i] as usize == i,
            "Role::ALL out of declaration order"
        );
        i += 1;
    }
};
