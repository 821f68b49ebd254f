import { center, type Rect } from "../canvas/geometry";
import type { Scene } from "../canvas/scene";
import type { Command } from "../generated/Command";
import { boundsInLane } from "./placement";

export type Alignment = "left" | "centre" | "right" | "top" | "middle" | "bottom";
export type Spread = "horizontal" | "vertical";

/** A box by id; the result gives the new world position of each box that moves. */
export interface Placed {
  id: string;
  rect: Rect;
}

/** Lines the boxes up on the first box's edge or centre (the first selected is the anchor). */
export function align(boxes: readonly Placed[], how: Alignment): Placed[] {
  const anchor = boxes[0];
  if (!anchor || boxes.length < 2) return [];
  const a = anchor.rect;
  const moved = boxes.slice(1).map(({ id, rect }) => {
    const r = { ...rect };
    if (how === "left") r.x = a.x;
    if (how === "centre") r.x = a.x + a.w / 2 - r.w / 2;
    if (how === "right") r.x = a.x + a.w - r.w;
    if (how === "top") r.y = a.y;
    if (how === "middle") r.y = a.y + a.h / 2 - r.h / 2;
    if (how === "bottom") r.y = a.y + a.h - r.h;
    return { id, rect: r };
  });
  return moved.filter((m, i) => m.rect.x !== boxes[i + 1]!.rect.x || m.rect.y !== boxes[i + 1]!.rect.y);
}

/** Spaces three or more boxes evenly between the outermost two, keeping their order. */
export function distribute(boxes: readonly Placed[], how: Spread): Placed[] {
  if (boxes.length < 3) return [];
  const x = how === "horizontal";
  const start = (r: Rect) => (x ? r.x : r.y);
  const size = (r: Rect) => (x ? r.w : r.h);
  const sorted = [...boxes].sort((p, q) => start(p.rect) - start(q.rect));
  const first = sorted[0]!.rect;
  const last = sorted[sorted.length - 1]!.rect;
  const total = sorted.reduce((sum, b) => sum + size(b.rect), 0);
  const gap = (start(last) + size(last) - start(first) - total) / (sorted.length - 1);
  const moved: Placed[] = [];
  let at = start(first);
  for (const box of sorted) {
    const pos = Math.round(at);
    if (pos !== start(box.rect)) moved.push({ id: box.id, rect: x ? { ...box.rect, x: pos } : { ...box.rect, y: pos } });
    at += size(box.rect) + gap;
  }
  return moved;
}

/** The boxes of the selected steps (anything else selected is left where it is). */
export function boxesOf(scene: Scene, selection: readonly string[]): Placed[] {
  return selection.flatMap((id) => {
    const n = scene.nodes.find((x) => x.id === id);
    return n ? [{ id, rect: n.rect }] : [];
  });
}

/** One command moving each step to its new box, kept in its lane; null when nothing moves. */
export function movesCommand(scene: Scene, moves: readonly Placed[]): Command | null {
  const commands: Command[] = moves.flatMap(({ id, rect }) => {
    const node = scene.nodes.find((n) => n.id === id);
    const lane = node && scene.lanes.find((l) => l.id === node.laneId);
    if (!lane) return [];
    return [{ command: "move_node", node: id, lane: lane.id, bounds: boundsInLane(lane, center(rect), rect.w, rect.h) } satisfies Command];
  });
  return commands.length > 0 ? { command: "batch", commands } : null;
}
