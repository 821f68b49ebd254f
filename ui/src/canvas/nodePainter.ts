import type { GatewayKind } from "../generated/GatewayKind";
import { center, type Rect } from "./geometry";
import { MAX_TEXT_LINES, type NodeShape } from "./scene";
import { paintBlock, type TextLayout } from "./textLayout";
import { colour, detailZoom, font, fontSize, lineHeight } from "./theme";

/** What a frame can afford to draw at the current zoom. */
export interface Detail {
  zoom: number;
  names: boolean;
  smallText: boolean;
}

/** Stroke width in world units that never gets thinner than `minPixels` on screen. */
export function strokeWidth(width: number, zoom: number, minPixels = 0.6): number {
  return Math.max(width, minPixels / zoom);
}

export function detailFor(zoom: number): Detail {
  return { zoom, names: zoom >= detailZoom.names, smallText: zoom >= detailZoom.smallText };
}

export function paintNode(ctx: CanvasRenderingContext2D, node: NodeShape, text: TextLayout, detail: Detail): void {
  switch (node.kind.type) {
    case "task":
      paintActivity(ctx, node, text, detail, 1.5, node.kind.assignee, node.kind.sla);
      break;
    case "call":
      // The boxed plus sits where a task shows its assignee.
      paintActivity(ctx, node, text, detail, 3.5, "", undefined);
      paintCallMarker(ctx, node.rect, detail.zoom);
      break;
    case "gateway":
      paintGateway(ctx, node.rect, node.kind.gateway, detail.zoom);
      break;
    case "start":
      paintCircle(ctx, node.rect, 1.5, colour.startStroke, colour.startFill, detail.zoom);
      break;
    case "end":
      paintCircle(ctx, node.rect, 3.5, colour.endStroke, colour.endFill, detail.zoom);
      break;
    case "catch":
    case "throw":
    case "boundary":
      if (node.kind.trigger?.on === "timer") paintTimer(ctx, node.rect, detail.zoom);
      else paintCircle(ctx, node.rect, 1.5, colour.shapeStroke, colour.shapeFill, detail.zoom);
      break;
    case "sub_process":
      paintActivity(ctx, node, text, detail, 1.5, "", undefined);
      break;
  }
  if (node.caption && detail.names) paintCaption(ctx, node, text);
}

function paintActivity(
  ctx: CanvasRenderingContext2D,
  node: NodeShape,
  text: TextLayout,
  detail: Detail,
  border: number,
  subtitle: string,
  sla: string | undefined,
): void {
  const r = node.rect;
  const inset = border / 2;
  ctx.beginPath();
  roundedRect(ctx, r.x + inset, r.y + inset, r.w - border, r.h - border, 9);
  ctx.fillStyle = colour.shapeFill;
  ctx.fill();
  ctx.lineWidth = strokeWidth(border, detail.zoom);
  ctx.strokeStyle = border > 2 ? colour.callStroke : colour.shapeStroke;
  ctx.stroke();
  if (!detail.names) return;

  const padding = 8;
  const showSubtitle = detail.smallText && subtitle.trim() !== "";
  const subtitleSpace = showSubtitle ? lineHeight.nodeName : 0;
  const maxLines = Math.max(1, Math.floor((r.h - 2 * 6 - subtitleSpace) / lineHeight.nodeName));
  const lines = text.wrap(node.name, font.nodeName, r.w - 2 * padding, maxLines);
  const blockHeight = lines.length * lineHeight.nodeName;
  let y = r.y + (r.h - subtitleSpace - blockHeight) / 2 + lineHeight.nodeName / 2;
  ctx.font = font.nodeName;
  ctx.fillStyle = colour.nodeName;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const cx = r.x + r.w / 2;
  for (const line of lines) {
    ctx.fillText(line, cx, y);
    y += lineHeight.nodeName;
  }
  if (showSubtitle) {
    const [line] = text.wrap(subtitle, font.nodeDetail, r.w - 2 * padding, 1);
    ctx.font = font.nodeDetail;
    ctx.fillStyle = colour.nodeDetail;
    ctx.fillText(line ?? "", cx, r.y + r.h - 6 - lineHeight.nodeName / 2);
  }
  if (sla && detail.smallText) paintSlaBadge(ctx, r, `SLA ${sla}`, text);
}

/** A pill straddling the top border at the right, so it reads as a property of the box. */
function paintSlaBadge(ctx: CanvasRenderingContext2D, r: Rect, label: string, text: TextLayout): void {
  const width = text.width(label, font.badge) + 10;
  const height = fontSize.badge + 6;
  const x = r.x + r.w - width - 8;
  const y = r.y - height / 2;
  ctx.beginPath();
  roundedRect(ctx, x, y, width, height, height / 2);
  ctx.fillStyle = colour.slaFill;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = colour.slaStroke;
  ctx.stroke();
  ctx.font = font.badge;
  ctx.fillStyle = colour.slaText;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(label, x + width / 2, y + height / 2 + 0.5);
}

/** `ctx.roundRect` is missing from older WebKitGTK builds that Linux desktops still ship. */
export function roundedRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, radius: number): void {
  const r = Math.min(radius, w / 2, h / 2);
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** BPMN's collapsed-subprocess marker: a small boxed plus at the bottom centre. */
function paintCallMarker(ctx: CanvasRenderingContext2D, r: Rect, zoom: number): void {
  const size = 10;
  const x = r.x + r.w / 2 - size / 2;
  const y = r.y + r.h - size - 3;
  ctx.lineWidth = strokeWidth(1, zoom);
  ctx.strokeStyle = colour.callStroke;
  ctx.strokeRect(x, y, size, size);
  ctx.beginPath();
  ctx.moveTo(x + 2.5, y + size / 2);
  ctx.lineTo(x + size - 2.5, y + size / 2);
  ctx.moveTo(x + size / 2, y + 2.5);
  ctx.lineTo(x + size / 2, y + size - 2.5);
  ctx.stroke();
}

function paintGateway(ctx: CanvasRenderingContext2D, r: Rect, kind: GatewayKind, zoom: number): void {
  const c = center(r);
  ctx.beginPath();
  ctx.moveTo(c.x, r.y);
  ctx.lineTo(r.x + r.w, c.y);
  ctx.lineTo(c.x, r.y + r.h);
  ctx.lineTo(r.x, c.y);
  ctx.closePath();
  ctx.fillStyle = colour.gatewayFill;
  ctx.fill();
  ctx.lineWidth = strokeWidth(1.5, zoom);
  ctx.strokeStyle = colour.gatewayStroke;
  ctx.stroke();

  const arm = Math.min(r.w, r.h) * 0.2;
  ctx.beginPath();
  if (kind === "exclusive") {
    ctx.moveTo(c.x - arm * 0.8, c.y - arm * 0.8);
    ctx.lineTo(c.x + arm * 0.8, c.y + arm * 0.8);
    ctx.moveTo(c.x + arm * 0.8, c.y - arm * 0.8);
    ctx.lineTo(c.x - arm * 0.8, c.y + arm * 0.8);
  } else if (kind === "parallel" || kind === "complex") {
    ctx.moveTo(c.x - arm, c.y);
    ctx.lineTo(c.x + arm, c.y);
    ctx.moveTo(c.x, c.y - arm);
    ctx.lineTo(c.x, c.y + arm);
  } else {
    ctx.arc(c.x, c.y, arm, 0, Math.PI * 2);
  }
  ctx.lineWidth = strokeWidth(kind === "inclusive" || kind === "event_based" ? 2.5 : 3.5, zoom);
  ctx.lineCap = "round";
  ctx.strokeStyle = colour.shapeStroke;
  ctx.stroke();
  ctx.lineCap = "butt";
}

function paintCircle(ctx: CanvasRenderingContext2D, r: Rect, border: number, stroke: string, fill: string, zoom: number): void {
  const c = center(r);
  ctx.beginPath();
  ctx.arc(c.x, c.y, Math.min(r.w, r.h) / 2 - border / 2, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = strokeWidth(border, zoom);
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

/** Double ring with a clock face: BPMN's intermediate timer event. */
function paintTimer(ctx: CanvasRenderingContext2D, r: Rect, zoom: number): void {
  const c = center(r);
  const outer = Math.min(r.w, r.h) / 2 - 0.75;
  paintCircle(ctx, r, 1.5, colour.shapeStroke, colour.shapeFill, zoom);
  ctx.beginPath();
  ctx.arc(c.x, c.y, outer - 3.5, 0, Math.PI * 2);
  ctx.lineWidth = strokeWidth(1, zoom);
  ctx.stroke();

  const face = outer * 0.6;
  ctx.beginPath();
  ctx.arc(c.x, c.y, face, 0, Math.PI * 2);
  ctx.stroke();
  if (zoom < detailZoom.smallText) return;
  ctx.beginPath();
  for (let hour = 0; hour < 12; hour++) {
    const angle = (hour / 12) * Math.PI * 2;
    const sin = Math.sin(angle);
    const cos = Math.cos(angle);
    ctx.moveTo(c.x + sin * face * 0.78, c.y - cos * face * 0.78);
    ctx.lineTo(c.x + sin * face, c.y - cos * face);
  }
  ctx.moveTo(c.x, c.y);
  ctx.lineTo(c.x, c.y - face * 0.7);
  ctx.moveTo(c.x, c.y);
  ctx.lineTo(c.x + face * 0.5, c.y + face * 0.1);
  ctx.lineWidth = strokeWidth(0.9, zoom);
  ctx.stroke();
}

function paintCaption(ctx: CanvasRenderingContext2D, node: NodeShape, text: TextLayout): void {
  paintBlock(ctx, text, node.caption!, {
    font: font.caption,
    fill: colour.nodeName,
    lineHeight: lineHeight.caption,
    halo: colour.halo,
    maxLines: MAX_TEXT_LINES,
  });
}
