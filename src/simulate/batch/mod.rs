//! Batch ("what-if") simulation: many instances with arrivals, random durations, role pools with
//! working calendars and generated data, on one seeded clock. Tokens move by the step engine's
//! rules (`rules`, `decide`); only time, people and chance are added here.
//!
//! Pure: the start of the run and the seed come in, so the same inputs give the same result to
//! the byte. See `ARCHITECTURE.md` for the event model.

mod arrivals;
mod bottleneck;
mod bpmn;
mod calendar;
mod compare;
mod data;
mod engine;
mod error;
mod event_subs;
mod export;
mod file;
mod gaps;
mod names;
mod net;
mod options;
mod parameters;
mod quantity;
mod result;
mod tally;
mod trace;
mod what_if;

pub use bottleneck::hours;
pub(crate) use calendar::WorkingHours;
pub use compare::{compare, BatchComparison, BatchDelta, RoleDelta, StepDelta};
pub use error::BatchError;
pub use export::to_csv;
pub use file::{run_file, BatchExport};
pub use gaps::{gaps, Gap, Gaps};
pub use names::{read_parameter_set, ParameterFileError};
pub use options::{BatchOptions, BatchProgress, Control, StopAt, MAX_INSTANCES};
pub use parameters::{
    apply, has_parameters, parameterised, ParameterSet, Parameterised, SetSimulation,
    TaskParameters,
};
pub use result::{
    BatchResult, Bottleneck, CostSummary, CycleTime, InstanceCounts, QueueSeries, RoleResult,
    SlaOutcome, StepResult,
};
pub use trace::{simulate_traced, Trace, TracedTask};
pub use what_if::{what_if, BatchRun, BatchSide, Candidate, Labelled, SideError, Versions};

use crate::model::Process;

/// Runs `process` as `options` say; `control` may cancel it and hears its progress.
pub fn simulate(
    process: &Process,
    options: &BatchOptions,
    control: Control,
) -> Result<BatchResult, BatchError> {
    trace::run(process, options, control, false).map(|(result, _)| result)
}
