//! An editing session: the working copy of one process, its undo history and where it came from.
//!
//! Pure: the shell keeps one per open process and writes the working copy to the library as a
//! draft; this type turns commands into patches, keeps the copy and history in step, and answers
//! whether the copy differs from the version it started from ("unsaved").

use crate::canonical;
use crate::edit::{apply_in_place, execute, Command, EditError, Patch};
use crate::history::History;
use crate::model::Process;

/// `History::undo` or `History::redo`.
type HistoryStep = fn(&mut History, &mut Process) -> Option<Result<Patch, EditError>>;

#[derive(Clone, Debug)]
pub struct Session {
    process: Process,
    history: History,
    /// The saved version the working copy started from; none for a process never saved.
    base_version: Option<u32>,
    /// The canonical hash of that version, when known.
    base_hash: Option<String>,
    /// Edited since the working copy was last written as a draft.
    unsaved_draft: bool,
    /// Differs from its base version (a draft opened, or edited since); made exact each time
    /// the draft is saved, so undoing back to the saved version is no longer "unsaved".
    unsaved: bool,
}

/// What autosave does with the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftSave {
    /// The working copy differs from its saved version: store it as the draft.
    Write,
    /// The working copy is back where its saved version is (all edits undone): no draft.
    Drop,
}

impl Session {
    /// Editing version `number` (canonical hash `hash`) as saved: nothing unsaved yet.
    pub fn from_version(process: Process, number: u32, hash: String) -> Session {
        Session::with(process, Some(number), Some(hash), false)
    }

    /// Editing a draft left from an earlier run, based on `base` (number and hash) if it was
    /// saved before; a draft is unsaved until it is found to equal its base.
    pub fn from_draft(process: Process, base: Option<(u32, Option<String>)>) -> Session {
        let (number, hash) = base.map_or((None, None), |(n, h)| (Some(n), h));
        Session::with(process, number, hash, true)
    }

    /// Editing a process that was never saved as a version.
    pub fn new_process(process: Process) -> Session {
        Session::with(process, None, None, true)
    }

    /// A working copy of version `base_version` whose hash is not known.
    pub fn new(process: Process, base_version: Option<u32>) -> Session {
        Session::with(process, base_version, None, false)
    }

    fn with(
        process: Process,
        base_version: Option<u32>,
        base_hash: Option<String>,
        unsaved: bool,
    ) -> Session {
        Session {
            process,
            history: History::default(),
            base_version,
            base_hash,
            unsaved_draft: false,
            unsaved,
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
        apply_in_place(&mut self.process, &patch)?;
        self.unsaved_draft |= !patch.changes.is_empty();
        self.unsaved |= !patch.changes.is_empty();
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
        let Some(result) = go(&mut self.history, &mut self.process) else {
            return Ok(None);
        };
        let patch = result?;
        self.unsaved_draft = true;
        self.unsaved |= !patch.changes.is_empty();
        Ok(Some(patch))
    }

    /// True while edits have not been written as a draft yet.
    pub fn needs_draft_save(&self) -> bool {
        self.unsaved_draft
    }

    /// The working copy has changes not saved as a version.
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// What autosave should do now: nothing when no edit came since the last draft save,
    /// otherwise write the draft, or drop it when the copy equals its saved version again.
    pub fn draft_save(&self) -> Option<DraftSave> {
        if !self.unsaved_draft {
            return None;
        }
        let hash = canonical::hash(&self.process);
        Some(if self.base_hash.as_deref() == Some(hash.as_str()) {
            DraftSave::Drop
        } else {
            DraftSave::Write
        })
    }

    /// The library did what `draft_save` asked.
    pub fn draft_saved(&mut self, done: DraftSave) {
        self.unsaved_draft = false;
        self.unsaved = done == DraftSave::Write;
    }

    /// After a version was saved the working copy is that version; undo history stays.
    pub fn version_saved(&mut self, number: u32, hash: String) {
        self.base_version = Some(number);
        self.base_hash = Some(hash);
        self.unsaved_draft = false;
        self.unsaved = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn renamed(process: &Process, name: &str) -> Command {
        let mut info = process.info.clone();
        info.name = name.to_string();
        Command::UpdateInfo { info }
    }

    #[test]
    fn undoing_back_to_the_saved_version_is_no_longer_unsaved() {
        let saved = crate::blank::blank("Payroll", [1, 2, 3].map(Uuid::from_u128));
        let mut session = Session::from_version(saved.clone(), 4, canonical::hash(&saved));
        assert!(!session.unsaved());
        assert_eq!(session.draft_save(), None, "nothing to autosave yet");

        session.execute(renamed(&saved, "Payroll run")).unwrap();
        assert!(session.unsaved());
        assert_eq!(session.draft_save(), Some(DraftSave::Write));
        session.draft_saved(DraftSave::Write);
        assert!(session.unsaved());
        assert_eq!(session.draft_save(), None, "written already");

        session.undo().unwrap();
        assert!(
            session.unsaved(),
            "unsaved until the next autosave compares"
        );
        assert_eq!(session.draft_save(), Some(DraftSave::Drop));
        session.draft_saved(DraftSave::Drop);
        assert!(!session.unsaved());

        session.redo().unwrap();
        session.version_saved(5, canonical::hash(session.process()));
        assert!(!session.unsaved());
        assert_eq!(session.base_version(), Some(5));
        session.execute(renamed(&saved, "Payroll")).unwrap();
        assert_eq!(
            session.draft_save(),
            Some(DraftSave::Write),
            "version 5 has the new name"
        );
    }

    #[test]
    fn a_recovered_draft_or_a_new_process_is_unsaved() {
        let process = crate::blank::blank("Payroll", [1, 2, 3].map(Uuid::from_u128));
        let hash = canonical::hash(&process);
        let mut draft = Session::from_draft(process.clone(), Some((2, Some(hash))));
        assert!(draft.unsaved());
        draft.execute(renamed(&process, "Payroll")).unwrap(); // changes nothing
        assert_eq!(draft.draft_save(), None);
        draft.execute(renamed(&process, "Other")).unwrap();
        draft.execute(renamed(&process, "Payroll")).unwrap();
        assert_eq!(
            draft.draft_save(),
            Some(DraftSave::Drop),
            "equal to version 2"
        );

        let mut new = Session::new_process(process.clone());
        assert!(new.unsaved());
        new.execute(renamed(&process, "Other")).unwrap();
        assert_eq!(
            new.draft_save(),
            Some(DraftSave::Write),
            "no version to be equal to"
        );
    }
}
