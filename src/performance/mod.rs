//! Performance from a log: how long work really waits and takes at each step, how long the
//! queues of each role grow, how often the SLAs of the design are breached, and one line that
//! says whether a step stands out (a workflow problem) or the whole process is off target while
//! its steps keep their SLAs (a process problem).
//!
//! Pure: the caller loads the version and the log.

mod diagnosis;
mod measure;
mod queues;
mod steps;
mod table;

use serde::Serialize;
use ts_rs::TS;

use crate::conformance::SavedMapping;
use crate::eventlog::{EventLog, LogFigures};
use crate::model::{Id, Process};

pub use diagnosis::{Diagnosis, DiagnosisKind};
pub use measure::{measure, Execution, Measured};
pub use queues::RoleQueues;
pub use steps::{resource_roles, steps_mapped, steps_of, Step, Steps, NO_ROLE};
pub use table::steps_csv;

/// A log's timings against a version of a process. Times are hours.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Performance {
    pub process: String,
    pub version: u32,
    pub log: LogFigures,
    /// Whether service times come from start/complete pairs; without them a step's waiting is
    /// the time since the case's previous event and its service time is unknown.
    pub lifecycle: bool,
    /// First to last event of each case.
    pub cycle_time: CycleFigures,
    /// Against the process SLA, when the design has one.
    pub process_sla: Option<SlaFigures>,
    /// Every step of the design the log has, then activities the design lacks, in model order.
    pub steps: Vec<StepPerformance>,
    pub roles: Vec<RolePerformance>,
    pub queues: QueueTimeline,
    pub diagnosis: Diagnosis,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct CycleFigures {
    pub mean_hours: f64,
    pub p10_hours: f64,
    pub p50_hours: f64,
    pub p90_hours: f64,
    pub p99_hours: f64,
    pub max_hours: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct SlaFigures {
    /// The target as the design writes it (`30d`).
    pub target: String,
    #[ts(type = "number")]
    pub breaches: u64,
    /// Share of the measured cases or executions over the target, 0–1.
    pub breach_rate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct StepPerformance {
    pub name: String,
    /// The step of the design; none for an activity the design does not have.
    #[ts(optional)]
    pub node: Option<Id>,
    pub role: String,
    /// Executions measured (complete events with a time).
    #[ts(type = "number")]
    pub count: u64,
    /// Mean time from the case's previous event to the start of work (or to completion, when
    /// the log has no start events).
    pub waiting_hours: f64,
    pub waiting_p90_hours: f64,
    /// Mean start-to-complete time; none when the log has no start event for the step.
    pub service_hours: Option<f64>,
    /// Waiting plus service against the step's SLA.
    pub sla: Option<SlaFigures>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct RolePerformance {
    pub role: String,
    /// Distinct resources seen doing the role's steps.
    pub people: u32,
    /// Time-averaged number of work items waiting for the role over the log's span.
    pub mean_queue: f64,
    pub max_queue: u32,
}

/// Work items waiting per role, sampled every `every_hours` from `start` (ms since the epoch).
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct QueueTimeline {
    #[ts(type = "number")]
    pub start: i64,
    pub every_hours: f64,
    pub roles: Vec<String>,
    /// `lengths[r][i]`: items waiting for `roles[r]` at `start + i * every_hours`.
    pub lengths: Vec<Vec<u32>>,
}

/// How many points the queue series keeps per role.
const QUEUE_POINTS: usize = 100;

pub const MS_PER_HOUR: f64 = 3_600_000.0;

/// Measures `log` against `process` (version `version`).
pub fn analyse(process: &Process, version: u32, log: &EventLog) -> Performance {
    analyse_mapped(process, version, log, &SavedMapping::new())
}

/// `analyse`, with the activities mapped to steps as the user saved it first.
pub fn analyse_mapped(
    process: &Process,
    version: u32,
    log: &EventLog,
    saved: &SavedMapping,
) -> Performance {
    let steps = steps_mapped(process, log, saved);
    let measured = measure(log, &steps);
    let step_figures: Vec<StepPerformance> = steps
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| step_performance(step, &measured.executions, i))
        .collect();
    let cycles: Vec<f64> = measured
        .cycles
        .iter()
        .map(|&ms| ms as f64 / MS_PER_HOUR)
        .collect();
    let process_sla = process.info.sla.map(|target| {
        let breaches = cycles
            .iter()
            .filter(|&&h| h * 60.0 > target.minutes as f64)
            .count() as u64;
        SlaFigures {
            target: target.to_string(),
            breaches,
            breach_rate: rate(breaches, cycles.len() as u64),
        }
    });
    let role_queues = queues::queues(&steps, &measured.executions, QUEUE_POINTS);
    let diagnosis = diagnosis::diagnose(&step_figures, process_sla.as_ref());
    Performance {
        process: process.info.name.clone(),
        version,
        log: log.figures(),
        lifecycle: measured.lifecycle,
        cycle_time: cycle_figures(cycles),
        process_sla,
        steps: step_figures,
        roles: role_queues.roles,
        queues: role_queues.series,
        diagnosis,
    }
}

fn step_performance(
    step: &Step,
    executions: &[Execution],
    index: usize,
) -> Option<StepPerformance> {
    let mine: Vec<&Execution> = executions.iter().filter(|e| e.step == index).collect();
    if mine.is_empty() {
        return None;
    }
    let mut waits: Vec<f64> = mine
        .iter()
        .map(|e| e.waiting_ms() as f64 / MS_PER_HOUR)
        .collect();
    waits.sort_by(f64::total_cmp);
    let services: Vec<f64> = mine
        .iter()
        .filter_map(|e| e.service_ms())
        .map(|ms| ms as f64 / MS_PER_HOUR)
        .collect();
    let sla = step.sla.map(|target| {
        let breaches = mine
            .iter()
            .filter(|e| {
                (e.completed - e.enabled - e.designed_wait) as f64 / 60_000.0
                    > target.minutes as f64
            })
            .count() as u64;
        SlaFigures {
            target: target.to_string(),
            breaches,
            breach_rate: rate(breaches, mine.len() as u64),
        }
    });
    Some(StepPerformance {
        name: step.name.clone(),
        node: step.node,
        role: step.role.clone(),
        count: mine.len() as u64,
        waiting_hours: mean(&waits),
        waiting_p90_hours: quantile(&waits, 0.9),
        service_hours: (!services.is_empty()).then(|| mean(&services)),
        sla,
    })
}

fn cycle_figures(mut hours: Vec<f64>) -> CycleFigures {
    hours.sort_by(f64::total_cmp);
    CycleFigures {
        mean_hours: mean(&hours),
        p10_hours: quantile(&hours, 0.1),
        p50_hours: quantile(&hours, 0.5),
        p90_hours: quantile(&hours, 0.9),
        p99_hours: quantile(&hours, 0.99),
        max_hours: hours.last().copied().unwrap_or(0.0),
    }
}

pub fn mean(values: &[f64]) -> f64 {
    match values.len() {
        0 => 0.0,
        n => values.iter().sum::<f64>() / n as f64,
    }
}

/// The `q` quantile of sorted values, interpolated linearly between neighbours (the
/// convention of numpy's default and of spreadsheets), zero for none.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n => {
            let at = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let (low, high) = (at.floor() as usize, at.ceil() as usize);
            sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
        }
    }
}

fn rate(part: u64, whole: u64) -> f64 {
    match whole {
        0 => 0.0,
        n => part as f64 / n as f64,
    }
}
