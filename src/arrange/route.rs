//! Orthogonal routing of sequence flows over a placed frame: bend points only where a flow
//! changes row. A flow runs along its dummies' rows and changes row in the gap between two
//! columns; a gateway's branches leave (and a join's branches enter) through its top or bottom
//! corner when nothing stands in the way; a loop goes back under the nodes it spans, in a
//! channel of its own.

use std::collections::HashMap;

use super::graph::{Chain, Graph};
use super::place::Placement;
use super::untangle::{untangle, Line};
use crate::model::{Bounds, Id, Point};

/// Space between the lowest box a loop passes and the loop.
const CHANNEL_GAP: f64 = 24.0;
/// Space between two loops under the same nodes.
const CHANNEL_STEP: f64 = 12.0;
/// Where a loop over the top of a band runs, from the band's top (above every box).
const OVER_TOP: f64 = 14.0;
/// How far a flow leaves a boundary event before it turns.
const STUB: f64 = 16.0;

/// The placed frame routing works over: centres in frame coordinates.
pub(super) struct Placed<'a> {
    pub graph: &'a Graph,
    pub at: &'a Placement,
    pub band_top: &'a [f64],
    /// Boundary events' boxes, in frame coordinates.
    pub boundaries: &'a HashMap<Id, Bounds>,
}

impl Placed<'_> {
    fn centre(&self, v: usize) -> Point {
        let item = &self.graph.items[v];
        Point {
            x: self.at.x[v],
            y: self.band_top[item.band] + self.at.y[v],
        }
    }

    fn rect(&self, v: usize) -> Bounds {
        let item = &self.graph.items[v];
        let c = self.centre(v);
        Bounds::new(c.x - item.w / 2.0, c.y - item.h / 2.0, item.w, item.h)
    }

    /// Whether the axis-parallel segment from `a` to `b` in column `layer` touches no box there
    /// other than `except`.
    fn clear(&self, layer: usize, a: Point, b: Point, except: &[usize]) -> bool {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        self.graph.layers[layer].iter().all(|&v| {
            if except.contains(&v) {
                return true;
            }
            if self.graph.items[v].node.is_none() {
                // A long flow runs across the whole column at its dummy's row.
                let row = self.centre(v).y;
                return x0 != x1 || row <= y0 || y1 <= row;
            }
            let r = self.rect(v);
            x1 < r.x || r.x + r.w < x0 || y1 < r.y || r.y + r.h + self.graph.items[v].below < y0
        })
    }

    /// Whether a flow arriving at row `row` can turn into the top or bottom of its `k`-th item
    /// inside that item's column, with one bend.
    fn turn_in_is_clear(&self, chain: &Chain, k: usize, row: f64) -> bool {
        let v = chain.items[k];
        let layer = self.graph.items[v].layer;
        let centre = self.centre(v);
        let corner = Point {
            x: centre.x,
            y: row,
        };
        let edge = Point {
            x: self.at.column_left[layer],
            y: row,
        };
        self.clear(layer, edge, corner, &[v]) && self.clear(layer, corner, centre, &[v])
    }

    fn gap(&self, layer: usize) -> f64 {
        (self.at.column_right[layer] + self.at.column_left[layer + 1]) / 2.0
    }

    /// The middle of the gap right (or left) of column `layer`.
    fn beside(&self, layer: usize, right: bool) -> f64 {
        let half = super::place::COLUMN_GAP / 2.0;
        match right {
            true if layer + 1 < self.at.column_left.len() => self.gap(layer),
            true => self.at.column_right[layer] + half,
            false if layer > 0 => self.gap(layer - 1),
            false => self.at.column_left[layer] - half,
        }
    }
}

/// The loops' channels: for each back chain, the lower band of its ends and its row there below
/// the boxes it spans, from the band's top; and the lowest point each band needs.
pub(super) fn channels(
    graph: &Graph,
    at: &Placement,
    bands: usize,
) -> (HashMap<usize, (usize, f64)>, Vec<f64>) {
    let items = &graph.items;
    let mut bottom = vec![vec![0.0f64; graph.layers.len()]; bands];
    for (v, item) in items.iter().enumerate() {
        let b = &mut bottom[item.band][item.layer];
        *b = b.max(at.y[v] + item.h / 2.0 + item.below);
    }
    let mut band_bottom: Vec<f64> = bottom
        .iter()
        .map(|b| b.iter().copied().fold(0.0, f64::max))
        .collect();
    let mut loops: Vec<(usize, usize, usize, usize)> = graph
        .chains
        .iter()
        .enumerate()
        .filter(|(_, c)| c.back)
        .map(|(i, c)| {
            let (s, t) = (c.items[0], *c.items.last().unwrap_or(&c.items[0]));
            let (lo, hi) = (
                items[t].layer.min(items[s].layer),
                items[s].layer.max(items[t].layer),
            );
            // Under the lower of the two lanes, so the loop passes under everything it spans.
            (items[s].band.max(items[t].band), lo, hi, i)
        })
        .collect();
    loops.sort_unstable();
    let mut rows = HashMap::new();
    let mut tracks: Vec<(usize, Vec<usize>)> = Vec::new();
    for (band, lo, hi, chain) in loops {
        if tracks.last().is_none_or(|t| t.0 != band) {
            tracks.push((band, Vec::new()));
        }
        let ends = &mut tracks.last_mut().expect("pushed above").1;
        let track = match ends.iter().position(|&end| end < lo) {
            Some(t) => t,
            None => {
                ends.push(0);
                ends.len() - 1
            }
        };
        ends[track] = hi;
        let base = bottom[band][lo..=hi].iter().copied().fold(0.0, f64::max);
        let row = base + CHANNEL_GAP + CHANNEL_STEP * track as f64;
        band_bottom[band] = band_bottom[band].max(row);
        rows.insert(chain, (band, row));
    }
    (rows, band_bottom)
}

/// The bend points of every chain of the frame, in frame coordinates. A forward flow that
/// still crosses another takes a route with fewer optional corners where that crosses less.
pub(super) fn route(
    placed: &Placed,
    rows: &HashMap<usize, (usize, f64)>,
) -> HashMap<Id, Vec<Point>> {
    let chains = &placed.graph.chains;
    let draw = |i: usize, variant: Variant| {
        let chain = &chains[i];
        match rows.get(&i) {
            Some(&(band, row)) => back(placed, chain, placed.band_top[band] + row),
            None if chain.items.len() == 1 => self_loop(placed, chain),
            None => forward(placed, chain, variant),
        }
    };
    let whole = |i: usize, bends: Vec<Point>| {
        let chain = &chains[i];
        let source = source_box(placed, chain);
        let target = placed.centre(chain.items[chain.items.len() - 1]);
        let mut points = Vec::with_capacity(bends.len() + 2);
        points.push(Point {
            x: source.x + source.w / 2.0,
            y: source.y + source.h / 2.0,
        });
        points.extend(bends);
        points.push(target);
        points
    };
    let mut lines: Vec<Line> = (0..chains.len())
        .map(|i| Line {
            points: whole(i, draw(i, Variant::default())),
            source: (chains[i].items[0], chains[i].boundary),
            target: chains[i].items[chains[i].items.len() - 1],
        })
        .collect();
    let alternatives = |i: usize| -> Vec<Vec<Point>> {
        if rows.contains_key(&i) || chains[i].items.len() == 1 {
            return Vec::new();
        }
        let first = whole(i, draw(i, Variant::default()));
        let mut found: Vec<Vec<Point>> = Vec::new();
        for variant in Variant::OTHERS {
            let points = whole(i, draw(i, variant));
            if points != first && !found.contains(&points) {
                found.push(points);
            }
        }
        found
    };
    untangle(&mut lines, &alternatives);
    chains
        .iter()
        .zip(lines)
        .map(|(chain, line)| {
            let n = line.points.len();
            (chain.flow, line.points[1..n - 1].to_vec())
        })
        .collect()
}

/// Which optional corners a forward flow takes: by default it turns out of a gateway's top or
/// bottom corner (or drops from a boundary event straight to its next row) and turns into its
/// target's top or bottom when nothing is in the way; `plain_start` and `gap_end` leave those
/// out, at the price of a bend, for the crossing repair to choose.
#[derive(Clone, Copy, Default)]
struct Variant {
    plain_start: bool,
    gap_end: bool,
}

impl Variant {
    const OTHERS: [Variant; 3] = [
        Variant {
            plain_start: false,
            gap_end: true,
        },
        Variant {
            plain_start: true,
            gap_end: false,
        },
        Variant {
            plain_start: true,
            gap_end: true,
        },
    ];
}

fn source_box(placed: &Placed, chain: &Chain) -> Bounds {
    chain
        .boundary
        .and_then(|b| placed.boundaries.get(&b).copied())
        .unwrap_or_else(|| placed.rect(chain.items[0]))
}

fn forward(placed: &Placed, chain: &Chain, variant: Variant) -> Vec<Point> {
    let items = &placed.graph.items;
    let path: Vec<Point> = chain.items.iter().map(|&v| placed.centre(v)).collect();
    let first = chain.items[0];
    let mut bends = Vec::new();
    let mut row = path[0].y;
    if let Some(b) = chain.boundary.and_then(|b| placed.boundaries.get(&b)) {
        let x = b.x + b.w / 2.0;
        let below = b.y + b.h;
        if path[1].y >= below && !variant.plain_start {
            row = path[1].y;
        } else {
            row = below + STUB;
        }
        bends.push(Point { x, y: row });
    } else if path[1].y != row
        && !variant.plain_start
        && (items[first].gateway || (path.len() == 2 && !placed.turn_in_is_clear(chain, 1, row)))
    {
        let corner = Point {
            x: path[0].x,
            y: path[1].y,
        };
        let layer = items[first].layer;
        let edge = Point {
            x: placed.at.column_right[layer],
            y: path[1].y,
        };
        if placed.clear(layer, path[0], corner, &[first])
            && placed.clear(layer, corner, edge, &[first])
        {
            bends.push(corner);
            row = path[1].y;
        }
    }
    for k in 1..path.len() {
        if path[k].y == row {
            continue;
        }
        let v = chain.items[k];
        let layer = items[v].layer;
        let corner = Point {
            x: path[k].x,
            y: row,
        };
        if k == path.len() - 1 && !variant.gap_end && placed.turn_in_is_clear(chain, k, row) {
            bends.push(corner);
        } else {
            let x = placed.gap(layer - 1);
            bends.push(Point { x, y: row });
            bends.push(Point { x, y: path[k].y });
        }
        row = path[k].y;
    }
    bends
}

/// Down from the source, back along the channel, and up (or down) into the target; where a box
/// stands under either end in its column, that end turns through the gap beside its column.
fn back(placed: &Placed, chain: &Chain, row: f64) -> Vec<Point> {
    let items = &placed.graph.items;
    let (first, last) = (chain.items[0], chain.items[chain.items.len() - 1]);
    let source = source_box(placed, chain);
    let y = row;
    let target = placed.rect(last);
    let mut bends = Vec::new();
    let (sx, tx) = (source.x + source.w / 2.0, target.x + target.w / 2.0);
    let under_source = Point {
        x: sx,
        y: source.y + source.h,
    };
    // Over the top of the band when a box stands under the source but nothing above either end.
    let band = items[first].band;
    let top = placed.band_top[band] + OVER_TOP;
    let over = |v: usize, x: f64, b: &Bounds| {
        placed.clear(
            items[v].layer,
            Point { x, y: top },
            Point { x, y: b.y },
            &[v],
        )
    };
    if !placed.clear(
        items[first].layer,
        under_source,
        Point { x: sx, y },
        &[first],
    ) && items[last].band == band
        && over(first, sx, &source)
        && over(last, tx, &target)
    {
        return vec![Point { x: sx, y: top }, Point { x: tx, y: top }];
    }
    if placed.clear(
        items[first].layer,
        under_source,
        Point { x: sx, y },
        &[first],
    ) {
        bends.push(Point { x: sx, y });
    } else {
        let x = placed.beside(items[first].layer, true);
        let cy = source.y + source.h / 2.0;
        bends.extend([Point { x, y: cy }, Point { x, y }]);
    }
    let under_target = Point {
        x: tx,
        y: target.y + target.h,
    };
    if placed.clear(items[last].layer, Point { x: tx, y }, under_target, &[last]) {
        bends.push(Point { x: tx, y });
    } else {
        let x = placed.beside(items[last].layer, false);
        let cy = target.y + target.h / 2.0;
        bends.extend([Point { x, y }, Point { x, y: cy }]);
    }
    bends
}

/// Out to the right, over the top and down into the node itself.
fn self_loop(placed: &Placed, chain: &Chain) -> Vec<Point> {
    let r = source_box(placed, chain);
    let right = r.x + r.w + STUB;
    let above = r.y - STUB;
    vec![
        Point {
            x: right,
            y: r.y + r.h / 2.0,
        },
        Point { x: right, y: above },
        Point {
            x: r.x + r.w / 2.0,
            y: above,
        },
    ]
}

/// Bends for a flow between two boxes placed apart from any frame (a selection, a flow across
/// sub-processes): none when they share a row, else a step in the middle of the space between.
pub(super) fn elbow(source: &Bounds, target: &Bounds) -> Vec<Point> {
    let (sy, ty) = (source.y + source.h / 2.0, target.y + target.h / 2.0);
    if sy == ty {
        return Vec::new();
    }
    if target.x > source.x + source.w {
        let x = ((source.x + source.w + target.x) / 2.0).round();
        vec![Point { x, y: sy }, Point { x, y: ty }]
    } else {
        vec![Point {
            x: source.x + source.w / 2.0,
            y: ty,
        }]
    }
}
