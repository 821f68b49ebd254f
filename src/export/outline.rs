//! A readable line rendering of a definition: one line per lane, node and flow, grouped by lane
//! in flow order, then pools, message flows, artifacts and associations. `show` prints it and
//! the text diff compares two of them.

use std::collections::HashMap;
use std::fmt::Write;

use super::walk::{end_name, flow_order, outgoing_flows};
use crate::fields;
use crate::model::{ArtifactKind, Direction, Id, Node, NodeKind, Process};

pub fn outline(p: &Process) -> String {
    let mut out = String::new();
    let info = &p.info;
    let _ = writeln!(
        out,
        "process \"{}\" ({}) owner={}",
        info.name,
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
    let names: HashMap<Id, &str> = p.nodes.iter().map(|n| (n.id, n.name.as_str())).collect();
    for lane in p.lanes_in_order() {
        let pool = lane.pool.and_then(|id| p.pool(id));
        let _ = writeln!(
            out,
            "lane \"{}\"{}{}",
            lane.name,
            pool.map_or_else(String::new, |pool| format!(" pool=\"{}\"", pool.name)),
            fields::printed(&fields::LANE, lane)
        );
        for node in order.iter().filter(|n| n.lane == lane.id) {
            let _ = writeln!(out, "  {}", node_line(p, node, &lane.name));
            let flows = outgoing.get(&node.id).map_or(&[][..], Vec::as_slice);
            let mut lines: Vec<String> = flows
                .iter()
                .map(|f| {
                    format!(
                        "    -> \"{}\"{}",
                        names.get(&f.target).copied().unwrap_or("?"),
                        fields::printed(&fields::FLOW, f)
                    )
                })
                .collect();
            lines.sort();
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    beside(p, &mut out);
    out
}

/// A node's line: what it is, its name (an unnamed event goes without), its lane, its trigger
/// in words, the host it is attached to and the sub-process it is in, then its other fields.
fn node_line(p: &Process, node: &Node, lane: &str) -> String {
    let trigger = node.kind.trigger().filter(|t| !t.is_none());
    let mut head = node.kind.label().to_string();
    if !(node.name.is_empty() && trigger.is_some()) {
        let _ = write!(head, " \"{}\"", node.name);
    }
    let _ = write!(head, " [{lane}]");
    if let Some(t) = trigger {
        let _ = write!(head, " on \"{}\"", t.describe());
    }
    if let NodeKind::Boundary { host, .. } = node.kind {
        let _ = write!(head, " attached to \"{}\"", end_name(p, host));
    }
    if let Some(parent) = node.parent {
        let _ = write!(head, " in \"{}\"", end_name(p, parent));
    }
    head + &fields::printed(fields::kind_fields(&node.kind), &node.kind)
}

/// Pools, message flows, artifacts and associations, one line each.
fn beside(p: &Process, out: &mut String) {
    for pool in p.pools_in_order() {
        let partner = if pool.partner { " partner" } else { "" };
        let _ = writeln!(out, "pool \"{}\"{partner}", pool.name);
    }
    for m in &p.messages {
        let name = quoted_or_dash(&m.name);
        let (from, to) = (end_name(p, m.source), end_name(p, m.target));
        let _ = writeln!(out, "message {name} \"{from}\" -> \"{to}\"");
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
            let _ = write!(line, " in \"{}\"", end_name(p, parent));
        }
        let _ = writeln!(out, "{line}");
    }
    for a in &p.associations {
        let (from, to) = (end_name(p, a.source), end_name(p, a.target));
        let arrow = match a.direction {
            Direction::None => "--",
            Direction::One => "->",
            Direction::Both => "<->",
        };
        let _ = writeln!(out, "association \"{from}\" {arrow} \"{to}\"");
    }
}

fn quoted_or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".to_string()
    } else {
        format!("\"{text}\"")
    }
}
