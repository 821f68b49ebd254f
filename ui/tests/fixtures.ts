import type { Problem } from "../src/generated/Problem";
import type { Process } from "../src/generated/Process";
import type { VerifyReport } from "../src/generated/VerifyReport";
import type { ComparisonFixture } from "../src/mockBackend";
import type { Names } from "../src/names";
import sampleNamesJson from "./fixtures/names.json";
import onboardingJson from "../../samples/employee-onboarding.json";
import payablesV1Json from "../../samples/accounts-payable.v1.json";
import payablesV2Json from "../../samples/accounts-payable.v2.json";
import contractsJson from "../../samples/contract-review.json";
import payablesV3Json from "./fixtures/accounts-payable.v3.json";
import compareV1V2Json from "./fixtures/compare-accounts-payable-v1-v2.json";
import compareV2V3Json from "./fixtures/compare-accounts-payable-v2-v3.json";
import vendorPaymentsJson from "./fixtures/vendor-payments.json";
import vendorProblemsJson from "./fixtures/vendor-payments.problems.json";
import verifyTamperedJson from "./fixtures/verify-tampered.json";

// JSON imports type string unions as plain strings; the files are canonical Process JSON.
export const onboarding = onboardingJson as unknown as Process;
export const payablesV1 = payablesV1Json as unknown as Process;
export const payablesV2 = payablesV2Json as unknown as Process;
export const contracts = contractsJson as unknown as Process;
// Computed by the Rust core and CLI (fixtures/generate.sh).
export const payablesV3 = payablesV3Json as unknown as Process;
export const compareV1V2 = compareV1V2Json as unknown as ComparisonFixture;
export const compareV2V3 = compareV2V3Json as unknown as ComparisonFixture;
export const vendorPayments = vendorPaymentsJson as unknown as Process;
export const vendorProblems = vendorProblemsJson as unknown as Problem[];
export const verifyTampered = verifyTamperedJson as unknown as VerifyReport;

/** What the core calls each element of the sample and fixture processes, by process id (generate.sh). */
export const sampleNames = sampleNamesJson as unknown as Record<string, Names>;

/**
 * Labels for a hand-made test process: each element that has a name is called by it, as the
 * core calls a named element. Unnamed ones are left out (they read "a removed element"): only
 * the core describes those, so a test about them uses labels the core made (`sampleNames`).
 */
export function ownNames(process: Process): Names {
  const names: Names = {};
  const add = (id: string, name: string | undefined) => {
    const text = (name ?? "").split(/\s+/).filter(Boolean).join(" ");
    if (text) names[id] = { text, named: true };
  };
  for (const lane of process.lanes) add(lane.id, lane.name);
  for (const node of process.nodes) add(node.id, node.name);
  for (const flow of process.flows) add(flow.id, flow.label);
  return names;
}

export const allSamples: Array<[string, Process]> = [
  ["employee-onboarding", onboarding],
  ["accounts-payable.v1", payablesV1],
  ["accounts-payable.v2", payablesV2],
  ["contract-review", contracts],
];

/**
 * Two lanes stored out of order (B first, drawn second), one without a height,
 * a task in each and a flow between them.
 */
export function twoLaneProcess(): Process {
  return {
    schema: 2,
    id: "p-two-lanes",
    info: { name: "Two lanes", outcome: "Done", category: "operational", owner: "Owner", variables: [] },
    lanes: [
      { id: "lane-b", name: "Second", team: "Team B", trigger: "A hands over", output: "Finished", order: 5 },
      { id: "lane-a", name: "First", team: "Team A", trigger: "Request", output: "Handed over", order: 1 },
    ],
    nodes: [
      { id: "start", lane: "lane-a", name: "Start", kind: { type: "start" } },
      { id: "task-a", lane: "lane-a", name: "Do A", kind: { type: "task", assignee: "Clerk" } },
      { id: "task-b", lane: "lane-b", name: "Do B", kind: { type: "task", assignee: "Officer", sla: "1d" } },
    ],
    flows: [
      { id: "f1", source: "start", target: "task-a" },
      { id: "f2", source: "task-a", target: "task-b", label: "hand over", condition: "amount > 10000" },
    ],
    layout: {
      nodes: {
        start: { x: 250, y: 62, w: 36, h: 36 },
        "task-a": { x: 340, y: 48, w: 140, h: 64 },
        "task-b": { x: 600, y: 30, w: 140, h: 64 },
      },
      lanes: { "lane-a": 180 },
    },
  };
}

/** A deterministic pseudo-random sequence in [0, 1), so "random" tests fail the same way twice. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}
