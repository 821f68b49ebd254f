//! The default flow ("otherwise") of a decision, kept right as flows are drawn and conditions
//! typed, so the common case needs no trip to a checkbox.

use crate::model::{Flow, GatewayKind, NodeKind, Process};

/// A new plain flow out of an exclusive decision whose other ways out all have conditions (and
/// none is the default) is the way taken when none of them holds: it becomes the default.
pub(super) fn inferred_default(p: &Process, mut flow: Flow) -> Flow {
    let decision = p.node(flow.source).is_some_and(|n| {
        matches!(
            n.kind,
            NodeKind::Gateway {
                gateway: GatewayKind::Exclusive,
                ..
            }
        )
    });
    if !decision || flow.default || has_condition(&flow) {
        return flow;
    }
    let mut others = p
        .flows
        .iter()
        .filter(|f| f.source == flow.source)
        .peekable();
    let conditioned = others.peek().is_some() && others.all(|f| has_condition(f) && !f.default);
    flow.default = conditioned;
    flow
}

/// A condition typed on the default flow makes it a conditioned way out like the others: a
/// default flow's condition would never be read.
pub(super) fn condition_ends_default(old: &Flow, mut flow: Flow) -> Flow {
    if flow.default && has_condition(&flow) && flow.condition != old.condition {
        flow.default = false;
    }
    flow
}

fn has_condition(flow: &Flow) -> bool {
    flow.condition
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty())
}
