//! The handbook's "In practice" section: how the process's latest stored event log follows the
//! version — fitness, cases that fit, precision and the deviations most cases share — and how
//! long its work really took, with the one-line diagnosis. The caller runs the checks (it holds
//! the library); this words them for both renderings.

use crate::conformance::{Conformance, DeviationKind};
use crate::performance::Performance;
use crate::simulate::batch::hours;
use crate::store::StoredLog;

/// The deviations listed; the rest are counted.
const DEVIATIONS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Reality {
    /// "log 1, Synthetic log (300 cases, 4552 events)".
    pub log: String,
    pub facts: Vec<(&'static str, String)>,
    /// "Approve invoice skipped 15 times in 15 cases", most cases first; the last says how
    /// many more there are, if any.
    pub deviations: Vec<String>,
}

pub fn reality(stored: &StoredLog, c: &Conformance, p: &Performance) -> Reality {
    let a = &c.alignments;
    let mut facts = vec![
        (
            "Fitness",
            format!(
                "{:.3} (alignments); {} of {} cases fit ({:.1} %)",
                a.log_fitness, a.fitting_cases, c.log.cases, a.fitting_percent
            ),
        ),
        ("Precision", format!("{:.3}", c.precision)),
    ];
    let t = &p.cycle_time;
    facts.push((
        "Cycle time",
        format!(
            "median {}, p90 {}, max {}",
            hours(t.p50_hours),
            hours(t.p90_hours),
            hours(t.max_hours)
        ),
    ));
    if let Some(sla) = &p.process_sla {
        facts.push((
            "Over the SLA",
            format!(
                "{:.1} % of cases over {}",
                sla.breach_rate * 100.0,
                sla.target
            ),
        ));
    }
    facts.push(("Diagnosis", p.diagnosis.line.clone()));
    let mut deviations: Vec<String> = (c.deviations.iter().take(DEVIATIONS))
        .map(|d| {
            let what = match d.kind {
                DeviationKind::Skipped => "skipped",
                DeviationKind::Extra => "done where the design does not have it,",
            };
            format!("{} {what} {} times in {} cases", d.name, d.count, d.cases)
        })
        .collect();
    let more = c.deviations.len().saturating_sub(DEVIATIONS);
    if more > 0 {
        deviations.push(format!("and {more} more deviations"));
    }
    Reality {
        log: format!(
            "log {}, {} ({} cases, {} events)",
            stored.number, stored.name, stored.cases, stored.events
        ),
        facts,
        deviations,
    }
}
