//! `flowlane push`: every local version the shared repository does not have yet becomes one
//! commit on top of its branch, oldest first. A saved merge becomes a merge commit: the local
//! versions it merged go on a side branch from where the process last agreed with the
//! repository, so the shared history keeps both sides.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::commits::{self, VersionCommit};
use super::files::ScenarioFile;
use super::git::{Repository, Signature, SigningKey};
use super::message::ScenarioStamp;
use super::openpgp;
use super::pull::rewritten;
use super::signing;
use super::SyncError;
use crate::model::Id;
use crate::store::{Library, Signing, SyncBatch, VersionInfo};

/// What a push did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PushReport {
    /// Versions written as commits.
    pub versions: u32,
    pub processes: u32,
    /// Trainer scenarios written as commits.
    pub scenarios: u32,
    /// Processes left out because a merge waits for them.
    pub waiting: Vec<String>,
    /// The allowed signers changed here were written to the repository.
    pub signers: bool,
}

impl PushReport {
    pub fn render(&self) -> String {
        let mut out = if self.versions == 0 && self.scenarios == 0 {
            if self.signers {
                String::new()
            } else if self.waiting.is_empty() {
                "nothing to push: the shared repository has every version\n".to_string()
            } else {
                String::new()
            }
        } else if self.scenarios == 0 {
            format!(
                "pushed {} version(s) of {} process(es)\n",
                self.versions, self.processes
            )
        } else {
            format!(
                "pushed {} version(s) of {} process(es) and {} scenario(s)\n",
                self.versions, self.processes, self.scenarios
            )
        };
        if self.signers {
            out.push_str("pushed the allowed signers\n");
        }
        for name in &self.waiting {
            out.push_str(&format!(
                "not pushed: \"{name}\" waits for a merge, which must be saved first: `flowlane merge \"{name}\"`, then push again\n"
            ));
        }
        out
    }
}

/// Pushes every unshared version. Refused, with nothing changed, when the repository has
/// versions this library has not pulled yet.
pub fn push(
    library: &mut Library,
    cache: &Path,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<PushReport, SyncError> {
    let link = library.remote()?.ok_or(SyncError::NotLinked)?;
    let mut repo = Repository::open_or_init(cache)?;
    let signing = library.signing()?;
    if let Some(key) = &signing.key {
        repo.sign_with(SigningKey::of_setting(key));
    }
    let remote_tip = repo.fetch(&link.url, &link.branch)?;
    if remote_tip != link.tip {
        // Pulling helps only when the remote grew from what this library last saw.
        if let Some(tip) = &link.tip {
            let grew = match &remote_tip {
                Some(remote) => repo.is_ancestor(tip, remote)?,
                None => false,
            };
            if !grew {
                return Err(rewritten(&repo, tip));
            }
        }
        return Err(SyncError::RemoteMoved);
    }

    let mut report = PushReport::default();
    let mut per_process: Vec<Vec<(VersionInfo, bool)>> = Vec::new();
    for summary in library.processes()? {
        let Some(latest) = summary.latest else {
            continue;
        };
        let shared = library.shared_number(summary.id)?.unwrap_or(0);
        if shared >= latest {
            continue;
        }
        if library.pending_merge(summary.id)?.is_some() {
            report.waiting.push(summary.name);
            continue;
        }
        report.processes += 1;
        let unshared: Vec<VersionInfo> = library
            .history(summary.id)?
            .into_iter()
            .filter(|v| v.number > shared)
            .collect();
        // Versions before a saved merge are the local side of that merge.
        let mut last_merge = None;
        for v in &unshared {
            if library.merged_commit(v.process, v.number)?.is_some() {
                last_merge = Some(v.number);
            }
        }
        per_process.push(
            unshared
                .into_iter()
                .map(|v| {
                    let side = last_merge.is_some_and(|m| v.number < m);
                    (v, side)
                })
                .collect(),
        );
    }
    let queue = oldest_first(per_process);

    let mut head = remote_tip.clone();
    let mut commit_of: HashMap<(Id, u32), String> = HashMap::new();
    let mut batch = SyncBatch::default();
    // Who may sign goes first, so the versions after it are checked against the new list.
    let tip_signers = match &remote_tip {
        Some(tip) => openpgp::shared_signers(&repo, tip)?,
        None => String::new(),
    };
    if signing.signers != signing.signers_shared && signing.signers != tip_signers {
        let who = Signature {
            name: actor,
            email: &repo.email(actor, actor),
            seconds: at.timestamp(),
        };
        let commit = commits::write_signers(&repo, head.as_deref(), &signing.signers, &who)?;
        report.signers = true;
        batch.signers = Some((signing.signers.clone(), signing.signers.clone()));
        head = Some(commit);
    }
    let mut waiting_side: HashMap<Id, Vec<VersionInfo>> = HashMap::new();
    for (version, side) in queue {
        if side {
            waiting_side
                .entry(version.process)
                .or_default()
                .push(version);
            continue;
        }
        let (_, definition) = library.load_text(version.process, Some(version.number))?;
        let mut parents: Vec<String> = head.iter().cloned().collect();
        if library
            .merged_commit(version.process, version.number)?
            .is_some()
        {
            // The side branch starts where this process last agreed with the repository.
            let sides = waiting_side.remove(&version.process).unwrap_or_default();
            let mut side_head = match sides.first() {
                Some(first) => previous_commit(library, &commit_of, first)?,
                None => None,
            };
            for s in &sides {
                let (_, def) = library.load_text(s.process, Some(s.number))?;
                let side_parents: Vec<&str> = side_head.iter().map(String::as_str).collect();
                let email = repo.email(&s.author, actor);
                let commit = commits::write(&repo, &side_parents, &commit_input(s, &def, &email))?;
                commit_of.insert((s.process, s.number), commit.clone());
                batch.mapped.push((s.process, s.number, commit.clone()));
                report.versions += 1;
                side_head = Some(commit);
            }
            // What it merged is already on the branch (the first parent); the second parent is
            // the local side, when there is one besides the merge itself.
            parents.extend(side_head);
        }
        let parent_refs: Vec<&str> = parents.iter().map(String::as_str).collect();
        let email = repo.email(&version.author, actor);
        let input = commit_input(&version, &definition, &email);
        let commit = commits::write(&repo, &parent_refs, &input)?;
        commit_of.insert((version.process, version.number), commit.clone());
        batch
            .mapped
            .push((version.process, version.number, commit.clone()));
        report.versions += 1;
        head = Some(commit);
    }
    // Trainer scenarios follow, each in its own commit, once the version they ran on is there.
    for unshared in library.unshared_scenarios()? {
        let s = &unshared.scenario;
        let shared = commit_of.contains_key(&(s.process, s.version))
            || library.commit_of(s.process, s.version)?.is_some();
        if !shared {
            continue;
        }
        let stamp = ScenarioStamp {
            process: s.process,
            name: s.name.clone(),
            author: unshared.author.clone(),
            saved_at: unshared.saved_at,
        };
        let file = ScenarioFile {
            version_hash: unshared.version_hash.clone(),
            scenario: s.clone(),
        };
        let email = repo.email(&stamp.author, actor);
        let commit = commits::write_scenario(&repo, head.as_deref(), &stamp, &file, &email)?;
        batch
            .mapped_scenarios
            .push((s.name.clone(), commit.clone()));
        report.scenarios += 1;
        head = Some(commit);
    }
    if head != remote_tip {
        let written = match &remote_tip {
            Some(tip) => repo.first_parents_until(head.as_deref().unwrap_or(tip), tip)?,
            None => match &head {
                Some(h) => repo.first_parents(h)?,
                None => Vec::new(),
            },
        };
        if signing::in_use(&signing, &tip_signers) {
            check_own_seals(&repo, &mut batch, &written, &signing)?;
        }
        if let Some(tip) = &head {
            repo.push(&link.url, &link.branch, tip)?;
        }
        batch.tip = head;
        library.record_sync(&batch, actor, at)?;
    }
    Ok(report)
}

/// The signatures of the commits about to be pushed: with signed versions required, a push
/// the repository's readers would refuse is refused here first.
fn check_own_seals(
    repo: &Repository,
    batch: &mut SyncBatch,
    written: &[String],
    signing: &Signing,
) -> Result<(), SyncError> {
    if signing.require_signatures && signing.key.is_none() {
        return Err(SyncError::NoSigningKey);
    }
    let mut commits: Vec<String> = written.to_vec();
    // The side branch of a merge is not on the first-parent line: check its commits too.
    for (_, _, commit) in &batch.mapped {
        if !commits.contains(commit) {
            commits.push(commit.clone());
        }
    }
    let seals = signing::seals(repo, &commits, &signing.signers)?;
    if signing.require_signatures {
        let findings: Vec<String> = seals
            .iter()
            .filter(|s| signing::refused(s, true))
            .filter_map(|s| signing::finding(s, "your commit"))
            .collect();
        if !findings.is_empty() {
            return Err(SyncError::OwnSignatureRefused(findings));
        }
    }
    batch.seals = seals;
    Ok(())
}

fn commit_input<'a>(v: &'a VersionInfo, definition: &'a str, email: &'a str) -> VersionCommit<'a> {
    VersionCommit {
        process: v.process,
        definition,
        email,
        number: v.number,
        author: &v.author,
        message: &v.message,
        saved_at: v.saved_at,
    }
}

/// The commit of the version before `v`: written in this push, or shared earlier.
fn previous_commit(
    library: &Library,
    written: &HashMap<(Id, u32), String>,
    v: &VersionInfo,
) -> Result<Option<String>, SyncError> {
    let before = v.number - 1;
    if let Some(commit) = written.get(&(v.process, before)) {
        return Ok(Some(commit.clone()));
    }
    Ok(library.commit_of(v.process, before)?)
}

/// All processes' versions in one line, oldest first by save time, each process's versions
/// staying in number order even if a clock went backwards.
fn oldest_first(mut lists: Vec<Vec<(VersionInfo, bool)>>) -> Vec<(VersionInfo, bool)> {
    for list in &mut lists {
        list.reverse();
    }
    let mut out = Vec::new();
    loop {
        let next = lists
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.last().map(|(v, _)| (v.saved_at, v.process, i)))
            .min();
        let Some((_, _, i)) = next else {
            return out;
        };
        out.extend(lists[i].pop());
    }
}
