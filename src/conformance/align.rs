//! Optimal alignments: the cheapest way to walk a trace and the net side by side, where a step
//! done in both is free, a step only in the log or only in the model costs one, and silent
//! transitions cost nothing (a tiny tie-break cost keeps the search finite and the alignment
//! short). A* over (marking, position in the trace), guided by `bound`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::bound::{Bound, Reach};
use super::net::Net;

/// The cost of a move in the log or the model alone.
const DEVIATION: u64 = 1 << 20;
/// The cost of a silent move: far below one deviation, so it only breaks ties.
const SILENT: u64 = 1;

/// One move of an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// The event at this position of the trace and the transition mirror each other.
    Sync {
        event: u32,
        transition: u32,
    },
    /// The model did a step the log does not have.
    Model {
        transition: u32,
    },
    /// The log has an event the model could not do there.
    Log {
        event: u32,
    },
    Silent {
        transition: u32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    /// Moves in the log or the model alone.
    pub deviations: u32,
    pub moves: Vec<Move>,
}

/// The search gave up past this many states (a huge net or a long, very deviant trace).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the alignment needed more than {0} search states")]
pub struct TooLarge(pub usize);

struct State {
    pos: u32,
    cost: u64,
    parent: u32,
    step: Option<Move>,
    closed: bool,
    /// The deviations still to come, at least (`bound`).
    bound: u32,
}

/// Transitions by label, for sync moves, and the silent transitions that may fire first.
pub struct Labelled {
    pub by_label: Vec<Vec<u32>>,
    /// Silent transitions that alone take from each of their places (a parallel split or join,
    /// a join of alternatives). Once one is enabled nothing else can use its tokens and firing
    /// it disables nothing, so every way on fires it sooner or later: the search fires it at
    /// once instead of trying every order, which finds an alignment of the same cost.
    pub eager: Vec<u32>,
    pub reach: Reach,
}

impl Labelled {
    pub fn of(net: &Net) -> Labelled {
        let mut by_label = vec![Vec::new(); net.labels.len()];
        let mut consumers = vec![0u32; net.places as usize];
        for (t, transition) in net.transitions.iter().enumerate() {
            if let Some(l) = transition.label {
                by_label[l as usize].push(t as u32);
            }
            let mut inputs = transition.inputs.clone();
            inputs.dedup();
            for p in inputs {
                consumers[p as usize] += 1;
            }
        }
        let eager = (0..net.transitions.len())
            .filter(|&t| {
                let transition = &net.transitions[t];
                transition.label.is_none()
                    && !transition.inputs.is_empty()
                    && transition
                        .inputs
                        .iter()
                        .all(|&p| consumers[p as usize] == 1)
            })
            .map(|t| t as u32)
            .collect();
        Labelled {
            by_label,
            eager,
            reach: Reach::of(net),
        }
    }
}

/// Aligns `trace` (each event's step label, `None` for activities no step matches).
pub fn align(
    net: &Net,
    labelled: &Labelled,
    trace: &[Option<u32>],
    limit: usize,
) -> Result<Alignment, TooLarge> {
    let n = trace.len() as u32;
    let mut bound = Bound::new(net, &labelled.reach, trace);
    let places = net.places as usize;
    let mut states: Vec<State> = Vec::new();
    // Each state's marking, `places` bytes apiece, in the order of `states`.
    let mut markings: Vec<u8> = Vec::new();
    // A state's key is its marking followed by its position in the trace, so a successor is
    // looked up from a scratch buffer and allocated only when it is new. foldhash: the keys are
    // the search's own, so a fast hash is safe (a quarter less time).
    let mut index: HashMap<Box<[u8]>, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut queue = BinaryHeap::new();
    let mut key = net.initial();
    let Some(first_bound) = bound.of(&key, 0) else {
        return Ok(unreachable_end());
    };
    markings.extend_from_slice(&key);
    key.extend_from_slice(&0u32.to_le_bytes());
    index.insert(key.clone().into_boxed_slice(), 0);
    states.push(State {
        pos: 0,
        cost: 0,
        parent: u32::MAX,
        step: None,
        closed: false,
        bound: first_bound as u32,
    });
    queue.push(Reverse((first_bound * DEVIATION, Reverse(0u32), 0u32)));
    let mut marking = vec![0u8; places];
    let mut probe = vec![0u8; places];
    let mut successors: Vec<(usize, u32, u64, Move)> = Vec::new();
    while let Some(Reverse((_, _, at))) = queue.pop() {
        let state = &mut states[at as usize];
        if state.closed {
            continue;
        }
        state.closed = true;
        let (pos, cost) = (state.pos, state.cost);
        let start = at as usize * places;
        marking.copy_from_slice(&markings[start..start + places]);
        if pos == n && net.is_final(&marking) {
            return Ok(unwind(&states, at));
        }
        // Successors as (transition fired or usize::MAX for none, position, cost, move).
        successors.clear();
        let first = labelled.eager.iter().map(|&t| t as usize).find(|&t| {
            net.enabled(t, &marking) && {
                probe.copy_from_slice(&marking);
                net.fire_into(t, &mut probe)
            }
        });
        if let Some(t) = first {
            successors.push((
                t,
                pos,
                SILENT,
                Move::Silent {
                    transition: t as u32,
                },
            ));
        } else {
            if pos < n {
                successors.push((usize::MAX, pos + 1, DEVIATION, Move::Log { event: pos }));
            }
            for (t, transition) in net.transitions.iter().enumerate() {
                if !net.enabled(t, &marking) {
                    continue;
                }
                let tu = t as u32;
                match transition.label {
                    None => successors.push((t, pos, SILENT, Move::Silent { transition: tu })),
                    Some(label) => {
                        if pos < n && trace[pos as usize] == Some(label) {
                            let step = Move::Sync {
                                event: pos,
                                transition: tu,
                            };
                            successors.push((t, pos + 1, 0, step));
                        }
                        successors.push((t, pos, DEVIATION, Move::Model { transition: tu }));
                    }
                }
            }
        }
        for &(t, next_pos, step_cost, step) in &successors {
            key.clear();
            key.extend_from_slice(&marking);
            if t != usize::MAX && !net.fire_into(t, &mut key[..places]) {
                continue;
            }
            key.extend_from_slice(&next_pos.to_le_bytes());
            let total = cost + step_cost;
            let (found, left) = match index.get(key.as_slice()) {
                Some(&i) => {
                    let s = &mut states[i as usize];
                    if s.closed || s.cost <= total {
                        continue;
                    }
                    s.cost = total;
                    s.parent = at;
                    s.step = Some(step);
                    (i, s.bound)
                }
                None => {
                    let Some(left) = bound.of(&key[..places], next_pos) else {
                        continue;
                    };
                    if states.len() >= limit {
                        return Err(TooLarge(limit));
                    }
                    let i = states.len() as u32;
                    markings.extend_from_slice(&key[..places]);
                    states.push(State {
                        pos: next_pos,
                        cost: total,
                        parent: at,
                        step: Some(step),
                        closed: false,
                        bound: left as u32,
                    });
                    index.insert(key.clone().into_boxed_slice(), i);
                    (i, left as u32)
                }
            };
            let estimate = total + u64::from(left) * DEVIATION;
            queue.push(Reverse((estimate, Reverse(next_pos), found)));
        }
    }
    Ok(unreachable_end())
}

/// The final marking cannot be reached at all: every event is a log move.
fn unreachable_end() -> Alignment {
    Alignment {
        deviations: u32::MAX,
        moves: Vec::new(),
    }
}

fn unwind(states: &[State], mut at: u32) -> Alignment {
    let mut moves = Vec::new();
    let mut deviations = 0;
    while let Some(step) = states[at as usize].step {
        if matches!(step, Move::Log { .. } | Move::Model { .. }) {
            deviations += 1;
        }
        moves.push(step);
        at = states[at as usize].parent;
    }
    moves.reverse();
    Alignment { deviations, moves }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::net::Transition;

    /// A silent split into `branches` branches, each one silent move to its join place, a
    /// silent join, then the step "A": 2^branches orders of the branch moves.
    fn parallel_net(branches: u32) -> Net {
        let (source, sink, joined) = (0, 1, 2);
        let first = 3;
        let starts: Vec<u32> = (0..branches).map(|i| first + 2 * i).collect();
        let mut transitions = vec![Transition::between(vec![source], starts.clone(), None)];
        for &b in &starts {
            transitions.push(Transition::between(vec![b], vec![b + 1], None));
        }
        let ends = starts.iter().map(|b| b + 1).collect();
        transitions.push(Transition::between(ends, vec![joined], None));
        transitions.push(Transition::between(vec![joined], vec![sink], Some(0)));
        Net::with_step_a(first + 2 * branches, transitions)
    }

    #[test]
    fn silent_moves_nothing_else_can_take_are_made_in_one_order_only() {
        let net = parallel_net(12);
        let labelled = Labelled::of(&net);
        // Every order of the twelve branch moves would be 4,096 states.
        let aligned = align(&net, &labelled, &[Some(0)], 100).expect("one order suffices");
        assert_eq!(aligned.deviations, 0);
        let silent = aligned
            .moves
            .iter()
            .filter(|m| matches!(m, Move::Silent { .. }));
        assert_eq!(silent.count(), 14, "split, twelve branches, join");
    }

    #[test]
    fn a_way_that_can_never_finish_is_not_searched() {
        // source → A → sink, or source → B → q, where a silent loop on q fills r forever.
        let mut net = Net::with_step_a(
            4,
            vec![
                Transition::between(vec![0], vec![1], Some(0)),
                Transition::between(vec![0], vec![2], Some(1)),
                Transition::between(vec![2], vec![2, 3], None),
            ],
        );
        net.labels.push("B".into());
        // Doing B in step with the log leads into the loop: 255 states before it gives up.
        let aligned = align(&net, &Labelled::of(&net), &[Some(1)], 20).expect("never enters q");
        assert_eq!(
            aligned.deviations, 2,
            "B in the log alone, A in the model alone"
        );
    }

    #[test]
    fn a_step_missing_from_the_trace_is_one_model_move_after_the_silent_ones() {
        let net = parallel_net(3);
        let aligned = align(&net, &Labelled::of(&net), &[None], 100).unwrap();
        assert_eq!(
            aligned.deviations, 2,
            "the unknown event, and A done by the model alone"
        );
    }
}
