//! `flowlane merge`: choices for a waiting merge's conflicts (mine or theirs, by number, and
//! what becomes of what a deletion takes along), kept with the merge and applied to its draft;
//! once every conflict has a choice the merged definition is saved as the next version,
//! remembering the remote commit it merged.

use chrono::{DateTime, Utc};

use super::merge::{self, Choices, Fate, Merged, People, Side};
use super::SyncError;
use crate::model::Id;
use crate::store::{Library, PendingMerge, VersionInfo};

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

/// The choices for a waiting merge's numbered conflicts, as a person makes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picks {
    pub sides: Vec<(u32, Side)>,
    /// What becomes of the elements a deletion takes along (none given: they are kept).
    pub fates: Vec<(u32, Fate)>,
}

fn pending(library: &Library, process: Id, name: &str) -> Result<PendingMerge, SyncError> {
    library
        .pending_merge(process)?
        .ok_or_else(|| SyncError::NoMerge(name.to_string()))
}

/// Who saved each side: the latest local version's author, and the author of the newest
/// remote version the merge takes in (as the pull wrote it in `theirs_about`).
fn people(library: &Library, pending: &PendingMerge) -> Result<People, SyncError> {
    let mut people = People::default();
    if let Some(latest) = library.history(pending.process)?.last() {
        people.mine.clone_from(&latest.author);
    }
    let theirs = pending
        .theirs_about
        .rsplit(", ")
        .find_map(|part| part.split_once("'s v").map(|(author, _)| author));
    if let Some(author) = theirs {
        people.theirs = author.to_string();
    }
    Ok(people)
}

fn merge_with(
    library: &Library,
    pending: &PendingMerge,
    choices: &Choices,
    people: &People,
) -> Result<Merged, SyncError> {
    Ok(merge::merge_in(
        Some(&library.process_names_by_id()?),
        &pending.base,
        &pending.mine,
        &pending.theirs,
        choices,
        people,
    ))
}

/// The waiting merge of a process as it stands, with the choices made so far.
pub fn current(library: &Library, process: Id, name: &str) -> Result<Merged, SyncError> {
    let pending = pending(library, process, name)?;
    let people = people(library, &pending)?;
    merge_with(library, &pending, &Choices::read(&pending.choices), &people)
}

/// The waiting merge with `picks` added to the choices made so far, without keeping them.
pub fn preview(
    library: &Library,
    process: Id,
    name: &str,
    picks: &Picks,
) -> Result<Merged, SyncError> {
    let pending = pending(library, process, name)?;
    let people = people(library, &pending)?;
    let choices = chosen(library, &pending, &people, picks)?;
    merge_with(library, &pending, &choices, &people)
}

/// The stored choices with `picks` added, conflicts named by their number.
fn chosen(
    library: &Library,
    pending: &PendingMerge,
    people: &People,
    picks: &Picks,
) -> Result<Choices, SyncError> {
    let mut choices = Choices::read(&pending.choices);
    let before = merge_with(library, pending, &choices, people)?;
    let key = |number: u32| -> Result<String, SyncError> {
        before
            .conflicts
            .iter()
            .find(|c| c.number == number)
            .map(|c| c.key.clone())
            .ok_or_else(|| SyncError::UnknownConflict(number.to_string()))
    };
    for (number, side) in &picks.sides {
        choices.sides.insert(key(*number)?, *side);
    }
    for (number, fate) in &picks.fates {
        choices.fates.insert(key(*number)?, fate.clone());
    }
    Ok(choices)
}

/// Takes the given picks for the numbered conflicts, then saves the merge if nothing is left.
pub fn resolve(
    library: &mut Library,
    process: Id,
    name: &str,
    picks: &Picks,
    author: &str,
    at: DateTime<Utc>,
) -> Result<Resolution, SyncError> {
    let pending = pending(library, process, name)?;
    let people = people(library, &pending)?;
    let choices = chosen(library, &pending, &people, picks)?;
    let merged = merge_with(library, &pending, &choices, &people)?;
    if !merged.unresolved().is_empty() {
        library.set_merge_choices(process, &choices.write(), &merged.process, at)?;
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
