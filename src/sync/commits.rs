//! A version ↔ a commit. Writing: the parent's tree with the process's folder replaced, the
//! version's message with its stamp, the version's author and time. Reading: the stamp, then the
//! definition, checked as hostile input (size, marker format, hash, parse, id, structure).

use chrono::{DateTime, Utc};

use super::files::{self, ScenarioFile, BPMN, DEFINITION, MARKER, SCENARIOS};
use super::git::{Repository, Signature, TreeEntry};
use super::message::{self, Content, ScenarioStamp, Stamp};
use super::readable;
use super::SyncError;
use crate::bpmn::{self, Target};
use crate::canonical;
use crate::model::{Id, Process, SCHEMA_VERSION};
use crate::validate;

/// A version as read from a commit.
#[derive(Clone, Debug)]
pub struct RemoteVersion {
    pub commit: String,
    pub stamp: Stamp,
    pub message: String,
    pub process: Process,
    /// The definition file's text, which `stamp.hash` is of.
    pub definition: String,
}

/// A scenario as read from a commit.
#[derive(Clone, Debug)]
pub struct RemoteScenario {
    pub commit: String,
    pub stamp: ScenarioStamp,
    pub file: ScenarioFile,
}

/// What a commit of the shared branch holds.
#[derive(Clone, Debug)]
// A pull holds a few of these at a time, read one by one: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum RemoteCommit {
    Version(RemoteVersion),
    Scenario(RemoteScenario),
    /// A change of the allowed signers (the file is read from the tip, not from here).
    Signers,
}

/// What goes into one commit.
pub struct VersionCommit<'a> {
    pub process: Id,
    /// The definition as the library stores it (`Library::load_text`), so the commit's hash is
    /// the library's.
    pub definition: &'a str,
    pub number: u32,
    pub author: &'a str,
    /// The author's e-mail (`Repository::email`).
    pub email: &'a str,
    pub message: &'a str,
    pub saved_at: DateTime<Utc>,
}

/// Writes the commit for a version on top of `parents` (the first one's tree is the base).
pub fn write(
    repo: &Repository,
    parents: &[&str],
    version: &VersionCommit,
) -> Result<String, SyncError> {
    let bytes = version.definition.as_bytes();
    let stamp = Stamp {
        process: version.process,
        version: version.number,
        hash: canonical::hash_bytes(bytes),
        author: version.author.to_string(),
        saved_at: version.saved_at,
    };
    let parsed = canonical::parse(version.definition).ok();
    // The repository shows flow ends by name as well; the hash stays that of `bytes`.
    let shown = match &parsed {
        Some(p) => readable::with_names(version.definition, p),
        None => version.definition.to_string(),
    };
    let definition = repo.write_blob(shown.as_bytes())?;
    let name = parsed.as_ref().map_or("", |p| p.info.name.as_str());
    let folder = (version.process, name);
    let mut tree = with_file(
        repo,
        parents.first().copied(),
        folder,
        &[],
        blob(DEFINITION, definition),
    )?;
    // The same version as BPMN, for colleagues with another modeller; never read back. A
    // definition that cannot be exported (unsafe kept XML) goes without it.
    if let Some(xml) = parsed
        .as_ref()
        .and_then(|p| bpmn::export(p, Target::Plain).ok())
    {
        let diagram = repo.write_blob(xml.as_bytes())?;
        tree = with_file(repo, Some(&tree), folder, &[], blob(BPMN, diagram))?;
    }
    let text = message::write(version.message, &stamp);
    let who = Signature {
        name: version.author,
        email: version.email,
        seconds: version.saved_at.timestamp(),
    };
    repo.write_commit(&tree, parents, &text, &who)
}

fn blob(name: &str, id: String) -> TreeEntry {
    TreeEntry {
        mode: "100644".into(),
        kind: "blob".into(),
        id,
        name: name.into(),
    }
}

fn tree(name: &str, id: String) -> TreeEntry {
    TreeEntry {
        mode: "040000".into(),
        kind: "tree".into(),
        id,
        name: name.into(),
    }
}

/// The folder of `process` among a tree's top-level entries: named by its id first, else by the
/// end of its id (`files::is_folder_of`).
fn process_folder(entries: &[TreeEntry], process: Id) -> Option<&TreeEntry> {
    let folders = || entries.iter().filter(|e| e.kind == "tree");
    folders()
        .find(|e| e.name == process.to_string())
        .or_else(|| folders().find(|e| files::is_folder_of(&e.name, process)))
}

/// The subtree `name` of a tree, if there is one.
fn subtree(repo: &Repository, tree_ish: &str, name: &str) -> Result<Option<String>, SyncError> {
    Ok(repo
        .entries(tree_ish)?
        .into_iter()
        .find(|e| e.name == name && e.kind == "tree")
        .map(|e| e.id))
}

/// The parent's tree with `file` written at `<folder>/<path…>/`, everything else kept: the
/// process's folder where the parent has one, else a new one named after `name`.
fn with_file(
    repo: &Repository,
    parent: Option<&str>,
    (process, name): (Id, &str),
    path: &[&str],
    file: TreeEntry,
) -> Result<String, SyncError> {
    let existing = match parent {
        Some(p) => process_folder(&repo.entries(p)?, process).map(|e| e.name.clone()),
        None => None,
    };
    let folder = existing.unwrap_or_else(|| files::new_folder(name, process));
    let mut names = vec![folder.as_str()];
    names.extend_from_slice(path);
    // The existing trees along the path, from the root down.
    let mut trees: Vec<Option<String>> = vec![parent.map(String::from)];
    for name in &names {
        let next = match trees.last().cloned().flatten() {
            Some(t) => subtree(repo, &t, name)?,
            None => None,
        };
        trees.push(next);
    }
    let mut child = file;
    for (depth, name) in names.iter().enumerate().rev() {
        let mut entries = match &trees[depth + 1] {
            Some(t) => repo.entries(t)?,
            None => Vec::new(),
        };
        entries.retain(|e| e.name != child.name);
        entries.push(child);
        child = tree(name, repo.write_tree(&entries)?);
    }
    let mut root = match parent {
        Some(p) => repo.entries(p)?,
        None => Vec::new(),
    };
    root.retain(|e| e.name != child.name && e.name != MARKER);
    root.push(child);
    root.push(blob(MARKER, repo.write_blob(&files::marker())?));
    repo.write_tree(&root)
}

/// Writes the commit that adds a trainer scenario to its process's folder.
pub fn write_scenario(
    repo: &Repository,
    parent: Option<&str>,
    stamp: &ScenarioStamp,
    file: &ScenarioFile,
    email: &str,
) -> Result<String, SyncError> {
    let id = repo.write_blob(&files::scenario_bytes(file))?;
    let name = files::scenario_file(&stamp.name);
    // The version it ran on is shared already, so its process's folder is there.
    let folder = (stamp.process, "");
    let tree = with_file(repo, parent, folder, &[SCENARIOS], blob(&name, id))?;
    let who = Signature {
        name: &stamp.author,
        email,
        seconds: stamp.saved_at.timestamp(),
    };
    let parents: Vec<&str> = parent.into_iter().collect();
    repo.write_commit(&tree, &parents, &message::write_scenario(stamp), &who)
}

/// Writes the commit that replaces the repository's allowed-signers file (`signers`, git's
/// format) on top of `parent`, by `who`.
pub fn write_signers(
    repo: &Repository,
    parent: Option<&str>,
    signers: &str,
    who: &Signature,
) -> Result<String, SyncError> {
    let mut root = match parent {
        Some(p) => repo.entries(p)?,
        None => Vec::new(),
    };
    root.retain(|e| {
        e.name != files::ALLOWED_SIGNERS && e.name != files::OPENPGP_SIGNERS && e.name != MARKER
    });
    // git and ssh-keygen read `allowed_signers` as it is: the GPG signers go beside it.
    let ssh = super::openpgp::ssh_part(signers);
    root.push(blob(
        files::ALLOWED_SIGNERS,
        repo.write_blob(ssh.as_bytes())?,
    ));
    let openpgp = super::openpgp::openpgp_part(signers);
    if !openpgp.is_empty() {
        let id = repo.write_blob(openpgp.as_bytes())?;
        root.push(blob(files::OPENPGP_SIGNERS, id));
    }
    root.push(blob(MARKER, repo.write_blob(&files::marker())?));
    let tree = repo.write_tree(&root)?;
    let names = super::signing::names(signers);
    let parents: Vec<&str> = parent.into_iter().collect();
    repo.write_commit(&tree, &parents, &message::write_signers(&names), who)
}

/// Reads commits one after another; a marker blob already found good is not read again (it
/// is the same blob in nearly every commit).
pub struct Reader<'a> {
    repo: &'a Repository,
    good_marker: Option<String>,
}

impl<'a> Reader<'a> {
    pub fn new(repo: &'a Repository) -> Self {
        Reader {
            repo,
            good_marker: None,
        }
    }

    /// Reads what a commit holds; anything off is refused with what and where.
    pub fn read(&mut self, commit: &str) -> Result<RemoteCommit, SyncError> {
        read(self.repo, commit, &mut self.good_marker)
    }
}

fn read(
    repo: &Repository,
    commit: &str,
    good_marker: &mut Option<String>,
) -> Result<RemoteCommit, SyncError> {
    let broken = |problem: String| SyncError::BrokenCommit {
        commit: short(commit).to_string(),
        problem,
    };
    let entries = repo.entries(commit)?;
    check_marker(repo, &entries, good_marker)?;
    let object = repo.commit_object(commit)?;
    let text = object.split_once("\n\n").map_or("", |(_, m)| m);
    let (message, stamp) = match message::read_any(text).map_err(&broken)? {
        Content::Version { message, stamp } => (message, stamp),
        Content::Scenario(stamp) => {
            return read_scenario(repo, commit, stamp).map(RemoteCommit::Scenario)
        }
        Content::Signers => return Ok(RemoteCommit::Signers),
    };
    let (folder, file) = definition_file(repo, &entries, stamp.process, &broken)?;
    let size = repo.blob_size(&file.id)?;
    if size > files::MAX_DEFINITION_BYTES {
        return Err(broken(format!(
            "{folder}/{DEFINITION} is {size} bytes, more than any process needs"
        )));
    }
    let bytes = repo.blob(&file.id)?;
    let path = format!("{folder}/{DEFINITION}");
    let shown =
        String::from_utf8(bytes).map_err(|_| broken(format!("{path} is not UTF-8 text")))?;
    // The names beside flow ends are for people: the ids and the hash are what count.
    let text = readable::without_names(&shown);
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
    // version any more once saved. Text saved under an older schema is canonical for that schema,
    // which this release no longer writes; the hash in the message still guards it.
    let current = canonical::schema_of(&text) == Some(u64::from(SCHEMA_VERSION));
    if current && canonical::to_bytes(&process) != text.as_bytes() {
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
    Ok(RemoteCommit::Version(RemoteVersion {
        commit: commit.to_string(),
        stamp,
        message,
        process,
        definition: text,
    }))
}

fn read_scenario(
    repo: &Repository,
    commit: &str,
    stamp: ScenarioStamp,
) -> Result<RemoteScenario, SyncError> {
    let broken = |problem: String| SyncError::BrokenCommit {
        commit: short(commit).to_string(),
        problem,
    };
    let name = files::scenario_file(&stamp.name);
    let entries = repo.entries(commit)?;
    let folder = process_folder(&entries, stamp.process);
    let folder_name = folder.map_or_else(|| stamp.process.to_string(), |f| f.name.clone());
    let path = format!("{folder_name}/{SCENARIOS}/{name}");
    let dir = match folder {
        Some(f) => subtree(repo, &f.id, SCENARIOS)?,
        None => None,
    };
    let file = match dir {
        Some(d) => repo
            .entries(&d)?
            .into_iter()
            .find(|e| e.name == name && e.kind == "blob"),
        None => None,
    }
    .ok_or_else(|| broken(format!("it has no {path}")))?;
    if repo.blob_size(&file.id)? > files::MAX_DEFINITION_BYTES {
        return Err(broken(format!("{path} is larger than any scenario needs")));
    }
    let parsed: ScenarioFile = serde_json::from_slice(&repo.blob(&file.id)?)
        .map_err(|e| broken(format!("{path} cannot be read ({e})")))?;
    if parsed.scenario.name != stamp.name || parsed.scenario.process != stamp.process {
        return Err(broken(format!(
            "{path} holds another scenario than its message names"
        )));
    }
    Ok(RemoteScenario {
        commit: commit.to_string(),
        stamp,
        file: parsed,
    })
}

/// The definition of `process` as of `commit` (a sync point: a commit known to hold it).
pub fn definition_at(repo: &Repository, commit: &str, process: Id) -> Result<Process, SyncError> {
    let broken = |problem: String| SyncError::BrokenCommit {
        commit: short(commit).to_string(),
        problem,
    };
    let (folder, file) = definition_file(repo, &repo.entries(commit)?, process, &broken)?;
    let bytes = repo.blob(&file.id)?;
    canonical::parse(&readable::without_names(&String::from_utf8_lossy(&bytes))).map_err(|source| {
        SyncError::BrokenDefinition {
            commit: short(commit).to_string(),
            path: format!("{folder}/{DEFINITION}"),
            source,
        }
    })
}

/// The folder of `process` among a commit's top-level `entries`, and the definition file in it.
fn definition_file(
    repo: &Repository,
    entries: &[TreeEntry],
    process: Id,
    broken: &impl Fn(String) -> SyncError,
) -> Result<(String, TreeEntry), SyncError> {
    let dir = process_folder(entries, process)
        .ok_or_else(|| broken(format!("it has no folder for process {process}")))?;
    let file = repo
        .entries(&dir.id)?
        .into_iter()
        .find(|e| e.name == DEFINITION && e.kind == "blob")
        .ok_or_else(|| broken(format!("it has no {}/{DEFINITION}", dir.name)))?;
    Ok((dir.name.clone(), file))
}

/// The repository's marker must be there and name a format this build reads.
fn check_marker(
    repo: &Repository,
    entries: &[TreeEntry],
    good: &mut Option<String>,
) -> Result<(), SyncError> {
    let marker = entries
        .iter()
        .find(|e| e.name == MARKER && e.kind == "blob")
        .ok_or_else(|| SyncError::NotALibrary(format!("it has no {MARKER} at the top")))?;
    if good.as_deref() == Some(marker.id.as_str()) {
        return Ok(());
    }
    if repo.blob_size(&marker.id)? > 64 * 1024 {
        return Err(SyncError::NotALibrary(format!("{MARKER} is far too large")));
    }
    let format = files::format_of(&repo.blob(&marker.id)?).map_err(SyncError::NotALibrary)?;
    if format > files::FORMAT {
        return Err(SyncError::FormatTooNew {
            found: format,
            supported: files::FORMAT,
        });
    }
    *good = Some(marker.id.clone());
    Ok(())
}

/// Enough of a commit id to find it with git.
pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}
