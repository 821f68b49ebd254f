//! The process handbook: what a process is for and who answers for it, then per lane (workflow)
//! its trigger, its steps in the order the work runs, its decisions with their conditions, its
//! hand-offs and its output, how its latest event log follows it, and the version history with
//! messages. `content` gathers it once;
//! `markdown` and `html` write it. Pure: the caller passes the versions from the store.

mod content;
mod events;
mod html;
mod markdown;
mod reality;
mod words;

use std::collections::HashMap;

pub use content::{document, Document, LaneSection, Step, StepKind, WayOut};
pub use html::html;
pub use markdown::markdown;
pub use reality::{reality, Reality};

use crate::model::{Id, Process};
use crate::store::{TagRecord, VersionInfo};

/// What a handbook is written from.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub process: &'a Process,
    /// The saved version shown, if the definition is one.
    pub version: Option<&'a VersionInfo>,
    /// Every saved version of the process, oldest first.
    pub history: &'a [VersionInfo],
    /// The tags of those versions with who set them and when, and who signed an approval.
    pub tags: &'a [TagRecord],
    /// Names of the processes that call steps run, by id; a call to one not listed shows its id.
    pub process_names: &'a HashMap<Id, String>,
    /// How the process's latest stored log follows this version, when it has one.
    pub reality: Option<&'a Reality>,
}

impl<'a> Source<'a> {
    /// A definition that is no saved version: no history, calls shown by `process_names`.
    pub fn unsaved(process: &'a Process, process_names: &'a HashMap<Id, String>) -> Self {
        Source {
            process,
            version: None,
            history: &[],
            tags: &[],
            process_names,
            reality: None,
        }
    }
}
