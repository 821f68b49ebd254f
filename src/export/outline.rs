//! A readable line rendering of a definition: one line per lane, node and flow, grouped by lane
//! in flow order. `show` prints it and the text diff compares two of them.

use std::collections::HashMap;
use std::fmt::Write;

use super::walk::{flow_order, outgoing_flows};
use crate::model::{Id, Node, NodeKind, Process};

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
            "lane \"{}\" team={} trigger={} output={}",
            lane.name,
            quoted_or_dash(&lane.team),
            quoted_or_dash(&lane.trigger),
            quoted_or_dash(&lane.output)
        );
        for node in order.iter().filter(|n| n.lane == lane.id) {
            let _ = writeln!(out, "  {}", node_line(node, &lane.name));
            let flows = outgoing.get(&node.id).map_or(&[][..], Vec::as_slice);
            let mut lines: Vec<String> = flows
                .iter()
                .map(|f| {
                    let mut line = format!(
                        "    -> \"{}\"",
                        names.get(&f.target).copied().unwrap_or("?")
                    );
                    if !f.label.is_empty() {
                        let _ = write!(line, " label=\"{}\"", f.label);
                    }
                    if let Some(c) = &f.condition {
                        let _ = write!(line, " if `{c}`");
                    }
                    if f.default {
                        line.push_str(" default");
                    }
                    line
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
    let head = format!("{} \"{}\" [{lane}]", node.kind.label(), node.name);
    match &node.kind {
        NodeKind::Task {
            assignee,
            duration,
            sla,
            description,
            outputs,
            ..
        } => {
            let mut line = format!("{head} assignee={}", quoted_or_dash(assignee));
            if let Some(d) = duration {
                let _ = write!(line, " duration={d}");
            }
            if let Some(s) = sla {
                let _ = write!(line, " sla={s}");
            }
            if !description.is_empty() {
                let _ = write!(line, " description=\"{description}\"");
            }
            if !outputs.is_empty() {
                let _ = write!(line, " sets={}", outputs.join(","));
            }
            line
        }
        NodeKind::End { outcome } if !outcome.is_empty() => format!("{head} outcome=\"{outcome}\""),
        NodeKind::Timer { wait } => format!("{head} wait={wait}"),
        NodeKind::Call { process, version } => match version {
            Some(v) => format!("{head} calls={process} v{v}"),
            None => format!("{head} calls={process}"),
        },
        _ => head,
    }
}

fn quoted_or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".to_string()
    } else {
        format!("\"{text}\"")
    }
}
