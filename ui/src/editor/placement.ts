import { v7 as uuidv7 } from "uuid";
import { defaultSize, type LaneBand, type NodeShape, type Scene } from "../canvas/scene";
import type { Bounds } from "../generated/Bounds";
import type { Command } from "../generated/Command";
import type { Node } from "../generated/Node";
import type { NodeKind } from "../generated/NodeKind";
import type { Point } from "../generated/Point";

/** What the palette and the context pad can create. */
export type NewKind = "task" | "gateway" | "start" | "end" | "timer" | "call";

/** New element ids are UUID v7, like the core's, so they sort by creation. */
export function newId(): string {
  return uuidv7();
}

export function kindOf(kind: NewKind, calls: string | null): NodeKind {
  switch (kind) {
    case "task":
      return { type: "task", assignee: "" };
    case "gateway":
      return { type: "gateway", gateway: "exclusive" };
    case "start":
      return { type: "start" };
    case "end":
      return { type: "end" };
    case "timer":
      return { type: "catch", trigger: { on: "timer", timer: { duration: "P1D" } } };
    case "call":
      return { type: "call", process: calls ?? "00000000-0000-0000-0000-000000000000" };
  }
}

const NAMES: Record<NewKind, string> = { task: "New task", gateway: "Decision?", start: "Start", end: "Done", timer: "Wait", call: "Call process" };

/** The lane band under a world point, or the nearest one above or below the stack. */
export function laneAt(scene: Scene, y: number): LaneBand | null {
  const lanes = scene.lanes;
  if (lanes.length === 0) return null;
  return lanes.find((l) => y >= l.rect.y && y < l.rect.y + l.rect.h) ?? (y < lanes[0]!.rect.y ? lanes[0]! : lanes[lanes.length - 1]!);
}

/** Bounds relative to `lane` for a shape of size w×h centred at world `centre`, kept inside the band. */
export function boundsInLane(lane: LaneBand, centre: Point, w: number, h: number): Bounds {
  const x = Math.max(lane.header.w + 10, centre.x - w / 2);
  const y = Math.min(Math.max(0, centre.y - h / 2 - lane.rect.y), Math.max(0, lane.rect.h - h));
  return { x: Math.round(x), y: Math.round(y), w, h };
}

/** Adds a node of `kind` centred at a world point, in the lane there. */
export function placeNode(scene: Scene, kind: NewKind, at: Point, calls: string | null): { node: Node; command: Command } | null {
  const lane = laneAt(scene, at.y);
  return lane ? nodeIn(lane, kind, at, calls) : null;
}

/** Appends a node after `source` (to its right, same lane) connected by a new flow: one gesture. */
export function appendNode(scene: Scene, source: NodeShape, kind: NewKind, calls: string | null): { node: Node; command: Command } | null {
  const size = defaultSize(kindOf(kind, calls));
  const centre = { x: source.rect.x + source.rect.w + 70 + size.w / 2, y: source.rect.y + source.rect.h / 2 };
  const lane = scene.lanes.find((l) => l.id === source.laneId) ?? laneAt(scene, centre.y);
  if (!lane) return null;
  const placed = nodeIn(lane, kind, centre, calls);
  const flow = { id: newId(), source: source.id, target: placed.node.id };
  return { node: placed.node, command: { command: "batch", commands: [placed.command, { command: "add_flow", flow }] } };
}

/** A new node of `kind` in `lane`, centred at a world point (kept inside the band). */
function nodeIn(lane: LaneBand, kind: NewKind, centre: Point, calls: string | null): { node: Node; command: Command } {
  const nodeKind = kindOf(kind, calls);
  const size = defaultSize(nodeKind);
  const node: Node = { id: newId(), lane: lane.id, name: NAMES[kind], kind: nodeKind };
  return { node, command: { command: "add_node", node, bounds: boundsInLane(lane, centre, size.w, size.h) } };
}
