//! Node shapes: tasks, calls and sub-processes as rounded boxes (with assignee, SLA badge and
//! markers), gateways as diamonds with their marker; events are drawn by `notation`.

use super::text::{text_block, text_line};
use super::{empty, notation, num};
use crate::export::diagram::markers;
use crate::export::diagram::theme::{self, colour, line_height};
use crate::export::diagram::{center, text, NodeShape};
use crate::model::{Bounds, GatewayKind, NodeKind, SubProcessKind};

/// Room the bottom markers take under an activity's text.
const MARKER_ROW: f64 = 12.0;
use crate::xml::Xml;

pub(super) fn paint_node(out: &mut Xml, node: &NodeShape) {
    match &node.kind {
        NodeKind::Task { assignee, sla, .. } => {
            activity(out, node, 1.5, assignee);
            notation::activity_markers(out, node);
            if let Some(sla) = sla {
                sla_badge(out, &node.rect, &format!("SLA {sla}"));
            }
        }
        NodeKind::Call { .. } => {
            activity(out, node, 3.5, "");
            notation::activity_markers(out, node);
        }
        NodeKind::SubProcess {
            expanded: true,
            sub,
            ..
        } => notation::expanded(out, node, *sub),
        NodeKind::SubProcess { sub, .. } => {
            activity(out, node, 1.5, "");
            if *sub == SubProcessKind::Transaction {
                inner_frame(out, &node.rect);
            }
            notation::activity_markers(out, node);
        }
        NodeKind::Gateway { gateway, .. } => {
            diamond(out, &node.rect, *gateway);
            if let Some(parts) = markers::gateway(*gateway) {
                notation::gateway_marker(out, &node.rect, parts);
            }
        }
        _ => notation::event(out, node),
    }
    if let Some(caption) = &node.caption {
        text_block(out, caption, colour::NODE_NAME);
    }
}

/// The second border of a transaction.
fn inner_frame(out: &mut Xml, r: &Bounds) {
    let (x, y, w, h) = (
        num(r.x + 4.0),
        num(r.y + 4.0),
        num(r.w - 8.0),
        num(r.h - 8.0),
    );
    let attributes = [
        ("x", x.as_str()),
        ("y", &y),
        ("width", &w),
        ("height", &h),
        ("rx", "6"),
        ("fill", "none"),
        ("stroke", colour::SHAPE_STROKE),
        ("stroke-width", "1"),
    ];
    empty(out, "rect", &attributes);
}

fn activity(out: &mut Xml, node: &NodeShape, border: f64, subtitle: &str) {
    let r = node.rect;
    let inset = border / 2.0;
    let (w, h) = (r.w - border, r.h - border);
    let radius = 9f64.min(w / 2.0).min(h / 2.0).max(0.0);
    let stroke = if border > 2.0 {
        colour::CALL_STROKE
    } else {
        colour::SHAPE_STROKE
    };
    let (x, y) = (num(r.x + inset), num(r.y + inset));
    let (width, height) = (num(w.max(0.0)), num(h.max(0.0)));
    let (rx, stroke_width) = (num(radius), num(border));
    let attributes = [
        ("x", x.as_str()),
        ("y", &y),
        ("width", &width),
        ("height", &height),
        ("rx", &rx),
        ("fill", colour::SHAPE_FILL),
        ("stroke", stroke),
        ("stroke-width", &stroke_width),
    ];
    empty(out, "rect", &attributes);
    let padding = 8.0;
    let step = line_height::NODE_NAME;
    let show_subtitle = !subtitle.trim().is_empty();
    // Loop, instance and collapsed markers sit at the bottom centre, under the subtitle.
    let marked = if markers::activity(&node.kind).is_empty() {
        0.0
    } else {
        MARKER_ROW
    };
    let subtitle_space = if show_subtitle { step } else { 0.0 } + marked;
    let max_lines = (((r.h - 12.0 - subtitle_space) / step).floor() as usize).max(1);
    let lines = text::wrap(&node.name, theme::NODE_NAME, r.w - 2.0 * padding, max_lines);
    let block_height = lines.len() as f64 * step;
    let cx = r.x + r.w / 2.0;
    let mut y = r.y + (r.h - subtitle_space - block_height) / 2.0 + step / 2.0;
    for line in &lines {
        text_line(
            out,
            cx,
            y,
            line,
            theme::NODE_NAME,
            colour::NODE_NAME,
            "middle",
        );
        y += step;
    }
    if show_subtitle {
        if let Some(line) = text::wrap(subtitle, theme::NODE_DETAIL, r.w - 2.0 * padding, 1).first()
        {
            let y = r.y + r.h - 6.0 - marked - step / 2.0;
            text_line(
                out,
                cx,
                y,
                line,
                theme::NODE_DETAIL,
                colour::NODE_DETAIL,
                "middle",
            );
        }
    }
}

/// A pill straddling the top border at the right, so it reads as a property of the box.
fn sla_badge(out: &mut Xml, r: &Bounds, label: &str) {
    let width = text::width(label, theme::BADGE) + 10.0;
    let height = theme::BADGE.size + 6.0;
    let x = r.x + r.w - width - 8.0;
    let y = r.y - height / 2.0;
    let (left, top, w, h, rx) = (num(x), num(y), num(width), num(height), num(height / 2.0));
    let attributes = [
        ("x", left.as_str()),
        ("y", &top),
        ("width", &w),
        ("height", &h),
        ("rx", &rx),
        ("fill", colour::SLA_FILL),
        ("stroke", colour::SLA_STROKE),
        ("stroke-width", "1"),
    ];
    empty(out, "rect", &attributes);
    text_line(
        out,
        x + width / 2.0,
        y + height / 2.0 + 0.5,
        label,
        theme::BADGE,
        colour::SLA_TEXT,
        "middle",
    );
}

fn diamond(out: &mut Xml, r: &Bounds, kind: GatewayKind) {
    let c = center(r);
    let d = format!(
        "M{cx} {top}L{right} {cy}L{cx} {bottom}L{left} {cy}Z",
        cx = num(c.x),
        cy = num(c.y),
        top = num(r.y),
        bottom = num(r.y + r.h),
        left = num(r.x),
        right = num(r.x + r.w),
    );
    let attributes = [
        ("d", d.as_str()),
        ("fill", colour::GATEWAY_FILL),
        ("stroke", colour::GATEWAY_STROKE),
        ("stroke-width", "1.5"),
        ("stroke-linejoin", "round"),
    ];
    empty(out, "path", &attributes);
    let arm = r.w.min(r.h) * 0.2;
    let marker = [
        ("stroke", colour::SHAPE_STROKE),
        ("stroke-linecap", "round"),
    ];
    match kind {
        GatewayKind::Exclusive => {
            let a = arm * 0.8;
            let d = format!(
                "M{} {}L{} {}M{} {}L{} {}",
                num(c.x - a),
                num(c.y - a),
                num(c.x + a),
                num(c.y + a),
                num(c.x + a),
                num(c.y - a),
                num(c.x - a),
                num(c.y + a)
            );
            let cross = [("d", d.as_str()), ("fill", "none"), ("stroke-width", "3.5")];
            empty(out, "path", &[&cross[..], &marker].concat());
        }
        GatewayKind::Parallel => {
            let d = format!(
                "M{} {}H{}M{} {}V{}",
                num(c.x - arm),
                num(c.y),
                num(c.x + arm),
                num(c.x),
                num(c.y - arm),
                num(c.y + arm)
            );
            let plus = [("d", d.as_str()), ("fill", "none"), ("stroke-width", "3.5")];
            empty(out, "path", &[&plus[..], &marker].concat());
        }
        GatewayKind::EventBased | GatewayKind::Complex => {}
        GatewayKind::Inclusive => {
            let (cx, cy, radius) = (num(c.x), num(c.y), num(arm));
            let ring = [
                ("cx", cx.as_str()),
                ("cy", &cy),
                ("r", &radius),
                ("fill", "none"),
                ("stroke-width", "2.5"),
            ];
            empty(out, "circle", &[&ring[..], &marker].concat());
        }
    }
}
