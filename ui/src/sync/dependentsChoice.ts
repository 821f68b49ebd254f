import type { Conflict, Dependent, Fate, MergeView, Side } from "../backend";
import { element } from "../panels/dom";

/**
 * What a deletion takes along, in the merge panel: the conflict names the steps and flows that
 * taking the deleting side would delete with it, and once that side is picked the user either
 * keeps them (steps go to a lane picked here, by default the lane each came from) or deletes
 * them, ticking each one to confirm. Flows of a deleted step cannot be kept: only confirming
 * deletes it. The core decides what happens; this only collects the choice.
 */

/** What the user chose for a deletion's dependents. */
export type DependentsPick = { kind: "keep"; lane: string | null } | { kind: "drop"; confirmed: Set<string> };

/** The side that deleted the element of a "deleted" conflict. */
export function deletingSide(conflict: Conflict): Side | null {
  if (conflict.field !== "deleted") return null;
  if (conflict.mine === null) return "mine";
  if (conflict.theirs === null) return "theirs";
  return null;
}

/** Steps can be kept in another lane; the flows of a deleted step cannot. */
export function canKeep(conflict: Conflict): boolean {
  return conflict.element === "lane";
}

/** The choice to start from: what the core keeps, else keep (lanes) or nothing confirmed. */
export function initialPick(conflict: Conflict): DependentsPick {
  if (conflict.fate?.kind === "drop") return { kind: "drop", confirmed: new Set(conflict.dependents.map((d) => d.id)) };
  if (conflict.fate?.kind === "keep" && canKeep(conflict)) return { kind: "keep", lane: conflict.fate.lane };
  return canKeep(conflict) ? { kind: "keep", lane: null } : { kind: "drop", confirmed: new Set() };
}

/** Whether the pick is complete: a drop needs every dependent confirmed. */
export function pickReady(conflict: Conflict, pick: DependentsPick): boolean {
  return pick.kind === "keep" || conflict.dependents.every((d) => pick.confirmed.has(d.id));
}

/** The fate sent to the core, once the pick is complete. */
export function fateOf(conflict: Conflict, pick: DependentsPick): Fate | null {
  if (!pickReady(conflict, pick)) return null;
  return pick.kind === "keep" ? { kind: "keep", lane: pick.lane } : { kind: "drop" };
}

/** One of the keep / delete radio buttons of a conflict (`name` groups them). */
function fateRadio(className: string, name: string, checked: boolean): HTMLInputElement {
  const radio = element("input", className);
  radio.type = "radio";
  radio.name = name;
  radio.checked = checked;
  return radio;
}

function what(d: Dependent): string {
  return `${d.element === "node" ? "step" : "flow"} “${d.name}”`;
}

/**
 * The dependents block of one conflict: the consequence in words, and (while the deleting side
 * is picked) keep in lane [picker] / delete them with a confirmation per element.
 */
export class DependentsChoice {
  readonly element: HTMLElement;

  constructor(
    private readonly conflict: Conflict,
    private readonly lanes: MergeView["lanes"],
    private pick: DependentsPick,
    private readonly changed: (pick: DependentsPick) => void,
  ) {
    this.element = element("div", "sync-dependents");
    this.element.dataset.conflict = String(conflict.number);
    this.render(false);
  }

  /** Shows the choice while the deleting side is picked; the consequence always shows. */
  render(deletionPicked: boolean): void {
    const consequence = element("p", "sync-consequence", this.conflict.consequence ?? "");
    const choice = element("div", "sync-fate");
    choice.hidden = !deletionPicked;
    this.element.dataset.deletion = String(deletionPicked);
    const name = `sync-fate-${this.conflict.number}`;
    if (canKeep(this.conflict)) {
      choice.append(this.keepOption(name), this.dropOption(name));
    } else {
      choice.append(element("p", "sync-fate-note", "A flow cannot stay without its step: tick each one to confirm deleting it."));
    }
    choice.append(this.list());
    this.element.replaceChildren(consequence, choice);
  }

  private set(pick: DependentsPick): void {
    this.pick = pick;
    this.changed(pick);
    this.render(true);
  }

  private keepOption(name: string): HTMLElement {
    const label = element("label", "sync-fate-option");
    const radio = fateRadio("sync-keep", name, this.pick.kind === "keep");
    radio.addEventListener("change", () => this.set({ kind: "keep", lane: select.value || null }));
    const select = element("select", "sync-keep-lane");
    select.id = `sync-keep-lane-${this.conflict.number}`;
    select.setAttribute("aria-label", "Lane for the kept steps");
    const origin = element("option", "", "the lane each came from");
    origin.value = "";
    select.append(origin);
    for (const lane of this.lanes.filter((l) => l.id !== this.conflict.anchor && l.name !== this.conflict.name)) {
      const option = element("option", "", lane.name);
      option.value = lane.id;
      select.append(option);
    }
    select.value = this.pick.kind === "keep" ? (this.pick.lane ?? "") : "";
    select.addEventListener("change", () => this.set({ kind: "keep", lane: select.value || null }));
    label.append(radio, " Keep them in ", select);
    return label;
  }

  private dropOption(name: string): HTMLElement {
    const label = element("label", "sync-fate-option");
    const radio = fateRadio("sync-drop", name, this.pick.kind === "drop");
    radio.addEventListener("change", () => this.set({ kind: "drop", confirmed: new Set() }));
    label.append(radio, " Delete them (confirm each below)");
    return label;
  }

  private list(): HTMLElement {
    const list = element("ul", "sync-dependent-list");
    const pick = this.pick;
    for (const d of this.conflict.dependents) {
      const item = element("li", "sync-dependent");
      item.dataset.dependent = d.id;
      if (pick.kind === "drop") {
        const label = element("label", "sync-confirm-label");
        const box = element("input", "sync-confirm");
        box.type = "checkbox";
        box.checked = pick.confirmed.has(d.id);
        box.addEventListener("change", () => {
          const confirmed = new Set(pick.confirmed);
          if (box.checked) confirmed.add(d.id);
          else confirmed.delete(d.id);
          this.set({ kind: "drop", confirmed });
        });
        label.append(box, ` Delete ${what(d)} (${d.how})`);
        item.append(label);
      } else {
        const lane = pick.lane ? this.lanes.find((l) => l.id === pick.lane) : undefined;
        const kept = d.kept_in === null ? "" : ` → kept in ${lane ? `${lane.name} (the lane picked)` : `${d.kept_in.name} (${d.kept_in.why})`}`;
        item.textContent = `${what(d)} (${d.how})${d.element === "node" ? kept : ""}`;
      }
      list.append(item);
    }
    return list;
  }
}
