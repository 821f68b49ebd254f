//! Soundness: plays the token game over every reachable marking (bounded by a state limit) and
//! reports deadlocks, lack of synchronisation, livelocks, steps that never run and ends reached
//! with work left behind, each with a run from the start that shows it.
//!
//! Conditions are ignored: every outgoing flow of a decision is taken to be possible, as in
//! workflow-net soundness. A finding may therefore need data that never occurs in practice; the
//! path says which choices lead there.

mod explore;
mod net;
mod places;

use super::graph::{capitalise, list, Graph};
use super::{problem, Problem, Step};
use explore::{explore, StateSpace};
use net::{Behaviour, Firing, Net};

/// Token-game states explored by default; well above what the samples need (tens of states) and
/// small enough that a model too large to check costs tens of milliseconds, not seconds.
pub const DEFAULT_STATE_LIMIT: usize = 20_000;

/// The codes this check reports; when all are off it does not run.
pub const CODES: [&str; 6] = [
    "deadlock",
    "lack-of-synchronisation",
    "livelock",
    "dead-task",
    "improper-completion",
    "soundness-incomplete",
];

pub(super) fn check(g: &Graph, limit: usize) -> Vec<Problem> {
    let net = Net::new(g);
    if net.starts.is_empty() {
        return Vec::new(); // `no-start` says so
    }
    let space = explore(&net, limit);
    let report = Report {
        g,
        net: &net,
        space: &space,
    };
    let mut found = Vec::new();
    let blocked = report.deadlocks(&mut found);
    report.lack_of_synchronisation(&mut found);
    // Branches that were never joined also reach the end apart: one mistake, one message.
    if space.unsafe_states.is_empty() {
        report.improper_completion(&mut found);
    }
    if space.complete {
        let looping = report.livelocks(&mut found);
        if space.unsafe_states.is_empty() {
            report.dead_tasks(&[blocked, looping].concat(), &mut found);
        }
    } else {
        found.push(problem(
            "soundness-incomplete",
            None,
            format!(
                "Soundness was checked on the first {} states only: the process allows more \
                 combinations of tokens than that",
                space.markings.len()
            ),
            "Findings so far are listed; loops without a way out and steps that never run were \
             not checked. Split the process into called processes, or raise the state limit",
        ));
    }
    found
}

struct Report<'a> {
    g: &'a Graph<'a>,
    net: &'a Net,
    space: &'a StateSpace,
}

impl Report<'_> {
    /// The run as firings over flows: places of the game's own are left out, and a token a
    /// step takes and gives back on the same flow (a host that goes on while its
    /// non-interrupting boundary fires) is not shown as moving.
    fn steps(&self, firings: &[Firing]) -> Vec<Step> {
        let shown = |places: &[u32]| -> Vec<u32> {
            places
                .iter()
                .filter_map(|&p| self.net.places.shown[p as usize])
                .collect()
        };
        let flow_ids = |flows: &[u32], other: &[u32]| {
            (flows.iter())
                .filter(|f| !other.contains(f))
                .map(|&f| self.g.flow(f as usize).id)
                .collect()
        };
        firings
            .iter()
            .map(|f| {
                let (consumed, produced) = (shown(&f.consumed), shown(&f.produced));
                Step {
                    node: self.g.node_id(f.node as usize),
                    consumed: flow_ids(&consumed, &produced),
                    produced: flow_ids(&produced, &consumed),
                }
            })
            .collect()
    }

    fn name(&self, node: u32) -> String {
        self.g.name(node as usize)
    }

    fn source_names(&self, flows: &[u32]) -> Vec<String> {
        flows
            .iter()
            .map(|&f| format!("the one from {}", self.name(self.net.source[f as usize])))
            .collect()
    }

    /// One problem per join that can wait forever, on the shortest run found. Returns the joins.
    fn deadlocks(&self, found: &mut Vec<Problem>) -> Vec<u32> {
        let mut blocked: Vec<u32> = Vec::new();
        for &state in &self.space.dead {
            let marking = &self.space.markings[state as usize];
            let mut waiting: Vec<u32> = marking
                .iter()
                .map(|&f| self.net.target[f as usize])
                .collect();
            waiting.dedup();
            for join in waiting {
                if blocked.contains(&join) {
                    continue;
                }
                let behaviour = self.net.behaviour[join as usize];
                let (message, hint) = match behaviour {
                    Behaviour::Parallel | Behaviour::Inclusive => self.join_waits(join, marking),
                    Behaviour::Never => (
                        format!(
                            "{} waits forever: no message flow brings its message",
                            capitalise(&self.name(join))
                        ),
                        "Draw the message flow from the participant that sends it, or wait for \
                         something that comes",
                    ),
                    Behaviour::Exclusive => (
                        format!(
                            "{} waits forever: none of the events after it can happen",
                            capitalise(&self.name(join))
                        ),
                        "Draw the message flows of the messages it waits for, or add a timer",
                    ),
                    // A sub-process waits for what is inside it, which is reported itself.
                    _ => continue,
                };
                blocked.push(join);
                let mut p = problem(
                    "deadlock",
                    Some(self.g.node_id(join as usize)),
                    message,
                    hint,
                );
                p.path = self.steps(&self.space.path_to(state));
                found.push(p);
            }
        }
        blocked
    }

    /// Why a join waits forever in `marking`.
    fn join_waits(&self, join: u32, marking: &[u32]) -> (String, &'static str) {
        let inputs = &self.net.inputs[join as usize];
        let (arrived, missing): (Vec<u32>, Vec<u32>) =
            inputs.iter().partition(|f| marking.contains(f));
        let name = capitalise(&self.name(join));
        if self.net.behaviour[join as usize] == Behaviour::Inclusive {
            let missing_from: Vec<String> = missing
                .iter()
                .map(|&f| self.name(self.net.source[f as usize]))
                .collect();
            (
                format!(
                    "{name} can wait forever: it waits for a token that could still come from \
                     {}, but none ever arrives",
                    list(&missing_from)
                ),
                "Inclusive joins that wait on each other never fire: replace one with a gateway \
                 that matches its split",
            )
        } else {
            (
                format!(
                    "{name} can wait forever for {}: in this run only {} arrives",
                    list(&self.source_names(&missing)),
                    list(&self.source_names(&arrived))
                ),
                "A parallel join waits for every incoming branch: join the branches of an \
                 exclusive split with an exclusive gateway, or make the split parallel",
            )
        }
    }

    fn lack_of_synchronisation(&self, found: &mut Vec<Problem>) {
        let mut blamed: Vec<u32> = Vec::new();
        for &state in &self.space.unsafe_states {
            let node = self.space.parent[state as usize].1.node;
            if blamed.contains(&node) {
                continue;
            }
            blamed.push(node);
            let marking = &self.space.markings[state as usize];
            let Some(twice) = marking.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]) else {
                continue;
            };
            let place = match self.net.places.shown[twice as usize] {
                Some(flow) => self.g.flow_name(flow as usize),
                None => self.name(self.net.target[twice as usize]),
            };
            let mut p = problem(
                "lack-of-synchronisation",
                Some(self.g.node_id(node as usize)),
                format!(
                    "Two tokens can be on {place} at once: {} passes on branches that run in \
                     parallel without joining them",
                    self.name(node)
                ),
                "Join branches that were split in parallel with a parallel gateway, or make the \
                 split exclusive",
            );
            p.path = self.steps(&self.space.path_to(state));
            found.push(p);
        }
    }

    fn improper_completion(&self, found: &mut Vec<Problem>) {
        // A branch a non-interrupting boundary event starts ends on its own: the host goes on.
        let side_branches: Vec<usize> = (0..self.g.node_count())
            .filter(|&i| {
                self.net.behaviour[i]
                    == Behaviour::Boundary {
                        interrupting: false,
                    }
            })
            .collect();
        let aside = self.g.forward(&side_branches);
        for (state, firing) in &self.space.improper {
            let left = self.net.fire(&self.space.markings[*state as usize], firing);
            let mut at: Vec<u32> = left.iter().map(|&f| self.net.target[f as usize]).collect();
            if aside[firing.node as usize] || at.iter().all(|&n| aside[n as usize]) {
                continue;
            }
            at.sort_unstable();
            at.dedup();
            let names: Vec<String> = at.iter().map(|&n| self.name(n)).collect();
            let mut path = self.space.path_to(*state);
            path.push(firing.clone());
            let mut p = problem(
                "improper-completion",
                Some(self.g.node_id(firing.node as usize)),
                format!(
                    "{} can be reached while work is still going on at {}",
                    capitalise(&self.name(firing.node)),
                    list(&names)
                ),
                "Join the parallel branches before this end, so the outcome is declared once all \
                 work is done",
            );
            p.path = self.steps(&path);
            found.push(p);
        }
    }

    /// One problem per loop that no run leaves. Returns the nodes of those loops.
    fn livelocks(&self, found: &mut Vec<Problem>) -> Vec<u32> {
        let mut loops: Vec<Vec<u32>> = Vec::new();
        for group in self.space.endless_loops() {
            let mut nodes: Vec<u32> = group
                .iter()
                .flat_map(|&s| self.space.moves(self.net, s))
                .filter(|(_, t)| group.binary_search(t).is_ok())
                .map(|(f, _)| f.node)
                .collect();
            nodes.sort_unstable();
            nodes.dedup();
            if nodes.is_empty() || loops.contains(&nodes) {
                continue;
            }
            let names: Vec<String> = nodes.iter().map(|&n| self.name(n)).collect();
            let mut path = self.space.path_to(group[0]);
            path.extend(self.space.walk_round(self.net, &group));
            let mut p = problem(
                "livelock",
                Some(self.g.node_id(nodes[0] as usize)),
                format!(
                    "{} can repeat forever: once a run is in this loop, it never gets out",
                    capitalise(&list(&names))
                ),
                "Give the loop a way out: a decision with a flow that leaves it",
            );
            p.path = self.steps(&path);
            found.push(p);
            loops.push(nodes);
        }
        loops.concat()
    }

    /// Steps on the drawing's paths that no run reaches, leaving out those behind a join or loop
    /// already reported, and those behind another step that never runs: they are consequences.
    fn dead_tasks(&self, culprits: &[u32], found: &mut Vec<Problem>) {
        let starts: Vec<usize> = self.net.starts.iter().map(|&s| s as usize).collect();
        let culprits: Vec<usize> = culprits.iter().map(|&n| n as usize).collect();
        let drawn = self.g.forward(&starts);
        let behind = self.g.forward(&culprits);
        for i in 0..self.g.node_count() {
            // Only the first step that never runs on each path: the ones after it follow from it.
            let after_one_that_ran = self.g.incoming[i]
                .iter()
                .filter_map(|&f| self.g.source(f))
                .any(|s| self.space.fired[s]);
            if drawn[i] && !behind[i] && !self.space.fired[i] && after_one_that_ran {
                found.push(problem(
                    "dead-task",
                    Some(self.g.node_id(i)),
                    format!(
                        "{} never runs: no run of the process gets there",
                        capitalise(&self.g.name(i))
                    ),
                    "Check the gateways before it: a parallel join after an exclusive split, or \
                     an exclusive split where a parallel one was meant",
                ));
            }
        }
    }
}
