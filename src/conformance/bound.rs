//! The alignment search's heuristic: a lower bound on the deviations still to come from a
//! marking at a position in the trace. It adds two counts of different moves, so the sum is a
//! lower bound too:
//! - **log moves**: events left whose step no transition reachable from the marked places does;
//! - **model moves**: every token must still reach the sink, and on the cheapest way there a
//!   step whose label the rest of the trace lacks can only be done by the model alone.
//!
//! Along any move each count falls by at most that move's cost (the bound is consistent), so
//! the search may close a state for good. A marking with a token that can never reach the sink
//! has no bound: no alignment goes on from it.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::net::Net;

/// What never changes for a net: the labels each place can still lead to, and the arcs the
/// search for the cheapest way to the sink walks back along.
pub struct Reach {
    /// `u64` words of a label set.
    words: usize,
    /// Per place, `words` words: the labels of the transitions reachable from it.
    labels: Vec<u64>,
    /// Per place, the transitions that produce on it (each once).
    producers: Vec<Vec<u32>>,
    /// Per transition, how many distinct places it produces on.
    outputs: Vec<u32>,
}

impl Reach {
    pub fn of(net: &Net) -> Reach {
        let places = net.places as usize;
        let words = net.labels.len().div_ceil(64).max(1);
        let mut labels = vec![0u64; places * words];
        // Places whose set feeds another's: the inputs of each transition producing on it.
        let mut feeds: Vec<Vec<u32>> = vec![Vec::new(); places];
        for t in &net.transitions {
            for &p in &t.inputs {
                if let Some(l) = t.label {
                    labels[p as usize * words + l as usize / 64] |= 1 << (l % 64);
                }
                for &q in &t.outputs {
                    feeds[q as usize].push(p);
                }
            }
        }
        // Each place's set flows back to the places that lead to it, until nothing grows.
        let mut work: Vec<u32> = (0..net.places).collect();
        while let Some(q) = work.pop() {
            for &p in &feeds[q as usize] {
                let mut grew = false;
                for w in 0..words {
                    let from = labels[q as usize * words + w];
                    let into = &mut labels[p as usize * words + w];
                    grew |= from & !*into != 0;
                    *into |= from;
                }
                if grew {
                    work.push(p);
                }
            }
        }
        let mut producers: Vec<Vec<u32>> = vec![Vec::new(); places];
        let mut outputs = Vec::with_capacity(net.transitions.len());
        for (t, transition) in net.transitions.iter().enumerate() {
            let mut distinct = transition.outputs.clone();
            distinct.sort_unstable();
            distinct.dedup();
            for &q in &distinct {
                producers[q as usize].push(t as u32);
            }
            outputs.push(distinct.len() as u32);
        }
        Reach {
            words,
            labels,
            producers,
            outputs,
        }
    }
}

/// The bound for one trace.
pub struct Bound<'a> {
    reach: &'a Reach,
    trace: &'a [Option<u32>],
    /// Per position in the trace, which of `to_end` applies (positions whose rest of the trace
    /// has the same labels share one).
    table_of: Vec<usize>,
    /// Per table, per place: the fewest model moves on the way to the sink (`u32::MAX`: none).
    to_end: Vec<Vec<u32>>,
    /// Scratch: the labels reachable from a marking.
    reachable: Vec<u64>,
}

impl<'a> Bound<'a> {
    pub fn new(net: &Net, reach: &'a Reach, trace: &'a [Option<u32>]) -> Bound<'a> {
        let mut tables: HashMap<Vec<u64>, usize> = HashMap::new();
        let mut to_end = Vec::new();
        let mut table_of = vec![0; trace.len() + 1];
        let mut rest = vec![0u64; reach.words];
        for pos in (0..=trace.len()).rev() {
            if let Some(Some(l)) = trace.get(pos) {
                rest[*l as usize / 64] |= 1 << (l % 64);
            }
            table_of[pos] = *tables.entry(rest.clone()).or_insert_with(|| {
                to_end.push(fewest_model_moves(net, reach, &rest));
                to_end.len() - 1
            });
        }
        Bound {
            reach,
            trace,
            table_of,
            to_end,
            reachable: vec![0; reach.words],
        }
    }

    /// The deviations still to come from `marking` at `pos`; `None` when the sink cannot be
    /// reached from it.
    pub fn of(&mut self, marking: &[u8], pos: u32) -> Option<u64> {
        let words = self.reach.words;
        let to_end = &self.to_end[self.table_of[pos as usize]];
        self.reachable.fill(0);
        let mut model = 0;
        for (p, _) in marking.iter().enumerate().filter(|(_, &n)| n > 0) {
            model = model.max(to_end[p]);
            let set = &self.reach.labels[p * words..(p + 1) * words];
            for (into, from) in self.reachable.iter_mut().zip(set) {
                *into |= from;
            }
        }
        if model == u32::MAX {
            return None;
        }
        let reachable = &self.reachable;
        let log = self.trace[pos as usize..]
            .iter()
            .filter(|l| l.is_none_or(|l| reachable[l as usize / 64] & (1 << (l % 64)) == 0))
            .count();
        Some(u64::from(model) + log as u64)
    }
}

/// Per place, the fewest model moves any way from it to the sink takes, where a step whose
/// label is not in `rest` costs one: a transition costs its own move plus the dearest of its
/// outputs (each output's token must reach the sink too). Knuth's generalisation of Dijkstra:
/// a transition is priced once its last output is settled.
fn fewest_model_moves(net: &Net, reach: &Reach, rest: &[u64]) -> Vec<u32> {
    let places = net.places as usize;
    let mut cost = vec![u32::MAX; places];
    let mut settled = vec![false; places];
    let mut unsettled = reach.outputs.clone();
    let mut queue = BinaryHeap::new();
    let own = |t: usize| {
        net.transitions[t].label.map_or(0, |l| {
            u32::from(rest[l as usize / 64] & (1 << (l % 64)) == 0)
        })
    };
    let offer =
        |cost: &mut Vec<u32>, queue: &mut BinaryHeap<Reverse<(u32, u32)>>, t: usize, price: u32| {
            for &p in &net.transitions[t].inputs {
                if price < cost[p as usize] {
                    cost[p as usize] = price;
                    queue.push(Reverse((price, p)));
                }
            }
        };
    for t in (0..net.transitions.len()).filter(|&t| reach.outputs[t] == 0) {
        offer(&mut cost, &mut queue, t, own(t));
    }
    cost[net.sink as usize] = 0;
    queue.push(Reverse((0, net.sink)));
    while let Some(Reverse((price, q))) = queue.pop() {
        if settled[q as usize] || price > cost[q as usize] {
            continue;
        }
        settled[q as usize] = true;
        for &t in &reach.producers[q as usize] {
            unsettled[t as usize] -= 1;
            if unsettled[t as usize] == 0 {
                // Outputs settle cheapest first, so the last one is the dearest.
                offer(&mut cost, &mut queue, t as usize, own(t as usize) + price);
            }
        }
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::net::Transition;

    /// source → A → p → B → sink, and p → C → q, where q leads nowhere.
    fn net() -> Net {
        let mut net = Net::with_step_a(
            4,
            vec![
                Transition::between(vec![0], vec![2], Some(0)),
                Transition::between(vec![2], vec![1], Some(1)),
                Transition::between(vec![2], vec![3], Some(2)),
            ],
        );
        net.labels = vec!["A".into(), "B".into(), "C".into()];
        net
    }

    #[test]
    fn steps_the_rest_of_the_trace_lacks_are_model_moves_and_unreachable_events_log_moves() {
        let net = net();
        let reach = Reach::of(&net);
        let trace = [Some(1), Some(0)];
        let mut bound = Bound::new(&net, &reach, &trace);
        // From the source: A and B are both ahead; nothing is certain yet.
        assert_eq!(bound.of(&[1, 0, 0, 0], 0), Some(0));
        // Past A, the event A can no longer be done; B is still to come in the trace.
        assert_eq!(bound.of(&[0, 0, 1, 0], 0), Some(1));
        // At the trace's end on p, B must be done by the model alone.
        assert_eq!(bound.of(&[0, 0, 1, 0], 2), Some(1));
        // A token on q never reaches the sink.
        assert_eq!(bound.of(&[0, 0, 0, 1], 2), None);
    }
}
