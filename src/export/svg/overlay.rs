//! A comparison drawn over the diagram, as the app's compare mode colours it
//! (`ui/src/compare.css`): added green, removed red, changed amber, moved blue, each element
//! outlined with a note above it; removed elements of the other side drawn as dashed ghosts.
//! Each mark carries an `id` (for links into the picture) and may link to where it is listed.

use std::collections::HashMap;

use super::text::text_line;
use super::{empty, group, num, rect};
use crate::export::diagram::geometry::inflate;
use crate::export::diagram::theme::{colour, BADGE, CAPTION};
use crate::export::diagram::Scene;
use crate::model::{Bounds, Id, Point};
use crate::xml::{tag, Xml};

/// What a comparison draws over one picture.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    /// Marks by element id: lanes, pools, nodes, flows, message flows and artifacts.
    pub marks: HashMap<Id, Mark>,
    /// Elements only the other side has, drawn where that side had them.
    pub ghosts: Vec<Ghost>,
    /// Starts each mark's `id` attribute (`PREFIX-UUID`), so two pictures on one page differ.
    pub prefix: String,
    /// Show only this part of the diagram (a close-up); the whole diagram when `None`.
    pub view: Option<Bounds>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Added,
    Removed,
    Changed,
    Moved,
}

impl Look {
    pub fn word(self) -> &'static str {
        match self {
            Look::Added => "added",
            Look::Removed => "removed",
            Look::Changed => "changed",
            Look::Moved => "moved",
        }
    }

    /// The compare mode's colour for this status.
    pub fn colour(self) -> &'static str {
        match self {
            Look::Added => "#2e9a5a",
            Look::Removed => "#d0453f",
            Look::Changed => "#d98a0b",
            Look::Moved => "#2f6fdb",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Mark {
    pub look: Look,
    /// Said above the element: "added", "moved from Sales"…
    pub note: String,
    /// Where a click on the mark goes (`#change-3`).
    pub link: Option<String>,
}

/// An element of the other side, drawn dashed and faded at its place there.
#[derive(Clone, Debug)]
pub struct Ghost {
    pub id: Id,
    pub rect: Bounds,
    pub name: String,
    pub link: Option<String>,
}

/// Draws every mark whose element the scene has, then the ghosts.
pub(super) fn paint(out: &mut Xml, scene: &Scene, overlay: &Overlay) {
    group(out, "compare-overlay");
    // Bands (pools, lanes) are outlined only: filled, they would tint everything in them.
    let boxes = scene
        .pools
        .iter()
        .map(|p| (p.id, p.rect, 2.0, Fill::None))
        .chain(scene.lanes.iter().map(|l| (l.id, l.rect, 2.0, Fill::None)))
        .chain(
            scene
                .artifacts
                .iter()
                .map(|a| (a.id, a.bbox, 5.0, Fill::Tint)),
        )
        .chain(scene.nodes.iter().map(|n| (n.id, n.rect, 6.0, Fill::Tint)));
    for (id, r, margin, fill) in boxes {
        if let Some(mark) = overlay.marks.get(&id) {
            let anchor = anchor(overlay, id);
            linked(out, mark.link.as_deref(), |out| {
                boxed(out, &inflate(&r, margin), mark.look, &anchor, fill);
                note(out, &r, margin, &mark.note, mark.look.colour());
            });
        }
    }
    for flow in scene.flows.iter().chain(&scene.messages) {
        if let Some(mark) = overlay.marks.get(&flow.id) {
            let anchor = anchor(overlay, flow.id);
            linked(out, mark.link.as_deref(), |out| {
                line(out, &flow.points, mark.look, &anchor)
            });
        }
    }
    for ghost in &overlay.ghosts {
        let anchor = anchor(overlay, ghost.id);
        linked(out, ghost.link.as_deref(), |out| {
            boxed(out, &ghost.rect, Look::Removed, &anchor, Fill::Ghost);
            let middle = ghost.rect.y + ghost.rect.h / 2.0;
            let centre = ghost.rect.x + ghost.rect.w / 2.0;
            text_line(
                out,
                centre,
                middle,
                &ghost.name,
                CAPTION,
                Look::Removed.colour(),
                "middle",
            );
            note(out, &ghost.rect, 0.0, "removed", Look::Removed.colour());
        });
    }
    out.end("g");
    out.raw("\n");
}

fn anchor(overlay: &Overlay, id: Id) -> String {
    format!("{}-{}", overlay.prefix, id.hyphenated())
}

/// `<a href="…">` around what `draw` writes, when there is somewhere to go.
fn linked(out: &mut Xml, link: Option<&str>, draw: impl FnOnce(&mut Xml)) {
    if let Some(href) = link {
        let mut start = tag("a");
        start.push_attribute(("href", href));
        out.start(start);
        out.raw("\n");
        draw(out);
        out.end("a");
        out.raw("\n");
    } else {
        draw(out);
    }
}

/// How a marked box is filled: tinted, not at all (a band), or faintly and dashed (a ghost).
#[derive(Clone, Copy, PartialEq)]
enum Fill {
    Tint,
    None,
    Ghost,
}

fn boxed(out: &mut Xml, r: &Bounds, look: Look, anchor: &str, fill: Fill) {
    let class = format!("mark mark-{}", look.word());
    let opacity = match fill {
        Fill::Tint => "0.1",
        Fill::None => "0",
        Fill::Ghost => "0.08",
    };
    let mut attributes = vec![
        ("id", anchor),
        ("class", class.as_str()),
        ("rx", "8"),
        ("fill", look.colour()),
        ("fill-opacity", opacity),
        ("stroke", look.colour()),
        ("stroke-width", "3"),
    ];
    if fill == Fill::Ghost {
        attributes.push(("stroke-dasharray", "7 5"));
        attributes.push(("stroke-opacity", "0.7"));
    }
    rect(out, r, &attributes);
}

fn line(out: &mut Xml, points: &[Point], look: Look, anchor: &str) {
    let list: Vec<String> = points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect();
    let class = format!("mark mark-{}", look.word());
    let attributes = [
        ("id", anchor),
        ("class", class.as_str()),
        ("points", &list.join(" ")),
        ("fill", "none"),
        ("stroke", look.colour()),
        ("stroke-width", "5"),
        ("stroke-opacity", "0.55"),
        ("stroke-linejoin", "round"),
    ];
    empty(out, "polyline", &attributes);
}

/// The note on a small white label just above the element's top left corner.
fn note(out: &mut Xml, r: &Bounds, margin: f64, text: &str, fill: &str) {
    let width = crate::export::diagram::text::width(text, BADGE) + 10.0;
    let label = Bounds {
        x: r.x - margin,
        y: r.y - margin - 16.0,
        w: width,
        h: 15.0,
    };
    let attributes = [
        ("rx", "3"),
        ("fill", colour::PAGE),
        ("stroke", fill),
        ("stroke-width", "1"),
    ];
    rect(out, &label, &attributes);
    text_line(
        out,
        label.x + 5.0,
        label.y + label.h / 2.0,
        text,
        BADGE,
        fill,
        "start",
    );
}
