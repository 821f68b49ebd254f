import type { GhostSource } from "./decorations";
import { routeFlows, type FlowShape } from "./flowShapes";
import { boundsOfPoints, inflate, union, type Point, type Rect } from "./geometry";
import { buildScene, type LaneBand, type NodeShape, type Scene } from "./scene";

/** Removed elements of an older definition, placed in the current scene's coordinates. */
export interface Ghosts {
  /** Removed lanes, stacked below the current lanes in their old order. */
  lanes: LaneBand[];
  nodes: NodeShape[];
  flows: FlowShape[];
  /** Everything the ghosts paint; null when there are none. */
  bounds: Rect | null;
}

/** Room between the current lanes and the removed ones below them. */
const REMOVED_LANES_GAP = 28;
/** Room kept right of the rightmost ghost in a removed lane. */
const TRAILING = 60;

/**
 * Lays out the ghosts of `source` over `current`. Node `y` is stored relative to the lane, so
 * a ghost keeps its place inside its old lane, and that lane is found in the current scene (by
 * id, or through `laneIds` when it was re-created); lanes that are gone are stacked below.
 */
export function placeGhosts(current: Scene, source: GhostSource): Ghosts {
  const wanted = new Set(source.ids);
  const old = buildScene(source.process);
  const currentTop = new Map(current.lanes.map((lane) => [lane.id, lane.rect.y]));
  // As wide as the current lanes, unless a ghost inside reaches further.
  const width = (laneId: string) =>
    old.nodes.filter((n) => n.laneId === laneId).reduce((w, n) => Math.max(w, n.bbox.x + n.bbox.w + TRAILING), current.lanes[0]?.rect.w ?? 0);

  /** World y shift per old lane id. */
  const shift = new Map<string, number>();
  const lanes: LaneBand[] = [];
  let below = (current.lanes.at(-1) ? current.lanes.at(-1)!.rect.y + current.lanes.at(-1)!.rect.h : 0) + REMOVED_LANES_GAP;
  for (const lane of old.lanes) {
    const top = currentTop.get(source.laneIds?.[lane.id] ?? lane.id);
    if (top !== undefined) {
      shift.set(lane.id, top - lane.rect.y);
    } else if (wanted.has(lane.id)) {
      const dy = below - lane.rect.y;
      shift.set(lane.id, dy);
      lanes.push({ ...lane, rect: { ...lane.rect, y: below, w: width(lane.id) }, header: { ...lane.header, y: below } });
      below += lane.rect.h;
    }
  }

  const nodes = old.nodes
    .filter((node) => wanted.has(node.id))
    .map((node) => moveNode(node, shift.get(node.laneId) ?? 0));
  const flows = ghostFlows(current, old, source, wanted, nodes, shift);

  let bounds: Rect | null = null;
  for (const box of [...lanes.map((l) => l.rect), ...nodes.map((n) => n.bbox), ...flows.map((f) => f.bbox)]) {
    bounds = bounds ? union(bounds, box) : box;
  }
  return { lanes, nodes, flows, bounds };
}

function moveNode(node: NodeShape, dy: number): NodeShape {
  const down = (r: Rect): Rect => ({ ...r, y: r.y + dy });
  return {
    ...node,
    rect: down(node.rect),
    bbox: down(node.bbox),
    caption: node.caption ? { ...node.caption, y: node.caption.y + dy } : null,
  };
}

/**
 * Removed flows between ends that kept their places (relative to each other) are drawn as they
 * were, moved with their lane; the others (an end moved to another lane, or into the removed
 * lanes below) are routed again between where their ends are now.
 */
function ghostFlows(current: Scene, old: Scene, source: GhostSource, wanted: Set<string>, ghostNodes: NodeShape[], shift: Map<string, number>): FlowShape[] {
  const ends = new Map<string, NodeShape>();
  for (const node of current.nodes) ends.set(node.id, node);
  for (const node of ghostNodes) ends.set(node.id, node);
  const extra = [...ghostNodes];
  for (const node of old.nodes) {
    if (ends.has(node.id)) continue;
    // Neither kept nor ghosted (re-created under a new id): where it was, moved with its lane.
    const moved = moveNode(node, shift.get(node.laneId) ?? 0);
    ends.set(node.id, moved);
    extra.push(moved);
  }
  const oldNodes = new Map(old.nodes.map((n) => [n.id, n]));
  const definitions = new Map(source.process.flows.map((f) => [f.id, f]));
  const obstacles = [...current.nodes, ...extra];
  return old.flows
    .filter((flow) => wanted.has(flow.id))
    .flatMap((flow) => {
      const dy = shift.get(oldNodes.get(flow.sourceId)?.laneId ?? "") ?? 0;
      const inPlace = [flow.sourceId, flow.targetId].every((id) => {
        const was = oldNodes.get(id)?.rect;
        const now = ends.get(id)?.rect;
        return was && now && now.x === was.x && now.y === was.y + dy && now.w === was.w && now.h === was.h;
      });
      if (inPlace) return [moveFlow(flow, dy)];
      const definition = definitions.get(flow.id);
      return definition ? routeFlows([definition], obstacles, {}) : [];
    });
}

function moveFlow(flow: FlowShape, dy: number): FlowShape {
  const move = (p: Point): Point => ({ x: p.x, y: p.y + dy });
  const points = flow.points.map(move);
  const arrow = flow.arrow.map(move) as [Point, Point, Point];
  const defaultMarker = flow.defaultMarker ? (flow.defaultMarker.map(move) as [Point, Point]) : null;
  return { ...flow, points, arrow, defaultMarker, texts: [], bbox: inflate(boundsOfPoints([...points, ...arrow]), 4) };
}
