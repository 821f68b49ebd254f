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

/// `git log -p` shows a flow by the names of its ends beside their ids; the names are for people
/// only: one edited by hand in the repository changes nothing in the model a pull takes in.
#[test]
fn git_log_shows_flow_ends_by_name_and_a_hand_edited_name_changes_nothing() {
    let team = Team::new();
    let mut ana = team.library("ana");
    let base = onboarding();
    ana.save_version(&base, "ana", "Initial design", at(1))
        .unwrap();
    let v2 = renamed(&base, "Collect new-hire documents", "Collect documents");
    ana.save_version(&v2, "ana", "Shorter name", at(2)).unwrap();
    team.push(&mut ana, "ana", 3);
    let folder = flowlane::sync::files::new_folder(&base.info.name, base.id);
    let path = format!("{folder}/definition.json");
    let log = git(&team.remote, &["log", "-p", "main", "--", &path], None);
    assert!(
        log.contains("-      \"target_name\": \"Collect new-hire documents\""),
        "{log}"
    );
    assert!(
        log.contains("+      \"target_name\": \"Collect documents\""),
        "{log}"
    );
    assert!(log.contains("      \"source_name\": \"Collect documents\""));
    // The hash in the message is still of the canonical bytes the library stores.
    let shown = git(
        &team.remote,
        &["cat-file", "blob", &format!("main:{path}")],
        None,
    ) + "\n";
    let canonical_text = String::from_utf8(flowlane::canonical::to_bytes(&v2)).unwrap();
    assert_ne!(shown, canonical_text);
    assert_eq!(sync::readable::without_names(&shown), canonical_text);
    let message = git(&team.remote, &["log", "-1", "--format=%B", "main"], None);
    assert!(message.contains(&format!(
        "Flowlane-Hash: {}",
        flowlane::canonical::hash_bytes(canonical_text.as_bytes())
    )));

    // Someone edits a name in the tip's definition by hand and replaces the commit.
    let edited = shown.replacen(
        "\"source_name\": \"Collect documents\"",
        "\"source_name\": \"Shred documents\"",
        1,
    );
    assert_ne!(edited, shown);
    let blob = git(
        &team.remote,
        &["hash-object", "-w", "--stdin"],
        Some(edited.as_bytes()),
    );
    let index = team.dir.path().join("hand.index");
    let with_index = |args: &[&str]| {
        let out = Command::new("git")
            .arg("--git-dir")
            .arg(&team.remote)
            .args(args)
            .env("GIT_INDEX_FILE", &index)
            .output()
            .unwrap();
        succeeded(out, &format!("git {args:?}"))
    };
    with_index(&["read-tree", "main"]);
    with_index(&[
        "update-index",
        "--cacheinfo",
        &format!("100644,{blob},{path}"),
    ]);
    let tree = with_index(&["write-tree"]);
    let commit = git(
        &team.remote,
        &["commit-tree", &tree, "-p", "main^", "-F", "-"],
        Some(message.as_bytes()),
    );
    git(
        &team.remote,
        &["update-ref", "refs/heads/main", &commit],
        None,
    );

    let mut bob = team.library("bob");
    team.pull(&mut bob, "bob", 4).unwrap();
    assert_eq!(latest(&bob, &base), latest(&ana, &base));
    let node = node_id(&latest(&bob, &base), "Collect documents");
    assert!(latest(&bob, &base).node(node).is_some());
    assert_verifies(&bob);
}
