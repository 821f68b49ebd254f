//! The editing sessions of this run: one working copy per opened process, autosaved as its draft.
//!
//! The core does the work (`flowlane::session`); this only finds the session, writes drafts and
//! versions through the library, and shapes answers for the UI.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use flowlane::canonical;
use flowlane::describe::Names;
use flowlane::edit::Patch;
use flowlane::model::{Id, Process};
use flowlane::session::{DraftSave, Session};
use flowlane::store::{Library, VersionInfo};
use flowlane::validate::Problem;
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;

/// What the editor opens: the working copy and where it stands.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct Opened {
    pub process: Process,
    /// What a person reads for each element of the working copy.
    pub names: Names,
    /// The saved version the working copy started from; none for a process never saved.
    pub base_version: Option<u32>,
    /// The newest saved version.
    pub latest: Option<VersionInfo>,
    /// Set when the working copy is a draft left by an earlier run (after a crash or a close
    /// without saving a version): when that draft was written.
    pub recovered_draft: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub state: EditState,
}

/// The result of one gesture, undo or redo: what to redraw and what the editor may do next.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct Edited {
    pub patch: Patch,
    /// The working copy's labels after the change (an edit may rename or re-describe several);
    /// none when it only moved things, which changes no label.
    pub names: Option<Names>,
    #[serde(flatten)]
    pub state: EditState,
}

/// A version saved from the working copy, and where the editor stands afterwards.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SavedVersion {
    pub version: VersionInfo,
    /// The errors `validate` reports for the saved design: a save accepts them and says so.
    pub errors: Vec<Problem>,
    #[serde(flatten)]
    pub state: EditState,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct EditState {
    pub can_undo: bool,
    pub can_redo: bool,
    /// The working copy has changes not saved as a version.
    pub unsaved: bool,
}

#[derive(Default)]
pub struct Sessions(Mutex<HashMap<Id, Session>>);

impl Sessions {
    fn lock(&self) -> MutexGuard<'_, HashMap<Id, Session>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The process's session, started from its draft (if any) or latest version on first open.
    pub fn open(&self, library: &Library, id: Id) -> Result<Opened, CommandError> {
        let mut sessions = self.lock();
        let mut recovered_draft = None;
        if let std::collections::hash_map::Entry::Vacant(slot) = sessions.entry(id) {
            let session = match library.draft(id)? {
                Some(draft) => {
                    recovered_draft = Some(draft.saved_at);
                    let base = match draft.base_version {
                        Some(number) => {
                            let hash = library
                                .history(id)?
                                .into_iter()
                                .find(|v| v.number == number)
                                .map(|v| v.hash);
                            Some((number, hash))
                        }
                        None => None,
                    };
                    Session::from_draft(draft.process, base)
                }
                None => {
                    let (version, process) = library.load(id, None)?;
                    // Of the definition as read: one saved under an older schema reads migrated.
                    let hash = canonical::hash(&process);
                    Session::from_version(process, version.number, hash)
                }
            };
            slot.insert(session);
        }
        let session = &sessions[&id];
        // The newest version's facts only: its definition is not needed here.
        let latest = library.history(id)?.pop();
        Ok(Opened {
            process: session.process().clone(),
            names: Names::of(session.process()),
            base_version: session.base_version(),
            latest,
            recovered_draft,
            state: state(session),
        })
    }

    /// Starts editing a process that exists only now (a new one), so opening it is no recovery.
    pub fn start(&self, process: Process) {
        self.lock()
            .insert(process.id, Session::new_process(process));
    }

    /// Runs `edit` on the open session of `id`.
    pub fn edit(
        &self,
        id: Id,
        edit: impl FnOnce(&mut Session) -> Result<Option<Patch>, flowlane::edit::EditError>,
    ) -> Result<Option<Edited>, CommandError> {
        let mut sessions = self.lock();
        let session = sessions.get_mut(&id).ok_or_else(|| not_open(id))?;
        let Some(patch) = edit(session)? else {
            return Ok(None);
        };
        let relabels = patch.changes.iter().any(|c| !c.key.is_layout());
        Ok(Some(Edited {
            names: relabels.then(|| Names::of(session.process())),
            patch,
            state: state(session),
        }))
    }

    /// Writes the working copy as the process's draft if it changed since the last write.
    pub fn save_draft(
        &self,
        library: &Library,
        id: Id,
        at: DateTime<Utc>,
    ) -> Result<EditState, CommandError> {
        let mut sessions = self.lock();
        let session = sessions.get_mut(&id).ok_or_else(|| not_open(id))?;
        if let Some(step) = session.draft_save() {
            match step {
                DraftSave::Drop => library.discard_draft(id)?,
                DraftSave::Write => {
                    library.save_draft(session.process(), session.base_version(), at)?
                }
            }
            session.draft_saved(step);
        }
        Ok(state(session))
    }

    /// Stores the working copy as the next version and drops the draft it replaces.
    pub fn save_version(
        &self,
        library: &mut Library,
        id: Id,
        author: &str,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<SavedVersion, CommandError> {
        let mut sessions = self.lock();
        let session = sessions.get_mut(&id).ok_or_else(|| not_open(id))?;
        let version = library.save_version(session.process(), author, message, at)?;
        let errors = library.accepted_errors(session.process())?;
        library.discard_draft(id)?;
        session.version_saved(version.number, version.hash.clone());
        Ok(SavedVersion {
            version,
            errors,
            state: state(session),
        })
    }

    /// Lets go of a session before its process gets a version from elsewhere (a restore), so the
    /// next open starts from that version; refused while the working copy has unsaved changes.
    pub fn release(&self, id: Id) -> Result<(), CommandError> {
        let mut sessions = self.lock();
        if sessions.get(&id).is_some_and(Session::unsaved) {
            return Err(CommandError::new(
                "unsaved_changes",
                "this process has changes not saved as a version: save a version or discard the draft first",
            ));
        }
        sessions.remove(&id);
        Ok(())
    }

    /// Lets go of every working copy (their drafts written first: another library opens).
    pub fn close_all(&self) {
        self.lock().clear();
    }

    /// Lets go of every working copy without unsaved changes (after a pull brought new versions).
    pub fn forget_unedited(&self) {
        self.lock().retain(|_, session| session.unsaved());
    }

    /// Throws the working copy and its draft away; the next open starts from the latest version.
    pub fn discard(&self, library: &Library, id: Id) -> Result<(), CommandError> {
        library.discard_draft(id)?;
        self.lock().remove(&id);
        Ok(())
    }

    /// A copy of the working copy, to validate or check against.
    pub fn process(&self, id: Id) -> Result<Process, CommandError> {
        let sessions = self.lock();
        let session = sessions.get(&id).ok_or_else(|| not_open(id))?;
        Ok(session.process().clone())
    }

    /// Names of processes with changes not saved as a version, for the close question.
    pub fn unsaved(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .lock()
            .values()
            .filter(|s| s.unsaved())
            .map(|s| s.process().info.name.clone())
            .collect();
        names.sort();
        names
    }

    /// Writes every pending draft, e.g. before the window closes.
    pub fn flush(&self, library: &Library, at: DateTime<Utc>) -> Result<(), CommandError> {
        let ids: Vec<Id> = self.lock().keys().copied().collect();
        for id in ids {
            self.save_draft(library, id, at)?;
        }
        Ok(())
    }
}

fn state(session: &Session) -> EditState {
    let history = session.history();
    EditState {
        can_undo: history.can_undo(),
        can_redo: history.can_redo(),
        unsaved: session.unsaved(),
    }
}

fn not_open(id: Id) -> CommandError {
    CommandError::new(
        "not_open",
        format!("process {id} is not open for editing; open it again"),
    )
}
