//! What a semantic diff says: plain, serialisable data for the CLI and the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::fields::DiffField;
use crate::model::Id;

/// Every change between two definitions, in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Diff {
    /// Changes in meaning: the process, then variables, lanes, nodes (by lane) and flows.
    pub changes: Vec<ElementChange>,
    /// Lane names top to bottom before and after, when the relative order of kept lanes changed.
    pub lane_order: Option<LaneOrder>,
    /// Where things are drawn; kept apart so they can be hidden.
    pub layout: Vec<LayoutChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffElement {
    Process,
    Variable,
    Lane,
    Node,
    Flow,
    Pool,
    /// A message flow between pools.
    Message,
    /// A data object, data store, annotation or group.
    Artifact,
    Association,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffStatus {
    Added,
    Removed,
    Changed,
    /// A node now in another lane (its other field changes are listed too).
    Moved,
}

/// One element that was added, removed, changed or moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ElementChange {
    pub element: DiffElement,
    pub status: DiffStatus,
    /// Id in the older definition; none when added (and for variables, which have no id).
    pub old_id: Option<Id>,
    /// Id in the newer definition; none when removed. Differs from `old_id` when re-created.
    pub new_id: Option<Id>,
    /// What people call it: the (newer) name, a variable's name, a flow as "source → target".
    pub name: String,
    /// "task", "exclusive gateway", "lane", "flow", "variable" or "process".
    pub kind: String,
    /// The lane a node is in (the older one when removed).
    pub lane: Option<String>,
    pub moved: Option<LaneMove>,
    /// Deleted and drawn again under a new id, recognised by kind, neighbours and name.
    pub recreated: bool,
    /// Field-level values; for an added element the new values, for a removed one the old.
    pub fields: Vec<FieldChange>,
}

/// `old → new`; `None` means absent or empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: DiffField,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LaneMove {
    /// Lane id in the older definition.
    pub from: Id,
    pub from_name: String,
    /// Lane id in the newer definition.
    pub to: Id,
    pub to_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LaneOrder {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LayoutItem {
    NodeBounds,
    LaneHeight,
    Waypoints,
}

/// A drawing change of an element present in both definitions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LayoutChange {
    pub item: LayoutItem,
    /// Id in the newer definition.
    pub id: Id,
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Diff {
    /// True when nothing at all changed, layout included.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.lane_order.is_none() && self.layout.is_empty()
    }
}
