//! `flowlane log import|list` and `flowlane conformance`.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use flowlane::conformance::{self, Conformance, DeviationKind, SavedMapping};
use flowlane::eventlog::{self, CsvColumns, EventLog, ReadOptions};
use flowlane::model::{Id, Process};
use flowlane::store::{Library, VersionInfo};
use serde::Serialize;

use crate::args::{ColumnArgs, LogCommand, ReportFormat};
use crate::failure::{bad_input, Failure};
use crate::input::open;

pub fn log(
    path: &Path,
    command: LogCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        LogCommand::Import {
            process,
            file,
            name,
            columns,
            author,
        } => {
            let mut library = open(path)?;
            let id = library.find(&process)?.id;
            let log = read_file(&file, &columns)?;
            let name = name.unwrap_or_else(|| {
                file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into(),
                )
            });
            let author = author
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "unknown".into());
            let (stored, new) = library.store_log(id, &name, &log, &author, now)?;
            let verb = if new { "stored" } else { "already stored" };
            writeln!(
                out,
                "{verb} log {} \"{}\": {} cases, {} events, {} activities ({})",
                stored.number,
                stored.name,
                stored.cases,
                stored.events,
                stored.activities,
                &stored.hash[..12]
            )?;
        }
        LogCommand::List { process } => {
            let library = open(path)?;
            let id = library.find(&process)?.id;
            let logs = library.logs(id)?;
            if logs.is_empty() {
                writeln!(out, "no logs stored; add one with `flowlane log import`")?;
            }
            for l in logs {
                writeln!(
                    out,
                    "{:>3}  {:<28} {:>7} cases {:>9} events  {}  {} by {}",
                    l.number,
                    l.name,
                    l.cases,
                    l.events,
                    &l.hash[..12],
                    l.imported_at.format("%Y-%m-%d %H:%M"),
                    l.author
                )?;
            }
        }
    }
    Ok(())
}

/// Reads a log file; what cannot be read is named with its line or event.
pub fn read_file(file: &Path, columns: &ColumnArgs) -> Result<EventLog, Failure> {
    let reader =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let options = ReadOptions {
        columns: CsvColumns {
            case: columns.case.clone(),
            activity: columns.activity.clone(),
            timestamp: columns.timestamp.clone(),
            resource: columns.resource.clone(),
            lifecycle: columns.lifecycle.clone(),
        },
        ..ReadOptions::default()
    };
    eventlog::read(reader, &options, &mut |_| {})
        .map_err(|e| bad_input(anyhow!("{}: {e}; nothing was stored", file.display())))
}

/// A log named on the command line: a file, or the number of a log stored with the process.
pub fn load_log(
    library: &Library,
    process: Id,
    log: &str,
    columns: &ColumnArgs,
) -> Result<EventLog, Failure> {
    let file = Path::new(log);
    Ok(match log.trim_start_matches('#').parse::<u32>() {
        Ok(number) if !file.exists() => library.load_log(process, number)?.1,
        _ => read_file(file, columns)?,
    })
}

/// What a report on a log starts from: a process, one of its versions (the latest without
/// `version`) and a log, stored (`#N`) or a file.
pub struct LogSource {
    pub process: String,
    pub version: Option<u32>,
    pub log: String,
    pub columns: ColumnArgs,
}

impl LogSource {
    pub fn new(process: String, version: Option<u32>, log: String, columns: ColumnArgs) -> Self {
        LogSource {
            process,
            version,
            log,
            columns,
        }
    }

    /// The version's record and definition, the log, and the activities mapped to steps as
    /// saved for the process in the app.
    pub fn load(&self, library: &Library) -> Result<Loaded, Failure> {
        let id = library.find(&self.process)?.id;
        let (info, definition) = library.load(id, self.version)?;
        let log = load_log(library, id, &self.log, &self.columns)?;
        let mapping = library.activity_mapping(id)?;
        Ok(Loaded {
            info,
            definition,
            log,
            mapping,
        })
    }
}

/// What a report on a log reads.
pub struct Loaded {
    pub info: VersionInfo,
    pub definition: Process,
    pub log: EventLog,
    pub mapping: SavedMapping,
}

/// A report as JSON, or as the lines `text` writes.
pub fn print_report<R: Serialize>(
    report: &R,
    json: bool,
    out: &mut impl Write,
    text: impl FnOnce(&R, &mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    if json {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)?;
    } else {
        text(report, out)?;
    }
    Ok(())
}

pub struct ConformanceRequest {
    pub source: LogSource,
    pub format: ReportFormat,
}

pub fn conformance(
    library: &Library,
    request: ConformanceRequest,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let l = request.source.load(library)?;
    let report = conformance::check_mapped(&l.definition, l.info.number, &l.log, &l.mapping)
        .map_err(|e| anyhow!(e))?;
    let json = matches!(request.format, ReportFormat::Json);
    print_report(&report, json, out, write_text)
}

fn write_text(report: &Conformance, out: &mut dyn Write) -> std::io::Result<()> {
    let log = &report.log;
    writeln!(
        out,
        "{} v{} against {} cases ({} events, {} variants)",
        report.process, report.version, log.cases, log.events, log.variants
    )?;
    for (method, f) in [
        ("alignments:  ", &report.alignments),
        ("token replay:", &report.token_replay),
    ] {
        writeln!(
            out,
            "{method} fitness {:.4} (average per case {:.4}), {} cases fit ({:.1} %)",
            f.log_fitness, f.average_trace_fitness, f.fitting_cases, f.fitting_percent
        )?;
    }
    writeln!(out, "precision:    {:.4}", report.precision)?;
    if !report.deviations.is_empty() {
        writeln!(out, "deviations:")?;
    }
    for d in report.deviations.iter().take(20) {
        let what = match d.kind {
            DeviationKind::Skipped => "skipped",
            DeviationKind::Extra => "not in the design",
        };
        writeln!(
            out,
            "  {:<40} {what:<18} {} times in {} cases",
            format!("\"{}\"", d.name),
            d.count,
            d.cases
        )?;
    }
    if report.deviations.len() > 20 {
        writeln!(
            out,
            "  … {} more (--format json lists all)",
            report.deviations.len() - 20
        )?;
    }
    for u in &report.unmapped {
        let like = match u.suggestions.is_empty() {
            true => String::new(),
            false => format!(" (like {})", u.suggestions.join(", ")),
        };
        writeln!(out, "unmapped activity \"{}\"{like}", u.activity)?;
    }
    Ok(())
}
