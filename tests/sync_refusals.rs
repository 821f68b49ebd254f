//! Shared repositories a pull refuses, changing nothing: rewritten histories, malformed,
//! newer, non-canonical and foreign content written into the repository by hand.

mod support;

use flowlane::canonical;
use flowlane::model::Process;
use flowlane::sync::message::{self, Stamp};
use flowlane::sync::SyncError;
use support::team::*;

#[test]
fn a_force_pushed_history_is_refused_and_changes_nothing() {
    let team = Team::new();
    let (_ana, mut bob, _) = ana_pushed_a_second_version(&team);
    team.pull(&mut bob, "bob", 7).unwrap();
    // Someone rewrites the branch: Ana's second version is gone.
    force_push_drops_the_tip(&team);
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
