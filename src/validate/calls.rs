//! Calls: the called process, and the called version if one is pinned, exist in the library, and
//! no chain of calls leads back to the process (an instance of it would never end).

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{capitalise, Graph};
use super::{problem, KnownProcess, Problem};
use crate::describe::called;
use crate::model::{Id, NodeKind};

/// Without a library (`None`) there is nothing to check calls against.
pub(super) fn check(g: &Graph, known: Option<&BTreeMap<Id, KnownProcess>>) -> Vec<Problem> {
    let mut found = cycles(g, known);
    let Some(known) = known else {
        return found;
    };
    for (i, node) in g.process.nodes.iter().enumerate() {
        let NodeKind::Call {
            process, version, ..
        } = node.kind
        else {
            continue;
        };
        let name = capitalise(&g.name(i));
        match (known.get(&process), version) {
            (None, _) if process == g.process.id => {}
            (None, _) => found.push(problem(
                "call-missing-process",
                Some(node.id),
                // As its BPMN file named it (`bpmn:Payments`): Flowlane's id means nothing to a person.
                match called(g.process, node, None) {
                    Some((_, callee)) => {
                        format!("{name} calls {callee}, which is not in the library")
                    }
                    None => format!("{name} calls a process that is not in the library"),
                },
                "Pick a process of this library, or add the called process first",
            )),
            (Some(called), Some(v)) if !called.versions.contains(&v) => {
                let saved = match called.versions.as_slice() {
                    [] => "it has no saved version yet".to_string(),
                    [.., last] => format!("its versions go up to {last}"),
                };
                found.push(problem(
                    "call-missing-version",
                    Some(node.id),
                    format!(
                        "{name} calls version {v} of \"{}\", but {saved}",
                        called.name
                    ),
                    "Call an existing version, or leave the version out to call the current one",
                ))
            }
            _ => {}
        }
    }
    found
}

/// One problem per call activity whose called process leads back to this one, naming the chain.
fn cycles(g: &Graph, known: Option<&BTreeMap<Id, KnownProcess>>) -> Vec<Problem> {
    let this = g.process.id;
    let callees = |id: &Id| -> Vec<Id> {
        if *id == this {
            g.process.calls().map(|(p, _)| p).collect()
        } else {
            known
                .and_then(|k| k.get(id))
                .map_or_else(Vec::new, |p| p.calls.clone())
        }
    };
    let name_of = |id: &Id| -> String {
        if *id == this {
            g.process.info.name.clone()
        } else {
            known
                .and_then(|k| k.get(id))
                .map_or_else(|| id.to_string(), |p| p.name.clone())
        }
    };
    let mut found = Vec::new();
    for (i, node) in g.process.nodes.iter().enumerate() {
        let NodeKind::Call { process, .. } = node.kind else {
            continue;
        };
        let Some(back) = path_between(process, this, callees) else {
            continue;
        };
        let chain: Vec<String> = std::iter::once(this)
            .chain(back)
            .map(|id| format!("\"{}\"", name_of(&id)))
            .collect();
        found.push(problem(
            "call-cycle",
            Some(node.id),
            format!(
                "{} starts a chain of calls that never ends: {}",
                capitalise(&g.name(i)),
                chain.join(" calls ")
            ),
            "Remove the call that leads back, or move the repeated work into a loop inside one process",
        ));
    }
    found
}

/// A chain of calls from `from` to `to` (both included), if there is one. Breadth first, so the
/// chain is a shortest one.
fn path_between<K: Ord + Clone>(from: K, to: K, callees: impl Fn(&K) -> Vec<K>) -> Option<Vec<K>> {
    let mut came_from: BTreeMap<K, Option<K>> = BTreeMap::from([(from.clone(), None)]);
    let mut frontier = vec![from];
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for current in frontier {
            if current == to {
                let mut chain = vec![current.clone()];
                let mut at = current;
                while let Some(Some(before)) = came_from.get(&at) {
                    chain.push(before.clone());
                    at = before.clone();
                }
                chain.reverse();
                return Some(chain);
            }
            for callee in callees(&current) {
                if !came_from.contains_key(&callee) {
                    came_from.insert(callee.clone(), Some(current.clone()));
                    next.push(callee);
                }
            }
        }
        frontier = next;
    }
    None
}

/// A chain of calls that leads from a process reachable from `start` back to itself, if any: the
/// simulator refuses such a run, since its calls would never end.
pub fn reachable_cycle<K: Ord + Clone>(start: K, callees: impl Fn(&K) -> Vec<K>) -> Option<Vec<K>> {
    let mut done = BTreeSet::new();
    let mut stack: Vec<(K, Vec<K>)> = vec![(start.clone(), callees(&start))];
    while let Some((_, pending)) = stack.last_mut() {
        let Some(next) = pending.pop() else {
            let (finished, _) = stack.pop()?;
            done.insert(finished);
            continue;
        };
        if let Some(at) = stack.iter().position(|(k, _)| *k == next) {
            let mut chain: Vec<K> = stack[at..].iter().map(|(k, _)| k.clone()).collect();
            chain.push(next);
            return Some(chain);
        }
        if !done.contains(&next) {
            let further = callees(&next);
            stack.push((next, further));
        }
    }
    None
}
