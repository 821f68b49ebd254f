import type { Action } from "../generated/Action";
import type { Instance } from "../generated/Instance";
import { actionLabel, choiceReasons } from "./describe";
import { readData, variableInput } from "./fieldInputs";

/**
 * The enabled actions of the shown state (`#sim-actions [data-action-index]`). A gateway choice
 * says why the user must choose; a task asks for the variables it decides (its outputs).
 */
export class ActionList {
  constructor(
    readonly element: HTMLElement,
    private readonly fire: (action: Action) => void,
  ) {
    element.id = "sim-actions";
    element.className = "sim-actions";
  }

  show(instance: Instance, enabled: readonly Action[]): void {
    const choice = enabled.find((a) => a.take !== undefined);
    const rows: HTMLElement[] = [];
    if (choice) {
      const why = document.createElement("div");
      why.className = "sim-choice";
      why.dataset.choice = choice.node;
      const reasons = choiceReasons(choice);
      why.innerHTML = `<p class="sim-choice-title"></p><ul></ul>`;
      why.querySelector("p")!.textContent = "The conditions do not decide; choose the way out:";
      why.querySelector("ul")!.replaceChildren(...reasons.map((r) => Object.assign(document.createElement("li"), { textContent: r })));
      rows.push(why);
    }
    enabled.forEach((action, index) => rows.push(this.row(instance, action, index)));
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

  private row(instance: Instance, action: Action, index: number): HTMLElement {
    const row = document.createElement("div");
    row.className = "sim-action";
    row.dataset.actionIndex = String(index);
    row.dataset.node = action.node;
    const fire = document.createElement("button");
    fire.type = "button";
    fire.className = "sim-fire";
    fire.textContent = actionLabel(instance, action);
    row.append(fire);
    const node = instance.definition.nodes.find((n) => n.id === action.node);
    const outputs = node?.kind.type === "task" ? (node.kind.outputs ?? []) : [];
    const variables = instance.definition.info.variables.filter((v) => outputs.includes(v.name));
    if ((action.path ?? []).length === 0 && variables.length > 0) {
      const details = document.createElement("details");
      details.className = "sim-set";
      details.open = true;
      const summary = document.createElement("summary");
      summary.textContent = "Decides on completion";
      const inputs = variables.map((v) => variableInput(v, `sim-set-${index}`));
      details.append(summary, ...inputs.map((i) => i.element));
      row.append(details);
      fire.addEventListener("click", () => {
        const read = readData(inputs);
        if ("error" in read) {
          fire.setCustomValidity(read.error);
          fire.reportValidity();
          return;
        }
        this.fire(Object.keys(read.data).length > 0 ? { ...action, set: read.data } : action);
      });
    } else {
      fire.addEventListener("click", () => this.fire(action));
    }
    return row;
  }
}
