//! Where Flowlane draws what it lays out itself in a BPMN diagram: the pool around every lane
//! and node, each lane's band in it, and the ends of an edge between two boxes. Export draws
//! with it; import uses it to recognise a file Flowlane drew itself.

use std::collections::HashMap;

use crate::model::{Bounds, Id, Point, Process};

/// Width of the pool's and the lanes' name bands left of the drawing.
pub const POOL_HEADER: f64 = 30.0;
pub const LANE_HEADER: f64 = 30.0;

/// The middle of the side of `b` that faces `toward`.
fn side(b: &Bounds, toward: Point) -> Point {
    let (cx, cy) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
    let (dx, dy) = (toward.x - cx, toward.y - cy);
    if dx.abs() * b.h >= dy.abs() * b.w {
        Point {
            x: if dx >= 0.0 { b.x + b.w } else { b.x },
            y: cy,
        }
    } else {
        Point {
            x: cx,
            y: if dy >= 0.0 { b.y + b.h } else { b.y },
        }
    }
}

/// The box around every lane and node, for a pool Flowlane draws itself; `tops` are the lanes'
/// band tops (`lane_tops`).
pub fn extent(process: &Process, tops: &HashMap<Id, f64>) -> Bounds {
    let bottom = process
        .lanes
        .iter()
        .map(|l| tops.get(&l.id).copied().unwrap_or(0.0) + process.layout.lane_height(l.id))
        .fold(0.0, f64::max);
    let right = process
        .layout
        .nodes
        .values()
        .map(|b| b.x + b.w)
        .fold(400.0, f64::max);
    Bounds {
        x: -POOL_HEADER - LANE_HEADER,
        y: 0.0,
        w: right + POOL_HEADER + LANE_HEADER + 40.0,
        h: bottom,
    }
}

/// A lane's band in the pool `extent`, right of the pool's name band.
pub fn lane_band(extent: &Bounds, top: f64, height: f64) -> Bounds {
    Bounds {
        x: extent.x + POOL_HEADER,
        y: top,
        w: extent.w - POOL_HEADER,
        h: height,
    }
}

/// Edge ends for a flow Flowlane routes itself: from the side of the source box facing the
/// first bend (or the target) to the side of the target box facing the last.
pub fn edge_ends(source: &Bounds, target: &Bounds, bends: &[Point]) -> [Point; 2] {
    let centre = |b: &Bounds| Point {
        x: b.x + b.w / 2.0,
        y: b.y + b.h / 2.0,
    };
    let toward = bends.first().copied().unwrap_or_else(|| centre(target));
    let back = bends.last().copied().unwrap_or_else(|| centre(source));
    [side(source, toward), side(target, back)]
}
