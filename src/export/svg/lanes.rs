//! Lane bands and their header column: workflow name, team, trigger and output, cut to the
//! band's height.

use super::text::{baseline, text_line};
use super::{empty, num, rect};
use crate::export::diagram::text;
use crate::export::diagram::theme::{self, colour, line_height};
use crate::export::diagram::LaneBand;
use crate::xml::{tag, Xml};

const HEADER_PADDING: f64 = 12.0;

pub(super) fn band(out: &mut Xml, lane: &LaneBand) {
    let fill = if lane.index.is_multiple_of(2) {
        colour::LANE_EVEN
    } else {
        colour::LANE_ODD
    };
    let paint = [
        ("fill", fill),
        ("stroke", colour::LANE_BORDER),
        ("stroke-width", "1"),
    ];
    rect(out, &lane.rect, &paint);
}

/// The lane's header column: workflow name, team, trigger and output, cut to the band's height.
pub(super) fn header(out: &mut Xml, lane: &LaneBand) {
    let h = lane.header;
    rect(out, &h, &[("fill", colour::HEADER)]);
    let (x0, x1, y0, y1) = (num(h.x), num(h.x + h.w), num(h.y), num(h.y + h.h));
    let d = format!("M{x1} {y0}V{y1}M{x0} {y1}H{x1}");
    let border = [
        ("d", d.as_str()),
        ("fill", "none"),
        ("stroke", colour::HEADER_BORDER),
        ("stroke-width", "1"),
    ];
    empty(out, "path", &border);
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
fn keyed(out: &mut Xml, key: &str, value: &str, x: f64, top: f64, width: f64, limit: f64) -> f64 {
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
        let y = num(baseline(top + step / 2.0 + i as f64 * step, font));
        let (x, size) = (num(x), num(font.size));
        let mut start = tag("text");
        for (name, value) in [
            ("x", x.as_str()),
            ("y", &y),
            ("font-size", &size),
            ("fill", colour::LANE_DETAIL),
        ] {
            start.push_attribute((name, value));
        }
        out.start(start);
        match line.strip_prefix(key).filter(|_| i == 0) {
            Some(rest) => {
                let mut span = tag("tspan");
                span.push_attribute(("fill", colour::LANE_DETAIL_KEY));
                out.start(span);
                out.plain_text(key);
                out.end("tspan");
                out.plain_text(rest);
            }
            None => out.plain_text(line),
        }
        out.end("text");
        out.raw("\n");
    }
    top + lines.len() as f64 * step
}
