//! A version forged by hand in the shared repository: what `pull` and `verify` must refuse.

use std::path::Path;
use std::process::Command;

use flowlane::canonical;

use super::team::*;

/// How Mallory signs her forged commit.
pub enum Forger<'a> {
    Unsigned,
    /// With her own SSH key, which she also adds to the allowed-signers file of that very commit.
    Ssh {
        key: &'a Path,
        public: &'a str,
    },
    /// With her own GPG key (in the keyring `GNUPGHOME` names).
    Gpg {
        fingerprint: &'a str,
    },
}

/// Mallory's commit on top of the shared branch: the onboarding definition with a step renamed
/// by hand, its sha256 recomputed in the trailers, the rest of the tree as it was; signed as
/// `forger` says.
pub fn forge(team: &Team, process: flowlane::model::Id, forger: Forger) -> String {
    let remote = &team.remote;
    let tip = team.tip();
    let folder = flowlane::sync::files::new_folder("Employee onboarding", process);
    let path = format!("{folder}/definition.json");
    let text = git(
        remote,
        &["cat-file", "blob", &format!("{tip}:{path}")],
        None,
    ) + "\n";
    let edited = text.replace("Collect new-hire documents", "Collect no documents");
    assert_ne!(edited, text, "the forged edit changes the definition");
    // The hash is of the canonical bytes, without the names shown beside flow ends.
    let hash = canonical::hash_bytes(flowlane::sync::readable::without_names(&edited).as_bytes());
    let blob = git(
        remote,
        &["hash-object", "-w", "--stdin"],
        Some(edited.as_bytes()),
    );
    // The whole tree of the tip with the one file replaced, through a throwaway index.
    let index = team.dir.path().join("mallory.index");
    let with_index = |args: &[&str]| {
        let out = Command::new("git")
            .arg("--git-dir")
            .arg(remote)
            .args(args)
            .env("GIT_INDEX_FILE", &index)
            .output()
            .unwrap();
        succeeded(out, &format!("git {args:?}"))
    };
    with_index(&["read-tree", &tip]);
    with_index(&[
        "update-index",
        "--cacheinfo",
        &format!("100644,{blob},{path}"),
    ]);
    if let Forger::Ssh { public, .. } = forger {
        let signers = git(
            remote,
            &["cat-file", "blob", &format!("{tip}:allowed_signers")],
            None,
        );
        let more = format!("{signers}\nmallory namespaces=\"git,flowlane\" {public}");
        let id = git(
            remote,
            &["hash-object", "-w", "--stdin"],
            Some(more.as_bytes()),
        );
        with_index(&[
            "update-index",
            "--cacheinfo",
            &format!("100644,{id},allowed_signers"),
        ]);
    }
    let tree = with_index(&["write-tree"]);
    let old = git(remote, &["log", "-1", "--format=%B", &tip], None);
    let old_hash = old
        .lines()
        .find_map(|l| l.strip_prefix("Flowlane-Hash: "))
        .unwrap()
        .to_string();
    let message = old
        .replace(&old_hash, &hash)
        .replace("Flowlane-Author: ana", "Flowlane-Author: mallory")
        .replace("Flowlane-Version: 1", "Flowlane-Version: 2");
    let mut args = vec!["commit-tree", &tree, "-p", &tip, "-F", "-"];
    let (format, key) = match forger {
        Forger::Unsigned => ("", String::new()),
        Forger::Ssh { key, .. } => ("gpg.format=ssh", key.display().to_string()),
        Forger::Gpg { fingerprint } => ("gpg.format=openpgp", fingerprint.to_string()),
    };
    let key_setting = format!("user.signingkey={key}");
    if !format.is_empty() {
        args = [&["-c", format, "-c", &key_setting][..], &args, &["-S"]].concat();
    }
    let commit = git(remote, &args, Some(message.as_bytes()));
    git(remote, &["update-ref", "refs/heads/main", &commit], None);
    commit
}
