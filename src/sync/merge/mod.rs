//! Semantic three-way merge of two definitions that both grew from one base.
//!
//! Elements are paired base ↔ mine and base ↔ theirs with the diff engine's matching (so a
//! renamed or re-created element is still the same element), and compared field by field with
//! the diff engine's field lists. A change made on one side only is taken; the same change on
//! both sides is taken once; a field changed two ways, or an element deleted on one side while
//! the other changed it (or put something in it or connected to it), is a `Conflict` listing
//! both values. Until a conflict has a choice the merged definition holds mine there, so the
//! draft is always a whole, valid process and nothing of either side is dropped unasked.
//!
//! A deletion can take other work along: the steps the other side moved into or added to a
//! deleted lane, the flows it connected to a deleted step. `dependents.rs` names them in the
//! conflict and keeps them (steps go to the lane they came from, or the one the user picked)
//! unless their deletion is confirmed (`Fate::Drop`). Lanes both sides added get distinct orders.

mod beside;
mod dependents;
mod graph;
mod positions;
mod records;
mod sides;
mod values;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::describe::ProcessNames;
use crate::diff::semantic::DiffElement;
use crate::model::{Id, Process};
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

    pub fn other(self) -> Side {
        match self {
            Side::Mine => Side::Theirs,
            Side::Theirs => Side::Mine,
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
    /// What taking the deleting side would also delete or move: the steps in a deleted lane
    /// (and their flows), the flows of a deleted step. Empty for other conflicts.
    pub dependents: Vec<Dependent>,
    /// The dependents in one sentence, with who did what: "deleting lane Audit would also delete
    /// the step Schedule payment that ann moved into it …". `None` without dependents.
    pub consequence: Option<String>,
    /// What becomes of the dependents when the deleting side is taken; `None` keeps them.
    pub fate: Option<Fate>,
    /// The deleting side is chosen, but its dependents cannot be kept (flows of a deleted step, or
    /// no lane left to move steps to) and deleting them is not confirmed: the conflict still waits.
    pub needs_confirmation: bool,
}

impl Conflict {
    /// For a deletion conflict, the side that deleted the element.
    pub fn deleting_side(&self) -> Option<Side> {
        match (self.field.as_str(), &self.mine, &self.theirs) {
            ("deleted", None, Some(_)) => Some(Side::Mine),
            ("deleted", Some(_), None) => Some(Side::Theirs),
            _ => None,
        }
    }

    /// The deletion is chosen, so its dependents are kept elsewhere or, confirmed, deleted.
    pub fn deletion_taken(&self) -> bool {
        self.choice.is_some() && self.choice == self.deleting_side()
    }
}

/// An element a deletion would take along.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Dependent {
    /// `node` (a step) or `flow`.
    pub element: DiffElement,
    /// Its id in the merged definition.
    pub id: Id,
    pub name: String,
    /// What the side that kept it did: "moved into it", "added in it", "changed", "added".
    pub how: String,
    /// For a step: the lane it is kept in when the deleting side is taken, and why that lane.
    pub kept_in: Option<KeptIn>,
}

/// Where a step of a deleted lane goes when it is kept.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KeptIn {
    pub lane: Id,
    pub name: String,
    /// "the lane it came from", "the lane picked", "the first lane, as the lane it came from is
    /// deleted"…
    pub why: String,
}

/// What becomes of a deletion's dependents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Fate {
    /// Kept: steps move to `lane`, or each to the lane it came from when `lane` is `None`.
    Keep { lane: Option<Id> },
    /// Deleted along, as the user confirmed.
    Drop,
}

impl fmt::Display for Fate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fate::Keep { lane: None } => f.write_str("keep"),
            Fate::Keep { lane: Some(lane) } => write!(f, "keep:{lane}"),
            Fate::Drop => f.write_str("drop"),
        }
    }
}

impl Fate {
    pub fn parse(text: &str) -> Option<Fate> {
        match text {
            "keep" => Some(Fate::Keep { lane: None }),
            "drop" => Some(Fate::Drop),
            other => {
                let lane = other.strip_prefix("keep:")?.parse().ok()?;
                Some(Fate::Keep { lane: Some(lane) })
            }
        }
    }
}

/// The choices made for a merge: a side per conflict key, and what becomes of the dependents
/// of a deletion (by the deletion conflict's key).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    pub sides: BTreeMap<String, Side>,
    pub fates: BTreeMap<String, Fate>,
}

/// Suffix of the stored key under which a conflict's `Fate` is kept.
const FATE_KEY: &str = "+dependents";

impl Choices {
    /// From the stored form: conflict key → "mine" / "theirs", key + "+dependents" → fate.
    pub fn read(stored: &BTreeMap<String, String>) -> Choices {
        let mut out = Choices::default();
        for (key, value) in stored {
            if let Some(conflict) = key.strip_suffix(FATE_KEY) {
                out.fates
                    .extend(Fate::parse(value).map(|f| (conflict.to_string(), f)));
            } else {
                out.sides
                    .extend(Side::parse(value).map(|s| (key.clone(), s)));
            }
        }
        out
    }

    pub fn write(&self) -> BTreeMap<String, String> {
        let sides = (self.sides.iter()).map(|(k, s)| (k.clone(), s.as_str().to_string()));
        let fates = (self.fates.iter()).map(|(k, f)| (format!("{k}{FATE_KEY}"), f.to_string()));
        sides.chain(fates).collect()
    }
}

/// Who saved each side, for the sentences that say who did what.
#[derive(Clone, Debug, PartialEq)]
pub struct People {
    pub mine: String,
    pub theirs: String,
}

impl Default for People {
    fn default() -> Self {
        People {
            mine: "my side".into(),
            theirs: "their side".into(),
        }
    }
}

impl People {
    pub fn of(&self, side: Side) -> &str {
        match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        }
    }
}

/// The merged definition (mine wherever a conflict has no choice yet) and every conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub process: Process,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// Conflicts still waiting for a choice (or for the confirmation their choice needs).
    pub fn unresolved(&self) -> Vec<&Conflict> {
        self.conflicts
            .iter()
            .filter(|c| c.choice.is_none() || c.needs_confirmation)
            .collect()
    }
}

/// Merges `mine` and `theirs`, both descended from `base`, applying the `choices` made so far;
/// `people` name the sides in what the conflicts say. No library names the processes calls run.
pub fn merge(
    base: &Process,
    mine: &Process,
    theirs: &Process,
    choices: &Choices,
    people: &People,
) -> Merged {
    merge_in(None, base, mine, theirs, choices, people)
}

/// `merge`, its conflicts naming the processes calls run by their names in `library`.
pub fn merge_in(
    library: Option<&ProcessNames>,
    base: &Process,
    mine: &Process,
    theirs: &Process,
    choices: &Choices,
    people: &People,
) -> Merged {
    let sides = Sides::new(base, mine, theirs);
    let mut merger = records::Merger::new(&sides, choices, people, library);
    let process = merger.run();
    Merged {
        process,
        conflicts: merger.into_conflicts(),
    }
}
