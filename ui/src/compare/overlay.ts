import type { Decorations, ElementDecoration, Highlight } from "../canvas";
import type { Diff } from "../generated/Diff";
import type { ElementChange } from "../generated/ElementChange";
import type { Process } from "../generated/Process";

/** Kinds of change the canvas can show: lanes, nodes and flows have shapes; the rest do not. */
const DRAWN = new Set(["lane", "node", "flow"]);

/** The canvas id a change is about: the newer id, or the older one for a removed (ghosted) element. */
export function canvasId(change: ElementChange): string | null {
  if (!DRAWN.has(change.element)) return null;
  return change.status === "removed" ? change.old_id : change.new_id;
}

/**
 * The comparison overlay for the newer definition: each added, changed or moved lane, node and
 * flow coloured by its status, moved nodes noted with their old lane, and removed ones drawn as
 * ghosts from `old` (the older definition). Layout-only changes are not coloured.
 */
export function compareDecorations(diff: Diff, old: Process): Decorations {
  const byElementId: Record<string, ElementDecoration> = {};
  const ghosts: string[] = [];
  const laneIds: Record<string, string> = {};
  for (const change of diff.changes) {
    const id = canvasId(change);
    if (id === null) continue;
    const highlight: Highlight = change.status;
    const decoration: ElementDecoration = { highlight };
    if (change.moved) decoration.note = `moved from ${change.moved.from_name}`;
    else if (change.recreated) decoration.note = "re-created";
    byElementId[id] = decoration;
    if (change.status === "removed") ghosts.push(id);
    if (change.element === "lane" && change.old_id && change.new_id && change.old_id !== change.new_id) {
      laneIds[change.old_id] = change.new_id;
    }
  }
  return { byElementId, ghosts: ghosts.length > 0 ? { process: old, ids: ghosts, laneIds } : null };
}
