import type { ArtifactShape, AssociationShape } from "./artifacts";
import type { FlowShape } from "./flowShapes";
import { center, type Rect } from "./geometry";
import { collectionMarker, paintMarker } from "./notationPainter";
import { arrowPath } from "./overlayPainter";
import type { PoolBand } from "./planes";
import type { TextLayout } from "./textLayout";
import { colour, font, lineHeight } from "./theme";

/**
 * Pools, message flows, artifacts and associations (`src/export/svg/artifacts.rs`): the parts
 * of a BPMN diagram around the flow of work.
 */

function width(w: number, zoom: number): number {
  return Math.max(w, 0.6 / zoom);
}

/** A pool's band; a pool with lanes gets a name band on the left with its name turned on its side, a black box its name in the middle. */
export function paintPool(ctx: CanvasRenderingContext2D, pool: PoolBand, text: TextLayout, names: boolean, zoom: number): void {
  const r = pool.rect;
  ctx.fillStyle = colour.shapeFill;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.lineWidth = width(1.5, zoom);
  ctx.strokeStyle = colour.shapeStroke;
  ctx.setLineDash([]);
  ctx.strokeRect(r.x, r.y, r.w, r.h);
  ctx.font = font.laneName;
  ctx.fillStyle = colour.laneName;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  if (pool.blackBox) {
    const c = center(r);
    const [line] = text.wrap(pool.name, font.laneName, Math.min(r.w, 600), 1);
    if (names) ctx.fillText(line ?? "", Math.min(c.x, 400), c.y);
    return;
  }
  paintPoolHeader(ctx, pool, text, names, zoom);
}

/** The name band at the left of a pool with lanes, the pool's name turned on its side. */
export function paintPoolHeader(ctx: CanvasRenderingContext2D, pool: PoolBand, text: TextLayout, names: boolean, zoom: number): void {
  const h = pool.header;
  ctx.lineWidth = width(1.5, zoom);
  ctx.strokeStyle = colour.shapeStroke;
  ctx.fillStyle = colour.header;
  ctx.fillRect(h.x, h.y, h.w, h.h);
  ctx.strokeRect(h.x, h.y, h.w, h.h);
  if (names) paintSideways(ctx, text, pool.name, h);
}

/** `name` on one line read bottom to top, centred in a narrow upright band (a pool's, a pinned lane's). */
export function paintSideways(ctx: CanvasRenderingContext2D, text: TextLayout, name: string, band: Rect): void {
  const c = center(band);
  const [line] = text.wrap(name, font.laneName, band.h - 12, 1);
  ctx.save();
  ctx.translate(c.x, c.y);
  ctx.rotate(-Math.PI / 2);
  ctx.font = font.laneName;
  ctx.fillStyle = colour.laneName;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(line ?? "", 0, 0);
  ctx.restore();
}

/** A dashed line from an open circle at the source to an open arrowhead at the target. */
export function paintMessage(ctx: CanvasRenderingContext2D, flow: FlowShape, zoom: number): void {
  const [first, ...rest] = flow.points;
  ctx.beginPath();
  ctx.moveTo(first!.x, first!.y);
  for (const p of rest) ctx.lineTo(p.x, p.y);
  ctx.lineWidth = width(1.2, zoom);
  ctx.strokeStyle = colour.flow;
  ctx.setLineDash([6, 4]);
  ctx.stroke();
  ctx.setLineDash([]);
  const start = messageStart(flow);
  ctx.beginPath();
  ctx.arc(start.x, start.y, 3.5, 0, Math.PI * 2);
  ctx.fillStyle = colour.shapeFill;
  ctx.fill();
  ctx.stroke();
  arrowPath(ctx, flow.arrow);
  ctx.fill();
  ctx.stroke();
}

/** The centre of a message flow's open circle: its radius along the first segment. */
function messageStart(flow: FlowShape): { x: number; y: number } {
  const a = flow.points[0]!;
  const b = flow.points[1] ?? a;
  const length = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1e-9);
  return { x: a.x + ((b.x - a.x) / length) * 3.5, y: a.y + ((b.y - a.y) / length) * 3.5 };
}

/** A dotted line; open arrowheads where it is directed. */
export function paintAssociation(ctx: CanvasRenderingContext2D, shape: AssociationShape, zoom: number): void {
  const [a, b] = shape.points;
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  for (const [tip, left, right] of shape.arrows) {
    ctx.moveTo(left.x, left.y);
    ctx.lineTo(tip.x, tip.y);
    ctx.lineTo(right.x, right.y);
  }
  ctx.lineWidth = width(1.2, zoom);
  ctx.strokeStyle = colour.flow;
  ctx.setLineDash([2, 3]);
  ctx.lineCap = "round";
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.lineCap = "butt";
}

export function paintArtifact(ctx: CanvasRenderingContext2D, shape: ArtifactShape, text: TextLayout, names: boolean, zoom: number): void {
  const r = shape.rect;
  const x1 = r.x + r.w;
  const y1 = r.y + r.h;
  ctx.lineWidth = width(1.2, zoom);
  ctx.strokeStyle = colour.shapeStroke;
  ctx.fillStyle = colour.shapeFill;
  ctx.setLineDash([]);
  ctx.beginPath();
  switch (shape.kind.type) {
    case "data_object": {
      const fold = Math.min(12, r.w / 3);
      ctx.moveTo(r.x, r.y);
      ctx.lineTo(x1 - fold, r.y);
      ctx.lineTo(x1, r.y + fold);
      ctx.lineTo(x1, y1);
      ctx.lineTo(r.x, y1);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x1 - fold, r.y);
      ctx.lineTo(x1 - fold, r.y + fold);
      ctx.lineTo(x1, r.y + fold);
      ctx.stroke();
      if (shape.kind.collection) paintMarker(ctx, collectionMarker(), r.x + (r.w - 12) / 2, y1 - 15, 1, colour.shapeStroke, colour.shapeFill);
      break;
    }
    case "data_store": {
      const ry = Math.min(8, r.h / 6);
      const rx = r.w / 2;
      const cx = r.x + rx;
      ctx.moveTo(r.x, r.y + ry);
      ctx.ellipse(cx, r.y + ry, rx, ry, 0, Math.PI, 0, false);
      ctx.lineTo(x1, y1 - ry);
      ctx.ellipse(cx, y1 - ry, rx, ry, 0, 0, Math.PI, false);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.beginPath();
      ctx.ellipse(cx, r.y + ry, rx, ry, 0, Math.PI, 0, true);
      ctx.moveTo(r.x, r.y + 2 * ry);
      ctx.ellipse(cx, r.y + 2 * ry, rx, ry, 0, Math.PI, 0, true);
      ctx.stroke();
      break;
    }
    case "annotation":
      ctx.moveTo(r.x + 12, r.y);
      ctx.lineTo(r.x, r.y);
      ctx.lineTo(r.x, y1);
      ctx.lineTo(r.x + 12, y1);
      ctx.stroke();
      break;
    case "group":
      ctx.setLineDash([8, 4, 2, 4]);
      ctx.strokeRect(r.x, r.y, r.w, r.h);
      ctx.setLineDash([]);
      break;
  }
  if (names) paintArtifactText(ctx, shape, text);
}

/** A data object's or store's name under it, a note's text inside its bracket, a group's name at its top left. */
function paintArtifactText(ctx: CanvasRenderingContext2D, shape: ArtifactShape, text: TextLayout): void {
  const r = shape.rect;
  const step = lineHeight.caption;
  ctx.font = font.caption;
  ctx.fillStyle = colour.nodeName;
  ctx.textBaseline = "middle";
  const draw = (lines: string[], x: number, top: number, align: CanvasTextAlign) => {
    ctx.textAlign = align;
    lines.forEach((line, i) => ctx.fillText(line, x, top + step / 2 + i * step));
  };
  const kind = shape.kind;
  switch (kind.type) {
    case "data_object":
    case "data_store":
      draw(text.wrap(kind.name, font.caption, 120, 2), r.x + r.w / 2, r.y + r.h + 4, "center");
      break;
    case "annotation": {
      const lines = text.wrap(kind.text, font.caption, r.w - 12, Math.max(1, Math.floor((r.h - 4) / step)));
      draw(lines, r.x + 6, r.y + (r.h - lines.length * step) / 2, "left");
      break;
    }
    case "group":
      draw(text.wrap(kind.name, font.caption, r.w - 16, 1), r.x + 8, r.y + 4, "left");
      break;
  }
}
