import type { Backend } from "../backend";
import type { Engine } from "../generated/Engine";
import type { ExportFormat } from "../generated/ExportFormat";
import "./export.css";

/** The version an export is made of: the one on the canvas. */
export interface ExportTarget {
  id: string;
  version: number;
  name: string;
}

/** One entry of the menu; a BPMN entry for an engine names it. */
interface Choice {
  format: ExportFormat;
  engine?: Engine;
  label: string;
  hint: string;
}

const CHOICES: Choice[] = [
  { format: "svg", label: "SVG image", hint: "the diagram, for slides and documents" },
  { format: "png", label: "PNG image", hint: "the diagram as a picture" },
  { format: "markdown", label: "Markdown handbook", hint: "workflows, steps, decisions, history" },
  { format: "html", label: "HTML handbook", hint: "one page with the diagram, to share or print" },
  { format: "bpmn", label: "BPMN 2.0", hint: "plain, for bpmn.io and other modellers" },
  { format: "bpmn", engine: "spiffworkflow", label: "BPMN for SpiffWorkflow", hint: "conditions in Python, ready to run" },
  { format: "bpmn", engine: "camunda8", label: "BPMN for Camunda 8", hint: "FEEL conditions, user tasks for their role's group" },
  { format: "bpmn", engine: "camunda7", label: "BPMN for Camunda 7", hint: "JUEL conditions, candidate groups from roles" },
  { format: "bpmn", engine: "bpmn-engine", label: "BPMN for bpmn-engine", hint: "JavaScript conditions, for Node.js" },
];

/**
 * File ▸ Export in the top bar: a menu of pictures and handbooks of the version on the canvas.
 * The shell asks where to save (the platform's own dialog) and writes the file whole.
 */
export class ExportMenu {
  private readonly button: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly items: HTMLButtonElement[] = [];

  constructor(
    toolbar: HTMLElement,
    private readonly backend: Backend,
    private readonly target: () => ExportTarget | null,
    private readonly report: (message: string, error?: unknown) => void,
  ) {
    const wrap = document.createElement("div");
    wrap.className = "export-menu";
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "toolbar-button";
    this.button.id = "export-toggle";
    const shortcut = document.createElement("kbd");
    shortcut.textContent = "Ctrl+E";
    this.button.append("Export ▾ ", shortcut);
    this.button.title = "Export the version on the canvas as a picture or a handbook (Ctrl+E)";
    this.button.setAttribute("aria-keyshortcuts", "Control+E");
    this.button.setAttribute("aria-haspopup", "menu");
    this.button.setAttribute("aria-expanded", "false");
    this.button.setAttribute("aria-controls", "export-list");
    this.button.disabled = true;
    this.menu = document.createElement("div");
    this.menu.id = "export-list";
    this.menu.className = "export-list";
    this.menu.setAttribute("role", "menu");
    this.menu.setAttribute("aria-label", "Export");
    this.menu.hidden = true;
    for (const choice of CHOICES) {
      const item = document.createElement("button");
      item.type = "button";
      item.setAttribute("role", "menuitem");
      item.dataset.format = choice.format;
      if (choice.engine) item.dataset.engine = choice.engine;
      item.tabIndex = -1;
      const label = document.createElement("span");
      label.className = "export-label";
      label.textContent = choice.label;
      const hint = document.createElement("span");
      hint.className = "export-hint";
      hint.textContent = choice.hint;
      item.append(label, hint);
      item.addEventListener("click", () => void this.run(choice));
      this.items.push(item);
      this.menu.append(item);
    }
    wrap.append(this.button);
    toolbar.prepend(wrap);
    // The top bar clips what overflows it, so the list floats over the page from the body.
    document.body.append(this.menu);
    this.button.addEventListener("click", () => this.setOpen(this.menu.hasAttribute("hidden")));
    this.menu.addEventListener("keydown", (event) => this.onKey(event));
    document.addEventListener("pointerdown", (event) => {
      const on = event.target as Node;
      if (!wrap.contains(on) && !this.menu.contains(on)) this.setOpen(false);
    });
    window.addEventListener("resize", () => this.setOpen(false));
  }

  /** Opens the list from the keyboard (Ctrl+E in the app's keymap); false while exporting is off. */
  open(): boolean {
    if (this.button.disabled) return false;
    this.setOpen(true);
    return true;
  }

  /** Whether a version is on the canvas to export. */
  get enabled(): boolean {
    return !this.button.disabled;
  }

  /** File ▸ Export ▸ a format in the native menu: the same export as the entry of this list. */
  async exportAs(format: ExportFormat, engine?: Engine): Promise<void> {
    const choice = CHOICES.find((c) => c.format === format && c.engine === engine);
    if (!this.enabled) return;
    await this.run(choice ?? { format, engine, label: format, hint: "" });
  }

  /** Enabled once a version is on the canvas. */
  setEnabled(enabled: boolean): void {
    this.button.disabled = !enabled;
    if (!enabled) this.setOpen(false);
  }

  private setOpen(open: boolean): void {
    if (open) {
      const at = this.button.getBoundingClientRect();
      this.menu.style.top = `${at.bottom + 4}px`;
      this.menu.style.right = `${Math.max(8, document.documentElement.clientWidth - at.right)}px`;
    }
    this.menu.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) this.items[0]?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    const at = this.items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => this.items[(to + this.items.length) % this.items.length]?.focus();
    if (event.key === "Escape") {
      this.setOpen(false);
      this.button.focus();
    } else if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(this.items.length - 1);
    else return;
    event.preventDefault();
  }

  private async run({ format, engine, label }: Choice): Promise<void> {
    this.setOpen(false);
    const target = this.target();
    if (!target) return;
    const what = `${target.name} v${target.version} as ${label}`;
    this.report(`Exporting ${what}…`);
    try {
      const path = await this.backend.exportProcess(target.id, target.version, format, engine);
      this.report(path === null ? "Export cancelled" : `Exported ${what} to ${path}`);
    } catch (error) {
      this.report(`${what} could not be exported`, error);
    }
  }
}
