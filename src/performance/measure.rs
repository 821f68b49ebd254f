//! One pass over the cases: each completed activity becomes an execution with the time it was
//! enabled (the case's previous completion), started (its start event, when the log has one)
//! and completed.

use std::collections::{HashMap, VecDeque};

use super::Steps;
use crate::eventlog::{EventLog, Lifecycle};

/// One step done once in one case. Times are ms since the epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Execution {
    /// Index into `Steps::steps`.
    pub step: usize,
    pub case: usize,
    pub resource: Option<u32>,
    /// When the case's previous activity completed (the case's first event for its first).
    pub enabled: i64,
    pub started: Option<i64>,
    pub completed: i64,
    /// The part of the wait the design prescribes (timers before the step), ms.
    pub designed_wait: i64,
}

impl Execution {
    /// Start of work minus enabling, less what the design makes the step wait for; without a
    /// start event, completion minus enabling, less the same.
    pub fn waiting_ms(&self) -> i64 {
        (self.started.unwrap_or(self.completed) - self.enabled - self.designed_wait).max(0)
    }

    pub fn service_ms(&self) -> Option<i64> {
        self.started.map(|s| (self.completed - s).max(0))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    pub executions: Vec<Execution>,
    /// First to last event of each case with a timed event, ms.
    pub cycles: Vec<i64>,
    /// First event of each of those cases, ms since the epoch, in the same order.
    pub arrivals: Vec<i64>,
    /// Whether any start event was paired with its completion.
    pub lifecycle: bool,
}

pub fn measure(log: &EventLog, steps: &Steps) -> Measured {
    let mut measured = Measured::default();
    for (c, case) in log.cases.iter().enumerate() {
        let mut timed = case.events.iter().filter_map(|e| e.time.map(|t| (e, t)));
        let Some((_, first)) = timed.next() else {
            continue;
        };
        let last = case
            .events
            .iter()
            .filter_map(|e| e.time)
            .max()
            .unwrap_or(first);
        measured.cycles.push(last - first);
        measured.arrivals.push(first);
        let mut previous = first;
        let mut open: HashMap<u32, VecDeque<i64>> = HashMap::new();
        for event in &case.events {
            let Some(time) = event.time else { continue };
            match event.lifecycle {
                Lifecycle::Start => open.entry(event.activity).or_default().push_back(time),
                Lifecycle::Other => {}
                Lifecycle::Complete => {
                    let started = open.get_mut(&event.activity).and_then(VecDeque::pop_front);
                    measured.lifecycle |= started.is_some();
                    let step = steps.of_activity[event.activity as usize];
                    measured.executions.push(Execution {
                        step,
                        designed_wait: steps.steps[step].designed_wait.minutes as i64 * 60_000,
                        case: c,
                        resource: event.resource,
                        enabled: previous.min(started.unwrap_or(time)),
                        started,
                        completed: time,
                    });
                    previous = time;
                }
            }
        }
    }
    measured
}
