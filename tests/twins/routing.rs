//! Flow routing (`src/export/diagram/routing.rs`, `ui/src/canvas/routing.ts`): one pair of
//! endpoints per case, with the shapes a route should avoid and the modeller's bend points if
//! any. The samples' flows as their scenes place them, then shapes placed all around a box.

use std::collections::HashMap;

use flowlane::export::diagram::build_scene;
use flowlane::export::diagram::geometry::{bounds_of_points, inflate, intersects};
use flowlane::export::diagram::routing::{route_orthogonal, route_through, Endpoint, Outline};
use flowlane::model::{Bounds, Point};
use serde_json::{json, Value};

use crate::fixture::{self, points, rect};
use crate::scene::processes;

/// Routes keep this far from shapes they pass (`flows.rs`).
const CLEARANCE: f64 = 4.0;

struct Case {
    source: Endpoint,
    target: Endpoint,
    obstacles: Vec<Bounds>,
    bends: Vec<Point>,
}

/// A shape at (x, y) of size (w, h) that neither splits nor joins.
fn endpoint(x: f64, y: f64, w: f64, h: f64, outline: Outline) -> Endpoint {
    let (splits, joins) = (false, false);
    let rect = Bounds { x, y, w, h };
    Endpoint {
        rect,
        outline,
        splits,
        joins,
    }
}

fn crossings(route: &[Point], obstacles: &[Bounds]) -> usize {
    obstacles
        .iter()
        .filter(|o| {
            route
                .windows(2)
                .any(|pair| intersects(o, &bounds_of_points(pair)))
        })
        .count()
}

fn route(case: &Case) -> Vec<Point> {
    if case.bends.is_empty() {
        route_orthogonal(&case.source, &case.target, &|r| {
            crossings(r, &case.obstacles)
        })
    } else {
        route_through(&case.source, &case.target, &case.bends)
    }
}

fn sample_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (_, process) in processes() {
        let scene = build_scene(&process);
        let mut outgoing: HashMap<_, usize> = HashMap::new();
        let mut incoming: HashMap<_, usize> = HashMap::new();
        for f in &process.flows {
            *outgoing.entry(f.source).or_default() += 1;
            *incoming.entry(f.target).or_default() += 1;
        }
        let end = |i: usize| {
            let n = &scene.nodes[i];
            Endpoint {
                rect: n.rect,
                outline: n.outline,
                splits: outgoing.get(&n.id).copied().unwrap_or(0) > 1,
                joins: incoming.get(&n.id).copied().unwrap_or(0) > 1,
            }
        };
        for flow in &process.flows {
            let find = |id| scene.nodes.iter().position(|n| n.id == id);
            let (Some(s), Some(t)) = (find(flow.source), find(flow.target)) else {
                continue;
            };
            let obstacles = (0..scene.nodes.len())
                .filter(|&i| i != s && i != t)
                .map(|i| inflate(&scene.nodes[i].rect, CLEARANCE))
                .collect();
            let bends = process.layout.bends(flow.id);
            cases.push(Case {
                source: end(s),
                target: end(t),
                obstacles,
                bends,
            });
        }
    }
    cases
}

/// A box at (400, 400) joined to shapes on every side of it, near and far, of each outline, as
/// splits and joins, with a shape in the way of some; plus self loops and bend points.
fn synthetic_cases() -> Vec<Case> {
    const OUTLINES: [(Outline, Outline); 5] = [
        (Outline::Box, Outline::Box),
        (Outline::Diamond, Outline::Box),
        (Outline::Box, Outline::Diamond),
        (Outline::Circle, Outline::Circle),
        (Outline::Diamond, Outline::Diamond),
    ];
    let offsets = [-320.0, -130.5, -60.0, -4.0, 0.0, 7.25, 60.0, 150.0, 333.25];
    let mut cases = Vec::new();
    let mut i = 0usize;
    for dx in offsets {
        for dy in offsets {
            let (so, to) = OUTLINES[i % OUTLINES.len()];
            let mut source = endpoint(400.0, 400.0, 100.0, 60.0, so);
            let size = if to == Outline::Box {
                (140.0, 64.0)
            } else {
                (50.0, 50.0)
            };
            let mut target = endpoint(400.0 + dx * 1.5, 400.0 + dy, size.0, size.1, to);
            source.splits = i.is_multiple_of(2);
            target.joins = i.is_multiple_of(3);
            let obstacles = if i % 4 == 1 {
                vec![inflate(
                    &Bounds {
                        x: 420.0 + dx * 0.75,
                        y: 410.0 + dy / 2.0,
                        w: 36.0,
                        h: 36.0,
                    },
                    CLEARANCE,
                )]
            } else {
                Vec::new()
            };
            cases.push(Case {
                source,
                target,
                obstacles,
                bends: Vec::new(),
            });
            i += 1;
        }
    }
    let pt = |x, y| Point { x, y };
    let a = endpoint(0.0, 0.0, 100.0, 60.0, Outline::Box);
    let b = endpoint(300.0, 200.0, 50.0, 50.0, Outline::Diamond);
    let bend_lists = [
        vec![pt(200.0, 100.0)],
        vec![pt(50.0, -40.0), pt(325.0, -40.0)],
        vec![pt(100.0, 30.0), pt(325.0, 30.0)],
        vec![pt(-50.0, 30.0), pt(-50.0, 300.0), pt(325.0, 300.0)],
        vec![pt(50.0, 30.0)],
        vec![pt(400.0, 225.0)],
    ];
    for bends in bend_lists {
        cases.push(Case {
            source: a,
            target: b,
            obstacles: Vec::new(),
            bends: bends.clone(),
        });
        cases.push(Case {
            source: b,
            target: a,
            obstacles: Vec::new(),
            bends,
        });
    }
    for outline in [Outline::Box, Outline::Diamond, Outline::Circle] {
        let me = endpoint(10.0, 20.0, 80.0, 40.0, outline);
        cases.push(Case {
            source: me,
            target: me,
            obstacles: Vec::new(),
            bends: Vec::new(),
        });
        cases.push(Case {
            source: me,
            target: me,
            obstacles: Vec::new(),
            bends: vec![pt(50.0, -30.0), pt(120.0, -30.0), pt(120.0, 40.0)],
        });
    }
    cases
}

fn end_json(e: &Endpoint) -> Value {
    let outline = match e.outline {
        Outline::Box => "box",
        Outline::Diamond => "diamond",
        Outline::Circle => "circle",
    };
    json!({ "rect": rect(&e.rect), "outline": outline, "splits": e.splits, "joins": e.joins })
}

#[test]
fn routing_matches_its_fixture() {
    let cases = sample_cases()
        .into_iter()
        .chain(synthetic_cases())
        .map(|case| {
            json!({
                "source": end_json(&case.source),
                "target": end_json(&case.target),
                "obstacles": case.obstacles.iter().map(rect).collect::<Vec<_>>(),
                "bends": points(&case.bends),
                "expected": points(&route(&case)),
            })
        })
        .collect();
    fixture::check(
        "routing",
        "Flow routes between two endpoints as src/export/diagram/routing.rs draws them: \
         orthogonally around the obstacles (a route crossing one costs 100), or through the bend \
         points when there are any. ui/src/canvas/routing.ts must agree.",
        cases,
    );
}
