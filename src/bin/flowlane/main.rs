//! The `flowlane` command line: the library from a terminal or a script.

mod args;
mod batch;
mod calibration;
mod case_replay;
mod discovery;
mod export;
mod failure;
mod formats;
mod generation;
mod input;
mod interchange;
mod list;
mod logs;
mod performance;
mod report;
mod review;
mod signing;
mod simulation;
mod subcommands;
mod team;
mod values;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use chrono::Utc;
use clap::Parser;
use flowlane::export::outline::{outline_with, Shown};
use flowlane::store::{Library, ProcessFilter, StoreError};
use flowlane::{arrange, canonical, generate, validate};

use args::{BatchFormat, Cli, Command, GenerateCommand, ReportFormat, ScenarioCommand};
use failure::{bad_input, Failure};
use input::{open, read_definition, validation_subject};
use report::{history_line, rule_line, write_problems};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli, &mut std::io::stdout().lock()) {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("error: {}", failure.message());
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
        Command::List {
            filter,
            ids,
            format,
        } => {
            let filter = ProcessFilter::parse(filter.as_deref().unwrap_or_default())
                .map_err(|e| bad_input(anyhow!(e).context("--filter")))?;
            list::list(&open(&path)?, &filter, ids, format, out)?
        }
        Command::Show {
            process,
            version,
            ids,
        } => {
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
            let processes = library.process_names_by_id()?;
            let shown = Shown {
                ids,
                processes: Some(&processes),
            };
            write!(out, "{}", outline_with(&definition, &shown))?;
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
            for v in &versions {
                writeln!(out, "{}", history_line(v))?;
            }
            if let (Some(at), Some(v)) = (at, versions.first()) {
                signing::approvals_then(&library, v, at, out)?;
            }
        }
        Command::Save {
            process,
            file,
            message,
            author,
        } => {
            let mut library = open(&path)?;
            let mut definition = read_definition(&file)?;
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
                Err(StoreError::UnknownProcess(_)) => {
                    // A new process, named as asked; unless the file's id is already another's.
                    if let Ok(owner) = library.find(&definition.id.to_string()) {
                        return Err(bad_input(anyhow!(
                            "{} holds process \"{}\" ({}) of this library: save it under that \
                             name, or give the file a new id to make a new process",
                            file.display(),
                            owner.name,
                            owner.id
                        )));
                    }
                    if process != definition.id.to_string() {
                        definition.info.name = process.clone();
                    }
                }
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
            // Saved as asked, but what `validate` would call broken is said, on stderr.
            let errors = library.accepted_errors(&definition)?;
            if !errors.is_empty() {
                let subject = format!("{} v{} (saved)", definition.info.name, saved.number);
                let mut stderr = std::io::stderr();
                write_problems(
                    &mut stderr,
                    &subject,
                    &definition,
                    &errors,
                    ReportFormat::Text,
                )?;
            }
        }
        Command::Export {
            process,
            version,
            format,
            engine,
            output,
        } => {
            let request = export::ExportRequest {
                process,
                version,
                format,
                engine,
                output,
            };
            export::export(&open(&path)?, request, out)?;
        }
        Command::Layout {
            process,
            version,
            selection,
            save,
            message,
            author,
        } => {
            let mut library = open(&path)?;
            let id = library.find(&process)?.id;
            let (info, mut definition) = library.load(id, version)?;
            let names = flowlane::describe::Names::of(&definition);
            let selection = selection
                .iter()
                .map(|query| names.find(&definition, query))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| bad_input(e.into()))?;
            let layout = if selection.is_empty() {
                arrange::arrange(&definition)
            } else {
                arrange::arrange_selection(&definition, &selection)
            };
            let unchanged = layout == definition.layout;
            definition.layout = layout;
            if save && unchanged {
                let name = &definition.info.name;
                writeln!(
                    out,
                    "{name} v{} is laid out already; nothing saved",
                    info.number
                )?;
            } else if save {
                let author = author
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_else(|| "unknown".into());
                let saved = library.save_version(&definition, &author, &message, now)?;
                writeln!(out, "saved {} v{}", definition.info.name, saved.number)?;
            } else {
                out.write_all(&canonical::to_bytes(&definition))?;
            }
        }
        Command::Import {
            file,
            into,
            new,
            message,
            author,
        } => {
            let mut library = open(&path)?;
            let target = interchange::Target { into, new };
            interchange::import(&mut library, &file, target, message, author, now, out)?;
        }
        Command::Diff {
            sides, app: true, ..
        } => review::open_in_app(&path, &sides)?,
        Command::Diff {
            sides,
            format,
            layout,
            output,
            app: false,
        } => {
            let request = review::DiffRequest {
                sides,
                format,
                layout,
                output,
            };
            review::diff(&path, request, out)?;
        }
        Command::Textconv { file } => review::textconv(&file, out)?,
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
        Command::Verify { checkpoint } => verify::run(&path, checkpoint.as_deref(), out)?,
        Command::Generate {
            what:
                Some(GenerateCommand::Log {
                    process,
                    version,
                    cases,
                    seed,
                    start,
                    clean,
                    output,
                }),
            ..
        } => {
            let request = generation::LogRequest {
                process,
                version,
                cases,
                seed,
                start,
                clean,
                output,
            };
            generation::log(&open(&path)?, request, out)?;
        }
        Command::Generate {
            what: None,
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
        Command::Simulate {
            process,
            calibrate: Some(log),
            version,
            start,
            seed,
            format,
            columns,
            ..
        } => {
            let request = calibration::CalibrateRequest {
                source: logs::LogSource::new(process, version, log, columns),
                start,
                seed: seed.unwrap_or(1),
                format,
            };
            calibration::calibrate(&open(&path)?, request, out)?;
        }
        Command::Simulate {
            process,
            runs,
            horizon,
            version,
            start,
            seed,
            warm_up,
            params,
            compare,
            compare_params,
            defaults,
            format,
            ..
        } if runs.is_some() || horizon.is_some() => {
            let request = batch::BatchRequest {
                process,
                version,
                start,
                runs,
                horizon,
                seed: seed.unwrap_or(1),
                warm_up,
                params,
                compare,
                compare_params,
                defaults,
                format: format.unwrap_or(BatchFormat::Table),
            };
            status = batch::simulate_batch(&open(&path)?, request, out)?;
        }
        Command::Simulate { seed: Some(_), .. }
        | Command::Simulate {
            warm_up: Some(_), ..
        }
        | Command::Simulate {
            params: Some(_), ..
        }
        | Command::Simulate {
            compare: Some(_), ..
        }
        | Command::Simulate {
            compare_params: Some(_),
            ..
        }
        | Command::Simulate { defaults: true, .. }
        | Command::Simulate {
            format: Some(_), ..
        } => {
            return Err(bad_input(anyhow!(
                "--seed, --warm-up, --params, --compare, --compare-params, --defaults and --format are for batch mode: add --runs N or --horizon D"
            )));
        }
        Command::Simulate {
            process,
            data,
            version,
            start,
            choose,
            log,
            ..
        } => {
            let request = simulation::SimulateRequest {
                process,
                data,
                version,
                // The simulated clock starts on a whole minute.
                start: start.unwrap_or_else(|| {
                    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::minutes(1))
                        .unwrap_or(now)
                }),
                choose,
                log,
            };
            status = simulation::simulate(&open(&path)?, request, out)?;
        }
        Command::Remote { command } => team::remote(&path, command, now, out)?,
        Command::Push { author } => status = team::push(&path, author, now, out)?,
        Command::Pull { author } => team::pull(&path, author, now, out)?,
        Command::Signing { command } => signing::run(&path, command, now, out)?,
        Command::Tag {
            process,
            version,
            tag,
            author,
        } => signing::tag(&path, &process, version, &tag, author, now, out)?,
        Command::Merge {
            process,
            take,
            conflicts,
            keep_in,
            drop_dependents,
            author,
        } => {
            let request = team::MergeRequest {
                process,
                take,
                numbers: conflicts,
                keep_in,
                drop_dependents,
            };
            status = team::merge(&path, &request, author, now, out)?;
        }
        Command::Log { command } => logs::log(&path, command, now, out)?,
        Command::Discover(args) => discovery::discover(&path, args, now, out)?,
        Command::Conformance {
            process,
            log,
            version,
            format,
            columns,
        } => {
            let source = logs::LogSource::new(process, version, log, columns);
            let request = logs::ConformanceRequest { source, format };
            logs::conformance(&open(&path)?, request, out)?;
        }
        Command::Performance {
            process,
            log,
            version,
            format,
            columns,
        } => {
            let source = logs::LogSource::new(process, version, log, columns);
            let request = performance::PerformanceRequest { source, format };
            performance::performance(&open(&path)?, request, out)?;
        }
        Command::Scenario { command } => match command {
            ScenarioCommand::List { process } => {
                simulation::list_scenarios(&open(&path)?, process, out)?
            }
            ScenarioCommand::Run { name, log } => {
                status = simulation::run_scenario(&open(&path)?, &name, log, out)?;
            }
            ScenarioCommand::FromLog {
                process,
                log,
                case_id,
                version,
                save,
                author,
                columns,
            } => {
                let request = case_replay::CaseRequest {
                    process,
                    log,
                    case: case_id,
                    version,
                    save,
                    author,
                    columns: *columns,
                };
                status = case_replay::from_log(&mut open(&path)?, request, now, out)?;
            }
        },
    }
    Ok(status)
}
