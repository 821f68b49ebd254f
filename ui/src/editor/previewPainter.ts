// What a gesture in progress looks like on the canvas: dashed outlines where elements would land,
// a rubber band, a connecting line, snap guides, a lane drop marker, and the selected flow's
// bend handles. World units; line widths divided by the zoom so they stay thin on screen.

import type { FlowShape } from "../canvas/scene";
import { bendHandles, type Preview } from "./gestures";

export function paintPreview(ctx: CanvasRenderingContext2D, zoom: number, preview: Preview, sceneWidth: number, selectedFlow: FlowShape | null): void {
  const { boxes, guides, band, line, dropAt } = preview;
  ctx.save();
  ctx.lineWidth = 1.5 / zoom;
  ctx.strokeStyle = "#2f6fde";
  ctx.setLineDash([5 / zoom, 4 / zoom]);
  for (const b of boxes) ctx.strokeRect(b.x, b.y, b.w, b.h);
  if (band) {
    ctx.fillStyle = "rgba(47, 111, 222, 0.08)";
    ctx.fillRect(band.x, band.y, band.w, band.h);
    ctx.strokeRect(band.x, band.y, band.w, band.h);
  }
  if (line) {
    ctx.beginPath();
    ctx.moveTo(line[0].x, line[0].y);
    ctx.lineTo(line[1].x, line[1].y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = "#e0457b";
  ctx.beginPath();
  for (const g of guides) {
    if (g.axis === "x") {
      ctx.moveTo(g.at, g.from - 20);
      ctx.lineTo(g.at, g.to + 20);
    } else {
      ctx.moveTo(g.from - 20, g.at);
      ctx.lineTo(g.to + 20, g.at);
    }
  }
  ctx.stroke();
  if (dropAt !== null) {
    ctx.fillStyle = "#2f6fde";
    ctx.fillRect(0, dropAt - 2 / zoom, sceneWidth, 4 / zoom);
  }
  if (selectedFlow) {
    ctx.fillStyle = "#ffffff";
    ctx.strokeStyle = "#2f6fde";
    for (const h of bendHandles(selectedFlow)) {
      const r = 4 / zoom;
      ctx.fillRect(h.x - r, h.y - r, 2 * r, 2 * r);
      ctx.strokeRect(h.x - r, h.y - r, 2 * r, 2 * r);
    }
  }
  ctx.restore();
}
