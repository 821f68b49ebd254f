//! The places the token game adds to the flows for boundary events and sub-processes, and which
//! message catches wait for nothing. See `net` for how they are played.

use std::collections::{HashMap, HashSet};

use super::super::graph::Graph;
use super::net::{FlowSet, Net};
use crate::model::{NodeKind, TaskType, Trigger};

#[derive(Default)]
pub(super) struct Places {
    /// Per place: the flow it stands for in a run (a host's token after a non-interrupting
    /// boundary fired stands for the host's flow), none for a place of its own.
    pub shown: Vec<Option<u32>>,
    /// Per node: the boundary events on it, and for a boundary event its host.
    pub boundaries: Vec<Vec<u32>>,
    pub host: Vec<Option<u32>>,
    /// Per sub-process: its "running" place, and the same after a non-interrupting boundary
    /// fired.
    running: HashMap<u32, (u32, u32)>,
    /// Per sub-process: the places that start its contents when it is entered.
    entries: HashMap<u32, Vec<u32>>,
    /// Per sub-process: the places inside it, as a set and as a list.
    inside: HashMap<u32, (FlowSet, Vec<u32>)>,
    /// Per place a host holds a token on: where the token goes when a non-interrupting boundary
    /// fires, so each activation fires it once.
    fired: HashMap<u32, u32>,
    copies: HashSet<u32>,
}

/// Adds the places of boundary events and sub-processes to `net`.
pub(super) fn add(net: &mut Net, g: &Graph) {
    let n = g.node_count();
    let places = &mut net.places;
    places.shown = (0..net.target.len() as u32).map(Some).collect();
    places.boundaries = (g.boundaries.iter())
        .map(|b| b.iter().map(|&x| x as u32).collect())
        .collect();
    places.host = (0..n)
        .map(|i| match g.node(i).kind {
            NodeKind::Boundary { host, .. } => g.position(host).map(|h| h as u32),
            _ => None,
        })
        .collect();
    for i in 0..n {
        if !matches!(g.node(i).kind, NodeKind::SubProcess { .. }) || g.is_event_sub_process(i) {
            continue;
        }
        let node = i as u32;
        let running = (
            new_place(net, node, node, None),
            new_place(net, node, node, None),
        );
        net.places.running.insert(node, running);
        net.places.fired.insert(running.0, running.1);
        net.places.copies.insert(running.1);
        let entries: Vec<u32> = (g.children[i].iter().copied())
            .filter(|&c| {
                // An event sub-process starts on its trigger, not when its scope is entered.
                g.incoming[c].is_empty()
                    && !matches!(g.node(c).kind, NodeKind::Boundary { .. })
                    && !g.is_event_sub_process(c)
            })
            .map(|c| {
                let place = new_place(net, c as u32, node, None);
                net.inputs[c].push(place);
                place
            })
            .collect();
        net.places.entries.insert(node, entries);
    }
    for b in 0..n {
        let NodeKind::Boundary {
            interrupting: false,
            ..
        } = g.node(b).kind
        else {
            continue;
        };
        let Some(h) = net.places.host[b] else {
            continue;
        };
        for &f in &g.incoming[h as usize] {
            let f = f as u32;
            if !net.places.fired.contains_key(&f) {
                let copy = new_place(net, h, net.source[f as usize], Some(f));
                net.inputs[h as usize].push(copy);
                net.places.fired.insert(f, copy);
                net.places.copies.insert(copy);
            }
        }
    }
    let subs: Vec<u32> = net.places.running.keys().copied().collect();
    for sub in subs {
        let mut set = FlowSet::new(net.target.len());
        let mut list = Vec::new();
        for (p, &t) in net.target.iter().enumerate() {
            if t != u32::MAX && inside(g, t as usize, sub as usize) {
                set.insert(p as u32);
                list.push(p as u32);
            }
        }
        net.places.inside.insert(sub, (set, list));
    }
}

fn new_place(net: &mut Net, target: u32, source: u32, shown: Option<u32>) -> u32 {
    net.target.push(target);
    net.source.push(source);
    net.places.shown.push(shown);
    net.target.len() as u32 - 1
}

/// Whether node `i` is inside sub-process `sub`, at any depth.
fn inside(g: &Graph, i: usize, sub: usize) -> bool {
    let mut at = g.node(i).parent.and_then(|p| g.position(p));
    while let Some(p) = at {
        if p == sub {
            return true;
        }
        at = g.node(p).parent.and_then(|q| g.position(q));
    }
    false
}

/// A message catch, receive task or message boundary that no message flow reaches, in a
/// process that draws its participants (pools or message flows): the message never comes.
pub(super) fn never_comes(g: &Graph, i: usize) -> bool {
    let process = g.process;
    if process.messages.is_empty() && process.pools.is_empty() {
        return false;
    }
    let node = g.node(i);
    let waits = match &node.kind {
        NodeKind::Catch { trigger } | NodeKind::Boundary { trigger, .. } => {
            matches!(trigger, Trigger::Message { .. })
        }
        NodeKind::Task { task, .. } => *task == TaskType::Receive,
        _ => false,
    };
    let pool = process.lane(node.lane).and_then(|l| l.pool);
    waits && !(process.messages.iter()).any(|m| m.target == node.id || Some(m.target) == pool)
}

type Choices = Vec<(Vec<u32>, Vec<u32>)>;

impl Places {
    /// What leads into node `x` besides its inputs, for finding what is upstream of a join: a
    /// sub-process's running places and everything inside it.
    pub fn feeding(&self, x: u32) -> Vec<u32> {
        let mut places: Vec<u32> = self
            .running
            .get(&x)
            .map_or(Vec::new(), |(a, b)| vec![*a, *b]);
        if let Some((_, list)) = self.inside.get(&x) {
            places.extend(list);
        }
        places
    }

    /// A sub-process's firings: entering on each marked incoming flow, and completing once
    /// nothing is left inside. (consumed, produced) pairs.
    pub fn sub_process(&self, n: u32, marked: &[u32], marking: &[u32], outputs: &[u32]) -> Choices {
        let Some(&(running, again)) = self.running.get(&n) else {
            return Vec::new();
        };
        let entries = self.entries.get(&n).cloned().unwrap_or_default();
        let mut choices: Choices = (marked.iter())
            .map(|&f| (vec![f], [vec![running], entries.clone()].concat()))
            .collect();
        let busy = self
            .inside
            .get(&n)
            .is_some_and(|(set, _)| marking.iter().any(|&p| set.contains(p)));
        if !busy {
            for p in [running, again] {
                if marking.binary_search(&p).is_ok() {
                    choices.push((vec![p], outputs.to_vec()));
                }
            }
        }
        choices
    }

    /// A boundary event's firings while its host holds a token: interrupting takes the host's
    /// token (and every token inside a sub-process host); non-interrupting moves it to its
    /// "fired" place, so the host goes on and the boundary fires once per activation.
    pub fn boundary(
        &self,
        b: u32,
        interrupting: bool,
        host_inputs: &[u32],
        marking: &[u32],
        outputs: &[u32],
    ) -> Choices {
        let Some(host) = self.host[b as usize] else {
            return Vec::new();
        };
        let held: Vec<u32> = match self.running.get(&host) {
            Some(&(running, again)) => vec![running, again],
            None => host_inputs.to_vec(),
        };
        let mut choices = Vec::new();
        for p in held
            .into_iter()
            .filter(|p| marking.binary_search(p).is_ok())
        {
            if interrupting {
                let mut consumed = vec![p];
                if let Some((set, _)) = self.inside.get(&host) {
                    consumed.extend(marking.iter().filter(|&&q| set.contains(q)));
                }
                choices.push((consumed, outputs.to_vec()));
            } else if let (false, Some(&copy)) = (self.copies.contains(&p), self.fired.get(&p)) {
                choices.push((vec![p], [vec![copy], outputs.to_vec()].concat()));
            }
        }
        choices
    }
}
