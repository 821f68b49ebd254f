//! The Sync button's replies: what a sync did in one line, and each waiting merge with its
//! conflicts for the side-by-side view.

use chrono::{DateTime, Utc};
use flowlane::model::Id;
use flowlane::store::{Library, VersionInfo};
use flowlane::sync::merge::Conflict;
use flowlane::sync::resolve::{self, Picks, Resolution};
use flowlane::sync::{self, SyncError};
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;

/// A merge waiting for choices.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct MergeView {
    pub process: Id,
    pub name: String,
    pub conflicts: Vec<Conflict>,
    /// The merged draft's lanes, top to bottom: where the steps of a deleted lane may go.
    pub lanes: Vec<LaneChoice>,
}

/// A lane a kept step may go to.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LaneChoice {
    pub id: Id,
    pub name: String,
}

/// Whether the library is linked, and the merges that wait.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SyncState {
    pub remote: Option<String>,
    pub merges: Vec<MergeView>,
}

/// What one press of Sync did.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SyncResult {
    /// "3 new versions from 2 people · pushed 1 change".
    pub summary: String,
    pub merges: Vec<MergeView>,
}

/// After choosing sides: the saved version, or the merge still waiting.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct MergeOutcome {
    pub saved: Option<VersionInfo>,
    pub merge: Option<MergeView>,
}

impl SyncState {
    pub fn of(library: &Library) -> Result<SyncState, CommandError> {
        let mut merges = Vec::new();
        for process in library.pending_merges()? {
            merges.push(merge_view(library, process)?);
        }
        Ok(SyncState {
            remote: library.remote()?.map(|link| link.url),
            merges,
        })
    }
}

fn merge_view(library: &Library, process: Id) -> Result<MergeView, CommandError> {
    let name = library.load(process, None)?.1.info.name;
    let merged = resolve::current(library, process, &name)?;
    let names = flowlane::describe::Names::of(&merged.process);
    let lanes = (merged.process.lanes_in_order().into_iter())
        .map(|l| LaneChoice {
            id: l.id,
            name: names.text(l.id),
        })
        .collect();
    Ok(MergeView {
        process,
        name,
        conflicts: merged.conflicts,
        lanes,
    })
}

/// Pull, then push (a push is pointless if the pull failed).
pub fn sync_now(
    library: &mut Library,
    author: &str,
    now: DateTime<Utc>,
) -> Result<SyncResult, CommandError> {
    let cache = sync::cache_dir(library.path());
    let pulled = sync::pull(library, &cache, author, now)?;
    let pushed = sync::push(library, &cache, author, now)?;
    Ok(SyncResult {
        summary: sync::summary(&pulled, Some(&pushed)),
        merges: SyncState::of(library)?.merges,
    })
}

pub fn resolve(
    library: &mut Library,
    process: Id,
    picks: &Picks,
    author: &str,
    now: DateTime<Utc>,
) -> Result<MergeOutcome, CommandError> {
    let name = library.load(process, None)?.1.info.name;
    Ok(
        match resolve::resolve(library, process, &name, picks, author, now)? {
            Resolution::Saved(info) | Resolution::Kept(info) => MergeOutcome {
                saved: Some(info),
                merge: None,
            },
            Resolution::Waiting(_) => MergeOutcome {
                saved: None,
                merge: Some(merge_view(library, process)?),
            },
        },
    )
}

impl From<SyncError> for CommandError {
    fn from(err: SyncError) -> Self {
        CommandError {
            code: err.code().to_string(),
            message: err.to_string(),
        }
    }
}
