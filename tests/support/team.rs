//! Two people sharing a library through a bare git repository in a temp dir: the libraries,
//! the repository, and the edits and checks the sync tests share.

use std::path::{Path, PathBuf};
use std::process::Command as Process_;

use chrono::{DateTime, TimeZone, Utc};
use flowlane::canonical;
use flowlane::edit::{self, Command};
use flowlane::model::{NodeKind, Process};
use flowlane::samples;
use flowlane::store::Library;
use flowlane::sync::merge::Side;
use flowlane::sync::pull::PullReport;
use flowlane::sync::resolve::{self, Picks, Resolution};
use flowlane::sync::{self, SyncError};
use tempfile::TempDir;

pub fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, 9, minute, 0).unwrap()
}

pub fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> String {
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
    succeeded(child.wait_with_output().unwrap(), &format!("git {args:?}"))
}

/// What a command that must succeed printed, trimmed; its error output when it failed.
pub fn succeeded(out: std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A bare shared repository and two people's libraries linked to it.
pub struct Team {
    pub dir: TempDir,
    pub remote: PathBuf,
}

impl Team {
    pub fn new() -> Team {
        let dir = tempfile::tempdir().unwrap();
        let remote = dir.path().join("shared.git");
        std::fs::create_dir(&remote).unwrap();
        git(&remote, &["init", "--quiet", "--bare"], None);
        Team { dir, remote }
    }

    pub fn path(&self, who: &str) -> PathBuf {
        self.dir.path().join(format!("{who}.flowlane"))
    }

    /// A new library for `who`, linked to the shared repository.
    pub fn library(&self, who: &str) -> Library {
        let mut library = Library::create(&self.path(who)).unwrap();
        let url = self.remote.to_string_lossy().into_owned();
        sync::link(&mut library, &url, "main", who, at(0)).unwrap();
        library
    }

    pub fn push(&self, library: &mut Library, who: &str, minute: u32) -> sync::PushReport {
        let cache = sync::cache_dir(library.path());
        sync::push(library, &cache, who, at(minute)).unwrap()
    }

    pub fn pull(
        &self,
        library: &mut Library,
        who: &str,
        minute: u32,
    ) -> Result<PullReport, SyncError> {
        let cache = sync::cache_dir(library.path());
        sync::pull(library, &cache, who, at(minute))
    }

    pub fn tip(&self) -> String {
        git(&self.remote, &["rev-parse", "main"], None)
    }
}

pub fn onboarding() -> Process {
    samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.info.name == "Employee onboarding")
        .unwrap()
}

pub fn node_id(p: &Process, name: &str) -> flowlane::model::Id {
    p.nodes.iter().find(|n| n.name == name).unwrap().id
}

pub fn lane_id(p: &Process, name: &str) -> flowlane::model::Id {
    p.lanes.iter().find(|l| l.name == name).unwrap().id
}

pub fn edited(p: &Process, command: Command) -> Process {
    edit::apply(p, &edit::execute(p, command).unwrap()).unwrap()
}

pub fn renamed(p: &Process, task: &str, to: &str) -> Process {
    let mut node = p.node(node_id(p, task)).unwrap().clone();
    node.name = to.into();
    edited(p, Command::UpdateNode { node })
}

pub fn reassigned(p: &Process, task: &str, to: &str) -> Process {
    let mut node = p.node(node_id(p, task)).unwrap().clone();
    if let NodeKind::Task { assignee, .. } = &mut node.kind {
        *assignee = to.into();
    }
    edited(p, Command::UpdateNode { node })
}

pub fn assignee(p: &Process, task: &str) -> String {
    match &p.node(node_id(p, task)).unwrap().kind {
        NodeKind::Task { assignee, .. } => assignee.clone(),
        _ => panic!("{task} is a task"),
    }
}

pub fn latest(library: &Library, p: &Process) -> Process {
    library.load(p.id, None).unwrap().1
}

/// Ana saves the onboarding process and pushes it; Bob pulls it. Both then edit from there.
pub fn shared_start(team: &Team) -> (Library, Library, Process) {
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
pub fn ana_pushed_a_second_version(team: &Team) -> (Library, Library, Process) {
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
pub fn bob_resolves(
    bob: &mut Library,
    base: &Process,
    take: &[(u32, Side)],
    minute: u32,
) -> Result<Resolution, SyncError> {
    let picks = Picks {
        sides: take.to_vec(),
        fates: Vec::new(),
    };
    resolve::resolve(
        bob,
        base.id,
        "Employee onboarding",
        &picks,
        "bob",
        at(minute),
    )
}

/// Clean in itself and against the shared repository it was linked to.
pub fn assert_verifies(library: &Library) {
    let report = library.verify().unwrap();
    assert!(report.is_clean(), "{}", report.render());
    let cache = sync::cache_dir(library.path());
    if let Some(anchor) = sync::anchor::check(library, &cache).unwrap() {
        assert!(anchor.problems.is_empty(), "{:?}", anchor.problems);
    }
}

/// Both libraries hold the same latest version of `base`'s process, and both verify.
pub fn assert_alike(ana: &Library, bob: &Library, base: &Process) {
    assert_eq!(
        canonical::hash(&latest(ana, base)),
        canonical::hash(&latest(bob, base))
    );
    assert_verifies(ana);
    assert_verifies(bob);
}

/// Ana and Bob both saved a version from the same base; Ana pushed first; Bob pulls.
pub fn concurrent(
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

/// Library bytes before and after a refused pull.
pub fn refused_pull(team: &Team, bob: Library) -> (SyncError, bool) {
    let path = bob.path().to_path_buf();
    drop(bob);
    let before = std::fs::read(&path).unwrap();
    let mut bob = Library::open(&path).unwrap();
    let err = team.pull(&mut bob, "bob", 30).unwrap_err();
    drop(bob);
    (err, std::fs::read(&path).unwrap() == before)
}

/// Someone force-pushes the shared branch back one commit: its tip commit is gone.
pub fn force_push_drops_the_tip(team: &Team) {
    let first = git(&team.remote, &["rev-parse", "main~1"], None);
    git(
        &team.remote,
        &["update-ref", "refs/heads/main", &first],
        None,
    );
}
