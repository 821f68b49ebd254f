use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

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

use crate::editor::Sessions;
use crate::error::CommandError;
use crate::simulation::LIVE_RUNS;

/// The open library, or why it could not be opened (shown in the window instead of crashing).
pub struct AppState {
    library: Result<Mutex<Library>, CommandError>,
    created: bool,
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
const TEXT_CONTEXT: usize = 3;

impl Comparison {
    pub fn of(old: (VersionInfo, Process), new: (VersionInfo, Process)) -> Comparison {
        let diff = diff::diff(&old.1, &new.1);
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

impl AppState {
    /// Opens the library at `path`; a new library gets the samples so there is something to see.
    pub fn open(path: &Path, now: DateTime<Utc>) -> AppState {
        let opened = Library::open_or_create(path).and_then(|(mut library, created)| {
            if created {
                library.add_samples(now)?;
            }
            Ok((library, created))
        });
        let (library, created) = match opened {
            Ok((library, created)) => (Ok(Mutex::new(library)), created),
            Err(err) => (Err(err.into()), false),
        };
        AppState {
            library,
            created,
            author: author(),
            sessions: Sessions::default(),
            runs: Mutex::new(Runs::new(LIVE_RUNS)),
        }
    }

    pub fn library(&self) -> Result<MutexGuard<'_, Library>, CommandError> {
        let library = self.library.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the library itself consistent (SQLite transactions).
        Ok(library
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
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
            created: self.created,
            processes: library.processes()?,
            read_only: library.read_only().map(|why| why.to_string()),
        })
    }
}
