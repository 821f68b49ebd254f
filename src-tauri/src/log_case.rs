//! A real case of a stored event log opened in the step simulator: the scenario the case
//! implies, replayed and kept as a run the window steps through like a recorded one.

use flowlane::conformance::{scenario_of_case_mapped, CaseScenarioError, Departure};
use flowlane::model::Id;
use flowlane::simulate::{self, RunId, Runs, Scenario};
use flowlane::store::Library;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::simulation::SimulationStep;
use crate::state::AppState;

#[derive(Serialize, TS)]
#[ts(export)]
pub struct LogCaseReplay {
    /// The replay kept as a run, so the window can fire from any of its steps.
    pub run: RunId,
    /// What the case did as a scenario; saving it keeps it with the process's scenarios.
    pub scenario: Scenario,
    pub steps: Vec<SimulationStep>,
    /// The case's activities, in order.
    pub activities: Vec<String>,
    /// Where the design cannot follow the case; none when it runs to an end.
    pub departure: Option<Departure>,
}

impl LogCaseReplay {
    pub fn of(
        library: &Library,
        runs: &mut Runs,
        process: Id,
        version: Option<u32>,
        log: u32,
        case: &str,
    ) -> Result<LogCaseReplay, CommandError> {
        let (info, definition) = library.load(process, version)?;
        let (_, events) = library.load_log(process, log)?;
        let mapping = library.activity_mapping(process)?;
        let found =
            scenario_of_case_mapped(&definition, info.number, &events, case, library, &mapping)
                .map_err(|e| match e {
                    CaseScenarioError::Simulation(err) => CommandError::from(err),
                    other => CommandError::new("log_case", other.to_string()),
                })?;
        let replayed = simulate::replay(&found.scenario, definition, library)?;
        Ok(LogCaseReplay {
            run: runs.begin(replayed.states.clone()),
            steps: replayed
                .states
                .into_iter()
                .map(SimulationStep::from)
                .collect(),
            scenario: found.scenario,
            activities: found.activities,
            departure: found.departure,
        })
    }
}

/// Case `case` of the process's stored log `log` in the step simulator (on `version`, else
/// the latest).
#[tauri::command]
pub fn replay_log_case(
    state: State<AppState>,
    id: Id,
    log: u32,
    case: String,
    version: Option<u32>,
) -> Result<LogCaseReplay, CommandError> {
    LogCaseReplay::of(
        &*state.library()?,
        &mut state.runs(),
        id,
        version,
        log,
        &case,
    )
}
