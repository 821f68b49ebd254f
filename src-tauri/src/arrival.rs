//! What a launch hands the window, carried out as far as the shell can: a library is opened in
//! place of the current one; a BPMN file is read for the import dialog; two sides are read for
//! the compare view. Files are read before the launch returns: a `git difftool` deletes its
//! temporary copies as soon as the tool it started has ended.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

use crate::error::CommandError;
use crate::file_comparison::FileComparison;
use crate::launch::Launch;
use crate::picked::PickedBpmn;
use crate::state::AppState;

/// What the window does with a launch: shows the library now open, asks how to import a file,
/// compares two definitions read-only, or says why a file was not opened (nothing was written).
#[derive(Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Arrival {
    Library { path: String },
    Import { picked: PickedBpmn },
    Compare { comparison: Box<FileComparison> },
    Refused { message: String },
}

/// The event that tells the window an arrival waits (`take_arrival` hands it over).
pub const ARRIVED: &str = "arrived";

impl Arrival {
    /// The library at `path` is now the one in the window.
    pub fn library(path: &Path) -> Arrival {
        Arrival::Library {
            path: path.display().to_string(),
        }
    }

    /// Why a library named by a launch was not opened.
    pub fn library_refused(err: &CommandError) -> Arrival {
        Arrival::Refused {
            message: format!(
                "{}. The library open before stays open.",
                err.message.trim_end_matches('.')
            ),
        }
    }

    /// Carries out `launch` on the window's state; none for a launch that names nothing.
    pub fn of(launch: Launch, state: &AppState, now: DateTime<Utc>) -> Option<Arrival> {
        let refused = |message: String| Some(Arrival::Refused { message });
        match launch {
            Launch::Plain => None,
            Launch::Refused(message) => refused(message),
            Launch::OpenLibrary(path) => Some(match state.switch_library(&path, now) {
                Ok(()) => Arrival::library(&path),
                Err(err) => Arrival::library_refused(&err),
            }),
            Launch::ImportBpmn(path) => {
                let shown = path.display().to_string();
                match state
                    .library()
                    .and_then(|library| PickedBpmn::read(&library, path))
                {
                    Ok(picked) => Some(Arrival::Import { picked }),
                    Err(err) => refused(format!("{shown} was not imported: {}", err.message)),
                }
            }
            Launch::Compare { old, new } => {
                let library = state.library().ok();
                match FileComparison::load(library.as_deref(), &old, &new) {
                    Ok(comparison) => Some(Arrival::Compare {
                        comparison: Box::new(comparison),
                    }),
                    Err(err) => refused(format!(
                        "{old} and {new} were not compared: {}",
                        err.message
                    )),
                }
            }
        }
    }
}

/// A second launch's arguments (`args` with its program name, read in its folder `cwd`), handed
/// to this window: carried out, the window told, and brought to the front.
pub fn hand_over(app: &AppHandle, args: Vec<String>, cwd: String) {
    // A launch that comes while the first one is still starting finds no state yet: it only
    // brings the window to the front.
    let state = app.try_state::<AppState>();
    // The second launch refused wrong arguments itself, before handing any over.
    let launch = Launch::parse(args, Path::new(&cwd)).ok();
    if let (Some(state), Some(launch)) = (state, launch) {
        if let Some(arrival) = Arrival::of(launch, &state, Utc::now()) {
            state.arrive(arrival);
            let _ = app.emit(ARRIVED, ());
        }
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}
