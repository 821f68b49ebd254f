import type { Command } from "../generated/Command";
import type { Node } from "../generated/Node";
import type { Process } from "../generated/Process";
import { labelOf, type Names } from "../names";

/* A collapsed sub-process opens on its own plane: the canvas shows only what is drawn there,
   in one band named after the sub-process (its contents have no lanes; they share the
   sub-process's lane, and their boxes are in the plane's own coordinates). */

/** The band a plane is drawn in is at least this tall. */
const MIN_PLANE_HEIGHT = 400;

function isCollapsed(node: Node | undefined): boolean {
  return node?.kind.type === "sub_process" && node.kind.expanded !== true;
}

/** The collapsed sub-process whose plane `node` is drawn on; null for the process's own plane. */
export function planeOf(process: Process, node: Node, byId: ReadonlyMap<string, Node> = new Map(process.nodes.map((n) => [n.id, n]))): string | null {
  let parent = node.kind.type === "boundary" ? (byId.get(node.kind.host)?.parent ?? node.parent) : node.parent;
  for (let depth = 0; parent && depth <= process.nodes.length; depth++) {
    const up = byId.get(parent);
    if (isCollapsed(up)) return parent;
    parent = up?.parent;
  }
  return null;
}

/** True when `id` is a collapsed sub-process, whose contents open on their own plane. */
export function opensPlane(process: Process, id: string): boolean {
  return isCollapsed(process.nodes.find((n) => n.id === id));
}

/**
 * What the canvas draws of `process` when the plane of sub-process `plane` is open; with null,
 * the process's own plane: everything but what is inside collapsed sub-processes. The plane's
 * band is named by the sub-process's label in `names`.
 */
export function planeView(process: Process, plane: string | null, names: Names): Process {
  // Most processes have no collapsed sub-process with contents: then this is the process itself, at once.
  if (plane === null && !process.nodes.some((n) => n.parent)) return process;
  const byId = new Map(process.nodes.map((n) => [n.id, n]));
  if (plane === null) {
    const hidden = new Set(process.nodes.filter((n) => planeOf(process, n, byId) !== null).map((n) => n.id));
    if (hidden.size === 0) return process;
    const nodes = process.nodes.filter((n) => !hidden.has(n.id));
    const flows = process.flows.filter((f) => !hidden.has(f.source) && !hidden.has(f.target));
    return { ...process, nodes, flows };
  }
  const sub = process.nodes.find((n) => n.id === plane);
  if (!sub) return process;
  // On its own plane the sub-process's direct contents are drawn as the plane's top level.
  const top = <T extends { parent?: string }>(item: T): T => (item.parent === plane ? { ...item, parent: undefined } : item);
  const nodes = process.nodes.filter((n) => planeOf(process, n, byId) === plane).map(top);
  const ids = new Set(nodes.map((n) => n.id));
  const boxes = Object.fromEntries(Object.entries(process.layout.nodes).filter(([id]) => ids.has(id)));
  const bottom = Object.values(boxes).reduce((max, b) => Math.max(max, b.y + b.h + 80), MIN_PLANE_HEIGHT);
  const lane = { id: sub.lane, name: labelOf(names, sub.id), team: "", trigger: "", output: "", order: 0 };
  return {
    ...process,
    lanes: [lane],
    nodes,
    flows: process.flows.filter((f) => ids.has(f.source) && ids.has(f.target)),
    messages: [],
    artifacts: (process.artifacts ?? []).filter((a) => a.parent === plane).map(top),
    associations: [],
    layout: { ...process.layout, nodes: boxes, lanes: { [sub.lane]: bottom } },
  };
}

/** `command` with every new node that has no parent put inside sub-process `plane`. */
export function intoPlane(command: Command, plane: string): Command {
  switch (command.command) {
    case "add_node":
      return command.node.parent || command.node.kind.type === "boundary" ? command : { ...command, node: { ...command.node, parent: plane } };
    case "add_artifact":
      return command.artifact.parent ? command : { ...command, artifact: { ...command.artifact, parent: plane } };
    case "batch":
      return { ...command, commands: command.commands.map((c) => intoPlane(c, plane)) };
    default:
      return command;
  }
}

/** The sub-processes from the process's plane down to `plane`, outermost first. */
export function planePath(process: Process, plane: string | null): Node[] {
  const path: Node[] = [];
  const byId = new Map(process.nodes.map((n) => [n.id, n]));
  for (let at = plane; at && path.length <= process.nodes.length; ) {
    const node = byId.get(at);
    if (!node) break;
    path.unshift(node);
    at = planeOf(process, node);
  }
  return path;
}
