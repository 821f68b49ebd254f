use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use parking_lot::{MappedMutexGuard, Mutex as Slot, MutexGuard as SlotGuard};

use chrono::{DateTime, Utc};
use flowlane::describe::Names;
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
/// Another library can take its place (`switch`): the slot is replaced whole.
pub struct AppState {
    open: Slot<OpenLibrary>,
    /// What a launch handed over and the window has not taken yet (the newest wins).
    arrival: Mutex<Option<Arrival>>,
    /// Recorded as the author of versions and tags made in this session.
    pub author: String,
    /// The processes open for editing.
    pub sessions: Sessions,
    /// The step-by-step simulations of this window.
    runs: Mutex<Runs>,
}

/// The library in the window: where it is, whether this start created it, and it (or why not).
struct OpenLibrary {
    path: PathBuf,
    created: bool,
    library: Result<Library, CommandError>,
}

impl OpenLibrary {
    /// Opens the library at `path`; a new library gets the samples so there is something to see.
    fn at(path: &Path, now: DateTime<Utc>) -> OpenLibrary {
        let opened = Library::open_or_create(path).and_then(|(mut library, created)| {
            if created {
                library.add_samples(now)?;
            }
            Ok((library, created))
        });
        let (library, created) = match opened {
            Ok((library, created)) => (Ok(library), created),
            Err(err) => (Err(err.into()), false),
        };
        OpenLibrary {
            path: path.to_path_buf(),
            created,
            library,
        }
    }

    /// Opens the existing library at `path`, or with `create` makes a new one there with the
    /// samples, as a first start does. An existing file is never replaced.
    fn switch_to(
        path: &Path,
        create: bool,
        now: DateTime<Utc>,
    ) -> Result<OpenLibrary, CommandError> {
        let library = if create {
            let mut library = Library::create(path)?;
            library.add_samples(now)?;
            library
        } else {
            Library::open(path)?
        };
        Ok(OpenLibrary {
            path: library.path().to_path_buf(),
            created: create,
            library: Ok(library),
        })
    }
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

/// A saved version with its definition, and what a person reads for each of its elements.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LoadedVersion {
    pub version: VersionInfo,
    pub process: Process,
    pub names: Names,
}

impl LoadedVersion {
    pub fn new(version: VersionInfo, process: Process) -> LoadedVersion {
        let names = Names::of(&process);
        LoadedVersion {
            version,
            process,
            names,
        }
    }
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
    /// The comparison of two versions of a library, whose process names name the processes
    /// calls run (`library`).
    pub fn of(
        library: &diff::ProcessNames,
        old: (VersionInfo, Process),
        new: (VersionInfo, Process),
    ) -> Comparison {
        let diff = diff::diff_in(Some(library), &old.1, &new.1);
        let text = diff::text::side_by_side(&old.1, &new.1, TEXT_CONTEXT);
        let [old, new] = [old, new].map(|(version, process)| LoadedVersion::new(version, process));
        Comparison {
            old,
            new,
            diff,
            text,
        }
    }
}

/// `FLOWLANE_AUTHOR`, else the login name.
fn author() -> String {
    ["FLOWLANE_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

impl AppState {
    /// Stores `process`, which exists only now (discovered, or a calibrated copy), as a new
    /// process's draft and opens it for editing.
    pub fn start_new_draft(&self, process: Process) -> Result<(), CommandError> {
        self.library()?.save_draft(&process, None, Utc::now())?;
        self.sessions.start(process);
        Ok(())
    }

    /// The window's state for `launch`: the library it names (falling back, with a message, to
    /// the one at `default` when that cannot be opened), else the one at `default`; what else
    /// the launch asks waits for the window to take it.
    pub fn start(default: &Path, launch: Launch, now: DateTime<Utc>) -> AppState {
        if let Launch::OpenLibrary(path) = &launch {
            // Opened as it is: a file named on the command line is never created or filled.
            let (state, arrival) = match OpenLibrary::switch_to(path, false, now) {
                Ok(open) => (AppState::with(open), Arrival::library(path)),
                Err(err) => (AppState::open(default, now), Arrival::library_refused(&err)),
            };
            state.arrive(arrival);
            return state;
        }
        let state = AppState::open(default, now);
        if let Some(arrival) = Arrival::of(launch, &state, now) {
            state.arrive(arrival);
        }
        state
    }

    /// Opens the library at `path`; a new library gets the samples so there is something to see.
    pub fn open(path: &Path, now: DateTime<Utc>) -> AppState {
        AppState::with(OpenLibrary::at(path, now))
    }

    fn with(open: OpenLibrary) -> AppState {
        AppState {
            open: Slot::new(open),
            arrival: Mutex::new(None),
            author: author(),
            sessions: Sessions::default(),
            runs: Mutex::new(Runs::new(LIVE_RUNS)),
        }
    }

    /// The open library, locked for this command. (parking_lot's lock is not poisoned by a
    /// panic, which leaves the library itself consistent: SQLite transactions.)
    pub fn library(&self) -> Result<MappedMutexGuard<'_, Library>, CommandError> {
        // The map fails only when there is no library, so the guard handed back holds the reason.
        SlotGuard::try_map(self.open.lock(), |open| open.library.as_mut().ok()).map_err(|open| {
            open.library.as_ref().err().cloned().unwrap_or_else(|| {
                CommandError::new("library", "the library could not be reached; try again")
            })
        })
    }

    /// Where the library in the window is (also when it could not be opened).
    pub fn library_path(&self) -> PathBuf {
        self.open.lock().path.clone()
    }

    /// Closes the library in the window and opens the one at `path` in its place (with `create`,
    /// a new one with the samples). Every working copy is first written to its draft in the old
    /// library, where it waits for the next time that library is opened. When `path` cannot be
    /// opened, or a draft cannot be written, the library in the window stays open and nothing
    /// changes. The path of the library now open.
    pub fn switch(
        &self,
        path: &Path,
        create: bool,
        now: DateTime<Utc>,
    ) -> Result<PathBuf, CommandError> {
        let next = OpenLibrary::switch_to(path, create, now)?;
        let mut open = self.open.lock();
        if let Ok(current) = &open.library {
            self.sessions.flush(current, now)?;
        }
        self.sessions.close_all();
        *self.runs() = Runs::new(LIVE_RUNS);
        *open = next;
        Ok(open.path.clone())
    }

    /// Works on the existing library at `path` from now on (`switch` without creating one).
    pub fn switch_library(&self, path: &Path, now: DateTime<Utc>) -> Result<(), CommandError> {
        self.switch(path, false, now).map(|_| ())
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
        let created = self.open.lock().created;
        let library = self.library()?;
        Ok(LibraryOverview {
            path: library.path().display().to_string(),
            created,
            processes: library.processes()?,
            read_only: library.read_only().map(|why| why.to_string()),
        })
    }
}
