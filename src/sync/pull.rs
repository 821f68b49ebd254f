//! `flowlane pull`: takes in the versions others pushed. The shared branch is read along first
//! parents from the last commit this library took in; each commit is read as hostile input and
//! the whole pull is refused, changing nothing, if any is broken, if the repository is newer or
//! not a Flowlane library, or if its history no longer contains what this library already has.
//! A process only the remote changed gets the remote versions as its next versions (original
//! authors and times, the hash chain continued); a process both sides changed gets a three-way
//! merge into its draft, conflicts listed for `flowlane merge`.

use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::commits::{self, short, RemoteCommit, RemoteVersion};
use super::git::Repository;
use super::merge::{self, Choices, Conflict, Fate, People};
use super::signing;
use super::{message, SyncError};
use crate::canonical;
use crate::model::Id;
use crate::store::{Library, PendingMerge, PulledScenario, PulledVersion, SyncBatch, VersionInfo};

/// A version a pull added to the library.
#[derive(Clone, Debug, PartialEq)]
pub struct PulledLine {
    pub process: String,
    pub number: u32,
    pub author: String,
    pub message: String,
}

/// A merge a pull started (or restarted with newer remote versions).
#[derive(Clone, Debug, PartialEq)]
pub struct MergeStarted {
    pub process: Id,
    pub name: String,
    pub theirs_about: String,
    pub conflicts: Vec<Conflict>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PullReport {
    pub versions: Vec<PulledLine>,
    pub merges: Vec<MergeStarted>,
    /// Trainer scenarios taken in, by name.
    pub scenarios: Vec<String>,
    /// Scenarios left out, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Versions taken in that are unsigned or signed by an unknown key (the policy allows them).
    pub unsigned: Vec<String>,
    /// The allowed signers changed.
    pub signers: Option<Vec<String>>,
}

impl PullReport {
    /// How many different people saved the versions taken in.
    pub fn people(&self) -> usize {
        self.versions
            .iter()
            .map(|v| v.author.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        if self.versions.is_empty()
            && self.merges.is_empty()
            && self.scenarios.is_empty()
            && self.skipped.is_empty()
            && self.signers.is_none()
        {
            return "already up to date: no new versions\n".into();
        }
        if !self.versions.is_empty() {
            let n = self.versions.len();
            let people = self.people();
            let _ = writeln!(
                out,
                "{n} new version{} from {people} {}",
                if n == 1 { "" } else { "s" },
                if people == 1 { "person" } else { "people" }
            );
            for v in &self.versions {
                let _ = writeln!(
                    out,
                    "  {} v{} by {}: {}",
                    v.process, v.number, v.author, v.message
                );
            }
        }
        for name in &self.scenarios {
            let _ = writeln!(out, "new scenario \"{name}\"");
        }
        for (name, reason) in &self.skipped {
            let _ = writeln!(out, "scenario \"{name}\" not taken in: {reason}");
        }
        if let Some(names) = &self.signers {
            let _ = writeln!(out, "allowed signers now: {}", names.join(", "));
        }
        for finding in &self.unsigned {
            let _ = writeln!(out, "warning: {finding}");
        }
        for m in &self.merges {
            let _ = writeln!(
                out,
                "\"{}\": both sides saved new versions; merged with {} into the draft",
                m.name, m.theirs_about
            );
            out.push_str(&render_conflicts(&m.name, &m.conflicts));
        }
        out
    }
}

/// The conflicts of a merge, numbered, with both values, and what to run next.
pub fn render_conflicts(name: &str, conflicts: &[Conflict]) -> String {
    let mut out = String::new();
    let open = conflicts.iter().filter(|c| c.choice.is_none()).count();
    if conflicts.is_empty() {
        let _ = writeln!(
            out,
            "  no conflicts: review the draft (`flowlane diff \"{name}\" <latest> draft`), then save it with `flowlane merge \"{name}\"`"
        );
        return out;
    }
    let _ = writeln!(
        out,
        "  {} conflict(s), {open} without a choice:",
        conflicts.len()
    );
    let show = |v: &Option<String>| match v {
        Some(v) => format!("\"{v}\""),
        None => "deleted".into(),
    };
    for c in conflicts {
        let element = format!("{:?}", c.element).to_lowercase();
        let what = if c.field == "deleted" {
            format!(
                "{element} \"{}\": deleted on one side, changed on the other",
                c.name
            )
        } else {
            format!("{element} \"{}\": {}", c.name, c.field)
        };
        let chosen = match (c.choice, c.needs_confirmation, &c.fate) {
            (None, ..) => String::new(),
            (Some(s), true, _) => format!(
                "  [taking {}: waits for --drop-dependents to confirm deleting what it takes along]",
                s.as_str()
            ),
            (Some(s), false, Some(Fate::Drop)) => {
                format!("  [taking {}, deleting what it takes along]", s.as_str())
            }
            (Some(s), false, _) => format!("  [taking {}]", s.as_str()),
        };
        let _ = writeln!(
            out,
            "  {}. {what}\n       mine:   {}\n       theirs: {}{chosen}",
            c.number,
            show(&c.mine),
            show(&c.theirs)
        );
        if let Some(consequence) = &c.consequence {
            let _ = writeln!(out, "       {consequence}");
        }
    }
    if open > 0 {
        let _ = writeln!(
            out,
            "  resolve with `flowlane merge \"{name}\" --take mine|theirs NUMBER…`; it saves the merge once every conflict has a choice"
        );
        if conflicts.iter().any(|c| !c.dependents.is_empty()) {
            let _ = writeln!(
                out,
                "  taking a deletion keeps what it takes along (`--keep-in LANE` picks the lane for the steps); `--drop-dependents` deletes them too"
            );
        }
    } else {
        let _ = writeln!(
            out,
            "  every conflict has a choice: save with `flowlane merge \"{name}\"`"
        );
    }
    out
}

/// Pulls the linked repository into the library: all of it, or nothing.
pub fn pull(
    library: &mut Library,
    cache: &Path,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<PullReport, SyncError> {
    let link = library.remote()?.ok_or(SyncError::NotLinked)?;
    let repo = Repository::open_or_init(cache)?;
    let remote = repo.fetch(&link.url, &link.branch)?;
    let new_commits: Vec<String> = match (&link.tip, &remote) {
        (None, None) => return Ok(PullReport::default()),
        (Some(tip), None) => return Err(rewritten(&repo, tip)),
        (Some(tip), Some(r)) if tip == r => return Ok(PullReport::default()),
        (tip, Some(r)) => {
            let chain = repo.first_parents(r)?;
            let end = match tip {
                None => chain.len(),
                Some(tip) => chain
                    .iter()
                    .position(|c| c == tip)
                    .ok_or_else(|| rewritten(&repo, tip))?,
            };
            chain[..end].iter().rev().cloned().collect()
        }
    };
    // Commits on the side branches of merges are not read as versions (their merge is), but
    // their signatures are checked like every other's.
    let side: Vec<String> = match &remote {
        Some(r) => repo
            .all_since(r, link.tip.as_deref())?
            .into_iter()
            .filter(|c| !new_commits.contains(c))
            .collect(),
        None => Vec::new(),
    };
    let mut groups: Vec<(Id, Vec<RemoteVersion>)> = Vec::new();
    let mut batch = SyncBatch {
        tip: remote,
        ..SyncBatch::default()
    };
    let mut reader = commits::Reader::new(&repo);
    let mut described: Vec<String> = Vec::new();
    for commit in &new_commits {
        let read = reader.read(commit)?;
        described.push(match &read {
            RemoteCommit::Version(v) => format!(
                "\"{}\" v{} by {}",
                v.process.info.name, v.stamp.version, v.stamp.author
            ),
            RemoteCommit::Scenario(s) => {
                format!("scenario \"{}\" by {}", s.stamp.name, s.stamp.author)
            }
            RemoteCommit::Signers => "the change of the allowed signers".into(),
        });
        let version = match read {
            RemoteCommit::Signers => continue,
            RemoteCommit::Version(v) => v,
            RemoteCommit::Scenario(s) => {
                batch.pulled_scenarios.push(PulledScenario {
                    scenario: s.file.scenario,
                    version_hash: s.file.version_hash,
                    author: s.stamp.author,
                    saved_at: s.stamp.saved_at,
                    commit: s.commit,
                });
                continue;
            }
        };
        match groups.iter_mut().find(|(p, _)| *p == version.stamp.process) {
            Some((_, list)) => list.push(version),
            None => groups.push((version.stamp.process, vec![version])),
        }
    }

    let mut report = PullReport::default();
    check_seals(
        library,
        &repo,
        (&new_commits, &side),
        &described,
        &mut batch,
        &mut report,
    )?;
    for (process, remote_versions) in groups {
        take_in(
            library,
            &repo,
            process,
            remote_versions,
            &mut batch,
            &mut report,
            at,
        )?;
    }
    let outcome = library.record_sync(&batch, actor, at)?;
    report.scenarios = outcome.scenarios;
    report.skipped = outcome.skipped;
    for info in outcome.versions {
        let name = batch
            .pulled
            .iter()
            .find(|p| p.process.id == info.process)
            .map_or_else(|| info.process.to_string(), |p| p.process.info.name.clone());
        report.versions.push(PulledLine {
            process: name,
            number: info.number,
            author: info.author,
            message: info.message,
        });
    }
    Ok(report)
}

/// Checks the signature of every commit taken in, refusing the pull (nothing changed) when the
/// policy refuses one; takes in the repository's allowed signers.
fn check_seals(
    library: &Library,
    repo: &Repository,
    (new_commits, side): (&[String], &[String]),
    described: &[String],
    batch: &mut SyncBatch,
    report: &mut PullReport,
) -> Result<(), SyncError> {
    let signing = library.signing()?;
    let theirs = match &batch.tip {
        Some(tip) => super::openpgp::shared_signers(repo, tip)?,
        None => String::new(),
    };
    // A team that signs nothing hears nothing about signatures, and pays nothing for them.
    if !signing::in_use(&signing, &theirs) {
        return Ok(());
    }
    let names = library.process_names()?;
    let mut checked = new_commits.to_vec();
    checked.extend_from_slice(side);
    let mut described = described.to_vec();
    for commit in side {
        let what = signing::described(repo, commit, &names)?;
        described.push(format!("{what}, on the side branch of a merge"));
    }
    let seals = signing::seals(repo, &checked, &signing.signers)?;
    let mut refused = Vec::new();
    for (seal, what) in seals.iter().zip(&described) {
        let Some(finding) = signing::finding(seal, what) else {
            continue;
        };
        if signing::refused(seal, signing.require_signatures) {
            refused.push(finding);
        } else {
            report.unsigned.push(finding);
        }
    }
    if !refused.is_empty() {
        return Err(SyncError::SignatureRefused(refused));
    }
    batch.seals = seals;
    if batch.tip.is_some() {
        let mine = signing::merged(&signing.signers, &signing.signers_shared, &theirs);
        if theirs != signing.signers_shared || mine != signing.signers {
            report.signers = Some(signing::names(&mine));
            batch.signers = Some((mine, theirs));
        }
    }
    Ok(())
}

/// Decides what the remote versions of one process become here.
fn take_in(
    library: &Library,
    repo: &Repository,
    process: Id,
    remote_versions: Vec<RemoteVersion>,
    batch: &mut SyncBatch,
    report: &mut PullReport,
    at: DateTime<Utc>,
) -> Result<(), SyncError> {
    let history = library.history(process)?;
    let shared = library.shared_number(process)?.unwrap_or(0);
    let mut unshared: VecDeque<&VersionInfo> =
        history.iter().filter(|v| v.number > shared).collect();
    let mut incoming: VecDeque<RemoteVersion> = remote_versions.into();
    // Versions both sides already have alike (the samples every new library starts with, or
    // the same change made twice) are simply the same versions.
    let mut aligned = None;
    while let (Some(u), Some(r)) = (unshared.front(), incoming.front()) {
        if u.hash != r.stamp.hash {
            break;
        }
        batch.mapped.push((process, u.number, r.commit.clone()));
        aligned = Some(u.number);
        unshared.pop_front();
        incoming.pop_front();
    }
    let Some(newest) = incoming.back().cloned() else {
        return Ok(());
    };
    if unshared.is_empty() {
        batch
            .pulled
            .extend(incoming.into_iter().map(|r| PulledVersion {
                process: r.process,
                definition: r.definition,
                author: r.stamp.author,
                message: r.message,
                saved_at: r.stamp.saved_at,
                commit: r.commit,
            }));
        return Ok(());
    }

    // Both sides saved versions of this process since they last agreed: merge.
    let (_, mine) = library.load(process, None)?;
    let name = mine.info.name.clone();
    let pending = library.pending_merge(process)?;
    if pending.is_none() {
        if let Some(draft) = library.draft(process)? {
            if canonical::hash(&draft.process) != canonical::hash(&mine) {
                return Err(SyncError::DraftInTheWay(name));
            }
        }
    }
    let base = match (&pending, aligned) {
        (Some(p), _) => p.base.clone(),
        (None, Some(number)) => library.load(process, Some(number))?.1,
        (None, None) => match library.sync_point(process)? {
            Some(commit) => commits::definition_at(repo, &commit, process)?,
            None => return Err(SyncError::Unrelated(name)),
        },
    };
    let stored_choices = pending.map(|p| p.choices).unwrap_or_default();
    let people = People {
        mine: unshared
            .back()
            .map_or_else(|| People::default().mine, |v| v.author.clone()),
        theirs: newest.stamp.author.clone(),
    };
    let choices = Choices::read(&stored_choices);
    let names = library.process_names_by_id()?;
    let merged = merge::merge_in(
        Some(&names),
        &base,
        &mine,
        &newest.process,
        &choices,
        &people,
    );
    let about: Vec<String> = incoming
        .iter()
        .map(|r| format!("{}'s v{} “{}”", r.stamp.author, r.stamp.version, r.message))
        .collect();
    let theirs_about = about.join(", ");
    batch.merges.push((
        PendingMerge {
            process,
            base,
            mine,
            theirs: newest.process.clone(),
            theirs_commit: newest.commit.clone(),
            theirs_about: theirs_about.clone(),
            choices: stored_choices,
            started_at: at,
        },
        merged.process,
    ));
    report.merges.push(MergeStarted {
        process,
        name,
        theirs_about,
        conflicts: merged.conflicts,
    });
    Ok(())
}

/// The refusal when the commit this library last took in is gone from the shared branch.
pub(super) fn rewritten(repo: &Repository, tip: &str) -> SyncError {
    let what = repo
        .commit_object(tip)
        .ok()
        .and_then(|object| {
            let text = object.split_once("\n\n")?.1.to_string();
            let (message, stamp) = message::read(&text).ok()?;
            Some(format!(
                "{}'s version {} “{}”",
                stamp.author, stamp.version, message
            ))
        })
        .unwrap_or_else(|| "the last version it took in".into());
    SyncError::HistoryRewritten {
        commit: short(tip).to_string(),
        what,
    }
}
