import type { BatchComparison } from "../generated/BatchComparison";
import type { BatchSide } from "../generated/BatchSide";
import type { StepResult } from "../generated/StepResult";
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
    ["process SLA", r.sla ? `${r.sla.target.text}: breached by ${percent(r.sla.breach_rate)}` : "none"],
    ["cost", `${r.cost.per_instance.toFixed(2)} per instance`],
  ];
  box.append(element("h3", "batch-summary-title", `${r.process} ${side.label}`));
  const list = element("dl", "batch-facts");
  for (const [term, value] of facts) list.append(element("dt", undefined, term), element("dd", undefined, value));
  box.append(list, element("p", "batch-parameters", `Parameters: ${side.parameters}`));
  if (side.unused.length > 0) box.append(element("p", "batch-parameters", `Not in ${side.label}: ${side.unused.join(", ")}`));
  return box;
}

/** A column of the step table: its title and the value it sorts by (text or number). */
interface StepColumn {
  title: string;
  numeric: boolean;
  value: (step: StepResult) => string | number;
  show: (step: StepResult) => string;
}

const STEP_COLUMNS: StepColumn[] = [
  { title: "step", numeric: false, value: (s) => s.name, show: (s) => s.name },
  { title: "role", numeric: false, value: (s) => s.role, show: (s) => s.role },
  { title: "count", numeric: true, value: (s) => s.count, show: (s) => String(s.count) },
  { title: "waiting", numeric: true, value: (s) => s.waiting_hours, show: (s) => hours(s.waiting_hours) },
  { title: "working", numeric: true, value: (s) => s.working_hours, show: (s) => hours(s.working_hours) },
  { title: "SLA breach", numeric: true, value: (s) => s.breach_rate ?? -1, show: (s) => percent(s.breach_rate) },
];

/** How the step table is sorted: the core's flow order, or by a column (numbers largest first). */
export type StepSort = { column: null } | { column: number; descending: boolean };

/** The steps in `sort` order; ties keep flow order. */
export function sortSteps(steps: readonly StepResult[], sort: StepSort): StepResult[] {
  if (sort.column === null) return [...steps];
  const column = STEP_COLUMNS[sort.column]!;
  const sign = sort.descending ? -1 : 1;
  const compare = (a: string | number, b: string | number) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)));
  return [...steps].sort((a, b) => sign * compare(column.value(a), column.value(b)));
}

/** The next sort after clicking column `index`: numbers largest first, text A–Z, a third click back to flow order. */
export function nextSort(sort: StepSort, index: number): StepSort {
  const first = STEP_COLUMNS[index]!.numeric;
  if (sort.column !== index) return { column: index, descending: first };
  if (sort.descending === first) return { column: index, descending: !first };
  return { column: null };
}

/** Steps with waiting, working and SLA breach rate, in flow order; a column header sorts by it. */
export function stepTable(side: BatchSide): HTMLTableElement {
  const table = element("table", "batch-table");
  table.id = "batch-steps";
  const head = element("tr");
  const body = table.createTBody();
  let sort: StepSort = { column: null };
  const render = () => {
    table.dataset.sort = sort.column === null ? "flow" : `${STEP_COLUMNS[sort.column]!.title} ${sort.descending ? "descending" : "ascending"}`;
    head.querySelectorAll("th").forEach((th, i) => th.setAttribute("aria-sort", sort.column !== i ? "none" : sort.descending ? "descending" : "ascending"));
    body.replaceChildren(
      ...sortSteps(side.result.steps, sort).map((step) => {
        const row = element("tr");
        row.append(...STEP_COLUMNS.map((c) => element("td", c.numeric ? "number" : undefined, c.show(step))));
        return row;
      }),
    );
  };
  STEP_COLUMNS.forEach((column, i) => {
    const th = element("th", column.numeric ? "number" : undefined);
    const button = element("button", "batch-sort", column.title);
    button.type = "button";
    button.title = `Sort by ${column.title}; a third click returns to flow order`;
    button.addEventListener("click", () => {
      sort = nextSort(sort, i);
      render();
    });
    th.append(button);
    head.append(th);
  });
  table.createTHead().append(head);
  render();
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
