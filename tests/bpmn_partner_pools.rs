//! What the editor sends when a user adds partner pools to a sample, draws message flows, notes
//! and data: each gesture one command that undoes to the same bytes, and the result exported as a
//! collaboration that reads back with its partners, message flows and artifacts. The export goes
//! to `target/bpmn-exports/constructs/` for the schema and bpmn-moddle checks of `scripts/test`.

use flowlane::bpmn::{export, import, Target};
use flowlane::edit::{Command, EditError};
use flowlane::model::{
    Artifact, ArtifactKind, Association, Bounds, Direction, Flow, Id, Lane, MessageFlow, Pool,
    Process,
};

#[path = "edit_bpmn/fixture.rs"]
mod fixture;

use fixture::run;

fn id(n: u128) -> Id {
    Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_5000 + n)
}

fn sample(name: &str) -> Process {
    flowlane::samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .rfind(|p| p.info.name == name)
        .unwrap_or_else(|| panic!("the samples have {name}"))
}

fn task(p: &Process, name: &str) -> Id {
    p.nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("{name} is a step"))
        .id
}

const SUPPLIER: u128 = 1;
const BANK: u128 = 2;
const BANK_LANE: u128 = 3;
const BANK_TASK: u128 = 4;

/// Accounts payable with a black-box supplier and a bank pool with one lane and one step, as
/// the palette adds them (`ui/src/editor/participants.ts`), and message flows between them.
fn with_partners() -> Process {
    let p = sample("Accounts payable");
    assert!(p.pools.is_empty(), "the sample starts without pools");
    let supplier = Pool {
        id: id(SUPPLIER),
        name: "Supplier".into(),
        partner: true,
        order: 0,
    };
    let (p, _) = run(
        &p,
        Command::AddPool {
            pool: supplier,
            height: Some(80.0),
        },
    );
    let bank = Pool {
        id: id(BANK),
        name: "Bank".into(),
        partner: true,
        order: 1,
    };
    let lane = Lane {
        id: id(BANK_LANE),
        name: "Bank".into(),
        team: String::new(),
        trigger: String::new(),
        output: String::new(),
        order: 0,
        pool: Some(id(BANK)),
    };
    let (p, _) = run(
        &p,
        Command::Batch {
            commands: vec![
                Command::AddPool {
                    pool: bank,
                    height: None,
                },
                Command::AddLane {
                    lane,
                    height: 160.0,
                },
            ],
        },
    );
    let mut node = p.nodes[0].clone();
    node.id = id(BANK_TASK);
    node.lane = id(BANK_LANE);
    node.name = "Execute payment".into();
    node.kind = flowlane::model::NodeKind::task("Bank");
    node.parent = None;
    let (p, _) = run(
        &p,
        Command::AddNode {
            node,
            bounds: Bounds::new(300.0, 40.0, 140.0, 64.0),
        },
    );
    let register = task(&p, "Register invoice");
    let message = |n: u128, source: Id, target: Id, name: &str| Command::AddMessage {
        message: MessageFlow {
            id: id(n),
            source,
            target,
            name: name.into(),
        },
    };
    let (p, _) = run(&p, message(10, id(SUPPLIER), register, "Invoice"));
    let pay = p
        .nodes
        .iter()
        .rev()
        .find(|n| n.kind.is_activity() && n.lane != id(BANK_LANE))
        .expect("a step to pay from")
        .id;
    let (p, _) = run(&p, message(11, pay, id(BANK_TASK), "Payment order"));
    p
}

#[test]
fn a_message_flow_joins_two_participants_and_never_one_pool_with_itself() {
    let p = with_partners();
    let register = task(&p, "Register invoice");
    let within = Command::AddMessage {
        message: MessageFlow {
            id: id(20),
            source: id(BANK),
            target: id(BANK_TASK),
            name: String::new(),
        },
    };
    assert_eq!(
        flowlane::edit::execute(&p, within),
        Err(EditError::MessageWithinPool)
    );
    let across = Command::AddFlow {
        flow: Flow::between(id(21), register, id(BANK_TASK)),
    };
    assert_eq!(
        flowlane::edit::execute(&p, across),
        Err(EditError::CrossesPool)
    );
}

#[test]
fn deleting_a_partner_pool_takes_its_message_flows_and_undoes_whole() {
    let p = with_partners();
    let (after, patch) = run(&p, Command::RemovePool { pool: id(SUPPLIER) });
    assert!(after.pool(id(SUPPLIER)).is_none());
    assert!(after.messages.iter().all(|m| m.id != id(10)));
    assert!(
        after.messages.iter().any(|m| m.id == id(11)),
        "the bank's stays"
    );
    assert!(
        patch.changes.len() >= 3,
        "pool, its height and its message flow"
    );
}

#[test]
fn partners_notes_and_data_export_as_a_collaboration_and_read_back() {
    let p = with_partners();
    let register = task(&p, "Register invoice");
    let note = Artifact {
        id: id(30),
        parent: None,
        kind: ArtifactKind::Annotation {
            text: "Scanned on arrival".into(),
        },
    };
    let store = Artifact {
        id: id(31),
        parent: None,
        kind: ArtifactKind::DataStore { name: "ERP".into() },
    };
    let mut p = p;
    for (artifact, x) in [(note, 300.0), (store, 500.0)] {
        let bounds = Bounds::new(x, 700.0, 120.0, 50.0);
        p = run(&p, Command::AddArtifact { artifact, bounds }).0;
    }
    for (n, source, direction) in [(32, id(30), Direction::None), (33, id(31), Direction::One)] {
        let association = Association {
            id: id(n),
            source,
            target: register,
            direction,
        };
        p = run(&p, Command::AddAssociation { association }).0;
    }
    let xml = export(&p, Target::Plain).expect("exports");
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bpmn-exports/constructs");
    std::fs::create_dir_all(&dir).expect("target is writable");
    std::fs::write(dir.join("partner-pools.bpmn"), &xml).expect("target is writable");
    assert_eq!(
        xml.matches("<bpmn:participant ").count(),
        3,
        "own, supplier, bank"
    );
    assert_eq!(xml.matches("<bpmn:messageFlow ").count(), 2);
    assert!(xml.contains("<bpmn:textAnnotation"), "the note is written");
    assert!(
        xml.contains("<bpmn:dataStoreReference"),
        "the store is written"
    );

    let back = import(xml.as_bytes()).expect("reads back");
    let partners: Vec<&str> = (back.pools.iter())
        .filter(|p| p.partner)
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        partners.contains(&"Supplier") && partners.contains(&"Bank"),
        "{partners:?}"
    );
    let mut names: Vec<&str> = back.messages.iter().map(|m| m.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Invoice", "Payment order"]);
    assert_eq!(back.artifacts.len(), 2);
    assert_eq!(back.associations.len(), 2);
}

#[test]
fn a_note_on_a_step_inside_an_expanded_sub_process_exports_and_reads_back_unchanged() {
    let p = sample("Contract review");
    let review = task(&p, "Review terms");
    assert!(
        p.nodes.iter().any(|n| n.id == review && n.parent.is_some()),
        "Review terms is inside the legal review sub-process"
    );
    let note = Artifact {
        id: id(40),
        parent: None,
        kind: ArtifactKind::Annotation {
            text: "Template clauses only".into(),
        },
    };
    let bounds = Bounds::new(200.0, 500.0, 160.0, 40.0);
    let (p, _) = run(
        &p,
        Command::AddArtifact {
            artifact: note,
            bounds,
        },
    );
    for (n, source, target) in [(41, review, id(40)), (42, id(40), review)] {
        let association = Association {
            id: id(n),
            source,
            target,
            direction: Direction::None,
        };
        let (with, _) = run(&p, Command::AddAssociation { association });
        let xml = export(&with, Target::Plain).expect("exports");
        let back = import(xml.as_bytes())
            .unwrap_or_else(|e| panic!("the export reads back ({n}): {e}\n{xml}"));
        assert_eq!(back.associations.len(), 1, "{n}\n{xml}");
        assert_eq!(back.artifacts.len(), 1, "{n}");
        let again = export(&back, Target::Plain).expect("exports again");
        assert_eq!(again, xml, "the second export is the first ({n})");
    }
}
