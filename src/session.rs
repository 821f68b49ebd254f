//! An editing session: the working copy of one process, its undo history and where it came from.
//!
//! Pure: the shell keeps one per open process and writes the working copy to the library as a
//! draft; this type only turns commands into patches and keeps the copy and history in step.

use crate::edit::{apply, execute, Command, EditError, Patch};
use crate::history::History;
use crate::model::Process;

/// `History::undo` or `History::redo`.
type HistoryStep = fn(&mut History, &Process) -> Option<Result<(Process, Patch), EditError>>;

#[derive(Clone, Debug)]
pub struct Session {
    process: Process,
    history: History,
    /// The saved version the working copy started from; none for a process never saved.
    base_version: Option<u32>,
    /// Edited since the working copy was last written as a draft.
    unsaved_draft: bool,
}

impl Session {
    pub fn new(process: Process, base_version: Option<u32>) -> Session {
        Session {
            process,
            history: History::default(),
            base_version,
            unsaved_draft: false,
        }
    }

    pub fn process(&self) -> &Process {
        &self.process
    }

    pub fn base_version(&self) -> Option<u32> {
        self.base_version
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Carries out one gesture; the patch that was applied (empty if it changed nothing).
    pub fn execute(&mut self, command: Command) -> Result<Patch, EditError> {
        let patch = execute(&self.process, command)?;
        self.process = apply(&self.process, &patch)?;
        self.unsaved_draft |= !patch.changes.is_empty();
        self.history.record(patch.clone());
        Ok(patch)
    }

    /// Undoes the last gesture: the patch applied, or None when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Patch>, EditError> {
        self.step(History::undo)
    }

    pub fn redo(&mut self) -> Result<Option<Patch>, EditError> {
        self.step(History::redo)
    }

    fn step(&mut self, go: HistoryStep) -> Result<Option<Patch>, EditError> {
        let Some(result) = go(&mut self.history, &self.process) else {
            return Ok(None);
        };
        let (next, patch) = result?;
        self.process = next;
        self.unsaved_draft = true;
        Ok(Some(patch))
    }

    /// True while edits have not been written as a draft yet.
    pub fn needs_draft_save(&self) -> bool {
        self.unsaved_draft
    }

    pub fn draft_saved(&mut self) {
        self.unsaved_draft = false;
    }

    /// After a version was saved the working copy is that version; undo history stays.
    pub fn version_saved(&mut self, number: u32) {
        self.base_version = Some(number);
        self.unsaved_draft = false;
    }
}
