import { describe, expect, it } from "vitest";
import type { Process } from "../src/generated/Process";
import { moveBand, poolOrder, reorderPools } from "../src/editor/bandOrder";

const process = {
  lanes: [
    { id: "l1", name: "Clerk", team: "", trigger: "", output: "", order: 0 },
    { id: "l2", name: "Manager", team: "", trigger: "", output: "", order: 1 },
  ],
  pools: [
    { id: "p1", name: "Supplier", partner: true, order: 0 },
    { id: "p2", name: "Bank", partner: true, order: 1 },
    { id: "p3", name: "Auditor", partner: true, order: 2 },
  ],
} as unknown as Process;

describe("moving bands in their stacks", () => {
  it("reorders only the pools whose place changes", () => {
    expect(poolOrder(process)).toEqual(["p1", "p2", "p3"]);
    expect(reorderPools(process, ["p1", "p3", "p2"])).toEqual({
      command: "batch",
      commands: [
        { command: "update_pool", pool: { id: "p3", name: "Auditor", partner: true, order: 1 } },
        { command: "update_pool", pool: { id: "p2", name: "Bank", partner: true, order: 2 } },
      ],
    });
    expect(reorderPools(process, ["p1", "p2", "p3"])).toBeNull();
  });

  it("moves a lane or a pool one place, and nothing past either end", () => {
    expect(moveBand(process, "l2", -1)).toEqual({ command: "reorder_lanes", lanes: ["l2", "l1"] });
    expect(moveBand(process, "p1", 1)).toMatchObject({ command: "batch" });
    expect(moveBand(process, "p1", -1)).toBeNull();
    expect(moveBand(process, "nothing", 1)).toBeUndefined();
  });
});
