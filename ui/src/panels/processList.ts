import type { ProcessSummary } from "../generated/ProcessSummary";
import { element } from "./dom";
import { categoryLabel } from "./format";

/**
 * The sidebar's list of processes, a listbox: ↑/↓ (Home/End) move the cursor, Enter or
 * Space or a click chooses. The chosen process is marked `aria-selected="true"`.
 */
export class ProcessList {
  private summaries: ProcessSummary[] = [];
  private cursor = -1;
  private selectedId: string | null = null;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly onChoose: (summary: ProcessSummary) => void,
  ) {
    list.addEventListener("click", this.onClick);
    list.addEventListener("keydown", this.onKeyDown);
    list.addEventListener("focus", () => {
      if (this.cursor < 0 && this.summaries.length > 0) this.moveCursor(Math.max(0, this.indexOf(this.selectedId)));
    });
  }

  setProcesses(summaries: ProcessSummary[]): void {
    this.summaries = summaries;
    this.list.replaceChildren(...summaries.map((s) => this.renderItem(s)));
    this.cursor = -1;
    this.list.removeAttribute("aria-activedescendant");
  }

  markSelected(id: string | null): void {
    this.selectedId = id;
    for (const item of this.items()) {
      item.setAttribute("aria-selected", String(item.dataset.processId === id));
    }
  }

  private renderItem(summary: ProcessSummary): HTMLLIElement {
    const item = element("li", "process-item");
    item.id = `process-option-${summary.id}`;
    item.dataset.processId = summary.id;
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", String(summary.id === this.selectedId));
    item.title = summary.name;

    const meta = element("span", "process-meta");
    meta.append(element("span", `category category-${summary.category}`, categoryLabel(summary.category)));
    if (summary.latest !== null) meta.append(element("span", "version", `v${summary.latest}`));
    if (summary.has_draft) meta.append(element("span", "draft", "draft"));
    item.append(element("span", "process-name", summary.name), meta);
    return item;
  }

  private items(): HTMLLIElement[] {
    return [...this.list.querySelectorAll<HTMLLIElement>("li[data-process-id]")];
  }

  private indexOf(id: string | null): number {
    return id === null ? -1 : this.summaries.findIndex((s) => s.id === id);
  }

  private moveCursor(index: number): void {
    const items = this.items();
    if (items.length === 0) return;
    this.cursor = Math.min(items.length - 1, Math.max(0, index));
    items.forEach((item, i) => item.classList.toggle("cursor", i === this.cursor));
    const current = items[this.cursor]!;
    this.list.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  }

  private choose(index: number): void {
    const summary = this.summaries[index];
    if (!summary) return;
    this.moveCursor(index);
    this.onChoose(summary);
  }

  private readonly onClick = (event: MouseEvent): void => {
    const item = (event.target as Element).closest<HTMLLIElement>("li[data-process-id]");
    if (item) this.choose(this.indexOf(item.dataset.processId ?? null));
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const last = this.summaries.length - 1;
    switch (event.key) {
      case "ArrowDown":
        this.moveCursor(this.cursor + 1);
        break;
      case "ArrowUp":
        this.moveCursor(this.cursor < 0 ? last : this.cursor - 1);
        break;
      case "Home":
        this.moveCursor(0);
        break;
      case "End":
        this.moveCursor(last);
        break;
      case "Enter":
      case " ":
        this.choose(this.cursor);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
}
