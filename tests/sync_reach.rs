//! What push and pull say when the shared repository cannot be used: one plain message and what
//! to do, for a rewritten history (push as well as pull), an address that leads nowhere and a
//! repository that refuses access.

mod support;

use flowlane::store::Library;
use flowlane::sync::{self, SyncError};
use support::team::*;

#[test]
fn after_a_force_push_push_names_the_rewrite_and_the_way_out_as_pull_does() {
    let team = Team::new();
    let (mut ana, mut bob, base) = ana_pushed_a_second_version(&team);
    team.pull(&mut bob, "bob", 7).unwrap();
    force_push_drops_the_tip(&team);
    // Ana has something new to push; before, push told her to pull, and pull refused.
    ana.save_version(
        &renamed(&latest(&ana, &base), "Day thirty", "Day 31"),
        "ana",
        "again",
        at(8),
    )
    .unwrap();
    let cache = sync::cache_dir(ana.path());
    let pushed = sync::push(&mut ana, &cache, "ana", at(9)).unwrap_err();
    assert!(
        matches!(pushed, SyncError::HistoryRewritten { .. }),
        "{pushed}"
    );
    let pulled = team.pull(&mut ana, "ana", 10).unwrap_err();
    assert_eq!(pulled.code(), pushed.code());
    let text = pushed.to_string();
    assert!(
        text.contains("restore the lost commits") && text.contains("flowlane remote link"),
        "{text}"
    );
}

#[test]
fn an_address_that_leads_nowhere_is_unreachable_not_a_git_dump() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::create(&dir.path().join("lib.flowlane")).unwrap();
    let nowhere = dir.path().join("no-such-repository.git");
    let err = sync::link(
        &mut library,
        nowhere.to_str().unwrap(),
        "main",
        "ana",
        at(0),
    )
    .unwrap_err();
    assert!(matches!(err, SyncError::Unreachable { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("cannot be reached") && text.contains("check the address"),
        "{text}"
    );
    assert!(!text.contains("fatal:"), "{text}");
}

#[test]
fn a_repository_that_wants_a_password_is_access_denied_without_prompting() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::create(&dir.path().join("lib.flowlane")).unwrap();
    // A git server that asks for credentials, answered by git itself: an HTTP URL on a port
    // nothing listens on is unreachable, so the denial is simulated with a remote helper that
    // fails the way an authentication failure does.
    let helper = dir.path().join("git-remote-locked");
    std::fs::write(
        &helper,
        "#!/bin/sh\necho 'fatal: Authentication failed for https://example.invalid/team.git/' >&2\nexit 128\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // PATH is only extended: the other tests of this binary find the same git either way.
    std::env::set_var("PATH", path);
    let err = sync::link(&mut library, "locked::team", "main", "ana", at(0)).unwrap_err();
    assert!(matches!(err, SyncError::AccessDenied { .. }), "{err:?}");
    assert!(err.to_string().contains("SSH key or access token"), "{err}");
}
