//! The geometry of a whole process (`src/export/diagram/mod.rs`, `ui/src/canvas/scene.ts`):
//! lane bands (their width follows the text, so only their height and place), node boxes, every flow's route, arrowhead and default slash, and where each
//! caption is anchored. Flow-text placement and box sizes that depend on measured text are not
//! in it: the core measures wrapped text with DejaVu widths, the canvas estimates before it can
//! measure (see `wrap.rs` for what is pinned of text).

use flowlane::export::diagram::{build_plane, Align, Grow, Outline};
use flowlane::model::{Direction, Flow, Id, NodeKind, Point, Process};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::fixture::{self, num, points, rect};

pub const SAMPLES: [&str; 4] = [
    "accounts-payable.v1",
    "accounts-payable.v2",
    "contract-review",
    "employee-onboarding",
];

pub fn sample(name: &str) -> Process {
    read(&format!("samples/{name}.json"))
}

/// A process file of the repository, by its path from the root.
fn read(path: &str) -> Process {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the samples ship with the repository");
    serde_json::from_str(&text).expect("the samples are valid process JSON")
}

/// Every BPMN construct the canvas draws: pools (one a black box), message flows to nodes and
/// pools, boundary events, an event-based gateway, expanded and collapsed sub-processes,
/// data objects and stores, a note and a group.
const NOTATION: &str = "ui/tests/fixtures/bpmn-notation.json";

/// The notation process with what its file lacks: boundary events without a box (two on one
/// host, spread along its bottom), a message flow through bend points, one between two pools,
/// an association both ways and an artifact without a box.
fn notation_edge_cases() -> Process {
    let mut p = read(NOTATION);
    let boundaries: Vec<(Id, Id)> = p
        .nodes
        .iter()
        .filter_map(|n| match n.kind {
            NodeKind::Boundary { host, .. } => Some((n.id, host)),
            _ => None,
        })
        .collect();
    let (first, host) = boundaries[0];
    p.layout.nodes.remove(&first);
    let mut second = p.node(first).expect("listed above").clone();
    second.id = uuid::Uuid::from_u128(0xB0_0001);
    second.kind = NodeKind::Boundary {
        host,
        trigger: flowlane::model::Trigger::Cancel,
        interrupting: true,
    };
    p.nodes.push(second);
    let (mut bent, pools) = (p.messages[0].clone(), p.pools.clone());
    bent.id = uuid::Uuid::from_u128(0xB0_0002);
    p.layout.flows.insert(
        bent.id,
        vec![Point { x: 900.0, y: 40.0 }, Point { x: 900.0, y: 60.0 }],
    );
    let mut between = bent.clone();
    between.id = uuid::Uuid::from_u128(0xB0_0003);
    (between.source, between.target) = (pools[1].id, pools[0].id);
    p.messages.extend([bent, between]);
    p.associations[0].direction = Direction::Both;
    let last = p.artifacts.len() - 1;
    let unplaced = p.artifacts[last].id;
    p.layout.artifacts.remove(&unplaced);
    p
}

/// The collapsed sub-process of the notation process, whose own plane is drawn alone.
fn collapsed(p: &Process) -> Id {
    p.nodes
        .iter()
        .find(|n| {
            matches!(
                n.kind,
                NodeKind::SubProcess {
                    expanded: false,
                    ..
                }
            ) && p.children(Some(n.id)).next().is_some()
        })
        .map(|n| n.id)
        .expect("the notation process has a collapsed sub-process with contents")
}

/// Contract review with the shapes the samples lack: a self loop, back edges within and across
/// lanes, a flow through bend points, a default flow, a node the layout has no box for, and two
/// lanes of the same order.
pub fn edge_cases() -> Process {
    let mut p = sample("contract-review");
    let ids: Vec<_> = p.nodes.iter().map(|n| n.id).collect();
    let flow = |n: u128, source: Uuid, target: Uuid| -> Flow {
        let id = Uuid::from_u128(0xF1_0000 + n);
        serde_json::from_value(json!({ "id": id, "source": source, "target": target }))
            .expect("a flow needs only its id and ends")
    };
    let (first, last, middle) = (ids[1], ids[ids.len() - 2], ids[ids.len() / 2]);
    let mut self_loop = flow(1, middle, middle);
    self_loop.label = "retry once more".into();
    let mut back = flow(2, last, first);
    back.condition = Some("amount > 10000".into());
    let mut default = flow(3, first, last);
    default.default = true;
    let bent = flow(4, ids[0], last);
    p.layout.flows.insert(
        bent.id,
        vec![
            flowlane::model::Point { x: 330.0, y: -40.0 },
            flowlane::model::Point { x: 900.0, y: -40.0 },
        ],
    );
    let back_in_lane = flow(5, ids[3], ids[2]);
    p.flows
        .extend([self_loop, back, default, bent, back_in_lane]);
    p.layout.nodes.remove(&ids[ids.len() / 3]);
    if p.lanes.len() > 1 {
        let order = p.lanes[0].order;
        p.lanes[1].order = order;
    }
    p
}

pub fn processes() -> Vec<(String, Process)> {
    let mut all: Vec<(String, Process)> = SAMPLES
        .iter()
        .map(|name| (format!("samples/{name}.json"), sample(name)))
        .collect();
    all.push(("edge-cases".into(), edge_cases()));
    all.push((NOTATION.into(), read(NOTATION)));
    all.push(("notation-edge-cases".into(), notation_edge_cases()));
    all
}

fn outline(o: Outline) -> &'static str {
    match o {
        Outline::Box => "box",
        Outline::Diamond => "diamond",
        Outline::Circle => "circle",
    }
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Right => "right",
        Align::Center => "center",
    }
}

fn grow(g: Grow) -> &'static str {
    if g == Grow::Up {
        "up"
    } else {
        "down"
    }
}

fn digest(process: &Process, plane: Option<Id>) -> Value {
    let scene = build_plane(process, plane);
    let line = |f: &flowlane::export::diagram::FlowShape| {
        let text = f.texts.first().map(|t| json!({ "x": num(t.x), "y": num(t.y), "align": align(t.align), "grow": grow(t.grow) }));
        json!({ "id": f.id, "points": points(&f.points), "arrow": points(&f.arrow), "text": text })
    };
    let pools: Vec<Value> = scene
        .pools
        .iter()
        .map(|p| json!({ "id": p.id, "y": num(p.rect.y), "h": num(p.rect.h), "header": rect(&p.header), "blackBox": p.black_box }))
        .collect();
    let artifacts: Vec<Value> = scene
        .artifacts
        .iter()
        .map(|a| json!({ "id": a.id, "rect": rect(&a.rect) }))
        .collect();
    let associations: Vec<Value> = scene
        .associations
        .iter()
        .map(|a| {
            let arrows: Vec<Value> = a.arrows.iter().map(|h| points(h)).collect();
            json!({ "id": a.id, "points": points(&a.points), "arrows": arrows })
        })
        .collect();
    let lanes: Vec<Value> = scene
        .lanes
        .iter()
        .map(|l| json!({ "id": l.id, "y": num(l.rect.y), "h": num(l.rect.h), "header": rect(&l.header), "index": l.index }))
        .collect();
    let nodes: Vec<Value> = scene
        .nodes
        .iter()
        .map(|n| {
            let caption = n.caption.as_ref().map(|c| {
                json!({ "x": num(c.x), "y": num(c.y), "align": align(c.align), "grow": grow(c.grow) })
            });
            json!({ "id": n.id, "rect": rect(&n.rect), "outline": outline(n.outline), "caption": caption })
        })
        .collect();
    let flows: Vec<Value> = scene
        .flows
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "points": points(&f.points),
                "arrow": points(&f.arrow),
                "defaultMarker": f.default_marker.as_ref().map(|m| points(m)),
            })
        })
        .collect();
    let messages: Vec<Value> = scene.messages.iter().map(line).collect();
    json!({
        "pools": pools,
        "lanes": lanes,
        "nodes": nodes,
        "flows": flows,
        "messages": messages,
        "artifacts": artifacts,
        "associations": associations,
    })
}

#[test]
fn scene_geometry_matches_its_fixture() {
    let mut cases: Vec<Value> = processes()
        .into_iter()
        .map(|(name, process)| {
            let input = if name.ends_with(".json") {
                json!({ "sample": name })
            } else {
                json!({ "process": process })
            };
            json!({ "name": name, "input": input, "expected": digest(&process, None) })
        })
        .collect();
    let notation = read(NOTATION);
    let plane = collapsed(&notation);
    cases.push(json!({
        "name": "collapsed sub-process plane",
        "input": { "sample": NOTATION, "plane": plane },
        "expected": digest(&notation, Some(plane)),
    }));
    fixture::check(
        "scene",
        "Scene geometry of processes (a sample file, or a process given inline) as \
         src/export/diagram/mod.rs lays them out (the process level, or the plane a sub-process \
         opens on): pool and lane bands, node boxes and outlines (boundary events on their host's \
         border), flow routes, arrowheads, default slashes, caption anchors, message flows, \
         artifact boxes and associations. ui/src/canvas/scene.ts must agree.",
        cases,
    );
}
