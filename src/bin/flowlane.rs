//! The `flowlane` command line: the library from a terminal or a script.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use flowlane::store::{Library, StoreError, VersionInfo};
use flowlane::{canonical, diff, export, generate, validate};

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
    /// What changed between two versions of a process (or a version and the draft)
    Diff {
        process: String,
        /// Version number, or `draft`
        #[arg(value_parser = parse_revision)]
        from: Revision,
        /// Version number, or `draft`
        #[arg(value_parser = parse_revision)]
        to: Revision,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// With --format text, also list layout changes (positions, sizes, bend points)
        #[arg(long)]
        layout: bool,
    },
    /// Check every saved version against its hash and the hash chain; exit 2 when tampered
    Verify,
    /// Check a design: exit 0 when clean, 1 with warnings, 2 with errors (for a pre-commit hook)
    Validate {
        /// A definition file (an existing .json path), or a process of the library by name or
        /// id: its latest saved version, or its draft when it has never been saved
        target: String,
        /// Check this saved version instead
        #[arg(long, conflicts_with = "draft")]
        version: Option<u32>,
        /// Check the process's draft instead
        #[arg(long)]
        draft: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// List the validation rules and their levels in this library, or set one
    Rules {
        /// The rule to show or set
        code: Option<String>,
        /// off, warning, error, or default
        level: Option<String>,
        #[arg(long, env = "FLOWLANE_AUTHOR")]
        author: Option<String>,
    },
    /// Write a large, realistic process definition (canonical JSON) for tests and benchmarks
    Generate {
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(2..))]
        nodes: u32,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        lanes: u32,
        /// The same seed gives the same bytes
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file [default: standard output]
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ReportFormat {
    /// One problem per line, with its hint
    Text,
    /// The problems as JSON, with counts
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum DiffFormat {
    /// Changes in meaning, field by field
    Text,
    /// Line diff of the readable renderings
    Unified,
    /// The semantic diff as JSON
    Json,
}

/// A saved version or the process's draft.
#[derive(Clone, Copy)]
enum Revision {
    Version(u32),
    Draft,
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
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("error: {:#}", failure.error);
            ExitCode::from(failure.status)
        }
    }
}

/// Returns the exit status: 0, or what `validate` found (1 warnings, 2 errors).
fn run(cli: Cli, out: &mut impl Write) -> Result<u8, Failure> {
    let path = cli.library.unwrap_or_else(flowlane::store::default_path);
    let now = Utc::now();
    let mut status = 0;
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
        Command::Diff {
            process,
            from,
            to,
            format,
            layout,
        } => {
            let library = open(&path)?;
            let id = library.find(&process)?.id;
            let (old_label, old) = load_revision(&library, id, from)?;
            let (new_label, new) = load_revision(&library, id, to)?;
            match format {
                DiffFormat::Text => {
                    let changes = diff::diff(&old, &new);
                    write!(out, "{}", diff::render_text(&changes))?;
                    if layout {
                        write!(out, "{}", diff::render_layout(&changes))?;
                    }
                }
                DiffFormat::Unified => write!(
                    out,
                    "{}",
                    diff::text::unified(&old, &new, &old_label, &new_label)
                )?,
                DiffFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &diff::diff(&old, &new))?;
                    writeln!(out)?;
                }
            }
        }
        Command::Validate {
            target,
            version,
            draft,
            format,
        } => {
            let (subject, definition, context) =
                validation_subject(&path, &target, version, draft)?;
            let problems = validate::validate(&definition, &context);
            write_problems(out, &subject, &definition, &problems, format)?;
            status = match problems.iter().map(|p| p.severity).max() {
                None => 0,
                Some(validate::Severity::Warning) => 1,
                Some(validate::Severity::Error) => 2,
            };
        }
        Command::Rules {
            code,
            level,
            author,
        } => match (code, level) {
            (Some(code), Some(level)) => {
                let level = match level.as_str() {
                    "default" => None,
                    other => Some(other.parse::<validate::Level>()?),
                };
                let author = author
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_else(|| "unknown".into());
                open(&path)?.set_rule_level(&code, level, &author, now)?;
                let rule = validate::rule(&code).map(|r| r.level);
                writeln!(out, "{}", rule_line(&code, level, rule))?;
            }
            (code, _) => {
                let levels = if path.exists() {
                    open(&path)?.rule_levels()?
                } else {
                    Default::default()
                };
                if let Some(code) = code.as_deref().filter(|c| validate::rule(c).is_none()) {
                    return Err(anyhow!("there is no validation rule \"{code}\"").into());
                }
                let shown = validate::RULES
                    .iter()
                    .filter(|r| code.as_deref().is_none_or(|c| c == r.code));
                for rule in shown {
                    let set = levels.get(rule.code).copied();
                    writeln!(out, "{}", rule_line(rule.code, set, Some(rule.level)))?;
                }
            }
        },
        Command::Verify => {
            let library = open(&path)?;
            let report = library.verify()?;
            write!(out, "{}", report.render())?;
            if !report.is_clean() {
                return Err(bad_input(anyhow!(
                    "the library was changed outside Flowlane: {} problem(s) found",
                    report.problems.len()
                )));
            }
        }
        Command::Generate {
            nodes,
            lanes,
            seed,
            output,
        } => {
            let spec = generate::GenerateSpec {
                nodes: nodes as usize,
                lanes: lanes as usize,
                seed,
                // Fixed, so one command line always writes the same file.
                at: generate::EPOCH,
            };
            let bytes = canonical::to_bytes(&generate::generate(&spec)?);
            match output {
                Some(file) => std::fs::write(&file, bytes)
                    .with_context(|| format!("cannot write {}", file.display()))?,
                None => out.write_all(&bytes)?,
            }
        }
    }
    Ok(status)
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

/// Loads a version or the draft, with the label a diff shows for it.
fn load_revision(
    library: &Library,
    process: flowlane::model::Id,
    revision: Revision,
) -> Result<(String, flowlane::model::Process), Failure> {
    match revision {
        Revision::Version(number) => {
            Ok((format!("v{number}"), library.load(process, Some(number))?.1))
        }
        Revision::Draft => match library.draft(process)? {
            Some(draft) => Ok(("draft".into(), draft.process)),
            None => Err(anyhow!("the process has no draft").into()),
        },
    }
}

fn parse_revision(text: &str) -> Result<Revision, String> {
    if text.eq_ignore_ascii_case("draft") {
        return Ok(Revision::Draft);
    }
    text.trim_start_matches(['v', 'V'])
        .parse()
        .map(Revision::Version)
        .map_err(|_| format!("`{text}` is not a version number or `draft`"))
}

/// Reads a definition file; a malformed one is named with its line and column.
fn parse_definition(file: &Path) -> Result<flowlane::model::Process, Failure> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    canonical::parse(&text).map_err(|e| bad_input(anyhow!("{}: {e}", file.display())))
}

/// Reads a definition file to save: only structural errors refuse it, never design warnings or
/// rule errors (`validate` reports those).
fn read_definition(file: &Path) -> Result<flowlane::model::Process, Failure> {
    let definition = parse_definition(file)?;
    let problems = validate::structure(&definition);
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

/// What `validate` checks: a definition file (when TARGET is an existing .json file) or a process
/// of the library, and the library's context (its processes and rule levels) when there is one.
fn validation_subject(
    library: &Path,
    target: &str,
    version: Option<u32>,
    draft: bool,
) -> Result<(String, flowlane::model::Process, validate::Context), Failure> {
    let file = Path::new(target);
    if file.is_file() && file.extension().is_some_and(|e| e == "json") {
        if version.is_some() || draft {
            return Err(anyhow!(
                "--version and --draft choose a process of the library, not a file"
            )
            .into());
        }
        let definition = parse_definition(file)?;
        let context = if library.exists() {
            open(library)?.validation_context()?
        } else {
            validate::Context::default()
        };
        return Ok((file.display().to_string(), definition, context));
    }
    let library = open(library)?;
    let found = library.find(target)?;
    let context = library.validation_context()?;
    if draft || (version.is_none() && found.latest.is_none()) {
        let draft = library
            .draft(found.id)?
            .ok_or_else(|| anyhow!("\"{}\" has no draft", found.name))?;
        return Ok((format!("{} (draft)", found.name), draft.process, context));
    }
    let (info, definition) = library.load(found.id, version)?;
    Ok((
        format!("{} v{}", found.name, info.number),
        definition,
        context,
    ))
}

fn write_problems(
    out: &mut impl Write,
    subject: &str,
    process: &flowlane::model::Process,
    problems: &[validate::Problem],
    format: ReportFormat,
) -> anyhow::Result<()> {
    let errors = problems
        .iter()
        .filter(|p| p.severity == validate::Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if format == ReportFormat::Json {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            subject: &'a str,
            errors: usize,
            warnings: usize,
            problems: &'a [validate::Problem],
        }
        let report = Report {
            subject,
            errors,
            warnings,
            problems,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    for p in problems {
        let severity = match p.severity {
            validate::Severity::Error => "error",
            validate::Severity::Warning => "warning",
        };
        writeln!(out, "{severity}[{}]: {}", p.code, p.message)?;
        writeln!(out, "    hint: {}", p.hint)?;
        if !p.path.is_empty() {
            let steps: Vec<String> = p
                .path
                .iter()
                .map(|s| {
                    process
                        .node(s.node)
                        .map_or("?".into(), |n| format!("\"{}\"", n.name))
                })
                .collect();
            writeln!(out, "    run: {}", steps.join(" -> "))?;
        }
    }
    match (errors, warnings) {
        (0, 0) => writeln!(out, "{subject}: no problems")?,
        _ => writeln!(
            out,
            "{subject}: {errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )?,
    }
    Ok(())
}

/// `code  level  (default …)` for `rules`.
fn rule_line(code: &str, set: Option<validate::Level>, default: Option<validate::Level>) -> String {
    let default = default.unwrap_or(validate::Level::Error);
    match set {
        Some(level) if level != default => format!(
            "{code:<34} {:<8} (default {})",
            level.as_str(),
            default.as_str()
        ),
        _ => format!("{code:<34} {}", default.as_str()),
    }
}
