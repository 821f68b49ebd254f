import { intersects, union, type Point, type Rect } from "./geometry";

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 4;

/** Maps world to screen (CSS pixels of the canvas): screen = world * zoom + offset. */
export interface Viewport {
  zoom: number;
  offsetX: number;
  offsetY: number;
}

export interface ScreenSize {
  width: number;
  height: number;
}

export const IDENTITY: Viewport = { zoom: 1, offsetX: 0, offsetY: 0 };

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function worldToScreen(v: Viewport, p: Point): Point {
  return { x: p.x * v.zoom + v.offsetX, y: p.y * v.zoom + v.offsetY };
}

export function screenToWorld(v: Viewport, p: Point): Point {
  return { x: (p.x - v.offsetX) / v.zoom, y: (p.y - v.offsetY) / v.zoom };
}

export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { zoom: v.zoom, offsetX: v.offsetX + dx, offsetY: v.offsetY + dy };
}

/** Multiplies the zoom, keeping the world point under `anchor` (a screen point) where it is. */
export function zoomAround(v: Viewport, anchor: Point, factor: number): Viewport {
  const zoom = clampZoom(v.zoom * factor);
  const world = screenToWorld(v, anchor);
  return { zoom, offsetX: anchor.x - world.x * zoom, offsetY: anchor.y - world.y * zoom };
}

/** The world rectangle the screen shows. */
export function visibleWorld(v: Viewport, size: ScreenSize): Rect {
  const topLeft = screenToWorld(v, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, w: size.width / v.zoom, h: size.height / v.zoom };
}

export interface FitOptions {
  /** Screen pixels kept free around the content. */
  padding?: number;
  /** Never zoom in past this, so a tiny process is not blown up to poster size. */
  maxZoom?: number;
  /** Where spare vertical space goes: around the content, or below it. */
  vertical?: "center" | "top";
}

/** The viewport that shows all of `content`, centred horizontally. */
export function fitTo(content: Rect, size: ScreenSize, options: FitOptions = {}): Viewport {
  const { padding = 24, maxZoom = 1.25, vertical = "center" } = options;
  const availableW = Math.max(1, size.width - 2 * padding);
  const availableH = Math.max(1, size.height - 2 * padding);
  const fitted = Math.min(availableW / Math.max(content.w, 1), availableH / Math.max(content.h, 1), maxZoom);
  const zoom = clampZoom(fitted);
  return {
    zoom,
    offsetX: size.width / 2 - (content.x + content.w / 2) * zoom,
    offsetY: vertical === "top" ? padding - content.y * zoom : size.height / 2 - (content.y + content.h / 2) * zoom,
  };
}

/**
 * Below this zoom text is too small to read (a step name of 12.5 world px is under 9 screen px),
 * so a first view never opens smaller.
 */
export const READABLE_ZOOM = 0.7;

/**
 * The view a process opens with: the whole process when it fits at a readable zoom; otherwise
 * its full width when that is readable (the rest is a vertical scroll away); otherwise its
 * top-left corner at the readable zoom. Never larger than natural size.
 */
export function openingView(content: Rect, size: ScreenSize, padding = 24): Viewport {
  const fitted = fitTo(content, size, { padding, vertical: "top" });
  if (fitted.zoom >= READABLE_ZOOM && fitted.zoom <= 1) return fitted;
  const widthFit = (size.width - 2 * padding) / Math.max(content.w, 1);
  const zoom = fitted.zoom > 1 ? 1 : Math.min(1, Math.max(READABLE_ZOOM, widthFit));
  return { zoom, offsetX: padding - content.x * zoom, offsetY: padding - content.y * zoom };
}

/** Zoom that `centredOn` brings a far-out view up to, so the element can be read. */
export const FOCUS_ZOOM = 0.8;

/**
 * The view with `target` in the middle of the screen. The zoom is kept unless the element would
 * be unreadable (below `FOCUS_ZOOM`) or would not fit (then it is zoomed out to fit).
 */
export function centredOn(v: Viewport, target: Rect, size: ScreenSize, padding = 48): Viewport {
  const fits = Math.min((size.width - 2 * padding) / Math.max(target.w, 1), (size.height - 2 * padding) / Math.max(target.h, 1));
  const zoom = clampZoom(Math.min(Math.max(v.zoom, FOCUS_ZOOM), Math.max(fits, MIN_ZOOM)));
  return {
    zoom,
    offsetX: size.width / 2 - (target.x + target.w / 2) * zoom,
    offsetY: size.height / 2 - (target.y + target.h / 2) * zoom,
  };
}

/**
 * The view that shows `content` (e.g. everything that changed) as large as fits, up to 80 % (so some context shows);
 * content too big to read at once is shown from its top-left corner at the readable zoom.
 */
export function framed(content: Rect, size: ScreenSize, padding = 56): Viewport {
  const fitted = fitTo(content, size, { padding, maxZoom: 0.8 });
  if (fitted.zoom >= READABLE_ZOOM) return fitted;
  const zoom = READABLE_ZOOM;
  return { zoom, offsetX: padding - content.x * zoom, offsetY: padding - content.y * zoom };
}

/**
 * The view panned as little as needed to show all of `box` with `margin` screen pixels around
 * it (the zoom kept): appending a step off the edge moves the view by that step, not to centre it.
 * A box too big for the screen is shown from its top-left. With `kept` (the work in view before),
 * the view zooms out rather than pan that work away, as far as text stays readable.
 */
export function revealed(v: Viewport, box: Rect, size: ScreenSize, kept: Rect | null = null, margin = 32): Viewport {
  if (kept) {
    const both = union(kept, box);
    const fits = Math.min((size.width - 2 * margin) / Math.max(both.w, 1), (size.height - 2 * margin) / Math.max(both.h, 1));
    const zoom = Math.min(v.zoom, Math.max(fits, Math.min(v.zoom, READABLE_ZOOM)));
    // Zoomed about the kept work's top-left corner, so it stays where the eye left it.
    const anchor = worldToScreen(v, { x: kept.x, y: kept.y });
    const zoomed = zoom < v.zoom ? zoomAround(v, anchor, zoom / v.zoom) : v;
    return revealed(zoomed, zoom <= fits + 1e-9 ? both : box, size, null, margin);
  }
  /** How far to move a span [from, to] of screen pixels so it lies inside [0, screen] with the margin. */
  const shift = (from: number, to: number, screen: number): number => {
    if (to - from > screen - 2 * margin || from < margin) return margin - from;
    return to > screen - margin ? screen - margin - to : 0;
  };
  const topLeft = worldToScreen(v, { x: box.x, y: box.y });
  return {
    zoom: v.zoom,
    offsetX: v.offsetX + shift(topLeft.x, topLeft.x + box.w * v.zoom, size.width),
    offsetY: v.offsetY + shift(topLeft.y, topLeft.y + box.h * v.zoom, size.height),
  };
}

/** The union of the `boxes` that show (wholly or in part) in `visible`; null when none does. */
export function inView(boxes: readonly Rect[], visible: Rect): Rect | null {
  return boxes.filter((b) => intersects(b, visible)).reduce<Rect | null>((all, b) => (all ? union(all, b) : b), null);
}
