//! The `flowlane` command line: the library from a terminal or a script.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use flowlane::store::{Library, StoreError, VersionInfo};
use flowlane::{canonical, diff, export, validate};

#[derive(Parser)]
#[command(
    name = "flowlane",
    version,
    about = "Flowlane process library from the command line"
)]
struct Cli {
    /// Library file [default: ~/.local/share/flowlane/library.flowlane]
    #[arg(long, global = true, env = "FLOWLANE_LIBRARY")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new library (never replaces an existing file)
    Init {
        /// Add the sample processes
        #[arg(long)]
        samples: bool,
        /// Where to create it; overrides --library
        path: Option<PathBuf>,
    },
    /// List the processes in the library
    List,
    /// Print a process as readable lines
    Show {
        process: String,
        #[arg(long)]
        version: Option<u32>,
    },
    /// List the saved versions of a process
    History {
        process: String,
        /// Only the version in force at this date or instant (2026-03-31 or RFC 3339)
        #[arg(long, value_parser = parse_instant)]
        at: Option<DateTime<Utc>>,
    },
    /// Check a definition file and store it as the next version of PROCESS
    Save {
        /// Name or id of the process; a new process is created when the file's id is new
        process: String,
        file: PathBuf,
        #[arg(short, long)]
        message: String,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Write a version's definition to standard output
    Export {
        process: String,
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Line diff between two versions of a process
    Diff { process: String, from: u32, to: u32 },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
}

/// Exit status: 1 for failures, 2 for input that cannot be used (a malformed or invalid file,
/// a library file that is foreign, damaged or newer).
struct Failure {
    status: u8,
    error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        let error = error.into();
        let bad_input = error.downcast_ref::<StoreError>().is_some_and(|e| {
            matches!(
                e.code(),
                "not_a_library" | "too_new" | "corrupt" | "invalid" | "unreadable"
            )
        });
        Failure {
            status: if bad_input { 2 } else { 1 },
            error,
        }
    }
}

fn bad_input(error: anyhow::Error) -> Failure {
    Failure { status: 2, error }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {:#}", failure.error);
            ExitCode::from(failure.status)
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), Failure> {
    let path = cli.library.unwrap_or_else(flowlane::store::default_path);
    let now = Utc::now();
    match cli.command {
        Command::Init {
            samples,
            path: target,
        } => {
            let target = target.unwrap_or(path);
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            let mut library = Library::create(&target)?;
            if samples {
                library.add_samples(now)?;
            }
            writeln!(out, "created {}", target.display())?;
        }
        Command::List => {
            let library = open(&path)?;
            for p in library.processes()? {
                let latest = p
                    .latest
                    .map_or("no version".to_string(), |n| format!("v{n}"));
                let draft = if p.has_draft { " (draft)" } else { "" };
                writeln!(
                    out,
                    "{}  {:<28} {:<12} {latest}{draft}",
                    p.id,
                    p.name,
                    p.category.as_str()
                )?;
            }
        }
        Command::Show { process, version } => {
            let library = open(&path)?;
            let id = library.find(&process)?.id;
            let (info, definition) = library.load(id, version)?;
            writeln!(
                out,
                "# v{} saved {} by {}: {}",
                info.number,
                info.saved_at.to_rfc3339(),
                info.author,
                info.message
            )?;
            write!(out, "{}", export::outline::outline(&definition))?;
        }
        Command::History { process, at } => {
            let library = open(&path)?;
            let id = library.find(&process)?.id;
            let versions = match at {
                Some(at) => library.version_at(id, at)?.into_iter().collect(),
                None => library.history(id)?,
            };
            if versions.is_empty() {
                writeln!(out, "no version was in force then")?;
            }
            for v in versions {
                writeln!(out, "{}", history_line(&v))?;
            }
        }
        Command::Save {
            process,
            file,
            message,
            author,
        } => {
            let mut library = open(&path)?;
            let definition = read_definition(&file)?;
            match library.find(&process) {
                Ok(found) if found.id != definition.id => {
                    return Err(bad_input(anyhow!(
                        "{} holds process {}, not \"{}\" ({})",
                        file.display(),
                        definition.id,
                        found.name,
                        found.id
                    )))
                }
                Err(StoreError::UnknownProcess(_))
                    if process == definition.id.to_string() || process == definition.info.name => {}
                Err(err) => return Err(err.into()),
                Ok(_) => {}
            }
            let author = author
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "unknown".into());
            let saved = library.save_version(&definition, &author, &message, now)?;
            writeln!(
                out,
                "saved {} v{} ({})",
                definition.info.name,
                saved.number,
                &saved.hash[..12]
            )?;
        }
        Command::Export {
            process,
            version,
            format: ExportFormat::Json,
        } => {
            let library = open(&path)?;
            let id = library.find(&process)?.id;
            let (_, definition) = library.load(id, version)?;
            out.write_all(&canonical::to_bytes(&definition))?;
        }
        Command::Diff { process, from, to } => {
            let library = open(&path)?;
            let id = library.find(&process)?.id;
            let (_, old) = library.load(id, Some(from))?;
            let (_, new) = library.load(id, Some(to))?;
            write!(
                out,
                "{}",
                diff::text::unified(&old, &new, &format!("v{from}"), &format!("v{to}"))
            )?;
        }
    }
    Ok(())
}

fn open(path: &Path) -> Result<Library, Failure> {
    Library::open(path).map_err(|err| match err {
        StoreError::Missing(_) => anyhow!(
            "there is no library at {}; create one with `flowlane init --samples` or pass --library",
            path.display()
        )
        .into(),
        other => other.into(),
    })
}

/// Reads and checks a definition file; every problem names the file (and line and column).
fn read_definition(file: &Path) -> Result<flowlane::model::Process, Failure> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let definition =
        canonical::parse(&text).map_err(|e| bad_input(anyhow!("{}: {e}", file.display())))?;
    let problems = validate::validate(&definition);
    if validate::has_errors(&problems) {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("  {}: {}", p.code, p.message))
            .collect();
        return Err(bad_input(anyhow!(
            "{} is not a valid process:\n{}",
            file.display(),
            list.join("\n")
        )));
    }
    Ok(definition)
}

fn history_line(v: &VersionInfo) -> String {
    let tags = if v.tags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", v.tags.join(", "))
    };
    format!(
        "v{:<3} {}  {:<20} {}{tags}",
        v.number,
        v.saved_at.format("%Y-%m-%d %H:%M:%SZ"),
        v.author,
        v.message
    )
}

/// A date means the end of that day (UTC): "as of 2026-03-31" includes everything saved that day.
fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 999))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("`{text}` is not a date (2026-03-31) or an RFC 3339 instant"))
}
