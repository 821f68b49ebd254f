import type { Bounds } from "../generated/Bounds";
import type { Command } from "../generated/Command";
import type { Flow } from "../generated/Flow";
import type { Node } from "../generated/Node";
import type { Process } from "../generated/Process";
import { newId } from "./placement";

/** Copied steps with the flows among them; lives for the session, so it pastes into any process. */
export interface Fragment {
  nodes: Array<{ node: Node; bounds: Bounds; laneName: string }>;
  flows: Flow[];
}

/** How far each paste lands from the last, so copies do not hide what they copy. */
const PASTE_OFFSET = 30;

export function copy(process: Process, ids: readonly string[]): Fragment | null {
  const chosen = new Set(ids);
  const nodes = process.nodes
    .filter((n) => chosen.has(n.id) && process.layout.nodes[n.id])
    .map((node) => ({ node, bounds: process.layout.nodes[node.id]!, laneName: process.lanes.find((l) => l.id === node.lane)?.name ?? "" }));
  if (nodes.length === 0) return null;
  const flows = process.flows.filter((f) => chosen.has(f.source) && chosen.has(f.target));
  return structuredClone({ nodes, flows });
}

/**
 * One batch adding fresh copies of the fragment's steps and flows to `process`. A step goes to
 * its own lane if the process has it, else to a lane of the same name, else to the top lane.
 * `times` counts pastes of this fragment, each landing a little further away.
 */
export function paste(process: Process, fragment: Fragment, times: number): { command: Command; ids: string[] } | null {
  const lanes = [...process.lanes].sort((a, b) => a.order - b.order);
  const top = lanes[0];
  if (!top) return null;
  const fresh = new Map(fragment.nodes.map(({ node }) => [node.id, newId()]));
  const shift = PASTE_OFFSET * times;
  const commands: Command[] = fragment.nodes.map(({ node, bounds, laneName }) => {
    const lane = lanes.find((l) => l.id === node.lane) ?? lanes.find((l) => l.name === laneName) ?? top;
    return {
      command: "add_node",
      node: { ...node, id: fresh.get(node.id)!, lane: lane.id },
      bounds: { ...bounds, x: bounds.x + shift, y: bounds.y + shift },
    };
  });
  for (const flow of fragment.flows) {
    commands.push({ command: "add_flow", flow: { ...flow, id: newId(), source: fresh.get(flow.source)!, target: fresh.get(flow.target)! } });
  }
  return { command: { command: "batch", commands }, ids: [...fresh.values()] };
}
