import { describe, expect, it, vi } from "vitest";
import type { Arrival, FileComparison, PickedBpmn } from "../src/backend";
import { Arrivals, type ArrivalHost } from "../src/app/arrivals";
import { MockBackend } from "../src/mockBackend";

const picked: PickedBpmn = { path: "/home/me/vendor.bpmn", name: "Vendor", exported_from: null, warnings: [] };
const comparison = { old: { label: "a.bpmn" }, new: { label: "b.bpmn" } } as unknown as FileComparison;

function host(): ArrivalHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    importFile: vi.fn(async (p: PickedBpmn) => void calls.push(`import ${p.path}`)),
    compareFiles: vi.fn((c: FileComparison) => void calls.push(`compare ${c.old.label} ${c.new.label}`)),
    libraryOpened: vi.fn((path: string, atStart: boolean) => void calls.push(`library ${path} ${atStart ? "at start" : "later"}`)),
    refused: vi.fn((message: string) => void calls.push(`refused ${message}`)),
  };
}

describe("what launches hand the window", () => {
  const cases: Array<[Arrival, string]> = [
    [{ kind: "library", path: "/home/me/team.flowlane" }, "library /home/me/team.flowlane at start"],
    [{ kind: "import", picked }, "import /home/me/vendor.bpmn"],
    [{ kind: "compare", comparison }, "compare a.bpmn b.bpmn"],
    [{ kind: "refused", message: "There is no file at /x.bpmn." }, "refused There is no file at /x.bpmn."],
  ];

  it.each(cases)("the first launch's %j is handled once, at start", async (arrival, done) => {
    const backend = new MockBackend([], { arrival });
    const window = host();
    await new Arrivals(backend, window).start();
    expect(window.calls).toEqual([done]);
    expect(await backend.takeArrival()).toBeNull();
  });

  it("a second launch's file is handled when it is handed over; a library reloads the window", async () => {
    const backend = new MockBackend([]);
    const window = host();
    await new Arrivals(backend, window).start();
    expect(window.calls).toEqual([]);
    backend.handOver({ kind: "import", picked });
    await vi.waitFor(() => expect(window.calls).toEqual(["import /home/me/vendor.bpmn"]));
    backend.handOver({ kind: "library", path: "/home/me/other.flowlane" });
    await vi.waitFor(() => expect(window.calls).toContain("library /home/me/other.flowlane later"));
  });
});
