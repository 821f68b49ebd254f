//! Rectangle helpers over the model's `Bounds` and `Point`, as the canvas has them.

use crate::model::{Bounds, Point};

pub fn right(r: &Bounds) -> f64 {
    r.x + r.w
}

pub fn bottom(r: &Bounds) -> f64 {
    r.y + r.h
}

pub fn center(r: &Bounds) -> Point {
    Point {
        x: r.x + r.w / 2.0,
        y: r.y + r.h / 2.0,
    }
}

/// Touching edges count as intersecting.
pub fn intersects(a: &Bounds, b: &Bounds) -> bool {
    a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

pub fn inflate(r: &Bounds, by: f64) -> Bounds {
    Bounds {
        x: r.x - by,
        y: r.y - by,
        w: r.w + 2.0 * by,
        h: r.h + 2.0 * by,
    }
}

pub fn union(a: &Bounds, b: &Bounds) -> Bounds {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    Bounds {
        x,
        y,
        w: right(a).max(right(b)) - x,
        h: bottom(a).max(bottom(b)) - y,
    }
}

pub fn bounds_of_points(points: &[Point]) -> Bounds {
    let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
    let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in points {
        min_x = min_x.min(p.x);
        min_y = min_y.min(p.y);
        max_x = max_x.max(p.x);
        max_y = max_y.max(p.y);
    }
    if min_x > max_x {
        return Bounds {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0,
        };
    }
    Bounds {
        x: min_x,
        y: min_y,
        w: max_x - min_x,
        h: max_y - min_y,
    }
}

pub fn overlap_area(a: &Bounds, b: &Bounds) -> f64 {
    if !intersects(a, b) {
        return 0.0;
    }
    let w = right(a).min(right(b)) - a.x.max(b.x);
    let h = bottom(a).min(bottom(b)) - a.y.max(b.y);
    w.max(0.0) * h.max(0.0)
}
