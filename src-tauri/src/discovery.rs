//! Discovery for the app's Reality panel: a log file read, its process discovered (inductive
//! miner, infrequent variant) and stored as a new draft, opened for editing.

use std::path::PathBuf;

use chrono::Utc;
use flowlane::discover::{self, DiscoverySummary};
use flowlane::eventlog::{self, ReadOptions};
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
    let found = discover::discover(&log, noise, &name, &mut uuid::Uuid::now_v7)
        .map_err(|e| refused(e.to_string()))?;
    state
        .library()?
        .save_draft(&found.process, None, Utc::now())?;
    let summary = found.summary();
    state.sessions.start(found.process);
    Ok(summary)
}
