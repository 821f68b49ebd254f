import type { Command } from "../generated/Command";
import type { Process } from "../generated/Process";
import { inStackOrder } from "../canvas/planes";

/* The order of the canvas's bands: lanes (workflows) top to bottom, and pools among pools. */

function byOrder(items: readonly { id: string; order: number }[]): string[] {
  return inStackOrder(items).map((x) => x.id);
}

/** The pools' ids top to bottom, as the canvas stacks them. */
export function poolOrder(process: Process): string[] {
  return byOrder(process.pools ?? []);
}

/** The edit that puts the pools in `order` (ids top to bottom): each pool whose place changes, renumbered; null when none does. */
export function reorderPools(process: Process, order: readonly string[]): Command | null {
  const pools = process.pools ?? [];
  const commands: Command[] = [];
  order.forEach((id, order) => {
    const pool = pools.find((p) => p.id === id);
    if (pool && pool.order !== order) commands.push({ command: "update_pool", pool: { ...pool, order } });
  });
  if (commands.length === 0) return null;
  return commands.length === 1 ? commands[0]! : { command: "batch", commands };
}

/**
 * The edit that moves lane or pool `id` one place up (-1) or down (+1) in its stack: null when it
 * is already at that end, undefined when `id` is neither a lane nor a pool.
 */
export function moveBand(process: Process, id: string, by: -1 | 1): Command | null | undefined {
  const lane = process.lanes.some((l) => l.id === id);
  if (!lane && !(process.pools ?? []).some((p) => p.id === id)) return undefined;
  const order = lane ? byOrder(process.lanes) : poolOrder(process);
  const at = order.indexOf(id);
  const to = at + by;
  if (to < 0 || to >= order.length) return null;
  [order[at], order[to]] = [order[to]!, order[at]!];
  return lane ? { command: "reorder_lanes", lanes: order } : reorderPools(process, order);
}
