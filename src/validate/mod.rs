//! Checks a definition and reports problems; it never changes the definition.

mod structure;

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Id, Process};

pub use structure::structure;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding: a stable code to switch on, the element it is about, and a sentence for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Problem {
    pub severity: Severity,
    pub code: String,
    pub element: Option<Id>,
    pub message: String,
}

/// Every check that exists so far; errors first.
pub fn validate(process: &Process) -> Vec<Problem> {
    let mut problems = structure(process);
    problems.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    problems
}

pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
