//! The directly-follows graph of a log of variants: how often one activity directly follows
//! another, and how often each starts and ends a trace.

use std::collections::{BTreeMap, BTreeSet};

use super::Variants;

pub type Activity = u32;
pub type Group = BTreeSet<Activity>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dfg {
    pub edges: BTreeMap<(Activity, Activity), u64>,
    pub starts: BTreeMap<Activity, u64>,
    pub ends: BTreeMap<Activity, u64>,
}

impl Dfg {
    pub fn of(log: &Variants) -> Dfg {
        let mut dfg = Dfg::default();
        for (trace, &count) in log {
            let (Some(&first), Some(&last)) = (trace.first(), trace.last()) else {
                continue;
            };
            *dfg.starts.entry(first).or_default() += count;
            *dfg.ends.entry(last).or_default() += count;
            for pair in trace.windows(2) {
                *dfg.edges.entry((pair[0], pair[1])).or_default() += count;
            }
        }
        dfg
    }

    /// Every activity the graph names: on an edge, or starting or ending a trace.
    pub fn vertices(&self) -> Group {
        let mut all: Group = self
            .starts
            .keys()
            .chain(self.ends.keys())
            .copied()
            .collect();
        for &(a, b) in self.edges.keys() {
            all.insert(a);
            all.insert(b);
        }
        all
    }

    pub fn has_edge(&self, a: Activity, b: Activity) -> bool {
        self.edges.contains_key(&(a, b))
    }

    /// What each vertex reaches over one or more edges; the vertex itself is left out even on
    /// a cycle, as the cuts' definitions compare distinct activities only.
    pub fn successors(&self) -> BTreeMap<Activity, Group> {
        let mut next: BTreeMap<Activity, Vec<Activity>> = BTreeMap::new();
        for &(a, b) in self.edges.keys() {
            next.entry(a).or_default().push(b);
        }
        reach(&self.vertices(), &next)
    }

    /// What reaches each vertex over one or more edges (the source itself left out).
    pub fn predecessors(&self) -> BTreeMap<Activity, Group> {
        let mut previous: BTreeMap<Activity, Vec<Activity>> = BTreeMap::new();
        for &(a, b) in self.edges.keys() {
            previous.entry(b).or_default().push(a);
        }
        reach(&self.vertices(), &previous)
    }

    /// IMf's filter: an edge is kept when it is more frequent than `noise` times the most
    /// frequent way out of its source (ending a trace counts as a way out); a start activity
    /// when it starts at least `noise` times as many traces as the most frequent one. Ends are
    /// kept as they are (as pm4py keeps them).
    pub fn filtered(&self, noise: f64) -> Dfg {
        let mut most_out: BTreeMap<Activity, u64> = BTreeMap::new();
        for (&(a, _), &count) in &self.edges {
            let best = most_out.entry(a).or_default();
            *best = (*best)
                .max(count)
                .max(self.ends.get(&a).copied().unwrap_or(0));
        }
        let edges = self
            .edges
            .iter()
            .filter(|(&(a, _), &count)| count as f64 > noise * most_out[&a] as f64)
            .map(|(&edge, &count)| (edge, count))
            .collect();
        let most_starts = self.starts.values().copied().max().unwrap_or(0);
        let starts = self
            .starts
            .iter()
            .filter(|(_, &count)| count as f64 >= most_starts as f64 * noise)
            .map(|(&a, &count)| (a, count))
            .collect();
        Dfg {
            edges,
            starts,
            ends: self.ends.clone(),
        }
    }
}

fn reach(vertices: &Group, next: &BTreeMap<Activity, Vec<Activity>>) -> BTreeMap<Activity, Group> {
    vertices
        .iter()
        .map(|&from| {
            let mut seen = Group::new();
            let mut stack: Vec<Activity> = next.get(&from).cloned().unwrap_or_default();
            while let Some(a) = stack.pop() {
                if seen.insert(a) {
                    stack.extend(next.get(&a).into_iter().flatten().copied());
                }
            }
            seen.remove(&from);
            (from, seen)
        })
        .collect()
}
