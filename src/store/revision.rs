//! A saved version of a process or its draft, as a person names it (`3`, `v3`, `draft`): one
//! side of `flowlane diff` and of the app's `--compare`.

use std::str::FromStr;

use super::{Library, Result, StoreError};
use crate::model::{Id, Process};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    Version(u32),
    Draft,
}

impl FromStr for Revision {
    type Err = StoreError;

    fn from_str(text: &str) -> Result<Revision> {
        if text.eq_ignore_ascii_case("draft") {
            return Ok(Revision::Draft);
        }
        text.trim_start_matches(['v', 'V'])
            .parse()
            .map(Revision::Version)
            .map_err(|_| StoreError::BadRevision(text.to_string()))
    }
}

impl Library {
    /// The version or the draft of `process`, with what a diff calls it (`v3`, `draft`).
    pub fn load_revision(&self, process: Id, revision: Revision) -> Result<(String, Process)> {
        match revision {
            Revision::Version(number) => {
                Ok((format!("v{number}"), self.load(process, Some(number))?.1))
            }
            Revision::Draft => match self.draft(process)? {
                Some(draft) => Ok(("draft".into(), draft.process)),
                None => {
                    let all = self.processes()?;
                    let found = all.into_iter().find(|p| p.id == process);
                    let name = found.map_or_else(|| process.to_string(), |p| p.name);
                    Err(StoreError::NoDraft(name))
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_is_a_number_with_or_without_v_or_draft() {
        assert_eq!("3".parse::<Revision>().ok(), Some(Revision::Version(3)));
        assert_eq!("V12".parse::<Revision>().ok(), Some(Revision::Version(12)));
        assert_eq!("Draft".parse::<Revision>().ok(), Some(Revision::Draft));
        let refused = "latest".parse::<Revision>().err().map(|e| e.to_string());
        assert_eq!(
            refused.as_deref(),
            Some("`latest` is not a version number or `draft`")
        );
    }
}
