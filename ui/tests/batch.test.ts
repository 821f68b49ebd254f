import { describe, expect, it } from "vitest";
import type { BatchProgress, BatchRun } from "../src/backend";
import { nextSort, sortSteps } from "../src/batch/batchReport";
import { MockBackend } from "../src/mockBackend";
import batchJson from "./fixtures/batch-accounts-payable.json";
import { payablesV1, payablesV2 } from "./fixtures";

// Made by the CLI (fixtures/generate.sh): AP v2 beside v1, 1,000 instances, seed 7.
const recorded = batchJson as unknown as BatchRun;

const options = { seed: 7, stop: { instances: 1000 }, warm_up: "0m", start: "2026-01-05T00:00:00Z", queue_points: 100 };

describe("MockBackend batch simulation", () => {
  const library = () =>
    new MockBackend([payablesV1, payablesV2], { batchRuns: [{ process: payablesV2.id, compareWith: 1, run: recorded }] });

  it("answers the recorded run after ten rising progress reports", async () => {
    const seen: BatchProgress[] = [];
    const run = await library().batchSimulate({ id: payablesV2.id, version: 2, compareWith: 1, parameters: null, options }, (p) => seen.push(p));
    expect(run.base.label).toBe("v2");
    expect(run.other?.label).toBe("v1");
    expect(run.comparison?.metrics[0]?.name).toBe("cycle time mean (h)");
    expect(seen.map((p) => p.fraction)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it("rejects with `cancelled` once cancelled, and refuses what it did not record", async () => {
    const backend = library();
    const running = backend.batchSimulate({ id: payablesV2.id, version: 2, compareWith: 1, parameters: null, options }, () => void backend.batchCancel());
    await expect(running).rejects.toMatchObject({ code: "cancelled" });
    await expect(backend.batchSimulate({ id: payablesV2.id, version: 2, compareWith: null, parameters: null, options }, () => {})).rejects.toMatchObject({ code: "batch" });
  });
});

describe("the step table's order", () => {
  const steps = (batchJson as unknown as BatchRun).base.result.steps;

  it("keeps the core's flow order until a column is chosen", () => {
    expect(sortSteps(steps, { column: null }).map((s) => s.name)).toEqual(steps.map((s) => s.name));
  });

  it("sorts numbers largest first, then smallest first, then back to flow order", () => {
    let sort = nextSort({ column: null }, 3);
    expect(sort).toEqual({ column: 3, descending: true });
    const waits = sortSteps(steps, sort).map((s) => s.waiting_hours);
    expect(waits).toEqual([...waits].sort((a, b) => b - a));
    sort = nextSort(sort, 3);
    expect(sortSteps(steps, sort)[0]!.waiting_hours).toBe(Math.min(...waits));
    expect(nextSort(sort, 3)).toEqual({ column: null });
  });

  it("sorts text A to Z first", () => {
    const sort = nextSort({ column: null }, 0);
    const names = sortSteps(steps, sort).map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
