//! A readable line rendering of a definition: one line per lane, node and flow, grouped by lane
//! in flow order. `show` prints it and the text diff compares two of them.

use std::collections::HashMap;
use std::fmt::Write;

use super::walk::{flow_order, outgoing_flows};
use crate::fields;
use crate::model::{Id, Node, Process};

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
        let _ = writeln!(
            out,
            "lane \"{}\"{}",
            lane.name,
            fields::printed(&fields::LANE, lane)
        );
        for node in order.iter().filter(|n| n.lane == lane.id) {
            let _ = writeln!(out, "  {}", node_line(node, &lane.name));
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
    out
}

fn node_line(node: &Node, lane: &str) -> String {
    format!(
        "{} \"{}\" [{lane}]{}",
        node.kind.label(),
        node.name,
        fields::printed(fields::kind_fields(&node.kind), &node.kind)
    )
}

fn quoted_or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".to_string()
    } else {
        format!("\"{text}\"")
    }
}
