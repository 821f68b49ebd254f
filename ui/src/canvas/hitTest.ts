import { center, inflate, type Point, type Rect } from "./geometry";
import type { Ghosts } from "./ghosts";
import type { FlowShape } from "./flowShapes";
import { isActivity, onBorder, pinnedHeader, pinnedPool, type NodeShape, type Scene } from "./scene";

/** How far from a line or shape a click still counts, in screen pixels. */
const TOLERANCE_PX = 5;

/**
 * The id of the element at world point `p`, looked up in the scene's spatial grids: a lane
 * header, else a node (or a ghost node), else a flow, a message flow, an association, an
 * artifact (a group by its frame or name), a pool's name band; null on empty canvas. When shapes
 * overlap, the one painted last (on top) wins. `left` is the view's left edge (world x), where
 * lane headers stick when scrolled past; they are painted over the diagram, so they come first.
 */
export function hitTest(scene: Scene, ghosts: Ghosts | null, p: Point, zoom: number, left = -Infinity): string | null {
  const tolerance = TOLERANCE_PX / zoom;
  const probe = inflate({ x: p.x, y: p.y, w: 0, h: 0 }, tolerance);
  const lane = [...scene.lanes, ...(ghosts?.lanes ?? [])].find((l) => inside(pinnedHeader(l, left, zoom).header, p));
  if (lane) return lane.id;

  const nodes = scene.nodeGrid.query(probe).map((i) => scene.nodes[i]!);
  const node = topmost(nodes, (n) => insideShape(n, p, tolerance)) ?? topmost(ghosts?.nodes ?? [], (n) => insideShape(n, p, tolerance));
  if (node) return node.id;

  const flows = scene.flowGrid.query(probe).map((i) => scene.flows[i]!);
  const flow = nearestFlow([...flows, ...(ghosts?.flows ?? [])], p, tolerance);
  if (flow) return flow.id;
  const line = nearestFlow([...scene.messages, ...scene.associations], p, tolerance);
  if (line) return line.id;
  const artifact = topmost(scene.artifacts, (a) => {
    const r = inflate(a.rect, tolerance);
    if (!inside(r, p)) return false;
    if (a.kind.type !== "group") return true;
    return p.y <= a.rect.y + 20 || nearBorder(a.rect, p, tolerance);
  });
  if (artifact) return artifact.id;
  return scene.pools.find((pool) => inside(pool.blackBox ? pool.rect : pinnedPool(pool, left).header, p))?.id ?? null;
}

/**
 * The activity whose border runs under world point `p` (within a few screen pixels), and the
 * nearest point of that border: where a boundary event dropped at `p` would sit.
 */
export function borderHit(scene: Scene, p: Point, zoom: number): { host: string; at: Point } | null {
  const tolerance = (2 * TOLERANCE_PX) / zoom;
  const probe = inflate({ x: p.x, y: p.y, w: 0, h: 0 }, tolerance);
  const nodes = scene.nodeGrid.query(probe).map((i) => scene.nodes[i]!);
  const host = topmost(nodes, (n) => isActivity(n.kind) && nearBorder(n.rect, p, tolerance));
  return host ? { host: host.id, at: onBorder(host.rect, p) } : null;
}

function nearBorder(r: Rect, p: Point, tolerance: number): boolean {
  const at = onBorder(r, p);
  return inside(inflate(r, tolerance), p) && Math.hypot(at.x - p.x, at.y - p.y) <= tolerance;
}

function topmost<T>(items: T[], hit: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (hit(items[i]!)) return items[i];
  return undefined;
}

function inside(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/**
 * Boxes by their rectangle, gateways by their diamond, events by their circle; an expanded
 * sub-process by its frame and name, so what is drawn inside it stays clickable.
 */
function insideShape(node: NodeShape, p: Point, tolerance: number): boolean {
  const r = inflate(node.rect, tolerance);
  if (!inside(r, p)) return false;
  if (node.kind.type === "sub_process" && node.kind.expanded) return p.y <= node.rect.y + 30 || nearBorder(node.rect, p, tolerance);
  const c = center(r);
  const dx = Math.abs(p.x - c.x) / (r.w / 2);
  const dy = Math.abs(p.y - c.y) / (r.h / 2);
  if (node.outline === "diamond") return dx + dy <= 1;
  if (node.outline === "circle") return dx * dx + dy * dy <= 1;
  return true;
}

function nearestFlow<T extends Pick<FlowShape, "points">>(flows: readonly T[], p: Point, tolerance: number): T | null {
  let best: T | null = null;
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
