//! Chances for a discovered draft's choices: a log carries no data for conditions, but how often
//! cases took each way out of a choice (or went round a loop again) it does say, so the draft
//! can be simulated as discovered before anyone writes a condition.

use std::collections::{HashMap, HashSet};

use crate::calibrate::branches;
use crate::eventlog::EventLog;
use crate::model::{Id, NodeKind, Process};

/// Puts on each way out of every exclusive split the share of cases that took it; a split no
/// case reached gets equal chances.
pub fn add_chances(process: &mut Process, log: &EventLog) {
    let tasks: HashMap<&str, Id> = (process.nodes.iter())
        .filter(|n| matches!(n.kind, NodeKind::Task { .. }))
        .map(|n| (n.name.as_str(), n.id))
        .collect();
    let of_activity: Vec<Option<Id>> = (log.activities.iter())
        .map(|a| tasks.get(a.as_str()).copied())
        .collect();
    let steps: HashSet<Id> = tasks.values().copied().collect();
    let traces: Vec<Vec<Id>> = (log.cases.iter())
        .map(|c| {
            c.completed()
                .filter_map(|a| of_activity[a as usize])
                .collect()
        })
        .collect();
    let mut chance: HashMap<Id, f64> = HashMap::new();
    for choice in branches::choices(process, &steps, &traces) {
        let total: u64 = choice.ways.iter().map(|w| w.1).sum();
        let ways = choice.ways.len() as f64;
        for (flow, seen) in choice.ways {
            let p = match total {
                0 => 1.0 / ways,
                _ => seen as f64 / total as f64,
            };
            chance.insert(flow, p);
        }
    }
    for flow in &mut process.flows {
        if let Some(p) = chance.get(&flow.id) {
            flow.probability = Some(*p);
        }
    }
}
