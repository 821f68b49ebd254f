//! Editing the BPMN constructs: boundary events ride on their host, a sub-process takes its
//! contents along, sequence flows stay inside their sub-process and pool, and pools, message
//! flows, artifacts and associations are added, changed and removed with what hangs on them.
//! Every patch inverts to the same bytes.

use flowlane::edit::{execute, Command, EditError, Key};
use flowlane::model::{
    Artifact, ArtifactKind, Association, Bounds, Direction, Flow, Id, MessageFlow, NodeKind, Pool,
    Process,
};

#[path = "edit_bpmn/fixture.rs"]
mod fixture;

use fixture::*;

#[test]
fn a_boundary_event_sits_on_its_hosts_border_in_its_lane_and_parent() {
    let p = process();
    let after = with_boundary(&p, 30, A);
    let boundary = after.node(id(30)).unwrap();
    assert_eq!(
        boundary.lane,
        id(LANE),
        "the host's lane, not the one asked for"
    );
    assert_eq!(boundary.parent, None);
    let host = bounds(&p, A);
    assert_eq!(centre(bounds(&after, 30)), (host.x + 48.0, host.y + host.h));

    let inside = with_boundary(&p, 31, DEEP);
    assert_eq!(inside.node(id(31)).unwrap().parent, Some(id(NESTED)));
}

#[test]
fn a_boundary_event_needs_an_activity_for_host() {
    let p = process();
    let on_gateway = Command::AddNode {
        node: node(30, LANE, timer(GATEWAY), None),
        bounds: Bounds::new(0.0, 0.0, 36.0, 36.0),
    };
    assert_eq!(
        execute(&p, on_gateway),
        Err(EditError::NotAnActivity(id(GATEWAY)))
    );
    let nowhere = Command::AddNode {
        node: node(30, LANE, timer(99), None),
        bounds: Bounds::new(0.0, 0.0, 36.0, 36.0),
    };
    assert_eq!(execute(&p, nowhere), Err(EditError::UnknownNode(id(99))));
}

#[test]
fn moving_a_host_moves_its_boundary_events_in_the_same_patch() {
    let p = with_boundary(&process(), 30, A);
    let before = bounds(&p, 30);
    let moved = Command::MoveNode {
        node: id(A),
        lane: id(OTHER_LANE),
        bounds: Bounds::new(160.0, 200.0, 120.0, 60.0),
    };
    let (after, patch) = run(&p, moved);
    assert!(patch
        .changes
        .iter()
        .any(|c| c.key == Key::NodeBounds(id(30))));
    assert_eq!(
        bounds(&after, 30),
        Bounds::new(before.x + 60.0, before.y + 160.0, 36.0, 36.0)
    );
    assert_eq!(after.node(id(30)).unwrap().lane, id(OTHER_LANE));
}

#[test]
fn a_boundary_event_dragged_away_stays_on_its_host() {
    let p = with_boundary(&process(), 30, A);
    let dragged = Command::MoveNode {
        node: id(30),
        lane: id(OTHER_LANE),
        bounds: Bounds::new(60.0, 60.0, 36.0, 36.0),
    };
    let (after, _) = run(&p, dragged);
    let host = bounds(&p, A);
    assert_eq!(
        centre(bounds(&after, 30)),
        (host.x, 78.0),
        "on the left edge"
    );
    assert_eq!(after.node(id(30)).unwrap().lane, id(LANE));
}

#[test]
fn removing_a_host_removes_its_boundary_events_and_their_flows() {
    let p = with_boundary(&process(), 30, A);
    let (p, _) = run(
        &p,
        Command::AddFlow {
            flow: Flow::between(id(40), id(30), id(GATEWAY)),
        },
    );
    let (after, _) = run(&p, Command::RemoveNode { node: id(A) });
    assert!(after.node(id(30)).is_none());
    assert!(after.flow(id(40)).is_none());
    assert!(after.flow(id(20)).is_none());
    assert!(!after.layout.nodes.contains_key(&id(30)));
}

#[test]
fn reattaching_a_boundary_event_moves_it_onto_the_new_host() {
    let p = with_boundary(&process(), 30, A);
    let mut boundary = p.node(id(30)).unwrap().clone();
    boundary.kind = timer(FOLDED);
    let (after, patch) = run(&p, Command::UpdateNode { node: boundary });
    assert!(patch
        .changes
        .iter()
        .any(|c| c.key == Key::NodeBounds(id(30))));
    assert_eq!(after.node(id(30)).unwrap().lane, id(OTHER_LANE));
    let host = bounds(&p, FOLDED);
    let (cx, cy) = centre(bounds(&after, 30));
    let on_edge = cx == host.x || cx == host.x + host.w || cy == host.y || cy == host.y + host.h;
    assert!(on_edge, "({cx}, {cy}) is not on {host:?}");
}

#[test]
fn removing_a_sub_process_removes_everything_inside_it() {
    let p = with_boundary(&process(), 30, DEEP);
    let note = Artifact {
        id: id(50),
        parent: Some(id(NESTED)),
        kind: ArtifactKind::Annotation {
            text: "Check twice".into(),
        },
    };
    let (p, _) = run(
        &p,
        Command::AddArtifact {
            artifact: note,
            bounds: Bounds::new(700.0, 250.0, 80.0, 30.0),
        },
    );
    let (p, _) = run(
        &p,
        Command::AddFlow {
            flow: Flow::between(id(41), id(INSIDE), id(NESTED)),
        },
    );
    let (after, _) = run(&p, Command::RemoveNode { node: id(SUB) });
    for gone in [SUB, INSIDE, NESTED, DEEP, 30] {
        assert!(after.node(id(gone)).is_none(), "node {gone} is still there");
    }
    assert!(after.flow(id(41)).is_none());
    assert!(after.artifacts.is_empty());
    assert!(after.node(id(A)).is_some() && after.node(id(ON_PLANE)).is_some());
}

#[test]
fn moving_an_expanded_sub_process_moves_its_contents_but_a_collapsed_ones_stay() {
    let p = with_boundary(&process(), 30, DEEP);
    let moved = Command::MoveNode {
        node: id(SUB),
        lane: id(LANE),
        bounds: Bounds::new(550.0, 30.0, 400.0, 300.0),
    };
    let (after, _) = run(&p, moved);
    for n in [INSIDE, NESTED, DEEP, 30] {
        let (b, a) = (bounds(&p, n), bounds(&after, n));
        assert_eq!((a.x - b.x, a.y - b.y), (50.0, 10.0), "node {n}");
    }
    let folded = Command::MoveNode {
        node: id(FOLDED),
        lane: id(LANE),
        bounds: Bounds::new(100.0, 340.0, 120.0, 80.0),
    };
    let (after, _) = run(&p, folded);
    assert_eq!(bounds(&after, ON_PLANE), bounds(&p, ON_PLANE));
    assert_eq!(
        after.node(id(ON_PLANE)).unwrap().lane,
        id(LANE),
        "inside shares its lane"
    );
}

#[test]
fn dropping_a_node_inside_an_expanded_sub_process_puts_it_in_and_dragging_it_out_takes_it_out() {
    let p = process();
    let into = Command::MoveNode {
        node: id(B),
        lane: id(LANE),
        bounds: Bounds::new(690.0, 230.0, 120.0, 60.0),
    };
    let (inside, _) = run(&p, into);
    assert_eq!(
        inside.node(id(B)).unwrap().parent,
        Some(id(NESTED)),
        "the innermost one"
    );
    assert!(
        inside.flow(id(20)).is_none(),
        "A → B would cross the border"
    );
    let out = Command::MoveNode {
        node: id(B),
        lane: id(OTHER_LANE),
        bounds: Bounds::new(400.0, 40.0, 120.0, 60.0),
    };
    let (outside, _) = run(&inside, out);
    assert_eq!(outside.node(id(B)).unwrap().parent, None);
    assert_eq!(outside.node(id(B)).unwrap().lane, id(OTHER_LANE));

    let added = Command::AddNode {
        node: node(60, LANE, NodeKind::task("Clerk"), None),
        bounds: Bounds::new(530.0, 200.0, 100.0, 60.0),
    };
    let (with_new, _) = run(&p, added);
    assert_eq!(with_new.node(id(60)).unwrap().parent, Some(id(SUB)));
}

#[test]
fn a_node_on_a_collapsed_plane_stays_inside_when_moved() {
    let p = process();
    let moved = Command::MoveNode {
        node: id(ON_PLANE),
        lane: id(LANE),
        bounds: Bounds::new(300.0, 200.0, 100.0, 60.0),
    };
    let (after, _) = run(&p, moved);
    let n = after.node(id(ON_PLANE)).unwrap();
    assert_eq!((n.parent, n.lane), (Some(id(FOLDED)), id(OTHER_LANE)));
}

/// Process `p` with a partner pool (70) that holds the second lane.
fn with_supplier_pool(p: &Process) -> Process {
    let pool = Pool {
        id: id(70),
        name: "Supplier".into(),
        partner: true,
        order: 1,
    };
    let (p, _) = run(p, Command::AddPool { pool, height: None });
    let mut lane = p.lane(id(OTHER_LANE)).unwrap().clone();
    lane.pool = Some(id(70));
    run(&p, Command::UpdateLane { lane }).0
}

#[test]
fn a_sequence_flow_never_crosses_a_sub_process_or_pool_border() {
    let p = process();
    let across = Command::AddFlow {
        flow: Flow::between(id(40), id(A), id(INSIDE)),
    };
    assert_eq!(execute(&p, across), Err(EditError::CrossesSubProcess));
    let p = with_supplier_pool(&p);
    let between_pools = Command::AddFlow {
        flow: Flow::between(id(40), id(A), id(FOLDED)),
    };
    assert_eq!(execute(&p, between_pools), Err(EditError::CrossesPool));
}

fn message(n: u128, source: Id, target: Id) -> MessageFlow {
    MessageFlow {
        id: id(n),
        source,
        target,
        name: "Order".into(),
    }
}

#[test]
fn pools_and_message_flows_are_added_changed_and_removed_with_what_hangs_on_them() {
    let p = process();
    let pool = Pool {
        id: id(70),
        name: "Customer".into(),
        partner: true,
        order: 1,
    };
    let (p, _) = run(
        &p,
        Command::AddPool {
            pool: pool.clone(),
            height: Some(120.0),
        },
    );
    assert_eq!(p.layout.pools[&id(70)], 120.0);
    let renamed = Pool {
        name: "Client".into(),
        ..pool
    };
    let (p, _) = run(&p, Command::UpdatePool { pool: renamed });
    let (p, _) = run(
        &p,
        Command::AddMessage {
            message: message(71, id(A), id(70)),
        },
    );
    let (p, _) = run(
        &p,
        Command::AddMessage {
            message: message(72, id(70), id(B)),
        },
    );
    let within = Command::AddMessage {
        message: message(73, id(A), id(B)),
    };
    assert_eq!(execute(&p, within), Err(EditError::MessageWithinPool));
    let named = MessageFlow {
        name: "Invoice".into(),
        ..message(71, id(A), id(70))
    };
    let (p, _) = run(&p, Command::UpdateMessage { message: named });
    let first = p.messages.iter().find(|m| m.id == id(71)).unwrap();
    assert_eq!(first.name, "Invoice");

    let (no_a, _) = run(&p, Command::RemoveNode { node: id(A) });
    assert_eq!(
        no_a.messages.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![id(72)]
    );
    let (no_pool, _) = run(&p, Command::RemovePool { pool: id(70) });
    assert!(no_pool.messages.is_empty() && no_pool.pools.is_empty());
    assert!(no_pool.layout.pools.is_empty());
    let (no_message, _) = run(&p, Command::RemoveMessage { message: id(72) });
    assert_eq!(no_message.messages.len(), 1);
}

#[test]
fn removing_a_pool_removes_its_lanes_and_their_nodes() {
    let p = process();
    let p = with_supplier_pool(&p);
    let (after, _) = run(&p, Command::RemovePool { pool: id(70) });
    assert!(after.lane(id(OTHER_LANE)).is_none());
    assert!(after.node(id(FOLDED)).is_none() && after.node(id(ON_PLANE)).is_none());
}

#[test]
fn artifacts_and_associations_are_added_changed_and_removed() {
    let p = process();
    let data = Artifact {
        id: id(80),
        parent: None,
        kind: ArtifactKind::DataObject {
            name: "Invoice".into(),
            collection: false,
        },
    };
    let (p, _) = run(
        &p,
        Command::AddArtifact {
            artifact: data.clone(),
            bounds: Bounds::new(120.0, 150.0, 36.0, 50.0),
        },
    );
    let reads = Association {
        id: id(81),
        source: id(80),
        target: id(A),
        direction: Direction::One,
    };
    let (p, _) = run(
        &p,
        Command::AddAssociation {
            association: reads.clone(),
        },
    );
    let listed = Artifact {
        kind: ArtifactKind::DataObject {
            name: "Invoices".into(),
            collection: true,
        },
        ..data
    };
    let (p, _) = run(&p, Command::UpdateArtifact { artifact: listed });
    let (p, _) = run(
        &p,
        Command::MoveArtifact {
            artifact: id(80),
            bounds: Bounds::new(140.0, 150.0, 36.0, 50.0),
        },
    );
    let both = Association {
        direction: Direction::Both,
        ..reads
    };
    let (p, _) = run(&p, Command::UpdateAssociation { association: both });
    let dangling = Association {
        id: id(82),
        source: id(80),
        target: id(99),
        direction: Direction::None,
    };
    assert_eq!(
        execute(
            &p,
            Command::AddAssociation {
                association: dangling
            }
        ),
        Err(EditError::UnknownEnd(id(99)))
    );

    let (no_task, _) = run(&p, Command::RemoveNode { node: id(A) });
    assert!(no_task.associations.is_empty() && no_task.artifacts.len() == 1);
    let (no_data, _) = run(&p, Command::RemoveArtifact { artifact: id(80) });
    assert!(no_data.associations.is_empty() && no_data.layout.artifacts.is_empty());
    let (no_line, _) = run(
        &p,
        Command::RemoveAssociation {
            association: id(81),
        },
    );
    assert!(no_line.associations.is_empty() && no_line.artifacts.len() == 1);
}

#[test]
fn ids_are_unique_across_every_kind_of_element() {
    let p = process();
    let pool = Pool {
        id: id(A),
        name: "Clash".into(),
        partner: true,
        order: 1,
    };
    assert_eq!(
        execute(&p, Command::AddPool { pool, height: None }),
        Err(EditError::DuplicateId(id(A)))
    );
}
