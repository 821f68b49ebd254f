import { describe, expect, it } from "vitest";
import { TauriBackend } from "../src/backend";
import type { Instance } from "../src/generated/Instance";
import { MockBackend } from "../src/mockBackend";
import type { RecordedRun, ReplayFixture } from "../src/recordedRuns";
import { onboarding, payablesV1, payablesV2 } from "./fixtures";
import runJson from "./fixtures/simulation-accounts-payable.json";
import replayJson from "./fixtures/replay-invoice.json";

// Recorded by the real core (fixtures/generate.sh).
const run = runJson as unknown as RecordedRun;
const replay = replayJson as unknown as ReplayFixture;
const start = { id: payablesV2.id, version: null, data: run.data, start: run.start };

describe("MockBackend simulation (recorded runs)", () => {
  const library = () => new MockBackend([onboarding, payablesV1, payablesV2], { runs: [run], replays: [replay], clock: () => "2026-11-27T10:00:00Z" });

  it("starts the recorded run and fires its recorded actions to the next states", async () => {
    const backend = library();
    let step = await backend.simulationStart(start);
    expect(step).toEqual(run.steps[0]);
    for (const action of run.fired.slice(0, 3)) step = await backend.simulationFire(step.instance, action);
    expect(step).toEqual(run.steps[3]);
    expect(await backend.simulationLog(step.instance, "csv")).toBe(run.logs[3]!.csv);
  });

  it("refuses other data, another action, or an instance it did not record, with a reason", async () => {
    const backend = library();
    await expect(backend.simulationStart({ ...start, data: { amount: 1 } })).rejects.toMatchObject({ code: "simulation" });
    const first = await backend.simulationStart(start);
    await expect(backend.simulationFire(first.instance, { node: "elsewhere" })).rejects.toMatchObject({ code: "simulation", message: expect.stringMatching(/step 1/) });
    const changed: Instance = { ...first.instance, data: { amount: 2 } };
    await expect(backend.simulationLog(changed, "text")).rejects.toMatchObject({ code: "simulation" });
  });

  it("lists, saves (new names only) and replays scenarios", async () => {
    const backend = library();
    expect((await backend.listScenarios(payablesV2.id)).map((s) => s.name)).toEqual([replay.scenario.name]);
    expect((await backend.replayScenario(replay.scenario.name)).steps).toEqual(replay.steps);
    const scenario = { name: "Two steps", process: payablesV2.id, version: 2, data: run.data, start: run.start, steps: run.fired.slice(0, 2).map((action) => ({ action })) };
    await backend.saveScenario(scenario);
    await expect(backend.saveScenario(scenario)).rejects.toMatchObject({ code: "exists" });
    expect((await backend.listScenarios(payablesV2.id)).map((s) => [s.name, s.steps])).toEqual([[replay.scenario.name, 14], ["Two steps", 2]]);
    expect((await backend.replayScenario("Two steps")).steps).toEqual(run.steps.slice(0, 3));
  });
});

describe("TauriBackend simulation commands", () => {
  it("invokes them with the shell's argument names", async () => {
    const calls: Array<[string, unknown]> = [];
    const backend = new TauriBackend(async (command, args) => {
      calls.push([command, args]);
      return null;
    });
    const instance = run.steps[0]!.instance;
    await backend.simulationStart(start);
    await backend.simulationFire(instance, run.fired[0]!);
    await backend.simulationLog(instance, "markdown");
    await backend.saveScenario(replay.scenario);
    await backend.listScenarios("abc");
    await backend.replayScenario("A name");
    expect(calls.map(([command, args]) => [command, Object.keys(args as object)])).toEqual([
      ["simulation_start", ["id", "version", "data", "start"]],
      ["simulation_fire", ["instance", "action"]],
      ["simulation_log", ["instance", "format"]],
      ["save_scenario", ["scenario"]],
      ["list_scenarios", ["id"]],
      ["replay_scenario", ["name"]],
    ]);
  });
});
