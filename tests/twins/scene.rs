//! The geometry of a whole process (`src/export/diagram/mod.rs`, `ui/src/canvas/scene.ts`):
//! lane bands (their width follows the text, so only their height and place), node boxes, every flow's route, arrowhead and default slash, and where each
//! caption is anchored. Flow-text placement and box sizes that depend on measured text are not
//! in it: the core measures wrapped text with DejaVu widths, the canvas estimates before it can
//! measure (see `wrap.rs` for what is pinned of text).

use flowlane::export::diagram::{build_scene, Align, Grow, Outline};
use flowlane::model::{Flow, Process};
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
    let path = format!("{}/samples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the samples ship with the repository");
    serde_json::from_str(&text).expect("the samples are valid process JSON")
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
    all
}

fn outline(o: Outline) -> &'static str {
    match o {
        Outline::Box => "box",
        Outline::Diamond => "diamond",
        Outline::Circle => "circle",
    }
}

fn digest(process: &Process) -> Value {
    let scene = build_scene(process);
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
                let align = match c.align {
                    Align::Left => "left",
                    Align::Right => "right",
                    Align::Center => "center",
                };
                let grow = if c.grow == Grow::Up { "up" } else { "down" };
                json!({ "x": num(c.x), "y": num(c.y), "align": align, "grow": grow })
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
    json!({ "lanes": lanes, "nodes": nodes, "flows": flows })
}

#[test]
fn scene_geometry_matches_its_fixture() {
    let cases = processes()
        .into_iter()
        .map(|(name, process)| {
            let input = if name.starts_with("samples/") {
                json!({ "sample": name })
            } else {
                json!({ "process": process })
            };
            json!({ "name": name, "input": input, "expected": digest(&process) })
        })
        .collect();
    fixture::check(
        "scene",
        "Scene geometry of processes (a sample file, or a process given inline) as \
         src/export/diagram/mod.rs lays them out: lane bands, node boxes and outlines, flow routes, \
         arrowheads, default slashes and caption anchors. ui/src/canvas/scene.ts must agree.",
        cases,
    );
}
