//! A version ↔ a commit. Writing: the parent's tree with the process's folder replaced, the
//! version's message with its stamp, the version's author and time. Reading: the stamp, then the
//! definition, checked as hostile input (size, marker format, hash, parse, id, structure).

use chrono::{DateTime, Utc};

use super::git::{Repository, Signature, TreeEntry};
use super::layout::{self, DEFINITION, MARKER};
use super::message::{self, Stamp};
use super::SyncError;
use crate::canonical;
use crate::model::{Id, Process};
use crate::validate;

/// A version as read from a commit.
#[derive(Clone, Debug)]
pub struct RemoteVersion {
    pub commit: String,
    pub stamp: Stamp,
    pub message: String,
    pub process: Process,
}

/// What goes into one commit.
pub struct VersionCommit<'a> {
    pub process: &'a Process,
    pub number: u32,
    pub author: &'a str,
    pub message: &'a str,
    pub saved_at: DateTime<Utc>,
}

/// Writes the commit for a version on top of `parents` (the first one's tree is the base).
pub fn write(
    repo: &Repository,
    parents: &[&str],
    version: &VersionCommit,
) -> Result<String, SyncError> {
    let bytes = canonical::to_bytes(version.process);
    let stamp = Stamp {
        process: version.process.id,
        version: version.number,
        hash: canonical::hash_bytes(&bytes),
        author: version.author.to_string(),
        saved_at: version.saved_at,
    };
    let folder = layout::folder(version.process.id);
    let mut entries = match parents.first() {
        Some(parent) => repo.entries(parent)?,
        None => Vec::new(),
    };
    entries.retain(|e| e.name != folder && e.name != MARKER);
    let definition = repo.write_blob(&bytes)?;
    let subtree = repo.write_tree(&[TreeEntry {
        mode: "100644".into(),
        kind: "blob".into(),
        id: definition,
        name: DEFINITION.into(),
    }])?;
    entries.push(TreeEntry {
        mode: "040000".into(),
        kind: "tree".into(),
        id: subtree,
        name: folder,
    });
    entries.push(TreeEntry {
        mode: "100644".into(),
        kind: "blob".into(),
        id: repo.write_blob(&layout::marker())?,
        name: MARKER.into(),
    });
    let tree = repo.write_tree(&entries)?;
    let text = message::write(version.message, &stamp);
    let who = Signature {
        name: version.author,
        seconds: version.saved_at.timestamp(),
    };
    repo.write_commit(&tree, parents, &text, &who)
}

/// Reads the version a commit holds; anything off is refused with what and where.
pub fn read(repo: &Repository, commit: &str) -> Result<RemoteVersion, SyncError> {
    let broken = |problem: String| SyncError::BrokenCommit {
        commit: short(commit).to_string(),
        problem,
    };
    let entries = repo.entries(commit)?;
    check_marker(repo, &entries)?;
    let object = repo.commit_object(commit)?;
    let text = object.split_once("\n\n").map_or("", |(_, m)| m);
    let (message, stamp) = message::read(text).map_err(&broken)?;
    let folder = layout::folder(stamp.process);
    let dir = entries
        .iter()
        .find(|e| e.name == folder && e.kind == "tree")
        .ok_or_else(|| broken(format!("it has no folder {folder}")))?;
    let file = repo
        .entries(&dir.id)?
        .into_iter()
        .find(|e| e.name == DEFINITION && e.kind == "blob")
        .ok_or_else(|| broken(format!("it has no {folder}/{DEFINITION}")))?;
    let size = repo.blob_size(&file.id)?;
    if size > layout::MAX_DEFINITION_BYTES {
        return Err(broken(format!(
            "{folder}/{DEFINITION} is {size} bytes, more than any process needs"
        )));
    }
    let bytes = repo.blob(&file.id)?;
    let path = format!("{folder}/{DEFINITION}");
    let text = String::from_utf8(bytes).map_err(|_| broken(format!("{path} is not UTF-8 text")))?;
    let process = canonical::parse(&text).map_err(|source| SyncError::BrokenDefinition {
        commit: short(commit).to_string(),
        path: path.clone(),
        source,
    })?;
    if process.id != stamp.process {
        return Err(broken(format!(
            "{path} holds process {}, not the one its folder names",
            process.id
        )));
    }
    if canonical::hash_bytes(text.as_bytes()) != stamp.hash {
        return Err(broken(format!(
            "{path} does not match the sha256 its message records (it was edited by hand)"
        )));
    }
    // The hash a library stores is of the canonical bytes: anything else would not be this
    // version any more once saved.
    if canonical::to_bytes(&process) != text.as_bytes() {
        return Err(broken(format!(
            "{path} is not in canonical form (it was edited by hand)"
        )));
    }
    let problems = validate::structure(&process);
    if !problems.is_empty() {
        let list: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        return Err(broken(format!(
            "{path} is not a valid process: {}",
            list.join("; ")
        )));
    }
    Ok(RemoteVersion {
        commit: commit.to_string(),
        stamp,
        message,
        process,
    })
}

/// The definition of `process` as of `commit` (a sync point: a commit known to hold it).
pub fn definition_at(repo: &Repository, commit: &str, process: Id) -> Result<Process, SyncError> {
    let folder = layout::folder(process);
    let broken = |problem: String| SyncError::BrokenCommit {
        commit: short(commit).to_string(),
        problem,
    };
    let dir = repo
        .entries(commit)?
        .into_iter()
        .find(|e| e.name == folder && e.kind == "tree")
        .ok_or_else(|| broken(format!("it has no folder {folder}")))?;
    let file = repo
        .entries(&dir.id)?
        .into_iter()
        .find(|e| e.name == DEFINITION && e.kind == "blob")
        .ok_or_else(|| broken(format!("it has no {folder}/{DEFINITION}")))?;
    let bytes = repo.blob(&file.id)?;
    canonical::parse(&String::from_utf8_lossy(&bytes)).map_err(|source| {
        SyncError::BrokenDefinition {
            commit: short(commit).to_string(),
            path: format!("{folder}/{DEFINITION}"),
            source,
        }
    })
}

/// The repository's marker must be there and name a format this build reads.
fn check_marker(repo: &Repository, entries: &[TreeEntry]) -> Result<(), SyncError> {
    let marker = entries
        .iter()
        .find(|e| e.name == MARKER && e.kind == "blob")
        .ok_or_else(|| SyncError::NotALibrary(format!("it has no {MARKER} at the top")))?;
    if repo.blob_size(&marker.id)? > 64 * 1024 {
        return Err(SyncError::NotALibrary(format!("{MARKER} is far too large")));
    }
    let format = layout::format_of(&repo.blob(&marker.id)?).map_err(SyncError::NotALibrary)?;
    if format > layout::FORMAT {
        return Err(SyncError::FormatTooNew {
            found: format,
            supported: layout::FORMAT,
        });
    }
    Ok(())
}

/// Enough of a commit id to find it with git.
pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}
