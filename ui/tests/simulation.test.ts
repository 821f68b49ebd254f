import { describe, expect, it } from "vitest";
import type { SimulationStep } from "../src/generated/SimulationStep";
import type { ScenarioReplay } from "../src/generated/ScenarioReplay";
import { choiceReasons, span, statusText } from "../src/simulation/describe";
import { parseField, utcInstant } from "../src/simulation/fields";
import { logRows } from "../src/simulation/logRows";
import { replayBanner } from "../src/simulation/simulationMode";
import { firableNodes, tokenDecorations } from "../src/simulation/tokens";
import runJson from "./fixtures/simulation-accounts-payable.json";
import replayV3Json from "./fixtures/replay-invoice-v3.json";

// Recorded by the real core (fixtures/generate.sh).
const run = runJson as unknown as { steps: SimulationStep[] };
const replayV3 = replayV3Json as unknown as ScenarioReplay;

describe("form values", () => {
  it("parses each declared type and leaves empty fields out", () => {
    expect(parseField("number", "12 500")).toEqual({ value: 12500 });
    expect(parseField("list", " ann, bob ,, cy ")).toEqual({ value: ["ann", "bob", "cy"] });
    expect(parseField("number", "12,5")).toEqual({ error: '"12,5" is not a number' });
    expect(parseField("boolean", true)).toEqual({ value: true });
    expect(parseField("boolean", null)).toEqual({ omit: true });
    expect(parseField("date", "2026-03-02")).toEqual({ value: "2026-03-02" });
    expect("error" in parseField("date", "02/03/2026")).toBe(true);
    expect(parseField("text", "")).toEqual({ omit: true });
    expect(parseField("text", "Engineering")).toEqual({ value: "Engineering" });
    expect(utcInstant("2026-03-02", "09:00")).toBe("2026-03-02T09:00:00Z");
    expect(utcInstant("", "09:00")).toBeNull();
  });
});

describe("token decorations", () => {
  it("puts a dot on the token's flow and highlights its target, lane and the firable node", () => {
    const step = run.steps[1]!;
    const { instance } = step;
    const flow = instance.definition.flows.find((f) => f.id === instance.tokens[0]!.flow)!;
    const target = instance.definition.nodes.find((n) => n.id === flow.target)!;
    const layer = tokenDecorations(step);
    expect(layer.byElementId[flow.id]).toEqual({ highlight: "active", token: true });
    expect(layer.byElementId[target.id]).toEqual({ highlight: "active" });
    expect(layer.byElementId[target.lane]).toEqual({ highlight: "active" });
    expect([...firableNodes(step)]).toEqual([target.id]);
  });

  it("marks SLA breaches in red with the target and the actual time", () => {
    const step = structuredClone(run.steps[6]!);
    const node = step.instance.log.at(-1)!.node;
    const days = (n: number) => ({ text: `${n}d`, iso8601: `P${n}D`, seconds: n * 86_400 });
    step.instance.breaches = [{ step: 5, node, name: "Approve invoice", target: days(2), actual: days(3), at: step.instance.now }];
    expect(tokenDecorations(step).byElementId[node]).toMatchObject({ highlight: "breach", marker: "error", note: "SLA 2d · took 3d" });
  });
});

describe("log rows and wording", () => {
  it("maps log entries to rows and attaches breaches", () => {
    const { instance, names } = structuredClone(run.steps.at(-1)!);
    instance.breaches = [
      { step: 3, node: null, name: "Accounts payable", target: { text: "1m", iso8601: "PT1M", seconds: 60 }, actual: { text: "45m", iso8601: "PT45M", seconds: 2700 }, at: instance.now },
    ];
    const rows = logRows(instance);
    expect(rows[3]).toMatchObject({ step: 3, time: "2026-03-02 09:45", lane: "Invoice intake", node: "PO matched?", reason: "`po_matched == true` is true" });
    expect(rows.filter((r) => r.breach).map((r) => r.step)).toEqual([3]);
    expect(statusText(instance, names)).toBe("Ended at Invoice paid and posted after 5d 4h 30m");
  });

  it("says why a choice is asked and how long a span is", () => {
    const choice = run.steps[5]!.enabled[0]!;
    expect(choiceReasons(choice)).toEqual(["approved == true → no value (the instance data has no value for `approved`)"]);
    expect(span("2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z")).toBe("0m");
    expect(span("2026-03-02T09:00:00Z", "2026-03-04T10:00:00Z")).toBe("2d 1h");
  });

  it("names the first step where the newest version differs", () => {
    const d = replayV3.newest_divergence!;
    expect(replayBanner(replayV3)).toBe(`v3 differs first at step ${d.step}: recorded ${d.recorded}; v3 ${d.found}.`);
    expect(replayBanner({ ...replayV3, newest_divergence: null })).toBe("v3 follows the same path.");
  });
});
