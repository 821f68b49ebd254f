//! The shared repository reads as a normal git project: a plain `git clone` checks out the shared
//! branch, every commit has an author with an e-mail, and each version is there as BPMN too.

mod support;

use std::process::Command;

use flowlane::sync;
use support::team::*;

#[test]
fn a_plain_clone_checks_out_and_every_commit_has_an_email() {
    // No git identity but what the test sets (this binary has this one test).
    let empty = tempfile::NamedTempFile::new().unwrap();
    std::env::set_var("GIT_CONFIG_GLOBAL", empty.path());
    std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
    let team = Team::new();
    // A bare repository whose HEAD names `master`, as `git init --bare` makes on many machines.
    let remote = team.dir.path().join("master-head.git");
    std::fs::create_dir(&remote).unwrap();
    git(
        &remote,
        &["init", "--quiet", "--bare", "--initial-branch=master"],
        None,
    );
    let mut ana = flowlane::store::Library::create(&team.path("ana")).unwrap();
    sync::link(&mut ana, remote.to_str().unwrap(), "main", "ana", at(0)).unwrap();
    let base = onboarding();
    ana.save_version(&base, "ana", "Initial design", at(1))
        .unwrap();
    ana.save_version(
        &renamed(&base, "Day 30", "Day thirty"),
        "ben",
        "Rename",
        at(2),
    )
    .unwrap();
    // Ana's own git identity, as her git config would give it.
    let cache = sync::cache_dir(ana.path());
    sync::push(&mut ana, &cache, "ana", at(3)).unwrap();
    // The first push made the cache; set Ana's e-mail there and push a third version.
    git(&cache, &["config", "user.email", "ana@example.org"], None);
    ana.save_version(&renamed(&base, "Day 30", "Day 31"), "ana", "Again", at(4))
        .unwrap();
    sync::push(&mut ana, &cache, "ana", at(5)).unwrap();

    let emails = git(&remote, &["log", "--format=%an <%ae>", "main"], None);
    assert_eq!(
        emails,
        "ana <ana@example.org>\nben <ben@users.flowlane.invalid>\nana <ana@users.flowlane.invalid>"
    );

    let clone = team.dir.path().join("clone");
    let out = Command::new("git")
        .args(["clone", "--quiet"])
        .arg(&remote)
        .arg(&clone)
        .output()
        .unwrap();
    let warned = String::from_utf8_lossy(&out.stderr).to_string();
    succeeded(out, "git clone");
    assert!(!warned.contains("nonexistent ref"), "{warned}");
    // Each process's folder reads as its name; the id is inside.
    let folder = flowlane::sync::files::new_folder(&base.info.name, base.id);
    assert!(folder.starts_with("employee-onboarding-"), "{folder}");
    for file in ["definition.json", "process.bpmn"] {
        assert!(clone.join(&folder).join(file).is_file(), "{folder}/{file}");
    }
}

/// A merge commit's first parent is the tip Bob pulled and its tree is that tip's plus the merged
/// process: between the two, git shows exactly the merged process's files changed.
#[test]
fn a_merge_commit_sits_on_the_pulled_tip_and_changes_only_what_it_merged() {
    let team = Team::new();
    let (mut ana, mut bob, base, _) = concurrent(
        &team,
        |p| renamed(p, "Collect new-hire documents", "Collect documents"),
        |p| reassigned(p, "Prepare laptop and equipment", "IT service desk"),
    );
    let pulled = team.tip();
    bob_resolves(&mut bob, &base, &[], 9).unwrap();
    team.push(&mut bob, "bob", 10);
    let parents = git(&team.remote, &["log", "-1", "--format=%P", "main"], None);
    assert_eq!(
        parents.split(' ').next(),
        Some(pulled.as_str()),
        "{parents}"
    );
    let changed = git(
        &team.remote,
        &["diff", "--name-status", &pulled, "main"],
        None,
    );
    let folder = flowlane::sync::files::new_folder(&base.info.name, base.id);
    assert_eq!(
        changed,
        format!("M\t{folder}/definition.json\nM\t{folder}/process.bpmn")
    );
    team.pull(&mut ana, "ana", 11).unwrap();
    assert_alike(&ana, &bob, &base);
}
