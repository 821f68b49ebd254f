//! Coordinate assignment. Columns: one per layer, as wide as its widest box, shared by all lanes.
//! Rows: within each lane and layer the items keep their order; alternate sweeps pull each item
//! toward its neighbours in the same lane on the side just placed, and the order's minimum gaps
//! are restored by isotonic regression (pool adjacent violators, with medians): the branches of
//! a gateway spread above and below it, and a join sits between its branches. Last, single
//! items move onto a neighbour's row where there is room and more of their flows run straight.
//! A simpler balanced placement in the spirit of Brandes & Köpf (2001): chains stay straight,
//! branches balanced.

use super::graph::Graph;

/// Space between columns; vertical flow segments run in it.
pub(super) const COLUMN_GAP: f64 = 60.0;
/// Space between two boxes of a lane in one column.
const ROW_GAP: f64 = 40.0;
/// Space next to the channel of a long flow.
const DUMMY_GAP: f64 = 20.0;
/// Space above the first box of a band.
pub(super) const TOP_PAD: f64 = 40.0;
const SWEEPS: usize = 8;
/// Passes of `straighten`; each one only adds straight flows, and few are ever needed.
const STRAIGHTEN_PASSES: usize = 6;

pub(super) struct Placement {
    /// Centre of each item; `y` from the top of its band.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub column_left: Vec<f64>,
    pub column_right: Vec<f64>,
}

/// Places every item; columns start at `origin_x`.
pub(super) fn place(graph: &Graph, origin_x: f64) -> Placement {
    let items = &graph.items;
    let mut column_left = Vec::with_capacity(graph.layers.len());
    let mut column_right = Vec::with_capacity(graph.layers.len());
    let mut left = origin_x;
    for layer in &graph.layers {
        let width = layer.iter().map(|&v| items[v].w).fold(0.0, f64::max);
        column_left.push(left);
        column_right.push(left + width);
        left += width + COLUMN_GAP;
    }
    let x = items
        .iter()
        .map(|i| (column_left[i.layer] + column_right[i.layer]) / 2.0)
        .collect();

    let groups: Vec<&[usize]> = graph
        .layers
        .iter()
        .flat_map(|layer| layer.chunk_by(|&a, &b| items[a].band == items[b].band))
        .collect();
    let mut y = vec![0.0; items.len()];
    for group in &groups {
        let wanted = vec![f64::NEG_INFINITY; group.len()];
        settle(graph, group, &wanted, &mut y);
    }
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0 || sweep == SWEEPS - 1;
        let neighbours = if down { &graph.preds } else { &graph.succs };
        let ordered: Box<dyn Iterator<Item = &&[usize]>> = if down {
            Box::new(groups.iter())
        } else {
            Box::new(groups.iter().rev())
        };
        for group in ordered {
            let wanted: Vec<f64> = group
                .iter()
                .map(|&v| {
                    let mut near: Vec<f64> = neighbours[v]
                        .iter()
                        .filter(|&&u| items[u].band == items[v].band)
                        .map(|&u| y[u])
                        .collect();
                    wanted_row(&mut near, y[v], items[v].gateway)
                })
                .collect();
            settle(graph, group, &wanted, &mut y);
        }
    }
    for v in &mut y {
        *v = v.round();
    }
    straighten(graph, &groups, &mut y);
    Placement {
        x,
        y,
        column_left,
        column_right,
    }
}

/// Where an item wants its centre, given its neighbours' centres on the side just placed: a
/// gateway between them (branches balanced around it); anything else in line with the middle
/// one (the nearer of the two middle ones), so one of its flows runs straight.
fn wanted_row(near: &mut [f64], now: f64, gateway: bool) -> f64 {
    if near.is_empty() {
        return now;
    }
    if gateway {
        return near.iter().sum::<f64>() / near.len() as f64;
    }
    near.sort_by(f64::total_cmp);
    let upper = near[near.len() / 2];
    let lower = near[(near.len() - 1) / 2];
    if (lower - now).abs() <= (upper - now).abs() {
        lower
    } else {
        upper
    }
}

/// Moves single items, within the room their column leaves them, onto the row of one of their
/// neighbours wherever that makes more of their flows run straight (each straight flow saves
/// the bends of a row change). Every move adds straight flows, so the passes end.
fn straighten(graph: &Graph, groups: &[&[usize]], y: &mut [f64]) {
    let items = &graph.items;
    let straight = |v: usize, row: f64, y: &[f64]| {
        graph.preds[v]
            .iter()
            .chain(&graph.succs[v])
            .filter(|&&u| items[u].band == items[v].band && y[u] == row)
            .count()
    };
    for _ in 0..STRAIGHTEN_PASSES {
        let mut moved = false;
        for group in groups {
            for (k, &v) in group.iter().enumerate() {
                let low = match k {
                    0 => TOP_PAD + items[v].h / 2.0,
                    _ => y[group[k - 1]] + spacing(graph, group[k - 1], v),
                };
                let high = group
                    .get(k + 1)
                    .map_or(f64::INFINITY, |&w| y[w] - spacing(graph, v, w));
                let now = straight(v, y[v], y);
                let best = graph.preds[v]
                    .iter()
                    .chain(&graph.succs[v])
                    .filter(|&&u| items[u].band == items[v].band)
                    .map(|&u| y[u])
                    .filter(|&row| row != y[v] && low <= row && row <= high)
                    .map(|row| (straight(v, row, y), row))
                    .max_by(|a, b| {
                        a.0.cmp(&b.0)
                            .then((y[v] - b.1).abs().total_cmp(&(y[v] - a.1).abs()))
                    });
                if let Some((count, row)) = best {
                    if count > now {
                        y[v] = row;
                        moved = true;
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Distance between the centres of `u` and the item `v` right under it in one column.
fn spacing(graph: &Graph, u: usize, v: usize) -> f64 {
    let items = &graph.items;
    let gap = if items[u].node.is_some() && items[v].node.is_some() {
        ROW_GAP
    } else {
        DUMMY_GAP
    };
    items[u].h / 2.0 + items[u].below + gap + items[v].h / 2.0
}

/// Sets the centres of `group` (one lane's items in one column, in order) as close to `wanted`
/// as the order, the gaps and the band's top allow.
fn settle(graph: &Graph, group: &[usize], wanted: &[f64], y: &mut [f64]) {
    let items = &graph.items;
    let mut offset = Vec::with_capacity(group.len());
    let mut at = 0.0;
    for (k, &v) in group.iter().enumerate() {
        if k > 0 {
            at += spacing(graph, group[k - 1], v);
        }
        offset.push(at);
    }
    let lowest = TOP_PAD + items[group[0]].h / 2.0;
    let targets: Vec<f64> = wanted.iter().zip(&offset).map(|(w, o)| w - o).collect();
    for ((&v, z), o) in group.iter().zip(isotonic(&targets)).zip(&offset) {
        y[v] = z.max(lowest) + o;
    }
}

/// The non-decreasing sequence closest to `targets` in absolute distance (pool adjacent
/// violators with medians): unlike least squares it puts some items of a pooled block exactly
/// where they want to be, so their flows run straight; a pair still meets halfway.
fn isotonic(targets: &[f64]) -> Vec<f64> {
    let mut blocks: Vec<(f64, Vec<f64>)> = Vec::new();
    for &t in targets {
        let mut pooled = vec![t];
        let mut level = t;
        while let Some((previous, _)) = blocks.last() {
            if *previous <= level {
                break;
            }
            if let Some((_, before)) = blocks.pop() {
                pooled.extend(before);
            }
            pooled.sort_by(f64::total_cmp);
            level = median(&pooled);
        }
        blocks.push((level, pooled));
    }
    blocks
        .into_iter()
        .flat_map(|(level, pooled)| std::iter::repeat_n(level, pooled.len()))
        .collect()
}

/// The middle of sorted `values` (between the two middle ones when they are even).
fn median(values: &[f64]) -> f64 {
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn isotonic_pools_violators_to_their_median() {
        assert_eq!(isotonic(&[1.0, 2.0, 3.0]), vec![1.0, 2.0, 3.0]);
        assert_eq!(isotonic(&[3.0, 1.0]), vec![2.0, 2.0]);
        // Two branches that both want their gateway's row spread evenly around it.
        assert_eq!(isotonic(&[100.0, 0.0]), vec![50.0, 50.0]);
        // Three that cannot all have their way: the middle one gets it.
        assert_eq!(isotonic(&[30.0, 20.0, 0.0]), vec![20.0, 20.0, 20.0]);
    }
}
