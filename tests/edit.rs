//! Commands become patches; applying a patch and then its inverse gives back the same bytes.

use flowlane::canonical;
use flowlane::edit::{apply, apply_in_place, execute, invert, Change, Command, EditError, Key};
use flowlane::history::History;
use flowlane::model::{Bounds, Flow, GatewayKind, Lane, Node, NodeKind, Point, Process, VarType};
use flowlane::samples;
use uuid::Uuid;

fn onboarding() -> Process {
    samples::versions().swap_remove(0).0
}

fn named<'a>(p: &'a Process, name: &str) -> &'a Node {
    p.nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
}

fn fresh(n: u128) -> Uuid {
    Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)
}

/// One row per command kind, each against the onboarding sample.
fn commands(p: &Process) -> Vec<(&'static str, Command)> {
    let laptop = named(p, "Prepare laptop and equipment").clone();
    let hr = p.lanes_in_order()[0].clone();
    let facilities = p.lanes_in_order()[2].clone();
    let mut info = p.info.clone();
    info.owner = "Chief People Officer".into();
    let first_flow = p.flows[0].clone();
    vec![
        ("update info", Command::UpdateInfo { info }),
        (
            "add lane",
            Command::AddLane {
                lane: Lane {
                    id: fresh(1),
                    name: "Payroll".into(),
                    team: "Payroll".into(),
                    trigger: "Hire confirmed".into(),
                    output: "Salary set up".into(),
                    order: 4,
                    pool: None,
                },
                height: 150.0,
            },
        ),
        (
            "update lane",
            Command::UpdateLane {
                lane: Lane {
                    trigger: "Signed contract".into(),
                    ..hr.clone()
                },
            },
        ),
        (
            "remove lane",
            Command::RemoveLane {
                lane: facilities.id,
            },
        ),
        (
            "add node",
            Command::AddNode {
                node: Node {
                    id: fresh(2),
                    lane: hr.id,
                    name: "Order business cards".into(),
                    kind: NodeKind::Gateway {
                        gateway: GatewayKind::Inclusive,
                        condition: None,
                    },
                    parent: None,
                },
                bounds: Bounds {
                    x: 900.0,
                    y: 20.0,
                    w: 50.0,
                    h: 50.0,
                },
            },
        ),
        (
            "update node",
            Command::UpdateNode {
                node: Node {
                    name: "Prepare laptop".into(),
                    ..laptop.clone()
                },
            },
        ),
        (
            "move node",
            Command::MoveNode {
                node: laptop.id,
                lane: facilities.id,
                bounds: Bounds {
                    x: 1000.0,
                    y: 10.0,
                    w: 140.0,
                    h: 64.0,
                },
            },
        ),
        ("remove node", Command::RemoveNode { node: laptop.id }),
        (
            "add flow",
            Command::AddFlow {
                flow: Flow {
                    id: fresh(3),
                    source: laptop.id,
                    target: named(p, "Welcome on day 1").id,
                    label: "shortcut".into(),
                    condition: None,
                    default: false,
                    probability: None,
                },
            },
        ),
        (
            "update flow",
            Command::UpdateFlow {
                flow: Flow {
                    label: "next".into(),
                    ..first_flow.clone()
                },
            },
        ),
        (
            "remove flow",
            Command::RemoveFlow {
                flow: first_flow.id,
            },
        ),
        (
            "reorder lanes",
            Command::ReorderLanes {
                lanes: p.lanes_in_order().iter().rev().map(|l| l.id).collect(),
            },
        ),
        (
            "resize lane",
            Command::ResizeLane {
                lane: hr.id,
                height: 230.0,
            },
        ),
        (
            "set waypoints",
            Command::SetWaypoints {
                flow: first_flow.id,
                points: vec![Point { x: 300.0, y: 40.0 }, Point { x: 300.0, y: 90.0 }],
            },
        ),
        (
            "batch",
            Command::Batch {
                commands: vec![
                    Command::RemoveNode { node: laptop.id },
                    Command::RemoveLane {
                        lane: facilities.id,
                    },
                ],
            },
        ),
    ]
}

#[test]
fn every_command_applies_and_its_inverse_restores_the_same_bytes() {
    let original = onboarding();
    for (name, command) in commands(&original) {
        let patch = execute(&original, command).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!patch.changes.is_empty(), "{name} changed nothing");
        let changed = apply(&original, &patch).unwrap();
        assert_ne!(
            canonical::hash(&changed),
            canonical::hash(&original),
            "{name}"
        );
        assert_eq!(
            flowlane::validate::structure(&changed),
            vec![],
            "{name} broke the structure"
        );
        let restored = apply(&changed, &invert(&patch)).unwrap();
        assert_eq!(
            canonical::to_bytes(&restored),
            canonical::to_bytes(&original),
            "{name} did not invert"
        );
    }
}

#[test]
fn removing_a_node_removes_its_flows_and_layout() {
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").id;
    let after = apply(
        &p,
        &execute(&p, Command::RemoveNode { node: laptop }).unwrap(),
    )
    .unwrap();
    assert!(after.node(laptop).is_none());
    assert!(!after.layout.nodes.contains_key(&laptop));
    assert!(after
        .flows
        .iter()
        .all(|f| f.source != laptop && f.target != laptop));
    // Its two flows, and its boundary timer with the flow that leaves it.
    let boundary = p
        .boundaries(laptop)
        .next()
        .expect("the equipment escalation")
        .id;
    assert!(after.node(boundary).is_none());
    assert_eq!(after.flows.len(), p.flows.len() - 3);
}

#[test]
fn moving_a_node_into_another_lane_changes_its_workflow() {
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").clone();
    let hr = p.lanes_in_order()[0].id;
    let bounds = Bounds {
        x: 10.0,
        y: 20.0,
        w: 140.0,
        h: 64.0,
    };
    let patch = execute(
        &p,
        Command::MoveNode {
            node: laptop.id,
            lane: hr,
            bounds,
        },
    )
    .unwrap();
    // Its boundary timer moves along, into the same lane.
    let boundary = p
        .boundaries(laptop.id)
        .next()
        .expect("the equipment escalation")
        .id;
    let keys: Vec<Key> = patch.changes.iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            Key::Node(laptop.id),
            Key::NodeBounds(laptop.id),
            Key::Node(boundary),
            Key::NodeBounds(boundary)
        ]
    );
    let after = apply(&p, &patch).unwrap();
    assert_eq!(after.node(laptop.id).unwrap().lane, hr);
}

#[test]
fn commands_on_missing_elements_are_refused() {
    let p = onboarding();
    let ghost = fresh(99);
    assert_eq!(
        execute(&p, Command::RemoveNode { node: ghost }),
        Err(EditError::UnknownNode(ghost))
    );
    assert_eq!(
        execute(&p, Command::RemoveLane { lane: ghost }),
        Err(EditError::UnknownLane(ghost))
    );
    let flow = Flow::between(fresh(5), ghost, p.nodes[0].id);
    assert_eq!(
        execute(&p, Command::AddFlow { flow }),
        Err(EditError::UnknownNode(ghost))
    );
    let existing = p.nodes[0].clone();
    let bounds = Bounds {
        x: 0.0,
        y: 0.0,
        w: 1.0,
        h: 1.0,
    };
    assert_eq!(
        execute(
            &p,
            Command::AddNode {
                node: existing.clone(),
                bounds
            }
        ),
        Err(EditError::DuplicateId(existing.id))
    );
}

#[test]
fn a_stale_patch_is_refused_whole() {
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").clone();
    let rename = execute(
        &p,
        Command::UpdateNode {
            node: Node {
                name: "A".into(),
                ..laptop.clone()
            },
        },
    )
    .unwrap();
    let other = execute(
        &p,
        Command::UpdateNode {
            node: Node {
                name: "B".into(),
                ..laptop
            },
        },
    )
    .unwrap();
    let renamed = apply(&p, &rename).unwrap();
    assert!(matches!(
        apply(&renamed, &other),
        Err(EditError::Conflict(_))
    ));
}

#[test]
fn undo_and_redo_walk_the_gestures() {
    let mut p = onboarding();
    let original = canonical::hash(&p);
    let mut history = History::default();
    let mut hashes = vec![original.clone()];
    for (_, command) in commands(&p).into_iter().take(3) {
        let patch = execute(&p, command).unwrap();
        p = apply(&p, &patch).unwrap();
        history.record(patch);
        hashes.push(canonical::hash(&p));
    }
    for expected in hashes.iter().rev().skip(1) {
        history.undo(&mut p).unwrap().unwrap();
        assert_eq!(&canonical::hash(&p), expected);
    }
    assert!(history.undo(&mut p).is_none());
    for expected in hashes.iter().skip(1) {
        history.redo(&mut p).unwrap().unwrap();
        assert_eq!(&canonical::hash(&p), expected);
    }
    assert!(!history.can_redo());
}

#[test]
fn a_lane_order_must_name_every_lane_once() {
    let p = onboarding();
    let mut lanes: Vec<_> = p.lanes.iter().map(|l| l.id).collect();
    lanes.pop();
    let expected = p.lanes.len();
    assert_eq!(
        execute(
            &p,
            Command::ReorderLanes {
                lanes: lanes.clone()
            }
        ),
        Err(EditError::LaneOrder { expected })
    );
    lanes.push(lanes[0]);
    assert_eq!(
        execute(&p, Command::ReorderLanes { lanes }),
        Err(EditError::LaneOrder { expected })
    );
}

#[test]
fn reordering_lanes_moves_the_workflows_and_undoes_in_one_step() {
    let p = onboarding();
    let order: Vec<_> = p.lanes_in_order().iter().map(|l| l.id).collect();
    let mut swapped = order.clone();
    swapped.swap(0, 1);
    let patch = execute(
        &p,
        Command::ReorderLanes {
            lanes: swapped.clone(),
        },
    )
    .unwrap();
    let after = apply(&p, &patch).unwrap();
    let now: Vec<_> = after.lanes_in_order().iter().map(|l| l.id).collect();
    assert_eq!(now, swapped);
    let mut history = History::default();
    history.record(patch);
    let mut undone = after;
    history.undo(&mut undone).unwrap().unwrap();
    assert_eq!(canonical::to_bytes(&undone), canonical::to_bytes(&p));
}

#[test]
fn a_patch_refused_part_way_leaves_the_process_as_it_was() {
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").id;
    let mut patch = execute(&p, Command::RemoveNode { node: laptop }).unwrap();
    // The process has its info; a change expecting none is stale.
    patch.changes.push(Change {
        key: Key::Info,
        before: None,
        after: None,
    });
    let mut copy = p.clone();
    assert_eq!(
        apply_in_place(&mut copy, &patch),
        Err(EditError::Conflict(Key::Info))
    );
    assert_eq!(canonical::to_bytes(&copy), canonical::to_bytes(&p));
}

#[test]
fn a_patch_that_changes_a_record_twice_applies_in_place_as_one_after_the_other() {
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").clone();
    let mut renamed = laptop.clone();
    renamed.name = "Order laptop".into();
    let first = execute(
        &p,
        Command::UpdateNode {
            node: renamed.clone(),
        },
    )
    .unwrap();
    let between = apply(&p, &first).unwrap();
    renamed.name = "Order laptop and phone".into();
    let second = execute(&between, Command::UpdateNode { node: renamed }).unwrap();
    let mut both = first.clone();
    both.changes.extend(second.changes.iter().cloned());
    let mut in_place = p.clone();
    apply_in_place(&mut in_place, &both).unwrap();
    let one_after_the_other = apply(&between, &second).unwrap();
    assert_eq!(
        canonical::to_bytes(&in_place),
        canonical::to_bytes(&one_after_the_other)
    );
    // Undone as one, it is the process it started from.
    apply_in_place(&mut in_place, &invert(&both)).unwrap();
    assert_eq!(canonical::to_bytes(&in_place), canonical::to_bytes(&p));
}

#[test]
fn a_batch_that_fails_part_way_changes_nothing() {
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").id;
    let result = execute(
        &p,
        Command::Batch {
            commands: vec![
                Command::RemoveNode { node: laptop },
                Command::RemoveNode { node: laptop },
            ],
        },
    );
    assert_eq!(result, Err(EditError::UnknownNode(laptop)));
}

#[test]
fn deleting_flows_then_their_steps_then_their_lane_is_one_batch() {
    // The editor deletes a mixed selection in this order, so no removal names what an earlier
    // one already took with it.
    let p = onboarding();
    let laptop = named(&p, "Prepare laptop and equipment").clone();
    let flow = p.flows.iter().find(|f| f.source == laptop.id).unwrap().id;
    let patch = execute(
        &p,
        Command::Batch {
            commands: vec![
                Command::RemoveFlow { flow },
                Command::RemoveNode { node: laptop.id },
                Command::RemoveLane { lane: laptop.lane },
            ],
        },
    )
    .unwrap();
    let after = apply(&p, &patch).unwrap();
    assert!(after.lane(laptop.lane).is_none());
    assert!(after.nodes.iter().all(|n| n.lane != laptop.lane));
    let restored = apply(&after, &invert(&patch)).unwrap();
    assert_eq!(canonical::to_bytes(&restored), canonical::to_bytes(&p));
}

#[test]
fn a_condition_declares_the_variables_it_reads_in_the_same_undo_step() {
    let p = onboarding();
    let flow = p.flows[0].clone();
    let typed = Flow {
        condition: Some("order_total > 5000 && rush".into()),
        ..flow.clone()
    };
    let patch = execute(&p, Command::UpdateFlow { flow: typed }).unwrap();
    let after = apply(&p, &patch).unwrap();
    let declared: Vec<_> = after
        .info
        .variables
        .iter()
        .filter(|v| p.info.variables.iter().all(|old| old.name != v.name))
        .map(|v| (v.name.as_str(), v.var_type))
        .collect();
    assert_eq!(
        declared,
        [("order_total", VarType::Number), ("rush", VarType::Boolean)]
    );
    let undone = apply(&after, &invert(&patch)).unwrap();
    assert_eq!(canonical::to_bytes(&undone), canonical::to_bytes(&p));

    // A variable already declared keeps its type, whatever the next condition implies.
    let retyped = Flow {
        condition: Some("rush == 'yes'".into()),
        ..flow
    };
    let patch = execute(&after, Command::UpdateFlow { flow: retyped }).unwrap();
    let again = apply(&after, &patch).unwrap();
    assert_eq!(again.info.variables, after.info.variables);
}

#[test]
fn a_conditional_event_declares_what_its_condition_reads() {
    let p = onboarding();
    let mut node = named(&p, "Prepare laptop and equipment").clone();
    node.kind = NodeKind::Catch {
        trigger: flowlane::model::Trigger::Conditional {
            condition: "stock_level < 3".into(),
        },
    };
    let patch = execute(&p, Command::UpdateNode { node }).unwrap();
    let after = apply(&p, &patch).unwrap();
    let stock = after
        .info
        .variables
        .iter()
        .find(|v| v.name == "stock_level");
    assert_eq!(stock.map(|v| v.var_type), Some(VarType::Number));
}
