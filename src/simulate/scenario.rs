//! Trainer scenarios: a recorded run (initial data, start time, every action with a note) that
//! replays step by step, and the first step where a newer version would go another way.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use super::engine::{enabled, fire, start};
use super::instance::{Action, Instance};
use super::log_words::describe;
use super::{Resolver, SimError};
use crate::model::{Id, Process};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Scenario {
    pub name: String,
    pub process: Id,
    /// The version the run was recorded on.
    pub version: u32,
    #[ts(type = "Record<string, unknown>")]
    pub data: Map<String, Json>,
    pub start: DateTime<Utc>,
    /// Every action fired, in order, each with the trainer's note.
    pub steps: Vec<ScenarioStep>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ScenarioStep {
    pub action: Action,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub note: String,
}

/// Every state of a replay: `states[0]` is the start, `states[i]` the state after step `i`.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Replay {
    pub states: Vec<Instance>,
    /// Set when a step could not be replayed; the states stop before it.
    pub divergence: Option<Divergence>,
}

/// The first step (counting from 1) where a definition does not follow the recorded run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Divergence {
    pub step: usize,
    /// What the recording did at that step.
    pub recorded: String,
    /// What this definition does or offers instead.
    pub found: String,
}

/// Replays `scenario` on `definition` (the recorded version or another one).
pub fn replay(
    scenario: &Scenario,
    definition: Process,
    resolver: &dyn Resolver,
) -> Result<Replay, SimError> {
    let mut states = vec![start(
        definition,
        scenario.data.clone(),
        scenario.start,
        resolver,
    )?];
    for (index, step) in scenario.steps.iter().enumerate() {
        let Some(current) = states.last() else {
            break;
        };
        let offered = enabled(current);
        let recorded = describe(current, &step.action);
        if !step.action.is_offered(&offered) {
            let divergence = Divergence {
                step: index + 1,
                recorded,
                found: offered_text(current, &offered),
            };
            return Ok(Replay {
                states,
                divergence: Some(divergence),
            });
        }
        match fire(current.clone(), step.action.clone()) {
            Ok(next) => states.push(next),
            Err(err) => {
                let divergence = Divergence {
                    step: index + 1,
                    recorded,
                    found: err.to_string(),
                };
                return Ok(Replay {
                    states,
                    divergence: Some(divergence),
                });
            }
        }
    }
    Ok(Replay {
        states,
        divergence: None,
    })
}

/// Replays `scenario` on the recorded definition and on `newer`, and reports the first step where
/// the newer one goes another way: a recorded action it does not offer, a token that lands on
/// another flow, or a run that goes on after the recorded one ended.
pub fn compare(
    scenario: &Scenario,
    recorded: Process,
    newer: Process,
    resolver: &dyn Resolver,
) -> Result<Option<Divergence>, SimError> {
    let old = replay(scenario, recorded, resolver)?;
    let new = replay(scenario, newer, resolver)?;
    for (index, (before, after)) in old.states.iter().zip(&new.states).enumerate().skip(1) {
        if token_flows(before) != token_flows(after) {
            return Ok(Some(Divergence {
                step: index,
                recorded: events(before, index),
                found: events(after, index),
            }));
        }
    }
    if let Some(mut divergence) = new.divergence {
        // The newer definition may no longer have the recorded step: name it as the recording did.
        let at = divergence.step - 1;
        if let (Some(state), Some(step)) = (old.states.get(at), scenario.steps.get(at)) {
            divergence.recorded = describe(state, &step.action);
        }
        return Ok(Some(divergence));
    }
    let Some(last) = new.states.last() else {
        return Ok(None);
    };
    let offered = enabled(last);
    if offered.is_empty() {
        return Ok(None);
    }
    Ok(Some(Divergence {
        step: new.states.len(),
        recorded: "the recorded run ends here".into(),
        found: offered_text(last, &offered),
    }))
}

fn token_flows(instance: &Instance) -> Vec<Id> {
    let mut flows: Vec<Id> = instance.tokens.iter().map(|t| t.flow).collect();
    flows.sort();
    flows
}

fn events(instance: &Instance, step: usize) -> String {
    instance
        .log
        .iter()
        .filter(|e| e.step as usize == step)
        .map(|e| format!("\"{}\" {}", e.node_name, e.event))
        .collect::<Vec<_>>()
        .join("; ")
}

fn offered_text(instance: &Instance, offered: &[Action]) -> String {
    if offered.is_empty() {
        return "nothing can fire".into();
    }
    let names: Vec<String> = offered.iter().map(|a| describe(instance, a)).collect();
    format!("offers {}", names.join(", "))
}
