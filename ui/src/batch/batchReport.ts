import type { BatchComparison } from "../generated/BatchComparison";
import type { BatchSide } from "../generated/BatchSide";
import { element } from "../panels/dom";

/** `3.2 h`, `45 min` or `2.5 d`, as the CLI writes hours. */
export function hours(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} d`;
}

const percent = (rate: number | null | undefined): string => (rate === null || rate === undefined ? "–" : `${(rate * 100).toFixed(1)} %`);

/** The headline figures of one run. */
export function summary(side: BatchSide): HTMLElement {
  const r = side.result;
  const box = element("div", "batch-summary");
  box.dataset.label = side.label;
  const c = r.cycle_time;
  const facts: Array<[string, string]> = [
    ["instances", `${r.instances.counted} counted of ${r.instances.started}`],
    ["cycle time", `mean ${hours(c.mean_hours)} · p50 ${hours(c.p50_hours)} · p90 ${hours(c.p90_hours)} · p95 ${hours(c.p95_hours)} · max ${hours(c.max_hours)}`],
    ["process SLA", r.sla ? `${r.sla.target}: breached by ${percent(r.sla.breach_rate)}` : "none"],
    ["cost", `${r.cost.per_instance.toFixed(2)} per instance`],
  ];
  box.append(element("h3", "batch-summary-title", `${r.process} ${side.label}`));
  const list = element("dl", "batch-facts");
  for (const [term, value] of facts) list.append(element("dt", undefined, term), element("dd", undefined, value));
  box.append(list, element("p", "batch-parameters", `Parameters: ${side.parameters}`));
  if (side.unused.length > 0) box.append(element("p", "batch-parameters", `Not in ${side.label}: ${side.unused.join(", ")}`));
  return box;
}

/** Steps with waiting, working and SLA breach rate. */
export function stepTable(side: BatchSide): HTMLTableElement {
  const table = element("table", "batch-table");
  table.id = "batch-steps";
  const head = element("tr");
  for (const title of ["step", "role", "count", "waiting", "working", "SLA breach"]) {
    head.append(element("th", ["step", "role"].includes(title) ? undefined : "number", title));
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const step of side.result.steps) {
    const row = element("tr");
    row.append(
      element("td", undefined, step.name),
      element("td", undefined, step.role),
      element("td", "number", String(step.count)),
      element("td", "number", hours(step.waiting_hours)),
      element("td", "number", hours(step.working_hours)),
      element("td", "number", percent(step.breach_rate)),
    );
    body.append(row);
  }
  return table;
}

export function bottlenecks(side: BatchSide): HTMLElement {
  const list = element("ol", "batch-bottlenecks");
  list.id = "batch-bottlenecks";
  for (const b of side.result.bottlenecks) list.append(element("li", undefined, b.reason));
  if (side.result.bottlenecks.length === 0) list.append(element("li", undefined, "No step waits for people."));
  return list;
}

/** Headline figures side by side with the change. */
export function comparisonTable(comparison: BatchComparison): HTMLTableElement {
  const table = element("table", "batch-table");
  table.id = "batch-comparison";
  const head = element("tr");
  head.append(element("th", undefined, ""));
  for (const title of [comparison.base, comparison.other, "change"]) head.append(element("th", "number", title));
  table.createTHead().append(head);
  const body = table.createTBody();
  const value = (v: number | null) => (v === null ? "–" : Number.isInteger(v) ? String(v) : v.toFixed(2));
  const rows = [
    ...comparison.metrics.map((d) => ({ name: d.name, d })),
    ...comparison.roles.map((r) => ({ name: `utilisation: ${r.role}`, d: r.utilisation })),
  ];
  for (const { name, d } of rows) {
    const row = element("tr");
    const change = element("td", "number", d.change === null ? "–" : `${d.change > 0 ? "+" : ""}${d.change.toFixed(2)}`);
    if (d.change !== null && d.change !== 0) change.dataset.sign = d.change > 0 ? "up" : "down";
    row.append(element("td", undefined, name), element("td", "number", value(d.base)), element("td", "number", value(d.other)), change);
    body.append(row);
  }
  return table;
}
