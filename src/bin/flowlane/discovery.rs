//! `flowlane discover LOG`: the process as the log says it is done, stored as a new draft (or
//! written to a file with `--output`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use flowlane::canonical;
use flowlane::discover::{self, Discovery};
use uuid::Uuid;

use crate::args::{ColumnArgs, ReportFormat};
use crate::failure::{bad_input, Failure};
use crate::input::open;
use crate::logs::read_file;

/// The process as a log says it is done (inductive miner, infrequent variant), with a lane per
/// performer, drafted as a new process
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  flowlane discover invoices.csv\n  flowlane discover invoices.csv --noise 0 --lanes resource --name \"Invoices as done\"\n  flowlane discover invoices.csv --output as-done.json"
)]
pub struct DiscoverArgs {
    /// The log file (XES, .xes.gz, CSV)
    log: PathBuf,
    /// IMf's noise threshold, 0–1: how rare (against the most frequent) behaviour may be and
    /// still be left out; 0 keeps everything, so every case fits
    #[arg(long, default_value_t = discover::DEFAULT_NOISE)]
    noise: f64,
    /// What the lanes follow: `resource`, or another event attribute (XES) or column (CSV),
    /// e.g. `org:group`; each activity goes to the lane of whoever most often does it
    #[arg(long, default_value = "resource")]
    lanes: String,
    /// The new process's name [default: the log file's name and "as discovered"]
    #[arg(long)]
    name: Option<String>,
    /// Write the definition (JSON) to this file instead of storing a draft
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    #[command(flatten)]
    columns: ColumnArgs,
}

pub fn discover(
    library: &std::path::Path,
    args: DiscoverArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut columns = args.columns.clone();
    if args.lanes != "resource" {
        if columns.resource.is_some() {
            return Err(bad_input(anyhow!(
                "--lanes {} and --resource both say where the lanes come from: give one",
                args.lanes
            )));
        }
        columns.resource = Some(args.lanes.clone());
    }
    let log = read_file(&args.log, &columns)?;
    let name = args.name.clone().unwrap_or_else(|| {
        let stem = args.log.file_stem().map_or_else(
            || "log".to_string(),
            |s| s.to_string_lossy().trim_end_matches(".xes").to_string(),
        );
        format!("{stem} as discovered")
    });
    let found = discover::discover(&log, args.noise, &name, &mut Uuid::now_v7)
        .map_err(|e| bad_input(anyhow!(e)))?;
    let stored = match &args.output {
        Some(file) => {
            std::fs::write(file, canonical::to_bytes(&found.process))
                .with_context(|| format!("cannot write {}", file.display()))?;
            format!("written to {}", file.display())
        }
        None => {
            open(library)?.save_draft(&found.process, None, now)?;
            "stored as a new draft; open it to edit and save it".to_string()
        }
    };
    if matches!(args.format, ReportFormat::Json) {
        serde_json::to_writer_pretty(&mut *out, &found.summary())?;
        writeln!(out)?;
    } else {
        write_text(&found, &stored, out)?;
    }
    Ok(())
}

fn write_text(found: &Discovery, stored: &str, out: &mut impl Write) -> std::io::Result<()> {
    let f = &found.figures;
    writeln!(
        out,
        "discovered \"{}\" from {} cases ({} variants, {} activities, noise {}): {} tasks, \
         {} gateways, {} lanes; {stored}",
        found.process.info.name,
        f.cases,
        f.variants,
        f.activities,
        f.noise,
        f.tasks,
        f.gateways,
        f.lanes.len()
    )?;
    writeln!(out, "lanes: {}", f.lanes.join(", "))?;
    writeln!(out, "process tree: {}", found.tree)
}
