//! What a deletion takes along in a merge: the steps the other side moved into or added to a
//! deleted lane, the flows it connected to a deleted step. Each is named in the conflict and is
//! kept (steps in the lane they came from, or the one picked) unless deleting it is confirmed.
//! Lanes both sides added get distinct orders.

mod support;

use std::collections::BTreeMap;

use flowlane::diff::semantic::DiffElement;
use flowlane::edit::Command;
use flowlane::model::{Id, Lane, Node, Process};
use flowlane::samples;
use flowlane::sync::merge::{merge, Choices, Conflict, Fate, Merged, People, Side};
use flowlane::validate;
use support::edits::{append_task, run};
use support::task;

fn accounts_payable() -> Process {
    samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .rfind(|p| p.info.name == "Accounts payable")
        .unwrap()
}

fn node<'a>(p: &'a Process, name: &str) -> &'a Node {
    p.nodes.iter().find(|n| n.name == name).unwrap()
}

fn lane_named<'a>(p: &'a Process, name: &str) -> &'a Lane {
    p.lanes.iter().find(|l| l.name == name).unwrap()
}

fn lane_of(p: &Process, step: &str) -> String {
    p.lane(node(p, step).lane).unwrap().name.clone()
}

/// A lane named `name` added below the others, with a fixed id.
fn add_lane(p: &Process, name: &str, seed: u128) -> Process {
    let order = p.lanes.iter().map(|l| l.order + 1).max().unwrap_or(0);
    let lane = Lane {
        id: Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0a00 + seed),
        name: name.into(),
        team: "Internal audit".into(),
        trigger: "Payment scheduled".into(),
        output: "Payment checked".into(),
        order,
        pool: None,
    };
    run(
        p,
        Command::AddLane {
            lane,
            height: 160.0,
        },
    )
}

fn move_into(p: &Process, step: &str, lane: &str) -> Process {
    let n = node(p, step);
    let bounds = p.layout.nodes[&n.id];
    let lane = lane_named(p, lane).id;
    run(
        p,
        Command::MoveNode {
            node: n.id,
            lane,
            bounds,
        },
    )
}

fn remove_lane(p: &Process, lane: &str) -> Process {
    let lane = lane_named(p, lane).id;
    run(p, Command::RemoveLane { lane })
}

/// A new task "Check payment" in `lane`, connected after "Schedule payment".
fn add_check(p: &Process, lane: &str) -> Process {
    let id = Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0c00);
    let task = task(id, lane_named(p, lane).id, "Check payment");
    append_task(p, node(p, "Schedule payment").id, task)
}

fn people() -> People {
    People {
        mine: "ann".into(),
        theirs: "bob".into(),
    }
}

/// The base with lane "Audit"; Ann (mine) moves "Schedule payment" into it; Bob (theirs)
/// deletes it.
fn lane_case() -> (Process, Process, Process) {
    let base = add_lane(&accounts_payable(), "Audit", 1);
    let mine = move_into(&base, "Schedule payment", "Audit");
    let theirs = remove_lane(&base, "Audit");
    (base, mine, theirs)
}

fn only_conflict(merged: &Merged) -> &Conflict {
    assert_eq!(merged.conflicts.len(), 1, "{:#?}", merged.conflicts);
    &merged.conflicts[0]
}

/// Takes `side` for every conflict, with `fate` for what deletions take along.
fn choose(
    (base, mine, theirs): &(Process, Process, Process),
    side: Side,
    fate: Option<Fate>,
) -> Merged {
    let open = merge(base, mine, theirs, &Choices::default(), &people());
    let mut choices = Choices::default();
    for c in &open.conflicts {
        choices.sides.insert(c.key.clone(), side);
        if let Some(f) = &fate {
            choices.fates.insert(c.key.clone(), f.clone());
        }
    }
    let merged = merge(base, mine, theirs, &choices, &people());
    assert_eq!(validate::structure(&merged.process), vec![]);
    merged
}

#[test]
fn a_lane_deletion_names_the_step_moved_into_it_and_its_flows() {
    let (base, mine, theirs) = lane_case();
    let merged = merge(&base, &mine, &theirs, &Choices::default(), &people());
    let c = only_conflict(&merged);
    assert_eq!(
        (c.element, c.field.as_str()),
        (DiffElement::Lane, "deleted")
    );
    let named: Vec<(DiffElement, &str, &str)> = (c.dependents.iter())
        .map(|d| (d.element, d.name.as_str(), d.how.as_str()))
        .collect();
    assert_eq!(
        named[0],
        (DiffElement::Node, "Schedule payment", "moved into it")
    );
    let flows = named.iter().filter(|d| d.0 == DiffElement::Flow).count();
    let in_base = base
        .flows
        .iter()
        .filter(|f| [f.source, f.target].contains(&node(&base, "Schedule payment").id))
        .count();
    assert_eq!(flows, in_base, "every flow of the step is named: {named:?}");
    let consequence = c.consequence.as_deref().unwrap();
    assert!(
        consequence.starts_with(
            "deleting lane \"Audit\" would also delete the step \"Schedule payment\" that ann moved into it and its flows "
        ),
        "{consequence}"
    );
    assert!(
        consequence.ends_with(
            "unless that is confirmed, \"Schedule payment\" is kept in lane \"Payment run\" (the lane it came from)"
        ),
        "{consequence}"
    );
}

#[test]
fn taking_the_lane_deletion_keeps_the_step_in_the_lane_it_came_from() {
    let case = lane_case();
    let merged = choose(&case, Side::Theirs, None);
    assert!(merged.unresolved().is_empty());
    assert!(merged.process.lanes.iter().all(|l| l.name != "Audit"));
    assert_eq!(lane_of(&merged.process, "Schedule payment"), "Payment run");
    let id = node(&merged.process, "Schedule payment").id;
    let flows = |p: &Process| {
        (p.flows.iter())
            .filter(|f| f.source == id || f.target == id)
            .count()
    };
    assert_eq!(flows(&merged.process), flows(&case.1), "its flows stay");
}

#[test]
fn a_picked_lane_gets_the_steps() {
    let case = lane_case();
    let intake = lane_named(&case.0, "Invoice intake").id;
    let merged = choose(&case, Side::Theirs, Some(Fate::Keep { lane: Some(intake) }));
    assert_eq!(
        lane_of(&merged.process, "Schedule payment"),
        "Invoice intake"
    );
    let kept = merged.conflicts[0].dependents[0].kept_in.clone().unwrap();
    assert_eq!(
        (kept.name.as_str(), kept.why.as_str()),
        ("Invoice intake", "the lane picked")
    );
}

#[test]
fn a_confirmed_drop_deletes_the_steps_and_their_flows() {
    let case = lane_case();
    let merged = choose(&case, Side::Theirs, Some(Fate::Drop));
    assert!(merged.unresolved().is_empty());
    assert!(merged
        .process
        .nodes
        .iter()
        .all(|n| n.name != "Schedule payment"));
    assert_eq!(merged.process.nodes.len(), case.0.nodes.len() - 1);
    let dropped_flows = (merged.conflicts[0].dependents.iter())
        .filter(|d| d.element == DiffElement::Flow)
        .count();
    assert_eq!(
        merged.process.flows.len(),
        case.0.flows.len() - dropped_flows
    );
}

#[test]
fn keeping_the_lane_keeps_the_step_in_it() {
    let case = lane_case();
    let merged = choose(&case, Side::Mine, None);
    assert_eq!(lane_of(&merged.process, "Schedule payment"), "Audit");
}

#[test]
fn a_step_added_in_a_deleted_lane_goes_to_the_first_lane_and_says_so() {
    let base = add_lane(&accounts_payable(), "Audit", 1);
    let mine = remove_lane(&base, "Audit");
    let theirs = add_check(&base, "Audit");
    let merged = choose(&(base, mine, theirs), Side::Mine, None);
    assert_eq!(lane_of(&merged.process, "Check payment"), "Invoice intake");
    let kept = merged.conflicts[0].dependents[0].kept_in.clone().unwrap();
    assert_eq!(
        kept.why,
        "the first lane, as it was added in the deleted one"
    );
    assert!(
        (merged.conflicts[0].consequence.as_deref().unwrap())
            .contains("the step \"Check payment\" that bob added in it"),
        "{:?}",
        merged.conflicts[0].consequence
    );
}

#[test]
fn a_step_deletion_that_takes_new_flows_along_waits_for_a_confirmation() {
    let base = accounts_payable();
    let mine = add_check(&base, "Payment run");
    let theirs = run(
        &base,
        Command::RemoveNode {
            node: node(&base, "Schedule payment").id,
        },
    );
    let case = (base, mine, theirs);
    let open = merge(&case.0, &case.1, &case.2, &Choices::default(), &people());
    let c = only_conflict(&open);
    assert_eq!(
        c.consequence.as_deref(),
        Some("deleting step \"Schedule payment\" would also delete the flow 'Schedule payment' → 'Check payment' that ann added; a flow cannot stay without its step, so that needs a confirmation")
    );

    let unconfirmed = choose(&case, Side::Theirs, None);
    assert_eq!(unconfirmed.unresolved().len(), 1);
    assert!(unconfirmed.conflicts[0].needs_confirmation);
    assert!(
        unconfirmed
            .process
            .nodes
            .iter()
            .any(|n| n.name == "Schedule payment"),
        "nothing is deleted until confirmed"
    );

    let confirmed = choose(&case, Side::Theirs, Some(Fate::Drop));
    assert!(confirmed.unresolved().is_empty());
    assert!(confirmed
        .process
        .nodes
        .iter()
        .all(|n| n.name != "Schedule payment"));
    assert!(confirmed
        .process
        .nodes
        .iter()
        .any(|n| n.name == "Check payment"));
}

#[test]
fn lanes_added_on_both_sides_get_distinct_orders() {
    let base = accounts_payable();
    let mine = add_lane(&base, "Audit", 1);
    let theirs = add_lane(&base, "Archive", 2);
    assert_eq!(
        lane_named(&mine, "Audit").order,
        lane_named(&theirs, "Archive").order
    );
    let merged = merge(&base, &mine, &theirs, &Choices::default(), &people());
    assert_eq!(merged.conflicts, vec![]);
    let order = |name| lane_named(&merged.process, name).order;
    assert_eq!((order("Audit"), order("Archive")), (5, 6));
    let problems = validate::validate(&merged.process, &validate::Context::default());
    assert!(
        problems.iter().all(|p| p.code != "lane-order-duplicate"),
        "{problems:?}"
    );
}

#[test]
fn duplicate_orders_are_a_validation_error_and_a_merge_repairs_them() {
    let mut twice = add_lane(&accounts_payable(), "Audit", 1);
    let audit = lane_named(&twice, "Audit").id;
    twice
        .lanes
        .iter_mut()
        .find(|l| l.id == audit)
        .unwrap()
        .order = 4;
    let problems = validate::validate(&twice, &validate::Context::default());
    let found = problems
        .iter()
        .find(|p| p.code == "lane-order-duplicate")
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!(found.severity, validate::Severity::Error);
    assert_eq!(
        found.message,
        "Workflows \"Audit\" and \"Ledger posting\" have the same place (4) in the order"
    );
    let renamed = {
        let mut p = twice.clone();
        p.info.owner = "Controller".into();
        p
    };
    let merged = merge(
        &twice,
        &renamed,
        &twice,
        &Choices::default(),
        &People::default(),
    );
    let mut orders: Vec<u32> = merged.process.lanes.iter().map(|l| l.order).collect();
    orders.sort_unstable();
    orders.dedup();
    assert_eq!(orders.len(), merged.process.lanes.len(), "{orders:?}");
}

#[test]
fn choices_are_stored_as_text_and_read_back() {
    let mut choices = Choices::default();
    choices.sides.insert("lane:x:deleted".into(), Side::Theirs);
    choices.fates.insert("lane:x:deleted".into(), Fate::Drop);
    let lane = Id::from_u128(7);
    choices
        .fates
        .insert("lane:y:deleted".into(), Fate::Keep { lane: Some(lane) });
    let stored = choices.write();
    assert_eq!(stored["lane:x:deleted"], "theirs");
    assert_eq!(stored["lane:x:deleted+dependents"], "drop");
    assert_eq!(Choices::read(&stored), choices);
    // What an older build stored (sides only) reads as it did.
    let old = BTreeMap::from([("node:a:name".to_string(), "mine".to_string())]);
    assert_eq!(Choices::read(&old).sides["node:a:name"], Side::Mine);
}
