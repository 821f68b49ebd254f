//! Step-by-step simulation of one instance: tokens carry the instance data through the
//! definition on a simulated clock, gateways decide from conditions (or ask), SLAs are checked
//! and every step is logged. BPMN events and sub-processes follow the rules in `events`: a
//! boundary timer fires when a step of its host would finish after its deadline, the trainer
//! delivers messages and signals (an action's `deliver`, `took` for how long it took), the
//! first event after an event-based gateway to happen wins, errors and escalations reach the
//! boundary of the sub-process that catches their code. While an activity runs, the trainer may
//! deliver the message or signal of a boundary event on it (`boundary`); date and cycle timers
//! fire on the calendar (`schedule`). Event sub-processes start on their trigger while their
//! scope runs, interrupting it or beside it (`event_sub`).
//!
//! Pure: the start time is passed in and nothing is random. Instances are plain values; `fire`
//! returns the next one, so stepping back is keeping the earlier value (the caller keeps the
//! history — `replay` returns every state of a recorded run).

pub mod batch;
mod boundary;
mod call;
mod decide;
mod engine;
mod event_sub;
mod events;
mod instance;
mod log;
mod log_words;
mod reach;
mod run;
mod runs;
mod token_rules;
mod waits;

mod scenario;
mod schedule;

use crate::expr::ExprError;
use crate::model::{Id, Process};

pub use call::MAX_CALL_DEPTH;
pub use engine::{enabled, fire, start};
pub use instance::{
    Action, Active, CalledDefinition, Evaluation, Instance, LogEntry, RunningCall, SlaBreach,
    Status, Token,
};
pub use log::{render_log, LogFormat, RunLog};
pub use log_words::describe;
pub use run::{run, Run, Stop};
pub use runs::{RunError, RunId, Runs};
pub use scenario::{compare, replay, Divergence, Replay, Scenario, ScenarioStep};

/// Fetches the definition a call activity runs: the process and version it names (`None`: the
/// current one). The core does no I/O, so the caller passes this in.
pub trait Resolver {
    fn resolve(&self, process: Id, version: Option<u32>) -> Option<Process>;
}

impl<F: Fn(Id, Option<u32>) -> Option<Process>> Resolver for F {
    fn resolve(&self, process: Id, version: Option<u32>) -> Option<Process> {
        self(process, version)
    }
}

/// A resolver for a process that calls nothing.
pub fn no_calls(_: Id, _: Option<u32>) -> Option<Process> {
    None
}

/// Why a simulation step was refused; each says what to change.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    #[error("\"{process}\" has no start event, so no instance can start")]
    NoStart { process: String },
    #[error("`{name}` is not a declared variable of \"{process}\"; declare it or leave it out")]
    Undeclared { name: String, process: String },
    #[error(transparent)]
    Data(#[from] ExprError),
    #[error("{what} cannot fire: {why}")]
    NotEnabled { what: String, why: String },
    #[error("the definition has no node {0}")]
    UnknownNode(Id),
    #[error("choose one of the ways out of \"{gateway}\"")]
    NotAWayOut { gateway: String },
    #[error("choose at least one way out of \"{gateway}\"; no way chosen takes the token nowhere")]
    NoWayChosen { gateway: String },
    #[error("\"{gateway}\" takes one way out; only an inclusive gateway takes several")]
    OneWayOnly { gateway: String },
    #[error("only a task sets data on completion; \"{node}\" is not a task")]
    SetOutsideTask { node: String },
    #[error("\"{node}\" does not set `{name}`; add it to the step's outputs or leave it out")]
    NotAnOutput { name: String, node: String },
    #[error("\"{node}\" calls process {process}, which is not available")]
    MissingCall { node: String, process: Id },
    #[error("{chain}: these calls would never end; remove the call that leads back")]
    CallCycle { chain: String },
    #[error(
        "calls nest {depth} deep, more than a run follows ({most} at most); call fewer levels"
    )]
    CallsTooDeep { depth: usize, most: usize },
    #[error("\"{node}\" cannot repeat: {why}")]
    Repeat { node: String, why: String },
    #[error("\"{node}\" would loop for ever: its condition still holds after {most} runs; let a step change the data it tests")]
    EndlessLoop { node: String, most: u32 },
    #[error("the simulated clock ran past the year 262143")]
    ClockOverflow,
}
