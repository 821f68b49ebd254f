import type { Highlight, Marker } from "./decorations";
import type { FlowShape } from "./flowShapes";
import { center, type Point, type Rect } from "./geometry";
import { roundedRect, strokeWidth, type Detail } from "./nodePainter";
import type { LaneBand, NodeShape, Selectable } from "./scene";
import type { TextLayout } from "./textLayout";
import { font, fontSize, marker as markerColour, overlay } from "./theme";

/** Drawing of decorations: highlights, ghosts, notes, problem badges and the selection ring. */

const HALO = 7;
const RING = 3.5;
const DASH = [6, 4];

/** The node's outline grown by `grow`: its box, diamond or circle. */
export function shapePath(ctx: CanvasRenderingContext2D, node: NodeShape, grow: number): void {
  const r = node.rect;
  const c = center(r);
  ctx.beginPath();
  if (node.outline === "diamond") {
    // Grown along the normal, so the gap is `grow` on every side.
    const g = grow * Math.SQRT2;
    ctx.moveTo(c.x, r.y - g);
    ctx.lineTo(r.x + r.w + g, c.y);
    ctx.lineTo(c.x, r.y + r.h + g);
    ctx.lineTo(r.x - g, c.y);
    ctx.closePath();
  } else if (node.outline === "circle") {
    ctx.arc(c.x, c.y, Math.min(r.w, r.h) / 2 + grow, 0, Math.PI * 2);
  } else {
    roundedRect(ctx, r.x - grow, r.y - grow, r.w + 2 * grow, r.h + 2 * grow, 9 + grow);
  }
}

/** A soft glow behind the node, painted before it. */
export function paintNodeHalo(ctx: CanvasRenderingContext2D, node: NodeShape, tone: Highlight): void {
  shapePath(ctx, node, HALO);
  ctx.fillStyle = overlay[tone].soft;
  ctx.fill();
}

/** A ring in the highlight's colour, painted after the node. */
export function paintNodeRing(ctx: CanvasRenderingContext2D, node: NodeShape, tone: Highlight, zoom: number): void {
  shapePath(ctx, node, RING);
  ctx.lineWidth = strokeWidth(2.25, zoom, 1.5);
  ctx.strokeStyle = overlay[tone].stroke;
  ctx.setLineDash(tone === "removed" ? DASH : []);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A new path of the arrowhead: tip, back corners, closed. */
export function arrowPath(ctx: CanvasRenderingContext2D, [tip, a, b]: readonly [Point, Point, Point]): void {
  ctx.beginPath();
  ctx.moveTo(tip.x, tip.y);
  ctx.lineTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.closePath();
}

function flowPath(ctx: CanvasRenderingContext2D, flow: Pick<FlowShape, "points">): void {
  ctx.beginPath();
  flow.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
}

/** A wide soft stroke under the flow line. */
export function paintFlowGlow(ctx: CanvasRenderingContext2D, flow: FlowShape, tone: Highlight, zoom: number): void {
  flowPath(ctx, flow);
  ctx.lineWidth = strokeWidth(8, zoom, 4);
  ctx.lineJoin = "round";
  ctx.strokeStyle = overlay[tone].soft;
  ctx.stroke();
}

/** The flow line and arrowhead again in the highlight's colour (dashed for a removed flow). */
export function paintFlowTone(ctx: CanvasRenderingContext2D, flow: FlowShape, tone: Highlight, zoom: number): void {
  flowPath(ctx, flow);
  ctx.lineWidth = strokeWidth(2, zoom, 1.2);
  ctx.lineJoin = "round";
  ctx.strokeStyle = overlay[tone].stroke;
  ctx.setLineDash(tone === "removed" ? DASH : []);
  ctx.stroke();
  ctx.setLineDash([]);
  arrowPath(ctx, flow.arrow);
  ctx.fillStyle = overlay[tone].stroke;
  ctx.fill();
}

/** A band under the flow as wide as its share of the cases (reality mode): 3 to 18 units. */
export function paintFlowWeight(ctx: CanvasRenderingContext2D, flow: FlowShape, weight: number, zoom: number): void {
  flowPath(ctx, flow);
  ctx.lineWidth = Math.max(3 + 15 * Math.min(1, Math.max(0, weight)), 3 / zoom);
  ctx.lineJoin = "round";
  ctx.lineCap = "round";
  ctx.strokeStyle = overlay.taken.soft;
  ctx.stroke();
  ctx.lineCap = "butt";
}

/** A pill beside the flow's longest segment, e.g. how many cases took it. */
export function paintFlowNote(ctx: CanvasRenderingContext2D, text: TextLayout, flow: FlowShape, note: string, tone: Highlight, zoom: number): void {
  const at = badgeBesideFlow(flow, zoom);
  const height = fontSize.badge + 7;
  paintNote(ctx, text, { x: at.x - 6, y: at.y - height - 3, w: 0, h: 0 }, note, tone);
}

/** A whole lane tinted (an added or removed workflow). */
export function paintBandTint(ctx: CanvasRenderingContext2D, lane: LaneBand, tone: Highlight): void {
  const r = lane.rect;
  ctx.fillStyle = overlay[tone].band;
  ctx.fillRect(r.x, r.y, r.w, r.h);
}

/** A stripe down the left edge of a (tinted) lane header. */
export function paintHeaderStripe(ctx: CanvasRenderingContext2D, h: Rect, tone: Highlight): void {
  ctx.fillStyle = overlay[tone].stroke;
  ctx.fillRect(h.x, h.y, 5, h.h);
}

/** A removed lane: dashed red border round the band, header included. */
export function paintGhostBand(ctx: CanvasRenderingContext2D, lane: LaneBand, zoom: number): void {
  const r = lane.rect;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(r.x, r.y, r.w, r.h);
  paintBandTint(ctx, lane, "removed");
  ctx.lineWidth = strokeWidth(1.5, zoom);
  ctx.strokeStyle = overlay.removed.stroke;
  ctx.setLineDash(DASH);
  ctx.strokeRect(r.x, r.y, r.w, r.h);
  ctx.setLineDash([]);
}

/** A pill under the element: white text on the highlight's colour, e.g. "moved from HR". */
export function paintNote(ctx: CanvasRenderingContext2D, text: TextLayout, anchor: Rect, note: string, tone: Highlight): void {
  const label = text.wrap(note, font.badge, 220, 1)[0] ?? note;
  const width = text.width(label, font.badge) + 12;
  const height = fontSize.badge + 7;
  const x = anchor.x;
  const y = anchor.y + anchor.h + 6;
  ctx.beginPath();
  roundedRect(ctx, x, y, width, height, height / 2);
  ctx.fillStyle = overlay[tone].stroke;
  ctx.fill();
  ctx.font = font.badge;
  ctx.fillStyle = "#ffffff";
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillText(label, x + 6, y + height / 2 + 0.5);
}

/** A simulation token: a dot on the flow's last segment, just before its arrowhead. */
export function paintToken(ctx: CanvasRenderingContext2D, flow: FlowShape, zoom: number): void {
  const end = flow.points[flow.points.length - 1]!;
  const before = flow.points[flow.points.length - 2] ?? end;
  const length = Math.hypot(end.x - before.x, end.y - before.y) || 1;
  const back = Math.min(length / 2, 22);
  const at = { x: end.x - ((end.x - before.x) / length) * back, y: end.y - ((end.y - before.y) / length) * back };
  const radius = Math.max(7, 7 / zoom);
  ctx.beginPath();
  ctx.arc(at.x, at.y, radius, 0, Math.PI * 2);
  ctx.fillStyle = overlay.active.stroke;
  ctx.fill();
  ctx.lineWidth = radius * 0.3;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
}

/** A badge's radius: never smaller than 16 screen pixels across. */
function markerRadius(zoom: number): number {
  return Math.max(7.5, 8 / zoom);
}

/** A round "!" badge centred on `at`, never smaller than 16 screen pixels across. */
export function paintMarker(ctx: CanvasRenderingContext2D, at: Point, kind: Marker, zoom: number): void {
  const radius = markerRadius(zoom);
  ctx.beginPath();
  ctx.arc(at.x, at.y, radius, 0, Math.PI * 2);
  ctx.fillStyle = markerColour[kind];
  ctx.fill();
  ctx.lineWidth = radius * 0.22;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.font = `700 ${radius * 1.45}px sans-serif`;
  ctx.fillStyle = "#ffffff";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText("!", at.x, at.y + radius * 0.08);
}

/** Where a step's problem badge goes: just outside its top-left corner, touching it, off its name. */
export function badgeBesideNode(rect: Rect, zoom: number): Point {
  const r = markerRadius(zoom);
  return { x: rect.x - 0.7 * r, y: rect.y - 0.7 * r };
}

/**
 * Where a flow's problem badge goes: beside the middle of its longest segment (above a level
 * one, right of an upright one), so it never hides the line or its arrow.
 */
export function badgeBesideFlow(flow: FlowShape, zoom: number): Point {
  let best = { a: flow.points[0]!, b: flow.points[0]!, length: -1 };
  for (let i = 1; i < flow.points.length; i++) {
    const a = flow.points[i - 1]!;
    const b = flow.points[i]!;
    const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (length > best.length) best = { a, b, length };
  }
  const off = markerRadius(zoom) + 3 / zoom;
  const middle = { x: (best.a.x + best.b.x) / 2, y: (best.a.y + best.b.y) / 2 };
  const level = Math.abs(best.b.x - best.a.x) >= Math.abs(best.b.y - best.a.y);
  return level ? { x: middle.x, y: middle.y - off } : { x: middle.x + off, y: middle.y };
}

/** The selection: a dark ring with a faint halo round a node, flow or lane header. */
export function paintSelection(ctx: CanvasRenderingContext2D, target: Selectable, detail: Detail): void {
  const width = strokeWidth(2, detail.zoom, 1.5);
  ctx.setLineDash([]);
  if ("outline" in target) {
    shapePath(ctx, target, 7);
    ctx.lineWidth = strokeWidth(6, detail.zoom, 3);
    ctx.strokeStyle = markerColour.selectionHalo;
    ctx.stroke();
    ctx.lineWidth = width;
    ctx.strokeStyle = markerColour.selection;
    ctx.stroke();
  } else if ("points" in target) {
    flowPath(ctx, target);
    ctx.lineWidth = strokeWidth(9, detail.zoom, 5);
    ctx.lineJoin = "round";
    ctx.strokeStyle = markerColour.selectionHalo;
    ctx.stroke();
    ctx.lineWidth = width;
    ctx.strokeStyle = markerColour.selection;
    ctx.stroke();
  } else if ("kind" in target) {
    // An artifact: a ring around its box.
    const r = target.rect;
    ctx.beginPath();
    roundedRect(ctx, r.x - 5, r.y - 5, r.w + 10, r.h + 10, 6);
    ctx.lineWidth = width;
    ctx.strokeStyle = markerColour.selection;
    ctx.stroke();
  } else {
    const h = target.header;
    ctx.lineWidth = width * 1.25;
    ctx.strokeStyle = markerColour.selection;
    ctx.strokeRect(h.x + width, h.y + width, h.w - 2 * width, h.h - 2 * width);
  }
}
