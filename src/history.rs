//! Undo and redo as two stacks of patches: one entry per user gesture, unlimited in a session.

use crate::edit::{apply_in_place, invert, EditError, Patch};
use crate::model::Process;

#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Patch>,
    undone: Vec<Patch>,
}

impl History {
    /// Records a gesture that was just applied; a new gesture forgets what was undone.
    pub fn record(&mut self, patch: Patch) {
        if !patch.changes.is_empty() {
            self.done.push(patch);
            self.undone.clear();
        }
    }

    /// Undoes the last gesture on `process`: the patch that was applied. A patch that no longer
    /// applies stays on its stack and leaves the process as it was, so nothing is lost.
    pub fn undo(&mut self, process: &mut Process) -> Option<Result<Patch, EditError>> {
        let inverse = invert(self.done.last()?);
        Some(apply_in_place(process, &inverse).map(|()| {
            self.undone.extend(self.done.pop());
            inverse
        }))
    }

    pub fn redo(&mut self, process: &mut Process) -> Option<Result<Patch, EditError>> {
        let patch = self.undone.last()?.clone();
        Some(apply_in_place(process, &patch).map(|()| {
            self.done.extend(self.undone.pop());
            patch
        }))
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}
