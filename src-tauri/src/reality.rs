//! Reality: event logs against the design. A log file is previewed (CSV columns, first rows),
//! imported into the library for a process on a worker with progress and cancel, mapped to the
//! steps, checked for conformance (one version, or every version) and timed. Long work runs off
//! the main thread on what was loaded from the library, so the library is not held meanwhile.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::Utc;
use flowlane::conformance::{self, ActivityMapping, Conformance};
use flowlane::eventlog::{self, CsvColumns, EventLog, LogPreview, ReadOptions};
use flowlane::model::{Id, Process};
use flowlane::performance::{self, Performance};
use flowlane::store::{ActivitySteps, StoredLog};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::CommandError;
use crate::save::{save_as, SaveAs};
use crate::state::AppState;

/// Raised by `cancel_log_import`; the file being read fails its next read.
#[derive(Default)]
pub struct ImportCancel(Arc<AtomicBool>);

/// The CSV columns the user chose, by header name (null: detect it).
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[ts(export)]
pub struct ChosenColumns {
    pub case: Option<String>,
    pub activity: Option<String>,
    pub timestamp: Option<String>,
    pub resource: Option<String>,
    pub lifecycle: Option<String>,
}

impl ChosenColumns {
    fn options(self) -> ReadOptions {
        ReadOptions {
            columns: CsvColumns {
                case: self.case,
                activity: self.activity,
                timestamp: self.timestamp,
                resource: self.resource,
                lifecycle: self.lifecycle,
            },
            ..ReadOptions::default()
        }
    }
}

/// How far an import has come: bytes of the file read (of `total`) and events.
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub events: u64,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct ImportedLog {
    pub log: StoredLog,
    /// False when the same events were stored before for this process (that log is given).
    pub new: bool,
}

/// One version checked against a log: "v1 fits 0.91".
#[derive(Serialize, TS)]
#[ts(export)]
pub struct VersionFit {
    pub version: u32,
    /// Alignment fitness of the whole log (0–1); none when it could not be checked.
    pub fitness: Option<f64>,
    pub fitting_percent: Option<f64>,
    pub precision: Option<f64>,
    /// Why the check failed for this version.
    pub error: Option<String>,
}

/// The activity → step table of a log against a version, and the steps to choose from.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct MappingTable {
    pub steps: Vec<String>,
    pub activities: Vec<ActivityMapping>,
}

#[derive(Clone, Copy, Debug, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RealityReport {
    Conformance,
    Performance,
}

#[derive(Clone, Copy, Debug, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportFile {
    Csv,
    Json,
}

/// Asks for a log file; its path, or `None` when cancelled.
#[tauri::command]
pub async fn pick_log(app: tauri::AppHandle) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title("Import event log")
        .add_filter("Event logs", &["csv", "xes", "gz", "txt"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

fn unreadable(path: &std::path::Path, err: impl std::fmt::Display) -> CommandError {
    CommandError::new(
        "log",
        format!("{}: {err}; nothing was stored", path.display()),
    )
}

/// The start of the file at `path` as the import dialog shows it; nothing is stored.
#[tauri::command]
pub async fn preview_log(
    path: PathBuf,
    columns: ChosenColumns,
) -> Result<LogPreview, CommandError> {
    let file = std::fs::File::open(&path).map_err(|e| unreadable(&path, e))?;
    eventlog::preview(file, &columns.options(), 20).map_err(|e| unreadable(&path, e))
}

/// A file read that fails once the cancel flag is raised, and counts its bytes for progress.
struct Cancellable<R> {
    inner: R,
    cancel: Arc<AtomicBool>,
}

impl<R: Read> Read for Cancellable<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the import was cancelled"));
        }
        self.inner.read(buf)
    }
}

/// Reads the log at `path` whole (progress to `on_progress`) and stores it with process `id`,
/// named after the file. A log that cannot be read, or a cancelled import, stores nothing.
#[tauri::command]
pub async fn import_log(
    state: State<'_, AppState>,
    cancel: State<'_, ImportCancel>,
    id: Id,
    path: PathBuf,
    columns: ChosenColumns,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportedLog, CommandError> {
    cancel.0.store(false, Ordering::Relaxed);
    let flag = cancel.0.clone();
    let file = std::fs::File::open(&path).map_err(|e| unreadable(&path, e))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let read_path = path.clone();
    let work = move || {
        let input = Cancellable {
            inner: file,
            cancel: flag.clone(),
        };
        let mut report = |p: eventlog::Progress| {
            let _ = on_progress.send(ImportProgress {
                bytes: p.bytes,
                total,
                events: p.events,
            });
        };
        let read = eventlog::read(input, &columns.options(), &mut report);
        match read {
            _ if flag.load(Ordering::Relaxed) => Err(CommandError::new(
                "cancelled",
                "the import was cancelled; nothing was stored",
            )),
            Ok(log) => Ok(log),
            Err(e) => Err(unreadable(&read_path, e)),
        }
    };
    let log = tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| CommandError::new("log", format!("reading stopped unexpectedly: {e}")))??;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (log, new) = state
        .library()?
        .store_log(id, &name, &log, &state.author, Utc::now())?;
    Ok(ImportedLog { log, new })
}

#[tauri::command]
pub fn cancel_log_import(cancel: State<ImportCancel>) {
    cancel.0.store(true, Ordering::Relaxed);
}

#[tauri::command]
pub fn process_logs(state: State<AppState>, id: Id) -> Result<Vec<StoredLog>, CommandError> {
    Ok(state.library()?.logs(id)?)
}

/// What a check reads, loaded while the library is held: a version, the log, the saved mapping.
pub(crate) struct Subject {
    pub version: u32,
    pub definition: Process,
    pub log: EventLog,
    pub mapping: ActivitySteps,
}

pub(crate) fn load(
    state: &AppState,
    id: Id,
    version: Option<u32>,
    log: u32,
) -> Result<Subject, CommandError> {
    let library = state.library()?;
    let (info, definition) = library.load(id, version)?;
    let (_, log) = library.load_log(id, log)?;
    Ok(Subject {
        version: info.number,
        definition,
        log,
        mapping: library.activity_mapping(id)?,
    })
}

async fn off_main<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| {
            CommandError::new(
                "conformance",
                format!("the check stopped unexpectedly: {e}"),
            )
        })?
}

fn conformance_of(s: &Subject) -> Result<Conformance, CommandError> {
    conformance::check_mapped(&s.definition, s.version, &s.log, &s.mapping)
        .map_err(|e| CommandError::new("conformance", format!("v{}: {e}", s.version)))
}

fn performance_of(s: &Subject) -> Result<Performance, CommandError> {
    let timed = s
        .log
        .cases
        .iter()
        .any(|c| c.events.iter().any(|e| e.time.is_some()));
    if !timed {
        return Err(CommandError::new(
            "performance",
            "no event of the log has a timestamp, so nothing can be timed",
        ));
    }
    Ok(performance::analyse_mapped(
        &s.definition,
        s.version,
        &s.log,
        &s.mapping,
    ))
}

/// Log `log` of process `id` against version `version` (the latest without).
#[tauri::command]
pub async fn log_conformance(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    log: u32,
) -> Result<Conformance, CommandError> {
    let subject = load(&state, id, version, log)?;
    off_main(move || conformance_of(&subject)).await
}

/// Log `log` against every version of process `id`, oldest first.
#[tauri::command]
pub async fn log_fit_by_version(
    state: State<'_, AppState>,
    id: Id,
    log: u32,
) -> Result<Vec<VersionFit>, CommandError> {
    let (versions, log, mapping) = {
        let library = state.library()?;
        let mut versions = Vec::new();
        for info in library.history(id)? {
            versions.push(library.load(id, Some(info.number))?);
        }
        (
            versions,
            library.load_log(id, log)?.1,
            library.activity_mapping(id)?,
        )
    };
    off_main(move || {
        let mut fits: Vec<VersionFit> = versions
            .iter()
            .map(|(info, definition)| {
                match conformance::check_mapped(definition, info.number, &log, &mapping) {
                    Ok(c) => VersionFit {
                        version: info.number,
                        fitness: Some(c.alignments.log_fitness),
                        fitting_percent: Some(c.alignments.fitting_percent),
                        precision: Some(c.precision),
                        error: None,
                    },
                    Err(e) => VersionFit {
                        version: info.number,
                        fitness: None,
                        fitting_percent: None,
                        precision: None,
                        error: Some(e.to_string()),
                    },
                }
            })
            .collect();
        fits.sort_by_key(|f| f.version);
        Ok(fits)
    })
    .await
}

/// How the activities of log `log` meet the steps of version `version` (the latest without).
#[tauri::command]
pub fn log_mapping(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
    log: u32,
) -> Result<MappingTable, CommandError> {
    let s = load(&state, id, version, log)?;
    let steps = conformance::net::build(&s.definition).labels;
    let activities = conformance::mapping::table(&s.log.activities, &steps, &s.mapping);
    Ok(MappingTable { steps, activities })
}

/// Saves which activity is which step for process `id` (null: no step), replacing what was saved.
#[tauri::command]
pub fn save_log_mapping(
    state: State<AppState>,
    id: Id,
    mapping: BTreeMap<String, Option<String>>,
) -> Result<(), CommandError> {
    Ok(state
        .library()?
        .save_activity_mapping(id, &mapping, &state.author, Utc::now())?)
}

#[tauri::command]
pub async fn log_performance(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    log: u32,
) -> Result<Performance, CommandError> {
    let subject = load(&state, id, version, log)?;
    off_main(move || performance_of(&subject)).await
}

/// Asks where to save a report on log `log` and version `version` and writes it: conformance
/// per case or performance per step as CSV, either whole as JSON; `None` when cancelled.
#[tauri::command]
pub async fn save_reality_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    log: u32,
    report: RealityReport,
    format: ReportFile,
) -> Result<Option<String>, CommandError> {
    let subject = load(&state, id, version, log)?;
    let (stem, extension, kind) = match (report, format) {
        (RealityReport::Conformance, ReportFile::Csv) => ("conformance-cases", "csv", "CSV"),
        (RealityReport::Conformance, ReportFile::Json) => ("conformance", "json", "JSON"),
        (RealityReport::Performance, ReportFile::Csv) => ("performance-steps", "csv", "CSV"),
        (RealityReport::Performance, ReportFile::Json) => ("performance", "json", "JSON"),
    };
    let file_name = format!("{stem}-v{}-log{log}.{extension}", subject.version);
    let bytes = move || -> Result<Vec<u8>, CommandError> {
        let failed = |e: String| CommandError::new("export", e);
        match report {
            RealityReport::Conformance => {
                let c = conformance_of(&subject)?;
                match format {
                    ReportFile::Csv => {
                        conformance::cases_csv(&c).map_err(|e| failed(e.to_string()))
                    }
                    ReportFile::Json => {
                        serde_json::to_vec_pretty(&c).map_err(|e| failed(e.to_string()))
                    }
                }
            }
            RealityReport::Performance => {
                let p = performance_of(&subject)?;
                match format {
                    ReportFile::Csv => {
                        performance::steps_csv(&p).map_err(|e| failed(e.to_string()))
                    }
                    ReportFile::Json => {
                        serde_json::to_vec_pretty(&p).map_err(|e| failed(e.to_string()))
                    }
                }
            }
        }
    };
    let offer = SaveAs {
        file_name: &file_name,
        kind,
        extension,
    };
    save_as(&app, offer, bytes)
}
