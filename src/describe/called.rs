//! How a person reads the process a call runs: its name in the library, else the process id its
//! BPMN file gave as written, else that it is another process. Never the bare id Flowlane keeps.

use std::collections::HashMap;

use super::{one_line, Label};
use crate::model::{Id, Node, NodeKind, Process};

/// A library's process names by id: what names the processes calls run where a library is at
/// hand (the CLI, the app, a pull's merge).
pub type ProcessNames = HashMap<Id, String>;

/// What a call node of `process` runs: the called process's id and how a person reads it —
/// `named` with its name in `library`; otherwise the `calledElement` its BPMN file wrote
/// (`bpmn:Payments`), else `a process not in this library` (or `another process` when no
/// library is at hand). None for a node that is not a call.
pub fn called(
    process: &Process,
    node: &Node,
    library: Option<&ProcessNames>,
) -> Option<(Id, Label)> {
    let NodeKind::Call { process: id, .. } = node.kind else {
        return None;
    };
    let named = library
        .and_then(|names| names.get(&id))
        .and_then(|n| one_line(n));
    let written = (process.foreign.as_ref())
        .and_then(|f| f.nodes.get(&node.id))
        .and_then(|kept| kept.attributes.get("calledElement"))
        .and_then(|called| one_line(called));
    let label = match (named, written) {
        (Some(name), _) => Label {
            text: name,
            named: true,
        },
        (None, Some(bpmn)) => Label {
            text: format!("bpmn:{bpmn}"),
            named: false,
        },
        (None, None) if library.is_some() => Label {
            text: "a process not in this library".into(),
            named: false,
        },
        (None, None) => Label {
            text: "another process".into(),
            named: false,
        },
    };
    Some((id, label))
}
