import type { Node } from "../generated/Node";
import type { NodeKind } from "../generated/NodeKind";
import type { Process } from "../generated/Process";
import { connectAssociations, placeArtifacts, routeMessages, type ArtifactShape, type AssociationShape } from "./artifacts";
import { captionClearance, placeCaptions } from "./captions";
import { countFlows, routeFlow, routeObstacle, type FlowShape } from "./flowShapes";
import type { TextBlock } from "./flowText";
import { bottom, inflate, intersects, type Rect } from "./geometry";
import { attachBoundaries, emptyStack, nodesOn, stack as stackBands, type PoolBand, type Stack } from "./planes";
import type { Outline } from "./routing";
import { SceneIndex } from "./sceneIndex";
import { SpatialGrid } from "./spatialGrid";
import { BADGE_OVERHANG, indexObstacles, placeTexts } from "./textPlacement";

export type { ArtifactShape, AssociationShape } from "./artifacts";
export type { FlowShape } from "./flowShapes";
export type { PoolBand } from "./planes";
export { onBorder, POOL_HEADER_WIDTH } from "./planes";
export type { FlowText, TextBlock } from "./flowText";
export { MAX_TEXT_LINES } from "./flowText";

/** Width of the column at the left of every lane that names its workflow. */
export const LANE_HEADER_WIDTH = 200;
export const DEFAULT_LANE_HEIGHT = 160;
/** Empty world space kept right of the rightmost shape. */
const TRAILING_SPACE = 60;

export interface LaneBand {
  id: string;
  name: string;
  team: string;
  trigger: string;
  output: string;
  /** The whole band, header column included. */
  rect: Rect;
  header: Rect;
  /** Position top→bottom, for alternating fills. */
  index: number;
}

export interface NodeShape {
  id: string;
  name: string;
  kind: NodeKind;
  laneId: string;
  rect: Rect;
  outline: Outline;
  /** The name of an event or gateway, drawn outside the shape. */
  caption: TextBlock | null;
  /** Everything the node paints, for culling. */
  bbox: Rect;
}

/** Everything a click can select, and the selection ring is drawn around. */
export type Selectable = NodeShape | FlowShape | LaneBand | PoolBand | ArtifactShape | AssociationShape;

/** World geometry of one process, computed once per process and reused by every frame. */
export interface Scene {
  processId: string;
  processName: string;
  /** The sub-process whose own plane this is; none for the process level. */
  plane?: string;
  pools: PoolBand[];
  lanes: LaneBand[];
  /** Parents before the nodes inside them, boundary events after their hosts. */
  nodes: NodeShape[];
  flows: FlowShape[];
  /** Message flows: `arrow` is an open head, the source gets an open circle. */
  messages: FlowShape[];
  artifacts: ArtifactShape[];
  associations: AssociationShape[];
  bounds: Rect;
  /** Items are indices into `nodes` / `flows`. */
  nodeGrid: SpatialGrid;
  flowGrid: SpatialGrid;
  /** Where each node and flow is in `nodes` / `flows`, by id. */
  nodeAt: Map<string, number>;
  flowAt: Map<string, number>;
  /** How it was laid out, for `updateScene` (`sceneUpdate.ts`). */
  index: SceneIndex;
  /** Nodes the layout has no box for (placed after their lane's others, so any edit may move them). */
  unplaced: number;
}

/** How wide (screen pixels) a lane header stays once pinned: a strip naming the lane sideways. */
export const PINNED_HEADER_PX = 22;

/**
 * The lane with its header column kept on screen: when the view's left edge (`left`, world x)
 * has scrolled past the header, the header sticks to that edge as a narrow strip, so lanes stay
 * named while covering only the edge of the diagram, never a step's name.
 */
export function pinnedHeader(lane: LaneBand, left: number, zoom: number): LaneBand {
  // A lane inside a pool sticks right of the pool's name band, which sticks too (`pinnedPool`).
  const at = left + lane.rect.x;
  if (lane.header.x >= at) return lane;
  return { ...lane, header: { ...lane.header, x: at, w: Math.min(lane.header.w, PINNED_HEADER_PX / zoom) } };
}

/** A pool's name band kept on screen like the lane headers: stuck to the view's left edge once scrolled past. */
export function pinnedPool(pool: PoolBand, left: number): PoolBand {
  return pool.header.x >= left ? pool : { ...pool, header: { ...pool.header, x: left } };
}

/**
 * Lays out `process` from scratch. After an edit, `updateScene` (`sceneUpdate.ts`) changes a
 * scene in place to what this would give, laying out only what the edit can reach.
 */
export function buildScene(process: Process): Scene {
  return buildPlane(process, undefined);
}

/**
 * One plane: the process level (`plane` undefined) or a collapsed sub-process's own plane,
 * which has no lanes and keeps its nodes where the layout says (`src/export/diagram/mod.rs`).
 */
export function buildPlane(process: Process, plane: string | undefined): Scene {
  const stack = plane === undefined ? stackBands(process) : emptyStack();
  const nodes = placeNodes(process, plane, stack);
  attachBoundaries(process, nodes);
  const index = new SceneIndex();
  const nodeAt = new Map<string, number>();
  nodes.forEach((node, i) => {
    nodeAt.set(node.id, i);
    index.routeObstacles.insert(i, routeObstacle(node));
  });
  for (const node of process.nodes) if (node.parent) index.nested.add(node.id);
  const counts = countFlows(process.flows);
  const bends = process.layout.flows ?? {};
  const flows: FlowShape[] = [];
  for (const flow of process.flows) {
    const source = nodeAt.get(flow.source);
    const target = nodeAt.get(flow.target);
    if (source === undefined || target === undefined) continue;
    const routed = routeFlow(flow, nodes[source]!, nodes[target]!, counts, bends[flow.id], index.routeObstacles, nodes);
    if (routed.reach) index.routeReaches.set(flow.id, routed.reach);
    flows.push(routed.shape);
  }
  // Captions keep clear of boxes inflated less than routes do: the route grid finds the candidates.
  const near = (box: Rect, own: NodeShape) => index.routeObstacles.query(box).some((i) => nodes[i] !== own && intersects(captionClearance(nodes[i]!), box));
  for (const [id, reach] of placeCaptions(nodes, flows, near)) index.captionReaches.set(id, reach);
  const flowAt = new Map<string, number>();
  flows.forEach((flow, i) => flowAt.set(flow.id, i));
  nodes.forEach((node, i) => indexObstacles(index, i, node));
  for (const flow of process.flows) index.flowRecords.set(flow.id, flow);
  placeTexts(flows, index.flowRecords, index, flows.keys(), []);
  const unplaced = nodes.reduce((count, node) => count + (process.layout.nodes[node.id] ? 0 : 1), 0);
  const scene: Scene = { processId: process.id, processName: process.info.name, pools: [], lanes: [], nodes, flows, messages: [], artifacts: [], associations: [], bounds: { x: 0, y: 0, w: 0, h: 0 }, nodeGrid: new SpatialGrid(), flowGrid: new SpatialGrid(), nodeAt, flowAt, index, unplaced };
  if (plane !== undefined) scene.plane = plane;
  nodes.forEach((n, i) => scene.nodeGrid.insert(i, n.bbox));
  flows.forEach((f, i) => scene.flowGrid.insert(i, f.bbox));
  placeNotation(scene, process, stack);
  return scene;
}

/**
 * Pools, lanes, message flows, artifacts and associations (few, so always laid out whole) and the
 * scene's bounds, once its nodes and flows are laid out.
 */
export function placeNotation(scene: Scene, process: Process, stack: Stack): void {
  const { nodes, flows } = scene;
  let lowest = stack.bottom;
  for (const n of nodes) lowest = Math.max(lowest, bottom(n.rect));
  scene.messages = (process.messages?.length ?? 0) > 0 ? routeMessages(process, nodes, stack.pools) : [];
  scene.artifacts = (process.artifacts?.length ?? 0) > 0 ? placeArtifacts(process, scene.plane, lowest) : [];
  scene.associations = (process.associations?.length ?? 0) > 0 ? connectAssociations(process, nodes, scene.artifacts) : [];
  // Without allocating per item: a 5,000-node scene is measured again after every edit.
  let minX = 0;
  let minY = 0;
  let maxX = LANE_HEADER_WIDTH + 400;
  let maxY = 0;
  const take = (box: Rect) => {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.w);
    maxY = Math.max(maxY, box.y + box.h);
  };
  for (const list of [nodes, flows, scene.messages, scene.artifacts, scene.associations]) for (const item of list) take(item.bbox);
  const width = maxX + TRAILING_SPACE;
  scene.lanes = stack.bands.map((band) => ({ ...band, rect: { ...band.rect, w: width - band.rect.x } }));
  scene.pools = stack.pools.map((pool) => ({ ...pool, rect: { ...pool.rect, w: width } }));
  take({ x: 0, y: 0, w: width, h: stack.bottom });
  scene.bounds = { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
  scene.processName = process.info.name;
}

function placeNodes(process: Process, plane: string | undefined, lanes: Stack): NodeShape[] {
  const shown = nodesOn(process, plane);
  // Nodes the layout has no box for are lined up after the last placed node of their lane.
  const nextFreeX = new Map<string, number>();
  for (const node of shown) {
    const box = process.layout.nodes[node.id];
    if (box) nextFreeX.set(node.lane, Math.max(nextFreeX.get(node.lane) ?? 0, box.x + box.w + 40));
  }
  return shown.map((node) =>
    // A boundary event without a box is put on its host's border later.
    nodeShape(node, process.layout.nodes[node.id] ?? (node.kind.type === "boundary" ? { x: 0, y: 0, w: 36, h: 36 } : unplacedBox(node, nextFreeX)), lanes.topById.get(node.lane) ?? 0),
  );
}

/** A node where its box (relative to its lane's top) puts it, without a caption yet. */
export function nodeShape(node: Node, relative: Rect, laneTop: number): NodeShape {
  const rect = { x: relative.x, y: laneTop + relative.y, w: relative.w, h: relative.h };
  return { id: node.id, name: node.name, kind: node.kind, laneId: node.lane, rect, outline: outlineOf(node.kind), caption: null, bbox: nodeBody(node.kind, rect) };
}

/** What a node paints without its caption (an activity's SLA badge sticks out above it). */
export function nodeBody(kind: NodeKind, rect: Rect): Rect {
  return inflate(rect, isActivity(kind) ? BADGE_OVERHANG : 4);
}

function unplacedBox(node: Node, nextFreeX: Map<string, number>): Rect {
  const size = defaultSize(node.kind);
  const x = Math.max(nextFreeX.get(node.lane) ?? 0, LANE_HEADER_WIDTH + 40);
  nextFreeX.set(node.lane, x + size.w + 40);
  return { x, y: 80 - size.h / 2, w: size.w, h: size.h };
}

export function defaultSize(kind: NodeKind): { w: number; h: number } {
  switch (kind.type) {
    case "task":
    case "call":
      return { w: 140, h: 64 };
    case "sub_process":
      return kind.expanded ? { w: 360, h: 200 } : { w: 140, h: 64 };
    case "gateway":
      return { w: 50, h: 50 };
    default:
      return { w: 36, h: 36 };
  }
}

/** Tasks, calls and sub-processes: what does work and may carry boundary events. */
export function isActivity(kind: NodeKind): boolean {
  return kind.type === "task" || kind.type === "call" || kind.type === "sub_process";
}

function outlineOf(kind: NodeKind): Outline {
  switch (kind.type) {
    case "task":
    case "call":
    case "sub_process":
      return "box";
    case "gateway":
      return "diamond";
    default:
      return "circle";
  }
}
