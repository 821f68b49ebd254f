//! `flowlane scenario from-log`: a real case of an event log replayed in the step simulator.

use std::io::Write;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::conformance::{scenario_of_case_mapped, CaseScenarioError};
use flowlane::simulate::{replay, Status};
use flowlane::store::Library;

use crate::args::ColumnArgs;
use crate::failure::{bad_input, Failure};
use crate::logs::{Loaded, LogSource};
use crate::simulation::write_with_notes;

pub struct CaseRequest {
    pub process: String,
    pub log: String,
    pub case: String,
    pub version: Option<u32>,
    pub save: Option<String>,
    pub author: Option<String>,
    pub columns: ColumnArgs,
}

/// Prints the case's replay with its notes and where it leaves the design; returns the exit
/// status: 0 when the case runs to an end of the design, 1 when it leaves it.
pub fn from_log(
    library: &mut Library,
    request: CaseRequest,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let source = LogSource::new(
        request.process,
        request.version,
        request.log,
        request.columns,
    );
    let Loaded {
        info,
        definition,
        log,
        mapping,
    } = source.load(library)?;
    let mut found = scenario_of_case_mapped(
        &definition,
        info.number,
        &log,
        &request.case,
        &*library,
        &mapping,
    )
    .map_err(|e| match e {
        CaseScenarioError::UnknownCase(_) => bad_input(anyhow!(e)),
        other => anyhow!(other).into(),
    })?;
    let replayed = replay(&found.scenario, definition, &*library)?;
    let last = replayed
        .states
        .last()
        .ok_or_else(|| anyhow!("the case has no state"))?;
    writeln!(
        out,
        "case {}: {} activities in the log, replayed on {} v{}",
        request.case,
        found.activities.len(),
        last.definition.info.name,
        info.number
    )?;
    write_with_notes(&found.scenario, last, out)?;
    let status = match &found.departure {
        None if matches!(last.status, Status::Ended { .. }) => {
            writeln!(out, "the case follows the design to its end")?;
            0
        }
        None => 1,
        Some(departure) => {
            writeln!(
                out,
                "leaves the design at activity {} of {}: {}",
                departure.activity_number,
                found.activities.len(),
                departure.message
            )?;
            1
        }
    };
    if let Some(name) = request.save {
        found.scenario.name = name;
        let author = request
            .author
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "unknown".into());
        library.save_scenario(&found.scenario, &author, now)?;
        writeln!(
            out,
            "saved scenario \"{}\" ({} steps)",
            found.scenario.name,
            found.scenario.steps.len()
        )?;
    }
    Ok(status)
}
