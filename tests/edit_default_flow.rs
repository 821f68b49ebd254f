//! A decision's default flow follows what the user draws and types: the way out appended after
//! conditioned ones is the default, and typing a condition on the default ends it.

use flowlane::canonical;
use flowlane::edit::{apply, execute, invert, Command};
use flowlane::model::{Bounds, Flow, GatewayKind, Node, NodeKind, Process};
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)
}

/// A lane with a start, a decision of `gateway` kind and a step before it.
fn with_decision(gateway: GatewayKind) -> Process {
    let mut p = flowlane::blank::blank("Purchase request", [id(1), id(2), id(3)]);
    let add = |p: &Process, command| apply(p, &execute(p, command).unwrap()).unwrap();
    let node = |n, name: &str, kind| Command::AddNode {
        node: Node {
            id: id(n),
            lane: id(2),
            name: name.into(),
            kind,
            parent: None,
        },
        bounds: Bounds::new(200.0 * n as f64, 40.0, 100.0, 60.0),
    };
    p = add(&p, node(10, "Over 5,000?", NodeKind::gateway(gateway)));
    p = add(&p, node(11, "Manager approval", NodeKind::task("")));
    p = add(&p, node(12, "Auto-approve", NodeKind::task("")));
    p = add(&p, node(13, "Ask finance", NodeKind::task("")));
    p
}

/// The process after `command`, checking that one undo takes it back.
fn run(p: &Process, command: Command) -> Process {
    let patch = execute(p, command).unwrap();
    let after = apply(p, &patch).unwrap();
    let undone = apply(&after, &invert(&patch)).unwrap();
    assert_eq!(
        canonical::to_bytes(&undone),
        canonical::to_bytes(p),
        "one undo takes it back"
    );
    after
}

fn flow(n: u128, target: u128, condition: Option<&str>) -> Flow {
    Flow {
        condition: condition.map(Into::into),
        ..Flow::between(id(n), id(10), id(target))
    }
}

fn is_default(p: &Process, n: u128) -> bool {
    p.flow(id(n)).unwrap().default
}

#[test]
fn a_plain_way_out_after_conditioned_ones_is_the_default() {
    let p = with_decision(GatewayKind::Exclusive);
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(20, 11, Some("amount > 5000")),
        },
    );
    assert!(
        !is_default(&p, 20),
        "a conditioned flow is never made the default"
    );
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(21, 12, None),
        },
    );
    assert!(
        is_default(&p, 21),
        "the plain flow after a conditioned one is the default"
    );
    // There is a default now: a third plain flow stays plain.
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(22, 13, None),
        },
    );
    assert!(!is_default(&p, 22));
}

#[test]
fn the_node_and_its_flow_appended_in_one_batch_are_one_undo_step() {
    let p = with_decision(GatewayKind::Exclusive);
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(20, 11, Some("amount > 5000")),
        },
    );
    let appended = Command::Batch {
        commands: vec![
            Command::AddNode {
                node: Node {
                    id: id(30),
                    lane: id(2),
                    name: "Reject".into(),
                    kind: NodeKind::task(""),
                    parent: None,
                },
                bounds: Bounds::new(900.0, 40.0, 100.0, 60.0),
            },
            Command::AddFlow {
                flow: flow(31, 30, None),
            },
        ],
    };
    let p = run(&p, appended);
    assert!(is_default(&p, 31));
}

#[test]
fn no_default_is_inferred_where_nothing_else_decides() {
    // The first way out: nothing else has a condition yet.
    let p = with_decision(GatewayKind::Exclusive);
    assert!(!is_default(
        &run(
            &p,
            Command::AddFlow {
                flow: flow(20, 11, None)
            }
        ),
        20
    ));
    // Another way out without a condition: the decision is asked at run time, not defaulted.
    assert!(!plain_way_after(GatewayKind::Exclusive, None));
    // A blank condition is no condition.
    assert!(!plain_way_after(GatewayKind::Exclusive, Some("  ")));
    // Parallel splits take every way out; they have no default.
    assert!(!plain_way_after(
        GatewayKind::Parallel,
        Some("amount > 5000")
    ));
}

/// Whether a plain way out drawn after one with `condition`, out of a `gateway`, is the default.
fn plain_way_after(gateway: GatewayKind, condition: Option<&str>) -> bool {
    let p = run(
        &with_decision(gateway),
        Command::AddFlow {
            flow: flow(20, 11, condition),
        },
    );
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(21, 12, None),
        },
    );
    is_default(&p, 21)
}

#[test]
fn typing_a_condition_on_the_default_flow_ends_its_default() {
    let p = with_decision(GatewayKind::Exclusive);
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(20, 11, Some("amount > 5000")),
        },
    );
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(21, 12, None),
        },
    );
    let typed = Flow {
        condition: Some("amount <= 5000".into()),
        ..p.flow(id(21)).unwrap().clone()
    };
    let p = run(&p, Command::UpdateFlow { flow: typed });
    assert!(!is_default(&p, 21));
    assert_eq!(
        p.flow(id(21)).unwrap().condition.as_deref(),
        Some("amount <= 5000")
    );

    // A label typed on the default flow leaves it the default.
    let p = with_decision(GatewayKind::Exclusive);
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(20, 11, Some("amount > 5000")),
        },
    );
    let p = run(
        &p,
        Command::AddFlow {
            flow: flow(21, 12, None),
        },
    );
    let labelled = Flow {
        label: "otherwise".into(),
        ..p.flow(id(21)).unwrap().clone()
    };
    assert!(is_default(
        &run(&p, Command::UpdateFlow { flow: labelled }),
        21
    ));
}
