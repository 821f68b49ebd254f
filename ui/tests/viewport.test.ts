import { describe, expect, it } from "vitest";
import type { Rect } from "../src/canvas/geometry";
import {
  clampZoom,
  fitTo,
  MAX_ZOOM,
  MIN_ZOOM,
  inView,
  openingView,
  revealed,
  READABLE_ZOOM,
  panBy,
  screenToWorld,
  visibleWorld,
  worldToScreen,
  zoomAround,
  type Viewport,
} from "../src/canvas/viewport";

const viewports: Viewport[] = [
  { zoom: 1, offsetX: 0, offsetY: 0 },
  { zoom: 0.37, offsetX: 120.5, offsetY: -48 },
  { zoom: 3.2, offsetX: -2500, offsetY: 900 },
];
const points = [
  { x: 0, y: 0 },
  { x: 1234.5, y: -87.25 },
  { x: -40, y: 5000 },
];

describe("viewport", () => {
  it("round-trips world → screen → world", () => {
    for (const v of viewports) {
      for (const p of points) {
        const back = screenToWorld(v, worldToScreen(v, p));
        expect(back.x).toBeCloseTo(p.x, 9);
        expect(back.y).toBeCloseTo(p.y, 9);
      }
    }
  });

  it("keeps the world point under the cursor fixed while zooming", () => {
    for (const v of viewports) {
      for (const anchor of [{ x: 0, y: 0 }, { x: 640, y: 360 }, { x: 13, y: 799 }]) {
        for (const factor of [0.5, 1.1, 2.75]) {
          const before = screenToWorld(v, anchor);
          const after = screenToWorld(zoomAround(v, anchor, factor), anchor);
          expect(after.x).toBeCloseTo(before.x, 9);
          expect(after.y).toBeCloseTo(before.y, 9);
        }
      }
    }
  });

  it("clamps zoom to 0.1–4, also when zooming around a point", () => {
    expect(clampZoom(0.01)).toBe(MIN_ZOOM);
    expect(clampZoom(40)).toBe(MAX_ZOOM);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(zoomAround(viewports[2]!, { x: 10, y: 10 }, 100).zoom).toBe(MAX_ZOOM);
    expect(zoomAround(viewports[1]!, { x: 10, y: 10 }, 0.001).zoom).toBe(MIN_ZOOM);
  });

  it("pans by screen pixels", () => {
    const v = panBy(viewports[1]!, 30, -12);
    expect(worldToScreen(v, points[1]!)).toEqual({
      x: worldToScreen(viewports[1]!, points[1]!).x + 30,
      y: worldToScreen(viewports[1]!, points[1]!).y - 12,
    });
  });

  const contents: Rect[] = [
    { x: 0, y: 0, w: 3260, h: 800 },
    { x: -200, y: 100, w: 400, h: 2000 },
    { x: 50, y: 50, w: 10, h: 10 },
  ];
  const sizes = [
    { width: 1336, height: 828 },
    { width: 400, height: 300 },
  ];

  it("fits all content inside the view with the padding, centred horizontally", () => {
    for (const content of contents) {
      for (const size of sizes) {
        for (const vertical of ["center", "top"] as const) {
          const padding = 24;
          const v = fitTo(content, size, { padding, vertical });
          const topLeft = worldToScreen(v, { x: content.x, y: content.y });
          const bottomRight = worldToScreen(v, { x: content.x + content.w, y: content.y + content.h });
          expect(topLeft.x).toBeGreaterThanOrEqual(padding - 1e-6);
          expect(topLeft.y).toBeGreaterThanOrEqual(padding - 1e-6);
          expect(bottomRight.x).toBeLessThanOrEqual(size.width - padding + 1e-6);
          expect(bottomRight.y).toBeLessThanOrEqual(size.height - padding + 1e-6);
          expect(topLeft.x + bottomRight.x).toBeCloseTo(size.width, 6);
          const view = visibleWorld(v, size);
          expect(view.x).toBeLessThanOrEqual(content.x);
          expect(view.x + view.w).toBeGreaterThanOrEqual(content.x + content.w);
        }
      }
    }
  });

  it("stops at the minimum zoom for content too large to fit", () => {
    expect(fitTo({ x: 0, y: 0, w: 100_000, h: 100 }, { width: 1000, height: 800 }).zoom).toBe(MIN_ZOOM);
  });

  it("does not blow a tiny process up past the fit limit", () => {
    expect(fitTo({ x: 0, y: 0, w: 10, h: 10 }, { width: 1000, height: 800 }, { maxZoom: 1.25 }).zoom).toBe(1.25);
  });

  it("aligns content to the top when asked", () => {
    const v = fitTo({ x: 0, y: 40, w: 3000, h: 500 }, { width: 1000, height: 800 }, { padding: 20, vertical: "top" });
    expect(worldToScreen(v, { x: 0, y: 40 }).y).toBeCloseTo(20, 9);
  });
});

describe("openingView", () => {
  const size = { width: 1000, height: 700 };

  it("shows the whole process when it fits at a readable zoom", () => {
    const content = { x: 0, y: 0, w: 1200, h: 600 };
    expect(openingView(content, size)).toEqual(fitTo(content, size, { vertical: "top" }));
  });

  it("opens a small process at its natural size, not blown up", () => {
    const view = openingView({ x: 0, y: 0, w: 400, h: 160 }, size);
    expect(view.zoom).toBe(1);
    expect(worldToScreen(view, { x: 0, y: 0 })).toEqual({ x: 24, y: 24 });
  });

  it("opens a tall process at its full width, readable, to be scrolled down", () => {
    const view = openingView({ x: 0, y: 0, w: 1200, h: 2400 }, size);
    expect(view.zoom).toBeCloseTo(952 / 1200, 9);
    expect(view.zoom).toBeGreaterThan(READABLE_ZOOM);
    expect(worldToScreen(view, { x: 1200, y: 0 }).x).toBeCloseTo(1000 - 24, 9);
  });

  it("opens a wide process at its top-left corner, still readable", () => {
    const view = openingView({ x: 0, y: 0, w: 3000, h: 800 }, size);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(worldToScreen(view, { x: 0, y: 0 })).toEqual({ x: 24, y: 24 });
  });
});

describe("revealed", () => {
  const size = { width: 1000, height: 700 };
  const v = { zoom: 1, offsetX: 0, offsetY: 0 };

  it("pans just enough to show a step past the right edge, not to centre it", () => {
    const next = revealed(v, { x: 980, y: 100, w: 140, h: 64 }, size);
    expect(next).toEqual({ zoom: 1, offsetX: 1000 - 32 - 1120, offsetY: 0 });
  });

  it("leaves the view alone when the step is in it", () => {
    expect(revealed(v, { x: 100, y: 100, w: 140, h: 64 }, size)).toEqual(v);
  });
});

describe("revealed, keeping the work in view", () => {
  const size = { width: 1000, height: 700 };
  const v = { zoom: 1, offsetX: 0, offsetY: 0 };
  const onScreen = (view: Viewport, r: Rect) => {
    const a = worldToScreen(view, r);
    return { x: a.x, y: a.y, w: r.w * view.zoom, h: r.h * view.zoom };
  };
  const inside = (r: Rect) => r.x >= 0 && r.y >= 0 && r.x + r.w <= size.width && r.y + r.h <= size.height;

  it("zooms out a step, rather than pan the first steps out, when the new one lies past the edge", () => {
    const kept = { x: 150, y: 100, w: 800, h: 64 };
    const step = { x: 1020, y: 100, w: 140, h: 64 };
    const next = revealed(v, step, size, kept);
    expect(next.zoom).toBeLessThan(1);
    expect(next.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(inside(onScreen(next, kept)) && inside(onScreen(next, step))).toBe(true);
  });

  it("only pans when both fit at this zoom", () => {
    const kept = { x: 400, y: 100, w: 300, h: 64 };
    const next = revealed(v, { x: 980, y: 100, w: 140, h: 64 }, size, kept);
    expect(next.zoom).toBe(1);
    expect(inside(onScreen(next, kept))).toBe(true);
  });

  it("never zooms out past readable: then it pans to the new step as before", () => {
    const kept = { x: 0, y: 100, w: 1400, h: 64 };
    const step = { x: 1600, y: 100, w: 140, h: 64 };
    const next = revealed(v, step, size, kept);
    expect(next.zoom).toBe(READABLE_ZOOM);
    expect(inside(onScreen(next, step))).toBe(true);
    const far = { zoom: 0.5, offsetX: 0, offsetY: 0 };
    expect(revealed(far, { x: 2100, y: 100, w: 140, h: 64 }, size, kept).zoom).toBe(0.5);
  });

  it("keeps the steps drawn in view, wholly or in part", () => {
    const visible = { x: 0, y: 0, w: 1000, h: 700 };
    const boxes = [{ x: 100, y: 100, w: 50, h: 50 }, { x: 950, y: 100, w: 140, h: 64 }, { x: 1200, y: 100, w: 140, h: 64 }];
    expect(inView(boxes, visible)).toEqual({ x: 100, y: 100, w: 990, h: 64 });
    expect(inView(boxes.slice(2), visible)).toBeNull();
  });
});
