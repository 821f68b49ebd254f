//! A readable line rendering of a definition: one line per lane, node and flow, grouped by lane
//! in flow order, then pools, message flows, artifacts and associations. `show` prints it and
//! the text diff compares two of them.

use std::collections::HashMap;
use std::fmt::Write;

use super::walk::{flow_order, outgoing_flows};
use crate::describe::{called, Label, Names};
use crate::fields;
use crate::model::{ArtifactKind, Direction, Id, Node, NodeKind, Process};

/// The outline as the text diff compares it, where no library names the processes calls run.
pub fn outline(p: &Process) -> String {
    outline_with(p, &Shown::default())
}

/// What an outline shows beyond the definition.
#[derive(Clone, Copy, Debug, Default)]
pub struct Shown<'a> {
    /// Each lane, node and flow's ids: Flowlane's, and for an imported process the element's id
    /// in its BPMN file (`bpmn=Task_1`); a call's called process id (`calls_id=`).
    pub ids: bool,
    /// The library's process names by id, for the process a call runs (`calls="Vendor
    /// payments"`); none outside a library.
    pub processes: Option<&'a HashMap<Id, String>>,
}

/// `kind "Name"`, or the description of an unnamed element (which names its kind itself).
fn headed(kind: &str, label: &Label) -> String {
    match label.named {
        true => format!("{kind} {label}"),
        false => label.text.clone(),
    }
}

/// The outline with what `shown` adds, as `show` prints it.
pub fn outline_with(p: &Process, shown: &Shown) -> String {
    let names = Names::of(p);
    let ids = |id: Id| match (shown.ids, &p.foreign) {
        (false, _) => String::new(),
        (true, None) => format!(" id={id}"),
        (true, Some(foreign)) => format!(" id={id} bpmn={}", foreign.source_id(id)),
    };
    let mut out = String::new();
    let info = &p.info;
    let _ = writeln!(
        out,
        "process {} ({}) owner={}",
        quoted_or(&info.name, "without a name"),
        info.category.as_str(),
        quoted_or_dash(&info.owner)
    );
    let _ = writeln!(out, "  outcome: {}", quoted_or_dash(&info.outcome));
    if let Some(sla) = info.sla {
        let _ = writeln!(out, "  sla: {sla}");
    }
    for var in &info.variables {
        let _ = writeln!(out, "  variable {}: {}", var.name, var.var_type.as_str());
    }
    let outgoing = outgoing_flows(p);
    let order = flow_order(p, &outgoing);
    for lane in p.lanes_in_order() {
        let pool = lane.pool.and_then(|id| p.pool(id));
        let _ = writeln!(
            out,
            "{}{}{}{}",
            headed("lane", &names.label(lane.id)),
            pool.map_or_else(String::new, |pool| format!(
                " pool={}",
                names.phrase(pool.id)
            )),
            fields::printed(&fields::LANE, lane),
            ids(lane.id)
        );
        for node in order.iter().filter(|n| n.lane == lane.id) {
            let line = node_line(p, &names, node) + &calls(p, node, shown);
            let _ = writeln!(out, "  {line}{}", ids(node.id));
            let flows = outgoing.get(&node.id).map_or(&[][..], Vec::as_slice);
            let mut lines: Vec<String> = flows
                .iter()
                .map(|f| {
                    format!(
                        "    -> {}{}{}",
                        names.phrase(f.target),
                        fields::printed(&fields::FLOW, f),
                        ids(f.id)
                    )
                })
                .collect();
            lines.sort();
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    beside(p, &names, &mut out);
    out
}

/// A node's line: what it is and its name (an unnamed node: what and where it is), its lane,
/// its trigger in words, the host it is attached to and the sub-process it is in, then its
/// other fields.
fn node_line(p: &Process, names: &Names, node: &Node) -> String {
    let trigger = node.kind.trigger().filter(|t| !t.is_none());
    let mut head = headed(node.kind.label(), &names.label(node.id));
    let _ = write!(head, " [{}]", names.text(node.lane));
    if let Some(t) = trigger {
        let _ = write!(head, " on \"{}\"", t.describe());
    }
    if let NodeKind::Boundary { host, .. } = node.kind {
        let _ = write!(head, " attached to {}", names.phrase(host));
    }
    if let Some(parent) = node.parent.filter(|parent| p.node(*parent).is_some()) {
        let _ = write!(head, " in {}", names.phrase(parent));
    }
    head + &fields::printed(fields::kind_fields(&node.kind), &node.kind)
}

/// ` calls="Vendor payments"`: the process a call runs as `describe::called` reads it
/// (`calls=bpmn:Payments` outside the library); with ids also Flowlane's id. Never a bare UUID
/// in place of a name.
fn calls(p: &Process, node: &Node, shown: &Shown) -> String {
    let Some((process, label)) = called(p, node, shown.processes) else {
        return String::new();
    };
    let mut out = format!(" calls={label}");
    if shown.ids {
        let _ = write!(out, " calls_id={process}");
    }
    out
}

/// Pools, message flows (`~>`, never a sequence flow's `->`), artifacts and associations, one
/// line each.
fn beside(p: &Process, names: &Names, out: &mut String) {
    for pool in p.pools_in_order() {
        let partner = if pool.partner { " partner" } else { "" };
        let _ = writeln!(out, "{}{partner}", headed("pool", &names.label(pool.id)));
    }
    for m in &p.messages {
        let name = quoted_or_dash(&m.name);
        let (from, to) = (names.phrase(m.source), names.phrase(m.target));
        let _ = writeln!(out, "message flow {name} {from} ~> {to}");
    }
    for a in &p.artifacts {
        let mut line = format!("{} {}", a.kind.label(), quoted_or_dash(a.kind.text()));
        if matches!(
            a.kind,
            ArtifactKind::DataObject {
                collection: true,
                ..
            }
        ) {
            line.push_str(" collection");
        }
        if let Some(parent) = a.parent {
            let _ = write!(line, " in {}", names.phrase(parent));
        }
        let _ = writeln!(out, "{line}");
    }
    for a in &p.associations {
        let (from, to) = (names.phrase(a.source), names.phrase(a.target));
        let arrow = match a.direction {
            Direction::None => "--",
            Direction::One => "->",
            Direction::Both => "<->",
        };
        let _ = writeln!(out, "association {from} {arrow} {to}");
    }
}

fn quoted_or_dash(text: &str) -> String {
    quoted_or(text, "-")
}

fn quoted_or(text: &str, otherwise: &str) -> String {
    if text.is_empty() {
        otherwise.to_string()
    } else {
        format!("\"{text}\"")
    }
}
