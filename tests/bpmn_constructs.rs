//! A process drawn in Flowlane with every modelled BPMN construct (events with each kind of
//! trigger, boundary events, task types with messages and loop markers, event-based and complex
//! gateways, an open sub-process with contents, data, notes, groups and associations) is written
//! as the proper BPMN elements, with the messages, signals, errors and escalations it names as
//! root elements, and reads back as the same constructs. The export goes to
//! `target/bpmn-exports/constructs/` for the schema and bpmn-moddle checks of `scripts/test`.

use flowlane::bpmn::{export, import, Target};
use flowlane::model::{
    Artifact, ArtifactKind, Association, Bounds, Direction, Flow, GatewayKind, Id, Instances, Lane,
    MessageFlow, Node, NodeKind, Pool, Process, Repeat, SubProcessKind, TaskType, Timer, Trigger,
};

fn id(n: u128) -> Id {
    Id::from_u128(0x1000 + n)
}

fn process() -> Process {
    let mut p = Process::new(id(0), "Every construct");
    p.lanes.push(Lane {
        id: id(1),
        name: "Billing".into(),
        team: String::new(),
        trigger: String::new(),
        output: String::new(),
        order: 0,
        pool: None,
    });
    let message = |m: &str| Trigger::Message { message: m.into() };
    let mut send = NodeKind::task("Clerk");
    if let NodeKind::Task { task, message, .. } = &mut send {
        *task = TaskType::Send;
        *message = "Invoice".into();
    }
    let mut service = NodeKind::task("");
    if let NodeKind::Task { task, repeat, .. } = &mut service {
        *task = TaskType::Service;
        *repeat = Some(Repeat::Parallel(Instances {
            count: Some("3".into()),
            collection: None,
            item: None,
        }));
    }
    let kinds: Vec<(u128, &str, NodeKind, Option<Id>)> = vec![
        (
            10,
            "Order received",
            NodeKind::Start {
                trigger: message("Order"),
                interrupting: true,
            },
            None,
        ),
        (11, "Send invoice", send, None),
        (12, "Book", service, None),
        (
            13,
            "A day passed",
            NodeKind::Boundary {
                host: id(12),
                trigger: Trigger::after("P1D"),
                interrupting: false,
            },
            None,
        ),
        (
            14,
            "Which first",
            NodeKind::gateway(GatewayKind::EventBased),
            None,
        ),
        (
            15,
            "Go",
            NodeKind::Catch {
                trigger: Trigger::Signal {
                    signal: "Go".into(),
                },
            },
            None,
        ),
        (
            16,
            "Date or order",
            NodeKind::Catch {
                trigger: Trigger::Multiple {
                    triggers: vec![
                        message("Order"),
                        Trigger::Timer {
                            timer: Timer::Date("2026-03-01T09:00:00Z".into()),
                        },
                    ],
                    parallel: true,
                },
            },
            None,
        ),
        (
            17,
            "Enough",
            NodeKind::Gateway {
                gateway: GatewayKind::Complex,
                condition: Some("count > 2".into()),
            },
            None,
        ),
        (
            18,
            "Ask for help",
            NodeKind::Throw {
                trigger: Trigger::Escalation {
                    code: "HELP".into(),
                },
            },
            None,
        ),
        (
            19,
            "Check",
            NodeKind::SubProcess {
                sub: SubProcessKind::Embedded,
                expanded: true,
                repeat: Some(Repeat::Loop { condition: None }),
            },
            None,
        ),
        (20, "Start check", NodeKind::start(), Some(id(19))),
        (21, "Look", NodeKind::task(""), Some(id(19))),
        (22, "Checked", NodeKind::end(""), Some(id(19))),
        (
            23,
            "Void",
            NodeKind::End {
                outcome: String::new(),
                trigger: Trigger::Error {
                    code: "VOID".into(),
                },
            },
            None,
        ),
        (
            24,
            "Stop all",
            NodeKind::End {
                outcome: String::new(),
                trigger: Trigger::Terminate,
            },
            None,
        ),
        (
            25,
            "Warm enough",
            NodeKind::Catch {
                trigger: Trigger::Conditional {
                    condition: "temperature > 20".into(),
                },
            },
            None,
        ),
    ];
    for (n, name, kind, parent) in kinds {
        p.nodes.push(Node {
            id: id(n),
            lane: id(1),
            name: name.into(),
            kind,
            parent,
        });
        let x = 100.0 * (n - 10) as f64;
        let b = if parent.is_some() {
            Bounds::new(900.0 + 60.0 * (n - 20) as f64, 40.0, 36.0, 36.0)
        } else if n == 19 {
            Bounds::new(880.0, 20.0, 200.0, 100.0)
        } else {
            Bounds::new(x, 40.0, 36.0, 36.0)
        };
        p.layout.nodes.insert(id(n), b);
    }
    p.flows.push(Flow::between(id(30), id(10), id(11)));
    p.flows.push(Flow::between(id(31), id(20), id(21)));
    p.flows.push(Flow::between(id(32), id(21), id(22)));
    let artifacts = [
        (
            40,
            ArtifactKind::DataObject {
                name: "Invoice".into(),
                collection: true,
            },
        ),
        (41, ArtifactKind::DataStore { name: "ERP".into() }),
        (
            42,
            ArtifactKind::Annotation {
                text: "Check twice".into(),
            },
        ),
        (
            43,
            ArtifactKind::Group {
                name: String::new(),
            },
        ),
    ];
    for (n, kind) in artifacts {
        p.artifacts.push(Artifact {
            id: id(n),
            parent: None,
            kind,
        });
        p.layout.artifacts.insert(
            id(n),
            Bounds::new(100.0 * (n - 40) as f64, 200.0, 50.0, 40.0),
        );
    }
    p.associations.push(Association {
        id: id(50),
        source: id(42),
        target: id(11),
        direction: Direction::None,
    });
    p.associations.push(Association {
        id: id(51),
        source: id(40),
        target: id(12),
        direction: Direction::One,
    });
    p
}

#[test]
fn every_construct_is_written_as_its_element_and_reads_back() {
    let p = process();
    let xml = export(&p, Target::Plain).unwrap();
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bpmn-exports/constructs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("constructs.bpmn"), &xml).unwrap();
    for element in [
        "<bpmn:message id=\"Message_",
        "<bpmn:signal id=\"Signal_",
        "<bpmn:error id=\"Error_",
        "<bpmn:escalation id=\"Escalation_",
        "<bpmn:sendTask",
        "<bpmn:serviceTask",
        "<bpmn:boundaryEvent",
        "cancelActivity=\"false\"",
        "parallelMultiple=\"true\"",
        "<bpmn:eventBasedGateway",
        "<bpmn:activationCondition",
        "<bpmn:multiInstanceLoopCharacteristics",
        "<bpmn:standardLoopCharacteristics",
        "<bpmn:subProcess",
        "isExpanded=\"true\"",
        "<bpmn:terminateEventDefinition",
        "<bpmn:conditionalEventDefinition",
        "<bpmn:dataObjectReference",
        "<bpmn:dataStoreReference",
        "<bpmn:textAnnotation",
        "<bpmn:association",
    ] {
        assert!(xml.contains(element), "{element} missing:\n{xml}");
    }
    let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    for node in &p.nodes {
        let read = back
            .node(node.id)
            .unwrap_or_else(|| panic!("{} is gone", node.name));
        assert_eq!(read.kind, node.kind, "{}", node.name);
        assert_eq!(read.parent, node.parent, "{}", node.name);
    }
    let kinds = |p: &Process| {
        p.artifacts
            .iter()
            .map(|a| a.kind.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&back), kinds(&p));
    assert_eq!(back.associations, p.associations);
}

/// The process's own pool around its lanes and a partner drawn as a black box, with message
/// flows between the partner and a task: each pool a participant, each message flow one.
#[test]
fn pools_and_message_flows_are_written_as_participants_and_message_flows() {
    let mut p = process();
    p.pools = vec![
        Pool {
            id: id(60),
            name: "Supplier".into(),
            partner: false,
            order: 0,
        },
        Pool {
            id: id(61),
            name: "Customer".into(),
            partner: true,
            order: 1,
        },
    ];
    p.lanes[0].pool = Some(id(60));
    p.layout.pools.insert(id(61), 90.0);
    p.messages = vec![
        MessageFlow {
            id: id(70),
            source: id(61),
            target: id(10),
            name: "Order".into(),
        },
        MessageFlow {
            id: id(71),
            source: id(11),
            target: id(61),
            name: String::new(),
        },
    ];
    let xml = export(&p, Target::Plain).unwrap();
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bpmn-exports/constructs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("pools.bpmn"), &xml).unwrap();
    assert_eq!(xml.matches("<bpmn:participant ").count(), 2, "{xml}");
    assert_eq!(xml.matches("<bpmn:messageFlow ").count(), 2, "{xml}");
    assert_eq!(xml.matches("<bpmn:process ").count(), 1, "{xml}");
    let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(back.pools, p.pools);
    assert_eq!(back.messages, p.messages);
    assert_eq!(back.layout.pools, p.layout.pools);
    assert!(back.lanes.iter().all(|l| l.pool == Some(id(60))));
}
