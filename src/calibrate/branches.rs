//! Branch chances from the choices cases made: after the step before an exclusive split, the
//! next step a case did tells which way out it took (the first steps each way leads to, through
//! events and gateways, are told apart).

use std::collections::{HashMap, HashSet};

use crate::model::{GatewayKind, Id, NodeKind, Process};

/// A split and how often cases took each of its ways out.
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub gateway: Id,
    /// (flow, times taken), in the definition's order of flows.
    pub ways: Vec<(Id, u64)>,
}

/// Where a trace begins or ends, beside the steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Point {
    Start,
    Step(Id),
    End,
}

/// The choices at every exclusive split, from traces of step nodes.
pub fn choices(process: &Process, steps: &HashSet<Id>, traces: &[Vec<Id>]) -> Vec<Choices> {
    let splits: Vec<Id> = process
        .nodes
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                NodeKind::Gateway {
                    gateway: GatewayKind::Exclusive,
                    ..
                }
            ) && process.flows.iter().filter(|f| f.source == n.id).count() > 1
        })
        .map(|n| n.id)
        .collect();
    let mut out = Vec::new();
    for split in splits {
        let before = reach(process, steps, split, false);
        let ways: Vec<(Id, HashSet<Point>)> = process
            .flows
            .iter()
            .filter(|f| f.source == split)
            .map(|f| (f.id, reach(process, steps, f.target, true)))
            .collect();
        let mut counts = vec![0u64; ways.len()];
        for trace in traces {
            let points: Vec<Point> = std::iter::once(Point::Start)
                .chain(trace.iter().map(|&s| Point::Step(s)))
                .chain(std::iter::once(Point::End))
                .collect();
            for pair in points.windows(2) {
                if !before.contains(&pair[0]) {
                    continue;
                }
                let taken: Vec<usize> = (0..ways.len())
                    .filter(|&w| ways[w].1.contains(&pair[1]))
                    .collect();
                if let [w] = taken.as_slice() {
                    counts[*w] += 1;
                }
            }
        }
        out.push(Choices {
            gateway: split,
            ways: ways.iter().map(|(f, _)| *f).zip(counts).collect(),
        });
    }
    out
}

/// The steps (and start or end) reachable from `from` through nodes that are not steps:
/// forwards the next steps, backwards the steps before.
fn reach(process: &Process, steps: &HashSet<Id>, from: Id, forwards: bool) -> HashSet<Point> {
    let mut next: HashMap<Id, Vec<Id>> = HashMap::new();
    for f in &process.flows {
        let (a, b) = if forwards {
            (f.source, f.target)
        } else {
            (f.target, f.source)
        };
        next.entry(a).or_default().push(b);
    }
    let mut found = HashSet::new();
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    if !forwards {
        stack = next.get(&from).cloned().unwrap_or_default();
    }
    while let Some(node) = stack.pop() {
        if !seen.insert(node) {
            continue;
        }
        if steps.contains(&node) {
            found.insert(Point::Step(node));
            continue;
        }
        let kind = process.node(node).map(|n| &n.kind);
        match (kind, forwards) {
            (Some(NodeKind::Start { .. }), false) => {
                found.insert(Point::Start);
            }
            (Some(NodeKind::End { .. }), true) => {
                found.insert(Point::End);
            }
            _ => {}
        }
        stack.extend(next.get(&node).into_iter().flatten().copied());
    }
    found
}
