//! `flowlane performance`: waits, service times, queues and SLA breaches measured in a log.

use std::io::Write;

use anyhow::anyhow;
use flowlane::performance::{self, Performance};
use flowlane::simulate::batch::hours;
use flowlane::store::Library;

use crate::args::ReportFormat;
use crate::failure::{bad_input, Failure};
use crate::logs::{print_report, LogSource};

pub struct PerformanceRequest {
    pub source: LogSource,
    pub format: ReportFormat,
}

pub fn performance(
    library: &Library,
    request: PerformanceRequest,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let loaded = request.source.load(library)?;
    let log = &loaded.log;
    if log
        .cases
        .iter()
        .all(|c| c.events.iter().all(|e| e.time.is_none()))
    {
        return Err(bad_input(anyhow!(
            "{}: no event has a timestamp, so nothing can be timed",
            request.source.log
        )));
    }
    let report =
        performance::analyse_mapped(&loaded.definition, loaded.info.number, log, &loaded.mapping);
    let json = matches!(request.format, ReportFormat::Json);
    print_report(&report, json, out, write_text)
}

fn write_text(report: &Performance, out: &mut dyn Write) -> std::io::Result<()> {
    let log = &report.log;
    writeln!(
        out,
        "{} v{} against {} cases ({} events)",
        report.process, report.version, log.cases, log.events
    )?;
    writeln!(out, "{}", report.diagnosis.line)?;
    let c = &report.cycle_time;
    writeln!(
        out,
        "cycle time: mean {}, p10 {}, p50 {}, p90 {}, p99 {}, max {}",
        hours(c.mean_hours),
        hours(c.p10_hours),
        hours(c.p50_hours),
        hours(c.p90_hours),
        hours(c.p99_hours),
        hours(c.max_hours)
    )?;
    if let Some(sla) = &report.process_sla {
        writeln!(
            out,
            "process SLA {}: breached by {:.1} % of cases ({})",
            sla.target,
            sla.breach_rate * 100.0,
            sla.breaches
        )?;
    }
    if !report.lifecycle {
        writeln!(
            out,
            "the log has no start events: waiting is the time since the case's previous event"
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<40} {:<18} {:>7} {:>10} {:>10} {:>10} {:>11}",
        "step", "role", "count", "waiting", "p90 wait", "service", "SLA breach"
    )?;
    for s in &report.steps {
        let name = match s.node {
            Some(_) => s.name.clone(),
            None => format!("{} (not in the design)", s.name),
        };
        writeln!(
            out,
            "{:<40} {:<18} {:>7} {:>10} {:>10} {:>10} {:>11}",
            clip(&name, 40),
            clip(&s.role, 18),
            s.count,
            hours(s.waiting_hours),
            hours(s.waiting_p90_hours),
            s.service_hours.map_or("-".to_string(), hours),
            s.sla.as_ref().map_or("-".to_string(), |sla| format!(
                "{:.1} %",
                sla.breach_rate * 100.0
            ))
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<24} {:>6} {:>10} {:>9}",
        "role", "people", "mean queue", "max queue"
    )?;
    for role in &report.roles {
        writeln!(
            out,
            "{:<24} {:>6} {:>10.2} {:>9}",
            clip(&role.role, 24),
            role.people,
            role.mean_queue,
            role.max_queue
        )?;
    }
    Ok(())
}

fn clip(text: &str, width: usize) -> String {
    match text.chars().count() > width {
        true => format!("{}…", text.chars().take(width - 1).collect::<String>()),
        false => text.to_string(),
    }
}
