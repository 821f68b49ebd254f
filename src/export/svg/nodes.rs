//! Node shapes: tasks and calls as rounded boxes (with assignee, SLA badge or call marker),
//! gateways as diamonds with their marker, events as circles, timers as a clock.

use std::fmt::Write;

use super::text::{text_block, text_line};
use super::{empty, num};
use crate::export::diagram::theme::{self, colour, line_height};
use crate::export::diagram::{center, text, NodeShape};
use crate::model::{Bounds, GatewayKind, NodeKind, Trigger};
use crate::xml::Xml;

pub(super) fn paint_node(out: &mut Xml, node: &NodeShape) {
    match &node.kind {
        NodeKind::Task { assignee, sla, .. } => {
            activity(out, node, 1.5, assignee);
            if let Some(sla) = sla {
                sla_badge(out, &node.rect, &format!("SLA {sla}"));
            }
        }
        NodeKind::Call { .. } => {
            // The boxed plus sits where a task shows its assignee.
            activity(out, node, 3.5, "");
            call_marker(out, &node.rect);
        }
        NodeKind::Gateway { gateway, .. } => diamond(out, &node.rect, *gateway),
        NodeKind::Start { .. } => circle(
            out,
            &node.rect,
            1.5,
            colour::START_STROKE,
            colour::START_FILL,
        ),
        NodeKind::End { .. } => circle(out, &node.rect, 3.5, colour::END_STROKE, colour::END_FILL),
        NodeKind::Catch {
            trigger: Trigger::Timer { .. },
        } => timer(out, &node.rect),
        NodeKind::Catch { .. } | NodeKind::Throw { .. } | NodeKind::Boundary { .. } => circle(
            out,
            &node.rect,
            1.5,
            colour::SHAPE_STROKE,
            colour::SHAPE_FILL,
        ),
        NodeKind::SubProcess { .. } => activity(out, node, 1.5, ""),
    }
    if let Some(caption) = &node.caption {
        text_block(out, caption, colour::NODE_NAME);
    }
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
    let subtitle_space = if show_subtitle { step } else { 0.0 };
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
            let y = r.y + r.h - 6.0 - step / 2.0;
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

/// BPMN's collapsed-subprocess marker: a small boxed plus at the bottom centre.
fn call_marker(out: &mut Xml, r: &Bounds) {
    let size = 10.0;
    let x = r.x + r.w / 2.0 - size / 2.0;
    let y = r.y + r.h - size - 3.0;
    let d = format!(
        "M{x} {y}h{s}v{s}h-{s}ZM{x1} {ym}H{x2}M{xm} {y1}V{y2}",
        x = num(x),
        y = num(y),
        s = num(size),
        x1 = num(x + 2.5),
        x2 = num(x + size - 2.5),
        ym = num(y + size / 2.0),
        xm = num(x + size / 2.0),
        y1 = num(y + 2.5),
        y2 = num(y + size - 2.5),
    );
    let attributes = [
        ("d", d.as_str()),
        ("fill", "none"),
        ("stroke", colour::CALL_STROKE),
        ("stroke-width", "1"),
    ];
    empty(out, "path", &attributes);
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
        GatewayKind::Parallel | GatewayKind::Complex => {
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
        GatewayKind::Inclusive | GatewayKind::EventBased => {
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

fn circle(out: &mut Xml, r: &Bounds, border: f64, stroke: &str, fill: &str) {
    let c = center(r);
    let radius = num((r.w.min(r.h) / 2.0 - border / 2.0).max(0.0));
    let (cx, cy, width) = (num(c.x), num(c.y), num(border));
    let attributes = [
        ("cx", cx.as_str()),
        ("cy", &cy),
        ("r", &radius),
        ("fill", fill),
        ("stroke", stroke),
        ("stroke-width", &width),
    ];
    empty(out, "circle", &attributes);
}

/// A thin unfilled ring.
fn ring(out: &mut Xml, cx: &str, cy: &str, radius: f64) {
    let radius = num(radius.max(0.0));
    let attributes = [
        ("cx", cx),
        ("cy", cy),
        ("r", &radius),
        ("fill", "none"),
        ("stroke", colour::SHAPE_STROKE),
        ("stroke-width", "1"),
    ];
    empty(out, "circle", &attributes);
}

/// Double ring with a clock face: BPMN's intermediate timer event.
fn timer(out: &mut Xml, r: &Bounds) {
    let c = center(r);
    let outer = r.w.min(r.h) / 2.0 - 0.75;
    circle(out, r, 1.5, colour::SHAPE_STROKE, colour::SHAPE_FILL);
    let face = outer * 0.6;
    let (cx, cy) = (num(c.x), num(c.y));
    ring(out, &cx, &cy, outer - 3.5);
    ring(out, &cx, &cy, face);
    let mut d = String::new();
    for hour in 0..12 {
        let angle = f64::from(hour) / 12.0 * std::f64::consts::TAU;
        let (sin, cos) = angle.sin_cos();
        let _ = write!(
            d,
            "M{} {}L{} {}",
            num(c.x + sin * face * 0.78),
            num(c.y - cos * face * 0.78),
            num(c.x + sin * face),
            num(c.y - cos * face)
        );
    }
    let _ = write!(
        d,
        "M{cx} {cy}L{cx} {}M{cx} {cy}L{} {}",
        num(c.y - face * 0.7),
        num(c.x + face * 0.5),
        num(c.y + face * 0.1),
    );
    let hands = [
        ("d", d.as_str()),
        ("fill", "none"),
        ("stroke", colour::SHAPE_STROKE),
        ("stroke-width", "0.9"),
    ];
    empty(out, "path", &hands);
}
