//! The page ↔ file worker messages, one definition for both sides
//! (`crate::ui::files` on the page, `crate::worker` in the worker). Each
//! message is a [`Request`] or a [`Reply`] as JSON, beside the bytes of a
//! file when one travels (transferred, not copied): `{id, msg, bytes?}`.
//! Errors cross as types ([`Failure`]) and become Vietnamese text only on
//! the page. Native: the encoding is tested here.

use crate::xlsx::{ExportError, Fixes, ImportError, Remembered, Report};
use serde::{Deserialize, Serialize};

/// What the page asks of the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Read a workbook (its bytes travel beside the message) with the
    /// corrections made in the preview, else those remembered for it.
    Import {
        name: String,
        fixes: Fixes,
        remembered: Vec<Remembered>,
    },
    /// Write the workbook of a scoresheet (its stored form,
    /// `model::saved`); the bytes come back beside [`Reply::Written`].
    Export { sheet: String },
    /// Write one workbook per unit, in a zip.
    Packs { sheet: String },
    /// Write a document of the dossier (.docx).
    Document {
        sheet: String,
        doc: crate::docx::Document,
    },
    /// Write the dossier: the workbook and both documents, in a zip.
    Dossier { sheet: String },
    /// The worker's linear memory, for `make bench` only.
    #[cfg(feature = "bench")]
    Memory,
}

/// What the worker answers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The worker listens; requests sent before wait for this.
    Ready,
    /// The scoresheet read (stored form) and what was understood.
    Imported {
        sheet: String,
        report: Box<Report>,
    },
    /// The bytes written travel beside the message.
    Written,
    #[cfg(feature = "bench")]
    Memory {
        bytes: f64,
    },
    Failed(Failure),
}

/// Why a request failed, as a type: the page says it in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    Import(ImportError),
    Export(ExportError),
    /// A request this worker cannot read: a page and a worker of different
    /// builds, or a bug (the decoder's words, for the details).
    Unknown(String),
}

impl Failure {
    /// The message people read.
    pub fn message(&self) -> String {
        match self {
            Failure::Import(e) => e.message(),
            Failure::Export(e) => e.message(),
            Failure::Unknown(_) => crate::strings::WORKER_CRASHED.to_string(),
        }
    }

    /// Technical detail (English), shown only under "Chi tiết".
    pub fn detail(&self) -> Option<String> {
        match self {
            Failure::Import(e) => e.detail().map(String::from),
            Failure::Export(e) => e.detail().map(String::from),
            Failure::Unknown(d) => Some(d.clone()),
        }
    }
}

/// A message as it travels.
pub fn encode<T: Serialize>(message: &T) -> String {
    // Plain data (strings, numbers, maps with string keys): cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

pub fn decode_request(text: &str) -> Result<Request, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::Unknown(e.to_string()))
}

pub fn decode_reply(text: &str) -> Result<Reply, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::Unknown(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::RowFix;

    #[test]
    fn requests_travel_whole() {
        let mut fixes = Fixes::default();
        fixes.set_row(RowFix {
            at: 9,
            key: "1 cong tac".into(),
            role: Some(crate::xlsx::RowRole::Skip),
            kind: None,
            max: None,
        });
        let r = Request::Import {
            name: "Đức Thọ.xlsx".into(),
            fixes: fixes.clone(),
            remembered: Vec::new(),
        };
        match decode_request(&encode(&r)) {
            Ok(Request::Import { name, fixes: f, .. }) => {
                assert_eq!(name, "Đức Thọ.xlsx");
                assert_eq!(f, fixes);
            }
            other => panic!("{other:?}"),
        }
        let r = Request::Packs { sheet: "{}".into() };
        assert!(
            matches!(decode_request(&encode(&r)), Ok(Request::Packs { sheet }) if sheet == "{}")
        );
    }

    #[test]
    fn failures_cross_as_types_and_are_said_on_the_page() {
        for f in [
            Failure::Import(ImportError::Encrypted),
            Failure::Import(ImportError::TooLarge { limit_mb: 20 }),
            Failure::Import(ImportError::Broken("zip: bad CRC".into())),
            Failure::Export(ExportError::NoUnits),
        ] {
            match decode_reply(&encode(&Reply::Failed(f.clone()))) {
                Ok(Reply::Failed(back)) => assert_eq!(back, f),
                other => panic!("{other:?}"),
            }
        }
        let f = Failure::Import(ImportError::Broken("zip: bad CRC".into()));
        assert_eq!(f.detail().as_deref(), Some("zip: bad CRC"));
        assert_eq!(f.message(), ImportError::Broken(String::new()).message());
    }

    #[test]
    fn what_cannot_be_read_is_a_failure_not_a_panic() {
        assert!(matches!(
            decode_request("{\"Import\":{\"name\":3}}"),
            Err(Failure::Unknown(_))
        ));
        assert!(matches!(
            decode_request("\"Format\""),
            Err(Failure::Unknown(_))
        ));
        assert!(matches!(decode_reply(""), Err(Failure::Unknown(_))));
    }
}
