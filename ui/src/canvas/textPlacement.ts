import type { Flow } from "../generated/Flow";
import { captionBox, captionClearance } from "./captions";
import { lineBox, type FlowShape } from "./flowShapes";
import { placeFlowTextReaching, textBox } from "./flowText";
import { intersects, union, type Rect } from "./geometry";
import type { NodeShape } from "./scene";
import type { SceneIndex } from "./sceneIndex";

/** The SLA badge straddles a task's top border (see nodePainter). */
export const BADGE_OVERHANG = 10;

/** Text obstacles per node, keyed `3 × node index + slot`: its box, its SLA badge, its caption. */
export const OBSTACLE_SLOTS = 3;

/** What flow texts keep clear of around one node, by slot (undefined: the node has none there). */
export function textObstacles(node: NodeShape): [Rect, Rect | undefined, Rect | undefined] {
  const badge =
    node.kind.type === "task" && node.kind.sla ? { x: node.rect.x + node.rect.w - 60, y: node.rect.y - BADGE_OVERHANG, w: 60, h: BADGE_OVERHANG * 2 } : undefined;
  return [captionClearance(node), badge, node.caption ? captionBox(node.caption) : undefined];
}

/** Puts node `i`'s text obstacles into the index (after `forgetObstacles` when it moved). */
export function indexObstacles(index: SceneIndex, i: number, node: NodeShape): void {
  textObstacles(node).forEach((box, slot) => {
    if (box) index.textObstacles.insert(i * OBSTACLE_SLOTS + slot, box);
  });
}

/** Takes node `i`'s text obstacles out of the index; returns where they were. */
export function forgetObstacles(index: SceneIndex, i: number): Rect[] {
  const gone: Rect[] = [];
  for (let slot = 0; slot < OBSTACLE_SLOTS; slot++) {
    const key = i * OBSTACLE_SLOTS + slot;
    const box = index.textObstacles.boxOf(key);
    if (!box) continue;
    gone.push(box);
    index.textObstacles.remove(key);
  }
  return gone;
}

/**
 * Places flow texts flow by flow in scene order, each avoiding shapes, captions, SLA badges and the
 * texts of the flows before it (so the result never depends on what was placed earlier). Places
 * the flows in `dirty` (indices into `flows`) and every flow whose possible text spots meet one of
 * `moved` (obstacles that came or went) or a text placed here that came or went: on a full build
 * every flow is dirty, after an edit only those the edit can reach. Updates each placed flow's
 * `bbox` (its line's with the texts) and returns the indices placed.
 */
export function placeTexts(flows: readonly FlowShape[], records: ReadonlyMap<string, Flow>, index: SceneIndex, dirty: Iterable<number>, moved: readonly Rect[]): number[] {
  const marked = new Uint8Array(flows.length);
  let first = flows.length;
  const mark = (i: number) => {
    marked[i] = 1;
    first = Math.min(first, i);
  };
  for (const i of dirty) mark(i);
  if (index.ready) for (const area of moved) for (const i of index.textReach.query(area)) mark(i);
  const placed: number[] = [];
  for (let i = first; i < flows.length; i++) {
    if (!marked[i]) continue;
    const shape = flows[i]!;
    const flow = records.get(shape.id);
    const before = index.texts.boxOf(i);
    index.texts.remove(i);
    index.textReach.remove(i);
    const { texts, reach } = flow ? placeFlowTextReaching(flow, shape.points, (box) => covered(index, box, i)) : { texts: [], reach: null };
    shape.texts = texts;
    if (reach) {
      if (index.ready) index.textReach.insert(i, reach);
      index.textReaches.set(shape.id, reach);
    } else {
      index.textReaches.delete(shape.id);
    }
    const line = lineBox(shape.points);
    let after: Rect | undefined;
    if (shape.texts.length > 0) {
      after = textBox(shape.texts);
      index.texts.insert(i, after);
      shape.bbox = union(line, after);
    } else {
      shape.bbox = line;
    }
    placed.push(i);
    // On a full build (the reaches not indexed yet) every flow is placed anyway.
    if (!index.ready || sameBox(before, after)) continue;
    // Later flows avoided the old text and must avoid the new one.
    for (const area of [before, after]) {
      if (!area) continue;
      for (const j of index.textReach.query(area)) if (j > i) marked[j] = 1;
    }
  }
  return placed;
}

/** Area of `box` taken by shapes, badges, captions and the texts of flows before flow `i`: 0 when the spot is free. */
function covered(index: SceneIndex, box: Rect, i: number): number {
  let area = 0;
  for (const key of index.textObstacles.query(box)) area += overlapArea(box, index.textObstacles.boxOf(key)!);
  for (const j of index.texts.query(box)) if (j < i) area += overlapArea(box, index.texts.boxOf(j)!);
  return area;
}

function sameBox(a: Rect | undefined, b: Rect | undefined): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function overlapArea(a: Rect, b: Rect): number {
  if (!intersects(a, b)) return 0;
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return Math.max(0, w) * Math.max(0, h);
}
