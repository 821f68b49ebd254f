//! BPMN notation on the shapes: event rings (thin start, double intermediate, thick end,
//! dashed when non-interrupting) with their trigger marker, gateway markers, task type and
//! activity markers, expanded sub-processes. Markers come from `diagram::markers`, the table the
//! canvas draws from.

use super::text::text_line;
use super::{empty, num};
use crate::export::diagram::markers::{self, Marker, Paint};
use crate::export::diagram::theme::{self, colour, line_height};
use crate::export::diagram::{center, text, NodeShape};
use crate::model::{Bounds, NodeKind, SubProcessKind};
use crate::xml::Xml;

/// Dashes of a non-interrupting event's rings.
const DASH: &str = "4 3";

/// A marker's parts drawn through `transform`, `ink` and `paper` standing for its colours.
pub(super) fn marker(
    out: &mut Xml,
    parts: &Marker,
    transform: &str,
    ink: &str,
    paper: &str,
    throwing: bool,
) {
    let colour_of = |paint: Paint| match paint {
        Paint::Ink => ink,
        Paint::Paper => paper,
        Paint::None => "none",
    };
    for part in parts {
        let (fill, stroke) = part.paints(throwing);
        let width = num(part.width);
        let mut attributes = vec![
            ("d", part.d.as_str()),
            ("transform", transform),
            ("fill", colour_of(fill)),
            ("stroke", colour_of(stroke)),
            ("stroke-width", &width),
        ];
        if let Some(cap) = &part.cap {
            attributes.push(("stroke-linecap", cap));
        }
        empty(out, "path", &attributes);
    }
}

/// `translate(x y) scale(s)`.
fn place(x: f64, y: f64, scale: f64) -> String {
    format!("translate({} {}) scale({})", num(x), num(y), num(scale))
}

/// Any event: its rings by kind, then its trigger's marker.
pub(super) fn event(out: &mut Xml, node: &NodeShape) {
    let r = &node.rect;
    let (stroke, fill) = match node.kind {
        NodeKind::Start { .. } => (colour::START_STROKE, colour::START_FILL),
        NodeKind::End { .. } => (colour::END_STROKE, colour::END_FILL),
        _ => (colour::SHAPE_STROKE, colour::SHAPE_FILL),
    };
    let dashed = matches!(
        node.kind,
        NodeKind::Start {
            interrupting: false,
            ..
        } | NodeKind::Boundary {
            interrupting: false,
            ..
        }
    );
    let radius = r.w.min(r.h) / 2.0;
    match node.kind {
        NodeKind::End { .. } => ring(out, r, radius - 1.75, 3.5, stroke, fill, false),
        NodeKind::Start { .. } => ring(out, r, radius - 0.75, 1.5, stroke, fill, dashed),
        _ => {
            ring(out, r, radius - 0.75, 1.5, stroke, fill, dashed);
            ring(out, r, radius - 4.25, 1.0, stroke, "none", dashed);
        }
    }
    if let Some(parts) = node.kind.trigger().and_then(markers::event) {
        let c = center(r);
        let transform = place(c.x, c.y, 2.0 * radius / markers::EVENT_SIZE);
        marker(
            out,
            parts,
            &transform,
            stroke,
            fill,
            markers::throws(&node.kind),
        );
    }
}

fn ring(
    out: &mut Xml,
    r: &Bounds,
    radius: f64,
    width: f64,
    stroke: &str,
    fill: &str,
    dashed: bool,
) {
    let c = center(r);
    let (cx, cy, radius, width) = (num(c.x), num(c.y), num(radius.max(0.0)), num(width));
    let mut attributes = vec![
        ("cx", cx.as_str()),
        ("cy", &cy),
        ("r", &radius),
        ("fill", fill),
        ("stroke", stroke),
        ("stroke-width", &width),
    ];
    if dashed {
        attributes.push(("stroke-dasharray", DASH));
    }
    empty(out, "circle", &attributes);
}

/// The event-based and complex gateways' markers; the others draw their own.
pub(super) fn gateway_marker(out: &mut Xml, r: &Bounds, parts: &Marker) {
    let c = center(r);
    let transform = place(c.x, c.y, r.w.min(r.h) / markers::GATEWAY_SIZE);
    marker(
        out,
        parts,
        &transform,
        colour::SHAPE_STROKE,
        colour::GATEWAY_FILL,
        false,
    );
}

/// The task type at the top left and the loop, instance, collapsed and ad-hoc markers at the
/// bottom centre.
pub(super) fn activity_markers(out: &mut Xml, node: &NodeShape) {
    let r = &node.rect;
    if let NodeKind::Task { task, .. } = node.kind {
        if let Some(parts) = markers::task(task) {
            plain_marker(out, parts, r.x + 7.0, r.y + 6.0);
        }
    }
    let bottom = markers::activity(&node.kind);
    let mut x = markers::activity_markers_left(r.x + r.w / 2.0, bottom.len());
    for parts in bottom {
        plain_marker(out, parts, x, r.y + r.h - 15.0);
        x += markers::ACTIVITY_MARKER_STEP;
    }
}

/// A marker at its own size with its top left at (`x`, `y`), in the shapes' colours.
pub(super) fn plain_marker(out: &mut Xml, parts: &Marker, x: f64, y: f64) {
    let transform = place(x, y, 1.0);
    let (ink, paper) = (colour::SHAPE_STROKE, colour::SHAPE_FILL);
    marker(out, parts, &transform, ink, paper, false);
}

/// An expanded sub-process: a large rounded box (dotted for an event sub-process, doubled for a
/// transaction) with its name at the top left; its contents are drawn after it.
pub(super) fn expanded(out: &mut Xml, node: &NodeShape, sub: SubProcessKind) {
    let r = &node.rect;
    let frame = |out: &mut Xml, inset: f64, width: &str| {
        let (x, y) = (num(r.x + inset), num(r.y + inset));
        let (w, h) = (num(r.w - 2.0 * inset), num(r.h - 2.0 * inset));
        let mut attributes = vec![
            ("x", x.as_str()),
            ("y", &y),
            ("width", &w),
            ("height", &h),
            ("rx", "12"),
            ("fill", "none"),
            ("stroke", colour::SHAPE_STROKE),
            ("stroke-width", width),
        ];
        if sub == SubProcessKind::Event {
            attributes.extend([("stroke-dasharray", "2 3"), ("stroke-linecap", "round")]);
        }
        empty(out, "rect", &attributes);
    };
    frame(out, 0.75, "1.5");
    if sub == SubProcessKind::Transaction {
        frame(out, 4.0, "1");
    }
    let step = line_height::NODE_NAME;
    let lines = text::wrap(&node.name, theme::NODE_NAME, r.w - 24.0, 2);
    for (i, line) in lines.iter().enumerate() {
        let y = r.y + 10.0 + step / 2.0 + i as f64 * step;
        text_line(
            out,
            r.x + 12.0,
            y,
            line,
            theme::NODE_NAME,
            colour::NODE_NAME,
            "start",
        );
    }
    activity_markers(out, node);
}
