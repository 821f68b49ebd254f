//! Faults of the place a library lives, named as what they are: a read-only disk or an
//! immutable file, missing permission, a full disk, a folder that is not there. SQLite reports
//! most of these as a bare "disk I/O error" or "unable to open database file"; the file system
//! is asked what is really wrong before anything is called damaged.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;

/// What keeps a library from being changed while it can still be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// On a read-only file system: a read-only mount, a disc, a write-protected card.
    Medium,
    /// The file or its folder is marked immutable (`chattr +i`).
    Immutable,
    /// The user may read the file but not change it or its folder.
    NoPermission,
    /// The disk has too little space left for SQLite to set up a writer.
    DiskFull,
}

impl fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReadOnly::Medium => "it is on a read-only disk or mount",
            ReadOnly::Immutable => "it or its folder is marked immutable",
            ReadOnly::NoPermission => "you have no permission to change it",
            ReadOnly::DiskFull => "the disk is full",
        })
    }
}

impl ReadOnly {
    /// The error a write to a library at `path` gets.
    pub(super) fn refusal(self, path: &Path) -> StoreError {
        match self {
            ReadOnly::Medium | ReadOnly::Immutable => StoreError::ReadOnly {
                path: path.to_path_buf(),
                why: self,
            },
            ReadOnly::NoPermission => StoreError::PermissionDenied {
                path: path.to_path_buf(),
                writing: true,
            },
            ReadOnly::DiskFull => StoreError::DiskFull,
        }
    }

    pub(super) fn of(err: &io::Error) -> Option<ReadOnly> {
        match err.kind() {
            io::ErrorKind::ReadOnlyFilesystem => Some(ReadOnly::Medium),
            // EPERM on a write is the immutable flag; a plain lack of rights is EACCES.
            io::ErrorKind::PermissionDenied if err.raw_os_error() == Some(EPERM) => {
                Some(ReadOnly::Immutable)
            }
            io::ErrorKind::PermissionDenied => Some(ReadOnly::NoPermission),
            io::ErrorKind::StorageFull => Some(ReadOnly::DiskFull),
            _ => None,
        }
    }
}

/// EPERM, the same on every Unix.
const EPERM: i32 = 1;

/// Below this much free space an I/O error from SQLite is put down to a full disk: its
/// shared-memory index alone needs 32 KiB.
const LOW_SPACE: u64 = 1024 * 1024;

/// The folder a library file lives in.
pub(super) fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Why the library at `path` (an existing file) cannot be changed, if it cannot: SQLite needs
/// to write the file and to create its `-wal` and `-shm` files beside it.
pub(super) fn write_blocked(path: &Path) -> Option<ReadOnly> {
    [path.to_path_buf(), folder(path)]
        .iter()
        .find_map(|p| may_write(p).err().and_then(|e| ReadOnly::of(&e)))
}

/// What an I/O error while opening or writing `path` really is, when the file system can tell.
pub(super) fn diagnose(path: &Path) -> Option<StoreError> {
    let dir = folder(path);
    if !dir.is_dir() {
        return Some(StoreError::MissingFolder(dir));
    }
    if let Some(blocked) = write_blocked(path) {
        return Some(blocked.refusal(path));
    }
    if free_space(&dir).is_some_and(|free| free < LOW_SPACE) {
        return Some(StoreError::DiskFull);
    }
    None
}

/// Names an I/O error of the file system for a file or folder at `path`.
pub(super) fn from_io(err: io::Error, path: &Path, writing: bool) -> StoreError {
    match err.kind() {
        io::ErrorKind::NotFound if !folder(path).is_dir() => {
            StoreError::MissingFolder(folder(path))
        }
        io::ErrorKind::NotFound => StoreError::Missing(path.to_path_buf()),
        io::ErrorKind::PermissionDenied if !writing => StoreError::PermissionDenied {
            path: path.to_path_buf(),
            writing,
        },
        _ => match ReadOnly::of(&err) {
            Some(blocked) => blocked.refusal(path),
            None => StoreError::Io(err),
        },
    }
}

/// Whether an SQLite error is one the file system may explain (rather than a broken file or a
/// mistake in a statement).
pub(super) fn is_environmental(err: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::*;
    matches!(
        err.sqlite_error_code(),
        Some(SystemIoFailure | CannotOpen | ReadOnly | DiskFull | PermissionDenied)
    )
}

/// Replaces an SQLite error the file system can explain by what it really is.
pub(super) fn explain(err: StoreError, path: &Path) -> StoreError {
    match &err {
        StoreError::Sqlite(e) if is_environmental(e) => diagnose(path).unwrap_or(err),
        _ => err,
    }
}

#[cfg(unix)]
fn may_write(path: &Path) -> io::Result<()> {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).map_err(io::Error::from)
}

#[cfg(not(unix))]
fn may_write(path: &Path) -> io::Result<()> {
    if std::fs::metadata(path)?.permissions().readonly() {
        return Err(io::ErrorKind::PermissionDenied.into());
    }
    Ok(())
}

#[cfg(unix)]
fn free_space(dir: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(dir).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(unix))]
fn free_space(_dir: &Path) -> Option<u64> {
    None
}
