import type { ProcessSummary } from "../generated/ProcessSummary";
import { element } from "./dom";
import { categoryLabel } from "./format";
import { Listbox } from "./listbox";
import { matchesFilter, parseFilter, type ProcessFilter } from "./processFilter";

/** The sidebar's filter box and the line under it that says what it shows or why it cannot. */
export interface FilterParts {
  input: HTMLInputElement;
  note: HTMLElement;
}

/**
 * The sidebar's list of processes: a keyboard listbox with the shown process selected, narrowed by
 * the filter box (`processFilter.ts`) as the user types. Filtering is over the summaries already
 * here, so it asks the shell nothing and stays instant at a thousand processes.
 */
export class ProcessList {
  private readonly listbox: Listbox<ProcessSummary>;
  private all: ProcessSummary[] = [];
  private filter: ProcessFilter = { terms: [] };

  constructor(
    list: HTMLUListElement,
    private readonly filterParts: FilterParts,
    onChoose: (summary: ProcessSummary) => void,
  ) {
    this.listbox = new Listbox(list, { key: (s) => s.id, render: renderItem, onChoose, idPrefix: "process-option-" });
    filterParts.input.addEventListener("input", () => this.setFilter(filterParts.input.value));
    filterParts.input.addEventListener("keydown", (event) => {
      // Escape clears the filter; ↓ goes on to the list, as from a search box.
      if (event.key === "Escape" && filterParts.input.value !== "") {
        filterParts.input.value = "";
        this.setFilter("");
        event.preventDefault();
      } else if (event.key === "ArrowDown") {
        list.focus();
        event.preventDefault();
      }
    });
  }

  /** Archived processes go last, so the everyday ones stay at the top. */
  setProcesses(summaries: ProcessSummary[]): void {
    this.all = [...summaries.filter((s) => !s.archived), ...summaries.filter((s) => s.archived)];
    this.show();
  }

  /** Narrows the list to what `text` matches; a text that is not a filter leaves the list as it was. */
  setFilter(text: string): void {
    const parsed = parseFilter(text);
    const { input, note } = this.filterParts;
    if ("error" in parsed) {
      input.setAttribute("aria-invalid", "true");
      note.textContent = parsed.error;
      note.hidden = false;
      return;
    }
    input.removeAttribute("aria-invalid");
    this.filter = parsed;
    this.show();
  }

  markSelected(id: string | null): void {
    this.listbox.markSelected(id);
  }

  private show(): void {
    const shown = this.filter.terms.length === 0 ? this.all : this.all.filter((s) => matchesFilter(this.filter, s));
    this.listbox.setItems(shown);
    const { note } = this.filterParts;
    note.hidden = this.filter.terms.length === 0;
    note.textContent = shown.length === 0 ? "No process matches the filter" : `${shown.length} of ${this.all.length} processes`;
  }
}

function renderItem(summary: ProcessSummary): HTMLLIElement {
  const item = element("li", "process-item");
  item.dataset.processId = summary.id;
  item.title = summary.owner === "" ? summary.name : `${summary.name} — ${summary.owner}`;
  const meta = element("span", "process-meta");
  meta.append(element("span", `category category-${summary.category}`, categoryLabel(summary.category)));
  if (summary.latest !== null) meta.append(element("span", "version", `v${summary.latest}`));
  if (summary.has_draft) meta.append(element("span", "draft", "draft"));
  if (summary.archived) {
    item.classList.add("archived");
    meta.append(element("span", "archived-badge", "archived"));
  }
  item.append(element("span", "process-name", summary.name), meta);
  return item;
}
