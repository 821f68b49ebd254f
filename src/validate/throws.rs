//! Thrown errors and escalations: each has somewhere to land, a boundary event on an enclosing
//! sub-process or an event sub-process that starts on it, with its code or catching every code.

use super::graph::{capitalise, Graph};
use super::{problem, Problem};
use crate::model::{NodeKind, Trigger};

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let mut found = Vec::new();
    for i in 0..g.node_count() {
        let thrown = match &g.node(i).kind {
            NodeKind::End { trigger, .. } | NodeKind::Throw { trigger } => trigger,
            _ => continue,
        };
        if !matches!(thrown, Trigger::Error { .. } | Trigger::Escalation { .. }) {
            continue;
        }
        if caught(g, i, thrown) {
            continue;
        }
        let (word, code) = match thrown {
            Trigger::Error { code } => ("error", code),
            Trigger::Escalation { code } => ("escalation", code),
            _ => continue,
        };
        let coded = if code.is_empty() {
            word.to_string()
        } else {
            format!("{word} \"{code}\"")
        };
        found.push(problem(
            "throw-uncaught",
            Some(g.node_id(i)),
            format!(
                "{} throws {coded}, but nothing catches it: no enclosing sub-process has a \
                 boundary event for it and no event sub-process starts on it",
                capitalise(&g.name(i))
            ),
            format!(
                "Attach a {word} boundary event with this code to the sub-process around it, or \
                 add an event sub-process that starts on it"
            ),
        ));
    }
    found
}

/// Whether some scope around node `i` catches `thrown`: a boundary event on an enclosing
/// sub-process, or the start of an event sub-process inside an enclosing scope.
fn caught(g: &Graph, i: usize, thrown: &Trigger) -> bool {
    let mut scope = g.node(i).parent.and_then(|p| g.position(p));
    loop {
        let handlers = match scope {
            Some(s) => g.children[s].clone(),
            None => (0..g.node_count())
                .filter(|&n| g.node(n).parent.is_none())
                .collect(),
        };
        let by_event_sub = handlers
            .iter()
            .filter(|&&h| g.is_event_sub_process(h) && Some(h) != own_event_sub(g, i))
            .flat_map(|&h| g.children[h].iter())
            .any(|&c| matches!(&g.node(c).kind, NodeKind::Start { trigger, .. } if catches(trigger, thrown)));
        let by_boundary = scope.is_some_and(|s| {
            g.boundaries[s].iter().any(|&b| {
                matches!(&g.node(b).kind, NodeKind::Boundary { trigger, .. } if catches(trigger, thrown))
            })
        });
        if by_event_sub || by_boundary {
            return true;
        }
        match scope {
            Some(s) => scope = g.node(s).parent.and_then(|p| g.position(p)),
            None => return false,
        }
    }
}

/// The event sub-process node `i` is directly in, which cannot catch what it throws itself.
fn own_event_sub(g: &Graph, i: usize) -> Option<usize> {
    g.node(i)
        .parent
        .and_then(|p| g.position(p))
        .filter(|&p| g.is_event_sub_process(p))
}

/// A catch of the same kind with the same code, or with no code (it catches them all).
fn catches(catch: &Trigger, thrown: &Trigger) -> bool {
    match (catch, thrown) {
        (Trigger::Error { code: c }, Trigger::Error { code: t })
        | (Trigger::Escalation { code: c }, Trigger::Escalation { code: t }) => {
            c.is_empty() || c == t
        }
        _ => false,
    }
}
