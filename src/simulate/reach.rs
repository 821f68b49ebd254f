//! Where tokens can still go: the inclusive join's wait and the explanation of a stuck instance.

use super::instance::Instance;
use super::token_rules::{self, Upstream};
use crate::describe::Names;
use crate::model::{Id, NodeKind, Process};

/// Flows from `node` in the order of the definition.
pub(super) fn outgoing(process: &Process, node: Id) -> Vec<&crate::model::Flow> {
    process.flows.iter().filter(|f| f.source == node).collect()
}

pub(super) fn incoming(process: &Process, node: Id) -> Vec<&crate::model::Flow> {
    process.flows.iter().filter(|f| f.target == node).collect()
}

/// BPMN 13.4.3: a token can still arrive on `flow` if one sits upstream of it on a path that does
/// not pass `join` (waiting on a flow, or inside a running call).
pub(super) fn can_still_arrive(instance: &Instance, join: Id, flow: Id) -> bool {
    match instance.definition.flow(flow) {
        Some(flow) => token_rules::can_still_arrive(instance, join, flow.source),
        None => false,
    }
}

/// Tokens wait on flows; a running call is the only work inside a node.
impl Upstream for Instance {
    type Node = Id;
    type Flow = Id;
    fn inputs(&self, node: Id) -> Vec<(Id, Id)> {
        incoming(&self.definition, node)
            .iter()
            .map(|f| (f.id, f.source))
            .collect()
    }
    fn has_token(&self, flow: Id) -> bool {
        self.tokens.iter().any(|t| t.flow == flow)
    }
    fn busy(&self, node: Id) -> bool {
        self.calls.iter().any(|c| c.node == node) || self.active.iter().any(|a| a.node == node)
    }
}

/// Why an instance with tokens left cannot fire anything, one reason per place.
pub(super) fn stuck_reasons(instance: &Instance) -> Vec<String> {
    let process = &instance.definition;
    let names = Names::of(process);
    let mut reasons = Vec::new();
    let mut waiting: Vec<Id> = Vec::new();
    for token in &instance.tokens {
        if let Some(target) = process.flow(token.flow).map(|f| f.target) {
            if !waiting.contains(&target) {
                waiting.push(target);
            }
        }
    }
    for node_id in waiting {
        let Some(node) = process.node(node_id) else {
            continue;
        };
        let missing: Vec<String> = incoming(process, node_id)
            .into_iter()
            .filter(|f| !instance.tokens.iter().any(|t| t.flow == f.id))
            .map(|f| format!("the flow from {}", names.phrase(f.source)))
            .collect();
        let reason = match node.kind {
            NodeKind::Gateway { .. } if !missing.is_empty() => format!(
                "deadlock at {}: it waits for {} and no token can arrive there",
                join(&names, node_id),
                missing.join(", ")
            ),
            _ => format!("a token waits at {} and cannot move", names.phrase(node_id)),
        };
        reasons.push(reason);
    }
    for call in &instance.calls {
        if let super::Status::Stuck { reasons: inner } = &call.child.status {
            let name = &call.child.definition.info.name;
            reasons.extend(
                inner
                    .iter()
                    .map(|r| format!("in called process \"{name}\": {r}")),
            );
        }
    }
    reasons
}

/// `join "Merge"`, or the join's description (`join before 'Pay'`).
fn join(names: &Names, id: Id) -> String {
    match names.label(id) {
        label if label.named => format!("join {label}"),
        label => label.text,
    }
}
