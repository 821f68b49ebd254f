//! The semantic diff of the BPMN constructs: a boundary event re-attached, a step moved into a
//! sub-process, a timer changed (read in words), pools, message flows, artifacts and
//! associations added, removed and changed — all named, never shown by id.

mod support;

use flowlane::diff::{diff, render_text};
use flowlane::model::{
    Artifact, ArtifactKind, Association, Direction, NodeKind, Process, Timer, Trigger,
};
use support::build;
use uuid::Uuid;

const BEFORE: &str = "
    @pool=Us
    @pool=Supplier
    S:start -> Check:task -> Pay:task -> P:sub -> E:end
    PS:start{in=P} -> PE:end{in=P}
    T:boundary{host=Check,on=timer,iso=P3D,interrupting=no} -> Remind:task -> E2:end
    @message=Supplier>Check";

fn node_mut<'a>(p: &'a mut Process, name: &str) -> &'a mut flowlane::model::Node {
    p.nodes.iter_mut().find(|n| n.name == name).unwrap()
}

fn after(before: &Process) -> Process {
    let mut p = before.clone();
    let pay = p.nodes.iter().find(|n| n.name == "Pay").unwrap().id;
    let sub = p.nodes.iter().find(|n| n.name == "P").unwrap().id;
    if let NodeKind::Boundary { host, trigger, .. } = &mut node_mut(&mut p, "T").kind {
        *host = pay;
        *trigger = Trigger::Timer {
            timer: Timer::Duration("P5D".into()),
        };
    }
    node_mut(&mut p, "Remind").parent = Some(sub);
    p.pools[1].name = "Vendor".into();
    p.messages[0].name = "Invoice".into();
    p.artifacts.push(Artifact {
        id: Uuid::from_u128(0xA1),
        parent: None,
        kind: ArtifactKind::DataObject {
            name: "Invoice".into(),
            collection: false,
        },
    });
    p.associations.push(Association {
        id: Uuid::from_u128(0xA2),
        source: Uuid::from_u128(0xA1),
        target: pay,
        direction: Direction::One,
    });
    p
}

#[test]
fn bpmn_changes_read_in_words() {
    let (before, _) = build(BEFORE);
    let text = render_text(&diff(&before, &after(&before)));
    let expected = [
        "~ boundary event \"T\" [Work]",
        "    trigger: \"timer: 3 days\" → \"timer: 5 days\"",
        "    re-attached from \"Check\" to \"Pay\"",
        "~ task \"Remind\" [Work]",
        "    moved into sub-process \"P\"",
        "~ pool \"Vendor\"",
        "    name: \"Supplier\" → \"Vendor\"",
        "~ message flow \"Invoice\" 'Vendor' → 'Check'",
        "    name: (none) → \"Invoice\"",
        "+ data object \"Invoice\"",
        "+ association 'Invoice' → 'Pay'",
        "    direction: \"one way\"",
    ];
    for line in expected {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in:\n{text}"
        );
    }
    assert!(
        !text.contains("0000"),
        "no ids in what people read:\n{text}"
    );
}

#[test]
fn removing_what_was_added_is_listed_with_its_fields() {
    let (before, _) = build(BEFORE);
    let mut without = before.clone();
    without.messages.clear();
    without.pools.truncate(1);
    let text = render_text(&diff(&before, &without));
    assert!(
        text.contains("- pool \"Supplier\"\n    partner: \"yes\""),
        "{text}"
    );
    assert!(
        text.contains("- message flow 'Supplier' → 'Check'"),
        "{text}"
    );
    let added = render_text(&diff(&without, &before));
    assert!(added.starts_with("2 added"), "{added}");
}
