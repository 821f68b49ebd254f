import type { Instance } from "../generated/Instance";
import { simulatedTime } from "./describe";

/** One row of the log table. */
export interface LogRow {
  step: number;
  time: string;
  lane: string;
  actor: string;
  node: string;
  event: string;
  reason: string;
  /** An SLA breach was recorded for this node at this step (or the process SLA, on its last row). */
  breach: string | null;
}

/** The instance's log as table rows, each breach attached to the row of its step and node. */
export function logRows(instance: Instance): LogRow[] {
  const lastOfStep = new Map(instance.log.map((entry, index) => [entry.step, index]));
  return instance.log.map((entry, index) => {
    const breach = instance.breaches.find(
      (b) => b.step === entry.step && (b.node === entry.node || (b.node === null && lastOfStep.get(b.step) === index)),
    );
    return {
      step: entry.step,
      time: simulatedTime(entry.at),
      lane: entry.lane,
      actor: entry.actor,
      node: entry.node_name,
      event: entry.event,
      reason: entry.reason ?? "",
      breach: breach ? `${breach.name}: SLA ${breach.target.text}, took ${breach.actual.text}` : null,
    };
  });
}
