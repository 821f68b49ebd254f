//! The step-by-step runs a shell keeps for its window: every state of each run under a run id,
//! so the window sends only actions and step numbers and can never hand in a state of its own.
//! Bounded: starting a run past `capacity` closes the one started longest ago.

use std::collections::VecDeque;

use super::engine::fire;
use super::instance::{Action, Instance};
use super::SimError;

/// Names one kept run; numbers are never reused within a `Runs`.
pub type RunId = u32;

/// Why a run could not step.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RunError {
    #[error("this simulation was closed; start it again")]
    Closed(RunId),
    #[error("this simulation has no step {step}; it has {count}")]
    NoStep { step: usize, count: usize },
    #[error(transparent)]
    Sim(#[from] SimError),
}

/// The live runs, oldest first.
#[derive(Debug)]
pub struct Runs {
    capacity: usize,
    next: RunId,
    live: VecDeque<(RunId, Vec<Instance>)>,
}

impl Runs {
    /// Keeps at most `capacity` runs (at least one).
    pub fn new(capacity: usize) -> Runs {
        Runs {
            capacity: capacity.max(1),
            next: 1,
            live: VecDeque::new(),
        }
    }

    /// Keeps a new run whose states so far are `states` (a start, or every state of a replayed
    /// scenario) and returns its id; the oldest run is closed when there are too many.
    pub fn begin(&mut self, states: Vec<Instance>) -> RunId {
        let id = self.next;
        self.next = self.next.wrapping_add(1).max(1);
        if self.live.len() >= self.capacity {
            self.live.pop_front();
        }
        self.live.push_back((id, states));
        id
    }

    /// The state after `step` actions of run `id`.
    pub fn state(&self, id: RunId, step: usize) -> Result<&Instance, RunError> {
        let states = self.states(id)?;
        states.get(step).ok_or(RunError::NoStep {
            step,
            count: states.len(),
        })
    }

    /// Fires `action` from the state after `step` actions. The states after `step` are dropped
    /// (firing from an earlier step starts a new future); the new state becomes step `step + 1`.
    /// A refused action leaves the run as it was.
    pub fn fire(&mut self, id: RunId, step: usize, action: Action) -> Result<&Instance, RunError> {
        let from = self.state(id, step)?.clone();
        let next = fire(from, action)?;
        let states = self.states_mut(id)?;
        states.truncate(step + 1);
        states.push(next);
        Ok(&states[step + 1])
    }

    fn states(&self, id: RunId) -> Result<&Vec<Instance>, RunError> {
        self.live
            .iter()
            .find(|(run, _)| *run == id)
            .map(|(_, states)| states)
            .ok_or(RunError::Closed(id))
    }

    fn states_mut(&mut self, id: RunId) -> Result<&mut Vec<Instance>, RunError> {
        self.live
            .iter_mut()
            .find(|(run, _)| *run == id)
            .map(|(_, states)| states)
            .ok_or(RunError::Closed(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::{enabled, no_calls, start};

    /// The start of the first sample scenario's process, with the scenario's data.
    fn first_state() -> Instance {
        let scenario = crate::samples::scenarios().remove(0);
        let (process, _) = crate::samples::versions()
            .into_iter()
            .find(|(p, _)| p.id == scenario.process)
            .expect("the scenario's process is a sample");
        start(process, scenario.data, scenario.start, &no_calls).expect("the sample starts")
    }

    fn only_action(instance: &Instance) -> Action {
        enabled(instance)
            .into_iter()
            .next()
            .expect("an enabled action")
    }

    #[test]
    fn fire_keeps_every_state_and_steps_on() {
        let mut runs = Runs::new(8);
        let id = runs.begin(vec![first_state()]);
        let action = only_action(runs.state(id, 0).unwrap());
        let next = runs.fire(id, 0, action).unwrap().clone();
        assert_eq!(runs.state(id, 1).unwrap(), &next);
        assert_ne!(runs.state(id, 0).unwrap(), &next);
    }

    #[test]
    fn firing_from_an_earlier_step_drops_the_later_states() {
        let mut runs = Runs::new(8);
        let id = runs.begin(vec![first_state()]);
        for step in 0..2 {
            let action = only_action(runs.state(id, step).unwrap());
            runs.fire(id, step, action).unwrap();
        }
        assert!(runs.state(id, 2).is_ok());
        let action = only_action(runs.state(id, 0).unwrap());
        runs.fire(id, 0, action).unwrap();
        assert!(runs.state(id, 1).is_ok());
        assert_eq!(
            runs.state(id, 2),
            Err(RunError::NoStep { step: 2, count: 2 })
        );
    }

    #[test]
    fn a_refused_action_leaves_the_run_as_it_was() {
        let mut runs = Runs::new(8);
        let id = runs.begin(vec![first_state()]);
        let action = only_action(runs.state(id, 0).unwrap());
        runs.fire(id, 0, action.clone()).unwrap();
        let nowhere = Action::at(crate::model::Id::nil());
        assert!(matches!(runs.fire(id, 0, nowhere), Err(RunError::Sim(_))));
        assert!(runs.state(id, 1).is_ok(), "the later state is still there");
        assert_eq!(
            runs.fire(id, 5, action),
            Err(RunError::NoStep { step: 5, count: 2 })
        );
    }

    #[test]
    fn starting_past_the_capacity_closes_the_oldest_run() {
        let mut runs = Runs::new(2);
        let first = runs.begin(vec![first_state()]);
        let second = runs.begin(vec![first_state()]);
        let third = runs.begin(vec![first_state()]);
        assert_eq!(runs.state(first, 0), Err(RunError::Closed(first)));
        assert!(runs.state(second, 0).is_ok());
        assert!(runs.state(third, 0).is_ok());
        assert_eq!(
            RunError::Closed(first).to_string(),
            "this simulation was closed; start it again"
        );
    }

    #[test]
    fn run_ids_are_not_reused() {
        let mut runs = Runs::new(1);
        let ids: Vec<RunId> = (0..4).map(|_| runs.begin(vec![first_state()])).collect();
        assert_eq!(ids, vec![1, 2, 3, 4]);
    }
}
