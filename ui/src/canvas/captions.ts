import type { FlowShape } from "./flowShapes";
import { estimateBlock, type TextBlock } from "./flowText";
import { bottom, center, inflate, right, union, type Point, type Rect } from "./geometry";
import type { NodeShape } from "./scene";
import { SpatialGrid } from "./spatialGrid";
import { fontSize, lineHeight } from "./theme";

const CAPTION_WIDTH = 130;
const CAPTION_GAP = 5;

/**
 * Events and gateways carry their name outside the shape: below, or above when flows
 * use the bottom, or beside the upper-left edge when flows use both (the upper-right one when the
 * upper-left runs into another shape and the right does not). A node in `kept` at the
 * same place with the same name keeps its caption.
 */
export function placeCaptions(nodes: NodeShape[], flows: FlowShape[], kept?: ReadonlyMap<string, NodeShape>): void {
  // Only nodes that show a caption and cannot keep theirs need to know which sides flows use.
  const placing = new Map<string, { node: NodeShape; sides: number }>();
  for (const node of nodes) {
    if (node.outline === "box" || !node.name.trim()) continue;
    const same = kept?.get(node.id);
    if (same && same.name === node.name && same.rect.x === node.rect.x && same.rect.y === node.rect.y && same.caption) {
      node.caption = same.caption;
      node.bbox = same.bbox;
    } else {
      placing.set(node.id, { node, sides: 0 });
    }
  }
  if (placing.size === 0) return;
  const mark = (nodeId: string, p: Point) => {
    const entry = placing.get(nodeId);
    if (entry) entry.sides |= sideOf(entry.node.rect, p);
  };
  for (const flow of flows) {
    mark(flow.sourceId, flow.points[0]!);
    mark(flow.targetId, flow.points[flow.points.length - 1]!);
  }
  // Built on first need: most captions sit above or below their shape.
  let shapes: SpatialGrid | null = null;
  const coversAShape = (box: Rect, own: NodeShape) => {
    if (!shapes) {
      shapes = new SpatialGrid();
      nodes.forEach((n, i) => shapes!.insert(i, inflate(n.rect, 2)));
    }
    return shapes.query(box).some((i) => nodes[i] !== own);
  };
  const box = (caption: TextBlock) => estimateBlock(caption, fontSize.caption, lineHeight.caption);
  for (const { node, sides } of placing.values()) {
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
      if (coversAShape(box(caption), node) && !coversAShape(box(mirrored), node)) caption = mirrored;
    }
    node.caption = caption;
    node.bbox = union(node.bbox, box(caption));
  }
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
