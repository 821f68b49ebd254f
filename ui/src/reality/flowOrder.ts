import type { Process } from "../generated/Process";
import type { StepPerformance } from "../generated/StepPerformance";

/**
 * Steps in the order work reaches them: nodes by breadth-first distance from the start events
 * along the flows (ties in the definition's order); activities the design lacks come last.
 */
export function inFlowOrder(steps: readonly StepPerformance[], process: Process): StepPerformance[] {
  const rank = new Map<string, number>();
  const queue = process.nodes.filter((n) => n.kind.type === "start").map((n) => n.id);
  queue.forEach((id) => rank.set(id, 0));
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const flow of process.flows) {
      if (flow.source !== id || rank.has(flow.target)) continue;
      rank.set(flow.target, rank.get(id)! + 1);
      queue.push(flow.target);
    }
  }
  const order = (s: StepPerformance) => (s.node !== undefined && rank.has(s.node) ? rank.get(s.node)! : Number.MAX_SAFE_INTEGER);
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => order(a.step) - order(b.step) || a.index - b.index)
    .map(({ step }) => step);
}
