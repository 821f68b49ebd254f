import type { Point, Rect } from "../canvas/geometry";

export const GRID = 10;
/** How close (screen pixels) an edge or centre must come to another's to align with it. */
const GUIDE_PX = 6;

/** A line drawn while dragging to show what the moved shape lines up with (world coordinates). */
export interface Guide {
  axis: "x" | "y";
  at: number;
  from: number;
  to: number;
}

export interface Snapped {
  /** The offset to move by after snapping. */
  delta: Point;
  guides: Guide[];
}

/**
 * Snaps a dragged box: each axis aligns its left/centre/right (top/middle/bottom) with the
 * nearest such line of another shape within reach, else falls on the grid.
 */
export function snapMove(moving: Rect, delta: Point, others: readonly Rect[], zoom: number): Snapped {
  const reach = GUIDE_PX / zoom;
  const moved = { ...moving, x: moving.x + delta.x, y: moving.y + delta.y };
  const guides: Guide[] = [];
  const x = snapAxis(moved, others, reach, "x", guides);
  const y = snapAxis(moved, others, reach, "y", guides);
  return { delta: { x: delta.x + x, y: delta.y + y }, guides };
}

function lines(r: Rect, axis: "x" | "y"): number[] {
  return axis === "x" ? [r.x, r.x + r.w / 2, r.x + r.w] : [r.y, r.y + r.h / 2, r.y + r.h];
}

/** The correction along one axis, adding a guide when it aligns with another shape. */
function snapAxis(moved: Rect, others: readonly Rect[], reach: number, axis: "x" | "y", guides: Guide[]): number {
  let best: { shift: number; other: Rect; at: number } | null = null;
  const mine = lines(moved, axis);
  for (const other of others) {
    const theirs = lines(other, axis);
    for (let i = 0; i < 3; i++) {
      const shift = theirs[i]! - mine[i]!;
      if (Math.abs(shift) <= reach && (!best || Math.abs(shift) < Math.abs(best.shift))) best = { shift, other, at: theirs[i]! };
    }
  }
  if (!best) {
    const start = axis === "x" ? moved.x : moved.y;
    return Math.round(start / GRID) * GRID - start;
  }
  const span = (r: Rect) => (axis === "x" ? [r.y, r.y + r.h] : [r.x, r.x + r.w]);
  const [a0, a1] = span(moved);
  const [b0, b1] = span(best.other);
  guides.push({ axis, at: best.at, from: Math.min(a0!, b0!), to: Math.max(a1!, b1!) });
  return best.shift;
}
