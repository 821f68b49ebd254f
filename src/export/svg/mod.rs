//! A process as a standalone SVG picture: what the app's canvas shows (lanes with their
//! workflow name, team, trigger and output; events, tasks, gateways, timers and calls; routed
//! flows with arrowheads, labels and conditions) under a title with the process facts. Pure.
//! Written through quick-xml (`crate::xml`): `lanes` paints the bands and their headers, `nodes`
//! the shapes, `notation` their BPMN rings and markers, `flows` the lines and arrowheads,
//! `artifacts` pools, message flows, data, notes and groups, `text` every line of text.

use super::diagram::theme::{self, colour};
use super::diagram::{build_scene, Scene, TextStyle};
use crate::model::{Bounds, Process};
use crate::xml::{tag, Xml};

mod artifacts;
mod flows;
mod lanes;
mod nodes;
mod notation;
mod overlay;
mod text;

pub use overlay::{Ghost, Look, Mark, Overlay};

use text::{capitalised, first_line, text_block, text_line};

/// White space around the picture.
const MARGIN: f64 = 24.0;
/// Room for the title and the line of facts under it.
const TITLE_HEIGHT: f64 = 56.0;

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
    draw(process, None)
}

/// The diagram with a comparison drawn over it (see `Overlay`), whole or a close-up.
pub fn render_marked(process: &Process, overlay: &Overlay) -> (String, Size) {
    draw(process, Some(overlay))
}

/// The box a picture of the whole diagram shows, title included.
pub fn whole_view(scene: &Scene) -> Bounds {
    Bounds {
        x: scene.bounds.x - MARGIN,
        y: scene.bounds.y - TITLE_HEIGHT - MARGIN,
        w: scene.bounds.w + 2.0 * MARGIN,
        h: scene.bounds.h + TITLE_HEIGHT + 2.0 * MARGIN,
    }
}

fn draw(process: &Process, overlay: Option<&Overlay>) -> (String, Size) {
    let scene = build_scene(process);
    let view = match overlay.and_then(|o| o.view) {
        Some(close_up) => close_up,
        None => whole_view(&scene),
    };
    let mut out = Xml::default();
    let (x, y, w, h) = (num(view.x), num(view.y), num(view.w), num(view.h));
    let mut root = tag("svg");
    for (key, value) in [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("width", &w),
        ("height", &h),
        ("viewBox", &format!("{x} {y} {w} {h}")),
        ("font-family", theme::FAMILY),
    ] {
        root.push_attribute((key, value));
    }
    out.start(root);
    out.raw("\n");
    out.start(tag("title"));
    out.plain_text(&process.info.name);
    out.end("title");
    out.raw("\n");
    rect(&mut out, &view, &[("fill", colour::PAGE)]);
    title(&mut out, process, &scene, view.y + MARGIN);
    group(&mut out, "pools");
    for pool in &scene.pools {
        artifacts::pool(&mut out, pool);
    }
    next_group(&mut out, "lanes");
    for lane in &scene.lanes {
        lanes::band(&mut out, lane);
    }
    next_group(&mut out, "artifacts");
    for artifact in &scene.artifacts {
        artifacts::artifact(&mut out, artifact);
    }
    next_group(&mut out, "flows");
    for flow in &scene.flows {
        flows::flow_line(&mut out, flow);
    }
    for association in &scene.associations {
        artifacts::association(&mut out, association);
    }
    next_group(&mut out, "nodes");
    for node in &scene.nodes {
        nodes::paint_node(&mut out, node);
    }
    next_group(&mut out, "messages");
    for message in &scene.messages {
        artifacts::message(&mut out, message);
    }
    next_group(&mut out, "flow-texts");
    let lines = scene.flows.iter().chain(&scene.messages);
    for block in lines.flat_map(|f| &f.texts) {
        let fill = if block.style == TextStyle::Condition {
            colour::CONDITION
        } else {
            colour::FLOW_LABEL
        };
        text_block(&mut out, block, fill);
    }
    next_group(&mut out, "lane-headers");
    for lane in &scene.lanes {
        lanes::header(&mut out, lane);
    }
    if let (Some(first), Some(last)) = (scene.lanes.first(), scene.lanes.last()) {
        // A frame around the lanes, so the header column is closed on paper too.
        let frame = Bounds {
            h: last.rect.y + last.rect.h - first.rect.y,
            ..first.rect
        };
        let stroke = [
            ("fill", "none"),
            ("stroke", colour::HEADER_BORDER),
            ("stroke-width", "1"),
        ];
        rect(&mut out, &frame, &stroke);
    }
    out.end("g");
    out.raw("\n");
    if let Some(overlay) = overlay {
        overlay::paint(&mut out, &scene, overlay);
    }
    out.end("svg");
    out.raw("\n");
    (
        out.finish(),
        Size {
            width: view.w,
            height: view.h,
        },
    )
}

/// The process name and its facts, above the lanes.
fn title(out: &mut Xml, process: &Process, scene: &Scene, top: f64) {
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

/// `<g class="…">` on a line of its own.
fn group(out: &mut Xml, class: &str) {
    let mut start = tag("g");
    start.push_attribute(("class", class));
    out.start(start);
    out.raw("\n");
}

/// Ends one group and starts the next.
fn next_group(out: &mut Xml, class: &str) {
    out.end("g");
    out.raw("\n");
    group(out, class);
}

/// A self-closing element on a line of its own, its attributes in the order given.
fn empty(out: &mut Xml, name: &str, attributes: &[(&str, &str)]) {
    let mut element = tag(name);
    for (key, value) in attributes {
        element.push_attribute((*key, *value));
    }
    out.empty(element);
    out.raw("\n");
}

/// A `rect` of the box, then the other attributes.
fn rect(out: &mut Xml, r: &Bounds, rest: &[(&str, &str)]) {
    let (x, y, w, h) = (num(r.x), num(r.y), num(r.w), num(r.h));
    let mut attributes = vec![("x", x.as_str()), ("y", &y), ("width", &w), ("height", &h)];
    attributes.extend_from_slice(rest);
    empty(out, "rect", &attributes);
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
