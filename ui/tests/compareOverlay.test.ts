import { describe, expect, it } from "vitest";
import { canvasId, compareDecorations } from "../src/compare/overlay";
import type { Diff } from "../src/generated/Diff";
import type { ElementChange } from "../src/generated/ElementChange";
import { compareV1V2, compareV2V3, payablesV1, payablesV2 } from "./fixtures";

const idOf = (name: string, process = payablesV2) => process.nodes.find((n) => n.name === name)!.id;

function change(partial: Partial<ElementChange>): ElementChange {
  return { element: "node", status: "changed", old_id: "a", new_id: "a", name: "A", kind: "task", lane: null, moved: null, recreated: false, fields: [], ...partial };
}

describe("compareDecorations (Diff → canvas overlay)", () => {
  it("colours everything v2 added to accounts payable, and the re-targeted flow as changed", () => {
    const { byElementId, ghosts } = compareDecorations(compareV1V2.diff, payablesV1);
    const cfoLane = payablesV2.lanes.find((l) => l.name === "Executive approval")!.id;
    expect(byElementId[cfoLane]).toEqual({ highlight: "added" });
    expect(byElementId[idOf("CFO approval")]).toEqual({ highlight: "added" });
    expect(byElementId[idOf("Over 10,000?")]).toEqual({ highlight: "added" });
    const approved = payablesV2.flows.find((f) => f.label === "approved" && f.source === idOf("Approved?"))!.id;
    expect(byElementId[approved]).toEqual({ highlight: "changed", note: "re-created" });
    // Variable cfo_approved has no shape; lane + 8 nodes + 12 flows do.
    expect(Object.keys(byElementId)).toHaveLength(21);
    expect(ghosts).toBeNull();
  });

  it("notes a lane move with the old lane and ghosts removed elements from the old definition", () => {
    const { byElementId, ghosts } = compareDecorations(compareV2V3.diff, payablesV2);
    expect(byElementId[idOf("Correct invoice details")]).toEqual({ highlight: "moved", note: "moved from Invoice intake" });
    const timer = idOf("Next payment run");
    expect(byElementId[timer]).toEqual({ highlight: "removed" });
    expect(ghosts?.process).toBe(payablesV2);
    expect(ghosts?.ids).toHaveLength(2);
    expect(ghosts?.ids).toContain(timer);
    // The process-level SLA change is listed, never drawn.
    expect(byElementId[payablesV2.id]).toBeUndefined();
  });

  it("maps re-created lanes so ghosts inside them land in the new lane", () => {
    const diff: Diff = {
      changes: [
        change({ element: "lane", old_id: "lane-old", new_id: "lane-new", recreated: true, kind: "lane" }),
        change({ status: "removed", old_id: "n1", new_id: null }),
        change({ element: "variable", status: "added", old_id: null, new_id: null }),
      ],
      lane_order: null,
      layout: [],
    };
    const { byElementId, ghosts } = compareDecorations(diff, payablesV1);
    expect(byElementId).toEqual({ "lane-new": { highlight: "changed", note: "re-created" }, n1: { highlight: "removed" } });
    expect(ghosts?.laneIds).toEqual({ "lane-old": "lane-new" });
  });

  it("points each change at the id the canvas draws", () => {
    expect(canvasId(change({ status: "removed", old_id: "old", new_id: null }))).toBe("old");
    expect(canvasId(change({ old_id: "old", new_id: "new" }))).toBe("new");
    expect(canvasId(change({ element: "process" }))).toBeNull();
    expect(canvasId(change({ element: "variable", old_id: null, new_id: null }))).toBeNull();
  });
});
