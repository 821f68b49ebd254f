//! A process tree drawn as a process: a task per activity, an exclusive split and join for a
//! choice, a parallel split and join for concurrency, an exclusive join before and split after
//! a loop's body, a start and an end event. Each task sits in the lane of whoever most often
//! did the activity; a gateway or event sits in the lane of what comes before it (the start
//! event in that of what follows). The layout is the automatic one.

use std::collections::HashMap;

use super::tree::{Operator, ProcessTree};
use crate::model::{Flow, GatewayKind, Id, Lane, Node, NodeKind, Process};

/// The lane of activities no one is recorded doing.
pub const UNASSIGNED: &str = "Unassigned";

/// Entry and exit of a drawn part of the tree; a silent part has none.
#[derive(Clone, Copy)]
struct Part {
    entry: Id,
    exit: Id,
}

struct Drawing<'a> {
    process: Process,
    /// Who most often did each activity (the lane's name).
    performers: &'a HashMap<String, String>,
    /// Lanes by name, made as the first task in them is.
    lanes: HashMap<String, Id>,
    /// Tasks' lanes; gateways and events get theirs at the end.
    placed: HashMap<Id, Id>,
    ids: &'a mut dyn FnMut() -> Id,
}

/// `tree` as a process named `name`; `performers` maps an activity to its lane's name.
pub fn to_process(
    tree: &ProcessTree,
    name: &str,
    performers: &HashMap<String, String>,
    ids: &mut dyn FnMut() -> Id,
) -> Process {
    let process = Process::new(ids(), name);
    let mut drawing = Drawing {
        process,
        performers,
        lanes: HashMap::new(),
        placed: HashMap::new(),
        ids,
    };
    let start = drawing.node("Start", NodeKind::start());
    let body = drawing.part(tree);
    let end = drawing.node("End", NodeKind::end(""));
    match body {
        Some(part) => {
            drawing.flow(start, part.entry);
            drawing.flow(part.exit, end);
        }
        None => drawing.flow(start, end),
    }
    let mut process = drawing.finish();
    process.layout = crate::arrange::arrange(&process);
    process
}

impl Drawing<'_> {
    fn node(&mut self, name: &str, kind: NodeKind) -> Id {
        let id = (self.ids)();
        self.process.nodes.push(Node {
            id,
            // Set in `finish`, once the flows say where the node stands.
            lane: Id::nil(),
            name: name.to_string(),
            kind,
            parent: None,
        });
        id
    }

    fn flow(&mut self, source: Id, target: Id) {
        let exists = self
            .process
            .flows
            .iter()
            .any(|f| f.source == source && f.target == target);
        if !exists {
            let id = (self.ids)();
            self.process.flows.push(Flow::between(id, source, target));
        }
    }

    fn lane(&mut self, name: &str) -> Id {
        if let Some(&id) = self.lanes.get(name) {
            return id;
        }
        let id = (self.ids)();
        self.process.lanes.push(Lane {
            id,
            name: name.to_string(),
            team: String::new(),
            trigger: String::new(),
            output: String::new(),
            order: self.process.lanes.len() as u32,
            pool: None,
        });
        self.lanes.insert(name.to_string(), id);
        id
    }

    fn part(&mut self, tree: &ProcessTree) -> Option<Part> {
        match tree {
            ProcessTree::Tau => None,
            ProcessTree::Activity { name } => {
                let performer = self
                    .performers
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| UNASSIGNED.to_string());
                let lane = self.lane(&performer);
                let task = self.node(name, NodeKind::task(&performer));
                self.placed.insert(task, lane);
                Some(Part {
                    entry: task,
                    exit: task,
                })
            }
            ProcessTree::Operator { operator, children } => match operator {
                Operator::Sequence => self.sequence(children),
                Operator::Xor => self.branches(GatewayKind::Exclusive, children),
                Operator::Parallel => self.branches(GatewayKind::Parallel, children),
                Operator::Loop => self.repeat(children),
            },
        }
    }

    fn sequence(&mut self, children: &[ProcessTree]) -> Option<Part> {
        let mut whole: Option<Part> = None;
        for child in children {
            let Some(part) = self.part(child) else {
                continue;
            };
            whole = Some(match whole {
                None => part,
                Some(before) => {
                    self.flow(before.exit, part.entry);
                    Part {
                        entry: before.entry,
                        exit: part.exit,
                    }
                }
            });
        }
        whole
    }

    /// A split and a join around the children; a silent child of a choice is a flow from the
    /// split to the join, of a parallel block nothing.
    fn branches(&mut self, kind: GatewayKind, children: &[ProcessTree]) -> Option<Part> {
        let silent = children.contains(&ProcessTree::Tau);
        let drawn: Vec<&ProcessTree> = children
            .iter()
            .filter(|c| **c != ProcessTree::Tau)
            .collect();
        let skippable = silent && kind == GatewayKind::Exclusive;
        match (drawn.as_slice(), skippable) {
            ([], _) => return None,
            ([only], false) => return self.part(only),
            _ => {}
        }
        let split = self.node("", NodeKind::gateway(kind));
        let parts: Vec<Option<Part>> = drawn.into_iter().map(|c| self.part(c)).collect();
        let join = self.node("", NodeKind::gateway(kind));
        for part in parts {
            match part {
                Some(p) => {
                    self.flow(split, p.entry);
                    self.flow(p.exit, join);
                }
                None if kind == GatewayKind::Exclusive => self.flow(split, join),
                None => {}
            }
        }
        if skippable {
            self.flow(split, join);
        }
        Some(Part {
            entry: split,
            exit: join,
        })
    }

    /// An exclusive join, the body, an exclusive split that leaves or takes the redo part
    /// (a choice when there are several) back to the join.
    fn repeat(&mut self, children: &[ProcessTree]) -> Option<Part> {
        let (body, redo) = children.split_first()?;
        let redo = match redo {
            [] => ProcessTree::Tau,
            [one] => one.clone(),
            several => ProcessTree::Operator {
                operator: Operator::Xor,
                children: several.to_vec(),
            },
        };
        if *body == ProcessTree::Tau && redo == ProcessTree::Tau {
            return None;
        }
        let join = self.node("", NodeKind::gateway(GatewayKind::Exclusive));
        let body = self.part(body);
        let split = self.node("", NodeKind::gateway(GatewayKind::Exclusive));
        match body {
            Some(p) => {
                self.flow(join, p.entry);
                self.flow(p.exit, split);
            }
            None => self.flow(join, split),
        }
        match self.part(&redo) {
            Some(p) => {
                self.flow(split, p.entry);
                self.flow(p.exit, join);
            }
            None => self.flow(split, join),
        }
        Some(Part {
            entry: join,
            exit: split,
        })
    }

    /// Every node in a lane: gateways and events in their predecessor's, else their
    /// successor's, else the first lane.
    fn finish(mut self) -> Process {
        let first = match self.process.lanes.first() {
            Some(lane) => lane.id,
            None => self.lane(UNASSIGNED),
        };
        let flows: Vec<(Id, Id)> = self
            .process
            .flows
            .iter()
            .map(|f| (f.source, f.target))
            .collect();
        for forward in [true, false] {
            loop {
                let before = self.placed.len();
                for &(source, target) in &flows {
                    let (from, to) = if forward {
                        (source, target)
                    } else {
                        (target, source)
                    };
                    if let (Some(&lane), false) =
                        (self.placed.get(&from), self.placed.contains_key(&to))
                    {
                        self.placed.insert(to, lane);
                    }
                }
                if self.placed.len() == before {
                    break;
                }
            }
        }
        for node in &mut self.process.nodes {
            node.lane = self.placed.get(&node.id).copied().unwrap_or(first);
        }
        self.process
    }
}
