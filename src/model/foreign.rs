use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Bounds, Id, Point};

/// What an imported BPMN file said that Flowlane does not model, kept so an export writes it
/// back: the file's own ids, exact element types, unknown attributes and child elements (as
/// self-contained XML fragments), pools and diagrams. Attached to the nearest element by its id;
/// entries of elements deleted since are ignored. Absent for processes drawn in Flowlane.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Foreign {
    /// The `definitions` root: its id, attributes and the children no element owns (messages,
    /// item definitions, signals, …).
    pub definitions: Kept,
    /// Namespace prefixes of the file (prefix → URI), reused so written files read like the original.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, String>>", optional)]
    pub namespaces: BTreeMap<String, String>,
    /// The collaboration that holds the pools, when the file has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub collaboration: Option<Kept>,
    /// Pools (participants) and processes in file order; lanes name theirs in `Kept::pool`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<KeptPool>>", optional)]
    pub pools: Vec<KeptPool>,
    /// Diagrams in file order; shapes name theirs by index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<KeptDiagram>>", optional)]
    pub diagrams: Vec<KeptDiagram>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, Kept>>", optional)]
    pub lanes: BTreeMap<Id, Kept>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, Kept>>", optional)]
    pub nodes: BTreeMap<Id, Kept>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, Kept>>", optional)]
    pub flows: BTreeMap<Id, Kept>,
    /// How lanes, nodes and flows were drawn beyond what `Layout` holds.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, KeptShape>>", optional)]
    pub shapes: BTreeMap<Id, KeptShape>,
}

/// One element as the file had it, minus what Flowlane models.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Kept {
    /// The id in the file, when it is not `_` followed by the Flowlane id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub id: String,
    /// The BPMN element when Flowlane's kind is coarser, e.g. `userTask`, `boundaryEvent`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub element: String,
    /// Unmodelled attributes by `{namespace}name` (plain `name` when unqualified).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, String>>", optional)]
    pub attributes: BTreeMap<String, String>,
    /// Unmodelled child elements, each a self-contained XML fragment, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub xml: Vec<String>,
    /// For a lane: the key of its pool in `Foreign::pools`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub pool: String,
}

/// A participant (pool) and the process it draws; either may be missing (a process without a
/// pool, a black-box pool without a process).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct KeptPool {
    /// What lanes name in `Kept::pool`: the participant's id, else the process's.
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub participant: Option<Kept>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub process: Option<Kept>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lane_set: Option<Kept>,
    /// The pool's shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub shape: Option<KeptShape>,
}

/// A `BPMNDiagram` and its plane.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct KeptDiagram {
    pub diagram: Kept,
    pub plane: Kept,
    /// Plane children that belong to no Flowlane element (e.g. shapes of text annotations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub extra: Vec<String>,
}

/// A `BPMNShape` or `BPMNEdge` beyond the bounds and bend points `Layout` holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct KeptShape {
    /// Its id, attributes (`isExpanded`, …) and children (labels) as the file had them.
    pub kept: Kept,
    /// Index into `Foreign::diagrams`.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[ts(as = "Option<u32>", optional)]
    pub diagram: u32,
    /// Bounds as written (absolute): for pools and lanes, whose bands Flowlane stacks its own
    /// way, and for nodes, written back as they were while the layout still matches them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bounds: Option<Bounds>,
    /// First and last waypoint of an edge; `Layout::flows` holds the points between.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Point>>", optional)]
    pub ends: Vec<Point>,
    /// Shapes and edges of elements kept inside this one's XML (an expanded sub-process).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub inner: Vec<String>,
}

impl Kept {
    /// Nothing kept: the element is written back from the model alone.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
            && self.element.is_empty()
            && self.attributes.is_empty()
            && self.xml.is_empty()
            && self.pool.is_empty()
    }
}

impl Foreign {
    /// The id element `id` has in the BPMN file it came from (and is exported under): the kept
    /// one, else `_` followed by the Flowlane id, as Flowlane writes it.
    pub fn source_id(&self, id: Id) -> String {
        self.bpmn_id(id)
            .map_or_else(|| format!("_{}", id.hyphenated()), String::from)
    }

    /// The id a lane, node or flow had in its BPMN file, when the file gave it one.
    pub fn bpmn_id(&self, id: Id) -> Option<&str> {
        [&self.nodes, &self.flows, &self.lanes]
            .into_iter()
            .find_map(|kept| kept.get(&id).filter(|k| !k.id.is_empty()))
            .map(|k| k.id.as_str())
    }

    /// The BPMN ids of the processes the file held.
    pub fn process_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.pools
            .iter()
            .filter_map(|p| p.process.as_ref())
            .map(|k| k.id.as_str())
            .filter(|id| !id.is_empty())
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
