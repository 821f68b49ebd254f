import { afterEach, describe, expect, it, vi } from "vitest";
import type { Problem } from "../src/generated/Problem";
import { MockBackend } from "../src/mockBackend";
import { groupBySeverity, isBlank, problemSummary } from "../src/problems/groups";
import { LiveValidation, VALIDATION_DELAY_MS, type Outcome } from "../src/problems/liveValidation";
import { problemDecorations } from "../src/problems/markers";
import { payablesV1, payablesV2, vendorPayments, vendorProblems } from "./fixtures";

const problem = (severity: Problem["severity"], element: string | null, code = "rule"): Problem => ({ severity, code, element, message: "m", hint: "h", path: [] });

describe("problem grouping and summary", () => {
  it("puts errors before warnings, keeping the validator's order inside each", () => {
    const groups = groupBySeverity(vendorProblems);
    expect(groups.map((g) => [g.title, g.problems.length])).toEqual([
      ["Errors", 6],
      ["Warnings", 2],
    ]);
    expect(groups[0]!.problems.map((p) => p.code)).toEqual(["end-unreachable", "unreachable", "unreachable", "dead-end", "condition-missing", "condition-type"]);
    expect(groupBySeverity([problem("warning", "a"), problem("error", "b")]).map((g) => g.severity)).toEqual(["error", "warning"]);
    expect(groupBySeverity([])).toEqual([]);
  });

  it.each([
    [[], "No problems"],
    [[problem("error", "a")], "1 error"],
    [[problem("warning", "a")], "1 warning"],
    [[problem("error", "a"), problem("error", "b"), problem("warning", null)], "2 errors · 1 warning"],
  ] as Array<[Problem[], string]>)("summarises %j as %s", (problems, text) => {
    expect(problemSummary(problems)).toBe(text);
  });
  it("summarises the vendor payments fixture", () => expect(problemSummary(vendorProblems)).toBe("6 errors · 2 warnings"));
});

describe("problem badges", () => {
  it("badge each element once, red when any of its problems is an error", () => {
    const { byElementId } = problemDecorations([problem("warning", "a"), problem("error", "a"), problem("warning", "b"), problem("error", null)]);
    expect(byElementId).toEqual({ a: { marker: "error" }, b: { marker: "warning" } });
  });

  it("cover the seven elements of the vendor payments fixture", () => {
    const { byElementId } = problemDecorations(vendorProblems);
    expect(Object.keys(byElementId)).toHaveLength(7);
    const post = vendorPayments.nodes.find((n) => n.name === "Post payment to ledger")!.id;
    expect(byElementId[post]).toEqual({ marker: "error" });
    const ledger = vendorPayments.lanes.find((l) => l.name === "Ledger posting")!.id;
    expect(byElementId[ledger]).toEqual({ marker: "warning" });
  });
});

describe("LiveValidation", () => {
  afterEach(() => vi.useRealTimers());

  it("checks only the latest subject, once, after a quiet moment", async () => {
    vi.useFakeTimers();
    const backend = new MockBackend([payablesV1, payablesV2, vendorPayments], { problems: { [vendorPayments.id]: vendorProblems } });
    const asked: Array<[string, number | undefined]> = [];
    const validate = backend.validateProcess.bind(backend);
    backend.validateProcess = (id, version) => {
      asked.push([id, version]);
      return validate(id, version);
    };
    const outcomes: Outcome[] = [];
    const live = new LiveValidation(backend, (o) => outcomes.push(o));
    live.changed({ id: payablesV1.id, version: 1 });
    await vi.advanceTimersByTimeAsync(VALIDATION_DELAY_MS - 50);
    live.changed({ id: payablesV1.id, version: 2 });
    live.changed({ id: vendorPayments.id, version: 1 });
    await vi.advanceTimersByTimeAsync(VALIDATION_DELAY_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([[vendorPayments.id, 1]]);
    expect(outcomes).toEqual([{ subject: { id: vendorPayments.id, version: 1 }, problems: vendorProblems }]);
  });

  it("drops an answer that arrives after the subject changed, and reports failures", async () => {
    vi.useFakeTimers();
    const backend = new MockBackend([payablesV1]);
    let release: () => void = () => {};
    backend.validateProcess = () => new Promise((resolve) => (release = () => resolve([])));
    const outcomes: Outcome[] = [];
    const live = new LiveValidation(backend, (o) => outcomes.push(o), 10);
    live.changed({ id: payablesV1.id, version: 1 });
    await vi.advanceTimersByTimeAsync(10);
    live.changed(null);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(outcomes).toEqual([]);

    const failing = new LiveValidation(new MockBackend([payablesV1]), (o) => outcomes.push(o), 10);
    failing.changed({ id: "missing", version: 1 });
    await vi.advanceTimersByTimeAsync(10);
    expect(outcomes).toEqual([{ subject: { id: "missing", version: 1 }, error: { code: "unknown_process", message: 'no process matches "missing"' } }]);
  });
});

describe("a blank process", () => {
  const start = payablesV2.nodes.find((n) => n.kind.type === "start")!;

  it("is one with nothing but a start event, as New process makes it", () => {
    expect(isBlank({ nodes: [start], flows: [] })).toBe(true);
    expect(isBlank({ nodes: [], flows: [] })).toBe(true);
  });

  it("has content once a step or a flow is drawn", () => {
    expect(isBlank(payablesV2)).toBe(false);
    const step = payablesV2.nodes.find((n) => n.kind.type === "task")!;
    expect(isBlank({ nodes: [start, step], flows: [] })).toBe(false);
  });
});
