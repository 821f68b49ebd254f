//! Crossing repair after routing. The ordering step counts crossings of straight flows between
//! neighbouring columns, but the drawn flows are orthogonal: a flow that turns into its target's
//! top or bottom, or drops from a boundary event, can still cross another one near a shared
//! target. Each flow that crosses something tries the other routes it may take (fewer optional
//! corners) and keeps the one that crosses least, a greedy local search over route variants in
//! the spirit of the edge re-routing passes of orthogonal connector routers (Wybrow, Marriott,
//! Stuckey, "Orthogonal connector routing", Graph Drawing 2009). Two flows running along one
//! segment count as a crossing too, unless they share their source or target (a split or a
//! join), so a crossing is never just hidden in an overlap.

use crate::model::{Id, Point};

/// Width of the vertical strips segments are filed under, so only near ones are compared.
const STRIP: f64 = 200.0;
/// Passes over the flows; a second pass catches flows freed by another's move.
const PASSES: usize = 2;

/// A routed flow: its whole polyline (source centre, bends, target centre) and its ends.
pub(super) struct Line {
    pub points: Vec<Point>,
    /// The source item and, for a flow from a boundary event, that event.
    pub source: (usize, Option<Id>),
    pub target: usize,
}

/// Replaces lines by one of their `alternatives` (whole polylines) where that lowers the
/// crossings with all other lines; ties keep the line as it is.
pub(super) fn untangle(lines: &mut [Line], alternatives: &dyn Fn(usize) -> Vec<Vec<Point>>) {
    let left = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.x))
        .fold(f64::INFINITY, f64::min);
    if !left.is_finite() {
        return;
    }
    let mut strips = Strips {
        left,
        cells: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate() {
        strips.file(i, &line.points);
    }
    for _ in 0..PASSES {
        let mut moved = false;
        for i in 0..lines.len() {
            let now = strips.cost(lines, i, &lines[i].points);
            if now == 0 {
                continue;
            }
            let best = alternatives(i)
                .into_iter()
                .map(|points| (strips.cost(lines, i, &points), points))
                .min_by_key(|(cost, points)| (*cost, points.len()));
            if let Some((cost, points)) = best {
                if cost < now {
                    strips.unfile(i, &lines[i].points);
                    strips.file(i, &points);
                    lines[i].points = points;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Segments filed by the strips of x they span: (line, segment start, segment end).
struct Strips {
    left: f64,
    cells: Vec<Vec<(usize, Point, Point)>>,
}

impl Strips {
    fn span(&self, a: Point, b: Point) -> std::ops::RangeInclusive<usize> {
        let cell = |x: f64| ((x - self.left) / STRIP).floor().max(0.0) as usize;
        cell(a.x.min(b.x))..=cell(a.x.max(b.x))
    }

    fn file(&mut self, line: usize, points: &[Point]) {
        for s in points.windows(2) {
            let span = self.span(s[0], s[1]);
            if self.cells.len() <= *span.end() {
                self.cells.resize_with(span.end() + 1, Vec::new);
            }
            for c in span {
                self.cells[c].push((line, s[0], s[1]));
            }
        }
    }

    fn unfile(&mut self, line: usize, points: &[Point]) {
        for s in points.windows(2) {
            for c in self.span(s[0], s[1]) {
                if let Some(cell) = self.cells.get_mut(c) {
                    cell.retain(|(l, ..)| *l != line);
                }
            }
        }
    }

    /// Crossings and foreign overlaps of `points` drawn for line `i` with every other line.
    fn cost(&self, lines: &[Line], i: usize, points: &[Point]) -> usize {
        let mut total = 0;
        for s in points.windows(2) {
            let span = self.span(s[0], s[1]);
            for c in span.clone() {
                let Some(cell) = self.cells.get(c) else { break };
                for &(j, a, b) in cell {
                    // Each pair once: in the first strip both segments span.
                    if j == i || c != (*span.start()).max(*self.span(a, b).start()) {
                        continue;
                    }
                    let joined =
                        lines[j].source == lines[i].source || lines[j].target == lines[i].target;
                    if crosses(s[0], s[1], a, b) || (!joined && overlaps(s[0], s[1], a, b)) {
                        total += 1;
                    }
                }
            }
        }
        total
    }
}

fn orientation(a: Point, b: Point, c: Point) -> i8 {
    let v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if v.abs() < 1e-9 {
        0
    } else if v > 0.0 {
        1
    } else {
        -1
    }
}

/// Two segments crossing in their interiors (touching ends do not count).
fn crosses(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    orientation(p1, p2, q1) * orientation(p1, p2, q2) < 0
        && orientation(q1, q2, p1) * orientation(q1, q2, p2) < 0
}

/// Two segments on one line sharing more than a point.
fn overlaps(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    if orientation(p1, p2, q1) != 0 || orientation(p1, p2, q2) != 0 {
        return false;
    }
    let vertical = p1.x == p2.x && q1.x == q2.x;
    let (a0, a1, b0, b1) = match vertical {
        true => (p1.y, p2.y, q1.y, q2.y),
        false => (p1.x, p2.x, q1.x, q2.x),
    };
    a0.max(a1).min(b0.max(b1)) - a0.min(a1).max(b0.min(b1)) > 1e-9
}

#[cfg(test)]
mod tests {
    use super::{untangle, Line};
    use crate::model::Point;

    fn line(points: &[(f64, f64)], source: usize, target: usize) -> Line {
        Line {
            points: polyline(points),
            source: (source, None),
            target,
        }
    }

    fn polyline(points: &[(f64, f64)]) -> Vec<Point> {
        points.iter().map(|&(x, y)| Point { x, y }).collect()
    }

    #[test]
    fn a_flow_takes_the_route_that_crosses_nothing() {
        // A horizontal flow, and one that turns into its target's top across it; the other
        // route, through the gap before the target, crosses nothing.
        let mut lines = vec![
            line(&[(0.0, 50.0), (400.0, 50.0)], 0, 1),
            line(&[(100.0, 0.0), (300.0, 0.0), (300.0, 100.0)], 2, 3),
        ];
        let gap = polyline(&[(100.0, 0.0), (250.0, 0.0), (250.0, 40.0), (300.0, 40.0)]);
        let other = gap.clone();
        untangle(&mut lines, &move |i| match i {
            1 => vec![other.clone()],
            _ => Vec::new(),
        });
        assert_eq!(lines[1].points, gap);
    }

    #[test]
    fn an_overlap_with_a_foreign_flow_is_no_way_out() {
        let mut lines = vec![
            line(&[(0.0, 50.0), (400.0, 50.0)], 0, 1),
            line(&[(100.0, 0.0), (300.0, 0.0), (300.0, 100.0)], 2, 3),
        ];
        let before = lines[1].points.clone();
        // Runs along the first flow for a while: as bad as the crossing it avoids.
        let along = polyline(&[(100.0, 0.0), (100.0, 50.0), (300.0, 50.0), (300.0, 100.0)]);
        untangle(&mut lines, &move |i| match i {
            1 => vec![along.clone()],
            _ => Vec::new(),
        });
        assert_eq!(lines[1].points, before);
    }
}
