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
  const commands: Command[] = inOrder(fragment.nodes).map(({ node, bounds, laneName }) => {
    const lane = lanes.find((l) => l.id === node.lane) ?? lanes.find((l) => l.name === laneName) ?? top;
    // A copied boundary event rides on the copy of its host, a copied step sits in the copy of
    // its sub-process; one whose host or sub-process was not copied keeps the original host and
    // goes where it lands.
    const kind = node.kind.type === "boundary" ? { ...node.kind, host: fresh.get(node.kind.host) ?? node.kind.host } : node.kind;
    const { parent: _parent, ...rest } = node;
    const parent = node.parent ? fresh.get(node.parent) : undefined;
    return {
      command: "add_node",
      node: { ...rest, ...(parent ? { parent } : {}), id: fresh.get(node.id)!, lane: lane.id, kind },
      bounds: { ...bounds, x: bounds.x + shift, y: bounds.y + shift },
    };
  });
  for (const flow of fragment.flows) {
    commands.push({ command: "add_flow", flow: { ...flow, id: newId(), source: fresh.get(flow.source)!, target: fresh.get(flow.target)! } });
  }
  return { command: { command: "batch", commands }, ids: [...fresh.values()] };
}

/** Hosts before their boundary events and sub-processes before what is inside them. */
function inOrder(nodes: Fragment["nodes"]): Fragment["nodes"] {
  const ids = new Set(nodes.map(({ node }) => node.id));
  const above = (node: Node) => (node.kind.type === "boundary" ? node.kind.host : node.parent);
  const byId = new Map(nodes.map((n) => [n.node.id, n.node]));
  const depth = (node: Node): number => {
    let d = 0;
    for (let up = above(node); up && ids.has(up) && d <= nodes.length; up = above(byId.get(up)!)) d++;
    return d;
  };
  return [...nodes].sort((a, b) => depth(a.node) - depth(b.node));
}
