import type { NodeShape, Scene } from "../canvas/scene";
import type { Node } from "../generated/Node";
import type { Point } from "../generated/Point";
import type { Trigger } from "../generated/Trigger";
import type { Placed } from "./placement";

/** A boundary event's circle. */
export const BOUNDARY_SIZE = 36;

/** Tasks, calls and sub-processes: what a boundary event may sit on (NodeKind::is_activity). */
export function isActivity(node: Pick<NodeShape, "kind">): boolean {
  return node.kind.type === "task" || node.kind.type === "call" || node.kind.type === "sub_process";
}

/** How far world point `p` is from the border of rectangle `r`. */
function distanceToBorder(r: NodeShape["rect"], p: Point): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.w));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.h));
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(p.x - r.x, r.x + r.w - p.x, p.y - r.y, r.y + r.h - p.y);
}

/** The activity whose border passes within `reach` of `p` (the nearest), or null. */
export function borderHostAt(scene: Scene, p: Point, reach: number): NodeShape | null {
  let best: NodeShape | null = null;
  let bestDistance = reach;
  for (const node of scene.nodes) {
    if (!isActivity(node)) continue;
    const d = distanceToBorder(node.rect, p);
    if (d <= bestDistance) {
      best = node;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A boundary event on `host` centred at world point `at` (the core moves it exactly onto the
 * border); bounds are relative to the host's lane, like the host's own.
 */
export function attachAt(scene: Scene, host: NodeShape, at: Point, id: string, trigger: Trigger = { on: "timer", timer: { duration: "P1D" } }): Placed {
  const laneTop = scene.lanes.find((l) => l.id === host.laneId)?.rect.y ?? 0;
  const half = BOUNDARY_SIZE / 2;
  const bounds = { x: Math.round(at.x - half), y: Math.round(at.y - half - laneTop), w: BOUNDARY_SIZE, h: BOUNDARY_SIZE };
  const node = { id, lane: host.laneId, name: "", kind: { type: "boundary" as const, host: host.id, trigger } };
  return { id, command: { command: "add_node", node, bounds } };
}

/** A boundary timer on the lower edge of `host`, right of the ones already there. */
export function attachTimer(scene: Scene, host: NodeShape, id: string): Placed {
  const taken = scene.nodes.filter((n) => n.kind.type === "boundary" && n.kind.host === host.id).length;
  const x = Math.min(host.rect.x + host.rect.w - BOUNDARY_SIZE / 2, host.rect.x + host.rect.w * 0.7 + taken * (BOUNDARY_SIZE + 6));
  return attachAt(scene, host, { x, y: host.rect.y + host.rect.h }, id);
}

/** True when a node of `selection` carries `id` along when moved: its host, or a sub-process it is inside. */
export function carried(nodes: readonly Node[], selection: readonly string[], id: string): boolean {
  const byId = (x: string) => nodes.find((n) => n.id === x);
  let node = byId(id);
  for (let depth = 0; node && depth <= nodes.length; depth++) {
    const up = node.kind.type === "boundary" ? node.kind.host : node.parent;
    if (!up) return false;
    if (selection.includes(up)) return true;
    node = byId(up);
  }
  return false;
}
