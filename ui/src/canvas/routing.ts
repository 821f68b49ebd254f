// The rules of `src/export/diagram/routing.rs`; both are pinned by `tests/fixtures/twins/routing.json`.
import { bottom, center, right, type Point, type Rect } from "./geometry";

/** How a shape meets a connection: boxes accept any point on their border, the others only the four side midpoints. */
export type Outline = "box" | "diamond" | "circle";

export interface Endpoint {
  rect: Rect;
  outline: Outline;
  /** More than one flow leaves it (a split). */
  splits: boolean;
  /** More than one flow enters it (a join). */
  joins: boolean;
}

/** How many shapes other than the two endpoints a candidate route runs through. */
export type CountCrossings = (points: readonly Point[]) => number;

/** A route through a shape costs more than any difference in style. */
const CROSSING_COST = 100;

/** Straight runs share a y (or x) with both shapes only when their overlap leaves this margin to the corners. */
const STRAIGHT_MARGIN = 8;

/**
 * Orthogonal route from the border of `source` to the border of `target`.
 * Shapes that line up are joined by a straight run. Otherwise a few candidate shapes
 * (Z across, Z down, L either way) are scored by style and by the shapes they run
 * through, and the cheapest wins. Style follows BPMN habit: a split leaves its gateway
 * vertically, a join is entered vertically, a loop back enters its target from above or
 * below, and plain steps in different lanes are joined by a Z.
 */
export function routeOrthogonal(source: Endpoint, target: Endpoint, crossings: CountCrossings = () => 0): Point[] {
  const a = source.rect;
  const b = target.rect;
  const ac = center(a);
  const bc = center(b);
  const toRight = b.x > right(a);
  const toLeft = right(b) < a.x;
  const below = b.y > bottom(a);
  const above = bottom(b) < a.y;

  if (toRight || toLeft) {
    const exitX = toRight ? right(a) : a.x;
    const entryX = toRight ? b.x : right(b);
    const shared = sharedSpan(source, target, a.y, bottom(a), b.y, bottom(b), ac.y, bc.y);
    if (shared !== null) return [{ x: exitX, y: shared }, { x: entryX, y: shared }];
    const midX = (exitX + entryX) / 2;
    const candidates: Candidate[] = [
      { preference: 10, points: [{ x: exitX, y: ac.y }, { x: midX, y: ac.y }, { x: midX, y: bc.y }, { x: entryX, y: bc.y }] },
    ];
    if (below || above) {
      const exitY = below ? bottom(a) : a.y;
      const entryY = below ? b.y : bottom(b);
      const midY = (exitY + entryY) / 2;
      const isSplit = source.outline === "diamond" && source.splits;
      const isJoin = target.outline === "diamond" && target.joins;
      candidates.push(
        { preference: isSplit ? 0 : 30, points: [{ x: ac.x, y: exitY }, { x: ac.x, y: bc.y }, { x: entryX, y: bc.y }] },
        { preference: isJoin ? 0 : toLeft ? 5 : 30, points: [{ x: exitX, y: ac.y }, { x: bc.x, y: ac.y }, { x: bc.x, y: entryY }] },
        { preference: 25, points: [{ x: ac.x, y: exitY }, { x: ac.x, y: midY }, { x: bc.x, y: midY }, { x: bc.x, y: entryY }] },
      );
    }
    return cheapest(candidates, crossings);
  }

  if (below || above) {
    const exitY = below ? bottom(a) : a.y;
    const entryY = below ? b.y : bottom(b);
    const shared = sharedSpan(source, target, a.x, right(a), b.x, right(b), ac.x, bc.x);
    if (shared !== null) return [{ x: shared, y: exitY }, { x: shared, y: entryY }];
    const midY = (exitY + entryY) / 2;
    return [
      { x: ac.x, y: exitY },
      { x: ac.x, y: midY },
      { x: bc.x, y: midY },
      { x: bc.x, y: entryY },
    ];
  }

  // Overlapping shapes: no sensible orthogonal route, join the centres.
  return [ac, bc];
}

/**
 * Routes through the modeller's bend points: leaves the source on the side facing the first
 * bend and enters the target on the side facing the last, adding an elbow where needed.
 */
export function routeThrough(source: Endpoint, target: Endpoint, bends: readonly Point[]): Point[] {
  const first = bends[0];
  const last = bends[bends.length - 1];
  if (!first || !last) return routeOrthogonal(source, target);
  const exit = sideFacing(source.rect, first);
  const entry = sideFacing(target.rect, last);
  const points: Point[] = [exit];
  pushElbow(points, exit, first, isHorizontalSide(source.rect, exit));
  points.push(...bends);
  const beforeEntry: Point[] = [];
  pushElbow(beforeEntry, entry, last, isHorizontalSide(target.rect, entry));
  points.push(...beforeEntry.reverse(), entry);
  return dedupe(points);
}

interface Candidate {
  points: Point[];
  /** Lower is closer to how a modeller would draw it. */
  preference: number;
}

function cheapest(candidates: Candidate[], crossings: CountCrossings): Point[] {
  let best = candidates[0]!;
  let bestCost = Infinity;
  for (const candidate of candidates) {
    const cost = candidate.preference + CROSSING_COST * crossings(candidate.points);
    if (cost < bestCost) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best.points;
}

/** A coordinate on which a straight run meets both shapes, or null. */
function sharedSpan(
  source: Endpoint,
  target: Endpoint,
  aStart: number,
  aEnd: number,
  bStart: number,
  bEnd: number,
  aMid: number,
  bMid: number,
): number | null {
  if (Math.abs(aMid - bMid) < 1) return aMid;
  if (source.outline !== "box" || target.outline !== "box") return null;
  const lo = Math.max(aStart, bStart) + STRAIGHT_MARGIN;
  const hi = Math.min(aEnd, bEnd) - STRAIGHT_MARGIN;
  return lo <= hi ? (lo + hi) / 2 : null;
}

function sideFacing(r: Rect, toward: Point): Point {
  const c = center(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (Math.abs(dx) * r.h >= Math.abs(dy) * r.w) return { x: dx >= 0 ? right(r) : r.x, y: c.y };
  return { x: c.x, y: dy >= 0 ? bottom(r) : r.y };
}

function isHorizontalSide(r: Rect, p: Point): boolean {
  return p.x === r.x || p.x === right(r);
}

/** Adds the corner that makes `from → to` orthogonal, leaving `from` along its side's normal. */
function pushElbow(points: Point[], from: Point, to: Point, leavesHorizontally: boolean): void {
  if (from.x === to.x || from.y === to.y) return;
  points.push(leavesHorizontally ? { x: to.x, y: from.y } : { x: from.x, y: to.y });
}

function dedupe(points: Point[]): Point[] {
  return points.filter((p, i) => i === 0 || p.x !== points[i - 1]!.x || p.y !== points[i - 1]!.y);
}
