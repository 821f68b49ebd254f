//! Batch (what-if) simulation for the app: a run on a worker thread that reports progress over a
//! channel and stops when the cancel flag is raised, and saving its result as CSV or JSON.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use flowlane::model::{Id, Process};
use flowlane::simulate::batch::{
    self, BatchError, BatchExport, BatchOptions, BatchProgress, BatchRun, Control, Gaps,
    ParameterSet,
};
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;
use crate::save::{save_as, SaveAs};
use crate::state::AppState;

/// Raised by `batch_cancel`; a running simulation reads it every few thousand events.
#[derive(Default)]
pub struct BatchCancel(Arc<AtomicBool>);

/// Runs `work` off the main thread with a `Control` that `batch_cancel` stops and that sends
/// progress to `on_progress`; `code` names the work in the error if its thread dies.
pub async fn run_controlled<T: Send + 'static>(
    cancel: &BatchCancel,
    on_progress: Channel<BatchProgress>,
    code: &'static str,
    work: impl FnOnce(Control) -> T + Send + 'static,
) -> Result<T, CommandError> {
    cancel.0.store(false, Ordering::Relaxed);
    let flag = cancel.0.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut report = |p: BatchProgress| {
            let _ = on_progress.send(p);
        };
        work(Control {
            cancel: Some(&flag),
            progress: Some(&mut report),
        })
    })
    .await
    .map_err(|e| CommandError::new(code, format!("the run stopped unexpectedly: {e}")))
}

/// Asks for a parameter file (JSON); its path, or `None` when cancelled.
#[tauri::command]
pub async fn pick_parameter_file(app: tauri::AppHandle) -> Option<PathBuf> {
    app.dialog()
        .file()
        .add_filter("What-if parameters", &["json"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// The set in the file at `path`, refused with the line and the closest known name when it names
/// a step, role, variable or decision none of `definitions` has.
fn read_parameters(path: &Path, definitions: &[&Process]) -> Result<ParameterSet, CommandError> {
    let refused =
        |why: String| CommandError::new("parameters", format!("{}: {why}", path.display()));
    let text = std::fs::read_to_string(path).map_err(|e| refused(e.to_string()))?;
    batch::read_parameter_set(&text, definitions).map_err(|e| refused(e.to_string()))
}

/// What version `version` (the latest without) lacks to run, under the parameter file at
/// `parameters` when given, and the defaults that fill it.
#[tauri::command]
pub fn batch_gaps(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
    parameters: Option<PathBuf>,
) -> Result<Gaps, CommandError> {
    let base = state.library()?.what_if_versions(id, version, None)?.base;
    let set = parameters
        .map(|path| read_parameters(&path, &[&base.definition]).map(|set| (path, set)))
        .transpose()?;
    let name = set.as_ref().map(|(path, _)| path.display().to_string());
    let explicit = name.as_deref().zip(set.as_ref().map(|(_, set)| set));
    Ok(batch::gaps(
        &batch::parameterised(&base.definition, explicit).process,
    ))
}

/// Simulates version `version` (the latest without) and, when asked, `compare_with` under the
/// same options, with the parameter file at `parameters` when given; progress goes to
/// `on_progress`, a raised cancel flag ends it with `cancelled`.
#[tauri::command]
#[allow(clippy::too_many_arguments)] // each is one argument the UI sends
pub async fn batch_simulate(
    state: State<'_, AppState>,
    cancel: State<'_, BatchCancel>,
    id: Id,
    version: Option<u32>,
    compare_with: Option<u32>,
    parameters: Option<PathBuf>,
    options: BatchOptions,
    on_progress: Channel<BatchProgress>,
) -> Result<BatchRun, CommandError> {
    let versions = state
        .library()?
        .what_if_versions(id, version, compare_with)?;
    let mut definitions = vec![&versions.base.definition];
    definitions.extend(versions.other.as_ref().map(|o| &o.definition));
    let set = parameters
        .map(|path| read_parameters(&path, &definitions).map(|set| (path, set)))
        .transpose()?;
    let run = run_controlled(&cancel, on_progress, "batch", move |control| {
        let name = set.as_ref().map(|(path, _)| path.display().to_string());
        let explicit = name.as_deref().zip(set.as_ref().map(|(_, set)| set));
        versions.run(explicit, &options, control)
    })
    .await?;
    run.map_err(|e| match e.error {
        BatchError::Cancelled => e.error.into(),
        _ => CommandError {
            code: "batch".into(),
            message: e.to_string(),
        },
    })
}

#[tauri::command]
pub fn batch_cancel(cancel: State<BatchCancel>) {
    cancel.0.store(true, Ordering::Relaxed);
}

/// Asks where to save the run (a native dialog) and writes it there: the steps of the first run
/// as CSV, or the whole run as JSON; `None` when cancelled.
#[tauri::command]
pub async fn save_batch_result(
    app: tauri::AppHandle,
    run: BatchRun,
    format: BatchExport,
) -> Result<Option<String>, CommandError> {
    let offer = SaveAs {
        file_name: &format.file_name(),
        kind: format.label(),
        extension: format.extension(),
    };
    save_as(&app, offer, || {
        batch::run_file(&run, format).map_err(|e| CommandError::new("batch", e.to_string()))
    })
}
