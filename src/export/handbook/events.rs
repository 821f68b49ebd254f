//! Events in the handbook's words: what a step waits for, and what happens when a boundary
//! event on it fires — "If not done within 3 days: escalate to “Remind supplier” (Clerk)",
//! "Waits for message “Corrected invoice received”, or 14 days".

use crate::describe::Names;
use crate::model::{
    GatewayKind, Node, NodeKind, Process, SubProcessKind, TaskType, Timer, Trigger,
};

/// What an event waits for: `message “Invoice”`, `3 days`, `signal “Recall”`.
pub fn awaited(trigger: &Trigger) -> String {
    match trigger {
        Trigger::Message { message } => format!("message “{message}”"),
        Trigger::Signal { signal } => format!("signal “{signal}”"),
        Trigger::Conditional { condition } => format!("`{condition}` to hold"),
        Trigger::Timer { timer } => match timer {
            Timer::Date(_) => format!("the time set ({})", timer.describe()),
            _ => timer.describe(),
        },
        other => other.describe(),
    }
}

/// What a step waits for when the work reaches it, in words, for the events and event-based
/// gateways that wait; none for other steps.
pub fn waits(p: &Process, node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Catch { trigger } => Some(format!("Waits for {}", awaited(trigger))),
        NodeKind::Task {
            task: TaskType::Receive,
            message,
            ..
        } => Some(format!("Waits for message “{message}”")),
        NodeKind::Gateway {
            gateway: GatewayKind::EventBased,
            ..
        } => {
            let choices: Vec<String> = (p.flows.iter())
                .filter(|f| f.source == node.id)
                .filter_map(|f| p.node(f.target))
                .filter_map(|n| match &n.kind {
                    NodeKind::Catch { trigger } => Some(awaited(trigger)),
                    NodeKind::Task { message, .. } => Some(format!("message “{message}”")),
                    _ => None,
                })
                .collect();
            Some(format!("Waits for {}", choices.join(", or ")))
        }
        _ => None,
    }
}

/// One sentence per boundary event on `host`: when it fires and where the work goes then; for
/// an event sub-process, when it starts and what it does to the rest.
pub fn watches(p: &Process, names: &Names, host: &Node) -> Vec<String> {
    if let NodeKind::SubProcess {
        sub: SubProcessKind::Event,
        ..
    } = host.kind
    {
        return event_sub(p, names, host).into_iter().collect();
    }
    p.boundaries(host.id)
        .filter_map(|b| {
            let NodeKind::Boundary {
                trigger,
                interrupting,
                ..
            } = &b.kind
            else {
                return None;
            };
            let when = match trigger {
                Trigger::Timer { timer } => match timer {
                    Timer::Duration(_) => format!("If not done within {}", timer.describe()),
                    Timer::Date(_) => format!("If not done by {}", timer.describe()),
                    Timer::Cycle(_) => format!("While not done, {}", timer.describe()),
                },
                Trigger::Error { code } if code.is_empty() => "If it fails".to_string(),
                Trigger::Error { code } => format!("If it fails with “{code}”"),
                Trigger::Escalation { code } => format!("If it escalates “{code}”"),
                other => format!("If {} comes", awaited(other)),
            };
            let next = p
                .flows
                .iter()
                .find(|f| f.source == b.id)
                .and_then(|f| p.node(f.target));
            let then = match (next, interrupting) {
                (Some(n), false) if matches!(n.kind, NodeKind::Task { .. }) => {
                    format!("escalate to “{}”{}", names.text(n.id), assignee(n))
                }
                (Some(n), false) => format!("also “{}”", names.text(n.id)),
                (Some(n), true) => {
                    format!("stop and go on at “{}”{}", names.text(n.id), assignee(n))
                }
                (None, _) => "nothing is drawn".to_string(),
            };
            Some(format!("{when}: {then}"))
        })
        .collect()
}

fn assignee(n: &Node) -> String {
    match &n.kind {
        NodeKind::Task { assignee, .. } if !assignee.trim().is_empty() => {
            format!(" ({})", assignee.trim())
        }
        _ => String::new(),
    }
}

/// `While the process runs, if message “Cancel” comes: stop the rest and do “Refund” (Clerk)`.
fn event_sub(p: &Process, names: &Names, sub: &Node) -> Option<String> {
    let start = p
        .children(Some(sub.id))
        .find(|n| matches!(&n.kind, NodeKind::Start { trigger, .. } if !trigger.is_none()))?;
    let NodeKind::Start {
        trigger,
        interrupting,
    } = &start.kind
    else {
        return None;
    };
    let scope = match sub.parent {
        Some(parent) => format!("While “{}” runs", names.text(parent)),
        None => "While the process runs".to_string(),
    };
    let when = match trigger {
        Trigger::Timer { timer } => match timer {
            Timer::Duration(_) => format!("if it is not done within {}", timer.describe()),
            Timer::Date(_) => format!("if it is not done by {}", timer.describe()),
            Timer::Cycle(_) => timer.describe(),
        },
        Trigger::Error { code } if code.is_empty() => "if it fails".to_string(),
        Trigger::Error { code } => format!("if it fails with “{code}”"),
        Trigger::Escalation { code } => format!("if it escalates “{code}”"),
        other => format!("if {} comes", awaited(other)),
    };
    let first = (p.flows.iter())
        .find(|f| f.source == start.id)
        .and_then(|f| p.node(f.target));
    let does = match first {
        Some(n) => format!("“{}”{}", names.text(n.id), assignee(n)),
        None => "nothing drawn".to_string(),
    };
    let error = matches!(trigger, Trigger::Error { .. });
    let then = match *interrupting || error {
        true => format!("stop the rest and do {does}"),
        false => format!("also do {does}"),
    };
    Some(format!("{scope}, {when}: {then}"))
}
