import type { Action } from "../generated/Action";
import type { Instance } from "../generated/Instance";
import type { Names } from "../names";
import { actionLabel, choiceReasons, takesSeveral, wayName } from "./describe";
import { readData, tookInput, variableInput } from "./fieldInputs";

/**
 * The enabled actions of the shown state (`#sim-actions [data-action-index]`). A gateway choice
 * says why the user must choose; a task asks for the variables it decides (its outputs) and how
 * long it takes this time (empty: as planned), which lets a trainer run it past a boundary timer.
 */
export class ActionList {
  constructor(
    readonly element: HTMLElement,
    private readonly fire: (action: Action) => void,
  ) {
    element.id = "sim-actions";
    element.className = "sim-actions";
  }

  /** The actions of a state, its steps and flows called by `names` (the core's labels). */
  show(instance: Instance, enabled: readonly Action[], names: Names): void {
    const choice = enabled.find((a) => a.take !== undefined);
    const rows: HTMLElement[] = [];
    const several = choice !== undefined && (choice.path ?? []).length === 0 && takesSeveral(instance.definition, choice.node);
    if (choice) {
      const why = document.createElement("div");
      why.className = "sim-choice";
      why.dataset.choice = choice.node;
      const reasons = choiceReasons(choice);
      why.innerHTML = `<p class="sim-choice-title"></p><ul></ul>`;
      why.querySelector("p")!.textContent = several
        ? "The conditions do not decide; choose one or more ways out:"
        : "The conditions do not decide; choose the way out:";
      why.querySelector("ul")!.replaceChildren(...reasons.map((r) => Object.assign(document.createElement("li"), { textContent: r })));
      rows.push(why);
      if (several) rows.push(this.waySet(instance, names, choice, enabled));
    }
    enabled.forEach((action, index) => {
      if (!several || action.node !== choice?.node) rows.push(this.row(instance, names, action, index));
    });
    if (enabled.length === 0) rows.push(Object.assign(document.createElement("p"), { className: "sim-none", textContent: "Nothing can fire." }));
    this.element.replaceChildren(...rows);
  }

  /** Fires the first action at `node`, unless there is a choice to make there. */
  fireAt(node: string): boolean {
    const buttons = [...this.element.querySelectorAll<HTMLButtonElement>(`[data-node="${CSS.escape(node)}"] .sim-fire`)];
    if (buttons.length !== 1) {
      buttons[0]?.focus();
      return false;
    }
    buttons[0]!.click();
    return true;
  }

  /**
   * An inclusive gateway's ways out as checkboxes (`.sim-way`) and one "Take these ways" button,
   * disabled while none is ticked; fires one action taking every ticked way.
   */
  private waySet(instance: Instance, names: Names, choice: Action, enabled: readonly Action[]): HTMLElement {
    const set = document.createElement("fieldset");
    set.className = "sim-ways";
    set.dataset.node = choice.node;
    const ways = enabled.filter((a) => a.node === choice.node).flatMap((a) => a.take ?? []);
    const boxes = ways.map((way) => {
      const box = Object.assign(document.createElement("input"), { type: "checkbox", className: "sim-way", value: way });
      const label = document.createElement("label");
      label.append(box, ` ${wayName(instance.definition, names, way)}`);
      set.append(label);
      return box;
    });
    const take = Object.assign(document.createElement("button"), { type: "button", className: "sim-fire sim-take-ways", textContent: "Take these ways", disabled: true });
    const ticked = () => boxes.filter((b) => b.checked).map((b) => b.value);
    for (const box of boxes) box.addEventListener("change", () => (take.disabled = ticked().length === 0));
    take.addEventListener("click", () => {
      if (ticked().length > 0) this.fire({ ...choice, take: ticked() });
    });
    set.append(take);
    return set;
  }

  private row(instance: Instance, names: Names, action: Action, index: number): HTMLElement {
    const row = document.createElement("div");
    row.className = "sim-action";
    row.dataset.actionIndex = String(index);
    row.dataset.node = action.node;
    const fire = document.createElement("button");
    fire.type = "button";
    fire.className = "sim-fire";
    fire.textContent = actionLabel(instance, names, action);
    row.append(fire);
    const node = instance.definition.nodes.find((n) => n.id === action.node);
    const top = (action.path ?? []).length === 0;
    const outputs = top && node?.kind.type === "task" ? (node.kind.outputs ?? []) : [];
    const variables = instance.definition.info.variables.filter((v) => outputs.includes(v.name));
    const inputs = variables.map((v) => variableInput(v, `sim-set-${index}`));
    if (inputs.length > 0) {
      const details = document.createElement("details");
      details.className = "sim-set";
      details.open = true;
      const summary = document.createElement("summary");
      summary.textContent = "Decides on completion";
      details.append(summary, ...inputs.map((i) => i.element));
      row.append(details);
    }
    const took = top && node?.kind.type === "task" ? tookInput(node, instance.definition, `sim-took-${index}`) : null;
    if (took) row.append(took.element);
    fire.addEventListener("click", () => {
      const read = readData(inputs);
      const time = took?.read() ?? { omit: true };
      const error = "error" in read ? read.error : "error" in time ? time.error : "";
      fire.setCustomValidity(error);
      if (error) {
        fire.reportValidity();
        return;
      }
      const set = "data" in read && Object.keys(read.data).length > 0 ? { set: read.data } : {};
      this.fire({ ...action, ...set, ...("took" in time ? { took: time.took } : {}) });
    });
    return row;
  }
}
