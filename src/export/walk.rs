//! The order in which work reaches the nodes, shared by the outline and the handbook: breadth
//! first along the flows, so renderings follow the work rather than storage order.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::model::{Flow, Id, Node, NodeKind, Process};

/// Each node's outgoing flows, looked up once so big models render in linear time.
pub fn outgoing_flows(p: &Process) -> HashMap<Id, Vec<&Flow>> {
    let mut outgoing: HashMap<Id, Vec<&Flow>> = HashMap::new();
    for f in &p.flows {
        outgoing.entry(f.source).or_default().push(f);
    }
    outgoing
}

/// Nodes breadth-first from the start events (ties by name), then anything unreachable by name.
pub fn flow_order<'a>(p: &'a Process, outgoing: &HashMap<Id, Vec<&Flow>>) -> Vec<&'a Node> {
    let mut by_name: Vec<&Node> = p.nodes.iter().collect();
    by_name.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let starts: Vec<&Node> = by_name
        .iter()
        .copied()
        .filter(|n| matches!(n.kind, NodeKind::Start { .. }))
        .collect();
    let nodes: HashMap<Id, &Node> = p.nodes.iter().map(|n| (n.id, n)).collect();
    let follow = |node: &Node| {
        let mut next: Vec<&'a Node> = targets(outgoing, &nodes, node).collect();
        next.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        next
    };
    let mut order = breadth_first(starts, follow);
    let seen: HashSet<Id> = order.iter().map(|n| n.id).collect();
    order.extend(by_name.into_iter().filter(|n| !seen.contains(&n.id)));
    order
}

/// The nodes of one lane (workflow) in the order its work runs: from the lane's entries (its
/// start events and the nodes that other lanes hand work to, earliest reached first) along the
/// flows that stay in the lane; then any node of the lane not reached that way.
pub fn lane_order<'a>(
    p: &'a Process,
    lane: Id,
    outgoing: &HashMap<Id, Vec<&Flow>>,
    global: &[&'a Node],
) -> Vec<&'a Node> {
    let rank: HashMap<Id, usize> = global.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let by_rank = |a: &&Node, b: &&Node| rank.get(&a.id).cmp(&rank.get(&b.id));
    let nodes: HashMap<Id, &Node> = p.nodes.iter().map(|n| (n.id, n)).collect();
    let handed_in: HashSet<Id> = p
        .flows
        .iter()
        .filter(|f| nodes.get(&f.source).is_some_and(|s| s.lane != lane))
        .map(|f| f.target)
        .collect();
    let mut entries: Vec<&Node> = global
        .iter()
        .copied()
        .filter(|n| n.lane == lane)
        .filter(|n| matches!(n.kind, NodeKind::Start { .. }) || handed_in.contains(&n.id))
        .collect();
    entries.sort_by(by_rank);
    let follow = |node: &Node| {
        let mut next: Vec<&'a Node> = targets(outgoing, &nodes, node)
            .filter(|n| n.lane == lane)
            .collect();
        next.sort_by(by_rank);
        next
    };
    // One entry's path after the other, so work handed back in (a rework loop) comes after
    // the path it returns to.
    let mut order: Vec<&Node> = Vec::new();
    let mut seen: HashSet<Id> = HashSet::new();
    for entry in entries {
        if seen.contains(&entry.id) {
            continue;
        }
        for node in breadth_first(vec![entry], |n| {
            follow(n)
                .into_iter()
                .filter(|m| !seen.contains(&m.id))
                .collect()
        }) {
            seen.insert(node.id);
            order.push(node);
        }
    }
    order.extend(
        global
            .iter()
            .copied()
            .filter(|n| n.lane == lane && !seen.contains(&n.id)),
    );
    order
}

/// The nodes `node`'s flows lead to.
fn targets<'a, 'm>(
    outgoing: &'m HashMap<Id, Vec<&Flow>>,
    nodes: &'m HashMap<Id, &'a Node>,
    node: &Node,
) -> impl Iterator<Item = &'a Node> + 'm {
    outgoing
        .get(&node.id)
        .into_iter()
        .flatten()
        .filter_map(|f| nodes.get(&f.target).copied())
}

fn breadth_first<'a>(
    roots: Vec<&'a Node>,
    follow: impl Fn(&Node) -> Vec<&'a Node>,
) -> Vec<&'a Node> {
    let mut seen: HashSet<Id> = HashSet::new();
    let mut queue: VecDeque<&Node> = VecDeque::new();
    for root in roots {
        if seen.insert(root.id) {
            queue.push_back(root);
        }
    }
    let mut order = Vec::new();
    while let Some(node) = queue.pop_front() {
        order.push(node);
        for n in follow(node) {
            if seen.insert(n.id) {
                queue.push_back(n);
            }
        }
    }
    order
}
