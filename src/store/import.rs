//! A BPMN 2.0 file stored as the next version of its process: the one import that
//! `flowlane import` and the app's File ▸ Import share. A file that cannot be imported changes
//! nothing in the library.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Library, StoreError, VersionInfo};
use crate::bpmn;
use crate::model::Process;

#[derive(Debug, thiserror::Error)]
pub enum ImportFileError {
    #[error("{} could not be read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} was not imported: {source}; nothing was changed", path.display())]
    Bpmn {
        path: PathBuf,
        #[source]
        source: bpmn::ImportError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Library {
    /// Reads `file` whole and saves the process it holds as its next version, with `message`
    /// or "Imported from FILE NAME".
    pub fn import_bpmn(
        &mut self,
        file: &Path,
        message: Option<&str>,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<(Process, VersionInfo), ImportFileError> {
        let bytes = std::fs::read(file).map_err(|source| ImportFileError::Read {
            path: file.to_path_buf(),
            source,
        })?;
        let mut process = bpmn::import(&bytes).map_err(|source| ImportFileError::Bpmn {
            path: file.to_path_buf(),
            source,
        })?;
        // What the file does not draw is laid out, so the version can be saved.
        crate::arrange::fill_missing_layout(&mut process);
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let message = message.map_or_else(|| format!("Imported from {name}"), str::to_string);
        let saved = self.save_version(&process, author, &message, at)?;
        Ok((process, saved))
    }
}
