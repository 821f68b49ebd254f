import type { Decorations, ElementDecoration } from "../canvas";
import type { SimulationStep } from "../generated/SimulationStep";

/**
 * The canvas layer of one simulation state: a token dot on each flow holding a token, its
 * target and lane highlighted as where the work is, call activities with a running child
 * highlighted, nodes with an enabled action highlighted (clickable), SLA breaches in red.
 */
export function tokenDecorations({ instance, enabled }: SimulationStep): Decorations {
  const byElementId: Record<string, ElementDecoration> = {};
  const add = (id: string, decoration: ElementDecoration) => (byElementId[id] = { ...byElementId[id], ...decoration });
  const { definition } = instance;
  const laneOf = (node: string | undefined) => definition.nodes.find((n) => n.id === node)?.lane;
  const working = new Set<string>();
  for (const token of instance.tokens) {
    const flow = definition.flows.find((f) => f.id === token.flow);
    if (!flow) continue;
    add(flow.id, { highlight: "active", token: true });
    add(flow.target, { highlight: "active" });
    const lane = laneOf(flow.target);
    if (lane) working.add(lane);
  }
  for (const call of instance.calls) {
    add(call.node, { highlight: "active" });
    const lane = laneOf(call.node);
    if (lane) working.add(lane);
  }
  for (const action of enabled) if ((action.path ?? []).length === 0) add(action.node, { highlight: "active" });
  for (const lane of working) add(lane, { highlight: "active" });
  for (const breach of instance.breaches) {
    if (breach.node && laneOf(breach.node)) add(breach.node, { highlight: "breach", marker: "error", note: `SLA ${breach.target.text} · took ${breach.actual.text}` });
  }
  return { byElementId };
}

/** The nodes a click on the canvas can fire: those with an enabled action at the top level. */
export function firableNodes({ enabled }: SimulationStep): Set<string> {
  return new Set(enabled.filter((a) => (a.path ?? []).length === 0).map((a) => a.node));
}
