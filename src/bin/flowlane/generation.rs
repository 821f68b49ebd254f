//! `flowlane generate log`: a synthetic event log of a process of the library.

use std::io::Write;
use std::path::PathBuf;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::eventlog;
use flowlane::generate::log::{synthetic_log, InjectedKind, LogSpec};
use flowlane::simulate::batch::parameterised;
use flowlane::store::Library;

use crate::failure::{bad_input, Failure};

pub struct LogRequest {
    pub process: String,
    pub version: Option<u32>,
    pub cases: u64,
    pub seed: u64,
    pub start: Option<DateTime<Utc>>,
    pub clean: bool,
    pub output: Option<PathBuf>,
}

pub fn log(library: &Library, request: LogRequest, out: &mut impl Write) -> Result<(), Failure> {
    let id = library.find(&request.process)?.id;
    let (info, definition) = library.load(id, request.version)?;
    let spec = LogSpec {
        cases: request.cases,
        seed: request.seed,
        start: request.start.unwrap_or_else(flowlane::samples::log_start),
        clean: request.clean,
    };
    let made = synthetic_log(&parameterised(&definition, None).process, &spec)
        .map_err(|e| bad_input(anyhow!(e)))?;
    let csv = request
        .output
        .as_ref()
        .and_then(|f| f.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = match csv {
        true => eventlog::to_canonical(&made.log),
        false => eventlog::to_xes(&made.log).into_bytes(),
    };
    let Some(file) = request.output else {
        out.write_all(&bytes)?;
        return Ok(());
    };
    flowlane::export::atomic::write_atomically(&file, &bytes)
        .map_err(|e| anyhow!("cannot write {}: {e}", file.display()))?;
    let figures = made.log.figures();
    writeln!(
        out,
        "wrote {}: {} v{} simulated, {} cases, {} events, {} variants",
        file.display(),
        definition.info.name,
        info.number,
        figures.cases,
        figures.events,
        figures.variants
    )?;
    for injected in &made.injected {
        let what = match injected.kind {
            InjectedKind::SkippedApproval => format!("\"{}\" skipped", injected.steps[0]),
            InjectedKind::ReworkLoop => format!(
                "back from \"{}\" to \"{}\", both done again",
                injected.steps.last().map_or("", String::as_str),
                injected.steps[0]
            ),
            InjectedKind::Shortcut => format!(
                "\"{}\" done instead of \"{}\"",
                injected.activity.as_deref().unwrap_or_default(),
                injected.steps[0]
            ),
            InjectedKind::SlowRole => format!(
                "\"{}\" works {:.2}× slower",
                injected.steps[0],
                injected.factor.unwrap_or(1.0)
            ),
        };
        writeln!(out, "  {what}: {} cases", injected.cases.len())?;
    }
    Ok(())
}
