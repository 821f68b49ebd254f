//! Which element of the older definition is which element of the newer one.
//!
//! Elements are paired by id first. What is left over on both sides (an element deleted and drawn
//! again, an id lost on a round trip) is paired by evidence: same kind, the same neighbours
//! (flow endpoints, lane members) and a similar name. Pairs are taken greedily, best score first,
//! ties broken by id, so the result is deterministic.
//!
//! Two files drawn apart (a model redrawn in another tool) share no id at all. Then nodes whose
//! name and kind are unique and equal on both sides are paired first, and lanes by the nodes
//! they hold, so the evidence rounds have neighbours to go on.

use std::collections::{HashMap, HashSet};
use std::mem::discriminant;

use strsim::normalized_levenshtein;

use crate::model::{Flow, Id, Lane, Node, NodeKind, Process};

/// Old id ↔ new id for one kind of element.
#[derive(Default)]
pub(crate) struct Pairs {
    forward: HashMap<Id, Id>,
    backward: HashMap<Id, Id>,
}

impl Pairs {
    fn insert(&mut self, old: Id, new: Id) {
        self.forward.insert(old, new);
        self.backward.insert(new, old);
    }
    pub(crate) fn new_of(&self, old: Id) -> Option<Id> {
        self.forward.get(&old).copied()
    }
    pub(crate) fn old_of(&self, new: Id) -> Option<Id> {
        self.backward.get(&new).copied()
    }
    /// (old, new) pairs, by old id.
    pub(crate) fn pairs(&self) -> Vec<(Id, Id)> {
        let mut all: Vec<(Id, Id)> = self.forward.iter().map(|(o, n)| (*o, *n)).collect();
        all.sort_unstable();
        all
    }
}

pub(crate) struct Matching {
    pub lanes: Pairs,
    pub nodes: Pairs,
    pub flows: Pairs,
    /// No id is shared: two files drawn apart, where a new id says nothing.
    pub unrelated: bool,
}

/// Above this many candidate pairs, only pairs with some shared evidence (the same name, or a
/// neighbour in common) are scored, so many unmatched elements cannot make the diff quadratic.
const ALL_PAIRS_LIMIT: usize = 2_500;

pub(crate) fn match_elements(old: &Process, new: &Process) -> Matching {
    let mut m = Matching {
        lanes: by_id(&old.lanes, &new.lanes, |l| l.id),
        nodes: by_id(&old.nodes, &new.nodes, |n| n.id),
        flows: by_id(&old.flows, &new.flows, |f| f.id),
        unrelated: false,
    };
    let unrelated = [&m.lanes, &m.nodes, &m.flows]
        .iter()
        .all(|p| p.forward.is_empty());
    m.unrelated = unrelated;
    if unrelated {
        match_unique_names(old, new, &mut m);
    }
    match_lanes(old, new, &mut m, unrelated);
    let old_adj = adjacency(&old.flows);
    let new_adj = adjacency(&new.flows);
    // A second round sees the neighbours paired in the first.
    if match_nodes(old, new, &old_adj, &new_adj, &mut m) > 0 {
        match_nodes(old, new, &old_adj, &new_adj, &mut m);
    }
    match_flows(old, new, &mut m);
    m
}

fn by_id<T>(old: &[T], new: &[T], id: impl Fn(&T) -> Id) -> Pairs {
    let present: HashSet<Id> = new.iter().map(&id).collect();
    let mut pairs = Pairs::default();
    for item in old {
        if present.contains(&id(item)) {
            pairs.insert(id(item), id(item));
        }
    }
    pairs
}

/// Greedy assignment: best score first, each element used once. Returns how many were paired.
fn assign(mut scored: Vec<(f64, Id, Id)>, pairs: &mut Pairs) -> usize {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut paired = 0;
    for (_, old, new) in scored {
        if pairs.new_of(old).is_none() && pairs.old_of(new).is_none() {
            pairs.insert(old, new);
            paired += 1;
        }
    }
    paired
}

fn similarity(a: &str, b: &str) -> f64 {
    normalized_levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

/// Lower-case, with every run of white space one space: "Gateway\n(Split)" is "gateway (split)".
fn plain_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Pairs nodes whose kind and (plain) name are the same and occur once on each side.
fn match_unique_names(old: &Process, new: &Process, m: &mut Matching) {
    let unique = |p: &Process| {
        let mut by_name: HashMap<(String, std::mem::Discriminant<NodeKind>), Vec<Id>> =
            HashMap::new();
        for n in p.nodes.iter().filter(|n| !n.name.trim().is_empty()) {
            by_name
                .entry((plain_name(&n.name), discriminant(&n.kind)))
                .or_default()
                .push(n.id);
        }
        by_name.retain(|_, ids| ids.len() == 1);
        by_name
    };
    let fresh = unique(new);
    let mut pairs: Vec<(Id, Id)> = unique(old)
        .into_iter()
        .filter_map(|(key, ids)| Some((ids[0], fresh.get(&key)?[0])))
        .collect();
    pairs.sort_unstable();
    for (a, b) in pairs {
        m.nodes.insert(a, b);
    }
}

/// `members_decide`: a lane holding (nearly) the same nodes is the same lane whatever its name
/// (two files drawn apart, where a tool named the lane and the other did not).
fn match_lanes(old: &Process, new: &Process, m: &mut Matching, members_decide: bool) {
    let lost: Vec<&Lane> = old
        .lanes
        .iter()
        .filter(|l| m.lanes.new_of(l.id).is_none())
        .collect();
    let fresh: Vec<&Lane> = new
        .lanes
        .iter()
        .filter(|l| m.lanes.old_of(l.id).is_none())
        .collect();
    if lost.is_empty() || fresh.is_empty() {
        return;
    }
    // Members are compared through the nodes already paired by id.
    let members = |p: &Process, lane: Id| -> HashSet<Id> {
        p.nodes
            .iter()
            .filter(|n| n.lane == lane)
            .map(|n| n.id)
            .collect()
    };
    let mut scored = Vec::new();
    for a in &lost {
        let a_members: HashSet<Id> = members(old, a.id)
            .into_iter()
            .filter_map(|n| m.nodes.new_of(n))
            .collect();
        for b in &fresh {
            let b_members = members(new, b.id);
            let shared = a_members.intersection(&b_members).count();
            let union = a_members.len() + b_members.len() - shared;
            let overlap = if union == 0 {
                0.0
            } else {
                shared as f64 / union as f64
            };
            let name = similarity(&a.name, &b.name);
            let team = if a.team == b.team { 1.0 } else { 0.0 };
            let score = 0.5 * name + 0.3 * overlap + 0.2 * team;
            let evidence = score >= 0.55 && (name >= 0.6 || overlap >= 0.5);
            if evidence || (members_decide && overlap >= 0.8) {
                scored.push((score, a.id, b.id));
            }
        }
    }
    assign(scored, &mut m.lanes);
}

/// Each node's neighbours through flows in either direction, sorted and without repeats.
fn adjacency(flows: &[Flow]) -> HashMap<Id, Vec<Id>> {
    let mut adj: HashMap<Id, Vec<Id>> = HashMap::new();
    for f in flows {
        adj.entry(f.source).or_default().push(f.target);
        adj.entry(f.target).or_default().push(f.source);
    }
    for list in adj.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    adj
}

/// Pairs nodes left over; returns how many it paired.
fn match_nodes(
    old: &Process,
    new: &Process,
    old_adj: &HashMap<Id, Vec<Id>>,
    new_adj: &HashMap<Id, Vec<Id>>,
    m: &mut Matching,
) -> usize {
    let lost: Vec<&Node> = old
        .nodes
        .iter()
        .filter(|n| m.nodes.new_of(n.id).is_none())
        .collect();
    let fresh: Vec<&Node> = new
        .nodes
        .iter()
        .filter(|n| m.nodes.old_of(n.id).is_none())
        .collect();
    if lost.is_empty() || fresh.is_empty() {
        return 0;
    }
    let lowercase: HashMap<Id, String> = fresh
        .iter()
        .map(|n| (n.id, n.name.to_lowercase()))
        .collect();
    let fresh_by_id: HashMap<Id, &Node> = fresh.iter().map(|n| (n.id, *n)).collect();
    let mut fresh_by_name: HashMap<&str, Vec<&Node>> = HashMap::new();
    for n in &fresh {
        fresh_by_name.entry(&lowercase[&n.id]).or_default().push(n);
    }
    let all_pairs = lost.len() * fresh.len() <= ALL_PAIRS_LIMIT;
    let none = Vec::new();

    let mut scored = Vec::new();
    for a in &lost {
        let a_name = a.name.to_lowercase();
        let neighbours = old_adj.get(&a.id).unwrap_or(&none);
        let mapped: HashSet<Id> = neighbours
            .iter()
            .filter_map(|n| m.nodes.new_of(*n))
            .collect();
        let candidates: Vec<&Node> = if all_pairs {
            fresh.clone()
        } else {
            // Same name, or a neighbour of one of this node's (paired) neighbours.
            let mut found: Vec<&Node> = fresh_by_name
                .get(a_name.as_str())
                .cloned()
                .unwrap_or_default();
            for n in &mapped {
                for b in new_adj.get(n).unwrap_or(&none) {
                    found.extend(fresh_by_id.get(b));
                }
            }
            found.sort_by_key(|n| n.id);
            found.dedup_by_key(|n| n.id);
            found
        };
        for b in candidates {
            if discriminant(&a.kind) != discriminant(&b.kind) {
                continue;
            }
            let b_neighbours = new_adj.get(&b.id).unwrap_or(&none);
            let shared = b_neighbours.iter().filter(|n| mapped.contains(n)).count();
            let union = neighbours.len() + b_neighbours.len() - shared;
            let overlap = if union == 0 {
                0.0
            } else {
                shared as f64 / union as f64
            };
            let lane = if m.lanes.new_of(a.lane) == Some(b.lane) {
                1.0
            } else {
                0.0
            };
            // Without a shared neighbour or lane no name is similar enough to pair.
            if overlap == 0.0 && lane == 0.0 {
                continue;
            }
            let name = normalized_levenshtein(&a_name, &lowercase[&b.id]);
            let score = 0.5 * name + 0.35 * overlap + 0.15 * lane;
            if score >= 0.55 && (name >= 0.6 || overlap >= 0.5) {
                scored.push((score, a.id, b.id));
            }
        }
    }
    assign(scored, &mut m.nodes)
}

fn match_flows(old: &Process, new: &Process, m: &mut Matching) {
    let fresh: Vec<&Flow> = new
        .flows
        .iter()
        .filter(|f| m.flows.old_of(f.id).is_none())
        .collect();
    let mut by_source: HashMap<Id, Vec<&Flow>> = HashMap::new();
    let mut by_target: HashMap<Id, Vec<&Flow>> = HashMap::new();
    for f in &fresh {
        by_source.entry(f.source).or_default().push(f);
        by_target.entry(f.target).or_default().push(f);
    }
    let mut scored = Vec::new();
    for a in old.flows.iter().filter(|f| m.flows.new_of(f.id).is_none()) {
        let source = m.nodes.new_of(a.source);
        let target = m.nodes.new_of(a.target);
        let mut candidates: Vec<&Flow> = Vec::new();
        candidates.extend(source.and_then(|s| by_source.get(&s)).into_iter().flatten());
        candidates.extend(target.and_then(|t| by_target.get(&t)).into_iter().flatten());
        candidates.sort_by_key(|f| f.id);
        candidates.dedup_by_key(|f| f.id);
        for b in candidates {
            let same_source = source == Some(b.source);
            let same_target = target == Some(b.target);
            let label = if a.label.is_empty() && b.label.is_empty() {
                0.0
            } else {
                similarity(&a.label, &b.label)
            };
            let condition = match (&a.condition, &b.condition) {
                (Some(x), Some(y)) => similarity(x, y),
                _ => 0.0,
            };
            let both_default = a.default && b.default;
            let score = if same_source && same_target {
                1.0 + 0.1 * label + 0.1 * condition
            } else {
                // One end moved: only what the flow says can tell it is the same flow.
                let evidence = label >= 0.8 || condition >= 0.8 || both_default;
                if !evidence {
                    continue;
                }
                0.5 + 0.25 * label + 0.25 * condition
            };
            scored.push((score, a.id, b.id));
        }
    }
    assign(scored, &mut m.flows);
}
