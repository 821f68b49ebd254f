use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Id;

/// Where things are drawn, kept apart from what they mean so a diff can tell the two apart.
/// Maps are keyed by element id, which makes their order canonical for free.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Layout {
    /// Node boxes; `y` is relative to the top of the node's lane, so reordering lanes moves
    /// their nodes along without rewriting them.
    pub nodes: BTreeMap<Id, Bounds>,
    /// Height of each lane band.
    pub lanes: BTreeMap<Id, f64>,
    /// Bend points of a flow in process coordinates; a flow without an entry is routed automatically.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, Vec<Point>>>", optional)]
    pub flows: BTreeMap<Id, Vec<Point>>,
    /// Height of each pool band that has no lanes (a black-box partner).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, f64>>", optional)]
    pub pools: BTreeMap<Id, f64>,
    /// Artifact boxes in process coordinates (they belong to no lane).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<Id, Bounds>>", optional)]
    pub artifacts: BTreeMap<Id, Bounds>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Bounds {
    /// A box with its upper-left corner at (`x`, `y`).
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Bounds {
        Bounds { x, y, w, h }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Height a lane gets when the layout does not say.
pub const DEFAULT_LANE_HEIGHT: f64 = 160.0;

impl Layout {
    /// The bend points of a flow, none when it runs straight.
    pub fn bends(&self, flow: Id) -> Vec<Point> {
        self.flows.get(&flow).cloned().unwrap_or_default()
    }
    pub fn lane_height(&self, lane: Id) -> f64 {
        self.lanes
            .get(&lane)
            .copied()
            .unwrap_or(DEFAULT_LANE_HEIGHT)
    }
}
