//! The library: one SQLite file holding every process's versions, drafts, tags and audit log.
//! This is the only module of the core that does I/O.
//!
//! Opening never writes to a file until it is known to be a Flowlane library of a format this
//! build understands: foreign, damaged and newer files are refused and left byte-for-byte as found.

mod archive;
mod audit;
mod column;
mod drafts;
mod error;
mod scenarios;
mod schema;
mod settings;
mod sync;
mod tags;
mod verify;
mod versions;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use audit::AuditEntry;
pub use drafts::Draft;
pub use error::StoreError;
pub use scenarios::ScenarioSummary;
pub use schema::APPLICATION_ID;
pub use sync::{
    PendingMerge, PulledScenario, PulledVersion, RemoteLink, SyncBatch, SyncOutcome,
    UnsharedScenario,
};
pub use verify::{TamperKind, TamperProblem, VerifyReport};
pub use versions::{ProcessSummary, VersionInfo};

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Library {
    conn: Connection,
    path: PathBuf,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Library {
    /// Creates a new, empty library. An existing file is never replaced.
    pub fn create(path: &Path) -> Result<Library> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Library::ready(conn, path)
    }

    /// Opens an existing library, upgrading an older format in place.
    pub fn open(path: &Path) -> Result<Library> {
        check_header(path)?;
        check_integrity(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        Library::ready(conn, path)
    }

    /// Opens the library, or creates it if there is no file yet. Tells which happened.
    pub fn open_or_create(path: &Path) -> Result<(Library, bool)> {
        if path.exists() {
            Ok((Library::open(path)?, false))
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            Ok((Library::create(path)?, true))
        }
    }

    fn ready(mut conn: Connection, path: &Path) -> Result<Library> {
        conn.pragma_update(None, "journal_mode", "wal")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::migrations().to_latest(&mut conn)?;
        Ok(Library {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Reads the 100-byte SQLite header without handing the file to SQLite: magic, owner and format
/// version decide whether we may touch it at all.
fn check_header(path: &Path) -> Result<()> {
    let not_ours = |reason: &str| StoreError::NotALibrary {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    let mut file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_path_buf()),
        _ => StoreError::Io(e),
    })?;
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header)?;
    if header.is_empty() {
        return Err(not_ours("the file is empty"));
    }
    if header.len() < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(not_ours("it is not an SQLite database"));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if be32(68) != APPLICATION_ID {
        return Err(not_ours("it is an SQLite database of another application"));
    }
    let found = be32(60);
    if found > schema::latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: schema::latest_version(),
        });
    }
    Ok(())
}

/// Runs SQLite's own consistency check on a read-only connection.
fn check_integrity(path: &Path) -> Result<()> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| corrupt(e.to_string()))?;
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if verdict != "ok" {
        return Err(corrupt(verdict));
    }
    Ok(())
}

/// Where the library lives unless told otherwise: the platform data dir
/// (`~/.local/share/flowlane/library.flowlane` on Linux).
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("flowlane")
        .join("library.flowlane")
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
        let (process, _) = crate::samples::versions().swap_remove(0);
        let err = library
            .save_version(&process, "ana", "too big", chrono::Utc::now())
            .unwrap_err();
        assert!(matches!(err, StoreError::DiskFull), "{err}");
        assert_eq!(err.to_string(), "the disk is full; nothing was saved");
        assert!(library.history(process.id).unwrap().is_empty());
        assert!(library.audit(None).unwrap().is_empty());
    }
}
