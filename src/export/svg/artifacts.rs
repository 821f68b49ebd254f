//! Pools, message flows, artifacts and associations: the parts of a BPMN diagram around the
//! flow of work.

use std::fmt::Write;

use super::text::text_line;
use super::{empty, flows, notation, num, rect};
use crate::export::diagram::markers::{self, ACTIVITY_MARKER};
use crate::export::diagram::theme::{self, colour, line_height};
use crate::export::diagram::{center, text, ArtifactShape, AssociationShape, FlowShape, PoolBand};
use crate::model::{ArtifactKind, Point};
use crate::xml::{tag, Xml};

/// A pool's band; a pool with lanes gets a name band on the left with its name turned on its
/// side, a black box its name in the middle.
pub(super) fn pool(out: &mut Xml, pool: &PoolBand) {
    let frame = [
        ("fill", colour::SHAPE_FILL),
        ("stroke", colour::SHAPE_STROKE),
        ("stroke-width", "1.5"),
    ];
    rect(out, &pool.rect, &frame);
    let font = theme::LANE_NAME;
    if pool.black_box {
        let c = center(&pool.rect);
        let name = text::wrap(&pool.name, font, pool.rect.w.min(600.0), 1);
        let line = name.first().map(String::as_str).unwrap_or("");
        text_line(
            out,
            c.x.min(400.0),
            c.y,
            line,
            font,
            colour::LANE_NAME,
            "middle",
        );
        return;
    }
    let header = [
        ("fill", colour::HEADER),
        ("stroke", colour::SHAPE_STROKE),
        ("stroke-width", "1.5"),
    ];
    rect(out, &pool.header, &header);
    let c = center(&pool.header);
    let name = text::wrap(&pool.name, font, pool.header.h - 12.0, 1);
    let line = name.first().map(String::as_str).unwrap_or("");
    let (x, y) = (num(c.x + MIDDLE_SHIFT * font.size), num(c.y));
    let turn = format!("rotate(-90 {x} {y})");
    let size = num(font.size);
    let mut start = tag("text");
    for (key, value) in [
        ("x", x.as_str()),
        ("y", &y),
        ("transform", &turn),
        ("font-size", &size),
        ("font-weight", "bold"),
        ("fill", colour::LANE_NAME),
        ("text-anchor", "middle"),
    ] {
        start.push_attribute((key, value));
    }
    out.start(start);
    out.plain_text(line);
    out.end("text");
    out.raw("\n");
}

/// Turned text is placed by its baseline: this far (in ems) right of the band's middle.
const MIDDLE_SHIFT: f64 = 0.36;

/// A dashed line from an open circle at the source to an open arrowhead at the target.
pub(super) fn message(out: &mut Xml, flow: &FlowShape) {
    let mut d = String::new();
    for (i, p) in flow.points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { 'M' } else { 'L' },
            num(p.x),
            num(p.y)
        );
    }
    let line = [
        ("d", d.as_str()),
        ("fill", "none"),
        ("stroke", colour::FLOW),
        ("stroke-width", "1.2"),
        ("stroke-dasharray", "6 4"),
    ];
    empty(out, "path", &line);
    let start = message_start(&flow.points);
    let (cx, cy) = (num(start.x), num(start.y));
    let dot = [
        ("cx", cx.as_str()),
        ("cy", &cy),
        ("r", "3.5"),
        ("fill", colour::SHAPE_FILL),
        ("stroke", colour::FLOW),
        ("stroke-width", "1.2"),
    ];
    empty(out, "circle", &dot);
    let head = flows::arrow_path(&flow.arrow);
    let head = [
        ("d", head.as_str()),
        ("fill", colour::SHAPE_FILL),
        ("stroke", colour::FLOW),
        ("stroke-width", "1.2"),
    ];
    empty(out, "path", &head);
}

/// The centre of a message flow's open circle: its radius along the first segment.
pub fn message_start(points: &[Point]) -> Point {
    let (a, b) = (points[0], points.get(1).copied().unwrap_or(points[0]));
    let length = (b.x - a.x).hypot(b.y - a.y).max(1e-9);
    Point {
        x: a.x + (b.x - a.x) / length * 3.5,
        y: a.y + (b.y - a.y) / length * 3.5,
    }
}

/// A dotted line; open arrowheads where it is directed.
pub(super) fn association(out: &mut Xml, shape: &AssociationShape) {
    let [a, b] = shape.points;
    let mut d = format!("M{} {}L{} {}", num(a.x), num(a.y), num(b.x), num(b.y));
    for [tip, left, right] in &shape.arrows {
        let _ = write!(
            d,
            "M{} {}L{} {}L{} {}",
            num(left.x),
            num(left.y),
            num(tip.x),
            num(tip.y),
            num(right.x),
            num(right.y)
        );
    }
    let line = [
        ("d", d.as_str()),
        ("fill", "none"),
        ("stroke", colour::FLOW),
        ("stroke-width", "1.2"),
        ("stroke-dasharray", "2 3"),
        ("stroke-linecap", "round"),
    ];
    empty(out, "path", &line);
}

pub(super) fn artifact(out: &mut Xml, shape: &ArtifactShape) {
    let r = &shape.rect;
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    let outline = |out: &mut Xml, d: &str, fill: &str, dash: Option<&str>| {
        let mut attributes = vec![
            ("d", d),
            ("fill", fill),
            ("stroke", colour::SHAPE_STROKE),
            ("stroke-width", "1.2"),
        ];
        if let Some(dash) = dash {
            attributes.push(("stroke-dasharray", dash));
        }
        empty(out, "path", &attributes);
    };
    match &shape.kind {
        ArtifactKind::DataObject { collection, .. } => {
            let fold = 12f64.min(r.w / 3.0);
            let page = format!(
                "M{} {}H{}L{} {}V{}H{}Z",
                num(x0),
                num(y0),
                num(x1 - fold),
                num(x1),
                num(y0 + fold),
                num(y1),
                num(x0)
            );
            outline(out, &page, colour::SHAPE_FILL, None);
            let corner = format!(
                "M{} {}V{}H{}",
                num(x1 - fold),
                num(y0),
                num(y0 + fold),
                num(x1)
            );
            outline(out, &corner, "none", None);
            if let (true, Some(bars)) = (*collection, markers::collection()) {
                let x = r.x + (r.w - ACTIVITY_MARKER) / 2.0;
                notation::plain_marker(out, bars, x, y1 - 15.0);
            }
        }
        ArtifactKind::DataStore { .. } => {
            let ry = 8f64.min(r.h / 6.0);
            let rx = num(r.w / 2.0);
            let ry_text = num(ry);
            let arc = |to_x: f64, to_y: f64, sweep: u8| {
                format!("A{rx} {ry_text} 0 0 {sweep} {} {}", num(to_x), num(to_y))
            };
            let body = format!(
                "M{} {}{}V{}{}Z",
                num(x0),
                num(y0 + ry),
                arc(x1, y0 + ry, 1),
                num(y1 - ry),
                arc(x0, y1 - ry, 1)
            );
            outline(out, &body, colour::SHAPE_FILL, None);
            let rims = format!(
                "M{} {}{}M{} {}{}",
                num(x0),
                num(y0 + ry),
                arc(x1, y0 + ry, 0),
                num(x0),
                num(y0 + 2.0 * ry),
                arc(x1, y0 + 2.0 * ry, 0)
            );
            outline(out, &rims, "none", None);
        }
        ArtifactKind::Annotation { .. } => {
            let bracket = format!(
                "M{} {}H{}V{}H{}",
                num(x0 + 12.0),
                num(y0),
                num(x0),
                num(y1),
                num(x0 + 12.0)
            );
            outline(out, &bracket, "none", None);
        }
        ArtifactKind::Group { .. } => {
            let frame = format!(
                "M{} {}H{}V{}H{}Z",
                num(x0),
                num(y0),
                num(x1),
                num(y1),
                num(x0)
            );
            outline(out, &frame, "none", Some("8 4 2 4"));
        }
    }
    for (x, y, line, anchor) in artifact_text(shape) {
        text_line(out, x, y, &line, theme::CAPTION, colour::NODE_NAME, anchor);
    }
}

/// Each line of an artifact's text with the x and middle y it is drawn at: a data object's or
/// store's name under it, a note's text inside its bracket, a group's name at its top left.
fn artifact_text(shape: &ArtifactShape) -> Vec<(f64, f64, String, &'static str)> {
    let r = &shape.rect;
    let step = line_height::CAPTION;
    let font = theme::CAPTION;
    let name = shape.kind.text();
    let place = |lines: Vec<String>, x: f64, top: f64, anchor| {
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| (x, top + step / 2.0 + i as f64 * step, line, anchor))
            .collect()
    };
    match shape.kind {
        ArtifactKind::DataObject { .. } | ArtifactKind::DataStore { .. } => {
            let lines = text::wrap(name, font, 120.0, 2);
            place(lines, r.x + r.w / 2.0, r.y + r.h + 4.0, "middle")
        }
        ArtifactKind::Annotation { .. } => {
            let room = ((r.h - 4.0) / step).floor().max(1.0) as usize;
            let lines = text::wrap(name, font, r.w - 12.0, room);
            let top = r.y + (r.h - lines.len() as f64 * step) / 2.0;
            place(lines, r.x + 6.0, top, "start")
        }
        ArtifactKind::Group { .. } => {
            let lines = text::wrap(name, font, r.w - 16.0, 1);
            place(lines, r.x + 8.0, r.y + 4.0, "start")
        }
    }
}
