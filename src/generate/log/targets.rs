//! Where the deviations go, chosen from the design and a plain run of it: the approval (a step
//! that decides, named like one), a pair of steps one after the other that no designed loop
//! repeats (so redoing them cannot be read as the design's own rework), a step worth a
//! shortcut (much time spent on it), and the role most loaded already.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::model::{Distribution, Duration, GatewayKind, Id, NodeKind, Process};
use crate::simulate::batch::{BatchResult, Trace};

use super::SLOW_UTILISATION;

/// The role made slow and by how much its work is stretched.
#[derive(Clone, Debug, PartialEq)]
pub struct Slow {
    pub role: String,
    pub factor: f64,
}

/// The steps (by name) and role the deviations of one log go to; `None` where the design has
/// no fitting one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Targets {
    pub approval: Option<String>,
    pub rework: Option<(String, String)>,
    pub shortcut: Option<String>,
    pub slow: Option<Slow>,
}

/// Beginnings of words that make a step an approval, strongest first.
const APPROVAL_WORDS: [(&str, u32); 6] = [
    ("approv", 3),
    ("sign", 2),
    ("review", 1),
    ("check", 1),
    ("confirm", 1),
    ("verif", 1),
];

/// Bounds on how much the slow role's work is stretched.
const SLOWEST: f64 = 12.0;
const LEAST_SLOW: f64 = 1.5;

impl Targets {
    pub fn choose(process: &Process, trace: &Trace, result: &BatchResult) -> Targets {
        let graph = Graph::of(process);
        let mut done: HashMap<Id, (u64, f64)> = HashMap::new();
        for task in &trace.tasks {
            let entry = done.entry(task.step).or_default();
            entry.0 += 1;
            entry.1 += task.done - task.reached;
        }
        let tasks: Vec<&crate::model::Node> = process
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Task { .. }) && done.contains_key(&n.id))
            .collect();
        let count = |id: Id| done.get(&id).map_or(0, |d| d.0);
        let distance = |id: Id| graph.distance.get(&id).copied().unwrap_or(u32::MAX);

        let approval = tasks
            .iter()
            .map(|n| {
                let name = n.name.to_lowercase();
                // Words that start so ("Assign" is no sign-off).
                let words: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).collect();
                let word = APPROVAL_WORDS
                    .iter()
                    .filter(|(w, _)| words.iter().any(|word| word.starts_with(w)))
                    .map(|(_, score)| *score)
                    .max()
                    .unwrap_or(0);
                let decides = u32::from(graph.decides(process, n.id));
                (n, decides, word)
            })
            .filter(|(_, decides, word)| decides + word > 0)
            .max_by(|a, b| {
                (a.1 + a.2, a.2, count(a.0.id))
                    .cmp(&(b.1 + b.2, b.2, count(b.0.id)))
                    .then_with(|| distance(b.0.id).cmp(&distance(a.0.id)))
            })
            .map(|(n, _, _)| *n);
        let used: HashSet<Id> = approval.iter().map(|n| n.id).collect();

        let off_cycle = |id: Id| !graph.on_cycle(id) && !used.contains(&id);
        let rework = process
            .flows
            .iter()
            .filter(|f| off_cycle(f.source) && off_cycle(f.target))
            .filter_map(|f| {
                let first = tasks.iter().find(|n| n.id == f.source)?;
                let second = tasks.iter().find(|n| n.id == f.target)?;
                Some((*first, *second))
            })
            .max_by(|a, b| {
                count(a.1.id)
                    .min(count(a.0.id))
                    .cmp(&count(b.1.id).min(count(b.0.id)))
                    .then_with(|| distance(b.0.id).cmp(&distance(a.0.id)))
            });
        let mut used = used;
        used.extend(rework.iter().flat_map(|(a, b)| [a.id, b.id]));

        let shortcut = tasks
            .iter()
            .filter(|n| !graph.on_cycle(n.id) && !used.contains(&n.id))
            .max_by(|a, b| {
                let spent = |id: Id| done.get(&id).map_or(0.0, |d| d.1);
                spent(a.id)
                    .total_cmp(&spent(b.id))
                    .then_with(|| distance(b.id).cmp(&distance(a.id)))
            });

        // A role whose steps carry boundary timers would set them off (escalations): left out,
        // so the slow role shows as queues and nothing else.
        let timed: HashSet<&str> = process
            .nodes
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::Boundary {
                    host,
                    trigger: crate::model::Trigger::Timer { .. },
                    ..
                } => process.node(*host),
                _ => None,
            })
            .filter_map(|host| match &host.kind {
                NodeKind::Task { assignee, .. } => Some(assignee.as_str()),
                _ => None,
            })
            .collect();
        let slow = result
            .roles
            .iter()
            .filter(|r| !timed.contains(r.role.as_str()))
            .filter_map(|r| r.utilisation.map(|u| (r, u)))
            .filter(|(_, u)| *u > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.role.cmp(&a.0.role)))
            .map(|(r, u)| Slow {
                role: r.role.clone(),
                // Two decimals, so the factor reads the same in every report.
                factor: ((SLOW_UTILISATION / u).clamp(LEAST_SLOW, SLOWEST) * 100.0).round() / 100.0,
            });

        Targets {
            approval: approval.map(|n| n.name.clone()),
            rework: rework.map(|(a, b)| (a.name.clone(), b.name.clone())),
            shortcut: shortcut.map(|n| n.name.clone()),
            slow,
        }
    }
}

/// `process` with the work of `role`'s tasks taking `factor` times as long.
pub fn stretched(process: &Process, role: &str, factor: f64) -> Process {
    let mut out = process.clone();
    let scale = |d: Duration| Duration::minutes((d.minutes as f64 * factor).round() as u64);
    for node in &mut out.nodes {
        if let NodeKind::Task {
            assignee,
            duration,
            distribution,
            ..
        } = &mut node.kind
        {
            if assignee != role {
                continue;
            }
            *duration = duration.map(scale);
            *distribution = distribution.as_ref().map(|d| scaled(d, &scale));
        }
    }
    out
}

fn scaled(
    d: &Distribution<Duration>,
    scale: &dyn Fn(Duration) -> Duration,
) -> Distribution<Duration> {
    match d {
        Distribution::Fixed { value } => Distribution::Fixed {
            value: scale(*value),
        },
        Distribution::Uniform { min, max } => Distribution::Uniform {
            min: scale(*min),
            max: scale(*max),
        },
        Distribution::Triangular { min, mode, max } => Distribution::Triangular {
            min: scale(*min),
            mode: scale(*mode),
            max: scale(*max),
        },
        Distribution::Normal { mean, sd } => Distribution::Normal {
            mean: scale(*mean),
            sd: scale(*sd),
        },
        Distribution::Lognormal { mean, sd } => Distribution::Lognormal {
            mean: scale(*mean),
            sd: scale(*sd),
        },
        Distribution::Exponential { mean } => Distribution::Exponential { mean: scale(*mean) },
        Distribution::Empirical { values } => Distribution::Empirical {
            values: values.iter().map(|v| scale(*v)).collect(),
        },
    }
}

/// The design's nodes as a directed graph: sequence flows, a host to its boundary events, a
/// sub-process to its start events and its end events back out to what follows it.
struct Graph {
    next: HashMap<Id, Vec<Id>>,
    /// Steps from a start event of the process.
    distance: HashMap<Id, u32>,
}

impl Graph {
    fn of(process: &Process) -> Graph {
        let mut next: HashMap<Id, Vec<Id>> = HashMap::new();
        for flow in &process.flows {
            next.entry(flow.source).or_default().push(flow.target);
        }
        let flows_only = next.clone();
        for node in &process.nodes {
            if let NodeKind::Boundary { host, .. } = &node.kind {
                next.entry(*host).or_default().push(node.id);
            }
            let Some(parent) = node.parent else { continue };
            let after: Vec<Id> = flows_only.get(&parent).cloned().unwrap_or_default();
            match &node.kind {
                NodeKind::Start { .. } => next.entry(parent).or_default().push(node.id),
                NodeKind::End { .. } => next.entry(node.id).or_default().extend(after),
                _ => {}
            }
        }
        let mut distance = HashMap::new();
        let mut queue: VecDeque<(Id, u32)> = process
            .nodes
            .iter()
            .filter(|n| n.parent.is_none() && matches!(n.kind, NodeKind::Start { .. }))
            .map(|n| (n.id, 0))
            .collect();
        while let Some((id, d)) = queue.pop_front() {
            if distance.contains_key(&id) {
                continue;
            }
            distance.insert(id, d);
            for &n in next.get(&id).into_iter().flatten() {
                queue.push_back((n, d + 1));
            }
        }
        Graph { next, distance }
    }

    /// Whether a way leads from `id` back to it.
    fn on_cycle(&self, id: Id) -> bool {
        let mut seen = HashSet::new();
        let mut stack: Vec<Id> = self.next.get(&id).cloned().unwrap_or_default();
        while let Some(n) = stack.pop() {
            if n == id {
                return true;
            }
            if seen.insert(n) {
                stack.extend(self.next.get(&n).into_iter().flatten());
            }
        }
        false
    }

    /// Whether the step is followed at once by an exclusive split: its outcome decides a way.
    fn decides(&self, process: &Process, id: Id) -> bool {
        self.next.get(&id).into_iter().flatten().any(|n| {
            process.node(*n).is_some_and(|node| {
                matches!(
                    node.kind,
                    NodeKind::Gateway {
                        gateway: GatewayKind::Exclusive,
                        ..
                    }
                )
            }) && self.next.get(n).is_some_and(|out| out.len() > 1)
        })
    }
}
