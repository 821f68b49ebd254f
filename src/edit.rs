//! Editing: a `Command` becomes a `Patch`; `apply` and `invert` are the only ways a patch acts.
//!
//! A patch is a list of record changes, each with the record before and after, so the same value
//! serves undo (invert it), redraw (the changed records) and diff. Follow-up effects of a command
//! (deleting a node deletes its flows) are computed here, once, so no caller repeats them.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Bounds, Flow, Id, Lane, Layout, Node, Point, Process, ProcessInfo};

/// One addressable piece of a definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "record", rename_all = "snake_case")]
#[ts(export)]
pub enum Record {
    Info { info: ProcessInfo },
    Lane { lane: Lane },
    Node { node: Node },
    Flow { flow: Flow },
    NodeBounds { node: Id, bounds: Bounds },
    LaneHeight { lane: Id, height: f64 },
    Waypoints { flow: Id, points: Vec<Point> },
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
}

/// `before: None` is an insertion, `after: None` a removal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    pub key: Key,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Patch {
    pub changes: Vec<Change>,
}

/// What a user can ask for. One command is one gesture, hence one undo entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "command", rename_all = "snake_case")]
#[ts(export)]
pub enum Command {
    UpdateInfo {
        info: ProcessInfo,
    },
    AddLane {
        lane: Lane,
        height: f64,
    },
    UpdateLane {
        lane: Lane,
    },
    /// Removes the lane with every node in it.
    RemoveLane {
        lane: Id,
    },
    AddNode {
        node: Node,
        bounds: Bounds,
    },
    UpdateNode {
        node: Node,
    },
    /// Moves a node, possibly into another lane, which makes it a step of that workflow.
    MoveNode {
        node: Id,
        lane: Id,
        bounds: Bounds,
    },
    /// Removes the node with its flows.
    RemoveNode {
        node: Id,
    },
    AddFlow {
        flow: Flow,
    },
    UpdateFlow {
        flow: Flow,
    },
    RemoveFlow {
        flow: Id,
    },
    /// Puts the lanes in this order, top to bottom; every lane must be listed once.
    ReorderLanes {
        lanes: Vec<Id>,
    },
    ResizeLane {
        lane: Id,
        height: f64,
    },
    /// Sets a flow's bend points; an empty list returns it to automatic routing.
    SetWaypoints {
        flow: Id,
        points: Vec<Point>,
    },
    /// Tidy up: every node box, lane height and bend point as `layout` has them, one undo entry;
    /// bend points `layout` leaves out are dropped (those flows are routed automatically).
    Arrange {
        layout: Layout,
    },
    /// Several commands as one gesture (a multi-selection moved, pasted or deleted): one undo entry.
    Batch {
        commands: Vec<Command>,
    },
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no lane {0}")]
    UnknownLane(Id),
    #[error("there is no node {0}")]
    UnknownNode(Id),
    #[error("there is no flow {0}")]
    UnknownFlow(Id),
    #[error("id {0} is already used in this process")]
    DuplicateId(Id),
    #[error("the process changed under this edit ({0:?} is not as the edit expected); reload and try again")]
    Conflict(Key),
    #[error("a lane order must list each of the process's {expected} lanes exactly once")]
    LaneOrder { expected: usize },
    #[error("a lane must be taller than {MIN_LANE_HEIGHT} (got {0})")]
    LaneHeight(f64),
}

/// The shortest lane that still shows its header and one row of steps.
pub const MIN_LANE_HEIGHT: f64 = 60.0;

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
    }
}

/// Puts `record` at `key` (None removes it).
fn put(process: &mut Process, key: Key, record: Option<Record>) {
    fn upsert<T>(items: &mut Vec<T>, id: impl Fn(&T) -> Id, key: Id, item: Option<T>) {
        items.retain(|x| id(x) != key);
        items.extend(item);
    }
    let layout = &mut process.layout;
    match (key, record) {
        (Key::Info, Some(Record::Info { info })) => process.info = info,
        (Key::Lane(id), r) => upsert(
            &mut process.lanes,
            |l| l.id,
            id,
            r.and_then(|r| match r {
                Record::Lane { lane } => Some(lane),
                _ => None,
            }),
        ),
        (Key::Node(id), r) => upsert(
            &mut process.nodes,
            |n| n.id,
            id,
            r.and_then(|r| match r {
                Record::Node { node } => Some(node),
                _ => None,
            }),
        ),
        (Key::Flow(id), r) => upsert(
            &mut process.flows,
            |f| f.id,
            id,
            r.and_then(|r| match r {
                Record::Flow { flow } => Some(flow),
                _ => None,
            }),
        ),
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
        // The process info always exists; a patch never removes it.
        (Key::Info, _) => {}
    }
}

/// Applies a patch to a copy of the process. Every change must find the record it expects
/// before it, so a stale patch is refused instead of half-applied.
pub fn apply(process: &Process, patch: &Patch) -> Result<Process, EditError> {
    let mut next = process.clone();
    for change in &patch.changes {
        if get(&next, change.key) != change.before {
            return Err(EditError::Conflict(change.key));
        }
        put(&mut next, change.key, change.after.clone());
    }
    Ok(next)
}

/// The patch that undoes `patch`.
pub fn invert(patch: &Patch) -> Patch {
    Patch {
        changes: patch
            .changes
            .iter()
            .rev()
            .map(|c| Change {
                key: c.key,
                before: c.after.clone(),
                after: c.before.clone(),
            })
            .collect(),
    }
}

/// Turns a command into the patch that carries it out, including its follow-up effects.
pub fn execute(process: &Process, command: Command) -> Result<Patch, EditError> {
    let mut patch = PatchBuilder {
        process,
        changes: Vec::new(),
    };
    match command {
        Command::UpdateInfo { info } => patch.set(Record::Info { info }),
        Command::AddLane { lane, height } => {
            patch.fresh(lane.id)?;
            let id = lane.id;
            patch.set(Record::Lane { lane });
            patch.set(Record::LaneHeight { lane: id, height });
        }
        Command::UpdateLane { lane } => {
            process
                .lane(lane.id)
                .ok_or(EditError::UnknownLane(lane.id))?;
            patch.set(Record::Lane { lane });
        }
        Command::RemoveLane { lane } => {
            process.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            for node in process.nodes.iter().filter(|n| n.lane == lane) {
                patch.remove_node(node.id);
            }
            patch.remove(Key::Lane(lane));
            patch.remove(Key::LaneHeight(lane));
        }
        Command::AddNode { node, bounds } => {
            patch.fresh(node.id)?;
            process
                .lane(node.lane)
                .ok_or(EditError::UnknownLane(node.lane))?;
            let id = node.id;
            patch.set(Record::Node { node });
            patch.set(Record::NodeBounds { node: id, bounds });
        }
        Command::UpdateNode { node } => {
            let old = process
                .node(node.id)
                .ok_or(EditError::UnknownNode(node.id))?;
            if old.lane != node.lane {
                process
                    .lane(node.lane)
                    .ok_or(EditError::UnknownLane(node.lane))?;
            }
            patch.set(Record::Node { node });
        }
        Command::MoveNode { node, lane, bounds } => {
            let old = process.node(node).ok_or(EditError::UnknownNode(node))?;
            process.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            patch.set(Record::Node {
                node: Node {
                    lane,
                    ..old.clone()
                },
            });
            patch.set(Record::NodeBounds { node, bounds });
        }
        Command::RemoveNode { node } => {
            process.node(node).ok_or(EditError::UnknownNode(node))?;
            patch.remove_node(node);
        }
        Command::AddFlow { flow } => {
            patch.fresh(flow.id)?;
            patch.endpoints(&flow)?;
            patch.set(Record::Flow { flow });
        }
        Command::UpdateFlow { flow } => {
            process
                .flow(flow.id)
                .ok_or(EditError::UnknownFlow(flow.id))?;
            patch.endpoints(&flow)?;
            patch.set(Record::Flow { flow });
        }
        Command::RemoveFlow { flow } => {
            process.flow(flow).ok_or(EditError::UnknownFlow(flow))?;
            patch.remove(Key::Flow(flow));
            patch.remove(Key::Waypoints(flow));
        }
        Command::ReorderLanes { lanes } => {
            let mut listed = lanes.clone();
            listed.sort();
            listed.dedup();
            let known = listed.iter().all(|id| process.lane(*id).is_some());
            if !known || listed.len() != lanes.len() || lanes.len() != process.lanes.len() {
                return Err(EditError::LaneOrder {
                    expected: process.lanes.len(),
                });
            }
            for (order, id) in (0..).zip(&lanes) {
                let lane = process.lane(*id).expect("checked above");
                patch.set(Record::Lane {
                    lane: Lane {
                        order,
                        ..lane.clone()
                    },
                });
            }
        }
        Command::ResizeLane { lane, height } => {
            process.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            if !(height.is_finite() && height >= MIN_LANE_HEIGHT) {
                return Err(EditError::LaneHeight(height));
            }
            patch.set(Record::LaneHeight { lane, height });
        }
        Command::SetWaypoints { flow, points } => {
            process.flow(flow).ok_or(EditError::UnknownFlow(flow))?;
            if points.is_empty() {
                patch.remove(Key::Waypoints(flow));
            } else {
                patch.set(Record::Waypoints { flow, points });
            }
        }
        Command::Arrange { layout } => patch.arrange(layout)?,
        Command::Batch { commands } => return batch(process, commands),
    }
    Ok(Patch {
        changes: patch.changes,
    })
}

/// Runs each command against the result of the one before, as one patch.
fn batch(process: &Process, commands: Vec<Command>) -> Result<Patch, EditError> {
    let mut current = process.clone();
    let mut changes = Vec::new();
    for command in commands {
        let patch = execute(&current, command)?;
        current = apply(&current, &patch)?;
        changes.extend(patch.changes);
    }
    Ok(Patch { changes })
}

/// Collects changes against one process, skipping those that would change nothing.
struct PatchBuilder<'a> {
    process: &'a Process,
    changes: Vec<Change>,
}

impl PatchBuilder<'_> {
    fn set(&mut self, record: Record) {
        self.change(record.key(), Some(record));
    }

    fn remove(&mut self, key: Key) {
        self.change(key, None);
    }

    fn change(&mut self, key: Key, after: Option<Record>) {
        let before = get(self.process, key);
        if before != after && !self.changes.iter().any(|c| c.key == key) {
            self.changes.push(Change { key, before, after });
        }
    }

    fn remove_node(&mut self, node: Id) {
        let flows = self
            .process
            .flows
            .iter()
            .filter(|f| f.source == node || f.target == node);
        for flow in flows {
            self.remove(Key::Flow(flow.id));
            self.remove(Key::Waypoints(flow.id));
        }
        self.remove(Key::Node(node));
        self.remove(Key::NodeBounds(node));
    }

    fn arrange(&mut self, layout: Layout) -> Result<(), EditError> {
        let p = self.process;
        let nodes: HashSet<Id> = p.nodes.iter().map(|n| n.id).collect();
        let flows: HashSet<Id> = (p.flows.iter().map(|f| f.id))
            .chain(p.messages.iter().map(|m| m.id))
            .collect();
        for (node, bounds) in layout.nodes {
            if !nodes.contains(&node) {
                return Err(EditError::UnknownNode(node));
            }
            self.set(Record::NodeBounds { node, bounds });
        }
        for (lane, height) in layout.lanes {
            p.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            self.set(Record::LaneHeight { lane, height });
        }
        for flow in p.layout.flows.keys() {
            if !layout.flows.contains_key(flow) {
                self.remove(Key::Waypoints(*flow));
            }
        }
        for (flow, points) in layout.flows {
            if !flows.contains(&flow) {
                return Err(EditError::UnknownFlow(flow));
            }
            self.set(Record::Waypoints { flow, points });
        }
        Ok(())
    }

    fn fresh(&self, id: Id) -> Result<(), EditError> {
        let p = self.process;
        if p.lane(id).is_some() || p.node(id).is_some() || p.flow(id).is_some() {
            return Err(EditError::DuplicateId(id));
        }
        Ok(())
    }

    fn endpoints(&self, flow: &Flow) -> Result<(), EditError> {
        for end in [flow.source, flow.target] {
            self.process.node(end).ok_or(EditError::UnknownNode(end))?;
        }
        Ok(())
    }
}
