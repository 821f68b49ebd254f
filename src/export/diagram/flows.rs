//! Every flow routed between its nodes' borders, with its arrowhead and default-flow slash
//! (`ui/src/canvas/flowShapes.ts`).

use std::collections::HashMap;

use super::geometry::{bounds_of_points, inflate};
use super::grid::Grid;
use super::labels::FlowText;
use super::routing::{route_orthogonal, route_through, Endpoint};
use super::NodeShape;
use crate::model::{Bounds, Flow, Id, Point};

pub const ARROW_LENGTH: f64 = 10.0;
pub const ARROW_HALF_WIDTH: f64 = 4.5;
/// Routes keep this far from shapes they pass.
const OBSTACLE_CLEARANCE: f64 = 4.0;

#[derive(Clone, Debug)]
pub struct FlowShape {
    pub id: Id,
    pub source: Id,
    pub target: Id,
    pub points: Vec<Point>,
    /// Tip, then the two back corners.
    pub arrow: [Point; 3],
    /// The BPMN default-flow slash across the first segment.
    pub default_marker: Option<[Point; 2]>,
    pub texts: Vec<FlowText>,
    pub bbox: Bounds,
}

/// Routes every flow: through the modeller's bend points when the layout has them, otherwise
/// orthogonally around the other shapes. Flows naming a missing node are left out.
pub fn route_flows(
    flows: &[Flow],
    nodes: &[NodeShape],
    bends: &std::collections::BTreeMap<Id, Vec<Point>>,
) -> Vec<FlowShape> {
    let by_id: HashMap<Id, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut outgoing: HashMap<Id, usize> = HashMap::new();
    let mut incoming: HashMap<Id, usize> = HashMap::new();
    for flow in flows {
        *outgoing.entry(flow.source).or_default() += 1;
        *incoming.entry(flow.target).or_default() += 1;
    }
    let endpoint = |node: &NodeShape| Endpoint {
        rect: node.rect,
        outline: node.outline,
        splits: outgoing.get(&node.id).copied().unwrap_or(0) > 1,
        joins: incoming.get(&node.id).copied().unwrap_or(0) > 1,
    };
    let mut obstacles = Grid::default();
    for n in nodes {
        obstacles.insert(inflate(&n.rect, OBSTACLE_CLEARANCE));
    }

    let mut shapes = Vec::new();
    for flow in flows {
        let (Some(&s), Some(&t)) = (by_id.get(&flow.source), by_id.get(&flow.target)) else {
            continue;
        };
        let (source, target) = (&nodes[s], &nodes[t]);
        let points = match bends.get(&flow.id) {
            Some(through) if !through.is_empty() => {
                route_through(&endpoint(source), &endpoint(target), through)
            }
            _ => route_orthogonal(&endpoint(source), &endpoint(target), &|route| {
                count_crossings(route, &obstacles, s, t)
            }),
        };
        shapes.push(FlowShape {
            id: flow.id,
            source: flow.source,
            target: flow.target,
            arrow: arrow_head(&points),
            default_marker: flow.default.then(|| default_slash(&points)),
            texts: Vec::new(),
            bbox: inflate(&bounds_of_points(&points), ARROW_HALF_WIDTH + 2.0),
            points,
        });
    }
    shapes
}

/// Shapes other than the flow's own ends that an axis-aligned polyline runs through.
fn count_crossings(points: &[Point], obstacles: &Grid, source: usize, target: usize) -> usize {
    let mut crossed: Vec<usize> = points
        .windows(2)
        .flat_map(|pair| obstacles.query(&bounds_of_points(pair)))
        .filter(|&i| i != source && i != target)
        .collect();
    crossed.sort_unstable();
    crossed.dedup();
    crossed.len()
}

fn direction(from: Point, to: Point) -> Point {
    let length = (to.x - from.x).hypot(to.y - from.y);
    let length = if length == 0.0 { 1.0 } else { length };
    Point {
        x: (to.x - from.x) / length,
        y: (to.y - from.y) / length,
    }
}

pub(super) fn arrow_head(points: &[Point]) -> [Point; 3] {
    let tip = points[points.len() - 1];
    let before = if points.len() >= 2 {
        points[points.len() - 2]
    } else {
        tip
    };
    let d = direction(before, tip);
    let base = Point {
        x: tip.x - d.x * ARROW_LENGTH,
        y: tip.y - d.y * ARROW_LENGTH,
    };
    [
        tip,
        Point {
            x: base.x - d.y * ARROW_HALF_WIDTH,
            y: base.y + d.x * ARROW_HALF_WIDTH,
        },
        Point {
            x: base.x + d.y * ARROW_HALF_WIDTH,
            y: base.y - d.x * ARROW_HALF_WIDTH,
        },
    ]
}

/// A short stroke leaning across the first segment, near the source, as BPMN draws a default flow.
fn default_slash(points: &[Point]) -> [Point; 2] {
    let start = points[0];
    let d = direction(start, points.get(1).copied().unwrap_or(start));
    let at = Point {
        x: start.x + d.x * 12.0,
        y: start.y + d.y * 12.0,
    };
    [
        Point {
            x: at.x - d.x * 4.0 - d.y * 6.0,
            y: at.y - d.y * 4.0 + d.x * 6.0,
        },
        Point {
            x: at.x + d.x * 4.0 + d.y * 6.0,
            y: at.y + d.y * 4.0 - d.x * 6.0,
        },
    ]
}
