//! The library: one SQLite file holding every process's versions, drafts, tags and audit log.
//! This is the only module of the core that does I/O.
//!
//! Opening never writes to a file until it is known to be a Flowlane library of a format this
//! build understands: foreign, damaged and newer files are refused and left byte-for-byte as found
//! (`open`). Every write goes through one IMMEDIATE transaction helper (`write`); faults of the
//! disk are named as what they are (`fault`).

mod activity_mappings;
mod app_settings;
mod archive;
mod audit;
mod column;
mod compact;
mod drafts;
mod error;
mod event_logs;
mod fault;
mod filter;
mod import;
mod listing;
mod open;
mod revision;
mod scenarios;
mod schema;
mod settings;
mod sharing;
mod signing;
mod tags;
mod transaction;
mod verify;
mod versions;

use std::path::PathBuf;

use rusqlite::Connection;

pub use activity_mappings::ActivitySteps;
pub use app_settings::{default_settings_path, AppSettings, RECENT_LIMIT};
pub use audit::AuditEntry;
pub use drafts::Draft;
pub use error::StoreError;
pub use event_logs::StoredLog;
pub use fault::ReadOnly;
pub use filter::{FilterError, ProcessFilter};
pub use import::{ImportAs, ImportFileError, ImportPreview};
pub use listing::ProcessSummary;
pub use revision::Revision;
pub use scenarios::ScenarioSummary;
pub use schema::APPLICATION_ID;
pub use sharing::{
    PendingMerge, PulledScenario, PulledVersion, RemoteLink, SyncBatch, SyncOutcome,
    UnsharedScenario,
};
pub use signing::{
    CommitSeal, Signing, TagRecord, FOUR_EYES, REQUIRE_SIGNATURES, SIGNERS, SIGNERS_SHARED,
    SIGNING_KEY,
};
pub(crate) use verify::{distinct, short, Findings};
pub use verify::{Checkpoint, CheckpointError, TamperKind, TamperProblem, VerifyReport};
pub use versions::VersionInfo;

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Library {
    conn: Connection,
    path: PathBuf,
    /// Why the library was opened read-only, if it was.
    read_only: Option<ReadOnly>,
}

/// Flowlane's folder in the platform data dir (`~/.local/share/flowlane` on Linux).
pub fn data_folder() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("flowlane")
}

/// Where the library lives unless told otherwise: `library.flowlane` in the data folder.
pub fn default_path() -> PathBuf {
    data_folder().join("library.flowlane")
}

/// The library format (schema version) this build writes and reads up to.
pub fn library_format() -> u32 {
    schema::latest_version()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's page limit produces the same SQLITE_FULL a full disk does.
    #[test]
    fn a_full_disk_is_named_and_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::create(&dir.path().join("full.flowlane")).unwrap();
        let pages: u32 = library
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        library
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        // Big enough that even compressed it needs pages the file cannot have.
        let process = crate::generate::generate(&crate::generate::GenerateSpec {
            nodes: 500,
            lanes: 5,
            seed: 1,
            at: crate::generate::EPOCH,
        })
        .unwrap();
        let err = library
            .save_version(&process, "ana", "too big", chrono::Utc::now())
            .unwrap_err();
        assert!(matches!(err, StoreError::DiskFull), "{err}");
        assert_eq!(
            err.to_string(),
            "the disk is full; nothing was saved. Free some space on it and try again"
        );
        assert!(library.history(process.id).unwrap().is_empty());
        assert!(library.audit(None).unwrap().is_empty());
    }
}
