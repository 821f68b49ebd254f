import type { ElementDecoration } from "./decorations";
import type { ShownVersion } from "./index";
import type { FrameStats } from "./render";
import type { Scene, Selectable } from "./scene";
import type { Viewport } from "./viewport";

/** What one frame drew, as the canvas element's data attributes report it. */
export interface FrameFacts {
  scene: Scene | null;
  version: ShownVersion | null;
  selected: readonly string[];
  /** The shape of the last selected element, when it is drawn. */
  selectedShape: Selectable | undefined;
  viewport: Viewport;
  mode: string;
  scenes: number;
  drawMs: number;
  /** From asking for this frame to the display giving it (0 for a frame drawn at once). */
  waitMs: number;
  decorated: ReadonlyArray<[string, ElementDecoration]>;
  stats: FrameStats;
}

/**
 * Writes what a frame drew onto the canvas element's data attributes; end-to-end tests and the
 * benchmark wait on them rather than on pixels.
 */
export function describeFrame(element: HTMLCanvasElement, facts: FrameFacts): void {
  const data = element.dataset;
  const { scene, viewport } = facts;
  if (!scene) {
    for (const key of ["processId", "processName", "version", "readOnly", "lanes", "nodesTotal", "flowsTotal"]) delete data[key];
  } else {
    data.processId = scene.processId;
    data.processName = scene.processName;
    if (facts.version) {
      data.version = String(facts.version.number);
      data.readOnly = String(facts.version.readOnly);
    } else {
      delete data.version;
      delete data.readOnly;
    }
    data.lanes = scene.lanes.map((lane) => lane.name).join("|");
    data.nodesTotal = String(scene.nodes.length);
    data.flowsTotal = String(scene.flows.length);
  }
  if (facts.selected.length > 0) data.selected = facts.selected.join(" ");
  else delete data.selected;
  const box = facts.selectedShape;
  if (box) {
    // Where the last selected element is on screen (client pixels), for tools placed beside it.
    const r = "header" in box ? box.header : "outline" in box ? box.rect : box.bbox;
    const bounds = element.getBoundingClientRect();
    const z = viewport.zoom;
    data.selectionBox = [bounds.left + viewport.offsetX + r.x * z, bounds.top + viewport.offsetY + r.y * z, r.w * z, r.h * z].map(Math.round).join(",");
  } else {
    delete data.selectionBox;
  }
  data.mode = facts.mode;
  // For the benchmark in benches/editor.mjs: which scene this frame shows, its paint time, how
  // long it waited for the display and when it was painted (performance.now()).
  data.scene = String(facts.scenes);
  data.drawMs = facts.drawMs.toFixed(2);
  data.waitMs = facts.waitMs.toFixed(1);
  data.drawnAt = performance.now().toFixed(1);
  data.decorated = String(facts.decorated.length);
  data.highlighted = facts.decorated.flatMap(([id, d]) => (d.highlight ? [`${id}=${d.highlight}`] : [])).join(" ");
  data.notes = facts.decorated.flatMap(([, d]) => (d.note ? [d.note] : [])).join("|");
  data.nodesDrawn = String(facts.stats.nodesDrawn);
  data.zoom = viewport.zoom.toFixed(3);
  data.offset = `${Math.round(viewport.offsetX)},${Math.round(viewport.offsetY)}`;
}
