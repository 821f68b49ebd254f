//! Writing an exported file where the user chose: all or nothing, so a full disk or a crash never
//! leaves a half-written file in place of one that was there.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use crate::error::CommandError;

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    let failed = |err: std::io::Error| CommandError {
        code: "io".to_string(),
        message: format!(
            "{} could not be written: {err}; nothing was changed",
            path.display()
        ),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(failed(err))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary_behind() {
        let dir = std::env::temp_dir().join(format!("flowlane-export-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("log.csv");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new contents").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new contents");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_names_the_file_and_changes_nothing() {
        let path = Path::new("/nonexistent-flowlane-dir/log.csv");
        let err = write_atomically(path, b"x").unwrap_err();
        assert_eq!(err.code, "io");
        assert!(err
            .message
            .starts_with("/nonexistent-flowlane-dir/log.csv could not be written"));
    }
}
