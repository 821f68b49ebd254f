//! The sample processes that ship with Flowlane, as canonical JSON under `samples/`, in the order
//! their versions are saved into a new library, their trainer scenarios (`samples/scenarios/`),
//! and each process's event log, made when a library gets the samples (`log`).

use chrono::{DateTime, Utc};

use crate::canonical;
use crate::generate::log::{synthetic_log, LogSpec, SyntheticLog, SyntheticLogError};
use crate::model::{Id, Process};
use crate::simulate::batch::{parameterised, ParameterSet};
use crate::simulate::Scenario;
use crate::store::{Library, StoreError};

/// Author recorded for the sample versions.
pub const AUTHOR: &str = "Flowlane samples";

/// (file name, contents, version message), oldest first per process.
pub const FILES: [(&str, &str, &str); 4] = [
    (
        "employee-onboarding.json",
        include_str!("../samples/employee-onboarding.json"),
        "Initial design",
    ),
    (
        "accounts-payable.v1.json",
        include_str!("../samples/accounts-payable.v1.json"),
        "Initial design",
    ),
    (
        "accounts-payable.v2.json",
        include_str!("../samples/accounts-payable.v2.json"),
        "Add CFO approval tier for invoices over 10,000",
    ),
    (
        "contract-review.json",
        include_str!("../samples/contract-review.json"),
        "Initial design",
    ),
];

/// The trainer scenarios that ship with the samples: at least one per sample process, and one
/// for each BPMN event a sample has (a boundary timer, an event-based race, an error boundary).
pub const SCENARIOS: [(&str, &str); 7] = [
    (
        "new-hire-in-engineering.json",
        include_str!("../samples/scenarios/new-hire-in-engineering.json"),
    ),
    (
        "laptop-back-ordered-escalated-to-the-it-manager.json",
        include_str!("../samples/scenarios/laptop-back-ordered-escalated-to-the-it-manager.json"),
    ),
    (
        "invoice-of-12500-eur-needs-cfo-approval.json",
        include_str!("../samples/scenarios/invoice-of-12500-eur-needs-cfo-approval.json"),
    ),
    (
        "corrected-invoice-arrives-after-a-mismatch.json",
        include_str!("../samples/scenarios/corrected-invoice-arrives-after-a-mismatch.json"),
    ),
    (
        "vendor-never-sends-a-corrected-invoice.json",
        include_str!("../samples/scenarios/vendor-never-sends-a-corrected-invoice.json"),
    ),
    (
        "contract-sent-back-for-revision-once.json",
        include_str!("../samples/scenarios/contract-sent-back-for-revision-once.json"),
    ),
    (
        "contract-found-void-in-legal-review.json",
        include_str!("../samples/scenarios/contract-found-void-in-legal-review.json"),
    ),
];

/// What-if parameters for the sample processes (`samples/simulation/`), kept apart from the
/// definitions so the samples' bytes and hashes stay as they are; matched by the set's process id.
pub const PARAMETERS: [(&str, &str); 3] = [
    (
        "accounts-payable.json",
        include_str!("../samples/simulation/accounts-payable.json"),
    ),
    (
        "contract-review.json",
        include_str!("../samples/simulation/contract-review.json"),
    ),
    (
        "employee-onboarding.json",
        include_str!("../samples/simulation/employee-onboarding.json"),
    ),
];

/// The shipped parameter set for sample process `process`, with its file name.
pub fn parameters(process: Id) -> Option<(&'static str, ParameterSet)> {
    PARAMETERS.iter().find_map(|(name, text)| {
        let set: ParameterSet = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("sample parameters {name} are invalid: {e}"));
        (set.process == Some(process)).then_some((*name, set))
    })
}

/// Every sample scenario, parsed.
pub fn scenarios() -> Vec<Scenario> {
    SCENARIOS
        .iter()
        .map(|(name, text)| {
            serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("sample scenario {name} is invalid: {e}"))
        })
        .collect()
}

/// Every sample version with its message, parsed.
pub fn versions() -> Vec<(Process, &'static str)> {
    FILES
        .iter()
        .map(|(name, text, message)| {
            let process =
                canonical::parse(text).unwrap_or_else(|e| panic!("sample {name} is invalid: {e}"));
            (process, *message)
        })
        .collect()
}

/// Cases in each sample's log: enough for every injected deviation to show in several cases.
pub const LOG_CASES: u64 = 300;
/// The seed of the samples' logs.
pub const LOG_SEED: u64 = 1;
/// What each sample's log is stored as.
pub const LOG_NAME: &str = "Synthetic log (simulated, with deviations)";

/// When the samples' logs begin: Monday 2026-01-05 00:00 UTC.
pub fn log_start() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_571_200, 0).unwrap_or_default()
}

/// The log shipped with a sample version: its batch simulation under the sample's parameters
/// (`LOG_CASES` cases, `LOG_SEED`) with deviations injected. Made, not kept in the repository,
/// so it always follows the sample and the simulator.
pub fn log(process: &Process) -> Result<SyntheticLog, SyntheticLogError> {
    let spec = LogSpec {
        cases: LOG_CASES,
        seed: LOG_SEED,
        start: log_start(),
        clean: false,
    };
    synthetic_log(&parameterised(process, None).process, &spec)
}

impl Library {
    /// Saves every sample version and scenario, and each sample process's log (of its latest
    /// version), stamped `at`.
    pub fn add_samples(&mut self, at: DateTime<Utc>) -> Result<(), StoreError> {
        let versions = versions();
        for (process, message) in &versions {
            self.save_version(process, AUTHOR, message, at)?;
        }
        for scenario in scenarios() {
            self.save_scenario(&scenario, AUTHOR, at)?;
        }
        // The latest version of each process is the last of its files.
        let latest = versions
            .iter()
            .enumerate()
            .filter(|(i, (p, _))| !versions[i + 1..].iter().any(|(q, _)| q.id == p.id))
            .map(|(_, (p, _))| p);
        for process in latest {
            let made = log(process).unwrap_or_else(|e| {
                panic!(
                    "the log of sample \"{}\" cannot be made: {e}",
                    process.info.name
                )
            });
            self.store_log(process.id, LOG_NAME, &made.log, AUTHOR, at)?;
        }
        Ok(())
    }
}
