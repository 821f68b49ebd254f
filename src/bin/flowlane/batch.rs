//! `simulate --runs N`: batch (what-if) simulation from the terminal, as a table or JSON, alone
//! or side by side with another version or another parameter set.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use flowlane::model::{Duration, Process};
use flowlane::simulate::batch::{
    hours, read_parameter_set, what_if, BatchComparison, BatchDelta, BatchOptions, BatchSide,
    Candidate, Control, ParameterSet, StopAt,
};
use flowlane::store::Library;

use crate::args::BatchFormat;
use crate::failure::{bad_input, Failure};

/// Monday 2026-01-05 00:00 UTC: a fixed default start, so a run repeats on any day.
const DEFAULT_START: i64 = 1_767_571_200;

pub struct BatchRequest {
    pub process: String,
    pub version: Option<u32>,
    pub start: Option<DateTime<Utc>>,
    pub runs: Option<u64>,
    pub horizon: Option<Duration>,
    pub seed: u64,
    pub warm_up: Option<Duration>,
    pub params: Option<PathBuf>,
    pub compare: Option<u32>,
    pub compare_params: Option<PathBuf>,
    pub defaults: bool,
    pub format: BatchFormat,
}

pub fn simulate_batch(
    library: &Library,
    request: BatchRequest,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let id = library.find(&request.process)?.id;
    let versions = library.what_if_versions(id, request.version, request.compare)?;
    let stop = match (request.runs, request.horizon) {
        (_, Some(horizon)) => StopAt::Horizon(horizon),
        (Some(runs), None) => StopAt::Instances(runs),
        (None, None) => return Err(bad_input(anyhow!("batch mode needs --runs or --horizon"))),
    };
    let start = request
        .start
        .or(DateTime::from_timestamp(DEFAULT_START, 0))
        .unwrap_or_default();
    let mut options = BatchOptions::new(request.seed, stop, start);
    options.warm_up = request.warm_up.unwrap_or_default();
    options.fill_gaps = request.defaults;
    let base = &versions.base;
    // A set given with --params applies to both versions: a name either has is accepted.
    let mut both = vec![&base.definition];
    both.extend(versions.other.as_ref().map(|o| &o.definition));
    let explicit = request
        .params
        .as_deref()
        .map(|path| read_set(path, &both))
        .transpose()?;
    let explicit = explicit.as_ref().map(|(name, set)| (name.as_str(), set));
    let other_set = request
        .compare_params
        .as_deref()
        .map(|path| read_set(path, &[&base.definition]))
        .transpose()?;
    let other = match (&versions.other, &other_set, &request.compare_params) {
        (Some(other), _, _) => Some(other.candidate(explicit)),
        (None, Some((name, set)), Some(path)) => Some(Candidate {
            label: format!("{} with {}", base.label, file_name(path)),
            definition: &base.definition,
            parameters: Some((name.as_str(), set)),
        }),
        _ => None,
    };
    let run = what_if(
        base.candidate(explicit),
        other,
        &options,
        Control::default(),
    )
    .map_err(|e| bad_input(anyhow!("{e}")))?;
    let text = match request.format {
        BatchFormat::Json => serde_json::to_string_pretty(&run)?,
        BatchFormat::Table => match (&run.other, &run.comparison) {
            (Some(other), Some(comparison)) => format!(
                "{}\n{}\n{}",
                table(&run.base),
                table(other),
                side_by_side(comparison)
            ),
            _ => table(&run.base),
        },
    };
    writeln!(out, "{}", text.trim_end())?;
    Ok(0)
}

/// The set in the file at `path`, refused (with the line and the closest known name) when it
/// names a step, role, variable or decision none of `definitions` has.
fn read_set(path: &Path, definitions: &[&Process]) -> Result<(String, ParameterSet), Failure> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let set = read_parameter_set(&text, definitions)
        .map_err(|e| bad_input(anyhow!("{}: {e}", path.display())))?;
    Ok((path.display().to_string(), set))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn percent(rate: f64) -> String {
    format!("{:.1} %", rate * 100.0)
}

fn table(side: &BatchSide) -> String {
    let r = &side.result;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{} {} — {} instances counted of {} started (warm-up {}, stuck {}, unfinished {}), seed {}",
        r.process,
        side.label,
        r.instances.counted,
        r.instances.started,
        r.instances.warm_up,
        r.instances.stuck,
        r.instances.unfinished,
        r.seed
    );
    let _ = writeln!(t, "parameters: {}", side.parameters);
    if !side.unused.is_empty() {
        let _ = writeln!(t, "not in {}: {}", side.label, side.unused.join(", "));
    }
    let c = &r.cycle_time;
    let _ = writeln!(
        t,
        "cycle time: mean {}, p50 {}, p90 {}, p95 {}, max {}",
        hours(c.mean_hours),
        hours(c.p50_hours),
        hours(c.p90_hours),
        hours(c.p95_hours),
        hours(c.max_hours)
    );
    if let Some(sla) = &r.sla {
        let _ = writeln!(
            t,
            "process SLA {}: breached by {} of instances ({})",
            sla.target,
            percent(sla.breach_rate),
            sla.breaches
        );
    }
    let _ = writeln!(
        t,
        "cost: {:.2} in all, {:.2} per instance; {} events over {} simulated",
        r.cost.total,
        r.cost.per_instance,
        r.events,
        hours(r.simulated_hours)
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{:<40} {:<18} {:>7} {:>10} {:>10} {:>11}",
        "step", "role", "count", "waiting", "working", "SLA breach"
    );
    for s in &r.steps {
        let _ = writeln!(
            t,
            "{:<40} {:<18} {:>7} {:>10} {:>10} {:>11}",
            clip(&s.name, 40),
            clip(&s.role, 18),
            s.count,
            hours(s.waiting_hours),
            hours(s.working_hours),
            s.breach_rate.map_or("-".to_string(), percent)
        );
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{:<24} {:>6} {:>11} {:>10} {:>12} {:>10} {:>9}",
        "role", "people", "utilisation", "work", "cost", "mean queue", "max queue"
    );
    for role in &r.roles {
        let _ = writeln!(
            t,
            "{:<24} {:>6} {:>11} {:>10} {:>12.2} {:>10.2} {:>9}",
            clip(&role.role, 24),
            role.capacity.map_or("-".to_string(), |c| c.to_string()),
            role.utilisation.map_or("-".to_string(), percent),
            hours(role.work_hours),
            role.cost,
            role.mean_queue,
            role.max_queue
        );
    }
    if !r.bottlenecks.is_empty() {
        let _ = writeln!(t);
        let _ = writeln!(t, "bottlenecks:");
        for (rank, b) in r.bottlenecks.iter().enumerate() {
            let _ = writeln!(t, "{}. {}", rank + 1, b.reason);
        }
    }
    t
}

fn side_by_side(comparison: &BatchComparison) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{:<40} {:>12} {:>12} {:>12}",
        "", comparison.base, comparison.other, "change"
    );
    for d in &comparison.metrics {
        delta_row(&mut t, &d.name, d);
    }
    for s in &comparison.steps {
        let label = clip(&format!("waiting (h): {}", s.step), 40);
        delta_row(&mut t, &label, &s.waiting_hours);
    }
    for r in &comparison.roles {
        let label = clip(&format!("utilisation: {}", r.role), 40);
        delta_row(&mut t, &label, &r.utilisation);
    }
    t
}

/// One row of the side-by-side table: a figure on both sides and its change.
fn delta_row(t: &mut String, label: &str, d: &BatchDelta) {
    let value = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
    let change = d.change.map_or("-".to_string(), |v| format!("{v:+.3}"));
    let _ = writeln!(
        t,
        "{label:<40} {:>12} {:>12} {change:>12}",
        value(d.base),
        value(d.other)
    );
}

fn clip(text: &str, width: usize) -> String {
    match text.chars().count() > width {
        true => format!("{}…", text.chars().take(width - 1).collect::<String>()),
        false => text.to_string(),
    }
}
