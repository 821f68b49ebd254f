import type { FlowShape } from "./flowShapes";
import { estimateBlock, type TextBlock } from "./flowText";
import { bottom, center, right, union, type Point, type Rect } from "./geometry";
import type { NodeShape } from "./scene";
import { fontSize, lineHeight } from "./theme";

const CAPTION_WIDTH = 130;
const CAPTION_GAP = 5;

type Side = "top" | "bottom" | "left" | "right";

/**
 * Events and gateways carry their name outside the shape: below, or above when flows
 * use the bottom, or beside the upper-left edge when flows use both.
 */
export function placeCaptions(nodes: NodeShape[], flows: FlowShape[]): void {
  const used = new Map<string, Set<Side>>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const mark = (nodeId: string, p: Point) => {
    const node = byId.get(nodeId);
    if (!node) return;
    const sides = used.get(nodeId) ?? new Set<Side>();
    sides.add(sideOf(node.rect, p));
    used.set(nodeId, sides);
  };
  for (const flow of flows) {
    mark(flow.sourceId, flow.points[0]!);
    mark(flow.targetId, flow.points[flow.points.length - 1]!);
  }
  for (const node of nodes) {
    if (node.outline === "box" || !node.name.trim()) continue;
    const sides = used.get(node.id) ?? new Set<Side>();
    const r = node.rect;
    const c = center(r);
    const half = lineHeight.caption / 2;
    const text = node.name;
    let caption: TextBlock;
    if (!sides.has("bottom")) {
      caption = { text, x: c.x, y: bottom(r) + CAPTION_GAP + half, align: "center", grow: "down", maxWidth: CAPTION_WIDTH };
    } else if (!sides.has("top")) {
      caption = { text, x: c.x, y: r.y - CAPTION_GAP - half, align: "center", grow: "up", maxWidth: CAPTION_WIDTH };
    } else {
      caption = { text, x: r.x + r.w / 4 - 2, y: r.y + r.h / 4 - half, align: "right", grow: "up", maxWidth: CAPTION_WIDTH };
    }
    node.caption = caption;
    node.bbox = union(node.bbox, estimateBlock(caption, fontSize.caption, lineHeight.caption));
  }
}

function sideOf(r: Rect, p: Point): Side {
  const distances: Array<[Side, number]> = [
    ["top", Math.abs(p.y - r.y)],
    ["bottom", Math.abs(p.y - bottom(r))],
    ["left", Math.abs(p.x - r.x)],
    ["right", Math.abs(p.x - right(r))],
  ];
  distances.sort((a, b) => a[1] - b[1]);
  return distances[0]![0];
}
