import type { Change } from "../generated/Change";
import type { Patch } from "../generated/Patch";
import type { Process } from "../generated/Process";

/**
 * The process with a patch from the core applied: the UI's copy follows the core's working copy
 * change by change (the core has already checked each one), so the canvas redraws from it.
 * `owned`: nothing else keeps `process`, so its layout's maps are written in place rather than
 * copied (copying 5,000 boxes would cost more than the edit); the lists are always new.
 */
export function applyPatch(process: Process, patch: Patch, owned = false): Process {
  const layout = owned ? { ...process.layout } : copyLayout(process);
  let next: Process = { ...process, lanes: [...process.lanes], nodes: [...process.nodes], flows: [...process.flows], layout };
  if (!owned) {
    // Both maps are written in place below, so they are the copy's own.
    next.layout.pools = { ...(process.layout.pools ?? {}) };
    next.layout.artifacts = { ...(process.layout.artifacts ?? {}) };
  }
  for (const change of patch.changes) next = applyChange(next, change);
  return next;
}

function copyLayout(process: Process): Process["layout"] {
  const { layout } = process;
  return { nodes: { ...layout.nodes }, lanes: { ...layout.lanes }, flows: { ...(layout.flows ?? {}) } };
}

function upsert<T extends { id: string }>(items: T[], id: string, item: T | null): T[] {
  const at = items.findIndex((x) => x.id === id);
  if (item === null) return at < 0 ? items : items.filter((_, i) => i !== at);
  if (at < 0) return [...items, item];
  const copy = [...items];
  copy[at] = item;
  return copy;
}

function applyChange(process: Process, change: Change): Process {
  const { key, after } = change;
  const layout = process.layout;
  switch (key.key) {
    case "info":
      return after?.record === "info" ? { ...process, info: after.info } : process;
    case "lane":
      return { ...process, lanes: upsert(process.lanes, key.id, after?.record === "lane" ? after.lane : null) };
    case "node":
      return { ...process, nodes: upsert(process.nodes, key.id, after?.record === "node" ? after.node : null) };
    case "flow":
      return { ...process, flows: upsert(process.flows, key.id, after?.record === "flow" ? after.flow : null) };
    case "node_bounds":
      if (after?.record === "node_bounds") layout.nodes[key.id] = after.bounds;
      else delete layout.nodes[key.id];
      return process;
    case "lane_height":
      if (after?.record === "lane_height") layout.lanes[key.id] = after.height;
      else delete layout.lanes[key.id];
      return process;
    case "pool":
      return { ...process, pools: upsert(process.pools ?? [], key.id, after?.record === "pool" ? after.pool : null) };
    case "message":
      return { ...process, messages: upsert(process.messages ?? [], key.id, after?.record === "message" ? after.message : null) };
    case "artifact":
      return { ...process, artifacts: upsert(process.artifacts ?? [], key.id, after?.record === "artifact" ? after.artifact : null) };
    case "association":
      return { ...process, associations: upsert(process.associations ?? [], key.id, after?.record === "association" ? after.association : null) };
    case "pool_height": {
      const pools = layout.pools ?? (layout.pools = {});
      if (after?.record === "pool_height") pools[key.id] = after.height;
      else delete pools[key.id];
      return process;
    }
    case "artifact_bounds": {
      const artifacts = layout.artifacts ?? (layout.artifacts = {});
      if (after?.record === "artifact_bounds") artifacts[key.id] = after.bounds;
      else delete artifacts[key.id];
      return process;
    }
    case "waypoints": {
      const flows = layout.flows ?? (layout.flows = {});
      if (after?.record === "waypoints") flows[key.id] = after.points;
      else delete flows[key.id];
      return process;
    }
  }
}

/** The nodes and flows a patch changed (by id), so the canvas lays out only what moved. */
export function changedElements(patch: Patch): { nodes: Set<string>; flows: Set<string> } {
  const nodes = new Set<string>();
  const flows = new Set<string>();
  for (const { key } of patch.changes) {
    if (key.key === "node" || key.key === "node_bounds") nodes.add(key.id);
    else if (key.key === "flow" || key.key === "waypoints") flows.add(key.id);
  }
  return { nodes, flows };
}
