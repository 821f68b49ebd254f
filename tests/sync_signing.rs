//! Signed versions: commits signed with a throwaway SSH key, checked against the shared
//! repository's allowed signers; a version forged by hand (definition edited, sha256 recomputed,
//! committed by "mallory") is refused by `pull` and by `verify` when signing is required.

mod support;

use std::process::Command;

use flowlane::store::Library;
use flowlane::sync::SyncError;
use support::cli;
use support::forge::*;
use support::keys::*;
use support::team::*;

/// Ana signs and allows herself; she pushes the onboarding process. Bob requires signed
/// versions and pulls it. Returns the key folder too, so it lives as long as the test.
fn signed_start(
    team: &Team,
) -> (
    Library,
    Library,
    flowlane::model::Process,
    tempfile::TempDir,
) {
    let keys = tempfile::tempdir().unwrap();
    let (ana_key, ana_public) = keygen(keys.path(), "ana");
    let mut ana = team.library("ana");
    signs_with(&mut ana, &ana_key, &[("ana", &ana_public)], "ana", at(0));
    requires(&mut ana, Policy::Signatures, "ana", at(0));
    let base = onboarding();
    ana.save_version(&base, "ana", "Initial design", at(1))
        .unwrap();
    let pushed = team.push(&mut ana, "ana", 2);
    assert!(pushed.signers, "the first push shares the allowed signers");
    let mut bob = team.library("bob");
    requires(&mut bob, Policy::Signatures, "bob", at(0));
    team.pull(&mut bob, "bob", 3).unwrap();
    (ana, bob, base, keys)
}

#[test]
fn pushed_versions_are_signed_and_git_itself_verifies_them() {
    let team = Team::new();
    let (ana, bob, base, _keys) = signed_start(&team);
    // git's own check, with the repository's allowed-signers file as it is.
    let clone = team.dir.path().join("clone");
    let out = Command::new("git")
        .arg("clone")
        .arg("--quiet")
        .arg(&team.remote)
        .arg(&clone)
        .output()
        .unwrap();
    assert!(out.status.success());
    let signers = clone.join("allowed_signers");
    assert!(
        signers.is_file(),
        "allowed_signers is at the top of the repository"
    );
    let checked = Command::new("git")
        .arg("-C")
        .arg(&clone)
        .arg("-c")
        .arg(format!("gpg.ssh.allowedSignersFile={}", signers.display()))
        .args(["log", "--format=%G? %GS %s"])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&checked.stdout);
    assert_eq!(
        log.trim(),
        "G ana Initial design\nG ana Allowed signers: ana",
        "{log}"
    );
    for library in [&ana, &bob] {
        let history = library.history(base.id).unwrap();
        assert_eq!(history[0].signed_by.as_deref(), Some("ana"));
    }
    // `flowlane history` shows the mark.
    let run = cli::flowlane(bob.path(), &["history", "Employee onboarding"]).succeeded();
    run.printed("Initial design  ✔ signed by ana");
    // Bob takes in the list of who may sign.
    assert_eq!(
        flowlane::sync::signing::names(&bob.signing().unwrap().signers),
        vec!["ana"]
    );
}

#[test]
fn a_forged_version_is_refused_by_pull_and_verify_when_signing_is_required() {
    let team = Team::new();
    let (_ana, bob, base, _keys) = signed_start(&team);
    let forged = forge(&team, base.id, Forger::Unsigned);
    let bob_path = bob.path().to_path_buf();
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::SignatureRefused(_)), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("\"Employee onboarding\" v2 by mallory (commit"),
        "{text}"
    );
    assert!(text.contains("is not signed"), "{text}");
    assert!(unchanged, "the refused pull changed nothing");
    // `verify` checks the shared branch as it is now, and names the forged commit.
    let run = cli::flowlane(&bob_path, &["verify"]);
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    run.printed(&format!(
        "refused: \"Employee onboarding\" v2 by mallory (commit {}) is not signed",
        &forged[..10]
    ));
    run.printed("2 commit(s) signed by an allowed signer");
    // The CLI's pull says the same and exits 2.
    let pull = cli::flowlane(&bob_path, &["pull", "--author", "bob"]);
    pull.refused(2, "by mallory");
}

#[test]
fn mallory_signing_with_her_own_key_and_adding_it_herself_is_still_refused() {
    let team = Team::new();
    let (_ana, bob, base, keys) = signed_start(&team);
    let (mallory_key, mallory_public) = keygen(keys.path(), "mallory");
    forge(
        &team,
        base.id,
        Forger::Ssh {
            key: &mallory_key,
            public: &mallory_public,
        },
    );
    let (err, unchanged) = refused_pull(&team, bob);
    let text = err.to_string();
    assert!(
        text.contains("by mallory")
            && text.contains("signed by a key no allowed signer has (SHA256:"),
        "{text}"
    );
    assert!(unchanged);
}

#[test]
fn without_the_policy_unsigned_versions_come_in_with_a_warning() {
    let team = Team::new();
    let (_ana, _bob, base, _keys) = signed_start(&team);
    forge(&team, base.id, Forger::Unsigned);
    // Cy does not require signatures: the forged version comes in, named as unsigned.
    let mut cy = team.library("cy");
    let report = team.pull(&mut cy, "cy", 10).unwrap();
    let text = report.render();
    assert!(
        text.contains("warning: \"Employee onboarding\" v2 by mallory"),
        "{text}"
    );
    assert!(text.contains("is not signed"), "{text}");
    let history = cy.history(base.id).unwrap();
    assert_eq!(history[0].signed_by.as_deref(), Some("ana"));
    assert_eq!(
        history[1].signed_by, None,
        "mallory's version carries no mark"
    );
    // Turning the policy on afterwards: verify refuses what is already in.
    requires(&mut cy, Policy::Signatures, "cy", at(11));
    let run = cli::flowlane(cy.path(), &["verify"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    run.printed("by mallory");
}

#[test]
fn a_push_with_a_key_nobody_allowed_is_refused_before_anything_is_sent() {
    let team = Team::new();
    let (_ana, mut bob, base, keys) = signed_start(&team);
    let (bob_key, _) = keygen(keys.path(), "bob");
    // Bob signs, but nobody allowed his key.
    bob.set_signing(
        flowlane::store::SIGNING_KEY,
        Some(&bob_key.to_string_lossy()),
        "bob",
        at(4),
    )
    .unwrap();
    bob.save_version(
        &renamed(&base, "Day 30", "Day thirty"),
        "bob",
        "Rename",
        at(5),
    )
    .unwrap();
    let before = team.tip();
    let cache = flowlane::sync::cache_dir(bob.path());
    let err = flowlane::sync::push(&mut bob, &cache, "bob", at(6)).unwrap_err();
    assert!(matches!(err, SyncError::OwnSignatureRefused(_)), "{err}");
    assert!(err.to_string().contains("flowlane signing allow"), "{err}");
    assert_eq!(team.tip(), before, "nothing was pushed");
}

#[test]
fn a_signer_allowed_by_an_allowed_signer_signs_from_then_on() {
    let team = Team::new();
    let (mut ana, mut bob, base, keys) = signed_start(&team);
    let (bob_key, bob_public) = keygen(keys.path(), "bob");
    // Ana allows Bob and pushes the list; Bob signs with his key.
    allows(&mut ana, &[("bob", &bob_public)], "ana", at(4));
    let report = team.push(&mut ana, "ana", 5);
    assert!(report.signers);
    let pulled = team.pull(&mut bob, "bob", 6).unwrap();
    assert_eq!(
        pulled.signers,
        Some(vec!["ana".to_string(), "bob".to_string()])
    );
    bob.set_signing(
        flowlane::store::SIGNING_KEY,
        Some(&bob_key.to_string_lossy()),
        "bob",
        at(7),
    )
    .unwrap();
    bob.save_version(
        &renamed(&base, "Day 30", "Day thirty"),
        "bob",
        "Rename",
        at(8),
    )
    .unwrap();
    team.push(&mut bob, "bob", 9);
    team.pull(&mut ana, "ana", 10).unwrap();
    let history = ana.history(base.id).unwrap();
    let marks: Vec<_> = history.iter().map(|v| v.signed_by.clone()).collect();
    assert_eq!(marks, vec![Some("ana".into()), Some("bob".into())]);
    assert_verifies(&ana);
    let run = cli::flowlane(ana.path(), &["verify"]).succeeded();
    run.printed("4 commit(s) signed by an allowed signer");
}

/// A merge commit signed by an allowed signer whose side branch brings a version nobody signed:
/// pull and verify check every new commit, not only those along first parents.
#[test]
fn an_unsigned_commit_on_the_side_branch_of_a_signed_merge_is_refused() {
    let team = Team::new();
    let (_ana, bob, base, keys) = signed_start(&team);
    let tip = team.tip();
    // Mallory's unsigned version, left on a side branch…
    let side = forge(&team, base.id, Forger::Unsigned);
    // …joined by a merge Ana's key signed, holding only a change of the allowed signers.
    let root = git(&team.remote, &["rev-list", "--max-parents=0", "main"], None);
    let message = git(&team.remote, &["log", "-1", "--format=%B", &root], None);
    let tree = git(
        &team.remote,
        &["rev-parse", &format!("{tip}^{{tree}}")],
        None,
    );
    let key = format!(
        "user.signingkey={}",
        keys.path().join("ana_ed25519").display()
    );
    let merge = git(
        &team.remote,
        &[
            "-c",
            "gpg.format=ssh",
            "-c",
            &key,
            "commit-tree",
            &tree,
            "-p",
            &tip,
            "-p",
            &side,
            "-S",
            "-F",
            "-",
        ],
        Some(message.as_bytes()),
    );
    git(
        &team.remote,
        &["update-ref", "refs/heads/main", &merge],
        None,
    );
    let first_parents = git(&team.remote, &["rev-list", "--first-parent", "main"], None);
    assert!(
        !first_parents.contains(&side),
        "the forgery is off the first-parent line"
    );

    let bob_path = bob.path().to_path_buf();
    let (err, unchanged) = refused_pull(&team, bob);
    let text = err.to_string();
    assert!(
        text.contains(&format!(
            "\"Employee onboarding\" v2 by mallory, on the side branch of a merge (commit {}) is not signed",
            &side[..10]
        )),
        "{text}"
    );
    assert!(unchanged, "the refused pull changed nothing");
    let run = cli::flowlane(&bob_path, &["verify"]);
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    run.printed(&format!(
        "refused: \"Employee onboarding\" v2 by mallory (commit {}) is not signed",
        &side[..10]
    ));
}
