//! A process as a Petri net with BPMN's token semantics: a place per sequence flow; each node
//! becomes one transition per way it can consume and produce. Steps (tasks, calls, empty
//! sub-processes) are visible, labelled by their name; events, gateways and the entry and exit
//! of sub-processes are silent.
//!
//! - Joins: a parallel gateway waits for all incoming flows; an inclusive or complex one for any
//!   non-empty set of them (the alignment picks the set the split produced); everything else
//!   takes one token from any incoming flow (BPMN's uncontrolled flow).
//! - Splits: a parallel gateway, and an activity or event with several unconditioned outgoing
//!   flows, produce on all; exclusive and event-based gateways on one; inclusive and complex
//!   gateways, and activities with conditions on their outgoing flows, on any non-empty set.
//! - Start events of the process take the one token of the source place (so several starts are
//!   alternatives); end events, and nodes without outgoing flows, put a token on the sink.
//! - An embedded sub-process or transaction: entering marks its inner start events' place,
//!   its inner ends mark its done place, leaving takes that token. Event sub-processes and
//!   ad-hoc contents are not part of the net (they are not started by flows).
//! - A boundary event: interrupting, its flows can be taken instead of the host's (the host not
//!   completed); non-interrupting, while the host runs, beside it. An error end event inside a
//!   sub-process goes on at the error boundary that catches it, after the steps done inside.
//! - A repeated activity (loop or multi-instance) may complete once or more.
//! - A link throw goes on at the link catch of the same name.

use std::collections::HashMap;

use crate::model::{GatewayKind, Id, NodeKind, Process, SubProcessKind, Trigger};

/// A place, by index.
pub type Place = u32;

#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    pub inputs: Vec<Place>,
    pub outputs: Vec<Place>,
    /// The step's label (index into `Net::labels`); `None` for silent transitions.
    pub label: Option<u32>,
    /// The node it belongs to.
    pub node: Id,
    /// The flows whose places it produces on (for counting the ways cases took).
    pub flows_out: Vec<Id>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Net {
    pub places: u32,
    pub source: Place,
    pub sink: Place,
    pub transitions: Vec<Transition>,
    /// Distinct step names; transitions with the same name share the label.
    pub labels: Vec<String>,
    /// The place of each sequence flow.
    pub flow_places: HashMap<Id, Place>,
}

/// The most flows a join or split takes as any non-empty subset (2^k − 1 transitions); beyond
/// it only single flows and all of them are offered.
const MAX_SUBSET_FLOWS: usize = 6;

struct Builder {
    places: u32,
    transitions: Vec<Transition>,
    labels: Vec<String>,
    label_index: HashMap<String, u32>,
    flow_places: HashMap<Id, Place>,
}

impl Builder {
    fn place(&mut self) -> Place {
        self.places += 1;
        self.places - 1
    }

    fn label(&mut self, name: &str) -> u32 {
        if let Some(&l) = self.label_index.get(name) {
            return l;
        }
        let l = self.labels.len() as u32;
        self.labels.push(name.to_string());
        self.label_index.insert(name.to_string(), l);
        l
    }
}

fn subsets(flows: &[Place]) -> Vec<Vec<Place>> {
    if flows.len() > MAX_SUBSET_FLOWS {
        let mut sets: Vec<Vec<Place>> = flows.iter().map(|&f| vec![f]).collect();
        sets.push(flows.to_vec());
        return sets;
    }
    (1u32..(1 << flows.len()))
        .map(|mask| {
            flows
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, &f)| f)
                .collect()
        })
        .collect()
}

/// Builds the net of a version.
pub fn build(process: &Process) -> Net {
    let mut b = Builder {
        places: 0,
        transitions: Vec::new(),
        labels: Vec::new(),
        label_index: HashMap::new(),
        flow_places: HashMap::new(),
    };
    let source = b.place();
    let sink = b.place();
    for flow in &process.flows {
        let p = b.place();
        b.flow_places.insert(flow.id, p);
    }
    let kind_of: HashMap<Id, &NodeKind> = process.nodes.iter().map(|n| (n.id, &n.kind)).collect();
    let parent_of: HashMap<Id, Option<Id>> =
        process.nodes.iter().map(|n| (n.id, n.parent)).collect();
    // Nodes inside event sub-processes and ad-hoc sub-processes are left out.
    let left_out = |mut id: Id| loop {
        match parent_of.get(&id).copied().flatten() {
            None => return false,
            Some(parent) => {
                if let Some(NodeKind::SubProcess {
                    sub: SubProcessKind::Event | SubProcessKind::AdHoc,
                    ..
                }) = kind_of.get(&parent)
                {
                    return true;
                }
                id = parent;
            }
        }
    };
    let has_contents: std::collections::HashSet<Id> =
        process.nodes.iter().filter_map(|n| n.parent).collect();
    // Each sub-process with contents: the place its inner starts take from, the place its inner
    // ends put on.
    let mut inner: HashMap<Id, (Place, Place)> = HashMap::new();
    // While it runs, each such sub-process also holds a token on its active place.
    let mut active_of: HashMap<Id, Place> = HashMap::new();
    for node in &process.nodes {
        let opens = matches!(
            node.kind,
            NodeKind::SubProcess {
                sub: SubProcessKind::Embedded | SubProcessKind::Transaction,
                ..
            }
        ) && has_contents.contains(&node.id);
        if opens && !left_out(node.id) {
            let (start, done) = (b.place(), b.place());
            inner.insert(node.id, (start, done));
            let active = b.place();
            active_of.insert(node.id, active);
        }
    }
    let mut links: HashMap<String, Place> = HashMap::new();
    for node in &process.nodes {
        if let Some(Trigger::Link { link }) = node.kind.trigger() {
            if !links.contains_key(link) {
                let p = b.place();
                links.insert(link.clone(), p);
            }
        }
    }
    let boundaries: Vec<&crate::model::Node> = process
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Boundary { .. }))
        .collect();

    // An error thrown inside a sub-process waits here for its boundary to take it and end the
    // sub-process's run.
    let mut thrown: HashMap<Id, Place> = HashMap::new();
    for node in &process.nodes {
        if let Some(boundary) = catcher(process, node) {
            if let std::collections::hash_map::Entry::Vacant(e) = thrown.entry(boundary) {
                e.insert(b.place());
            }
        }
    }
    for node in &process.nodes {
        if left_out(node.id) || matches!(node.kind, NodeKind::Boundary { .. }) {
            continue;
        }
        if matches!(
            &node.kind,
            NodeKind::SubProcess {
                sub: SubProcessKind::Event,
                ..
            }
        ) {
            continue;
        }
        let incoming: Vec<Place> = process
            .flows
            .iter()
            .filter(|f| f.target == node.id)
            .map(|f| b.flow_places[&f.id])
            .collect();
        let outgoing_flows: Vec<&crate::model::Flow> = process
            .flows
            .iter()
            .filter(|f| f.source == node.id)
            .collect();
        let outgoing: Vec<Place> = outgoing_flows
            .iter()
            .map(|f| b.flow_places[&f.id])
            .collect();
        let conditioned = outgoing_flows
            .iter()
            .any(|f| f.condition.is_some() || f.default);
        // Where a token comes from when no flow brings one.
        let no_input = || -> Option<Place> {
            match node.parent {
                None if matches!(node.kind, NodeKind::Start { .. }) => Some(source),
                Some(parent) => inner.get(&parent).map(|(start, _)| *start),
                None => match node.kind.trigger() {
                    Some(Trigger::Link { link }) => links.get(link).copied(),
                    _ => None,
                },
            }
        };
        let no_output = || -> Vec<Place> {
            if let Some(Trigger::Link { link }) = node.kind.trigger() {
                if matches!(node.kind, NodeKind::Throw { .. }) {
                    return vec![links[link]];
                }
            }
            if let Some(boundary) = catcher(process, node) {
                return vec![thrown[&boundary]];
            }
            match node.parent.and_then(|p| inner.get(&p)) {
                Some((_, done)) => vec![*done],
                None => vec![sink],
            }
        };
        let inputs: Vec<Vec<Place>> = if incoming.is_empty() {
            match no_input() {
                Some(p) => vec![vec![p]],
                // Nothing can start it: no transition.
                None => continue,
            }
        } else {
            match &node.kind {
                NodeKind::Gateway {
                    gateway: GatewayKind::Parallel,
                    ..
                } => vec![incoming.clone()],
                NodeKind::Gateway {
                    gateway: GatewayKind::Inclusive | GatewayKind::Complex,
                    ..
                } => subsets(&incoming),
                _ => incoming.iter().map(|&p| vec![p]).collect(),
            }
        };
        let outputs: Vec<Vec<Place>> = if outgoing.is_empty() {
            vec![no_output()]
        } else {
            match &node.kind {
                NodeKind::Gateway {
                    gateway: GatewayKind::Parallel,
                    ..
                } => vec![outgoing.clone()],
                NodeKind::Gateway {
                    gateway: GatewayKind::Exclusive | GatewayKind::EventBased,
                    ..
                } => outgoing.iter().map(|&p| vec![p]).collect(),
                NodeKind::Gateway { .. } => subsets(&outgoing),
                _ if conditioned && outgoing.len() > 1 => subsets(&outgoing),
                _ => vec![outgoing.clone()],
            }
        };
        let flows_of = |places: &[Place], b: &Builder| -> Vec<Id> {
            outgoing_flows
                .iter()
                .filter(|f| places.contains(&b.flow_places[&f.id]))
                .map(|f| f.id)
                .collect()
        };
        let visible = match &node.kind {
            NodeKind::Task { .. } | NodeKind::Call { .. } => true,
            NodeKind::SubProcess { .. } => !inner.contains_key(&node.id),
            _ => false,
        };
        let label = visible.then(|| b.label(&node.name));
        let repeats = match &node.kind {
            NodeKind::Task { repeat, .. }
            | NodeKind::Call { repeat, .. }
            | NodeKind::SubProcess { repeat, .. } => repeat.is_some(),
            _ => false,
        };
        // The activity's own part: from an input set to "done" (a place of its own when it
        // has contents, repeats or boundary events), then from "done" to an output set.
        let own_boundaries: Vec<&&crate::model::Node> = boundaries
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Boundary { host, .. } if host == node.id))
            .collect();
        let staged = inner.contains_key(&node.id) || repeats || !own_boundaries.is_empty();
        if !staged {
            for input in &inputs {
                for output in &outputs {
                    let flows_out = flows_of(output, &b);
                    b.transitions.push(Transition {
                        inputs: input.clone(),
                        outputs: output.clone(),
                        label,
                        node: node.id,
                        flows_out,
                    });
                }
            }
            continue;
        }
        let ready = b.place();
        let done = b.place();
        for input in &inputs {
            b.transitions.push(Transition {
                inputs: input.clone(),
                outputs: vec![ready],
                label: None,
                node: node.id,
                flows_out: Vec::new(),
            });
        }
        // While the activity runs: its work waiting or under way, or its contents running.
        let mut active = ready;
        match inner.get(&node.id) {
            Some(&(start, finished)) => {
                active = active_of[&node.id];
                b.transitions
                    .push(silent(node.id, vec![ready], vec![start, active]));
                b.transitions
                    .push(silent(node.id, vec![finished, active], vec![done]));
            }
            None => b.transitions.push(Transition {
                inputs: vec![ready],
                outputs: vec![done],
                label,
                node: node.id,
                flows_out: Vec::new(),
            }),
        }
        if repeats {
            match inner.get(&node.id) {
                Some(&(start, _)) => b.transitions.push(silent(node.id, vec![done], vec![start])),
                None => b.transitions.push(Transition {
                    inputs: vec![done],
                    outputs: vec![done],
                    label,
                    node: node.id,
                    flows_out: Vec::new(),
                }),
            }
        }
        for output in &outputs {
            let flows_out = flows_of(output, &b);
            b.transitions.push(Transition {
                inputs: vec![done],
                outputs: output.clone(),
                label: None,
                node: node.id,
                flows_out,
            });
        }
        for boundary in own_boundaries {
            let NodeKind::Boundary { interrupting, .. } = boundary.kind else {
                continue;
            };
            let out: Vec<&crate::model::Flow> = process
                .flows
                .iter()
                .filter(|f| f.source == boundary.id)
                .collect();
            let places: Vec<Place> = out.iter().map(|f| b.flow_places[&f.id]).collect();
            let places = if places.is_empty() {
                vec![sink]
            } else {
                places
            };
            let flows_out: Vec<Id> = out.iter().map(|f| f.id).collect();
            if let Some(&error) = thrown.get(&boundary.id) {
                // An error end inside ended the run: its steps were done.
                b.transitions.push(Transition {
                    inputs: vec![error, active],
                    outputs: places.clone(),
                    label: None,
                    node: boundary.id,
                    flows_out: flows_out.clone(),
                });
            }
            if interrupting {
                // Caught before the host completed: the host's work is not done.
                b.transitions.push(Transition {
                    inputs: vec![ready],
                    outputs: places,
                    label: None,
                    node: boundary.id,
                    flows_out,
                });
            } else {
                // Fires while the host runs, which goes on: what follows the boundary may
                // happen before the host completes.
                let mut both = vec![active];
                both.extend(&places);
                b.transitions.push(Transition {
                    inputs: vec![active],
                    outputs: both,
                    label: None,
                    node: boundary.id,
                    flows_out,
                });
            }
        }
    }
    Net {
        places: b.places,
        source,
        sink,
        transitions: b.transitions,
        labels: b.labels,
        flow_places: b.flow_places,
    }
}

/// The error boundary that catches what an error end event inside a sub-process throws: the
/// first up its sub-processes whose code matches (or is empty); `None` for any other node, or
/// an error nothing catches.
fn catcher(process: &Process, node: &crate::model::Node) -> Option<Id> {
    let (NodeKind::End { .. }, Some(Trigger::Error { code })) = (&node.kind, node.kind.trigger())
    else {
        return None;
    };
    let mut scope = node.parent;
    while let Some(host) = scope {
        let caught = process.nodes.iter().find(|n| {
            matches!(&n.kind, NodeKind::Boundary { host: h, trigger: Trigger::Error { code: c }, .. }
                if *h == host && (c.is_empty() || c == code))
        });
        if let Some(boundary) = caught {
            return Some(boundary.id);
        }
        scope = process.node(host).and_then(|n| n.parent);
    }
    None
}

fn silent(node: Id, inputs: Vec<Place>, outputs: Vec<Place>) -> Transition {
    Transition {
        inputs,
        outputs,
        label: None,
        node,
        flows_out: Vec::new(),
    }
}

#[cfg(test)]
impl Transition {
    /// A transition of a hand-made net in a test.
    pub fn between(inputs: Vec<Place>, outputs: Vec<Place>, label: Option<u32>) -> Transition {
        Transition {
            inputs,
            outputs,
            label,
            node: Id::nil(),
            flows_out: Vec::new(),
        }
    }
}

#[cfg(test)]
impl Net {
    /// A hand-made net in a test: source place 0, sink place 1, one step "A" (label 0).
    pub fn with_step_a(places: u32, transitions: Vec<Transition>) -> Net {
        Net {
            places,
            source: 0,
            sink: 1,
            transitions,
            labels: vec!["A".into()],
            flow_places: Default::default(),
        }
    }
}

impl Net {
    /// The marking a case starts in: one token on the source.
    pub fn initial(&self) -> Vec<u8> {
        let mut m = vec![0u8; self.places as usize];
        m[self.source as usize] = 1;
        m
    }

    /// Done: tokens only on the sink.
    pub fn is_final(&self, marking: &[u8]) -> bool {
        marking.iter().enumerate().all(|(p, &n)| {
            if p == self.sink as usize {
                n >= 1
            } else {
                n == 0
            }
        })
    }

    pub fn enabled(&self, t: usize, marking: &[u8]) -> bool {
        self.transitions[t]
            .inputs
            .iter()
            .all(|&p| marking[p as usize] > 0)
    }

    /// Fires `t` (which must be enabled); `None` when a place would pass 255 tokens.
    pub fn fire(&self, t: usize, marking: &[u8]) -> Option<Vec<u8>> {
        let mut next = marking.to_vec();
        self.fire_into(t, &mut next).then_some(next)
    }

    /// Fires `t` (which must be enabled) on `marking` in place; false, with `marking` spoilt,
    /// when a place would pass 255 tokens.
    pub fn fire_into(&self, t: usize, marking: &mut [u8]) -> bool {
        let transition = &self.transitions[t];
        for &p in &transition.inputs {
            marking[p as usize] -= 1;
        }
        for &p in &transition.outputs {
            match marking[p as usize].checked_add(1) {
                Some(n) => marking[p as usize] = n,
                None => return false,
            }
        }
        true
    }
}
