import type { Node } from "../generated/Node";
import { labelOf, type Names } from "../names";

/**
 * "Process › Sub-process" over the canvas while a sub-process's own plane is open: each part
 * but the last goes back to that level.
 */
export class Breadcrumb {
  private readonly nav: HTMLElement;

  constructor(
    host: HTMLElement,
    private readonly go: (plane: string | null) => void,
  ) {
    this.nav = document.createElement("nav");
    this.nav.className = "breadcrumb";
    this.nav.id = "breadcrumb";
    this.nav.setAttribute("aria-label", "Where you are");
    this.nav.hidden = true;
    host.append(this.nav);
  }

  /**
   * Shows the way from the process down to the last of `path`, each sub-process by the core's
   * label (an unnamed one as described, "event sub-process after 'Book trip'"); an empty path
   * hides it.
   */
  show(processName: string, path: readonly Node[], names: Names): void {
    this.nav.hidden = path.length === 0;
    const parts: HTMLElement[] = [];
    const levels: Array<{ id: string | null; name: string }> = [{ id: null, name: processName.trim() || "Process" }, ...path.map((n) => ({ id: n.id, name: labelOf(names, n.id) }))];
    levels.forEach((level, i) => {
      if (i > 0) parts.push(Object.assign(document.createElement("span"), { className: "breadcrumb-sep", textContent: "›" }));
      if (i === levels.length - 1) {
        const here = Object.assign(document.createElement("span"), { className: "breadcrumb-here", textContent: level.name });
        here.setAttribute("aria-current", "location");
        parts.push(here);
        return;
      }
      const back = Object.assign(document.createElement("button"), { type: "button", className: "breadcrumb-link", textContent: level.name });
      back.dataset.plane = level.id ?? "";
      back.addEventListener("click", () => this.go(level.id));
      parts.push(back);
    });
    this.nav.replaceChildren(...parts);
  }

  get element(): HTMLElement {
    return this.nav;
  }
}
