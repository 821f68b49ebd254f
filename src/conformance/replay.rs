//! Token-based replay: each event fires a transition of its step, after silent transitions that
//! enable it where they can, else with the missing tokens added; at the end the sink's token is
//! taken and what is left counts as remaining. Fitness per trace is
//! ½(1 − missing/consumed) + ½(1 − remaining/produced).

use std::collections::{HashSet, VecDeque};

use super::net::Net;

/// The most markings searched for silent transitions that enable the next step.
const CLOSURE_LIMIT: usize = 4096;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    pub produced: u64,
    pub consumed: u64,
    pub missing: u64,
    pub remaining: u64,
}

impl Tokens {
    pub fn fitness(&self) -> f64 {
        let part = |a: u64, b: u64| {
            if b == 0 {
                1.0
            } else {
                1.0 - a as f64 / b as f64
            }
        };
        0.5 * part(self.missing, self.consumed) + 0.5 * part(self.remaining, self.produced)
    }

    pub fn add(&mut self, other: Tokens) {
        self.produced += other.produced;
        self.consumed += other.consumed;
        self.missing += other.missing;
        self.remaining += other.remaining;
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Replayed {
    pub tokens: Tokens,
    /// No token was missing or left, and every event had a step.
    pub fits: bool,
    /// The marking before each event (for precision), when the replay fitted up to it.
    pub before: Vec<Option<Vec<u8>>>,
}

/// The shortest run of silent transitions from `marking` to a marking where `goal` holds.
pub fn silent_path(
    net: &Net,
    marking: &[u8],
    goal: impl Fn(&[u8]) -> bool,
) -> Option<(Vec<u8>, Vec<usize>)> {
    if goal(marking) {
        return Some((marking.to_vec(), Vec::new()));
    }
    let mut seen: HashSet<Vec<u8>> = HashSet::from([marking.to_vec()]);
    let mut queue: VecDeque<(Vec<u8>, Vec<usize>)> = VecDeque::from([(marking.to_vec(), vec![])]);
    while let Some((m, path)) = queue.pop_front() {
        for t in 0..net.transitions.len() {
            if net.transitions[t].label.is_some() || !net.enabled(t, &m) {
                continue;
            }
            let Some(next) = net.fire(t, &m) else {
                continue;
            };
            if seen.contains(&next) {
                continue;
            }
            let mut path = path.clone();
            path.push(t);
            if goal(&next) {
                return Some((next, path));
            }
            if seen.len() >= CLOSURE_LIMIT {
                return None;
            }
            seen.insert(next.clone());
            queue.push_back((next, path));
        }
    }
    None
}

fn fire_counting(net: &Net, t: usize, marking: &mut [u8], tokens: &mut Tokens) {
    let transition = &net.transitions[t];
    for &p in &transition.inputs {
        if marking[p as usize] == 0 {
            tokens.missing += 1;
        } else {
            marking[p as usize] -= 1;
        }
        tokens.consumed += 1;
    }
    for &p in &transition.outputs {
        marking[p as usize] = marking[p as usize].saturating_add(1);
        tokens.produced += 1;
    }
}

/// Replays a trace of step labels (`None`: an activity with no step).
pub fn replay(net: &Net, by_label: &[Vec<u32>], trace: &[Option<u32>]) -> Replayed {
    let mut marking = net.initial();
    let mut tokens = Tokens {
        produced: 1,
        ..Tokens::default()
    };
    let mut fits = true;
    let mut before = Vec::with_capacity(trace.len());
    for &label in trace {
        before.push(fits.then(|| marking.clone()));
        let Some(label) = label else {
            fits = false;
            continue;
        };
        let candidates = &by_label[label as usize];
        let ready = |m: &[u8]| candidates.iter().any(|&t| net.enabled(t as usize, m));
        let chosen = match silent_path(net, &marking, ready) {
            Some((_, path)) => {
                for t in path {
                    fire_counting(net, t, &mut marking, &mut tokens);
                }
                candidates
                    .iter()
                    .map(|&t| t as usize)
                    .find(|&t| net.enabled(t, &marking))
            }
            None => None,
        };
        let t = chosen.unwrap_or_else(|| {
            fits = false;
            // The transition of the step that lacks the fewest tokens.
            candidates
                .iter()
                .map(|&t| t as usize)
                .min_by_key(|&t| {
                    net.transitions[t]
                        .inputs
                        .iter()
                        .filter(|&&p| marking[p as usize] == 0)
                        .count()
                })
                .unwrap_or(0)
        });
        fire_counting(net, t, &mut marking, &mut tokens);
    }
    // To the end if silent transitions get there, else at least to a token on the sink.
    let sink = net.sink as usize;
    let ending = silent_path(net, &marking, |m| net.is_final(m))
        .or_else(|| silent_path(net, &marking, |m| m[sink] > 0));
    if let Some((m, path)) = ending {
        let mut counted = marking.clone();
        for t in path {
            fire_counting(net, t, &mut counted, &mut tokens);
        }
        debug_assert_eq!(counted, m);
        marking = counted;
    }
    // The sink's token is taken as the end of the case.
    tokens.consumed += 1;
    if marking[sink] == 0 {
        tokens.missing += 1;
    } else {
        marking[sink] -= 1;
    }
    tokens.remaining = marking.iter().map(|&n| u64::from(n)).sum();
    fits = fits && tokens.missing == 0 && tokens.remaining == 0;
    Replayed {
        tokens,
        fits,
        before,
    }
}
