//! The linked repository as the anchor `verify` checks a library's newest versions against:
//! every version commit up to the tip the library last took in (by pull or push) is a version
//! the library has had. When the repository's newest version of a process is not in the
//! library, its newest versions were deleted (with their audit entries, or the audit log alone
//! would have shown it).

use std::collections::BTreeMap;
use std::path::Path;

use super::git::Repository;
use super::message::{self, Content, Stamp};
use super::SyncError;
use crate::model::Id;
use crate::store::{distinct, short, Findings, Library, TamperKind, TamperProblem};

/// What checking against the linked repository found.
pub struct AnchorCheck {
    /// Which repository and commit the library was checked against, in words.
    pub against: String,
    pub problems: Vec<TamperProblem>,
}

/// Checks the library against its linked repository; `None` when it is not linked. Uses the
/// private cache beside the library, fetching only when the tip it recorded is not there.
pub fn check(library: &Library, cache: &Path) -> Result<Option<AnchorCheck>, SyncError> {
    let Some(link) = library.remote()? else {
        return Ok(None);
    };
    let Some(tip) = link.tip else {
        return Ok(Some(AnchorCheck {
            against: format!("{} ({}): nothing shared yet", link.url, link.branch),
            problems: Vec::new(),
        }));
    };
    let repo = Repository::open_or_init(cache)?;
    if !repo.has_commit(&tip) {
        repo.fetch(&link.url, &link.branch)?;
    }
    if !repo.has_commit(&tip) {
        return Err(SyncError::Git {
            command: "verify".into(),
            message: format!(
                "the commit {} this library last took in is not in {} any more",
                super::commits::short(&tip),
                link.url
            ),
        });
    }
    let newest = newest_versions(&repo, &tip)?;
    let mut findings = Findings::new(library.process_names()?);
    let hashes = library.stored_hashes()?;
    let none = Vec::new();
    for (process, (commit, stamp)) in &newest {
        if library.pending_merge(*process)?.is_some() || library.merged_in(*process, commit)? {
            continue;
        }
        let key = process.to_string();
        let stored = hashes.get(&key).unwrap_or(&none);
        if stored.iter().any(|(_, hash)| *hash == stamp.hash) {
            continue;
        }
        let local = stored.iter().filter_map(|(n, _)| *n).max().unwrap_or(0);
        if local < stamp.version {
            let message = format!(
                "versions were deleted from the end: the linked repository holds v{} (commit {}, hash {}), the library's newest is {}",
                stamp.version,
                super::commits::short(commit),
                short(&stamp.hash),
                if local == 0 { "none".to_string() } else { format!("v{local}") }
            );
            findings.add(
                TamperKind::TruncatedHistory,
                Some(&key),
                Some(stamp.version),
                message,
            );
        } else {
            let newest_here = stored
                .iter()
                .find(|(n, _)| *n == Some(local))
                .map_or("", |(_, h)| h);
            let (theirs, ours) = distinct(&stamp.hash, newest_here);
            let message = format!(
                "the linked repository holds v{} with hash {theirs}, which no version here has (the newest here hashes to {ours})",
                stamp.version
            );
            findings.add(
                TamperKind::DiffersFromAnchor,
                Some(&key),
                Some(stamp.version),
                message,
            );
        }
    }
    Ok(Some(AnchorCheck {
        against: format!(
            "{} ({}) at {}",
            link.url,
            link.branch,
            super::commits::short(&tip)
        ),
        problems: findings.problems,
    }))
}

/// The newest version commit of each process from `tip` back along first parents.
fn newest_versions(
    repo: &Repository,
    tip: &str,
) -> Result<BTreeMap<Id, (String, Stamp)>, SyncError> {
    let mut newest = BTreeMap::new();
    for commit in repo.first_parents(tip)? {
        let object = repo.commit_object(&commit)?;
        let text = object.split_once("\n\n").map_or("", |(_, m)| m);
        if let Ok(Content::Version { stamp, .. }) = message::read_any(text) {
            newest.entry(stamp.process).or_insert((commit, stamp));
        }
    }
    Ok(newest)
}
