//! What one plane of a process shows (`ui/src/canvas/planes.ts`): the process level with its
//! pools and lanes, or a collapsed sub-process's own plane (absolute coordinates, no lanes).
//! Nodes inside an expanded sub-process are drawn on their parent's plane, after it; boundary
//! events sit on their host's border.

use std::collections::HashMap;

use super::geometry::{bottom, center, right};
use super::{LaneBand, NodeShape, LANE_HEADER_WIDTH};
use crate::model::{Bounds, Id, Node, NodeKind, Point, Process};

/// Width of the band at the left of a pool that carries its name, turned on its side.
pub const POOL_HEADER_WIDTH: f64 = 30.0;
/// Height of a pool without lanes (a black box) when the layout does not say.
pub const DEFAULT_POOL_HEIGHT: f64 = 80.0;
/// Size of a boundary event the layout has no box for.
const BOUNDARY_SIZE: f64 = 36.0;

#[derive(Clone, Debug)]
pub struct PoolBand {
    pub id: Id,
    pub name: String,
    /// No lanes: another party drawn as a closed box.
    pub black_box: bool,
    /// The whole band, name band included; as wide as the scene.
    pub rect: Bounds,
    /// The name band at the left.
    pub header: Bounds,
}

/// Lanes and pools stacked top to bottom, and the top of every lane.
#[derive(Default)]
pub(super) struct Stack {
    pub pools: Vec<PoolBand>,
    pub bands: Vec<LaneBand>,
    pub tops: HashMap<Id, f64>,
    pub bottom: f64,
}

/// Lanes without a pool first (as the process had them before pools), then each pool by order
/// with its lanes inside, or a black box as tall as the layout says.
pub(super) fn stack(process: &Process) -> Stack {
    let known = |lane: &&crate::model::Lane| lane.pool.and_then(|p| process.pool(p)).is_some();
    let lanes = process.lanes_in_order();
    let mut stack = Stack {
        pools: Vec::new(),
        bands: Vec::new(),
        tops: HashMap::new(),
        bottom: 0.0,
    };
    for lane in lanes.iter().filter(|l| !known(l)) {
        push_lane(&mut stack, process, lane, 0.0);
    }
    for pool in process.pools_in_order() {
        let top = stack.bottom;
        let inside: Vec<_> = lanes.iter().filter(|l| l.pool == Some(pool.id)).collect();
        for lane in &inside {
            push_lane(&mut stack, process, lane, POOL_HEADER_WIDTH);
        }
        if inside.is_empty() {
            stack.bottom += process
                .layout
                .pools
                .get(&pool.id)
                .copied()
                .unwrap_or(DEFAULT_POOL_HEIGHT);
        }
        let h = stack.bottom - top;
        stack.pools.push(PoolBand {
            id: pool.id,
            name: pool.name.clone(),
            black_box: inside.is_empty(),
            rect: Bounds::new(0.0, top, 0.0, h),
            header: Bounds::new(0.0, top, POOL_HEADER_WIDTH, h),
        });
    }
    stack
}

fn push_lane(stack: &mut Stack, process: &Process, lane: &crate::model::Lane, x: f64) {
    let y = stack.bottom;
    let height = process.layout.lane_height(lane.id);
    stack.tops.insert(lane.id, y);
    stack.bands.push(LaneBand {
        id: lane.id,
        name: lane.name.clone(),
        team: lane.team.clone(),
        trigger: lane.trigger.clone(),
        output: lane.output.clone(),
        rect: Bounds::new(x, y, 0.0, height),
        header: Bounds::new(x, y, LANE_HEADER_WIDTH, height),
        index: stack.bands.len(),
    });
    stack.bottom += height;
}

/// How many expanded sub-processes lie between `parent` and `plane`; none when something on
/// the way is not an expanded sub-process (the element belongs to another plane).
pub(super) fn depth_on(process: &Process, parent: Option<Id>, plane: Option<Id>) -> Option<usize> {
    let mut at = parent;
    let mut depth = 0;
    while at != plane {
        let node = process.node(at?)?;
        if !matches!(node.kind, NodeKind::SubProcess { expanded: true, .. }) {
            return None;
        }
        at = node.parent;
        depth += 1;
        if depth > process.nodes.len() {
            return None;
        }
    }
    Some(depth)
}

/// The nodes drawn on `plane`: parents before their children, boundary events after their hosts.
pub(super) fn nodes_on(process: &Process, plane: Option<Id>) -> Vec<&Node> {
    let mut shown: Vec<(usize, bool, &Node)> = process
        .nodes
        .iter()
        .filter_map(|n| {
            let depth = depth_on(process, n.parent, plane)?;
            Some((depth, matches!(n.kind, NodeKind::Boundary { .. }), n))
        })
        .collect();
    shown.sort_by_key(|(depth, boundary, _)| (*depth, *boundary));
    shown.into_iter().map(|(_, _, n)| n).collect()
}

/// Puts every boundary event on its host's border: where its box says, moved onto the nearest
/// point of the border, or spread along the host's bottom edge when it has no box.
pub(super) fn attach_boundaries(process: &Process, nodes: &mut [NodeShape]) {
    let rects: HashMap<Id, Bounds> = nodes.iter().map(|n| (n.id, n.rect)).collect();
    // The boundaries of each host that have no box, in scene order.
    let mut unplaced: HashMap<Id, Vec<Id>> = HashMap::new();
    for node in nodes.iter() {
        if let NodeKind::Boundary { host, .. } = node.kind {
            if !process.layout.nodes.contains_key(&node.id) {
                unplaced.entry(host).or_default().push(node.id);
            }
        }
    }
    for node in nodes.iter_mut() {
        let NodeKind::Boundary { host, .. } = node.kind else {
            continue;
        };
        let Some(host_rect) = rects.get(&host) else {
            continue;
        };
        let spread = unplaced.get(&host).and_then(|list| {
            let k = list.iter().position(|&id| id == node.id)?;
            Some((k, list.len()))
        });
        let (at, w, h) = match spread {
            Some((k, count)) => {
                let x = host_rect.x + host_rect.w * (k + 1) as f64 / (count + 1) as f64;
                let at = Point {
                    x,
                    y: bottom(host_rect),
                };
                (at, BOUNDARY_SIZE, BOUNDARY_SIZE)
            }
            None => (
                on_border(host_rect, center(&node.rect)),
                node.rect.w,
                node.rect.h,
            ),
        };
        node.rect = Bounds::new(at.x - w / 2.0, at.y - h / 2.0, w, h);
        node.bbox = super::geometry::inflate(&node.rect, 4.0);
    }
}

/// The point of `host`'s border nearest to `p` (`ui/src/canvas/planes.ts` `onBorder`).
pub fn on_border(host: &Bounds, p: Point) -> Point {
    let x = p.x.clamp(host.x, right(host));
    let y = p.y.clamp(host.y, bottom(host));
    let inside = x == p.x && y == p.y;
    if !inside {
        return Point { x, y };
    }
    let sides = [
        (x - host.x, Point { x: host.x, y }),
        (right(host) - x, Point { x: right(host), y }),
        (y - host.y, Point { x, y: host.y }),
        (bottom(host) - y, Point { x, y: bottom(host) }),
    ];
    let mut best = sides[0];
    for side in &sides[1..] {
        if side.0 < best.0 {
            best = *side;
        }
    }
    best.1
}
