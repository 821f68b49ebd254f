//! A BPMN file on its way into the library: what the import dialog shows before anything is
//! stored. Picked in the native dialog, or handed over on the command line.

use std::path::PathBuf;

use flowlane::store::{Library, ProcessSummary};
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;

/// A BPMN file to import: its path, the process it holds, the process of this library it was
/// exported from, if any (the UI then asks: new process or new version), and what the import
/// would leave out, each naming the element and its line.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct PickedBpmn {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub name: String,
    pub exported_from: Option<ProcessSummary>,
    pub warnings: Vec<String>,
}

impl PickedBpmn {
    /// Reads the file at `path`; nothing is written.
    pub fn read(library: &Library, path: PathBuf) -> Result<PickedBpmn, CommandError> {
        let preview = library.preview_bpmn(&path)?;
        Ok(PickedBpmn {
            path,
            name: preview.process.info.name,
            exported_from: preview.exported_from,
            warnings: preview.warnings.iter().map(ToString::to_string).collect(),
        })
    }
}
