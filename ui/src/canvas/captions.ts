import type { FlowShape } from "./flowShapes";
import { estimateBlock, type TextBlock } from "./flowText";
import { bottom, center, inflate, right, union, type Point, type Rect } from "./geometry";
import type { NodeShape } from "./scene";
import { fontSize, lineHeight } from "./theme";

const CAPTION_WIDTH = 130;
const CAPTION_GAP = 5;

/** The other shapes whose (slightly inflated) box meets `box`: what a caption beside a shape must not cover. */
export type ShapesNear = (box: Rect, own: NodeShape) => boolean;

/** The box a caption is taken to paint, for placement and culling. */
export function captionBox(caption: TextBlock): Rect {
  return estimateBlock(caption, fontSize.caption, lineHeight.caption);
}

/** The box a shape keeps clear for captions beside it. */
export function captionClearance(node: NodeShape): Rect {
  return inflate(node.rect, 2);
}

/**
 * Events and gateways carry their name outside the shape: below, or above when flows
 * use the bottom, or beside the upper-left edge when flows use both (the upper-right one when the
 * upper-left runs into another shape and the right does not). Places the captions of `placing`
 * (their `bbox` must be the shape's own, without a caption) and returns, per node that looked at
 * other shapes, where it looked: a shape moving there may change its caption.
 */
export function placeCaptions(placing: Iterable<NodeShape>, flows: readonly FlowShape[], coversAShape: ShapesNear): Map<string, Rect> {
  const sidesOf = new Map<string, { node: NodeShape; sides: number }>();
  for (const node of placing) {
    node.caption = null;
    if (node.outline !== "box" && node.name.trim()) sidesOf.set(node.id, { node, sides: 0 });
  }
  const reaches = new Map<string, Rect>();
  if (sidesOf.size === 0) return reaches;
  const mark = (nodeId: string, p: Point) => {
    const entry = sidesOf.get(nodeId);
    if (entry) entry.sides |= sideOf(entry.node.rect, p);
  };
  for (const flow of flows) {
    mark(flow.sourceId, flow.points[0]!);
    mark(flow.targetId, flow.points[flow.points.length - 1]!);
  }
  for (const { node, sides } of sidesOf.values()) {
    const r = node.rect;
    const c = center(r);
    const half = lineHeight.caption / 2;
    const text = node.name;
    let caption: TextBlock;
    if (!(sides & BOTTOM)) {
      caption = { text, x: c.x, y: bottom(r) + CAPTION_GAP + half, align: "center", grow: "down", maxWidth: CAPTION_WIDTH };
    } else if (node.kind.type === "boundary") {
      // Above would cover its host: beside the lower-right edge instead.
      caption = { text, x: r.x + r.w * 0.75 + 2, y: bottom(r) - r.h / 4 + half, align: "left", grow: "down", maxWidth: CAPTION_WIDTH };
    } else if (!(sides & TOP)) {
      caption = { text, x: c.x, y: r.y - CAPTION_GAP - half, align: "center", grow: "up", maxWidth: CAPTION_WIDTH };
    } else {
      caption = { text, x: r.x + r.w / 4 - 2, y: r.y + r.h / 4 - half, align: "right", grow: "up", maxWidth: CAPTION_WIDTH };
      const mirrored: TextBlock = { ...caption, x: r.x + r.w * 0.75 + 2, align: "left" };
      reaches.set(node.id, union(captionBox(caption), captionBox(mirrored)));
      if (coversAShape(captionBox(caption), node) && !coversAShape(captionBox(mirrored), node)) caption = mirrored;
    }
    node.caption = caption;
    node.bbox = union(node.bbox, captionBox(caption));
  }
  return reaches;
}

/** Sides of a shape as bits, so marking the sides flows use allocates nothing. */
const TOP = 1;
const BOTTOM = 2;
const LEFT = 4;
const RIGHT = 8;

/** The side of `r` nearest to `p` (ties go top, bottom, left, right). */
function sideOf(r: Rect, p: Point): number {
  const distances = [Math.abs(p.y - r.y), Math.abs(p.y - bottom(r)), Math.abs(p.x - r.x), Math.abs(p.x - right(r))];
  let best = 0;
  for (let i = 1; i < 4; i++) if (distances[i]! < distances[best]!) best = i;
  return [TOP, BOTTOM, LEFT, RIGHT][best]!;
}
