//! The sample processes that ship with Flowlane, as canonical JSON under `samples/`, in the order
//! their versions are saved into a new library.

use chrono::{DateTime, Utc};

use crate::canonical;
use crate::model::Process;
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

impl Library {
    /// Saves every sample version, stamped `at`.
    pub fn add_samples(&mut self, at: DateTime<Utc>) -> Result<(), StoreError> {
        for (process, message) in versions() {
            self.save_version(&process, AUTHOR, message, at)?;
        }
        Ok(())
    }
}
