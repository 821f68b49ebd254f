import type { Flow } from "../generated/Flow";
import type { Process } from "../generated/Process";
import { asText, withOptional } from "./fields";
import { UNCHANGED, type Commit, type FieldSpec } from "./form";

/* A way out of a decision: how often a what-if run takes it when the data does not decide. */

/** Whether `flow` leaves a decision that picks among its ways out (exclusive, inclusive, complex). */
export function leavesDecision(process: Process, flow: Flow): boolean {
  const source = process.nodes.find((n) => n.id === flow.source);
  return source?.kind.type === "gateway" && ["exclusive", "inclusive", "complex"].includes(source.kind.gateway);
}

/** A probability (0–1) as the panel writes it: `60`, `33.333`. */
export function percentText(probability: number | undefined): string {
  return probability === undefined ? "" : String(Math.round(probability * 100_000) / 1000);
}

/** The percentage field; empty clears the probability. */
export function probabilityField(flow: Flow, label: string, update: (flow: Flow) => Commit): FieldSpec {
  const current = percentText(flow.probability);
  return {
    key: "probability",
    name: "probability",
    label: `${label} (%)`,
    control: "text",
    value: current,
    placeholder: "e.g. 60",
    hint: "How often a what-if run takes this way when the data does not decide.",
    commit: (raw) => {
      const text = asText(raw).trim().replace(/%$/, "").trim().replace(",", ".");
      if (text === current) return UNCHANGED;
      if (text === "") return flow.probability === undefined ? UNCHANGED : update(withOptional(flow, "probability", undefined));
      const percent = Number(text);
      if (!Number.isFinite(percent) || percent < 0 || percent > 100) return { error: `"${text}" is not a percentage from 0 to 100.` };
      return update({ ...flow, probability: percent / 100 });
    },
  };
}

/**
 * The ways out of the decision `flow` leaves, summed: `Ways out: 60 % + 40 % = 100 %`, with a
 * warning when they do not make 100 % or only some have one; null when none has a probability.
 */
export function probabilitySum(process: Process, flow: Flow): { text: string; warning: boolean } | null {
  const ways = process.flows.filter((f) => f.source === flow.source);
  const given = ways.filter((f) => f.probability !== undefined);
  if (given.length === 0) return null;
  const sum = given.reduce((total, f) => total + (f.probability ?? 0), 0);
  const terms = ways.map((f) => (f.probability === undefined ? "?" : `${percentText(f.probability)} %`)).join(" + ");
  const total = `${percentText(sum)} %`;
  if (given.length < ways.length) return { text: `Ways out: ${terms}. Give every way out a probability (${ways.length - given.length} missing).`, warning: true };
  if (Math.abs(sum - 1) > 1e-6) return { text: `Ways out: ${terms} = ${total}, not 100 %. A what-if run refuses them until they add up.`, warning: true };
  return { text: `Ways out: ${terms} = ${total}.`, warning: false };
}
