import { center, inflate, type Point, type Rect } from "./geometry";
import type { Ghosts } from "./ghosts";
import type { FlowShape } from "./flowShapes";
import { pinnedHeader, type NodeShape, type Scene } from "./scene";

/** How far from a line or shape a click still counts, in screen pixels. */
const TOLERANCE_PX = 5;

/**
 * The id of the element at world point `p`, looked up in the scene's spatial grids: a lane
 * header, else a node (or a ghost node), else a flow; null on empty canvas. When shapes
 * overlap, the one painted last (on top) wins. `left` is the view's left edge (world x), where
 * lane headers stick when scrolled past; they are painted over the diagram, so they come first.
 */
export function hitTest(scene: Scene, ghosts: Ghosts | null, p: Point, zoom: number, left = -Infinity): string | null {
  const tolerance = TOLERANCE_PX / zoom;
  const probe = inflate({ x: p.x, y: p.y, w: 0, h: 0 }, tolerance);
  const lane = [...scene.lanes, ...(ghosts?.lanes ?? [])].find((l) => inside(pinnedHeader(l, left).header, p));
  if (lane) return lane.id;

  const nodes = scene.nodeGrid.query(probe).map((i) => scene.nodes[i]!);
  const node = topmost(nodes, (n) => insideShape(n, p, tolerance)) ?? topmost(ghosts?.nodes ?? [], (n) => insideShape(n, p, tolerance));
  if (node) return node.id;

  const flows = scene.flowGrid.query(probe).map((i) => scene.flows[i]!);
  const flow = nearestFlow([...flows, ...(ghosts?.flows ?? [])], p, tolerance);
  return flow?.id ?? null;
}

function topmost<T>(items: T[], hit: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (hit(items[i]!)) return items[i];
  return undefined;
}

function inside(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** Boxes by their rectangle, gateways by their diamond, events by their circle. */
function insideShape(node: NodeShape, p: Point, tolerance: number): boolean {
  const r = inflate(node.rect, tolerance);
  if (!inside(r, p)) return false;
  const c = center(r);
  const dx = Math.abs(p.x - c.x) / (r.w / 2);
  const dy = Math.abs(p.y - c.y) / (r.h / 2);
  if (node.outline === "diamond") return dx + dy <= 1;
  if (node.outline === "circle") return dx * dx + dy * dy <= 1;
  return true;
}

function nearestFlow(flows: FlowShape[], p: Point, tolerance: number): FlowShape | null {
  let best: FlowShape | null = null;
  let bestDistance = tolerance;
  for (const flow of flows) {
    for (let i = 1; i < flow.points.length; i++) {
      const d = distanceToSegment(p, flow.points[i - 1]!, flow.points[i]!);
      if (d <= bestDistance) {
        best = flow;
        bestDistance = d;
      }
    }
  }
  return best;
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
