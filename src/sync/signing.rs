//! Signed versions: which allowed-signers file a commit is checked against, what git found on
//! each commit, and which findings the library's policy refuses.
//!
//! A commit is checked against the allowed signers of the commit before it, so a commit cannot
//! sign itself in by adding its own key; the first commit that brings the file (nothing before
//! it, and the library knows no signers yet) is checked against its own file: trust on first use.

use std::path::Path;

use super::files::{ALLOWED_SIGNERS, OPENPGP_SIGNERS};
use super::git::{CommitSignature, Repository};
use super::message::{self, Content};
use super::SyncError;
use crate::store::{CommitSeal, Library, Signing};

/// An allowed-signers file larger than this is refused unread.
const MAX_SIGNERS_BYTES: u64 = 1024 * 1024;

/// A seal's status as the library stores it.
pub const GOOD: &str = "good";
pub const UNKNOWN_SIGNER: &str = "unknown_signer";
pub const UNSIGNED: &str = "unsigned";
pub const BAD: &str = "bad";

/// The names an allowed-signers file lists, in order, each once.
pub fn names(signers: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines(signers) {
        if let Some(name) = line.split_whitespace().next() {
            for principal in name.split(',') {
                if !out.iter().any(|n| n == principal) {
                    out.push(principal.to_string());
                }
            }
        }
    }
    out
}

/// The meaningful lines of an allowed-signers file (no blanks, no comments).
fn lines(signers: &str) -> impl Iterator<Item = &str> {
    signers
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The name an allowed-signers file gives the author `name` (the file's names have no spaces):
/// "Ana Silva" signs as "Ana.Silva".
pub fn principal(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(".")
}

/// `name` as an allowed-signers file writes it, or why it cannot be one.
pub fn signer_name(name: &str) -> Result<String, String> {
    let name = principal(name);
    if name.is_empty() || name.contains(',') || name.contains('"') {
        return Err(format!(
            "\"{name}\" cannot be a signer's name: use the name versions are saved under, without commas or quotes"
        ));
    }
    Ok(name)
}

/// The line that allows `name` (the name they save versions under) to sign with the public key
/// `public_key` (an OpenSSH `.pub` line).
pub fn line(name: &str, public_key: &str) -> Result<String, String> {
    let name = signer_name(name)?;
    let mut parts = public_key.split_whitespace();
    let (Some(kind), Some(key)) = (parts.next(), parts.next()) else {
        return Err(
            "that is not an SSH public key (expected e.g. `ssh-ed25519 AAAA… comment`)".into(),
        );
    };
    if !(kind.starts_with("ssh-") || kind.starts_with("ecdsa-") || kind.starts_with("sk-")) {
        return Err(format!(
            "that is not an SSH public key: it starts with \"{kind}\", not a key type such as ssh-ed25519"
        ));
    }
    Ok(format!("{name} namespaces=\"git,flowlane\" {kind} {key}"))
}

/// `signers` with `new_line` added (replacing an identical key's line).
pub fn with_line(signers: &str, new_line: &str) -> String {
    let key_of = |l: &str| l.split_whitespace().last().map(String::from);
    let new_key = key_of(new_line);
    let mut kept: Vec<&str> = lines(signers).filter(|l| key_of(l) != new_key).collect();
    kept.push(new_line);
    file_text(&kept)
}

/// `signers` without the lines of `name`.
pub fn without(signers: &str, name: &str) -> String {
    let kept: Vec<&str> = lines(signers)
        .filter(|l| l.split_whitespace().next() != Some(name))
        .collect();
    file_text(&kept)
}

fn file_text(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// A pull's allowed signers: the repository's, with what this library added or removed since it
/// last saw them kept on top (so an addition not pushed yet survives).
pub fn merged(mine: &str, shared_before: &str, theirs: &str) -> String {
    if mine == shared_before {
        return theirs.to_string();
    }
    let mine_lines: Vec<&str> = lines(mine).collect();
    let before: Vec<&str> = lines(shared_before).collect();
    let mut out: Vec<&str> = lines(theirs)
        .filter(|l| mine_lines.contains(l) || !before.contains(l))
        .collect();
    for l in &mine_lines {
        if !before.contains(l) && !out.contains(l) {
            out.push(l);
        }
    }
    file_text(&out)
}

/// The seal of each commit, each checked against the allowed signers of the commit before it;
/// `known` is the library's own list, used where the commit before has none.
pub fn seals(
    repo: &Repository,
    commits: &[String],
    known: &str,
) -> Result<Vec<CommitSeal>, SyncError> {
    // The allowed signers each commit is checked against (the file of the commit before it,
    // else the library's list, else its own file), looked up for all commits in one git call;
    // then one git call per distinct list.
    // Both files of a list, SSH and GPG signers, are read as one list.
    let specs: Vec<String> = commits
        .iter()
        .flat_map(|c| {
            [ALLOWED_SIGNERS, OPENPGP_SIGNERS]
                .into_iter()
                .flat_map(move |file| [format!("{c}^:{file}"), format!("{c}:{file}")])
        })
        .collect();
    let ids = repo.object_ids(&specs)?;
    let mut read: Vec<(String, Vec<u8>)> = Vec::new();
    let mut groups: Vec<(Vec<u8>, Vec<&str>)> = Vec::new();
    for (commit, four) in commits.iter().zip(ids.chunks(4)) {
        let at = |i: usize| four.get(i).cloned().flatten();
        let before = [at(0), at(2)];
        let own = [at(1), at(3)];
        let chosen = if before.iter().any(Option::is_some) {
            Some(before)
        } else if !known.trim().is_empty() {
            None
        } else {
            Some(own)
        };
        let list = match chosen {
            None => known.as_bytes().to_vec(),
            Some(files) => {
                let mut list = Vec::new();
                for id in files.into_iter().flatten() {
                    list.extend(blob_once(repo, &mut read, commit, id)?);
                }
                list
            }
        };
        match groups.iter_mut().find(|(l, _)| *l == list) {
            Some((_, members)) => members.push(commit),
            None => groups.push((list, vec![commit])),
        }
    }
    let mut found: Vec<CommitSignature> = Vec::new();
    for (list, members) in &groups {
        found.extend(repo.signatures(members, list)?);
    }
    Ok(commits
        .iter()
        .map(|commit| {
            let sig = found.iter().find(|s| &s.commit == commit);
            let status = match sig.map(|s| s.status) {
                Some('G') => GOOD,
                Some('N') | None => UNSIGNED,
                Some('B') => BAD,
                // U: a good signature by a key no allowed signer has; E, X, Y, R: not one
                // an allowed signer's key vouches for now.
                Some(_) => UNKNOWN_SIGNER,
            };
            CommitSeal {
                commit: commit.clone(),
                status: status.into(),
                signer: sig.and_then(|s| s.signer.clone()),
                key: sig.and_then(|s| s.key.clone()),
            }
        })
        .collect())
}

/// What a commit holds, in words, from its message alone ("\"Employee onboarding\" v3 by
/// ana"); `names` maps process ids to names.
pub fn described(
    repo: &Repository,
    commit: &str,
    names: &std::collections::BTreeMap<String, String>,
) -> Result<String, SyncError> {
    let object = repo.commit_object(commit)?;
    let text = object.split_once("\n\n").map_or("", |(_, m)| m);
    Ok(match message::read_any(text) {
        Ok(Content::Version { stamp, .. }) => format!(
            "\"{}\" v{} by {}",
            names
                .get(&stamp.process.to_string())
                .cloned()
                .unwrap_or_else(|| stamp.process.to_string()),
            stamp.version,
            stamp.author
        ),
        Ok(Content::Scenario(s)) => format!("scenario \"{}\" by {}", s.name, s.author),
        Ok(Content::Signers) => "the change of the allowed signers".into(),
        Err(_) => "a commit that is not a Flowlane version".into(),
    })
}

/// A signers file's bytes, read once per pull however many commits share it.
fn blob_once(
    repo: &Repository,
    read: &mut Vec<(String, Vec<u8>)>,
    commit: &str,
    id: String,
) -> Result<Vec<u8>, SyncError> {
    if let Some((_, bytes)) = read.iter().find(|(i, _)| *i == id) {
        return Ok(bytes.clone());
    }
    if repo.blob_size(&id)? > MAX_SIGNERS_BYTES {
        return Err(SyncError::BrokenCommit {
            commit: super::commits::short(commit).to_string(),
            problem: "its allowed signers are more than any list of signers needs".into(),
        });
    }
    let bytes = repo.blob(&id)?;
    read.push((id, bytes.clone()));
    Ok(bytes)
}

/// What a seal says in words, for a version `what` ("\"Employee onboarding\" v3 by ana").
pub fn finding(seal: &CommitSeal, what: &str) -> Option<String> {
    let short = super::commits::short(&seal.commit);
    match seal.status.as_str() {
        GOOD => None,
        UNSIGNED => Some(format!("{what} (commit {short}) is not signed")),
        BAD => Some(format!(
            "{what} (commit {short}) carries a signature that does not match it: the commit was changed after it was signed"
        )),
        _ => Some(format!(
            "{what} (commit {short}) is signed by a key no allowed signer has ({})",
            seal.key.as_deref().unwrap_or("unknown key")
        )),
    }
}

/// Whether anyone signs: signed versions are required, or this library or the repository lists
/// allowed signers.
pub fn in_use(signing: &Signing, repository_signers: &str) -> bool {
    signing.require_signatures
        || !signing.signers.trim().is_empty()
        || !repository_signers.trim().is_empty()
}

/// Whether the policy refuses a seal: a bad signature always, unsigned versions and unknown
/// signers when signed versions are required.
pub fn refused(seal: &CommitSeal, require: bool) -> bool {
    match seal.status.as_str() {
        GOOD => false,
        BAD => true,
        _ => require,
    }
}

/// Every signature of the shared branch checked again, for `verify`.
pub struct SharedCheck {
    /// Which repository and commit, in words.
    pub against: String,
    /// Commits with a good signature by an allowed signer.
    pub signed: usize,
    /// What is wrong, each with whether the policy refuses it.
    pub findings: Vec<(String, bool)>,
    /// Whether anyone signs (`in_use`); when nobody does, unsigned commits are no finding.
    pub in_use: bool,
}

/// Checks every commit of the linked repository's branch, side branches included, up to its
/// current tip (or the tip this library last took in, when the repository cannot be reached);
/// `None` when the library is not linked or nothing is shared yet.
pub fn check_shared(library: &Library, cache: &Path) -> Result<Option<SharedCheck>, SyncError> {
    let Some(link) = library.remote()? else {
        return Ok(None);
    };
    let repo = Repository::open_or_init(cache)?;
    let (tip, note) = match repo.fetch(&link.url, &link.branch) {
        Ok(Some(tip)) => (tip, String::new()),
        Ok(None) => return Ok(None),
        Err(err) => match link.tip.filter(|t| repo.has_commit(t)) {
            Some(tip) => (
                tip,
                format!(" (not reached: {err}; checked what was taken in last)"),
            ),
            None => return Err(err),
        },
    };
    let signing = library.signing()?;
    let signers = super::openpgp::shared_signers(&repo, &tip)?;
    let in_use = in_use(&signing, &signers);
    // Every commit, those on the side branches of merges too.
    let mut commits = repo.all_since(&tip, None)?;
    if !in_use {
        commits.clear();
    }
    let seals = seals(&repo, &commits, &signing.signers)?;
    let mut check = SharedCheck {
        in_use,
        against: format!(
            "{} ({}) at {}{note}",
            link.url,
            link.branch,
            super::commits::short(&tip)
        ),
        signed: 0,
        findings: Vec::new(),
    };
    let names = library.process_names()?;
    for seal in &seals {
        if seal.status == GOOD {
            check.signed += 1;
            continue;
        }
        let what = described(&repo, &seal.commit, &names)?;
        if let Some(finding) = finding(seal, &what) {
            check
                .findings
                .push((finding, refused(seal, signing.require_signatures)));
        }
    }
    Ok(Some(check))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANA: &str = "ana namespaces=\"git,flowlane\" ssh-ed25519 AAAAana";
    const BOB: &str = "bob namespaces=\"git,flowlane\" ssh-ed25519 AAAAbob";
    const CY: &str = "cy namespaces=\"git,flowlane\" ssh-ed25519 AAAAcy";

    #[test]
    fn a_signer_line_is_made_from_a_public_key_and_names_are_read_back() {
        let made = line("ana", "ssh-ed25519 AAAAana ana@laptop\n").unwrap();
        assert_eq!(made, ANA);
        assert!(line("ana silva", "ssh-ed25519 AAAA")
            .unwrap()
            .starts_with("ana.silva namespaces"));
        assert!(line("a,b", "ssh-ed25519 AAAA").is_err());
        assert!(line("ana", "-----BEGIN OPENSSH PRIVATE KEY-----").is_err());
        let file = with_line(&with_line("", ANA), BOB);
        assert_eq!(names(&file), vec!["ana", "bob"]);
        assert_eq!(names(&without(&file, "ana")), vec!["bob"]);
    }

    #[test]
    fn a_pull_keeps_local_additions_and_removals_on_top_of_the_repository() {
        let shared = with_line(ANA, BOB);
        // Nothing changed here: the repository's list wins.
        assert_eq!(merged(&shared, &shared, ANA), ANA.to_string());
        // Cy added here, Bob removed there: both hold.
        let mine = with_line(&shared, CY);
        assert_eq!(names(&merged(&mine, &shared, ANA)), vec!["ana", "cy"]);
        // Bob removed here, Cy added there.
        let mine = without(&shared, "bob");
        let theirs = with_line(&shared, CY);
        assert_eq!(names(&merged(&mine, &shared, &theirs)), vec!["ana", "cy"]);
    }
}
