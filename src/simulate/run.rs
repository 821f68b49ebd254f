//! Running an instance without a user: every step the engine decides is fired, and gateways that
//! ask are answered from a table of choices.

use std::collections::BTreeMap;

use super::engine::{enabled, fire};
use super::event_sub::waits_for_the_trainer;
use super::instance::{Action, Instance, Status};
use super::reach::{outgoing, stuck_reasons};
use crate::describe::Names;
use crate::model::{GatewayKind, Id, NodeKind};

/// An automatic run: the last instance, the actions fired and why it stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub instance: Instance,
    pub fired: Vec<Action>,
    pub stop: Stop,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    Ended,
    Stuck(Vec<String>),
    /// A gateway's conditions do not decide and the table has no choice for it.
    NeedsChoice {
        gateway: Id,
        offered: Vec<Action>,
    },
    /// A loop the data never leaves, most likely.
    StepLimit(u32),
    Failed(String),
}

impl Stop {
    /// One line for a person.
    pub fn explain(&self, instance: &Instance) -> String {
        match self {
            Stop::Ended => match &instance.status {
                Status::Ended { outcome, .. } if !outcome.is_empty() => {
                    format!("ended: {outcome}")
                }
                _ => "ended".into(),
            },
            Stop::Stuck(reasons) => format!("stuck: {}", reasons.join("; ")),
            Stop::NeedsChoice { gateway, offered } => {
                // The gateway may sit in a called process.
                let process = std::iter::once(&instance.definition)
                    .chain(instance.called.iter().map(|c| &c.definition))
                    .find(|p| p.node(*gateway).is_some())
                    .unwrap_or(&instance.definition);
                let names = Names::of(process);
                let name = names.phrase(*gateway);
                let ways: Vec<String> = outgoing(process, *gateway)
                    .iter()
                    .map(|f| names.way(f))
                    .collect();
                let why = offered
                    .first()
                    .map(|a| super::decide::summary(&a.evaluations))
                    .filter(|s| !s.is_empty())
                    .map_or(String::new(), |s| format!(" ({s})"));
                let inclusive = process.node(*gateway).is_some_and(|n| {
                    matches!(
                        n.kind,
                        NodeKind::Gateway {
                            gateway: GatewayKind::Inclusive | GatewayKind::Complex,
                            ..
                        }
                    )
                });
                let how_many = if inclusive { "one or more" } else { "one" };
                format!(
                    "waiting for a choice at {name}{why}: choose {how_many} of {}",
                    ways.join(", ")
                )
            }
            Stop::StepLimit(limit) => {
                format!("stopped after {limit} steps: a loop the data never leaves?")
            }
            Stop::Failed(message) => format!("failed: {message}"),
        }
    }
}

/// Fires the earliest enabled action until the instance ends, gets stuck, needs a choice
/// `choices` (gateway → the ways out to take) does not give, or `limit` steps have run. No
/// message or signal from outside starts an event sub-process: that is the trainer's to do.
pub fn run(instance: Instance, choices: &BTreeMap<Id, Vec<Id>>, limit: u32) -> Run {
    let mut current = instance;
    let mut fired = Vec::new();
    loop {
        match &current.status {
            Status::Ended { .. } => return finish(current, fired, Stop::Ended),
            Status::Stuck { reasons } => {
                let stop = Stop::Stuck(reasons.clone());
                return finish(current, fired, stop);
            }
            Status::Running => {}
        }
        if fired.len() >= limit as usize {
            return finish(current, fired, Stop::StepLimit(limit));
        }
        let offered: Vec<Action> = enabled(&current)
            .into_iter()
            .filter(|a| !waits_for_the_trainer(&current, a))
            .collect();
        if offered.is_empty() {
            let stop = Stop::Stuck(stuck_reasons(&current));
            return finish(current, fired, stop);
        }
        let next = offered.iter().find_map(|a| match choices.get(&a.node) {
            _ if a.take.is_empty() => Some(a.clone()),
            Some(ways) if a.take.iter().any(|w| ways.contains(w)) => Some(Action {
                take: ways.clone(),
                ..a.clone()
            }),
            _ => None,
        });
        let Some(action) = next else {
            let gateway = offered.first().map_or(current.definition.id, |a| a.node);
            let asked = offered.into_iter().filter(|a| a.node == gateway).collect();
            let stop = Stop::NeedsChoice {
                gateway,
                offered: asked,
            };
            return finish(current, fired, stop);
        };
        let before = current.clone();
        match fire(current, action.clone()) {
            Ok(next) => {
                current = next;
                fired.push(action);
            }
            Err(err) => return finish(before, fired, Stop::Failed(err.to_string())),
        }
    }
}

fn finish(instance: Instance, fired: Vec<Action>, stop: Stop) -> Run {
    Run {
        instance,
        fired,
        stop,
    }
}
