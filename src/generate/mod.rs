//! Large, realistic process definitions for benchmarks, load tests and demos.
//!
//! Pure: the seed and the creation time come in as arguments, so one spec always gives the same
//! definition (and the same bytes). The result is a chain of work blocks (tasks with hand-offs
//! between lanes, decisions on declared variables with a default flow, rework loops, early
//! rejections, parallel split/join pairs, timers) from one start to one final end, so every node
//! is reachable from the start and can reach an end.

pub mod log;
mod vocabulary;

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use vocabulary::{DECISIONS, DURATIONS, OBJECTS, ROLES, TEAMS, VARIABLES, VERBS};

use crate::model::{
    new_id, Bounds, Category, Duration, Flow, GatewayKind, Id, Lane, Node, NodeKind, Process,
    Variable,
};

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerateSpec {
    /// Exact number of nodes; at least 2 (a start and an end).
    pub nodes: usize,
    /// Number of lanes; at least 1.
    pub lanes: usize,
    pub seed: u64,
    /// Creation time embedded in the v7 ids.
    pub at: DateTime<Utc>,
}

/// A fixed creation time (2026-01-01 UTC) for callers that want the same bytes on every run.
pub const EPOCH: DateTime<Utc> = match DateTime::from_timestamp(1_767_225_600, 0) {
    Some(at) => at,
    None => DateTime::UNIX_EPOCH,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    #[error("a process needs at least 2 nodes (a start and an end), not {0}")]
    TooFewNodes(usize),
    #[error("a process needs at least one lane")]
    NoLanes,
}

/// Builds a process of exactly `spec.nodes` nodes in `spec.lanes` lanes.
pub fn generate(spec: &GenerateSpec) -> Result<Process, GenerateError> {
    if spec.nodes < 2 {
        return Err(GenerateError::TooFewNodes(spec.nodes));
    }
    if spec.lanes == 0 {
        return Err(GenerateError::NoLanes);
    }
    let mut b = Builder::new(spec);
    let start = b.node(0, 0, "Request received".into(), NodeKind::start());
    let mut chain = Chain {
        exits: vec![Exit::plain(start)],
        column: 1,
        lane: 0,
        last_task: None,
    };
    // One node is kept back for the final end.
    let mut budget = spec.nodes - 2;
    while budget > 0 {
        budget -= b.block(&mut chain, budget);
    }
    let end = b.node(
        chain.lane,
        chain.column,
        "Request completed".into(),
        NodeKind::end("Request fulfilled"),
    );
    b.connect(&chain.exits, end);
    Ok(b.finish())
}

/// Where the chain of blocks stands: the open exits the next node hangs from.
struct Chain {
    exits: Vec<Exit>,
    column: u32,
    lane: usize,
    /// The latest task on the main path: where a rework loop goes back to.
    last_task: Option<Id>,
}

/// An outgoing flow waiting for its target.
#[derive(Clone)]
struct Exit {
    from: Id,
    label: String,
    condition: Option<String>,
    default: bool,
}

impl Exit {
    fn plain(from: Id) -> Exit {
        Exit {
            from,
            label: String::new(),
            condition: None,
            default: false,
        }
    }
    fn when(from: Id, label: &str, condition: &str) -> Exit {
        Exit {
            condition: Some(condition.into()),
            ..Exit::labelled(from, label)
        }
    }
    fn otherwise(from: Id, label: &str) -> Exit {
        Exit {
            default: true,
            ..Exit::labelled(from, label)
        }
    }
    fn labelled(from: Id, label: &str) -> Exit {
        Exit {
            label: label.into(),
            ..Exit::plain(from)
        }
    }
}

struct Builder {
    rng: ChaCha8Rng,
    at: DateTime<Utc>,
    serial: i64,
    process: Process,
    /// Lane ids, top to bottom.
    lanes: Vec<Id>,
    /// Nodes already stacked at (lane, column), so the next one goes below them.
    rows: HashMap<(usize, u32), u32>,
    names: HashMap<String, u32>,
}

const COLUMN_WIDTH: f64 = 180.0;
const ROW_HEIGHT: f64 = 100.0;
const LEFT: f64 = 120.0;
const TOP: f64 = 18.0;

impl Builder {
    fn new(spec: &GenerateSpec) -> Builder {
        let mut b = Builder {
            rng: ChaCha8Rng::seed_from_u64(spec.seed),
            at: spec.at,
            serial: 0,
            process: Process::new(Id::nil(), ""),
            lanes: Vec::new(),
            rows: HashMap::new(),
            names: HashMap::new(),
        };
        let id = b.id();
        let mut process = Process::new(
            id,
            &format!(
                "Generated process ({} nodes, {} lanes)",
                spec.nodes, spec.lanes
            ),
        );
        process.info.outcome = "Every request is handled by the right teams within its SLA".into();
        process.info.category = Category::Operational;
        process.info.owner = "Operations director".into();
        process.info.sla = Some(Duration::days(30));
        process.info.variables = VARIABLES
            .iter()
            .map(|(name, var_type, description)| Variable {
                description: (*description).into(),
                ..Variable::new(name, *var_type)
            })
            .collect();
        for order in 0..spec.lanes {
            let (name, team, trigger, output) = TEAMS[order % TEAMS.len()];
            let round = order / TEAMS.len();
            let suffix = if round == 0 {
                String::new()
            } else {
                format!(" {}", round + 1)
            };
            let id = b.id();
            process.lanes.push(Lane {
                id,
                name: format!("{name}{suffix}"),
                team: format!("{team}{suffix}"),
                trigger: trigger.into(),
                output: output.into(),
                order: u32::try_from(order).unwrap_or(u32::MAX),
                pool: None,
            });
            b.lanes.push(id);
        }
        b.process = process;
        b
    }

    /// A v7 id one millisecond after the previous one, so ids sort by creation.
    fn id(&mut self) -> Id {
        let at = self.at + TimeDelta::milliseconds(self.serial);
        self.serial += 1;
        let mut random = [0u8; 10];
        self.rng.fill(&mut random);
        new_id(at, random)
    }

    /// Adds one block after the chain and returns how many nodes it used (at most `budget`).
    fn block(&mut self, chain: &mut Chain, budget: usize) -> usize {
        let roll = self.rng.random_range(0..100);
        match roll {
            0..=6 if budget >= 1 => self.timer(chain),
            7..=21 if budget >= 4 => self.decision(chain, budget),
            22..=29 if budget >= 1 && chain.last_task.is_some() => self.rework(chain),
            30..=34 if budget >= 3 => self.rejection(chain),
            35..=46 if budget >= 4 => self.parallel(chain, budget),
            _ => {
                if self.rng.random_bool(0.3) {
                    chain.lane = self.rng.random_range(0..self.lanes.len());
                }
                let task = self.task(chain.lane, chain.column);
                self.connect(&chain.exits, task);
                *chain = Chain {
                    exits: vec![Exit::plain(task)],
                    column: chain.column + 1,
                    lane: chain.lane,
                    last_task: Some(task),
                };
                1
            }
        }
    }

    fn timer(&mut self, chain: &mut Chain) -> usize {
        let days = self.rng.random_range(1..=5u64);
        let name = self.unique(format!(
            "Wait {days} day{}",
            if days > 1 { "s" } else { "" }
        ));
        let wait = NodeKind::wait(&format!("P{days}D"));
        let timer = self.node(chain.lane, chain.column, name, wait);
        self.connect(&chain.exits, timer);
        chain.exits = vec![Exit::plain(timer)];
        chain.column += 1;
        1
    }

    /// Exclusive split on a question, one short branch per answer, merged again.
    fn decision(&mut self, chain: &mut Chain, budget: usize) -> usize {
        let (question, answers, otherwise) =
            *DECISIONS.choose(&mut self.rng).unwrap_or(&DECISIONS[0]);
        let branches = answers.len() + 1;
        let mut lengths: Vec<usize> = (0..branches)
            .map(|_| self.rng.random_range(1..=2))
            .collect();
        shrink_to_budget(&mut lengths, budget);
        let kept = lengths.len();
        let name = self.unique(question.into());
        let split = self.gateway(chain.lane, chain.column, name, GatewayKind::Exclusive);
        self.connect(&chain.exits, split);
        let mut exits: Vec<Exit> = answers
            .iter()
            .take(kept.saturating_sub(1))
            .map(|(label, condition)| Exit::when(split, label, condition))
            .collect();
        exits.push(Exit::otherwise(split, otherwise));
        let mut ends = Vec::new();
        let mut widest = chain.column;
        for (exit, length) in exits.into_iter().zip(&lengths) {
            let lane = self.nearby_lane(chain.lane);
            let (end, column) = self.branch(lane, exit, chain.column + 1, *length);
            widest = widest.max(column);
            ends.push(end);
        }
        let merge_name = self.unique(format!("{} answered", question.trim_end_matches('?')));
        let merge = self.gateway(chain.lane, widest, merge_name, GatewayKind::Exclusive);
        self.connect(&ends, merge);
        chain.exits = vec![Exit::plain(merge)];
        chain.column = widest + 1;
        2 + lengths.iter().sum::<usize>()
    }

    /// "Complete?": incomplete work goes back to the latest task, complete work goes on.
    fn rework(&mut self, chain: &mut Chain) -> usize {
        let name = self.unique("Complete?".into());
        let check = self.gateway(chain.lane, chain.column, name, GatewayKind::Exclusive);
        self.connect(&chain.exits, check);
        if let Some(back) = chain.last_task {
            self.connect(
                &[Exit::when(check, "incomplete", "complete == false")],
                back,
            );
        }
        chain.exits = vec![Exit::otherwise(check, "complete")];
        chain.column += 1;
        1
    }

    /// "Approved?": a rejection is told to the requester and ends there.
    fn rejection(&mut self, chain: &mut Chain) -> usize {
        let name = self.unique("Approved?".into());
        let check = self.gateway(chain.lane, chain.column, name, GatewayKind::Exclusive);
        self.connect(&chain.exits, check);
        let column = chain.column + 1;
        let notice_name = self.unique("Notify requester of rejection".into());
        let notice = self.node(
            chain.lane,
            column,
            notice_name,
            work(
                "Coordinator".into(),
                Duration::minutes(15),
                Some(Duration::days(1)),
                String::new(),
            ),
        );
        self.connect(
            &[Exit::when(check, "rejected", "approved == false")],
            notice,
        );
        let end_name = self.unique("Request rejected".into());
        let end = self.node(chain.lane, column + 1, end_name, NodeKind::end("Rejected"));
        self.connect(&[Exit::plain(notice)], end);
        chain.exits = vec![Exit::otherwise(check, "approved")];
        chain.column += 1;
        3
    }

    /// Parallel split into branches in different lanes (hand-offs), joined again.
    fn parallel(&mut self, chain: &mut Chain, budget: usize) -> usize {
        let mut lengths: Vec<usize> = (0..self.rng.random_range(2..=4))
            .map(|_| self.rng.random_range(1..=3))
            .collect();
        shrink_to_budget(&mut lengths, budget);
        let name = self.unique("Work in parallel".into());
        let split = self.gateway(chain.lane, chain.column, name, GatewayKind::Parallel);
        self.connect(&chain.exits, split);
        let mut ends = Vec::new();
        let mut widest = chain.column;
        for length in &lengths {
            let lane = self.rng.random_range(0..self.lanes.len());
            let (end, column) = self.branch(lane, Exit::plain(split), chain.column + 1, *length);
            widest = widest.max(column);
            ends.push(end);
        }
        let join_name = self.unique("All parallel work done".into());
        let join = self.gateway(chain.lane, widest, join_name, GatewayKind::Parallel);
        self.connect(&ends, join);
        chain.exits = vec![Exit::plain(join)];
        chain.column = widest + 1;
        2 + lengths.iter().sum::<usize>()
    }

    /// The same lane or one next to it, so branches stay close on the canvas.
    /// A run of `length` tasks in `lane` from `entry`, starting at `column`: the exit after the
    /// last task (or `entry` itself when empty) and the next free column.
    fn branch(&mut self, lane: usize, entry: Exit, column: u32, length: usize) -> (Exit, u32) {
        let mut from = entry;
        let mut column = column;
        for _ in 0..length {
            let task = self.task(lane, column);
            self.connect(std::slice::from_ref(&from), task);
            from = Exit::plain(task);
            column += 1;
        }
        (from, column)
    }

    fn nearby_lane(&mut self, lane: usize) -> usize {
        let step: i64 = self.rng.random_range(-1..=1);
        let last = self.lanes.len() as i64 - 1;
        (lane as i64 + step).clamp(0, last) as usize
    }

    fn task(&mut self, lane: usize, column: u32) -> Id {
        let verb = *VERBS.choose(&mut self.rng).unwrap_or(&VERBS[0]);
        let object = *OBJECTS.choose(&mut self.rng).unwrap_or(&OBJECTS[0]);
        let name = self.unique(format!("{verb} {object}"));
        let team = self.process.lanes[lane].team.clone();
        let role = *ROLES.choose(&mut self.rng).unwrap_or(&ROLES[0]);
        let minutes = *DURATIONS.choose(&mut self.rng).unwrap_or(&DURATIONS[0]);
        let duration = Duration::minutes(minutes);
        // Steps get at least a working day, more for longer work.
        let sla = Duration::minutes((minutes * 2).max(1440).div_ceil(1440) * 1440);
        let description = if self.rng.random_bool(0.2) {
            format!("{verb} the {object} and record the result")
        } else {
            String::new()
        };
        let sla = self.rng.random_bool(0.8).then_some(sla);
        let assignee = format!("{team} {}", role.to_lowercase());
        self.node(
            lane,
            column,
            name,
            work(assignee, duration, sla, description),
        )
    }

    fn gateway(&mut self, lane: usize, column: u32, name: String, gateway: GatewayKind) -> Id {
        self.node(lane, column, name, NodeKind::gateway(gateway))
    }

    /// Adds a node and places it in its lane's column, below what is already there.
    fn node(&mut self, lane: usize, column: u32, name: String, kind: NodeKind) -> Id {
        let id = self.id();
        let (w, h) = match kind {
            NodeKind::Task { .. } | NodeKind::Call { .. } => (140.0, 64.0),
            NodeKind::Gateway { .. } => (50.0, 50.0),
            NodeKind::Start { .. }
            | NodeKind::End { .. }
            | NodeKind::Catch { .. }
            | NodeKind::Throw { .. }
            | NodeKind::Boundary { .. } => (36.0, 36.0),
            NodeKind::SubProcess { .. } => (140.0, 64.0),
        };
        let row = self.rows.entry((lane, column)).or_insert(0);
        let bounds = Bounds {
            x: LEFT + f64::from(column) * COLUMN_WIDTH + (140.0 - w) / 2.0,
            y: TOP + f64::from(*row) * ROW_HEIGHT + (64.0 - h) / 2.0,
            w,
            h,
        };
        *row += 1;
        self.process.nodes.push(Node {
            id,
            lane: self.lanes[lane],
            name,
            kind,
            parent: None,
        });
        self.process.layout.nodes.insert(id, bounds);
        id
    }

    fn connect(&mut self, exits: &[Exit], target: Id) {
        for exit in exits {
            let id = self.id();
            self.process.flows.push(Flow {
                id,
                source: exit.from,
                target,
                label: exit.label.clone(),
                condition: exit.condition.clone(),
                default: exit.default,
                probability: None,
            });
        }
    }

    /// Names repeat in a big process; number the repeats so each reads as its own step.
    fn unique(&mut self, name: String) -> String {
        let seen = self.names.entry(name.clone()).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            name
        } else {
            format!("{name} {seen}")
        }
    }

    fn finish(mut self) -> Process {
        for (index, lane) in self.lanes.iter().enumerate() {
            let rows = self
                .rows
                .iter()
                .filter(|((l, _), _)| *l == index)
                .map(|(_, rows)| *rows)
                .max()
                .unwrap_or(1)
                .max(1);
            let height = (f64::from(rows) * ROW_HEIGHT + 2.0 * TOP).max(160.0);
            self.process.layout.lanes.insert(*lane, height);
        }
        crate::canonical::canonicalize(&mut self.process);
        self.process
    }
}

/// Shortens branches (then drops them) until split + merge + their tasks fit in `budget` nodes.
fn shrink_to_budget(lengths: &mut Vec<usize>, budget: usize) {
    while 2 + lengths.iter().sum::<usize>() > budget {
        match lengths.iter_mut().find(|l| **l > 1) {
            Some(l) => *l -= 1,
            None => {
                lengths.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// A task with a fixed duration and nothing for simulation beyond it.
fn work(
    assignee: String,
    duration: Duration,
    sla: Option<Duration>,
    description: String,
) -> NodeKind {
    let mut kind = NodeKind::task(&assignee);
    if let NodeKind::Task {
        duration: d,
        sla: s,
        description: text,
        ..
    } = &mut kind
    {
        *d = Some(duration);
        *s = sla;
        *text = description;
    }
    kind
}
