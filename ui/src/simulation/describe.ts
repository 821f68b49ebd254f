import type { Action } from "../generated/Action";
import type { Instance } from "../generated/Instance";
import type { Process } from "../generated/Process";
import { labelOf, type Names } from "../names";

/**
 * Wording of a run for people: actions, gateway choices, the status and simulated spans. Steps
 * and flows are called by the core's labels (`SimulationStep.names`), so an unnamed join reads
 * "join before 'Pay invoice'" here as in the log.
 */

/** The definition an action's node lives in: the top one, or a called process's (by `path`). */
function definitionOf(instance: Instance, action: Action): Process {
  let current = instance;
  for (const call of action.path ?? []) {
    const running = current.calls.find((c) => c.node === call);
    if (!running) break;
    current = running.child;
  }
  return current.definition;
}

/**
 * "Approve invoice", at a choice `Approved? → send back`, where a message or signal arrives
 * `Corrected invoice? → corrected invoice (deliver "Corrected invoice received")`, and a step
 * given its time `Prepare laptop, taking 6d`.
 */
export function actionLabel(instance: Instance, names: Names, action: Action): string {
  const process = definitionOf(instance, action);
  const node = labelOf(names, action.node);
  const suffix = `${action.deliver ? ` (deliver "${action.deliver}")` : ""}${action.took ? `, taking ${action.took}` : ""}`;
  const ways = (action.take ?? []).map((id) => wayName(process, names, id));
  if (ways.length === 0) return `${node}${suffix}`;
  return `${node} → ${ways.join(" and ")}${suffix}`;
}

/** A way out as people call it: its label, else the core's description of the flow. */
export function wayName(process: Process, names: Names, flowId: string): string {
  const label = process.flows.find((f) => f.id === flowId)?.label?.trim();
  return label || labelOf(names, flowId);
}

/** Whether a gateway may take several ways out at once (inclusive and complex gateways). */
export function takesSeveral(process: Process, node: string): boolean {
  const kind = process.nodes.find((n) => n.id === node)?.kind;
  return kind?.type === "gateway" && (kind.gateway === "inclusive" || kind.gateway === "complex");
}

/** Why the user must choose: each condition and what it gave, e.g. "amount > 10000 → false". */
export function choiceReasons(action: Action): string[] {
  return (action.evaluations ?? []).map((e) => {
    const value = e.value === null ? `no value${e.error ? ` (${e.error})` : ""}` : String(e.value);
    return `${e.condition} → ${value}`;
  });
}

/** Whole minutes from `from` to `to` as "5d 4h 30m" (calendar time, as the simulated clock runs). */
export function span(from: string, to: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "0m";
}

/** A simulated instant as "2026-03-02 09:15" (UTC). */
export function simulatedTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toISOString().slice(0, 16).replace("T", " ");
}

/** "Ended at Invoice paid and posted after 5d 4h 30m", "Stuck: …" or the running step and clock. */
export function statusText(instance: Instance, names: Names): string {
  const status = instance.status;
  switch (status.state) {
    case "ended": {
      const name = labelOf(names, status.node);
      return `Ended at ${name} after ${span(instance.started_at, status.at)}`;
    }
    case "stuck":
      return `Stuck: ${status.reasons.join("; ")}`;
    case "running":
      return `Running · step ${instance.step} · ${simulatedTime(instance.now)} UTC`;
  }
}
