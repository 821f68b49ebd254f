//! The app's own settings, kept beside the libraries rather than inside one: which libraries
//! were opened lately, newest first. One JSON file in the data folder, written whole (a
//! temporary file renamed over it), so a crash leaves the old list or the new one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::{fault, Result, StoreError};

/// How many libraries the Recent libraries menu offers.
pub const RECENT_LIMIT: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppSettings {
    /// Libraries opened lately, the newest first, each once.
    #[serde(default)]
    pub recent_libraries: Vec<PathBuf>,
    /// Settings a newer Flowlane wrote: kept as they are, so going back and forth loses nothing.
    #[serde(flatten)]
    pub others: Map<String, Json>,
}

/// Where the settings live unless told otherwise: `settings.json` in the data folder.
pub fn default_settings_path() -> PathBuf {
    super::data_folder().join("settings.json")
}

impl AppSettings {
    /// The settings in `path`; empty when there is no file yet. A file that cannot be read as
    /// settings is an error: callers then leave it as it is rather than write over it.
    pub fn read(path: &Path) -> Result<AppSettings> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AppSettings::default()),
            Err(e) => return Err(fault::from_io(e, path, false)),
        };
        serde_json::from_slice(&bytes).map_err(|e| StoreError::UnreadableSettings {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })
    }

    /// Writes the settings to `path` whole, creating its folder if needed.
    pub fn write(&self, path: &Path) -> Result<()> {
        let dir = fault::folder(path);
        std::fs::create_dir_all(&dir).map_err(|e| fault::from_io(e, &dir, true))?;
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        let temp = tempfile::Builder::new()
            .prefix(".settings-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| fault::from_io(e, path, true))?;
        std::fs::write(temp.path(), &text).map_err(|e| fault::from_io(e, path, true))?;
        temp.persist(path)
            .map_err(|e| fault::from_io(e.error, path, true))?;
        Ok(())
    }

    /// Puts `library` first in the recent list (once), dropping the oldest beyond the limit.
    pub fn remember(&mut self, library: &Path) {
        self.forget(library);
        self.recent_libraries.insert(0, library.to_path_buf());
        self.recent_libraries.truncate(RECENT_LIMIT);
    }

    /// Takes `library` off the recent list (e.g. after it could not be opened).
    pub fn forget(&mut self, library: &Path) {
        self.recent_libraries.retain(|known| known != library);
    }
}
