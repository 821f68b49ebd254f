//! Artifacts, associations and message flows (`ui/src/canvas/artifacts.ts`): data objects,
//! data stores, notes and groups where the layout puts them; associations as straight lines
//! between borders; message flows routed like sequence flows between nodes and pool bands.

use std::collections::HashMap;

use super::flows::arrow_head;
use super::geometry::{bottom, bounds_of_points, center, inflate, right, union};
use super::labels::FlowText;
use super::planes::{depth_on, PoolBand, POOL_HEADER_WIDTH};
use super::routing::{route_orthogonal, route_through, Endpoint};
use super::theme::line_height;
use super::{Align, Grow, TextBlock, TextStyle};
use super::{FlowShape, NodeShape, Outline, ARROW_HALF_WIDTH, LANE_HEADER_WIDTH};
use crate::model::{ArtifactKind, Bounds, Direction, Id, Point, Process};

/// Room under a data object or store for its name.
pub const ARTIFACT_LABEL_SPACE: f64 = 32.0;

#[derive(Clone, Debug)]
pub struct ArtifactShape {
    pub id: Id,
    pub kind: ArtifactKind,
    pub rect: Bounds,
    /// Everything it paints, its name included.
    pub bbox: Bounds,
}

#[derive(Clone, Debug)]
pub struct AssociationShape {
    pub id: Id,
    pub source: Id,
    pub target: Id,
    /// From the source's border to the target's.
    pub points: [Point; 2],
    /// Open arrowheads (tip, then the back corners): at the target when directed, at both ends
    /// when both ways.
    pub arrows: Vec<[Point; 3]>,
    pub bbox: Bounds,
}

/// The size an artifact gets when the layout has no box for it.
fn default_size(kind: &ArtifactKind) -> (f64, f64) {
    match kind {
        ArtifactKind::DataObject { .. } => (36.0, 50.0),
        ArtifactKind::DataStore { .. } => (50.0, 50.0),
        ArtifactKind::Annotation { .. } => (140.0, 44.0),
        ArtifactKind::Group { .. } => (240.0, 160.0),
    }
}

/// The artifacts of `plane`; those without a box are lined up under the lanes (below `top`).
pub(super) fn place_artifacts(
    process: &Process,
    plane: Option<Id>,
    top: f64,
) -> Vec<ArtifactShape> {
    let mut next_x = LANE_HEADER_WIDTH + 40.0;
    process
        .artifacts
        .iter()
        .filter(|a| depth_on(process, a.parent, plane).is_some())
        .map(|artifact| {
            let rect = match process.layout.artifacts.get(&artifact.id) {
                Some(b) => *b,
                None => {
                    let (w, h) = default_size(&artifact.kind);
                    let x = next_x;
                    next_x += w + 40.0;
                    Bounds::new(x, top + 30.0, w, h)
                }
            };
            let below = match artifact.kind {
                ArtifactKind::DataObject { .. } | ArtifactKind::DataStore { .. } => {
                    ARTIFACT_LABEL_SPACE
                }
                _ => 0.0,
            };
            let painted = Bounds {
                h: rect.h + below,
                ..rect
            };
            let bbox = Bounds {
                x: painted.x.min(center(&rect).x - 60.0),
                w: painted.w.max(120.0),
                ..painted
            };
            ArtifactShape {
                id: artifact.id,
                kind: artifact.kind.clone(),
                rect,
                bbox: inflate(&bbox, 2.0),
            }
        })
        .collect()
}

/// Associations whose both ends are drawn: straight from border to border.
pub(super) fn connect_associations(
    process: &Process,
    nodes: &[NodeShape],
    artifacts: &[ArtifactShape],
) -> Vec<AssociationShape> {
    let mut rects: HashMap<Id, Bounds> = nodes.iter().map(|n| (n.id, n.rect)).collect();
    rects.extend(artifacts.iter().map(|a| (a.id, a.rect)));
    process
        .associations
        .iter()
        .filter_map(|association| {
            let source = rects.get(&association.source)?;
            let target = rects.get(&association.target)?;
            let (from, to) = (center(source), center(target));
            let points = [exit_point(source, to), exit_point(target, from)];
            let mut arrows = Vec::new();
            if association.direction != Direction::None {
                arrows.push(arrow_head(&points));
            }
            if association.direction == Direction::Both {
                arrows.push(arrow_head(&[points[1], points[0]]));
            }
            Some(AssociationShape {
                id: association.id,
                source: association.source,
                target: association.target,
                points,
                arrows,
                bbox: inflate(&bounds_of_points(&points), ARROW_HALF_WIDTH + 2.0),
            })
        })
        .collect()
}

/// Where the line from `r`'s centre toward `toward` leaves `r`.
fn exit_point(r: &Bounds, toward: Point) -> Point {
    let c = center(r);
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    let scale_x = if dx == 0.0 {
        f64::INFINITY
    } else {
        r.w / 2.0 / dx.abs()
    };
    let scale_y = if dy == 0.0 {
        f64::INFINITY
    } else {
        r.h / 2.0 / dy.abs()
    };
    let t = scale_x.min(scale_y).min(1.0);
    Point {
        x: c.x + dx * t,
        y: c.y + dy * t,
    }
}

/// Message flows whose both ends are drawn: a node's border, or the edge of a pool band facing
/// the other end. Routed through the layout's bend points when it has them.
pub(super) fn route_messages(
    process: &Process,
    nodes: &[NodeShape],
    pools: &[PoolBand],
) -> Vec<FlowShape> {
    let node_rects: HashMap<Id, (Bounds, Outline)> =
        nodes.iter().map(|n| (n.id, (n.rect, n.outline))).collect();
    let pool_rects: HashMap<Id, Bounds> = pools.iter().map(|p| (p.id, p.rect)).collect();
    let node_end = |id: &Id| {
        node_rects.get(id).map(|&(rect, outline)| Endpoint {
            rect,
            outline,
            splits: false,
            joins: false,
        })
    };
    let mut shapes = Vec::new();
    for message in &process.messages {
        let (source, target) = match (node_end(&message.source), node_end(&message.target)) {
            (Some(s), Some(t)) => (s, t),
            (Some(s), None) => match pool_rects.get(&message.target) {
                Some(pool) => (s, pool_edge(pool, center(&s.rect))),
                None => continue,
            },
            (None, Some(t)) => match pool_rects.get(&message.source) {
                Some(pool) => (pool_edge(pool, center(&t.rect)), t),
                None => continue,
            },
            (None, None) => {
                let (Some(a), Some(b)) = (
                    pool_rects.get(&message.source),
                    pool_rects.get(&message.target),
                ) else {
                    continue;
                };
                let x = POOL_HEADER_WIDTH + LANE_HEADER_WIDTH + 60.0;
                let s = pool_edge(a, center(b));
                let t = pool_edge(b, center(a));
                (at_x(s, x), at_x(t, x))
            }
        };
        let points = match process.layout.flows.get(&message.id) {
            Some(bends) if !bends.is_empty() => route_through(&source, &target, bends),
            _ => route_orthogonal(&source, &target, &|_| 0),
        };
        if points.len() < 2 {
            continue;
        }
        let texts: Vec<FlowText> = message_name(&message.name, &points).into_iter().collect();
        let mut bbox = inflate(&bounds_of_points(&points), ARROW_HALF_WIDTH + 2.0);
        for text in &texts {
            bbox = union(&bbox, &text.bounds());
        }
        shapes.push(FlowShape {
            id: message.id,
            source: message.source,
            target: message.target,
            arrow: arrow_head(&points),
            default_marker: None,
            texts,
            bbox,
            points,
        });
    }
    shapes
}

/// A message's name beside the middle of its longest run: right of a vertical run, above a
/// horizontal one.
fn message_name(name: &str, points: &[Point]) -> Option<FlowText> {
    if name.trim().is_empty() {
        return None;
    }
    let mut longest = (0.0, points[0], points[0]);
    for pair in points.windows(2) {
        let length = (pair[1].x - pair[0].x).hypot(pair[1].y - pair[0].y);
        if length > longest.0 {
            longest = (length, pair[0], pair[1]);
        }
    }
    let (_, a, b) = longest;
    let middle = Point {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    };
    let half = line_height::FLOW_TEXT / 2.0;
    let (x, y, align, grow) = if (a.x - b.x).abs() < (a.y - b.y).abs() {
        (middle.x + 6.0, middle.y, Align::Left, Grow::Down)
    } else {
        (middle.x, middle.y - 4.0 - half, Align::Center, Grow::Up)
    };
    Some(TextBlock::new(
        name,
        x,
        y,
        align,
        grow,
        MESSAGE_TEXT_WIDTH,
        TextStyle::Label,
    ))
}

/// How wide a message's name may grow before it wraps.
const MESSAGE_TEXT_WIDTH: f64 = 130.0;

/// A point on the top or bottom edge of `pool` (whichever faces `toward`), under `toward`.
fn pool_edge(pool: &Bounds, toward: Point) -> Endpoint {
    let y = if toward.y < center(pool).y {
        pool.y
    } else {
        bottom(pool)
    };
    let x = toward.x.max(pool.x + POOL_HEADER_WIDTH);
    let x = if pool.w > 0.0 { x.min(right(pool)) } else { x };
    Endpoint {
        rect: Bounds::new(x, y, 0.0, 0.0),
        outline: Outline::Box,
        splits: false,
        joins: false,
    }
}

fn at_x(end: Endpoint, x: f64) -> Endpoint {
    Endpoint {
        rect: Bounds { x, ..end.rect },
        ..end
    }
}
