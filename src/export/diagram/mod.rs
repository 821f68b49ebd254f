//! The geometry of a process as the app's canvas draws it (`ui/src/canvas/scene.ts`): lane bands
//! stacked by order, nodes placed from `process.layout` (y relative to their lane), flows routed
//! orthogonally, captions and flow texts placed clear of shapes; pools, message flows and
//! artifacts around them (`planes`, `artifacts`). Pure; the SVG writer draws it.

mod artifacts;
mod flows;
pub mod geometry;
mod grid;
mod labels;
pub mod markers;
mod planes;
pub mod routing;
pub mod text;
pub mod theme;

use std::collections::HashMap;

pub use artifacts::{ArtifactShape, AssociationShape};
pub use flows::{FlowShape, ARROW_HALF_WIDTH, ARROW_LENGTH};
pub use geometry::center;
pub use labels::{Align, Grow, TextBlock, TextStyle, MAX_TEXT_LINES};
pub use planes::{on_border, PoolBand, POOL_HEADER_WIDTH};
pub use routing::Outline;

use crate::model::{Bounds, Id, Node, NodeKind, Process};
use geometry::{bottom, inflate, overlap_area, right, union};
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
    pub pools: Vec<PoolBand>,
    pub lanes: Vec<LaneBand>,
    /// Parents before the nodes inside them, boundary events after their hosts.
    pub nodes: Vec<NodeShape>,
    pub flows: Vec<FlowShape>,
    /// Message flows: arrow is an open head, the source gets an open circle.
    pub messages: Vec<FlowShape>,
    pub artifacts: Vec<ArtifactShape>,
    pub associations: Vec<AssociationShape>,
    /// Everything painted, lanes included.
    pub bounds: Bounds,
}

/// The process level: pools, lanes and everything not inside a collapsed sub-process.
pub fn build_scene(process: &Process) -> Scene {
    build_plane(process, None)
}

/// One plane: the process level (`None`) or a collapsed sub-process's own plane, which has no
/// lanes and keeps its nodes where the layout says.
pub fn build_plane(process: &Process, plane: Option<Id>) -> Scene {
    let stack = match plane {
        None => planes::stack(process),
        Some(_) => planes::Stack::default(),
    };
    let mut nodes = place_nodes(process, plane, &stack.tops);
    planes::attach_boundaries(process, &mut nodes);
    let mut flows = flows::route_flows(&process.flows, &nodes, &process.layout.flows);
    let messages = artifacts::route_messages(process, &nodes, &stack.pools);
    let lowest = nodes
        .iter()
        .map(|n| bottom(&n.rect))
        .fold(stack.bottom, f64::max);
    let placed = artifacts::place_artifacts(process, plane, lowest);
    let associations = artifacts::connect_associations(process, &nodes, &placed);
    labels::place_captions(&mut nodes, &flows);
    place_all_flow_text(process, &nodes, &mut flows);

    let mut content = Bounds {
        x: 0.0,
        y: 0.0,
        w: LANE_HEADER_WIDTH + 400.0,
        h: 0.0,
    };
    let boxes = nodes.iter().map(|n| &n.bbox);
    let boxes = boxes
        .chain(flows.iter().map(|f| &f.bbox))
        .chain(messages.iter().map(|m| &m.bbox))
        .chain(placed.iter().map(|a| &a.bbox))
        .chain(associations.iter().map(|a| &a.bbox));
    for b in boxes {
        content = union(&content, b);
    }
    let width = right(&content) + TRAILING_SPACE;
    let lanes = stack
        .bands
        .into_iter()
        .map(|mut band| {
            band.rect.w = width - band.rect.x;
            band
        })
        .collect();
    let pools = stack
        .pools
        .into_iter()
        .map(|mut pool| {
            pool.rect.w = width;
            pool
        })
        .collect();
    let bounds = union(&Bounds::new(0.0, 0.0, width, stack.bottom), &content);
    Scene {
        pools,
        lanes,
        nodes,
        flows,
        messages,
        artifacts: placed,
        associations,
        bounds,
    }
}

fn place_nodes(process: &Process, plane: Option<Id>, tops: &HashMap<Id, f64>) -> Vec<NodeShape> {
    let shown = planes::nodes_on(process, plane);
    // Nodes the layout has no box for are lined up after the last placed node of their lane.
    let mut next_free_x: HashMap<Id, f64> = HashMap::new();
    for node in &shown {
        if let Some(b) = process.layout.nodes.get(&node.id) {
            let x = next_free_x.entry(node.lane).or_insert(0.0);
            *x = x.max(b.x + b.w + 40.0);
        }
    }
    shown
        .into_iter()
        .map(|node| {
            let lane_top = tops.get(&node.lane).copied().unwrap_or(0.0);
            let relative = match process.layout.nodes.get(&node.id) {
                Some(b) => *b,
                // Put on its host's border later.
                None if matches!(node.kind, NodeKind::Boundary { .. }) => {
                    Bounds::new(0.0, 0.0, 36.0, 36.0)
                }
                None => unplaced_box(node, &mut next_free_x),
            };
            let rect = Bounds {
                y: lane_top + relative.y,
                ..relative
            };
            let overhang = if node.kind.is_activity() {
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
        NodeKind::SubProcess { expanded: true, .. } => (360.0, 200.0),
        NodeKind::SubProcess { .. } => (140.0, 64.0),
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
        NodeKind::Task { .. } | NodeKind::Call { .. } | NodeKind::SubProcess { .. } => Outline::Box,
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
