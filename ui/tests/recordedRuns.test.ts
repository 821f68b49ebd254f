import { describe, expect, it } from "vitest";
import { TauriBackend } from "../src/backend";
import { MockBackend } from "../src/mockBackend";
import { LIVE_RUNS, type RecordedRun, type ReplayFixture } from "../src/recordedRuns";
import { onboarding, payablesV1, payablesV2 } from "./fixtures";
import runJson from "./fixtures/simulation-accounts-payable.json";
import replayJson from "./fixtures/replay-invoice.json";

// Recorded by the real core (fixtures/generate.sh).
const run = runJson as unknown as RecordedRun;
const replay = replayJson as unknown as ReplayFixture;
const start = { id: payablesV2.id, version: null, data: run.data, start: run.start };

describe("MockBackend simulation (recorded runs)", () => {
  const library = () => new MockBackend([onboarding, payablesV1, payablesV2], { runs: [run], replays: [replay], clock: () => "2026-11-27T10:00:00Z" });

  it("starts the recorded run under an id and fires its recorded actions to the next states", async () => {
    const backend = library();
    const started = await backend.simulationStart(start);
    expect(started.first).toEqual(run.steps[0]);
    let step = started.first;
    for (const [i, action] of run.fired.slice(0, 3).entries()) step = await backend.simulationFire(started.run, i, action);
    expect(step).toEqual(run.steps[3]);
    expect(await backend.simulationLog(started.run, 3, "csv")).toBe(run.logs[3]!.csv);
  });

  it("firing from an earlier step drops the later states", async () => {
    const backend = library();
    const { run: id } = await backend.simulationStart(start);
    for (const [i, action] of run.fired.slice(0, 3).entries()) await backend.simulationFire(id, i, action);
    expect(await backend.simulationFire(id, 0, run.fired[0]!)).toEqual(run.steps[1]);
    await expect(backend.simulationLog(id, 2, "text")).rejects.toMatchObject({ code: "simulation", message: expect.stringMatching(/no step 2/) });
  });

  it("refuses other data, another action, or a step the run has not reached, with a reason", async () => {
    const backend = library();
    await expect(backend.simulationStart({ ...start, data: { amount: 1 } })).rejects.toMatchObject({ code: "simulation" });
    const { run: id } = await backend.simulationStart(start);
    await expect(backend.simulationFire(id, 0, { node: "elsewhere" })).rejects.toMatchObject({ code: "simulation", message: expect.stringMatching(/step 1/) });
    await expect(backend.simulationLog(id, 1, "text")).rejects.toMatchObject({ code: "simulation" });
  });

  it(`keeps the last ${LIVE_RUNS} runs; an older one says it was closed`, async () => {
    const backend = library();
    const { run: oldest } = await backend.simulationStart(start);
    for (let i = 0; i < LIVE_RUNS; i++) await backend.simulationStart(start);
    await expect(backend.simulationFire(oldest, 0, run.fired[0]!)).rejects.toEqual({ code: "simulation_closed", message: "this simulation was closed; start it again" });
  });

  it("lists, saves (new names only) and replays scenarios", async () => {
    const backend = library();
    expect((await backend.listScenarios(payablesV2.id)).map((s) => s.name)).toEqual([replay.scenario.name]);
    const replayed = await backend.replayScenario(replay.scenario.name);
    expect(replayed.steps).toEqual(replay.steps);
    expect(await backend.simulationLog(replayed.run, 2, "csv")).toBe(replay.logs[2]!.csv);
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
    await backend.simulationStart(start);
    await backend.simulationFire(1, 0, run.fired[0]!);
    await backend.simulationLog(1, 0, "markdown");
    await backend.saveScenario(replay.scenario);
    await backend.listScenarios("abc");
    await backend.replayScenario("A name");
    expect(calls.map(([command, args]) => [command, Object.keys(args as object)])).toEqual([
      ["simulation_start", ["id", "version", "data", "start"]],
      ["simulation_fire", ["run", "step", "action"]],
      ["simulation_log", ["run", "step", "format"]],
      ["save_scenario", ["scenario"]],
      ["list_scenarios", ["id"]],
      ["replay_scenario", ["name"]],
    ]);
  });
});
