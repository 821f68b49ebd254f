//! Flow lines with their arrowheads and default markers.

use std::fmt::Write;

use super::{empty, num};
use crate::export::diagram::theme::colour;
use crate::export::diagram::FlowShape;
use crate::model::Point;
use crate::xml::Xml;

pub(super) fn flow_line(out: &mut Xml, flow: &FlowShape) {
    let mut d = String::new();
    let last = flow.points.len() - 1;
    for (i, p) in flow.points.iter().enumerate() {
        let (x, y) = if i == last && last > 0 {
            // Stop the line at the arrow's base so the tip stays sharp.
            let [_, a, b] = flow.arrow;
            ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
        } else {
            (p.x, p.y)
        };
        let _ = write!(d, "{}{} {}", if i == 0 { 'M' } else { 'L' }, num(x), num(y));
    }
    if let Some([a, b]) = flow.default_marker {
        let _ = write!(d, "M{} {}L{} {}", num(a.x), num(a.y), num(b.x), num(b.y));
    }
    let line = [
        ("d", d.as_str()),
        ("fill", "none"),
        ("stroke", colour::FLOW),
        ("stroke-width", "1.4"),
        ("stroke-linejoin", "round"),
    ];
    empty(out, "path", &line);
    let head = arrow_path(&flow.arrow);
    empty(out, "path", &[("d", head.as_str()), ("fill", colour::FLOW)]);
}

/// Path data of an arrowhead: tip, back corners, closed.
pub(super) fn arrow_path([t, a, b]: &[Point; 3]) -> String {
    format!(
        "M{} {}L{} {}L{} {}Z",
        num(t.x),
        num(t.y),
        num(a.x),
        num(a.y),
        num(b.x),
        num(b.y)
    )
}
