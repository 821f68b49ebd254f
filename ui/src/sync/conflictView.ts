import type { Backend, Conflict, MergeView, Side, VersionInfo } from "../backend";
import { toCommandError } from "../backend";
import { element } from "../panels/dom";

/** What a conflict is about, in words: `node "Collect documents" · name`. */
export function conflictTitle(conflict: Conflict): string {
  const what = conflict.field === "deleted" ? "deleted on one side, changed on the other" : conflict.field;
  return `${conflict.element} “${conflict.name}” · ${what}`;
}

/** A side's value as shown: deleted, empty, or the value. */
export function sideValue(value: string | null, field: string): string {
  if (value === null) return field === "deleted" ? "deleted" : "(empty)";
  return value;
}

/**
 * The merge panel: each waiting merge's conflicts side by side (mine | theirs), one choice per
 * conflict, and Save merge once every conflict has one. The choices go to the core, which saves
 * the merge as the next version; nothing is merged here.
 */
export class ConflictView {
  /** Choices made on screen, by process id then conflict number. */
  private readonly picked = new Map<string, Map<number, Side>>();

  constructor(
    private readonly panel: HTMLElement,
    private readonly backend: Backend,
    private readonly onSaved: (name: string, saved: VersionInfo) => void,
    private readonly onError: (message: string, error: unknown) => void,
    /** The merges on screen (none when closed), so the canvas can mark their conflicts. */
    private readonly onShown: (merges: readonly MergeView[]) => void = () => {},
    /** A conflict was clicked: show its element. */
    private readonly onFocus: (conflict: Conflict) => void = () => {},
  ) {}

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  close(): void {
    this.panel.hidden = true;
    this.onShown([]);
  }

  /** Lists the merges; closes the panel when there are none. */
  show(merges: MergeView[]): void {
    this.panel.hidden = merges.length === 0;
    const heading = element("h2", "sync-panel-title", merges.length === 1 ? "Merge" : `Merges (${merges.length})`);
    const close = element("button", "button sync-close", "Close");
    close.type = "button";
    close.addEventListener("click", () => this.close());
    const head = element("div", "sync-panel-head");
    head.append(heading, close);
    this.panel.replaceChildren(head, ...merges.map((m) => this.renderMerge(m)));
    this.onShown(merges);
  }

  private renderMerge(merge: MergeView): HTMLElement {
    const picked = this.picked.get(merge.process) ?? new Map<number, Side>();
    this.picked.set(merge.process, picked);
    for (const c of merge.conflicts) if (c.choice && !picked.has(c.number)) picked.set(c.number, c.choice);

    const section = element("section", "sync-merge");
    section.dataset.process = merge.process;
    const title = element("h3", "sync-merge-title", merge.name);
    const open = merge.conflicts.length;
    const intro = element(
      "p",
      "sync-merge-intro",
      open === 0
        ? "Both sides saved versions; every change merged on its own. Save the merge to make it a version."
        : `Both sides changed the same ${open === 1 ? "thing" : "things"}: pick mine or theirs for each, then save the merge.`,
    );
    const header = element("div", "sync-columns sync-columns-head");
    header.append(element("span", "sync-col", "Mine"), element("span", "sync-col", "Theirs"));
    const list = element("ol", "sync-conflicts");
    const save = element("button", "button button-primary sync-save", "Save merge");
    save.type = "button";
    const status = element("p", "sync-merge-status");
    status.setAttribute("role", "status");
    const refresh = () => {
      const missing = merge.conflicts.filter((c) => !picked.has(c.number)).length;
      save.disabled = missing > 0;
      status.textContent = missing > 0 ? `${missing} of ${merge.conflicts.length} still to choose` : "";
    };
    for (const conflict of merge.conflicts) list.append(this.renderConflict(conflict, picked, refresh));
    save.addEventListener("click", () => void this.save(merge, picked, save, status));
    refresh();
    section.append(title, intro);
    if (open > 0) section.append(header, list);
    section.append(save, status);
    return section;
  }

  private renderConflict(conflict: Conflict, picked: Map<number, Side>, changed: () => void): HTMLLIElement {
    const item = element("li", "sync-conflict");
    item.dataset.conflict = String(conflict.number);
    const title = element("button", "sync-conflict-title", `${conflict.number}. ${conflictTitle(conflict)}`);
    title.type = "button";
    title.title = "Show it on the canvas";
    title.addEventListener("click", () => this.onFocus(conflict));
    const group = element("div", "sync-columns");
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", conflictTitle(conflict));
    const options: HTMLButtonElement[] = [];
    for (const side of ["mine", "theirs"] as const) {
      const value = side === "mine" ? conflict.mine : conflict.theirs;
      const option = element("button", "sync-option");
      option.type = "button";
      option.dataset.side = side;
      option.setAttribute("role", "radio");
      option.append(element("span", "sync-option-value", sideValue(value, conflict.field)));
      if (value === null) option.classList.add("sync-option-deleted");
      option.addEventListener("click", () => {
        picked.set(conflict.number, side);
        for (const o of options) o.setAttribute("aria-checked", String(o === option));
        item.dataset.choice = side;
        changed();
      });
      options.push(option);
      group.append(option);
    }
    const choice = picked.get(conflict.number);
    for (const o of options) o.setAttribute("aria-checked", String(o.dataset.side === choice));
    if (choice) item.dataset.choice = choice;
    item.append(title, group);
    return item;
  }

  private async save(merge: MergeView, picked: Map<number, Side>, button: HTMLButtonElement, status: HTMLElement): Promise<void> {
    button.disabled = true;
    status.textContent = "Saving the merge…";
    try {
      const outcome = await this.backend.resolveMerge(merge.process, [...picked.entries()]);
      if (outcome.saved) {
        this.picked.delete(merge.process);
        status.textContent = `Saved as v${outcome.saved.number}.`;
        this.onSaved(merge.name, outcome.saved);
        const rest = [...this.panel.querySelectorAll<HTMLElement>(".sync-merge")].filter((s) => s.dataset.process !== merge.process);
        if (rest.length === 0) this.close();
        else this.panel.querySelector(`.sync-merge[data-process="${merge.process}"]`)?.remove();
      } else if (outcome.merge) {
        this.show([outcome.merge]);
      }
    } catch (error) {
      status.textContent = toCommandError(error).message;
      button.disabled = false;
      this.onError(`The merge of ${merge.name} could not be saved`, error);
    }
  }
}
