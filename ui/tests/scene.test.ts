import { describe, expect, it } from "vitest";
import { bottom, intersects, right, type Point, type Rect } from "../src/canvas/geometry";
import { buildScene, DEFAULT_LANE_HEIGHT, type NodeShape } from "../src/canvas/scene";
import { allSamples, contracts, onboarding, twoLaneProcess } from "./fixtures";

describe("lane stacking", () => {
  it("stacks lanes by order, using layout heights and the default for missing ones", () => {
    const scene = buildScene(twoLaneProcess());
    expect(scene.lanes.map((l) => l.name)).toEqual(["First", "Second"]);
    expect(scene.lanes.map((l) => [l.rect.y, l.rect.h])).toEqual([
      [0, 180],
      [180, DEFAULT_LANE_HEIGHT],
    ]);
    expect(scene.lanes.map((l) => l.index)).toEqual([0, 1]);
  });

  it("makes every band as wide as the content and the scene as tall as the bands", () => {
    const scene = buildScene(onboarding);
    const width = scene.lanes[0]!.rect.w;
    for (const lane of scene.lanes) expect(lane.rect.w).toBe(width);
    for (const node of scene.nodes) expect(right(node.rect)).toBeLessThan(width);
    expect(bottom(scene.lanes.at(-1)!.rect)).toBe(onboarding.lanes.reduce((sum, l) => sum + onboarding.layout.lanes[l.id]!, 0));
  });

  it("orders the onboarding sample's lanes HR, IT, Facilities, Hiring manager", () => {
    expect(buildScene(onboarding).lanes.map((l) => l.team)).toEqual(["HR", "IT Service Desk", "Facilities", "Hiring manager"]);
  });
});

describe("node placement", () => {
  it.each(allSamples)("puts each node of %s at its lane's top plus its relative y", (_, process) => {
    const scene = buildScene(process);
    const laneTop = new Map(scene.lanes.map((l) => [l.id, l.rect.y]));
    for (const node of scene.nodes) {
      const box = process.layout.nodes[node.id]!;
      expect(node.rect).toEqual({ x: box.x, y: laneTop.get(node.laneId)! + box.y, w: box.w, h: box.h });
    }
  });

  it("places nodes without a layout box after their lane's last node", () => {
    const process = twoLaneProcess();
    process.nodes.push({ id: "late", lane: "lane-a", name: "Added later", kind: { type: "end" } });
    const late = buildScene(process).nodes.find((n) => n.id === "late")!;
    expect(late.rect.x).toBeGreaterThanOrEqual(480);
    expect(late.rect.y).toBeGreaterThanOrEqual(0);
    expect(bottom(late.rect)).toBeLessThanOrEqual(180);
  });
});

function onBorder(rect: Rect, p: Point): boolean {
  const within = (v: number, lo: number, hi: number) => v >= lo - 0.01 && v <= hi + 0.01;
  const onVertical = (Math.abs(p.x - rect.x) < 0.01 || Math.abs(p.x - right(rect)) < 0.01) && within(p.y, rect.y, bottom(rect));
  const onHorizontal = (Math.abs(p.y - rect.y) < 0.01 || Math.abs(p.y - bottom(rect)) < 0.01) && within(p.x, rect.x, right(rect));
  return onVertical || onHorizontal;
}

/** Diamonds and circles touch their box only at the four side midpoints. */
function onOutline(node: NodeShape, p: Point): boolean {
  if (node.outline === "box") return onBorder(node.rect, p);
  const r = node.rect;
  const midpoints = [
    { x: r.x + r.w / 2, y: r.y },
    { x: r.x + r.w / 2, y: bottom(r) },
    { x: r.x, y: r.y + r.h / 2 },
    { x: right(r), y: r.y + r.h / 2 },
  ];
  return midpoints.some((m) => Math.abs(m.x - p.x) < 0.01 && Math.abs(m.y - p.y) < 0.01);
}

describe("flow routing", () => {
  it.each(allSamples)("starts and ends every flow of %s on its nodes' outlines, orthogonally", (_, process) => {
    const scene = buildScene(process);
    const byId = new Map(scene.nodes.map((n) => [n.id, n]));
    expect(scene.flows).toHaveLength(process.flows.length);
    for (const flow of scene.flows) {
      const first = flow.points[0]!;
      const last = flow.points.at(-1)!;
      expect(onOutline(byId.get(flow.sourceId)!, first), `${flow.id} leaves its source's outline`).toBe(true);
      expect(onOutline(byId.get(flow.targetId)!, last), `${flow.id} reaches its target's outline`).toBe(true);
      for (let i = 0; i + 1 < flow.points.length; i++) {
        const a = flow.points[i]!;
        const b = flow.points[i + 1]!;
        expect(a.x === b.x || a.y === b.y, `${flow.id} segment ${i} is orthogonal`).toBe(true);
      }
      expect(flow.arrow[0]).toEqual(last);
    }
  });

  it.each(allSamples)("routes no flow of %s through another node", (_, process) => {
    const scene = buildScene(process);
    // A flow inside an expanded sub-process runs within the sub-process's box.
    const parentOf = (id: string) => process.nodes.find((n) => n.id === id)?.parent;
    for (const flow of scene.flows) {
      for (let i = 0; i + 1 < flow.points.length; i++) {
        const a = flow.points[i]!;
        const b = flow.points[i + 1]!;
        const segment = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
        for (const node of scene.nodes) {
          if (node.id === flow.sourceId || node.id === flow.targetId) continue;
          if (node.id === parentOf(flow.sourceId) || node.id === parentOf(flow.targetId)) continue;
          expect(intersects(segment, node.rect), `${flow.id} crosses ${node.name}`).toBe(false);
        }
      }
    }
  });

  it("takes a detour rather than run through a shape (contract review: Terms acceptable? → Business sign-off)", () => {
    const scene = buildScene(contracts);
    const named = (name: string) => scene.nodes.find((n) => n.name === name)!;
    const terms = named("Terms acceptable?");
    const signOff = named("Business sign-off");
    const flow = scene.flows.find((f) => f.sourceId === terms.id && f.targetId === signOff.id)!;
    // The direct way up from the gateway's top runs through "Revise draft"; the route leaves to the right.
    expect(flow.points[0]).toEqual({ x: right(terms.rect), y: terms.rect.y + terms.rect.h / 2 });
  });

  it("uses the layout's bend points when it has them", () => {
    const process = twoLaneProcess();
    // task-a's centre is at y 80; task-b sits in the second lane (top 180) with its centre at y 242.
    process.layout.flows = { f2: [{ x: 520, y: 80 }, { x: 520, y: 242 }] };
    const flow = buildScene(process).flows.find((f) => f.id === "f2")!;
    expect(flow.points).toEqual([
      { x: 480, y: 80 },
      { x: 520, y: 80 },
      { x: 520, y: 242 },
      { x: 600, y: 242 },
    ]);
  });

  it("marks default flows with a slash and shows conditions in brackets", () => {
    const scene = buildScene(contracts);
    const defaults = contracts.flows.filter((f) => f.default).map((f) => f.id);
    for (const flow of scene.flows) expect(flow.defaultMarker !== null).toBe(defaults.includes(flow.id));
    const f2 = buildScene(twoLaneProcess()).flows.find((f) => f.id === "f2")!;
    expect(f2.texts.map((t) => [t.style, t.text])).toEqual([
      ["label", "hand over"],
      ["condition", "[amount > 10000]"],
    ]);
  });

  it("skips flows whose source or target does not exist", () => {
    const process = twoLaneProcess();
    process.flows.push({ id: "dangling", source: "task-a", target: "nowhere" });
    expect(buildScene(process).flows.map((f) => f.id)).toEqual(["f1", "f2"]);
  });
});

describe("culling index", () => {
  it.each(allSamples)("returns exactly the nodes and flows of %s whose boxes meet the query", (_, process) => {
    const scene = buildScene(process);
    const views: Rect[] = [
      scene.bounds,
      { x: 0, y: 0, w: 600, h: 300 },
      { x: 900, y: 150, w: 400, h: 200 },
      { x: -500, y: -500, w: 100, h: 100 },
      { x: 1300, y: 0, w: 1, h: 2000 },
    ];
    for (const view of views) {
      const nodes = scene.nodes.flatMap((n, i) => (intersects(n.bbox, view) ? [i] : []));
      const flows = scene.flows.flatMap((f, i) => (intersects(f.bbox, view) ? [i] : []));
      expect(scene.nodeGrid.query(view)).toEqual(nodes);
      expect(scene.flowGrid.query(view)).toEqual(flows);
    }
  });

  it("bounds every node, flow and lane", () => {
    const scene = buildScene(onboarding);
    const inside = (r: Rect) =>
      r.x >= scene.bounds.x && r.y >= scene.bounds.y && right(r) <= right(scene.bounds) && bottom(r) <= bottom(scene.bounds);
    for (const n of scene.nodes) expect(inside(n.bbox)).toBe(true);
    for (const f of scene.flows) expect(inside(f.bbox)).toBe(true);
    for (const l of scene.lanes) expect(inside(l.rect)).toBe(true);
  });
});
