//! The outline (`flowlane show`, and what the text diff compares) prints the BPMN constructs:
//! events with their triggers in words and without an empty name, hosts and sub-processes by
//! name, and a line for every pool, message flow, artifact and association.

mod support;

use flowlane::export::outline::outline;
use flowlane::model::{Artifact, ArtifactKind, Association, Direction};
use support::build;
use uuid::Uuid;

#[test]
fn every_new_element_has_its_line() {
    let (mut p, _) = build(
        "
        @pool=Us
        @pool=Supplier
        S:start -> Check:task -> P:sub -> E:end
        PS:start{in=P} -> W:catch{on=message,message=Corrected invoice received} -> PE:end{in=P}
        T:boundary{host=Check,on=timer,iso=P3D,interrupting=no} -> Remind:task -> E2:end
        @message=Supplier>W",
    );
    p.nodes.iter_mut().find(|n| n.name == "W").unwrap().name = String::new();
    let parent = p.nodes.iter().find(|n| n.name == "P").map(|n| n.id);
    p.nodes.iter_mut().find(|n| n.name == "PS").unwrap().parent = parent;
    let w = p.nodes.iter_mut().find(|n| n.name.is_empty()).unwrap();
    w.parent = parent;
    p.artifacts.push(Artifact {
        id: Uuid::from_u128(0xA1),
        parent,
        kind: ArtifactKind::DataObject {
            name: "Invoice".into(),
            collection: true,
        },
    });
    p.associations.push(Association {
        id: Uuid::from_u128(0xA2),
        source: Uuid::from_u128(0xA1),
        target: p.nodes[1].id,
        direction: Direction::One,
    });
    let text = outline(&p);
    let expected = [
        "lane \"Work\" pool=\"Us\" team=\"Team\" trigger=\"Asked\" output=\"Done\"",
        "  boundary event \"T\" [Work] on \"timer: 3 days\" attached to \"Check\" non-interrupting",
        "  message catch event after 'PS' [Work] on \"message: Corrected invoice received\" in \"P\"",
        "  start \"PS\" [Work] in \"P\"",
        "pool \"Us\"",
        "pool \"Supplier\" partner",
        "message flow - \"Supplier\" ~> message catch event after 'PS'",
        "data object \"Invoice\" collection in \"P\"",
        "association \"Invoice\" -> \"Check\"",
    ];
    for line in expected {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in:\n{text}"
        );
    }
    assert!(
        !text.contains("catch event \"\""),
        "no empty names:\n{text}"
    );
}
