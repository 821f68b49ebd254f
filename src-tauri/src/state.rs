use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use flowlane::model::Process;
use flowlane::store::{Library, ProcessSummary, VersionInfo};
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;

/// The open library, or why it could not be opened (shown in the window instead of crashing).
pub struct AppState {
    library: Result<Mutex<Library>, CommandError>,
    created: bool,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct LibraryOverview {
    pub path: String,
    /// True when this start created the library (with the samples).
    pub created: bool,
    pub processes: Vec<ProcessSummary>,
}

/// A saved version with its definition.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LoadedVersion {
    pub version: VersionInfo,
    pub process: Process,
}

/// `FLOWLANE_LIBRARY` if set, else the platform's default library.
pub fn library_path() -> PathBuf {
    std::env::var_os("FLOWLANE_LIBRARY")
        .map(PathBuf::from)
        .unwrap_or_else(flowlane::store::default_path)
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
        match opened {
            Ok((library, created)) => AppState {
                library: Ok(Mutex::new(library)),
                created,
            },
            Err(err) => AppState {
                library: Err(err.into()),
                created: false,
            },
        }
    }

    pub fn library(&self) -> Result<MutexGuard<'_, Library>, CommandError> {
        let library = self.library.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the library itself consistent (SQLite transactions).
        Ok(library
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub fn overview(&self) -> Result<LibraryOverview, CommandError> {
        let library = self.library()?;
        Ok(LibraryOverview {
            path: library.path().display().to_string(),
            created: self.created,
            processes: library.processes()?,
        })
    }
}
