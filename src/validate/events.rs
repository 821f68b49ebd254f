//! Events: what follows an event-based gateway, how boundary events hang on their hosts, timer
//! expressions and event conditions that read, links that land, messages that have a name.

use super::conditions::condition_problem;
use super::graph::{capitalise, Graph};
use super::{problem, Problem};
use crate::expr;
use crate::model::{GatewayKind, NodeKind, TaskType, Trigger};

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let mut found = Vec::new();
    for i in 0..g.node_count() {
        if g.gateway(i) == Some(GatewayKind::EventBased) {
            event_gateway(g, i, &mut found);
        }
        if let NodeKind::Boundary { .. } = g.node(i).kind {
            boundary(g, i, &mut found);
        }
        if let Some(trigger) = g.node(i).kind.trigger() {
            for t in flattened(trigger) {
                definition(g, i, t, &mut found);
            }
        }
        message_name(g, i, &mut found);
    }
    found
}

/// A trigger and, for a multiple trigger, each of its parts.
fn flattened(trigger: &Trigger) -> Vec<&Trigger> {
    match trigger {
        Trigger::Multiple { triggers, .. } => triggers.iter().flat_map(flattened).collect(),
        other => vec![other],
    }
}

fn event_gateway(g: &Graph, i: usize, found: &mut Vec<Problem>) {
    let name = capitalise(&g.name(i));
    if g.outgoing[i].len() < 2 {
        found.push(problem(
            "event-gateway-choices",
            Some(g.node_id(i)),
            format!(
                "{name} waits for the first of its events, but is followed by {} of them",
                g.outgoing[i].len()
            ),
            "Follow it with at least two events that may happen, e.g. a message and a timer",
        ));
    }
    for &f in &g.outgoing[i] {
        let Some(t) = g.target(f) else { continue };
        if !is_awaitable(&g.node(t).kind) {
            found.push(problem(
                "event-gateway-target",
                Some(g.node_id(t)),
                format!(
                    "{name} is followed by {}, which is not an event it can wait for",
                    g.name(t)
                ),
                "After an event-based gateway put message, timer, signal or conditional catch \
                 events, or receive tasks",
            ));
        }
    }
}

/// What an event-based gateway may wait for.
fn is_awaitable(kind: &NodeKind) -> bool {
    match kind {
        NodeKind::Catch { trigger } => matches!(
            trigger,
            Trigger::Message { .. }
                | Trigger::Timer { .. }
                | Trigger::Signal { .. }
                | Trigger::Conditional { .. }
        ),
        NodeKind::Task { task, .. } => *task == TaskType::Receive,
        _ => false,
    }
}

fn boundary(g: &Graph, i: usize, found: &mut Vec<Problem>) {
    let node = g.node(i);
    let NodeKind::Boundary { host, trigger, .. } = &node.kind else {
        return;
    };
    let name = capitalise(&g.name(i));
    let (incoming, outgoing) = (g.incoming[i].len(), g.outgoing[i].len());
    // A compensation boundary points at its handler by association, not by flow.
    let wanted_out = usize::from(!matches!(trigger, Trigger::Compensation));
    if incoming > 0 || outgoing != wanted_out {
        let mut wrong = Vec::new();
        if incoming > 0 {
            wrong.push(format!("{incoming} incoming"));
        }
        if outgoing != wanted_out {
            wrong.push(format!("{outgoing} outgoing"));
        }
        found.push(problem(
            "boundary-flows",
            Some(node.id),
            format!(
                "{name} has {} flows: a boundary event has no incoming flow and exactly one \
                 outgoing flow",
                wrong.join(" and ")
            ),
            "Connect one flow out of the boundary event to what happens when it fires",
        ));
    }
    let why = match g.position(*host).map(|h| g.node(h)) {
        None => Some("is attached to an element that does not exist".to_string()),
        Some(h) if !h.kind.is_activity() => Some(format!(
            "is attached to {}, which is not a task, call or sub-process",
            g.names.phrase(h.id)
        )),
        Some(h) if h.parent != node.parent => Some(format!(
            "is attached to {} but drawn in another sub-process",
            g.names.phrase(h.id)
        )),
        Some(_) => None,
    };
    if let Some(why) = why {
        found.push(problem(
            "boundary-host",
            Some(node.id),
            format!("{name} {why}"),
            "Attach the boundary event to the border of a task, call or sub-process beside it",
        ));
    }
}

/// Timer expressions and event conditions that read, and links that land somewhere.
fn definition(g: &Graph, i: usize, trigger: &Trigger, found: &mut Vec<Problem>) {
    let node = g.node(i);
    let name = capitalise(&g.name(i));
    match trigger {
        Trigger::Timer { timer } => {
            if let Err(err) = timer.check() {
                found.push(problem(
                    "timer-syntax",
                    Some(node.id),
                    format!("{name} has a timer that cannot be read: {err}"),
                    "Write a duration like P3D or PT4H, a date like 2026-03-01T09:00:00Z, or a \
                     cycle like R3/PT1H",
                ));
            }
        }
        Trigger::Conditional { condition } => {
            let variables = &g.process.info.variables;
            let subject = format!("{name}'s event");
            if let Err(err) = expr::parse(condition).and_then(|c| expr::check(&c, variables)) {
                found.push(condition_problem(
                    &subject, node.id, condition, &err, variables,
                ));
            }
        }
        Trigger::Link { link } if matches!(node.kind, NodeKind::Throw { .. }) => {
            let lands = g.process.nodes.iter().any(|n| match &n.kind {
                NodeKind::Catch {
                    trigger: Trigger::Link { link: l },
                } => l == link,
                _ => false,
            });
            if !lands {
                found.push(problem(
                    "link-unmatched",
                    Some(node.id),
                    format!("{name} jumps to link \"{link}\", but no link catch has that name"),
                    "Add a link catch event with the same name where the process goes on",
                ));
            }
        }
        _ => {}
    }
}

fn message_name(g: &Graph, i: usize, found: &mut Vec<Problem>) {
    let kind = &g.node(i).kind;
    let blank = match kind {
        NodeKind::Task { task, message, .. } => {
            matches!(task, TaskType::Send | TaskType::Receive) && message.trim().is_empty()
        }
        _ => kind.trigger().is_some_and(|t| {
            flattened(t)
                .iter()
                .any(|t| matches!(t, Trigger::Message { message } if message.trim().is_empty()))
        }),
    };
    if blank {
        found.push(problem(
            "message-name-missing",
            Some(g.node_id(i)),
            format!(
                "{} sends or waits for a message without a name",
                capitalise(&g.name(i))
            ),
            "Name the message, e.g. \"Corrected invoice received\", so sender and receiver match",
        ));
    }
}
