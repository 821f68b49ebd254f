/**
 * BPMN notation on the canvas: what is on which plane, where boundary events sit, what a click
 * selects, and that the shared marker table has a drawing for every trigger and task type.
 */
import { describe, expect, it } from "vitest";
import { borderHit, hitTest } from "../src/canvas/hitTest";
import table from "../src/canvas/markers.json";
import { buildPlane, buildScene, onBorder } from "../src/canvas/scene";
import type { Process } from "../src/generated/Process";
import notationJson from "./fixtures/bpmn-notation.json";

const notation = notationJson as unknown as Process;
const node = (name: string) => notation.nodes.find((n) => n.name === name)!;

describe("planes", () => {
  it("draw a collapsed sub-process's contents on its own plane only, an expanded one's inside it", () => {
    const top = buildScene(notation);
    const collapsed = node("Pick and pack").id;
    const inside = notation.nodes.filter((n) => n.parent === collapsed).map((n) => n.id);
    expect(inside.length).toBe(3);
    expect(top.nodes.some((n) => inside.includes(n.id))).toBe(false);
    const plane = buildPlane(notation, collapsed);
    expect(plane.nodes.map((n) => n.id).sort()).toEqual([...inside].sort());
    expect(plane.lanes).toEqual([]);
    expect(plane.pools).toEqual([]);
    // Absolute coordinates: as the layout says, no lane offset.
    const first = plane.nodes[0]!;
    expect(first.rect).toEqual(notation.layout.nodes[first.id]);

    const expanded = node("Prepare shipment").id;
    const order = top.nodes.map((n) => n.id);
    for (const child of notation.nodes.filter((n) => n.parent === expanded)) {
      expect(order.indexOf(child.id)).toBeGreaterThan(order.indexOf(expanded));
    }
  });

  it("stack the black-box partner, then the pool's lanes to the right of its name band", () => {
    const scene = buildScene(notation);
    const [customer, supplier] = scene.pools;
    expect(customer!.blackBox).toBe(true);
    expect(customer!.rect.h).toBe(80);
    expect(supplier!.rect.y).toBe(80);
    expect(supplier!.rect.h).toBe(260 + 200 + 140);
    for (const lane of scene.lanes) expect(lane.header.x).toBe(supplier!.header.w);
  });
});

describe("boundary events", () => {
  it("sit on their host's border, spread along its bottom edge when the layout has no box", () => {
    const check = node("Check order");
    const timer = notation.nodes.find((n) => n.kind.type === "boundary" && n.kind.host === check.id)!;
    const moved: Process = structuredClone(notation);
    delete moved.layout.nodes[timer.id];
    moved.nodes.push({ ...structuredClone(timer), id: "second-boundary", name: "" });
    const scene = buildScene(moved);
    const host = scene.nodes.find((n) => n.id === check.id)!.rect;
    const centres = scene.nodes
      .filter((n) => n.kind.type === "boundary" && n.kind.host === check.id)
      .map((n) => ({ x: n.rect.x + n.rect.w / 2, y: n.rect.y + n.rect.h / 2 }));
    expect(centres).toEqual([
      { x: host.x + host.w / 3, y: host.y + host.h },
      { x: host.x + (2 * host.w) / 3, y: host.y + host.h },
    ]);
  });

  it("snap to the nearest border point, and the border tells which activity a drop lands on", () => {
    const host = { x: 100, y: 100, w: 140, h: 60 };
    expect(onBorder(host, { x: 120, y: 150 })).toEqual({ x: 120, y: 160 });
    expect(onBorder(host, { x: 90, y: 130 })).toEqual({ x: 100, y: 130 });
    const scene = buildScene(notation);
    const check = scene.nodes.find((n) => n.id === node("Check order").id)!.rect;
    const hit = borderHit(scene, { x: check.x + 20, y: check.y + check.h + 2 }, 1);
    expect(hit).toEqual({ host: node("Check order").id, at: { x: check.x + 20, y: check.y + check.h } });
    expect(borderHit(scene, { x: check.x + check.w / 2, y: check.y + check.h / 2 }, 1)).toBeNull();
  });
});

describe("hit-testing", () => {
  const scene = buildScene(notation);
  it("selects message flows, associations and artifacts by id", () => {
    const message = scene.messages[0]!;
    const [a, b] = message.points;
    expect(hitTest(scene, null, { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 }, 1)).toBe(message.id);
    const store = scene.artifacts.find((x) => x.kind.type === "data_store")!;
    expect(hitTest(scene, null, { x: store.rect.x + 25, y: store.rect.y + 25 }, 1)).toBe(store.id);
    const association = scene.associations[0]!;
    const [s, t] = association.points;
    expect(hitTest(scene, null, { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 }, 1)).toBe(association.id);
  });

  it("selects a group by its frame, an expanded sub-process by its frame, so what is inside stays clickable", () => {
    const group = scene.artifacts.find((x) => x.kind.type === "group")!;
    expect(hitTest(scene, null, { x: group.rect.x + 1, y: group.rect.y + 80 }, 1)).toBe(group.id);
    const expanded = scene.nodes.find((n) => n.id === node("Prepare shipment").id)!;
    const inner = scene.flows.find((f) => f.sourceId === node("Reserve stock").id)!;
    const [p, q] = inner.points;
    expect(hitTest(scene, null, { x: (p!.x + q!.x) / 2, y: (p!.y + q!.y) / 2 }, 1)).toBe(inner.id);
    expect(hitTest(scene, null, { x: expanded.rect.x + 2, y: expanded.rect.y + expanded.rect.h / 2 }, 1)).toBe(expanded.id);
  });
});

describe("the marker table shared with the SVG export", () => {
  it("has a marker for every trigger, task type and activity marker", () => {
    const triggers = ["message", "timer", "signal", "conditional", "escalation", "error", "compensation", "link", "cancel", "terminate", "multiple", "parallel_multiple"];
    expect(Object.keys(table.event).sort()).toEqual([...triggers].sort());
    expect(Object.keys(table.task).sort()).toEqual(["business_rule", "manual", "receive", "script", "send", "service", "user"]);
    expect(Object.keys(table.activity).sort()).toEqual(["ad_hoc", "collapsed", "loop", "parallel", "sequential"]);
    expect(Object.keys(table.gateway).sort()).toEqual(["complex", "event_based"]);
  });
});
