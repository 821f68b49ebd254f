//! The process as a graph the rules share: nodes and flows by position, incoming and outgoing
//! flows per node, and how elements are named in messages. Flows whose ends do not resolve are
//! left out (structure reports them), so every rule can run on a half-drawn process.

use std::collections::{HashMap, VecDeque};

use crate::describe::Names;
use crate::model::{Flow, GatewayKind, Id, Node, NodeKind, Process, SubProcessKind};

pub(super) struct Graph<'p> {
    pub process: &'p Process,
    /// Per flow (same order as `process.flows`): source and target node positions.
    pub ends: Vec<Option<(usize, usize)>>,
    /// Per node: positions of its incoming and outgoing flows.
    pub incoming: Vec<Vec<usize>>,
    pub outgoing: Vec<Vec<usize>>,
    /// Per node: the boundary events on it, and (for a sub-process) the nodes directly inside.
    pub boundaries: Vec<Vec<usize>>,
    pub children: Vec<Vec<usize>>,
    /// How each element is named in a message.
    pub names: Names,
    index: HashMap<Id, usize>,
}

impl<'p> Graph<'p> {
    pub fn new(process: &'p Process) -> Self {
        let mut index = HashMap::with_capacity(process.nodes.len());
        for (i, node) in process.nodes.iter().enumerate() {
            index.entry(node.id).or_insert(i);
        }
        let n = process.nodes.len();
        let mut incoming = vec![Vec::new(); n];
        let mut outgoing = vec![Vec::new(); n];
        let ends: Vec<Option<(usize, usize)>> = process
            .flows
            .iter()
            .map(|f| Some((*index.get(&f.source)?, *index.get(&f.target)?)))
            .collect();
        for (f, end) in ends.iter().enumerate() {
            if let Some((source, target)) = *end {
                outgoing[source].push(f);
                incoming[target].push(f);
            }
        }
        let mut boundaries = vec![Vec::new(); n];
        let mut children = vec![Vec::new(); n];
        for (i, node) in process.nodes.iter().enumerate() {
            if let NodeKind::Boundary { host, .. } = node.kind {
                if let Some(&h) = index.get(&host) {
                    boundaries[h].push(i);
                }
            }
            if let Some(&parent) = node.parent.as_ref().and_then(|p| index.get(p)) {
                children[parent].push(i);
            }
        }
        Graph {
            process,
            ends,
            incoming,
            outgoing,
            boundaries,
            children,
            names: Names::of(process),
            index,
        }
    }

    pub fn node(&self, i: usize) -> &'p Node {
        &self.process.nodes[i]
    }

    pub fn flow(&self, f: usize) -> &'p Flow {
        &self.process.flows[f]
    }

    pub fn node_count(&self) -> usize {
        self.process.nodes.len()
    }

    pub fn source(&self, f: usize) -> Option<usize> {
        self.ends[f].map(|(s, _)| s)
    }

    pub fn target(&self, f: usize) -> Option<usize> {
        self.ends[f].map(|(_, t)| t)
    }

    /// The position of the node with this id.
    pub fn position(&self, id: Id) -> Option<usize> {
        self.index.get(&id).copied()
    }

    /// The start events of the process itself (not those inside sub-processes).
    pub fn starts(&self) -> Vec<usize> {
        (0..self.node_count())
            .filter(|&i| self.node(i).parent.is_none())
            .filter(|&i| matches!(self.node(i).kind, NodeKind::Start { .. }))
            .collect()
    }

    /// Event sub-processes: they start on their own trigger, never by a flow.
    pub fn event_sub_processes(&self) -> Vec<usize> {
        (0..self.node_count())
            .filter(|&i| self.is_event_sub_process(i))
            .collect()
    }

    pub fn is_event_sub_process(&self, i: usize) -> bool {
        matches!(
            self.node(i).kind,
            NodeKind::SubProcess {
                sub: SubProcessKind::Event,
                ..
            }
        )
    }

    /// Where a token goes on from node `i` besides its outgoing flows: its boundary events may
    /// fire while it runs, and a sub-process starts the nodes inside that no flow leads to.
    fn inner(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let entries = self.children[i].iter().copied().filter(|&c| {
            self.incoming[c].is_empty() && !matches!(self.node(c).kind, NodeKind::Boundary { .. })
        });
        self.boundaries[i].iter().copied().chain(entries)
    }

    pub fn gateway(&self, i: usize) -> Option<GatewayKind> {
        match self.node(i).kind {
            NodeKind::Gateway { gateway, .. } => Some(gateway),
            _ => None,
        }
    }

    /// An exclusive or inclusive gateway with more than one way out: where conditions decide.
    pub fn is_decision(&self, i: usize) -> bool {
        matches!(
            self.gateway(i),
            Some(GatewayKind::Exclusive | GatewayKind::Inclusive)
        ) && self.outgoing[i].len() > 1
    }

    /// Nodes reachable from `from` along flows, into sub-processes and out by boundary events
    /// (the `from` nodes included).
    pub fn forward(&self, from: &[usize]) -> Vec<bool> {
        self.search(from, |i| {
            self.outgoing[i]
                .iter()
                .filter_map(|&f| self.target(f))
                .chain(self.inner(i))
                .collect()
        })
    }

    fn search(&self, from: &[usize], next: impl Fn(usize) -> Vec<usize>) -> Vec<bool> {
        let mut seen = vec![false; self.node_count()];
        let mut queue: VecDeque<usize> = from.iter().copied().collect();
        for &i in from {
            seen[i] = true;
        }
        while let Some(i) = queue.pop_front() {
            for j in next(i) {
                if !seen[j] {
                    seen[j] = true;
                    queue.push_back(j);
                }
            }
        }
        seen
    }

    /// How a node is named in a message: its name in quotes, or what and where it is.
    pub fn name(&self, i: usize) -> String {
        self.names.phrase(self.node(i).id)
    }

    /// How a flow is named in a message: by label if it has one, always with its ends.
    pub fn flow_name(&self, f: usize) -> String {
        let flow = self.flow(f);
        let from = self.source(f).map_or("?".to_string(), |s| self.name(s));
        let to = self.target(f).map_or("?".to_string(), |t| self.name(t));
        if flow.label.trim().is_empty() {
            format!("the flow from {from} to {to}")
        } else {
            format!("the \"{}\" flow from {from} to {to}", flow.label)
        }
    }

    pub fn node_id(&self, i: usize) -> Id {
        self.node(i).id
    }
}

/// Lists names for a sentence: `"A"`, `"A" and "B"`, `"A", "B" and 3 more`.
pub(super) fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, rest @ ..] if rest.len() > 1 => format!("{a}, {b} and {} more", rest.len()),
        [a, b, c] => format!("{a}, {b} and {c}"),
        _ => names.join(", "),
    }
}

/// Sentences start with a capital even when they start with a description ("task after …").
pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
