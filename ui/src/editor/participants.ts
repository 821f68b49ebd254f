import type { Rect } from "../canvas/geometry";
import type { Scene } from "../canvas/scene";
import type { Command } from "../generated/Command";
import type { Lane } from "../generated/Lane";
import type { Process } from "../generated/Process";
import type { Names } from "../names";
import { phraseOf } from "../names";
import { newId, type Placed } from "./placement";

/**
 * Participants and what joins them, as the user edits them: partner pools, the one kind of
 * line a connection between two elements must be (sequence flow, message flow or association),
 * and what deleting a selection takes with it. Pure functions over the process; the core
 * (`src/edit/execute.rs`) checks every command again.
 */

/** A black-box pool's band when the layout does not say (canvas/planes.ts DEFAULT_POOL_HEIGHT). */
const BLACK_BOX_HEIGHT = 80;
const NEW_LANE_HEIGHT = 160;

/** A new partner pool below every other one: a black box, or with one lane to draw its steps in. */
export function partnerPool(process: Process, withLane: boolean): Placed {
  const pools = process.pools ?? [];
  const order = pools.reduce((max, p) => Math.max(max, p.order + 1), 0);
  const partners = pools.filter((p) => p.partner).length;
  const pool = { id: newId(), name: partners === 0 ? "Partner" : `Partner ${partners + 1}`, partner: true, order };
  if (!withLane) return { id: pool.id, command: { command: "add_pool", pool, height: BLACK_BOX_HEIGHT } };
  // A lane's order counts within its pool, and this is the pool's first.
  const lane = { id: newId(), name: pool.name, team: "", trigger: "", output: "", order: 0, pool: pool.id };
  return {
    id: pool.id,
    command: { command: "batch", commands: [{ command: "add_pool", pool }, { command: "add_lane", lane, height: NEW_LANE_HEIGHT }] },
  };
}

/** What an element is and the pool it is in (null: the process's own lanes), for choosing the line between two of them. */
interface End {
  kind: "node" | "pool" | "artifact" | "flow";
  pool: string | null;
}

function endOf(process: Process, id: string): End | null {
  if ((process.pools ?? []).some((p) => p.id === id)) return { kind: "pool", pool: id };
  const node = process.nodes.find((n) => n.id === id);
  if (node) return { kind: "node", pool: process.lanes.find((l) => l.id === node.lane)?.pool ?? null };
  if ((process.artifacts ?? []).some((a) => a.id === id)) return { kind: "artifact", pool: null };
  if (process.flows.some((f) => f.id === id)) return { kind: "flow", pool: null };
  return null;
}

/** The participant a pool id or the process's own lanes (null) stand for, as the user reads it. */
function poolName(process: Process, names: Names, pool: string | null): string {
  if (pool === null) return "the process's own pool";
  const name = (process.pools ?? []).find((p) => p.id === pool)?.name.trim();
  return name ? `pool “${name}”` : phraseOf(names, pool);
}

/**
 * The line from `source` to `target`: an association when a data object, store or note is at
 * either end; a message flow between two participants (an end in another pool, or a pool
 * itself); a sequence flow between two steps of one pool. Refused, with the reason, when no
 * line may join them.
 */
export function connection(process: Process, names: Names, source: string, target: string, id: string): { command: Command } | { refused: string } {
  const from = endOf(process, source);
  const to = endOf(process, target);
  if (!from || !to || source === target) return { refused: "Pick another element to connect to" };
  if (from.kind === "artifact" || to.kind === "artifact") {
    if (from.kind === "pool" || to.kind === "pool") return { refused: "A note or data is connected to a step or a flow, not to a pool" };
    const data = [source, target].some((end) => (process.artifacts ?? []).some((a) => a.id === end && a.kind.type !== "annotation" && a.kind.type !== "group"));
    const association = { id, source, target, ...(data ? { direction: "one" as const } : {}) };
    return { command: { command: "add_association", association } };
  }
  if (from.kind === "flow" || to.kind === "flow") return { refused: "Only a note or data can be connected to a flow" };
  if (from.kind === "node" && to.kind === "node" && from.pool === to.pool) {
    return { command: { command: "add_flow", flow: { id, source, target } } };
  }
  if (from.pool === to.pool) {
    return { refused: `A message flow goes from one participant to another; both ends are in ${poolName(process, names, from.pool)}` };
  }
  return { command: { command: "add_message", message: { id, source, target } } };
}

/** What deleting a selection removes, and the question to ask first when it takes more than is selected. */
export interface Removal {
  command: Command | null;
  confirm: { title: string; body: string } | null;
}

/**
 * Deletes the selected elements. Each removal takes what hangs on it (a node its flows and
 * message flows, a lane its steps, a pool its lanes and message flows), so lines go first,
 * then steps and artifacts, then lanes, then pools: nothing an earlier removal took is named again.
 */
export function removal(process: Process, names: Names, selection: readonly string[]): Removal {
  const ids = new Set(selection);
  const pools = (process.pools ?? []).filter((p) => ids.has(p.id));
  const inPool = (l: Lane) => l.pool !== undefined && pools.some((p) => p.id === l.pool);
  const lanes = process.lanes.filter((l) => ids.has(l.id) || inPool(l));
  const laneIds = new Set(lanes.map((l) => l.id));
  const steps = process.nodes.filter((n) => laneIds.has(n.lane)).length;
  const gone = new Set([...pools.map((p) => p.id), ...process.nodes.filter((n) => laneIds.has(n.lane)).map((n) => n.id)]);
  const messages = (process.messages ?? []).filter((m) => gone.has(m.source) || gone.has(m.target)).length;
  const commands: Command[] = [
    ...(process.messages ?? []).filter((m) => ids.has(m.id)).map((m): Command => ({ command: "remove_message", message: m.id })),
    ...(process.associations ?? []).filter((a) => ids.has(a.id)).map((a): Command => ({ command: "remove_association", association: a.id })),
    ...process.flows.filter((f) => ids.has(f.id)).map((f): Command => ({ command: "remove_flow", flow: f.id })),
    ...process.nodes.filter((n) => ids.has(n.id)).map((n): Command => ({ command: "remove_node", node: n.id })),
    ...(process.artifacts ?? []).filter((a) => ids.has(a.id)).map((a): Command => ({ command: "remove_artifact", artifact: a.id })),
    ...process.lanes.filter((l) => ids.has(l.id) && !inPool(l)).map((l): Command => ({ command: "remove_lane", lane: l.id })),
    ...pools.map((p): Command => ({ command: "remove_pool", pool: p.id })),
  ];
  const command = commands.length === 0 ? null : commands.length === 1 ? commands[0]! : { command: "batch" as const, commands };
  if (steps === 0 && messages === 0) return { command, confirm: null };
  const what = [...pools.map((p) => poolName(process, names, p.id)), ...process.lanes.filter((l) => ids.has(l.id) && !inPool(l)).map((l) => phraseOf(names, l.id))].join(", ");
  const taken = [plural(steps, "step"), plural(messages, "message flow")].filter((s) => s !== "").join(" and ");
  const kind = pools.length > 0 ? (pools.length === 1 && selection.length === 1 ? "this pool" : "these pools") : lanes.length === 1 ? "this workflow" : "these workflows";
  return { command, confirm: { title: `Delete ${kind}?`, body: `${what} and the ${taken} on ${selection.length === 1 ? "it" : "them"} will be removed. Undo (Ctrl+Z) brings them back.` } };
}

function plural(count: number, word: string): string {
  return count === 0 ? "" : `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Where a connection can start: a node, a pool's name band, a data object, store or note. */
export function connectable(scene: Scene, id: string): { id: string; rect: Rect } | null {
  const node = scene.nodes.find((n) => n.id === id);
  if (node) return node;
  const pool = scene.pools.find((p) => p.id === id);
  if (pool) return { id, rect: pool.blackBox ? { ...pool.rect, w: Math.min(pool.rect.w, 400) } : pool.header };
  return scene.artifacts.find((a) => a.id === id) ?? null;
}
