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

fn upsert<T>(items: &mut Vec<T>, id: impl Fn(&T) -> Id, key: Id, item: Option<T>) {
    items.retain(|x| id(x) != key);
    items.extend(item);
}

/// Puts `record` at `key` (None removes it).
pub(super) fn put(process: &mut Process, key: Key, record: Option<Record>) {
    let layout = &mut process.layout;
    match (key, record) {
        (Key::Info, Some(Record::Info { info })) => process.info = info,
        // The process info always exists; a patch never removes it.
        (Key::Info, _) => {}
        (Key::Lane(id), r) => {
            let lane = r.and_then(|r| match r {
                Record::Lane { lane } => Some(lane),
                _ => None,
            });
            upsert(&mut process.lanes, |l| l.id, id, lane)
        }
        (Key::Node(id), r) => {
            let node = r.and_then(|r| match r {
                Record::Node { node } => Some(node),
                _ => None,
            });
            upsert(&mut process.nodes, |n| n.id, id, node)
        }
        (Key::Flow(id), r) => {
            let flow = r.and_then(|r| match r {
                Record::Flow { flow } => Some(flow),
                _ => None,
            });
            upsert(&mut process.flows, |f| f.id, id, flow)
        }
        (Key::Pool(id), r) => {
            let pool = r.and_then(|r| match r {
                Record::Pool { pool } => Some(pool),
                _ => None,
            });
            upsert(&mut process.pools, |p| p.id, id, pool)
        }
        (Key::Message(id), r) => {
            let message = r.and_then(|r| match r {
                Record::Message { message } => Some(message),
                _ => None,
            });
            upsert(&mut process.messages, |m| m.id, id, message)
        }
        (Key::Artifact(id), r) => {
            let artifact = r.and_then(|r| match r {
                Record::Artifact { artifact } => Some(artifact),
                _ => None,
            });
            upsert(&mut process.artifacts, |a| a.id, id, artifact)
        }
        (Key::Association(id), r) => {
            let association = r.and_then(|r| match r {
                Record::Association { association } => Some(association),
                _ => None,
            });
            upsert(&mut process.associations, |a| a.id, id, association)
        }
        (Key::NodeBounds(id), Some(Record::NodeBounds { bounds, .. })) => {
            layout.nodes.insert(id, bounds);
        }
        (Key::NodeBounds(id), _) => {
            layout.nodes.remove(&id);
        }
        (Key::LaneHeight(id), Some(Record::LaneHeight { height, .. })) => {
            layout.lanes.insert(id, height);
        }
        (Key::LaneHeight(id), _) => {
            layout.lanes.remove(&id);
        }
        (Key::Waypoints(id), Some(Record::Waypoints { points, .. })) => {
            layout.flows.insert(id, points);
        }
        (Key::Waypoints(id), _) => {
            layout.flows.remove(&id);
        }
        (Key::PoolHeight(id), Some(Record::PoolHeight { height, .. })) => {
            layout.pools.insert(id, height);
        }
        (Key::PoolHeight(id), _) => {
            layout.pools.remove(&id);
        }
        (Key::ArtifactBounds(id), Some(Record::ArtifactBounds { bounds, .. })) => {
            layout.artifacts.insert(id, bounds);
        }
        (Key::ArtifactBounds(id), _) => {
            layout.artifacts.remove(&id);
        }
    }
}
