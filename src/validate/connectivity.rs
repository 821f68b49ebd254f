//! Connectivity: one way in, a way to the end, nothing cut off and no step that leads nowhere.

use super::graph::{capitalise, list, Graph};
use super::{problem, Problem};
use crate::model::{NodeKind, SubProcessKind};

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let mut found = Vec::new();
    let starts = g.starts();
    match starts.as_slice() {
        [] => found.push(problem(
            "no-start",
            None,
            "The process has no start event".into(),
            "Add a start event where the process begins",
        )),
        [_] => {}
        [_, second, ..] => {
            let names: Vec<String> = starts.iter().map(|&s| g.name(s)).collect();
            found.push(problem(
                "multiple-starts",
                Some(g.node_id(*second)),
                format!(
                    "The process has {} start events ({})",
                    starts.len(),
                    list(&names)
                ),
                "Keep one start event and merge the ways in with a gateway; a workflow started by \
                 another lane gets its trigger from a flow, not from a start of its own",
            ))
        }
    }

    let ends: Vec<usize> = (0..g.node_count())
        .filter(|&i| g.node(i).parent.is_none())
        .filter(|&i| matches!(g.node(i).kind, NodeKind::End { .. }))
        .collect();
    if !starts.is_empty() {
        let reached = g.forward(&[starts.clone(), g.event_sub_processes()].concat());
        if ends.is_empty() {
            found.push(problem(
                "end-unreachable",
                None,
                "The process has no end event".into(),
                "Add an end event where the process delivers its outcome",
            ));
        } else if !ends.iter().any(|&e| reached[e]) {
            found.push(problem(
                "end-unreachable",
                Some(g.node_id(starts[0])),
                format!("No end event can be reached from {}", g.name(starts[0])),
                "Connect the last step to an end event",
            ));
        }
        for i in (0..g.node_count()).filter(|&i| !reached[i]) {
            found.push(problem(
                "unreachable",
                Some(g.node_id(i)),
                format!(
                    "{} cannot be reached from the start",
                    capitalise(&g.name(i))
                ),
                "Connect it with a flow from an earlier step, or remove it",
            ));
        }
    }

    for i in 0..g.node_count() {
        // A boundary's flows are the boundary rules' business; an ad-hoc sub-process's
        // activities need no order.
        let exempt = matches!(g.node(i).kind, NodeKind::Boundary { .. }) || in_ad_hoc(g, i);
        let is_end = matches!(g.node(i).kind, NodeKind::End { .. }) || exempt;
        // A node with no flows at all is reported as unreachable; one dead end is enough.
        let in_the_flow =
            !g.incoming[i].is_empty() || matches!(g.node(i).kind, NodeKind::Start { .. });
        if !is_end && in_the_flow && g.outgoing[i].is_empty() {
            found.push(problem(
                "dead-end",
                Some(g.node_id(i)),
                format!("{} has no outgoing flow", capitalise(&g.name(i))),
                "Connect it to the next step, or to an end event if the work ends here",
            ));
        }
    }
    found
}

fn in_ad_hoc(g: &Graph, i: usize) -> bool {
    let parent = g.node(i).parent.and_then(|p| g.position(p));
    parent.is_some_and(|p| {
        matches!(
            g.node(p).kind,
            NodeKind::SubProcess {
                sub: SubProcessKind::AdHoc,
                ..
            }
        )
    })
}
