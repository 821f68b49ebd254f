//! `simulate P --calibrate LOG`: the batch simulation with parameters fitted from a log, and
//! its cycle times set against the log's.

use std::io::Write;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::calibrate::{self, Calibration, FitKind};
use flowlane::simulate::batch::{hours, BatchOptions, Control, StopAt};
use flowlane::store::Library;

use crate::args::BatchFormat;
use crate::failure::{bad_input, Failure};
use crate::logs::{print_report, LogSource};

/// Monday 2026-01-05 00:00 UTC, as batch runs start by default.
const DEFAULT_START: i64 = 1_767_571_200;

pub struct CalibrateRequest {
    pub source: LogSource,
    pub start: Option<DateTime<Utc>>,
    pub seed: u64,
    pub format: Option<BatchFormat>,
}

pub fn calibrate(
    library: &Library,
    request: CalibrateRequest,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let loaded = request.source.load(library)?;
    let (info, definition, log, mapping) =
        (loaded.info, loaded.definition, loaded.log, loaded.mapping);
    let start = request
        .start
        .or(DateTime::from_timestamp(DEFAULT_START, 0))
        .unwrap_or_default();
    // The run's size follows the log; this is replaced.
    let options = BatchOptions::new(request.seed, StopAt::Instances(1), start);
    let report = calibrate::calibrate(
        &definition,
        info.number,
        &log,
        &mapping,
        &options,
        Control::default(),
    )
    .map_err(|e| bad_input(anyhow!("{}: {e}", request.source.log)))?;
    let json = matches!(request.format, Some(BatchFormat::Json));
    print_report(&report, json, out, write_text)
}

fn write_text(r: &Calibration, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} v{} calibrated from {} cases; {} simulated",
        r.process, r.version, r.observed_cases, r.simulated_cases
    )?;
    writeln!(
        out,
        "arrivals: Poisson, {:.3} per hour",
        r.arrivals_per_hour
    )?;
    if !r.lifecycle {
        writeln!(
            out,
            "the log has no start events: durations are times since the case's previous event, waits included, so roles get no pools"
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<40} {:>7} {:<12} {:>10} {:>10} {:>7}",
        "step", "samples", "fit", "mean", "sd", "fit KS"
    )?;
    for s in &r.steps {
        let fit = match s.fit {
            FitKind::Exponential => "exponential",
            FitKind::Lognormal => "lognormal",
            FitKind::Empirical => "empirical",
        };
        writeln!(
            out,
            "{:<40} {:>7} {:<12} {:>10} {:>10} {:>7.3}",
            clip(&s.step, 40),
            s.samples,
            fit,
            hours(s.mean_minutes / 60.0),
            hours(s.sd_minutes / 60.0),
            s.fit_ks
        )?;
    }
    for b in &r.branches {
        let ways: Vec<String> = b
            .ways
            .iter()
            .map(|w| format!("{} {:.1} % ({})", w.way, w.probability * 100.0, w.seen))
            .collect();
        writeln!(out, "branch {}: {}", b.gateway, ways.join(", "))?;
    }
    for role in &r.roles {
        let hours = role.hours.as_deref().unwrap_or("around the clock");
        writeln!(
            out,
            "role {}: {} people seen, working {hours}",
            role.role, role.people
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<10} {:>12} {:>12}",
        "cycle time", "observed", "simulated"
    )?;
    for row in &r.cycle_time {
        writeln!(
            out,
            "{:<10} {:>12} {:>12}",
            row.quantile,
            hours(row.observed_hours),
            hours(row.simulated_hours)
        )?;
    }
    let verdict = match r.ks <= r.ks_critical {
        true => "the simulated and observed cycle times do not differ at the 5 % level",
        false => "the simulated cycle times differ from the observed ones: check the fits before relying on the what-if",
    };
    writeln!(
        out,
        "Kolmogorov–Smirnov statistic {:.4} (5 % critical value {:.4}): {verdict}",
        r.ks, r.ks_critical
    )?;
    Ok(())
}

fn clip(text: &str, width: usize) -> String {
    match text.chars().count() > width {
        true => format!("{}…", text.chars().take(width - 1).collect::<String>()),
        false => text.to_string(),
    }
}
