// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Conformance, LogCaseReplay } from "../src/backend";
import { ConformanceView } from "../src/reality/conformanceView";
import { caseBanner } from "../src/simulation/simulationMode";

const conformance = {
  version: 2,
  log: { cases: 3, variants: 2 },
  alignments: { log_fitness: 0.9, average_trace_fitness: 0.9, fitting_cases: 1, fitting_percent: 33.3 },
  token_replay: { log_fitness: 0.95 },
  precision: 0.97,
  unmapped: [],
  flows: [],
  variants: [
    { activities: ["A", "B"], cases: 1, alignment_fitness: 1 },
    { activities: ["A"], cases: 2, alignment_fitness: 0.8 },
  ],
  cases: [
    { case: "c-1", variant: 0 },
    { case: "c-2", variant: 1 },
    { case: "c-3", variant: 1 },
  ],
  deviations: [{ kind: "skipped", name: "B", step: "B", count: 2, cases: 2, variants: [1], places: [] }],
} as unknown as Conformance;

describe("replaying a log's case", () => {
  it("each case behind a deviation has a Replay button that names its case", () => {
    const replayed: string[] = [];
    const view = new ConformanceView(() => {}, (id) => replayed.push(id));
    view.show(conformance, null);
    view.showDetails(conformance.deviations);
    const buttons = [...view.root.querySelectorAll<HTMLButtonElement>(".reality-details .reality-replay")];
    expect(buttons.map((b) => b.dataset.case)).toEqual(["c-2", "c-3"]);
    buttons[1]!.click();
    expect(replayed).toEqual(["c-3"]);
  });

  it("the banner says where the case leaves the design, or that it follows it", () => {
    const replay = { activities: ["A", "C"], steps: [{}, {}], departure: { activity_number: 2, activity: "C", offered: ["B"], message: 'the case does "C" next, where the design cannot; the design offers "B"' } } as unknown as LogCaseReplay;
    expect(caseBanner("c-2", 1, replay)).toBe('Case c-2 of log 1: 2 activities, 1 step replayed; it leaves the design at activity 2 "C": the case does "C" next, where the design cannot; the design offers "B".');
    expect(caseBanner("c-1", 1, { ...replay, departure: null })).toBe("Case c-1 of log 1: 2 activities, 1 step replayed; it follows the design to an end.");
    expect(caseBanner("c-1", 1, { ...replay, departure: { activity_number: 3, offered: ["B"], message: "the case ends" } })).toContain("after its last activity: the case ends.");
  });
});
