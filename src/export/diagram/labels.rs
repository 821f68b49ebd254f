//! Where the text outside shapes goes: captions of events and gateways
//! (`ui/src/canvas/captions.ts`) and the labels and conditions of flows (`flowText.ts`).

use std::collections::{HashMap, HashSet};

use super::geometry::{bottom, center, inflate, right, union};
use super::grid::Grid;
use super::routing::Outline;
use super::text::{self, Font};
use super::theme::{self, line_height};
use super::{FlowShape, NodeShape};
use crate::model::{Bounds, Flow, Id, NodeKind, Point};

pub const MAX_TEXT_LINES: usize = 3;
const CAPTION_WIDTH: f64 = 130.0;
const CAPTION_GAP: f64 = 5.0;
const INSET: f64 = 8.0;
/// Flow text narrower than this would be a column of single words.
const MIN_WIDTH: f64 = 56.0;
const BESIDE_WIDTH: f64 = 130.0;
/// Runs shorter than this are corners, not places for text.
const MIN_RUN: f64 = 24.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grow {
    Up,
    Down,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextStyle {
    Caption,
    Label,
    Condition,
}

impl TextStyle {
    pub fn font(self) -> Font {
        match self {
            TextStyle::Caption => theme::CAPTION,
            TextStyle::Label => theme::FLOW_LABEL,
            TextStyle::Condition => theme::CONDITION,
        }
    }
    pub fn line_height(self) -> f64 {
        match self {
            TextStyle::Caption => line_height::CAPTION,
            _ => line_height::FLOW_TEXT,
        }
    }
}

/// Wrapped text anchored at (`x`, `y`): `y` is the middle of the line nearest the anchor, further
/// lines grow up or down, away from the shape or flow the text belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    pub lines: Vec<String>,
    pub x: f64,
    pub y: f64,
    pub align: Align,
    pub grow: Grow,
    pub style: TextStyle,
}

/// The caption or flow text placed outside a shape.
pub type FlowText = TextBlock;

impl TextBlock {
    pub(super) fn new(
        text: &str,
        x: f64,
        y: f64,
        align: Align,
        grow: Grow,
        max_width: f64,
        style: TextStyle,
    ) -> Self {
        TextBlock {
            lines: text::wrap(text, style.font(), max_width, MAX_TEXT_LINES),
            x,
            y,
            align,
            grow,
            style,
        }
    }

    /// The box the text paints.
    pub fn bounds(&self) -> Bounds {
        let step = self.style.line_height();
        let width = self
            .lines
            .iter()
            .map(|l| text::width(l, self.style.font()))
            .fold(0.0, f64::max);
        let height = self.lines.len() as f64 * step;
        let x = match self.align {
            Align::Left => self.x,
            Align::Right => self.x - width,
            Align::Center => self.x - width / 2.0,
        };
        let top = match self.grow {
            Grow::Down => self.y - step / 2.0,
            Grow::Up => self.y + step / 2.0 - height,
        };
        Bounds {
            x,
            y: top,
            w: width,
            h: height,
        }
    }

    /// Each line with the y of its middle, top to bottom.
    pub fn positioned_lines(&self) -> Vec<(f64, &str)> {
        let step = self.style.line_height();
        let n = self.lines.len();
        self.lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let y = match self.grow {
                    Grow::Down => self.y + i as f64 * step,
                    // Growing up, the last line is the one at the anchor.
                    Grow::Up => self.y - (n - 1 - i) as f64 * step,
                };
                (y, line.as_str())
            })
            .collect()
    }
}

pub fn text_box(texts: &[TextBlock]) -> Option<Bounds> {
    texts
        .iter()
        .map(TextBlock::bounds)
        .reduce(|a, b| union(&a, &b))
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

/// Events and gateways carry their name outside the shape: below, or above when flows use the
/// bottom, or beside the upper-left edge when flows use both.
pub fn place_captions(nodes: &mut [NodeShape], flows: &[FlowShape]) {
    let index: HashMap<Id, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut used: HashMap<Id, HashSet<Side>> = HashMap::new();
    let mut mark = |id: Id, p: Point| {
        if let Some(&i) = index.get(&id) {
            used.entry(id)
                .or_default()
                .insert(side_of(&nodes[i].rect, p));
        }
    };
    for flow in flows {
        mark(flow.source, flow.points[0]);
        mark(flow.target, flow.points[flow.points.len() - 1]);
    }
    let mut shapes = Grid::default();
    for n in nodes.iter() {
        shapes.insert(inflate(&n.rect, 2.0));
    }
    for (own, node) in nodes.iter_mut().enumerate() {
        if node.outline == Outline::Box || node.name.trim().is_empty() {
            continue;
        }
        let sides = used.get(&node.id).cloned().unwrap_or_default();
        let r = node.rect;
        let c = center(&r);
        let half = line_height::CAPTION / 2.0;
        let (x, y, align, grow) = if !sides.contains(&Side::Bottom) {
            (
                c.x,
                bottom(&r) + CAPTION_GAP + half,
                Align::Center,
                Grow::Down,
            )
        } else if matches!(node.kind, NodeKind::Boundary { .. }) {
            // Above would cover its host: beside the lower-right edge instead.
            (
                r.x + r.w * 0.75 + 2.0,
                bottom(&r) - r.h / 4.0 + half,
                Align::Left,
                Grow::Down,
            )
        } else if !sides.contains(&Side::Top) {
            (c.x, r.y - CAPTION_GAP - half, Align::Center, Grow::Up)
        } else {
            (
                r.x + r.w / 4.0 - 2.0,
                r.y + r.h / 4.0 - half,
                Align::Right,
                Grow::Up,
            )
        };
        let mut caption = TextBlock::new(
            &node.name,
            x,
            y,
            align,
            grow,
            CAPTION_WIDTH,
            TextStyle::Caption,
        );
        if align == Align::Right && covers_a_shape(&caption.bounds(), &shapes, own) {
            // Beside the upper-right edge instead, when the upper-left one runs into a shape
            // (`captions.ts` does the same with its estimated text box).
            let mirrored = TextBlock {
                x: r.x + r.w * 0.75 + 2.0,
                align: Align::Left,
                ..caption.clone()
            };
            if !covers_a_shape(&mirrored.bounds(), &shapes, own) {
                caption = mirrored;
            }
        }
        node.bbox = union(&node.bbox, &caption.bounds());
        node.caption = Some(caption);
    }
}

fn covers_a_shape(text: &Bounds, shapes: &Grid, own: usize) -> bool {
    shapes.query(text).into_iter().any(|i| i != own)
}

fn side_of(r: &Bounds, p: Point) -> Side {
    let mut distances = [
        (Side::Top, (p.y - r.y).abs()),
        (Side::Bottom, (p.y - bottom(r)).abs()),
        (Side::Left, (p.x - r.x).abs()),
        (Side::Right, (p.x - right(r)).abs()),
    ];
    distances.sort_by(|a, b| a.1.total_cmp(&b.1));
    distances[0].0
}

/// Where a flow's label and `[condition]` go: near the source, on the first horizontal run
/// (label above, condition below) or beside a first vertical run. The first spot that covers no
/// shape and no other text wins; if none is free, the one covering least.
pub fn place_flow_text(
    flow: &Flow,
    points: &[Point],
    taken: &dyn Fn(&Bounds) -> f64,
) -> Vec<FlowText> {
    let label = Some(flow.label.trim()).filter(|l| !l.is_empty());
    let condition = flow
        .condition
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| format!("[{c}]"));
    let condition = condition.as_deref();
    if label.is_none() && condition.is_none() {
        return Vec::new();
    }
    let mut best = Vec::new();
    let mut best_cost = f64::INFINITY;
    for candidate in candidates(label, condition, points, flow.default) {
        let cost = text_box(&candidate).map_or(0.0, |b| taken(&b));
        if cost < best_cost {
            best_cost = cost;
            best = candidate;
            if cost == 0.0 {
                break;
            }
        }
    }
    best
}

fn candidates(
    label: Option<&str>,
    condition: Option<&str>,
    points: &[Point],
    slashed: bool,
) -> Vec<Vec<FlowText>> {
    let mut found = Vec::new();
    if let Some((from, to)) = first_horizontal_run(points) {
        found.extend(along_run(label, condition, from, to));
    }
    let start = points[0];
    let next = points.get(1).copied().unwrap_or(start);
    if start.x == next.x && next.y != start.y {
        // Clear of the default-flow slash, which reaches 6 either side of the line.
        let gap = if slashed { 11.0 } else { 7.0 };
        found.push(beside(label, condition, start, next, Side::Right, gap));
        found.push(beside(label, condition, start, next, Side::Left, gap));
    }
    found
}

/// Label above and condition below the run; then both above; then both below.
fn along_run(
    label: Option<&str>,
    condition: Option<&str>,
    from: Point,
    to: Point,
) -> Vec<Vec<FlowText>> {
    let rightward = to.x >= from.x;
    let x = from.x + if rightward { INSET } else { -INSET };
    let align = if rightward { Align::Left } else { Align::Right };
    let max_width = MIN_WIDTH.max((to.x - from.x).abs() - 2.0 * INSET - 10.0);
    let near = 2.0 + line_height::FLOW_TEXT / 2.0;
    let text = |t: &str, y: f64, grow: Grow, style: TextStyle| {
        TextBlock::new(t, x, y, align, grow, max_width, style)
    };
    match (label, condition) {
        (Some(label), Some(condition)) => {
            let split = vec![
                text(label, from.y - near, Grow::Up, TextStyle::Label),
                text(condition, from.y + near, Grow::Down, TextStyle::Condition),
            ];
            let condition_above = text(condition, from.y - near, Grow::Up, TextStyle::Condition);
            let label_above_y = condition_above.bounds().y - line_height::FLOW_TEXT / 2.0;
            let label_below = text(label, from.y + near, Grow::Down, TextStyle::Label);
            let below = label_below.bounds();
            let condition_below_y = below.y + below.h + line_height::FLOW_TEXT / 2.0;
            vec![
                split,
                vec![
                    condition_above,
                    text(label, label_above_y, Grow::Up, TextStyle::Label),
                ],
                vec![
                    label_below,
                    text(
                        condition,
                        condition_below_y,
                        Grow::Down,
                        TextStyle::Condition,
                    ),
                ],
            ]
        }
        (only_label, only_condition) => {
            // A lone text: above the line, else below it.
            let (only, style) = match (only_label, only_condition) {
                (Some(l), _) => (l, TextStyle::Label),
                (_, Some(c)) => (c, TextStyle::Condition),
                _ => return Vec::new(),
            };
            vec![
                vec![text(only, from.y - near, Grow::Up, style)],
                vec![text(only, from.y + near, Grow::Down, style)],
            ]
        }
    }
}

/// Stacked next to a vertical first run, in the direction the flow goes.
fn beside(
    label: Option<&str>,
    condition: Option<&str>,
    start: Point,
    next: Point,
    side: Side,
    gap: f64,
) -> Vec<FlowText> {
    let x = if side == Side::Right {
        start.x + gap
    } else {
        start.x - gap
    };
    let align = if side == Side::Right {
        Align::Left
    } else {
        Align::Right
    };
    let down = next.y > start.y;
    let grow = if down { Grow::Down } else { Grow::Up };
    // Nearest the exit first: label then condition going down, condition then label going up.
    let mut ordered: Vec<(&str, TextStyle)> = Vec::new();
    if let Some(l) = label {
        ordered.push((l, TextStyle::Label));
    }
    if let Some(c) = condition {
        ordered.push((c, TextStyle::Condition));
    }
    if !down {
        ordered.reverse();
    }
    let step = line_height::FLOW_TEXT;
    let mut y = if down {
        start.y + 6.0 + step / 2.0
    } else {
        start.y - 6.0 - step / 2.0
    };
    let mut texts = Vec::new();
    for (t, style) in ordered {
        let block = TextBlock::new(t, x, y, align, grow, BESIDE_WIDTH, style);
        let b = block.bounds();
        y = if down {
            b.y + b.h + step / 2.0
        } else {
            b.y - step / 2.0
        };
        texts.push(block);
    }
    texts
}

fn first_horizontal_run(points: &[Point]) -> Option<(Point, Point)> {
    points
        .windows(2)
        .take(2)
        .find(|w| w[0].y == w[1].y && (w[1].x - w[0].x).abs() >= MIN_RUN)
        .map(|w| (w[0], w[1]))
}
