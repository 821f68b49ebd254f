import type { Lane } from "../generated/Lane";
import type { Node } from "../generated/Node";
import type { Process } from "../generated/Process";
import { bottom, center, right, type Point, type Rect } from "./geometry";
import { inflate } from "./geometry";
import type { LaneBand, NodeShape } from "./scene";

/**
 * What one plane of a process shows (`src/export/diagram/planes.rs`): the process level with
 * its pools and lanes, or a collapsed sub-process's own plane (absolute coordinates, no lanes).
 * Nodes inside an expanded sub-process are drawn on their parent's plane, after it; boundary
 * events sit on their host's border.
 */

/** Width of the band at the left of a pool that carries its name, turned on its side. */
export const POOL_HEADER_WIDTH = 30;
/** Height of a pool without lanes (a black box) when the layout does not say. */
export const DEFAULT_POOL_HEIGHT = 80;
const DEFAULT_LANE_HEIGHT = 160;
const LANE_HEADER_WIDTH = 200;
/** Size of a boundary event the layout has no box for. */
const BOUNDARY_SIZE = 36;

export interface PoolBand {
  id: string;
  name: string;
  /** No lanes: another party drawn as a closed box. */
  blackBox: boolean;
  /** The whole band, name band included; as wide as the scene. */
  rect: Rect;
  /** The name band at the left. */
  header: Rect;
}

export interface Stack {
  pools: PoolBand[];
  bands: LaneBand[];
  topById: Map<string, number>;
  bottom: number;
}

export function emptyStack(): Stack {
  return { pools: [], bands: [], topById: new Map(), bottom: 0 };
}

/** Lanes or pools top to bottom: by their order, ties by id. */
export function inStackOrder<T extends { id: string; order: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Lanes without a pool first (as the process had them before pools), then each pool by order
 * with its lanes inside, or a black box as tall as the layout says.
 */
export function stack(process: Process): Stack {
  const pools = inStackOrder(process.pools ?? []);
  const known = new Set(pools.map((p) => p.id));
  const lanes = inStackOrder(process.lanes);
  const result = emptyStack();
  for (const lane of lanes) if (!lane.pool || !known.has(lane.pool)) pushLane(result, process, lane, 0);
  for (const pool of pools) {
    const top = result.bottom;
    const inside = lanes.filter((l) => l.pool === pool.id);
    for (const lane of inside) pushLane(result, process, lane, POOL_HEADER_WIDTH);
    if (inside.length === 0) result.bottom += process.layout.pools?.[pool.id] ?? DEFAULT_POOL_HEIGHT;
    const h = result.bottom - top;
    result.pools.push({
      id: pool.id,
      name: pool.name,
      blackBox: inside.length === 0,
      rect: { x: 0, y: top, w: 0, h },
      header: { x: 0, y: top, w: POOL_HEADER_WIDTH, h },
    });
  }
  return result;
}

function pushLane(stack: Stack, process: Process, lane: Lane, x: number): void {
  const y = stack.bottom;
  const height = process.layout.lanes[lane.id] ?? DEFAULT_LANE_HEIGHT;
  stack.topById.set(lane.id, y);
  stack.bands.push({
    id: lane.id,
    name: lane.name,
    team: lane.team,
    trigger: lane.trigger,
    output: lane.output,
    rect: { x, y, w: 0, h: height },
    header: { x, y, w: LANE_HEADER_WIDTH, h: height },
    index: stack.bands.length,
  });
  stack.bottom += height;
}

/**
 * How many expanded sub-processes lie between `parent` and `plane`; null when something on the
 * way is not an expanded sub-process (the element belongs to another plane).
 */
export function depthOn(nodes: ReadonlyMap<string, Node>, parent: string | undefined, plane: string | undefined): number | null {
  let at = parent;
  let depth = 0;
  while (at !== plane) {
    const node = at === undefined ? undefined : nodes.get(at);
    if (!node || node.kind.type !== "sub_process" || !node.kind.expanded) return null;
    at = node.parent;
    depth += 1;
    if (depth > nodes.size) return null;
  }
  return depth;
}

/** The nodes drawn on `plane`: parents before their children, boundary events after their hosts. */
export function nodesOn(process: Process, plane: string | undefined): Node[] {
  const byId = new Map(process.nodes.map((n) => [n.id, n]));
  const shown: { depth: number; boundary: number; node: Node }[] = [];
  for (const node of process.nodes) {
    const depth = depthOn(byId, node.parent, plane);
    if (depth !== null) shown.push({ depth, boundary: node.kind.type === "boundary" ? 1 : 0, node });
  }
  // Array sort is stable, as Rust's sort_by_key.
  shown.sort((a, b) => a.depth - b.depth || a.boundary - b.boundary);
  return shown.map((s) => s.node);
}

/**
 * Puts every boundary event on its host's border: where its box says, moved onto the nearest
 * point of the border, or spread along the host's bottom edge when it has no box.
 */
export function attachBoundaries(process: Process, nodes: NodeShape[]): void {
  const rects = new Map(nodes.map((n) => [n.id, n.rect]));
  const unplaced = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.kind.type === "boundary" && !process.layout.nodes[node.id]) {
      const list = unplaced.get(node.kind.host) ?? [];
      list.push(node.id);
      unplaced.set(node.kind.host, list);
    }
  }
  for (const node of nodes) {
    if (node.kind.type !== "boundary") continue;
    const host = rects.get(node.kind.host);
    if (!host) continue;
    const list = unplaced.get(node.kind.host);
    const k = list ? list.indexOf(node.id) : -1;
    if (list && k >= 0) {
      const at = { x: host.x + (host.w * (k + 1)) / (list.length + 1), y: bottom(host) };
      const w = BOUNDARY_SIZE;
      const h = BOUNDARY_SIZE;
      node.rect = { x: at.x - w / 2, y: at.y - h / 2, w, h };
      node.bbox = inflate(node.rect, 4);
    } else {
      attachBoundary(node, host);
    }
  }
}

/** Puts a boundary event that has a box onto the nearest point of its host's border. */
export function attachBoundary(node: NodeShape, host: Rect): void {
  const at = onBorder(host, center(node.rect));
  const { w, h } = node.rect;
  node.rect = { x: at.x - w / 2, y: at.y - h / 2, w, h };
  node.bbox = inflate(node.rect, 4);
}

/** The point of `host`'s border nearest to `p` (`src/export/diagram/planes.rs` `on_border`). */
export function onBorder(host: Rect, p: Point): Point {
  const x = Math.min(Math.max(p.x, host.x), right(host));
  const y = Math.min(Math.max(p.y, host.y), bottom(host));
  if (x !== p.x || y !== p.y) return { x, y };
  const sides: [number, Point][] = [
    [x - host.x, { x: host.x, y }],
    [right(host) - x, { x: right(host), y }],
    [y - host.y, { x, y: host.y }],
    [bottom(host) - y, { x, y: bottom(host) }],
  ];
  let best = sides[0]!;
  for (const side of sides.slice(1)) if (side[0] < best[0]) best = side;
  return best[1];
}
