//! Conformance: how well what a log records follows a version of a process. The version becomes
//! a Petri net (`net`), the log's activities are matched to its steps (`mapping`), and each
//! variant (distinct sequence of activities) is aligned optimally (`align`), replayed with tokens
//! (`replay`) and, for precision, walked prefix by prefix (`precision`).
//!
//! A case of a log also becomes a trainer scenario (`case_scenario`) the step simulator replays.
//!
//! Pure: the caller loads the version and the log.

mod align;
mod bound;
mod case_scenario;
pub mod mapping;
pub mod net;
mod precision;
mod replay;
mod table;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use crate::describe::Names;
use crate::eventlog::{EventLog, LogFigures};
use crate::model::{Id, Process};

pub use align::{align, Alignment, Labelled, Move, TooLarge};
pub use case_scenario::{
    scenario_of_case, scenario_of_case_mapped, CaseScenario, CaseScenarioError, Departure,
};
pub use mapping::{ActivityMapping, MatchedBy, SavedMapping, Unmapped};
pub use replay::Tokens;
pub use table::cases_csv;

/// The most search states one variant's alignment may take.
pub const STATE_LIMIT: usize = 4_000_000;

/// Log-level fitness figures. `log_fitness` sums deviations over the log before dividing
/// (pm4py's alignment `log_fitness` also adds a cost per silent move, so it may differ in the
/// 4th decimal); `average_trace_fitness` and `fitting_percent` are the convention-free ones.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Fitness {
    pub log_fitness: f64,
    pub average_trace_fitness: f64,
    #[ts(type = "number")]
    pub fitting_cases: u64,
    /// Share of cases that fit perfectly, 0–100.
    pub fitting_percent: f64,
}

/// One distinct sequence of activities and how it fits.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct VariantFit {
    pub activities: Vec<String>,
    #[ts(type = "number")]
    pub cases: u64,
    pub alignment_fitness: f64,
    /// Steps the model needed that the log does not have (model moves), by name.
    pub skipped: Vec<String>,
    /// Activities the log has where the model allows none (log moves).
    pub extra: Vec<String>,
    pub replay_fitness: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct CaseFit {
    pub case: String,
    /// Index into `variants`.
    pub variant: u32,
    pub alignment_fitness: f64,
    pub replay_fitness: f64,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeviationKind {
    /// A step of the design the cases did not do.
    Skipped,
    /// An activity done where the design has none.
    Extra,
}

/// A deviation and the cases behind it.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Deviation {
    pub kind: DeviationKind,
    /// The step's name (skipped) or the activity's (extra).
    pub name: String,
    /// The step, for a skipped one.
    #[ts(optional)]
    pub step: Option<Id>,
    /// How often it happened, over all cases.
    #[ts(type = "number")]
    pub count: u64,
    #[ts(type = "number")]
    pub cases: u64,
    /// The variants it happened in.
    pub variants: Vec<u32>,
    /// Where it happened, for an extra activity: after which step of the design, how often.
    pub places: Vec<DeviationPlace>,
}

/// Where extra activities were done: after the step `after` (none: before any step).
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct DeviationPlace {
    #[ts(optional)]
    pub after: Option<Id>,
    #[ts(type = "number")]
    pub count: u64,
}

/// How many cases took a sequence flow on their aligned way through the design.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct FlowCount {
    pub flow: Id,
    #[ts(type = "number")]
    pub cases: u64,
}

/// A log checked against a version of a process.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Conformance {
    pub process: String,
    pub version: u32,
    pub log: LogFigures,
    pub alignments: Fitness,
    pub token_replay: Fitness,
    /// Escaping-edges precision (0–1): how little the model allows that the log never did.
    pub precision: f64,
    pub deviations: Vec<Deviation>,
    /// Flows the aligned cases took, most taken first.
    pub flows: Vec<FlowCount>,
    pub unmapped: Vec<Unmapped>,
    pub variants: Vec<VariantFit>,
    pub cases: Vec<CaseFit>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConformanceError {
    #[error("the process cannot reach its end from its start, so no case can fit it")]
    NoEnd,
    #[error("variant {variant} ({events} events): {source}; the model or the trace is too large for exact alignments")]
    TooLarge {
        variant: usize,
        events: usize,
        source: TooLarge,
    },
}

/// What a check computes besides the report: for benches and tests that time the parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Everything,
    AlignmentsOnly,
    ReplayOnly,
}

pub fn check(
    process: &Process,
    version: u32,
    log: &EventLog,
) -> Result<Conformance, ConformanceError> {
    check_mapped(process, version, log, &SavedMapping::new())
}

/// `check`, with the activities mapped to steps as the user saved it first.
pub fn check_mapped(
    process: &Process,
    version: u32,
    log: &EventLog,
    saved: &SavedMapping,
) -> Result<Conformance, ConformanceError> {
    run(process, version, log, Part::Everything, saved)
}

pub fn check_parts(
    process: &Process,
    version: u32,
    log: &EventLog,
    part: Part,
) -> Result<Conformance, ConformanceError> {
    run(process, version, log, part, &SavedMapping::new())
}

fn run(
    process: &Process,
    version: u32,
    log: &EventLog,
    part: Part,
    saved: &SavedMapping,
) -> Result<Conformance, ConformanceError> {
    let net = net::build(process);
    let labelled = Labelled::of(&net);
    let mapping = mapping::map_saved(&log.activities, &net.labels, saved);
    let names = Names::of(process);
    // Variants in order of first appearance.
    let mut variant_of: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut variants: Vec<(Vec<u32>, u64)> = Vec::new();
    let mut case_variant = Vec::with_capacity(log.cases.len());
    for case in &log.cases {
        let activities: Vec<u32> = case.completed().collect();
        let v = *variant_of.entry(activities.clone()).or_insert_with(|| {
            variants.push((activities, 0));
            variants.len() - 1
        });
        variants[v].1 += 1;
        case_variant.push(v);
    }
    let traces: Vec<Vec<Option<u32>>> = variants
        .iter()
        .map(|(acts, _)| acts.iter().map(|&a| mapping.label_of[a as usize]).collect())
        .collect();

    let aligns = part != Part::ReplayOnly;
    let replays = part != Part::AlignmentsOnly;
    let shortest = match aligns {
        true => {
            let empty = align(&net, &labelled, &[], STATE_LIMIT).map_err(|source| {
                ConformanceError::TooLarge {
                    variant: 0,
                    events: 0,
                    source,
                }
            })?;
            if empty.deviations == u32::MAX {
                return Err(ConformanceError::NoEnd);
            }
            empty.deviations
        }
        false => 0,
    };
    // Variants are aligned on every core: each search is independent and most of the time.
    let alignments: Vec<Alignment> = match aligns {
        true => traces
            .par_iter()
            .enumerate()
            .map(|(v, trace)| {
                align(&net, &labelled, trace, STATE_LIMIT).map_err(|source| {
                    ConformanceError::TooLarge {
                        variant: v,
                        events: trace.len(),
                        source,
                    }
                })
            })
            .collect::<Result<_, _>>()?,
        false => Vec::new(),
    };
    let replayed: Vec<replay::Replayed> = match replays {
        true => {
            let mut replayer = replay::Replayer::new(&net, &labelled.by_label);
            traces.iter().map(|t| replayer.replay(t)).collect()
        }
        false => Vec::new(),
    };

    let alignment_fitness = |v: usize| -> f64 {
        let Some(a) = alignments.get(v) else {
            return 0.0;
        };
        let len = traces[v].len() as u64;
        let deviations = u64::from(a.deviations).min(len + u64::from(shortest));
        let den = len + u64::from(shortest);
        if den == 0 {
            0.0
        } else {
            1.0 - deviations as f64 / den as f64
        }
    };
    let replay_fitness = |v: usize| replayed.get(v).map_or(0.0, |r| r.tokens.fitness());

    let total_cases = log.cases.len() as u64;
    let mut align_sum = (0u64, 0u64, 0.0f64, 0u64);
    let mut replay_sum = (Tokens::default(), 0.0f64, 0u64);
    let mut deviations: BTreeMap<(DeviationKind, String, Option<Id>), Deviation> = BTreeMap::new();
    let mut flows: HashMap<Id, u64> = HashMap::new();
    let mut variant_fits = Vec::with_capacity(variants.len());
    for (v, (acts, cases)) in variants.iter().enumerate() {
        let fitness = alignment_fitness(v);
        let (mut skipped, mut extra) = (Vec::new(), Vec::new());
        if let Some(a) = alignments.get(v) {
            let len = acts.len() as u64;
            align_sum.0 += cases * u64::from(a.deviations).min(len + u64::from(shortest));
            align_sum.1 += cases * (len + u64::from(shortest));
            align_sum.2 += *cases as f64 * fitness;
            if a.deviations == 0 {
                align_sum.3 += cases;
            }
            for flow in flows_taken(&net, &a.moves) {
                *flows.entry(flow).or_default() += cases;
            }
            // The step the case had just done, where an extra activity happens.
            let mut after: Option<Id> = None;
            for step in &a.moves {
                let (kind, name, node) = match *step {
                    Move::Model { transition } => {
                        let node = net.transitions[transition as usize].node;
                        (DeviationKind::Skipped, names.text(node), Some(node))
                    }
                    Move::Log { event } => {
                        let activity = &log.activities[acts[event as usize] as usize];
                        (DeviationKind::Extra, activity.clone(), None)
                    }
                    Move::Sync { transition, .. } => {
                        after = Some(net.transitions[transition as usize].node);
                        continue;
                    }
                    Move::Silent { .. } => continue,
                };
                if kind == DeviationKind::Skipped {
                    after = node;
                }
                match kind {
                    DeviationKind::Skipped => skipped.push(name.clone()),
                    DeviationKind::Extra => extra.push(name.clone()),
                }
                let entry = deviations
                    .entry((kind, name.clone(), node))
                    .or_insert_with(|| Deviation {
                        kind,
                        name,
                        step: node,
                        count: 0,
                        cases: 0,
                        variants: Vec::new(),
                        places: Vec::new(),
                    });
                entry.count += cases;
                if kind == DeviationKind::Extra {
                    match entry.places.iter_mut().find(|p| p.after == after) {
                        Some(place) => place.count += cases,
                        None => entry.places.push(DeviationPlace {
                            after,
                            count: *cases,
                        }),
                    }
                }
                if entry.variants.last() != Some(&(v as u32)) {
                    entry.variants.push(v as u32);
                    entry.cases += cases;
                }
            }
        }
        if let Some(r) = replayed.get(v) {
            for _ in 0..*cases {
                replay_sum.0.add(r.tokens);
            }
            replay_sum.1 += *cases as f64 * r.tokens.fitness();
            if r.fits {
                replay_sum.2 += cases;
            }
        }
        variant_fits.push(VariantFit {
            activities: acts
                .iter()
                .map(|&a| log.activities[a as usize].clone())
                .collect(),
            cases: *cases,
            alignment_fitness: fitness,
            skipped,
            extra,
            replay_fitness: replay_fitness(v),
        });
    }
    let share = |n: u64| {
        if total_cases == 0 {
            0.0
        } else {
            100.0 * n as f64 / total_cases as f64
        }
    };
    let mean = |sum: f64| {
        if total_cases == 0 {
            0.0
        } else {
            sum / total_cases as f64
        }
    };
    let alignments_fitness = Fitness {
        log_fitness: if align_sum.1 == 0 {
            0.0
        } else {
            1.0 - align_sum.0 as f64 / align_sum.1 as f64
        },
        average_trace_fitness: mean(align_sum.2),
        fitting_cases: align_sum.3,
        fitting_percent: share(align_sum.3),
    };
    let token_replay = Fitness {
        log_fitness: replay_sum.0.fitness(),
        average_trace_fitness: mean(replay_sum.1),
        fitting_cases: replay_sum.2,
        fitting_percent: share(replay_sum.2),
    };
    let precision = match replays {
        true => {
            let inputs: Vec<precision::Replayed> = traces
                .iter()
                .zip(&variants)
                .zip(&replayed)
                .map(|((t, (_, cases)), r)| precision::Replayed {
                    trace: t,
                    cases: *cases,
                    before: &r.before,
                })
                .collect();
            precision::precision(&net, &inputs)
        }
        false => 0.0,
    };
    let cases = log
        .cases
        .iter()
        .zip(&case_variant)
        .map(|(case, &v)| CaseFit {
            case: case.id.clone(),
            variant: v as u32,
            alignment_fitness: alignment_fitness(v),
            replay_fitness: replay_fitness(v),
        })
        .collect();
    let mut deviations: Vec<Deviation> = deviations.into_values().collect();
    deviations.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.name.cmp(&b.name)));
    let mut flows: Vec<FlowCount> = flows
        .into_iter()
        .map(|(flow, cases)| FlowCount { flow, cases })
        .collect();
    flows.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.flow.cmp(&b.flow)));
    Ok(Conformance {
        process: process.info.name.clone(),
        version,
        log: log.figures(),
        alignments: alignments_fitness,
        token_replay,
        precision,
        deviations,
        flows,
        unmapped: mapping.unmapped,
        variants: variant_fits,
        cases,
    })
}

/// The flows an alignment's transitions produced on, each once (a loop taken twice is one case).
fn flows_taken(net: &net::Net, moves: &[Move]) -> std::collections::BTreeSet<Id> {
    moves
        .iter()
        .filter_map(|m| match *m {
            Move::Sync { transition, .. }
            | Move::Model { transition }
            | Move::Silent { transition } => Some(&net.transitions[transition as usize].flows_out),
            Move::Log { .. } => None,
        })
        .flatten()
        .copied()
        .collect()
}
