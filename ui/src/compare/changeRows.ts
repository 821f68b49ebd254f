import type { Diff } from "../generated/Diff";
import type { DiffField } from "../generated/DiffField";
import type { DiffStatus } from "../generated/DiffStatus";
import type { ElementChange } from "../generated/ElementChange";
import type { FieldValue } from "../generated/FieldValue";
import type { LayoutItem } from "../generated/LayoutItem";
import { canvasId } from "./overlay";

/** One "label: old → new" line of a change; `old` or `new` is null for an added or removed value. */
export interface FieldLine {
  label: string;
  old: string | null;
  new: string | null;
}

/** One row of the change list, ready to render. */
export interface ChangeRow {
  /** Unique within one comparison. */
  key: string;
  status: DiffStatus | "layout";
  /** What to select on the canvas, or null (variables, the lane order). */
  elementId: string | null;
  /** Every id the row answers to when the canvas selects something (old and new when re-created). */
  ids: string[];
  title: string;
  kind: string;
  /** The lane of a node, for context. */
  lane: string | null;
  recreated: boolean;
  fields: FieldLine[];
  /** A layout change in words ("moved 80 px right"), instead of fields. */
  says: string | null;
}

export type GroupId = "process" | "lanes" | "nodes" | "flows" | "layout";

export interface ChangeGroup {
  id: GroupId;
  title: string;
  rows: ChangeRow[];
}

const GROUP_TITLES: Record<GroupId, string> = { process: "Process", lanes: "Lanes", nodes: "Nodes", flows: "Flows", layout: "Layout" };

const FIELD_LABELS: Record<DiffField, string> = {
  name: "Name",
  kind: "Kind",
  outcome: "Outcome",
  category: "Category",
  owner: "Owner",
  type: "Type",
  team: "Team",
  trigger: "Trigger",
  output: "Output",
  position: "Position",
  assignee: "Assignee",
  duration: "Duration",
  sla: "SLA",
  description: "Description",
  outputs: "Sets",
  gateway: "Gateway",
  interrupting: "Non-interrupting",
  host: "Attached to",
  task: "Task type",
  message: "Message",
  repeat: "Repeats",
  sub: "Sub-process kind",
  expanded: "Drawn open",
  parent: "Inside sub-process",
  partner: "Partner pool",
  collection: "Collection",
  direction: "Direction",
  process: "Calls",
  version: "Version",
  source: "From",
  target: "To",
  label: "Label",
  condition: "Condition",
  default: "Default flow",
  distribution: "Duration spread",
  cost: "Cost per hour",
  probability: "Probability",
  simulation: "Simulation settings",
  generated: "Generated data",
};

const LAYOUT_LABELS: Record<LayoutItem, string> = { node_bounds: "Position", lane_height: "Height", waypoints: "Bend points" };

/** Fields the title already says for an element that only exists on one side. */
const IMPLIED_BY_TITLE = new Set<DiffField>(["name", "kind", "gateway", "source", "target"]);

/** The semantic changes grouped as the list shows them: process (and variables), lanes, nodes, flows. */
export function changeGroups(diff: Diff): ChangeGroup[] {
  const rows: Record<Exclude<GroupId, "layout">, ChangeRow[]> = { process: [], lanes: [], nodes: [], flows: [] };
  diff.changes.forEach((change, i) => rows[groupOf(change)].push(changeRow(change, `c${i}`)));
  if (diff.lane_order) {
    rows.lanes.unshift({
      key: "lane-order",
      status: "changed",
      elementId: null,
      ids: [],
      title: "Lane order",
      kind: "top to bottom",
      lane: null,
      recreated: false,
      fields: [{ label: "Order", old: diff.lane_order.old.join(", "), new: diff.lane_order.new.join(", ") }],
      says: null,
    });
  }
  return (Object.keys(rows) as Array<keyof typeof rows>)
    .filter((id) => rows[id].length > 0)
    .map((id) => ({ id, title: GROUP_TITLES[id], rows: rows[id] }));
}

/** Layout-only changes (positions, lane heights, bend points), listed apart. */
export function layoutGroup(diff: Diff): ChangeGroup | null {
  if (diff.layout.length === 0) return null;
  const rows = diff.layout.map(
    (change, i): ChangeRow => ({
      key: `l${i}`,
      status: "layout",
      elementId: change.id,
      ids: [change.id],
      title: change.name,
      kind: LAYOUT_LABELS[change.item].toLowerCase(),
      lane: null,
      recreated: false,
      fields: [],
      says: change.says,
    }),
  );
  return { id: "layout", title: GROUP_TITLES.layout, rows };
}

/** "10 added · 1 changed", statuses in a fixed order; "No changes" when there are none. */
export function changeSummary(diff: Diff): string {
  const order: DiffStatus[] = ["added", "removed", "changed", "moved"];
  const counts = new Map<DiffStatus, number>();
  for (const change of diff.changes) counts.set(change.status, (counts.get(change.status) ?? 0) + 1);
  if (diff.lane_order) counts.set("changed", (counts.get("changed") ?? 0) + 1);
  const parts = order.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  return parts.length > 0 ? parts.join(" · ") : "No changes";
}

function groupOf(change: ElementChange): Exclude<GroupId, "layout"> {
  switch (change.element) {
    case "lane":
    case "pool":
      return "lanes";
    case "node":
    case "artifact":
      return "nodes";
    case "flow":
    case "message":
    case "association":
      return "flows";
    default:
      return "process";
  }
}

function changeRow(change: ElementChange, key: string): ChangeRow {
  const fields: FieldLine[] = [];
  const oneSided = change.status === "added" || change.status === "removed";
  for (const f of change.fields) {
    if (oneSided && IMPLIED_BY_TITLE.has(f.field)) continue;
    fields.push({ label: FIELD_LABELS[f.field] ?? f.field, old: shown(f.field, f.old), new: shown(f.field, f.new) });
  }
  const id = canvasId(change);
  const ids = [change.old_id, change.new_id].filter((x): x is string => x !== null);
  return {
    key,
    status: change.status,
    elementId: id,
    ids: [...new Set(ids)],
    title: change.name,
    kind: change.kind,
    lane: change.element === "node" ? change.lane : null,
    recreated: change.recreated,
    fields,
    says: change.moved ? `moved into lane ${change.moved.to_name} (from ${change.moved.from_name})` : null,
  };
}

/** A typed field value as the change list shows it: flags as yes/no, durations in words. */
function shown(field: DiffField, value: FieldValue | null): string | null {
  if (value === null) return null;
  if (typeof value === "boolean") return field === "default" ? (value ? "yes" : "no") : String(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return value.text;
  return value;
}
