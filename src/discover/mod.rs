//! Discovery: the process as it is really done, found in an event log by the inductive miner
//! (infrequent variant) and drafted as a process with lanes and a layout, for the user to edit
//! and save like any draft.
//!
//! `dfg` the directly-follows graph, `cuts` the four cuts, `split` the sub-logs a cut makes,
//! `fall_through` what is done when no cut fits, `miner` the recursion, `tree` its result,
//! `performers` who does each activity, `to_process` the tree drawn, `chances` how often its
//! choices went each way. Pure: the caller reads the log and supplies the ids.

mod chances;
mod cuts;
mod dfg;
mod fall_through;
mod miner;
mod performers;
mod split;
mod to_process;
pub mod tree;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use ts_rs::TS;

use crate::eventlog::EventLog;
use crate::model::{Id, NodeKind, Process};

pub use performers::performers;
pub use to_process::{to_process, UNASSIGNED};
pub use tree::{Operator, ProcessTree};

/// A log as its distinct traces (activities numbered in the order of their names) and how
/// many cases followed each.
pub(crate) type Variants = BTreeMap<Vec<u32>, u64>;

/// The noise threshold pm4py and ProM suggest for IMf.
pub const DEFAULT_NOISE: f64 = 0.2;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DiscoverError {
    #[error("the noise threshold must be between 0 and 1, not {0}")]
    Noise(f64),
    #[error("the log has no completed activities to discover a process from")]
    NoActivities,
}

/// What discovery made, for a summary.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct DiscoveryFigures {
    pub cases: u64,
    pub variants: u64,
    pub activities: u64,
    pub tasks: u64,
    pub gateways: u64,
    /// Lane names, top to bottom.
    pub lanes: Vec<String>,
    pub noise: f64,
}

/// A process discovered from a log: the draft, the tree it was drawn from, and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Discovery {
    pub process: Process,
    pub tree: ProcessTree,
    pub figures: DiscoveryFigures,
}

/// What a discovery made, as the command line's JSON and the app see it.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct DiscoverySummary {
    /// The new process (a draft).
    pub process: Id,
    pub name: String,
    pub figures: DiscoveryFigures,
    pub tree: ProcessTree,
    /// The tree in pm4py's notation.
    pub notation: String,
}

impl Discovery {
    pub fn summary(&self) -> DiscoverySummary {
        DiscoverySummary {
            process: self.process.id,
            name: self.process.info.name.clone(),
            figures: self.figures.clone(),
            tree: self.tree.clone(),
            notation: self.tree.to_string(),
        }
    }
}

/// The process tree IMf finds in the log's completed activities with noise threshold `noise`
/// (0–1; 0 is the plain inductive miner, whose tree fits every case).
pub fn mine(log: &EventLog, noise: f64) -> Result<ProcessTree, DiscoverError> {
    let (names, variants) = variants(log, noise)?;
    let miner = miner::Miner {
        names: &names,
        noise,
    };
    Ok(miner.tree(variants))
}

/// The log's process discovered and drawn as a new process named `name`, with a lane for each
/// resource that most often does some activity. `ids` gives fresh element ids.
pub fn discover(
    log: &EventLog,
    noise: f64,
    name: &str,
    ids: &mut dyn FnMut() -> Id,
) -> Result<Discovery, DiscoverError> {
    let (names, variants) = variants(log, noise)?;
    let figures_of = |variants: &Variants| (variants.values().sum(), variants.len() as u64);
    let (cases, distinct): (u64, u64) = figures_of(&variants);
    let tree = miner::Miner {
        names: &names,
        noise,
    }
    .tree(variants);
    let mut process = to_process(&tree, name, &performers(log), ids);
    chances::add_chances(&mut process, log);
    let count = |f: fn(&NodeKind) -> bool| process.nodes.iter().filter(|n| f(&n.kind)).count();
    let figures = DiscoveryFigures {
        cases,
        variants: distinct,
        activities: names.len() as u64,
        tasks: count(|k| matches!(k, NodeKind::Task { .. })) as u64,
        gateways: count(|k| matches!(k, NodeKind::Gateway { .. })) as u64,
        lanes: process
            .lanes_in_order()
            .iter()
            .map(|l| l.name.clone())
            .collect(),
        noise,
    };
    Ok(Discovery {
        process,
        tree,
        figures,
    })
}

/// The activity names done (sorted) and the variants over them.
fn variants(log: &EventLog, noise: f64) -> Result<(Vec<String>, Variants), DiscoverError> {
    if !(0.0..=1.0).contains(&noise) {
        return Err(DiscoverError::Noise(noise));
    }
    let used: BTreeSet<u32> = log.cases.iter().flat_map(|c| c.completed()).collect();
    if used.is_empty() {
        return Err(DiscoverError::NoActivities);
    }
    let mut names: Vec<(String, u32)> = used
        .iter()
        .map(|&a| (log.activities[a as usize].clone(), a))
        .collect();
    names.sort();
    let mut rank = vec![0u32; log.activities.len()];
    for (i, (_, a)) in names.iter().enumerate() {
        rank[*a as usize] = i as u32;
    }
    let mut variants = Variants::new();
    for case in &log.cases {
        let trace = case.completed().map(|a| rank[a as usize]).collect();
        *variants.entry(trace).or_default() += 1;
    }
    Ok((names.into_iter().map(|(n, _)| n).collect(), variants))
}
