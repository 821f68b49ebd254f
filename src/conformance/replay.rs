//! Token-based replay: each event fires a transition of its step, after silent transitions that
//! enable it where they can, else with the missing tokens added; at the end the sink's token is
//! taken and what is left counts as remaining. Fitness per trace is
//! ½(1 − missing/consumed) + ½(1 − remaining/produced).

use std::collections::{HashMap, HashSet};

use super::net::{Net, Place};

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

type Seen<T> = HashSet<T, foldhash::fast::RandomState>;

/// The shortest run of the `silent` transitions (in their order, breadth first) from `marking`
/// to a marking where `goal` holds.
fn silent_path(
    net: &Net,
    marking: &[u8],
    silent: &[usize],
    goal: impl Fn(&[u8]) -> bool,
) -> Option<Vec<usize>> {
    if goal(marking) {
        return Some(Vec::new());
    }
    // Each marking reached, with the one it was reached from and the transition fired there.
    let mut reached: Vec<(Vec<u8>, usize, usize)> = vec![(marking.to_vec(), 0, 0)];
    let mut seen: Seen<Vec<u8>> = Seen::default();
    seen.insert(marking.to_vec());
    let mut at = 0;
    while at < reached.len() {
        for &t in silent {
            if !net.enabled(t, &reached[at].0) {
                continue;
            }
            let Some(next) = net.fire(t, &reached[at].0) else {
                continue;
            };
            if seen.contains(&next) {
                continue;
            }
            if goal(&next) {
                let mut path = vec![t];
                let mut from = at;
                while from != 0 {
                    let (_, parent, fired) = reached[from];
                    path.push(fired);
                    from = parent;
                }
                path.reverse();
                return Some(path);
            }
            if seen.len() >= CLOSURE_LIMIT {
                return None;
            }
            seen.insert(next.clone());
            reached.push((next, at, t));
        }
        at += 1;
    }
    None
}

/// The silent transitions that can, directly or through other silent ones, put a token on one
/// of `places`, in net order. Only these can help enable a transition that takes from `places`:
/// any other silent transition only takes tokens away, so a shortest run never fires one.
fn feeding(net: &Net, places: impl IntoIterator<Item = Place>) -> Vec<usize> {
    let mut wanted = vec![false; net.places as usize];
    let mut pending: Vec<Place> = Vec::new();
    for p in places {
        if !wanted[p as usize] {
            wanted[p as usize] = true;
            pending.push(p);
        }
    }
    let mut helps = vec![false; net.transitions.len()];
    while let Some(p) = pending.pop() {
        for (t, transition) in net.transitions.iter().enumerate() {
            if helps[t] || transition.label.is_some() || !transition.outputs.contains(&p) {
                continue;
            }
            helps[t] = true;
            for &input in &transition.inputs {
                if !wanted[input as usize] {
                    wanted[input as usize] = true;
                    pending.push(input);
                }
            }
        }
    }
    (0..net.transitions.len()).filter(|&t| helps[t]).collect()
}

/// The silent transitions that can be on a silent run to the end, and the places a token can
/// leave silently on such a run. A run to the end leaves tokens on the sink only, so its last
/// transition puts tokens on the sink alone, the one before it on the sink or on places the
/// ones after it empty, and so on back: only transitions whose every output is the sink or such
/// a place take part, and a token on any other place can never leave it silently.
fn ending(net: &Net) -> (Vec<usize>, Vec<bool>) {
    let mut leaves = vec![false; net.places as usize];
    let mut takes_part = vec![false; net.transitions.len()];
    let sink = net.sink as usize;
    loop {
        let mut changed = false;
        for (t, transition) in net.transitions.iter().enumerate() {
            if takes_part[t] || transition.label.is_some() {
                continue;
            }
            if transition
                .outputs
                .iter()
                .all(|&o| o as usize == sink || leaves[o as usize])
            {
                takes_part[t] = true;
                changed = true;
                for &p in &transition.inputs {
                    leaves[p as usize] = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let run = (0..net.transitions.len())
        .filter(|&t| takes_part[t])
        .collect();
    (run, leaves)
}

/// Replays the variants of a log on one net. Variants share prefixes, so the silent runs found
/// from a marking towards a step are kept and reused; the search for each step fires only the
/// silent transitions that can feed it.
pub struct Replayer<'a> {
    net: &'a Net,
    by_label: &'a [Vec<u32>],
    /// Per label, the silent transitions that can feed its transitions (on first use).
    feeders: Vec<Option<Vec<usize>>>,
    /// The silent transitions a run to the end may fire, and the places it can empty.
    to_end: Vec<usize>,
    leaves: Vec<bool>,
    to_sink: Vec<usize>,
    /// The silent run found from a marking to a step's label (`END`: to the end), if any.
    runs: HashMap<(Vec<u8>, u32), Option<Vec<usize>>, foldhash::fast::RandomState>,
}

/// The key of the run to the end in `Replayer::runs`.
const END: u32 = u32::MAX;

impl<'a> Replayer<'a> {
    pub fn new(net: &'a Net, by_label: &'a [Vec<u32>]) -> Self {
        let (to_end, leaves) = ending(net);
        Replayer {
            net,
            by_label,
            feeders: vec![None; by_label.len()],
            to_end,
            leaves,
            to_sink: feeding(net, [net.sink]),
            runs: HashMap::default(),
        }
    }

    /// The silent run from `marking` after which a transition of `label` is enabled.
    fn run_to(&mut self, marking: &[u8], label: u32) -> Option<Vec<usize>> {
        self.remembered(marking, label, |replayer| {
            let net = replayer.net;
            let candidates = &replayer.by_label[label as usize];
            let feeders = replayer.feeders[label as usize].get_or_insert_with(|| {
                feeding(
                    net,
                    candidates
                        .iter()
                        .flat_map(|&t| net.transitions[t as usize].inputs.iter().copied()),
                )
            });
            let ready = |m: &[u8]| candidates.iter().any(|&t| net.enabled(t as usize, m));
            silent_path(net, marking, feeders, ready)
        })
    }

    /// The silent run from `marking` to the end if there is one, else to a token on the sink.
    fn run_to_end(&mut self, marking: &[u8]) -> Option<Vec<usize>> {
        self.remembered(marking, END, |replayer| {
            let net = replayer.net;
            let sink = net.sink as usize;
            let can_end = marking
                .iter()
                .enumerate()
                .all(|(p, &n)| n == 0 || p == sink || replayer.leaves[p]);
            can_end
                .then(|| silent_path(net, marking, &replayer.to_end, |m| net.is_final(m)))
                .flatten()
                .or_else(|| silent_path(net, marking, &replayer.to_sink, |m| m[sink] > 0))
        })
    }

    /// The run `search` finds from `marking` towards `goal` (a label, or `END`), found once.
    fn remembered(
        &mut self,
        marking: &[u8],
        goal: u32,
        search: impl FnOnce(&mut Self) -> Option<Vec<usize>>,
    ) -> Option<Vec<usize>> {
        let key = (marking.to_vec(), goal);
        if let Some(run) = self.runs.get(&key) {
            return run.clone();
        }
        let run = search(self);
        self.runs.insert(key, run.clone());
        run
    }

    /// Replays a trace of step labels (`None`: an activity with no step).
    pub fn replay(&mut self, trace: &[Option<u32>]) -> Replayed {
        let net = self.net;
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
            let candidates = &self.by_label[label as usize];
            let chosen = match self.run_to(&marking, label) {
                Some(path) => {
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
        if let Some(path) = self.run_to_end(&marking) {
            for t in path {
                fire_counting(net, t, &mut marking, &mut tokens);
            }
        }
        let sink = net.sink as usize;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::net::Transition;

    /// A silent split to 13 silent branches that can each move once (8,192 markings) and to a
    /// chain of 14 silent steps before the one visible step "A".
    fn crowded_net() -> Net {
        let (source, sink) = (0, 1);
        let branches = 13;
        let chain = 14;
        let first_branch = 2;
        let first_link = first_branch + 2 * branches;
        let mut transitions = Vec::new();
        let mut split_out: Vec<Place> = (0..branches).map(|i| first_branch + 2 * i).collect();
        split_out.push(first_link);
        transitions.push(Transition::between(vec![source], split_out, None));
        for i in 0..branches {
            let at = first_branch + 2 * i;
            transitions.push(Transition::between(vec![at], vec![at + 1], None));
        }
        for i in 0..chain {
            transitions.push(Transition::between(
                vec![first_link + i],
                vec![first_link + i + 1],
                None,
            ));
        }
        transitions.push(Transition::between(
            vec![first_link + chain],
            vec![sink],
            Some(0),
        ));
        Net::with_step_a(first_link + chain + 1, transitions)
    }

    #[test]
    fn a_step_behind_many_unrelated_silent_moves_is_reached_without_missing_tokens() {
        let net = crowded_net();
        let by_label = vec![vec![net.transitions.len() as u32 - 1]];
        let mut replayer = Replayer::new(&net, &by_label);
        let replayed = replayer.replay(&[Some(0)]);
        // The 14 links are fired silently; the branches' tokens are left (they have no end).
        assert_eq!(replayed.tokens.missing, 0, "{:?}", replayed.tokens);
        assert_eq!(replayed.tokens.remaining, 13, "{:?}", replayed.tokens);
    }

    #[test]
    fn replaying_a_variant_again_gives_the_same_tokens() {
        let net = crowded_net();
        let by_label = vec![vec![net.transitions.len() as u32 - 1]];
        let mut replayer = Replayer::new(&net, &by_label);
        let first = replayer.replay(&[Some(0), Some(0)]);
        let again = replayer.replay(&[Some(0), Some(0)]);
        assert_eq!(first, again);
        assert_eq!(first.tokens.missing, 1, "the second A has no token");
    }
}
