import type { Backend, Conflict, Fate, MergeView, Side, VersionInfo } from "../backend";
import { toCommandError } from "../backend";
import { element } from "../panels/dom";
import { DependentsChoice, deletingSide, fateOf, initialPick, pickReady, type DependentsPick } from "./dependentsChoice";

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

/** Choices made on screen for one merge, by conflict number. */
interface Picked {
  sides: Map<number, Side>;
  /** For conflicts whose deletion takes other elements along: keep them where, or delete them. */
  dependents: Map<number, DependentsPick>;
}

/** Whether a conflict still needs input: a side, or (deletion picked) a confirmation. */
function missing(conflict: Conflict, picked: Picked): boolean {
  const side = picked.sides.get(conflict.number);
  if (!side) return true;
  const pick = picked.dependents.get(conflict.number);
  return side === deletingSide(conflict) && pick !== undefined && !pickReady(conflict, pick);
}

/**
 * The merge panel: each waiting merge's conflicts side by side (mine | theirs), one choice per
 * conflict, and Save merge once every conflict has one. A deletion that takes other elements
 * along names them, and picking it asks what becomes of them (`DependentsChoice`). The choices
 * go to the core, which saves the merge as the next version; nothing is merged here.
 */
export class ConflictView {
  /** Choices made on screen, by process id. */
  private readonly picked = new Map<string, Picked>();

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
    const picked = this.picked.get(merge.process) ?? { sides: new Map<number, Side>(), dependents: new Map<number, DependentsPick>() };
    this.picked.set(merge.process, picked);
    for (const c of merge.conflicts) {
      if (c.choice && !picked.sides.has(c.number)) picked.sides.set(c.number, c.choice);
      if (c.dependents.length > 0 && !picked.dependents.has(c.number)) picked.dependents.set(c.number, initialPick(c));
    }

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
      const open = merge.conflicts.filter((c) => missing(c, picked)).length;
      save.disabled = open > 0;
      status.textContent = open > 0 ? `${open} of ${merge.conflicts.length} still to choose or confirm` : "";
    };
    for (const conflict of merge.conflicts) list.append(this.renderConflict(conflict, merge, picked, refresh));
    save.addEventListener("click", () => void this.save(merge, picked, save, status));
    refresh();
    section.append(title, intro);
    if (open > 0) section.append(header, list);
    section.append(save, status);
    return section;
  }

  private renderConflict(conflict: Conflict, merge: MergeView, picked: Picked, changed: () => void): HTMLLIElement {
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
    const pick = picked.dependents.get(conflict.number);
    const dependents =
      pick &&
      new DependentsChoice(conflict, merge.lanes, pick, (next) => {
        picked.dependents.set(conflict.number, next);
        changed();
      });
    for (const side of ["mine", "theirs"] as const) {
      const value = side === "mine" ? conflict.mine : conflict.theirs;
      const option = element("button", "sync-option");
      option.type = "button";
      option.dataset.side = side;
      option.setAttribute("role", "radio");
      option.append(element("span", "sync-option-value", sideValue(value, conflict.field)));
      if (value === null) option.classList.add("sync-option-deleted");
      option.addEventListener("click", () => {
        picked.sides.set(conflict.number, side);
        for (const o of options) o.setAttribute("aria-checked", String(o === option));
        item.dataset.choice = side;
        dependents?.render(side === deletingSide(conflict));
        changed();
      });
      options.push(option);
      group.append(option);
    }
    const choice = picked.sides.get(conflict.number);
    for (const o of options) o.setAttribute("aria-checked", String(o.dataset.side === choice));
    if (choice) item.dataset.choice = choice;
    item.append(title, group);
    if (dependents) {
      dependents.render(choice !== undefined && choice === deletingSide(conflict));
      item.append(dependents.element);
    }
    return item;
  }

  private async save(merge: MergeView, picked: Picked, button: HTMLButtonElement, status: HTMLElement): Promise<void> {
    button.disabled = true;
    status.textContent = "Saving the merge…";
    const fates: [number, Fate][] = [];
    for (const c of merge.conflicts) {
      const pick = picked.dependents.get(c.number);
      const fate = pick && picked.sides.get(c.number) === deletingSide(c) ? fateOf(c, pick) : null;
      if (fate) fates.push([c.number, fate]);
    }
    try {
      const outcome = await this.backend.resolveMerge(merge.process, [...picked.sides.entries()], fates);
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
