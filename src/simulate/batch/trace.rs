//! A batch run as it happened: every counted task with its times and who of the role's people
//! did it, and the cycle time of every counted instance. The tasks become a synthetic event log
//! (whose ground truth is the run's parameters); the cycle times are compared with a real log's.

use super::net::{Behaviour, Net};
use super::result::BatchResult;
use super::{engine, net, BatchError, BatchOptions, Control};
use crate::model::{Id, Process};

/// What the engine notes when a counted task is done: node index, times in minutes.
#[derive(Clone, Copy, Debug)]
pub(super) struct TaskRecord {
    case: u64,
    node: u32,
    person: u32,
    /// Reached, started, done.
    times: [f64; 3],
}

impl TaskRecord {
    pub(super) fn new(case: u64, node: u32, person: u32, times: [f64; 3]) -> TaskRecord {
        TaskRecord {
            case,
            node,
            person,
            times,
        }
    }
}

/// One task done in a run. Times are minutes from the start of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct TracedTask {
    /// The instance, numbered in arrival order.
    pub case: u64,
    pub step: Id,
    pub name: String,
    pub role: String,
    /// Which of the role's people did it, numbered from 0.
    pub person: u32,
    pub reached: f64,
    pub started: f64,
    pub done: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// In the order they were done.
    pub tasks: Vec<TracedTask>,
    /// Start to end of each counted instance that ended, minutes, in the order they ended.
    pub cycles: Vec<f64>,
}

/// Runs `process` as `simulate` does and also returns what happened.
pub fn simulate_traced(
    process: &Process,
    options: &BatchOptions,
    control: Control,
) -> Result<(BatchResult, Trace), BatchError> {
    run(process, options, control, true)
}

/// A run, noting its tasks only when `record` (a million instances' tasks fill memory).
pub(super) fn run(
    process: &Process,
    options: &BatchOptions,
    mut control: Control,
    record: bool,
) -> Result<(BatchResult, Trace), BatchError> {
    let net = net::compile(process, options.start)?;
    let mut engine = engine::Engine::new(&net, options)?;
    engine.trace = record.then(Vec::new);
    engine.run(&mut control)?;
    let cycles = match record {
        true => engine.tally.cycles().to_vec(),
        false => Vec::new(),
    };
    let tasks = engine
        .trace
        .take()
        .unwrap_or_default()
        .into_iter()
        .map(|r| traced(&net, r))
        .collect();
    let mut result = engine.tally.report(&net, options.seed);
    for step in &mut result.steps {
        step.bpmn_id = process.bpmn_id(step.node).map(String::from);
    }
    Ok((result, Trace { tasks, cycles }))
}

fn traced(net: &Net, record: TaskRecord) -> TracedTask {
    let node = &net.nodes[record.node as usize];
    let role = match &node.behaviour {
        Behaviour::Work(w) => net.roles[w.role as usize].name.clone(),
        _ => String::new(),
    };
    let [reached, started, done] = record.times;
    TracedTask {
        case: record.case,
        step: node.id,
        name: node.name.clone(),
        role,
        person: record.person,
        reached,
        started,
        done,
    }
}
