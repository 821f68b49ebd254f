//! Gateway shape: gateways that do nothing, defaults where BPMN has none, unlabelled decisions.

use super::graph::{capitalise, Graph};
use super::{flow_problem, problem, Problem};
use crate::model::GatewayKind;

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let mut found = Vec::new();
    for i in 0..g.node_count() {
        let Some(kind) = g.gateway(i) else { continue };
        if g.incoming[i].len() == 1 && g.outgoing[i].len() == 1 {
            found.push(problem(
                "pointless-gateway",
                Some(g.node_id(i)),
                format!(
                    "{} neither splits nor joins: it has one incoming and one outgoing flow",
                    capitalise(&g.name(i))
                ),
                "Remove the gateway and connect its neighbours directly",
            ));
        }
        if kind == GatewayKind::Parallel {
            for &f in g.outgoing[i].iter().filter(|&&f| g.flow(f).default) {
                found.push(flow_problem(
                    g,
                    f,
                    "default-on-parallel",
                    "is marked as default, but a parallel gateway takes every flow",
                    "Remove the default mark, or make the gateway exclusive if only one way should be taken",
                ));
            }
        }
        if g.is_decision(i) {
            for &f in &g.outgoing[i] {
                if g.flow(f).label.trim().is_empty() {
                    found.push(flow_problem(
                        g,
                        f,
                        "decision-label-missing",
                        "has no label saying when it is taken",
                        "Label it with the answer it stands for, e.g. \"approved\" or \"over 10,000\"",
                    ));
                }
            }
        }
    }
    found
}
