//! Replies of the simulation commands: an instance with what can happen next, and a replayed
//! scenario with how the newest version would differ. The runs themselves stay here, in
//! `Runs`; the window names a run and a step and sends actions.

use flowlane::simulate::{self, Action, Divergence, Instance, RunId, Runs, Scenario};
use flowlane::store::Library;
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;

/// One state of a run and the actions enabled in it, for showing; the shell keeps the states,
/// so stepping back is showing one the window already has.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SimulationStep {
    pub instance: Instance,
    pub enabled: Vec<Action>,
    /// What a person reads for each element of the run's definition and of the processes its
    /// calls run.
    pub names: flowlane::describe::Names,
}

impl From<Instance> for SimulationStep {
    fn from(instance: Instance) -> Self {
        let enabled = simulate::enabled(&instance);
        let names = instance.names();
        SimulationStep {
            instance,
            enabled,
            names,
        }
    }
}

/// A run kept by the shell and its first state.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct StartedRun {
    pub run: RunId,
    pub first: SimulationStep,
}

impl StartedRun {
    pub fn begin(runs: &mut Runs, first: Instance) -> StartedRun {
        StartedRun {
            run: runs.begin(vec![first.clone()]),
            first: first.into(),
        }
    }
}

/// How many step-by-step runs the shell keeps; starting one more closes the oldest.
pub const LIVE_RUNS: usize = 8;

/// A recorded run replayed on its own version, every state with the actions enabled in it, and
/// where the process's newest version would first go another way.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ScenarioReplay {
    /// The replay kept as a run, so the window can fire from any of its steps.
    pub run: RunId,
    pub scenario: Scenario,
    pub steps: Vec<SimulationStep>,
    /// Set when the recording cannot be replayed on its own version.
    pub divergence: Option<Divergence>,
    /// The newest version, when it is newer than the recording's.
    pub newest_version: Option<u32>,
    /// Where the newest version first differs; none when it follows the same path.
    pub newest_divergence: Option<Divergence>,
}

impl ScenarioReplay {
    pub fn of(
        library: &Library,
        runs: &mut Runs,
        name: &str,
    ) -> Result<ScenarioReplay, CommandError> {
        let scenario = library.load_scenario(name)?;
        let (_, recorded) = library.load(scenario.process, Some(scenario.version))?;
        let (latest, newest) = library.load(scenario.process, None)?;
        let replayed = simulate::replay(&scenario, recorded.clone(), library)?;
        let newer = latest.number > scenario.version;
        let newest_divergence = match newer {
            true => simulate::compare(&scenario, recorded, newest, library)?,
            false => None,
        };
        Ok(ScenarioReplay {
            run: runs.begin(replayed.states.clone()),
            steps: replayed
                .states
                .into_iter()
                .map(SimulationStep::from)
                .collect(),
            divergence: replayed.divergence,
            newest_version: newer.then_some(latest.number),
            newest_divergence,
            scenario,
        })
    }
}
