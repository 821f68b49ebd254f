import type { NodeKind } from "../generated/NodeKind";
import type { Trigger } from "../generated/Trigger";
import { center, type Rect } from "./geometry";
import table from "./markers.json";
import type { NodeShape } from "./scene";
import type { TextLayout } from "./textLayout";
import { colour, font, lineHeight } from "./theme";

/**
 * BPMN notation on the shapes (`src/export/svg/notation.rs`): event rings (thin start, double
 * intermediate, thick end, dashed when non-interrupting) with their trigger marker, gateway
 * markers, task type and activity markers, expanded sub-processes. The markers are SVG path
 * data in `markers.json`, the file the SVG export draws them from too.
 */

type Paint = "ink" | "paper" | "none";
interface Part {
  d: string;
  width: number;
  fill: Paint;
  stroke: Paint;
  throwFill?: Paint;
  throwStroke?: Paint;
  cap?: string;
}
type Marker = readonly Part[];
interface Table {
  event: Record<string, Marker>;
  gateway: Record<string, Marker>;
  task: Record<string, Marker>;
  activity: Record<string, Marker>;
}
const markers = table as unknown as Table;

const EVENT_SIZE = 36;
const GATEWAY_SIZE = 50;
const ACTIVITY_MARKER = 12;
const ACTIVITY_MARKER_STEP = ACTIVITY_MARKER + 4;
/** Room the bottom markers take under an activity's text. */
export const MARKER_ROW = 12;
const DASH = [4, 3];

const paths = new Map<string, Path2D>();
function path(d: string): Path2D {
  let p = paths.get(d);
  if (!p) {
    p = new Path2D(d);
    paths.set(d, p);
  }
  return p;
}

/** A marker's parts drawn at (`x`, `y`) scaled by `scale`, `ink` and `paper` standing for its colours. */
export function paintMarker(ctx: CanvasRenderingContext2D, parts: Marker, x: number, y: number, scale: number, ink: string, paper: string, throwing = false): void {
  const colourOf = (paint: Paint) => (paint === "ink" ? ink : paint === "paper" ? paper : null);
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(scale, scale);
  ctx.setLineDash([]);
  for (const part of parts) {
    const fill = colourOf(throwing ? (part.throwFill ?? part.fill) : part.fill);
    const stroke = colourOf(throwing ? (part.throwStroke ?? part.stroke) : part.stroke);
    const p = path(part.d);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill(p);
    }
    if (stroke) {
      ctx.lineWidth = part.width;
      ctx.lineCap = (part.cap as CanvasLineCap | undefined) ?? "butt";
      ctx.strokeStyle = stroke;
      ctx.stroke(p);
    }
  }
  ctx.restore();
}

function eventMarker(trigger: Trigger | undefined): Marker | undefined {
  if (!trigger || trigger.on === "none") return undefined;
  if (trigger.on === "multiple") return markers.event[trigger.parallel ? "parallel_multiple" : "multiple"];
  return markers.event[trigger.on];
}

function triggerOf(kind: NodeKind): Trigger | undefined {
  switch (kind.type) {
    case "start":
    case "end":
    case "throw":
    case "catch":
    case "boundary":
      return kind.trigger;
    default:
      return undefined;
  }
}

/** Any event: its rings by kind, then its trigger's marker. */
export function paintEvent(ctx: CanvasRenderingContext2D, node: NodeShape, zoom: number): void {
  const kind = node.kind;
  const [stroke, fill] =
    kind.type === "start" ? [colour.startStroke, colour.startFill] : kind.type === "end" ? [colour.endStroke, colour.endFill] : [colour.shapeStroke, colour.shapeFill];
  const dashed = (kind.type === "start" || kind.type === "boundary") && kind.interrupting === false;
  const radius = Math.min(node.rect.w, node.rect.h) / 2;
  if (kind.type === "end") ring(ctx, node.rect, radius - 1.75, 3.5, stroke, fill, false, zoom);
  else if (kind.type === "start") ring(ctx, node.rect, radius - 0.75, 1.5, stroke, fill, dashed, zoom);
  else {
    ring(ctx, node.rect, radius - 0.75, 1.5, stroke, fill, dashed, zoom);
    ring(ctx, node.rect, radius - 4.25, 1, stroke, null, dashed, zoom);
  }
  const parts = eventMarker(triggerOf(kind));
  if (parts) {
    const c = center(node.rect);
    paintMarker(ctx, parts, c.x, c.y, (2 * radius) / EVENT_SIZE, stroke, fill, kind.type === "throw" || kind.type === "end");
  }
}

function ring(ctx: CanvasRenderingContext2D, r: Rect, radius: number, width: number, stroke: string, fill: string | null, dashed: boolean, zoom: number): void {
  const c = center(r);
  ctx.beginPath();
  ctx.arc(c.x, c.y, Math.max(radius, 0), 0, Math.PI * 2);
  if (fill) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.lineWidth = Math.max(width, 0.6 / zoom);
  ctx.strokeStyle = stroke;
  ctx.setLineDash(dashed ? DASH : []);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The event-based and complex gateways' markers; the others are drawn by nodePainter. */
export function paintGatewayMarker(ctx: CanvasRenderingContext2D, r: Rect, gateway: string): boolean {
  const parts = markers.gateway[gateway];
  if (!parts) return false;
  const c = center(r);
  paintMarker(ctx, parts, c.x, c.y, Math.min(r.w, r.h) / GATEWAY_SIZE, colour.shapeStroke, colour.gatewayFill);
  return true;
}

/** The markers at an activity's bottom centre, left to right: loop or instances, the collapsed plus, the ad-hoc tilde. */
export function activityMarkers(kind: NodeKind): Marker[] {
  let repeat;
  let collapsed = false;
  let adHoc = false;
  if (kind.type === "task") repeat = kind.repeat;
  else if (kind.type === "call") {
    repeat = kind.repeat;
    collapsed = true;
  } else if (kind.type === "sub_process") {
    repeat = kind.repeat;
    collapsed = !kind.expanded;
    adHoc = kind.sub === "ad_hoc";
  } else return [];
  const keys: string[] = [];
  if (repeat) keys.push(repeat.marker);
  if (collapsed) keys.push("collapsed");
  if (adHoc) keys.push("ad_hoc");
  return keys.map((k) => markers.activity[k]).filter((m): m is Marker => m !== undefined);
}

/** The three bars of a collection data object. */
export function collectionMarker(): Marker {
  return markers.activity["parallel"]!;
}

/** The task type at the top left and the loop, instance, collapsed and ad-hoc markers at the bottom centre. */
export function paintActivityMarkers(ctx: CanvasRenderingContext2D, node: NodeShape): void {
  const r = node.rect;
  if (node.kind.type === "task" && node.kind.task && node.kind.task !== "plain") {
    const parts = markers.task[node.kind.task];
    if (parts) paintMarker(ctx, parts, r.x + 7, r.y + 6, 1, colour.shapeStroke, colour.shapeFill);
  }
  const bottom = activityMarkers(node.kind);
  const total = bottom.length * ACTIVITY_MARKER + Math.max(bottom.length - 1, 0) * 4;
  let x = r.x + r.w / 2 - total / 2;
  for (const parts of bottom) {
    paintMarker(ctx, parts, x, r.y + r.h - 15, 1, colour.shapeStroke, colour.shapeFill);
    x += ACTIVITY_MARKER_STEP;
  }
}

/**
 * An expanded sub-process: a large rounded box (dotted for an event sub-process, doubled for a
 * transaction) with its name at the top left; its contents are drawn after it.
 */
export function paintExpanded(
  ctx: CanvasRenderingContext2D,
  node: NodeShape,
  text: TextLayout,
  names: boolean,
  zoom: number,
  rounded: (x: number, y: number, w: number, h: number, r: number) => void,
): void {
  if (node.kind.type !== "sub_process") return;
  const r = node.rect;
  ctx.beginPath();
  rounded(r.x + 0.75, r.y + 0.75, r.w - 1.5, r.h - 1.5, 12);
  ctx.lineWidth = Math.max(1.5, 0.6 / zoom);
  ctx.strokeStyle = colour.shapeStroke;
  const dotted = node.kind.sub === "event";
  ctx.setLineDash(dotted ? [2, 3] : []);
  ctx.lineCap = dotted ? "round" : "butt";
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.lineCap = "butt";
  if (node.kind.sub === "transaction") {
    ctx.beginPath();
    rounded(r.x + 4, r.y + 4, r.w - 8, r.h - 8, 12);
    ctx.lineWidth = Math.max(1, 0.6 / zoom);
    ctx.stroke();
  }
  if (names) {
    ctx.font = font.nodeName;
    ctx.fillStyle = colour.nodeName;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    text.wrap(node.name, font.nodeName, r.w - 24, 2).forEach((line, i) => {
      ctx.fillText(line, r.x + 12, r.y + 10 + lineHeight.nodeName / 2 + i * lineHeight.nodeName);
    });
  }
  paintActivityMarkers(ctx, node);
}
