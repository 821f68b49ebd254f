import { describe, expect, it } from "vitest";
import { changeGroups, changeSummary, layoutGroup } from "../src/compare/changeRows";
import type { Diff } from "../src/generated/Diff";
import { compareV1V2, compareV2V3 } from "./fixtures";

const rows = (diff: Diff) => changeGroups(diff).flatMap((g) => g.rows);

describe("change list grouping", () => {
  it("groups the changes as process, lanes, nodes, flows in the core's order", () => {
    const groups = changeGroups(compareV1V2.diff);
    expect(groups.map((g) => [g.title, g.rows.length])).toEqual([
      ["Process", 1],
      ["Lanes", 1],
      ["Nodes", 8],
      ["Flows", 12],
    ]);
    expect(groups[2]!.rows.map((r) => r.title)).toEqual([
      "Close invoice as rejected",
      "Corrected invoice received",
      "Corrected invoice?",
      "Invoice rejected",
      "No correction within 14 days",
      "Over 10,000?",
      "CFO approval",
      "CFO approved?",
    ]);
  });

  it("lists an added element's values without repeating its name, kind or end points", () => {
    const cfo = rows(compareV1V2.diff).find((r) => r.title === "CFO approval")!;
    expect(cfo).toMatchObject({ status: "added", kind: "task", lane: "Executive approval", recreated: false });
    expect(cfo.fields).toEqual([
      { label: "Assignee", old: null, new: "CFO" },
      { label: "Duration", old: null, new: "1d" },
      { label: "SLA", old: null, new: "3d" },
      { label: "Sets", old: null, new: "cfo_approved" },
    ]);
    const sendBack = rows(compareV1V2.diff).find((r) => r.title === "'CFO approved?' → 'Correct invoice details'")!;
    expect(sendBack.fields).toEqual([
      { label: "Label", old: null, new: "send back" },
      { label: "Default flow", old: null, new: "yes" },
    ]);
  });

  it("keeps a re-created flow's old and new ids, and its field change old → new", () => {
    const approved = rows(compareV1V2.diff).find((r) => r.status === "changed")!;
    expect(approved.title).toBe("'Approved?' → 'Over 10,000?'");
    expect(approved.recreated).toBe(true);
    expect(approved.ids).toHaveLength(2);
    expect(approved.elementId).toBe(approved.ids[1]);
    expect(approved.fields).toEqual([{ label: "To", old: "Schedule payment", new: "Over 10,000?" }]);
  });

  it("says a lane move as \"moved into lane X\", and shows a removed element under its old id", () => {
    const all = rows(compareV2V3.diff);
    const moved = all.find((r) => r.status === "moved")!;
    expect(moved.title).toBe("Correct invoice details");
    expect(moved.fields).toEqual([]);
    expect(moved.says).toBe("moved into lane Invoice approval (from Invoice intake)");
    const timer = all.find((r) => r.title === "Next payment run")!;
    expect(timer).toMatchObject({ status: "removed", kind: "timer", fields: [{ label: "Trigger", old: "timer: 3 days", new: null }] });
    expect(timer.elementId).toBe(timer.ids[0]);
    const process = all.find((r) => r.kind === "process")!;
    expect(process).toMatchObject({ elementId: null, fields: [{ label: "SLA", old: "30d", new: "25d" }] });
  });

  it("puts a lane reorder first among the lanes", () => {
    const diff: Diff = { changes: [], lane_order: { old: ["A", "B"], new: ["B", "A"] }, layout: [] };
    expect(changeGroups(diff)).toEqual([
      {
        id: "lanes",
        title: "Lanes",
        rows: [
          { key: "lane-order", status: "changed", elementId: null, ids: [], title: "Lane order", kind: "top to bottom", lane: null, recreated: false, fields: [{ label: "Order", old: "A, B", new: "B, A" }], says: null },
        ],
      },
    ]);
    expect(changeSummary(diff)).toBe("1 changed");
  });

  it("keeps layout-only changes apart", () => {
    const layout = layoutGroup(compareV1V2.diff)!;
    expect(layout.rows).toHaveLength(6);
    expect(layout.rows[0]).toMatchObject({ status: "layout", title: "Invoice intake", kind: "height", fields: [], says: "100 px taller" });
    expect(layout.rows[1]).toMatchObject({ status: "layout", title: "Execute payment run", kind: "position", fields: [], says: "moved 340 px right" });
    expect(layoutGroup({ changes: [], lane_order: null, layout: [] })).toBeNull();
  });

  it("summarises by status", () => {
    expect(changeSummary(compareV1V2.diff)).toBe("20 added · 2 changed");
    expect(changeSummary(compareV2V3.diff)).toBe("2 removed · 5 changed · 1 moved");
    expect(changeSummary({ changes: [], lane_order: null, layout: [] })).toBe("No changes");
  });
});
