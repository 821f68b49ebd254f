//! Events in the handbook's words: what a step waits for, and what happens when a boundary
//! event on it fires — "If not done within 3 days: escalate to “Remind supplier” (Clerk)",
//! "Waits for message “Corrected invoice received”, or 14 days".

use crate::describe::Names;
use crate::model::{GatewayKind, Node, NodeKind, Process, TaskType, Timer, Trigger};

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

/// One sentence per boundary event on `host`: when it fires and where the work goes then.
pub fn watches(p: &Process, names: &Names, host: &Node) -> Vec<String> {
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
