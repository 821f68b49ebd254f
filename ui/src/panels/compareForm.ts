import type { VersionInfo } from "../backend";
import { element } from "./dom";
import { InlineForm } from "./inlineForm";

/** The pair to compare, older first whichever way round it was picked; null for one version twice. */
export function comparedPair(a: number, b: number): [number, number] | null {
  return a === b ? null : [Math.min(a, b), Math.max(a, b)];
}

/**
 * The inline "Compare with…" form of the history panel: two version pickers (older and newer,
 * either way round) and Compare. Escape or Cancel closes it.
 */
export class CompareForm extends InlineForm {
  private readonly from = element("select", "version-select");
  private readonly to = element("select", "version-select");
  private readonly compareButton = element("button", "button button-primary", "Compare");

  constructor(
    private readonly onCompare: (from: number, to: number) => void,
    onClose: (byUser: boolean) => void,
  ) {
    super("compare-form", onClose);
    this.from.id = "compare-from";
    this.to.id = "compare-to";
    this.from.setAttribute("aria-label", "Compare from version");
    this.to.setAttribute("aria-label", "Compare to version");
    this.compareButton.type = "submit";
    const pickers = element("div", "compare-pickers");
    pickers.append(this.from, element("span", "compare-arrow", "→"), this.to);
    const buttons = element("div", "history-buttons");
    buttons.append(this.compareButton, this.cancelButton);
    this.element.append(element("span", "tag-form-label", "Compare versions"), pickers, buttons);

    for (const select of [this.from, this.to]) select.addEventListener("change", () => this.updateButton());
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      const pair = comparedPair(Number(this.from.value), Number(this.to.value));
      if (!pair) return;
      this.close(false);
      this.onCompare(...pair);
    });
  }

  /** Opens with `opened` as the newer side and the version before it (or the latest) as the other. */
  open(versions: readonly VersionInfo[], opened: number): void {
    const numbers = versions.map((v) => v.number);
    const latest = Math.max(...numbers);
    const other = opened > 1 ? opened - 1 : latest;
    const options = (select: HTMLSelectElement, chosen: number) => {
      select.replaceChildren(
        ...[...versions].reverse().map((v) => {
          const option = element("option", undefined, `v${v.number} · ${v.message || "No message"}`);
          option.value = String(v.number);
          option.selected = v.number === chosen;
          return option;
        }),
      );
    };
    options(this.from, Math.min(opened, other));
    options(this.to, Math.max(opened, other));
    this.updateButton();
    this.element.hidden = false;
    this.from.focus();
  }

  private updateButton(): void {
    const same = this.from.value === this.to.value;
    this.compareButton.disabled = same;
    this.compareButton.title = same ? "Pick two different versions" : "";
  }
}
