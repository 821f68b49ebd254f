//! Discovery for the app's Reality panel: a log file read, its process discovered (inductive
//! miner, infrequent variant) and stored as a new draft, opened for editing.

use std::path::PathBuf;

use flowlane::discover::{self, DiscoverySummary};
use flowlane::eventlog::{self, EventLog, ReadOptions};
use flowlane::model::Id;
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The process discovered in the log at `path` with noise threshold `noise` (0–1), stored as
/// a new draft named after the file and opened; what was made.
#[tauri::command]
pub async fn discover_process(
    state: State<'_, AppState>,
    path: PathBuf,
    noise: f64,
) -> Result<DiscoverySummary, CommandError> {
    let refused = |why: String| CommandError::new("discover", format!("{}: {why}", path.display()));
    let file = std::fs::File::open(&path).map_err(|e| refused(e.to_string()))?;
    let log = eventlog::read(file, &ReadOptions::default(), &mut |_| {})
        .map_err(|e| refused(format!("{e}; nothing was stored")))?;
    let stem = path
        .file_stem()
        .map_or_else(|| "log".into(), |s| s.to_string_lossy());
    let name = format!("{} as discovered", stem.trim_end_matches(".xes"));
    draft(&state, &log, noise, &name).map_err(|e| match e.code.as_str() {
        "discover" => refused(e.message),
        _ => e,
    })
}

/// The process discovered in log `log` stored with process `id`, stored as a new draft named
/// after that process and opened; what was made.
#[tauri::command]
pub async fn discover_stored_log(
    state: State<'_, AppState>,
    id: Id,
    log: u32,
    noise: f64,
) -> Result<DiscoverySummary, CommandError> {
    let (events, name) = {
        let library = state.library()?;
        let (_, events) = library.load_log(id, log)?;
        let (_, process) = library.load(id, None)?;
        (
            events,
            format!("{} as discovered from log {log}", process.info.name),
        )
    };
    draft(&state, &events, noise, &name)
}

/// Discovers `log`'s process, saves it as a new draft called `name` and opens it for editing.
fn draft(
    state: &AppState,
    log: &EventLog,
    noise: f64,
    name: &str,
) -> Result<DiscoverySummary, CommandError> {
    let found = discover::discover(log, noise, name, &mut uuid::Uuid::now_v7)
        .map_err(|e| CommandError::new("discover", e.to_string()))?;
    let summary = found.summary();
    state.start_new_draft(found.process)?;
    Ok(summary)
}
