import type { Flow } from "../generated/Flow";
import { union, type Point, type Rect } from "./geometry";
import { fontSize, lineHeight } from "./theme";

/**
 * Wrapped text anchored at (`x`, `y`): `y` is the middle of the line nearest the anchor,
 * further lines grow up or down, away from the shape or flow the text belongs to.
 */
export interface TextBlock {
  text: string;
  x: number;
  y: number;
  align: "left" | "right" | "center";
  grow: "up" | "down";
  maxWidth: number;
}

export interface FlowText extends TextBlock {
  style: "label" | "condition";
}

/** Area of `box` already taken by shapes or other text; 0 when the spot is free. */
export type TakenArea = (box: Rect) => number;

export const MAX_TEXT_LINES = 3;
const INSET = 8;
/** Flow text narrower than this would be a column of single words. */
const MIN_WIDTH = 56;
const BESIDE_WIDTH = 130;
/** Runs shorter than this are corners, not places for text. */
const MIN_RUN = 24;
/** Average glyph width as a share of the font size, a little generous so estimates err large. */
const GLYPH_WIDTH = 0.58;

/**
 * Where a flow's label and `[condition]` go: near the source, on the first horizontal run
 * (label above, condition below) or beside a first vertical run. Each spot is tried in
 * turn and the first that covers no shape and no other text wins; if none is free, the
 * one covering least.
 */
export function placeFlowText(flow: Flow, points: readonly Point[], taken: TakenArea): FlowText[] {
  return placeFlowTextReaching(flow, points, taken).texts;
}

/**
 * `placeFlowText`, and everywhere it may put the texts (null: the flow has none): shapes or
 * texts coming or going there may move them.
 */
export function placeFlowTextReaching(flow: Flow, points: readonly Point[], taken: TakenArea): { texts: FlowText[]; reach: Rect | null } {
  const label = flow.label?.trim() || undefined;
  const condition = flow.condition?.trim() ? `[${flow.condition.trim()}]` : undefined;
  if (!label && !condition) return { texts: [], reach: null };
  let best: FlowText[] = [];
  let bestCost = Infinity;
  let reach: Rect | null = null;
  for (const candidate of candidates(label, condition, points)) {
    const box = textBox(candidate);
    reach = reach ? union(reach, box) : box;
    if (bestCost === 0) continue;
    const cost = taken(box);
    if (cost < bestCost) {
      best = candidate;
      bestCost = cost;
    }
  }
  return { texts: best, reach };
}

/** A generous estimate of the box the texts paint, for placement and culling (measuring needs a canvas). */
export function textBox(texts: readonly TextBlock[]): Rect {
  let box: Rect | null = null;
  for (const text of texts) {
    const size = "style" in text && text.style === "condition" ? fontSize.condition : fontSize.flowLabel;
    const block = estimateBlock(text, size, lineHeight.flowText);
    box = box ? union(box, block) : block;
  }
  return box ?? { x: 0, y: 0, w: 0, h: 0 };
}

export function estimateBlock(block: TextBlock, size: number, step: number): Rect {
  const natural = block.text.length * size * GLYPH_WIDTH;
  const width = Math.min(block.maxWidth, natural);
  const lines = Math.min(MAX_TEXT_LINES, Math.ceil((natural * 1.1) / block.maxWidth));
  const height = lines * step;
  const x = block.align === "left" ? block.x : block.align === "right" ? block.x - width : block.x - width / 2;
  const top = block.grow === "down" ? block.y - step / 2 : block.y + step / 2 - height;
  return { x, y: top, w: width, h: height };
}

function candidates(label: string | undefined, condition: string | undefined, points: readonly Point[]): FlowText[][] {
  const found: FlowText[][] = [];
  const run = firstHorizontalRun(points);
  if (run) found.push(...alongRun(label, condition, run[0], run[1]));
  const start = points[0]!;
  const next = points[1] ?? start;
  if (start.x === next.x && next.y !== start.y) {
    found.push(beside(label, condition, start, next, "right"), beside(label, condition, start, next, "left"));
  }
  return found;
}

/** Label above and condition below the run; then both above; then both below. */
function alongRun(label: string | undefined, condition: string | undefined, from: Point, to: Point): FlowText[][] {
  const rightward = to.x >= from.x;
  const x = from.x + (rightward ? INSET : -INSET);
  const align = rightward ? "left" : "right";
  const maxWidth = Math.max(MIN_WIDTH, Math.abs(to.x - from.x) - 2 * INSET - 10);
  const near = 2 + lineHeight.flowText / 2;
  const text = (t: string, y: number, grow: "up" | "down", style: FlowText["style"]): FlowText => ({ text: t, x, y, align, grow, maxWidth, style });
  const split: FlowText[] = [];
  if (label) split.push(text(label, from.y - near, "up", "label"));
  if (condition) split.push(text(condition, from.y + near, "down", "condition"));
  if (!label || !condition) {
    // A lone text: above the line, else below it.
    const only = (label ?? condition)!;
    const style = label ? "label" : "condition";
    return [[text(only, from.y - near, "up", style)], [text(only, from.y + near, "down", style)]];
  }
  const conditionBox = estimateBlock(text(condition, from.y - near, "up", "condition"), fontSize.condition, lineHeight.flowText);
  const labelBox = estimateBlock(text(label, from.y + near, "down", "label"), fontSize.flowLabel, lineHeight.flowText);
  return [
    split,
    [text(condition, from.y - near, "up", "condition"), text(label, conditionBox.y - lineHeight.flowText / 2, "up", "label")],
    [text(label, from.y + near, "down", "label"), text(condition, labelBox.y + labelBox.h + lineHeight.flowText / 2, "down", "condition")],
  ];
}

/** Stacked next to a vertical first run, in the direction the flow goes. */
function beside(label: string | undefined, condition: string | undefined, start: Point, next: Point, side: "left" | "right"): FlowText[] {
  const x = side === "right" ? start.x + 7 : start.x - 7;
  const align = side === "right" ? "left" : "right";
  const down = next.y > start.y;
  const grow = down ? "down" : "up";
  // Nearest the exit first: label then condition going down, condition then label going up.
  const ordered: Array<[string, FlowText["style"]]> = [];
  if (label) ordered.push([label, "label"]);
  if (condition) ordered.push([condition, "condition"]);
  if (!down) ordered.reverse();
  const texts: FlowText[] = [];
  let y = down ? start.y + 6 + lineHeight.flowText / 2 : start.y - 6 - lineHeight.flowText / 2;
  for (const [text, style] of ordered) {
    const block: FlowText = { text, x, y, align, grow, maxWidth: BESIDE_WIDTH, style };
    texts.push(block);
    const box = estimateBlock(block, style === "condition" ? fontSize.condition : fontSize.flowLabel, lineHeight.flowText);
    y = down ? box.y + box.h + lineHeight.flowText / 2 : box.y - lineHeight.flowText / 2;
  }
  return texts;
}

function firstHorizontalRun(points: readonly Point[]): [Point, Point] | null {
  for (let i = 0; i + 1 < points.length && i < 2; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (from.y === to.y && Math.abs(to.x - from.x) >= MIN_RUN) return [from, to];
  }
  return null;
}
