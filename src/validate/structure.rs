//! Structural integrity: the definition must hang together before anything else can use it.

use std::collections::{BTreeSet, HashSet};

use super::foreign_xml::unsafe_foreign_xml;
use super::graph::capitalise;
use super::lengths::{too_long, PAGE};
use super::{Problem, Severity};
use crate::describe::Names;
use crate::model::{Id, Process};

/// Unique ids, references that resolve, layout for every node and nothing else.
pub fn structure(p: &Process) -> Vec<Problem> {
    // Names are worked out only for a problem to describe: a sound 5,000-node process (every
    // save) would spend most of this check naming elements it never mentions.
    let described = std::cell::OnceCell::new();
    let names = || described.get_or_init(|| Names::of(p));
    let mut found = Vec::new();
    let mut error = |code: &str, element: Option<Id>, message: String| {
        found.push(Problem {
            severity: Severity::Error,
            code: code.into(),
            element,
            bpmn_id: None,
            message,
            hint: hint(code).into(),
            path: Vec::new(),
        })
    };

    let mut seen = HashSet::new();
    let ids = p
        .lanes
        .iter()
        .map(|l| l.id)
        .chain(p.nodes.iter().map(|n| n.id))
        .chain(p.flows.iter().map(|f| f.id));
    for id in ids {
        if !seen.insert(id) {
            error(
                "duplicate-id",
                Some(id),
                format!(
                    "{} shares its id with another element",
                    capitalise(&names().phrase(id))
                ),
            );
        }
    }

    let lanes: HashSet<Id> = p.lanes.iter().map(|l| l.id).collect();
    let nodes: HashSet<Id> = p.nodes.iter().map(|n| n.id).collect();
    // Bend points belong to sequence flows, message flows and associations alike.
    let flows: HashSet<Id> = (p.flows.iter().map(|f| f.id))
        .chain(p.messages.iter().map(|m| m.id))
        .chain(p.associations.iter().map(|a| a.id))
        .collect();

    for node in &p.nodes {
        if !lanes.contains(&node.lane) {
            error(
                "unknown-lane",
                Some(node.id),
                format!(
                    "{} is in a lane that does not exist",
                    capitalise(&names().phrase(node.id))
                ),
            );
        }
        if !p.layout.nodes.contains_key(&node.id) {
            error(
                "missing-bounds",
                Some(node.id),
                format!(
                    "{} has no position in the layout",
                    capitalise(&names().phrase(node.id))
                ),
            );
        }
    }
    for flow in &p.flows {
        for (end, id) in [("source", flow.source), ("target", flow.target)] {
            if !nodes.contains(&id) {
                error(
                    "dangling-flow",
                    Some(flow.id),
                    format!(
                        "{} has a {end} that is not a node",
                        capitalise(&names().phrase(flow.id))
                    ),
                );
            }
        }
    }
    let mut defaults = HashSet::new();
    for flow in p.flows.iter().filter(|f| f.default) {
        if !defaults.insert(flow.source) {
            error(
                "two-defaults",
                Some(flow.source),
                format!(
                    "{} has more than one default flow",
                    capitalise(&names().phrase(flow.source))
                ),
            );
        }
    }

    let orphans: BTreeSet<Id> = (p.layout.nodes.keys().filter(|id| !nodes.contains(id)))
        .chain(p.layout.lanes.keys().filter(|id| !lanes.contains(id)))
        .chain(p.layout.flows.keys().filter(|id| !flows.contains(id)))
        .copied()
        .collect();
    for id in orphans {
        error(
            "orphan-layout",
            Some(id),
            format!("the layout places an element that is not in the process ({id})"),
        );
    }

    for (element, what, length, cap) in too_long(p) {
        error(
            "too-long",
            element,
            format!("{what} is {length} characters long; at most {cap} are kept"),
        );
    }

    for (element, why) in unsafe_foreign_xml(p) {
        error("foreign-xml", element, why);
    }

    let mut names = HashSet::new();
    for var in &p.info.variables {
        if !is_identifier(&var.name) {
            error(
                "bad-variable-name",
                None,
                format!(
                    "variable \"{}\" must be a name like `amount` or `start_date`",
                    var.name
                ),
            );
        } else if !names.insert(var.name.as_str()) {
            error(
                "duplicate-variable",
                None,
                format!("variable \"{}\" is declared twice", var.name),
            );
        }
    }
    found
}

/// What a version needs beyond a draft: at least one step, and a message of at most a page.
pub fn version_structure(p: &Process, message: &str) -> Vec<Problem> {
    let mut found = structure(p);
    let mut error = |code: &str, message: String| {
        found.push(Problem {
            severity: Severity::Error,
            code: code.into(),
            element: None,
            bpmn_id: None,
            message,
            hint: hint(code).into(),
            path: Vec::new(),
        })
    };
    if p.nodes.is_empty() {
        error(
            "no-steps",
            format!(
                "\"{}\" has no step yet, so it cannot be saved as a version",
                p.info.name
            ),
        );
    }
    let length = message.chars().count();
    if length > PAGE {
        error(
            "too-long",
            format!("the version message is {length} characters long; at most {PAGE} are kept"),
        );
    }
    found
}

/// What to do about each structural problem; most come from editing the file by hand.
fn hint(code: &str) -> &'static str {
    match code {
        "duplicate-id" => "Give each element its own id",
        "unknown-lane" => "Move the node into an existing lane",
        "missing-bounds" => "Give the node a position in the layout",
        "dangling-flow" => "Connect the flow to existing nodes, or remove it",
        "two-defaults" => "Keep one default flow per gateway",
        "orphan-layout" => "Remove the layout entry, or add the element it places",
        "bad-variable-name" => "Use letters, digits and `_`, starting with a letter",
        "duplicate-variable" => "Declare each variable once",
        "foreign-xml" => "Import the BPMN file again, or remove the kept part from the definition",
        "no-steps" => {
            "Draw at least a start, a step and an end; the draft keeps your work meanwhile"
        }
        "too-long" => "Shorten the text, or move the detail into the step's description",
        _ => "Fix the definition file",
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
