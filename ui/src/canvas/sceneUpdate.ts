import type { Flow } from "../generated/Flow";
import type { Node } from "../generated/Node";
import type { Process } from "../generated/Process";
import { captionClearance, placeCaptions } from "./captions";
import { countFlows, routeFlow, routeObstacle, type FlowCounts, type FlowShape } from "./flowShapes";
import type { Rect } from "./geometry";
import { attachBoundary, emptyStack, nodesOn, stack as stackBands } from "./planes";
import { buildScene, nodeBody, nodeShape, placeNotation, type LaneBand, type NodeShape, type Scene } from "./scene";
import type { SceneIndex } from "./sceneIndex";
import { SpatialGrid } from "./spatialGrid";
import { forgetObstacles, OBSTACLE_SLOTS, placeTexts, textObstacles } from "./textPlacement";

/** The ids of the nodes and flows one edit changed (added, removed or modified). */
export interface SceneChange {
  nodes: ReadonlySet<string>;
  flows: ReadonlySet<string>;
}

/** The scene for `process`: `scene` changed in place after one edit (`edited`) where it can be, else built from scratch. */
export function sceneAfter(scene: Scene | null, process: Process, edited?: SceneChange): Scene {
  if (scene && edited && scene.processId === process.id && updateScene(scene, process, edited)) return scene;
  return buildScene(process);
}

const preparing = new WeakSet<Scene>();

/**
 * Once the frame being painted is out (a timer runs after it), fills in what only an edit needs
 * (`SceneIndex.prepare`): neither a new scene's first frame nor the first edit waits for it.
 */
export function prepareAfterFrame(scene: Scene): void {
  if (scene.index.ready || preparing.has(scene)) return;
  preparing.add(scene);
  setTimeout(() => scene.index.prepare(scene.nodes, scene.flows), 0);
}

/** Beyond this share of the elements changed (a tidy-up), laying out from scratch is as quick. */
const REBUILD_SHARE = 0.25;

/**
 * Changes `scene` (drawn from the process before an edit) in place into what `buildScene` gives
 * for `process`, laying out again only what the edit can reach: the changed nodes and flows, the
 * flows at their ends or whose route candidates ran where a changed node was or is, the captions
 * of the nodes at those flows' ends or that looked there, and the flow texts that looked at any
 * of these (`placeTexts`). False (scene untouched) when the edit moved lanes or pools, touched a
 * node the layout has no box for, or changed most of the process: then build from scratch.
 */
export function updateScene(scene: Scene, process: Process, change: SceneChange): boolean {
  if (scene.processId !== process.id || scene.unplaced > 0) return false;
  const total = scene.nodes.length + scene.flows.length;
  if (change.nodes.size + change.flows.size > REBUILD_SHARE * total + 8) return false;
  const stack = scene.plane === undefined ? stackBands(process) : emptyStack();
  if (!sameBands(scene.lanes, stack.bands)) return false;

  const index = scene.index;
  index.prepare(scene.nodes, scene.flows);
  const oldNodes = scene.nodes;
  const oldFlows = scene.flows;
  // Boundary events ride on their hosts: a changed host changes them too.
  const changed = new Set(change.nodes);
  for (const id of index.boundaries) {
    const kind = oldNodes[scene.nodeAt.get(id) ?? -1]?.kind;
    if (kind?.type === "boundary" && change.nodes.has(kind.host)) changed.add(id);
  }
  const records = new Map<string, Node>();
  for (const node of process.nodes) if (changed.has(node.id)) records.set(node.id, node);
  for (const node of records.values()) if (!process.layout.nodes[node.id]) return false;
  const reorder = [...changed].some((id) => movesInOrder(scene, id, records.get(id)));

  // Where changed nodes were: what looked there must look again.
  const oldShape = new Map<string, NodeShape>();
  for (const id of changed) {
    const i = scene.nodeAt.get(id);
    if (i !== undefined) oldShape.set(id, oldNodes[i]!);
  }
  const fresh = new Map<string, NodeShape>();
  const laneTop = new Map(stack.bands.map((band) => [band.id, band.rect.y]));
  for (const node of records.values()) fresh.set(node.id, nodeShape(node, process.layout.nodes[node.id]!, laneTop.get(node.lane) ?? 0));

  let nodes: NodeShape[];
  if (reorder) {
    const byId = new Map(oldNodes.map((n) => [n.id, n]));
    nodes = nodesOn(process, scene.plane).map((node) => {
      const kept = changed.has(node.id) ? undefined : byId.get(node.id);
      if (kept) return kept;
      changed.add(node.id);
      return fresh.get(node.id) ?? nodeShape(node, process.layout.nodes[node.id] ?? { x: 0, y: 0, w: 36, h: 36 }, laneTop.get(node.lane) ?? 0);
    });
    if (nodes.some((n) => !process.layout.nodes[n.id])) return false;
    for (const node of oldNodes) if (!changed.has(node.id) && !nodes.includes(node)) changed.add(node.id);
  } else {
    nodes = oldNodes;
    for (const [id, shape] of fresh) nodes[scene.nodeAt.get(id)!] = shape;
  }
  const nodeAt = reorder ? new Map(nodes.map((n, i) => [n.id, i])) : scene.nodeAt;
  for (const id of changed) {
    const node = nodes[nodeAt.get(id) ?? -1];
    if (node?.kind.type !== "boundary") continue;
    const host = nodes[nodeAt.get(node.kind.host) ?? -1];
    if (host) attachBoundary(node, host.rect);
  }
  // Nodes that came or went with the order: where they were counts too.
  for (const id of changed) {
    const i = scene.nodeAt.get(id);
    if (i !== undefined && !oldShape.has(id)) oldShape.set(id, oldNodes[i]!);
  }
  for (const id of changed) {
    const record = records.get(id);
    if (record?.parent) index.nested.add(id);
    else index.nested.delete(id);
    if (record?.kind.type === "boundary" && nodeAt.has(id)) index.boundaries.add(id);
    else index.boundaries.delete(id);
  }

  // What the edit can reach, asked of the indexes as they were.
  const areas: Rect[] = [];
  const ends = new Set(changed);
  for (const id of changed) {
    for (const shape of [oldShape.get(id), nodes[nodeAt.get(id) ?? -1]]) if (shape) areas.push(routeObstacle(shape));
  }
  const flowRecords = new Map<string, Flow>();
  for (const flow of process.flows) if (change.flows.has(flow.id)) flowRecords.set(flow.id, flow);
  for (const id of change.flows) {
    const before = oldFlows[scene.flowAt.get(id) ?? -1];
    const now = flowRecords.get(id);
    if (before) ends.add(before.sourceId).add(before.targetId);
    if (now) ends.add(now.source).add(now.target);
  }
  const dirty = new Set(change.flows);
  for (const area of areas) for (const i of index.routeReach.query(area)) dirty.add(oldFlows[i]!.id);
  // Flows at those ends, as they were and (below, once the records are updated) as they are.
  const touching = () => {
    for (const end of ends) for (const id of index.flowsAt.get(end) ?? []) dirty.add(id);
  };
  touching();
  for (const id of change.flows) index.setFlow(id, flowRecords.get(id));
  touching();
  const captioned = new Set(changed);
  for (const id of changed) {
    for (const shape of [oldShape.get(id), nodes[nodeAt.get(id) ?? -1]]) {
      if (shape) for (const i of index.captionReach.query(captionClearance(shape))) captioned.add(oldNodes[i]!.id);
    }
  }
  // Old texts and obstacles that go: the texts that avoided them may move.
  const moved: Rect[] = [];
  for (const shape of oldShape.values()) for (const box of textObstacles(shape)) if (box) moved.push(box);
  for (const id of dirty) {
    const i = scene.flowAt.get(id);
    const box = i === undefined ? undefined : index.texts.boxOf(i);
    if (box) moved.push(box);
    const flow = oldFlows[i ?? -1];
    if (flow) captioned.add(flow.sourceId).add(flow.targetId);
  }
  for (const id of dirty) {
    const flow = index.flowRecords.get(id);
    if (flow) captioned.add(flow.source).add(flow.target);
  }

  // Flows: the dirty ones routed again, in the process's order when flows came or went.
  const flowsReorder = reorder || [...change.flows].some((id) => scene.flowAt.has(id) !== flowRecords.has(id));
  if (reorder) {
    index.routeObstacles = new SpatialGrid();
    nodes.forEach((n, i) => index.routeObstacles.insert(i, routeObstacle(n)));
  } else {
    for (const id of changed) {
      const i = nodeAt.get(id)!;
      index.routeObstacles.remove(i);
      index.routeObstacles.insert(i, routeObstacle(nodes[i]!));
    }
  }
  const counts = flowsReorder ? countFlows(process.flows) : countAt(index, dirty);
  const bends = process.layout.flows ?? {};
  const route = (flow: Flow): FlowShape | null => {
    const source = nodes[nodeAt.get(flow.source) ?? -1];
    const target = nodes[nodeAt.get(flow.target) ?? -1];
    if (!source || !target) return null;
    const routed = routeFlow(flow, source, target, counts, bends[flow.id], index.routeObstacles, nodes);
    if (routed.reach) index.routeReaches.set(flow.id, routed.reach);
    else index.routeReaches.delete(flow.id);
    return routed.shape;
  };
  let flows: FlowShape[];
  const placed: number[] = [];
  if (flowsReorder) {
    const byId = new Map(oldFlows.map((f) => [f.id, f]));
    flows = [];
    for (const flow of process.flows) {
      const kept = dirty.has(flow.id) ? undefined : byId.get(flow.id);
      const shape = kept && nodeAt.has(flow.source) && nodeAt.has(flow.target) ? kept : route(flow);
      if (!shape) continue;
      if (shape !== kept) {
        placed.push(flows.length);
        captioned.add(shape.sourceId).add(shape.targetId);
      }
      flows.push(shape);
    }
    // Flows no longer drawn (an end went): their ends' captions and the texts near them move.
    const drawn = new Set(flows.map((f) => f.id));
    oldFlows.forEach((flow, i) => {
      if (drawn.has(flow.id)) return;
      captioned.add(flow.sourceId).add(flow.targetId);
      const box = index.texts.boxOf(i);
      if (box) moved.push(box);
      index.routeReaches.delete(flow.id);
      index.textReaches.delete(flow.id);
    });
  } else {
    flows = oldFlows;
    for (const id of dirty) {
      const i = scene.flowAt.get(id);
      if (i === undefined) continue;
      const shape = route(index.flowRecords.get(id)!);
      index.routeReach.remove(i);
      const reach = index.routeReaches.get(id);
      if (reach) index.routeReach.insert(i, reach);
      if (shape) flows[i] = shape;
      placed.push(i);
    }
  }
  const flowAt = flowsReorder ? new Map(flows.map((f, i) => [f.id, i])) : scene.flowAt;

  // Captions of the nodes still drawn, then the text obstacles they make.
  const placing: NodeShape[] = [];
  for (const id of captioned) {
    const node = nodes[nodeAt.get(id) ?? -1];
    if (!node) continue;
    placing.push(node);
    node.bbox = nodeBody(node.kind, node.rect);
    index.captionReaches.delete(id);
  }
  if (flowsReorder) {
    index.rebuild(nodes, flows);
    for (const node of placing) moved.push(...forgetObstacles(index, nodeAt.get(node.id)!));
  } else {
    for (const node of placing) {
      const i = nodeAt.get(node.id)!;
      moved.push(...forgetObstacles(index, i));
      index.captionReach.remove(i);
      index.textObstacles.insert(i * OBSTACLE_SLOTS, captionClearance(node));
    }
  }
  if (flowsReorder) for (const node of placing) index.textObstacles.insert(nodeAt.get(node.id)! * OBSTACLE_SLOTS, captionClearance(node));
  const near = (box: Rect, own: NodeShape) => index.textObstacles.query(box).some((key) => key % OBSTACLE_SLOTS === 0 && nodes[key / OBSTACLE_SLOTS] !== own);
  // Only the flows at a placed caption's node say which of its sides are taken.
  const sides = new Set<FlowShape>();
  for (const node of placing) {
    for (const id of index.flowsAt.get(node.id) ?? []) {
      const flow = flows[flowAt.get(id) ?? -1];
      if (flow) sides.add(flow);
    }
  }
  for (const [id, reach] of placeCaptions(placing, [...sides], near)) {
    index.captionReaches.set(id, reach);
    index.captionReach.insert(nodeAt.get(id)!, reach);
  }
  for (const node of placing) {
    const i = nodeAt.get(node.id)!;
    const [, badge, caption] = textObstacles(node);
    moved.push(captionClearance(node));
    if (badge) {
      index.textObstacles.insert(i * OBSTACLE_SLOTS + 1, badge);
      moved.push(badge);
    }
    if (caption) {
      index.textObstacles.insert(i * OBSTACLE_SLOTS + 2, caption);
      moved.push(caption);
    }
  }
  const texted = placeTexts(flows, index.flowRecords, index, placed, moved);

  scene.nodes = nodes;
  scene.flows = flows;
  scene.nodeAt = nodeAt;
  scene.flowAt = flowAt;
  if (flowsReorder) {
    scene.nodeGrid = new SpatialGrid();
    nodes.forEach((n, i) => scene.nodeGrid.insert(i, n.bbox));
    scene.flowGrid = new SpatialGrid();
    flows.forEach((f, i) => scene.flowGrid.insert(i, f.bbox));
  } else {
    for (const id of captioned) regrid(scene.nodeGrid, nodeAt.get(id), nodes);
    for (const id of changed) regrid(scene.nodeGrid, nodeAt.get(id), nodes);
    for (const i of [...placed, ...texted]) regrid(scene.flowGrid, i, flows);
  }
  placeNotation(scene, process, stack);
  return true;
}

/** A changed node that may move in the drawing order or on or off this plane: the order is worked out again. */
function movesInOrder(scene: Scene, id: string, now: Node | undefined): boolean {
  const at = scene.nodeAt.get(id);
  const before = at === undefined ? undefined : scene.nodes[at];
  if (!before || !now) return true;
  if (now.parent || scene.index.nested.has(id)) return true;
  if (before.kind.type === "sub_process" || now.kind.type === "sub_process") return true;
  return (before.kind.type === "boundary") !== (now.kind.type === "boundary");
}

/** How many flows leave and enter the ends of the flows in `dirty`, and nothing else. */
function countAt(index: SceneIndex, dirty: ReadonlySet<string>): FlowCounts {
  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  const count = (node: string) => {
    if (outgoing.has(node)) return;
    let out = 0;
    let into = 0;
    for (const id of index.flowsAt.get(node) ?? []) {
      const flow = index.flowRecords.get(id)!;
      if (flow.source === node) out += 1;
      if (flow.target === node) into += 1;
    }
    outgoing.set(node, out);
    incoming.set(node, into);
  };
  for (const id of dirty) {
    const flow = index.flowRecords.get(id);
    if (flow) {
      count(flow.source);
      count(flow.target);
    }
  }
  return { outgoing, incoming };
}

function regrid(grid: SpatialGrid, i: number | undefined, items: ReadonlyArray<{ bbox: Rect }>): void {
  if (i === undefined) return;
  grid.remove(i);
  grid.insert(i, items[i]!.bbox);
}

export function sameBands(before: readonly LaneBand[], now: readonly LaneBand[]): boolean {
  return before.length === now.length && before.every((b, i) => b.id === now[i]!.id && b.rect.x === now[i]!.rect.x && b.rect.y === now[i]!.rect.y && b.rect.h === now[i]!.rect.h);
}
