//! The desktop shell: opens the library, then answers the UI's commands by calling the core.
//! Each command is a few lines; errors cross to the UI as `{ code, message }`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod error;
mod state;

use flowlane::model::Id;
use tauri::State;

use error::CommandError;
use state::{AppState, LibraryOverview, LoadedVersion};

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

fn main() {
    let state = AppState::open(&state::library_path(), chrono::Utc::now());
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![library_overview, load_process])
        .run(tauri::generate_context!())
        .expect("error while running Flowlane");
}
