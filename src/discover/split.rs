//! A log split along a cut: one sub-log per group. With a noise threshold the cut may have
//! been found on a filtered graph, so a trace can hold activities of several groups; each
//! split then keeps what fits the cut best and drops the rest (IMf's splits, as pm4py does
//! them).

use super::dfg::{Activity, Group};
use super::tree::Operator;
use super::Variants;

pub fn split(log: &Variants, operator: Operator, groups: &[Group]) -> Vec<Variants> {
    match operator {
        Operator::Xor => exclusive_choice(log, groups),
        Operator::Sequence => sequence(log, groups),
        Operator::Parallel => parallel(log, groups),
        Operator::Loop => loop_split(log, groups),
    }
}

fn add(log: &mut Variants, trace: Vec<Activity>, count: u64) {
    *log.entry(trace).or_default() += count;
}

/// Each trace goes to the group most of its events belong to (on a tie, the later group),
/// with only that group's events.
fn exclusive_choice(log: &Variants, groups: &[Group]) -> Vec<Variants> {
    let mut logs = vec![Variants::new(); groups.len()];
    for (trace, &count) in log {
        let best = (0..groups.len())
            .max_by_key(|&i| (trace.iter().filter(|a| groups[i].contains(a)).count(), i))
            .unwrap_or(0);
        let kept = trace.iter().copied().filter(|a| groups[best].contains(a));
        add(&mut logs[best], kept.collect(), count);
    }
    logs
}

/// Each trace is cut where the fewest events fall on the wrong side of the cut.
fn sequence(log: &Variants, groups: &[Group]) -> Vec<Variants> {
    let mut logs = vec![Variants::new(); groups.len()];
    for (trace, &count) in log {
        let mut from = 0;
        let mut done = Group::new();
        for (i, group) in groups.iter().enumerate() {
            let to = split_point(trace, group, from, &done);
            let part = trace[from..to]
                .iter()
                .copied()
                .filter(|a| group.contains(a));
            add(&mut logs[i], part.collect(), count);
            from = to;
            done.extend(group.iter().copied());
        }
    }
    logs
}

/// Where the part of `group` ends: the position after `start` with the lowest cost, each of
/// the group's events lowering it and each other event (not of an earlier group) raising it.
fn split_point(trace: &[Activity], group: &Group, start: usize, earlier: &Group) -> usize {
    let (mut cost, mut least, mut at) = (0i64, 0i64, start);
    for (i, a) in trace.iter().enumerate().skip(start) {
        if group.contains(a) {
            cost -= 1;
        } else if !earlier.contains(a) {
            cost += 1;
        }
        if cost < least {
            least = cost;
            at = i + 1;
        }
    }
    at
}

/// Each group's events, in order.
fn parallel(log: &Variants, groups: &[Group]) -> Vec<Variants> {
    groups
        .iter()
        .map(|group| {
            let mut part = Variants::new();
            for (trace, &count) in log {
                let kept = trace.iter().copied().filter(|a| group.contains(a));
                add(&mut part, kept.collect(), count);
            }
            part
        })
        .collect()
}

/// A trace is cut into runs of the body and runs of the redo part; the body gets a (possibly
/// empty) run at the end of every trace.
fn loop_split(log: &Variants, groups: &[Group]) -> Vec<Variants> {
    let (body, redo) = (&groups[0], &groups[1]);
    let mut body_log = Variants::new();
    let mut redo_log = Variants::new();
    for (trace, &count) in log {
        let mut body_run = Vec::new();
        let mut redo_run = Vec::new();
        for &a in trace {
            if body.contains(&a) {
                body_run.push(a);
                if !redo_run.is_empty() {
                    add(&mut redo_log, std::mem::take(&mut redo_run), count);
                }
            } else if redo.contains(&a) {
                redo_run.push(a);
                if !body_run.is_empty() {
                    add(&mut body_log, std::mem::take(&mut body_run), count);
                }
            } else {
                if !body_run.is_empty() {
                    add(&mut body_log, std::mem::take(&mut body_run), count);
                }
                if !redo_run.is_empty() {
                    add(&mut redo_log, std::mem::take(&mut redo_run), count);
                }
            }
        }
        if !redo_run.is_empty() {
            add(&mut redo_log, redo_run, count);
        }
        add(&mut body_log, body_run, count);
    }
    vec![body_log, redo_log]
}
