//! How a step of a run reads in its log: which ways a token took, the log entry, an action
//! described, an element's label.

use chrono::{DateTime, Utc};

use super::instance::{Action, Instance, LogEntry};
use crate::describe::Names;
use crate::model::{Id, Node, NodeKind, Process};

/// `took "matched" to "Route to budget owner"`, `took flow 'Approve' → 'Pay'`.
pub(super) fn took_event(process: &Process, flows: &[Id]) -> String {
    let labels = Names::of(process);
    let names: Vec<String> = flows
        .iter()
        .filter_map(|f| process.flow(*f))
        .map(|f| match f.label.trim().is_empty() {
            true => labels.way(f),
            false => format!("{} to {}", labels.way(f), labels.phrase(f.target)),
        })
        .collect();
    match names.is_empty() {
        true => "passed".into(),
        false => format!("took {}", names.join(" and ")),
    }
}

pub(super) fn log_entry(
    instance: &Instance,
    node: &Node,
    at: DateTime<Utc>,
    event: String,
    reason: String,
) -> LogEntry {
    let lane = instance.definition.lane(node.lane);
    let names = Names::of(&instance.definition);
    let actor = match &node.kind {
        NodeKind::Task { assignee, .. } => assignee.clone(),
        _ => lane.map(|l| l.team.clone()).unwrap_or_default(),
    };
    LogEntry {
        step: instance.step,
        at,
        process: instance.definition.info.name.clone(),
        lane: lane.map(|l| names.text(l.id)).unwrap_or_default(),
        actor,
        node: node.id,
        bpmn_id: instance.definition.bpmn_id(node.id).map(String::from),
        node_name: names.text(node.id),
        event,
        reason,
    }
}

/// The action in words, e.g. `"Approve invoice"`, `"Approved?" → "send back"` or
/// `"Corrected invoice?" → "corrected invoice", delivering "Corrected invoice received", taking 2d`.
pub fn describe(instance: &Instance, action: &Action) -> String {
    let mut process = &instance.definition;
    let mut current = instance;
    for call in &action.path {
        match current.calls.iter().find(|c| c.node == *call) {
            Some(running) => {
                current = &running.child;
                process = &running.child.definition;
            }
            None => break,
        }
    }
    let names = Names::of(process);
    let node = names.phrase(action.node);
    let flows = action.take.iter().filter_map(|f| process.flow(*f));
    let ways: Vec<String> = flows.map(|flow| names.way(flow)).collect();
    let step = match ways.is_empty() {
        true => node,
        false => format!("{node} → {}", ways.join(" and ")),
    };
    let deliver =
        (action.deliver.as_ref()).map_or(String::new(), |m| format!(", delivering \"{m}\""));
    let took = (action.took).map_or(String::new(), |t| format!(", taking {t}"));
    format!("{step}{deliver}{took}")
}

/// How a person reads element `id` of `process` (its name, or what and where it is).
pub(super) fn label(process: &Process, id: Id) -> String {
    Names::of(process).text(id)
}
