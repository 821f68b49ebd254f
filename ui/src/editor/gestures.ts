import type { Gesture } from "../canvas";
import { center, union, type Point, type Rect } from "../canvas/geometry";
import type { FlowShape, LaneBand, NodeShape, Scene } from "../canvas/scene";
import type { Command } from "../generated/Command";
import { boundsInLane, laneAt } from "./placement";
import { snapMove, type Guide } from "./snap";

/** What a gesture shows while it runs, painted by the editor over the diagram. */
export interface Preview {
  /** Outlines of shapes at where they would land. */
  boxes: Rect[];
  guides: Guide[];
  band: Rect | null;
  line: [Point, Point] | null;
  /** A horizontal bar where a lane would be dropped. */
  dropAt: number | null;
}

export const NO_PREVIEW: Preview = { boxes: [], guides: [], band: null, line: null, dropAt: null };

/** Ends a gesture with the command it produced (null: nothing to do) and clears the preview. */
export type Finish = (command: Command | null, preview?: Preview) => void;

/** A press below this distance (world units at zoom 1) is a click, not a drag. */
const DRAG_SLOP_PX = 3;

function moved(from: Point, to: Point, zoom: number): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) * zoom >= DRAG_SLOP_PX;
}

/** Drags the selected nodes; on release each lands in the lane under its centre (snapped). */
export function moveNodes(scene: Scene, nodes: NodeShape[], start: Point, zoom: number, show: (p: Preview) => void, finish: Finish): Gesture {
  const ids = new Set(nodes.map((n) => n.id));
  const others = scene.nodes.filter((n) => !ids.has(n.id)).map((n) => n.rect);
  const group = nodes.map((n) => n.rect).reduce(union);
  let delta: Point = { x: 0, y: 0 };
  return {
    move(at) {
      if (!moved(start, at, zoom)) return;
      const snapped = snapMove(nodes.length === 1 ? nodes[0]!.rect : group, { x: at.x - start.x, y: at.y - start.y }, others, zoom);
      delta = snapped.delta;
      show({ ...NO_PREVIEW, boxes: nodes.map((n) => ({ ...n.rect, x: n.rect.x + delta.x, y: n.rect.y + delta.y })), guides: snapped.guides });
    },
    end(_at, _event, cancelled) {
      if (cancelled || (delta.x === 0 && delta.y === 0)) return finish(null);
      const commands: Command[] = [];
      for (const node of nodes) {
        const c = center(node.rect);
        const lane = laneAt(scene, c.y + delta.y);
        if (!lane) continue;
        const bounds = boundsInLane(lane, { x: c.x + delta.x, y: c.y + delta.y }, node.rect.w, node.rect.h);
        commands.push({ command: "move_node", node: node.id, lane: lane.id, bounds });
      }
      finish(commands.length === 1 ? commands[0]! : { command: "batch", commands });
    },
  };
}

/** Drags a data object, data store or note: placed freely (not in a lane), snapping to the steps' edges. */
export function moveArtifact(scene: Scene, artifact: { id: string; rect: Rect }, start: Point, zoom: number, show: (p: Preview) => void, finish: Finish): Gesture {
  const others = scene.nodes.map((n) => n.rect);
  let delta: Point = { x: 0, y: 0 };
  const placed = (): Rect => ({ ...artifact.rect, x: Math.round(artifact.rect.x + delta.x), y: Math.round(artifact.rect.y + delta.y) });
  return {
    move(at) {
      if (!moved(start, at, zoom)) return;
      const snapped = snapMove(artifact.rect, { x: at.x - start.x, y: at.y - start.y }, others, zoom);
      delta = snapped.delta;
      show({ ...NO_PREVIEW, boxes: [placed()], guides: snapped.guides });
    },
    end(_at, _event, cancelled) {
      if (cancelled || (delta.x === 0 && delta.y === 0)) return finish(null);
      finish({ command: "move_artifact", artifact: artifact.id, bounds: placed() });
    },
  };
}

/** Draws a selection rectangle; on release selects the nodes wholly inside it. */
export function rubberBand(scene: Scene, start: Point, show: (p: Preview) => void, select: (ids: string[]) => void, finish: Finish): Gesture {
  let band: Rect = { x: start.x, y: start.y, w: 0, h: 0 };
  return {
    move(at) {
      band = { x: Math.min(start.x, at.x), y: Math.min(start.y, at.y), w: Math.abs(at.x - start.x), h: Math.abs(at.y - start.y) };
      show({ ...NO_PREVIEW, band });
    },
    end(_at, _event, cancelled) {
      if (!cancelled) {
        const inside = scene.nodeGrid
          .query(band)
          .map((i) => scene.nodes[i]!)
          .filter((n) => n.rect.x >= band.x && n.rect.y >= band.y && n.rect.x + n.rect.w <= band.x + band.w && n.rect.y + n.rect.h <= band.y + band.h);
        select(inside.map((n) => n.id));
      }
      finish(null);
    },
  };
}

/** Drags a lane's bottom border to change its height. */
export function resizeLane(lane: LaneBand, minHeight: number, show: (p: Preview) => void, finish: Finish): Gesture {
  let height = lane.rect.h;
  return {
    move(at) {
      height = Math.max(minHeight, Math.round(at.y - lane.rect.y));
      show({ ...NO_PREVIEW, band: { ...lane.rect, h: height } });
    },
    end(_at, _event, cancelled) {
      if (cancelled || height === lane.rect.h) return finish(null);
      finish({ command: "resize_lane", lane: lane.id, height });
    },
  };
}

/**
 * Drags a band (a lane by its header, a pool by its name band) to another place among `bands`,
 * its stack; `command` makes the edit from the new order of ids.
 */
export function reorderBand(
  bands: readonly { id: string; rect: Rect }[],
  band: { id: string; rect: Rect },
  start: Point,
  zoom: number,
  show: (p: Preview) => void,
  finish: Finish,
  command: (order: string[]) => Command | null,
): Gesture {
  let slot: number | null = null;
  const order = bands.map((b) => b.id);
  return {
    move(at) {
      if (!moved(start, at, zoom)) return;
      // The slot is the gap between bands nearest the pointer.
      const edges = [bands[0]!.rect.y, ...bands.map((b) => b.rect.y + b.rect.h)];
      let best = 0;
      edges.forEach((y, i) => {
        if (Math.abs(y - at.y) < Math.abs(edges[best]! - at.y)) best = i;
      });
      slot = best;
      show({ ...NO_PREVIEW, dropAt: edges[best]!, band: band.rect });
    },
    end(_at, _event, cancelled) {
      if (cancelled || slot === null) return finish(null);
      const from = order.indexOf(band.id);
      const next = order.filter((id) => id !== band.id);
      next.splice(slot > from ? slot - 1 : slot, 0, band.id);
      if (next.every((id, i) => id === order[i])) return finish(null);
      finish(command(next));
    },
  };
}

/** The bend points a selected flow offers as handles: its route's inner corners. */
export function bendHandles(flow: FlowShape): Point[] {
  return flow.points.slice(1, -1);
}

/** Drags one bend point of a flow; the other corners stay where they are. */
export function moveBend(flow: FlowShape, index: number, show: (p: Preview) => void, finish: Finish): Gesture {
  const corners = bendHandles(flow);
  let to = corners[index]!;
  return {
    move(at) {
      to = { x: Math.round(at.x), y: Math.round(at.y) };
      const before = index === 0 ? flow.points[0]! : corners[index - 1]!;
      show({ ...NO_PREVIEW, line: [before, to] });
    },
    end(_at, _event, cancelled) {
      if (cancelled) return finish(null);
      const points = corners.map((p, i) => (i === index ? to : p));
      finish({ command: "set_waypoints", flow: flow.id, points });
    },
  };
}

/**
 * Draws a line from `source` (a node, pool, data or note drawn at `from`) to the pointer; on
 * release over another element, `make` says what joins them (null: nothing, it said why).
 */
export function connect(source: { id: string; rect: Rect }, show: (p: Preview) => void, hit: (at: Point) => string | null, make: (target: string) => Command | null, finish: Finish): Gesture {
  const from = center(source.rect);
  return {
    move(at) {
      show({ ...NO_PREVIEW, line: [from, at] });
    },
    end(at, _event, cancelled) {
      const target = cancelled ? null : hit(at);
      finish(target !== null && target !== source.id ? make(target) : null);
    },
  };
}

/** A press that only selects: nothing follows the pointer. */
export function click(finish: Finish): Gesture {
  return { move() {}, end: () => finish(null) };
}

/** Near a lane's bottom border (within a few screen pixels)? */
export function laneBorderAt(scene: Scene, at: Point, zoom: number): LaneBand | null {
  const reach = 4 / zoom;
  return scene.lanes.find((l) => Math.abs(l.rect.y + l.rect.h - at.y) <= reach && at.x >= l.rect.x) ?? null;
}

export function nearHandle(handles: Point[], at: Point, zoom: number): number {
  const reach = 6 / zoom;
  return handles.findIndex((h) => Math.abs(h.x - at.x) <= reach && Math.abs(h.y - at.y) <= reach);
}
