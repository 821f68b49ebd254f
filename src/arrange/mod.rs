//! Automatic layout ("Tidy up"): a process in, a `Layout` out. Pure.
//!
//! A lane-aware layered drawing, left to right, after Sugiyama, Tagawa and Toda, "Methods for
//! visual understanding of hierarchical system structures" (IEEE SMC, 1981), with the layering
//! and ordering refinements of Gansner, Koutsofios, North and Vo, "A technique for drawing
//! directed graphs" (IEEE TSE, 1993), and a balanced placement in the spirit of Brandes and Köpf,
//! "Fast and simple horizontal coordinate assignment" (Graph Drawing, 2001):
//! 1. `graph` — cycles broken by reversing depth-first back edges (loops), layers by longest
//!    path over sequence flows, dummies on long flows;
//! 2. `order` — barycentre sweeps and transpositions (every other sweep also sideways, across
//!    plateaus) that never move an item out of its lane band; a flow from a boundary event
//!    counts as leaving under its host;
//! 3. `place` — columns shared by all lanes, rows balanced around gateways within each lane,
//!    then items moved onto a neighbour's row where that straightens more flows;
//! 4. `route` — orthogonal bend points only where a flow changes row, one bend where it can
//!    turn into its target's top or bottom; loops under the nodes of both lanes they join;
//! 5. `untangle` — a flow that still crosses (or runs along) another takes one of its other
//!    routes, with fewer optional corners, where that crosses less.
//!
//! Lanes are bands in their drawing order (pools stacked, then lanes), each as tall as what it
//! holds; nodes keep their lane. Boundary events sit on their host's bottom border. An expanded
//! sub-process is laid out from the inside first and placed as one box with its contents in it;
//! a collapsed one's contents get their own plane. Message flows are left to the router (their
//! bend points are dropped). No crate fitted: `rust-sugiyama` takes a plain graph and has no
//! notion of fixed lane bands.

mod frame;
mod graph;
mod order;
mod place;
mod route;
#[cfg(test)]
mod tests;
mod untangle;

use std::collections::HashSet;

use crate::model::{Bounds, Id, Layout, NodeKind, Process};
use frame::Frame;

/// Where the first column starts: right of the lane header column the canvas draws.
pub const FIRST_COLUMN: f64 = 240.0;
/// Space below the last box of a lane.
const BOTTOM_PAD: f64 = 40.0;
/// The shortest lane a layout makes.
const MIN_LANE: f64 = 120.0;
/// Height of a partner pool drawn as a black box.
const BLACK_BOX_HEIGHT: f64 = 100.0;
/// Gap left of what a selection or a new part is placed after.
const AFTER_GAP: f64 = 60.0;

/// The whole process laid out again.
pub fn arrange(process: &Process) -> Layout {
    let frame = Frame::new(process);
    let top: Vec<Id> = frame.members(None);
    let placed = frame.lay_out(&top, &|id| frame.band(id), frame.bands(), FIRST_COLUMN);
    let mut layout = Layout {
        nodes: placed.planes.clone(),
        lanes: Default::default(),
        flows: placed.bends.clone(),
        pools: process.layout.pools.clone(),
        artifacts: process.layout.artifacts.clone(),
    };
    for (id, (_, b)) in &placed.boxes {
        layout.nodes.insert(*id, *b);
    }
    layout.flows.extend(placed.plane_bends.clone());
    for (lane, height) in frame.lanes.iter().zip(&placed.band_heights) {
        layout.lanes.insert(*lane, height.max(MIN_LANE));
    }
    finish(process, &frame, &mut layout);
    layout
}

/// The selected nodes laid out again among themselves where they were, the rest kept. Lanes
/// grow where the selection needs more room; flows touching the selection are routed again.
pub fn arrange_selection(process: &Process, selection: &[Id]) -> Layout {
    let frame = Frame::new(process);
    let chosen: HashSet<Id> = selection.iter().copied().collect();
    let mut layout = process.layout.clone();
    let mut moved = HashSet::new();
    let mut parents: Vec<Option<Id>> = Vec::new();
    for node in &process.nodes {
        if chosen.contains(&node.id)
            && !frame.is_attached(node.id)
            && !parents.contains(&node.parent)
        {
            parents.push(node.parent);
        }
    }
    let placed_right = process
        .layout
        .nodes
        .values()
        .map(|b| b.x + b.w)
        .fold(FIRST_COLUMN - AFTER_GAP, f64::max);
    for parent in parents {
        let members: Vec<Id> = frame
            .members(parent)
            .into_iter()
            .filter(|id| chosen.contains(id))
            .collect();
        let placed = frame.lay_out(&members, &|id| frame.band(id), frame.bands(), 0.0);
        let old = |id: &Id| process.layout.nodes.get(id);
        let dx = members
            .iter()
            .filter_map(old)
            .map(|b| b.x)
            .reduce(f64::min)
            .unwrap_or(placed_right + AFTER_GAP);
        for band in 0..frame.bands() {
            let in_band = |id: &&Id| frame.band(**id) == band;
            let was = members.iter().filter(in_band).filter_map(old).map(|b| b.y);
            let now = members
                .iter()
                .filter(in_band)
                .filter_map(|id| placed.boxes.get(id))
                .map(|(_, b)| b.y);
            let dy = match (was.reduce(f64::min), now.reduce(f64::min)) {
                (Some(was), Some(now)) => was - now,
                _ => 0.0,
            };
            for (id, (_, b)) in placed.boxes.iter().filter(|(_, (bd, _))| *bd == band) {
                let mut b = *b;
                b.x += dx;
                b.y += dy;
                layout.nodes.insert(*id, b);
                moved.insert(*id);
            }
        }
        for (id, b) in &placed.planes {
            layout.nodes.insert(*id, *b);
            moved.insert(*id);
        }
    }
    for (lane, band) in frame.lanes.iter().zip(0..) {
        let lowest = process
            .nodes
            .iter()
            .filter(|n| moved.contains(&n.id) && frame.band(n.id) == band && !frame.in_plane(n.id))
            .filter_map(|n| layout.nodes.get(&n.id))
            .map(|b| b.y + b.h + BOTTOM_PAD)
            .fold(layout.lane_height(*lane), f64::max);
        layout.lanes.insert(*lane, lowest);
    }
    let tops = frame.lane_tops(&layout);
    let absolute = |id: Id| -> Option<Bounds> {
        let b = *layout.nodes.get(&id)?;
        let top = if frame.in_plane(id) {
            0.0
        } else {
            tops[frame.band(id)]
        };
        Some(Bounds { y: b.y + top, ..b })
    };
    let mut rerouted = Vec::new();
    for flow in &process.flows {
        if moved.contains(&flow.source) || moved.contains(&flow.target) {
            if let (Some(s), Some(t)) = (absolute(flow.source), absolute(flow.target)) {
                rerouted.push((flow.id, route::elbow(&s, &t)));
            }
        }
    }
    for (flow, bends) in rerouted {
        set_bends(&mut layout, flow, bends);
    }
    layout
}

/// Lays out what an imported file did not draw: everything when no node has a position, else
/// only the nodes without one (placed after what is drawn). Called at the end of an import.
pub fn fill_missing_layout(process: &mut Process) {
    let missing: Vec<Id> = process
        .nodes
        .iter()
        .filter(|n| !process.layout.nodes.contains_key(&n.id))
        .map(|n| n.id)
        .collect();
    if missing.is_empty() {
        return;
    }
    process.layout = if process.layout.nodes.is_empty() {
        arrange(process)
    } else {
        arrange_selection(process, &missing)
    };
}

/// Drops message flows' bend points (the router draws them), sizes black-box pools, and places
/// artifacts that have no box in a row under the lanes.
fn finish(process: &Process, frame: &Frame, layout: &mut Layout) {
    for message in &process.messages {
        layout.flows.remove(&message.id);
    }
    for pool in &process.pools {
        let has_lanes = process.lanes.iter().any(|l| l.pool == Some(pool.id));
        if !has_lanes {
            layout.pools.entry(pool.id).or_insert(BLACK_BOX_HEIGHT);
        }
    }
    let bottom = frame
        .lanes
        .iter()
        .map(|l| layout.lane_height(*l))
        .sum::<f64>();
    let mut x = FIRST_COLUMN;
    for artifact in &process.artifacts {
        if let std::collections::btree_map::Entry::Vacant(e) = layout.artifacts.entry(artifact.id) {
            e.insert(Bounds::new(x, bottom + AFTER_GAP, 100.0, 60.0));
            x += 100.0 + AFTER_GAP;
        }
    }
}

fn set_bends(layout: &mut Layout, flow: Id, bends: Vec<crate::model::Point>) {
    if bends.is_empty() {
        layout.flows.remove(&flow);
    } else {
        layout.flows.insert(flow, bends);
    }
}

/// The default box of a node kind, as the canvas draws a new one.
fn default_size(kind: &NodeKind) -> (f64, f64) {
    match kind {
        NodeKind::Task { .. } | NodeKind::Call { .. } | NodeKind::SubProcess { .. } => {
            (140.0, 64.0)
        }
        NodeKind::Gateway { .. } => (50.0, 50.0),
        _ => (36.0, 36.0),
    }
}
