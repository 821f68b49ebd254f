//! Turning a command into the patch that carries it out, with its follow-up effects.

use crate::expr::dialect::declared_with;
use crate::model::{Bounds, Flow, Id, Lane, Node, NodeKind, Process, Trigger};

use super::otherwise::{condition_ends_default, inferred_default};
use super::structure::{expanded_at, on_border, plane_of, PatchBuilder};
use super::{apply_in_place, Command, EditError, Key, Patch, Record, MIN_LANE_HEIGHT};

/// Turns a command into the patch that carries it out, including its follow-up effects.
pub fn execute(process: &Process, command: Command) -> Result<Patch, EditError> {
    let mut patch = PatchBuilder {
        process,
        changes: Vec::new(),
    };
    let p = process;
    match command {
        Command::UpdateInfo { info } => patch.set(Record::Info { info }),
        Command::AddLane { lane, height } => {
            patch.fresh(lane.id)?;
            known_pool(p, lane.pool)?;
            let id = lane.id;
            patch.set(Record::Lane { lane });
            patch.set(Record::LaneHeight { lane: id, height });
        }
        Command::UpdateLane { lane } => {
            p.lane(lane.id).ok_or(EditError::UnknownLane(lane.id))?;
            known_pool(p, lane.pool)?;
            patch.set(Record::Lane { lane });
        }
        Command::RemoveLane { lane } => {
            p.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            patch.remove_lane(lane);
        }
        Command::AddNode { node, bounds } => {
            patch.fresh(node.id)?;
            p.lane(node.lane).ok_or(EditError::UnknownLane(node.lane))?;
            let (node, bounds) = placed(p, node, bounds)?;
            let id = node.id;
            declare_what_it_reads(p, &mut patch, event_condition(&node));
            patch.set(Record::Node { node });
            patch.set(Record::NodeBounds { node: id, bounds });
        }
        Command::UpdateNode { node } => {
            let old = p.node(node.id).ok_or(EditError::UnknownNode(node.id))?;
            if old.lane != node.lane {
                p.lane(node.lane).ok_or(EditError::UnknownLane(node.lane))?;
            }
            let now = p.layout.nodes.get(&node.id).copied();
            let bounds = now.unwrap_or(Bounds::new(0.0, 0.0, 36.0, 36.0));
            let (node, bounds) = placed(p, node, bounds)?;
            let id = node.id;
            let new_host = matches!(node.kind, NodeKind::Boundary { host, .. }
                if !matches!(old.kind, NodeKind::Boundary { host: h, .. } if h == host));
            declare_what_it_reads(p, &mut patch, event_condition(&node));
            patch.set(Record::Node { node });
            if new_host {
                patch.set(Record::NodeBounds { node: id, bounds });
            }
        }
        Command::MoveNode { node, lane, bounds } => {
            let old = p.node(node).ok_or(EditError::UnknownNode(node))?;
            p.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            if let NodeKind::Boundary { .. } = old.kind {
                let (moved, bounds) = placed(
                    p,
                    Node {
                        lane,
                        ..old.clone()
                    },
                    bounds,
                )?;
                patch.set(Record::NodeBounds { node, bounds });
                patch.set(Record::Node { node: moved });
            } else {
                let plane = plane_of(p, old);
                let (lane, parent) = if plane.is_some() && plane == old.parent {
                    // On a collapsed sub-process's own plane: no lanes, and it stays inside.
                    (old.lane, old.parent)
                } else {
                    match expanded_at(p, node, lane, plane, bounds).or(plane) {
                        Some(sub) => (p.node(sub).map_or(lane, |s| s.lane), Some(sub)),
                        None => (lane, None),
                    }
                };
                patch.move_node(old, lane, bounds, parent);
            }
        }
        Command::RemoveNode { node } => {
            p.node(node).ok_or(EditError::UnknownNode(node))?;
            patch.remove_node(node);
        }
        Command::AddFlow { flow } => {
            patch.fresh(flow.id)?;
            stays_inside(p, &flow)?;
            let flow = inferred_default(p, flow);
            declare_what_it_reads(p, &mut patch, flow.condition.as_deref());
            patch.set(Record::Flow { flow });
        }
        Command::UpdateFlow { flow } => {
            let old = p.flow(flow.id).ok_or(EditError::UnknownFlow(flow.id))?;
            stays_inside(p, &flow)?;
            let flow = condition_ends_default(old, flow);
            declare_what_it_reads(p, &mut patch, flow.condition.as_deref());
            patch.set(Record::Flow { flow });
        }
        Command::RemoveFlow { flow } => {
            p.flow(flow).ok_or(EditError::UnknownFlow(flow))?;
            patch.remove_flow(flow);
        }
        Command::ReorderLanes { lanes } => reorder(p, &mut patch, &lanes)?,
        Command::ResizeLane { lane, height } => {
            p.lane(lane).ok_or(EditError::UnknownLane(lane))?;
            if !(height.is_finite() && height >= MIN_LANE_HEIGHT) {
                return Err(EditError::LaneHeight(height));
            }
            patch.set(Record::LaneHeight { lane, height });
        }
        Command::SetWaypoints { flow, points } => {
            if p.flow(flow).is_none() && !p.messages.iter().any(|m| m.id == flow) {
                return Err(EditError::UnknownFlow(flow));
            }
            if points.is_empty() {
                patch.remove(Key::Waypoints(flow));
            } else {
                patch.set(Record::Waypoints { flow, points });
            }
        }
        Command::AddPool { pool, height } => {
            patch.fresh(pool.id)?;
            let id = pool.id;
            patch.set(Record::Pool { pool });
            if let Some(height) = height {
                patch.set(Record::PoolHeight { pool: id, height });
            }
        }
        Command::UpdatePool { pool } => {
            p.pool(pool.id).ok_or(EditError::UnknownPool(pool.id))?;
            patch.set(Record::Pool { pool });
        }
        Command::RemovePool { pool } => {
            p.pool(pool).ok_or(EditError::UnknownPool(pool))?;
            for lane in p.lanes.iter().filter(|l| l.pool == Some(pool)) {
                patch.remove_lane(lane.id);
            }
            patch.remove_ends(pool);
            patch.remove(Key::Pool(pool));
            patch.remove(Key::PoolHeight(pool));
        }
        Command::AddMessage { message } => {
            patch.fresh(message.id)?;
            between_pools(p, message.source, message.target)?;
            patch.set(Record::Message { message });
        }
        Command::UpdateMessage { message } => {
            if !p.messages.iter().any(|m| m.id == message.id) {
                return Err(EditError::UnknownMessage(message.id));
            }
            between_pools(p, message.source, message.target)?;
            patch.set(Record::Message { message });
        }
        Command::RemoveMessage { message } => {
            if !p.messages.iter().any(|m| m.id == message) {
                return Err(EditError::UnknownMessage(message));
            }
            patch.remove_message(message);
        }
        Command::AddArtifact { artifact, bounds } => {
            patch.fresh(artifact.id)?;
            known_parent(p, artifact.parent)?;
            let id = artifact.id;
            patch.set(Record::Artifact { artifact });
            patch.set(Record::ArtifactBounds {
                artifact: id,
                bounds,
            });
        }
        Command::UpdateArtifact { artifact } => {
            known_artifact(p, artifact.id)?;
            known_parent(p, artifact.parent)?;
            patch.set(Record::Artifact { artifact });
        }
        Command::MoveArtifact { artifact, bounds } => {
            known_artifact(p, artifact)?;
            patch.set(Record::ArtifactBounds { artifact, bounds });
        }
        Command::RemoveArtifact { artifact } => {
            known_artifact(p, artifact)?;
            patch.remove_artifact(artifact);
        }
        Command::AddAssociation { association } => {
            patch.fresh(association.id)?;
            associable(p, association.source)?;
            associable(p, association.target)?;
            patch.set(Record::Association { association });
        }
        Command::UpdateAssociation { association } => {
            if !p.associations.iter().any(|a| a.id == association.id) {
                return Err(EditError::UnknownAssociation(association.id));
            }
            associable(p, association.source)?;
            associable(p, association.target)?;
            patch.set(Record::Association { association });
        }
        Command::RemoveAssociation { association } => {
            if !p.associations.iter().any(|a| a.id == association) {
                return Err(EditError::UnknownAssociation(association));
            }
            patch.remove(Key::Association(association));
        }
        Command::Arrange { layout } => patch.arrange(layout)?,
        Command::Batch { commands } => return batch(p, commands),
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
        apply_in_place(&mut current, &patch)?;
        changes.extend(patch.changes);
    }
    Ok(Patch { changes })
}

/// Where a new or changed node goes: a boundary event onto its host's border, in the host's
/// lane and parent; a node inside a sub-process into that sub-process's lane; a new node
/// dropped inside an expanded sub-process into it.
fn placed(p: &Process, mut node: Node, bounds: Bounds) -> Result<(Node, Bounds), EditError> {
    if let NodeKind::Boundary { host, .. } = node.kind {
        let found = p.node(host).filter(|h| h.id != node.id);
        let host_node = found.ok_or(EditError::UnknownNode(host))?;
        if !host_node.kind.is_activity() {
            return Err(EditError::NotAnActivity(host));
        }
        node.lane = host_node.lane;
        node.parent = host_node.parent;
        let host_bounds = p.layout.nodes.get(&host).copied().unwrap_or(bounds);
        return Ok((node, on_border(host_bounds, bounds)));
    }
    if node.parent.is_none() && p.node(node.id).is_none() {
        node.parent = expanded_at(p, node.id, node.lane, None, bounds);
    }
    if let Some(parent) = node.parent {
        if parent == node.id {
            return Err(EditError::InsideItself);
        }
        let sub = p.node(parent).ok_or(EditError::UnknownNode(parent))?;
        if !matches!(sub.kind, NodeKind::SubProcess { .. }) {
            return Err(EditError::NotAnActivity(parent));
        }
        node.lane = sub.lane;
    }
    Ok((node, bounds))
}

/// A condition typed on a flow or a conditional event declares the variables it reads that the
/// process does not, with the type their use implies (`amount > 5000`: a number), so the
/// simulator and What-if know what to ask for without a trip to the process's properties. One
/// patch: undo takes both back.
fn declare_what_it_reads(p: &Process, patch: &mut PatchBuilder, condition: Option<&str>) {
    let Some(condition) = condition else {
        return;
    };
    let variables = declared_with(&p.info.variables, [condition]);
    if variables.len() > p.info.variables.len() {
        let info = crate::model::ProcessInfo {
            variables,
            ..p.info.clone()
        };
        patch.set(Record::Info { info });
    }
}

/// The condition of a conditional event.
fn event_condition(node: &Node) -> Option<&str> {
    match node.kind.trigger() {
        Some(Trigger::Conditional { condition }) => Some(condition),
        _ => None,
    }
}

/// A sequence flow joins two nodes of one sub-process (or both at the process level) in one pool.
fn stays_inside(p: &Process, flow: &Flow) -> Result<(), EditError> {
    let end = |id: Id| p.node(id).ok_or(EditError::UnknownNode(id));
    let (source, target) = (end(flow.source)?, end(flow.target)?);
    if source.parent != target.parent {
        return Err(EditError::CrossesSubProcess);
    }
    let pool = |n: &Node| p.lane(n.lane).and_then(|l| l.pool);
    if pool(source) != pool(target) {
        return Err(EditError::CrossesPool);
    }
    Ok(())
}

/// The pool a message flow end belongs to: a pool itself, or a node's lane's pool (none: the
/// process's own, unnamed pool).
fn pool_of(p: &Process, end: Id) -> Result<Option<Id>, EditError> {
    if p.pool(end).is_some() {
        return Ok(Some(end));
    }
    let node = p.node(end).ok_or(EditError::UnknownEnd(end))?;
    Ok(p.lane(node.lane).and_then(|l| l.pool))
}

fn between_pools(p: &Process, source: Id, target: Id) -> Result<(), EditError> {
    if pool_of(p, source)? == pool_of(p, target)? {
        return Err(EditError::MessageWithinPool);
    }
    Ok(())
}

/// An association joins artifacts, nodes and flows.
fn associable(p: &Process, end: Id) -> Result<(), EditError> {
    let known =
        p.node(end).is_some() || p.flow(end).is_some() || p.artifacts.iter().any(|a| a.id == end);
    known.then_some(()).ok_or(EditError::UnknownEnd(end))
}

fn known_pool(p: &Process, pool: Option<Id>) -> Result<(), EditError> {
    match pool {
        Some(id) if p.pool(id).is_none() => Err(EditError::UnknownPool(id)),
        _ => Ok(()),
    }
}

fn known_parent(p: &Process, parent: Option<Id>) -> Result<(), EditError> {
    match parent {
        Some(id) if p.node(id).is_none() => Err(EditError::UnknownNode(id)),
        _ => Ok(()),
    }
}

fn known_artifact(p: &Process, id: Id) -> Result<(), EditError> {
    match p.artifacts.iter().any(|a| a.id == id) {
        true => Ok(()),
        false => Err(EditError::UnknownArtifact(id)),
    }
}

fn reorder(p: &Process, patch: &mut PatchBuilder, lanes: &[Id]) -> Result<(), EditError> {
    let mut listed = lanes.to_vec();
    listed.sort();
    listed.dedup();
    let known = listed.iter().all(|id| p.lane(*id).is_some());
    if !known || listed.len() != lanes.len() || lanes.len() != p.lanes.len() {
        return Err(EditError::LaneOrder {
            expected: p.lanes.len(),
        });
    }
    for (order, id) in (0..).zip(lanes) {
        if let Some(lane) = p.lane(*id) {
            patch.set(Record::Lane {
                lane: Lane {
                    order,
                    ..lane.clone()
                },
            });
        }
    }
    Ok(())
}
