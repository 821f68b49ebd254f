//! Calls: the called process, and the called version if one is pinned, exist in the library.

use std::collections::BTreeMap;

use super::graph::{capitalise, Graph};
use super::{problem, KnownProcess, Problem};
use crate::model::{Id, NodeKind};

/// Without a library (`None`) there is nothing to check calls against.
pub(super) fn check(g: &Graph, known: Option<&BTreeMap<Id, KnownProcess>>) -> Vec<Problem> {
    let Some(known) = known else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (i, node) in g.process.nodes.iter().enumerate() {
        let NodeKind::Call { process, version } = node.kind else {
            continue;
        };
        let name = capitalise(&g.name(i));
        match (known.get(&process), version) {
            (None, _) if process == g.process.id => {}
            (None, _) => found.push(problem(
                "call-missing-process",
                Some(node.id),
                format!("{name} calls a process that is not in the library (id {process})"),
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
