import type { Flow } from "../generated/Flow";
import { routeObstacle, type FlowShape } from "./flowShapes";
import { textBox } from "./flowText";
import type { Rect } from "./geometry";
import type { NodeShape } from "./scene";
import { SpatialGrid } from "./spatialGrid";
import { indexObstacles } from "./textPlacement";

/**
 * What a scene remembers about how it was laid out, so one edit lays out again only what it can
 * reach: each route, caption and flow text records where it looked (its reach); a shape or text
 * that comes or goes there is the only thing that can change it. Items are indices into the
 * scene's `nodes` and `flows`; `rebuild` starts over when those shift (something added or removed
 * in the middle).
 */
export class SceneIndex {
  /** Node i: the box routes keep clear of. */
  routeObstacles = new SpatialGrid();
  /** Node 3i+slot: what flow texts keep clear of (`textPlacement.ts`); slot 0 is also what captions keep clear of. */
  textObstacles = new SpatialGrid();
  /** Flow i: where its route candidates ran (routes scored against obstacles only). */
  routeReach = new SpatialGrid();
  /** Node i: where its caption could go (captions that looked at other shapes only). */
  captionReach = new SpatialGrid();
  /** Flow i: the box its texts paint. */
  texts = new SpatialGrid();
  /** Flow i: everywhere its texts could go. */
  textReach = new SpatialGrid();
  /** The flows of the process by id (label and condition place its texts); set through `setFlow`. */
  readonly flowRecords = new Map<string, Flow>();
  /** The ids of the flows (of the process, drawn or not) that leave or enter each node. */
  readonly flowsAt = new Map<string, Set<string>>();
  /** The boundary events drawn. */
  readonly boundaries = new Set<string>();
  /** Nodes inside a sub-process: editing one may change what is drawn where. */
  readonly nested = new Set<string>();
  /** Reaches by id, which outlive the indices. */
  readonly routeReaches = new Map<string, Rect>();
  readonly captionReaches = new Map<string, Rect>();
  readonly textReaches = new Map<string, Rect>();

  /** Flow `id` is now `flow` (undefined: removed). */
  setFlow(id: string, flow: Flow | undefined): void {
    const before = this.flowRecords.get(id);
    if (before) for (const end of [before.source, before.target]) this.flowsAt.get(end)?.delete(id);
    if (!flow) {
      this.flowRecords.delete(id);
      return;
    }
    this.flowRecords.set(id, flow);
    for (const end of [flow.source, flow.target]) {
      const at = this.flowsAt.get(end);
      if (at) at.add(id);
      else this.flowsAt.set(end, new Set([id]));
    }
  }

  /**
   * The reach grids, the flows at each node and the boundary events are filled (`prepare`): a
   * full build records reaches by id only, so the first frame is not kept waiting for what only
   * an edit needs.
   */
  ready = false;

  /** Fills what a full build left out; the canvas calls it once the first frame is painted. */
  prepare(nodes: readonly NodeShape[], flows: readonly FlowShape[]): void {
    if (this.ready) return;
    for (const flow of this.flowRecords.values()) {
      for (const end of [flow.source, flow.target]) {
        const at = this.flowsAt.get(end);
        if (at) at.add(flow.id);
        else this.flowsAt.set(end, new Set([flow.id]));
      }
    }
    for (const node of nodes) if (node.kind.type === "boundary") this.boundaries.add(node.id);
    this.ready = true;
    this.captionReach = new SpatialGrid();
    nodes.forEach((node, i) => {
      const reach = this.captionReaches.get(node.id);
      if (reach) this.captionReach.insert(i, reach);
    });
    this.routeReach = new SpatialGrid();
    this.textReach = new SpatialGrid();
    flows.forEach((flow, i) => {
      const route = this.routeReaches.get(flow.id);
      if (route) this.routeReach.insert(i, route);
      const reach = this.textReaches.get(flow.id);
      if (reach) this.textReach.insert(i, reach);
    });
  }

  /** Fills every grid from the shapes and the reaches by id. */
  rebuild(nodes: readonly NodeShape[], flows: readonly FlowShape[]): void {
    this.routeObstacles = new SpatialGrid();
    this.textObstacles = new SpatialGrid();
    this.captionReach = new SpatialGrid();
    nodes.forEach((node, i) => this.addNode(i, node));
    this.routeReach = new SpatialGrid();
    this.texts = new SpatialGrid();
    this.textReach = new SpatialGrid();
    flows.forEach((flow, i) => this.addFlow(i, flow));
  }

  /** Node i as laid out (caption placed). */
  addNode(i: number, node: NodeShape): void {
    this.routeObstacles.insert(i, routeObstacle(node));
    indexObstacles(this, i, node);
    const reach = this.captionReaches.get(node.id);
    if (reach) this.captionReach.insert(i, reach);
  }

  /** Flow i as laid out (texts placed). */
  addFlow(i: number, flow: FlowShape): void {
    const route = this.routeReaches.get(flow.id);
    if (route) this.routeReach.insert(i, route);
    const reach = this.textReaches.get(flow.id);
    if (reach) this.textReach.insert(i, reach);
    if (flow.texts.length > 0) this.texts.insert(i, textBox(flow.texts));
  }
}
