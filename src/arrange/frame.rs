//! One frame of the drawing: the nodes at one level (the process, or the inside of a
//! sub-process) laid out together. Sub-processes are laid out from the inside first.

use std::collections::{HashMap, HashSet};

use super::graph::{self, Edge, Item};
use super::place;
use super::route::{self, Placed};
use super::{default_size, BOTTOM_PAD};
use crate::model::{Bounds, Flow, Id, Layout, Node, NodeKind, Point, Process};

/// Space right of the contents of an expanded sub-process (and left, as the first column).
const SUB_PAD: f64 = 30.0;
/// Size of a boundary event.
const BOUNDARY: f64 = 36.0;
/// Nested sub-processes deeper than this are drawn as they are.
const MAX_DEPTH: usize = 64;

/// Lookups over one process.
pub(super) struct Frame<'a> {
    process: &'a Process,
    /// Lanes top to bottom.
    pub lanes: Vec<Id>,
    lane_rank: HashMap<Id, usize>,
    nodes: HashMap<Id, &'a Node>,
    children: HashMap<Option<Id>, Vec<Id>>,
    boundaries: HashMap<Id, Vec<Id>>,
    attached: HashMap<Id, Id>,
    flows_from: HashMap<Id, Vec<&'a Flow>>,
    plane: HashSet<Id>,
}

/// A frame laid out: boxes with `y` from the top of their band, bend points in frame
/// coordinates (bands stacked from 0), and the contents of collapsed sub-processes.
pub(super) struct Framed {
    pub boxes: HashMap<Id, (usize, Bounds)>,
    pub bends: std::collections::BTreeMap<Id, Vec<Point>>,
    pub band_heights: Vec<f64>,
    pub width: f64,
    pub planes: std::collections::BTreeMap<Id, Bounds>,
    /// Bend points of the flows on those planes, in plane coordinates.
    pub plane_bends: std::collections::BTreeMap<Id, Vec<Point>>,
}

impl<'a> Frame<'a> {
    pub fn new(process: &'a Process) -> Frame<'a> {
        let lanes: Vec<Id> = process.lanes_in_order().iter().map(|l| l.id).collect();
        let lane_rank = lanes.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        let nodes: HashMap<Id, &Node> = process.nodes.iter().map(|n| (n.id, n)).collect();
        let mut attached = HashMap::new();
        let mut boundaries: HashMap<Id, Vec<Id>> = HashMap::new();
        for node in &process.nodes {
            if let NodeKind::Boundary { host, .. } = node.kind {
                if nodes.contains_key(&host) && host != node.id {
                    attached.insert(node.id, host);
                    boundaries.entry(host).or_default().push(node.id);
                }
            }
        }
        let mut children: HashMap<Option<Id>, Vec<Id>> = HashMap::new();
        for node in &process.nodes {
            if !attached.contains_key(&node.id) {
                let parent = node.parent.filter(|p| nodes.contains_key(p));
                children.entry(parent).or_default().push(node.id);
            }
        }
        let mut flows_from: HashMap<Id, Vec<&Flow>> = HashMap::new();
        for flow in &process.flows {
            flows_from.entry(flow.source).or_default().push(flow);
        }
        let plane = process
            .nodes
            .iter()
            .filter(|n| {
                let mut at = n.parent;
                for _ in 0..MAX_DEPTH {
                    match at.and_then(|p| nodes.get(&p)) {
                        Some(p) => match p.kind {
                            NodeKind::SubProcess {
                                expanded: false, ..
                            } => return true,
                            _ => at = p.parent,
                        },
                        None => return false,
                    }
                }
                false
            })
            .map(|n| n.id)
            .collect();
        Frame {
            process,
            lanes,
            lane_rank,
            nodes,
            children,
            boundaries,
            attached,
            flows_from,
            plane,
        }
    }

    /// The nodes directly inside `parent` that are laid out as items (not boundary events).
    pub fn members(&self, parent: Option<Id>) -> Vec<Id> {
        self.children.get(&parent).cloned().unwrap_or_default()
    }

    pub fn bands(&self) -> usize {
        self.lanes.len().max(1)
    }

    /// The band of a node's lane (0 for a lane that does not exist).
    pub fn band(&self, id: Id) -> usize {
        let node = self.nodes.get(&id);
        node.and_then(|n| self.lane_rank.get(&n.lane))
            .copied()
            .unwrap_or(0)
    }

    /// A boundary event placed by its host.
    pub fn is_attached(&self, id: Id) -> bool {
        self.attached.contains_key(&id)
    }

    /// Inside a collapsed sub-process: drawn on that sub-process's own plane.
    pub fn in_plane(&self, id: Id) -> bool {
        self.plane.contains(&id)
    }

    /// The top of each band, lanes stacked from 0 as the canvas draws them.
    pub fn lane_tops(&self, layout: &Layout) -> Vec<f64> {
        let mut top = 0.0;
        let mut tops = Vec::with_capacity(self.bands());
        for lane in &self.lanes {
            tops.push(top);
            top += layout.lane_height(*lane);
        }
        tops.push(top);
        tops
    }

    fn size(&self, id: Id) -> (f64, f64) {
        match self.process.layout.nodes.get(&id) {
            Some(b) if b.w > 0.0 && b.h > 0.0 => (b.w, b.h),
            _ => self
                .nodes
                .get(&id)
                .map_or((36.0, 36.0), |n| default_size(&n.kind)),
        }
    }

    /// Lays out `members`, each in band `band_of(id)` of `bands`, columns from `origin_x`.
    pub fn lay_out(
        &self,
        members: &[Id],
        band_of: &dyn Fn(Id) -> usize,
        bands: usize,
        origin_x: f64,
    ) -> Framed {
        self.lay_out_at(members, band_of, bands, origin_x, 0)
    }

    fn lay_out_at(
        &self,
        members: &[Id],
        band_of: &dyn Fn(Id) -> usize,
        bands: usize,
        origin_x: f64,
        depth: usize,
    ) -> Framed {
        let mut inner: HashMap<Id, Framed> = HashMap::new();
        let mut planes = std::collections::BTreeMap::new();
        let mut bends = std::collections::BTreeMap::new();
        let mut plane_bends = std::collections::BTreeMap::new();
        let mut items = Vec::with_capacity(members.len());
        let index: HashMap<Id, usize> =
            members.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for &id in members {
            let (mut w, mut h) = self.size(id);
            let kind = self.nodes.get(&id).map(|n| &n.kind);
            if let Some(NodeKind::SubProcess { expanded, .. }) = kind {
                let children = self.members(Some(id));
                if !children.is_empty() && depth < MAX_DEPTH {
                    let framed = self.lay_out_at(&children, &|_| 0, 1, SUB_PAD, depth + 1);
                    if *expanded {
                        w = (framed.width + SUB_PAD).max(140.0);
                        h = framed.band_heights[0].max(64.0);
                        inner.insert(id, framed);
                    } else {
                        planes.extend(framed.boxes.iter().map(|(k, (_, b))| (*k, *b)));
                        planes.extend(framed.planes);
                        plane_bends.extend(framed.bends);
                        plane_bends.extend(framed.plane_bends);
                    }
                }
            }
            let below = if self.boundaries.contains_key(&id) {
                BOUNDARY / 2.0
            } else {
                0.0
            };
            items.push(Item {
                node: Some(id),
                band: band_of(id).min(bands - 1),
                w,
                h,
                below,
                layer: 0,
                gateway: matches!(kind, Some(NodeKind::Gateway { .. })),
            });
        }
        let mut edges = Vec::new();
        for &id in members {
            let sources = std::iter::once((id, None)).chain(
                self.boundaries
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|b| (*b, Some(*b))),
            );
            for (from, boundary) in sources {
                for flow in self.flows_from.get(&from).into_iter().flatten() {
                    if let Some(&target) = index.get(&flow.target) {
                        edges.push(Edge {
                            flow: flow.id,
                            source: index[&id],
                            target,
                            boundary,
                        });
                    }
                }
            }
        }
        let mut graph = graph::build(items, &edges);
        super::order::reduce_crossings(&mut graph);
        let at = place::place(&graph, origin_x);
        let (rows, band_bottom) = route::channels(&graph, &at, bands);
        let band_heights: Vec<f64> = band_bottom.iter().map(|b| b + BOTTOM_PAD).collect();
        let mut band_top = vec![0.0; bands];
        for b in 1..bands {
            band_top[b] = band_top[b - 1] + band_heights[b - 1].max(super::MIN_LANE);
        }
        // How far down each boundary event's flows go next: those going lowest hang leftmost,
        // so a flow going down never crosses one that turns right above it.
        let mut reach: HashMap<Id, f64> = HashMap::new();
        for chain in &graph.chains {
            if let (Some(b), Some(&next)) = (chain.boundary, chain.items.get(1)) {
                let y = band_top[graph.items[next].band] + at.y[next];
                let r = reach.entry(b).or_insert(f64::NEG_INFINITY);
                *r = r.max(y);
            }
        }
        let mut boxes = HashMap::new();
        let mut attached = HashMap::new();
        for (v, item) in graph.items.iter().enumerate() {
            let Some(id) = item.node else { continue };
            let b = Bounds::new(
                (at.x[v] - item.w / 2.0).round(),
                at.y[v] - item.h / 2.0,
                item.w,
                item.h,
            );
            boxes.insert(id, (item.band, b));
            let mut hanging = self.boundaries.get(&id).cloned().unwrap_or_default();
            let lowest = |b: &Id| reach.get(b).copied().unwrap_or(f64::NEG_INFINITY);
            hanging.sort_by(|a, b| lowest(b).total_cmp(&lowest(a)));
            for (k, &boundary) in hanging.iter().enumerate() {
                let x = b.x + b.w * (k + 1) as f64 / (hanging.len() + 1) as f64;
                let e = Bounds::new(
                    (x - BOUNDARY / 2.0).round(),
                    b.y + b.h - BOUNDARY / 2.0,
                    BOUNDARY,
                    BOUNDARY,
                );
                boxes.insert(boundary, (item.band, e));
                attached.insert(
                    boundary,
                    Bounds {
                        y: e.y + band_top[item.band],
                        ..e
                    },
                );
            }
        }
        let placed = Placed {
            graph: &graph,
            at: &at,
            band_top: &band_top,
            boundaries: &attached,
        };
        bends.extend(
            route::route(&placed, &rows)
                .into_iter()
                .filter(|(_, b)| !b.is_empty()),
        );
        for (id, framed) in inner {
            let Some(&(band, outer)) = boxes.get(&id) else {
                continue;
            };
            for (child, (_, b)) in framed.boxes {
                let b = Bounds::new(outer.x + b.x, outer.y + b.y, b.w, b.h);
                boxes.insert(child, (band, b));
            }
            let (dx, dy) = (outer.x, band_top[band] + outer.y);
            for (flow, points) in framed.bends {
                let moved = points
                    .iter()
                    .map(|p| Point {
                        x: p.x + dx,
                        y: p.y + dy,
                    })
                    .collect();
                bends.insert(flow, moved);
            }
            planes.extend(framed.planes);
            plane_bends.extend(framed.plane_bends);
        }
        let width = at.column_right.last().copied().unwrap_or(origin_x);
        Framed {
            boxes,
            bends,
            band_heights,
            width,
            planes,
            plane_bends,
        }
    }
}
