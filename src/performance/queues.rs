//! Queue length per role over time: an execution waits for its role from when it was enabled
//! until its work started (until it completed, when the log has no start events).

use std::collections::{BTreeMap, HashSet};

use super::{Execution, QueueTimeline, RolePerformance, Steps, MS_PER_HOUR};

pub struct RoleQueues {
    pub roles: Vec<RolePerformance>,
    pub series: QueueTimeline,
}

pub fn queues(steps: &Steps, executions: &[Execution], points: usize) -> RoleQueues {
    let mut changes: BTreeMap<&str, Vec<(i64, i32)>> = BTreeMap::new();
    let mut people: BTreeMap<&str, HashSet<u32>> = BTreeMap::new();
    for e in executions {
        let role = steps.steps[e.step].role.as_str();
        let until = e.started.unwrap_or(e.completed);
        // Queued once the design's own wait (a timer before the step) is over.
        let queued = e.enabled + e.designed_wait;
        let list = changes.entry(role).or_default();
        if until > queued {
            list.push((queued, 1));
            list.push((until, -1));
        }
        let seen = people.entry(role).or_default();
        seen.extend(e.resource);
    }
    let start = executions.iter().map(|e| e.enabled).min().unwrap_or(0);
    let end = executions
        .iter()
        .map(|e| e.completed)
        .max()
        .unwrap_or(start);
    let span = (end - start).max(1);
    let every = (span as f64 / points.max(1) as f64).max(1.0);
    let mut series = QueueTimeline {
        start,
        every_hours: every / MS_PER_HOUR,
        roles: Vec::new(),
        lengths: Vec::new(),
    };
    let mut roles = Vec::new();
    for (role, mut list) in changes {
        // Ends before starts at the same instant: an item handed on at once never queued.
        list.sort_unstable();
        let (mut length, mut area, mut max, mut last) = (0i64, 0f64, 0i64, start);
        let mut samples = Vec::with_capacity(points + 1);
        let mut next_sample = start as f64;
        for (at, delta) in list {
            while next_sample < at as f64 && samples.len() <= points {
                samples.push(length as u32);
                next_sample += every;
            }
            area += length as f64 * (at - last) as f64;
            last = at;
            length += i64::from(delta);
            max = max.max(length);
        }
        while samples.len() <= points {
            samples.push(length as u32);
        }
        roles.push(RolePerformance {
            role: role.to_string(),
            people: people.get(role).map_or(0, |p| p.len() as u32),
            mean_queue: area / span as f64,
            max_queue: max as u32,
        });
        series.roles.push(role.to_string());
        series.lengths.push(samples);
    }
    RoleQueues { roles, series }
}
