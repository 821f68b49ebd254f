//! Synthetic event logs: a process run by the batch simulation (its arrivals, durations, role
//! pools and calendars) and written down as start and complete events per task, with known
//! deviations injected so conformance and performance have something real to find: a skipped
//! approval, a rework loop and an undesigned shortcut, each in a known share of cases, and a
//! slow role whose work is stretched inside the simulation (so its queues grow as they would).
//!
//! Pure and seeded: the same process, spec and seed give the same log, event for event.

mod inject;
mod targets;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use ts_rs::TS;

use crate::eventlog::{Case, Event, EventLog, Lifecycle};
use crate::model::Process;
use crate::simulate::batch::{simulate_traced, BatchError, BatchOptions, Control, StopAt, Trace};

pub use targets::Targets;

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct LogSpec {
    /// Cases (simulated instances); at least one.
    pub cases: u64,
    pub seed: u64,
    /// When the first case may arrive; working hours and weekdays are read from it.
    pub start: DateTime<Utc>,
    /// Leave the log as the design runs, without deviations.
    pub clean: bool,
}

/// The most cases one log holds: a demonstration log, not a benchmark.
pub const MAX_CASES: u64 = 100_000;

/// Share of cases (0–1) that skip the approval, loop back for rework, take the shortcut.
pub const SKIP_SHARE: f64 = 0.06;
pub const REWORK_SHARE: f64 = 0.08;
pub const SHORTCUT_SHARE: f64 = 0.05;
/// The slow role's work is stretched until its people are busy about this share of their
/// working time: slow enough that its queue stands out, not so slow that it never empties.
pub const SLOW_UTILISATION: f64 = 0.85;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InjectedKind {
    /// A step the design requires (an approval or check) not done.
    SkippedApproval,
    /// Two steps done again after they were done, where the design has no way back.
    ReworkLoop,
    /// An activity the design does not have, done instead of one of its steps.
    Shortcut,
    /// A role whose work takes longer than the design's parameters say.
    SlowRole,
}

/// One deviation put into the log, and the cases it is in: the ground truth a check of the log
/// should find.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Injected {
    pub kind: InjectedKind,
    /// The steps involved (the skipped step; the two redone; the step replaced), or the role.
    pub steps: Vec<String>,
    /// The undesigned activity of a shortcut.
    #[ts(optional)]
    pub activity: Option<String>,
    /// How much longer the slow role's work takes.
    #[ts(optional)]
    pub factor: Option<f64>,
    /// The cases it is in, by case id.
    pub cases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticLog {
    pub log: EventLog,
    pub injected: Vec<Injected>,
}

#[derive(Debug, thiserror::Error)]
pub enum SyntheticLogError {
    #[error("a log needs at least one case")]
    NoCases,
    #[error("{asked} cases are more than a generated log holds ({most} at most)")]
    TooManyCases { asked: u64, most: u64 },
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error("no instance of \"{0}\" did any task, so there is nothing to write down")]
    NoTasks(String),
}

/// Runs `process` (with its simulation parameters applied) and writes the run down as a log
/// with deviations injected.
pub fn synthetic_log(process: &Process, spec: &LogSpec) -> Result<SyntheticLog, SyntheticLogError> {
    if spec.cases == 0 {
        return Err(SyntheticLogError::NoCases);
    }
    if spec.cases > MAX_CASES {
        return Err(SyntheticLogError::TooManyCases {
            asked: spec.cases,
            most: MAX_CASES,
        });
    }
    let mut options = BatchOptions::new(spec.seed, StopAt::Instances(spec.cases), spec.start);
    // Whatever the definition lacks gets the What-if defaults: any process can make a log.
    options.fill_gaps = true;
    let (result, trace) = simulate_traced(process, &options, Control::default())?;
    if trace.tasks.is_empty() {
        return Err(SyntheticLogError::NoTasks(process.info.name.clone()));
    }
    if spec.clean {
        return Ok(SyntheticLog {
            log: written(&trace, spec.start),
            injected: Vec::new(),
        });
    }
    let targets = Targets::choose(process, &trace, &result);
    let mut injected = Vec::new();
    let trace = match &targets.slow {
        Some(slow) => {
            let stretched = targets::stretched(process, &slow.role, slow.factor);
            simulate_traced(&stretched, &options, Control::default())?.1
        }
        None => trace,
    };
    let mut log = written(&trace, spec.start);
    if let Some(slow) = &targets.slow {
        let cases = log
            .cases
            .iter()
            .filter(|c| {
                c.events.iter().any(|e| {
                    e.resource
                        .and_then(|r| log.resources.get(r as usize))
                        .is_some_and(|r| inject::person_of(r, &slow.role))
                })
            })
            .map(|c| c.id.clone())
            .collect();
        injected.push(Injected {
            kind: InjectedKind::SlowRole,
            steps: vec![slow.role.clone()],
            activity: None,
            factor: Some(slow.factor),
            cases,
        });
    }
    // Each case gets at most one of the deviations below, so each is found where it was put.
    let mut order: Vec<usize> = (0..log.cases.len()).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(spec.seed ^ 0x5eed_1065));
    let mut taken = vec![false; log.cases.len()];
    let total = log.cases.len() as f64;
    let share = |s: f64| ((total * s).round() as usize).max(1);
    if let Some(step) = &targets.approval {
        let cases = inject::each(&mut log, &order, &mut taken, share(SKIP_SHARE), |log, c| {
            inject::skip(log, c, step)
        });
        injected.push(found(
            InjectedKind::SkippedApproval,
            vec![step.clone()],
            None,
            cases,
        ));
    }
    if let Some((first, second)) = &targets.rework {
        let cases = inject::each(
            &mut log,
            &order,
            &mut taken,
            share(REWORK_SHARE),
            |log, c| inject::rework(log, c, first, second),
        );
        let steps = vec![first.clone(), second.clone()];
        injected.push(found(InjectedKind::ReworkLoop, steps, None, cases));
    }
    if let Some(step) = &targets.shortcut {
        let activity = shortcut_name(step);
        let cases = inject::each(
            &mut log,
            &order,
            &mut taken,
            share(SHORTCUT_SHARE),
            |log, c| inject::shortcut(log, c, step, &activity),
        );
        injected.push(found(
            InjectedKind::Shortcut,
            vec![step.clone()],
            Some(activity),
            cases,
        ));
    }
    injected.sort_by_key(|i| i.kind);
    Ok(SyntheticLog { log, injected })
}

/// What the undesigned activity done instead of `step` is called.
pub fn shortcut_name(step: &str) -> String {
    format!("Fast-track: {step}")
}

fn found(
    kind: InjectedKind,
    steps: Vec<String>,
    activity: Option<String>,
    cases: Vec<String>,
) -> Injected {
    Injected {
        kind,
        steps,
        activity,
        factor: None,
        cases,
    }
}

/// The run as a log: per counted instance a case (`case-0001`, … in arrival order), per task a
/// start and a complete event by one of the role's people (`AP clerk 2`).
fn written(trace: &Trace, start: DateTime<Utc>) -> EventLog {
    let origin = start.timestamp_millis();
    let at = |minutes: f64| origin + (minutes * 60_000.0).round() as i64;
    let mut log = EventLog::default();
    let mut activities: BTreeMap<String, u32> = BTreeMap::new();
    let mut resources: BTreeMap<String, u32> = BTreeMap::new();
    let mut cases: BTreeMap<u64, Vec<(i64, u8, Event)>> = BTreeMap::new();
    for task in &trace.tasks {
        let activity = intern(&mut log.activities, &mut activities, &task.name);
        let person = inject::person_name(&task.role, task.person);
        let resource = intern(&mut log.resources, &mut resources, &person);
        let events = cases.entry(task.case).or_default();
        for (order, lifecycle, minutes) in [
            (0, Lifecycle::Start, task.started),
            (1, Lifecycle::Complete, task.done),
        ] {
            let event = Event {
                activity,
                time: Some(at(minutes)),
                resource: Some(resource),
                lifecycle,
            };
            events.push((at(minutes), order, event));
        }
    }
    let width = trace
        .tasks
        .iter()
        .map(|t| t.case)
        .max()
        .unwrap_or(0)
        .to_string()
        .len()
        .max(4);
    for (case, mut events) in cases {
        // A start and a complete at the same minute keep their order.
        events.sort_by_key(|(time, order, _)| (*time, *order));
        log.cases.push(Case {
            id: format!("case-{:0width$}", case + 1),
            events: events.into_iter().map(|(_, _, e)| e).collect(),
        });
    }
    log
}

fn intern(names: &mut Vec<String>, index: &mut BTreeMap<String, u32>, name: &str) -> u32 {
    *index.entry(name.to_string()).or_insert_with(|| {
        names.push(name.to_string());
        names.len() as u32 - 1
    })
}
