//! A BPMN 2.0 file stored in the library: the one import that `flowlane import` and the app's
//! Import… share. A file becomes a new process unless the user says which process it is a new
//! version of; a file Flowlane exported from a process of this library is recognised, so the
//! caller can offer that process, but it is never merged into it silently. A file that cannot be
//! imported changes nothing in the library.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Library, ProcessSummary, StoreError, VersionInfo};
use crate::bpmn;
use crate::model::{Id, Process};

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

/// What a file would become, read before anything is saved.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub process: Process,
    /// The process of this library the file was exported from, when it was.
    pub exported_from: Option<ProcessSummary>,
    /// What the import left out (a shape of nothing, a default flow that is not there).
    pub warnings: Vec<bpmn::ImportWarning>,
}

/// Which process an imported file becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAs {
    /// A new process with id `fresh` — unless the file is a Flowlane export of a process this
    /// library does not have: it keeps that id, so importing it again is recognised.
    New { fresh: Id },
    /// The next version of this process.
    VersionOf(Id),
}

impl Library {
    /// Reads `file` and says what it holds and which process of this library it came from.
    pub fn preview_bpmn(&self, file: &Path) -> Result<ImportPreview, ImportFileError> {
        let bytes = std::fs::read(file).map_err(|source| ImportFileError::Read {
            path: file.to_path_buf(),
            source,
        })?;
        let (mut process, warnings) =
            bpmn::import_with_warnings(&bytes).map_err(|source| ImportFileError::Bpmn {
                path: file.to_path_buf(),
                source,
            })?;
        // What the file does not draw is laid out, so the version can be saved.
        crate::arrange::fill_missing_layout(&mut process);
        if process.info.name.trim().is_empty() {
            process.info.name = file.file_stem().map_or_else(
                || "Imported process".into(),
                |s| s.to_string_lossy().into_owned(),
            );
        }
        let exported_from = if bpmn::written_by_flowlane(&process) {
            self.processes()?.into_iter().find(|p| p.id == process.id)
        } else {
            None
        };
        Ok(ImportPreview {
            process,
            exported_from,
            warnings,
        })
    }

    /// Saves the process `file` holds as the first version of a new process or the next version
    /// of an existing one (`into`), with `message` or "Imported from FILE NAME".
    pub fn import_bpmn(
        &mut self,
        file: &Path,
        into: ImportAs,
        message: Option<&str>,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<(Process, VersionInfo), ImportFileError> {
        let preview = self.preview_bpmn(file)?;
        Ok(self.save_import(preview, file, into, message, author, at)?)
    }

    /// Saves what `preview_bpmn` read from `file` as `import_bpmn` does, without reading the
    /// file again.
    pub fn save_import(
        &mut self,
        preview: ImportPreview,
        file: &Path,
        into: ImportAs,
        message: Option<&str>,
        author: &str,
        at: DateTime<Utc>,
    ) -> Result<(Process, VersionInfo), StoreError> {
        let ImportPreview {
            mut process,
            exported_from,
            ..
        } = preview;
        process.id = match into {
            ImportAs::VersionOf(id) => id,
            ImportAs::New { .. }
                if bpmn::written_by_flowlane(&process) && exported_from.is_none() =>
            {
                process.id
            }
            ImportAs::New { fresh } => fresh,
        };
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let message = message.map_or_else(|| format!("Imported from {name}"), str::to_string);
        let saved = self.save_version(&process, author, &message, at)?;
        Ok((process, saved))
    }
}
