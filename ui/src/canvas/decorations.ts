import type { Process } from "../generated/Process";

/**
 * How an element differs from an older definition, (simulation) holds the work or broke an
 * SLA, or (reality) was taken by the cases of a log; each has its colour (theme `overlay`).
 */
export type Highlight = "added" | "removed" | "changed" | "moved" | "active" | "breach" | "taken";
/** A problem badge on an element. */
export type Marker = "error" | "warning";

/** What is drawn on top of one node, flow or lane (by id). */
export interface ElementDecoration {
  highlight?: Highlight;
  /** A short text beside the element, e.g. "moved from HR". */
  note?: string;
  marker?: Marker;
  /** A token waiting on this flow: a dot near its target. */
  token?: boolean;
  /** How much a flow was used (0–1 of the most used): drawn as a band that wide under it. */
  weight?: number;
}

/** Elements of an older definition, drawn ghosted where that definition had them. */
export interface GhostSource {
  process: Process;
  /** Ids in `process` to draw (removed lanes, nodes and flows). */
  ids: readonly string[];
  /** Older lane ids that live on under another id (a re-created lane), so ghosts in them land there. */
  laneIds?: Readonly<Record<string, string>>;
}

/** One layer of decorations, e.g. the comparison overlay or the problem markers. */
export interface Decorations {
  byElementId: Readonly<Record<string, ElementDecoration>>;
  ghosts?: GhostSource | null;
}

/**
 * Layers merged in the order they were set: a later layer's fields win, so a problem marker
 * and a comparison highlight on the same element both show. At most one ghost source counts
 * (the last one set).
 */
export function mergeLayers(layers: Iterable<Decorations>): { byId: Map<string, ElementDecoration>; ghosts: GhostSource | null } {
  const byId = new Map<string, ElementDecoration>();
  let ghosts: GhostSource | null = null;
  for (const layer of layers) {
    for (const [id, decoration] of Object.entries(layer.byElementId)) {
      byId.set(id, { ...byId.get(id), ...decoration });
    }
    if (layer.ghosts) ghosts = layer.ghosts;
  }
  return { byId, ghosts };
}
