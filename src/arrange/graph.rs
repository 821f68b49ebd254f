//! The layered graph of one frame: cycles broken by reversing the back edges a depth-first
//! search finds, layers by longest path, and long edges split by dummy items so every edge
//! joins neighbouring layers (Sugiyama, Tagawa, Toda 1981).

use crate::model::Id;

/// A box to place: a node, or a dummy that carries a long flow through a layer.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub node: Option<Id>,
    /// The lane band it stays in (0 inside a sub-process).
    pub band: usize,
    pub w: f64,
    pub h: f64,
    /// Room kept under the box for the boundary events on its bottom border.
    pub below: f64,
    pub layer: usize,
    /// A gateway: branches leave and join it through its top and bottom corners.
    pub gateway: bool,
}

/// A flow as the graph carries it: its items from source to target, layer by layer.
#[derive(Clone, Debug)]
pub(super) struct Chain {
    pub flow: Id,
    /// Source item (the host for a boundary event's flow), dummies, target item.
    pub items: Vec<usize>,
    /// A flow that goes back to an earlier layer (a loop); it is drawn under the nodes.
    pub back: bool,
    /// The boundary event the flow leaves from, if any.
    pub boundary: Option<Id>,
}

/// What the graph is built from: the frame's nodes and the flows between them.
pub(super) struct Edge {
    pub flow: Id,
    pub source: usize,
    pub target: usize,
    pub boundary: Option<Id>,
}

pub(super) struct Graph {
    pub items: Vec<Item>,
    /// Neighbours in the layer before and after, one entry per edge.
    pub preds: Vec<Vec<usize>>,
    pub succs: Vec<Vec<usize>>,
    /// Beside each entry of `preds` and `succs`: the flow leaves its source through a boundary
    /// event, under the source's box, so it counts as leaving below the source's other flows.
    pub preds_low: Vec<Vec<bool>>,
    pub succs_low: Vec<Vec<bool>>,
    pub layers: Vec<Vec<usize>>,
    pub chains: Vec<Chain>,
    /// Depth-first discovery rank of each real item: the first order within a layer.
    pub rank: Vec<usize>,
}

/// Builds the layered graph over `nodes` (the first items) and `edges` between them.
pub(super) fn build(nodes: Vec<Item>, edges: &[Edge]) -> Graph {
    let n = nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut incoming = vec![0usize; n];
    for (e, edge) in edges.iter().enumerate() {
        if edge.source != edge.target {
            out[edge.source].push(e);
            incoming[edge.target] += 1;
        }
    }
    let (back, mut rank) = back_edges(edges, &out, &incoming);
    let layer = longest_path(n, edges, &back);
    let mut items = nodes;
    for (item, l) in items.iter_mut().zip(&layer) {
        item.layer = *l;
    }
    let mut chains = Vec::new();
    let mut preds = vec![Vec::new(); n];
    let mut succs = vec![Vec::new(); n];
    let mut preds_low = vec![Vec::new(); n];
    let mut succs_low = vec![Vec::new(); n];
    for (e, edge) in edges.iter().enumerate() {
        if edge.source == edge.target {
            chains.push(Chain {
                flow: edge.flow,
                items: vec![edge.source],
                back: true,
                boundary: edge.boundary,
            });
            continue;
        }
        let (from, to) = if back[e] {
            (edge.target, edge.source)
        } else {
            (edge.source, edge.target)
        };
        let low = edge.boundary.is_some() && !back[e];
        let mut chain = vec![from];
        let mut previous = from;
        for l in items[from].layer + 1..items[to].layer {
            let dummy = items.len();
            items.push(Item {
                node: None,
                band: items[from].band,
                w: 0.0,
                h: 0.0,
                below: 0.0,
                layer: l,
                gateway: false,
            });
            preds.push(Vec::new());
            succs.push(Vec::new());
            preds_low.push(Vec::new());
            succs_low.push(Vec::new());
            // A dummy starts beside the item it comes from.
            rank.push(rank[from]);
            succs[previous].push(dummy);
            preds[dummy].push(previous);
            succs_low[previous].push(low && previous == from);
            preds_low[dummy].push(low && previous == from);
            chain.push(dummy);
            previous = dummy;
        }
        succs[previous].push(to);
        preds[to].push(previous);
        succs_low[previous].push(low && previous == from);
        preds_low[to].push(low && previous == from);
        chain.push(to);
        if back[e] {
            chain.reverse();
        }
        chains.push(Chain {
            flow: edge.flow,
            items: chain,
            back: back[e],
            boundary: edge.boundary,
        });
    }
    let depth = items.iter().map(|i| i.layer + 1).max().unwrap_or(0);
    let mut layers = vec![Vec::new(); depth];
    for (i, item) in items.iter().enumerate() {
        layers[item.layer].push(i);
    }
    Graph {
        items,
        preds,
        succs,
        preds_low,
        succs_low,
        layers,
        chains,
        rank,
    }
}

/// Marks the edges that close a cycle (they reach a node still on the depth-first stack) and
/// ranks nodes by discovery; the search starts from nodes nothing flows into.
fn back_edges(edges: &[Edge], out: &[Vec<usize>], incoming: &[usize]) -> (Vec<bool>, Vec<usize>) {
    let n = out.len();
    let mut back = vec![false; edges.len()];
    let mut state = vec![0u8; n];
    let mut rank = vec![0usize; n];
    let mut next = 0;
    let roots = (0..n)
        .filter(|&v| incoming[v] == 0)
        .chain((0..n).filter(|&v| incoming[v] != 0));
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        rank[root] = next;
        next += 1;
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if let Some(&e) = out[v].get(i) {
                top.1 += 1;
                let w = edges[e].target;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        rank[w] = next;
                        next += 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    (back, rank)
}

/// Each node one layer right of its furthest predecessor, back edges taken reversed.
fn longest_path(n: usize, edges: &[Edge], back: &[bool]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (e, edge) in edges.iter().enumerate() {
        if edge.source == edge.target {
            continue;
        }
        let (a, b) = if back[e] {
            (edge.target, edge.source)
        } else {
            (edge.source, edge.target)
        };
        succ[a].push(b);
        indegree[b] += 1;
    }
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push(w);
            }
        }
    }
    layer
}
