//! A what-if calibrated from a log: arrivals, each step's duration distribution (exponential,
//! lognormal or the observed values, chosen by fit), branch chances from the choices cases
//! made and people per role from the resources seen are put on a copy of the version; the
//! batch simulation runs it, and its cycle times are set against the log's (quantiles and the
//! two-sample Kolmogorov–Smirnov statistic) before anyone relies on it.
//!
//! Pure: the caller loads the version and the log and gives the seed and the start.

pub(crate) mod branches;
mod fit;
mod hours;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::conformance::mapping::SavedMapping;
use crate::describe::Names;
use crate::eventlog::EventLog;
use crate::model::{Arrivals, Calendar, NodeKind, Process, Role};
use crate::performance::{self, quantile, MS_PER_HOUR};
use crate::simulate::batch::{
    apply, gaps, parameterised, simulate_traced, BatchError, BatchOptions, BatchProgress, Control,
    StopAt,
};

pub use fit::{fit, one_sample_ks, two_sample_ks, Fit, FitKind};
use hours::{working_hours, WorkClock};

/// What a calibration found and how the calibrated run compares with the log.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Calibration {
    pub process: String,
    pub version: u32,
    #[ts(type = "number")]
    pub observed_cases: u64,
    #[ts(type = "number")]
    pub simulated_cases: u64,
    /// Poisson arrivals: cases over the span between the first and last case's start.
    pub arrivals_per_hour: f64,
    /// Whether durations are start-to-complete times (then role pools are the people seen);
    /// without start events they are the times since the case's previous event, waits
    /// included, so roles get no pools (that would count the waits twice).
    pub lifecycle: bool,
    pub steps: Vec<FittedStep>,
    pub branches: Vec<FittedBranch>,
    pub roles: Vec<FittedRole>,
    /// p10, p50, p90, p99 of the cycle time, observed and simulated.
    pub cycle_time: Vec<QuantileRow>,
    /// Two-sample Kolmogorov–Smirnov statistic of the two cycle-time samples (0 same, 1 apart).
    pub ks: f64,
    /// The statistic above which the two samples differ at the 5 % level.
    pub ks_critical: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct FittedStep {
    pub step: String,
    pub role: String,
    #[ts(type = "number")]
    pub samples: u64,
    pub fit: FitKind,
    pub mean_minutes: f64,
    pub sd_minutes: f64,
    /// KS distance of the chosen formula to the observed durations (0 for empirical).
    pub fit_ks: f64,
    /// The distribution the run used, as outlines write it.
    pub distribution: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct FittedBranch {
    pub gateway: String,
    pub ways: Vec<FittedWay>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct FittedWay {
    /// The flow's label, else the step it leads to.
    pub way: String,
    pub probability: f64,
    #[ts(type = "number")]
    pub seen: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct FittedRole {
    pub role: String,
    /// Distinct resources seen doing the role's steps.
    pub people: u32,
    /// The working hours its work falls in ("Mon–Fri 8–16"); none around the clock or without
    /// start events.
    #[ts(optional)]
    pub hours: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct QuantileRow {
    /// `p10`, `p50`, …
    pub quantile: String,
    pub observed_hours: f64,
    pub simulated_hours: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum CalibrateError {
    #[error("the log needs at least two cases with timestamps to fit an arrival rate")]
    TooFewCases,
    #[error("the calibrated run failed: {0}")]
    Batch(#[from] BatchError),
}

/// The cycle-time quantiles compared.
const QUANTILES: [(&str, f64); 4] = [("p10", 0.1), ("p50", 0.5), ("p90", 0.9), ("p99", 0.99)];

/// The fewest instances a calibration simulates, so a small log still gets a smooth
/// simulated distribution.
const MIN_INSTANCES: u64 = 2_000;

/// `process` with the parameters fitted from `log` (its activities mapped to steps as `saved`
/// says first, then by name), and what was fitted.
pub fn calibrated(
    process: &Process,
    version: u32,
    log: &EventLog,
    saved: &SavedMapping,
) -> Result<(Process, Calibration), CalibrateError> {
    let steps = performance::steps_mapped(process, log, saved);
    let measured = performance::measure(log, &steps);
    fitted(process, version, log, &steps, &measured)
}

/// `calibrated`, on the log's steps and measures.
fn fitted(
    process: &Process,
    version: u32,
    log: &EventLog,
    steps: &performance::Steps,
    measured: &performance::Measured,
) -> Result<(Process, Calibration), CalibrateError> {
    let mut arrivals = measured.arrivals.clone();
    arrivals.sort_unstable();
    let span_hours = match (arrivals.first(), arrivals.last()) {
        (Some(first), Some(last)) if last > first => (last - first) as f64 / MS_PER_HOUR,
        _ => return Err(CalibrateError::TooFewCases),
    };
    let per_hour = (arrivals.len() - 1) as f64 / span_hours;
    // The definition's own parameters (or a sample's) stay where the log says nothing, e.g.
    // the data that decides a branch no case reached.
    let mut out = parameterised(process, None).process;
    out.info.simulation.arrivals = Some(Arrivals::Poisson { per_hour });
    let names = Names::of(process);
    let hours = role_hours(steps, measured);
    let clocks: HashMap<&str, WorkClock> = (hours.iter())
        .filter_map(|(role, c)| Some((role.as_str(), WorkClock::new(c)?)))
        .collect();

    let mut fitted_steps = Vec::new();
    for (index, step) in steps.steps.iter().enumerate() {
        let Some(node) = step.node else { continue };
        let mine: Vec<_> = measured
            .executions
            .iter()
            .filter(|e| e.step == index)
            .collect();
        let services = mine.iter().all(|e| e.started.is_some());
        let clock = clocks.get(step.role.as_str());
        let minutes: Vec<f64> = mine
            .iter()
            .map(|e| match (services, e.started, clock) {
                (true, Some(start), Some(clock)) => clock.minutes(start, e.completed),
                (true, _, _) => e.service_ms().unwrap_or(0).max(0) as f64 / 60_000.0,
                (false, _, _) => (e.completed - e.enabled).max(0) as f64 / 60_000.0,
            })
            .collect();
        let Some(found) = fit(&minutes) else { continue };
        let distribution = fit::distribution(&found, &minutes);
        let shown = distribution.to_string();
        for n in out.nodes.iter_mut().filter(|n| n.id == node) {
            if let NodeKind::Task {
                distribution: d, ..
            } = &mut n.kind
            {
                *d = Some(distribution.clone());
            }
        }
        fitted_steps.push(FittedStep {
            step: step.name.clone(),
            role: step.role.clone(),
            samples: minutes.len() as u64,
            fit: found.kind,
            mean_minutes: found.mean,
            sd_minutes: found.sd,
            fit_ks: found.ks,
            distribution: shown,
        });
    }

    let mut people: BTreeMap<String, HashSet<u32>> = BTreeMap::new();
    for e in &measured.executions {
        let step = &steps.steps[e.step];
        if step.node.is_some() {
            people
                .entry(step.role.clone())
                .or_default()
                .extend(e.resource);
        }
    }
    let roles: Vec<FittedRole> = people
        .iter()
        .map(|(role, seen)| FittedRole {
            role: role.clone(),
            people: seen.len() as u32,
            hours: hours.get(role).map(hours::describe),
        })
        .collect();
    let simulation = &mut out.info.simulation;
    let costs: HashMap<String, f64> = simulation
        .roles
        .iter()
        .map(|(r, pool)| (r.clone(), pool.cost_per_hour))
        .collect();
    simulation.roles.clear();
    if measured.lifecycle {
        for role in roles.iter().filter(|r| r.people > 0) {
            simulation.roles.insert(
                role.role.clone(),
                Role {
                    capacity: role.people,
                    cost_per_hour: costs.get(&role.role).copied().unwrap_or(0.0),
                    // The durations above are working minutes within these hours.
                    calendar: hours.get(&role.role).cloned(),
                },
            );
        }
    }

    let step_nodes: HashSet<_> = steps.steps.iter().filter_map(|s| s.node).collect();
    let traces: Vec<Vec<_>> = log
        .cases
        .iter()
        .map(|case| {
            case.completed()
                .filter_map(|a| steps.steps[steps.of_activity[a as usize]].node)
                .collect()
        })
        .collect();
    let mut fitted_branches = Vec::new();
    for choice in branches::choices(process, &step_nodes, &traces) {
        let total: u64 = choice.ways.iter().map(|w| w.1).sum();
        if total == 0 {
            continue;
        }
        let mut ways = Vec::new();
        for &(flow_id, seen) in &choice.ways {
            let probability = seen as f64 / total as f64;
            if let Some(flow) = out.flows.iter_mut().find(|f| f.id == flow_id) {
                // The log carries no instance data: the chances seen decide, not conditions.
                flow.probability = Some(probability);
                flow.condition = None;
                flow.default = false;
                let way = match flow.label.is_empty() {
                    true => names.text(flow.target),
                    false => flow.label.clone(),
                };
                ways.push(FittedWay {
                    way,
                    probability,
                    seen,
                });
            }
        }
        fitted_branches.push(FittedBranch {
            gateway: names.text(choice.gateway),
            ways,
        });
    }

    let missing = gaps(&out);
    if !missing.gaps.is_empty() {
        out = apply(&out, &missing.defaults).0;
    }
    let calibration = Calibration {
        process: process.info.name.clone(),
        version,
        observed_cases: measured.cycles.len() as u64,
        simulated_cases: 0,
        arrivals_per_hour: per_hour,
        lifecycle: measured.lifecycle,
        steps: fitted_steps,
        branches: fitted_branches,
        roles,
        cycle_time: Vec::new(),
        ks: 0.0,
        ks_critical: 0.0,
    };
    Ok((out, calibration))
}

/// Fits `process` to `log` (mapped as `saved` says), runs the batch (`seed`, `options.start`), and compares cycle times.
pub fn calibrate(
    process: &Process,
    version: u32,
    log: &EventLog,
    saved: &SavedMapping,
    options: &BatchOptions,
    control: Control,
) -> Result<Calibration, CalibrateError> {
    let steps = performance::steps_mapped(process, log, saved);
    let measured = performance::measure(log, &steps);
    let (calibrated, mut calibration) = fitted(process, version, log, &steps, &measured)?;
    let simulated_cycles =
        replicated_cycles(&calibrated, calibration.observed_cases, options, control)?;
    let mut observed: Vec<f64> = measured
        .cycles
        .iter()
        .map(|&ms| ms as f64 / MS_PER_HOUR)
        .collect();
    let mut simulated: Vec<f64> = simulated_cycles.iter().map(|m| m / 60.0).collect();
    observed.sort_by(f64::total_cmp);
    simulated.sort_by(f64::total_cmp);
    calibration.simulated_cases = simulated.len() as u64;
    calibration.cycle_time = QUANTILES
        .iter()
        .map(|&(name, q)| QuantileRow {
            quantile: name.to_string(),
            observed_hours: quantile(&observed, q),
            simulated_hours: quantile(&simulated, q),
        })
        .collect();
    calibration.ks = two_sample_ks(&observed, &simulated);
    let (n, m) = (observed.len() as f64, simulated.len() as f64);
    calibration.ks_critical = match n > 0.0 && m > 0.0 {
        true => 1.358 * ((n + m) / (n * m)).sqrt(),
        false => 1.0,
    };
    Ok(calibration)
}

/// Each role's working hours, read off when its work started and completed; none without
/// start events (then durations hold the waits, and pools and hours would count them twice).
fn role_hours(
    steps: &performance::Steps,
    measured: &performance::Measured,
) -> BTreeMap<String, Calendar> {
    if !measured.lifecycle {
        return BTreeMap::new();
    }
    let mut spans: BTreeMap<&str, Vec<(i64, i64)>> = BTreeMap::new();
    for e in &measured.executions {
        let step = &steps.steps[e.step];
        if let (Some(start), Some(_)) = (e.started, step.node) {
            spans
                .entry(&step.role)
                .or_default()
                .push((start, e.completed));
        }
    }
    spans
        .into_iter()
        .filter_map(|(role, spans)| Some((role.to_string(), working_hours(&spans)?)))
        .collect()
}

/// Cycle times (minutes) of runs of `cases` instances each, the log's size, started empty as the
/// log's window did (one long run would reach a queue the log never saw), seeds counting up
/// from `options.seed` until `MIN_INSTANCES` are pooled.
fn replicated_cycles(
    process: &Process,
    cases: u64,
    options: &BatchOptions,
    control: Control,
) -> Result<Vec<f64>, BatchError> {
    let cases = cases.max(1);
    let runs = MIN_INSTANCES.div_ceil(cases);
    let Control {
        cancel,
        mut progress,
    } = control;
    let mut cycles = Vec::new();
    for run in 0..runs {
        let mut options = options.clone();
        options.seed = options.seed.wrapping_add(run);
        options.stop = StopAt::Instances(cases);
        let mut report = |p: BatchProgress| {
            if let Some(outer) = progress.as_mut() {
                outer(BatchProgress {
                    fraction: (run as f64 + p.fraction) / runs as f64,
                    instances_done: run * cases + p.instances_done,
                    events: p.events,
                });
            }
        };
        let control = Control {
            cancel,
            progress: Some(&mut report),
        };
        let (_, trace) = simulate_traced(process, &options, control)?;
        // As a log records a case: from its first event to its last (it holds no arrival, so
        // the wait for the first free hand is not in it).
        let mut spans: BTreeMap<u64, (f64, f64)> = BTreeMap::new();
        for t in &trace.tasks {
            let span = spans.entry(t.case).or_insert((t.started, t.done));
            *span = (span.0.min(t.started), span.1.max(t.done));
        }
        cycles.extend(spans.values().map(|(first, last)| last - first));
    }
    Ok(cycles)
}
