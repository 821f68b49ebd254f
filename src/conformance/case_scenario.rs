//! One case of a log as a trainer scenario: the steps, ways out and events the design needs to
//! do what the case did, found by walking the step simulator along the case's activities (as
//! the mapping matches them to steps). The scenario replays in the step simulator like a
//! recorded one; where the design cannot follow the case, it stops and says so.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Map;
use ts_rs::TS;

use super::mapping::{self, SavedMapping};
use super::net;
use crate::eventlog::{EventLog, Lifecycle};
use crate::model::{Duration, Id, Process};
use crate::simulate::{
    describe, enabled, fire, start, Action, Instance, Resolver, Scenario, ScenarioStep, SimError,
    Status,
};

/// A case turned into a scenario, and where it leaves the design.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseScenario {
    /// Every action up to the case's end, or up to where the design stops following it.
    pub scenario: Scenario,
    /// The case's activities (its complete events), in order.
    pub activities: Vec<String>,
    /// Where the design cannot follow the case; none when the case runs to an end of the design.
    #[ts(optional)]
    pub departure: Option<Departure>,
}

/// The first activity of a case the design cannot follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Departure {
    /// The case's activity (counting from 1) the design cannot do next; one past the last when
    /// the case ends before the design does.
    pub activity_number: usize,
    /// That activity; none when the case ended there.
    #[ts(optional)]
    pub activity: Option<String>,
    /// What the design offers instead (steps, decisions, events).
    pub offered: Vec<String>,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CaseScenarioError {
    #[error("the log has no case \"{0}\"")]
    UnknownCase(String),
    #[error(transparent)]
    Simulation(#[from] SimError),
}

/// Search states looked at before the deepest found is taken: enough for the interleavings
/// of a few parallel branches, short of a hang on a huge design.
const MOST_STATES: usize = 50_000;

/// Turns case `case` of `log` into a scenario on `process` (version `version`).
pub fn scenario_of_case(
    process: &Process,
    version: u32,
    log: &EventLog,
    case: &str,
    resolver: &dyn Resolver,
) -> Result<CaseScenario, CaseScenarioError> {
    scenario_of_case_mapped(process, version, log, case, resolver, &SavedMapping::new())
}

/// `scenario_of_case`, with the activities mapped to steps as the user saved it first.
pub fn scenario_of_case_mapped(
    process: &Process,
    version: u32,
    log: &EventLog,
    case: &str,
    resolver: &dyn Resolver,
    saved: &SavedMapping,
) -> Result<CaseScenario, CaseScenarioError> {
    let found = log
        .cases
        .iter()
        .find(|c| c.id == case)
        .ok_or_else(|| CaseScenarioError::UnknownCase(case.to_string()))?;
    let net = net::build(process);
    let label_of = mapping::map_saved(&log.activities, &net.labels, saved).label_of;
    let step_label: std::collections::HashMap<Id, u32> = net
        .transitions
        .iter()
        .filter_map(|t| t.label.map(|l| (t.node, l)))
        .collect();
    // Each activity done: its label, name, how long its work took (start to complete), time and
    // who did it.
    let mut open: Vec<(u32, i64)> = Vec::new();
    let mut done: Vec<Done> = Vec::new();
    for event in &found.events {
        match event.lifecycle {
            Lifecycle::Start => open.extend(event.time.map(|t| (event.activity, t))),
            Lifecycle::Other => {}
            Lifecycle::Complete => {
                let began = open
                    .iter()
                    .position(|(a, _)| *a == event.activity)
                    .map(|i| open.remove(i).1);
                let took = match (began, event.time) {
                    (Some(b), Some(t)) if t >= b => {
                        Some(Duration::minutes(((t - b) / 60_000).max(0) as u64))
                    }
                    _ => None,
                };
                done.push(Done {
                    label: label_of[event.activity as usize],
                    name: log.activities[event.activity as usize].clone(),
                    took,
                    at: event.time,
                    by: event
                        .resource
                        .and_then(|r| log.resources.get(r as usize))
                        .cloned(),
                });
            }
        }
    }
    let first = found.events.iter().find_map(|e| e.time);
    let start_at = first
        .and_then(DateTime::<Utc>::from_timestamp_millis)
        .unwrap_or_default();
    let initial = start(process.clone(), Map::new(), start_at, resolver)?;
    let walk = Walk {
        step_label: &step_label,
        done: &done,
    };
    let (steps, departure) = walk.search(initial);
    let scenario = Scenario {
        name: format!("Case {case} from the log"),
        process: process.id,
        version,
        data: Map::new(),
        start: start_at,
        steps,
    };
    Ok(CaseScenario {
        scenario,
        activities: done.into_iter().map(|d| d.name).collect(),
        departure,
    })
}

struct Done {
    label: Option<u32>,
    name: String,
    took: Option<Duration>,
    at: Option<i64>,
    by: Option<String>,
}

struct Walk<'a> {
    step_label: &'a std::collections::HashMap<Id, u32>,
    done: &'a [Done],
}

/// A state of the search: the instance, how many of the case's activities it has done, and the
/// actions that led there.
struct State {
    instance: Instance,
    at: usize,
    steps: Vec<ScenarioStep>,
}

impl Walk<'_> {
    /// Depth first through what the design offers, doing the case's next activity where a step
    /// is offered and any decision or event that leads on; the first run to an end that does
    /// every activity wins, else the state that did the most of them.
    fn search(&self, initial: Instance) -> (Vec<ScenarioStep>, Option<Departure>) {
        let mut seen: HashSet<(usize, Vec<Id>, Vec<Id>)> = HashSet::new();
        let mut stack = vec![State {
            instance: initial,
            at: 0,
            steps: Vec::new(),
        }];
        let mut deepest: Option<State> = None;
        let mut looked = 0;
        while let Some(state) = stack.pop() {
            looked += 1;
            let ended = matches!(state.instance.status, Status::Ended { .. });
            if ended && state.at == self.done.len() {
                return (state.steps, None);
            }
            if deepest.as_ref().is_none_or(|d| state.at > d.at) {
                deepest = Some(State {
                    instance: state.instance.clone(),
                    at: state.at,
                    steps: state.steps.clone(),
                });
            }
            if looked >= MOST_STATES {
                break;
            }
            let mut tokens: Vec<Id> = state.instance.tokens.iter().map(|t| t.flow).collect();
            tokens.sort_unstable();
            let mut active: Vec<Id> = state.instance.active.iter().map(|a| a.node).collect();
            active.sort_unstable();
            if !seen.insert((state.at, tokens, active)) {
                continue;
            }
            // Pushed in reverse, so the case's own next step is tried first.
            let mut next: Vec<(bool, Action)> = Vec::new();
            for mut action in enabled(&state.instance) {
                let label = match action.path.is_empty() {
                    true => self.step_label.get(&action.node).copied(),
                    false => None,
                };
                match label {
                    None => next.push((false, action)),
                    Some(l) => {
                        let Some(done) = self.done.get(state.at) else {
                            continue;
                        };
                        if done.label == Some(l) && action.take.is_empty() {
                            action.took = done.took;
                            next.push((true, action));
                        }
                    }
                }
            }
            next.sort_by_key(|(is_step, _)| !*is_step);
            for (is_step, action) in next.into_iter().rev() {
                let note = match is_step {
                    true => self.note(state.at),
                    false => String::new(),
                };
                let Ok(instance) = fire(state.instance.clone(), action.clone()) else {
                    continue;
                };
                let mut steps = state.steps.clone();
                steps.push(ScenarioStep { action, note });
                stack.push(State {
                    instance,
                    at: state.at + usize::from(is_step),
                    steps,
                });
            }
        }
        let Some(deepest) = deepest else {
            return (Vec::new(), None);
        };
        let departure = self.departure(&deepest);
        (deepest.steps, Some(departure))
    }

    /// What the log says of the case's activity `at`: `done 2026-01-05 10:12 by AP clerk 2`.
    fn note(&self, at: usize) -> String {
        let done = &self.done[at];
        let when = done
            .at
            .and_then(DateTime::<Utc>::from_timestamp_millis)
            .map(|t| format!(" {}", t.format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        let by = done
            .by
            .as_deref()
            .map(|b| format!(" by {b}"))
            .unwrap_or_default();
        format!("In the log: \"{}\" done{when}{by}.", done.name)
    }

    /// The steps the design offers from `instance` once its decisions and events are taken
    /// (each way out tried), by name; what it offers at once when no step is reached.
    fn steps_ahead(&self, instance: &Instance) -> Vec<String> {
        let mut steps: Vec<String> = Vec::new();
        let mut stack = vec![instance.clone()];
        let mut seen: HashSet<Vec<Id>> = HashSet::new();
        while let Some(current) = stack.pop() {
            let mut tokens: Vec<Id> = current.tokens.iter().map(|t| t.flow).collect();
            tokens.sort_unstable();
            if seen.len() >= MOST_STATES / 10 || !seen.insert(tokens) {
                continue;
            }
            for action in enabled(&current) {
                let step = action.path.is_empty() && self.step_label.contains_key(&action.node);
                if step {
                    let name = describe(&current, &action);
                    if !steps.contains(&name) {
                        steps.push(name);
                    }
                } else if let Ok(next) = fire(current.clone(), action) {
                    stack.push(next);
                }
            }
        }
        if steps.is_empty() {
            return enabled(instance)
                .iter()
                .map(|a| describe(instance, a))
                .collect();
        }
        steps
    }

    fn departure(&self, state: &State) -> Departure {
        let offered = self.steps_ahead(&state.instance);
        let instead = match offered.is_empty() {
            true => "the design offers nothing more".to_string(),
            false => format!("the design offers {}", offered.join(", ")),
        };
        let (activity, message) = match self.done.get(state.at) {
            Some(done) => (
                Some(done.name.clone()),
                match done.label {
                    None => format!(
                        "the case does \"{}\", which the design does not have; {instead}",
                        done.name
                    ),
                    Some(_) => format!(
                        "the case does \"{}\" next, where the design cannot; {instead}",
                        done.name
                    ),
                },
            ),
            None => (
                None,
                format!("the case ends before the design does; {instead}"),
            ),
        };
        Departure {
            activity_number: state.at + 1,
            activity,
            offered,
            message,
        }
    }
}
