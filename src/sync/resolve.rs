//! `flowlane merge`: choices for a waiting merge's conflicts (mine or theirs, by number), kept
//! with the merge and applied to its draft; once every conflict has a choice the merged
//! definition is saved as the next version, remembering the remote commit it merged.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::merge::{self, Merged, Side};
use super::SyncError;
use crate::model::Id;
use crate::store::{Library, VersionInfo};

/// Where a merge stands after `resolve`.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    /// Conflicts still without a choice; the choices made are kept.
    Waiting(Box<Merged>),
    /// Saved as this version.
    Saved(VersionInfo),
    /// Every choice was mine, so the latest local version is the merge; nothing was added.
    Kept(VersionInfo),
}

/// The waiting merge of a process as it stands, with the choices made so far.
pub fn current(library: &Library, process: Id, name: &str) -> Result<Merged, SyncError> {
    let pending = library
        .pending_merge(process)?
        .ok_or_else(|| SyncError::NoMerge(name.to_string()))?;
    Ok(merge::merge(
        &pending.base,
        &pending.mine,
        &pending.theirs,
        &parse(&pending.choices),
    ))
}

fn parse(choices: &BTreeMap<String, String>) -> BTreeMap<String, Side> {
    choices
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), Side::parse(v)?)))
        .collect()
}

/// Takes the given side for each numbered conflict, then saves the merge if nothing is left.
pub fn resolve(
    library: &mut Library,
    process: Id,
    name: &str,
    take: &[(u32, Side)],
    author: &str,
    at: DateTime<Utc>,
) -> Result<Resolution, SyncError> {
    let pending = library
        .pending_merge(process)?
        .ok_or_else(|| SyncError::NoMerge(name.to_string()))?;
    let mut choices = pending.choices.clone();
    let before = merge::merge(
        &pending.base,
        &pending.mine,
        &pending.theirs,
        &parse(&choices),
    );
    for (number, side) in take {
        let conflict = before
            .conflicts
            .iter()
            .find(|c| c.number == *number)
            .ok_or_else(|| SyncError::UnknownConflict(number.to_string()))?;
        choices.insert(conflict.key.clone(), side.as_str().to_string());
    }
    let merged = merge::merge(
        &pending.base,
        &pending.mine,
        &pending.theirs,
        &parse(&choices),
    );
    if !merged.unresolved().is_empty() {
        library.set_merge_choices(process, &choices, &merged.process, at)?;
        return Ok(Resolution::Waiting(Box::new(merged)));
    }
    let message = format!("Merge {}", pending.theirs_about);
    let (info, added) = library.save_merge(&merged.process, author, &message, at)?;
    Ok(if added {
        Resolution::Saved(info)
    } else {
        Resolution::Kept(info)
    })
}
