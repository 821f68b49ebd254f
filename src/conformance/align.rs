//! Optimal alignments: the cheapest way to walk a trace and the net side by side, where a step
//! done in both is free, a step only in the log or only in the model costs one, and silent
//! transitions cost nothing (a tiny tie-break cost keeps the search finite and the alignment
//! short). A* over (marking, position in the trace); the heuristic counts the events left that
//! no transition can mirror, which is admissible.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap};

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
    marking: Box<[u8]>,
    pos: u32,
    cost: u64,
    parent: u32,
    step: Option<Move>,
    closed: bool,
}

/// Transitions by label, for sync moves.
pub struct Labelled {
    pub by_label: Vec<Vec<u32>>,
}

impl Labelled {
    pub fn of(net: &Net) -> Labelled {
        let mut by_label = vec![Vec::new(); net.labels.len()];
        for (t, transition) in net.transitions.iter().enumerate() {
            if let Some(l) = transition.label {
                by_label[l as usize].push(t as u32);
            }
        }
        Labelled { by_label }
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
    // Events from position i on that can only be log moves.
    let mut unmatchable = vec![0u64; trace.len() + 1];
    for i in (0..trace.len()).rev() {
        let alone = trace[i].is_none_or(|l| labelled.by_label[l as usize].is_empty());
        unmatchable[i] = unmatchable[i + 1] + u64::from(alone);
    }
    let h = |pos: u32| unmatchable[pos as usize] * DEVIATION;
    let mut states: Vec<State> = Vec::new();
    let mut index: HashMap<(Box<[u8]>, u32), u32> = HashMap::new();
    let mut queue = BinaryHeap::new();
    let initial: Box<[u8]> = net.initial().into_boxed_slice();
    index.insert((initial.clone(), 0), 0);
    states.push(State {
        marking: initial,
        pos: 0,
        cost: 0,
        parent: u32::MAX,
        step: None,
        closed: false,
    });
    queue.push(Reverse((h(0), Reverse(0u32), 0u32)));
    let mut successors: Vec<(Box<[u8]>, u32, u64, Move)> = Vec::new();
    while let Some(Reverse((_, _, at))) = queue.pop() {
        let state = &mut states[at as usize];
        if state.closed {
            continue;
        }
        state.closed = true;
        let (pos, cost, marking) = (state.pos, state.cost, state.marking.clone());
        if pos == n && net.is_final(&marking) {
            return Ok(unwind(&states, at));
        }
        successors.clear();
        if pos < n {
            successors.push((
                marking.clone(),
                pos + 1,
                DEVIATION,
                Move::Log { event: pos },
            ));
        }
        for (t, transition) in net.transitions.iter().enumerate() {
            if !net.enabled(t, &marking) {
                continue;
            }
            let Some(next) = net.fire(t, &marking) else {
                continue;
            };
            let next = next.into_boxed_slice();
            let t = t as u32;
            match transition.label {
                None => successors.push((next, pos, SILENT, Move::Silent { transition: t })),
                Some(label) => {
                    if pos < n && trace[pos as usize] == Some(label) {
                        let step = Move::Sync {
                            event: pos,
                            transition: t,
                        };
                        successors.push((next.clone(), pos + 1, 0, step));
                    }
                    successors.push((next, pos, DEVIATION, Move::Model { transition: t }));
                }
            }
        }
        for (next, next_pos, step_cost, step) in successors.drain(..) {
            let total = cost + step_cost;
            let found = match index.entry((next, next_pos)) {
                Entry::Occupied(e) => {
                    let s = &mut states[*e.get() as usize];
                    if s.closed || s.cost <= total {
                        continue;
                    }
                    s.cost = total;
                    s.parent = at;
                    s.step = Some(step);
                    *e.get()
                }
                Entry::Vacant(e) => {
                    if states.len() >= limit {
                        return Err(TooLarge(limit));
                    }
                    let i = states.len() as u32;
                    states.push(State {
                        marking: e.key().0.clone(),
                        pos: next_pos,
                        cost: total,
                        parent: at,
                        step: Some(step),
                        closed: false,
                    });
                    e.insert(i);
                    i
                }
            };
            queue.push(Reverse((total + h(next_pos), Reverse(next_pos), found)));
        }
    }
    // The final marking cannot be reached at all: every event is a log move.
    Ok(Alignment {
        deviations: u32::MAX,
        moves: Vec::new(),
    })
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
