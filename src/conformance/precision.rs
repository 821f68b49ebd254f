//! Precision by escaping edges: after each prefix of the log that replays without deviation,
//! which steps the model would allow next (through silent transitions too) against which the
//! log actually did next. Precision is 1 − Σ escaping / Σ allowed, every prefix weighted by how
//! many cases share it.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use super::net::Net;

/// The most markings searched through silent transitions for what is allowed next.
const CLOSURE_LIMIT: usize = 4096;

/// The labels the model allows next in `marking`.
fn allowed(net: &Net, marking: &[u8]) -> BTreeSet<u32> {
    let mut labels = BTreeSet::new();
    let mut seen: HashSet<Vec<u8>> = HashSet::from([marking.to_vec()]);
    let mut queue = VecDeque::from([marking.to_vec()]);
    while let Some(m) = queue.pop_front() {
        for (t, transition) in net.transitions.iter().enumerate() {
            if !net.enabled(t, &m) {
                continue;
            }
            match transition.label {
                Some(l) => {
                    labels.insert(l);
                }
                None => {
                    if seen.len() >= CLOSURE_LIMIT {
                        continue;
                    }
                    if let Some(next) = net.fire(t, &m) {
                        if seen.insert(next.clone()) {
                            queue.push_back(next);
                        }
                    }
                }
            }
        }
    }
    labels
}

/// One prefix of the log: how many cases share it, the marking it replays to, what followed.
struct Prefix {
    cases: u64,
    marking: Option<Vec<u8>>,
    next: BTreeSet<u32>,
}

/// A variant as precision reads it: its labels, its case count and the markings its replay
/// reached before each event (`None` once it deviated).
pub struct Replayed<'a> {
    pub trace: &'a [Option<u32>],
    pub cases: u64,
    pub before: &'a [Option<Vec<u8>>],
}

pub fn precision(net: &Net, variants: &[Replayed]) -> f64 {
    let mut prefixes: HashMap<&[Option<u32>], Prefix> = HashMap::new();
    for &Replayed {
        trace,
        cases,
        before,
    } in variants
    {
        for (i, marking) in before.iter().enumerate() {
            let prefix = prefixes.entry(&trace[..i]).or_insert_with(|| Prefix {
                cases: 0,
                marking: marking.clone(),
                next: BTreeSet::new(),
            });
            prefix.cases += cases;
            if let Some(l) = trace[i] {
                prefix.next.insert(l);
            }
        }
    }
    let (mut escaping, mut allowed_total) = (0u64, 0u64);
    for prefix in prefixes.values() {
        let Some(marking) = &prefix.marking else {
            continue;
        };
        let allowed = allowed(net, marking);
        escaping += prefix.cases * allowed.difference(&prefix.next).count() as u64;
        allowed_total += prefix.cases * allowed.len() as u64;
    }
    if allowed_total == 0 {
        1.0
    } else {
        1.0 - escaping as f64 / allowed_total as f64
    }
}
