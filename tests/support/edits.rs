//! Edits for tests: commands picked by number against whatever the process is when they run
//! (`None` when there is nothing to pick from), and commands applied.

use flowlane::edit::Command;
use flowlane::model::{Bounds, Flow, Id, Node, Process};

/// The `i`-th item, counting round; none from an empty list.
pub fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

/// Seed kinds 1 to 5: move, remove or rename (to `renamed`) a node picked by `b`, add a flow
/// from the `a`-th to the `b`-th node, remove a flow picked by `b`. A node moves to the `a`-th lane.
pub fn graph_edit(
    p: &Process,
    kind: u8,
    (a, b): (usize, usize),
    bounds: Bounds,
    fresh: Id,
    renamed: String,
) -> Option<Command> {
    match kind {
        1 => move_node(p, b, pick(&p.lanes, a)?.id, bounds),
        2 => remove_node(p, b),
        3 => rename_node(p, b, renamed),
        4 => add_flow(p, a, b, fresh),
        5 => remove_flow(p, b),
        _ => None,
    }
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

/// `p` after one command (which must apply).
pub fn run(p: &Process, command: Command) -> Process {
    flowlane::edit::apply(p, &flowlane::edit::execute(p, command).unwrap()).unwrap()
}

/// `p` with `task` drawn at the right of its lane and a flow to it from node `after`; the flow's
/// id is the task's plus one.
pub fn append_task(p: &Process, after: Id, task: Node) -> Process {
    let flow = Flow::between(Id::from_u128(task.id.as_u128() + 1), after, task.id);
    let bounds = Bounds {
        x: 1500.0,
        y: 40.0,
        w: 140.0,
        h: 60.0,
    };
    let p = run(p, Command::AddNode { node: task, bounds });
    run(&p, Command::AddFlow { flow })
}
