//! Timing: SLAs that the design can meet at all.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::{capitalise, Graph};
use super::{problem, Problem};
use crate::model::{Duration, GatewayKind, NodeKind};

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let mut found = Vec::new();
    for (i, node) in g.process.nodes.iter().enumerate() {
        if let NodeKind::Task {
            duration: Some(duration),
            sla: Some(sla),
            ..
        } = node.kind
        {
            if sla < duration {
                found.push(problem(
                    "step-sla-below-duration",
                    Some(node.id),
                    format!(
                        "{} has an SLA of {sla} but takes {duration}",
                        capitalise(&g.name(i))
                    ),
                    "Raise the step SLA or shorten the step: as drawn, it always misses its SLA",
                ));
            }
        }
    }
    if let Some(sla) = g.process.info.sla {
        if let Some(quickest) = quickest_run(g) {
            if sla < quickest {
                found.push(problem(
                    "process-sla-below-shortest-path",
                    None,
                    format!(
                        "The process SLA of {sla} is shorter than its quickest run from start to end ({quickest})"
                    ),
                    "Raise the process SLA, or shorten the steps and timers on the quickest path",
                ));
            }
        }
    }
    found
}

/// Business time a token spends in a node: a task's duration, a timer's wait.
fn time_in(g: &Graph, i: usize) -> u64 {
    match &g.node(i).kind {
        NodeKind::Task { duration, .. } => duration.map_or(0, |d| d.minutes),
        NodeKind::Catch { trigger } => trigger.wait().map_or(0, |w| w.minutes),
        _ => 0,
    }
}

/// The least time from a start to an end, taking the quicker branch at exclusive and inclusive
/// gateways and the slowest branch into a parallel join, which waits for all of them. Loops only
/// add time, so they are never taken. None when no end can be reached.
///
/// Knuth's generalisation of Dijkstra to AND/OR graphs: a node is settled at the least arrival
/// time, except a parallel join, which is settled once all its incoming flows are, at the latest.
fn quickest_run(g: &Graph) -> Option<Duration> {
    let n = g.node_count();
    let is_and_join =
        |i: usize| g.gateway(i) == Some(GatewayKind::Parallel) && g.incoming[i].len() > 1;
    let mut settled = vec![false; n];
    let mut arrived = vec![0usize; n];
    let mut latest = vec![0u64; n];
    let mut queue = BinaryHeap::new();
    for s in g.starts() {
        queue.push(Reverse((0u64, s)));
    }
    let mut best: Option<u64> = None;
    while let Some(Reverse((at, i))) = queue.pop() {
        if settled[i] {
            continue;
        }
        settled[i] = true;
        if matches!(g.node(i).kind, NodeKind::End { .. }) {
            best = Some(best.map_or(at, |b| b.min(at)));
        }
        let leave = at.saturating_add(time_in(g, i));
        for &f in &g.outgoing[i] {
            let Some(next) = g.target(f) else { continue };
            if settled[next] {
                continue;
            }
            if is_and_join(next) {
                arrived[next] += 1;
                latest[next] = latest[next].max(leave);
                if arrived[next] == g.incoming[next].len() {
                    queue.push(Reverse((latest[next], next)));
                }
            } else {
                queue.push(Reverse((leave, next)));
            }
        }
    }
    best.map(Duration::minutes)
}
