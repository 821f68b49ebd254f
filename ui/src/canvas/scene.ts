import type { Node } from "../generated/Node";
import type { NodeKind } from "../generated/NodeKind";
import type { Process } from "../generated/Process";
import { connectAssociations, placeArtifacts, routeMessages, type ArtifactShape, type AssociationShape } from "./artifacts";
import { placeCaptions } from "./captions";
import { routeFlows, type FlowShape } from "./flowShapes";
import { estimateBlock, placeFlowText, textBox, type TextBlock } from "./flowText";
import { bottom, inflate, intersects, right, union, type Rect } from "./geometry";
import { attachBoundaries, emptyStack, nodesOn, stack as stackBands, type PoolBand, type Stack } from "./planes";
import type { Outline } from "./routing";
import { SpatialGrid } from "./spatialGrid";
import { fontSize, lineHeight } from "./theme";

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
/** The SLA badge straddles a task's top border. */
const BADGE_OVERHANG = 10;

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

/** The scene drawn before an edit and the ids of the nodes and flows the edit changed. */
export interface SceneChange {
  scene: Scene;
  nodes: ReadonlySet<string>;
  flows: ReadonlySet<string>;
}

/**
 * Lays out `process`. With `change` (one edit on the scene drawn before), flows and captions the
 * edit cannot have moved are taken over from that scene rather than routed and placed again,
 * which keeps an edit on a 5,000-node process fast; lane geometry changes lay out everything.
 */
export function buildScene(process: Process, change?: SceneChange): Scene {
  return buildPlane(process, undefined, change);
}

/**
 * One plane: the process level (`plane` undefined) or a collapsed sub-process's own plane,
 * which has no lanes and keeps its nodes where the layout says (`src/export/diagram/mod.rs`).
 */
export function buildPlane(process: Process, plane: string | undefined, change?: SceneChange): Scene {
  const stack = plane === undefined ? stackBands(process) : emptyStack();
  const nodes = placeNodes(process, plane, stack);
  attachBoundaries(process, nodes);
  const kept = change && sameBands(change.scene.lanes, stack.bands) ? keptShapes(process, change, nodes) : null;
  const flows = routeFlows(process.flows, nodes, process.layout.flows ?? {}, kept?.flows);
  const messages = routeMessages(process, nodes, stack.pools);
  const lowest = nodes.reduce((low, n) => Math.max(low, bottom(n.rect)), stack.bottom);
  const artifacts = placeArtifacts(process, plane, lowest);
  const associations = connectAssociations(process, nodes, artifacts);
  placeCaptions(nodes, flows, kept?.captions);
  placeAllFlowText(process, nodes, flows, kept?.flows);

  let content: Rect = { x: 0, y: 0, w: LANE_HEADER_WIDTH + 400, h: 0 };
  for (const item of [...nodes, ...flows, ...messages, ...artifacts, ...associations]) content = union(content, item.bbox);
  const width = right(content) + TRAILING_SPACE;
  const lanes = stack.bands.map((band) => ({ ...band, rect: { ...band.rect, w: width - band.rect.x } }));
  const pools = stack.pools.map((pool) => ({ ...pool, rect: { ...pool.rect, w: width } }));
  const bounds = union({ x: 0, y: 0, w: width, h: stack.bottom }, content);

  const nodeGrid = new SpatialGrid();
  nodes.forEach((n, i) => nodeGrid.insert(i, n.bbox));
  const flowGrid = new SpatialGrid();
  flows.forEach((f, i) => flowGrid.insert(i, f.bbox));

  const scene: Scene = { processId: process.id, processName: process.info.name, pools, lanes, nodes, flows, messages, artifacts, associations, bounds, nodeGrid, flowGrid };
  if (plane !== undefined) scene.plane = plane;
  return scene;
}

/** Flows (with their texts) and node captions of the earlier scene that an edit left as they were. */
interface Kept {
  flows: ReadonlyMap<string, FlowShape>;
  captions: ReadonlyMap<string, NodeShape>;
}

function sameBands(before: readonly LaneBand[], now: readonly LaneBand[]): boolean {
  return before.length === now.length && before.every((b, i) => b.id === now[i]!.id && b.rect.y === now[i]!.rect.y && b.rect.h === now[i]!.rect.h);
}

/**
 * What survives an edit: a flow is routed again when it changed, touches a changed node or
 * shares an end with a changed flow (splits and joins change where flows attach), or runs
 * where a changed node was or now is; a caption is placed again when its node or one of its
 * flows changed.
 */
function keptShapes(process: Process, change: SceneChange, nodes: NodeShape[]): Kept {
  const before = change.scene;
  const ends = new Set<string>(change.nodes);
  for (const flow of [...process.flows, ...before.flows.map((f) => ({ id: f.id, source: f.sourceId, target: f.targetId }))]) {
    if (change.flows.has(flow.id)) ends.add(flow.source).add(flow.target);
  }
  const areas = [...before.nodes, ...nodes].filter((n) => change.nodes.has(n.id)).map((n) => n.rect);
  const overlaps = new Set<number>();
  for (const area of areas) for (const i of before.flowGrid.query(area)) overlaps.add(i);
  const flows = new Map<string, FlowShape>();
  const moved = new Set<string>();
  before.flows.forEach((flow, i) => {
    const dirty = change.flows.has(flow.id) || ends.has(flow.sourceId) || ends.has(flow.targetId) || overlaps.has(i);
    if (dirty) moved.add(flow.sourceId).add(flow.targetId);
    else flows.set(flow.id, flow);
  });
  const captions = new Map<string, NodeShape>();
  for (const node of before.nodes) if (!ends.has(node.id) && !moved.has(node.id)) captions.set(node.id, node);
  return { flows, captions };
}

function placeNodes(process: Process, plane: string | undefined, lanes: Stack): NodeShape[] {
  const shown = nodesOn(process, plane);
  // Nodes the layout has no box for are lined up after the last placed node of their lane.
  const nextFreeX = new Map<string, number>();
  for (const node of shown) {
    const box = process.layout.nodes[node.id];
    if (box) nextFreeX.set(node.lane, Math.max(nextFreeX.get(node.lane) ?? 0, box.x + box.w + 40));
  }
  return shown.map((node) => {
    const laneTop = lanes.topById.get(node.lane) ?? 0;
    // A boundary event without a box is put on its host's border later.
    const relative =
      process.layout.nodes[node.id] ?? (node.kind.type === "boundary" ? { x: 0, y: 0, w: 36, h: 36 } : unplacedBox(node, nextFreeX));
    const rect = { x: relative.x, y: laneTop + relative.y, w: relative.w, h: relative.h };
    return {
      id: node.id,
      name: node.name,
      kind: node.kind,
      laneId: node.lane,
      rect,
      outline: outlineOf(node.kind),
      caption: null,
      bbox: inflate(rect, isActivity(node.kind) ? BADGE_OVERHANG : 4),
    };
  });
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

/**
 * Places flow texts one by one, each avoiding shapes, captions and the texts placed before it.
 * Flows in `kept` already have their texts; those are only taken into account.
 */
function placeAllFlowText(process: Process, nodes: NodeShape[], flows: FlowShape[], kept?: ReadonlyMap<string, FlowShape>): void {
  const taken = new SpatialGrid();
  const boxes: Rect[] = [];
  const take = (box: Rect) => {
    taken.insert(boxes.length, box);
    boxes.push(box);
  };
  // What texts must avoid, gathered on first need: an edit that moves no labelled flow needs none.
  let gathered = false;
  const gather = () => {
    if (gathered) return;
    gathered = true;
    for (const node of nodes) {
      take(inflate(node.rect, 2));
      if (node.kind.type === "task" && node.kind.sla) {
        // The badge sits at the top right; see nodePainter.
        take({ x: node.rect.x + node.rect.w - 60, y: node.rect.y - BADGE_OVERHANG, w: 60, h: BADGE_OVERHANG * 2 });
      }
      if (node.caption) take(estimateBlock(node.caption, fontSize.caption, lineHeight.caption));
    }
    for (const shape of flows) if (kept?.get(shape.id) === shape && shape.texts.length > 0) take(textBox(shape.texts));
  };
  const covered = (box: Rect) => {
    gather();
    let area = 0;
    for (const i of taken.query(box)) area += overlapArea(box, boxes[i]!);
    return area;
  };
  const byId = new Map(process.flows.map((f) => [f.id, f]));
  for (const shape of flows) {
    if (kept?.get(shape.id) === shape) continue;
    const flow = byId.get(shape.id);
    if (!flow) continue;
    shape.texts = placeFlowText(flow, shape.points, covered);
    if (shape.texts.length === 0) continue;
    const box = textBox(shape.texts);
    gather();
    take(box);
    shape.bbox = union(shape.bbox, box);
  }
}

function overlapArea(a: Rect, b: Rect): number {
  if (!intersects(a, b)) return 0;
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return Math.max(0, w) * Math.max(0, h);
}
