import { describe, expect, it } from "vitest";
import { mergeLayers } from "../src/canvas/decorations";
import { placeGhosts } from "../src/canvas/ghosts";
import { hitTest } from "../src/canvas/hitTest";
import { badgeBesideFlow, badgeBesideNode } from "../src/canvas/overlayPainter";
import { buildScene } from "../src/canvas/scene";
import { centredOn, FOCUS_ZOOM, framed, READABLE_ZOOM } from "../src/canvas/viewport";
import type { Process } from "../src/generated/Process";
import { payablesV2, payablesV3, twoLaneProcess } from "./fixtures";

const nodeId = (process: Process, name: string) => process.nodes.find((n) => n.name === name)!.id;

describe("decoration layers", () => {
  it("merge field by field, later layers winning, so a badge and a highlight combine", () => {
    const merged = mergeLayers([
      { byElementId: { a: { highlight: "added" }, b: { highlight: "changed", note: "re-created" } } },
      { byElementId: { a: { marker: "error" }, b: { highlight: "moved" } } },
    ]);
    expect(Object.fromEntries(merged.byId)).toEqual({
      a: { highlight: "added", marker: "error" },
      b: { highlight: "moved", note: "re-created" },
    });
    expect(merged.ghosts).toBeNull();
  });
});

describe("ghosts of removed elements", () => {
  it("keep their place inside their old lane, wherever that lane is now", () => {
    // v3 made "Invoice approval" 60 taller, so the payment run lane (and the removed timer) moved down 60.
    const timer = nodeId(payablesV2, "Next payment run");
    const old = buildScene(payablesV2).nodes.find((n) => n.id === timer)!;
    const ghosts = placeGhosts(buildScene(payablesV3), { process: payablesV2, ids: [timer] });
    expect(ghosts.nodes.map((n) => n.id)).toEqual([timer]);
    expect(ghosts.nodes[0]!.rect).toEqual({ ...old.rect, y: old.rect.y + 60 });
    expect(ghosts.lanes).toEqual([]);
    expect(ghosts.bounds).toEqual(ghosts.nodes[0]!.bbox);
  });

  it("move a removed flow with its lane when its ends kept their places", () => {
    const flow = payablesV2.flows.find((f) => f.source === nodeId(payablesV2, "Next payment run"))!;
    const old = buildScene(payablesV2).flows.find((f) => f.id === flow.id)!;
    const ghost = placeGhosts(buildScene(payablesV3), { process: payablesV2, ids: [flow.id] }).flows[0]!;
    expect(ghost.points).toEqual(old.points.map((p) => ({ x: p.x, y: p.y + 60 })));
    expect(ghost.texts).toEqual([]);
  });

  it("stack removed lanes below the current ones, with their nodes", () => {
    const old = twoLaneProcess();
    const current: Process = { ...old, lanes: old.lanes.filter((l) => l.id === "lane-a"), nodes: old.nodes.filter((n) => n.lane === "lane-a"), flows: [old.flows[0]!] };
    const ghosts = placeGhosts(buildScene(current), { process: old, ids: ["lane-b", "task-b", "f2"] });
    expect(ghosts.lanes.map((l) => [l.id, l.rect.y])).toEqual([["lane-b", 180 + 28]]);
    // task-b sat 30 below lane B's top.
    expect(ghosts.nodes[0]!.rect.y).toBe(180 + 28 + 30);
    // The flow from a kept lane into the removed one is routed again between where its ends are now.
    const end = ghosts.flows[0]!.points.at(-1)!;
    const task = ghosts.nodes[0]!.rect;
    expect(end.x >= task.x && end.x <= task.x + task.w && end.y >= task.y && end.y <= task.y + task.h).toBe(true);
  });
});

describe("hit-testing", () => {
  const scene = buildScene(twoLaneProcess());
  const hit = (x: number, y: number, zoom = 1, left = -Infinity) => hitTest(scene, null, { x, y }, zoom, left);

  it("finds nodes by their shape, flows near their line, lane headers, or nothing", () => {
    expect(hit(410, 80)).toBe("task-a");
    // The start event is a circle: its bounding box corner is empty canvas.
    expect(hit(268, 80)).toBe("start");
    expect(hit(251, 63)).toBeNull();
    const f1 = scene.flows.find((f) => f.id === "f1")!;
    const [a, b] = f1.points;
    expect(hit((a!.x + b!.x) / 2, (a!.y + b!.y) / 2 + 3)).toBe("f1");
    expect(hit(100, 300)).toBe("lane-b");
    expect(hit(900, 20)).toBeNull();
  });

  it("widens the tolerance when zoomed out, and sees the header where it sticks", () => {
    const f1 = scene.flows.find((f) => f.id === "f1")!;
    const [a, b] = f1.points;
    const mid = { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 };
    expect(hit(mid.x, mid.y + 12, 1)).toBeNull();
    expect(hit(mid.x, mid.y + 12, 0.25)).toBe("f1");
    // Scrolled so the view starts at x=300: the pinned strip covers 300..322 and wins over what
    // lies under it; beside the strip, task-a is hit as drawn.
    expect(hit(310, 80, 1, 300)).toBe("lane-a");
    expect(hit(410, 80, 1, 300)).toBe("task-a");
  });

  it("finds ghosts too", () => {
    const ghosts = placeGhosts(scene, { process: payablesV2, ids: [nodeId(payablesV2, "Next payment run")] });
    const r = ghosts.nodes[0]!.rect;
    expect(hitTest(scene, ghosts, { x: r.x + r.w / 2, y: r.y + r.h / 2 }, 1)).toBe(nodeId(payablesV2, "Next payment run"));
  });
});

describe("centring and framing", () => {
  const size = { width: 1000, height: 600 };

  it("centres an element, zooming in only as far as readable", () => {
    const v = centredOn({ zoom: 0.3, offsetX: 0, offsetY: 0 }, { x: 1000, y: 400, w: 140, h: 64 }, size);
    expect(v.zoom).toBe(FOCUS_ZOOM);
    expect(1070 * v.zoom + v.offsetX).toBeCloseTo(500);
    expect(432 * v.zoom + v.offsetY).toBeCloseTo(300);
    expect(centredOn({ zoom: 2, offsetX: 0, offsetY: 0 }, { x: 0, y: 0, w: 100, h: 100 }, size).zoom).toBe(2);
  });

  it("zooms out to fit an element larger than the view", () => {
    const v = centredOn({ zoom: 1, offsetX: 0, offsetY: 0 }, { x: 0, y: 0, w: 3000, h: 100 }, size);
    expect(v.zoom).toBeCloseTo((1000 - 96) / 3000);
  });

  it("frames content up to 80 %, or shows its top-left at a readable zoom", () => {
    expect(framed({ x: 0, y: 0, w: 200, h: 100 }, size).zoom).toBe(0.8);
    const wide = framed({ x: 500, y: 100, w: 5000, h: 400 }, size);
    expect(wide).toEqual({ zoom: READABLE_ZOOM, offsetX: 56 - 500 * READABLE_ZOOM, offsetY: 56 - 100 * READABLE_ZOOM });
  });
});

describe("problem badges sit beside their element", () => {
  const scene = buildScene(payablesV2);
  const radius = (zoom: number) => Math.max(7.5, 8 / zoom);

  it("a step's badge touches its top-left corner from outside, off its name", () => {
    for (const zoom of [0.5, 1, 2]) {
      for (const node of scene.nodes) {
        const at = badgeBesideNode(node.rect, zoom);
        expect(at.x).toBeLessThan(node.rect.x);
        expect(at.y).toBeLessThan(node.rect.y);
        expect(Math.hypot(node.rect.x - at.x, node.rect.y - at.y)).toBeCloseTo(radius(zoom) * Math.SQRT2 * 0.7, 5);
      }
    }
  });

  it("a flow's badge keeps clear of every segment of its line", () => {
    const zoom = 1;
    for (const flow of scene.flows) {
      const at = badgeBesideFlow(flow, zoom);
      for (let i = 1; i < flow.points.length; i++) {
        const [a, b] = [flow.points[i - 1]!, flow.points[i]!];
        // Orthogonal segments: the distance to the segment's box.
        const dx = Math.max(Math.min(a.x, b.x) - at.x, 0, at.x - Math.max(a.x, b.x));
        const dy = Math.max(Math.min(a.y, b.y) - at.y, 0, at.y - Math.max(a.y, b.y));
        const clear = Math.hypot(dx, dy) >= radius(zoom);
        if (!clear) throw new Error(`the badge of ${flow.id} at ${JSON.stringify(at)} lies over segment ${i}`);
      }
    }
  });
});
