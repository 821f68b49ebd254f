//! Merges through git: both sides saved versions of one process; clean merges, conflicts and
//! their choices, a waiting merge, in the library and from a terminal.

mod support;

use std::path::Path;

use flowlane::canonical;
use flowlane::diff::semantic::DiffElement;
use flowlane::edit::Command;
use flowlane::model::Bounds;
use flowlane::store::Library;
use flowlane::sync::merge::Side;
use flowlane::sync::pull::PullReport;
use flowlane::sync::resolve::Resolution;
use flowlane::sync::SyncError;
use support::cli::flowlane;
use support::team::*;

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
        "not pushed: \"Employee onboarding\" waits for a merge, which must be saved first: \
         `flowlane merge \"Employee onboarding\"`, then push again\n"
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
        flowlane(library, &["save", "Employee onboarding", &file, "-m", to]).succeeded();
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

    let pull = flowlane(&b, &["pull"]).succeeded();
    pull.printed(
            "  1. node \"Gather documents\": name\n       mine:   \"Gather documents\"\n       theirs: \"Collect papers\"\n"
        );
    let waiting = flowlane(&b, &["merge", "Employee onboarding"]);
    assert_eq!(
        waiting.status, 1,
        "a merge with open conflicts is not saved"
    );
    waiting.printed("1 without a choice");
    let saved = flowlane(
        &b,
        &["merge", "Employee onboarding", "--take", "theirs", "1"],
    )
    .succeeded();
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
    show.printed("\"Collect papers\"");
}
