use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Id;

/// Something drawn beside the flow that does not move tokens: data, notes and groups. Drawn,
/// diffed and exported; never simulated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Artifact {
    pub id: Id,
    /// The sub-process it is drawn in, none at the process level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent: Option<Id>,
    pub kind: ArtifactKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub enum ArtifactKind {
    /// Information an activity reads or writes, e.g. "Invoice"; `collection` for a list of them.
    DataObject {
        name: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        #[ts(as = "Option<bool>", optional)]
        collection: bool,
    },
    /// A system that outlives the instance, e.g. "ERP".
    DataStore { name: String },
    /// A note for the reader.
    Annotation { text: String },
    /// A dashed frame around related elements; it has no members, only a place.
    Group { name: String },
}

/// A dotted line from or to an artifact: a note's anchor, or data read (data → activity) and
/// written (activity → data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Association {
    pub id: Id,
    pub source: Id,
    pub target: Id,
    #[serde(default, skip_serializing_if = "Direction::is_none")]
    #[ts(as = "Option<Direction>", optional)]
    pub direction: Direction,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Direction {
    #[default]
    None,
    One,
    Both,
}

impl Direction {
    pub fn is_none(&self) -> bool {
        *self == Direction::None
    }
}

impl ArtifactKind {
    /// The text it shows: a name, or a note's text.
    pub fn text(&self) -> &str {
        match self {
            ArtifactKind::DataObject { name, .. }
            | ArtifactKind::DataStore { name }
            | ArtifactKind::Group { name } => name,
            ArtifactKind::Annotation { text } => text,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            ArtifactKind::DataObject { .. } => "data object",
            ArtifactKind::DataStore { .. } => "data store",
            ArtifactKind::Annotation { .. } => "annotation",
            ArtifactKind::Group { .. } => "group",
        }
    }
}
