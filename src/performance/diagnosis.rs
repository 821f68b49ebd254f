//! The one-line verdict: a workflow problem when one step stands out (it waits far longer than
//! any other, or breaches its SLA), a process problem when the outcome is off target while
//! every step keeps its SLA.

use serde::Serialize;
use ts_rs::TS;

use super::{SlaFigures, StepPerformance};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiagnosisKind {
    /// One step or hand-off explains the delay: fix that workflow.
    Workflow,
    /// The steps keep their targets and the whole still misses its own: redesign the process.
    Process,
    /// Nothing off target and no step standing out.
    OnTarget,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Diagnosis {
    pub kind: DiagnosisKind,
    pub line: String,
    /// The step that stands out, for a workflow problem.
    #[ts(optional)]
    pub step: Option<String>,
}

/// A step whose mean wait is this many times the next longest stands out: below it the waits
/// are the ordinary spread of work, above it one queue explains the delay.
pub const STANDS_OUT: f64 = 2.0;

/// A share of breaches above which a target counts as missed (one case in ten).
pub const OFF_TARGET: f64 = 0.1;

pub fn diagnose(steps: &[StepPerformance], process: Option<&SlaFigures>) -> Diagnosis {
    let mut by_wait: Vec<&StepPerformance> = steps.iter().collect();
    by_wait.sort_by(|a, b| b.waiting_hours.total_cmp(&a.waiting_hours));
    if let [top, next, ..] = by_wait.as_slice() {
        let ratio = match next.waiting_hours > 0.0 {
            true => top.waiting_hours / next.waiting_hours,
            false => f64::INFINITY,
        };
        if top.waiting_hours > 0.0 && ratio >= STANDS_OUT {
            let times = match ratio.is_finite() {
                true => format!("{ratio:.1}×"),
                false => "far".to_string(),
            };
            return workflow(
                top,
                format!("\"{}\" waits {times} longer than any other step", top.name),
            );
        }
    }
    let worst_breach = steps
        .iter()
        .filter_map(|s| s.sla.as_ref().map(|sla| (s, sla.breach_rate)))
        .filter(|(_, r)| *r > OFF_TARGET)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((step, breach)) = worst_breach {
        return workflow(
            step,
            format!(
                "\"{}\" misses its SLA in {:.0} % of executions",
                step.name,
                breach * 100.0
            ),
        );
    }
    let keeps = match steps.iter().any(|s| s.sla.is_some()) {
        true => "every step keeps its SLA",
        false => "no step stands out",
    };
    match process {
        Some(sla) if sla.breach_rate > OFF_TARGET => Diagnosis {
            kind: DiagnosisKind::Process,
            line: format!(
                "process problem: cycle time off target ({:.0} % of cases over {}) while {keeps}",
                sla.breach_rate * 100.0,
                sla.target
            ),
            step: None,
        },
        Some(sla) => Diagnosis {
            kind: DiagnosisKind::OnTarget,
            line: format!(
                "on target: {:.0} % of cases over the {} SLA and {keeps}",
                sla.breach_rate * 100.0,
                sla.target
            ),
            step: None,
        },
        None => Diagnosis {
            kind: DiagnosisKind::OnTarget,
            line: format!("no target missed: {keeps}, and the design sets no process SLA"),
            step: None,
        },
    }
}

fn workflow(step: &StepPerformance, what: String) -> Diagnosis {
    Diagnosis {
        kind: DiagnosisKind::Workflow,
        line: format!("workflow problem: {what}"),
        step: Some(step.name.clone()),
    }
}
