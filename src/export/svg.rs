//! A process as a standalone SVG picture: what the app's canvas shows (lanes with their
//! workflow name, team, trigger and output; events, tasks, gateways, timers and calls; routed
//! flows with arrowheads, labels and conditions) under a title with the process facts. Pure.

use std::fmt::Write;

use super::diagram::text::{self, Font};
use super::diagram::theme::{self, colour, line_height, MIDDLE_TO_BASELINE};
use super::diagram::{
    build_scene, center, Align, FlowShape, LaneBand, NodeShape, Scene, TextBlock, TextStyle,
};
use crate::model::{Bounds, GatewayKind, NodeKind, Process};

/// White space around the picture.
const MARGIN: f64 = 24.0;
/// Room for the title and the line of facts under it.
const TITLE_HEIGHT: f64 = 56.0;
const HEADER_PADDING: f64 = 12.0;

/// The picture's size in SVG user units (= CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

pub fn svg(process: &Process) -> String {
    render(process).0
}

/// The SVG text and its size.
pub fn render(process: &Process) -> (String, Size) {
    let scene = build_scene(process);
    let view = Bounds {
        x: scene.bounds.x - MARGIN,
        y: scene.bounds.y - TITLE_HEIGHT - MARGIN,
        w: scene.bounds.w + 2.0 * MARGIN,
        h: scene.bounds.h + TITLE_HEIGHT + 2.0 * MARGIN,
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{family}">"#,
        x = num(view.x),
        y = num(view.y),
        w = num(view.w),
        h = num(view.h),
        family = escape(theme::FAMILY),
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&process.info.name));
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        num(view.x),
        num(view.y),
        num(view.w),
        num(view.h),
        colour::PAGE
    );
    title(&mut out, process, &scene, view.y + MARGIN);
    out.push_str("<g class=\"lanes\">\n");
    for lane in &scene.lanes {
        band(&mut out, lane);
    }
    out.push_str("</g>\n<g class=\"flows\">\n");
    for flow in &scene.flows {
        flow_line(&mut out, flow);
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for node in &scene.nodes {
        paint_node(&mut out, node);
    }
    out.push_str("</g>\n<g class=\"flow-texts\">\n");
    for block in scene.flows.iter().flat_map(|f| &f.texts) {
        let fill = if block.style == TextStyle::Condition {
            colour::CONDITION
        } else {
            colour::FLOW_LABEL
        };
        text_block(&mut out, block, fill);
    }
    out.push_str("</g>\n<g class=\"lane-headers\">\n");
    for lane in &scene.lanes {
        header(&mut out, lane);
    }
    if let (Some(first), Some(last)) = (scene.lanes.first(), scene.lanes.last()) {
        // A frame around the lanes, so the header column is closed on paper too.
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="1"/>"#,
            num(first.rect.x),
            num(first.rect.y),
            num(first.rect.w),
            num(last.rect.y + last.rect.h - first.rect.y),
            colour::HEADER_BORDER
        );
    }
    out.push_str("</g>\n</svg>\n");
    (
        out,
        Size {
            width: view.w,
            height: view.h,
        },
    )
}

/// The process name and its facts, above the lanes.
fn title(out: &mut String, process: &Process, scene: &Scene, top: f64) {
    let info = &process.info;
    let width = scene.bounds.w;
    let x = scene.bounds.x;
    let name = first_line(&info.name, theme::TITLE, width);
    text_line(
        out,
        x,
        top + 11.0,
        &name,
        theme::TITLE,
        colour::LANE_NAME,
        "start",
    );
    let mut facts = vec![format!("{} process", capitalised(info.category.as_str()))];
    if !info.owner.trim().is_empty() {
        facts.push(format!("owner: {}", info.owner.trim()));
    }
    if let Some(sla) = info.sla {
        facts.push(format!("SLA {sla}"));
    }
    if !info.outcome.trim().is_empty() {
        facts.push(format!("outcome: {}", info.outcome.trim()));
    }
    let facts = first_line(&facts.join("  ·  "), theme::SUBTITLE, width);
    text_line(
        out,
        x,
        top + 34.0,
        &facts,
        theme::SUBTITLE,
        colour::LANE_DETAIL,
        "start",
    );
}

fn band(out: &mut String, lane: &LaneBand) {
    let fill = if lane.index.is_multiple_of(2) {
        colour::LANE_EVEN
    } else {
        colour::LANE_ODD
    };
    let r = lane.rect;
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="{}" stroke-width="1"/>"#,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
        colour::LANE_BORDER
    );
}

/// The lane's header column: workflow name, team, trigger and output, cut to the band's height.
fn header(out: &mut String, lane: &LaneBand) {
    let h = lane.header;
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        num(h.x),
        num(h.y),
        num(h.w),
        num(h.h),
        colour::HEADER
    );
    let _ = writeln!(
        out,
        r#"<path d="M{x1} {y0}V{y1}M{x0} {y1}H{x1}" fill="none" stroke="{}" stroke-width="1"/>"#,
        colour::HEADER_BORDER,
        x0 = num(h.x),
        x1 = num(h.x + h.w),
        y0 = num(h.y),
        y1 = num(h.y + h.h),
    );
    let width = h.w - 2.0 * HEADER_PADDING;
    let x = h.x + HEADER_PADDING;
    let limit = h.y + h.h - HEADER_PADDING;
    let mut y = h.y + HEADER_PADDING;
    for line in text::wrap(&lane.name, theme::LANE_NAME, width, 2) {
        let step = line_height::LANE_NAME;
        if y + step > limit {
            break;
        }
        text_line(
            out,
            x,
            y + step / 2.0,
            &line,
            theme::LANE_NAME,
            colour::LANE_NAME,
            "start",
        );
        y += step;
    }
    let step = line_height::LANE_DETAIL;
    if let Some(team) = text::wrap(&lane.team, theme::LANE_DETAIL, width, 1).first() {
        if y + step <= limit {
            text_line(
                out,
                x,
                y + step / 2.0,
                team,
                theme::LANE_DETAIL,
                colour::LANE_TEAM,
                "start",
            );
            y += step;
        }
    }
    y += 6.0;
    y = keyed(out, "Trigger:", &lane.trigger, x, y, width, limit);
    y += 4.0;
    keyed(out, "Output:", &lane.output, x, y, width, limit);
}

/// "Key: value" wrapped as one paragraph, the key darker, as many lines as the band allows.
fn keyed(
    out: &mut String,
    key: &str,
    value: &str,
    x: f64,
    top: f64,
    width: f64,
    limit: f64,
) -> f64 {
    if value.trim().is_empty() {
        return top;
    }
    let step = line_height::LANE_DETAIL;
    let room = ((limit - top) / step).floor().max(0.0) as usize;
    let lines = text::wrap(
        &format!("{key} {value}"),
        theme::LANE_DETAIL,
        width,
        room.min(4),
    );
    let font = theme::LANE_DETAIL;
    for (i, line) in lines.iter().enumerate() {
        let y = baseline(top + step / 2.0 + i as f64 * step, font);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" fill="{}">"#,
            num(x),
            num(y),
            num(font.size),
            colour::LANE_DETAIL
        );
        match line.strip_prefix(key).filter(|_| i == 0) {
            Some(rest) => {
                let _ = write!(
                    out,
                    r#"<tspan fill="{}">{}</tspan>{}"#,
                    colour::LANE_DETAIL_KEY,
                    escape(key),
                    escape(rest)
                );
            }
            None => out.push_str(&escape(line)),
        }
        out.push_str("</text>\n");
    }
    top + lines.len() as f64 * step
}

fn flow_line(out: &mut String, flow: &FlowShape) {
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
    let _ = writeln!(
        out,
        r#"<path d="{d}" fill="none" stroke="{}" stroke-width="1.4" stroke-linejoin="round"/>"#,
        colour::FLOW
    );
    let [t, a, b] = flow.arrow;
    let _ = writeln!(
        out,
        r#"<path d="M{} {}L{} {}L{} {}Z" fill="{}"/>"#,
        num(t.x),
        num(t.y),
        num(a.x),
        num(a.y),
        num(b.x),
        num(b.y),
        colour::FLOW
    );
}

fn paint_node(out: &mut String, node: &NodeShape) {
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
        NodeKind::Gateway { gateway } => diamond(out, &node.rect, *gateway),
        NodeKind::Start => circle(
            out,
            &node.rect,
            1.5,
            colour::START_STROKE,
            colour::START_FILL,
        ),
        NodeKind::End { .. } => circle(out, &node.rect, 3.5, colour::END_STROKE, colour::END_FILL),
        NodeKind::Timer { .. } => timer(out, &node.rect),
    }
    if let Some(caption) = &node.caption {
        text_block(out, caption, colour::NODE_NAME);
    }
}

fn activity(out: &mut String, node: &NodeShape, border: f64, subtitle: &str) {
    let r = node.rect;
    let inset = border / 2.0;
    let (w, h) = (r.w - border, r.h - border);
    let radius = 9f64.min(w / 2.0).min(h / 2.0).max(0.0);
    let stroke = if border > 2.0 {
        colour::CALL_STROKE
    } else {
        colour::SHAPE_STROKE
    };
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{stroke}" stroke-width="{}"/>"#,
        num(r.x + inset),
        num(r.y + inset),
        num(w.max(0.0)),
        num(h.max(0.0)),
        num(radius),
        colour::SHAPE_FILL,
        num(border)
    );
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
fn sla_badge(out: &mut String, r: &Bounds, label: &str) {
    let width = text::width(label, theme::BADGE) + 10.0;
    let height = theme::BADGE.size + 6.0;
    let x = r.x + r.w - width - 8.0;
    let y = r.y - height / 2.0;
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="1"/>"#,
        num(x),
        num(y),
        num(width),
        num(height),
        num(height / 2.0),
        colour::SLA_FILL,
        colour::SLA_STROKE
    );
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
fn call_marker(out: &mut String, r: &Bounds) {
    let size = 10.0;
    let x = r.x + r.w / 2.0 - size / 2.0;
    let y = r.y + r.h - size - 3.0;
    let _ = writeln!(
        out,
        r#"<path d="M{x} {y}h{s}v{s}h-{s}ZM{x1} {ym}H{x2}M{xm} {y1}V{y2}" fill="none" stroke="{}" stroke-width="1"/>"#,
        colour::CALL_STROKE,
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
}

fn diamond(out: &mut String, r: &Bounds, kind: GatewayKind) {
    let c = center(r);
    let _ = writeln!(
        out,
        r#"<path d="M{cx} {top}L{right} {cy}L{cx} {bottom}L{left} {cy}Z" fill="{}" stroke="{}" stroke-width="1.5" stroke-linejoin="round"/>"#,
        colour::GATEWAY_FILL,
        colour::GATEWAY_STROKE,
        cx = num(c.x),
        cy = num(c.y),
        top = num(r.y),
        bottom = num(r.y + r.h),
        left = num(r.x),
        right = num(r.x + r.w),
    );
    let arm = r.w.min(r.h) * 0.2;
    let marker = match kind {
        GatewayKind::Exclusive => {
            let a = arm * 0.8;
            format!(
                r#"<path d="M{} {}L{} {}M{} {}L{} {}" fill="none" stroke-width="3.5""#,
                num(c.x - a),
                num(c.y - a),
                num(c.x + a),
                num(c.y + a),
                num(c.x + a),
                num(c.y - a),
                num(c.x - a),
                num(c.y + a)
            )
        }
        GatewayKind::Parallel => format!(
            r#"<path d="M{} {}H{}M{} {}V{}" fill="none" stroke-width="3.5""#,
            num(c.x - arm),
            num(c.y),
            num(c.x + arm),
            num(c.x),
            num(c.y - arm),
            num(c.y + arm)
        ),
        GatewayKind::Inclusive => format!(
            r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke-width="2.5""#,
            num(c.x),
            num(c.y),
            num(arm)
        ),
    };
    let _ = writeln!(
        out,
        r#"{marker} stroke="{}" stroke-linecap="round"/>"#,
        colour::SHAPE_STROKE
    );
}

fn circle(out: &mut String, r: &Bounds, border: f64, stroke: &str, fill: &str) {
    let c = center(r);
    let _ = writeln!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}"/>"#,
        num(c.x),
        num(c.y),
        num((r.w.min(r.h) / 2.0 - border / 2.0).max(0.0)),
        num(border)
    );
}

/// Double ring with a clock face: BPMN's intermediate timer event.
fn timer(out: &mut String, r: &Bounds) {
    let c = center(r);
    let outer = r.w.min(r.h) / 2.0 - 0.75;
    circle(out, r, 1.5, colour::SHAPE_STROKE, colour::SHAPE_FILL);
    let face = outer * 0.6;
    let _ = writeln!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{}" stroke-width="1"/>"#,
        num(c.x),
        num(c.y),
        num((outer - 3.5).max(0.0)),
        colour::SHAPE_STROKE
    );
    let _ = writeln!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{}" stroke-width="1"/>"#,
        num(c.x),
        num(c.y),
        num(face.max(0.0)),
        colour::SHAPE_STROKE
    );
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
        cx = num(c.x),
        cy = num(c.y)
    );
    let _ = writeln!(
        out,
        r#"<path d="{d}" fill="none" stroke="{}" stroke-width="0.9"/>"#,
        colour::SHAPE_STROKE
    );
}

/// A caption or flow text, outlined in white so it stays readable where it crosses a line.
fn text_block(out: &mut String, block: &TextBlock, fill: &str) {
    let font = block.style.font();
    let anchor = match block.align {
        Align::Left => "start",
        Align::Right => "end",
        Align::Center => "middle",
    };
    for (y, line) in block.positioned_lines() {
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" fill="{fill}" text-anchor="{anchor}" stroke="{}" stroke-opacity="{}" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            num(block.x),
            num(baseline(y, font)),
            num(font.size),
            colour::HALO,
            colour::HALO_OPACITY,
            escape(line)
        );
    }
}

/// One line of text whose middle is at `y`.
fn text_line(out: &mut String, x: f64, y: f64, line: &str, font: Font, fill: &str, anchor: &str) {
    let weight = if font.bold {
        r#" font-weight="bold""#
    } else {
        ""
    };
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-size="{}"{weight} fill="{fill}" text-anchor="{anchor}">{}</text>"#,
        num(x),
        num(baseline(y, font)),
        num(font.size),
        escape(line)
    );
}

fn baseline(middle: f64, font: Font) -> f64 {
    middle + MIDDLE_TO_BASELINE * font.size
}

fn first_line(text: &str, font: Font, width: f64) -> String {
    text::wrap(text, font, width, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A coordinate with at most two decimals, without trailing zeros.
fn num(v: f64) -> String {
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Text for XML content and attribute values; characters XML 1.0 cannot hold are left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}
