//! A semantic diff as lines for people: `+` added, `-` removed, `~` changed, `>` moved to another
//! lane, each followed by its field-level values.

use std::fmt::Write;

use super::semantic::{Diff, DiffElement, DiffField, DiffStatus, ElementChange, LayoutItem};

/// The changes in meaning, with a one-line summary first; layout changes are only counted.
pub fn render_text(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", summary(diff));
    for change in &diff.changes {
        // The lane order goes just before the first lane, where a reader looks for it.
        if change.element == DiffElement::Lane && is_first_lane(diff, change) {
            lane_order(diff, &mut out);
        }
        render_change(change, &mut out);
    }
    if !diff.changes.iter().any(|c| c.element == DiffElement::Lane) {
        lane_order(diff, &mut out);
    }
    out
}

/// The layout changes, one per line.
pub fn render_layout(diff: &Diff) -> String {
    let mut out = String::new();
    for c in &diff.layout {
        let what = match c.item {
            LayoutItem::NodeBounds => "bounds",
            LayoutItem::LaneHeight => "lane height",
            LayoutItem::Waypoints => "bend points",
        };
        let _ = writeln!(out, "  {what} of \"{}\": {}", c.name, c.says);
    }
    out
}

/// One change as `render_text` prints it: its head line, then its fields, one per line.
pub fn change_text(change: &ElementChange) -> String {
    let mut out = String::new();
    render_change(change, &mut out);
    out
}

/// "2 added, 1 changed; 3 layout change(s) not shown", or "no changes".
pub fn summary(diff: &Diff) -> String {
    if diff.is_empty() {
        return "no changes".into();
    }
    let count = |status| diff.changes.iter().filter(|c| c.status == status).count();
    let mut parts = Vec::new();
    for (status, word) in [
        (DiffStatus::Added, "added"),
        (DiffStatus::Removed, "removed"),
        (DiffStatus::Changed, "changed"),
        (DiffStatus::Moved, "moved"),
    ] {
        let n = count(status);
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    if diff.lane_order.is_some() {
        parts.push("lanes reordered".into());
    }
    let meaning = if parts.is_empty() {
        "no change in meaning".to_string()
    } else {
        parts.join(", ")
    };
    match diff.layout.len() {
        0 => meaning,
        n => format!("{meaning}; {n} layout change(s) not shown"),
    }
}

fn is_first_lane(diff: &Diff, change: &ElementChange) -> bool {
    diff.changes
        .iter()
        .find(|c| c.element == DiffElement::Lane)
        .is_some_and(|first| std::ptr::eq(first, change))
}

fn lane_order(diff: &Diff, out: &mut String) {
    if let Some(order) = &diff.lane_order {
        let list = |names: &[String]| {
            names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "lane order: {} → {}",
            list(&order.old),
            list(&order.new)
        );
    }
}

fn render_change(c: &ElementChange, out: &mut String) {
    let mark = match c.status {
        DiffStatus::Added => '+',
        DiffStatus::Removed => '-',
        DiffStatus::Changed => '~',
        DiffStatus::Moved => '>',
    };
    let mut head = match c.element {
        DiffElement::Process => format!("{mark} process \"{}\"", c.name),
        DiffElement::Variable => format!("{mark} variable {}", c.name),
        DiffElement::Flow => format!("{mark} flow {}", c.name),
        DiffElement::Message => format!("{mark} message flow {}", c.name),
        DiffElement::Association => format!("{mark} association {}", c.name),
        _ if c.described => format!("{mark} {}", c.name),
        DiffElement::Lane | DiffElement::Node | DiffElement::Pool | DiffElement::Artifact => {
            format!("{mark} {} \"{}\"", c.kind, c.name)
        }
    };
    if let Some(lane) = c.lane.as_ref().filter(|_| c.moved.is_none()) {
        let _ = write!(head, " [{lane}]");
    }
    if let Some(m) = &c.moved {
        let _ = write!(head, ": \"{}\" → \"{}\"", m.from_name, m.to_name);
    }
    if c.recreated {
        head.push_str(" (re-created with a new id)");
    }
    let _ = writeln!(out, "{head}");
    let whole = matches!(c.status, DiffStatus::Added | DiffStatus::Removed);
    for f in &c.fields {
        // An added or removed element's name, kind and endpoints are already in its head line.
        let in_head = matches!(
            f.field,
            DiffField::Name
                | DiffField::Kind
                | DiffField::Gateway
                | DiffField::Source
                | DiffField::Target
        );
        if whole && in_head && c.element != DiffElement::Variable {
            continue;
        }
        let name = field_name(f.field);
        let changed = matches!(c.status, DiffStatus::Changed | DiffStatus::Moved);
        if let (true, Some(words)) = (changed, moved_words(f)) {
            let _ = writeln!(out, "    {words}");
            continue;
        }
        let _ = match c.status {
            DiffStatus::Added => writeln!(out, "    {name}: {}", value(&f.new)),
            DiffStatus::Removed => writeln!(out, "    {name}: {}", value(&f.old)),
            DiffStatus::Changed | DiffStatus::Moved => {
                writeln!(out, "    {name}: {} → {}", value(&f.old), value(&f.new))
            }
        };
    }
}

/// A boundary event put on another host, or a node put into or out of a sub-process, in words.
fn moved_words(f: &crate::diff::semantic::FieldChange) -> Option<String> {
    let (old, new) = (value(&f.old), value(&f.new));
    match (f.field, &f.old, &f.new) {
        (DiffField::Host, _, _) => Some(format!("re-attached from {old} to {new}")),
        (DiffField::Parent, _, Some(_)) => Some(format!("moved into sub-process {new}")),
        (DiffField::Parent, Some(_), None) => Some(format!(
            "moved out of sub-process {old} to the process level"
        )),
        _ => None,
    }
}

fn value(v: &Option<impl std::fmt::Display>) -> String {
    match v {
        Some(text) => format!("\"{text}\""),
        None => "(none)".into(),
    }
}

fn field_name(field: DiffField) -> &'static str {
    match field {
        DiffField::Name => "name",
        DiffField::Kind => "kind",
        DiffField::Outcome => "outcome",
        DiffField::Category => "category",
        DiffField::Owner => "owner",
        DiffField::Type => "type",
        DiffField::Team => "team",
        DiffField::Trigger => "trigger",
        DiffField::Output => "output",
        DiffField::Position => "position",
        DiffField::Assignee => "assignee",
        DiffField::Duration => "duration",
        DiffField::Sla => "sla",
        DiffField::Description => "description",
        DiffField::Outputs => "sets",
        DiffField::Gateway => "gateway",
        DiffField::Interrupting => "non-interrupting",
        DiffField::Host => "attached to",
        DiffField::Task => "type",
        DiffField::Message => "message",
        DiffField::Repeat => "repeats",
        DiffField::Sub => "kind",
        DiffField::Expanded => "drawn open",
        DiffField::Process => "calls",
        DiffField::Version => "version",
        DiffField::Source => "source",
        DiffField::Target => "target",
        DiffField::Label => "label",
        DiffField::Condition => "condition",
        DiffField::Default => "default",
        DiffField::Distribution => "distribution",
        DiffField::Cost => "cost per hour",
        DiffField::Probability => "probability",
        DiffField::Simulation => "simulation",
        DiffField::Generated => "generated data",
        DiffField::Parent => "inside",
        DiffField::Partner => "partner",
        DiffField::Collection => "collection",
        DiffField::Direction => "direction",
    }
}
