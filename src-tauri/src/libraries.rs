//! Choosing the library: which one opens at start, File ▸ Open library…, New library… and
//! Recent libraries (remembered in Flowlane's settings file), and the About box.

use std::path::{Path, PathBuf};

use chrono::Utc;
use flowlane::store::{self, AppSettings};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::CommandError;
use crate::menu::MenuBar;
use crate::state::AppState;

const EXTENSION: &str = "flowlane";

/// Where Flowlane's settings are: `settings.json` in the data folder.
fn settings_path() -> PathBuf {
    store::default_settings_path()
}

/// The library to open at start: `FLOWLANE_LIBRARY` if set, else the one opened last (if it
/// is still there), else the default library in the data folder.
pub fn at_start() -> PathBuf {
    if let Some(path) = std::env::var_os("FLOWLANE_LIBRARY") {
        return PathBuf::from(path);
    }
    AppSettings::read(&settings_path())
        .ok()
        .and_then(|settings| settings.recent_libraries.into_iter().find(|p| p.is_file()))
        .unwrap_or_else(store::default_path)
}

/// Puts the library now open first in Recent libraries (in the settings and the menu). A
/// settings file that cannot be read is left as it is; the menu says why the list is missing.
pub fn remember(app: &AppHandle, library: &Path) {
    let file = settings_path();
    // The same library reached by two paths is listed once.
    let library = std::fs::canonicalize(library).unwrap_or_else(|_| library.to_path_buf());
    let listed = AppSettings::read(&file).and_then(|mut settings| {
        settings.remember(&library);
        settings.write(&file)?;
        Ok(settings.recent_libraries)
    });
    let (paths, problem) = match listed {
        Ok(paths) => (paths, None),
        Err(err) => (Vec::new(), Some(err.to_string())),
    };
    if let Some(bar) = app.try_state::<MenuBar>() {
        if let Err(err) = bar.show_recent(app, &paths, &library, problem.as_deref()) {
            eprintln!("Recent libraries could not be listed: {err}");
        }
    }
}

/// File ▸ Open library…: asks for a library file (a native dialog); None when cancelled.
#[tauri::command]
pub async fn pick_library(app: AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .set_title("Open library")
        .add_filter("Flowlane library", &[EXTENSION])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// File ▸ New library…: asks where to create one (a native dialog); None when cancelled. A
/// name without an extension gets `.flowlane`.
#[tauri::command]
pub async fn pick_new_library(app: AppHandle) -> Option<String> {
    let mut path = app
        .dialog()
        .file()
        .set_title("New library")
        .set_file_name("library.flowlane")
        .add_filter("Flowlane library", &[EXTENSION])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())?;
    if path.extension().is_none() {
        path.set_extension(EXTENSION);
    }
    Some(path.display().to_string())
}

/// Closes the library in the window and opens the one at `path` (with `create`, a new one
/// seeded with the samples). Working copies are kept as drafts in the library they belong to.
/// A library that cannot be opened (damaged, newer, not a library) changes nothing.
#[tauri::command]
pub async fn switch_library(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    create: bool,
) -> Result<(), CommandError> {
    let opened = state.switch(&path, create, Utc::now())?;
    remember(&app, &opened);
    Ok(())
}

/// What Help ▸ About shows.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct About {
    pub version: String,
    /// The commit the app was built from, or "unknown".
    pub commit: String,
    /// The library format (schema version) this build writes and reads up to.
    pub library_format: u32,
    pub data_folder: String,
    pub library_path: String,
    pub settings_path: String,
}

#[tauri::command]
pub fn about(state: State<AppState>) -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_string(),
        commit: env!("FLOWLANE_COMMIT").to_string(),
        library_format: store::library_format(),
        data_folder: store::data_folder().display().to_string(),
        library_path: state.library_path().display().to_string(),
        settings_path: settings_path().display().to_string(),
    }
}
