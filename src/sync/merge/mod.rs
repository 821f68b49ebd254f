//! Semantic three-way merge of two definitions that both grew from one base.
//!
//! Elements are paired base ↔ mine and base ↔ theirs with the diff engine's matching (so a
//! renamed or re-created element is still the same element), and compared field by field with
//! the diff engine's field lists. A change made on one side only is taken; the same change on
//! both sides is taken once; a field changed two ways, or an element deleted on one side while
//! the other changed it (or put something in it or connected to it), is a `Conflict` listing
//! both values. Until a conflict has a choice the merged definition holds mine there, so the
//! draft is always a whole, valid process and nothing of either side is dropped unasked.

mod graph;
mod layout;
mod records;
mod sides;
mod values;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::semantic::DiffElement;
use crate::model::Process;
use sides::Sides;

/// Which side a conflict is resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Side {
    Mine,
    Theirs,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Mine => "mine",
            Side::Theirs => "theirs",
        }
    }

    pub fn parse(text: &str) -> Option<Side> {
        match text {
            "mine" => Some(Side::Mine),
            "theirs" => Some(Side::Theirs),
            _ => None,
        }
    }
}

/// One point where the two sides disagree.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    /// 1, 2, … in the order listed; the CLI names conflicts by it.
    pub number: u32,
    /// Stable across recomputations of the same merge: where choices are stored.
    pub key: String,
    pub element: DiffElement,
    /// The element's id in the common base (the process's own id for process fields), so the
    /// app can mark and centre it on the canvas.
    pub anchor: String,
    /// What people call the element (mine's name when both have it).
    pub name: String,
    /// The field ("name", "lane", "bounds"…), or "deleted" when one side removed the element.
    pub field: String,
    /// The value on each side; `None` means deleted (or empty).
    pub mine: Option<String>,
    pub theirs: Option<String>,
    pub choice: Option<Side>,
}

/// The merged definition (mine wherever a conflict has no choice yet) and every conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub process: Process,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// Conflicts still waiting for a choice.
    pub fn unresolved(&self) -> Vec<&Conflict> {
        self.conflicts
            .iter()
            .filter(|c| c.choice.is_none())
            .collect()
    }
}

/// Merges `mine` and `theirs`, both descended from `base`, applying the `choices` made so far
/// (conflict key → side).
pub fn merge(
    base: &Process,
    mine: &Process,
    theirs: &Process,
    choices: &BTreeMap<String, Side>,
) -> Merged {
    let sides = Sides::new(base, mine, theirs);
    let mut merger = records::Merger::new(&sides, choices);
    let process = merger.run();
    Merged {
        process,
        conflicts: merger.into_conflicts(),
    }
}
