//! Commands for the property tests, described by numbers and picked against whatever the
//! process is when they run; `None` when there is nothing to pick from.

use flowlane::edit::Command;
use flowlane::model::{Bounds, Flow, Id, Node, Process};

/// The `i`-th item, counting round; none from an empty list.
pub fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

pub fn move_node(p: &Process, node: usize, lane: Id, bounds: Bounds) -> Option<Command> {
    Some(Command::MoveNode {
        node: pick(&p.nodes, node)?.id,
        lane,
        bounds,
    })
}

pub fn remove_node(p: &Process, node: usize) -> Option<Command> {
    Some(Command::RemoveNode {
        node: pick(&p.nodes, node)?.id,
    })
}

pub fn rename_node(p: &Process, node: usize, name: String) -> Option<Command> {
    Some(Command::UpdateNode {
        node: Node {
            name,
            ..pick(&p.nodes, node)?
        },
    })
}

/// A plain flow (no label, condition or probability) from the `source`-th to the `target`-th node.
pub fn add_flow(p: &Process, source: usize, target: usize, id: Id) -> Option<Command> {
    Some(Command::AddFlow {
        flow: Flow::between(id, pick(&p.nodes, source)?.id, pick(&p.nodes, target)?.id),
    })
}

pub fn remove_flow(p: &Process, flow: usize) -> Option<Command> {
    Some(Command::RemoveFlow {
        flow: pick(&p.flows, flow)?.id,
    })
}
