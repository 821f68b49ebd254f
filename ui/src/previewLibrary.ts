import type { Process } from "./generated/Process";
import { MockBackend, type ComparisonFixture } from "./mockBackend";
import type { RecordedRun, ReplayFixture } from "./recordedRuns";
import run from "../tests/fixtures/simulation-accounts-payable.json";
import replay from "../tests/fixtures/replay-invoice.json";
import names from "../tests/fixtures/names.json";
import type { Names } from "./names";

/** The sample processes as an in-memory library, for `npm run dev` outside the desktop shell. */
export function previewLibrary(): MockBackend {
  const files = import.meta.glob<Process>("../../samples/*.json", { eager: true, import: "default" });
  // Sorted by file name, so accounts-payable.v1 becomes version 1 and v2 version 2.
  const processes = Object.keys(files)
    .sort()
    .map((name) => files[name]!);
  // The mock cannot diff; the UI tests' comparisons (made by the real core) serve compare mode.
  const comparisons = Object.values(import.meta.glob<ComparisonFixture>("../tests/fixtures/compare-*.json", { eager: true, import: "default" }));
  return new MockBackend(processes, {
    comparisons,
    // Simulation walks the run and the scenario the core recorded for Accounts payable v2.
    runs: [run as unknown as RecordedRun],
    // What the core calls each element (the mock cannot describe an unnamed one).
    names: names as unknown as Record<string, Names>,
    replays: [replay as unknown as ReplayFixture],
    path: "samples (preview, in memory)",
    author: "Sample author",
    // A month between versions, so the "as of" picker has something to tell apart.
    savedAt: (_, number) => `2026-${String(number).padStart(2, "0")}-15T09:30:00Z`,
    // Like the shell, which stamps a restore with the time it happens.
    clock: () => new Date().toISOString(),
  });
}
