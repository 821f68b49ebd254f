//! Sharing a library through git: two libraries and a bare repository in a temp dir.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command as Process_;

use chrono::{DateTime, TimeZone, Utc};
use flowlane::canonical;
use flowlane::diff::semantic::DiffElement;
use flowlane::edit::{self, Command};
use flowlane::model::{Bounds, NodeKind, Process};
use flowlane::samples;
use flowlane::store::Library;
use flowlane::sync::merge::Side;
use flowlane::sync::message::{self, Stamp};
use flowlane::sync::pull::PullReport;
use flowlane::sync::resolve::{self, Resolution};
use flowlane::sync::{self, SyncError};
use support::cli::flowlane;
use tempfile::TempDir;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, 9, minute, 0).unwrap()
}

fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> String {
    use std::io::Write;
    let mut child = Process_::new("git")
        .arg("--git-dir")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "mallory")
        .env("GIT_AUTHOR_EMAIL", "m@example.org")
        .env("GIT_COMMITTER_NAME", "mallory")
        .env("GIT_COMMITTER_EMAIL", "m@example.org")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("git is installed (scripts/setup.sh installs it)");
    if let Some(bytes) = input {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A bare shared repository and two people's libraries linked to it.
struct Team {
    dir: TempDir,
    remote: PathBuf,
}

impl Team {
    fn new() -> Team {
        let dir = tempfile::tempdir().unwrap();
        let remote = dir.path().join("shared.git");
        std::fs::create_dir(&remote).unwrap();
        git(&remote, &["init", "--quiet", "--bare"], None);
        Team { dir, remote }
    }

    fn path(&self, who: &str) -> PathBuf {
        self.dir.path().join(format!("{who}.flowlane"))
    }

    /// A new library for `who`, linked to the shared repository.
    fn library(&self, who: &str) -> Library {
        let mut library = Library::create(&self.path(who)).unwrap();
        let url = self.remote.to_string_lossy().into_owned();
        sync::link(&mut library, &url, "main", who, at(0)).unwrap();
        library
    }

    fn push(&self, library: &mut Library, who: &str, minute: u32) -> sync::PushReport {
        let cache = sync::cache_dir(library.path());
        sync::push(library, &cache, who, at(minute)).unwrap()
    }

    fn pull(&self, library: &mut Library, who: &str, minute: u32) -> Result<PullReport, SyncError> {
        let cache = sync::cache_dir(library.path());
        sync::pull(library, &cache, who, at(minute))
    }

    fn tip(&self) -> String {
        git(&self.remote, &["rev-parse", "main"], None)
    }
}

fn onboarding() -> Process {
    samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.info.name == "Employee onboarding")
        .unwrap()
}

fn node_id(p: &Process, name: &str) -> flowlane::model::Id {
    p.nodes.iter().find(|n| n.name == name).unwrap().id
}

fn lane_id(p: &Process, name: &str) -> flowlane::model::Id {
    p.lanes.iter().find(|l| l.name == name).unwrap().id
}

fn edited(p: &Process, command: Command) -> Process {
    edit::apply(p, &edit::execute(p, command).unwrap()).unwrap()
}

fn renamed(p: &Process, task: &str, to: &str) -> Process {
    let mut node = p.node(node_id(p, task)).unwrap().clone();
    node.name = to.into();
    edited(p, Command::UpdateNode { node })
}

fn reassigned(p: &Process, task: &str, to: &str) -> Process {
    let mut node = p.node(node_id(p, task)).unwrap().clone();
    if let NodeKind::Task { assignee, .. } = &mut node.kind {
        *assignee = to.into();
    }
    edited(p, Command::UpdateNode { node })
}

fn assignee(p: &Process, task: &str) -> String {
    match &p.node(node_id(p, task)).unwrap().kind {
        NodeKind::Task { assignee, .. } => assignee.clone(),
        _ => panic!("{task} is a task"),
    }
}

fn latest(library: &Library, p: &Process) -> Process {
    library.load(p.id, None).unwrap().1
}

/// Ana saves the onboarding process and pushes it; Bob pulls it. Both then edit from there.
fn shared_start(team: &Team) -> (Library, Library, Process) {
    let mut ana = team.library("ana");
    let base = onboarding();
    ana.save_version(&base, "ana", "Initial design", at(1))
        .unwrap();
    team.push(&mut ana, "ana", 2);
    let mut bob = team.library("bob");
    team.pull(&mut bob, "bob", 3).unwrap();
    (ana, bob, base)
}

/// `shared_start`, then Ana renames "Day 30" and pushes that as version 2; Bob has not pulled.
fn ana_pushed_a_second_version(team: &Team) -> (Library, Library, Process) {
    let (mut ana, bob, base) = shared_start(team);
    ana.save_version(
        &renamed(&base, "Day 30", "Day thirty"),
        "ana",
        "Rename day 30",
        at(5),
    )
    .unwrap();
    team.push(&mut ana, "ana", 6);
    (ana, bob, base)
}

/// Bob saves his merge of the onboarding process, taking the sides `take` names.
fn bob_resolves(
    bob: &mut Library,
    base: &Process,
    take: &[(u32, Side)],
    minute: u32,
) -> Result<Resolution, SyncError> {
    resolve::resolve(bob, base.id, "Employee onboarding", take, "bob", at(minute))
}

/// Clean in itself and against the shared repository it was linked to.
fn assert_verifies(library: &Library) {
    let report = library.verify().unwrap();
    assert!(report.is_clean(), "{}", report.render());
    let cache = sync::cache_dir(library.path());
    if let Some(anchor) = sync::anchor::check(library, &cache).unwrap() {
        assert!(anchor.problems.is_empty(), "{:?}", anchor.problems);
    }
}

/// Both libraries hold the same latest version of `base`'s process, and both verify.
fn assert_alike(ana: &Library, bob: &Library, base: &Process) {
    assert_eq!(
        canonical::hash(&latest(ana, base)),
        canonical::hash(&latest(bob, base))
    );
    assert_verifies(ana);
    assert_verifies(bob);
}

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
        &["show", &format!("main:{}/definition.json", v1.id)],
        None,
    );
    assert_eq!(format!("{file}\n").as_bytes(), canonical::to_bytes(&v2));

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

/// Ana and Bob both saved a version from the same base; Ana pushed first; Bob pulls.
fn concurrent(
    team: &Team,
    ana_edit: impl Fn(&Process) -> Process,
    bob_edit: impl Fn(&Process) -> Process,
) -> (Library, Library, Process, PullReport) {
    let (mut ana, mut bob, base) = shared_start(team);
    ana.save_version(&ana_edit(&base), "ana", "Ana's edit", at(5))
        .unwrap();
    team.push(&mut ana, "ana", 6);
    bob.save_version(&bob_edit(&base), "bob", "Bob's edit", at(7))
        .unwrap();
    let report = team.pull(&mut bob, "bob", 8).unwrap();
    (ana, bob, base, report)
}

#[test]
fn edits_of_different_tasks_merge_cleanly_and_both_sides_end_alike() {
    let team = Team::new();
    let (mut ana, mut bob, base, report) = concurrent(
        &team,
        |p| renamed(p, "Collect new-hire documents", "Collect documents"),
        |p| reassigned(p, "Prepare laptop and equipment", "IT service desk"),
    );
    assert_eq!(report.merges.len(), 1);
    assert_eq!(report.merges[0].conflicts, vec![]);
    assert!(
        report.render().contains("no conflicts"),
        "{}",
        report.render()
    );
    let draft = bob.draft(base.id).unwrap().unwrap().process;
    assert!(draft.nodes.iter().any(|n| n.name == "Collect documents"));
    assert_eq!(
        assignee(&draft, "Prepare laptop and equipment"),
        "IT service desk"
    );

    let saved = match bob_resolves(&mut bob, &base, &[], 9).unwrap() {
        Resolution::Saved(info) => info,
        other => panic!("expected a saved merge, got {other:?}"),
    };
    assert_eq!(saved.number, 3);
    assert!(
        saved.message.contains("ana's v2 “Ana's edit”"),
        "{}",
        saved.message
    );
    assert!(bob.draft(base.id).unwrap().is_none());
    let pushed = team.push(&mut bob, "bob", 10);
    assert_eq!(pushed.versions, 2, "Bob's own version and the merge");
    // The merge is a merge commit: the shared history keeps both sides.
    let parents = git(&team.remote, &["log", "-1", "--format=%P", "main"], None);
    assert_eq!(parents.split(' ').count(), 2, "{parents}");

    let report = team.pull(&mut ana, "ana", 11).unwrap();
    assert_eq!(
        report.render().lines().next(),
        Some("1 new version from 1 person")
    );
    assert_alike(&ana, &bob, &base);
    // And then nothing is left to share either way.
    assert_eq!(team.push(&mut ana, "ana", 12).versions, 0);
    assert_eq!(team.push(&mut bob, "bob", 13).versions, 0);
    assert_eq!(
        team.pull(&mut bob, "bob", 14).unwrap(),
        PullReport::default()
    );
}

#[test]
fn different_fields_of_one_task_merge_cleanly() {
    let team = Team::new();
    let (_ana, bob, base, report) = concurrent(
        &team,
        |p| renamed(p, "Collect new-hire documents", "Collect documents"),
        |p| reassigned(p, "Collect new-hire documents", "HR assistant"),
    );
    assert_eq!(report.merges[0].conflicts, vec![]);
    let draft = bob.draft(base.id).unwrap().unwrap().process;
    assert_eq!(assignee(&draft, "Collect documents"), "HR assistant");
}

#[test]
fn the_same_task_renamed_two_ways_is_one_conflict_with_both_values() {
    let team = Team::new();
    let (mut ana, mut bob, base, report) = concurrent(
        &team,
        |p| renamed(p, "Collect new-hire documents", "Collect papers"),
        |p| renamed(p, "Collect new-hire documents", "Gather documents"),
    );
    let conflicts = &report.merges[0].conflicts;
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.number, c.element, c.field.as_str()),
        (1, DiffElement::Node, "name")
    );
    assert_eq!(c.mine.as_deref(), Some("Gather documents"));
    assert_eq!(c.theirs.as_deref(), Some("Collect papers"));
    assert!(
        report.render().contains("mine:   \"Gather documents\""),
        "{}",
        report.render()
    );
    // Until chosen, the draft holds mine; saving without a choice is refused.
    let draft = bob.draft(base.id).unwrap().unwrap().process;
    assert!(draft.nodes.iter().any(|n| n.name == "Gather documents"));
    match bob_resolves(&mut bob, &base, &[], 9).unwrap() {
        Resolution::Waiting(merged) => assert_eq!(merged.unresolved().len(), 1),
        other => panic!("nothing may be saved yet: {other:?}"),
    }
    let saved = bob_resolves(&mut bob, &base, &[(1, Side::Theirs)], 10).unwrap();
    assert!(matches!(saved, Resolution::Saved(_)), "{saved:?}");
    assert!(latest(&bob, &base)
        .nodes
        .iter()
        .any(|n| n.name == "Collect papers"));
    team.push(&mut bob, "bob", 11);
    team.pull(&mut ana, "ana", 12).unwrap();
    assert_alike(&ana, &bob, &base);
}

#[test]
fn a_task_deleted_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let team = Team::new();
    let (_ana, mut bob, base, report) = concurrent(
        &team,
        |p| {
            let node = node_id(p, "Issue building badge");
            edited(p, Command::RemoveNode { node })
        },
        |p| renamed(p, "Issue building badge", "Issue access badge"),
    );
    let conflicts = &report.merges[0].conflicts;
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.element, c.field.as_str()),
        (DiffElement::Node, "deleted")
    );
    assert_eq!(
        c.mine.as_deref(),
        Some("kept, changed (name: Issue building badge → Issue access badge)")
    );
    assert_eq!(c.theirs, None);
    // Taking theirs deletes it.
    bob_resolves(&mut bob, &base, &[(1, Side::Theirs)], 9).unwrap();
    assert!(!latest(&bob, &base)
        .nodes
        .iter()
        .any(|n| n.name.contains("badge")));
    assert_verifies(&bob);
}

#[test]
fn moving_a_task_into_a_lane_the_other_side_deleted_is_a_conflict() {
    let team = Team::new();
    let (_ana, mut bob, base, report) = concurrent(
        &team,
        |p| {
            let lane = lane_id(p, "Workspace preparation");
            edited(p, Command::RemoveLane { lane })
        },
        |p| {
            let node = node_id(p, "Request system access");
            let bounds = Bounds {
                x: 900.0,
                y: 40.0,
                w: 140.0,
                h: 60.0,
            };
            let lane = lane_id(p, "Workspace preparation");
            edited(p, Command::MoveNode { node, lane, bounds })
        },
    );
    let conflicts = &report.merges[0].conflicts;
    let lane = conflicts
        .iter()
        .find(|c| c.element == DiffElement::Lane)
        .unwrap_or_else(|| panic!("a lane conflict: {conflicts:?}"));
    assert_eq!(lane.field, "deleted");
    assert_eq!(lane.name, "Workspace preparation");
    assert!(
        lane.mine
            .as_deref()
            .unwrap()
            .contains("steps added, moved into it"),
        "{lane:?}"
    );
    assert_eq!(lane.theirs, None);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    // Keeping the lane (mine) keeps the moved task in it.
    bob_resolves(&mut bob, &base, &[(lane.number, Side::Mine)], 9).unwrap();
    let merged = latest(&bob, &base);
    let moved = merged
        .node(node_id(&merged, "Request system access"))
        .unwrap();
    assert_eq!(
        merged.lane(moved.lane).unwrap().name,
        "Workspace preparation"
    );
}

/// Library bytes before and after a refused pull.
fn refused_pull(team: &Team, bob: Library) -> (SyncError, bool) {
    let path = bob.path().to_path_buf();
    drop(bob);
    let before = std::fs::read(&path).unwrap();
    let mut bob = Library::open(&path).unwrap();
    let err = team.pull(&mut bob, "bob", 30).unwrap_err();
    drop(bob);
    (err, std::fs::read(&path).unwrap() == before)
}

#[test]
fn a_force_pushed_history_is_refused_and_changes_nothing() {
    let team = Team::new();
    let (_ana, mut bob, _) = ana_pushed_a_second_version(&team);
    team.pull(&mut bob, "bob", 7).unwrap();
    // Someone rewrites the branch: Ana's second version is gone.
    let first = git(&team.remote, &["rev-parse", "main~1"], None);
    git(
        &team.remote,
        &["update-ref", "refs/heads/main", &first],
        None,
    );
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::HistoryRewritten { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("history was rewritten"), "{text}");
    assert!(text.contains("ana's version 2 “Rename day 30”"), "{text}");
    assert!(unchanged, "the library is byte for byte as it was");
}

/// Writes a commit onto the shared branch by hand: `file` as the process's definition, with
/// correct trailers, and `marker` as the format marker.
fn forge(team: &Team, process: &Process, file: &[u8], marker: &[u8]) {
    let remote = &team.remote;
    let blob = git(remote, &["hash-object", "-w", "--stdin"], Some(file));
    let folder = git(
        remote,
        &["mktree"],
        Some(format!("100644 blob {blob}\tdefinition.json\n").as_bytes()),
    );
    let marker = git(remote, &["hash-object", "-w", "--stdin"], Some(marker));
    let tree = git(
        remote,
        &["mktree"],
        Some(
            format!(
                "040000 tree {folder}\t{}\n100644 blob {marker}\tflowlane.json\n",
                process.id
            )
            .as_bytes(),
        ),
    );
    let stamp = Stamp {
        process: process.id,
        version: 2,
        hash: canonical::hash_bytes(file),
        author: "mallory".into(),
        saved_at: at(20),
    };
    let text = message::write("Hand-made", &stamp);
    let parent = team.tip();
    let commit = git(
        remote,
        &["commit-tree", &tree, "-p", &parent, "-F", "-"],
        Some(text.as_bytes()),
    );
    git(remote, &["update-ref", "refs/heads/main", &commit], None);
}

const MARKER: &[u8] = b"{\"format\": 1}\n";

#[test]
fn a_malformed_definition_is_refused_and_changes_nothing() {
    let team = Team::new();
    let (_ana, bob, base) = shared_start(&team);
    forge(
        &team,
        &base,
        b"{\n  \"schema\": 1,\n  \"id\": oops\n}\n",
        MARKER,
    );
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::BrokenDefinition { .. }), "{err}");
    assert!(
        err.to_string().contains("definition.json: line 3, column"),
        "{err}"
    );
    assert!(unchanged);
}

#[test]
fn an_unknown_schema_version_is_refused_and_changes_nothing() {
    let team = Team::new();
    let (_ana, bob, base) = shared_start(&team);
    let mut newer = serde_json::to_value(&base).unwrap();
    newer["schema"] = 7.into();
    newer["swimlanes"] = serde_json::json!([]);
    let bytes = serde_json::to_vec_pretty(&newer).unwrap();
    forge(&team, &base, &bytes, MARKER);
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(err.to_string().contains("uses schema 7"), "{err}");
    assert!(err.to_string().contains("update Flowlane"), "{err}");
    assert!(unchanged);
}

#[test]
fn a_newer_repository_format_is_refused_and_changes_nothing() {
    let team = Team::new();
    let (_ana, bob, base) = shared_start(&team);
    forge(
        &team,
        &base,
        &canonical::to_bytes(&base),
        b"{\"format\": 2}\n",
    );
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(
        matches!(
            err,
            SyncError::FormatTooNew {
                found: 2,
                supported: 1
            }
        ),
        "{err}"
    );
    assert!(unchanged);
}

#[test]
fn a_definition_not_in_canonical_form_is_refused() {
    let team = Team::new();
    let (_ana, bob, base) = shared_start(&team);
    // Valid, with a trailer hash of these very bytes, but not canonical: saved, it would hash
    // differently from what the commit records.
    let mut bytes = serde_json::to_vec(&renamed(&base, "Day 30", "Day thirty")).unwrap();
    bytes.push(b'\n');
    forge(&team, &base, &bytes, MARKER);
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::BrokenCommit { .. }), "{err}");
    assert!(err.to_string().contains("not in canonical form"), "{err}");
    assert!(unchanged);
}

#[test]
fn a_repository_of_something_else_is_not_taken_for_a_library() {
    let team = Team::new();
    let (_ana, bob, _) = shared_start(&team);
    let blob = git(
        &team.remote,
        &["hash-object", "-w", "--stdin"],
        Some(b"hello\n"),
    );
    let tree = git(
        &team.remote,
        &["mktree"],
        Some(format!("100644 blob {blob}\tREADME\n").as_bytes()),
    );
    let parent = team.tip();
    let commit = git(
        &team.remote,
        &["commit-tree", &tree, "-p", &parent, "-m", "docs"],
        None,
    );
    git(
        &team.remote,
        &["update-ref", "refs/heads/main", &commit],
        None,
    );
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::NotALibrary(_)), "{err}");
    assert!(unchanged);
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
    let link = flowlane(&a, &["remote", "link", &remote]);
    assert_eq!(link.status, 0, "{}", link.stderr);
    assert!(link.stdout.contains("it is empty"), "{}", link.stdout);
    let push = flowlane(&a, &["push"]);
    assert_eq!(
        push.stdout, "pushed 4 version(s) of 3 process(es) and 3 scenario(s)\n",
        "{}",
        push.stderr
    );
    assert_eq!(flowlane(&b, &["remote", "link", &remote]).status, 0);
    let pull = flowlane(&b, &["pull"]);
    assert_eq!(pull.status, 0, "{}", pull.stderr);
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
fn a_waiting_merge_is_not_pushed_and_takes_in_newer_remote_versions_keeping_choices() {
    let team = Team::new();
    let (mut ana, mut bob, base, report) = concurrent(
        &team,
        |p| renamed(p, "Collect new-hire documents", "Collect papers"),
        |p| renamed(p, "Collect new-hire documents", "Gather documents"),
    );
    assert_eq!(report.merges[0].conflicts.len(), 1);
    let pushed = team.push(&mut bob, "bob", 9);
    assert_eq!(pushed.versions, 0);
    assert_eq!(
        pushed.render(),
        "nothing to push: the shared repository has every version\n\
         not pushed: \"Employee onboarding\" waits for a merge; resolve it with `flowlane merge`\n"
    );
    // Bob keeps his name: his version is the merge, nothing is added. Ana meanwhile pushes
    // another version.
    let first = bob_resolves(&mut bob, &base, &[(1, Side::Mine)], 10);
    assert!(
        matches!(first, Ok(Resolution::Kept(ref v)) if v.number == 2),
        "{first:?}"
    );
    let newer = reassigned(&latest(&ana, &base), "Collect papers", "HR assistant");
    ana.save_version(&newer, "ana", "HR assistant collects", at(11))
        .unwrap();
    team.push(&mut ana, "ana", 12);
    // Bob's saved merge is not pushed yet; Ana's new version merges on top of it cleanly.
    let report = team.pull(&mut bob, "bob", 13).unwrap();
    assert_eq!(report.merges.len(), 1, "{}", report.render());
    assert_eq!(report.merges[0].conflicts, vec![]);
    let saved = bob_resolves(&mut bob, &base, &[], 14);
    assert!(matches!(saved, Ok(Resolution::Saved(_))), "{saved:?}");
    let merged = latest(&bob, &base);
    assert_eq!(assignee(&merged, "Gather documents"), "HR assistant");
    assert_eq!(team.push(&mut bob, "bob", 15).versions, 2);
    team.pull(&mut ana, "ana", 16).unwrap();
    assert_alike(&ana, &bob, &base);
}

#[test]
fn a_pull_that_would_overwrite_unsaved_draft_changes_is_refused() {
    let team = Team::new();
    let (_ana, mut bob, base) = ana_pushed_a_second_version(&team);
    let mine = renamed(&base, "Day 60", "Day sixty");
    bob.save_version(&mine, "bob", "b", at(7)).unwrap();
    bob.save_draft(&renamed(&mine, "Day 90", "Day ninety"), Some(2), at(8))
        .unwrap();
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::DraftInTheWay(_)), "{err}");
    assert!(unchanged);
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
    assert_eq!((pushed.versions, pushed.scenarios), (4, 3));
    let ap = ana.find("Accounts payable").unwrap().id;
    let files = git(
        &team.remote,
        &["ls-tree", "-r", "--name-only", "main"],
        None,
    );
    assert!(
        files.lines().any(|f| f.starts_with(&format!(
            "{ap}/scenarios/invoice-of-12-500-eur-needs-cfo-approval-"
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
        3,
        "{files}"
    );

    let mut bob = team.library("bob");
    let report = team.pull(&mut bob, "bob", 5).unwrap();
    assert_eq!(report.scenarios.len(), 3, "{}", report.render());
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

#[test]
fn conflicts_are_listed_and_resolved_from_a_terminal() {
    let team = Team::new();
    let remote = team.remote.to_string_lossy().into_owned();
    let (a, b) = (team.path("ana"), team.path("bob"));
    let dir = team.dir.path();
    let save_renamed = |library: &Path, to: &str| {
        let base = canonical::to_bytes(&latest(&Library::open(library).unwrap(), &onboarding()));
        let text = String::from_utf8(base)
            .unwrap()
            .replace("\"Collect new-hire documents\"", &format!("\"{to}\""));
        let file = dir.join(format!("{to}.json"));
        std::fs::write(&file, text).unwrap();
        let file = file.to_string_lossy().into_owned();
        let run = flowlane(library, &["save", "Employee onboarding", &file, "-m", to]);
        assert_eq!(run.status, 0, "{}", run.stderr);
    };
    assert_eq!(flowlane(&a, &["init", "--samples"]).status, 0);
    assert_eq!(flowlane(&a, &["remote", "link", &remote]).status, 0);
    assert_eq!(flowlane(&a, &["push"]).status, 0);
    assert_eq!(flowlane(&b, &["init"]).status, 0);
    assert_eq!(flowlane(&b, &["remote", "link", &remote]).status, 0);
    assert_eq!(flowlane(&b, &["pull"]).status, 0);
    save_renamed(&a, "Collect papers");
    assert_eq!(flowlane(&a, &["push"]).status, 0);
    save_renamed(&b, "Gather documents");

    let pull = flowlane(&b, &["pull"]);
    assert_eq!(pull.status, 0, "{}", pull.stderr);
    assert!(
        pull.stdout.contains(
            "  1. node \"Gather documents\": name\n       mine:   \"Gather documents\"\n       theirs: \"Collect papers\"\n"
        ),
        "{}",
        pull.stdout
    );
    let waiting = flowlane(&b, &["merge", "Employee onboarding"]);
    assert_eq!(
        waiting.status, 1,
        "a merge with open conflicts is not saved"
    );
    assert!(
        waiting.stdout.contains("1 without a choice"),
        "{}",
        waiting.stdout
    );
    let saved = flowlane(
        &b,
        &["merge", "Employee onboarding", "--take", "theirs", "1"],
    );
    assert_eq!(saved.status, 0, "{}", saved.stderr);
    assert!(
        saved
            .stdout
            .starts_with("saved the merge as Employee onboarding v3"),
        "{}",
        saved.stdout
    );
    let push = flowlane(&b, &["push"]);
    assert_eq!(push.stdout, "pushed 2 version(s) of 1 process(es)\n");
    assert_eq!(flowlane(&a, &["pull"]).status, 0);
    assert_eq!(flowlane(&a, &["verify"]).status, 0);
    let show = flowlane(&a, &["show", "Employee onboarding"]);
    assert!(
        show.stdout.contains("\"Collect papers\""),
        "{}",
        show.stdout
    );
}
