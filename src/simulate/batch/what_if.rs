//! One or two runs under the same options, each with its parameters chosen by `parameterised`,
//! and their comparison: what the CLI prints and the app shows, in one shape.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::compare::{compare, BatchComparison};
use super::gaps::gaps;
use super::options::{BatchOptions, BatchProgress, Control};
use super::parameters::{apply, parameterised, ParameterSet};
use super::result::BatchResult;
use super::{simulate, BatchError};
use crate::model::Process;

/// What to simulate: a definition, its label ("v2") and, optionally, a parameter set to apply.
pub struct Candidate<'a> {
    pub label: String,
    pub definition: &'a Process,
    pub parameters: Option<(&'a str, &'a ParameterSet)>,
}

/// One run: its label, where its parameters came from, what the set names that the definition
/// lacks, and the result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct BatchSide {
    pub label: String,
    pub parameters: String,
    pub unused: Vec<String>,
    pub result: BatchResult,
}

/// A run, and when asked for, a second one with the deltas between them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct BatchRun {
    pub base: BatchSide,
    pub other: Option<BatchSide>,
    pub comparison: Option<BatchComparison>,
}

/// A run that failed, with the label of the side that failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{label}: {error}")]
pub struct SideError {
    pub label: String,
    pub error: BatchError,
}

/// Runs `base` and, when given, `other` with the same options (seed included), so the
/// difference comes from the definitions or parameters alone. Progress covers both runs.
pub fn what_if(
    base: Candidate,
    other: Option<Candidate>,
    options: &BatchOptions,
    mut control: Control,
) -> Result<BatchRun, SideError> {
    let sides = 1.0 + f64::from(u8::from(other.is_some()));
    let mut run = |candidate: Candidate, index: f64| {
        let mut chosen = parameterised(candidate.definition, candidate.parameters);
        let missing = gaps(&chosen.process);
        if options.fill_gaps && !missing.gaps.is_empty() {
            chosen.process = apply(&chosen.process, &missing.defaults).0;
            chosen.source = format!(
                "{}, with defaults for {} missing",
                chosen.source,
                missing.gaps.len()
            );
        }
        let mut report = |p: BatchProgress| {
            if let Some(outer) = control.progress.as_mut() {
                outer(BatchProgress {
                    fraction: (index + p.fraction) / sides,
                    ..p
                });
            }
        };
        let inner = Control {
            cancel: control.cancel,
            progress: Some(&mut report),
        };
        match simulate(&chosen.process, options, inner) {
            Ok(result) => Ok(BatchSide {
                label: candidate.label,
                parameters: chosen.source,
                unused: chosen.unused,
                result,
            }),
            Err(error) => Err(SideError {
                label: candidate.label,
                error,
            }),
        }
    };
    let base = run(base, 0.0)?;
    let other = other.map(|o| run(o, 1.0)).transpose()?;
    let comparison = other
        .as_ref()
        .map(|o| compare(&base.result, &base.label, &o.result, &o.label));
    Ok(BatchRun {
        base,
        other,
        comparison,
    })
}

/// A saved version of a process as a batch run names it ("v2"), owned so a run can move to a
/// worker thread.
pub struct Labelled {
    pub label: String,
    pub definition: Process,
}

impl Labelled {
    pub fn candidate<'a>(
        &'a self,
        parameters: Option<(&'a str, &'a ParameterSet)>,
    ) -> Candidate<'a> {
        Candidate {
            label: self.label.clone(),
            definition: &self.definition,
            parameters,
        }
    }
}

/// One version of a process and, when asked, another to compare it with (`Library::what_if_versions`).
pub struct Versions {
    pub base: Labelled,
    pub other: Option<Labelled>,
}

impl Versions {
    /// Simulates both under the same options, each with `parameters` when given, else with its
    /// own, shipped or default parameters.
    pub fn run(
        &self,
        parameters: Option<(&str, &ParameterSet)>,
        options: &BatchOptions,
        control: Control,
    ) -> Result<BatchRun, SideError> {
        let other = self.other.as_ref().map(|o| o.candidate(parameters));
        what_if(self.base.candidate(parameters), other, options, control)
    }
}
