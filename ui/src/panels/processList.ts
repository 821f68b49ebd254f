import type { ProcessSummary } from "../generated/ProcessSummary";
import { element } from "./dom";
import { categoryLabel } from "./format";
import { Listbox } from "./listbox";

/** The sidebar's list of processes: a keyboard listbox with the shown process selected. */
export class ProcessList {
  private readonly listbox: Listbox<ProcessSummary>;

  constructor(list: HTMLUListElement, onChoose: (summary: ProcessSummary) => void) {
    this.listbox = new Listbox(list, { key: (s) => s.id, render: renderItem, onChoose, idPrefix: "process-option-" });
  }

  /** Archived processes go last, so the everyday ones stay at the top. */
  setProcesses(summaries: ProcessSummary[]): void {
    this.listbox.setItems([...summaries.filter((s) => !s.archived), ...summaries.filter((s) => s.archived)]);
  }

  markSelected(id: string | null): void {
    this.listbox.markSelected(id);
  }
}

function renderItem(summary: ProcessSummary): HTMLLIElement {
  const item = element("li", "process-item");
  item.dataset.processId = summary.id;
  item.title = summary.name;
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
