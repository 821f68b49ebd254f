//! The generator: reproducible, exact in size, structurally clean and connected.

use std::collections::{HashMap, HashSet};

use super::*;
use crate::{canonical, validate};

fn spec(nodes: usize, lanes: usize, seed: u64) -> GenerateSpec {
    GenerateSpec {
        nodes,
        lanes,
        seed,
        at: EPOCH,
    }
}

/// Nodes reachable from `from` following flows forwards (or backwards).
fn reach(p: &Process, from: &[Id], forwards: bool) -> HashSet<Id> {
    let mut next: HashMap<Id, Vec<Id>> = HashMap::new();
    for f in &p.flows {
        let (a, b) = if forwards {
            (f.source, f.target)
        } else {
            (f.target, f.source)
        };
        next.entry(a).or_default().push(b);
    }
    let mut seen: HashSet<Id> = from.iter().copied().collect();
    let mut stack = from.to_vec();
    while let Some(n) = stack.pop() {
        for m in next.get(&n).into_iter().flatten() {
            if seen.insert(*m) {
                stack.push(*m);
            }
        }
    }
    seen
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let a = canonical::to_bytes(&generate(&spec(500, 8, 7)).unwrap());
    let b = canonical::to_bytes(&generate(&spec(500, 8, 7)).unwrap());
    let c = canonical::to_bytes(&generate(&spec(500, 8, 8)).unwrap());
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn exact_size_structurally_clean_and_connected() {
    for (nodes, lanes, seed) in [(2, 1, 0), (3, 2, 1), (17, 3, 2), (200, 5, 3), (5000, 20, 4)] {
        let p = generate(&spec(nodes, lanes, seed)).unwrap();
        assert_eq!(p.nodes.len(), nodes, "{nodes} nodes");
        assert_eq!(p.lanes.len(), lanes);
        assert_eq!(validate::structure(&p), vec![], "{nodes} nodes");
        let starts: Vec<Id> = p
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Start { .. }))
            .map(|n| n.id)
            .collect();
        let ends: Vec<Id> = p
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::End { .. }))
            .map(|n| n.id)
            .collect();
        assert_eq!(starts.len(), 1);
        assert_eq!(
            reach(&p, &starts, true).len(),
            nodes,
            "reachable from the start"
        );
        assert_eq!(
            reach(&p, &ends, false).len(),
            nodes,
            "every node reaches an end"
        );
        assert_eq!(p.layout.lanes.len(), lanes);
    }
}

#[test]
fn a_big_process_has_every_kind_of_block() {
    let p = generate(&spec(1000, 10, 5)).unwrap();
    let count = |f: &dyn Fn(&NodeKind) -> bool| p.nodes.iter().filter(|n| f(&n.kind)).count();
    assert!(count(&|k| matches!(k, NodeKind::Catch { .. })) > 0);
    assert!(
        count(&|k| matches!(
            k,
            NodeKind::Gateway {
                gateway: GatewayKind::Parallel,
                ..
            }
        )) > 0
    );
    assert!(
        count(&|k| matches!(
            k,
            NodeKind::Gateway {
                gateway: GatewayKind::Exclusive,
                ..
            }
        )) > 0
    );
    assert!(p.flows.iter().any(|f| f.default));
    let lane_of: HashMap<Id, Id> = p.nodes.iter().map(|n| (n.id, n.lane)).collect();
    assert!(
        p.flows
            .iter()
            .any(|f| lane_of[&f.source] != lane_of[&f.target]),
        "hand-offs"
    );
    let declared: HashSet<&str> = p.info.variables.iter().map(|v| v.name.as_str()).collect();
    for condition in p.flows.iter().filter_map(|f| f.condition.as_deref()) {
        let variable = condition.split_whitespace().next().unwrap_or_default();
        assert!(declared.contains(variable), "{condition}");
    }
}

#[test]
fn too_small_is_refused() {
    assert_eq!(generate(&spec(1, 1, 0)), Err(GenerateError::TooFewNodes(1)));
    assert_eq!(generate(&spec(5, 0, 0)), Err(GenerateError::NoLanes));
}
