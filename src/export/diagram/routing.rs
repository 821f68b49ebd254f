//! Orthogonal flow routes between node borders: the rules of the app's canvas
//! (`ui/src/canvas/routing.ts`), so an export routes every flow as the canvas does; both are
//! pinned by `tests/fixtures/twins/routing.json` and `scene.json`.

use super::geometry::{bottom, center, right};
use crate::model::{Bounds, Point};

/// How a shape meets a connection: boxes accept any point on their border, the others only the
/// four side midpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outline {
    Box,
    Diamond,
    Circle,
}

#[derive(Clone, Copy, Debug)]
pub struct Endpoint {
    pub rect: Bounds,
    pub outline: Outline,
    /// More than one flow leaves it (a split).
    pub splits: bool,
    /// More than one flow enters it (a join).
    pub joins: bool,
}

/// A route through a shape costs more than any difference in style.
const CROSSING_COST: f64 = 100.0;
/// Straight runs share a y (or x) with both shapes only when their overlap leaves this margin.
const STRAIGHT_MARGIN: f64 = 8.0;

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// Shapes that line up are joined by a straight run. Otherwise a few candidate shapes (Z across,
/// Z down, L either way) are scored by style and by the shapes they run through (`crossings`),
/// and the cheapest wins. A split leaves its gateway vertically, a join is entered vertically, a
/// loop back enters its target from above or below, and steps in different lanes are joined by a Z.
pub fn route_orthogonal(
    source: &Endpoint,
    target: &Endpoint,
    crossings: &dyn Fn(&[Point]) -> usize,
) -> Vec<Point> {
    let a = &source.rect;
    let b = &target.rect;
    let ac = center(a);
    let bc = center(b);
    let to_right = b.x > right(a);
    let to_left = right(b) < a.x;
    let below = b.y > bottom(a);
    let above = bottom(b) < a.y;

    if to_right || to_left {
        let exit_x = if to_right { right(a) } else { a.x };
        let entry_x = if to_right { b.x } else { right(b) };
        let spans = (a.y, bottom(a), b.y, bottom(b), ac.y, bc.y);
        if let Some(shared) = shared_span(source, target, spans) {
            return vec![pt(exit_x, shared), pt(entry_x, shared)];
        }
        let mid_x = (exit_x + entry_x) / 2.0;
        let mut candidates = vec![(
            10.0,
            vec![
                pt(exit_x, ac.y),
                pt(mid_x, ac.y),
                pt(mid_x, bc.y),
                pt(entry_x, bc.y),
            ],
        )];
        if below || above {
            let exit_y = if below { bottom(a) } else { a.y };
            let entry_y = if below { b.y } else { bottom(b) };
            let mid_y = (exit_y + entry_y) / 2.0;
            let is_split = source.outline == Outline::Diamond && source.splits;
            let is_join = target.outline == Outline::Diamond && target.joins;
            candidates.push((
                if is_split { 0.0 } else { 30.0 },
                vec![pt(ac.x, exit_y), pt(ac.x, bc.y), pt(entry_x, bc.y)],
            ));
            let l_across = if is_join {
                0.0
            } else if to_left {
                5.0
            } else {
                30.0
            };
            candidates.push((
                l_across,
                vec![pt(exit_x, ac.y), pt(bc.x, ac.y), pt(bc.x, entry_y)],
            ));
            candidates.push((
                25.0,
                vec![
                    pt(ac.x, exit_y),
                    pt(ac.x, mid_y),
                    pt(bc.x, mid_y),
                    pt(bc.x, entry_y),
                ],
            ));
        }
        return cheapest(candidates, crossings);
    }

    if below || above {
        let exit_y = if below { bottom(a) } else { a.y };
        let entry_y = if below { b.y } else { bottom(b) };
        let spans = (a.x, right(a), b.x, right(b), ac.x, bc.x);
        if let Some(shared) = shared_span(source, target, spans) {
            return vec![pt(shared, exit_y), pt(shared, entry_y)];
        }
        let mid_y = (exit_y + entry_y) / 2.0;
        return vec![
            pt(ac.x, exit_y),
            pt(ac.x, mid_y),
            pt(bc.x, mid_y),
            pt(bc.x, entry_y),
        ];
    }

    // Overlapping shapes: no sensible orthogonal route, join the centres.
    vec![ac, bc]
}

/// Routes through the modeller's bend points: leaves the source on the side facing the first
/// bend and enters the target on the side facing the last, adding an elbow where needed.
pub fn route_through(source: &Endpoint, target: &Endpoint, bends: &[Point]) -> Vec<Point> {
    let (Some(first), Some(last)) = (bends.first(), bends.last()) else {
        return route_orthogonal(source, target, &|_| 0);
    };
    let exit = side_facing(&source.rect, first);
    let entry = side_facing(&target.rect, last);
    let mut points = vec![exit];
    push_elbow(
        &mut points,
        exit,
        *first,
        is_horizontal_side(&source.rect, exit),
    );
    points.extend_from_slice(bends);
    let mut before_entry = Vec::new();
    push_elbow(
        &mut before_entry,
        entry,
        *last,
        is_horizontal_side(&target.rect, entry),
    );
    points.extend(before_entry.into_iter().rev());
    points.push(entry);
    points.dedup_by(|b, a| a.x == b.x && a.y == b.y);
    points
}

fn cheapest(
    candidates: Vec<(f64, Vec<Point>)>,
    crossings: &dyn Fn(&[Point]) -> usize,
) -> Vec<Point> {
    let mut best = None;
    let mut best_cost = f64::INFINITY;
    for (preference, points) in candidates {
        let cost = preference + CROSSING_COST * crossings(&points) as f64;
        if cost < best_cost {
            best_cost = cost;
            best = Some(points);
        }
    }
    best.unwrap_or_default()
}

/// A coordinate on which a straight run meets both shapes: (a start, a end, b start, b end,
/// a middle, b middle).
fn shared_span(
    source: &Endpoint,
    target: &Endpoint,
    (a_start, a_end, b_start, b_end, a_mid, b_mid): (f64, f64, f64, f64, f64, f64),
) -> Option<f64> {
    if (a_mid - b_mid).abs() < 1.0 {
        return Some(a_mid);
    }
    if source.outline != Outline::Box || target.outline != Outline::Box {
        return None;
    }
    let lo = a_start.max(b_start) + STRAIGHT_MARGIN;
    let hi = a_end.min(b_end) - STRAIGHT_MARGIN;
    (lo <= hi).then_some((lo + hi) / 2.0)
}

fn side_facing(r: &Bounds, toward: &Point) -> Point {
    let c = center(r);
    let dx = toward.x - c.x;
    let dy = toward.y - c.y;
    if dx.abs() * r.h >= dy.abs() * r.w {
        pt(if dx >= 0.0 { right(r) } else { r.x }, c.y)
    } else {
        pt(c.x, if dy >= 0.0 { bottom(r) } else { r.y })
    }
}

fn is_horizontal_side(r: &Bounds, p: Point) -> bool {
    p.x == r.x || p.x == right(r)
}

/// Adds the corner that makes `from → to` orthogonal, leaving `from` along its side's normal.
fn push_elbow(points: &mut Vec<Point>, from: Point, to: Point, leaves_horizontally: bool) {
    if from.x == to.x || from.y == to.y {
        return;
    }
    points.push(if leaves_horizontally {
        pt(to.x, from.y)
    } else {
        pt(from.x, to.y)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(x: f64, y: f64, w: f64, h: f64, outline: Outline) -> Endpoint {
        Endpoint {
            rect: Bounds { x, y, w, h },
            outline,
            splits: false,
            joins: false,
        }
    }

    #[test]
    fn aligned_shapes_get_a_straight_run() {
        let a = endpoint(0.0, 0.0, 100.0, 60.0, Outline::Box);
        let b = endpoint(200.0, 10.0, 100.0, 60.0, Outline::Box);
        let route = route_orthogonal(&a, &b, &|_| 0);
        assert_eq!(route, vec![pt(100.0, 35.0), pt(200.0, 35.0)]);
    }

    #[test]
    fn a_split_leaves_its_gateway_vertically() {
        let mut a = endpoint(0.0, 0.0, 50.0, 50.0, Outline::Diamond);
        a.splits = true;
        let b = endpoint(200.0, 200.0, 100.0, 60.0, Outline::Box);
        let route = route_orthogonal(&a, &b, &|_| 0);
        assert_eq!(
            route,
            vec![pt(25.0, 50.0), pt(25.0, 230.0), pt(200.0, 230.0)]
        );
    }

    #[test]
    fn a_crossing_costs_more_than_style() {
        let a = endpoint(0.0, 0.0, 100.0, 60.0, Outline::Box);
        let b = endpoint(300.0, 200.0, 100.0, 60.0, Outline::Box);
        // Every route but the Z down crosses something.
        let route = route_orthogonal(&a, &b, &|points: &[Point]| {
            usize::from(points.len() != 4 || points[0].x != 50.0)
        });
        assert_eq!(route[0], pt(50.0, 60.0));
    }

    #[test]
    fn bends_are_kept_with_elbows_at_the_ends() {
        let a = endpoint(0.0, 0.0, 100.0, 60.0, Outline::Box);
        let b = endpoint(300.0, 200.0, 100.0, 60.0, Outline::Box);
        let route = route_through(&a, &b, &[pt(200.0, 100.0)]);
        assert_eq!(route.first(), Some(&pt(100.0, 30.0)));
        assert_eq!(route.last(), Some(&pt(350.0, 200.0)));
        assert!(route
            .windows(2)
            .all(|w| w[0].x == w[1].x || w[0].y == w[1].y));
    }
}
