//! The addressable pieces of a definition, and reading and writing one of them by its key.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{
    Artifact, Association, Bounds, Flow, Id, Lane, MessageFlow, Node, Point, Pool, Process,
    ProcessInfo,
};

/// One addressable piece of a definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "record", rename_all = "snake_case")]
#[ts(export)]
pub enum Record {
    Info {
        info: ProcessInfo,
    },
    Lane {
        lane: Lane,
    },
    Node {
        node: Node,
    },
    Flow {
        flow: Flow,
    },
    NodeBounds {
        node: Id,
        bounds: Bounds,
    },
    LaneHeight {
        lane: Id,
        height: f64,
    },
    /// Bend points of a sequence flow or a message flow.
    Waypoints {
        flow: Id,
        points: Vec<Point>,
    },
    Pool {
        pool: Pool,
    },
    /// Height of a pool band without lanes.
    PoolHeight {
        pool: Id,
        height: f64,
    },
    Message {
        message: MessageFlow,
    },
    Artifact {
        artifact: Artifact,
    },
    ArtifactBounds {
        artifact: Id,
        bounds: Bounds,
    },
    Association {
        association: Association,
    },
}

/// Where a record lives; two records with the same key are versions of one thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "key", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum Key {
    Info,
    Lane(Id),
    Node(Id),
    Flow(Id),
    NodeBounds(Id),
    LaneHeight(Id),
    Waypoints(Id),
    Pool(Id),
    PoolHeight(Id),
    Message(Id),
    Artifact(Id),
    ArtifactBounds(Id),
    Association(Id),
}

impl Key {
    /// Where something is drawn, which no name or description depends on.
    pub fn is_layout(&self) -> bool {
        matches!(
            self,
            Key::NodeBounds(_)
                | Key::LaneHeight(_)
                | Key::Waypoints(_)
                | Key::PoolHeight(_)
                | Key::ArtifactBounds(_)
        )
    }
}

impl Record {
    pub fn key(&self) -> Key {
        match self {
            Record::Info { .. } => Key::Info,
            Record::Lane { lane } => Key::Lane(lane.id),
            Record::Node { node } => Key::Node(node.id),
            Record::Flow { flow } => Key::Flow(flow.id),
            Record::NodeBounds { node, .. } => Key::NodeBounds(*node),
            Record::LaneHeight { lane, .. } => Key::LaneHeight(*lane),
            Record::Waypoints { flow, .. } => Key::Waypoints(*flow),
            Record::Pool { pool } => Key::Pool(pool.id),
            Record::PoolHeight { pool, .. } => Key::PoolHeight(*pool),
            Record::Message { message } => Key::Message(message.id),
            Record::Artifact { artifact } => Key::Artifact(artifact.id),
            Record::ArtifactBounds { artifact, .. } => Key::ArtifactBounds(*artifact),
            Record::Association { association } => Key::Association(association.id),
        }
    }
}

/// The record at `key`, if the process has one.
pub fn get(process: &Process, key: Key) -> Option<Record> {
    let layout = &process.layout;
    match key {
        Key::Info => Some(Record::Info {
            info: process.info.clone(),
        }),
        Key::Lane(id) => process.lane(id).map(|l| Record::Lane { lane: l.clone() }),
        Key::Node(id) => process.node(id).map(|n| Record::Node { node: n.clone() }),
        Key::Flow(id) => process.flow(id).map(|f| Record::Flow { flow: f.clone() }),
        Key::Pool(id) => process.pool(id).map(|p| Record::Pool { pool: p.clone() }),
        Key::Message(id) => process
            .messages
            .iter()
            .find(|m| m.id == id)
            .map(|m| Record::Message { message: m.clone() }),
        Key::Artifact(id) => {
            process
                .artifacts
                .iter()
                .find(|a| a.id == id)
                .map(|a| Record::Artifact {
                    artifact: a.clone(),
                })
        }
        Key::Association(id) => {
            process
                .associations
                .iter()
                .find(|a| a.id == id)
                .map(|a| Record::Association {
                    association: a.clone(),
                })
        }
        Key::NodeBounds(id) => layout.nodes.get(&id).map(|b| Record::NodeBounds {
            node: id,
            bounds: *b,
        }),
        Key::LaneHeight(id) => layout.lanes.get(&id).map(|h| Record::LaneHeight {
            lane: id,
            height: *h,
        }),
        Key::Waypoints(id) => layout.flows.get(&id).map(|p| Record::Waypoints {
            flow: id,
            points: p.clone(),
        }),
        Key::PoolHeight(id) => layout.pools.get(&id).map(|h| Record::PoolHeight {
            pool: id,
            height: *h,
        }),
        Key::ArtifactBounds(id) => layout.artifacts.get(&id).map(|b| Record::ArtifactBounds {
            artifact: id,
            bounds: *b,
        }),
    }
}

/// Puts the record's `$field` into list `$list` in place of the item with id `$id` (none: removes it).
macro_rules! put_item {
    ($list:expr, $record:ident, $field:ident, $id:expr, $r:expr) => {{
        let item = $r.and_then(|r| match r {
            Record::$record { $field } => Some($field),
            _ => None,
        });
        $list.retain(|x| x.id != $id);
        $list.extend(item);
    }};
}

/// Puts the record's `$field` into layout map `$map` at `$id` (none: removes it).
macro_rules! put_entry {
    ($map:expr, $record:ident, $field:ident, $id:expr, $r:expr) => {
        match $r {
            Some(Record::$record { $field, .. }) => {
                $map.insert($id, $field);
            }
            _ => {
                $map.remove(&$id);
            }
        }
    };
}

/// Puts `record` at `key` (None removes it).
pub(super) fn put(process: &mut Process, key: Key, record: Option<Record>) {
    let layout = &mut process.layout;
    match key {
        Key::Info => {
            // The process info always exists; a patch never removes it.
            if let Some(Record::Info { info }) = record {
                process.info = info;
            }
        }
        Key::Lane(id) => put_item!(process.lanes, Lane, lane, id, record),
        Key::Node(id) => put_item!(process.nodes, Node, node, id, record),
        Key::Flow(id) => put_item!(process.flows, Flow, flow, id, record),
        Key::Pool(id) => put_item!(process.pools, Pool, pool, id, record),
        Key::Message(id) => put_item!(process.messages, Message, message, id, record),
        Key::Artifact(id) => put_item!(process.artifacts, Artifact, artifact, id, record),
        Key::Association(id) => {
            put_item!(process.associations, Association, association, id, record)
        }
        Key::NodeBounds(id) => put_entry!(layout.nodes, NodeBounds, bounds, id, record),
        Key::LaneHeight(id) => put_entry!(layout.lanes, LaneHeight, height, id, record),
        Key::Waypoints(id) => put_entry!(layout.flows, Waypoints, points, id, record),
        Key::PoolHeight(id) => put_entry!(layout.pools, PoolHeight, height, id, record),
        Key::ArtifactBounds(id) => {
            put_entry!(layout.artifacts, ArtifactBounds, bounds, id, record)
        }
    }
}
