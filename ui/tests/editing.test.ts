import { describe, expect, it } from "vitest";
import { align, distribute } from "../src/editor/arrange";
import { copy, paste } from "../src/editor/clipboard";
import { applyPatch, changedElements } from "../src/editor/applyPatch";
import { GRID, snapMove } from "../src/editor/snap";
import type { Process } from "../src/generated/Process";
import { onboarding, payablesV2 } from "./fixtures";

describe("snapMove", () => {
  it("falls on the grid when nothing is near", () => {
    const { delta, guides } = snapMove({ x: 100, y: 100, w: 40, h: 40 }, { x: 13, y: 27 }, [], 1);
    expect(delta).toEqual({ x: 10, y: 30 });
    expect(guides).toEqual([]);
    expect((100 + delta.x) % GRID).toBe(0);
  });

  it("aligns with a nearby shape's centre and shows a guide", () => {
    const other = { x: 300, y: 0, w: 40, h: 40 };
    const { delta, guides } = snapMove({ x: 100, y: 100, w: 40, h: 40 }, { x: 203, y: 57 }, [other], 1);
    expect(100 + delta.x).toBe(300);
    expect(guides.some((g) => g.axis === "x" && g.at === 300)).toBe(true);
  });
});

describe("align and distribute", () => {
  const boxes = [
    { id: "a", rect: { x: 0, y: 0, w: 100, h: 50 } },
    { id: "b", rect: { x: 200, y: 40, w: 60, h: 50 } },
    { id: "c", rect: { x: 700, y: 10, w: 100, h: 50 } },
  ];

  it("lines boxes up on the first one", () => {
    expect(align(boxes, "top").map((p) => [p.id, p.rect.y])).toEqual([
      ["b", 0],
      ["c", 0],
    ]);
    expect(align(boxes, "centre").find((p) => p.id === "b")!.rect.x).toBe(20);
  });

  it("spaces three boxes evenly between the outer two", () => {
    const moved = distribute(boxes, "horizontal");
    // Gap = (800 - 0 - 260) / 2 = 270: b starts at 100 + 270.
    expect(moved).toEqual([{ id: "b", rect: { x: 370, y: 40, w: 60, h: 50 } }]);
  });
});

describe("copy and paste", () => {
  it("pastes fresh copies with their inner flows into another process, one batch", () => {
    const ids = onboarding.nodes.slice(0, 3).map((n) => n.id);
    const fragment = copy(onboarding, ids)!;
    const inner = onboarding.flows.filter((f) => ids.includes(f.source) && ids.includes(f.target));
    const pasted = paste(payablesV2, fragment, 1)!;
    expect(pasted.command.command).toBe("batch");
    if (pasted.command.command !== "batch") return;
    const adds = pasted.command.commands;
    expect(adds.filter((c) => c.command === "add_node")).toHaveLength(3);
    expect(adds.filter((c) => c.command === "add_flow")).toHaveLength(inner.length);
    for (const c of adds) if (c.command === "add_node") expect(payablesV2.lanes.some((l) => l.id === c.node.lane)).toBe(true);
    expect(pasted.ids.every((id) => !ids.includes(id))).toBe(true);
  });

  it("copies nothing when no step is selected", () => {
    expect(copy(onboarding, [onboarding.lanes[0]!.id])).toBeNull();
  });
});

describe("applyPatch", () => {
  it("follows the core's changes: insert, replace, remove", () => {
    const node = onboarding.nodes[0]!;
    const renamed = { ...node, name: "Renamed" };
    const lane = onboarding.lanes[0]!.id;
    const patch = {
      changes: [
        { key: { key: "node" as const, id: node.id }, before: { record: "node" as const, node }, after: { record: "node" as const, node: renamed } },
        { key: { key: "lane_height" as const, id: lane }, before: null, after: { record: "lane_height" as const, lane, height: 300 } },
        { key: { key: "flow" as const, id: onboarding.flows[0]!.id }, before: { record: "flow" as const, flow: onboarding.flows[0]! }, after: null },
      ],
    };
    const after: Process = applyPatch(onboarding, patch);
    expect(after.nodes.find((n) => n.id === node.id)!.name).toBe("Renamed");
    expect(after.layout.lanes[lane]).toBe(300);
    expect(after.flows).toHaveLength(onboarding.flows.length - 1);
    expect(onboarding.nodes[0]!.name).toBe(node.name);
    expect(changedElements(patch)).toEqual({ nodes: new Set([node.id]), flows: new Set([onboarding.flows[0]!.id]) });
  });
});
