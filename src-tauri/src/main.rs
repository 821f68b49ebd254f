//! The desktop shell: opens the library, then answers the UI's commands by calling the core.
//! Each command is a few lines; errors cross to the UI as `{ code, message }`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod error;
mod export_file;
mod simulation;
mod state;
mod sync;

use chrono::{DateTime, Utc};
use flowlane::model::Id;
use flowlane::simulate::{self, Action, Instance, LogFormat, Scenario};
use flowlane::store::{ScenarioSummary, VerifyReport, VersionInfo};
use flowlane::validate::{self, Problem};
use serde_json::{Map, Value as Json};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use error::CommandError;
use flowlane::sync::merge::Side;
use simulation::{ScenarioReplay, SimulationStep};
use state::{AppState, Comparison, LibraryOverview, LoadedVersion};
use sync::{MergeOutcome, SyncResult, SyncState};

#[tauri::command]
fn library_overview(state: State<AppState>) -> Result<LibraryOverview, CommandError> {
    state.overview()
}

#[tauri::command]
fn load_process(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
) -> Result<LoadedVersion, CommandError> {
    let (version, process) = state.library()?.load(id, version)?;
    Ok(LoadedVersion { version, process })
}

#[tauri::command]
fn process_history(state: State<AppState>, id: Id) -> Result<Vec<VersionInfo>, CommandError> {
    Ok(state.library()?.history(id)?)
}

#[tauri::command]
fn version_at(
    state: State<AppState>,
    id: Id,
    at: DateTime<Utc>,
) -> Result<Option<VersionInfo>, CommandError> {
    Ok(state.library()?.version_at(id, at)?)
}

#[tauri::command]
fn restore_version(
    state: State<AppState>,
    id: Id,
    number: u32,
) -> Result<VersionInfo, CommandError> {
    Ok(state
        .library()?
        .restore_version(id, number, &state.author, Utc::now())?)
}

#[tauri::command]
fn tag_version(
    state: State<AppState>,
    id: Id,
    number: u32,
    tag: String,
) -> Result<(), CommandError> {
    Ok(state
        .library()?
        .tag(id, number, &tag, &state.author, Utc::now())?)
}

#[tauri::command]
fn compare_versions(
    state: State<AppState>,
    id: Id,
    from: u32,
    to: u32,
) -> Result<Comparison, CommandError> {
    let library = state.library()?;
    Ok(Comparison::of(
        library.load(id, Some(from))?,
        library.load(id, Some(to))?,
    ))
}

#[tauri::command]
fn verify_library(state: State<AppState>) -> Result<VerifyReport, CommandError> {
    Ok(state.library()?.verify()?)
}

#[tauri::command]
fn validate_process(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
) -> Result<Vec<Problem>, CommandError> {
    let library = state.library()?;
    Ok(validate::validate(
        &library.load(id, version)?.1,
        &library.validation_context()?,
    ))
}

#[tauri::command]
fn simulation_start(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
    data: Map<String, Json>,
    start: DateTime<Utc>,
) -> Result<SimulationStep, CommandError> {
    let library = state.library()?;
    let definition = library.load(id, version)?.1;
    Ok(simulate::start(definition, data, start, &*library)?.into())
}

#[tauri::command]
fn simulation_fire(instance: Instance, action: Action) -> Result<SimulationStep, CommandError> {
    Ok(simulate::fire(instance, action)?.into())
}

#[tauri::command]
fn simulation_log(instance: Instance, format: LogFormat) -> String {
    simulate::render_log(&instance, format)
}

/// Asks where to save the log (a native dialog) and writes it there; `None` when cancelled.
/// Async, so the dialog does not block the main thread that draws it.
#[tauri::command]
async fn save_simulation_log(
    app: tauri::AppHandle,
    instance: Instance,
    format: LogFormat,
) -> Result<Option<String>, CommandError> {
    let (kind, extension) = match format {
        LogFormat::Csv => ("CSV", "csv"),
        LogFormat::Markdown => ("Markdown", "md"),
        LogFormat::Text => ("Text", "txt"),
    };
    let chosen = app
        .dialog()
        .file()
        .set_file_name(format!("simulation-log.{extension}"))
        .add_filter(kind, &[extension])
        .blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    export_file::write_atomically(&path, simulate::render_log(&instance, format).as_bytes())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
fn save_scenario(state: State<AppState>, scenario: Scenario) -> Result<(), CommandError> {
    Ok(state
        .library()?
        .save_scenario(&scenario, &state.author, Utc::now())?)
}

#[tauri::command]
fn list_scenarios(state: State<AppState>, id: Id) -> Result<Vec<ScenarioSummary>, CommandError> {
    Ok(state.library()?.scenarios(Some(id))?)
}

#[tauri::command]
fn replay_scenario(state: State<AppState>, name: String) -> Result<ScenarioReplay, CommandError> {
    ScenarioReplay::of(&*state.library()?, &name)
}

#[tauri::command]
fn sync_state(state: State<AppState>) -> Result<SyncState, CommandError> {
    SyncState::of(&*state.library()?)
}

#[tauri::command]
async fn link_remote(state: State<'_, AppState>, url: String) -> Result<SyncState, CommandError> {
    let mut library = state.library()?;
    flowlane::sync::link(&mut library, &url, "main", &state.author, Utc::now())?;
    SyncState::of(&library)
}

/// Pull, then push; async so the window keeps drawing while git talks to the repository.
#[tauri::command]
async fn sync_now(state: State<'_, AppState>) -> Result<SyncResult, CommandError> {
    sync::sync_now(&mut *state.library()?, &state.author, Utc::now())
}

#[tauri::command]
fn resolve_merge(
    state: State<AppState>,
    id: Id,
    choices: Vec<(u32, Side)>,
) -> Result<MergeOutcome, CommandError> {
    sync::resolve(
        &mut *state.library()?,
        id,
        &choices,
        &state.author,
        Utc::now(),
    )
}

fn main() {
    let state = AppState::open(&state::library_path(), Utc::now());
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            library_overview,
            load_process,
            process_history,
            version_at,
            restore_version,
            tag_version,
            compare_versions,
            verify_library,
            validate_process,
            simulation_start,
            simulation_fire,
            simulation_log,
            save_simulation_log,
            save_scenario,
            list_scenarios,
            replay_scenario,
            sync_state,
            link_remote,
            sync_now,
            resolve_merge,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Flowlane");
}
