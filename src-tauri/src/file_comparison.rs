//! Two definitions compared read-only, wherever they come from: BPMN or `.json` files, or
//! versions of the library (`PROCESS@3`), read as `flowlane diff OLD NEW` reads them.

use std::path::Path;

use flowlane::describe::Names;
use flowlane::diff::{self, text::SideBySide, Diff};
use flowlane::model::Process;
use flowlane::review;
use flowlane::review::side::{self, Side};
use flowlane::store::{Library, Revision};
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::TEXT_CONTEXT;

/// One side: what the compare bar calls it (a file's name, `Name@v3`), where it came from in
/// full (its tooltip), its definition, and what a person reads for each of its elements.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ComparedSide {
    pub label: String,
    pub source: String,
    pub process: Process,
    pub names: Names,
}

/// Two sides with what changed between them, for the compare view.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct FileComparison {
    pub old: ComparedSide,
    pub new: ComparedSide,
    pub diff: Diff,
    pub text: SideBySide,
}

impl FileComparison {
    /// Reads both sides (files now, versions from `library`); nothing is written.
    pub fn load(library: Option<&Library>, old: &str, new: &str) -> Result<Self, CommandError> {
        let (old, new) = (read(library, old)?, read(library, new)?);
        // An empty side (a file added or deleted, `/dev/null`) reads as the other one emptied.
        let (old_process, new_process) = match (old.1, new.1) {
            (Some(o), Some(n)) => (o, n),
            (Some(o), None) => (o.clone(), review::emptied(&o)),
            (None, Some(n)) => (review::emptied(&n), n),
            (None, None) => {
                return Err(CommandError::new("compare", "both files are empty"));
            }
        };
        // Calls are named by the library's process names when a library is open.
        let names = library.map(Library::process_names_by_id).transpose()?;
        let diff = diff::diff_in(names.as_ref(), &old_process, &new_process);
        let text = diff::text::side_by_side(&old_process, &new_process, TEXT_CONTEXT);
        let side = |(label, source): (String, String), process| ComparedSide {
            label,
            source,
            names: Names::of(&process),
            process,
        };
        Ok(FileComparison {
            old: side(old.0, old_process),
            new: side(new.0, new_process),
            diff,
            text,
        })
    }
}

/// The label and source of a side, and its process (none for an empty file).
type Read = ((String, String), Option<Process>);

fn read(library: Option<&Library>, text: &str) -> Result<Read, CommandError> {
    let refused = |e: side::SideError| CommandError::new("compare", e.to_string());
    match Side::parse(text, Path::new(text).is_file()).map_err(refused)? {
        Side::File(path) => {
            let bytes = std::fs::read(path).map_err(|e| {
                CommandError::new("io", format!("{} cannot be read: {e}", path.display()))
            })?;
            let process = side::read_file(path, &bytes).map_err(refused)?;
            let name = path
                .file_name()
                .map_or_else(|| text.to_string(), |n| n.to_string_lossy().into_owned());
            Ok(((name, text.to_string()), process))
        }
        Side::Version { process, revision } => {
            let library = library.ok_or_else(|| {
                CommandError::new("compare", format!("{text}: no library is open"))
            })?;
            let revision: Revision = revision.parse()?;
            let found = library.find(process)?;
            let (label, definition) = library.load_revision(found.id, revision)?;
            let label = format!("{}@{label}", found.name);
            Ok(((label.clone(), label), Some(definition)))
        }
    }
}
