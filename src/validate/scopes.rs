//! Scopes: pools and sub-processes as borders. Message flows go between pools, sequence flows
//! stay inside one pool and one sub-process, and each sub-process starts and ends on its own.

use super::graph::{capitalise, Graph};
use super::{flow_problem, problem, Problem};
use crate::model::{Id, MessageFlow, NodeKind, SubProcessKind, Trigger};

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let mut found = Vec::new();
    for message in &g.process.messages {
        message_flow(g, message, &mut found);
    }
    for f in 0..g.process.flows.len() {
        let Some((s, t)) = g.ends[f] else { continue };
        if pool_of_node(g, s) != pool_of_node(g, t) {
            found.push(flow_problem(
                g,
                f,
                "flow-crosses-pools",
                "goes from one pool to another",
                "Between pools, draw a message flow; a sequence flow stays inside its pool",
            ));
        } else if g.node(s).parent != g.node(t).parent {
            found.push(flow_problem(
                g,
                f,
                "flow-crosses-sub-process",
                "crosses the border of a sub-process",
                "Connect to the sub-process itself, and inside it from its own start to its end",
            ));
        }
    }
    for i in 0..g.node_count() {
        if let NodeKind::SubProcess { sub, .. } = g.node(i).kind {
            sub_process(g, i, sub, &mut found);
        }
    }
    found
}

/// The pool a node's lane is in (none when the process has no pools).
fn pool_of_node(g: &Graph, i: usize) -> Option<Id> {
    g.process.lane(g.node(i).lane).and_then(|l| l.pool)
}

/// The pool an end of a message flow is in, or none when it is neither a pool nor a node.
fn pool_of_end(g: &Graph, id: Id) -> Option<Option<Id>> {
    if g.process.pool(id).is_some() {
        return Some(Some(id));
    }
    g.position(id).map(|i| pool_of_node(g, i))
}

fn end_name(g: &Graph, id: Id) -> String {
    match g.names.label(id) {
        label if label.named && g.process.pool(id).is_some() => format!("pool {label}"),
        label => label.to_string(),
    }
}

fn message_flow(g: &Graph, message: &MessageFlow, found: &mut Vec<Problem>) {
    let (from, to) = (end_name(g, message.source), end_name(g, message.target));
    let named = if message.name.trim().is_empty() {
        format!("The message flow from {from} to {to}")
    } else {
        format!("The \"{}\" message flow from {from} to {to}", message.name)
    };
    let says = match (
        pool_of_end(g, message.source),
        pool_of_end(g, message.target),
    ) {
        (None, _) | (_, None) => "connects something that is not a node or a pool",
        (Some(a), Some(b)) if a == b => "stays inside one pool",
        _ => return,
    };
    found.push(problem(
        "message-flow-pools",
        Some(message.id),
        format!("{named} {says}"),
        "A message flow joins two pools (or their nodes); inside a pool, draw a sequence flow",
    ));
}

fn sub_process(g: &Graph, i: usize, sub: SubProcessKind, found: &mut Vec<Problem>) {
    let name = capitalise(&g.name(i));
    let starts: Vec<usize> = g.children[i]
        .iter()
        .copied()
        .filter(|&c| matches!(g.node(c).kind, NodeKind::Start { .. }))
        .collect();
    let has_end = g.children[i]
        .iter()
        .any(|&c| matches!(g.node(c).kind, NodeKind::End { .. }));
    let triggered = |c: &usize| {
        g.node(*c)
            .kind
            .trigger()
            .is_some_and(|t| !matches!(t, Trigger::None))
    };
    if sub == SubProcessKind::Event {
        let with_trigger = starts.iter().filter(|c| triggered(c)).count();
        if starts.len() != 1 || with_trigger != 1 {
            found.push(problem(
                "event-sub-process-start",
                Some(g.node_id(i)),
                format!(
                    "{name} is an event sub-process with {} start events, {with_trigger} of \
                     them with a trigger: it needs exactly one, with the trigger that starts it",
                    starts.len()
                ),
                "Keep one start event inside and give it a trigger (a message, timer, error, …)",
            ));
        }
        let flows = (0..g.process.flows.len())
            .filter(|&f| g.ends[f].is_some_and(|(s, t)| s == i || t == i))
            .count();
        if flows > 0 {
            found.push(problem(
                "event-sub-process-flows",
                Some(g.node_id(i)),
                format!(
                    "{name} is an event sub-process with {flows} sequence flow{} in or out, but \
                     only its trigger starts it and it goes nowhere when done",
                    if flows == 1 { "" } else { "s" }
                ),
                "Delete the flows to and from it; draw what it does inside it, from its start",
            ));
        }
    } else {
        for &c in starts.iter().filter(|c| triggered(c)) {
            found.push(problem(
                "sub-process-start-trigger",
                Some(g.node_id(c)),
                format!(
                    "{} starts {} with a trigger, but a sub-process starts when a flow reaches it",
                    capitalise(&g.name(c)),
                    g.name(i)
                ),
                "Make it a plain start event, or make the sub-process an event sub-process",
            ));
        }
    }
    let needs_start = sub != SubProcessKind::Event && starts.is_empty();
    if sub != SubProcessKind::AdHoc && (needs_start || !has_end) {
        let missing = match (needs_start, has_end) {
            (true, false) => "a start and an end event",
            (true, true) => "a start event",
            _ => "an end event",
        };
        found.push(problem(
            "sub-process-incomplete",
            Some(g.node_id(i)),
            format!("{name} has no {missing} inside"),
            "Draw where its work begins and ends inside it, or make it ad-hoc",
        ));
    }
}
