import type { Flow } from "../generated/Flow";
import type { Point } from "../generated/Point";
import type { FlowText } from "./flowText";
import { boundsOfPoints, inflate, union, type Rect } from "./geometry";
import { routeOrthogonal, routeThrough, type Endpoint } from "./routing";
import type { NodeShape } from "./scene";
import { SpatialGrid } from "./spatialGrid";

const ARROW_LENGTH = 10;
const ARROW_HALF_WIDTH = 4.5;
/** Routes keep this far from shapes they pass. */
const OBSTACLE_CLEARANCE = 4;

export interface FlowShape {
  id: string;
  sourceId: string;
  targetId: string;
  points: Point[];
  /** Tip, then the two back corners. */
  arrow: [Point, Point, Point];
  /** The BPMN default-flow slash across the first segment. */
  defaultMarker: [Point, Point] | null;
  /** Filled in once all flows are routed, so texts can avoid each other. */
  texts: FlowText[];
  bbox: Rect;
}

/** How many flows leave and enter each node: a split leaves, and a join is entered, differently. */
export interface FlowCounts {
  outgoing: Map<string, number>;
  incoming: Map<string, number>;
}

export function countFlows(flows: readonly Flow[]): FlowCounts {
  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  for (const flow of flows) {
    outgoing.set(flow.source, (outgoing.get(flow.source) ?? 0) + 1);
    incoming.set(flow.target, (incoming.get(flow.target) ?? 0) + 1);
  }
  return { outgoing, incoming };
}

/** The shapes a route must keep clear of: `nodes[i]`'s box, a little inflated, under item `i`. */
export function routeObstacle(node: NodeShape): Rect {
  return inflate(node.rect, OBSTACLE_CLEARANCE);
}

/** A routed flow and where its route looked for shapes in the way (every candidate it scored; null: none). */
export interface Routed {
  shape: FlowShape;
  reach: Rect | null;
}

/**
 * Routes one flow between its nodes' borders: through the modeller's bend points when the layout
 * has them, otherwise orthogonally around the shapes in `obstacles` (items index `nodes`).
 */
export function routeFlow(flow: Flow, source: NodeShape, target: NodeShape, counts: FlowCounts, through: Point[] | undefined, obstacles: SpatialGrid, nodes: readonly NodeShape[]): Routed {
  const endpoint = (node: NodeShape): Endpoint => ({
    rect: node.rect,
    outline: node.outline,
    splits: (counts.outgoing.get(node.id) ?? 0) > 1,
    joins: (counts.incoming.get(node.id) ?? 0) > 1,
  });
  let reach = null as Rect | null;
  const scored = (route: readonly Point[]) => {
    const box = boundsOfPoints(route);
    reach = reach ? union(reach, box) : box;
    return countCrossings(route, obstacles, nodes, source, target);
  };
  const points = through && through.length > 0 ? routeThrough(endpoint(source), endpoint(target), through) : routeOrthogonal(endpoint(source), endpoint(target), scored);
  const shape: FlowShape = {
    id: flow.id,
    sourceId: flow.source,
    targetId: flow.target,
    points,
    arrow: arrowHead(points),
    defaultMarker: flow.default ? defaultSlash(points) : null,
    texts: [],
    bbox: lineBox(points),
  };
  return { shape, reach };
}

/**
 * Routes every flow between its nodes' borders (see `routeFlow`). Flows naming a missing node
 * are left out rather than drawn to nowhere.
 */
export function routeFlows(flows: Flow[], nodes: NodeShape[], bends: { [flow in string]?: Point[] }): FlowShape[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const counts = countFlows(flows);
  const obstacles = new SpatialGrid();
  nodes.forEach((n, i) => obstacles.insert(i, routeObstacle(n)));
  const shapes: FlowShape[] = [];
  for (const flow of flows) {
    const source = byId.get(flow.source);
    const target = byId.get(flow.target);
    if (source && target) shapes.push(routeFlow(flow, source, target, counts, bends[flow.id], obstacles, nodes).shape);
  }
  return shapes;
}

/** The box a flow's line and arrowhead paint, without its texts. */
export function lineBox(points: readonly Point[]): Rect {
  return inflate(boundsOfPoints(points), ARROW_HALF_WIDTH + 2);
}

/** Shapes (other than the flow's own ends) that an axis-aligned polyline runs through. */
function countCrossings(
  points: readonly Point[],
  obstacles: SpatialGrid,
  nodes: readonly NodeShape[],
  source: NodeShape,
  target: NodeShape,
): number {
  // Few shapes are ever crossed: a list is cheaper than a set, thousands of times per layout.
  const crossed: number[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    for (const index of obstacles.query({ x, y, w: Math.max(a.x, b.x) - x, h: Math.max(a.y, b.y) - y })) {
      const node = nodes[index]!;
      if (node !== source && node !== target && !crossed.includes(index)) crossed.push(index);
    }
  }
  return crossed.length;
}

function direction(from: Point, to: Point): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: (to.x - from.x) / length, y: (to.y - from.y) / length };
}

export function arrowHead(points: readonly Point[]): [Point, Point, Point] {
  const tip = points[points.length - 1]!;
  const before = points[points.length - 2] ?? tip;
  const d = direction(before, tip);
  const base = { x: tip.x - d.x * ARROW_LENGTH, y: tip.y - d.y * ARROW_LENGTH };
  return [
    tip,
    { x: base.x - d.y * ARROW_HALF_WIDTH, y: base.y + d.x * ARROW_HALF_WIDTH },
    { x: base.x + d.y * ARROW_HALF_WIDTH, y: base.y - d.x * ARROW_HALF_WIDTH },
  ];
}

/** A short stroke leaning across the first segment, near the source, as BPMN draws a default flow. */
function defaultSlash(points: Point[]): [Point, Point] {
  const start = points[0]!;
  const d = direction(start, points[1] ?? start);
  const at = { x: start.x + d.x * 12, y: start.y + d.y * 12 };
  return [
    { x: at.x - d.x * 4 - d.y * 6, y: at.y - d.y * 4 + d.x * 6 },
    { x: at.x + d.x * 4 + d.y * 6, y: at.y + d.y * 4 - d.x * 6 },
  ];
}
