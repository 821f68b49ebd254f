//! The Sugiyama steps on small graphs: back edges and layers, crossing reduction, placement.

use super::graph::{build, Edge, Graph, Item};
use super::order::{crossings, reduce_crossings};
use super::place::place;
use crate::model::Id;

fn item(band: usize) -> Item {
    Item {
        node: Some(Id::nil()),
        band,
        w: 100.0,
        h: 60.0,
        below: 0.0,
        layer: 0,
        gateway: false,
    }
}

fn graph(bands: &[usize], edges: &[(usize, usize)]) -> Graph {
    let plain: Vec<_> = edges.iter().map(|&(s, t)| (s, t, false)).collect();
    build(bands.iter().map(|&b| item(b)).collect(), &edges_of(&plain))
}

/// Edges by (source, target, from a boundary event on the source), numbered as given.
fn edges_of(edges: &[(usize, usize, bool)]) -> Vec<Edge> {
    edges
        .iter()
        .enumerate()
        .map(|(i, &(source, target, boundary))| Edge {
            flow: Id::from_u128(i as u128 + 1),
            source,
            target,
            boundary: boundary.then_some(Id::from_u128(99)),
        })
        .collect()
}

fn positions(g: &Graph) -> Vec<usize> {
    let mut pos = vec![0; g.items.len()];
    for layer in &g.layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

#[test]
fn a_loop_is_reversed_and_layers_follow_the_longest_path() {
    // 0 -> 1 -> 2 -> 3, 0 -> 3, and 2 -> 1 back.
    let g = graph(&[0; 4], &[(0, 1), (1, 2), (2, 3), (0, 3), (2, 1)]);
    let layers: Vec<usize> = g.items[..4].iter().map(|i| i.layer).collect();
    assert_eq!(layers, vec![0, 1, 2, 3]);
    let back: Vec<bool> = g.chains.iter().map(|c| c.back).collect();
    assert_eq!(back, vec![false, false, false, false, true]);
    // 0 -> 3 spans two layers: two dummies carry it.
    assert_eq!(g.chains[3].items.len(), 4);
    assert!(g.items[4..].iter().all(|i| i.node.is_none()));
}

#[test]
fn sweeps_untangle_crossed_pairs_and_keep_lanes_apart() {
    // Two chains whose second layer starts crossed: 0 -> 3, 1 -> 2 (2 is ranked first).
    let mut g = graph(&[0, 0, 0, 0], &[(0, 3), (1, 2)]);
    g.rank = vec![0, 1, 0, 1];
    g.layers[1] = vec![2, 3];
    assert_eq!(crossings(&g, &positions(&g)), 1);
    reduce_crossings(&mut g);
    assert_eq!(crossings(&g, &positions(&g)), 0);
    // Across lanes the band decides: an item of band 1 always comes after band 0's.
    let mut g = graph(&[0, 1, 1, 0], &[(0, 2), (1, 3)]);
    reduce_crossings(&mut g);
    assert_eq!(g.layers[1], vec![3, 2]);
}

#[test]
fn placement_keeps_order_and_gaps_and_never_overlaps() {
    let mut g = graph(&[0; 5], &[(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4)]);
    g.items[0].gateway = true;
    g.items[4].gateway = true;
    reduce_crossings(&mut g);
    let at = place(&g, 0.0);
    let column = &g.layers[1];
    for pair in column.windows(2) {
        assert!(
            at.y[pair[1]] - at.y[pair[0]] >= 60.0 + 40.0,
            "a row gap between boxes"
        );
    }
    // The split and the join sit on the middle branch's row.
    assert_eq!(at.y[0], at.y[column[1]]);
    assert_eq!(at.y[4], at.y[0]);
    assert!(
        at.x[0] < at.x[1] && at.x[1] < at.x[4],
        "left to right by layer"
    );
}

#[test]
fn a_boundary_flow_goes_below_its_hosts_other_flows() {
    // 0 -> 1 from the host itself, 0 -> 2 from a boundary event on it; 2 starts above 1.
    let edges = [(0, 2, true), (0, 1, false)];
    let edges = edges_of(&edges);
    let mut g = build(vec![item(0), item(0), item(0)], &edges);
    g.layers[1] = vec![2, 1];
    assert_eq!(
        crossings(&g, &positions(&g)),
        1,
        "the boundary flow leaves low"
    );
    reduce_crossings(&mut g);
    assert_eq!(g.layers[1], vec![1, 2]);
    assert_eq!(crossings(&g, &positions(&g)), 0);
}

#[test]
fn sideways_swaps_leave_a_plateau_that_sweeps_and_strict_swaps_cannot() {
    // A split into three (1, 2, 3); 1 -> 4 whose boundary event and 3 (by a long flow) both
    // flow into 7; 2 -> 5 -> 8. Depth-first ranks start 3's chain below 2's, and every single
    // swap or barycentre sort keeps one crossing; three swaps in a row remove it.
    let edges = [
        (0, 1, false),
        (0, 2, false),
        (0, 3, false),
        (1, 4, false),
        (2, 5, false),
        (3, 7, false),
        (4, 6, false),
        (4, 7, true),
        (5, 8, false),
    ];
    let edges = edges_of(&edges);
    let mut g = build((0..9).map(|_| item(0)).collect(), &edges);
    let first: Vec<usize> = g.layers[3].clone();
    assert_eq!(first, vec![6, 7, 8]);
    assert_eq!(crossings(&g, &positions(&g)), 1);
    reduce_crossings(&mut g);
    assert_eq!(crossings(&g, &positions(&g)), 0);
}
