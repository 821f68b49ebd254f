use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use flowlane::diff::{self, text::SideBySide, Diff};
use flowlane::export::png::system_fonts;
use flowlane::export::version::render_version;
use flowlane::export::ExportFormat;
use flowlane::expr::dialect::Engine;
use flowlane::model::{Id, Process};
use flowlane::simulate::Runs;
use flowlane::store::{Library, ProcessSummary, VersionInfo};
use serde::Serialize;
use ts_rs::TS;

use crate::arrival::Arrival;
use crate::editor::Sessions;
use crate::error::CommandError;
use crate::launch::Launch;
use crate::simulation::LIVE_RUNS;

/// The open library, or why it could not be opened (shown in the window instead of crashing).
pub struct AppState {
    library: Mutex<Opened>,
    /// What a launch handed over and the window has not taken yet (the newest wins).
    arrival: Mutex<Option<Arrival>>,
    /// Recorded as the author of versions and tags made in this session.
    pub author: String,
    /// The processes open for editing.
    pub sessions: Sessions,
    /// The step-by-step simulations of this window.
    runs: Mutex<Runs>,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct LibraryOverview {
    pub path: String,
    /// True when this start created the library (with the samples).
    pub created: bool,
    pub processes: Vec<ProcessSummary>,
    /// Why nothing can be saved, when the library was opened read-only (e.g. "it is on a
    /// read-only disk or mount"); browsing, comparing, simulating and exporting still work.
    pub read_only: Option<String>,
}

/// A saved version with its definition.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LoadedVersion {
    pub version: VersionInfo,
    pub process: Process,
}

/// Two versions of a process with what changed between them, for compare mode.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub old: LoadedVersion,
    pub new: LoadedVersion,
    pub diff: Diff,
    pub text: SideBySide,
}

/// Unchanged outline lines shown around each change in the text view.
pub const TEXT_CONTEXT: usize = 3;

impl Comparison {
    pub fn of(old: (VersionInfo, Process), new: (VersionInfo, Process)) -> Comparison {
        let diff = diff::diff(&old.1, &new.1);
        let text = diff::text::side_by_side(&old.1, &new.1, TEXT_CONTEXT);
        let [old, new] = [old, new].map(|(version, process)| LoadedVersion { version, process });
        Comparison {
            old,
            new,
            diff,
            text,
        }
    }
}

/// `FLOWLANE_LIBRARY` if set, else the platform's default library.
pub fn library_path() -> PathBuf {
    std::env::var_os("FLOWLANE_LIBRARY")
        .map(PathBuf::from)
        .unwrap_or_else(flowlane::store::default_path)
}

/// `FLOWLANE_AUTHOR`, else the login name.
fn author() -> String {
    ["FLOWLANE_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The library the window works on, or why it could not be opened.
struct Opened {
    library: Result<Library, CommandError>,
    /// True when this start created the library (with the samples).
    created: bool,
}

/// The open library, locked; only made when there is one.
pub struct LibraryGuard<'a>(MutexGuard<'a, Opened>);

impl Deref for LibraryGuard<'_> {
    type Target = Library;

    fn deref(&self) -> &Library {
        match &self.0.library {
            Ok(library) => library,
            Err(_) => unreachable!("a guard is made only over an open library"),
        }
    }
}

impl DerefMut for LibraryGuard<'_> {
    fn deref_mut(&mut self) -> &mut Library {
        match &mut self.0.library {
            Ok(library) => library,
            Err(_) => unreachable!("a guard is made only over an open library"),
        }
    }
}

impl AppState {
    /// The window's state for `launch`: the library it names (falling back, with a message, to
    /// the one at `default` when that cannot be opened), else the one at `default`; what else
    /// the launch asks waits for the window to take it.
    pub fn start(default: &Path, launch: Launch, now: DateTime<Utc>) -> AppState {
        if let Launch::OpenLibrary(path) = &launch {
            // Opened as it is: a file named on the command line is never created or filled.
            if let Ok(library) = Library::open(path) {
                let state = AppState::with(Ok(library), false);
                state.arrive(Arrival::Library {
                    path: path.display().to_string(),
                });
                return state;
            }
        }
        let state = AppState::open(default, now);
        if let Some(arrival) = Arrival::of(launch, &state, now) {
            state.arrive(arrival);
        }
        state
    }

    /// Opens the library at `path`; a new library gets the samples so there is something to see.
    pub fn open(path: &Path, now: DateTime<Utc>) -> AppState {
        let opened = Library::open_or_create(path).and_then(|(mut library, created)| {
            if created {
                library.add_samples(now)?;
            }
            Ok((library, created))
        });
        match opened {
            Ok((library, created)) => AppState::with(Ok(library), created),
            Err(err) => AppState::with(Err(err.into()), false),
        }
    }

    fn with(library: Result<Library, CommandError>, created: bool) -> AppState {
        AppState {
            library: Mutex::new(Opened { library, created }),
            arrival: Mutex::new(None),
            author: author(),
            sessions: Sessions::default(),
            runs: Mutex::new(Runs::new(LIVE_RUNS)),
        }
    }

    fn opened(&self) -> MutexGuard<'_, Opened> {
        // A panic while holding the lock leaves the library itself consistent (SQLite transactions).
        self.library
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn library(&self) -> Result<LibraryGuard<'_>, CommandError> {
        let opened = self.opened();
        opened.library.as_ref().map_err(Clone::clone)?;
        Ok(LibraryGuard(opened))
    }

    /// Works on the existing library at `path` from now on. Pending edits are written to the
    /// drafts of the library they belong to first; a file that cannot be opened changes nothing.
    pub fn switch_library(&self, path: &Path, now: DateTime<Utc>) -> Result<(), CommandError> {
        let next = Library::open(path)?;
        let mut opened = self.opened();
        if let Ok(current) = &opened.library {
            self.sessions.flush(current, now)?;
        }
        self.sessions.close_all();
        *self.runs() = Runs::new(LIVE_RUNS);
        *opened = Opened {
            library: Ok(next),
            created: false,
        };
        Ok(())
    }

    /// Keeps what a launch handed over until the window takes it.
    pub fn arrive(&self, arrival: Arrival) {
        *self.arrival.lock().unwrap_or_else(|p| p.into_inner()) = Some(arrival);
    }

    pub fn take_arrival(&self) -> Option<Arrival> {
        self.arrival
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }

    pub fn runs(&self) -> MutexGuard<'_, Runs> {
        // A panic while firing leaves every kept state as it was (states are replaced whole).
        self.runs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A saved version (the latest without `version`) rendered: picture, handbook or BPMN
    /// (for `engine` when given).
    pub fn export(
        &self,
        id: Id,
        version: Option<u32>,
        format: ExportFormat,
        engine: Option<Engine>,
    ) -> Result<Vec<u8>, CommandError> {
        let library = self.library()?;
        Ok(render_version(
            &library,
            id,
            version,
            format,
            engine,
            system_fonts,
        )?)
    }

    pub fn overview(&self) -> Result<LibraryOverview, CommandError> {
        let library = self.library()?;
        Ok(LibraryOverview {
            path: library.path().display().to_string(),
            created: library.0.created,
            processes: library.processes()?,
            read_only: library.read_only().map(|why| why.to_string()),
        })
    }
}
