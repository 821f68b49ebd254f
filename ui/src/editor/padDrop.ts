import { center, type Point } from "../canvas/geometry";
import type { NodeShape, Scene } from "../canvas/scene";
import type { Command } from "../generated/Command";
import type { Process } from "../generated/Process";
import type { Names } from "../names";
import type { PadDragged } from "./contextPad";
import { NO_PREVIEW, type Preview } from "./gestures";
import { connection } from "./participants";
import { appendAt, ghostBox, laneAt, newId } from "./placement";

/** What letting a dragged pad button go does: a command, what to select after it, and whether to rename that in place. */
export type PadDrop = { command: Command; select: string; rename: boolean } | { refused: string };

/**
 * A pad button let go at world point `at` (over element `hit`): "connect" joins `source` to what
 * is there; an append places its step there, in the lane under the pointer, joined from `source`
 * by a sequence flow, or by a message flow when that lane is in another pool.
 */
export function padDrop(process: Process, names: Names, scene: Scene, source: NodeShape, what: PadDragged, at: Point, hit: string | null, calls: string | null): PadDrop | null {
  if (what === "connect") {
    if (hit === null) return null;
    const line = newId();
    const made = connection(process, names, source.id, hit, line);
    return "refused" in made ? made : { command: made.command, select: line, rename: false };
  }
  const poolOf = (lane: string | undefined) => process.lanes.find((l) => l.id === lane)?.pool ?? null;
  const line = poolOf(laneAt(scene, at.y)?.id) === poolOf(source.laneId) ? "flow" : "message";
  const placed = appendAt(scene, source, what, at, calls, line);
  return placed && { command: placed.command, select: placed.id, rename: true };
}

/** While a pad button is dragged: a line from the selection to the pointer, with the ghost of the step it appends. */
export function padPreview(scene: Scene, source: NodeShape, what: PadDragged, at: Point): Preview {
  const ghost = what === "connect" ? null : ghostBox(scene, what, at);
  return { ...NO_PREVIEW, line: [center(source.rect), at], boxes: ghost ? [ghost] : [] };
}
