import type { Gaps } from "../backend";
import { element } from "../panels/dom";

/**
 * What a what-if run lacks before it can decide (decisions without probabilities, variables
 * without generated data), each with the default the core offers, and one button that runs with
 * all of them. Empty and hidden when nothing is missing.
 */
export class GapsPanel {
  readonly root = element("section", "batch-gaps");
  private readonly heading = element("h3", "batch-heading");
  private readonly list = element("ul", "batch-gap-list");
  readonly useDefaults = element("button", "button", "Run with these defaults");

  constructor(run: () => void) {
    this.root.id = "batch-gaps";
    this.root.hidden = true;
    this.root.setAttribute("aria-live", "polite");
    this.useDefaults.id = "batch-run-defaults";
    this.useDefaults.type = "button";
    this.useDefaults.addEventListener("click", run);
    const hint = element(
      "p",
      "batch-note",
      "To keep them, give the ways out of a decision a probability (select the flow) or a variable its generated data (the process's properties), then save a version.",
    );
    this.root.append(this.heading, this.list, this.useDefaults, hint);
  }

  /** Shows `gaps`; null hides the panel (not checked yet, or the check failed). */
  show(gaps: Gaps | null): void {
    this.list.replaceChildren();
    // Whether the core answered, for anyone waiting on the check (tests, assistive tools).
    this.root.dataset.checked = gaps ? "yes" : "no";
    const missing = gaps?.gaps ?? [];
    this.root.hidden = missing.length === 0;
    this.heading.textContent = `Missing to run (${missing.length})`;
    for (const gap of missing) {
      const item = element("li", "batch-gap");
      item.dataset.element = gap.element;
      item.append(
        element("strong", undefined, gap.what),
        document.createTextNode(`: ${gap.why}. `),
        element("span", "batch-gap-default", `Default: ${gap.default}.`),
      );
      this.list.append(item);
    }
  }

  get count(): number {
    return this.list.children.length;
  }
}
