//! Three-way merge of what is drawn beside the flow: pools, message flows, artifacts and
//! associations are merged by id, so neither side's work is dropped; the same field changed two
//! ways is a conflict; a step deleted on one side while the other connected a message flow or
//! association to it waits for a confirmation.

use flowlane::diff::semantic::DiffElement;
use flowlane::edit::Command;
use flowlane::model::{
    Artifact, ArtifactKind, Association, Direction, Id, MessageFlow, Node, Pool, Process,
};
use flowlane::samples;
use flowlane::sync::merge::{merge, Choices, Fate, Merged, People, Side};
use uuid::Uuid;

mod support;
use support::edits::run;

fn people() -> People {
    People {
        mine: "ann".into(),
        theirs: "bob".into(),
    }
}

/// Accounts payable with its own pool and a supplier's, a message flow from the supplier to
/// "Receive invoice"'s pool and a note on the first step.
fn base() -> Process {
    let mut p = samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .rfind(|p| p.info.name == "Accounts payable")
        .unwrap();
    let (own, supplier) = (Uuid::from_u128(0xB001), Uuid::from_u128(0xB002));
    p.pools = vec![
        Pool {
            id: own,
            name: "Us".into(),
            partner: false,
            order: 0,
        },
        Pool {
            id: supplier,
            name: "Supplier".into(),
            partner: true,
            order: 1,
        },
    ];
    for lane in &mut p.lanes {
        lane.pool = Some(own);
    }
    p.messages = vec![MessageFlow {
        id: Uuid::from_u128(0xB100),
        source: supplier,
        target: own,
        name: "Invoice".into(),
    }];
    p.artifacts = vec![Artifact {
        id: Uuid::from_u128(0xB200),
        parent: None,
        kind: ArtifactKind::Annotation {
            text: "Check the PO".into(),
        },
    }];
    p
}

fn first_step(p: &Process) -> &Node {
    p.nodes.iter().find(|n| n.kind.is_activity()).unwrap()
}

fn note(id: u128, text: &str) -> Artifact {
    Artifact {
        id: Uuid::from_u128(id),
        parent: None,
        kind: ArtifactKind::DataObject {
            name: text.into(),
            collection: false,
        },
    }
}

fn open(base: &Process, mine: &Process, theirs: &Process) -> Merged {
    merge(base, mine, theirs, &Choices::default(), &people())
}

#[test]
fn both_sides_additions_are_kept() {
    let base = base();
    let mut mine = base.clone();
    mine.artifacts.push(note(0xC1, "Invoice"));
    let mut theirs = base.clone();
    theirs.pools.push(Pool {
        id: Uuid::from_u128(0xC2),
        name: "Bank".into(),
        partner: true,
        order: 2,
    });
    theirs.messages.push(MessageFlow {
        id: Uuid::from_u128(0xC3),
        source: base.pools[0].id,
        target: Uuid::from_u128(0xC2),
        name: "Payment order".into(),
    });
    theirs.associations.push(Association {
        id: Uuid::from_u128(0xC4),
        source: first_step(&base).id,
        target: Uuid::from_u128(0xB200),
        direction: Direction::None,
    });
    let merged = open(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
    let p = &merged.process;
    assert_eq!(p.pools.len(), 3, "theirs' pool is kept");
    assert_eq!(p.messages.len(), 2, "theirs' message flow is kept");
    assert_eq!(p.artifacts.len(), 2, "mine's data object is kept");
    assert_eq!(p.associations.len(), 1, "theirs' association is kept");
}

#[test]
fn one_sided_changes_and_deletions_are_taken() {
    let base = base();
    let mut mine = base.clone();
    mine.pools[1].name = "Vendor".into();
    let mut theirs = base.clone();
    theirs.messages[0].name = "Invoice (PDF)".into();
    theirs.artifacts.clear();
    let merged = open(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
    let p = &merged.process;
    assert_eq!(p.pools[1].name, "Vendor");
    assert_eq!(p.messages[0].name, "Invoice (PDF)");
    assert!(p.artifacts.is_empty(), "theirs deleted the untouched note");
}

#[test]
fn the_same_field_changed_two_ways_is_a_conflict() {
    let base = base();
    let mut mine = base.clone();
    mine.messages[0].name = "Invoice received".into();
    let mut theirs = base.clone();
    theirs.messages[0].name = "Bill".into();
    theirs.pools[1].partner = false;
    let merged = open(&base, &mine, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:#?}", merged.conflicts);
    let c = &merged.conflicts[0];
    assert_eq!(c.element, DiffElement::Message);
    assert_eq!(
        (c.field.as_str(), c.mine.as_deref(), c.theirs.as_deref()),
        ("name", Some("Invoice received"), Some("Bill"))
    );
    assert_eq!(
        merged.process.messages[0].name, "Invoice received",
        "mine until chosen"
    );
    assert!(
        !merged.process.pools[1].partner,
        "theirs' other field is taken"
    );

    let mut choices = Choices::default();
    choices.sides.insert(c.key.clone(), Side::Theirs);
    let chosen = merge(&base, &mine, &theirs, &choices, &people());
    assert_eq!(chosen.process.messages[0].name, "Bill");
}

#[test]
fn a_change_to_what_the_other_side_deleted_is_a_deletion_conflict() {
    let base = base();
    let mut mine = base.clone();
    mine.artifacts[0].kind = ArtifactKind::Annotation {
        text: "Check the PO and the contract".into(),
    };
    let mut theirs = base.clone();
    theirs.artifacts.clear();
    let merged = open(&base, &mine, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:#?}", merged.conflicts);
    let c = &merged.conflicts[0];
    assert_eq!(
        (c.element, c.field.as_str()),
        (DiffElement::Artifact, "deleted")
    );
    assert_eq!(c.theirs, None);
    assert_eq!(merged.process.artifacts.len(), 1, "kept until chosen");
}

#[test]
fn deleting_a_step_the_other_side_connected_a_message_flow_to_waits_for_a_confirmation() {
    let base = base();
    let step = first_step(&base).clone();
    let mut mine = base.clone();
    mine.messages.push(MessageFlow {
        id: Uuid::from_u128(0xD1),
        source: step.id,
        target: base.pools[1].id,
        name: "Query".into(),
    });
    let theirs = run(&base, Command::RemoveNode { node: step.id });
    let merged = open(&base, &mine, &theirs);
    let c = merged
        .conflicts
        .iter()
        .find(|c| c.field == "deleted")
        .expect("a deletion conflict");
    let consequence = c.consequence.as_deref().unwrap_or_default();
    assert!(
        consequence.contains(&format!(
            "the message flow '{}' → 'Supplier' that ann added",
            step.name
        )),
        "{consequence}"
    );
    assert!(c
        .dependents
        .iter()
        .any(|d| d.element == DiffElement::Message));

    let mut choices = Choices::default();
    choices.sides.insert(c.key.clone(), Side::Theirs);
    let unconfirmed = merge(&base, &mine, &theirs, &choices, &people());
    assert!(unconfirmed
        .process
        .messages
        .iter()
        .any(|m| m.source == step.id));
    choices.fates.insert(c.key.clone(), Fate::Drop);
    let confirmed = merge(&base, &mine, &theirs, &choices, &people());
    let ids: Vec<Id> = confirmed.process.messages.iter().map(|m| m.id).collect();
    assert_eq!(
        ids,
        [Uuid::from_u128(0xB100)],
        "the step's message flow goes with it"
    );
}

#[test]
fn a_step_moved_into_a_sub_process_and_a_re_attached_boundary_are_merged() {
    let (base, _) = support::build(
        "
        S:start -> A:task -> B:task -> P:sub -> E:end
        PS:start{in=P} -> PE:end{in=P}
        T:boundary{host=A,on=timer,iso=P3D} -> E",
    );
    let id = |p: &Process, name: &str| p.nodes.iter().find(|n| n.name == name).unwrap().id;
    let (b, sub) = (id(&base, "B"), id(&base, "P"));
    // Theirs moves the start into the sub-process and re-attaches the timer to B; mine renames A.
    let mut theirs = base.clone();
    for n in &mut theirs.nodes {
        if n.name == "S" {
            n.parent = Some(sub);
        }
        if let flowlane::model::NodeKind::Boundary { host, .. } = &mut n.kind {
            *host = b;
        }
    }
    let mut mine = base.clone();
    mine.nodes.iter_mut().find(|n| n.name == "A").unwrap().name = "Check".into();
    let merged = open(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
    let p = &merged.process;
    let node = |name: &str| p.nodes.iter().find(|n| n.name == name).unwrap();
    assert_eq!(
        node("S").parent,
        Some(sub),
        "theirs' move into the sub-process is taken"
    );
    assert_eq!(node("Check").parent, None);
    assert!(
        matches!(node("T").kind, flowlane::model::NodeKind::Boundary { host, .. } if host == b)
    );
}
