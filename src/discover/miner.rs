//! The inductive miner, infrequent variant (IMf; Leemans, Fahland and van der Aalst,
//! "Discovering block-structured process models from event logs containing infrequent
//! behaviour", BPM workshops 2013), over a log of variants: base cases, then a cut on the
//! directly-follows graph, then a cut on the graph with infrequent edges filtered out, then a
//! fall-through. With noise 0 it is the plain inductive miner, whose models fit every trace.

use super::cuts;
use super::dfg::Dfg;
use super::fall_through::fall_through;
use super::split::split;
use super::tree::{Operator, ProcessTree};
use super::Variants;

pub struct Miner<'a> {
    /// Activity names; an activity's number is its place here (names are sorted).
    pub names: &'a [String],
    /// 0–1: how infrequent (relative to the most frequent) behaviour may be and still be
    /// dropped when no cut fits the whole log.
    pub noise: f64,
}

impl Miner<'_> {
    /// The tree found, folded as pm4py folds it.
    pub fn tree(&self, log: Variants) -> ProcessTree {
        self.mine(log).fold()
    }

    fn mine(&self, log: Variants) -> ProcessTree {
        let dfg = Dfg::of(&log);
        // Without the filtered attempt a tree always comes back.
        self.step(log, dfg, false).unwrap_or(ProcessTree::Tau)
    }

    /// One recursion step; `filtered` is the attempt on the filtered graph, which gives up
    /// (`None`) where no cut fits it.
    fn step(&self, mut log: Variants, mut dfg: Dfg, filtered: bool) -> Option<ProcessTree> {
        if let Some(&empty) = log.get(&Vec::new()) {
            let total: u64 = log.values().sum();
            if empty < total {
                log.remove(&Vec::new());
                // Frequent empty traces make the whole optional; infrequent ones are noise.
                if empty as f64 > self.noise * total as f64 {
                    let rest = self.mine(log);
                    return Some(operator(Operator::Xor, vec![ProcessTree::Tau, rest]));
                }
                dfg = Dfg::of(&log);
            }
        }
        if let Some(leaf) = self.base_case(&log) {
            return Some(leaf);
        }
        if let Some((op, groups)) = cuts::find(&dfg) {
            return Some(self.children(op, split(&log, op, &groups)));
        }
        if filtered {
            return None;
        }
        let quieter = dfg.filtered(self.noise);
        if let Some(tree) = self.step(log.clone(), quieter, true) {
            return Some(tree);
        }
        let (op, logs) = fall_through(&log);
        Some(self.children(op, logs))
    }

    fn children(&self, op: Operator, logs: Vec<Variants>) -> ProcessTree {
        let children = logs.into_iter().map(|l| self.mine(l)).collect();
        operator(op, children)
    }

    /// An empty log is the silent step; a log of one variant of at most one activity is that
    /// activity.
    fn base_case(&self, log: &Variants) -> Option<ProcessTree> {
        if log.is_empty() {
            return Some(ProcessTree::Tau);
        }
        let mut traces = log.keys();
        match (traces.next(), traces.next()) {
            (Some(only), None) if only.len() <= 1 => Some(match only.first() {
                Some(&a) => ProcessTree::Activity {
                    name: self.names[a as usize].clone(),
                },
                None => ProcessTree::Tau,
            }),
            _ => None,
        }
    }
}

fn operator(operator: Operator, children: Vec<ProcessTree>) -> ProcessTree {
    ProcessTree::Operator { operator, children }
}
