import type { MappingTable } from "../backend";
import type { MatchedBy } from "../generated/MatchedBy";
import { element, headRow } from "../panels/dom";

const HOW: Record<MatchedBy, string> = { exact: "same name", normalised: "same name, case and punctuation aside", saved: "chosen", unmapped: "unmapped" };

/** The mapping to save from the choices: every activity whose step differs from how names matched it, or that was chosen before. */
export function changedMapping(table: MappingTable, chosen: Record<string, string | null>): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const row of table.activities) {
    const step = row.activity in chosen ? chosen[row.activity]! : (row.step ?? null);
    if (row.matched_by === "saved" || step !== (row.step ?? null)) mapping[row.activity] = step;
  }
  return mapping;
}

/**
 * Which log activity is which step: a row per activity (none dropped) with how it was matched
 * and a select of the version's steps (suggestions first for an unmapped one, "no step" too);
 * Save keeps the choices with the process, and conformance and performance use them.
 */
export class MappingEditor {
  readonly root = element("section", "reality-mapping");
  private chosen: Record<string, string | null> = {};

  constructor(private readonly save: (mapping: Record<string, string | null>) => void) {}

  show(table: MappingTable): void {
    this.chosen = {};
    const unmapped = table.activities.filter((a) => a.matched_by === "unmapped").length;
    const rows = element("table", "reality-mapping-table");
    rows.append(headRow(["Activity in the log", "Step of the design", "How"]));
    for (const row of table.activities) {
      const tr = element("tr");
      tr.dataset.activity = row.activity;
      if (row.matched_by === "unmapped") tr.classList.add("unmapped");
      const select = element("select");
      select.setAttribute("aria-label", `Step for ${row.activity}`);
      select.append(new Option("— no step —", ""));
      const suggested = new Set(row.suggestions);
      for (const s of row.suggestions) select.append(new Option(`${s} (suggested)`, s));
      for (const s of table.steps) if (!suggested.has(s)) select.append(new Option(s, s));
      select.value = row.step ?? "";
      select.addEventListener("change", () => (this.chosen[row.activity] = select.value || null));
      const how = row.matched_by === "unmapped" && row.suggestions.length > 0 ? `unmapped; like ${row.suggestions.join(", ")}` : HOW[row.matched_by];
      const cells = [element("td", undefined, row.activity), element("td"), element("td", "reality-note", how)];
      cells[1]!.append(select);
      tr.append(...cells);
      rows.append(tr);
    }
    const save = element("button", "primary-button", "Save mapping");
    save.type = "button";
    save.dataset.action = "save-mapping";
    save.addEventListener("click", () => this.save(changedMapping(table, this.chosen)));
    const summary = `${table.activities.length} activities, ${unmapped} unmapped. The mapping is kept with the process for every version.`;
    this.root.replaceChildren(element("p", "reality-note", summary), rows, save);
  }
}
