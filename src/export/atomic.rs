//! Writing an exported file where the user chose: all or nothing, so a full disk, a failed
//! rendering or a crash never leaves a half-written file in place of one that was there. The one
//! place outside `store` that writes to disk; the CLI and the app both call it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, thiserror::Error)]
#[error("{} could not be written: {source}; nothing was changed", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Writes `bytes` to `path` atomically; see `write_with`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_with(path, |file| file.write_all(bytes))
}

/// Lets `fill` write a temporary file beside `path` (same directory, so the rename cannot cross
/// file systems), flushes it to disk, renames it over `path` and flushes the directory so the
/// rename itself survives a power cut. If anything fails, the temporary file is removed and
/// `path` is as it was.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let failed = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (temp, mut file) = create_temporary(&dir, path).map_err(failed)?;
    let written = fill(&mut file)
        .and_then(|()| file.sync_all())
        .and_then(|()| keep_permissions(path, &temp))
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, path)
        });
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(failed(err));
    }
    sync_directory(&dir).map_err(failed)
}

/// A new file beside `path` that no one else is using (`create_new` refuses existing names).
fn create_temporary(dir: &Path, path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
}

/// A replaced file keeps its permissions (a shared, group-writable export stays so).
fn keep_permissions(path: &Path, temp: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => fs::set_permissions(temp, meta.permissions()),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn sync_directory(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a directory as a file; its rename is flushed with the file system.
#[cfg(not(unix))]
fn sync_directory(_dir: &Path) -> io::Result<()> {
    Ok(())
}
