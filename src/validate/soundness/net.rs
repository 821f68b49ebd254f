//! The token game: which firings a marking enables and the marking each one leads to.
//!
//! Tokens sit on flows. Tasks, timers and calls take one token from any incoming flow and put one
//! on every outgoing flow; an exclusive gateway puts one on exactly one outgoing flow (each is a
//! separate choice); a parallel gateway waits for a token on every incoming flow and feeds them
//! all; an inclusive gateway feeds any non-empty subset of its outgoing flows and, as a join,
//! fires once no more tokens can arrive on its empty incoming flows (BPMN 2.0, 13.4.3). An end
//! consumes its token; so does a step without outgoing flows (an implicit end).
//!
//! Boundary events, sub-processes and messages add places of their own (see `places`): a
//! sub-process entered holds a "running" token while its contents play, and completes once no
//! token is left inside; a boundary event fires while its host holds a token, interrupting it
//! (its token, and every token inside a sub-process, are taken) or not (it fires once per
//! activation, and the host goes on); an event-based gateway lets any of its events win; a
//! message catch no message flow reaches never fires.

use std::collections::HashMap;

use super::super::graph::Graph;
use super::places::Places;
use crate::model::{GatewayKind, NodeKind};

/// Flow positions, sorted, one entry per token: two tokens on flow 3 are `[3, 3]`.
pub(super) type Marking = Vec<u32>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Firing {
    pub node: u32,
    pub consumed: Vec<u32>,
    pub produced: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Behaviour {
    Activity,
    End,
    Exclusive,
    Parallel,
    Inclusive,
    /// Enters on an incoming flow, completes once nothing is left inside.
    SubProcess,
    Boundary {
        interrupting: bool,
    },
    /// Waits for something that never comes (a message no message flow brings).
    Never,
}

/// An inclusive split feeds every non-empty subset of up to this many outgoing flows; with more,
/// only each single flow and all of them, to keep the state space finite in practice.
const MAX_SUBSET_OUTPUTS: usize = 8;

pub(super) struct Net {
    pub behaviour: Vec<Behaviour>,
    /// Per node: the places it takes tokens from and puts them on. Places are the flows (same
    /// positions) followed by the places of `places`.
    pub inputs: Vec<Vec<u32>>,
    pub outputs: Vec<Vec<u32>>,
    /// Per place: the node it leads to and the node it comes from.
    pub target: Vec<u32>,
    pub source: Vec<u32>,
    pub starts: Vec<u32>,
    pub places: Places,
    /// Per inclusive join, per incoming flow (in `inputs` order): the flows from which a token
    /// can still reach that incoming flow without passing the join.
    upstream: HashMap<u32, Vec<FlowSet>>,
}

impl Net {
    /// Needs a structurally valid definition: every flow's ends resolve.
    pub fn new(g: &Graph) -> Net {
        let to_u32 = |v: &Vec<usize>| v.iter().map(|&x| x as u32).collect::<Vec<u32>>();
        let behaviour = (0..g.node_count())
            .map(|i| match g.node(i).kind {
                // An end inside a sub-process only ends that branch there.
                NodeKind::End { .. } if g.node(i).parent.is_none() => Behaviour::End,
                NodeKind::Gateway { gateway, .. } => match gateway {
                    GatewayKind::Exclusive | GatewayKind::EventBased => Behaviour::Exclusive,
                    GatewayKind::Parallel => Behaviour::Parallel,
                    GatewayKind::Inclusive | GatewayKind::Complex => Behaviour::Inclusive,
                },
                _ if super::places::never_comes(g, i) => Behaviour::Never,
                NodeKind::SubProcess { .. } => Behaviour::SubProcess,
                NodeKind::Boundary { interrupting, .. } => Behaviour::Boundary { interrupting },
                _ => Behaviour::Activity,
            })
            .collect::<Vec<_>>();
        let mut net = Net {
            behaviour,
            inputs: g.incoming.iter().map(to_u32).collect(),
            outputs: g.outgoing.iter().map(to_u32).collect(),
            target: (0..g.ends.len())
                .map(|f| g.target(f).map_or(u32::MAX, |t| t as u32))
                .collect(),
            source: (0..g.ends.len())
                .map(|f| g.source(f).map_or(u32::MAX, |s| s as u32))
                .collect(),
            starts: g.starts().into_iter().map(|s| s as u32).collect(),
            places: Places::default(),
            upstream: HashMap::new(),
        };
        super::places::add(&mut net, g);
        for n in 0..net.behaviour.len() {
            if net.behaviour[n] == Behaviour::Inclusive && net.inputs[n].len() > 1 {
                let sets = net.inputs[n]
                    .iter()
                    .map(|&j| net.upstream_of(n as u32, j))
                    .collect();
                net.upstream.insert(n as u32, sets);
            }
        }
        net
    }

    /// Flows from which `flow` can be reached without passing `join`.
    fn upstream_of(&self, join: u32, flow: u32) -> FlowSet {
        let mut set = FlowSet::new(self.target.len());
        let mut seen = vec![false; self.behaviour.len()];
        let mut stack = vec![self.source[flow as usize]];
        while let Some(x) = stack.pop() {
            if x == join || x == u32::MAX || seen[x as usize] {
                continue;
            }
            seen[x as usize] = true;
            for &e in self.inputs[x as usize]
                .iter()
                .chain(&self.places.feeding(x))
            {
                set.insert(e);
                stack.push(self.source[e as usize]);
            }
            if let Some(host) = self.places.host[x as usize] {
                stack.push(host);
            }
        }
        set
    }

    /// The firing that starts an instance at start event `start`.
    pub fn start(&self, start: u32) -> Firing {
        Firing {
            node: start,
            consumed: Vec::new(),
            produced: self.outputs[start as usize].clone(),
        }
    }

    /// Every firing `marking` enables, in a fixed order (by node, then incoming, then choice).
    pub fn enabled(&self, marking: &[u32]) -> Vec<Firing> {
        let mut nodes: Vec<u32> = marking.iter().map(|&f| self.target[f as usize]).collect();
        let boundaries: Vec<u32> = (nodes.iter())
            .flat_map(|&n| self.places.boundaries[n as usize].iter().copied())
            .collect();
        nodes.extend(boundaries);
        nodes.sort_unstable();
        nodes.dedup();
        let mut firings = Vec::new();
        for n in nodes {
            let inputs = &self.inputs[n as usize];
            let outputs = &self.outputs[n as usize];
            let marked: Vec<u32> = inputs
                .iter()
                .copied()
                .filter(|f| marking.binary_search(f).is_ok())
                .collect();
            let mut push = |consumed: Vec<u32>, produced: Vec<u32>| {
                firings.push(Firing {
                    node: n,
                    consumed,
                    produced,
                })
            };
            match self.behaviour[n as usize] {
                Behaviour::Activity => marked.iter().for_each(|&f| push(vec![f], outputs.clone())),
                Behaviour::End => marked.iter().for_each(|&f| push(vec![f], Vec::new())),
                Behaviour::Exclusive => {
                    for &f in &marked {
                        if outputs.is_empty() {
                            push(vec![f], Vec::new());
                        }
                        // An event that never comes never wins at an event-based gateway.
                        let possible = |o: &&u32| {
                            self.behaviour[self.target[**o as usize] as usize] != Behaviour::Never
                        };
                        for &o in outputs.iter().filter(possible) {
                            push(vec![f], vec![o]);
                        }
                    }
                }
                Behaviour::Parallel => {
                    if marked.len() == inputs.len() {
                        push(marked, outputs.clone());
                    }
                }
                Behaviour::Inclusive => {
                    if self.inclusive_join_ready(n, &marked, marking) {
                        for subset in subsets(outputs) {
                            push(marked.clone(), subset);
                        }
                    }
                }
                Behaviour::Never => {}
                Behaviour::SubProcess => {
                    for (consumed, produced) in
                        self.places.sub_process(n, &marked, marking, outputs)
                    {
                        push(consumed, produced);
                    }
                }
                Behaviour::Boundary { interrupting } => {
                    let host_inputs = self.places.host[n as usize]
                        .map_or(&[][..], |h| self.inputs[h as usize].as_slice());
                    for (consumed, produced) in
                        self.places
                            .boundary(n, interrupting, host_inputs, marking, outputs)
                    {
                        push(consumed, produced);
                    }
                }
            }
        }
        firings
    }

    /// BPMN: an inclusive join fires when some incoming flow has a token and no token can still
    /// reach any of its empty incoming flows.
    fn inclusive_join_ready(&self, n: u32, marked: &[u32], marking: &[u32]) -> bool {
        if marked.is_empty() {
            return false;
        }
        let Some(upstream) = self.upstream.get(&n) else {
            return true;
        };
        self.inputs[n as usize]
            .iter()
            .zip(upstream)
            .filter(|(j, _)| !marked.contains(j))
            .all(|(_, set)| !marking.iter().any(|&f| set.contains(f)))
    }

    pub fn fire(&self, marking: &[u32], firing: &Firing) -> Marking {
        let mut next = marking.to_vec();
        for f in &firing.consumed {
            if let Ok(at) = next.binary_search(f) {
                next.remove(at);
            }
        }
        for &f in &firing.produced {
            let at = next.partition_point(|&x| x <= f);
            next.insert(at, f);
        }
        next
    }
}

/// Non-empty subsets of `outputs` (all of them when there is at most one).
fn subsets(outputs: &[u32]) -> Vec<Vec<u32>> {
    if outputs.len() <= 1 {
        return vec![outputs.to_vec()];
    }
    if outputs.len() > MAX_SUBSET_OUTPUTS {
        let mut choices: Vec<Vec<u32>> = outputs.iter().map(|&o| vec![o]).collect();
        choices.push(outputs.to_vec());
        return choices;
    }
    (1u32..(1 << outputs.len()))
        .map(|mask| {
            (0..outputs.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| outputs[i])
                .collect()
        })
        .collect()
}

/// A set of flow positions.
#[derive(Clone, Debug)]
pub(super) struct FlowSet(Vec<u64>);

impl FlowSet {
    pub(super) fn new(flows: usize) -> Self {
        FlowSet(vec![0; flows.div_ceil(64)])
    }
    pub(super) fn insert(&mut self, f: u32) {
        self.0[f as usize / 64] |= 1 << (f % 64);
    }
    pub(super) fn contains(&self, f: u32) -> bool {
        self.0[f as usize / 64] & (1 << (f % 64)) != 0
    }
}
