import type { Process } from "../generated/Process";
import type { ScenarioSummary } from "../generated/ScenarioSummary";
import { utcInstant } from "./fields";
import { readData, variableInput, type VariableInput } from "./fieldInputs";

export interface StartActions {
  /** `toEnd`: fire every step that needs no choice at once (Run); else one at a time (Step through). */
  start(data: Record<string, unknown>, start: string, toEnd: boolean): void;
  replay(name: string): void;
}

/**
 * The start of simulation mode: instance data typed from the declared variables, the UTC start,
 * and the saved scenarios. Enter runs the instance (Run); Step through starts it for stepping.
 */
export class StartPanel {
  private inputs: VariableInput[] = [];
  private readonly form = document.createElement("form");
  private readonly scenarios = document.createElement("ul");
  private readonly error = document.createElement("p");

  constructor(
    readonly element: HTMLElement,
    private readonly actions: StartActions,
  ) {
    element.id = "sim-start";
    element.className = "sim-start";
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit(true);
    });
    this.error.className = "sim-error";
    this.error.setAttribute("role", "alert");
    this.scenarios.id = "scenario-list";
    this.scenarios.className = "scenario-list";
  }

  show(process: Process, today: string): void {
    this.inputs = process.info.variables.map((v) => variableInput(v, "sim-var"));
    const when = document.createElement("div");
    when.className = "sim-when";
    when.innerHTML = `<label class="sim-field"><span class="sim-field-name">Start date</span><input type="date" id="sim-start-date" required></label>
      <label class="sim-field"><span class="sim-field-name">Time (UTC)</span><input type="time" id="sim-start-time" value="09:00" required></label>`;
    when.querySelector<HTMLInputElement>("#sim-start-date")!.value = today;
    const heading = document.createElement("h3");
    heading.className = "panel-title";
    heading.textContent = "Instance data";
    const fields = document.createElement("div");
    fields.className = "sim-fields";
    fields.append(...this.inputs.map((i) => i.element));
    if (this.inputs.length === 0) fields.textContent = "This process declares no variables.";
    const run = document.createElement("button");
    run.type = "submit";
    run.id = "sim-run-to-end";
    run.className = "primary-button";
    run.textContent = "Run";
    run.title = "Run the instance to its end, stopping where a choice is needed (Enter)";
    const step = document.createElement("button");
    step.type = "button";
    step.id = "sim-step-through";
    step.className = "panel-button";
    step.textContent = "Step through";
    step.title = "Start the instance and fire its steps one at a time";
    step.addEventListener("click", () => this.submit(false));
    const buttons = document.createElement("div");
    buttons.className = "sim-start-buttons";
    buttons.append(run, step);
    this.error.hidden = true;
    this.form.replaceChildren(heading, fields, when, this.error, buttons);
    const scenarioTitle = document.createElement("h3");
    scenarioTitle.className = "panel-title";
    scenarioTitle.textContent = "Scenarios";
    this.scenarios.replaceChildren();
    this.element.replaceChildren(this.form, scenarioTitle, this.scenarios);
    this.element.hidden = false;
  }

  showScenarios(scenarios: ScenarioSummary[] | string): void {
    if (typeof scenarios === "string") {
      this.scenarios.innerHTML = `<li class="scenario-empty"></li>`;
      this.scenarios.firstElementChild!.textContent = scenarios;
      return;
    }
    this.scenarios.replaceChildren(
      ...scenarios.map((s) => {
        const item = document.createElement("li");
        item.dataset.scenario = s.name;
        const text = document.createElement("span");
        text.className = "scenario-name";
        text.textContent = s.name;
        const meta = document.createElement("span");
        meta.className = "scenario-meta";
        meta.textContent = `v${s.version} · ${s.steps} steps · ${s.author}`;
        const replay = document.createElement("button");
        replay.type = "button";
        replay.className = "scenario-replay";
        replay.textContent = "Replay";
        replay.addEventListener("click", () => this.actions.replay(s.name));
        item.append(text, meta, replay);
        return item;
      }),
    );
    if (scenarios.length === 0) this.showScenarios("No scenarios saved for this process yet.");
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  focus(): void {
    this.form.querySelector<HTMLElement>("input, button")?.focus();
  }

  /** Focuses the first field with its value selected, so the next run is "type the new value, Enter". */
  focusData(): void {
    const first = this.form.querySelector<HTMLInputElement>(".sim-fields input, input");
    first?.focus();
    if (first && first.type !== "checkbox") first.select();
  }

  private submit(toEnd: boolean): void {
    const read = readData(this.inputs);
    if ("error" in read) return this.showError(read.error);
    const date = this.form.querySelector<HTMLInputElement>("#sim-start-date")!.value;
    const time = this.form.querySelector<HTMLInputElement>("#sim-start-time")!.value;
    const start = utcInstant(date, time);
    if (!start) return this.showError("Enter the start date and time (UTC).");
    this.error.hidden = true;
    this.actions.start(read.data, start, toEnd);
  }
}
