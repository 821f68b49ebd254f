import type { Point, Rect } from "../canvas/geometry";
import type { Scene } from "../canvas/scene";

/** Room between the selection and the pad. */
const GAP = 8;

/** How much of `a` lies over `b`. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where the context pad (w×h) goes beside `selection`: above it, then below, right and left,
 * the first place inside `room` that covers none of `obstacles` (the other steps, their
 * captions, the selection's flows); when every place covers something, the one covering least. All in the
 * same pixels (the canvas's).
 */
export function padPlacement(selection: Rect, pad: { w: number; h: number }, obstacles: readonly Rect[], room: Rect): { x: number; y: number } {
  const candidates: Rect[] = [
    { x: selection.x, y: selection.y - GAP - pad.h, ...pad },
    { x: selection.x, y: selection.y + selection.h + GAP, ...pad },
    { x: selection.x + selection.w + GAP, y: selection.y + selection.h / 2 - pad.h / 2, ...pad },
    { x: selection.x - GAP - pad.w, y: selection.y + selection.h / 2 - pad.h / 2, ...pad },
    { x: selection.x + selection.w - pad.w, y: selection.y - GAP - pad.h, ...pad },
    { x: selection.x + selection.w - pad.w, y: selection.y + selection.h + GAP, ...pad },
  ].map((c) => ({
    ...c,
    // Kept inside the room, so no button hides behind a side panel or the top bar.
    x: Math.max(room.x + 4, Math.min(c.x, room.x + room.w - pad.w - 4)),
    y: Math.max(room.y + 4, Math.min(c.y, room.y + room.h - pad.h - 4)),
  }));
  // Covering the selection itself counts four times: its name is what the user looks at.
  const cost = (c: Rect) => 4 * overlap(c, selection) + obstacles.reduce((sum, o) => sum + overlap(c, o), 0);
  let best = candidates[0]!;
  let bestCost = cost(best);
  for (const c of candidates) {
    const k = cost(c);
    if (k === 0) return { x: c.x, y: c.y };
    if (k < bestCost) {
      best = c;
      bestCost = k;
    }
  }
  return { x: best.x, y: best.y };
}

/**
 * The segments of the flows into and out of step `id`, as thin boxes (world units): the pad
 * keeps off them, so the flow just drawn to a step can be clicked to give it a condition.
 */
export function linesOf(scene: Scene, id: string): Rect[] {
  const reach = 4;
  const segment = (a: Point, b: Point): Rect => ({ x: Math.min(a.x, b.x) - reach, y: Math.min(a.y, b.y) - reach, w: Math.abs(a.x - b.x) + 2 * reach, h: Math.abs(a.y - b.y) + 2 * reach });
  const own = scene.flows.filter((f) => f.sourceId === id || f.targetId === id);
  return own.flatMap((f) => f.points.slice(1).map((b, i) => segment(f.points[i]!, b)));
}
