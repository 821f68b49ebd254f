//! Ownership: every workflow has a team, a trigger, an output and a place of its own in the
//! order; every task an assignee, and what it decides (its outputs) is a declared variable.

use super::graph::capitalise;
use super::{problem, Problem};
use crate::describe::Names;
use crate::model::{Lane, NodeKind, Process};

/// A lane field every workflow fills in.
struct LaneField {
    code: &'static str,
    value: fn(&Lane) -> &str,
    missing: &'static str,
    hint: &'static str,
}

const LANE_FIELDS: [LaneField; 3] = [
    LaneField {
        code: "lane-without-team",
        value: |l| &l.team,
        missing: "no owning team",
        hint: "Name the team that owns this workflow, e.g. \"IT Service Desk\"",
    },
    LaneField {
        code: "lane-without-trigger",
        value: |l| &l.trigger,
        missing: "no trigger",
        hint: "Say what starts this workflow, e.g. \"HR confirms the hire\"",
    },
    LaneField {
        code: "lane-without-output",
        value: |l| &l.output,
        missing: "no output",
        hint: "Say what this workflow delivers when it is done",
    },
];

pub(super) fn check(p: &Process) -> Vec<Problem> {
    let names = Names::of(p);
    let mut found = Vec::new();
    for pair in p.lanes_in_order().windows(2) {
        if let [above, lane] = pair {
            if above.order == lane.order {
                found.push(problem(
                    "lane-order-duplicate",
                    Some(lane.id),
                    format!(
                        "Workflows {} and {} have the same place ({}) in the order",
                        names.phrase(above.id),
                        names.phrase(lane.id),
                        lane.order
                    ),
                    "Reorder the workflows so each has its own place (drag a lane header, or Alt+Up/Down)",
                ));
            }
        }
    }
    for lane in p.lanes_in_order() {
        for field in &LANE_FIELDS {
            if (field.value)(lane).trim().is_empty() {
                found.push(problem(
                    field.code,
                    Some(lane.id),
                    format!("Workflow {} has {}", names.phrase(lane.id), field.missing),
                    field.hint,
                ));
            }
        }
    }
    for node in &p.nodes {
        if let NodeKind::Task {
            assignee, outputs, ..
        } = &node.kind
        {
            if assignee.trim().is_empty() {
                found.push(problem(
                    "task-without-assignee",
                    Some(node.id),
                    format!("{} has no assignee", capitalise(&names.phrase(node.id))),
                    "Name the role that does this step, e.g. \"Budget owner\"",
                ));
            }
            let declared = |name: &String| p.info.variables.iter().any(|v| &v.name == name);
            for output in outputs.iter().filter(|name| !declared(name)) {
                found.push(problem(
                    "task-output-undeclared",
                    Some(node.id),
                    format!(
                        "{} sets `{output}`, which the process does not declare",
                        capitalise(&names.phrase(node.id))
                    ),
                    "Declare the variable on the process, or remove it from the step's outputs",
                ));
            }
        }
    }
    found
}
