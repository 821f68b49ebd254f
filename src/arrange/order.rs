//! Crossing reduction: layer-by-layer sweeps that sort each lane's items by the barycentre of
//! their neighbours in the layer just fixed (Sugiyama, Tagawa, Toda 1981; Gansner et al. 1993),
//! each followed by transpositions of neighbours (on every other sweep also those that cross as
//! much either way, to leave a plateau), keeping the order with the fewest crossings,
//! counted per layer pair with an accumulator tree (Barth, Jünger, Mutzel 2002). Items never
//! leave their lane band: bands sort first.

use super::graph::Graph;

const SWEEPS: usize = 12;
/// Passes of `transpose` after each sweep; it stops earlier once no swap helps.
const TRANSPOSE_PASSES: usize = 4;

/// Orders every layer of `graph` in place.
pub(super) fn reduce_crossings(graph: &mut Graph) {
    let mut pos = vec![0usize; graph.items.len()];
    for layer in &mut graph.layers {
        layer.sort_by_key(|&v| (graph.items[v].band, graph.rank[v], v));
    }
    index(&graph.layers, &mut pos);
    let mut best = graph.layers.clone();
    let mut fewest = crossings(graph, &pos);
    for sweep in 0..SWEEPS {
        if fewest == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (1..graph.layers.len()).collect()
        } else {
            (0..graph.layers.len().saturating_sub(1)).rev().collect()
        };
        for l in order {
            let neighbours = if down { &graph.preds } else { &graph.succs };
            let mut keyed: Vec<(usize, f64, usize)> = graph.layers[l]
                .iter()
                .map(|&v| {
                    let near = &neighbours[v];
                    // A flow from a boundary event leaves under its host.
                    let port = |k: usize| match down && graph.preds_low[v][k] {
                        true => 0.5,
                        false => 0.0,
                    };
                    let key = if near.is_empty() {
                        pos[v] as f64
                    } else {
                        near.iter()
                            .enumerate()
                            .map(|(k, &u)| pos[u] as f64 + port(k))
                            .sum::<f64>()
                            / near.len() as f64
                    };
                    (graph.items[v].band, key, v)
                })
                .collect();
            keyed.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then(pos[a.2].cmp(&pos[b.2]))
            });
            graph.layers[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
            for (i, &v) in graph.layers[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        // Every other sweep also swaps pairs that cross as much either way (Gansner et al.
        // 1993, as dot's `transpose` does with its `reverse` flag): a plateau move that lets
        // the next swaps, a layer further on, remove a crossing no single swap can.
        transpose(graph, &mut pos, sweep % 2 == 1);
        let count = crossings(graph, &pos);
        if count < fewest {
            fewest = count;
            best = graph.layers.clone();
        }
    }
    graph.layers = best;
}

/// Swaps neighbours of one lane in a layer while that removes crossings with the layers on
/// both sides (the transpose step of Gansner et al. 1993); `sideways` also swaps crossed pairs
/// that cross as much the other way round.
fn transpose(graph: &mut Graph, pos: &mut [usize], sideways: bool) {
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for l in 0..graph.layers.len() {
            for i in 1..graph.layers[l].len() {
                let (u, v) = (graph.layers[l][i - 1], graph.layers[l][i]);
                if graph.items[u].band != graph.items[v].band {
                    continue;
                }
                let now = pair_crossings(graph, pos, u, v);
                let swapped = pair_crossings(graph, pos, v, u);
                if swapped < now || (sideways && swapped == now && now > 0) {
                    graph.layers[l].swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings among the flows of `u` and `v` when `u` stands right above `v`.
fn pair_crossings(graph: &Graph, pos: &[usize], u: usize, v: usize) -> usize {
    let at = |near: &[Vec<usize>], low: Option<&[Vec<bool>]>, w: usize, k: usize| {
        2 * pos[near[w][k]] + low.map_or(0, |low| usize::from(low[w][k]))
    };
    let side = |near: &[Vec<usize>], low: Option<&[Vec<bool>]>| {
        (0..near[u].len())
            .map(|i| {
                let a = at(near, low, u, i);
                (0..near[v].len())
                    .filter(|&j| at(near, low, v, j) < a)
                    .count()
            })
            .sum::<usize>()
    };
    // Ports only matter on the side before: the flows out of `u` all leave above `v`'s.
    side(&graph.preds, Some(&graph.preds_low)) + side(&graph.succs, None)
}

fn index(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
}

/// Edge crossings between all neighbouring layers.
pub(super) fn crossings(graph: &Graph, pos: &[usize]) -> usize {
    let mut total = 0;
    for pair in graph.layers.windows(2) {
        let mut edges: Vec<(usize, usize)> = pair[0]
            .iter()
            .flat_map(|&u| {
                let low = &graph.succs_low[u];
                graph.succs[u]
                    .iter()
                    .zip(low)
                    .map(move |(&v, &l)| (2 * pos[u] + usize::from(l), pos[v]))
            })
            .collect();
        edges.sort_unstable();
        total += inversions(edges.iter().map(|e| e.1), pair[1].len());
    }
    total
}

/// Pairs out of order in `values` (each below `size`), with a Fenwick tree.
fn inversions(values: impl Iterator<Item = usize>, size: usize) -> usize {
    let mut tree = vec![0usize; size + 1];
    let mut count = 0;
    for (seen, v) in values.enumerate() {
        // Values seen so far that are greater than v.
        let mut i = v + 1;
        let mut not_greater = 0;
        while i > 0 {
            not_greater += tree[i];
            i &= i - 1;
        }
        count += seen - not_greater;
        let mut i = v + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::inversions;

    #[test]
    fn inversions_count_pairs_out_of_order() {
        assert_eq!(inversions([0, 1, 2].into_iter(), 3), 0);
        assert_eq!(inversions([2, 1, 0].into_iter(), 3), 3);
        assert_eq!(inversions([1, 1, 0].into_iter(), 2), 2);
    }
}
