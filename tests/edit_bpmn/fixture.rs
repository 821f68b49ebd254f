//! The process the BPMN editing tests start from, and running a command on it (checking that
//! the patch inverts to the same bytes).

#![allow(dead_code)]

use flowlane::canonical;
use flowlane::edit::{apply, execute, invert, Command, Patch};
use flowlane::model::{Bounds, Flow, Id, Lane, Node, NodeKind, Process, SubProcessKind, Trigger};
use uuid::Uuid;

pub fn id(n: u128) -> Id {
    Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)
}

pub const LANE: u128 = 1;
pub const OTHER_LANE: u128 = 2;
pub const A: u128 = 10;
pub const B: u128 = 11;
pub const SUB: u128 = 12;
pub const INSIDE: u128 = 13;
pub const NESTED: u128 = 14;
pub const DEEP: u128 = 15;
pub const FOLDED: u128 = 16;
pub const ON_PLANE: u128 = 17;
pub const GATEWAY: u128 = 18;

pub fn node(n: u128, lane: u128, kind: NodeKind, parent: Option<u128>) -> Node {
    Node {
        id: id(n),
        lane: id(lane),
        name: format!("Node {n}"),
        kind,
        parent: parent.map(id),
    }
}

pub fn sub(expanded: bool) -> NodeKind {
    NodeKind::SubProcess {
        sub: SubProcessKind::Embedded,
        expanded,
        repeat: None,
    }
}

pub fn timer(host: u128) -> NodeKind {
    NodeKind::Boundary {
        host: id(host),
        trigger: Trigger::after("P3D"),
        interrupting: true,
    }
}

/// Two lanes; tasks A → B; an expanded sub-process (with a task and a nested expanded
/// sub-process holding one more task); a collapsed sub-process with a task on its own plane.
pub fn process() -> Process {
    let mut p = Process::new(id(0), "Edit BPMN");
    for (n, order) in [(LANE, 0), (OTHER_LANE, 1)] {
        p.lanes.push(Lane {
            id: id(n),
            name: format!("Lane {n}"),
            team: String::new(),
            trigger: String::new(),
            output: String::new(),
            order,
            pool: None,
        });
        p.layout.lanes.insert(id(n), 400.0);
    }
    let nodes = [
        (
            node(A, LANE, NodeKind::task("Clerk"), None),
            (100.0, 40.0, 120.0, 60.0),
        ),
        (
            node(B, LANE, NodeKind::task("Clerk"), None),
            (300.0, 40.0, 120.0, 60.0),
        ),
        (
            node(SUB, LANE, sub(true), None),
            (500.0, 20.0, 400.0, 300.0),
        ),
        (
            node(INSIDE, LANE, NodeKind::task("Clerk"), Some(SUB)),
            (520.0, 40.0, 100.0, 60.0),
        ),
        (
            node(NESTED, LANE, sub(true), Some(SUB)),
            (650.0, 120.0, 220.0, 180.0),
        ),
        (
            node(DEEP, LANE, NodeKind::task("Clerk"), Some(NESTED)),
            (680.0, 150.0, 100.0, 60.0),
        ),
        (
            node(FOLDED, OTHER_LANE, sub(false), None),
            (100.0, 40.0, 120.0, 80.0),
        ),
        (
            node(ON_PLANE, OTHER_LANE, NodeKind::task("Clerk"), Some(FOLDED)),
            (50.0, 50.0, 100.0, 60.0),
        ),
        (
            node(
                GATEWAY,
                LANE,
                NodeKind::gateway(flowlane::model::GatewayKind::Exclusive),
                None,
            ),
            (1000.0, 40.0, 50.0, 50.0),
        ),
    ];
    for (n, (x, y, w, h)) in nodes {
        p.layout.nodes.insert(n.id, Bounds::new(x, y, w, h));
        p.nodes.push(n);
    }
    p.flows.push(Flow::between(id(20), id(A), id(B)));
    p
}

pub fn run(p: &Process, command: Command) -> (Process, Patch) {
    let patch = execute(p, command).unwrap_or_else(|e| panic!("refused: {e}"));
    let after = apply(p, &patch).expect("a fresh patch applies");
    let restored = apply(&after, &invert(&patch)).expect("its inverse applies");
    assert_eq!(
        canonical::to_bytes(&restored),
        canonical::to_bytes(p),
        "undo did not restore the same bytes"
    );
    (after, patch)
}

pub fn bounds(p: &Process, n: u128) -> Bounds {
    p.layout.nodes[&id(n)]
}

pub fn centre(b: Bounds) -> (f64, f64) {
    (b.x + b.w / 2.0, b.y + b.h / 2.0)
}

/// Process `p` with a boundary timer (`n`) dropped near the lower edge of `host`.
pub fn with_boundary(p: &Process, n: u128, host: u128) -> Process {
    let h = bounds(p, host);
    let near_bottom = Bounds::new(h.x + 30.0, h.y + h.h - 10.0, 36.0, 36.0);
    let command = Command::AddNode {
        node: node(n, OTHER_LANE, timer(host), None),
        bounds: near_bottom,
    };
    run(p, command).0
}
