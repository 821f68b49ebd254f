//! How every output names an element for a person: an element with a name is its name (on one
//! line); one without is described by its kind and place — `exclusive gateway after 'Approve
//! invoice'`, `join before 'Pay invoice'`, `timer boundary event on 'Review'`, `flow 'Check
//! invoice' → 'Approve invoice'`, `message flow 'Customer' → 'Carrier'`. Labels are unique within
//! the process: where two read the same, the lane is added, then the other neighbour, then an
//! ordinal. Never a UUID, never an empty string.

mod called;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Flow, GatewayKind, Id, Node, NodeKind, Process, Trigger};

pub use called::{called, ProcessNames};

/// What a person reads for one element: its name, or a description when it has none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Label {
    pub text: String,
    /// The element has a name of its own (`text` is that name); otherwise `text` describes it.
    pub named: bool,
}

/// In a sentence a name is quoted (`"Approve invoice"`), a description is not.
impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.named {
            write!(f, "\"{}\"", self.text)
        } else {
            f.write_str(&self.text)
        }
    }
}

/// The labels of every lane, pool, node, sequence flow, message flow and artifact of one
/// process; the app receives them as a map from id to label, so it names things as every other
/// output does without describing anything itself.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[ts(export)]
pub struct Names(BTreeMap<Id, Label>);

/// Text of a name on one line, or none for a blank name.
pub fn one_line(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Names {
    pub fn of(process: &Process) -> Names {
        let mut names = Names::default();
        names.settle(lane_candidates(process));
        names.settle(pool_candidates(process));
        names.settle(node_candidates(process));
        names.settle(artifact_candidates(process));
        let flows = flow_candidates(process, &names);
        let messages = message_candidates(process, &names);
        names.settle(flows);
        names.settle(messages);
        names
    }

    /// The label of any element of the process; an id it does not hold reads `a removed element`.
    pub fn label(&self, id: Id) -> Label {
        self.0.get(&id).cloned().unwrap_or_else(|| Label {
            text: "a removed element".into(),
            named: false,
        })
    }

    /// The labels of several processes in one map (a run's definition and those its calls run):
    /// their elements' ids are distinct, so one lookup serves them all.
    pub fn of_all<'p>(processes: impl IntoIterator<Item = &'p Process>) -> Names {
        let mut all = Names::default();
        for process in processes {
            all.0.extend(Names::of(process).0);
        }
        all
    }

    /// The label of an element of this process, none for an id it does not hold.
    pub fn get(&self, id: Id) -> Option<&Label> {
        self.0.get(&id)
    }

    /// The label's text: the name, or the description.
    pub fn text(&self, id: Id) -> String {
        self.label(id).text
    }

    /// The label as it stands in a sentence: a name quoted, a description bare.
    pub fn phrase(&self, id: Id) -> String {
        self.label(id).to_string()
    }

    /// A flow as a way out of its gateway, where its label alone is clear: `"approved"`, or the
    /// flow's description when it has no label.
    pub fn way(&self, flow: &Flow) -> String {
        match one_line(&flow.label) {
            Some(label) => format!("\"{label}\""),
            None => self.text(flow.id),
        }
    }

    /// Where the label reads inside another description: a name in single quotes.
    fn inner(&self, id: Id) -> String {
        let label = self.label(id);
        if label.named {
            format!("'{}'", label.text)
        } else {
            label.text
        }
    }

    /// Gives each element the first of its candidates that no other element of the same group
    /// reads the same as, going one candidate further for every element of a clash.
    fn settle(&mut self, all: Vec<Candidates>) {
        let mut level = vec![0usize; all.len()];
        loop {
            let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, c) in all.iter().enumerate() {
                seen.entry(c.at(level[i]).to_lowercase())
                    .or_default()
                    .push(i);
            }
            let mut moved = false;
            for group in seen.values().filter(|g| g.len() > 1) {
                for &i in group {
                    if level[i] + 1 < all[i].texts.len() {
                        level[i] += 1;
                        moved = true;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        let mut ordinal: HashMap<String, usize> = HashMap::new();
        let mut clashes: HashMap<String, usize> = HashMap::new();
        for (i, c) in all.iter().enumerate() {
            *clashes.entry(c.at(level[i]).to_lowercase()).or_default() += 1;
        }
        for (i, c) in all.into_iter().enumerate() {
            let text = c.at(level[i]).to_string();
            let key = text.to_lowercase();
            let text = if clashes.get(&key).copied().unwrap_or(0) > 1 {
                let n = ordinal.entry(key).or_default();
                *n += 1;
                format!("{text} #{n}")
            } else {
                text
            };
            self.0.insert(
                c.id,
                Label {
                    text,
                    named: c.named && level[i] == 0,
                },
            );
        }
    }
}

/// One element's possible labels, plainest first.
struct Candidates {
    id: Id,
    named: bool,
    texts: Vec<String>,
}

impl Candidates {
    fn at(&self, level: usize) -> &str {
        &self.texts[level.min(self.texts.len() - 1)]
    }

    /// `name` when it has one, else the descriptions `otherwise` gives.
    fn plain(id: Id, name: &str, otherwise: impl FnOnce() -> Vec<String>) -> Candidates {
        match one_line(name) {
            Some(name) => Candidates {
                id,
                named: true,
                texts: vec![name],
            },
            None => Candidates {
                id,
                named: false,
                texts: otherwise(),
            },
        }
    }
}

/// Lanes: the name; unnamed: `lane of 'Pool'`, then `lane 2` (its place from the top).
fn lane_candidates(process: &Process) -> Vec<Candidates> {
    let lanes = process.lanes_in_order().into_iter().enumerate();
    lanes
        .map(|(i, lane)| {
            Candidates::plain(lane.id, &lane.name, || {
                let pool = lane.pool.and_then(|p| process.pool(p));
                let of_pool = pool.and_then(|p| one_line(&p.name));
                (of_pool.map(|name| format!("lane of '{name}'")).into_iter())
                    .chain([format!("lane {}", i + 1)])
                    .collect()
            })
        })
        .collect()
}

/// Pools: the name; unnamed: `pool 1`, `partner pool 2`.
fn pool_candidates(process: &Process) -> Vec<Candidates> {
    let pools = process.pools_in_order().into_iter().enumerate();
    pools
        .map(|(i, pool)| {
            let word = if pool.partner { "partner pool" } else { "pool" };
            Candidates::plain(pool.id, &pool.name, || vec![format!("{word} {}", i + 1)])
        })
        .collect()
}

/// Artifacts: a data object's or store's name, a note's text; unnamed ones by kind.
fn artifact_candidates(process: &Process) -> Vec<Candidates> {
    (process.artifacts.iter())
        .map(|a| Candidates::plain(a.id, a.kind.text(), || vec![a.kind.label().to_string()]))
        .collect()
}

/// Nodes: the name, then with the lane. Unnamed: kind and one neighbour, then the lane, then
/// both neighbours.
fn node_candidates(process: &Process) -> Vec<Candidates> {
    let place = Place::new(process);
    process
        .nodes
        .iter()
        .map(|node| {
            let lane = process
                .lane(node.lane)
                .and_then(|l| one_line(&l.name))
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            match one_line(&node.name) {
                Some(name) => Candidates {
                    id: node.id,
                    named: true,
                    texts: vec![name.clone(), format!("{name}{lane}")],
                },
                None => {
                    let (base, both) = place.describe(node);
                    Candidates {
                        id: node.id,
                        named: false,
                        texts: vec![
                            base.clone(),
                            format!("{base}{lane}"),
                            format!("{both}{lane}"),
                        ],
                    }
                }
            }
        })
        .collect()
}

/// Where an unnamed node stands: its nearest named neighbours before and after it.
struct Place<'p> {
    nodes: HashMap<Id, &'p Node>,
    before: HashMap<Id, Vec<Id>>,
    after: HashMap<Id, Vec<Id>>,
}

impl<'p> Place<'p> {
    fn new(process: &'p Process) -> Self {
        let mut before: HashMap<Id, Vec<Id>> = HashMap::new();
        let mut after: HashMap<Id, Vec<Id>> = HashMap::new();
        for f in &process.flows {
            before.entry(f.target).or_default().push(f.source);
            after.entry(f.source).or_default().push(f.target);
        }
        Place {
            nodes: process.nodes.iter().map(|n| (n.id, n)).collect(),
            before,
            after,
        }
    }

    /// The kind with one neighbour (`exclusive gateway after 'A'`), and with both
    /// (`exclusive gateway between 'A' and 'B'`).
    fn describe(&self, node: &Node) -> (String, String) {
        let kind = self.kind_words(node);
        if let NodeKind::Boundary { host, .. } = node.kind {
            let host = self
                .named(host)
                .unwrap_or_else(|| "an unnamed activity".into());
            let base = format!("{kind} on {host}");
            let both = match self.nearest(node.id, &self.after) {
                Some(next) => format!("{base} before {next}"),
                None => base.clone(),
            };
            return (base, both);
        }
        let before = self.nearest(node.id, &self.before);
        let after = self.nearest(node.id, &self.after);
        let joins = self.before.get(&node.id).map_or(0, Vec::len) > 1;
        let starts = matches!(node.kind, NodeKind::Start { .. }) || before.is_none();
        let base = match (&before, &after) {
            (_, Some(next)) if joins || starts => format!("{kind} before {next}"),
            (Some(previous), _) => format!("{kind} after {previous}"),
            (None, Some(next)) => format!("{kind} before {next}"),
            (None, None) => match node.parent.and_then(|p| self.named(p)) {
                Some(parent) => format!("{kind} in {parent}"),
                None => kind.clone(),
            },
        };
        let both = match (&before, &after) {
            (Some(a), Some(b)) => format!("{kind} between {a} and {b}"),
            _ => base.clone(),
        };
        (base, both)
    }

    /// The name of the closest named node along `links` (breadth first, a few steps at most).
    fn nearest(&self, from: Id, links: &HashMap<Id, Vec<Id>>) -> Option<String> {
        let mut frontier = vec![from];
        let mut seen = vec![from];
        for _ in 0..4 {
            let mut next = Vec::new();
            for id in frontier {
                for &n in links.get(&id).into_iter().flatten() {
                    if seen.contains(&n) {
                        continue;
                    }
                    if let Some(name) = self.named(n) {
                        return Some(name);
                    }
                    seen.push(n);
                    next.push(n);
                }
            }
            frontier = next;
        }
        None
    }

    /// `exclusive gateway`, `join`, `timer boundary event`, `message start event`, `task`.
    fn kind_words(&self, node: &Node) -> String {
        let incoming = self.before.get(&node.id).map_or(0, Vec::len);
        let outgoing = self.after.get(&node.id).map_or(0, Vec::len);
        let event = |trigger: &Trigger, word: &str| match trigger {
            Trigger::None => word.to_string(),
            t => format!("{} {word}", t.label()),
        };
        match &node.kind {
            NodeKind::Gateway {
                gateway: GatewayKind::Exclusive,
                ..
            } if incoming > 1 && outgoing <= 1 => "join".into(),
            NodeKind::Gateway { gateway, .. } if incoming > 1 && outgoing <= 1 => {
                format!("{} join", gateway.label().trim_end_matches(" gateway"))
            }
            NodeKind::Start { trigger, .. } => event(trigger, "start event"),
            NodeKind::End { trigger, .. } => event(trigger, "end event"),
            NodeKind::Catch { trigger } => event(trigger, "catch event"),
            NodeKind::Throw { trigger } => event(trigger, "throw event"),
            NodeKind::Boundary {
                trigger,
                interrupting,
                ..
            } => {
                let word = if *interrupting {
                    "boundary event"
                } else {
                    "non-interrupting boundary event"
                };
                event(trigger, word)
            }
            other => other.label().into(),
        }
    }

    fn named(&self, id: Id) -> Option<String> {
        let name = one_line(&self.nodes.get(&id)?.name)?;
        Some(format!("'{name}'"))
    }
}

/// Sequence flows: the label, then with its source, then with both ends; unlabelled:
/// `flow 'A' → 'B'`.
fn flow_candidates(process: &Process, names: &Names) -> Vec<Candidates> {
    (process.flows.iter())
        .map(|f| connection(names, f.id, "flow", &f.label, (f.source, f.target)))
        .collect()
}

/// Message flows likewise: `message flow 'Customer' → 'Carrier'`.
fn message_candidates(process: &Process, names: &Names) -> Vec<Candidates> {
    (process.messages.iter())
        .map(|m| connection(names, m.id, "message flow", &m.name, (m.source, m.target)))
        .collect()
}

fn connection(
    names: &Names,
    id: Id,
    word: &str,
    name: &str,
    (source, target): (Id, Id),
) -> Candidates {
    let ends = format!("{word} {}", ends(names, source, target));
    match one_line(name) {
        Some(name) => Candidates {
            id,
            named: true,
            texts: vec![
                name.clone(),
                format!("'{name}' from {}", names.inner(source)),
                format!("'{name}' {ends}"),
            ],
        },
        None => Candidates {
            id,
            named: false,
            texts: vec![ends],
        },
    }
}

/// The ends of a sequence flow as a person reads them: `'Check invoice' → join before 'Pay'`.
pub fn ends(names: &Names, source: Id, target: Id) -> String {
    format!("{} → {}", names.inner(source), names.inner(target))
}

/// One way of matching a query against an element (id, name).
type Test<'a> = dyn Fn(&(Id, &str)) -> bool + 'a;

/// Why `find` found no single element.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no element of the process matches \"{0}\"")]
    NoMatch(String),
    #[error("\"{query}\" matches more than one element: {}; use one of these ids", candidates.join(", "))]
    Ambiguous {
        query: String,
        /// Each candidate's label and Flowlane id.
        candidates: Vec<String>,
    },
}

impl Names {
    /// The element of `process` a person means by `query`: its Flowlane id, its id in the BPMN
    /// file it was imported from, its name or its label (case-insensitive), in that order.
    pub fn find(&self, process: &Process, query: &str) -> Result<Id, FindError> {
        let query = query.trim();
        let wanted = one_line(query).unwrap_or_default().to_lowercase();
        let mut all: Vec<(Id, &str)> = Vec::new();
        all.extend(process.lanes.iter().map(|l| (l.id, l.name.as_str())));
        all.extend(process.pools.iter().map(|p| (p.id, p.name.as_str())));
        all.extend(process.nodes.iter().map(|n| (n.id, n.name.as_str())));
        all.extend(process.flows.iter().map(|f| (f.id, f.label.as_str())));
        all.extend(process.messages.iter().map(|m| (m.id, m.name.as_str())));
        let by_id = |&(id, _): &(Id, &str)| id.to_string() == query.to_lowercase();
        let by_source = |&(id, _): &(Id, &str)| {
            process
                .foreign
                .as_ref()
                .is_some_and(|f| f.source_id(id) == query)
        };
        let by_name =
            |&(_, name): &(Id, &str)| one_line(name).is_some_and(|n| n.to_lowercase() == wanted);
        let by_label = |&(id, _): &(Id, &str)| self.text(id).to_lowercase() == wanted;
        let tests: [&Test; 4] = [&by_id, &by_source, &by_name, &by_label];
        let found: Vec<Id> = tests
            .iter()
            .map(|test| {
                all.iter()
                    .filter(|e| test(e))
                    .map(|e| e.0)
                    .collect::<Vec<_>>()
            })
            .find(|found| !found.is_empty())
            .unwrap_or_default();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(FindError::NoMatch(query.to_string())),
            many => Err(FindError::Ambiguous {
                query: query.to_string(),
                candidates: many
                    .iter()
                    .map(|&id| format!("{} ({id})", self.text(id)))
                    .collect(),
            }),
        }
    }
}
