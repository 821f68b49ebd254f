//! What the miner does when no cut fits, tried in this order: an activity done exactly once
//! per trace runs in parallel with the rest; an activity whose removal leaves a cut runs in
//! parallel with the rest; a trace that restarts (strict tau loop: an end followed by a start;
//! tau loop: any start) is split into rounds of a loop; else a flower model (any activity, any
//! number of times). Empty traces are handled before, by the miner.

use super::cuts;
use super::dfg::{Activity, Dfg, Group};
use super::tree::Operator;
use super::Variants;

/// The operator and its children's logs; an empty log becomes the silent step.
pub fn fall_through(log: &Variants) -> (Operator, Vec<Variants>) {
    if let Some(a) = once_per_trace(log).or_else(|| concurrent(log)) {
        return (Operator::Parallel, apart(log, a));
    }
    for strict in [true, false] {
        let rounds = rounds(log, strict);
        if rounds.values().sum::<u64>() > log.values().sum::<u64>() {
            return (Operator::Loop, vec![rounds, Variants::new()]);
        }
    }
    let mut each = Variants::new();
    for a in alphabet(log) {
        each.insert(vec![a], 1);
    }
    (Operator::Loop, vec![Variants::new(), each])
}

fn alphabet(log: &Variants) -> Group {
    log.keys().flatten().copied().collect()
}

/// The first activity (by name) that every trace has exactly once.
fn once_per_trace(log: &Variants) -> Option<Activity> {
    alphabet(log).into_iter().find(|a| {
        log.keys()
            .all(|trace| trace.iter().filter(|&b| b == a).count() == 1)
    })
}

/// The first activity (by name) without which the log has a cut.
fn concurrent(log: &Variants) -> Option<Activity> {
    alphabet(log).into_iter().find(|&a| {
        let mut without = Variants::new();
        for trace in log.keys() {
            // The counts do not matter to finding a cut.
            without.insert(trace.iter().copied().filter(|&b| b != a).collect(), 1);
        }
        cuts::find(&Dfg::of(&without)).is_some()
    })
}

/// `a`'s events, and all the others.
fn apart(log: &Variants, a: Activity) -> Vec<Variants> {
    let mut only = Variants::new();
    let mut rest = Variants::new();
    for (trace, &count) in log {
        let (mine, others): (Vec<Activity>, Vec<Activity>) = trace.iter().partition(|&&b| b == a);
        *only.entry(mine).or_default() += count;
        *rest.entry(others).or_default() += count;
    }
    vec![only, rest]
}

/// Traces cut before every start activity (strict: only where an end activity precedes it).
fn rounds(log: &Variants, strict: bool) -> Variants {
    let starts: Group = log.keys().filter_map(|t| t.first().copied()).collect();
    let ends: Group = log.keys().filter_map(|t| t.last().copied()).collect();
    let mut rounds = Variants::new();
    for (trace, &count) in log {
        let mut from = 0;
        for i in 1..trace.len() {
            let restarts = starts.contains(&trace[i]) && (!strict || ends.contains(&trace[i - 1]));
            if restarts {
                *rounds.entry(trace[from..i].to_vec()).or_default() += count;
                from = i;
            }
        }
        *rounds.entry(trace[from..].to_vec()).or_default() += count;
    }
    rounds
}
