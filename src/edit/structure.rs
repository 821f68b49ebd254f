//! What hangs on what: boundary events on their host, a sub-process's contents, flows,
//! message flows and associations on their ends. Removing or moving one thing takes what hangs
//! on it along, in the same patch.

use std::collections::HashSet;

use crate::model::{Bounds, Id, Layout, Node, NodeKind, Process};

use super::{Change, EditError, Key, Record};

/// Collects changes against one process; a key changed twice keeps its first `before` and its
/// last `after`, and a change back to where it started is dropped.
pub(super) struct PatchBuilder<'a> {
    pub process: &'a Process,
    pub changes: Vec<Change>,
}

impl PatchBuilder<'_> {
    pub fn set(&mut self, record: Record) {
        self.change(record.key(), Some(record));
    }

    pub fn remove(&mut self, key: Key) {
        self.change(key, None);
    }

    fn change(&mut self, key: Key, after: Option<Record>) {
        if let Some(at) = self.changes.iter().position(|c| c.key == key) {
            self.changes[at].after = after;
            if self.changes[at].before == self.changes[at].after {
                self.changes.remove(at);
            }
            return;
        }
        let before = super::get(self.process, key);
        if before != after {
            self.changes.push(Change { key, before, after });
        }
    }

    /// Removes a node with everything that hangs on it: its boundary events, a sub-process's
    /// contents and artifacts, and the flows, message flows and associations of all of these.
    pub fn remove_node(&mut self, node: Id) {
        let p = self.process;
        for id in hanging_on(p, node) {
            for flow in p.flows.iter().filter(|f| f.source == id || f.target == id) {
                self.remove_flow(flow.id);
            }
            self.remove_ends(id);
            self.remove(Key::Node(id));
            self.remove(Key::NodeBounds(id));
            for artifact in p.artifacts.iter().filter(|a| a.parent == Some(id)) {
                self.remove_artifact(artifact.id);
            }
        }
    }

    pub fn remove_flow(&mut self, flow: Id) {
        self.remove_ends(flow);
        self.remove(Key::Flow(flow));
        self.remove(Key::Waypoints(flow));
    }

    pub fn remove_message(&mut self, message: Id) {
        self.remove_ends(message);
        self.remove(Key::Message(message));
        self.remove(Key::Waypoints(message));
    }

    pub fn remove_artifact(&mut self, artifact: Id) {
        self.remove_ends(artifact);
        self.remove(Key::Artifact(artifact));
        self.remove(Key::ArtifactBounds(artifact));
    }

    /// Removes the message flows and associations that start or end at `id`.
    pub fn remove_ends(&mut self, id: Id) {
        let p = self.process;
        for message in p
            .messages
            .iter()
            .filter(|m| m.source == id || m.target == id)
        {
            self.remove(Key::Message(message.id));
            self.remove(Key::Waypoints(message.id));
        }
        for association in p
            .associations
            .iter()
            .filter(|a| a.source == id || a.target == id)
        {
            self.remove(Key::Association(association.id));
        }
    }

    pub fn remove_lane(&mut self, lane: Id) {
        for node in self.process.nodes.iter().filter(|n| n.lane == lane) {
            self.remove_node(node.id);
        }
        self.remove(Key::Lane(lane));
        self.remove(Key::LaneHeight(lane));
    }

    /// Moves `node` to `lane` at `bounds`, and what hangs on it by as much. `parent` is where it
    /// now is; flows that would then cross a sub-process border are removed.
    pub fn move_node(&mut self, node: &Node, lane: Id, bounds: Bounds, parent: Option<Id>) {
        let p = self.process;
        let old = p.layout.nodes.get(&node.id).copied().unwrap_or(bounds);
        let (dx, dy) = (bounds.x - old.x, bounds.y - old.y);
        self.set(Record::Node {
            node: Node {
                lane,
                parent,
                ..node.clone()
            },
        });
        self.set(Record::NodeBounds {
            node: node.id,
            bounds,
        });
        // Boundaries of the node, and an expanded sub-process's contents, keep their offset.
        // A collapsed sub-process's contents live on their own plane and stay put.
        let mut reparented = vec![node.id];
        for id in hanging_on(p, node.id).into_iter().skip(1) {
            let Some(other) = p.node(id) else { continue };
            // Everything inside shares the lane; only what is drawn on the same plane moves.
            let same_plane = plane_of(p, other) == plane_of(p, node);
            let follower_parent = if same_plane && other.parent == node.parent {
                reparented.push(id);
                parent
            } else {
                other.parent
            };
            self.set(Record::Node {
                node: Node {
                    lane,
                    parent: follower_parent,
                    ..other.clone()
                },
            });
            if let (true, Some(b)) = (same_plane, p.layout.nodes.get(&id)) {
                let bounds = Bounds::new(b.x + dx, b.y + dy, b.w, b.h);
                self.set(Record::NodeBounds { node: id, bounds });
            }
        }
        if parent == node.parent {
            return;
        }
        let parent_after = |id: Id| match reparented.contains(&id) {
            true => Some(parent),
            false => p.node(id).map(|n| n.parent),
        };
        for flow in &p.flows {
            let touches = reparented.contains(&flow.source) || reparented.contains(&flow.target);
            if touches && parent_after(flow.source) != parent_after(flow.target) {
                self.remove_flow(flow.id);
            }
        }
    }

    /// Tidy up: the boxes, lane heights and bend points of `layout`; bend points it leaves out
    /// are dropped.
    pub fn arrange(&mut self, layout: Layout) -> Result<(), EditError> {
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

    pub fn fresh(&self, id: Id) -> Result<(), EditError> {
        let p = self.process;
        let used = p.lane(id).is_some()
            || p.node(id).is_some()
            || p.flow(id).is_some()
            || p.pool(id).is_some()
            || p.messages.iter().any(|m| m.id == id)
            || p.artifacts.iter().any(|a| a.id == id)
            || p.associations.iter().any(|a| a.id == id);
        if used {
            return Err(EditError::DuplicateId(id));
        }
        Ok(())
    }
}

/// `node` first, then everything that goes when it goes: its boundary events and, for a
/// sub-process, every node inside it (recursively, with their boundary events).
pub(super) fn hanging_on(p: &Process, node: Id) -> Vec<Id> {
    let mut found = vec![node];
    let mut at = 0;
    while at < found.len() {
        let id = found[at];
        for n in &p.nodes {
            let hangs = n.parent == Some(id)
                || matches!(n.kind, NodeKind::Boundary { host, .. } if host == id);
            if hangs && !found.contains(&n.id) {
                found.push(n.id);
            }
        }
        at += 1;
    }
    found
}

/// The collapsed sub-process whose plane a node is drawn on; none for the process's own plane.
pub(super) fn plane_of(p: &Process, node: &Node) -> Option<Id> {
    let mut parent = node.parent;
    let mut steps = 0;
    while let Some(id) = parent {
        let sub = p.node(id)?;
        if matches!(
            sub.kind,
            NodeKind::SubProcess {
                expanded: false,
                ..
            }
        ) {
            return Some(id);
        }
        parent = sub.parent;
        steps += 1;
        if steps > p.nodes.len() {
            return None;
        }
    }
    None
}

/// The innermost expanded sub-process of `lane` on `plane` whose box holds the centre of
/// `bounds`, leaving out `moving` and what is inside it.
pub(super) fn expanded_at(
    p: &Process,
    moving: Id,
    lane: Id,
    plane: Option<Id>,
    bounds: Bounds,
) -> Option<Id> {
    let inside_moving = hanging_on(p, moving);
    let (cx, cy) = (bounds.x + bounds.w / 2.0, bounds.y + bounds.h / 2.0);
    p.nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::SubProcess { expanded: true, .. }))
        .filter(|n| n.lane == lane && !inside_moving.contains(&n.id) && plane_of(p, n) == plane)
        .filter_map(|n| p.layout.nodes.get(&n.id).map(|b| (n.id, *b)))
        .filter(|(_, b)| cx > b.x && cx < b.x + b.w && cy > b.y && cy < b.y + b.h)
        .min_by(|(_, a), (_, b)| (a.w * a.h).total_cmp(&(b.w * b.h)))
        .map(|(id, _)| id)
}

/// `bounds` moved so its centre lies on the nearest point of `host`'s border.
pub(super) fn on_border(host: Bounds, bounds: Bounds) -> Bounds {
    let cx = (bounds.x + bounds.w / 2.0).clamp(host.x, host.x + host.w);
    let cy = (bounds.y + bounds.h / 2.0).clamp(host.y, host.y + host.h);
    let left = cx - host.x;
    let right = host.x + host.w - cx;
    let top = cy - host.y;
    let bottom = host.y + host.h - cy;
    let nearest = left.min(right).min(top).min(bottom);
    let (cx, cy) = if nearest == bottom {
        (cx, host.y + host.h)
    } else if nearest == top {
        (cx, host.y)
    } else if nearest == left {
        (host.x, cy)
    } else {
        (host.x + host.w, cy)
    };
    Bounds::new(cx - bounds.w / 2.0, cy - bounds.h / 2.0, bounds.w, bounds.h)
}
