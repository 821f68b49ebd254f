import { element } from "../panels/dom";
import type { SideName } from "./sides";

export type CompareTab = "diagram" | "text";

const LEGEND: Array<[string, string, string]> = [
  ["added", "Added", "In the newer version only"],
  ["removed", "Removed", "In the older version only, drawn where it was"],
  ["changed", "Changed", "A name, value, condition or end point differs"],
  ["moved", "Moved", "Now in another lane"],
];

/**
 * The strip above the canvas in compare mode: which versions are compared, the Diagram / Text
 * tabs, the colour legend, and "Exit compare" (Escape).
 */
export class CompareBar {
  private readonly versions = element("span", "compare-versions");
  private readonly tabs: Record<CompareTab, HTMLButtonElement> = {
    diagram: element("button", "compare-tab", "Diagram"),
    text: element("button", "compare-tab", "Text"),
  };
  private readonly legend = element("ul", "compare-legend");

  constructor(
    private readonly bar: HTMLElement,
    events: { tab(tab: CompareTab): void; exit(): void },
  ) {
    const tablist = element("div", "compare-tabs");
    tablist.setAttribute("role", "tablist");
    tablist.setAttribute("aria-label", "Compare view");
    for (const tab of ["diagram", "text"] as const) {
      const button = this.tabs[tab];
      button.type = "button";
      button.id = `compare-tab-${tab}`;
      button.dataset.tab = tab;
      button.setAttribute("role", "tab");
      button.addEventListener("click", () => events.tab(tab));
      tablist.append(button);
    }
    this.tabs.diagram.setAttribute("aria-controls", "canvas-host");
    this.tabs.text.setAttribute("aria-controls", "text-diff");
    this.legend.setAttribute("aria-label", "Legend");
    for (const [status, label, hint] of LEGEND) {
      const item = element("li", `legend-item legend-${status}`);
      item.title = hint;
      item.append(element("span", "legend-swatch"), element("span", "legend-label", label));
      this.legend.append(item);
    }
    const exit = element("button", "button exit-compare");
    exit.type = "button";
    exit.id = "exit-compare";
    exit.title = "Back to the normal view (Esc)";
    exit.setAttribute("aria-keyshortcuts", "Escape");
    exit.append("Exit compare ", element("kbd", undefined, "Esc"));
    exit.addEventListener("click", () => events.exit());
    bar.replaceChildren(element("span", "compare-label", "Comparing"), this.versions, tablist, this.legend, exit);
  }

  show(old: SideName, now: SideName): void {
    const chip = (side: SideName, role: string) => {
      const c = element("span", `compare-chip compare-chip-${role}`, side.label);
      c.title = side.title;
      return c;
    };
    this.versions.replaceChildren(chip(old, "old"), element("span", "compare-arrow", "→"), chip(now, "new"));
    this.bar.hidden = false;
  }

  selectTab(tab: CompareTab): void {
    for (const [name, button] of Object.entries(this.tabs)) button.setAttribute("aria-selected", String(name === tab));
    this.legend.hidden = tab !== "diagram";
  }

  hide(): void {
    this.bar.hidden = true;
  }
}
