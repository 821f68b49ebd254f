import { v7 as uuidv7 } from "uuid";
import { defaultSize, type LaneBand, type NodeShape, type Scene } from "../canvas/scene";
import type { ArtifactKind } from "../generated/ArtifactKind";
import type { Bounds } from "../generated/Bounds";
import type { Command } from "../generated/Command";
import type { Node } from "../generated/Node";
import type { NodeKind } from "../generated/NodeKind";
import type { Point } from "../generated/Point";
import { intersects, type Rect } from "../canvas/geometry";
import { attachAt, borderHostAt } from "./boundary";

/** The nodes the palette and the context pad can create. */
export type NodeNewKind = "task" | "gateway" | "start" | "end" | "timer" | "call" | "throw" | "boundary" | "event_gateway" | "sub_process";
/** What the palette and the context pad can create: nodes, and artifacts beside them. */
export type NewKind = NodeNewKind | ArtifactNewKind;
/** Artifacts the palette can create. */
export type ArtifactNewKind = "data_object" | "data_store" | "annotation";

/** Data and notes: placed anywhere, never in a lane's flow. */
export function isArtifactKind(kind: NewKind): kind is ArtifactNewKind {
  return kind === "data_object" || kind === "data_store" || kind === "annotation";
}

/** Something placed: its id (to select it) and the one command that adds it. */
export interface Placed {
  id: string;
  command: Command;
}

/** New element ids are UUID v7, like the core's, so they sort by creation. */
export function newId(): string {
  return uuidv7();
}

/** A timer that waits one day: what a new intermediate or boundary timer starts with. */
const ONE_DAY = { on: "timer", timer: { duration: "P1D" } } as const;

export function kindOf(kind: NodeNewKind, calls: string | null): NodeKind {
  switch (kind) {
    case "task":
      return { type: "task", assignee: "" };
    case "gateway":
      return { type: "gateway", gateway: "exclusive" };
    case "event_gateway":
      return { type: "gateway", gateway: "event_based" };
    case "start":
      return { type: "start" };
    case "end":
      return { type: "end" };
    // A boundary event dropped away from any activity becomes an intermediate timer.
    case "timer":
    case "boundary":
      return { type: "catch", trigger: ONE_DAY };
    case "throw":
      return { type: "throw" };
    case "call":
      return { type: "call", process: calls ?? "00000000-0000-0000-0000-000000000000" };
    case "sub_process":
      return { type: "sub_process" };
  }
}

const NAMES: Record<NewKind, string> = {
  task: "New task",
  gateway: "Decision?",
  event_gateway: "",
  start: "Start",
  end: "Done",
  timer: "Wait",
  boundary: "Wait",
  throw: "",
  call: "Call process",
  sub_process: "New sub-process",
  data_object: "Data",
  data_store: "Records",
  annotation: "Note",
};

/** A node's box: a collapsed sub-process is drawn like a task. */
export function sizeOf(kind: NodeKind): { w: number; h: number } {
  return kind.type === "sub_process" ? defaultSize({ type: "task", assignee: "" }) : defaultSize(kind);
}

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

/**
 * Adds an element of `kind` centred at a world point, in the lane there. A boundary event
 * dropped on an activity's border (within `reach` world units) attaches to that activity.
 */
export function placeNode(scene: Scene, kind: NewKind, at: Point, calls: string | null, reach = 8): Placed | null {
  if (isArtifactKind(kind)) return placeArtifact(kind, at);
  if (kind === "boundary") {
    const host = borderHostAt(scene, at, reach);
    if (host) return attachAt(scene, host, at, newId());
  }
  const lane = laneAt(scene, at.y);
  return lane ? nodeIn(lane, kind, at, calls) : null;
}

/** Where an appended node goes relative to its source: after it (right), or below or above it (a branch). */
export type Side = "after" | "below" | "above";

/** Room between a step and the one appended beside it. */
const APPEND_GAP_X = 70;
const APPEND_GAP_Y = 40;

/** Appends a node beside `source` (after it by default, same lane) connected by a new flow: one gesture. */
export function appendNode(scene: Scene, source: NodeShape, kind: NodeNewKind, calls: string | null, side: Side = "after"): Placed | null {
  const size = sizeOf(kindOf(kind, calls));
  const middle = { x: source.rect.x + source.rect.w / 2, y: source.rect.y + source.rect.h / 2 };
  const centre =
    side === "after"
      ? { x: source.rect.x + source.rect.w + APPEND_GAP_X + size.w / 2, y: middle.y }
      : { x: middle.x, y: side === "below" ? source.rect.y + source.rect.h + APPEND_GAP_Y + size.h / 2 : source.rect.y - APPEND_GAP_Y - size.h / 2 };
  const lane = scene.lanes.find((l) => l.id === source.laneId) ?? laneAt(scene, centre.y);
  if (!lane) return null;
  return connectedFrom(source.id, nodeIn(lane, kind, clearOf(scene, centre, size), calls), "flow");
}

/**
 * A node of `kind` let go at world point `at`, in the lane there, joined from `source` (a pad
 * button dragged): by a sequence flow, or by a message flow when that lane is in another pool.
 */
export function appendAt(scene: Scene, source: NodeShape, kind: NodeNewKind, at: Point, calls: string | null, line: "flow" | "message"): Placed | null {
  const lane = laneAt(scene, at.y);
  return lane ? connectedFrom(source.id, nodeIn(lane, kind, at, calls), line) : null;
}

/** `placed` with the line from `source` to it added in the same command: one undo step. */
function connectedFrom(source: string, placed: Placed, line: "flow" | "message"): Placed {
  const ends = { id: newId(), source, target: placed.id };
  const join: Command = line === "flow" ? { command: "add_flow", flow: ends } : { command: "add_message", message: ends };
  return { id: placed.id, command: { command: "batch", commands: [placed.command, join] } };
}

/** `centre` moved right, past any step its box would cover, so an appended step never lands on another. */
export function clearOf(scene: Scene, centre: Point, size: { w: number; h: number }): Point {
  const box = (c: Point): Rect => ({ x: c.x - size.w / 2 - APPEND_GAP_Y / 2, y: c.y - size.h / 2, w: size.w + APPEND_GAP_Y, h: size.h });
  let at = centre;
  for (let i = 0; i <= scene.nodes.length; i++) {
    const b = box(at);
    const hit = scene.nodes.find((n) => intersects(b, n.rect));
    if (!hit) return at;
    at = { x: hit.rect.x + hit.rect.w + APPEND_GAP_Y / 2 + size.w / 2 + 1, y: at.y };
  }
  return at;
}

/**
 * The outline a click at world point `at` would give a new element of `kind` (world units), for
 * the ghost that follows the pointer while placing.
 */
export function ghostBox(scene: Scene, kind: NewKind, at: Point): Rect | null {
  if (isArtifactKind(kind)) {
    const [w, h] = ARTIFACT_SIZES[kind];
    return { x: at.x - w / 2, y: at.y - h / 2, w, h };
  }
  const lane = laneAt(scene, at.y);
  if (!lane) return null;
  const size = sizeOf(kindOf(kind, null));
  const b = boundsInLane(lane, at, size.w, size.h);
  return { x: b.x, y: lane.rect.y + b.y, w: b.w, h: b.h };
}

/** A new node of `kind` in `lane`, centred at a world point (kept inside the band). */
function nodeIn(lane: LaneBand, kind: NodeNewKind, centre: Point, calls: string | null): Placed {
  const nodeKind = kindOf(kind, calls);
  const size = sizeOf(nodeKind);
  const node: Node = { id: newId(), lane: lane.id, name: NAMES[kind], kind: nodeKind };
  return { id: node.id, command: { command: "add_node", node, bounds: boundsInLane(lane, centre, size.w, size.h) } };
}

const ARTIFACT_SIZES: Record<ArtifactNewKind, [number, number]> = { data_object: [36, 50], data_store: [50, 50], annotation: [120, 40] };

/** A data object, data store or note, centred at a world point (artifacts are placed in process coordinates). */
function placeArtifact(kind: ArtifactNewKind, at: Point): Placed {
  const id = newId();
  const [w, h] = ARTIFACT_SIZES[kind];
  const bounds = { x: Math.round(at.x - w / 2), y: Math.round(at.y - h / 2), w, h };
  const artifactKind: ArtifactKind = kind === "annotation" ? { type: "annotation", text: NAMES[kind] } : { type: kind, name: NAMES[kind] };
  return { id, command: { command: "add_artifact", artifact: { id, kind: artifactKind }, bounds } };
}
