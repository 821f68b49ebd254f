//! The geometry of a process as the app's canvas draws it (`ui/src/canvas/scene.ts`): lane bands
//! stacked by order, nodes placed from `process.layout` (y relative to their lane), flows routed
//! orthogonally, captions and flow texts placed clear of shapes. Pure; the SVG writer draws it.

mod flows;
pub mod geometry;
mod grid;
mod labels;
pub mod routing;
pub mod text;
pub mod theme;

use std::collections::HashMap;

pub use flows::{FlowShape, ARROW_HALF_WIDTH, ARROW_LENGTH};
pub use geometry::center;
pub use labels::{Align, Grow, TextBlock, TextStyle, MAX_TEXT_LINES};
pub use routing::Outline;

use crate::model::{Bounds, Id, Node, NodeKind, Process};
use geometry::{inflate, overlap_area, right, union};
use grid::Grid;

/// Width of the column at the left of every lane that names its workflow.
pub const LANE_HEADER_WIDTH: f64 = 200.0;
/// Empty space kept right of the rightmost shape.
const TRAILING_SPACE: f64 = 60.0;
/// The SLA badge straddles a task's top border.
pub const BADGE_OVERHANG: f64 = 10.0;

#[derive(Clone, Debug)]
pub struct LaneBand {
    pub id: Id,
    pub name: String,
    pub team: String,
    pub trigger: String,
    pub output: String,
    /// The whole band, header column included.
    pub rect: Bounds,
    pub header: Bounds,
    /// Position top to bottom, for alternating fills.
    pub index: usize,
}

#[derive(Clone, Debug)]
pub struct NodeShape {
    pub id: Id,
    pub name: String,
    pub kind: NodeKind,
    pub rect: Bounds,
    pub outline: Outline,
    /// The name of an event or gateway, drawn outside the shape.
    pub caption: Option<TextBlock>,
    /// Everything the node paints.
    pub bbox: Bounds,
}

#[derive(Clone, Debug)]
pub struct Scene {
    pub lanes: Vec<LaneBand>,
    pub nodes: Vec<NodeShape>,
    pub flows: Vec<FlowShape>,
    /// Everything painted, lanes included.
    pub bounds: Bounds,
}

pub fn build_scene(process: &Process) -> Scene {
    let (bands, tops, lanes_bottom) = stack_lanes(process);
    let mut nodes = place_nodes(process, &tops);
    let mut flows = flows::route_flows(&process.flows, &nodes, &process.layout.flows);
    labels::place_captions(&mut nodes, &flows);
    place_all_flow_text(process, &nodes, &mut flows);

    let mut content = Bounds {
        x: 0.0,
        y: 0.0,
        w: LANE_HEADER_WIDTH + 400.0,
        h: 0.0,
    };
    for n in &nodes {
        content = union(&content, &n.bbox);
    }
    for f in &flows {
        content = union(&content, &f.bbox);
    }
    let width = right(&content) + TRAILING_SPACE;
    let lanes = bands
        .into_iter()
        .map(|mut band| {
            band.rect.w = width;
            band
        })
        .collect();
    let bounds = union(
        &Bounds {
            x: 0.0,
            y: 0.0,
            w: width,
            h: lanes_bottom,
        },
        &content,
    );
    Scene {
        lanes,
        nodes,
        flows,
        bounds,
    }
}

/// Lanes are stored by id and drawn by `order`; each band is as tall as the layout says.
fn stack_lanes(process: &Process) -> (Vec<LaneBand>, HashMap<Id, f64>, f64) {
    let mut bands = Vec::new();
    let mut tops = HashMap::new();
    let mut y = 0.0;
    for (index, lane) in process.lanes_in_order().into_iter().enumerate() {
        let height = process.layout.lane_height(lane.id);
        tops.insert(lane.id, y);
        bands.push(LaneBand {
            id: lane.id,
            name: lane.name.clone(),
            team: lane.team.clone(),
            trigger: lane.trigger.clone(),
            output: lane.output.clone(),
            rect: Bounds {
                x: 0.0,
                y,
                w: 0.0,
                h: height,
            },
            header: Bounds {
                x: 0.0,
                y,
                w: LANE_HEADER_WIDTH,
                h: height,
            },
            index,
        });
        y += height;
    }
    (bands, tops, y)
}

fn place_nodes(process: &Process, tops: &HashMap<Id, f64>) -> Vec<NodeShape> {
    // Nodes the layout has no box for are lined up after the last placed node of their lane.
    let mut next_free_x: HashMap<Id, f64> = HashMap::new();
    for node in &process.nodes {
        if let Some(b) = process.layout.nodes.get(&node.id) {
            let x = next_free_x.entry(node.lane).or_insert(0.0);
            *x = x.max(b.x + b.w + 40.0);
        }
    }
    process
        .nodes
        .iter()
        .map(|node| {
            let lane_top = tops.get(&node.lane).copied().unwrap_or(0.0);
            let relative = process
                .layout
                .nodes
                .get(&node.id)
                .copied()
                .unwrap_or_else(|| unplaced_box(node, &mut next_free_x));
            let rect = Bounds {
                y: lane_top + relative.y,
                ..relative
            };
            let overhang = if matches!(node.kind, NodeKind::Task { .. }) {
                BADGE_OVERHANG
            } else {
                4.0
            };
            NodeShape {
                id: node.id,
                name: node.name.clone(),
                kind: node.kind.clone(),
                rect,
                outline: outline_of(&node.kind),
                caption: None,
                bbox: inflate(&rect, overhang),
            }
        })
        .collect()
}

fn unplaced_box(node: &Node, next_free_x: &mut HashMap<Id, f64>) -> Bounds {
    let (w, h) = match node.kind {
        NodeKind::Task { .. } | NodeKind::Call { .. } => (140.0, 64.0),
        NodeKind::Gateway { .. } => (50.0, 50.0),
        _ => (36.0, 36.0),
    };
    let free = next_free_x.entry(node.lane).or_insert(0.0);
    let x = free.max(LANE_HEADER_WIDTH + 40.0);
    *free = x + w + 40.0;
    Bounds {
        x,
        // Centred in a lane of the default height, as the canvas does.
        y: 80.0 - h / 2.0,
        w,
        h,
    }
}

fn outline_of(kind: &NodeKind) -> Outline {
    match kind {
        NodeKind::Task { .. } | NodeKind::Call { .. } => Outline::Box,
        NodeKind::Gateway { .. } => Outline::Diamond,
        _ => Outline::Circle,
    }
}

/// Places flow texts one by one, each avoiding shapes, captions and the texts placed before it.
fn place_all_flow_text(process: &Process, nodes: &[NodeShape], flows: &mut [FlowShape]) {
    let mut taken = Grid::default();
    for node in nodes {
        taken.insert(inflate(&node.rect, 2.0));
        if let NodeKind::Task { sla: Some(_), .. } = node.kind {
            // The badge sits at the top right; see the SVG writer.
            taken.insert(Bounds {
                x: node.rect.x + node.rect.w - 60.0,
                y: node.rect.y - BADGE_OVERHANG,
                w: 60.0,
                h: BADGE_OVERHANG * 2.0,
            });
        }
        if let Some(caption) = &node.caption {
            taken.insert(caption.bounds());
        }
    }
    let by_id: HashMap<Id, &crate::model::Flow> = process.flows.iter().map(|f| (f.id, f)).collect();
    for shape in flows.iter_mut() {
        let Some(flow) = by_id.get(&shape.id) else {
            continue;
        };
        let covered = |b: &Bounds| {
            taken
                .query(b)
                .into_iter()
                .map(|i| overlap_area(b, taken.get(i)))
                .sum::<f64>()
        };
        shape.texts = labels::place_flow_text(flow, &shape.points, &covered);
        if let Some(b) = labels::text_box(&shape.texts) {
            taken.insert(b);
            shape.bbox = union(&shape.bbox, &b);
        }
    }
}
