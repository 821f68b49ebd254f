//! Creating and opening a library without ever harming a file that is not ours to change.
//!
//! Opening reads before it writes: the file's header, then a read-only SQLite connection that
//! checks the owner and format (through the `-wal` file too, where the newest header may sit)
//! and the integrity of the file. Only a library of a format this build reads, on a disk that
//! can be written, is then opened for writing (and upgraded if it is older). A library that
//! cannot be written is kept open read-only and says why when something tries to save. With an
//! empty `-wal` it is opened `immutable` (no `-shm`, no locks): right for read-only media and
//! a full disk, where nobody else can change the file either.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::fault::{self, ReadOnly};
use super::{schema, Library, Result, StoreError, APPLICATION_ID};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Library {
    /// Creates a new, empty library. An existing file is never replaced, and no half-made
    /// library is ever left: it is built in a temporary file beside `path` and renamed into
    /// place only when complete.
    pub fn create(path: &Path) -> Result<Library> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let dir = fault::folder(path);
        if !dir.is_dir() {
            return Err(StoreError::MissingFolder(dir));
        }
        let mut builder = tempfile::Builder::new();
        #[cfg(unix)]
        // As any new file: readable and writable as the umask allows, not only by the owner.
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = builder
            .prefix(".flowlane-new-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            // tempfile wraps the OS error, so the folder itself is asked what keeps it shut.
            .map_err(
                |e| match fault::write_blocked(path).or_else(|| ReadOnly::of(&e)) {
                    Some(ReadOnly::DiskFull) => StoreError::DiskFull,
                    Some(why) => StoreError::CannotCreate {
                        path: path.to_path_buf(),
                        why,
                    },
                    None => StoreError::Io(e),
                },
            )?;
        let built = build(temp.path());
        // SQLite's own side files of the temporary library, should closing it have failed.
        for side in ["-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(side_file(temp.path(), side));
        }
        built.map_err(|e| fault::explain(e, temp.path()))?;
        temp.persist_noclobber(path)
            .map_err(|e| match e.error.kind() {
                std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.to_path_buf()),
                _ => fault::from_io(e.error, path, true),
            })?;
        if let Ok(folder) = File::open(&dir) {
            // Makes the rename itself durable; not every platform can sync a folder.
            let _ = folder.sync_all();
        }
        Library::open(path)
    }

    /// Opens an existing library, upgrading an older format in place. A library that cannot be
    /// written (read-only disk, immutable file, no permission, no space) opens read-only.
    pub fn open(path: &Path) -> Result<Library> {
        check_header(path)?;
        let mut read_only = fault::write_blocked(path);
        let reader = match check_format(path, read_only) {
            // Too little space even for SQLite's shared-memory index: read the file as it is.
            Err(err) if read_only.is_none() && wal_is_empty(path) => {
                match fault::explain(err, path) {
                    StoreError::DiskFull => {
                        read_only = Some(ReadOnly::DiskFull);
                        check_format(path, read_only)?
                    }
                    other => return Err(other),
                }
            }
            // Where the library is to be written, an I/O error is first put to the file system.
            Err(err) if read_only.is_none() => return Err(fault::explain(err, path)),
            other => other?,
        };
        match read_only {
            None => {
                drop(reader);
                let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
                    .map_err(|e| fault::explain(e.into(), path))?;
                Library::ready(conn, path).map_err(|e| fault::explain(e, path))
            }
            Some(why) => {
                let (found, supported) = (user_version(&reader)?, schema::latest_version());
                if found < supported {
                    return Err(StoreError::ReadOnlyOutdated {
                        path: path.to_path_buf(),
                        why,
                        found,
                        supported,
                    });
                }
                reader.pragma_update(None, "query_only", true)?;
                Ok(Library {
                    conn: reader,
                    path: path.to_path_buf(),
                    read_only: Some(why),
                })
            }
        }
    }

    /// Opens the library, or creates it if there is no file yet. Tells which happened.
    pub fn open_or_create(path: &Path) -> Result<(Library, bool)> {
        if path.exists() {
            Ok((Library::open(path)?, false))
        } else {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| fault::from_io(e, dir, true))?;
            }
            Ok((Library::create(path)?, true))
        }
    }

    fn ready(mut conn: Connection, path: &Path) -> Result<Library> {
        conn.busy_timeout(super::transaction::BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "wal")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        upgrade(&mut conn)?;
        Ok(Library {
            conn,
            path: path.to_path_buf(),
            read_only: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why nothing can be saved in this library, when it was opened read-only.
    pub fn read_only(&self) -> Option<ReadOnly> {
        self.read_only
    }

    /// A number that changes whenever another connection (another process, another window)
    /// commits to the file, and never for this one's own writes: SQLite's `data_version`. A
    /// shell polls it to notice versions saved elsewhere.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }
}

/// Writes a complete, empty library of the latest format into the (empty) file at `path`.
fn build(path: &Path) -> Result<()> {
    let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    schema::migrations().to_latest(&mut conn)?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Brings an older library up to the latest format. The upgrade runs in an IMMEDIATE
/// transaction; when another process upgraded the file at the same moment, its work stands.
fn upgrade(conn: &mut Connection) -> Result<()> {
    if user_version(conn)? == schema::latest_version() {
        return Ok(());
    }
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    let upgraded = schema::migrations().to_latest(conn);
    conn.set_transaction_behavior(TransactionBehavior::Deferred);
    match upgraded {
        Err(_) if user_version(conn)? == schema::latest_version() => Ok(()),
        other => Ok(other?),
    }
}

fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether the `-wal` file holds nothing: then the main file alone is the whole library.
fn wal_is_empty(path: &Path) -> bool {
    std::fs::metadata(side_file(path, "-wal")).map_or(true, |m| m.len() == 0)
}

/// Reads the 100-byte SQLite header without handing the file to SQLite: magic, owner and format
/// version decide whether we may touch it at all.
fn check_header(path: &Path) -> Result<()> {
    let not_ours = |reason: &str| StoreError::NotALibrary {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    let mut file = File::open(path).map_err(|e| fault::from_io(e, path, false))?;
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(|e| fault::from_io(e, path, false))?;
    if header.is_empty() {
        return Err(not_ours("the file is empty"));
    }
    if header.len() < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(not_ours("it is not an SQLite database"));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    check_owner_and_version(path, be32(68), be32(60))
}

fn check_owner_and_version(path: &Path, application_id: u32, version: u32) -> Result<()> {
    if application_id != APPLICATION_ID {
        return Err(StoreError::NotALibrary {
            path: path.to_path_buf(),
            reason: "it is an SQLite database of another application".into(),
        });
    }
    if version > schema::latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: schema::latest_version(),
        });
    }
    Ok(())
}

/// Opens a read-only connection and checks owner, format and integrity through it; nothing is
/// written, not even to the `-wal` file. A library that is to stay read-only and whose `-wal`
/// is empty is opened `immutable`: SQLite then needs no `-shm` file, which a read-only folder
/// or a full disk could not hold.
fn check_format(path: &Path, read_only: Option<ReadOnly>) -> Result<Connection> {
    let immutable = read_only.is_some() && wal_is_empty(path);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = format!(
        "{}{}",
        file_uri(path),
        if immutable { "?immutable=1" } else { "" }
    );
    let conn = Connection::open_with_flags(uri, flags)?;
    let read = |pragma: &str| -> Result<u32> {
        conn.pragma_query_value(None, pragma, |r| r.get(0))
            .map_err(|e| damaged_or(e, path))
    };
    check_owner_and_version(path, read("application_id")?, read("user_version")?)?;
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(|e| damaged_or(e, path))?;
    if verdict != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: verdict,
        });
    }
    Ok(conn)
}

/// "Damaged" only for what SQLite found broken in the file itself.
fn damaged_or(err: rusqlite::Error, path: &Path) -> StoreError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match err.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: err.to_string(),
        },
        _ => err.into(),
    }
}

/// `path` as an SQLite `file:` URI: every byte outside the unreserved set is %-escaped, so a
/// `?` or `#` in a folder name cannot be read as URI parameters.
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(absolute.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().replace('\\', "/").into_bytes();
    let mut uri = String::from("file://");
    if bytes.first() != Some(&b'/') {
        uri.push('/');
    }
    for byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_path_becomes_a_uri_sqlite_cannot_misread() {
        assert_eq!(
            super::file_uri(Path::new("/srv/team a/lib?#%.flowlane")),
            "file:///srv/team%20a/lib%3F%23%25.flowlane"
        );
    }
}
