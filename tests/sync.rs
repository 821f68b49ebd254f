//! Sharing a library through git: push and pull between two libraries and a bare repository,
//! authors, times and hashes, scenarios, hooks that never run, and the commands from a terminal.

mod support;

use flowlane::canonical;
use flowlane::store::Library;
use flowlane::sync::files::new_folder;
use flowlane::sync::message::{self};
use flowlane::sync::pull::PullReport;
use flowlane::sync::{self, SyncError};
use support::cli::flowlane;
use support::team::*;

#[test]
fn a_pull_brings_the_pushed_versions_with_their_authors_times_and_hashes() {
    let team = Team::new();
    let mut ana = team.library("ana");
    let v1 = onboarding();
    ana.save_version(&v1, "ana", "Initial design", at(1))
        .unwrap();
    let v2 = renamed(&v1, "Collect new-hire documents", "Collect documents");
    ana.save_version(&v2, "ana", "Shorter name", at(2)).unwrap();
    let pushed = team.push(&mut ana, "ana", 3);
    assert_eq!((pushed.versions, pushed.processes), (2, 1));
    assert_eq!(pushed.render(), "pushed 2 version(s) of 1 process(es)\n");

    // One commit per version, by its author at its time, with the version in its trailers.
    let log = git(&team.remote, &["log", "--format=%an|%at|%s", "main"], None);
    assert_eq!(
        log,
        format!(
            "ana|{}|Shorter name\nana|{}|Initial design",
            at(2).timestamp(),
            at(1).timestamp()
        )
    );
    let body = git(&team.remote, &["log", "-1", "--format=%B", "main"], None);
    let (text, stamp) = message::read(&body).unwrap();
    assert_eq!(text, "Shorter name");
    assert_eq!((stamp.process, stamp.version), (v1.id, 2));
    assert_eq!(stamp.hash, canonical::hash(&v2));
    let file = git(
        &team.remote,
        &[
            "show",
            &format!("main:{}/definition.json", new_folder(&v1.info.name, v1.id)),
        ],
        None,
    );
    // The repository's file is the canonical bytes with flow ends named beside their ids.
    let shown = format!("{file}\n");
    assert!(shown.contains("\"source_name\": "));
    assert_eq!(
        flowlane::sync::readable::without_names(&shown).as_bytes(),
        canonical::to_bytes(&v2)
    );

    let mut bob = team.library("bob");
    let report = team.pull(&mut bob, "bob", 4).unwrap();
    assert_eq!(
        report.render().lines().next(),
        Some("2 new versions from 1 person")
    );
    let mine = ana.history(v1.id).unwrap();
    let theirs = bob.history(v1.id).unwrap();
    let key = |v: &flowlane::store::VersionInfo| {
        (
            v.number,
            v.hash.clone(),
            v.prev_hash.clone(),
            v.author.clone(),
            v.message.clone(),
            v.saved_at,
        )
    };
    assert_eq!(
        theirs.iter().map(key).collect::<Vec<_>>(),
        mine.iter().map(key).collect::<Vec<_>>()
    );
    assert_verifies(&bob);
}

#[test]
fn pulling_twice_changes_nothing() {
    let team = Team::new();
    let (ana, mut bob, _) = shared_start(&team);
    drop(ana);
    assert_eq!(
        team.pull(&mut bob, "bob", 5).unwrap(),
        PullReport::default()
    );
    let path = bob.path().to_path_buf();
    drop(bob);
    let before = std::fs::read(&path).unwrap();
    let mut bob = Library::open(&path).unwrap();
    let report = team.pull(&mut bob, "bob", 6).unwrap();
    assert_eq!(report.render(), "already up to date: no new versions\n");
    drop(bob);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn versions_from_two_people_are_counted_as_two_people() {
    let team = Team::new();
    let (mut ana, mut bob, base) = shared_start(&team);
    let by_bob = reassigned(&base, "Collect new-hire documents", "HR assistant");
    bob.save_version(&by_bob, "bob", "HR assistant collects", at(5))
        .unwrap();
    team.push(&mut bob, "bob", 6);
    team.pull(&mut ana, "ana", 7).unwrap();
    let by_ana = renamed(&by_bob, "Issue building badge", "Issue badge");
    ana.save_version(&by_ana, "ana", "Shorter", at(8)).unwrap();
    team.push(&mut ana, "ana", 9);

    let mut carla = team.library("carla");
    let report = team.pull(&mut carla, "carla", 10).unwrap();
    assert_eq!(
        report.render().lines().next(),
        Some("3 new versions from 2 people")
    );
    let authors: Vec<String> = carla
        .history(base.id)
        .unwrap()
        .into_iter()
        .map(|v| v.author)
        .collect();
    assert_eq!(authors, ["ana", "bob", "ana"]);
    assert_verifies(&carla);
}

#[test]
fn a_push_behind_the_shared_repository_is_refused() {
    let team = Team::new();
    let (_ana, mut bob, base) = ana_pushed_a_second_version(&team);
    bob.save_version(&renamed(&base, "Day 60", "Day sixty"), "bob", "b", at(7))
        .unwrap();
    let cache = sync::cache_dir(bob.path());
    let err = sync::push(&mut bob, &cache, "bob", at(8)).unwrap_err();
    assert!(matches!(err, SyncError::RemoteMoved), "{err}");
    assert!(err.to_string().contains("run `flowlane pull`"), "{err}");
}

/// Hooks someone put into the shared folder never run: pushing to a path runs git's
/// receive-pack there, with hooks switched off.
#[test]
fn hooks_in_the_shared_repository_never_run() {
    use std::os::unix::fs::PermissionsExt;
    let team = Team::new();
    let witness = team.dir.path().join("hook-ran");
    for hook in [
        "pre-receive",
        "update",
        "post-receive",
        "post-update",
        "reference-transaction",
    ] {
        let path = team.remote.join("hooks").join(hook);
        std::fs::write(&path, format!("#!/bin/sh\ntouch '{}'\n", witness.display())).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (_ana, mut bob, base) = ana_pushed_a_second_version(&team);
    team.pull(&mut bob, "bob", 7).unwrap();
    assert_eq!(bob.history(base.id).unwrap().len(), 2);
    assert!(!witness.exists(), "a hook of the shared repository ran");
}

#[test]
fn the_three_commands_from_a_terminal() {
    let team = Team::new();
    let remote = team.remote.to_string_lossy().into_owned();
    let (a, b) = (team.path("ana"), team.path("bob"));
    assert_eq!(flowlane(&a, &["init", "--samples"]).status, 0);
    assert_eq!(flowlane(&b, &["init"]).status, 0);
    let link = flowlane(&a, &["remote", "link", &remote]).succeeded();
    link.printed("it is empty");
    let push = flowlane(&a, &["push"]);
    assert_eq!(
        push.stdout, "pushed 4 version(s) of 3 process(es) and 7 scenario(s)\n",
        "{}",
        push.stderr
    );
    assert_eq!(flowlane(&b, &["remote", "link", &remote]).status, 0);
    let pull = flowlane(&b, &["pull"]).succeeded();
    assert!(
        pull.stdout.starts_with("4 new versions from 1 person\n"),
        "{}",
        pull.stdout
    );
    assert!(
        pull.stdout
            .contains("new scenario \"New hire in Engineering\"\n"),
        "{}",
        pull.stdout
    );
    // The scenario replays in Bob's library, on the version it was recorded on.
    let run = flowlane(
        &b,
        &[
            "scenario",
            "run",
            "Invoice of 12,500 EUR needs CFO approval",
        ],
    );
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    let again = flowlane(&b, &["pull"]);
    assert_eq!(again.stdout, "already up to date: no new versions\n");
    assert_eq!(flowlane(&b, &["verify"]).status, 0);

    // A rewritten history is unusable input: exit 2, and the library file is untouched.
    git(&team.remote, &["update-ref", "-d", "refs/heads/main"], None);
    let before = std::fs::read(&b).unwrap();
    let refused = flowlane(&b, &["pull"]);
    assert_eq!(refused.status, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("history was rewritten"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read(&b).unwrap(), before);
}

#[test]
fn libraries_that_both_started_with_the_samples_share_them_without_a_merge() {
    let team = Team::new();
    let mut ana = team.library("ana");
    ana.add_samples(at(1)).unwrap();
    team.push(&mut ana, "ana", 2);
    let mut bob = team.library("bob");
    bob.add_samples(at(3)).unwrap();
    let report = team.pull(&mut bob, "bob", 4).unwrap();
    assert_eq!(report, PullReport::default(), "{}", report.render());
    assert_eq!(team.push(&mut bob, "bob", 5).versions, 0);
    assert_verifies(&bob);
}

#[test]
fn scenarios_travel_with_their_version_in_their_process_folder() {
    let team = Team::new();
    let mut ana = team.library("ana");
    ana.add_samples(at(1)).unwrap();
    let pushed = team.push(&mut ana, "ana", 2);
    assert_eq!((pushed.versions, pushed.scenarios), (4, 7));
    let ap = ana.find("Accounts payable").unwrap().id;
    let files = git(
        &team.remote,
        &["ls-tree", "-r", "--name-only", "main"],
        None,
    );
    assert!(
        files.lines().any(|f| f.starts_with(&format!(
            "{}/scenarios/invoice-of-12-500-eur-needs-cfo-approval-",
            new_folder("Accounts payable", ap)
        ))),
        "{files}"
    );
    // Pushing a new version keeps the scenarios in the folder.
    let (_, v2) = ana.load(ap, None).unwrap();
    let mut v3 = v2.clone();
    v3.info.owner = "Finance operations".into();
    ana.save_version(&v3, "ana", "New owner", at(3)).unwrap();
    team.push(&mut ana, "ana", 4);
    let files = git(
        &team.remote,
        &["ls-tree", "-r", "--name-only", "main"],
        None,
    );
    assert_eq!(
        files.lines().filter(|f| f.contains("/scenarios/")).count(),
        7,
        "{files}"
    );

    let mut bob = team.library("bob");
    let report = team.pull(&mut bob, "bob", 5).unwrap();
    assert_eq!(report.scenarios.len(), 7, "{}", report.render());
    let mine = ana
        .load_scenario("Invoice of 12,500 EUR needs CFO approval")
        .unwrap();
    let theirs = bob
        .load_scenario("Invoice of 12,500 EUR needs CFO approval")
        .unwrap();
    assert_eq!(theirs, mine);
    let summary = bob.scenarios(Some(ap)).unwrap();
    assert_eq!(
        (summary[0].author.as_str(), summary[0].version),
        ("Flowlane samples", 2)
    );
    assert_eq!(team.push(&mut bob, "bob", 6).scenarios, 0);
    assert_eq!(
        team.pull(&mut bob, "bob", 7).unwrap(),
        PullReport::default()
    );
}

/// A process's folder is named after it when first shared and keeps that name when it is
/// renamed; the id inside finds it.
#[test]
fn a_renamed_process_keeps_its_readable_folder() {
    let team = Team::new();
    let (mut ana, mut bob, base) = shared_start(&team);
    let mut staff = base.clone();
    staff.info.name = "Staff onboarding".into();
    ana.save_version(&staff, "ana", "Rename the process", at(5))
        .unwrap();
    team.push(&mut ana, "ana", 6);
    let folders = git(
        &team.remote,
        &["ls-tree", "-d", "--name-only", "main"],
        None,
    );
    assert_eq!(folders, new_folder("Employee onboarding", base.id));
    assert!(folders.starts_with("employee-onboarding-"), "{folders}");
    team.pull(&mut bob, "bob", 7).unwrap();
    assert_eq!(latest(&bob, &base).info.name, "Staff onboarding");
}
