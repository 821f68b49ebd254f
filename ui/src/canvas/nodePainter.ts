import type { GatewayKind } from "../generated/GatewayKind";
import { center, type Rect } from "./geometry";
import { MAX_TEXT_LINES, type NodeShape } from "./scene";
import { paintBlock, type TextLayout } from "./textLayout";
import { activityMarkers, MARKER_ROW, paintActivityMarkers, paintEvent, paintExpanded, paintGatewayMarker } from "./notationPainter";
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
  const kind = node.kind;
  switch (kind.type) {
    case "task":
      paintActivity(ctx, node, text, detail, 1.5, kind.assignee, kind.sla);
      paintActivityMarkers(ctx, node);
      break;
    case "call":
      paintActivity(ctx, node, text, detail, 3.5, "", undefined);
      paintActivityMarkers(ctx, node);
      break;
    case "sub_process":
      if (kind.expanded) {
        paintExpanded(ctx, node, text, detail.names, detail.zoom, (x, y, w, h, r) => roundedRect(ctx, x, y, w, h, r));
        break;
      }
      paintActivity(ctx, node, text, detail, 1.5, "", undefined);
      if (kind.sub === "transaction") {
        const r = node.rect;
        ctx.beginPath();
        roundedRect(ctx, r.x + 4, r.y + 4, r.w - 8, r.h - 8, 6);
        ctx.lineWidth = strokeWidth(1, detail.zoom);
        ctx.stroke();
      }
      paintActivityMarkers(ctx, node);
      break;
    case "gateway":
      paintGateway(ctx, node.rect, kind.gateway, detail.zoom);
      break;
    default:
      paintEvent(ctx, node, detail.zoom);
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
  // Loop, instance and collapsed markers sit at the bottom centre, under the subtitle.
  const marked = activityMarkers(node.kind).length > 0 ? MARKER_ROW : 0;
  const subtitleSpace = (showSubtitle ? lineHeight.nodeName : 0) + marked;
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
    ctx.fillText(line ?? "", cx, r.y + r.h - 6 - marked - lineHeight.nodeName / 2);
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
  } else if (paintGatewayMarker(ctx, r, kind)) {
    return;
  } else if (kind === "parallel") {
    ctx.moveTo(c.x - arm, c.y);
    ctx.lineTo(c.x + arm, c.y);
    ctx.moveTo(c.x, c.y - arm);
    ctx.lineTo(c.x, c.y + arm);
  } else {
    ctx.arc(c.x, c.y, arm, 0, Math.PI * 2);
  }
  ctx.lineWidth = strokeWidth(kind === "inclusive" ? 2.5 : 3.5, zoom);
  ctx.lineCap = "round";
  ctx.strokeStyle = colour.shapeStroke;
  ctx.stroke();
  ctx.lineCap = "butt";
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
