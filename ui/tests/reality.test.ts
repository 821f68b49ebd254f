import { describe, expect, it } from "vitest";
import type { Conformance, MappingTable } from "../src/backend";
import type { Process } from "../src/generated/Process";
import type { StepPerformance } from "../src/generated/StepPerformance";
import { detectedChoice, missingRoles } from "../src/reality/columnPicker";
import { inFlowOrder } from "../src/reality/flowOrder";
import { changedMapping } from "../src/reality/mappingEditor";
import { deviationIds, deviationsAt, realityDecorations } from "../src/reality/overlay";
import { duration } from "../src/reality/performanceView";

// S → A → B → E, as far as these functions read a process.
const node = (id: string, type: string) => ({ id, name: id, kind: { type } });
const process = {
  nodes: [node("E", "end"), node("B", "task"), node("A", "task"), node("S", "start")],
  flows: [
    { id: "f1", source: "S", target: "A" },
    { id: "f2", source: "A", target: "B" },
    { id: "f3", source: "B", target: "E" },
  ],
} as unknown as Process;

const conformance = {
  flows: [
    { flow: "f1", cases: 40 },
    { flow: "f2", cases: 40 },
    { flow: "f3", cases: 10 },
  ],
  deviations: [
    { kind: "skipped", name: "B", step: "B", count: 7, cases: 7, variants: [1], places: [] },
    { kind: "extra", name: "Call", count: 3, cases: 3, variants: [2], places: [{ after: "A", count: 2 }, { count: 1 }] },
  ],
} as unknown as Conformance;

describe("reality overlay", () => {
  it("thickens flows by their share of the most taken one and counts their cases", () => {
    const { byElementId } = realityDecorations(conformance, process);
    expect(byElementId.f1).toMatchObject({ weight: 1, note: "40" });
    expect(byElementId.f3).toMatchObject({ weight: 0.25, note: "10" });
  });

  it("marks a skipped step red with its count and extras on the step they followed, the start for none", () => {
    const { byElementId } = realityDecorations(conformance, process);
    expect(byElementId.B).toMatchObject({ highlight: "breach", marker: "warning", note: "skipped ×7" });
    expect(byElementId.A).toMatchObject({ highlight: "changed", note: "+ Call ×2" });
    expect(byElementId.S).toMatchObject({ note: "+ Call ×1" });
    expect(deviationIds(conformance, process).sort()).toEqual(["A", "B", "S"]);
  });

  it("a clicked element lists the deviations marked on it", () => {
    expect(deviationsAt(conformance, process, "B").map((d) => d.name)).toEqual(["B"]);
    expect(deviationsAt(conformance, process, "S").map((d) => d.name)).toEqual(["Call"]);
    expect(deviationsAt(conformance, process, "E")).toEqual([]);
  });
});

describe("reality panel parts", () => {
  it("the column picker starts from what was detected and names the required columns still missing", () => {
    const choice = detectedChoice({ format: "csv", headers: ["Ticket", "activity"], detected: { case: null, activity: "activity", timestamp: null, resource: null, lifecycle: null }, rows: [] });
    expect(missingRoles(choice)).toEqual(["Case id"]);
    expect(missingRoles({ ...choice, case: "Ticket" })).toEqual([]);
  });

  it("steps come in flow order, activities the design lacks last", () => {
    const step = (name: string, node?: string) => ({ name, node, role: "", count: 1, waiting_hours: 0, waiting_p90_hours: 0 }) as StepPerformance;
    const ordered = inFlowOrder([step("Extra"), step("B", "B"), step("A", "A")], process);
    expect(ordered.map((s) => s.name)).toEqual(["A", "B", "Extra"]);
  });

  it("the mapping saved is what the user changed, and what was chosen before", () => {
    const table: MappingTable = {
      steps: ["A", "B"],
      activities: [
        { activity: "A", step: "A", matched_by: "exact", suggestions: [] },
        { activity: "b-ish", matched_by: "unmapped", suggestions: ["B"] },
        { activity: "Old", step: "B", matched_by: "saved", suggestions: [] },
      ],
    };
    expect(changedMapping(table, {})).toEqual({ Old: "B" });
    expect(changedMapping(table, { "b-ish": "B", A: "A" })).toEqual({ "b-ish": "B", Old: "B" });
    expect(changedMapping(table, { A: null })).toEqual({ A: null, Old: "B" });
  });

  it("durations read as minutes, hours or days", () => {
    expect([duration(0.5), duration(20.25), duration(72)]).toEqual(["30 min", "20.3 h", "3.0 d"]);
  });
});
