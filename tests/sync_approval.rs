//! Four-eyes approval: "approved" and "in production" are signed records that must come from an
//! allowed signer other than the version's author; "the version in force at date D" names who
//! approved it and when, and the handbook shows it.

mod support;

use flowlane::sync::approval;
use flowlane::sync::SyncError;
use support::cli;
use support::keys::*;
use support::team::*;

#[test]
fn an_author_approving_their_own_version_is_refused_and_a_colleague_approves_it() {
    let team = Team::new();
    let keys = tempfile::tempdir().unwrap();
    let (ana_key, ana_public) = keygen(keys.path(), "ana");
    let (bob_key, bob_public) = keygen(keys.path(), "bob");
    let signers = [("ana", ana_public.as_str()), ("bob", bob_public.as_str())];
    let (mut ana, mut bob, base) = shared_start(&team);
    signs_with(&mut ana, &ana_key, &signers, "ana", at(4));
    requires(&mut ana, Policy::FourEyes, "ana", at(4));

    // Ana saved version 1: she cannot approve it herself.
    let err = approval::tag(&mut ana, base.id, 1, "approved", "ana", at(5)).unwrap_err();
    assert!(matches!(err, SyncError::ApprovalRefused(_)), "{err}");
    assert!(
        err.to_string()
            .contains("v1 was saved by ana, and this library asks for four eyes"),
        "{err}"
    );
    assert!(
        ana.tags_of(base.id, 1).unwrap().is_empty(),
        "no tag was set"
    );
    // Nor under another name with her own key: the signature says who approves.
    let err = approval::tag(&mut ana, base.id, 1, "in production", "ben", at(5)).unwrap_err();
    assert!(err.to_string().contains("saved by ana"), "{err}");

    // Bob approves it in his library, signed with his key.
    signs_with(&mut bob, &bob_key, &signers, "bob", at(6));
    requires(&mut bob, Policy::FourEyes, "bob", at(6));
    approval::tag(&mut bob, base.id, 1, "approved", "bob", at(7)).unwrap();
    let tags = bob.tags_of(base.id, 1).unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].signer.as_deref(), Some("bob"));
    assert_eq!(
        approval::check(&bob, &tags[0]).unwrap().as_deref(),
        Some("bob")
    );
    // The approval is audited with its signature.
    let entry = bob
        .audit(Some(base.id))
        .unwrap()
        .into_iter()
        .rfind(|e| e.action == "tag")
        .unwrap();
    assert_eq!(entry.detail["signer"], "bob");
    assert!(entry.detail["signature"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN SSH SIGNATURE-----"));
    assert!(bob.verify().unwrap().is_clean());

    // Who approved the version in force on a date, and when.
    let run = cli::flowlane(
        bob.path(),
        &["history", "Employee onboarding", "--at", "2026-05-04"],
    )
    .succeeded();
    run.printed("v1");
    run.printed("  approved by bob on 2026-05-04 09:07:00Z (signed by bob)");
    let before = cli::flowlane(
        bob.path(),
        &[
            "history",
            "Employee onboarding",
            "--at",
            "2026-05-04T09:06:00Z",
        ],
    )
    .succeeded();
    before.printed("  not approved by then");
    // The handbook's history names the approval, its time and its signer.
    let handbook = cli::flowlane(
        bob.path(),
        &["export", "Employee onboarding", "--format", "md"],
    )
    .succeeded();
    handbook.printed("| approved: bob on 2026-05-04 09:07 UTC, signed by bob |");
    // `verify` checks the approval's signature again.
    cli::flowlane(bob.path(), &["verify"]).succeeded();
}

#[test]
fn the_cli_refuses_a_self_approval_with_four_eyes_on() {
    let (dir, path) = cli::library_with_samples();
    let (key, public) = keygen(dir.path(), "cli-test");
    let pub_file = dir.path().join("cli-test.pub");
    std::fs::write(&pub_file, &public).unwrap();
    let key = key.to_string_lossy().into_owned();
    let pub_file = pub_file.to_string_lossy().into_owned();
    for args in [
        vec!["signing", "key", key.as_str()],
        vec!["signing", "allow", "cli-test", pub_file.as_str()],
        vec!["signing", "four-eyes", "on"],
    ] {
        cli::flowlane(&path, &args).succeeded();
    }
    let show = cli::flowlane(&path, &["signing", "show"]).succeeded();
    show.printed("allowed signers:  cli-test");
    show.printed("four-eyes approval:       on");
    // A new version saved by cli-test, then approved by cli-test.
    let out = cli::flowlane(&path, &["export", "Accounts payable", "--format", "json"]).succeeded();
    let file = dir.path().join("ap.json");
    std::fs::write(
        &file,
        out.stdout
            .replace("\"Accounts payable\"", "\"Accounts payable (EU)\""),
    )
    .unwrap();
    let file = file.to_string_lossy().into_owned();
    cli::flowlane(
        &path,
        &["save", "Accounts payable", file.as_str(), "-m", "EU"],
    )
    .succeeded();
    let history = cli::flowlane(&path, &["history", "Accounts payable (EU)"]).succeeded();
    let latest = history
        .stdout
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()[1..]
        .to_string();
    let run = cli::flowlane(
        &path,
        &["tag", "Accounts payable (EU)", &latest, "approved"],
    );
    run.refused(
        2,
        "was saved by cli-test, and this library asks for four eyes",
    );
    // Any other tag is a plain tag.
    cli::flowlane(
        &path,
        &["tag", "Accounts payable (EU)", &latest, "reviewed"],
    )
    .succeeded()
    .printed("tagged Accounts payable (EU)");
    // The settings and their changes are audited: verify stays clean.
    cli::flowlane(&path, &["verify"]).succeeded();
}
